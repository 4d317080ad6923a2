"""Module pages in Chromium: overview, handout and guide on screen (desktop and phone) and printed to A4 PDF."""

from __future__ import annotations

import io
import re

import pypdf

from tests.browser.conftest import PageWatch

SEED = "modules/targeted-poverty-alleviation-study-visit/"
A4 = (595.92, 842.88)  # points


def test_modules_are_in_the_nav_and_lead_to_the_overview(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url)
    page.wait_for_load_state("networkidle")  # leaving earlier would abort the search index's request
    page.locator(".md-nav a", has_text="Modules").first.click()
    page.wait_for_url("**/modules/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Targeted poverty alleviation: a five-day study visit for village heads").click()
    page.wait_for_url(f"**/{SEED}")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Targeted poverty alleviation: a five-day study visit for village heads")
    assert watched.console_errors == [] and watched.failed_requests == []


def test_overview_agenda_matrix_and_case_links(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + SEED)
    page.wait_for_load_state("networkidle")  # leaving earlier would abort the search index's request
    assert page.locator("h3[id^=day-]").count() == 5
    matrix = page.locator(".ca-matrix table")
    assert matrix.locator("tbody tr").count() == 24 + 1  # sessions, then the count per objective
    assert matrix.locator("thead abbr").count() == 5
    page.get_by_role("link", name="Qianhe village, Henan: an assigned official's decade of service").first.click()
    page.wait_for_url("**/cases/qianhe/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Targeted poverty alleviation: a five-day study visit for village heads").click()
    page.wait_for_url(f"**/{SEED}")
    page.wait_for_load_state("networkidle")
    assert watched.console_errors == [] and watched.failed_requests == []


def test_handout_and_guide_fit_a_phone(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    for name in ("", "handout/", "guide/"):
        page.goto(base_url + SEED + name)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    context.close()


def test_handout_has_no_facilitator_notes_and_the_guide_has_them(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + SEED + "handout/")
    page.wait_for_load_state("networkidle")  # leaving earlier would abort the search index's request
    text = page.locator("article").inner_text()
    assert "Notes for the facilitator" not in text and "Agree the visit with the hosts in advance" not in text
    assert page.locator("h2.ca-action-plan").count() == 1 and page.locator(".ca-plan tbody tr").count() == 3
    page.goto(base_url + SEED + "guide/")
    page.wait_for_load_state("networkidle")
    text = page.locator("article").inner_text()
    assert "Agree the visit with the hosts in advance" in text and "What to observe and ask about" in text
    assert watched.console_errors == [] and watched.failed_requests == []


def print_pdf(page: object, url: str) -> list[str]:
    page.goto(url)  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
        assert not page.locator(selector).first.is_visible(), selector  # type: ignore[attr-defined]
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))  # type: ignore[attr-defined]
    for p in reader.pages:
        assert (round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) == A4
    return [p.extract_text() for p in reader.pages]


def test_handout_prints_on_a4_a_day_per_page_with_link_addresses(watched: PageWatch, base_url: str) -> None:
    pages = print_pdf(watched.page, base_url + SEED + "handout/")
    starts = [text.lstrip().splitlines()[0] for text in pages]
    assert starts[0].startswith("Targeted poverty alleviation")
    for day in range(2, 6):
        assert sum(s.startswith(f"Day {day}: ") for s in starts) == 1, (day, starts)
    assert "Action plan" in starts
    everything = "\n".join(pages)
    assert "Day 1: The programme and the idea" in pages[0]
    assert "Table of contents" not in everything and "Mechanisms × countries" not in everything
    assert re.search(r"<http://127\.0\.0\.1:\d+/cases/shibadong/>", everything.replace("\n", ""))
    assert "<http://en.people.cn/n3/2025/1218/c90000-20404077.html>" in everything.replace("\n", "")
    assert "Notes for the facilitator" not in everything


def test_guide_prints_on_a4_a_day_per_page(watched: PageWatch, base_url: str) -> None:
    pages = print_pdf(watched.page, base_url + SEED + "guide/")
    starts = [text.lstrip().splitlines()[0] for text in pages]
    for day in range(2, 6):
        assert sum(s.startswith(f"Day {day}: ") for s in starts) == 1, (day, starts)
    assert "Notes for the facilitator" in "\n".join(pages)
