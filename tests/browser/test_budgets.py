"""The first visit to a case page, in Chromium: everything it downloads, gzipped, within the budget (issue 6)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.kinds import PAGE_KINDS
from tests.budgets import FIRST_VISIT_GZ, SUMMARY, gz_size, kb

CASE_PAGES = [(kind, path) for kind, path in PAGE_KINDS if kind.startswith("case")]


def first_visit(browser: Any, url: str) -> list[tuple[str, int, int]]:
    """(url, bytes, gzipped bytes) of every response to a first visit: a new context, so nothing is cached."""
    context = browser.new_context()
    responses: list[Any] = []
    try:
        context.on("response", lambda r: responses.append(r))
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)  # anything a script fetches once the page has settled
        bodies = [(r.url, r.body()) for r in responses if r.status < 300]
    finally:
        context.close()
    return [(u, len(b), gz_size(b)) for u, b in bodies]


@pytest.mark.parametrize(("kind", "path"), CASE_PAGES, ids=[kind for kind, _ in CASE_PAGES])
def test_first_visit_to_a_case_page_is_within_budget(kind: str, path: str, browser: Any, base_url: str) -> None:
    fetched = first_visit(browser, base_url + path)
    assert fetched[0][0] == base_url + path and len(fetched) >= 4, "the page, its stylesheets and scripts"
    total = sum(g for _, _, g in fetched)
    largest = sorted(fetched, key=lambda f: -f[2])[:3]
    SUMMARY.append(
        f"first visit, {kind} ({path}): {len(fetched)} responses, {kb(sum(n for _, n, _ in fetched))}, "
        f"{kb(total)} gzipped (budget {kb(FIRST_VISIT_GZ)}); largest: "
        + ", ".join(f"{u.rstrip('/').rsplit('/', 1)[-1]} {kb(g)}" for u, _, g in largest)
    )
    assert total <= FIRST_VISIT_GZ, fetched
