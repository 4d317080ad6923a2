"""Controlled vocabularies (mechanisms, themes, actor types, SDGs) and standard codes."""

from __future__ import annotations

import difflib
import gettext
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
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
def load_vocabulary(lang: str = "en") -> Vocabulary:
    """The vocabularies shipped in the package's data/vocabulary.yaml, with labels and definitions
    in `lang` from data/vocabulary.<lang>.yaml where it has them (English otherwise)."""
    data = resources.files("caseatlas").joinpath("data")
    raw = yaml.safe_load(data.joinpath("vocabulary.yaml").read_text("utf-8"))
    local_file: Any = data.joinpath(f"vocabulary.{lang}.yaml")
    extra = os.environ.get("CASEATLAS_LANGUAGES")  # languages added as data outside the package (see strings.py)
    if not local_file.is_file() and extra:
        local_file = Path(extra) / f"vocabulary.{lang}.yaml"
    local: dict[str, Any] = yaml.safe_load(local_file.read_text("utf-8")) if lang != "en" and local_file.is_file() else {}

    def term(key: str, slug: Any, t: dict[str, Any]) -> Term:
        own = (local.get(key) or {}).get(slug) or {}
        return Term(str(slug), own.get("label", t["label"]), " ".join(own.get("definition", t["definition"]).split()))

    def terms(key: str) -> dict[str, Term]:
        return {t["slug"]: term(key, t["slug"], t) for t in raw[key]}

    sdgs = {t["number"]: term("sdgs", t["number"], t) for t in raw["sdgs"]}
    return Vocabulary(terms("mechanisms"), terms("themes"), terms("actor_types"), sdgs)


def did_you_mean(word: str, choices: list[str] | Any, fallback: str = "") -> str:
    """A hint naming the closest allowed word, or listing the choices."""
    choices = [str(c) for c in choices]
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return fallback or "use one of: " + ", ".join(sorted(choices))


@cache
def _iso(domain: str, lang: str) -> gettext.NullTranslations:
    """pycountry's translations of ISO 3166 names (from the iso-codes project) into `lang`."""
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang.replace("-", "_")], fallback=True)


# Where a language's official usage differs from the iso-codes translation: Indonesian
# official usage writes Tiongkok for China (Presidential Decree 12/2014).
_COUNTRY_OVERRIDES = {("id", "CN"): "Tiongkok"}


@cache
def country_name(code: str, lang: str = "en") -> str | None:
    """Name of an ISO 3166-1 alpha-2 code in `lang` (common English name for en), or None if there is no such country."""
    c = pycountry.countries.get(alpha_2=code)
    if not c:
        return None
    if lang == "en":
        return getattr(c, "common_name", None) or c.name
    return _COUNTRY_OVERRIDES.get((lang, code)) or _iso("iso3166-1", lang).gettext(c.name)


@cache
def subdivision_name(code: str, lang: str = "en") -> str | None:
    s = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    if not s:
        return None
    return s.name if lang == "en" else _iso("iso3166-2", lang).gettext(s.name)


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
