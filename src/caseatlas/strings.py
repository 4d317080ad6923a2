"""Interface words of generated pages, per language, from data/strings.yaml."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from babel import Locale

from .vocabulary import language_name

DEFAULT_LANGUAGE = "en"


@cache
def _all() -> dict[str, dict[str, Any]]:
    text = resources.files("caseatlas").joinpath("data/strings.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def languages() -> list[str]:
    return list(_all())


def strings(lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The words for `lang`, falling back to English key by key."""
    merged = dict(_all()[DEFAULT_LANGUAGE])
    merged.update(_all().get(lang, {}))
    return merged


def counted(t: dict[str, Any], key: str, n: int) -> str:
    """`t[key]` for the number n in the plural form CLDR gives n in the page's language (Babel): English
    uses `key_one` for 1 ("1 case"); Chinese and Indonesian have one form for every number."""
    form = Locale.parse(str(t.get("number_locale", DEFAULT_LANGUAGE))).plural_form(n)
    return str(t.get(f"{key}_{form}", t[key])).format(n=n)


def language_label(tag: str, t: dict[str, Any]) -> str:
    """A language's name in the words `t` of the interface, e.g. "id" → "Indonesian"."""
    primary = tag.split("-")[0].lower()
    return str(t.get("language_names", {}).get(primary) or language_name(tag) or tag)
