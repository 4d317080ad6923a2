from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _project_cwd(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands and messages use paths relative to the project folder, as a contributor runs them."""
    monkeypatch.chdir(ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's content and site configuration in a temporary folder."""
    for name in ("case_studies", "curriculum", "docs", "overrides"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The figures the page-budget tests measured, so a run's log can be quoted."""
    from tests.budgets import SUMMARY

    if SUMMARY:
        terminalreporter.section("page budgets: measured (gzip level 6)")
        for line in SUMMARY:
            terminalreporter.write_line(line)
