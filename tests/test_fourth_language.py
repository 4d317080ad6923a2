"""A fourth language is data, not code: interface words, vocabulary labels and a page, all test data, build a site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from caseatlas.content.page_translations import page_fingerprint
from caseatlas.core import strings, vocabulary

DATA = Path(__file__).parent / "languages"


def _marked(value: Any) -> Any:
    """Every English interface word, marked as the test language's (placeholders such as {year} kept)."""
    if isinstance(value, str):
        return "ViTest " + value
    if isinstance(value, dict):  # codes are not words: the language's CLDR locale is its own
        return {k: ("vi" if k == "number_locale" else _marked(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(v) for v in value]
    return value


def _clear_caches() -> None:
    strings._all.cache_clear()
    vocabulary.load_vocabulary.cache_clear()


@pytest.fixture
def vietnamese(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project with a `vi` language made of test data: interface words, one vocabulary label, the home page."""
    languages = tmp_path / "languages"
    languages.mkdir()
    english = strings.strings("en")
    words = {k: ("vi" if k == "number_locale" else _marked(v)) for k, v in english.items() if k != "_lang"}
    words["language_name"] = "Tiếng Việt"
    words["language_names"] = {"en": "tiếng Anh", "zh": "tiếng Trung", "id": "tiếng Indonesia", "vi": "tiếng Việt"}
    (languages / "strings.vi.yaml").write_text(yaml.safe_dump(words, allow_unicode=True), "utf-8")
    (languages / "vocabulary.vi.yaml").write_text((DATA / "vocabulary.vi.yaml").read_text("utf-8"), "utf-8")
    page = (DATA / "index.vi.md").read_text("utf-8").replace("FINGERPRINT", page_fingerprint(project / "docs" / "index.md"))
    (project / "docs" / "index.vi.md").write_text(page, "utf-8")
    config = (project / "mkdocs.yml").read_text("utf-8").replace("languages: [en, zh, id]", "languages: [en, zh, id, vi]")
    (project / "mkdocs.yml").write_text(config, "utf-8")
    monkeypatch.setenv(strings.LANGUAGES_ENV, str(languages))
    _clear_caches()
    yield project
    monkeypatch.delenv(strings.LANGUAGES_ENV)
    _clear_caches()


def test_a_fourth_language_made_of_data_builds_its_site(
    vietnamese: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.config import load_config

    from caseatlas.cli.main import main
    from caseatlas.site.languages import build_language

    monkeypatch.chdir(vietnamese)
    assert strings.languages() == ["en", "zh", "id", "vi"]
    parent = load_config(str(vietnamese / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    site = build_language(parent, "vi")
    case = (site / "cases" / "shibadong" / "index.html").read_text("utf-8")
    assert '<html lang="vi"' in case
    assert "ViTest " + strings.strings("en")["at_a_glance"] in case  # interface words from the data file
    assert "ViTest Poverty identification and registration" in case  # a vocabulary label from the data file
    assert "ViTest " + strings.strings("en")["notice_missing_title"] in case  # the case is not translated: says so
    assert '<div lang="en"' in case  # and its English text is marked as English
    home = (site / "index.html").read_text("utf-8")
    assert "ViTest Case Atlas home page, test data" in home
    assert "Tiếng Việt" in home  # the language menu names it
    result = CliRunner().invoke(main, ["i18n", "status"])
    assert result.exit_code == 0 and result.output.splitlines()[0].split()[-1] == "vi"
    assert "index.md" in result.output and "translated*" in result.output.split("index.md", 1)[1].splitlines()[0]
