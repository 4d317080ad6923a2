"""Whole-site builds with `mkdocs build --strict`, into temporary folders."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from caseatlas.atlas.pipeline import load_atlas
from tests.sitebuild import build_site

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_LINE = "# yaml-language-server: $schema=../../src/caseatlas/schema/case.schema.json\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


def test_every_seed_case_page_shows_title_figures_and_numbered_sources(site: Path) -> None:
    atlas = load_atlas(ROOT / "case_studies")
    for case in atlas.cases.values():
        html = (site / "cases" / case.id / "index.html").read_text("utf-8")
        h1 = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html, re.S)
        assert h1 and html_lib.unescape(h1.group(1)) == case.title
        assert '<ol class="ca-sources">' in html
        assert all(f'id="source-{s["id"]}"' in html for s in case.data["sources"])
        if case.data.get("indicators"):
            assert '<h2 id="figures">' in html
    qianhe = (site / "cases" / "qianhe" / "index.html").read_text("utf-8")
    assert "just over 1,300 yuan" in qianhe and "more than 18,000 yuan" in qianhe and "about 2015" in qianhe


def test_index_pages_and_schema_are_published(site: Path) -> None:
    for page in (
        "cases",
        "countries/cn",
        "countries/id",
        "mechanisms/resident-officials",
        "themes/gender",
        "sdgs/1",
        "matrix",
        "guides/contributing",
    ):
        assert (site / page / "index.html").is_file(), page
    assert (site / "schema" / "case.schema.json").read_text("utf-8").startswith("{")


def test_case_pages_stay_out_of_the_navigation(site: Path) -> None:
    home = (site / "index.html").read_text("utf-8")
    assert "cases/qianhe/" not in home


def test_matrix_links_cases_in_their_country_column(site: Path) -> None:
    html = (site / "matrix" / "index.html").read_text("utf-8")
    row = re.search(r"<tr><th scope=\"row\"><a href=\"../mechanisms/resident-officials/\">.*?</tr>", html, re.S)
    assert row and "../cases/qianhe/" in row.group(0) and "../cases/shibadong/" in row.group(0)
    cells = re.findall(r"<td>(.*?)</td>", row.group(0))
    countries = re.findall(r'<th scope="col"><a href="../countries/(\w+)/">', html)
    assert "../cases/qianhe/" in cells[countries.index("cn")]  # in China's column


def test_invalid_content_fails_the_build_with_the_validate_message(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    case = project / "case_studies" / "cn" / "qianhe.yaml"
    case.write_text(case.read_text("utf-8").replace("value: 18000", "value: eighteen thousand"), "utf-8")
    with pytest.raises((PluginError, Abort)) as info:
        build_site(project, tmp_path / "out")
    message = caplog.text
    assert "Aborted" in str(info.value)
    assert re.search(
        r"case_studies/cn/qianhe\.yaml:\d+:\d+: indicators\[0\]\.values\[1\]\.value: expected a number, "
        r"got 'eighteen thousand'",
        message,
    ), message


def test_hostile_text_in_a_seed_case_is_inert_in_the_built_page(project: Path, tmp_path: Path) -> None:
    case = project / "case_studies" / "cn" / "shibadong.yaml"
    data = yaml.safe_load(case.read_text("utf-8"))
    data["locality"] = "<script>window.pwned=1</script> {{ 7*7 }}"
    data["summary"] = "<img src=x onerror=alert(1)> [go](javascript:alert(2)) " + data["summary"]
    case.write_text(SCHEMA_LINE + yaml.safe_dump(data, allow_unicode=True), "utf-8")
    site = build_site(project, tmp_path / "out")
    html = (site / "cases" / "shibadong" / "index.html").read_text("utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "<script" not in article and "<img" not in article
    assert 'href="javascript' not in article and not re.search(r"<[^>]+\son\w+=", article)
    assert "&lt;script&gt;window.pwned&#61;1&lt;/script&gt; &#123;&#123; 7&#42;7 &#125;&#125;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
