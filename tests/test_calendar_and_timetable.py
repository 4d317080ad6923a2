"""`caseatlas export calendar` (parsed back with icalendar) and the humane-timetable warnings of `validate`."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner

from caseatlas.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SEED = "targeted-poverty-alleviation-study-visit"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_calendar_parses_back_with_one_event_per_session(tmp_path: Path) -> None:
    out = tmp_path / "visit.ics"
    code, output = run("export", "calendar", SEED, "--start", "2027-03-15", "--timezone", "Asia/Shanghai", "-o", str(out))
    assert (code, output) == (0, f"wrote {out}: 24 events from 2027-03-15 (Asia/Shanghai)\n")
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 24 and len({str(e["UID"]) for e in events}) == 24
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    first = events[0]
    assert str(first["SUMMARY"]) == "Welcome, and why village heads study targeted poverty alleviation"
    assert first.decoded("DTSTART") == datetime(2027, 3, 15, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert first.decoded("DTEND") == datetime(2027, 3, 15, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert "Read before the session: Indonesian Rural Cadre Training Program: village heads" in str(first["DESCRIPTION"])
    visit = next(e for e in events if str(e["UID"]).startswith(f"{SEED}.d3-field-visit."))
    assert visit.decoded("DTSTART") == datetime(2027, 3, 17, 12, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert "LOCATION" not in visit  # the seed names no place for its visits


def test_calendar_of_a_module_with_places(tmp_path: Path) -> None:
    out = tmp_path / "m.ics"
    code, _ = run(
        "export",
        "calendar",
        "every-field",
        "--start",
        "2027-01-04",
        "--timezone",
        "Asia/Jakarta",
        "-o",
        str(out),
        "--curriculum",
        "tests/modules/positive",
    )
    assert code == 0
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [str(e["LOCATION"]) for e in events if "LOCATION" in e] == ["The village hall"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--start", "2027-02-30", "--timezone", "Asia/Shanghai"],
            "error: start date '2027-02-30' is not a date "
            "(hint: give the first day as YYYY-MM-DD, for example --start 2027-03-15)",
        ),
        (
            ["--start", "next monday", "--timezone", "Asia/Shanghai"],
            "error: start date 'next monday' is not a date "
            "(hint: give the first day as YYYY-MM-DD, for example --start 2027-03-15)",
        ),
        (
            ["--start", "2027-03-15", "--timezone", "Asia/Beijing"],
            "error: unknown time zone 'Asia/Beijing' (hint: did you mean 'Asia/Brunei'? IANA zones are named after a city, "
            "for example Asia/Shanghai or Asia/Jakarta)",
        ),
        (
            ["--start", "2027-03-15", "--timezone", "../../etc/passwd"],
            "error: unknown time zone '../../etc/passwd' (hint: give an IANA name: IANA zones are named after a city, "
            "for example Asia/Shanghai or Asia/Jakarta)",
        ),
    ],
)
def test_calendar_bad_input_writes_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    code, output = run("export", "calendar", SEED, *args, "-o", str(tmp_path / "c.ics"))
    assert (code, output) == (1, message + "\n")
    assert list(tmp_path.iterdir()) == []


def test_calendar_unknown_module_and_content_folder(tmp_path: Path) -> None:
    code, output = run(
        "export", "calendar", "nope", "--start", "2027-03-15", "--timezone", "Asia/Shanghai", "-o", str(tmp_path / "c.ics")
    )
    assert (code, output) == (1, f"error: no module 'nope' in curriculum/ (hint: modules: {SEED})\n")
    code, output = run(
        "export", "calendar", SEED, "--start", "2027-03-15", "--timezone", "Asia/Shanghai", "-o", "case_studies/c.ics"
    )
    assert code == 1 and output.startswith("error: case_studies/c.ics is inside case_studies/")
    assert not Path("case_studies/c.ics").exists()


# The humane timetable

INHUMANE = """\
  - id: long-day
    day: 1
    start: "08:30"
    duration: 240
    kind: lecture
    title: Four hours straight
  - id: visit
    day: 1
    start: "12:30"
    duration: 300
    kind: field-visit
    title: A visit straight after
"""


@pytest.fixture
def inhumane(tmp_path: Path) -> Path:
    """A copy of the seed module with a first day of eight and a half hours, no lunch, no travel before the visit."""
    curriculum = tmp_path / "curriculum"
    shutil.copytree(ROOT / "curriculum", curriculum, ignore=shutil.ignore_patterns("*.*.yaml"))
    path = curriculum / f"{SEED}.yaml"
    text = path.read_text("utf-8")
    text = re.sub(r"(?m)^    day: (\d)$", lambda m: f"    day: {int(m[1]) + 1}", text)  # every day one later
    text = text.replace("sessions:\n", "sessions:\n" + INHUMANE, 1)
    text = text.replace("days: 5\n", "days: 6\n").replace(
        "  - From the visit to action at home\n", "  - From the visit to action at home\n  - An extra day\n"
    )
    path.write_text(text, "utf-8")
    return curriculum


def test_validate_warns_about_an_inhumane_day_and_strict_fails(inhumane: Path) -> None:
    code, output = run("validate", "--curriculum", str(inhumane))
    name = f"{inhumane}/{SEED}.yaml"
    warnings = [line for line in output.splitlines() if ": warning: " in line]
    assert code == 0, output
    assert any(
        w.startswith(name)
        and "warning: day 1 runs 08:30–17:30, 9 hours of sessions without a break of 15 minutes" in w
        and "(hint: put a break into it, or raise `timetable_rules.max_hours_without_break` (now 3))" in w
        for w in warnings
    ), warnings
    assert any(
        "warning: day 1 is a full day (08:30–17:30) with no lunch break of 45 minutes between 11:00 and 14:30" in w
        for w in warnings
    )
    assert any("warning: field visit 'visit' has no travel session before it" in w for w in warnings)
    assert output.splitlines()[-1].endswith("no problems, 3 warnings")
    code, output = run("validate", "--strict", "--curriculum", str(inhumane))
    assert code == 1 and output.splitlines()[-1] == (
        "3 warnings, failed with --strict (hint: fix the timetable, or change its `timetable_rules`)"
    )


def test_thresholds_come_from_the_module_file(inhumane: Path) -> None:
    path = inhumane / f"{SEED}.yaml"
    text = path.read_text("utf-8")
    text = text.replace("  max_hours_without_break: 3\n", "  max_hours_without_break: 10\n")
    text = text.replace("  travel_before_field_visit: true\n", "  travel_before_field_visit: false\n")
    path.write_text(text, "utf-8")
    code, output = run("validate", "--strict", "--curriculum", str(inhumane))
    assert code == 1
    assert [line.split(": warning: ")[1].split(" (hint:")[0] for line in output.splitlines() if ": warning: " in line] == [
        "day 1 is a full day (08:30–17:30) with no lunch break of 45 minutes between 11:00 and 14:30"
    ]


def test_the_seed_module_is_humane() -> None:
    code, output = run("validate", "--strict")
    assert code == 0 and output.startswith("ok: ") and output.endswith(" checked, no problems\n"), output
