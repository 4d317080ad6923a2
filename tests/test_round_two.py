"""Hostile and broken input, round two (issue 12): each break that was found, as a test of its root cause.

Each test fails on the code before the fix and passes after; the module docstring of each names the break.
The schema breaks (3, 4, 5, 6, 12) are one rule each: integers are ints, numbers are finite and within a
stated range, text holds no control characters, patterns match the whole text in both validators.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from caseatlas.cli import main

CASE = "case_studies/cn/qianhe.yaml"
MODULE = "curriculum/targeted-poverty-alleviation-study-visit.yaml"


def edit(project: Path, name: str, pattern: str, replacement: str) -> None:
    path = project / name
    text, n = re.subn(pattern, lambda _m: replacement, path.read_text("utf-8"), count=1, flags=re.M)
    assert n == 1, pattern
    path.write_text(text, "utf-8")


def run(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


@pytest.mark.parametrize(("pattern", "replacement", "message"), [
    # 3. sdgs: [1.0, 8] and year: 2015.0 passed, then build, render and bundle ended in a KeyError
    (r"^sdgs: .*$", "sdgs: [1.0, 8]", "sdgs[0]: expected a whole number, got 1.0 (hint: write 1, without a decimal point)"),
    (r"- year: 2015$", "- year: 2015.0", "year: expected a whole number, got 2015.0 (hint: write 2015, without a decimal point)"),
    # 4. value: 1.5e+308 passed, then the chart ticks overflowed
    (r"value: 1300$", "value: 1.5e+308", "value: expected a value at most 1000000000000000, got 1.5e+308"),
    # 5. .nan and .inf passed: NaN in cases.json and the JSON-LD, a map marker at cx="nan", "inf hours"
    (r"value: 1300$", "value: .nan", "value: expected a finite number, got nan"),
    (r"^country: CN$", "country: CN\ncoordinates: {lat: .nan, lon: 109.1}", "coordinates.lat: expected a finite number, got nan"),
    # 6. a title with \x01 and an escape sequence passed, then the cartridge export ended in an lxml traceback
    (r"^title: .*$", 'title: "Qianhe\\x01 \\e[2J village"', "title: holds the control character U+0001"),
    (r"^summary: >-\n(?:  .*\n)+", 'summary: "A summary with \\x1b]0;owned\\x07 a title escape"\n', "summary: holds the control character U+001B"),
    # 12. a trailing newline slipped past jsonschema (Python's $ matches before a final newline)
    (r"^last_reviewed: .*$", 'last_reviewed: "2026-11-28\\n"', "last_reviewed: holds the control character U+000A"),
    (r"^  - id: peoples-daily-2025$", '  - id: "peoples-daily-2025\\n"', "sources[0].id: holds the control character U+000A"),
])
def test_numbers_and_text_that_the_schema_now_refuses(project: Path, monkeypatch: pytest.MonkeyPatch, pattern: str,
                                                      replacement: str, message: str) -> None:
    edit(project, CASE, pattern, replacement)
    code, output = run(project, monkeypatch, "validate")
    assert code == 1
    assert re.search(r"^case_studies/cn/qianhe\.yaml:\d+:\d+: \S*" + re.escape(message), output, re.M), output
    assert "Traceback" not in output


def test_a_session_title_cannot_rewrite_the_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """6. `caseatlas module plan` wrote a session title's escape sequences raw (retitle the window, erase lines)."""
    edit(project, MODULE, r"^    title: Welcome, .*$", '    title: "Welcome\\e]0;owned\\a\\e[2K"')
    code, output = run(project, monkeypatch, "module", "plan", "targeted-poverty-alleviation-study-visit")
    assert code == 1
    assert "\x1b" not in output and "\x07" not in output
    assert "sessions[0].title: holds the control character U+001B" in output
