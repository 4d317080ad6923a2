"""The mechanisms × countries matrix at twenty-odd countries and 60 cases (a SYNTHETIC corpus, built into a
temporary site only), on a 390 px phone and on a desktop, in Chromium."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseatlas.atlas.pipeline import load_atlas
from tests.sitebuild import build_site, serve

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from synthetic import write_project  # noqa: E402

N = 60


@pytest.fixture(scope="module")
def wide_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("wide")
    project = write_project(root / "project", N, seed=3, languages=("en",))
    site = build_site(project, root / "site")
    with serve(site) as url:
        yield url, project


def test_the_corpus_spans_twenty_countries(wide_site: tuple[str, Path]) -> None:
    atlas = load_atlas(wide_site[1] / "case_studies", allow_synthetic=True)
    assert len(atlas.cases) == N and len(atlas.by_country) >= 20


@pytest.mark.parametrize("width", [390, 1280])
def test_matrix_reads_on_a_phone_and_a_desktop(browser: object, wide_site: tuple[str, Path], width: int) -> None:
    url, _ = wide_site
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(url + "matrix/")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width  # the page never scrolls sideways
        box = page.locator(".ca-wide")
        countries = page.locator(".ca-matrix-table thead th").count() - 1
        assert countries >= 20
        scrolls = box.evaluate("b => b.scrollWidth > b.clientWidth + 1")
        note = page.locator("#matrix-scroll-note")
        assert note.is_visible() == scrolls  # it says it scrolls exactly when it does
        if scrolls:
            assert "scroll it sideways" in note.inner_text() and box.get_attribute("tabindex") == "0"
            first = page.locator(".ca-matrix-table tbody th[scope=row]").first
            before = first.bounding_box()
            box.evaluate("b => { b.scrollLeft = 900; }")
            after = first.bounding_box()
            assert before and after and abs(before["x"] - after["x"]) < 1  # the mechanism column stays in view
            box.focus()
            page.keyboard.press("ArrowRight")  # a keyboard user can scroll it too
        # Cases in one cell: one per line, and a visible rule between them.
        cells = page.locator(".ca-cell").all()
        multi = [c for c in cells if c.locator("li").count() > 1]
        assert multi, "the corpus should put two cases in some cell"
        for cell in multi[:10]:
            boxes = [li.bounding_box() for li in cell.locator("li").all()]
            assert all(a["y"] + a["height"] <= b["y"] + 0.5 for a, b in zip(boxes, boxes[1:], strict=False))
            assert cell.locator("li + li").first.evaluate("li => getComputedStyle(li).borderTopStyle") == "dashed"
        text_width = page.locator(".ca-matrix-table tbody td a").first.bounding_box()["width"]
        assert text_width > 60  # a title is readable, not squeezed into a sliver
    finally:
        context.close()


def test_every_case_page_lists_the_same_mechanism_in_other_countries(wide_site: tuple[str, Path]) -> None:
    url, project = wide_site
    atlas = load_atlas(project / "case_studies", allow_synthetic=True)
    pages = {p.parent.name: p.read_text("utf-8") for p in (project.parent / "site" / "cases").glob("*/index.html")}
    with_others = 0
    for case in atlas.cases.values():
        shared = {c.id for m in case.mechanisms for c in atlas.by_mechanism[m] if c.country != case.country}
        section = pages[case.id].split('id="the-same-mechanism-elsewhere"', 1)[1].split("<h2", 1)[0]
        linked = set(re.findall(r'href="\.\./([^/"]+)/"', section))
        if shared:
            assert linked and linked <= shared, case.id
            with_others += 1
    assert with_others >= 0.8 * len(atlas.cases)
