"""Charts, the map, open data and JSON-LD as a reader's browser gets them from the built site."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from caseatlas.render.worldmap import WIDTH, project
from tests.browser.conftest import PageWatch


def _clean(watched: PageWatch) -> None:
    assert watched.console_errors == [] and watched.failed_requests == []


def test_qianhe_income_chart_shows_both_values_years_and_dollars(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "cases/qianhe/")
    chart = page.locator("figure#figure-per-capita-income svg[role=img]")
    assert chart.is_visible()
    texts = chart.locator("text").all_text_contents()
    for expected in [
        "about 2015",
        "2025",
        "just over 1,300 yuan",
        "more than 18,000 yuan",
        "about US$180 at the 2025 rate",
        "about US$2,500 at the 2025 rate",
    ]:
        assert expected in texts
    assert chart.get_attribute("aria-labelledby") == "chart-per-capita-income-title chart-per-capita-income-desc"
    caption = page.locator("figure#figure-per-capita-income figcaption").inner_text()
    assert "2025 rate stated by People's Daily Online: 1,300 CNY = US$183.83" in caption
    assert "no CNY rate for 2015" in caption
    table = page.locator("figure#figure-per-capita-income details table")
    assert not table.is_visible()
    page.locator("figure#figure-per-capita-income summary").click()
    assert table.is_visible()
    assert table.locator("tbody tr").all_inner_texts() == [
        "about 2015\tjust over 1,300\tno 2015 rate in the table\tabout US$180\t[2]",
        "2025\tmore than 18,000\tabout US$2,500\tabout US$2,500\t[2]",
    ]
    _clean(watched)


def test_case_page_head_carries_json_ld_naming_the_country(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "cases/qianhe/")
    (raw,) = page.locator('head script[type="application/ld+json"]').all_text_contents()
    data = json.loads(raw)
    assert data["@type"] == "Article"
    assert data["spatialCoverage"]["containedInPlace"]["containedInPlace"]["name"] == "China"
    assert data["citation"][0]["name"] == "Understanding the essence of China's targeted poverty alleviation"
    _clean(watched)


def _screen_point(page: object, svg_selector: str, lon: float, lat: float) -> tuple[float, float]:
    box = page.locator(svg_selector).bounding_box()  # type: ignore[attr-defined]
    x, y = project(lon, lat)
    scale = box["width"] / WIDTH
    return box["x"] + x * scale, box["y"] + y * scale


def _country_at(page: object, svg_selector: str, lon: float, lat: float) -> dict[str, str]:
    """What the browser draws at a place on the map: the country link there and its fill colour."""
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        """([x, y]) => { const el = document.elementFromPoint(x, y); const a = el.closest('a');
             return {tag: el.tagName, link: a ? a.getAttribute('aria-label') : '', fill: getComputedStyle(el).fill}; }""",
        list(_screen_point(page, svg_selector, lon, lat)),
    )


def test_home_map_shows_countries_with_cases_shaded_and_linked(watched: PageWatch, base_url: str, tmp_path: Path) -> None:
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(base_url)
    svg = page.locator("figure.ca-map svg.ca-map-svg")
    svg.scroll_into_view_if_needed()
    china = _country_at(page, "figure.ca-map svg", 103.0, 35.0)
    indonesia = _country_at(page, "figure.ca-map svg", 113.5, -1.0)  # Kalimantan
    argentina = _country_at(page, "figure.ca-map svg", -64.0, -34.0)  # a country the atlas has no case from
    assert china["link"] == "China: 5 cases" and indonesia["link"] == "Indonesia: 3 cases"
    assert china["fill"] == indonesia["fill"] == "rgb(0, 137, 123)"  # --ca-map-shade
    assert argentina["tag"] == "path" and argentina["link"] == "" and argentina["fill"] != china["fill"]
    svg.screenshot(path=str(tmp_path / "home-map.png"))
    page.mouse.click(*_screen_point(page, "figure.ca-map svg", 113.5, -1.0))
    page.wait_for_url("**/countries/id/")
    assert page.locator("h1").inner_text().startswith("Indonesia")
    current = _country_at(page, "figure.ca-map svg", 113.5, -1.0)
    assert current["link"] == "Indonesia: 3 cases" and current["fill"] == "rgb(194, 65, 12)"  # --ca-map-current
    _clean(watched)


def test_charts_follow_dark_mode_and_fit_a_phone(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, color_scheme="dark")  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(base_url + "cases/qianhe/")
        label = page.locator("figure#figure-per-capita-income text.ca-point-label").first
        fill = label.evaluate("el => getComputedStyle(el).fill")
        red, green, blue = (float(c) for c in re.findall(r"[\d.]+", fill)[:3])
        assert red + green + blue > 500  # light text on the dark background
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        width = page.locator("figure#figure-per-capita-income svg").bounding_box()["width"]
        assert 300 < width <= 390
    finally:
        context.close()


def test_print_shows_the_data_table_open(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "cases/qianhe/")
    page.emulate_media(media="print")
    assert page.locator("figure#figure-per-capita-income details table").is_visible()
    assert page.pdf()[:5] == b"%PDF-"


def test_open_data_page_describes_every_column_and_links_the_files(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "open-data/")
    described = page.locator("table code").all_inner_texts()
    header = page.request.get(base_url + "open-data/indicators.csv").text().splitlines()[0].split(",")
    assert described == header
    for name in ("cases.json", "indicators.csv"):
        href = page.locator("article").get_by_role("link", name=name, exact=True).get_attribute("href")
        response = page.request.get(page.url + href)
        assert response.ok
    rows = list(csv.DictReader(io.StringIO(page.request.get(base_url + "open-data/indicators.csv").text())))
    assert {(r["case"], r["year"], r["value"]) for r in rows} >= {("qianhe", "2015", "1300"), ("qianhe", "2025", "18000")}
    assert json.loads(page.request.get(base_url + "open-data/cases.json").text())["count"] >= 24
    _clean(watched)


def test_chart_and_map_text_stay_out_of_the_search_index(watched: PageWatch, base_url: str) -> None:
    """Asked through Pagefind's own API, in the browser, as "Find a case" asks it (full-text index)."""
    page = watched.page
    page.goto(base_url + "find/")

    def locations(query: str) -> list[str]:
        return page.evaluate(
            """async (query) => {
            const pf = await import(new URL("pagefind-text/pagefind.js", document.baseURI + "../").href);
            const found = await pf.search(query);
            return Promise.all(found.results.map(async r => (await r.data()).url));
        }""",
            query,
        )

    # No case mentions Liechtenstein: were a map's country names indexed, every page with a map would match. (Pagefind's
    # loose matching can still find one page with a word near it, so at most one result is allowed.)
    assert len(locations("Liechtenstein")) <= 1 and locations("zzqqxx") == []
    assert any("cases/qianhe/" in url for url in locations("183.83"))  # the page's own text is indexed (the quoted words)
    _clean(watched)
