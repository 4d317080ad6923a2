"""The site builds with either engine: MkDocs, or ProperDocs (a maintained fork of MkDocs 1.6).

`properdocs build --strict` runs our plugin and Material unchanged; the other languages and the offline bundle
are built by the engine that runs (site/engine.py), and its warnings are the ones `--strict` and the staged
build count.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.site import engine
from caseatlas.site.staging import StagedBuild

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LANGUAGES = {"en": "", "zh": "zh/", "id": "id/"}


def test_the_engine_is_the_one_whose_configuration_is_built() -> None:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import MkDocsException

    config = engine.load_config(MkDocsConfig, str(ROOT / "mkdocs.yml"))
    assert type(config) is MkDocsConfig and "caseatlas" in config.plugins
    assert engine.engine_of(config).__name__ == "mkdocs"  # under pytest, `mkdocs` is MkDocs itself
    assert engine.engine_logger(config).name == "mkdocs"
    assert engine.build_error(config) is MkDocsException

    properdocs = pytest.importorskip("properdocs")
    from properdocs.config.defaults import ProperDocsConfig
    from properdocs.exceptions import ProperDocsException

    # Imported without `properdocs build` (which makes `mkdocs.*` its own modules), ProperDocs' classes are still its.
    assert engine.engine_of(ProperDocsConfig) is properdocs
    assert engine.engine_logger(ProperDocsConfig).name == "properdocs"
    assert engine.build_error(ProperDocsConfig) is ProperDocsException


def test_a_warning_of_properdocs_fails_the_staged_build(tmp_path: Path) -> None:
    """ProperDocs logs its own warnings (a broken link) under `properdocs`, not `mkdocs`: the staged build must
    count them there, or a failing `properdocs build --strict` would replace the previous site."""
    pytest.importorskip("properdocs")
    pd_logger = logging.getLogger("properdocs")
    staged = StagedBuild(tmp_path / "site", strict=True, logger=pd_logger)
    try:
        assert not staged.failed
        logging.getLogger("properdocs.structure.pages").warning("a link to no page")
        assert staged.failed
    finally:
        staged.discard()


@pytest.mark.slow
def test_properdocs_builds_the_site_in_every_language(tmp_path: Path) -> None:
    pytest.importorskip("properdocs")
    site = tmp_path / "site"
    proc = subprocess.run(
        [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    printed = proc.stdout + proc.stderr
    assert "WARNING" not in printed and "ERROR" not in printed, printed[-4000:]
    assert "caseatlas: building the 'zh' site" in printed and "caseatlas: building the 'id' site" in printed

    cases = sorted(load_atlas(ROOT / "case_studies", ROOT / "curriculum").cases)
    assert len(cases) > 10
    for lang, root in LANGUAGES.items():
        home = (site / root / "index.html").read_text("utf-8")
        assert f'<html lang="{lang}"' in home, lang
        assert 'content="mkdocs-ProperDocs' in home  # built by ProperDocs, not by an MkDocs left installed
        missing = [case for case in cases if not (site / root / "cases" / case / "index.html").is_file()]
        assert missing == [], (lang, missing)
        page = (site / root / "cases" / "indonesian-rural-cadre-training" / "index.html").read_text("utf-8")
        assert f'<html lang="{lang}"' in page
    for index in ("pagefind", "pagefind-text"):  # "Find a case": one index over the three languages
        entry = json.loads((site / index / "pagefind-entry.json").read_text("utf-8"))
        assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == dict.fromkeys(LANGUAGES, len(cases))
    assert not list(tmp_path.glob(".site.*")), "the staged folders are gone"
