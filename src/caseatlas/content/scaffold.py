"""`caseatlas new` and `caseatlas module new`: a case or module file with every field present and explained."""

from __future__ import annotations

from importlib import resources

from caseatlas.content.modules import KINDS
from caseatlas.core.vocabulary import load_vocabulary


def new_case_text(country: str, case_id: str) -> str:
    """The skeleton of a new case; it fails validation until its empty fields are filled or removed."""
    v = load_vocabulary()
    template = resources.files("caseatlas").joinpath("data/new_case.yaml").read_text("utf-8")
    return (
        template.replace("@ID@", case_id)
        .replace("@COUNTRY@", country.upper())
        .replace("@MECHANISMS@", ", ".join(v.mechanisms))
        .replace("@THEMES@", ", ".join(v.themes))
        .replace("@ACTOR_TYPES@", ", ".join(v.actor_types))
    )


def new_module_text(module_id: str, case_ids: list[str]) -> str:
    """The skeleton of a new course module; it fails validation until its empty fields are filled or removed."""
    template = resources.files("caseatlas").joinpath("data/new_module.yaml").read_text("utf-8")
    return (
        template.replace("@ID@", module_id)
        .replace("@KINDS@", ", ".join(KINDS))
        .replace("@SOME_CASES@", ", ".join(case_ids[:2]) or "case-id")
    )
