"""Search without a browser: facet values, the markup Pagefind reads, the index step, and the built site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from caseatlas.atlas.model import Atlas, Case
from caseatlas.atlas.pipeline import case_files, load_atlas
from caseatlas.core.strings import language_label, strings
from caseatlas.core.vocabulary import load_vocabulary
from caseatlas.search.facets import (
    CaseSearchData,
    case_facets,
    case_search_data,
    catalogue_block,
    facet_counts,
    mark_case,
    plain_text,
    spaced_han,
)
from caseatlas.search.indexer import SearchIndexError, index_site
from tests.sitebuild import build_site

ROOT = Path(__file__).resolve().parent.parent
T = strings("en")


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas(ROOT / "case_studies")


def test_a_case_has_a_value_for_each_facet(atlas: Atlas) -> None:
    facets = case_facets(atlas, atlas.cases["shibadong"], T)
    assert facets == {
        "country": ["China"],
        "mechanism": ["Poverty identification and registry", "Resident village officials and first secretaries"],
        "theme": ["Targeting and data", "Local governance"],
        "sdg": ["SDG 1: No poverty"],
        "language": ["English"],
        "module": [],
    }


def test_language_names_come_from_the_interface_words_then_iso_639() -> None:
    assert language_label("id", T) == "Indonesian" and language_label("zh-Hans", T) == "Chinese"
    assert language_label("vi", T) == "Vietnamese" and language_label("qqq", T) == "qqq"


def test_facet_counts_cover_every_case_most_common_first(atlas: Atlas) -> None:
    counts = facet_counts(atlas, T)
    assert counts["country"][0] == ("China", 5) and ("Rwanda", 1) in counts["country"]
    assert [n for _, n in counts["country"]] == sorted((n for _, n in counts["country"]), reverse=True)
    assert sum(n for _, n in counts["country"]) == len(atlas.cases)
    assert sum(n for _, n in counts["language"]) == len(atlas.cases)
    sdgs = [label for label, _ in counts["sdg"]]
    assert sdgs == sorted(sdgs, key=lambda s: int(s.split()[1].rstrip(":")))  # goals in number order
    # The module facet is listed once a course module uses a case, never empty.
    assert ("module" in counts) == bool(getattr(atlas, "modules_by_case", None))


def test_search_data_gives_title_country_and_a_plain_summary(atlas: Atlas) -> None:
    data = case_search_data(atlas, T)["cases/qianhe.md"]
    assert data.meta["title"] == atlas.cases["qianhe"].title and data.meta["country"] == "China"
    assert data.meta["summary"].startswith("Han Yunan, an official assigned to Qianhe village")
    assert "<" not in data.meta["summary"]


def test_the_catalogue_names_a_case_in_every_language_on_every_site(atlas: Atlas) -> None:
    """The Chinese site's record of Shibadong carries its English and Indonesian titles and places; the English
    site's, the Chinese title with its Han characters one to a word (Pagefind segments Han only on Chinese pages)."""
    zh = case_search_data(atlas.in_language("zh"), strings("zh"))["cases/shibadong.md"].catalogue
    assert ("en", atlas.cases["shibadong"].title, 7) in zh
    assert any(line[0] == "id" and line[1].startswith("Desa Shibadong") for line in zh)
    assert ("zh", "十八洞村", 7) in zh  # left whole on the Chinese site
    en = case_search_data(atlas, T)["cases/shibadong.md"].catalogue
    assert ("zh", "十 八 洞 村", 7) in en
    assert any(line[0] == "zh" and line[1].startswith("湖 南 十 八 洞 村") for line in en)
    assert any(line[0] == "id" and "Desa Shibadong" in line[1] for line in en)
    # For Material's search (a bundle), Han text is left whole for jieba; the block carries no Pagefind markup.
    bundle = case_search_data(atlas, T, pagefind=False)["cases/shibadong.md"]
    assert ("zh", "十八洞村", 7) in bundle.catalogue
    block = catalogue_block(bundle)
    assert '<p lang="zh">十八洞村</p>' in block and "pagefind" not in block and " hidden>" in block


def test_han_text_is_spaced_one_character_to_a_word() -> None:
    assert spaced_han("青海省 Luhua 镇的刺绣") == "青 海 省  Luhua  镇 的 刺 绣"
    assert spaced_han("no Han here") == "no Han here"


def test_plain_text_drops_markdown_and_keeps_typed_tags_as_text() -> None:
    assert (
        plain_text("Some *emphasis* and [a link](https://example.org).\n\nA second paragraph.")
        == "Some emphasis and a link. A second paragraph."
    )
    assert plain_text("<script>alert(1)</script> & {{ x }}") == "<script>alert(1)</script> & {{ x }}"


def test_marked_page_wraps_the_article_and_escapes_every_value() -> None:
    hostile = '"><img src=x onerror=alert(1)> {{ 7*7 }}'
    data = CaseSearchData(
        {"country": ["Côte d'Ivoire"], "theme": [hostile]},
        {"title": hostile, "summary": "a, b: c"},
        [("", hostile), ("zh", "十八洞村")],
    )
    html = mark_case("<h1>Title</h1>\n<p>Text</p>", data)
    assert html.startswith('<div data-pagefind-body>\n<div class="ca-catalogue" hidden><p>&quot;&gt;&lt;img src&#61;x ')
    assert '<p lang="zh">十八洞村</p></div>\n<div class="ca-article">\n<h1>Title</h1>\n<p>Text</p>\n</div>\n</div>\n' in html
    assert '<span data-pagefind-filter="country:Côte d&#39;Ivoire"></span>' in html
    assert '<span data-pagefind-meta="summary:a, b: c"></span>' in html
    assert "<img" not in html and '"><img' not in html and "{{" not in html and hostile not in html
    assert re.findall(r'data-pagefind-filter="theme:([^"]*)"', html) == [
        "&quot;&gt;&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt; &#123;&#123; 7&#42;7 &#125;&#125;"
    ]


