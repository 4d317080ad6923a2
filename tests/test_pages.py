"""Golden tests for the templates: input cases in validation/positive, the expected page body in golden/: the HTML
the site publishes (render/html_pages.finish of the template's HTML: heading ids, permalinks).

Regenerate after an intended template change with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from caseatlas.atlas.model import Atlas, Case
from caseatlas.atlas.pipeline import case_files, check_cases
from caseatlas.core.vocabulary import load_vocabulary
from caseatlas.render.html_pages import finish
from caseatlas.render.pages import Renderer, render_pages, tidy

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"


def atlas_of(folder: Path) -> Atlas:
    docs, problems = check_cases(case_files(folder), allow_synthetic=True)
    assert problems == []
    return Atlas.from_cases(load_vocabulary(), [Case(d.path, d.data) for d in docs])


@pytest.mark.parametrize("case_id", ["every-field", "minimal"])
def test_case_page_matches_golden(case_id: str) -> None:
    atlas = atlas_of(HERE / "validation" / "positive")
    page = Renderer(atlas).case(atlas.cases[case_id])
    assert page.html, "a case page is rendered straight to HTML"
    html = finish(page.content).html
    golden = GOLDEN / f"{case_id}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(html, "utf-8")
    assert html == golden.read_text("utf-8")


def test_every_page_of_the_seed_atlas_renders() -> None:
    atlas = atlas_of(Path("case_studies"))
    uris = {p.src_uri for p in render_pages(atlas)}
    assert {
        "cases/index.md",
        "cases/qianhe.md",
        "countries/cn.md",
        "countries/id.md",
        "mechanisms/relocation.md",
        "themes/gender.md",
        "sdgs/17.md",
        "matrix.md",
    } <= uris


HOSTILE = {
    "summary": "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) {{ 7*7 }} {% raw %}",
    "locality": "<b onmouseover=alert(4)>x</b> [y](javascript:alert(5)) {: onclick=alert(6)}",
}


def test_contributor_text_is_inert(tmp_path: Path) -> None:
    atlas = atlas_of(HERE / "validation" / "positive")
    case = atlas.cases["every-field"]
    case.data.update(HOSTILE)
    text = Renderer(atlas).case(case).content
    for live in ("<script", "<img", "<b ", "](javascript:", 'href="javascript', "{:", "{{ 7*7 }}", "{% raw %}"):
        assert live not in text
    assert "&lt;script&gt;" in text and "&#123;&#123; 7*7 &#125;&#125;" in text


def test_tidy_puts_blank_lines_around_blocks() -> None:
    assert tidy("| a |\n## H\ntext\n- x\n- y\n**b**\n") == "| a |\n\n## H\n\ntext\n\n- x\n- y\n\n**b**\n"
