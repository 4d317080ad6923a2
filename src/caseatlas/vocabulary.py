"""Controlled vocabularies (mechanisms, themes, actor types, SDGs) and standard codes."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pycountry
import yaml


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    definition: str


@dataclass(frozen=True)
class Vocabulary:
    mechanisms: dict[str, Term]
    themes: dict[str, Term]
    actor_types: dict[str, Term]
    sdgs: dict[int, Term]

    def kind(self, name: str) -> dict[Any, Term]:
        return {"mechanism": self.mechanisms, "theme": self.themes, "actor type": self.actor_types}[name]


@cache
def load_vocabulary() -> Vocabulary:
    """The vocabularies shipped in the package's data/vocabulary.yaml."""
    raw = yaml.safe_load(resources.files("caseatlas").joinpath("data/vocabulary.yaml").read_text("utf-8"))

    def terms(key: str) -> dict[str, Term]:
        return {t["slug"]: Term(t["slug"], t["label"], " ".join(t["definition"].split())) for t in raw[key]}

    sdgs = {t["number"]: Term(str(t["number"]), t["label"], t["definition"]) for t in raw["sdgs"]}
    return Vocabulary(terms("mechanisms"), terms("themes"), terms("actor_types"), sdgs)


def did_you_mean(word: str, choices: list[str] | Any, fallback: str = "") -> str:
    """A hint naming the closest allowed word, or listing the choices."""
    choices = [str(c) for c in choices]
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return fallback or "use one of: " + ", ".join(sorted(choices))


@cache
def country_name(code: str) -> str | None:
    """Common English name for an ISO 3166-1 alpha-2 code, or None if there is no such country."""
    c = pycountry.countries.get(alpha_2=code)
    return (getattr(c, "common_name", None) or c.name) if c else None


@cache
def subdivision_name(code: str) -> str | None:
    s = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    return s.name if s else None


@cache
def is_currency(code: str) -> bool:
    return pycountry.currencies.get(alpha_3=code) is not None


@cache
def is_language(tag: str) -> bool:
    """True when the primary subtag of a BCP 47 tag is an ISO 639 language."""
    primary = tag.split("-")[0].lower()
    if len(primary) == 2:
        return pycountry.languages.get(alpha_2=primary) is not None
    return pycountry.languages.get(alpha_3=primary) is not None


@cache
def language_name(tag: str) -> str | None:
    """The English name of the language of a BCP 47 tag ("id" → "Indonesian"), or None."""
    primary = tag.split("-")[0].lower()
    lang = pycountry.languages.get(**{"alpha_2" if len(primary) == 2 else "alpha_3": primary})
    return str(lang.name) if lang is not None else None
