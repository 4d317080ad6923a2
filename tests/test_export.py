"""Open data: `caseatlas export data` writes cases.json and indicators.csv that round-trip to the YAML."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from caseatlas.atlas.open_data import CSV_COLUMNS, indicators_csv, write_atomically
from caseatlas.atlas.pipeline import case_files, load_atlas
from caseatlas.cli.main import main
from caseatlas.content.loading import read_document

CASES = Path("case_studies")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "data"
    result = CliRunner().invoke(main, ["export", "data", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"wrote {out.as_posix()}/cases.json", f"wrote {out.as_posix()}/indicators.csv"]
    return out


def _number(text: str) -> int | float:
    return float(text) if any(c in text for c in ".eE") else int(text)


def test_indicators_csv_round_trips_every_value_in_the_yaml(exported: Path) -> None:
    with (exported / "indicators.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == CSV_COLUMNS
        rows = list(reader)
    expected = []
    for path in case_files(CASES):
        doc = read_document(path)
        d = doc.data  # type: ignore[union-attr]
        sources = {s["id"]: s for s in d["sources"]}
        for ind in d.get("indicators", []):
            for v in ind["values"]:
                expected.append(
                    (
                        d["id"],
                        d["country"],
                        ind["id"],
                        ind["name"],
                        ind["unit"],
                        ind.get("currency", ""),
                        ind.get("basis", ""),
                        ind.get("period", ""),
                        v["year"],
                        v.get("year_qualifier", ""),
                        v["value"],
                        v.get("qualifier", ""),
                        sources[v["source"]]["title"],
                        sources[v["source"]].get("url", ""),
                    )
                )
    got = [
        (
            r["case"],
            r["country"],
            r["indicator"],
            r["indicator_name"],
            r["unit"],
            r["currency"],
            r["basis"],
            r["period"],
            int(r["year"]),
            r["year_qualifier"],
            _number(r["value"]),
            r["qualifier"],
            r["source_title"],
            r["source_url"],
        )
        for r in rows
        if r["language"] == "en"
    ]
    assert expected and sorted(got) == sorted(expected)
    # Each translation repeats the original's values, years and sources, with its own words.
    qianhe_id = [r for r in rows if r["case"] == "qianhe" and r["language"] == "id"]
    qianhe_en = [r for r in rows if r["case"] == "qianhe" and r["language"] == "en"]
    assert [(r["year"], r["value"], r["qualifier"], r["source_url"]) for r in qianhe_id] == [
        (r["year"], r["value"], r["qualifier"], r["source_url"]) for r in qianhe_en
    ]
    assert qianhe_id[0]["indicator_name"] != qianhe_en[0]["indicator_name"]
    assert ("qianhe", 2025, 18000, "more than") in [(g[0], g[8], g[10], g[11]) for g in got]


def test_cases_json_holds_every_case_as_validated(exported: Path) -> None:
    doc = json.loads((exported / "cases.json").read_text("utf-8"))
    atlas = load_atlas(CASES)
    assert doc["format"] == "caseatlas-cases" and doc["count"] == len(atlas.cases)
    assert doc["cases"] == [atlas.cases[cid].data for cid in sorted(atlas.cases)]
    assert doc["translations"]["qianhe"]["zh"]["text"]["title"] == atlas.translations["qianhe"]["zh"].data["title"]


def test_export_leaves_no_temporary_files_and_is_repeatable(exported: Path) -> None:
    before = {p.name: p.read_bytes() for p in exported.iterdir()}
    assert sorted(before) == ["cases.json", "indicators.csv"]
    CliRunner().invoke(main, ["export", "data", "-o", str(exported)])
    assert {p.name: p.read_bytes() for p in exported.iterdir()} == before


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "indicators.csv"
    target.write_text("old\n", "utf-8")
    with pytest.raises(TypeError):  # the write fails half-way: the text is not a str
        write_atomically(target, 42)  # type: ignore[arg-type]
    assert target.read_text("utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["indicators.csv"]


def test_text_a_spreadsheet_would_run_as_a_formula_is_made_inert() -> None:
    atlas = load_atlas(CASES)  # a fresh copy of the content, changed in memory only
    for source in atlas.cases["qianhe"].data["sources"]:
        source["title"] = '=HYPERLINK("http://x")'
    rows = list(csv.DictReader(indicators_csv(atlas).splitlines()))
    assert {r["source_title"] for r in rows if r["case"] == "qianhe"} == {'\'=HYPERLINK("http://x")'}


def test_export_refuses_content_with_problems(tmp_path: Path) -> None:
    bad = tmp_path / "cases" / "cn" / "x.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_text("id: x\n", "utf-8")
    result = CliRunner().invoke(main, ["export", "data", "-o", str(tmp_path / "out"), "--cases", str(tmp_path / "cases")])
    assert result.exit_code == 1 and "missing required field 'title'" in result.output
    assert not (tmp_path / "out").exists()


def test_export_will_not_write_into_the_case_folder() -> None:
    result = CliRunner().invoke(main, ["export", "data", "-o", "case_studies/out"])
    assert result.exit_code == 1
    assert "case_studies/out is inside case_studies/ (hint: write the files somewhere else)" in result.output
    assert not Path("case_studies/out").exists()
