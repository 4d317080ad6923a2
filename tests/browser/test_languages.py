"""The Chinese and Indonesian sites as readers use them: switching language, searching in Chinese, glossary tooltips."""

from __future__ import annotations

from tests.browser.conftest import PageWatch


def switch_language(page: object, name: str) -> None:
    page.locator(".md-header__option .md-select").hover()  # type: ignore[attr-defined]
    page.get_by_role("link", name=name, exact=True).click()  # type: ignore[attr-defined]


def test_switcher_leads_to_the_same_page_in_each_language(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "cases/qianhe/")
    switch_language(page, "中文")
    page.wait_for_url(base_url + "zh/cases/qianhe/")
    assert page.locator("h1").inner_text().startswith("河南 Qianhe 村")
    assert page.locator("html").get_attribute("lang") == "zh"
    switch_language(page, "Bahasa Indonesia")
    page.wait_for_url(base_url + "id/cases/qianhe/")
    assert page.locator("h1").inner_text().startswith("Desa Qianhe, Henan")
    switch_language(page, "English")
    page.wait_for_url(base_url + "cases/qianhe/")
    assert watched.console_errors == [] and watched.failed_requests == []


def find(page: object, url: str) -> list[tuple[str, str]]:
    """Open a "Find a case" URL and wait for its results: (title, link) of each."""
    page.goto(url)  # type: ignore[attr-defined]
    page.locator(".ca-find__results > li").first.wait_for()  # type: ignore[attr-defined]
    links = page.locator(".ca-find__results > li .ca-result__title a")  # type: ignore[attr-defined]
    return [(a.inner_text(), a.get_attribute("href")) for a in links.all()]


def test_chinese_search_for_shibadong_finds_the_case(watched: PageWatch, base_url: str) -> None:
    """The Chinese site searches the Chinese index (Pagefind's extended build segments Han text)."""
    page = watched.page
    page.goto(base_url + "zh/find/")
    page.locator("#ca-find-q").fill("十八洞")
    page.locator("#ca-find-q").press("Enter")
    page.locator(".ca-find__results > li").first.wait_for()
    first = page.locator(".ca-find__results > li .ca-result__title a").first
    assert "十八洞村" in first.inner_text()
    first.click()
    page.wait_for_url(base_url + "zh/cases/shibadong/")
    assert watched.console_errors == [] and watched.failed_requests == []


def test_indonesian_search_finds_the_indonesian_translation(watched: PageWatch, base_url: str) -> None:
    found = find(watched.page, base_url + "id/find/?q=pendapatan")  # "income", in the Indonesian text of Qianhe
    assert any(href.endswith("/id/cases/qianhe/") or href.endswith("cases/qianhe/") for _, href in found), found
    assert any("Qianhe" in title for title, _ in found)
    assert watched.page.locator("html").get_attribute("lang") == "id"
    assert watched.console_errors == [] and watched.failed_requests == []


def test_draft_translation_says_so_in_the_readers_language(watched: PageWatch, base_url: str) -> None:
    """Every page is translated now: the notice a reader sees is the draft notice, in their language."""
    page = watched.page
    page.goto(base_url + "id/cases/luhua-embroidery/")
    notice = page.locator(".admonition.ca-notice").first
    assert notice.is_visible() and "Draf terjemahan" in notice.inner_text()
    assert notice.get_attribute("lang") in (None, "id")
    assert notice.bounding_box()["y"] < 400  # type: ignore[index]  # at the top, without scrolling
    assert watched.console_errors == [] and watched.failed_requests == []


def test_glossary_term_shows_its_definition_on_keyboard_focus(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "zh/cases/shibadong/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('abbr.ca-term')"):
            break
    term = page.locator("abbr.ca-term:focus")
    assert term.inner_text() == "精准扶贫"
    tooltip = page.locator("#" + term.get_attribute("aria-describedby"))
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().startswith("中国的减贫方式")
    assert watched.console_errors == []


def test_glossary_term_shows_its_definition_on_tap(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "id/cases/qianhe/")
    term = page.locator("abbr.ca-term").first
    term.scroll_into_view_if_needed()
    term.tap()
    tooltip = page.locator("#" + term.get_attribute("aria-describedby"))
    tooltip.wait_for(state="visible")
    assert len(tooltip.inner_text()) > 40
    context.close()
