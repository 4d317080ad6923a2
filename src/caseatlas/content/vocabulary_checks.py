"""Checks of the vocabulary files themselves, so a proposed term arrives whole and clashes with none.

A term (mechanism, theme or actor type) is proposed by adding it to data/vocabulary.yaml
(slug, label, definition) and, under the same slug, a label and a definition to
data/vocabulary.zh.yaml and data/vocabulary.id.yaml, in the same change as the case that
needs it (docs/guides/contributing.md, "Propose a new term").
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

from caseatlas.content.loading import read_document
from caseatlas.core.errors import Problem

KINDS = ("mechanisms", "themes", "actor_types")
LANGUAGES = ("zh", "id")
GUIDE = "see 'Propose a new term' in docs/guides/contributing.md"


def data_dir() -> Path:
    return Path(str(resources.files("caseatlas").joinpath("data")))


def _stem(slug: str) -> str:
    """What two slugs that a reader would take for the same term have in common: no hyphens, no plural s."""
    word = slug.replace("-", "").replace("_", "").lower()
    return re.sub(r"e$", "", re.sub(r"s$", "", re.sub(r"ies$", "y", word)))


def vocabulary_problems(folder: Path | None = None) -> list[Problem]:
    """Slugs used twice or nearly twice, terms without a label or definition, translations that miss a term."""
    folder = folder or data_dir()
    main = read_document(folder / "vocabulary.yaml")
    if isinstance(main, Problem):
        return [main]
    out: list[Problem] = []
    slugs: dict[str, list[str]] = {}
    for kind in KINDS:
        terms = main.data.get(kind)
        if not isinstance(terms, list):
            out.append(main.problem((kind,), f"expected a list of terms under `{kind}`", GUIDE))
            continue
        seen: dict[str, int] = {}
        for i, term in enumerate(terms):
            if not isinstance(term, dict) or not isinstance(term.get("slug"), str):
                out.append(main.problem((kind, i), "a term needs a slug, a label and a definition", GUIDE))
                continue
            slug = term["slug"]
            for key in ("label", "definition"):
                if not isinstance(term.get(key), str) or not term[key].strip():
                    out.append(main.problem((kind, i), f"term '{slug}' has no {key}", f"add `{key}:` in English; {GUIDE}"))
            twin = next((s for s in seen if s == slug or _stem(s) == _stem(slug)), None)
            if twin is not None:
                same = "is already used" if twin == slug else f"clashes with the existing slug '{twin}'"
                out.append(
                    main.problem(
                        (kind, i, "slug"),
                        f"slug '{slug}' {same} in {kind} ({kind}[{seen[twin]}])",
                        f"use the existing term '{twin}' in your case, or choose a slug that says how the new term differs",
                    )
                )
            else:
                seen[slug] = i
        slugs[kind] = [t["slug"] for t in terms if isinstance(t, dict) and isinstance(t.get("slug"), str)]
    for lang in LANGUAGES:
        out += _translation_problems(folder / f"vocabulary.{lang}.yaml", lang, slugs)
    return out


def _translation_problems(path: Path, lang: str, slugs: dict[str, list[str]]) -> list[Problem]:
    doc = read_document(path)
    if isinstance(doc, Problem):
        return [doc]
    out: list[Problem] = []
    for kind, known in slugs.items():
        local: Any = doc.data.get(kind) or {}
        if not isinstance(local, dict):
            out.append(doc.problem((kind,), f"expected a mapping of slugs under `{kind}`", GUIDE))
            continue
        for slug in known:
            entry = local.get(slug)
            missing = [
                k
                for k in ("label", "definition")
                if not (isinstance(entry, dict) and isinstance(entry.get(k), str) and entry[k].strip())
            ]
            if missing:
                out.append(
                    doc.problem(
                        (kind,),
                        f"term '{slug}' of vocabulary.yaml has no {' or '.join(missing)} here",
                        f"add `{slug}:` (the slug as in vocabulary.yaml) with `label:` and `definition:` in this "
                        f"language ({lang}); {GUIDE}",
                        at_key=True,
                    )
                )
        for slug in local:
            if slug not in known:
                out.append(
                    doc.problem(
                        (kind, slug),
                        f"'{slug}' is not a term of vocabulary.yaml",
                        "add the term to vocabulary.yaml too, or correct the slug here",
                        at_key=True,
                    )
                )
    return out
