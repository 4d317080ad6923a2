"""Pathological Markdown of up to the file-size limit costs bounded work (issue 12, break 1).

A case whose `lessons` held 60 KB of `[` took 201 s to build. Rendering costs work at each Markdown mark
(limits.MARKS) and almost none per plain character, so a file's text may hold at most limits.MAX_MARKS marks:
a file with more is refused by validate at the field that passes the budget, before anything parses its text,
and a file within it renders with work linear in its marks. The work is counted as Python function calls
(sys.setprofile) and peak memory (tracemalloc), not wall time, so the bounds hold on a loaded machine.
"""

from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from caseatlas.atlas.model import Atlas, Case
from caseatlas.atlas.pipeline import case_files, check_cases
from caseatlas.content.page_safety import page_problems
from caseatlas.core import limits
from caseatlas.core.vocabulary import load_vocabulary
from caseatlas.render.pages import Renderer

MINIMAL = Path(__file__).parent / "validation" / "positive" / "cn" / "minimal.yaml"
# What made markdown-it-py slowest per character, measured: bracket runs, images, mixed emphasis, entities,
# escapes, headings, paragraph and line breaks, reference links, code spans, autolink starts, empty links.
PATTERNS = ["[", "![", "*a_", "&", "\\", "#", "a\n\n", "[a][b]", "`a", "<a", "[](", "a  \n", "[x]: y\n"]
WORDS = "the cooperative sold embroidery to buyers in the county town "


def lessons(total_marks: int, size: int) -> list[str]:
    """Lesson texts holding `total_marks` marks in all, about 900 to a text, of every pattern in turn, then
    padded with plain words to about `size` characters; each text within the schema's 20,000 characters."""
    items, left = [], total_marks
    while left > 0:
        pattern = PATTERNS[len(items) % len(PATTERNS)]
        per = limits.marks(pattern)
        count = min(900 // per, -(-left // per))
        items.append(pattern * count)
        left -= count * per
    pad = size - sum(map(len, items))
    for j, text in enumerate(items):
        extra = WORDS * (max(0, min(19_000 - len(text), pad)) // len(WORDS))
        items[j] = f"{text} {extra}"
        pad -= len(extra)
    while pad > len(WORDS):
        items.append(WORDS * (min(19_000, pad) // len(WORDS)))
        pad -= len(items[-1])
    assert pad <= len(WORDS) and all(len(t) <= 20_000 for t in items)
    return items


def write_case(folder: Path, texts: list[str]) -> Path:
    data = yaml.safe_load(MINIMAL.read_text("utf-8"))
    data["lessons"] = texts
    path = folder / "cn" / "minimal.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    schema_line = "# yaml-language-server: $schema=../../src/caseatlas/schema/case.schema.json\n"
    path.write_text(schema_line + yaml.safe_dump(data, allow_unicode=True, width=10**9), "utf-8")
    return path


def calls(work: Callable[[], Any]) -> tuple[int, int, Any]:
    """(Python function calls, peak bytes allocated, result) of running `work`."""
    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event == "call":
            count += 1

    tracemalloc.start()
    sys.setprofile(profile)
    try:
        result = work()
    finally:
        sys.setprofile(None)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return count, peak, result


def render(folder: Path) -> str:
    docs, problems = check_cases(case_files(folder), allow_synthetic=True)
    assert problems == []
    atlas = Atlas.from_cases(load_vocabulary(), [Case(d.path, d.data) for d in docs])
    return Renderer(atlas).case(atlas.cases["minimal"]).content


def test_a_file_over_the_budget_is_refused_at_its_field_before_its_text_is_parsed(tmp_path: Path) -> None:
    path = write_case(tmp_path, lessons(limits.MAX_MARKS * 20, 0))
    assert 700_000 < path.stat().st_size < limits.MAX_BYTES
    work, peak, (docs, problems) = calls(lambda: check_cases(case_files(tmp_path), allow_synthetic=True))
    assert docs == [] and len(problems) == 1
    problem = problems[0]
    assert problem.field.startswith("lessons[") and "Markdown marks" in problem.message and problem.line > 1
    assert work < 200_000, f"{work:,} calls to refuse a file"  # reading YAML; no Markdown parsed
    assert peak < 64 * 2**20


def test_work_to_render_grows_linearly_with_marks_and_not_with_plain_text(tmp_path: Path) -> None:
    half, full, plain = tmp_path / "half", tmp_path / "full", tmp_path / "plain"
    write_case(half, lessons(limits.MAX_MARKS // 2, 900_000))
    write_case(full, lessons(limits.MAX_MARKS - 50, 900_000))
    write_case(plain, [WORDS * 300] * 45)  # ~900 KB, no marks
    work_half, _, _ = calls(lambda: render(half))
    work_full, peak, page = calls(lambda: render(full))
    work_plain, _, _ = calls(lambda: render(plain))
    assert "[x]: y" not in page and "&lt;a" in page  # rendered, nothing raw
    assert work_full < 2.3 * work_half, (work_half, work_full)
    per_mark = (work_full - work_plain) / limits.MAX_MARKS
    assert per_mark < 150, f"{per_mark:.0f} calls per mark"
    assert work_plain < 50_000, f"{work_plain:,} calls for 900 KB of plain text"
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MB"


def test_a_translated_page_over_the_budget_is_refused_without_parsing() -> None:
    text = "[" * (limits.MAX_MARKS + 1)
    work, _, problems = calls(lambda: page_problems("docs/index.zh.md", text, 4))
    assert len(problems) == 1 and problems[0].line == 4 and "Markdown marks" in problems[0].message
    assert work < 1_000
