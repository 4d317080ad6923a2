"""`caseatlas validate` with modules, `caseatlas module plan` and `caseatlas module new`, through click's CliRunner."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from caseatlas.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
SEED = "targeted-poverty-alleviation-study-visit"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_validate_checks_cases_and_modules() -> None:
    files = [p for folder in ("case_studies", "curriculum") for p in Path(folder).rglob("*.yaml")]
    assert run("validate") == (0, f"ok: {len(files)} files checked, no problems\n")  # cases, modules, translations


def test_validate_reports_every_module_problem_and_exits_1() -> None:
    code, out = run("validate", "--curriculum", "tests/modules/negative")
    lines = out.splitlines()
    negatives = sorted((HERE / "negative").glob("*.yaml"))
    expected = sorted(
        f"tests/modules/negative/{p.name}:{m}"
        for p in negatives
        for m in re.findall(r"^# expect: (.+)$", p.read_text("utf-8"), re.M)
    )
    assert code == 1
    assert sorted(lines[:-1]) == expected
    assert lines[-1] == f"{len(expected)} problems in {len(negatives)} files"
    assert "Traceback" not in out


def test_validate_given_one_module_file_reports_only_it() -> None:
    code, out = run("validate", "--curriculum", "tests/modules/negative", "tests/modules/negative/overlap.yaml")
    assert code == 1
    assert out.splitlines() == [
        "tests/modules/negative/overlap.yaml:31:12: sessions[1].start: starts at 10:00, before session 'd1-intro' "
        "ends at 10:30 (hint: start it at 10:30 or later, or shorten 'd1-intro')",
        "1 problem in 1 file",
    ]


def test_validate_recognises_a_module_file_by_its_schema_line() -> None:
    assert run("validate", "tests/modules/positive/every-field.yaml") == (0, "ok: 1 file checked, no problems\n")
    code, out = run("validate", "tests/modules/negative/unknown-kind.yaml")
    assert code == 1 and out.splitlines() == [
        "tests/modules/negative/unknown-kind.yaml:22:11: sessions[0].kind: 'lectur' is not an allowed value "
        "(hint: did you mean 'lecture'?)",
        "1 problem in 1 file",
    ]


def test_plan_prints_the_agenda_with_hours_per_day_and_kind() -> None:
    code, out = run("module", "plan", "every-field", "--curriculum", "tests/modules/positive")
    assert code == 0
    assert (
        out
        == """A module with every field
3 days, 08:00–18:00, 7 sessions, 9 h in sessions

Day 1: Ideas (2 h)
  08:00–09:30  Lecture          First
  09:30–10:00  Case discussion  Second, listed first

Day 2: Visits (7 h)
  08:00–09:00  Travel           Travel
  10:00–10:45  Exercise         Exercise
  11:00–11:45  Reflection       Reflection
  12:00–13:00  Workshop         Workshop
  14:30–18:00  Field visit      A visit

Day 3 (0 h)
  No session on this day.

Hours per day
  Day 1                 2
  Day 2                 7
  Day 3                 0

Hours per kind of session
  Lecture             1.5
  Case discussion     0.5
  Field visit         3.5
  Workshop              1
  Exercise           0.75
  Reflection         0.75
  Travel                1
  Total                 9
"""
    )


def test_plan_of_the_seed_module() -> None:
    code, out = run("module", "plan", SEED)
    assert code == 0
    assert "5 days, 08:30–17:30, 24 sessions, 32.5 h in sessions" in out
    assert "Day 3: Officials in the village (7.25 h)" in out
    assert "  12:15–15:15  Field visit      Field visit: a village that the hosts arrange" in out
    assert out.rstrip().endswith("Total              32.5")


def test_plan_of_an_unknown_module() -> None:
    code, out = run("module", "plan", "targeted-poverty-alleviation-studyvisit")
    assert (code, out) == (
        1,
        f"error: no module 'targeted-poverty-alleviation-studyvisit' in curriculum/ (hint: did you mean '{SEED}'?)\n",
    )


def test_plan_refuses_invalid_content(tmp_path: Path) -> None:
    shutil.copy(HERE / "negative" / "overlap.yaml", tmp_path)
    code, out = run("module", "plan", "overlap", "--curriculum", str(tmp_path))
    assert code == 1 and "starts at 10:00, before session 'd1-intro' ends at 10:30" in out
    assert out.endswith("1 problem in 1 file\n")


def test_new_writes_a_skeleton_that_fails_until_filled_then_validates(tmp_path: Path) -> None:
    curriculum = tmp_path / "curriculum"
    code, out = run("module", "new", "my-visit", "--curriculum", str(curriculum))
    path = curriculum / "my-visit.yaml"
    assert code == 0 and path.exists() and out.startswith("wrote ")
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../src/caseatlas/schema/module.schema.json\n")

    code, out = run("validate", "--curriculum", str(curriculum))
    assert code == 1 and out.splitlines()[-1] == "13 problems in 1 file"
    assert "title: must not be empty" in out

    filled = text.replace('last_reviewed: ""', 'last_reviewed: "2026-11-28"').replace('""', '"Filled in by the organizers."')
    path.write_text(filled, "utf-8")
    files = len(list(Path("case_studies").rglob("*.yaml"))) + 1  # the cases and their translations, and the new module
    assert run("validate", "--curriculum", str(curriculum)) == (0, f"ok: {files} files checked, no problems\n")
    code, out = run("module", "plan", "my-visit", "--curriculum", str(curriculum))
    assert code == 0 and "  08:30–09:30  Lecture          Filled in by the organizers." in out


def test_new_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("# my work\n", "utf-8")
    code, out = run("module", "new", "mine", "--curriculum", str(tmp_path))
    assert code == 1 and "already exists (hint: pick another id, or edit that file)" in out
    assert (tmp_path / "mine.yaml").read_text("utf-8") == "# my work\n"


def test_new_refuses_a_bad_id(tmp_path: Path) -> None:
    code, out = run("module", "new", "My Visit", "--curriculum", str(tmp_path))
    assert (code, out) == (
        1,
        "error: 'My Visit' is not a valid id (hint: lower-case letters, digits and single hyphens, "
        "e.g. village-heads-study-visit)\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_render_writes_the_module_pages(tmp_path: Path) -> None:
    code, out = run("render", "--out", str(tmp_path / "pages"))
    assert code == 0
    for name in ("index.md", "handout.md", "guide.md"):
        assert (tmp_path / "pages" / "modules" / SEED / name).is_file()
    assert (tmp_path / "pages" / "schema" / "module.schema.json").is_file()
