"""The header's search box: results as one types (desktop and a 390 px phone), by keyboard, and bad input;
the Find page on a phone; no page asks for sitemap.xml. In Chromium, on the real site."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import PageWatch

BOX = "#ca-header-q"
OPTION = ".ca-header-search__option"
CASE_OPTION = f"{OPTION}:not(.ca-header-search__all)"
XSS = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def phone(browser: object) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    yield PageWatch(context.new_page())
    context.close()


def typed(page: object, text: str) -> None:
    """Type into the header's box and wait until the search for the whole text is listed."""
    page.evaluate("document.querySelector('form.ca-header-search').dataset.state = ''")  # type: ignore[attr-defined]
    page.locator(BOX).press_sequentially(text, delay=15)  # type: ignore[attr-defined]
    page.wait_for_function("document.querySelector('form.ca-header-search').dataset.state === 'done'")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]  # past the 200 ms pause that starts a search
    page.wait_for_function("document.querySelector('form.ca-header-search').dataset.state === 'done'")  # type: ignore[attr-defined]


def assert_clean(watched: PageWatch) -> None:
    assert watched.console_errors == [], watched.console_errors
    assert watched.failed_requests == [], watched.failed_requests


def test_typing_shibadong_on_the_chinese_site_lists_the_case_without_enter(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "zh/")
    page.locator(BOX).click()
    typed(page, "Shibadong")
    assert urlsplit(page.url).path == "/zh/"  # nothing was submitted
    box = page.locator(BOX)
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    listbox = page.locator("#" + str(box.get_attribute("aria-controls")))
    assert listbox.get_attribute("role") == "listbox"
    assert listbox.get_attribute("aria-label") == "输入时找到的案例"  # in the page's language
    assert page.locator(".ca-header-search__button").get_attribute("aria-label") == "搜索案例"
    first = page.locator(CASE_OPTION).first
    assert first.get_attribute("role") == "option"
    assert urlsplit(first.get_attribute("data-href") or "").path == "/zh/cases/shibadong/"
    assert first.locator(".ca-header-search__title").inner_text().startswith("湖南十八洞村")
    assert first.locator(".ca-header-search__country").inner_text() == "中国"
    assert first.locator(".ca-header-search__excerpt").inner_text().strip()
    # Only the Shibadong case: nothing found through a single letter of the word.
    assert page.locator(CASE_OPTION).count() == 1
    everything = page.locator(".ca-header-search__all")
    assert parse_qs(urlsplit(everything.get_attribute("data-href") or "").query) == {"q": ["Shibadong"]}
    assert urlsplit(everything.get_attribute("data-href") or "").path == "/zh/find/"
    assert_clean(watched)


def test_arrows_enter_and_escape_work_the_list(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "cases/qianhe/")
    page.locator(BOX).click()
    typed(page, "cash")
    options = page.locator(OPTION)
    n = options.count()
    assert n >= 3  # several cash-transfer cases, then "all results"
    box = page.locator(BOX)
    assert box.get_attribute("aria-activedescendant") is None
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.nth(0).get_attribute("id")
    assert options.nth(0).get_attribute("aria-selected") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    box.press("ArrowUp")
    box.press("ArrowUp")  # from the first, round to the last: "all results, with filters"
    assert box.get_attribute("aria-activedescendant") == "ca-header-opt-all"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and page.locator(".ca-header-search__panel").is_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    box.press("ArrowDown")  # opens the list again, on its first result
    assert box.get_attribute("aria-expanded") == "true"
    target = urlsplit(options.nth(0).get_attribute("data-href") or "").path
    box.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == target)
    assert target.startswith("/cases/")
    assert_clean(watched)


def test_a_middle_click_or_ctrl_click_opens_a_result_in_a_new_tab(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "cases/qianhe/")
    page.locator(BOX).click()
    typed(page, "Shibadong")
    first = page.locator(CASE_OPTION).first
    for how in ({"button": "middle"}, {"modifiers": ["Control"]}):
        with page.context.expect_page() as opened:
            first.click(**how)  # type: ignore[arg-type]
        tab = opened.value
        tab.wait_for_load_state()
        assert urlsplit(tab.url).path == "/cases/shibadong/"
        tab.close()
    assert urlsplit(page.url).path == "/cases/qianhe/"  # the reader's own page stays
    assert_clean(watched)


def test_enter_without_a_choice_opens_find_with_the_same_words(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "id/")
    page.locator(BOX).click()
    typed(page, "kepala desa")
    titles = page.locator(f"{CASE_OPTION} .ca-header-search__title").all_inner_texts()
    assert titles and titles[0].startswith("Program Pelatihan Kader Perdesaan Indonesia")
    page.locator(BOX).press("Enter")
    page.wait_for_url("**/id/find/?q=kepala+desa")
    page.locator(".ca-find__results > li").first.wait_for()
    assert page.locator(".ca-find__results > li .ca-result__title").first.inner_text().startswith("Program Pelatihan")
    assert_clean(watched)


