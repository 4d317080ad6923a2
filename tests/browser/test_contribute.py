"""The "Write a case" page in Chromium: a synthetic test case written in the form, kept across a reload, downloaded
and accepted by `caseatlas validate` as it is, on a desktop and on a 390 px phone; bad input; proposing on GitHub.

The case filled in here is synthetic test data (marked `synthetic: true`, written to a temporary folder only), never
a case of the atlas.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.conftest import ROOT, PageWatch
from tests.browser.test_budgets import first_visit
from tests.budgets import FIRST_VISIT_GZ, SUMMARY, kb

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
VIEWS = {"desktop": {}, "phone": PHONE}
CASE_ID = "synthetic-borehole-committee"
HOSTILE = '<script>window.__ran = 1</script><img src=x onerror="window.__ran = 2"> {{ 7 * 7 }} {% raw %}'


def ready(page: Any, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("#ca-contribute-ui:not([hidden])")


def says(page: Any, words: str) -> str:
    """The page's message, once it holds `words` (reading a file may first load the YAML reader)."""
    page.wait_for_function(
        "w => document.getElementById('ca-contribute-message').textContent.includes(w)", arg=words, timeout=10_000
    )
    return page.text_content("#ca-contribute-message")


def put(page: Any, name: str, value: str) -> None:
    """Type into the field `name` (json-editor's root[a][0][b]) and leave it, as a contributor does."""
    sel = f'[name="{name}"]'
    page.fill(sel, value)
    page.dispatch_event(sel, "change")


def add(page: Any, path: str) -> None:
    """Press the "Add" button of the list at `path` (root.indicators)."""
    page.click(f'[data-schemapath="{path}"] > .je-indented-panel > span > button.json-editor-btntype-add')


def fill_synthetic_case(page: Any) -> None:
    put(page, "root[id]", CASE_ID)
    put(page, "root[title]", "Synthetic test case: a borehole committee")
    put(
        page,
        "root[summary]",
        "Synthetic test data for the form's browser test.\nA second line, and " + HOSTILE + "\n  indented: 2019",
    )
    put(page, "root[country]", "KE")
    page.check('[data-schemapath="root.mechanisms"] input[type=checkbox] >> nth=0')
    add(page, "root.indicators")
    put(page, "root[indicators][0][id]", "households-served")
    put(page, "root[indicators][0][name]", "Households served")
    put(page, "root[indicators][0][unit]", "households")
    add(page, "root.indicators.0.values")
    put(page, "root[indicators][0][values][0][year]", "2019")
    page.select_option('[name="root[indicators][0][values][0][year_qualifier]"]', "about")
    put(page, "root[indicators][0][values][0][value]", "1300")
    page.select_option('[name="root[indicators][0][values][0][qualifier]"]', "just over")
    put(page, "root[indicators][0][values][0][source]", "source-1")
    put(page, "root[indicators][0][values][0][quote]", "just over 1,300 households (synthetic test quote)")
    add(page, "root.sources")
    put(page, "root[sources][0][id]", "source-1")
    put(page, "root[sources][0][title]", "Synthetic test source " + HOSTILE)
    put(page, "root[sources][0][publisher]", "Test publisher")
    put(page, "root[sources][0][url]", "https://example.org/synthetic-test-source")
    put(page, "root[sources][0][accessed]", "2026-12-01")
    put(page, "root[last_reviewed]", "2026-12-01")
    page.check('[name="root[synthetic]"]')
    page.click("#ca-term summary")
    page.select_option("#ca-term-kind", "mechanism")
    for key, value in {
        "slug": "water-committees",
        "label_en": "Water committees",
        "definition_en": "Synthetic test term: residents' committees that run a water point.",
        "label_zh": "用水委员会",
        "definition_zh": "合成测试术语：管理供水点的村民委员会。",
        "label_id": "Komite air",
        "definition_id": "Istilah uji sintetis: komite warga yang mengelola titik air.",
    }.items():
        page.fill(f"#ca-term-{key}", value)
    page.dispatch_event("#ca-term-definition_id", "input")


