"""Links and sources: http(s) sources, internal links that resolve, checked at build time and in the built site."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
import yaml
from mkdocs.exceptions import Abort

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.site.linkcheck import LinkIndex
from tests.sitebuild import build_site

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_LINE = "# yaml-language-server: $schema=../../src/caseatlas/schema/case.schema.json\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


def test_every_source_url_of_every_case_is_http(site: Path) -> None:
    atlas = load_atlas(ROOT / "case_studies")
    for case in atlas.cases.values():
        urls = [s["url"] for s in case.data["sources"] if "url" in s]
        assert all(re.match(r"^https?://", u) for u in urls), case.id
        page = lxml.html.parse(str(site / "cases" / case.id / "index.html")).getroot()
        hrefs = page.xpath('//ol[@class="ca-sources"]//a/@href')
        assert sorted(hrefs) == sorted(urls), case.id


def _targets(site: Path) -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    """Every page's ids, and every (page, link) for links that stay within the site."""
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        doc = lxml.html.parse(str(path)).getroot()
        ids[page] = set(doc.xpath("//@id")) | set(doc.xpath("//a/@name"))
        for href in doc.xpath("//a/@href | //link/@href | //script/@src | //img/@src"):
            parts = urlsplit(href)
            if not parts.scheme and not parts.netloc:
                links.append((page, href))
    return ids, links


def test_every_internal_link_in_the_built_site_leads_to_a_file_and_an_id(site: Path) -> None:
    ids, links = _targets(site)
    assert len(ids) > 50 and len(links) > 1000
    broken = []
    for page, href in links:
        parts = urlsplit(href)
        base = "" if parts.path.startswith("/") else posixpath.dirname(page)
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/"))) if parts.path else page
        if target.startswith(".."):
            broken.append((page, href, "leaves the site"))
            continue
        file = next((t for t in (target, f"{target}/index.html") if (site / t).is_file()), None)
        if file is None:
            broken.append((page, href, "no such file"))
        elif parts.fragment and file.endswith(".html") and unquote(parts.fragment) not in ids[file]:
            broken.append((page, href, "no such id"))
    assert broken == []


def _with_summary(project: Path, text: str) -> None:
    case = project / "case_studies" / "cn" / "shibadong.yaml"
    data = yaml.safe_load(case.read_text("utf-8"))
    data["summary"] = text
    case.write_text(SCHEMA_LINE + yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_a_broken_link_in_a_contributors_prose_fails_the_build(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Prose reaches the page as raw HTML, which MkDocs does not check: the plugin does."""
    monkeypatch.chdir(project)
    _with_summary(project, "Compare [Qianhe](qianhe.md) and [its figures](../qianhe/#no-such-section).")
    with pytest.raises(Abort, match="Aborted with 2 warnings in strict mode"):
        build_site(project, tmp_path / "site")
    assert (
        "caseatlas: cases/shibadong.md links to 'qianhe.md', which is not a page or file of the site: correct or remove the link"
    ) in caplog.text
    assert (
        "caseatlas: cases/shibadong.md links to '../qianhe/#no-such-section', but that page has no id "
        "'no-such-section': correct or remove the link"
    ) in caplog.text


def test_a_working_link_in_prose_builds(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    _with_summary(project, "Compare [Qianhe](../qianhe/#figures) and [the matrix](../../matrix/).")
    site = build_site(project, tmp_path / "site")
    assert 'href="../qianhe/#figures"' in (site / "cases" / "shibadong" / "index.html").read_text("utf-8")


def test_link_index_resolves_relative_links_fragments_and_pages(tmp_path: Path) -> None:
    for page in ("index.html", "cases/a/index.html", "cases/b/index.html"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("")
    (tmp_path / "schema.json").write_text("{}")
    index = LinkIndex()
    index.add_page("index.md", "", '<h2 id="top">x</h2><a href="cases/a/#s1">a</a> <a href="#top">t</a> <a href="#gone">g</a>')
    index.add_page(
        "cases/a.md",
        "cases/a/",
        '<li id="s1"><a href="../b/">b</a> <a href="../../../x/">x</a>'
        ' <a href="../../schema.json">s</a> <a href="https://example.org/">e</a></li>',
    )
    index.add_page("cases/b.md", "cases/b/", '<a href="../c/">c</a> <a href="mailto:x@example.org">m</a>', check=True)
    index.add_page("guide.md", "guide/", '<a href="nowhere/">n</a>', check=False)
    assert index.broken(tmp_path) == [
        "index.md links to '#gone', but that page has no id 'gone'",
        "cases/a.md links to '../../../x/', which leads outside the site",
        "cases/b.md links to '../c/', which is not a page or file of the site",
    ]


def test_link_index_resolves_links_of_pages_as_files(tmp_path: Path) -> None:
    """Without directory URLs (an offline bundle) a page at the root is 'matrix.html', its links relative to the root."""
    for page in ("matrix.html", "cases/a.html", "countries/cn.html"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("")
    index = LinkIndex()
    index.add_page("matrix.md", "matrix.html", '<a href="cases/a.html">a</a> <a href="countries/xx.html">x</a>')
    index.add_page("cases/a.md", "cases/a.html", '<a href="../countries/cn.html">cn</a> <a href="../../up.html">u</a>')
    assert index.broken(tmp_path) == [
        "matrix.md links to 'countries/xx.html', which is not a page or file of the site",
        "cases/a.md links to '../../up.html', which leads outside the site",
    ]
