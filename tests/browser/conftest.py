"""Fixtures for browser tests: the real site, built once, served on 127.0.0.1, read in Debian's Chromium."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.budgets import LOCAL_HOSTS
from tests.sitebuild import build_site, serve

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/test.sh does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def leaves_the_machine(url: str) -> bool:
    """Whether a request for `url` goes to another host than the local server the tests run."""
    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob", "about") and parts.hostname not in LOCAL_HOSTS


class PageWatch:
    """A page plus everything that went wrong while it was open."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.external_requests: list[str] = []  # any host but 127.0.0.1, from the page or its workers
        page.context.on("request", lambda r: leaves_the_machine(r.url) and self.external_requests.append(r.url))  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))  # type: ignore[attr-defined]
        page.on("requestfailed", self._failed)  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (self.console_errors.append(f"dialog opened: {d.message}"), d.dismiss()))  # type: ignore[attr-defined]

    def _failed(self, request: object) -> None:
        # A request the browser cancels because the page is leaving (the favicon, say, when a test follows a link
        # at once) is not a broken resource; anything else that fails is.
        if "ERR_ABORTED" not in (request.failure or ""):  # type: ignore[attr-defined]
            self.failed_requests.append(request.url)  # type: ignore[attr-defined]


@pytest.fixture
def watched(browser: object) -> Iterator[PageWatch]:
    context = browser.new_context()  # type: ignore[attr-defined]
    watch = PageWatch(context.new_page())
    yield watch
    context.close()


AXE_SUMMARY: list[str] = []
"""One line per page and view that axe-core checked (tests/browser/test_gates.py), for the CI log."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if AXE_SUMMARY:
        from axe_playwright_python.base import AXE_SCRIPT

        version = re.search(r"axe v([\d.]+)", AXE_SCRIPT[:100])
        terminalreporter.section(f"axe-core {version and version.group(1)}: nodes in violation, critical/serious/moderate/minor")
        for line in AXE_SUMMARY:
            terminalreporter.write_line(line)
