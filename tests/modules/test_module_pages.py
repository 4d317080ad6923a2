"""Module pages: overview, handout (no facilitator notes) and guide, the section index, and case pages listing modules.

Module pages are HTML (module*.html.j2): the tests read them as the site publishes them (html_pages.finish: heading
ids, links to page URLs)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from caseatlas.atlas.model import Atlas
from caseatlas.atlas.pipeline import load_atlas
from caseatlas.core.markup import inline
from caseatlas.render.html_pages import finish
from caseatlas.render.pages import Page, render_pages

ROOT = Path(__file__).resolve().parents[2]
SEED = "targeted-poverty-alleviation-study-visit"
HOSTILE = {
    "title": "Study visit {{ 7*7 }} [x](javascript:alert(1))",
    "summary": "Summary <script>alert(1)</script> {{ 7*7 }}",
    "notes": "Notes [click](javascript:alert(1)) <img src=x onerror=alert(2)> {% raw %}",
}


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas(ROOT / "case_studies", ROOT / "curriculum")


def published(page: Page) -> str:
    """The page body the site publishes: an HTML page finished (ids, permalinks, links to URLs), Markdown as it is."""
    return finish(page.content, page.src_uri).html if page.html else page.content


@pytest.fixture(scope="module")
def pages(atlas: Atlas) -> dict[str, str]:
    return {p.src_uri: published(p) for p in render_pages(atlas)}


def rows(page: str, table: str) -> list[list[str]]:
    """The cells' text of each row of the table at the XPath `table`, header row first."""
    found = lxml.html.fragment_fromstring(page, create_parent="div").xpath(table)
    assert len(found) == 1, table
    return [[" ".join(c.text_content().split()) for c in tr.xpath("th|td")] for tr in found[0].iter("tr")]


def test_module_pages_exist(atlas: Atlas, pages: dict[str, str]) -> None:
    module_pages = [p for p in render_pages(atlas) if p.src_uri.startswith(f"modules/{SEED}/")]
    assert sorted(p.src_uri for p in module_pages) == [f"modules/{SEED}/{name}.md" for name in ("guide", "handout", "index")]
    assert all(p.html for p in module_pages)  # written as HTML: Python-Markdown does not convert them again
    title = "Targeted poverty alleviation: a five-day study visit for village heads"
    assert f'<a href="{SEED}/">{title}</a>' in pages["modules/index.md"]


def test_overview_has_objectives_agenda_matrix_and_every_case(atlas: Atlas, pages: dict[str, str]) -> None:
    page = pages[f"modules/{SEED}/index.md"]
    module = atlas.modules[SEED]
    for n in range(1, 6):
        assert re.search(rf'<h3 id="day-{n}">Day {n}: [^<]*<a class="headerlink" href="#day-{n}"', page)
    for s in module.sessions:
        assert f"<td>{s.start_clock}–{s.end_clock}</td>" in page
    matrix = rows(page, "//div[@class='ca-matrix']/table")
    sessions = [r for r in matrix if re.match(r"^\d$", r[0])]
    assert len(sessions) == len(module.sessions) and matrix[-1][2] == "Sessions per objective"
    assert sum(row.count("✓") for row in sessions) == sum(len(s.objectives) for s in module.sessions)
    for cid in module.case_ids:
        assert f'<a href="../../cases/{cid}/">' in page
    assert '<a href="handout/">Participant handout</a> · <a href="guide/">Facilitator guide</a>' in page


