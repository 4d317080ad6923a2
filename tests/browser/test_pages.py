from __future__ import annotations

from tests.browser.conftest import PageWatch


def test_case_page_shows_title_figures_and_sources(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "cases/qianhe/")
    assert page.locator("h1").inner_text().startswith("Qianhe village")
    figures = page.locator("table", has_text="18,000")
    assert figures.count() == 1
    assert page.locator("ol.ca-sources li").count() >= 1
    assert watched.console_errors == [] and watched.failed_requests == []


def test_home_links_to_the_case_listing(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url)
    page.get_by_role("link", name="all cases").first.click()
    page.wait_for_url("**/cases/")
    assert page.get_by_role("link", name="Shibadong", exact=False).count() >= 1
    assert watched.console_errors == [] and watched.failed_requests == []
