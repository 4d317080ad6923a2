"""Module pages: overview, handout (no facilitator notes) and guide, the section index, and case pages listing modules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from caseatlas.atlas.model import Atlas
from caseatlas.atlas.pipeline import load_atlas
from caseatlas.core.markup import inline
from caseatlas.render.pages import render_pages

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


@pytest.fixture(scope="module")
def pages(atlas: Atlas) -> dict[str, str]:
    return {p.src_uri: p.content for p in render_pages(atlas)}


def test_module_pages_exist(pages: dict[str, str]) -> None:
    for name in ("index", "handout", "guide"):
        assert f"modules/{SEED}/{name}.md" in pages
    title = "Targeted poverty alleviation: a five-day study visit for village heads"
    assert f"[{title}]({SEED}/index.md)" in pages["modules/index.md"]


def test_overview_has_objectives_agenda_matrix_and_every_case(atlas: Atlas, pages: dict[str, str]) -> None:
    page = pages[f"modules/{SEED}/index.md"]
    module = atlas.modules[SEED]
    for n in range(1, 6):
        assert re.search(rf"^### Day {n}: .* \{{: #day-{n} \}}$", page, re.M)
    for s in module.sessions:
        assert f"| {s.start_clock}–{s.end_clock} | " in page
    matrix = page[page.index("## Objectives × sessions") : page.index("## Cases used")]
    rows = [line for line in matrix.splitlines() if re.match(r"^\| \d \| \d\d:\d\d \|", line)]
    assert len(rows) == len(module.sessions)
    assert sum(row.count("✓") for row in rows) == sum(len(s.objectives) for s in module.sessions)
    for cid in module.case_ids:
        assert f"](../../cases/{cid}.md)" in page
    assert "[Participant handout](handout.md)" in page and "[Facilitator guide](guide.md)" in page


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
    plan = handout[handout.index("## Action plan") :]
    assert "| No. | What I will try back home | With whom | By when |" in plan
    assert len(re.findall(r"^\| \d \| \| \| \|$", plan, re.M)) == 3
    assert handout.count("{: .ca-day #day-") == 5


def test_guide_has_notes_timings_questions_and_what_to_observe(atlas: Atlas, pages: dict[str, str]) -> None:
    guide = pages[f"modules/{SEED}/guide.md"]
    noted = [s for s in atlas.modules[SEED].sessions if s.data.get("facilitator_notes")]
    assert guide.count("**Notes for the facilitator**") == len(noted) > 10
    assert "- **Timing:** 12:15–15:15 &#40;180 min&#41; · Field visit" in guide  # ( ) escaped like every printed value
    assert "**Questions to ask**" in guide
    assert "**What to observe and ask about**" in guide
    # the observation points of the cases used on a field visit
    assert "Suggested by the case Qianhe village, Henan" in guide
    assert "Ask what the factories make and how many villagers work in them" in guide
    assert "## Preparation" in guide and "Flip chart and markers" in guide


def test_each_case_page_lists_the_modules_that_use_it(pages: dict[str, str]) -> None:
    for cid in ("shibadong", "luocheng-relocation"):
        page = pages[f"cases/{cid}.md"]
        assert f"- [Targeted poverty alleviation: a five-day study visit for village heads](../modules/{SEED}/index.md)" in page


def test_a_site_without_modules_says_so() -> None:
    pages = {p.src_uri: p.content for p in render_pages(load_atlas(ROOT / "case_studies"))}
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
    pages = {p.src_uri: p.content for p in render_pages(load_atlas(ROOT / "case_studies", tmp_path))}
    for name in ("index", "handout", "guide"):
        page = pages[f"modules/every-field/{name}.md"]
        assert "<script" not in page and "<b onmouseover" not in page and "<img" not in page
        assert "visit 49" not in page and "Summary 49" not in page
        assert "](javascript:" not in page and 'href="javascript' not in page
        assert "Study visit &#123;&#123; 7&#42;7 &#125;&#125;" in page
        assert "&lt;script&gt;" in page
    assert "&#124; cell" in pages["modules/every-field/index.md"]  # a | in a title does not split the table cell
