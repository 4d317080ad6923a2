"""A citation number shows its quote on hover and on keyboard focus, a tap leads to the quote in the
source list, and on a phone the quote stays on the screen."""

from __future__ import annotations

from tests.browser.conftest import PageWatch

QUOTE = "At the villagers’ request, he extended his tenure five times."  # an actor's, in the actors table


def test_hover_and_focus_show_the_quote_and_the_link_leads_to_it(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "cases/qianhe/")  # type: ignore[attr-defined]
    cite = page.locator(".ca-cite").filter(has_text=QUOTE).first  # type: ignore[attr-defined]
    tip = cite.locator(".ca-quote-tip")
    assert not tip.is_visible()
    cite.locator("a").hover()
    assert tip.is_visible() and QUOTE in tip.inner_text()
    page.mouse.move(0, 0)  # type: ignore[attr-defined]
    assert not tip.is_visible()
    cite.locator("a").focus()
    assert tip.is_visible()
    described = cite.locator("a").get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text().strip("“”") == QUOTE  # type: ignore[attr-defined]
    target = cite.locator("a").get_attribute("href")
    cite.locator("a").press("Enter")
    listed = page.locator(f"ol.ca-sources {target}")  # type: ignore[attr-defined]
    assert listed.inner_text() == QUOTE and listed.is_visible()
    assert page.evaluate("location.hash") == target  # type: ignore[attr-defined]
    assert not watched.console_errors


def test_on_a_phone_a_tap_shows_the_quote_within_the_screen(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(base_url + "cases/shibadong/")
        link = page.locator(".ca-steps .ca-cite a").first
        link.scroll_into_view_if_needed()
        link.focus()  # what a tap does first
        tip = page.locator(".ca-steps .ca-cite .ca-quote-tip").first
        box = tip.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 800
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
        link.tap()
        target = page.evaluate("location.hash")
        assert target.startswith("#quote-") and page.locator(target).is_visible()
    finally:
        context.close()