@pytest.mark.parametrize("view", list(VIEWS))
def test_a_new_case_is_written_kept_across_a_reload_downloaded_and_validated(
    view: str, browser: Any, base_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(accept_downloads=True, **VIEWS[view])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    try:
        ready(page, base_url + "contribute/")
        fill_synthetic_case(page)
        page.wait_for_function("document.getElementById('ca-contribute-saved').textContent.length > 0")
        page.wait_for_timeout(400)  # the save after the last keystroke
        page.reload(wait_until="networkidle")
        page.wait_for_selector("#ca-contribute-ui:not([hidden])")
        assert page.input_value('[name="root[title]"]') == "Synthetic test case: a borehole committee"
        assert page.input_value('[name="root[indicators][0][values][0][quote]"]').startswith("just over 1,300")
        assert page.input_value("#ca-term-slug") == "water-committees"
        assert page.text_content("#ca-problems-summary") == "No problems found: the file is ready.", page.text_content(
            "#ca-problems"
        )
        assert page.locator(".ca-problem").count() == 0
        assert page.text_content("#ca-path") == f"case_studies/ke/{CASE_ID}.yaml"
        if view == "phone":
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        with page.expect_download() as info:
            page.click("#ca-download")
        download = info.value
        assert download.suggested_filename == f"{CASE_ID}.yaml"
        target = tmp_path / "case_studies" / "ke" / download.suggested_filename
        target.parent.mkdir(parents=True)
        download.save_as(target)
        assert page.evaluate("window.__ran") is None and errors == []
    finally:
        context.close()
    text = target.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../src/caseatlas/schema/case.schema.json\n")
    assert re.search(r"\nsummary: \|- +# [^\n]+\n  Synthetic test data", text)  # multi-line text as a block scalar
    assert "# Proposed new term" in text and '#   - slug: "water-committees"' in text
    data = yaml.safe_load(text)
    assert data["synthetic"] is True and data["country"] == "KE"
    assert data["indicators"][0]["values"][0] == {
        "year": 2019,
        "year_qualifier": "about",
        "value": 1300,
        "qualifier": "just over",
        "source": "source-1",
        "quote": "just over 1,300 households (synthetic test quote)",
    }
    assert data["sources"][0]["accessed"] == "2026-12-01" and data["last_reviewed"] == "2026-12-01"
    assert data["summary"].endswith("\n  indented: 2019") and HOSTILE in data["summary"]
    before = target.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "caseatlas.cli.main", "validate", "--allow-synthetic", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize(("lang", "summary"), [("zh/", "未发现问题"), ("id/", "Tidak ada masalah")])
def test_the_form_speaks_the_readers_language_with_definitions_beside_the_choices(
    lang: str, summary: str, watched: PageWatch, base_url: str
) -> None:
    page = watched.page
    ready(page, base_url + lang + "contribute/")
    terms = json.loads(page.evaluate("fetch('form.json').then(r => r.text())"))["vocabulary"]["mechanisms"]
    first = next(iter(terms.values()))
    label = page.locator('[data-schemapath="root.mechanisms"] label').first
    assert first["label"] in label.text_content() and first["definition"] in label.text_content()
    assert page.locator(".ca-notice").count() == 1  # the form's words are a draft translation
    put(page, "root[title]", "<b>x</b>")
    page.wait_for_selector('[data-schemapath="root.title"] .ca-problem')  # json-editor reports a change on its next tick
    problem = page.locator('[data-schemapath="root.title"] .ca-problem')
    assert problem.count() == 1 and problem.text_content() != "" and "expected form" not in problem.text_content()
    assert summary not in page.text_content("#ca-problems-summary")
    assert watched.console_errors == [] and watched.external_requests == []


def test_bad_input_gets_a_clear_message_runs_nothing_and_keeps_the_draft(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    ready(page, base_url + "contribute/")
    put(page, "root[title]", "Kept draft " + HOSTILE.replace("<", "").replace(">", ""))
    page.wait_for_timeout(400)
    drafts = page.locator("#ca-drafts option").count()
    page.click("#ca-paste-box summary")
    cases = [
        ("title: [unclosed\nsummary: x", "This is not a YAML file"),
        ("- just\n- a list", "This is not a case study"),
        ("a: &x [1]\nb: *x", "This is not a YAML file"),
        ("title: " + "x" * 10_000_000, "a case file may be at most 1 MB"),
    ]
    for text, expected in cases:
        page.evaluate("t => { document.getElementById('ca-paste').value = t; }", text)
        page.click("#ca-paste-load")
        says(page, expected)
        assert page.locator("#ca-drafts option").count() == drafts
        assert page.input_value('[name="root[title]"]').startswith("Kept draft")
    hostile = {"id": "hostile-case", "title": HOSTILE, "summary": HOSTILE, "sources": [{"id": "s", "title": HOSTILE}]}
    page.evaluate("t => { document.getElementById('ca-paste').value = t; }", yaml.safe_dump(hostile))
    page.click("#ca-paste-load")
    says(page, "Loaded as a new draft")
    assert page.input_value('[name="root[title]"]') == HOSTILE
    assert page.locator("#ca-drafts option").count() == drafts + 1
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") is None
    assert page.locator("#ca-contribute img, #ca-contribute script:not([src]):not(#ca-contribute-data)").count() == 0
    assert yaml.safe_load(page.text_content("#ca-preview"))["title"] == HOSTILE
    assert watched.console_errors == []


def test_a_draft_from_an_older_schema_is_kept_and_named(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    page.goto(base_url, wait_until="networkidle")  # another page of the site: no form there saves its own draft
    old = {
        "format": "caseatlas-drafts",
        "version": 1,
        "current": "old",
        "drafts": {
            "old": {
                "id": "old",
                "updated": "2025-01-01T00:00:00Z",
                "schema_version": "0000000000000000",
                "term": {},
                "data": {"id": "old-case", "title": "An old draft", "budget_usd": 5, "sources": [{"id": "s", "pages": "3"}]},
            }
        },
    }
    page.evaluate("d => localStorage.setItem('caseatlas-drafts', JSON.stringify(d))", old)
    ready(page, base_url + "contribute/")
    note = says(page, "older version of the form")
    assert "older version of the form" in note and "budget_usd" in note and "sources.pages" in note
    assert page.input_value('[name="root[title]"]') == "An old draft"
    kept = page.evaluate("JSON.parse(localStorage.getItem('caseatlas-drafts')).drafts.old.kept")
    assert kept["budget_usd"] == 5 and kept["sources"][0]["pages"] == "3"
    assert watched.console_errors == []


def test_an_existing_case_loads_from_the_open_data_for_a_correction(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    ready(page, base_url + "contribute/")
    page.click("#ca-existing summary")
    page.wait_for_selector('#ca-existing-list option[value="qianhe"]', state="attached")
    page.select_option("#ca-existing-list", "qianhe")
    page.click("#ca-existing-load")
    says(page, "qianhe")
    assert page.text_content("#ca-path") == "case_studies/cn/qianhe.yaml"
    assert page.text_content("#ca-problems-summary") == "No problems found: the file is ready."
    preview = yaml.safe_load(page.text_content("#ca-preview"))
    original = yaml.safe_load((ROOT / "case_studies" / "cn" / "qianhe.yaml").read_text("utf-8"))
    assert preview == original
    assert watched.console_errors == []


def test_propose_without_a_repository_says_so_and_offers_download(watched: PageWatch, base_url: str) -> None:
    page = watched.page
    ready(page, base_url + "contribute/")
    page.click("#ca-propose")
    says(page, "repo_url")
    assert page.url.startswith(base_url + "contribute/")


def test_the_page_is_within_the_budget(browser: Any, base_url: str) -> None:
    fetched = first_visit(browser, base_url + "contribute/")
    total = sum(g for _, _, g in fetched)
    largest = sorted(fetched, key=lambda f: -f[2])[:4]
    SUMMARY.append(
        f"first visit, write a case (contribute/): {len(fetched)} responses, "
        f"{kb(sum(n for _, n, _ in fetched))}, {kb(total)} gzipped (budget {kb(FIRST_VISIT_GZ)}); largest: "
        + ", ".join(f"{u.rstrip('/').rsplit('/', 1)[-1]} {kb(g)}" for u, _, g in largest)
    )
    assert total <= FIRST_VISIT_GZ, fetched


def test_propose_on_github_fills_in_the_file_name_and_content(browser: Any, tmp_path_factory: Any) -> None:
    """A test build whose (temporary) config sets repo_url: the button leads to GitHub's new-file form."""
    from tests.sitebuild import build_site, serve

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    config.update(
        repo_url="https://github.com/example-org/example-atlas",
        edit_uri="edit/trunk/docs/",
        docs_dir=str(ROOT / "docs"),
        theme={**config["theme"], "custom_dir": str(ROOT / "overrides")},
    )
    plugin = config["plugins"][0]["caseatlas"]
    plugin.update(
        cases_dir=str(ROOT / "case_studies"),
        curriculum_dir=str(ROOT / "curriculum"),
        languages=["en"],
        course_packs=False,
        search_index=False,
        only_cases=["qianhe"],
        only_modules=[],
    )
    project = tmp_path_factory.mktemp("repo-url-project")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    site = build_site(project, tmp_path_factory.mktemp("repo-url-site"))
    with serve(site) as url:
        context = browser.new_context()
        page = context.new_page()
        try:
            ready(page, url + "contribute/")
            put(page, "root[id]", "synthetic-proposal")
            put(page, "root[country]", "KE")
            put(page, "root[title]", "Synthetic test case & proposal")
            page.wait_for_function("""() => {  // the link follows the form after the typing settles
                const link = document.getElementById("ca-propose"), preview = document.getElementById("ca-preview");
                return link.href.startsWith("https:") && preview.textContent.includes("Synthetic test case &")
                    && new URL(link.href).searchParams.get("value") === preview.textContent; }""")
            href = page.get_attribute("#ca-propose", "href")
            parts = urllib.parse.urlsplit(href)
            assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/example-org/example-atlas/new/trunk"
            query = urllib.parse.parse_qs(parts.query)
            assert query["filename"] == ["case_studies/ke/synthetic-proposal.yaml"]
            assert query["value"][0] == page.text_content("#ca-preview")
            assert 'title: "Synthetic test case & proposal"' in query["value"][0]
            page.evaluate(
                "t => { document.getElementById('ca-paste').value = t; }",
                yaml.safe_dump({"id": "synthetic-long", "title": "x", "summary": "y" * 9000}),
            )
            page.click("#ca-paste-box summary")
            page.click("#ca-paste-load")
            says(page, "Loaded as a new draft")
            assert page.get_attribute("#ca-propose", "href") == "#ca-out"  # too long for an address
            with page.expect_download() as info:
                page.click("#ca-propose")
            assert info.value.suggested_filename == "synthetic-long.yaml"
            says(page, "too long")
        finally:
            context.close()


def test_keyboard_alone_fills_a_field_adds_a_source_and_downloads(browser: Any, base_url: str) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        ready(page, base_url + "contribute/")
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.name") == "root[id]":
                break
        assert page.evaluate("document.activeElement.name") == "root[id]"
        page.keyboard.type("synthetic-keyboard-case")
        page.keyboard.press("Tab")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        page.focus('[data-schemapath="root.sources"] > .je-indented-panel > span > button.json-editor-btntype-add')
        page.keyboard.press("Enter")
        assert page.locator('[name="root[sources][0][id]"]').count() == 1
        page.focus("#ca-download")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        assert info.value.suggested_filename == "synthetic-keyboard-case.yaml"
    finally:
        context.close()


def test_a_case_of_the_atlas_loads_to_be_translated_and_the_translation_validates(
    browser: Any, base_url: str, tmp_path: Path
) -> None:
    """On the Chinese page, the Chinese translation of a case: its text over the original, the fingerprint
    `caseatlas i18n fingerprint` prints, only text fields in the file; `validate` accepts it as it is."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        ready(page, base_url + "zh/contribute/")
        page.click("#ca-existing summary")
        page.wait_for_selector('#ca-existing-list option[value="qianhe"]', state="attached")
        page.select_option("#ca-existing-list", "qianhe")
        page.click("#ca-existing-translate")
        says(page, "qianhe")
        assert page.text_content("#ca-path") == "case_studies/cn/qianhe.zh.yaml"
        page.fill("#ca-translator", "synthetic test translator")
        page.dispatch_event("#ca-translator", "input")
        page.wait_for_function("document.getElementById('ca-problems').children.length === 0")
        with page.expect_download() as info:
            page.click("#ca-download")
        assert info.value.suggested_filename == "qianhe.zh.yaml"
        cases = tmp_path / "case_studies"  # a copy of the atlas's cases: a translation is checked beside its original
        shutil.copytree(ROOT / "case_studies", cases)
        target = cases / "cn" / "qianhe.zh.yaml"
        info.value.save_as(target)
    finally:
        context.close()
    data = yaml.safe_load(target.read_text("utf-8"))
    expected = subprocess.run(
        [sys.executable, "-m", "caseatlas.cli.main", "i18n", "fingerprint", "qianhe"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.strip()
    assert data["translation"] == {
        "of": "qianhe",
        "language": "zh",
        "source_fingerprint": expected,
        "translator": "synthetic test translator",
        "reviewed": False,
    }
    existing = yaml.safe_load((ROOT / "case_studies" / "cn" / "qianhe.zh.yaml").read_text("utf-8"))
    assert data["title"] == existing["title"]
    assert {k for v in data["indicators"][0]["values"] for k in v} <= {"note"}  # no figures, years or sources
    assert "sources" not in data and "country" not in data
    done = subprocess.run(
        [sys.executable, "-m", "caseatlas.cli.main", "validate", "--cases", str(cases), str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
