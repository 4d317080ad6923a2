"""The world map: package data, projection, countries with cases shaded and linked, localities marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.render.html_pages import hrefer, page_url
from caseatlas.render.pages import Renderer
from caseatlas.render.worldmap import HEIGHT, WIDTH, map_data, project

SVG = "{http://www.w3.org/2000/svg}"
DATA = Path("src/caseatlas/data/world_110m.json")


def _map_svg(markdown: str) -> etree._Element:
    start, end = markdown.index("<svg"), markdown.index("</svg>") + len("</svg>")
    return etree.fromstring(markdown[start:end].encode())


def _shaded(svg: etree._Element) -> dict[str, str]:
    """Country label → link target of every shaded (linked) country."""
    return {a.get("aria-label"): a.get("href") for a in svg.iter(f"{SVG}a") if "ca-shaded" in (a.get("class") or "")}


def test_the_packaged_geometry_is_small_sourced_and_licensed() -> None:
    data = map_data()
    assert DATA.stat().st_size < 60_000
    assert "Natural Earth" in data["source"] and "public domain" in data["licence"] and "ISC" in data["licence"]
    codes = {c["code"] for c in data["countries"]}
    assert {"CN", "ID", "VN", "KE", "PE"} <= codes and "AQ" not in codes
    assert json.loads(DATA.read_text("utf-8")) == data


def test_projection_puts_places_where_they_belong() -> None:
    x0, y0 = project(0, 0)
    assert x0 == pytest.approx(WIDTH / 2) and 0 < y0 < HEIGHT
    beijing, jakarta = project(116.4, 39.9), project(106.8, -6.2)
    assert beijing[0] > x0 and beijing[1] < y0 < jakarta[1]  # east of Greenwich; north above south
    assert 0 <= project(-180, 0)[0] < project(180, 0)[0] <= WIDTH


def test_home_map_shades_and_links_every_country_with_cases() -> None:
    atlas = load_atlas(Path("case_studies"))
    svg = _map_svg(Renderer(atlas).world_map("index.md").content)
    shaded = _shaded(svg)
    assert sorted(shaded.values()) == sorted(f"countries/{cc.lower()}/" for cc in atlas.by_country)
    assert shaded["China: 5 cases"] == "countries/cn/" and shaded["Rwanda: 1 case"] == "countries/rw/"
    assert "China" in svg.find(f"{SVG}desc").text and "Rwanda" in svg.find(f"{SVG}desc").text


def test_country_page_map_marks_its_country_as_current() -> None:
    atlas = load_atlas(Path("case_studies"))
    page = next(p for p in Renderer(atlas).pages() if p.src_uri == "countries/id.md")
    svg = _map_svg(page.content)
    current = [a for a in svg.iter(f"{SVG}a") if "ca-current" in (a.get("class") or "")]
    assert [a.get("href") for a in current] == ["./"]
    assert _shaded(svg)["China: 5 cases"] == "../cn/"


def test_localities_with_coordinates_are_marked_and_linked(tmp_path: Path) -> None:
    case = tmp_path / "cases" / "vn" / "synthetic-located.yaml"
    case.parent.mkdir(parents=True)
    case.write_text(
        "# yaml-language-server: $schema=../../src/caseatlas/schema/case.schema.json\n"
        "id: synthetic-located\ntitle: SYNTHETIC located case\nsummary: Test fixture, not a real case.\n"
        "synthetic: true\nlanguage: en\ncountry: VN\nlocality: Test place\n"
        "coordinates: {lat: 21.0, lon: 105.8}\nmechanisms: [training-and-exchange]\n"
        "sources: [{id: s, title: S, publisher: P, url: 'https://example.org/s', accessed: '2026-11-28'}]\n"
        "last_reviewed: '2026-01-01'\n",
        "utf-8",
    )
    atlas = load_atlas(tmp_path / "cases", allow_synthetic=True)
    svg = _map_svg(Renderer(atlas).world_map("index.md").content)
    (circle,) = svg.findall(f".//{SVG}circle")
    x, y = project(105.8, 21.0)
    assert (float(circle.get("cx")), float(circle.get("cy"))) == (pytest.approx(x, abs=0.1), pytest.approx(y, abs=0.1))
    link = circle.getparent()
    assert link.get("href") == "cases/synthetic-located/"
    assert link.get("aria-label") == "SYNTHETIC located case (Test place)"


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("index.md", True, ""),
        ("cases/index.md", True, "cases/"),
        ("cases/qianhe.md", True, "cases/qianhe/"),
        ("cases/qianhe.md", False, "cases/qianhe.html"),
        ("open-data/cases.json", True, "open-data/cases.json"),
    ],
)
def test_page_urls_follow_mkdocs(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


def test_links_in_raw_html_are_relative_to_the_built_page() -> None:
    assert hrefer("index.md")("countries/cn.md") == "countries/cn/"
    assert hrefer("countries/id.md")("countries/cn.md") == "../cn/"
    assert hrefer("mechanisms/relocation.md")("cases/qianhe.md") == "../../cases/qianhe/"
    assert hrefer("cases/qianhe.md")("index.md") == "../../"
    assert hrefer("countries/id.md", directory_urls=False)("countries/cn.md") == "cn.html"
