"""Charts as inline SVG: what they say, to eyes and to screen readers, and that content cannot break out."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from caseatlas.atlas.indicators import case_series, comparisons
from caseatlas.atlas.model import Case
from caseatlas.atlas.pipeline import load_atlas
from caseatlas.core.strings import strings
from caseatlas.render.charts import _ticks
from caseatlas.render.figures import comparison_chart, series_chart

SVG = "{http://www.w3.org/2000/svg}"
T = strings("en")


def _svg(markup: str) -> etree._Element:
    return etree.fromstring(str(markup).encode())  # must be well-formed XML


def _texts(svg: etree._Element) -> list[str]:
    return ["".join(el.itertext()) for el in svg.iter(f"{SVG}text")]


def _case(indicator: dict[str, Any], cid: str = "x", title: str = "A case") -> Case:
    return Case(
        Path(f"{cid}.yaml"),
        {
            "id": cid,
            "title": title,
            "country": "CN",
            "mechanisms": ["resident-officials"],
            "sources": [{"id": "s", "title": "S", "publisher": "P"}],
            "indicators": [indicator],
        },
    )


@pytest.fixture(scope="module")
def qianhe() -> Case:
    return load_atlas(Path("case_studies")).cases["qianhe"]


def test_qianhe_chart_shows_both_values_their_years_and_dollars_at_the_stated_rate(qianhe: Case) -> None:
    (series,) = case_series(qianhe, T)
    svg = _svg(series_chart(series, T, "chart-income"))
    texts = _texts(svg)
    for expected in [
        "about 2015",
        "2025",
        "just over 1,300 yuan",
        "more than 18,000 yuan",
        "about US$180 at the 2025 rate",
        "about US$2,500 at the 2025 rate",
    ]:
        assert expected in texts
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id and svg.find(f"{SVG}desc").get("id") == desc_id
    desc = svg.find(f"{SVG}desc").text
    assert "just over 1,300 yuan in about 2015 (about US$180 at the 2025 rate)" in desc
    assert "more than 18,000 yuan in 2025 (about US$2,500 at the 2025 rate)" in desc
    assert len(svg.findall(f".//{SVG}polyline")) == 1
    hollow = [c for c in svg.iter(f"{SVG}circle") if c.get("class") == "ca-hollow"]
    assert len(hollow) == 1  # the approximate year


def test_qianhe_rows_keep_qualifiers_and_say_which_rate_is_missing(qianhe: Case) -> None:
    (series,) = case_series(qianhe, T)
    first, last = series.rows
    assert (first.year_label, first.value_label, first.usd_own, first.usd_series) == (
        "about 2015",
        "just over 1,300",
        None,
        "about US$180",
    )
    assert (last.year_label, last.value_label, last.usd_own, last.usd_series) == (
        "2025",
        "more than 18,000",
        "about US$2,500",
        "about US$2,500",
    )
    assert series.missing_rate_years == ["2015"]


def test_a_single_value_is_a_labelled_figure_not_a_broken_chart() -> None:
    case = _case(
        {
            "id": "budget",
            "name": "Budget",
            "unit": "rupiah",
            "currency": "IDR",
            "values": [{"year": 2021, "value": 1000000, "qualifier": "about", "source": "s"}],
        }
    )
    (series,) = case_series(case, T)
    svg = _svg(series_chart(series, T, "chart-budget"))
    assert svg.findall(f".//{SVG}polyline") == [] and svg.findall(f".//{SVG}circle") == []
    assert _texts(svg) == ["about Rp 1 million", "in 2021", "rupiah (IDR)"]  # no IDR rate in the table: no dollars
    assert svg.find(f"{SVG}title").text == "Budget, A case"
    assert svg.find(f"{SVG}desc").text == "Budget, in rupiah (IDR): about Rp 1 million in 2021."


def test_contributor_text_in_a_chart_is_escaped() -> None:
    hostile = '</text></svg><script>alert(1)</script><img src=x onerror="alert(2)">'
    case = _case(
        {
            "id": "x",
            "name": hostile,
            "unit": hostile,
            "values": [{"year": 2001, "value": 1, "source": "s"}, {"year": 2002, "value": 2, "source": "s"}],
        },
        title=hostile,
    )
    (series,) = case_series(case, T)
    markup = str(series_chart(series, T, "c"))
    svg = _svg(markup)
    assert "<script" not in markup and "<img" not in markup
    tags = {el.tag.split("}")[-1] for el in svg.iter() if isinstance(el.tag, str)}
    assert tags.isdisjoint({"script", "img", "foreignObject"})
    assert svg.find(f"{SVG}title").text == f"{hostile}, {hostile}"  # shown as text, whole


def test_cases_are_compared_only_on_the_same_indicator_unit_currency_and_basis() -> None:
    def income(values: list[tuple[int, int]], currency: str = "CNY") -> dict[str, Any]:
        return {
            "id": "per-capita-income",
            "name": "Per-capita annual income",
            "unit": "yuan",
            "currency": currency,
            "basis": "per capita",
            "values": [{"year": y, "value": v, "source": "s"} for y, v in values],
        }

    a = _case(income([(2015, 1300), (2025, 18000)]), "a", "Case A")
    b = _case(income([(2016, 3000), (2020, 9000)]), "b", "Case B")
    c = _case(income([(2019, 5)], currency="IDR"), "c", "Case C")
    found = comparisons([a, b, c], T)
    assert [(cmp.key[2], [s.case.id for s in cmp.series], cmp.total) for cmp in found] == [
        ("CNY", ["a", "b"], 2),
        ("IDR", ["c"], 1),
    ]
    svg = _svg(comparison_chart(found[0], T, "compare-1"))
    assert len(svg.findall(f".//{SVG}polyline")) == 2
    assert [t for t in _texts(svg) if t in ("1", "2")] == ["1", "2"]  # line keys, matching the legend
    assert "Case A: 1,300 yuan in 2015" in svg.find(f"{SVG}desc").text


def test_comparisons_are_capped_and_say_how_many_there_are() -> None:
    base = {"id": "p", "name": "P", "unit": "people", "values": [{"year": 2020, "value": 1, "source": "s"}]}
    cases = []
    for i in range(12):
        ind = copy.deepcopy(base)
        ind["values"][0]["year"] = 2000 + i
        cases.append(_case(ind, f"c{i:02d}"))
    (cmp,) = comparisons(cases, T, limit=8)
    assert cmp.total == 12 and [s.case.id for s in cmp.series] == [f"c{i:02d}" for i in range(11, 3, -1)]


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0, 23400, [0, 10000, 20000, 30000]),
        (0, 1, [0, 0.25, 0.5, 0.75, 1]),
        (-5, 12, [-5, 0, 5, 10, 15]),
        (0, 0, [0, 0.25, 0.5, 0.75, 1]),
    ],
)
def test_axis_ticks_cover_the_values_with_round_steps(lo: float, hi: float, expected: list[float]) -> None:
    ticks, _ = _ticks(lo, hi)
    assert ticks == pytest.approx(expected)
