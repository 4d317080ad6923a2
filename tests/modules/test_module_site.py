"""The MkDocs plugin with modules: a strict build with them, without them, and refusing a broken one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.sitebuild import build_site

SEED = "targeted-poverty-alleviation-study-visit"


@pytest.mark.slow
def test_strict_build_with_modules(project: Path, tmp_path: Path) -> None:
    site = build_site(project, tmp_path / "site")
    for name in ("", "handout/", "guide/"):
        assert (site / "modules" / SEED / name / "index.html").is_file()
    assert (site / "schema" / "module.schema.json").is_file()
    assert f'href="../../modules/{SEED}/"' in (site / "cases" / "qianhe" / "index.html").read_text("utf-8")
    # The course pack, built with the site in each language, linked from the module's page.
    for root in ("", "zh/", "id/"):
        pdf = site / root / "modules" / SEED / f"{SEED}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF-"), root
        page = (site / root / "modules" / SEED / "index.html").read_text("utf-8")
        links = re.findall(rf'<a [^>]*href="{SEED}\.pdf"[^>]*>', page)
        assert len(links) == 1 and "download" in links[0], root
    assert not list((site / "modules" / SEED).glob("*.ics"))  # the seed states no dates: no calendar


@pytest.mark.slow
def test_strict_build_without_a_curriculum_folder(project: Path, tmp_path: Path) -> None:
    shutil.rmtree(project / "curriculum")
    site = build_site(project, tmp_path / "site")
    assert "No course module yet." in (site / "modules" / "index.html").read_text("utf-8")
    assert not (site / "modules" / SEED).exists()


@pytest.mark.slow
def test_a_broken_module_stops_the_build_with_its_message(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    seed = project / "curriculum" / f"{SEED}.yaml"
    seed.write_text(seed.read_text("utf-8").replace("duration: 180", "duration: 0"), "utf-8")
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert f"curriculum/{SEED}.yaml:307:15: sessions[11].duration: expected a value more than 0, got 0 (hint: " in caplog.text
    assert "Traceback" not in caplog.text and not (tmp_path / "site" / "modules").exists()
