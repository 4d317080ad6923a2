"""Charts of large and small amounts in three languages, measured as Chromium draws them: every text
inside the chart, point labels off the line and its markers and clear of each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseatlas.atlas.indicators import series
from caseatlas.atlas.model import Case
from caseatlas.atlas.pipeline import load_atlas
from caseatlas.core.strings import strings
from caseatlas.render.figures import series_chart

FUND = {
    "id": "village-fund",
    "name": "Village fund",
    "unit": "rupiah",
    "currency": "IDR",
    "values": [
        {"year": 2015, "value": 20_700_000_000_000, "source": "s", "quote": "Rp 20,7 triliun"},
        {"year": 2016, "value": 46_980_000_000_000, "source": "s", "quote": "Rp 46,98 triliun"},
        {"year": 2019, "value": 70_000_000_000_000, "qualifier": "about", "source": "s", "quote": "Rp 70 triliun"},
    ],
}
FALLING = {
    "id": "poor-share",
    "name": "Share of households below the line",
    "unit": "percent",
    "values": [
        {"year": 2014, "value": 30, "source": "s", "quote": "30 percent"},
        {"year": 2020, "value": 0.6, "source": "s", "quote": "0.6 percent"},
    ],
}

MEASURE = """svg => {
  const texts = [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox();
    return {cls: t.getAttribute('class') || '', text: t.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height}; });
  const lines = [...svg.querySelectorAll('polyline')]
    .map(p => p.getAttribute('points').trim().split(/\\s+/).map(xy => xy.split(',').map(Number)));
  const dots = [...svg.querySelectorAll('circle')].map(c => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]);
  const vb = svg.viewBox.baseVal;
  return {texts, lines, dots, width: vb.width, height: vb.height};
}"""


def _cases() -> list[tuple[str, object]]:
    atlas = load_atlas(Path("case_studies"))
    qianhe = atlas.cases["qianhe"]
    fund = Case(Path("x.yaml"), {**qianhe.data, "indicators": [FUND]})
    falling = Case(Path("y.yaml"), {**qianhe.data, "indicators": [FALLING]})
    return [(f"{c.id}-{ind}", (c, ind)) for c, ind in ((qianhe, 0), (fund, 0), (falling, 0))]


def _hits(box: dict[str, float], path: list[list[float]]) -> bool:
    for (x0, y0), (x1, y1) in zip(path, path[1:], strict=False):
        for k in range(101):
            x, y = x0 + (x1 - x0) * k / 100, y0 + (y1 - y0) * k / 100
            if box["x0"] < x < box["x1"] and box["y0"] < y < box["y1"]:
                return True
    return False


@pytest.mark.parametrize("lang", ["en", "zh", "id"])
def test_chart_texts_fit_and_labels_stay_off_the_line(browser: object, lang: str) -> None:
    t = strings(lang)
    context = browser.new_context(viewport={"width": 390, "height": 800})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        for name, (case, i) in _cases():
            svg = series_chart(series(case, case.data["indicators"][i], t), t, "c")
            page.set_content(f'<html><body style="font-family: sans-serif; margin:0">{svg}</body></html>')
            m = page.locator("svg").evaluate(MEASURE)
            for box in m["texts"]:
                inside = box["x0"] >= 0 and box["x1"] <= m["width"] and box["y0"] >= 0 and box["y1"] <= m["height"]
                assert inside, (name, lang, box)
            labels = [b for b in m["texts"] if b["cls"].startswith("ca-point")]
            assert labels, name
            for box in labels:
                assert not any(_hits(box, path) for path in m["lines"]), (name, lang, box["text"])
                assert not any(
                    box["x0"] < x + 5 and x - 5 < box["x1"] and box["y0"] < y + 5 and y - 5 < box["y1"] for x, y in m["dots"]
                ), (name, lang, box["text"])
            mains = [b for b in labels if b["cls"] == "ca-point-label"]
            for a in mains:
                for b in mains:
                    if a is not b:
                        assert not (a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]), name
            ticks = [b["text"] for b in m["texts"] if b["cls"] == "" and b["x1"] <= 62]
            assert len(set(ticks)) == len(ticks) and all(len(x) <= 7 for x in ticks), (name, ticks)
    finally:
        context.close()


def test_large_amounts_read_in_words_in_each_language() -> None:
    case = Case(Path("x.yaml"), {"id": "x", "title": "X", "country": "ID", "sources": [{"id": "s"}], "indicators": [FUND]})
    labels = {lang: [r.amount_label for r in series(case, FUND, strings(lang)).rows] for lang in ("en", "id", "zh")}
    assert labels["en"][:2] == ["Rp 20.7 trillion", "Rp 46.98 trillion"] and labels["en"][2] == "about Rp 70 trillion"
    assert labels["id"][:2] == ["Rp 20,7 triliun", "Rp 46,98 triliun"]
    assert labels["zh"][0] == "20.7万亿 rupiah"  # the unit as the case names it; a translation gives 印尼盾
