from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from caseatlas.atlas.pipeline import case_files, check_cases, load_atlas
from caseatlas.core.errors import ContentError

HERE = Path(__file__).parent / "validation"
EXPECTED = yaml.safe_load((HERE / "negative" / "expected.yaml").read_text("utf-8"))
NEGATIVE = sorted(p for p in (HERE / "negative").rglob("*.yaml") if p.name != "expected.yaml")


def test_positive_examples_are_clean() -> None:
    docs, problems = check_cases(case_files(HERE / "positive"))
    assert problems == []
    assert len(docs) == 2


def test_every_negative_example_has_its_expected_messages() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in NEGATIVE)


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_negative_example(path: Path) -> None:
    _, problems = check_cases([path])
    assert [str(p) for p in problems] == EXPECTED[path.name]
    assert all(p.line >= 1 and p.hint for p in problems)


def test_seed_cases_are_valid() -> None:
    atlas = load_atlas(Path("case_studies"))
    assert {
        "shibadong",
        "poverty-registry",
        "luhua-embroidery",
        "qianhe",
        "luocheng-relocation",
        "indonesian-rural-cadre-training",
    } <= set(atlas.cases)


def test_every_problem_is_collected_before_reporting(tmp_path: Path) -> None:
    folder = tmp_path / "cn"
    folder.mkdir()
    for name in ("bad-country", "unknown-mechanism", "empty"):
        (folder / f"{name}.yaml").write_bytes((HERE / "negative" / "cn" / f"{name}.yaml").read_bytes())
    with pytest.raises(ContentError) as info:
        load_atlas(tmp_path)
    assert len({p.path for p in info.value.problems}) == 3
    assert info.value.report().endswith("3 problems in 3 files")


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    text = (HERE / "positive" / "cn" / "minimal.yaml").read_text("utf-8")
    for cc in ("cn", "id"):
        (tmp_path / cc).mkdir()
        (tmp_path / cc / "minimal.yaml").write_text(text.replace("country: CN", f"country: {cc.upper()}"), "utf-8")
    _, problems = check_cases(case_files(tmp_path))
    assert [p.message for p in problems] == [f"id 'minimal' is already used by {(tmp_path / 'cn' / 'minimal.yaml').as_posix()}"]


def test_translation_files_are_not_cases(tmp_path: Path) -> None:
    (tmp_path / "cn").mkdir()
    (tmp_path / "cn" / "a.yaml").write_text("x: 1\n")
    (tmp_path / "cn" / "a.zh.yaml").write_text("x: 1\n")
    assert [p.name for p in case_files(tmp_path)] == ["a.yaml"]


def test_a_schema_error_does_not_hide_other_problems_in_the_file(tmp_path: Path) -> None:
    (tmp_path / "cn").mkdir()
    text = (HERE / "positive" / "cn" / "minimal.yaml").read_text("utf-8")
    text = text.replace("[poverty-registry]", "[poverty-registy]").replace("language: en", "language: 7")
    (tmp_path / "cn" / "minimal.yaml").write_text(text, "utf-8")
    _, problems = check_cases(case_files(tmp_path))
    assert [(p.field, p.message) for p in problems] == [
        ("language", "expected a text, got 7"),
        ("mechanisms[0]", "unknown mechanism 'poverty-registy'"),
    ]
