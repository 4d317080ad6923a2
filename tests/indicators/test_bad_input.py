"""Every bad indicator input the issue lists: file:line:column, field, message and hint, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from caseatlas.cli.main import main

CASE = """\
# yaml-language-server: $schema=../../src/caseatlas/schema/case.schema.json
id: income
title: Income case (test fixture, not a real case)
summary: A case with one indicator series.
language: en
country: CN
mechanisms: [resident-officials]
indicators:
  - id: per-capita-income
    name: Per-capita annual income
    unit: yuan
    currency: CNY
    basis: per capita
    values:
      - year: 2015
        year_qualifier: about
        value: 1300
        qualifier: just over
        source: src
        quote: "grew from just over 1,300 yuan"
      - year: 2025
        value: 18000
        qualifier: more than
        source: src
        quote: "to more than 18,000 yuan today"
sources:
  - id: src
    title: A source
    publisher: A publisher
    url: https://example.org/source
    accessed: "2026-11-28"
last_reviewed: "2026-11-28"
"""

VALUE_HINT = (
    "A plain number as the source gives it, without units or thousands separators, "
    "for example 1300 or 183.83; words such as 'more than' go in qualifier."
)
YEAR_HINT = (
    "Year the value refers to, as a number such as 2019; if the source gives it only roughly, also add year_qualifier: about."
)

BAD = [
    pytest.param(
        "      - year: 2025\n        value: 18000\n",
        "      - value: 18000\n",
        f"21:9: indicators[0].values[1]: missing required field 'year' (hint: add `year:` — {YEAR_HINT})",
        id="value-without-year",
    ),
    pytest.param(
        "        qualifier: more than\n        source: src\n",
        "        qualifier: more than\n",
        "21:9: indicators[0].values[1]: missing required field 'source' (hint: add `source:` — Id of an entry in sources.)",
        id="value-without-source",
    ),
    pytest.param(
        "currency: CNY",
        "currency: RMB",
        "12:15: indicators[0].currency: 'RMB' is not an ISO 4217 currency code "
        "(hint: use the three-letter code, for example CNY for yuan or IDR for rupiah)",
        id="currency-not-iso-4217",
    ),
    pytest.param(
        "currency: CNY",
        "currency: yuan",
        "12:15: indicators[0].currency: 'yuan' is not in the expected form "
        "(hint: ISO 4217 code when the unit is money, for example CNY.)",
        id="currency-not-a-code",
    ),
    pytest.param(
        "        qualifier: more than\n        source: src\n",
        "        qualifier: more than\n        source: srcx\n",
        "24:17: indicators[0].values[1].source: cites source 'srcx', which is not in sources (hint: did you mean 'src'?)",
        id="unknown-source-id",
    ),
    pytest.param(
        "      - year: 2025\n",
        "      - year: 2015\n",
        "21:15: indicators[0].values[1].year: a second value for 2015 "
        "(hint: keep one value per year in a series, or make a separate indicator)",
        id="two-values-same-year",
    ),
    pytest.param(
        "value: 18000",
        'value: "18,000"',
        f"22:16: indicators[0].values[1].value: expected a number, got '18,000' (hint: {VALUE_HINT})",
        id="value-with-thousands-separator",
    ),
    pytest.param(
        "value: 18000",
        "value: more than 18000",
        f"22:16: indicators[0].values[1].value: expected a number, got 'more than 18000' (hint: {VALUE_HINT})",
        id="value-with-words",
    ),
    pytest.param(
        "value: 18000",
        "value: .inf",
        "22:16: indicators[0].values[1].value: expected a finite number, got inf "
        "(hint: write the number the source gives; .nan and .inf are not numbers a page can show)",
        id="value-infinite",
    ),
    pytest.param(
        "      - year: 2025\n",
        "      - year: about 2025\n",
        f"21:15: indicators[0].values[1].year: expected an integer, got 'about 2025' (hint: {YEAR_HINT})",
        id="year-with-words",
    ),
]


def _validate(tmp_path: Path, text: str) -> tuple[int, str, Path]:
    path = tmp_path / "cases" / "cn" / "income.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    args = ["validate", "--cases", str(tmp_path / "cases"), "--curriculum", str(tmp_path / "curriculum")]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output, path


def test_the_fixture_is_valid(tmp_path: Path) -> None:
    code, output, _ = _validate(tmp_path, CASE)
    assert (code, output) == (0, "ok: 1 file checked, no problems\n")


@pytest.mark.parametrize(("old", "new", "expected"), BAD)
def test_bad_indicator_input_is_reported_with_file_line_field_and_hint(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert CASE.count(old) == 1
    code, output, path = _validate(tmp_path, CASE.replace(old, new))
    assert code == 1
    assert output.splitlines() == [f"{path.as_posix()}:{expected}", "1 problem in 1 file"]
    assert "Traceback" not in output
