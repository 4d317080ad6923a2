"""schema.org JSON-LD for case pages: valid JSON, names the country, and no text can close the script."""

from __future__ import annotations

import json
import re
from pathlib import Path

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.render.jsonld import case_jsonld, insert_into_head, script_tag


def _parse(tag: str) -> dict:
    m = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', tag, re.S)
    assert m
    return json.loads(m.group(1))


def test_qianhe_is_an_article_about_its_mechanisms_set_in_china_citing_its_source() -> None:
    atlas = load_atlas(Path("case_studies"))
    data = _parse(script_tag(case_jsonld(atlas.cases["qianhe"], atlas.vocabulary)))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
    assert data["name"].startswith("Qianhe village")
    place = data["spatialCoverage"]
    assert place["name"] == "Qianhe village"
    assert place["containedInPlace"]["identifier"] == "CN-HA"
    assert place["containedInPlace"]["containedInPlace"] == {"@type": "Country", "name": "China", "identifier": "CN"}
    assert {a["termCode"] for a in data["about"]} >= {"resident-officials", "industrial-development"}
    assert data["citation"][0]["url"] == "http://en.people.cn/n3/2025/1218/c90000-20404077.html"
    assert data["citation"][0]["publisher"]["name"] == "People's Daily Online"


def test_every_case_names_its_country() -> None:
    atlas = load_atlas(Path("case_studies"))
    for case in atlas.cases.values():
        text = json.dumps(case_jsonld(case, atlas.vocabulary)["spatialCoverage"])
        assert f'"identifier": "{case.country}"' in text and case.country_name in text


def test_contributor_text_cannot_close_the_script_element() -> None:
    hostile = "</script><script>alert(1)</script><!-- & \u2028"
    tag = script_tag({"name": hostile})
    assert tag.count("</script>") == 1 and tag.count("<script") == 1 and "<!--" not in tag
    assert _parse(tag)["name"] == hostile


def test_the_script_goes_into_the_head() -> None:
    assert insert_into_head("<html><head><title>x</title></head><body></body></html>", "<script></script>") == (
        "<html><head><title>x</title><script></script>\n</head><body></body></html>"
    )
    assert insert_into_head("<p>no head</p>", "<script></script>") == "<p>no head</p>"
