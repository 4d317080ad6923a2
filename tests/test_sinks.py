"""Where contributor text leaves the article: the tab title, the header, the table of contents, listings, the search index.

Each of these is filled by the theme, not by our templates, and some unescape what they are
given (Material's `page.title | striptags`). A case whose title and headings are written
with entities and tags must read there exactly as it reads on the page, and stay text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml

from caseatlas.content.loading import Document, read_document
from tests.inert import active_content
from tests.sitebuild import build_site

TITLE = "Qianhe &lt;/title&gt;&lt;script&gt;alert('PWNED')&lt;/script&gt; &amp;lt;b&amp;gt; &#60;i&#62; \u202eRTL"
HEADING = "<script>alert('PWNED')</script> &lt;img src=x onerror=alert('PWNED')&gt; income"


def text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().replace("¶", "").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Path(__file__).resolve().parent.parent
    project = tmp_path_factory.mktemp("sinks")
    for name in ("case_studies", "docs", "overrides"):
        shutil.copytree(root / name, project / name)
    (project / "mkdocs.yml").write_bytes((root / "mkdocs.yml").read_bytes())
    case = project / "case_studies" / "cn" / "qianhe.yaml"
    doc = read_document(case)
    assert isinstance(doc, Document)
    doc.data["title"] = TITLE
    doc.data["indicators"][0]["name"] = HEADING
    case.write_text(doc.text.split("\n", 1)[0] + "\n" + yaml.safe_dump(doc.data, allow_unicode=True, sort_keys=False), "utf-8")
    return build_site(project, project / "site")


def test_the_title_reads_the_same_in_the_tab_the_header_and_the_page(site: Path) -> None:
    page = lxml.html.parse(str(site / "cases" / "qianhe" / "index.html")).getroot()
    h1 = text(page.xpath("//article//h1")[0])
    assert h1 == " ".join(TITLE.split())  # exactly as written: entities are not decoded
    titles = page.xpath("/html/head/title")
    assert len(titles) == 1 and titles[0].text_content() == f"{h1} - Case Atlas"
    assert text(page.xpath('//*[@data-md-component="header-topic"]')[0]) == h1
    assert page.xpath('//meta[@name="description"]/@content')[0].startswith("Case studies of rural development")
    assert active_content(lxml.html.tostring(page, encoding="unicode")) == []


def test_a_heading_reads_the_same_in_the_table_of_contents(site: Path) -> None:
    page = lxml.html.parse(str(site / "cases" / "qianhe" / "index.html")).getroot()
    heading = page.xpath("//article//h3")[0]
    assert text(heading) == HEADING
    toc = page.xpath(f'//nav[contains(@class, "md-nav--secondary")]//a[@href="#{heading.get("id")}"]')
    assert len(toc) == 1 and text(toc[0]) == HEADING


def test_listings_and_the_search_index_carry_the_title_as_text(site: Path) -> None:
    written = " ".join(TITLE.split())
    for listing in ("cases", "countries/cn", "matrix", "mechanisms/resident-officials"):
        page = lxml.html.parse(str(site / listing / "index.html")).getroot()
        links = [text(a) for a in page.xpath('//article//a[contains(@href, "qianhe/")]')]
        assert written in links, listing
    index = site / "search" / "search_index.json"
    if index.exists():
        docs = {d["location"]: d for d in json.loads(index.read_text("utf-8"))["docs"]}
        shown = lxml.html.fragment_fromstring(docs["cases/qianhe/"]["title"], create_parent="div")
        assert text(shown) == written
        section = next(d for loc, d in docs.items() if loc.startswith("cases/qianhe/#") and "income" in d["title"])
        assert text(lxml.html.fragment_fromstring(section["title"], create_parent="div")) == HEADING
