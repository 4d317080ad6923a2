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
