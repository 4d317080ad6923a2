"""Quality gates on every kind of page (kinds.py), in Chromium: clean loads, links that answer, axe-core, keyboard."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any
from urllib.parse import unquote

import lxml.html
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import AXE_SUMMARY, PageWatch
from tests.browser.kinds import PAGE_KINDS, in_every_language

KIND_IDS = [kind for kind, _ in PAGE_KINDS]
VIEWS: dict[str, dict[str, Any]] = {
    "light": {"color_scheme": "light"},
    "dark": {"color_scheme": "dark"},
    "phone": {"color_scheme": "light", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
BLOCKING = ("serious", "critical")
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 only, never through a proxy
_fetched: dict[str, tuple[int, set[str]]] = {}


def fetch(url: str) -> tuple[int, set[str]]:
    """Status of `url` from the local server, and the ids of the page when it is HTML (cached)."""
    if url not in _fetched:
        try:
            with _opener.open(url, timeout=30) as response:
                status, body, html = response.status, response.read(), response.headers.get_content_type() == "text/html"
        except urllib.error.HTTPError as error:
            status, body, html = error.code, b"", False
        ids = set(lxml.html.document_fromstring(body).xpath("//@id")) if html and body.strip() else set()
        _fetched[url] = (status, ids)
    return _fetched[url]


@pytest.mark.parametrize(("kind", "path"), PAGE_KINDS, ids=KIND_IDS)
def test_page_loads_cleanly_and_every_internal_link_answers(kind: str, path: str, watched: PageWatch, base_url: str) -> None:
    page = watched.page
    response = page.goto(base_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert page.locator("h1").count() >= 1
    urls = page.eval_on_selector_all(
        "a[href], link[href], script[src], img[src]",
        (
            # an SVG <a> (the map) has an SVGAnimatedString for href: resolve its text against the page
            "els => els.map(e => { const h = e.href || e.src;"
            " return typeof h === 'string' ? h : new URL(h.baseVal, document.baseURI).href; })"
        ),
    )
    internal = sorted({u for u in urls if u.startswith(base_url)})
    assert len(internal) >= 5, internal
    broken = []
    for link in internal:
        url, _, fragment = link.partition("#")
        status, ids = fetch(url)
        if status != 200:
            broken.append((link, status))
        elif fragment and unquote(fragment) not in ids:
            broken.append((link, "no such id on that page"))
    assert broken == []
    assert watched.console_errors == []
    assert watched.failed_requests == []
    assert watched.external_requests == []


OTHER_LANGUAGES = [(kind, path) for kind, path in in_every_language() if (kind, path) not in PAGE_KINDS]


@pytest.mark.parametrize(("kind", "path"), OTHER_LANGUAGES, ids=[kind for kind, _ in OTHER_LANGUAGES])
def test_the_other_kinds_of_page_in_chinese_and_indonesian_load_and_request_nothing_elsewhere(
    kind: str, path: str, watched: PageWatch, base_url: str
) -> None:
    """The test above, without its link checks, on each kind of page in the languages PAGE_KINDS has no example of."""
    response = watched.page.goto(base_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert watched.page.locator("h1").count() >= 1
    assert (watched.console_errors, watched.failed_requests, watched.external_requests) == ([], [], [])


@pytest.mark.parametrize(("lang", "word"), [("", "village"), ("zh/", "十八洞"), ("id/", "desa")])
def test_a_search_in_each_language_requests_nothing_elsewhere(lang: str, word: str, watched: PageWatch, base_url: str) -> None:
    """Find a case loads Pagefind (scripts, WebAssembly, index chunks) only when a query is made; each language's
    index holds its own words (every case is translated: "village" is 村 and desa there)."""
    page = watched.page
    page.goto(base_url + lang + "find/?q=" + word, wait_until="networkidle")
    page.locator(".ca-find__results > li").first.wait_for()
    assert any("/pagefind" in url for url in page.evaluate("performance.getEntries().map(e => e.name)"))
    assert (watched.console_errors, watched.failed_requests, watched.external_requests) == ([], [], [])


def axe_violations(page: Any) -> list[dict[str, Any]]:
    return Axe().run(page).response["violations"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize(("kind", "path"), PAGE_KINDS, ids=KIND_IDS)
def test_axe_finds_nothing_serious_or_critical(kind: str, path: str, view: str, browser: Any, base_url: str) -> None:
    context = browser.new_context(**VIEWS[view])
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle")
        violations = axe_violations(page)
    finally:
        context.close()
    counts = {
        impact: sum(len(v["nodes"]) for v in violations if v["impact"] == impact)
        for impact in ("critical", "serious", "moderate", "minor")
    }
    AXE_SUMMARY.append(
        f"{kind:<18} {view:<6} "
        + "/".join(str(n) for n in counts.values())
        + "".join(f"  {v['id']} ({v['impact']})" for v in violations)
    )
    blocking = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations if v["impact"] in BLOCKING
    ]
    assert blocking == []


@pytest.mark.parametrize("view", ["light", "phone"])
def test_axe_on_the_open_search_and_navigation(view: str, browser: Any, base_url: str) -> None:
    """The states a reader opens: on a phone the navigation drawer; "Find a case" with results and a
    facet open; and Material's search with results where a build has it (the offline bundle)."""
    context = browser.new_context(**VIEWS[view])
    try:
        page = context.new_page()
        page.goto(base_url + "cases/qianhe/", wait_until="networkidle")
        states: dict[str, list[dict[str, Any]]] = {}
        if view == "phone":
            page.locator("label.md-header__button[for=__drawer]").click()
            page.wait_for_timeout(300)
            states["navigation drawer"] = axe_violations(page)
            page.goto(base_url + "cases/qianhe/", wait_until="networkidle")
        if page.locator("input[name=query]").count():
            if view == "phone":
                page.locator("label.md-header__button[for=__search]").click()
            page.locator("input[name=query]").press_sequentially("village", delay=20)
            page.locator(".md-search-result__item").first.wait_for()
            states["Material's search results"] = axe_violations(page)
        else:  # the header's search box: its results listed as one types, one of them chosen
            if view == "phone":
                page.locator(".ca-header-search__button").click()
            page.locator("#ca-header-q").press_sequentially("village", delay=20)
            page.locator(".ca-header-search__option").first.wait_for()
            page.locator("#ca-header-q").press("ArrowDown")
            states["the header's results as one types"] = axe_violations(page)
        page.goto(base_url + "find/?q=village", wait_until="networkidle")
        page.locator(".ca-find__results > li").first.wait_for()
        if page.locator("details.ca-find__filters:not([open])").count():  # on a phone the filters are one folded panel
            page.locator("details.ca-find__filters > summary").click()
        page.locator("details[data-facet=country] > summary").click()
        states["Find a case: results, a facet open"] = axe_violations(page)
    finally:
        context.close()
    assert {state: [(v["id"], v["impact"]) for v in found if v["impact"] in BLOCKING] for state, found in states.items()} == {
        state: [] for state in states
    }