def test_index_site_indexes_only_marked_pages(tmp_path: Path) -> None:
    page = '<!doctype html><html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>'
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "index.html").write_text(
        page.format(
            lang="en",
            body=mark_case(
                "<h1>Desa</h1><p>Pelatihan koperasi</p>",
                CaseSearchData({"country": ["Indonesia"]}, {"title": "Desa"}, [("", "Desa cerdas")]),
            ),
        ),
        "utf-8",
    )
    (tmp_path / "index.html").write_text(page.format(lang="en", body="<h1>Home</h1>"), "utf-8")
    report = index_site(tmp_path)
    assert (report.pages, report.languages) == (1, 1)
    assert report.bundles == [tmp_path / "pagefind", tmp_path / "pagefind-text"]
    for bundle in report.bundles:
        assert (bundle / "pagefind.js").is_file() and not list(bundle.glob("pagefind-ui*"))
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        assert entry["languages"]["en"]["page_count"] == 1
    catalogue_words = sorted(p.name for p in (tmp_path / "pagefind" / "index").iterdir())
    text_words = sorted(p.name for p in (tmp_path / "pagefind-text" / "index").iterdir())
    assert catalogue_words != text_words  # two indexes of different words


def test_index_site_says_what_is_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SearchIndexError, match=r"built site not found \(hint: build the site before indexing it\)"):
        index_site(tmp_path / "missing")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-binary"))
    with pytest.raises(SearchIndexError, match=r"the Pagefind binary was not found \(hint: install the project again"):
        index_site(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(SearchIndexError, match=r"Pagefind failed to index .* \(exit 1\)"):
        index_site(tmp_path)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


def test_the_build_marks_case_pages_only_and_writes_the_index(site: Path) -> None:
    case = (site / "cases" / "shibadong" / "index.html").read_text("utf-8")
    assert case.count("data-pagefind-body") == 1
    assert '<span data-pagefind-filter="country:China"></span>' in case
    assert '<span lang="zh">十八洞村</span>' in case  # names in other languages are in the indexed text
    links = case[case.index('class="ca-links"') :]
    assert links.startswith('class="ca-links" data-pagefind-ignore') and "The same mechanism elsewhere" in links
    for other in ("index.html", "cases/index.html", "countries/cn/index.html", "find/index.html"):
        assert "data-pagefind-body" not in (site / other).read_text("utf-8"), other
    for bundle in ("pagefind", "pagefind-text"):
        entry = json.loads((site / bundle / "pagefind-entry.json").read_text("utf-8"))
        cases = len(case_files(ROOT / "case_studies"))  # every case, in every language of the site
        assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"en": cases, "zh": cases, "id": cases}


def test_the_find_page_lists_facets_with_counts_and_loads_one_small_script(site: Path) -> None:
    html = (site / "find" / "index.html").read_text("utf-8")
    assert (
        '<input type="checkbox" name="country" value="China"><span class="ca-facet__label">China</span> '
        '<span class="ca-facet__count" data-total="5">5</span>' in html
    )
    facets = re.findall(r'<details class="ca-facet" data-facet="(\w+)">', html)
    assert facets[:5] == ["country", "mechanism", "theme", "sdg", "language"] and facets[5:] in ([], ["module"])
    assert '<script src="../assets/caseatlas-find.js"></script>' in html  # on every page: the header's box uses it
    assert "pagefind.js" not in html  # Pagefind's script is imported on the first search, not on page load
    header = (site / "index.html").read_text("utf-8")
    assert '<form class="ca-header-search" role="search" method="get" action="find/"' in header
    assert 'data-md-component="search"' not in header  # one search: Material's is not there as well


def test_material_search_can_be_switched_back_for_the_offline_bundle(project: Path, tmp_path: Path) -> None:
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    assert "search" not in config["plugins"]
    text = (project / "mkdocs.yml").read_text("utf-8")
    text = text.replace("plugins:\n  - caseatlas:\n", "plugins:\n  - search\n  - caseatlas:\n      search_index: false\n")
    (project / "mkdocs.yml").write_text(text, "utf-8")
    site = build_site(project, tmp_path / "site")
    header = (site / "index.html").read_text("utf-8")
    assert 'data-md-component="search"' in header and "ca-header-search" not in header
    assert (site / "search" / "search_index.json").is_file() and not (site / "pagefind").exists()
    assert "data-pagefind-body" not in (site / "cases" / "qianhe" / "index.html").read_text("utf-8")


def test_case_objects_without_modules_still_get_an_empty_module_facet() -> None:
    vocab = load_vocabulary()
    case = Case(Path("x.yaml"), {"id": "x", "title": "X", "country": "ID", "mechanisms": ["cooperatives"], "language": "id"})
    atlas = Atlas.from_cases(vocab, [case])
    assert case_facets(atlas, case, T)["language"] == ["Indonesian"] and case_facets(atlas, case, T)["module"] == []


def test_modules_that_use_a_case_are_a_facet(atlas: Atlas) -> None:
    class Module:  # the course modules add Atlas.modules_by_case: case id → the modules that use it
        title = "Study visit: targeted poverty alleviation"

    with_modules = Atlas.from_cases(atlas.vocabulary, list(atlas.cases.values()))
    with_modules.modules_by_case = {"shibadong": [Module()], "qianhe": [Module()]}  # type: ignore[attr-defined]
    assert case_facets(with_modules, with_modules.cases["shibadong"], T)["module"] == [Module.title]
    assert facet_counts(with_modules, T)["module"] == [(Module.title, 2)]