def test_handout_has_questions_and_action_plan_but_no_facilitator_notes(atlas: Atlas, pages: dict[str, str]) -> None:
    handout, guide = pages[f"modules/{SEED}/handout.md"], pages[f"modules/{SEED}/guide.md"]
    assert "Notes for the facilitator" not in handout and "What to observe" not in handout
    snippets = []
    for s in atlas.modules[SEED].sessions:
        texts = [s.data.get("facilitator_notes") or ""] + s.data.get("observe", [])  # Markdown
        snippets += [" ".join(text.split()[:7]) for text in texts if text]
        snippets += [str(inline(" ".join(text.split()[:7]))) for text in s.data.get("materials", [])]  # escaped lines
    assert len(snippets) > 30
    for snippet in snippets:
        assert snippet in guide and snippet not in handout, snippet
    assert "If about 30 percent of the households on your village" in handout
    assert '<h2 class="ca-action-plan" id="action-plan">Action plan' in handout
    plan = rows(handout, "//div[@class='ca-plan']/table")
    assert plan == [["No.", "What I will try back home", "With whom", "By when"]] + [[str(n), "", "", ""] for n in (1, 2, 3)]
    assert handout.count('<h2 class="ca-day" id="day-') == 5


def test_guide_has_notes_timings_questions_and_what_to_observe(atlas: Atlas, pages: dict[str, str]) -> None:
    guide = pages[f"modules/{SEED}/guide.md"]
    noted = [s for s in atlas.modules[SEED].sessions if s.data.get("facilitator_notes")]
    assert guide.count("<p><strong>Notes for the facilitator</strong></p>") == len(noted) > 10
    # ( ) escaped like every printed value
    assert "<li><strong>Timing:</strong> 12:15–15:15 &#40;180 min&#41; · Field visit</li>" in guide
    assert "<p><strong>Questions to ask</strong></p>" in guide
    assert "<p><strong>What to observe and ask about</strong></p>" in guide
    # the observation points of the cases used on a field visit
    assert "Suggested by the case Qianhe village, Henan" in guide
    assert "Ask what the factories make and how many villagers work in them" in guide
    assert '<h2 id="preparation">Preparation' in guide
    preparation = rows(guide, "//h2[@id='preparation']/following-sibling::table[1]")
    assert preparation[0] == ["Day", "Session", "Materials"]
    assert ["1", "Using the right key for the right lock", "Flip chart and markers"] in preparation


def test_each_case_page_lists_the_modules_that_use_it(pages: dict[str, str]) -> None:
    for cid in ("shibadong", "luocheng-relocation"):
        page = pages[f"cases/{cid}.md"]
        title = "Targeted poverty alleviation: a five-day study visit for village heads"
        assert f'<li><a href="../../modules/{SEED}/">{title}</a></li>' in page


def test_a_site_without_modules_says_so() -> None:
    pages = {p.src_uri: published(p) for p in render_pages(load_atlas(ROOT / "case_studies"))}
    assert "No course module yet." in pages["modules/index.md"]
    assert "No course module uses this case yet." in pages["cases/qianhe.md"]
    assert not any(uri.startswith("modules/") and uri != "modules/index.md" for uri in pages)


def test_hostile_module_text_stays_text(tmp_path: Path) -> None:
    text = (ROOT / "tests" / "modules" / "positive" / "every-field.yaml").read_text("utf-8")
    text = text.replace("title: A module with every field", f'title: "{HOSTILE["title"]}"')
    text = text.replace("  Every field in use. **Markdown** works in long fields.", f"  {HOSTILE['summary']}")
    text = text.replace("facilitator_notes: Keep to the sources.", f'facilitator_notes: "{HOSTILE["notes"]}"')
    text = text.replace("    title: First\n", '    title: "<b onmouseover=alert(3)>First</b> | cell"\n')
    (tmp_path / "every-field.yaml").write_text(text, "utf-8")
    pages = {p.src_uri: published(p) for p in render_pages(load_atlas(ROOT / "case_studies", tmp_path))}
    for name in ("index", "handout", "guide"):
        page = pages[f"modules/every-field/{name}.md"]
        assert "<script" not in page and "<b onmouseover" not in page and "<img" not in page
        assert "visit 49" not in page and "Summary 49" not in page
        assert "](javascript:" not in page and 'href="javascript' not in page
        assert "Study visit &#123;&#123; 7&#42;7 &#125;&#125;" in page
        assert "&lt;script&gt;" in page
    assert "&#124; cell" in pages["modules/every-field/index.md"]  # a | in a title does not split the table cell
