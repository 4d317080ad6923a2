"""Checks beyond the schema: vocabularies, standard codes and references between files."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any, TypeGuard

from caseatlas.content.evidence import evidence_problems
from caseatlas.content.loading import Document
from caseatlas.content.schemas import schema_problems
from caseatlas.core.errors import Problem, printable
from caseatlas.core.limits import shorten
from caseatlas.core.vocabulary import Vocabulary, country_name, did_you_mean, is_currency, is_language, subdivision_name

VOCAB_FILE = "src/caseatlas/data/vocabulary.yaml"


def propose_hint(kind: str) -> str:
    """How to propose a new term: which files, what each needs, and that it comes with the case."""
    return (
        f"if no {kind} in {VOCAB_FILE} fits, propose one in the same change as this case: add "
        "`- slug:`, `label:` and `definition:` to its list there, and the same slug with a `label:` and a "
        "`definition:` in vocabulary.zh.yaml (Chinese) and vocabulary.id.yaml (Indonesian) beside it; "
        "see 'Propose a new term' in docs/guides/contributing.md"
    )


SCHEMA_LINE = "# yaml-language-server: $schema=../../src/caseatlas/schema/case.schema.json"


def case_problems(doc: Document, vocab: Vocabulary) -> list[Problem]:
    """Everything wrong with one case file on its own."""
    problems = schema_problems(doc, "case.schema.json")
    if not doc.text.startswith("# yaml-language-server: $schema="):
        problems.append(doc.problem((), "the first line must name the schema for editors", f"add `{SCHEMA_LINE}` as line 1"))
    # The checks below assume the shapes the schema guarantees, so they see only the
    # top-level fields without schema problems: every other problem is still reported.
    bad = {p.field.split(".")[0].split("[")[0] for p in problems}
    d = {k: v for k, v in doc.data.items() if k not in bad}
    stem = doc.path.name.removesuffix(".yaml")
    if "id" in d and d["id"] != stem:
        valid_stem = bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem)) and len(stem) <= 80
        said = shorten(str(d["id"]))
        fix = (
            f" or set `id: {stem}`"
            if valid_stem
            else " (the file name is not a valid id: lower-case letters, digits and single hyphens)"
        )
        problems.append(
            doc.problem(
                ("id",),
                f"id '{said}' differs from the file name '{printable(doc.path.name)}'",
                f"rename the file to {said}.yaml{fix}",
            )
        )
    problems += _code_problems(doc, d)
    for key, kind in (("mechanisms", "mechanism"), ("themes", "theme")):
        for i, slug in enumerate(d.get(key, [])):
            if slug not in vocab.kind(kind):
                problems.append(
                    doc.problem((key, i), f"unknown {kind} '{slug}'", _suggest(slug, vocab.kind(kind)) + propose_hint(kind))
                )
    for i, actor in enumerate(d.get("actors", [])):
        if actor["type"] not in vocab.actor_types:
            problems.append(
                doc.problem(
                    ("actors", i, "type"),
                    f"unknown actor type '{actor['type']}'",
                    _suggest(actor["type"], vocab.actor_types) + propose_hint("actor type"),
                )
            )
    period: dict[str, int] = d.get("period", {})
    if "end" in period and period["end"] < period["start"]:
        problems.append(
            doc.problem(
                ("period", "end"),
                f"ends in {period['end']}, before it starts in {period['start']}",
                "swap start and end, or correct the year",
            )
        )
    if "sources" in d:
        problems += _source_problems(doc, d)
    problems += evidence_problems(doc, {k: v for k, v in d.items() if k in ("indicators", "sources")})
    return problems


def _code_problems(doc: Document, d: dict[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    if "country" not in d:
        pass
    elif not country_name(d["country"]):
        out.append(
            doc.problem(
                ("country",),
                f"'{d['country']}' is not an ISO 3166-1 alpha-2 country code",
                "use the two-letter code in capitals, for example CN for China or ID for Indonesia",
            )
        )
    else:
        folder = doc.path.parent.name
        if folder != d["country"].lower() and folder != "synthetic":
            out.append(
                doc.problem(
                    ("country",),
                    f"case of country {d['country']} is filed under '{folder}/'",
                    f"move the file to case_studies/{d['country'].lower()}/",
                )
            )
    sub = d.get("subdivision")
    if sub and not subdivision_name(sub):
        out.append(
            doc.problem(
                ("subdivision",),
                f"'{sub}' is not an ISO 3166-2 subdivision code",
                "look the code up in ISO 3166-2, for example CN-HN for Hunan",
            )
        )
    elif sub and "country" in d and not sub.startswith(d["country"] + "-"):
        out.append(
            doc.problem(
                ("subdivision",), f"'{sub}' is not in country {d['country']}", f"use a code that starts with {d['country']}-"
            )
        )
    tags = [(("language",), d["language"])] if "language" in d else []
    for path, tag in tags + [(("names", k), k) for k in d.get("names", {})]:
        if not is_language(tag):
            out.append(
                doc.problem(
                    path, f"'{tag}' is not a known language code", "use a BCP 47 tag such as en, zh or id", at_key=len(path) > 1
                )
            )
    for i, ind in enumerate(d.get("indicators", [])):
        if "currency" in ind and not is_currency(ind["currency"]):
            out.append(
                doc.problem(
                    ("indicators", i, "currency"),
                    f"'{ind['currency']}' is not an ISO 4217 currency code",
                    "use the three-letter code, for example CNY for yuan or IDR for rupiah",
                )
            )
    return out


def _source_problems(doc: Document, d: dict[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    ids = [s["id"] for s in d["sources"]]
    for sid, n in Counter(ids).items():
        if n > 1:
            out.append(
                doc.problem(
                    ("sources", ids.index(sid), "id"), f"source id '{sid}' is used {n} times", "give each source its own id"
                )
            )
    known = set(ids)

    def cite(path: tuple[Any, ...], sid: str) -> None:
        if sid not in known:
            out.append(
                doc.problem(
                    path,
                    f"cites source '{sid}', which is not in sources",
                    did_you_mean(sid, known, "add it to sources or use one of: " + ", ".join(sorted(known))),
                )
            )

    ind_ids = Counter(ind["id"] for ind in d.get("indicators", []))
    for i, ind in enumerate(d.get("indicators", [])):
        if ind_ids[ind["id"]] > 1:
            out.append(
                doc.problem(
                    ("indicators", i, "id"), f"indicator id '{ind['id']}' is used twice", "give each indicator its own id"
                )
            )
        years: set[int] = set()
        for j, value in enumerate(ind["values"]):
            cite(("indicators", i, "values", j, "source"), value["source"])
            if not math.isfinite(value["value"]):
                out.append(
                    doc.problem(
                        ("indicators", i, "values", j, "value"),
                        f"{value['value']} is not a finite number",
                        "write the figure as the source gives it, for example 18000",
                    )
                )
            if value["year"] in years:
                out.append(
                    doc.problem(
                        ("indicators", i, "values", j, "year"),
                        f"a second value for {value['year']}",
                        "keep one value per year in a series, or make a separate indicator",
                    )
                )
            years.add(value["year"])
    for key in ("approach", "timeline"):
        for i, item in enumerate(d.get(key, [])):
            if "source" in item:
                cite((key, i, "source"), item["source"])
    return out


def cross_problems(docs: list[Document], other_ids: set[str] = frozenset()) -> list[Problem]:  # type: ignore[assignment]
    """Problems between files: duplicate ids and related cases that do not exist.

    `other_ids` are the ids (file names) of files that failed to parse: a reference to one
    of them is not reported again, the file's own problem says what to fix.
    """
    out: list[Problem] = []
    first: dict[str, Document] = {}
    for doc in docs:
        cid = doc.data.get("id")
        if not _is_slug(cid):  # the schema reports it
            continue
        if cid in first:
            out.append(
                doc.problem(
                    ("id",), f"id '{cid}' is already used by {first[cid].name}", "choose another id and rename the file to match"
                )
            )
        else:
            first[cid] = doc
    for doc in docs:
        related = doc.data.get("related")
        for i, rid in enumerate(related if isinstance(related, list) else []):
            if not _is_slug(rid):  # the schema reports it
                continue
            if rid == doc.data.get("id"):
                out.append(doc.problem(("related", i), "a case cannot be related to itself", "remove this entry"))
            elif rid not in first and rid not in other_ids:
                out.append(
                    doc.problem(
                        ("related", i),
                        f"related case '{rid}' does not exist",
                        did_you_mean(rid, first, "check the id, or remove the entry"),
                    )
                )
    return out


def _suggest(word: str, choices: Any) -> str:
    close = did_you_mean(word, choices, fallback="-")
    return "" if close == "-" else close + " "


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _is_slug(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and len(value) <= 80 and _SLUG.fullmatch(value) is not None