def _tab_to(page: Any, test: str, limit: int = 60) -> list[str]:
    """Press Tab until the JavaScript expression `test` (on `el`, the focused element) holds; the stops passed."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean({test}))(document.activeElement)"):
            return stops
        stops.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    raise AssertionError(f"not reached after {limit} Tab presses: {stops}")


def test_keyboard_alone_reaches_the_search_box_and_follows_a_case_link(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url, wait_until="networkidle")
    page.keyboard.press("Tab")
    first = page.evaluate("[document.activeElement.tagName, document.activeElement.textContent.trim()]")
    assert first == ["A", "Skip to content"], "the first Tab stop skips the header and the navigation"
    _tab_to(page, "el.matches('input[type=text], input[type=search]') && el.closest('form, [role=search]')")
    page.keyboard.type("Qianhe")
    assert page.evaluate("document.activeElement.value") == "Qianhe"

    page.goto(base_url + "cases/", wait_until="networkidle")
    _tab_to(
        page,
        "el.tagName === 'A' && /^(\\.\\.\\/)?[a-z0-9-]+\\/$/.test(el.getAttribute('href'))"
        " && el.closest('article') && !el.classList.contains('headerlink')",
    )
    href = page.evaluate("document.activeElement.getAttribute('href')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "a focused link shows where the focus is"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cases/{href.strip('./')}/")
    assert page.locator("h1").first.is_visible()
    assert watched.console_errors == [] and watched.failed_requests == []
