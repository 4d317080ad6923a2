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
    for name in ("case_studies", "docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path
