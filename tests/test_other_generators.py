"""`caseatlas render --out DIR` writes pages another generator builds: Zensical, from a minimal zensical.toml.

The pages are Markdown whose section headings are Markdown headings (`## Context`), which is what puts them in
another generator's table of contents: Zensical lists almost none of a page's raw HTML `<h2>` there. So each case
page's table of contents in Zensical's build must list the same headings, with the same anchors, as our own
site's, and each must be a Markdown heading of the rendered file. The content is the real one, with the legal
files of the hostile corpus beside it: their text must stay text in Zensical's pages too.

Zensical is a Rust binary in its wheel; it builds with no network (run here without one where the test may
make a network namespace, that is as root, as in CI).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

from tests.inert import active_content, article_text
from tests.sitebuild import build_site
from tests.test_hostile import EXPECTED, HERE, LEGAL, add

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
ZENSICAL_TOML = """\
[project]
site_name = "Case Atlas"
docs_dir = "docs"
site_dir = "site"
"""


@dataclass(frozen=True)
class Built:
    rendered: Path  # `caseatlas render --out` output (Zensical's docs_dir)
    zensical: Path  # Zensical's site
    ours: Path  # our own site (MkDocs with the caseatlas plugin), of the same content


def _offline(command: list[str]) -> list[str]:
    """`command` in a network namespace of its own (no network at all), where one can be made."""
    unshare = shutil.which("unshare")
    if unshare and os.geteuid() == 0 and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n", *command]
    return command


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    pytest.importorskip("zensical")
    root = Path(__file__).resolve().parent.parent
    project = tmp_path_factory.mktemp("project")
    for name in ("case_studies", "curriculum", "docs", "overrides"):
        shutil.copytree(root / name, project / name)
    shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
    for name in LEGAL:
        add(project, name, (HERE / name).read_bytes())

    other = tmp_path_factory.mktemp("zensical")
    rendered = other / "docs"
    proc = subprocess.run([str(BIN / "caseatlas"), "render", "--out", str(rendered)], cwd=project, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (other / "zensical.toml").write_text(ZENSICAL_TOML, "utf-8")
    proc = subprocess.run(
        _offline([str(BIN / "zensical"), "build", "--strict"]), cwd=other, capture_output=True, text=True, timeout=900
    )
    printed = proc.stdout + proc.stderr
    assert proc.returncode == 0, printed[-4000:]
    assert "No issues found" in printed and "warning" not in printed.lower(), printed[-4000:]

    ours = build_site(project, project / "site")
    return Built(rendered, other / "site", ours)


def html_page(page: str) -> str:
    """Where a generator with directory URLs writes the Markdown page `page` (`cases/x.md` → `cases/x/index.html`)."""
    stem = page.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def toc(page: Path) -> list[tuple[int, str, str]]:
    """The table of contents in the right sidebar (Material's and Zensical's theme): (depth, anchor, text) of each
    entry, depth 1 for a page's `##` headings, 2 for the `###` under them."""
    doc = lxml.html.document_fromstring(page.read_text("utf-8"))
    navs = doc.xpath(
        '//*[contains(@class, "md-sidebar--secondary")]//nav[contains(concat(" ", @class, " "), " md-nav--secondary ")]'
    )
    assert len(navs) == 1, page
    return [
        (len(a.xpath("ancestor::ul")) - len(navs[0].xpath("ancestor::ul")), a.get("href"), " ".join(a.text_content().split()))
        for a in navs[0].xpath('.//a[contains(@class, "md-nav__link")]')
    ]


def case_pages(built: Built) -> list[str]:
    pages = sorted(p.relative_to(built.rendered).as_posix() for p in (built.rendered / "cases").glob("*.md"))
    return [p for p in pages if p != "cases/index.md"]


def test_every_generated_page_becomes_an_html_page(built: Built) -> None:
    pages = sorted(p.relative_to(built.rendered).as_posix() for p in built.rendered.rglob("*.md"))
    assert len(pages) > 100
    assert [p for p in pages if not (built.zensical / html_page(p)).is_file()] == []
    cases = case_pages(built)
    assert "cases/indonesian-rural-cadre-training.md" in cases and len(cases) > 20
    page = (built.zensical / html_page("cases/indonesian-rural-cadre-training.md")).read_text("utf-8")
    text = article_text(page)
    assert "Indonesian Rural Cadre Training Program" in text and "village heads" in text
    assert "(People's Daily, 2025)" in text  # the prose, not only the headings


def test_each_case_page_lists_its_section_headings_in_the_table_of_contents(built: Built) -> None:
    depths = set()
    for page in case_pages(built):
        theirs = toc(built.zensical / html_page(page))
        ours = toc(built.ours / html_page(page))
        assert len(ours) >= 3, page  # the smallest case: at a glance, the same mechanism elsewhere, sources
        depths |= {depth for depth, _, _ in ours}
        assert theirs == ours, page
        # Each entry is a Markdown heading of the rendered file (raw HTML headings miss Zensical's table of contents).
        markdown = (built.rendered / page).read_text("utf-8")
        headings = [
            (len(level) - 1, lxml.html.fragment_fromstring(text, create_parent="p").text_content())
            for level, text in re.findall(r"^(#{2,6}) (.+?)\s*$", markdown, flags=re.M)
        ]
        assert [(depth, text) for depth, _, text in ours] == headings, page
        assert not re.search(r"<h[1-6][\s>]", markdown, flags=re.I), f"{page}: a heading written as HTML"
    assert depths == {1, 2}  # sections, and the figures' own headings under "Figures"
    assert len(toc(built.zensical / "cases/indonesian-rural-cadre-training/index.html")) == 13


def test_contributor_text_stays_text(built: Built) -> None:
    theme_scripts = _scripts(built.zensical / "404.html")
    assert theme_scripts, "the theme's own scripts, as a page without content has them"
    for name in LEGAL:
        page = built.zensical / "cases" / Path(name).stem / "index.html"
        text = article_text(page.read_text("utf-8"))
        for visible in EXPECTED[name]["inert"]:  # type: ignore[attr-defined]
            assert visible in text, (name, visible)
    pages = sorted(built.zensical.rglob("*.html"))
    assert len(pages) > 100
    assert {
        p.relative_to(built.zensical).as_posix(): found for p in pages if (found := active_content(p.read_text("utf-8")))
    } == {}
    assert {p.relative_to(built.zensical).as_posix(): s for p in pages if (s := _scripts(p)) != theme_scripts} == {}


def _scripts(page: Path) -> list[tuple[str, str, str]]:
    """Each <script> of a page: (its file name, type, id); inline ones have no file name."""
    doc = lxml.html.document_fromstring(page.read_text("utf-8"))
    return [(Path(s.get("src", "")).name, s.get("type", ""), s.get("id", "")) for s in doc.iter("script")]
