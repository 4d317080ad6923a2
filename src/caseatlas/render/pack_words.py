"""Interface words of the course pack, calendar and module downloads (data/pack_strings.yaml), per language."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from caseatlas.content.modules import Module


@cache
def _all_words() -> dict[str, dict[str, Any]]:
    return dict(yaml.safe_load(resources.files("caseatlas").joinpath("data/pack_strings.yaml").read_text("utf-8")))


def pack_words(lang: str) -> dict[str, Any]:
    """The words in `lang`, English key by key where one is missing."""
    words = dict(_all_words()["en"])
    words.update(_all_words().get(lang.split("-")[0], {}))
    return words


def has_calendar(module: Module) -> bool:
    """Whether the module states the dates and time zone a calendar needs."""
    return bool(module.data.get("start_date") and module.data.get("timezone"))
