"""Interface words of generated pages, per language, from data/strings.yaml."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from caseatlas.core.vocabulary import language_name

DEFAULT_LANGUAGE = "en"


LANGUAGES_ENV = "CASEATLAS_LANGUAGES"


def extra_language_dir() -> Path | None:
    """A folder of languages added as data outside the package (`strings.<lang>.yaml`, `vocabulary.<lang>.yaml`),
    named by the environment variable CASEATLAS_LANGUAGES: a language can be tried, or tested, without code."""
    folder = os.environ.get(LANGUAGES_ENV)
    return Path(folder) if folder else None


@cache
def _all() -> dict[str, dict[str, Any]]:
    text = resources.files("caseatlas").joinpath("data/strings.yaml").read_text("utf-8")
    words = dict(yaml.safe_load(text))
    extra = extra_language_dir()
    if extra is not None and extra.is_dir():
        for path in sorted(extra.glob("strings.*.yaml")):
            lang = path.name.removeprefix("strings.").removesuffix(".yaml")
            mapping = yaml.safe_load(path.read_text("utf-8"))
            if isinstance(mapping, dict):
                words.setdefault(lang, {}).update(mapping)
    return words


def languages() -> list[str]:
    return list(_all())


def strings(lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The words for `lang`, falling back to English key by key."""
    merged = dict(_all()[DEFAULT_LANGUAGE])
    merged.update(_all().get(lang, {}))
    merged["_lang"] = lang
    return merged


def counted(t: dict[str, Any], key: str, n: int) -> str:
    """`t[key]` for the number n in the plural form CLDR gives n in the page's language (Babel): English
    uses `key_one` for 1 ("1 case"); Chinese and Indonesian have one form for every number."""
    form = Locale.parse(str(t.get("number_locale", DEFAULT_LANGUAGE))).plural_form(n)
    return str(t.get(f"{key}_{form}", t[key])).format(n=n)


def language_label(tag: str, t: dict[str, Any]) -> str:
    """A language's name in the words `t` of the interface, e.g. "id" → "Indonesian", "es" → "西班牙文" on the
    Chinese site: strings.yaml's `language_names` first, then the CLDR names (Babel) in the reader's language."""
    primary = tag.split("-")[0].lower()
    own = t.get("language_names", {}).get(primary)
    if own:
        return str(own)
    try:
        name = Locale.parse(str(t.get("_lang", DEFAULT_LANGUAGE)).replace("-", "_")).languages.get(primary)
    except (ValueError, UnknownLocaleError):
        name = None
    return str(name or language_name(tag) or tag)
