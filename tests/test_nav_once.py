"""Material's navigation, drawn once per folder for the pages it does not list, leaves every page as it was."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from caseatlas.site import nav_once, plugin
from tests.sitebuild import build_site

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import write_project  # noqa: E402


def pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_the_pages_are_the_same_with_the_navigation_drawn_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = write_project(tmp_path / "project", 40, languages=("en",))
    drawn: list[object] = []  # the pages for which Material's own partial ran

    def counting(env: Any) -> None:
        template = env.get_template(nav_once.NAV_TEMPLATE)
        material = template.root_render_func

        def counted(context: Any) -> Any:
            drawn.append(context.get("page"))
            yield from material(context)

        template.root_render_func = counted
        nav_once.draw_navigation_once(env)

    monkeypatch.setattr(plugin, "draw_navigation_once", counting)
    once = pages(build_site(project, tmp_path / "once"))
    monkeypatch.setattr(plugin, "draw_navigation_once", lambda env: None)  # Material's own, on every page
    every = pages(build_site(project, tmp_path / "every"))
    assert once.keys() == every.keys() and len(once) > 60
    assert [name for name in once if once[name] != every[name]] == []
    cases = [name for name in once if name.startswith("cases/synthetic-")]
    assert len(cases) == 40 and all(b'class="md-nav md-nav--primary' in once[name] for name in cases)
    drawn_cases = [page for page in drawn if getattr(page, "url", "").startswith("cases/synthetic-")]
    assert len(drawn_cases) == 1, len(drawn_cases)  # the first case page's navigation served the other 39
