"""The page budgets of issue 6, and the figures the budget tests measured (printed at the end of the run)."""

from __future__ import annotations

import gzip

CASE_PAGE_HTML_GZ = 20 * 1024
"""A case page's HTML, gzipped, whatever the number of cases."""
FIRST_VISIT_GZ = 250 * 1024
"""Everything a first visit to a case page downloads (HTML, CSS, JS, fonts, images), each gzipped."""
LOCAL_HOSTS = {"127.0.0.1"}
"""The only host a page of the site may request anything from (the tests serve the site there)."""

SUMMARY: list[str] = []
"""One line per measurement, for the end of the test run (tests/conftest.py prints them)."""


def gz_size(body: bytes) -> int:
    """Bytes on the wire from a server that gzips at level 6 (nginx's and Apache's usual), and sends a body
    as it is when gzip would not make it smaller (PNG, WOFF2, WebAssembly already compressed)."""
    return min(len(body), len(gzip.compress(body, 6)))


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"
