"""Scripts injected into a seed case, and the legal texts of the hostile corpus, do not run in Chromium.

A temporary copy of the project gets a <script> (and onerror=, javascript: links, an iframe…)
in many fields of a seed case, plus the corpus's legal hostile files; the site is built and
served. Every payload would set window.__pwned or open a dialog if it ran.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from caseatlas.content.loading import Document, read_document
from tests.browser.conftest import PageWatch
from tests.sitebuild import build_site, serve

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "hostile"
LEGAL = sorted(name for name, e in yaml.safe_load((HOSTILE / "expected.yaml").read_text("utf-8")).items() if "inert" in e)
SCRIPT = "<script>window.__pwned = 'PWNED'</script>"
PAYLOADS = {
    ("title",): "Qianhe village &lt;script&gt;window.__pwned = 'PWNED'&lt;/script&gt;",
    ("summary",): f"{SCRIPT} <img src=x onerror=\"alert('PWNED')\"> Han Yunan's decade of service.",
    ("locality",): SCRIPT,
    ("actors", 0, "name"): "<svg onload=\"window.__pwned = 'PWNED'\"></svg>",
    ("indicators", 0, "name"): "<img src=x onerror=\"alert('PWNED')\"> income",
    ("context",): f"[a javascript link](javascript:window.__pwned='PWNED') {SCRIPT}\n\n"
    "<iframe srcdoc=\"<script>parent.__pwned='PWNED'</script>\"></iframe>",
    ("sources", 0, "title"): SCRIPT,
}
PAGES = ["cases/qianhe/", "cases/", "countries/cn/", "mechanisms/resident-officials/", "sdgs/1/", "matrix/"]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("hostile-project")
    for name in ("case_studies", "curriculum", "docs", "overrides"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project)
    case = project / "case_studies" / "cn" / "qianhe.yaml"
    doc = read_document(case)
    assert isinstance(doc, Document)
    for path, value in PAYLOADS.items():
        target: Any = doc.data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    case.write_text(doc.text.split("\n", 1)[0] + "\n" + yaml.safe_dump(doc.data, allow_unicode=True, sort_keys=False), "utf-8")
    for name in LEGAL:
        shutil.copy(HOSTILE / name, project / "case_studies" / name)
    site = build_site(project, project / "site")
    with serve(site) as url:
        yield url


def ran(watched: PageWatch) -> Any:
    """What a payload that ran would have left: window.__pwned, or a dialog (recorded as a console error)."""
    return watched.page.evaluate("window.__pwned"), watched.console_errors


def test_the_detector_sees_a_script_that_runs(watched: PageWatch) -> None:
    watched.page.set_content("<script>window.__pwned = 'PWNED'; alert('PWNED')</script>")
    assert ran(watched) == ("PWNED", ["dialog opened: PWNED"])


@pytest.mark.parametrize("path", PAGES + [f"cases/{Path(name).stem}/" for name in LEGAL])
def test_injected_scripts_do_not_run(path: str, watched: PageWatch, hostile_url: str) -> None:
    page = watched.page
    page.goto(hostile_url + path, wait_until="networkidle")
    assert ran(watched) == (None, [])
    assert watched.failed_requests == []
    if path == "cases/qianhe/":
        article = page.locator("article").inner_text()
        assert all(text in article for text in (SCRIPT, "<svg onload=", "<img src=x onerror=", "a javascript link"))
        page.get_by_role("link", name="a javascript link").click()
        assert ran(watched) == (None, [])


def test_searching_for_the_payload_runs_nothing(watched: PageWatch, hostile_url: str) -> None:
    """Search results show titles and summaries from the index: as text, never as HTML."""
    page = watched.page
    page.goto(hostile_url + "find/?q=Qianhe", wait_until="networkidle")
    page.locator(".ca-find__results > li").first.wait_for()
    results = page.locator(".ca-find__results").inner_text()
    assert "<script>" in results  # the title and summary's script tags, shown as text
    assert page.locator(".ca-find__results script, .ca-find__results img, .ca-find__results svg").count() == 0
    page.wait_for_timeout(500)
    assert ran(watched) == (None, [])


def test_long_unbroken_text_does_not_widen_the_page_on_a_phone(browser: Any, hostile_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(hostile_url + "cases/inert-long-strings/", wait_until="networkidle")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    finally:
        context.close()
    assert width[0] <= width[1], width
