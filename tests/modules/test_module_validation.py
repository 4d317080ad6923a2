"""Module files: every rule has a negative example in negative/ with its exact message; positive/ files are clean."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from caseatlas.atlas.pipeline import case_files, check_modules, load_atlas
from caseatlas.core.errors import ContentError

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
NEGATIVE = sorted((HERE / "negative").glob("*.yaml"))
POSITIVE = sorted((HERE / "positive").glob("*.yaml"))
SEED = ROOT / "curriculum" / "targeted-poverty-alleviation-study-visit.yaml"


def case_ids() -> set[str]:
    return {p.stem for p in case_files(ROOT / "case_studies")}


def expected(path: Path) -> list[str]:
    """The `# expect: line:col: field: message (hint: …)` comments of a negative example, with its path in front."""
    rel = path.relative_to(ROOT).as_posix()
    return [f"{rel}:{m}" for m in re.findall(r"^# expect: (.+)$", path.read_text("utf-8"), re.M)]


def test_there_is_a_negative_example_for_every_rule() -> None:
    assert len(NEGATIVE) >= 30
    assert all(expected(p) for p in NEGATIVE), "each negative example states the message it expects"


@pytest.mark.parametrize("path", NEGATIVE, ids=[p.stem for p in NEGATIVE])
def test_negative_example_gives_exactly_its_message(path: Path) -> None:
    _, problems = check_modules([path.relative_to(ROOT)], case_ids())
    assert [str(p) for p in problems] == expected(path)


@pytest.mark.parametrize("path", [*POSITIVE, SEED], ids=[p.stem for p in [*POSITIVE, SEED]])
def test_positive_example_is_clean(path: Path) -> None:
    docs, problems = check_modules([path], case_ids())
    assert problems == [] and len(docs) == 1


def test_every_problem_of_one_file_is_collected(tmp_path: Path) -> None:
    text = (HERE / "negative" / "overlap.yaml").read_text("utf-8")
    text = text.replace("cases: [qianhe]", "cases: [nowhere]").replace("  who: Village heads\n", "  who: 42\n")
    text = text.replace("  session: d2-plan", "  session: d9-plan")
    path = tmp_path / "overlap.yaml"
    path.write_text(text, "utf-8")
    _, problems = check_modules([path], case_ids())
    assert [p.message for p in problems] == [
        "expected a text, got 42",
        "case 'nowhere' does not exist",
        "session 'd9-plan' does not exist",
        "starts at 10:00, before session 'd1-intro' ends at 10:30",
    ]
    # checks that need a field's shape skip only the fields the schema rejected
    path.write_text(text.replace("kind: workshop", "kind: party"), "utf-8")
    _, problems = check_modules([path], case_ids())
    assert [p.message for p in problems] == ["expected a text, got 42", "'party' is not an allowed value"]


def test_a_case_that_fails_to_parse_is_not_reported_again_from_a_module(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "case_studies", tmp_path / "case_studies")
    (tmp_path / "case_studies" / "cn" / "qianhe.yaml").write_text("", "utf-8")
    with pytest.raises(ContentError) as info:
        load_atlas(tmp_path / "case_studies", HERE / "positive")
    assert [p.message for p in info.value.problems] == ["file is empty"]


def test_two_modules_with_one_id(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(HERE / "positive" / "minimal.yaml", tmp_path / folder / "minimal.yaml")
    _, problems = check_modules([tmp_path / "a" / "minimal.yaml", tmp_path / "b" / "minimal.yaml"], case_ids())
    assert [str(p) for p in problems] == [
        f"{(tmp_path / 'b' / 'minimal.yaml').as_posix()}:3:5: id: module id 'minimal' is already used by "
        f"{(tmp_path / 'a' / 'minimal.yaml').as_posix()} (hint: choose another id and rename the file to match)"
    ]


def test_module_problems_stop_the_atlas_with_every_message(tmp_path: Path) -> None:
    shutil.copy(HERE / "negative" / "overlap.yaml", tmp_path / "overlap.yaml")
    shutil.copy(HERE / "negative" / "unknown-case.yaml", tmp_path / "unknown-case.yaml")
    with pytest.raises(ContentError) as info:
        load_atlas(ROOT / "case_studies", tmp_path)
    assert [p.message for p in info.value.problems] == [
        "starts at 10:00, before session 'd1-intro' ends at 10:30",
        "case 'qianhee' does not exist",
    ]


def test_a_site_without_modules_still_loads(tmp_path: Path) -> None:
    atlas = load_atlas(ROOT / "case_studies", tmp_path / "no-such-folder")
    assert atlas.modules == {} and atlas.modules_by_case == {} and len(atlas.cases) >= 24
