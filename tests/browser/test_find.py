"""Find a case: search and facets in Chromium, on the real site (and one synthetic Indonesian case)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import ROOT, PageWatch
from tests.sitebuild import build_site, serve

RESULTS = ".ca-find__results > li"
STATUS = ".ca-find__status"


def search(watched: PageWatch, base_url: str, query: str) -> object:
    page = watched.page
    page.goto(base_url + "find/")
    page.get_by_label("Words to find").fill(query)
    page.get_by_label("Words to find").press("Enter")
    page.wait_for_function("document.querySelector('.ca-find__status').textContent !== 'Searching…'")
    return page


def result_titles(page: object) -> list[str]:
    return page.locator(f"{RESULTS} .ca-result__title").all_inner_texts()  # type: ignore[attr-defined]


def found(page: object) -> int:
    page.wait_for_function("!document.querySelector('.ca-find__status').textContent.startsWith('Searching')")  # type: ignore[attr-defined]
    text = page.locator(STATUS).inner_text()  # type: ignore[attr-defined]
    return int(text.split()[0]) if text[0].isdigit() else 0


def assert_clean(watched: PageWatch) -> None:
    assert watched.console_errors == [], watched.console_errors
    assert watched.failed_requests == [], watched.failed_requests


def test_a_query_finds_the_case_with_title_country_and_summary(watched: PageWatch, base_url: str) -> None:
    page = search(watched, base_url, "Shibadong")
    first = page.locator(RESULTS).first
    first.wait_for()
    assert first.locator(".ca-result__title").inner_text().startswith("Shibadong village, Hunan")
    assert first.locator(".ca-result__country").inner_text() == "China"
    assert "Xi Jinping" in first.locator(".ca-result__summary").inner_text()
    assert first.locator(".ca-result__excerpt mark").first.inner_text().lower().startswith("shibadong")
    first.locator("a").click()
    page.wait_for_url("**/cases/shibadong/")
    assert_clean(watched)


def test_a_chinese_place_name_finds_the_case(watched: PageWatch, base_url: str) -> None:
    page = search(watched, base_url, "十八洞")
    page.locator(RESULTS).first.wait_for()
    assert result_titles(page)[0].startswith("Shibadong village")
    assert_clean(watched)


def test_a_country_filter_shrinks_the_results_then_clears(watched: PageWatch, base_url: str) -> None:
    page = search(watched, base_url, "village")
    everything = found(page)
    page.get_by_text("Country", exact=True).click()  # opening a facet fetches its counts for this query
    china = page.locator("label", has_text="China").locator(".ca-facet__count")
    page.wait_for_selector("#ca-find[data-counts=search]", state="attached")
    china_total = int(china.text_content())
    page.get_by_role("checkbox", name="China").check()
    page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length < {everything}")
    filtered = found(page)
    assert 0 < filtered < everything
    assert filtered == china_total
    assert parse_qs(urlsplit(page.url).query) == {"q": ["village"], "country": ["China"]}
    assert page.locator(".ca-chip").all_inner_texts() == ["China"]
    page.get_by_role("button", name="Clear all filters").click()
    page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length === {min(everything, 10)}")
    assert found(page) == everything and not page.get_by_role("checkbox", name="China").is_checked()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["village"]}
    assert_clean(watched)


def test_filters_combine_and_counts_follow(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "find/?country=China&mechanism=Industrial+development")
    assert found(page) == 2
    assert page.get_by_role("checkbox", name="China").is_checked()
    assert page.get_by_role("checkbox", name="Industrial development").is_checked()
    # Counts say what ticking a value would give: Indonesia has no industrial development case.
    indonesia = page.locator("label", has_text="Indonesia")
    assert indonesia.locator(".ca-facet__count").text_content() == "0"
    assert page.get_by_role("checkbox", name="Indonesia").is_disabled()
    assert_clean(watched)


def test_a_shared_link_restores_the_search(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "find/?q=Qianhe&theme=Local+governance")
    assert found(page) == 1
    assert page.get_by_label("Words to find").input_value() == "Qianhe"
    assert page.get_by_role("checkbox", name="Local governance").is_checked()
    assert result_titles(page)[0].startswith("Qianhe village")
    assert_clean(watched)


def test_the_keyboard_alone_can_filter(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "find/?q=village")
    everything = found(page)
    page.get_by_label("Words to find").focus()
    # The Search button, the full-text box, the results (they come first), the filters' panel, then the first facet.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Country":
            break
    assert page.evaluate("document.activeElement.textContent") == "Country"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.wait_for_function(f"document.querySelectorAll('{RESULTS}').length < {everything}")
    assert page.get_by_role("checkbox", name="China").is_checked()
    assert_clean(watched)


def test_the_header_search_leads_to_the_finder(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "cases/")
    assert page.locator(".md-search").count() == 0  # Material's own search is not there as well
    box = page.get_by_role("search").get_by_placeholder("Search")
    box.fill("Qianhe")
    box.press("Enter")
    page.wait_for_url("**/find/?q=Qianhe")
    assert found(page) >= 1 and result_titles(page)[0].startswith("Qianhe village")
    assert_clean(watched)


def test_on_a_phone_the_header_button_opens_the_box_and_enter_the_finder(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    watched = PageWatch(context.new_page())
    page = watched.page
    page.goto(base_url)
    page.wait_for_load_state("networkidle")  # leaving earlier would cancel the favicon's request
    page.locator(".ca-header-search__button").click()  # unfolds the box over the header
    assert page.evaluate("document.activeElement.id") == "ca-header-q"
    page.keyboard.type("poverty")
    page.keyboard.press("Enter")
    page.wait_for_url("**/find/?q=poverty")
    assert found(page) > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_clean(watched)
    context.close()


def test_search_adds_only_its_script_to_a_page_load_and_pagefind_after_it(watched: PageWatch, base_url: str) -> None:
    """Every page carries the header's search box, which lists results as one types: its script and style sheet
    load with the page (within the 50 KB budget of a page load). Pagefind's own files come after the page has
    loaded, when the browser is idle: its script, worker, entry, page list and WebAssembly. Once a first query has
    listed its results, the real site's catalogue being small, every other result fragment of the page's language
    follows, so that the later queries need nothing more."""
    page = watched.page
    events: list[str] = []
    page.on("request", lambda r: events.append(r.url))
    page.on("load", lambda: events.append("load"))
    page.goto(base_url + "cases/qianhe/")
    page.wait_for_function("document.querySelector('form.ca-header-search').dataset.warm === 'done'", timeout=30_000)
    loaded = events.index("load")
    assert not [u for u in events[:loaded] if "pagefind" in u], events[:loaded]
    added = page.evaluate(
        "performance.getEntriesByType('resource').filter(e => /caseatlas-(find|search)/.test(e.name))"
        ".map(e => e.encodedBodySize || e.transferSize)"
    )
    assert len(added) == 2 and sum(added) <= 50 * 1024, added
    for _ in range(50):  # its worker fetches the entry, page list and WebAssembly once its script has run
        if any(".pf_meta" in u for u in events[loaded:]) and any("/wasm." in u for u in events[loaded:]):
            break
        page.wait_for_timeout(200)
    after = [u for u in events[loaded:] if "/pagefind/" in u]
    assert any(u.endswith("/pagefind/pagefind.js") for u in after) and any(".pf_meta" in u for u in after)
    assert any("/wasm." in u for u in after)
    assert not [u for u in after if "/fragment/" in u]  # not before a query
    events.clear()
    page.locator("#ca-header-q").click()
    page.keyboard.type("Shibadong", delay=50)
    page.wait_for_function("document.querySelector('form.ca-header-search').dataset.fragments === 'done'")
    fragments = [u for u in events if "/fragment/" in u]
    assert len(fragments) == len(set(fragments)) == 27, len(fragments)  # this language's cases, each once
    events.clear()
    for query in ("Qianhe", "Dana Desa"):
        page.locator("#ca-header-q").fill("")
        page.keyboard.type(query, delay=50)
        page.wait_for_function(
            "q => (document.querySelector('.ca-header-search__title') || {}).textContent?.startsWith(q)", arg=query
        )
    assert not [u for u in events if "/pagefind/" in u], events  # all of it was there
    assert not [u for u in events if "/pagefind-text/" in u]  # the full text only when the catalogue has nothing
    assert_clean(watched)


@pytest.mark.parametrize("link", ["save-data", "2g"])
def test_where_the_reader_saves_data_pagefind_waits_for_the_box(browser: object, base_url: str, link: str) -> None:
    """With Save-Data on, or on a 2G link, nothing of Pagefind loads until the reader focuses the box."""
    context = browser.new_context()  # type: ignore[attr-defined]
    watched = PageWatch(context.new_page())
    page = watched.page
    cdp = context.new_cdp_session(page)
    if link == "save-data":
        cdp.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    else:
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000},
        )
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + "find/", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    page.wait_for_timeout(1000)  # past the idle moment at which Pagefind would have started
    assert page.evaluate("navigator.connection.saveData || navigator.connection.effectiveType.endsWith('2g')")
    assert not [u for u in requested if "pagefind" in u], requested
    page.locator("#ca-header-q").focus()
    for _ in range(150):
        if any("pagefind-entry.json" in u for u in requested):
            break
        page.wait_for_timeout(200)
    assert any("/pagefind/pagefind.js" in u for u in requested)
    page.wait_for_timeout(3000)
    assert not [u for u in requested if "/fragment/" in u]  # no fragments ahead of a query here
    context.close()


HOSTILE = [
    "",
    "x" * 10_000,
    r".*+?^${}()|[]\ (?=.*) \\",
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned = 1">',
]


@pytest.mark.parametrize("query", HOSTILE, ids=["empty", "10000-chars", "regex", "script", "img-onerror"])
def test_bad_input_is_a_friendly_no_result(watched: PageWatch, base_url: str, query: str) -> None:
    page = watched.page
    page.goto(base_url + "find/")
    page.get_by_label("Words to find").evaluate("(el, q) => { el.value = q; }", query)  # past maxlength, as a URL could
    page.locator("#ca-find").get_by_role("button", name="Search", exact=True).click()
    page.wait_for_function("!document.querySelector('.ca-find__status').textContent.startsWith('Searching')")
    status = page.locator(STATUS).inner_text()
    expected = "Type a word, or choose a filter, to find cases." if not query else "No case matches."
    assert status.startswith(expected)
    assert page.locator(RESULTS).count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#ca-find img, #ca-find script").count() == 0
    assert len(page.url) < 1000  # the query kept in the URL is cut to 200 characters
    assert_clean(watched)


def test_a_word_no_case_contains_is_named(watched: PageWatch, base_url: str) -> None:
    page = search(watched, base_url, "village zzyzx")
    assert found(page) == 0
    status = page.locator(STATUS).inner_text()
    assert status == (
        "No case matches. Try other or fewer words, or remove a filter. Not found anywhere: zzyzx. "
        "Tick “Search the full text” to look further."
    )
    assert_clean(watched)


@pytest.mark.parametrize(
    "url", ["find/?country=Atlantis", "find/?q=village&sdg=SDG+99%3A+None&any=x&country=%3Cb%3E", "find/?theme=%24%26%24%27"]
)
def test_a_filter_value_that_does_not_exist_is_left_out_and_said(watched: PageWatch, base_url: str, url: str) -> None:
    page = watched.page
    asked = parse_qs(urlsplit(url).query)
    value = asked["theme" if "theme=" in url else "country"][0]
    page.goto(base_url + url)
    page.wait_for_selector("#ca-find[data-state=done]" if "q=" in url else "#ca-find")
    page.wait_for_function("document.querySelector('.ca-find__status').textContent.includes('There is no filter')")
    status = page.locator(STATUS).inner_text()
    assert f"There is no filter “{value}”: it was left out." in status
    assert page.locator("#ca-find b").count() == 0 and page.locator(".ca-chip").count() == 0  # no chip that filters nothing
    if "q=" in url:  # the words are still searched, without the filters that do not exist
        assert found(page) > 0 and parse_qs(urlsplit(page.url).query) == {"q": ["village"]}
    assert_clean(watched)


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site plus the SYNTHETIC cases of tests/search/synthetic (an Indonesian-language case,
    a case of hostile text), in a temporary project."""
    project = tmp_path_factory.mktemp("project")
    for name in ("case_studies", "docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copytree(ROOT / "tests/search/synthetic", project / "case_studies", dirs_exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = config.replace("  - caseatlas:\n", "  - caseatlas:\n      allow_synthetic: true\n")
    (project / "mkdocs.yml").write_text(config, "utf-8")
    site = build_site(project, tmp_path_factory.mktemp("site"))
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("query", ["koperasi", "pelatihan perempuan", "pemasaran panen"])
def test_indonesian_words_find_the_indonesian_case(watched: PageWatch, synthetic_site: str, query: str) -> None:
    page = search(watched, synthetic_site, query)
    page.locator(RESULTS).first.wait_for()
    assert result_titles(page) == ["SYNTHETIC: Koperasi perempuan desa (contoh untuk pengujian)"]
    page.get_by_text("Written in", exact=True).click()  # opens the facet
    assert page.locator("label", has_text="Indonesian").locator(".ca-facet__count").text_content() == "1"
    assert_clean(watched)


def test_words_only_in_the_body_are_found_in_the_full_text(watched: PageWatch, synthetic_site: str) -> None:
    page = search(watched, synthetic_site, "anyaman bambu")  # in the case's context, not its summary
    assert found(page) == 0 and "Search the full text" in page.locator(STATUS).inner_text()
    page.get_by_label("Search the full text of every case").check()
    page.wait_for_url("**/find/?q=anyaman+bambu&in=text")
    assert found(page) == 1
    assert result_titles(page) == ["SYNTHETIC: Koperasi perempuan desa (contoh untuk pengujian)"]
    assert page.locator(".ca-result__excerpt mark").all_inner_texts()[:2] == ["anyaman", "bambu"]
    page.goto(synthetic_site + "find/?q=anyaman+bambu&in=text")  # the choice is part of a shared link
    assert found(page) == 1 and page.get_by_label("Search the full text of every case").is_checked()
    assert_clean(watched)


def test_hostile_text_in_a_case_shows_as_text_in_results(watched: PageWatch, synthetic_site: str) -> None:
    page = search(watched, synthetic_site, "quokkaville onerror")
    result = page.locator(RESULTS).first
    result.wait_for()
    assert result.locator(".ca-result__title").inner_text() == "SYNTHETIC: Quokkaville markup test"
    summary = result.locator(".ca-result__summary").inner_text()
    assert summary.startswith('SYNTHETIC: <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script>')
    assert "<img" in result.locator(".ca-result__excerpt").inner_text()
    assert page.locator("#ca-find img, #ca-find script, #ca-find a[href^=javascript]").count() == 0
    result.locator("a").click()
    page.wait_for_url("**/cases/synthetic-hostile-text/")
    assert page.evaluate("window.__pwned") is None
    assert_clean(watched)


def test_the_search_bundle_sits_beside_the_site(site_dir: Path) -> None:
    assert (site_dir / "pagefind" / "pagefind.js").is_file()
    assert not (site_dir / "search" / "search_index.json").exists()  # Material's lunr index is not built


def test_without_javascript_the_finder_says_so_and_the_form_still_submits(browser: object, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(base_url + "find/")
        assert page.locator(".ca-find__nojs").is_visible()
        page.locator("#ca-find-q").fill("Shibadong")
        page.locator(".ca-find__submit").click()
        page.wait_for_url("**/find/?q=Shibadong*")
    finally:
        context.close()
