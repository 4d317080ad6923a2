"""Indicators on the generated pages: the case page's figure and table, the mechanism page's comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.render.html_pages import finish
from caseatlas.render.pages import Renderer

CASE = """\
# yaml-language-server: $schema=../../src/caseatlas/schema/case.schema.json
id: {id}
title: "SYNTHETIC {title}"
summary: Test fixture, not a real case.
synthetic: true
language: en
country: {cc}
mechanisms: [resident-officials]
indicators:
  - id: per-capita-income
    name: Per-capita annual income
    unit: {unit}
    currency: {currency}
    basis: per capita
    values:
{values}
sources: [{{id: s, title: "Source <b>bold</b>", publisher: P, url: "https://example.org/s", accessed: "2026-11-28"}}]
last_reviewed: "2026-01-01"
"""


@pytest.fixture
def atlas(tmp_path: Path):  # type: ignore[no-untyped-def]
    specs = [
        ("syn-a", "A", "CN", "yuan", "CNY", [(2016, 3000), (2020, 9000)]),
        ("syn-b", "B &amp; co", "CN", "yuan", "CNY", [(2019, 5000)]),
        ("syn-c", "C", "ID", "rupiah", "IDR", [(2019, 5000000)]),
    ]
    for cid, title, cc, unit, cur, values in specs:
        lines = "\n".join(f'      - {{year: {y}, value: {v}, source: s, quote: "{v} in {y}"}}' for y, v in values)
        path = tmp_path / cc.lower() / f"{cid}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(CASE.format(id=cid, title=title, cc=cc, unit=unit, currency=cur, values=lines), "utf-8")
    return load_atlas(tmp_path, allow_synthetic=True)


def _page(atlas, src_uri: str) -> str:  # type: ignore[no-untyped-def]
    """The page's body as the site publishes it (heading ids, links to page URLs)."""
    page = next(p for p in Renderer(atlas).pages() if p.src_uri == src_uri)
    return finish(page.content, page.src_uri).html if page.html else page.content


def test_mechanism_page_compares_only_cases_with_the_same_indicator_unit_and_currency(atlas) -> None:  # type: ignore[no-untyped-def]
    page = _page(atlas, "mechanisms/resident-officials.md")
    assert '<h2 id="figures-compared">Figures compared<a class="headerlink"' in page
    assert page.count('<figure class="ca-chart ca-compare"') == 2  # yuan cases together; the rupiah case on its own
    assert "Cases that use this mechanism and report it: 2." in page
    assert '<a href="../../cases/syn-a/">SYNTHETIC A</a> (China)' in page
    assert "SYNTHETIC B &amp;amp; co" in page
    assert "Source &lt;b&gt;bold&lt;/b&gt;" in page and "<b>" not in page
    assert "Only one case that uses this mechanism reports this figure so far" in page  # the rupiah one
    assert "The rates table has no US-dollar rate for IDR" not in page  # dollar notes belong to case pages


def test_case_page_without_a_rate_shows_the_local_amount_alone_and_says_so(atlas) -> None:  # type: ignore[no-untyped-def]
    page = _page(atlas, "cases/syn-c.md")
    assert "The rates table has no US-dollar rate for IDR in any year of this series" in page
    assert "<td>2019</td><td>5 million</td><td>no 2019 rate in the table</td>" in page
    assert "US$" not in page


def test_qianhe_page_has_its_chart_and_a_table_with_both_dollar_columns() -> None:
    atlas = load_atlas(Path("case_studies"))
    page = _page(atlas, "cases/qianhe.md")
    assert '<figure class="ca-chart" id="figure-per-capita-income">' in page
    assert "<th>In US dollars, at the rate of that year</th><th>In US dollars, at the 2025 rate</th>" in page
    assert "<td>about 2015</td><td>just over 1,300</td><td>no 2015 rate in the table</td><td>about US&#36;180</td>" in page
    assert "<td>2025</td><td>more than 18,000</td><td>about US&#36;2,500</td><td>about US&#36;2,500</td>" in page
    figure = page[page.index("<figure") : page.index("</figure>")]
    assert "\n\n" not in figure  # a blank line would end the raw HTML block
