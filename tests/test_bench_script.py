"""scripts/bench.py without its `bench` extra says what to install, instead of a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import bench  # noqa: E402


def test_bench_without_its_extra_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench, "BIN", tmp_path)  # a folder of commands without check-jsonschema
    monkeypatch.setattr(bench.missing_extra, "__defaults__", (tmp_path,))
    monkeypatch.setattr(sys, "argv", ["bench.py", "--cases", "1"])
    with pytest.raises(SystemExit) as exit_info:
        bench.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "pip install -e '.[bench]'" in err and "check-jsonschema" in err


def test_bench_with_its_extra_goes_on(tmp_path: Path) -> None:
    (tmp_path / "check-jsonschema").write_text("")
    assert bench.missing_extra(tmp_path) is None


def test_each_target_is_reported_with_pass_or_fail() -> None:
    results: list[dict[str, object]] = [
        {"cases": 1000, "build_over_plain": 0.45, "build_s": 6.0, "peak_rss_mb": 300.0, "load_avg_1min_at_build": 1.5},
        {"cases": 10000, "build_over_plain": 0.55, "build_s": 80.0, "peak_rss_mb": 1500.0, "load_avg_1min_at_build": 2.0},
    ]
    rows = bench.targets(results, {"cases": 1000, "mode": "plain", "rebuild_median_s": 1.2, "load_avg": 0.5})
    dirty = bench.targets(results, {"cases": 1000, "mode": "dirty", "rebuild_median_s": 2.5, "load_avg": 0.5})[-1]
    assert (dirty["target"], dirty["passed"]) == ("mkdocs serve --dirty: one edited case shown, 1,000 cases", False)
    verdicts = {str(r["target"]): r["passed"] for r in rows}
    assert verdicts == {
        "build (index included) ÷ plain MkDocs build, 1,000 cases": True,
        "build (index included) ÷ plain MkDocs build, 10,000 cases": False,
        "build of 10,000 cases": True,
        "peak memory (largest process, Pagefind included), 10,000 cases": False,
        "t(10,000) ÷ t(1,000)": False,  # 13.3×
        "mkdocs serve: one edited case shown, 1,000 cases": True,
    }
    table = bench.targets_table(rows)
    assert "| t(10,000) ÷ t(1,000) | 13.33× | 10.50× | 2.00 | FAIL |" in table
    assert "| build of 10,000 cases | 80.0 s | 90.0 s | 2.00 | pass |" in table
    assert [r["target"] for r in bench.targets(results[:1])] == ["build (index included) ÷ plain MkDocs build, 1,000 cases"]


def test_the_index_figures_are_read_from_the_build_log() -> None:
    fed = (
        "INFO - caseatlas: indexed 1000 case pages in 1 languages for search in 2.5 s"
        " after the build (fed while it ran; Pagefind's peak 278 MB)"
    )
    assert bench.index_figures(fed) == {"pagefind_s": 2.5, "pagefind_peak_mb": 278.0}
    assert bench.index_figures("caseatlas: indexed 3 case pages in 1 languages for search in 0.4 s") == {"pagefind_s": 0.4}
    assert bench.index_figures("no index")["pagefind_s"] != bench.index_figures("no index")["pagefind_s"]  # nan