def test_on_a_phone_the_magnifier_opens_the_box_and_results_fit_the_screen(phone: PageWatch, base_url: str) -> None:
    page = phone.page
    page.goto(base_url + "cases/shibadong/")
    assert page.locator(BOX).is_hidden()
    page.locator(".ca-header-search__button").click()
    assert page.locator(BOX).is_visible()
    assert urlsplit(page.url).path == "/cases/shibadong/"  # the first tap opens the box, it does not search
    typed(page, "Dana Desa")
    first = page.locator(CASE_OPTION).first
    assert urlsplit(first.get_attribute("data-href") or "").path == "/cases/dana-desa-village-fund/"
    box = page.locator(".ca-header-search__panel").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
    first.tap()
    page.wait_for_url("**/cases/dana-desa-village-fund/")
    assert_clean(phone)


def test_on_a_phone_the_find_page_shows_results_first_and_folds_the_filters(phone: PageWatch, base_url: str) -> None:
    page = phone.page
    page.goto(base_url + "find/?q=village")
    first = page.locator(".ca-find__results > li").first
    first.wait_for()
    filters = page.locator("details.ca-find__filters")
    assert filters.get_attribute("open") is None  # one closed panel
    status = page.locator(".ca-find__status").bounding_box()
    assert status is not None and status["y"] + status["height"] < 844  # the count is on the first screen
    assert first.bounding_box()["y"] < filters.bounding_box()["y"]  # type: ignore[index]
    filters.locator("summary").first.tap()
    page.get_by_text("Country", exact=True).tap()
    page.get_by_role("checkbox", name="China").check()
    page.wait_for_function("new URLSearchParams(location.search).get('country') === 'China'")
    page.wait_for_selector("#ca-find[data-state=done]")
    assert "case" in page.locator(".ca-find__status").inner_text()
    assert_clean(phone)


def test_a_query_of_ten_thousand_characters_is_cut_and_said(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "zh/")
    page.locator(BOX).click()
    page.locator(BOX).fill("十八洞 " + "a" * 10_000)  # pasted: more than the box's maxlength
    page.wait_for_function("document.querySelector('form.ca-header-search').dataset.state === 'done'")
    assert len(page.locator(BOX).input_value()) == 200
    assert "只搜索前200个字符" in page.locator(".ca-header-search__status").inner_text()
    page.goto(base_url + "find/?q=" + "b" * 10_000)
    page.wait_for_selector("#ca-find[data-state=done]")
    assert len(page.locator("#ca-find-q").input_value()) == 200
    assert "Only the first 200 characters are searched." in page.locator(".ca-find__status").inner_text()
    assert_clean(watched)


@pytest.mark.parametrize("text", [r".*+?^${}()|[]\/", XSS, "&lt;b&gt; &#x3c;script&#x3e;", "(((", "\\u0000 ' \" `"])
def test_metacharacters_and_markup_typed_are_inert(text: str, watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url)
    page.locator(BOX).click()
    typed(page, text)
    assert page.locator("img[src=x]").count() == 0  # and no dialog opened (PageWatch records one as an error)
    assert page.locator(".ca-header-search__panel b, .ca-header-search__panel script").count() == 0
    all_link = page.locator(".ca-header-search__all")
    assert parse_qs(urlsplit(all_link.get_attribute("data-href") or "").query)["q"] == [text.strip()]
    # The site keeps working: a real query still lists its case.
    page.locator(BOX).fill("")
    typed(page, "Qianhe")
    assert page.locator(CASE_OPTION).first.locator(".ca-header-search__title").inner_text().startswith("Qianhe village")
    assert_clean(watched)


def test_markup_in_the_url_and_an_unknown_filter_are_inert_and_said(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "find/?q=" + XSS.replace(" ", "+") + "&country=Atlantis")
    page.wait_for_selector("#ca-find[data-state=done]")
    assert page.locator("#ca-find-q").input_value() == XSS
    assert page.locator("img[src=x]").count() == 0
    assert "There is no filter “Atlantis”: it was left out." in page.locator(".ca-find__status").inner_text()
    assert page.locator(".ca-chip").count() == 0
    page.goto(base_url + "zh/find/?q=village&country=Atlantis")
    page.wait_for_selector("#ca-find[data-state=done]")
    status = page.locator(".ca-find__status").inner_text()
    assert "没有“Atlantis”这个筛选条件" in status and "找到" in status  # said in Chinese; the query still runs
    assert page.locator(".ca-find__results > li").count() > 0
    assert_clean(watched)


def test_no_page_asks_for_sitemap_xml(watched: PageWatch, base_url: str) -> None:
    asked: list[str] = []
    watched.page.on("request", lambda r: asked.append(r.url))
    for path in ("", "zh/cases/shibadong/", "id/find/"):
        watched.page.goto(base_url + path, wait_until="networkidle")
    assert not [u for u in asked if "sitemap" in u]
    assert asked  # the pages did load
    assert_clean(watched)
