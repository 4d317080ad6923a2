"""Page budgets (issue 6) on built sites: case pages' HTML size, and nothing fetched from another host.

The real site in its three languages, and SYNTHETIC projects (scripts/synthetic.py) of a few hundred
cases built in temporary folders, to show a case page does not grow with the number of cases.
The first visit's total weight is measured in Chromium: tests/browser/test_budgets.py.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import pytest

from caseatlas.outputs.offsite import offsite_fetches
from tests.budgets import CASE_PAGE_HTML_GZ, SUMMARY, gz_size, kb
from tests.sitebuild import build_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import write_project  # noqa: E402


def case_pages(site: Path) -> list[Path]:
    """The case pages of every language: cases/<id>/index.html, zh/cases/<id>/index.html…"""
    return sorted(site.glob("cases/*/index.html")) + sorted(site.glob("*/cases/*/index.html"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


def record(label: str, pages: list[Path]) -> list[int]:
    sizes = [gz_size(p.read_bytes()) for p in pages]
    SUMMARY.append(
        f"case page HTML, {label}: {len(sizes)} pages, median {kb(statistics.median(sizes))}, "
        f"largest {kb(max(sizes))} (budget {kb(CASE_PAGE_HTML_GZ)})"
    )
    return sizes


def test_every_case_page_of_the_real_site_is_within_its_html_budget(site: Path) -> None:
    pages = case_pages(site)
    assert {p.relative_to(site).parts[0] for p in pages} >= {"cases", "zh", "id"}, "case pages of all three languages"
    sizes = record("real site, en + zh + id", pages)
    assert [(p.relative_to(site).as_posix(), n) for p, n in zip(pages, sizes, strict=True) if n > CASE_PAGE_HTML_GZ] == []


def test_no_page_or_stylesheet_of_the_real_site_fetches_from_another_host(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100
    assert offsite_fetches(site) == []
    SUMMARY.append(f"external references: none in {len(pages)} HTML pages and {len(list(site.rglob('*.css')))} stylesheets")


def test_a_reference_to_another_host_is_found(tmp_path: Path) -> None:
    """The scan above can fail: each way a page fetches from elsewhere is caught, a link to click is not."""
    (tmp_path / "a.html").write_text(
        '<html><head><link rel="preconnect" href="https://fonts.gstatic.com"><script src="//cdn.example/x.js"></script>'
        '<style>body { background: url("https://img.example/bg.png") }</style></head><body>'
        '<img srcset="local.png 1x, http://img.example/2x.png 2x"><a href="https://example.org/">a link</a>'
        '<svg><image href="https://img.example/map.png"/></svg><img src="data:image/png;base64,AA=="></body></html>'
    )
    (tmp_path / "b.css").write_text('@import "https://fonts.example/css"; .x { background: url(../img/ok.svg) }')
    assert offsite_fetches(tmp_path) == [
        "a.html: https://fonts.gstatic.com",
        "a.html: //cdn.example/x.js",
        "a.html: http://img.example/2x.png",
        "a.html: https://img.example/map.png",
        "a.html: https://img.example/bg.png",
        "b.css: https://fonts.example/css",
    ]


@pytest.mark.slow
def test_a_case_page_stays_within_budget_and_does_not_grow_with_the_number_of_cases(tmp_path: Path) -> None:
    """The same synthetic case (same seed: the first cases of a corpus are the same) in a site of 30 and of
    300 cases: every case page within budget, and case 0's page the same size within 1 KB; a page listing
    every case (a navigation, related cases without a limit) would grow by several KB per hundred cases."""
    sizes = {}
    for n in (30, 300):
        site = build_site(write_project(tmp_path / f"p{n}", n, languages=("en",)), tmp_path / f"site{n}")
        pages = case_pages(site)
        assert len(pages) == n
        found = record(f"{n} synthetic cases", pages)
        assert [p.parent.name for p, size in zip(pages, found, strict=True) if size > CASE_PAGE_HTML_GZ] == []
        sizes[n] = gz_size((site / "cases/synthetic-00000/index.html").read_bytes())
    SUMMARY.append(f"synthetic-00000's page: {kb(sizes[30])} among 30 cases, {kb(sizes[300])} among 300")
    assert abs(sizes[300] - sizes[30]) <= 1024, sizes
