"""Interface words of generated pages, per language, from data/strings.yaml."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

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
