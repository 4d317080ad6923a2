"""Translation status: each case, course module and hand-written page in each language (original, translated, stale, missing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from caseatlas.atlas.model import Atlas
from caseatlas.content.page_translations import handwritten_pages, page_title, page_translations, variant_of
from caseatlas.content.translations import same_language

STATES = ("original", "translated", "stale", "missing")


@dataclass(frozen=True)
class StatusRow:
    """One case or page: its state in each language, and which translations no person has reviewed."""

    kind: str  # case | page
    id: str
    title: str
    link: str  # src_uri of its page
    states: dict[str, str]
    unreviewed: frozenset[str] = field(default_factory=frozenset)


def case_status(atlas: Atlas, languages: list[str]) -> list[StatusRow]:
    """Each case of the atlas (as loaded, or in any language) in each of `languages`, ordered by id."""
    rows = []
    for case in sorted(atlas.cases.values(), key=lambda c: c.id):
        states: dict[str, str] = {}
        unreviewed = set()
        for lang in languages:
            tr = atlas.translations.get(case.id, {}).get(lang)
            if same_language(case.language, lang):
                states[lang] = "original"
            elif tr is None:
                states[lang] = "missing"
            else:
                states[lang] = "translated" if tr.is_current(case.original) else "stale"
                if not tr.reviewed:
                    unreviewed.add(lang)
        rows.append(StatusRow("case", case.id, case.title, f"cases/{case.id}.md", states, frozenset(unreviewed)))
    return rows


def module_status(atlas: Atlas, languages: list[str]) -> list[StatusRow]:
    """Each course module in each of `languages`, from its translation files `curriculum/<id>.<lang>.yaml`."""
    rows = []
    for m in sorted(atlas.modules.values(), key=lambda m: m.id):
        states: dict[str, str] = {}
        unreviewed = set()
        for lang in languages:
            tr = atlas.module_translations.get(m.id, {}).get(lang)
            if same_language(m.language, lang):
                states[lang] = "original"
            elif tr is None:
                states[lang] = "missing"
            else:
                states[lang] = "translated" if tr.is_current(m.original) else "stale"
                if not tr.reviewed:
                    unreviewed.add(lang)
        rows.append(
            StatusRow("module", m.id, str(m.original["title"]), f"modules/{m.id}/index.md", states, frozenset(unreviewed))
        )
    return rows


def summary(rows: list[StatusRow], languages: list[str]) -> dict[str, tuple[int, int]]:
    """Per language: how many items are readable without a notice (original or current translation), of how many."""
    out = {}
    for lang in languages:
        done = sum(1 for r in rows if r.states.get(lang) in ("original", "translated"))
        out[lang] = (done, len(rows))
    return out


def percent(done: int, total: int) -> str:
    return f"{100 * done / total:.0f}%" if total else "–"


def format_table(rows: list[StatusRow], languages: list[str], heading: str = "case") -> str:
    """A plain-text table for the terminal; `*` marks a translation no person has reviewed yet."""
    cells = [[r.id] + [r.states[lang] + ("*" if lang in r.unreviewed else "") for lang in languages] for r in rows]
    totals = summary(rows, languages)
    footer = ["up to date"] + [f"{totals[lang][0]}/{totals[lang][1]} {percent(*totals[lang])}" for lang in languages]
    table = [[heading] + languages] + cells + [footer]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table]
    lines.insert(len(lines) - 1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def page_status(docs_dir: Path, languages: list[str], default: str) -> list[StatusRow]:
    """Each hand-written page (not generated) in each language, for the translators' table."""
    found, _ = page_translations(docs_dir, languages)
    by_base = {(t.base, t.language): t for t in found}
    rows = []
    for path in handwritten_pages(docs_dir):
        src_uri = path.relative_to(docs_dir).as_posix()
        if variant_of(src_uri, languages):
            continue
        states, unreviewed = {}, set()
        for lang in languages:
            tr = by_base.get((src_uri, lang))
            states[lang] = "original" if lang == default else (tr.state(docs_dir) if tr else "missing")
            if tr and not tr.meta.get("reviewed"):
                unreviewed.add(lang)
        rows.append(StatusRow("page", src_uri, page_title(path), src_uri, states, frozenset(unreviewed)))
    return rows
