from __future__ import annotations

import errno
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from caseatlas.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def case_count() -> int:
    """How many case files the project holds (translations are <id>.<lang>.yaml)."""
    return sum(1 for p in (ROOT / "case_studies").rglob("*.yaml") if "." not in p.name.removesuffix(".yaml"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.as_posix().encode() + p.read_bytes())
    return h.hexdigest()


def test_validate_clean_says_how_many_files() -> None:
    before = tree_hash(ROOT / "case_studies"), tree_hash(ROOT / "curriculum")
    code, out = run("validate")
    files = [p for folder in ("case_studies", "curriculum") for p in (ROOT / folder).rglob("*.yaml")]
    assert (code, out) == (0, f"ok: {len(files)} files checked, no problems\n")
    assert (tree_hash(ROOT / "case_studies"), tree_hash(ROOT / "curriculum")) == before


def test_validate_broken_file_exits_1_with_file_line_field_hint(project: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(project)  # type: ignore[attr-defined]
    case = project / "case_studies" / "cn" / "qianhe.yaml"
    case.write_text(case.read_text("utf-8").replace("- industrial-development", "- industrial-developement"), "utf-8")
    code, out = run("validate")
    assert code == 1
    assert re.match(
        r"case_studies/cn/qianhe\.yaml:\d+:5: mechanisms\[1\]: unknown mechanism 'industrial-developement' "
        r"\(hint: did you mean 'industrial-development'\?",
        out,
    )
    assert out.endswith("1 problem in 1 file\n")


def test_validate_reports_only_the_named_files(project: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(project)  # type: ignore[attr-defined]
    (project / "case_studies" / "cn" / "qianhe.yaml").write_text("", "utf-8")
    code, out = run("validate", "case_studies/cn/shibadong.yaml")
    assert (code, out) == (0, "ok: 1 file checked, no problems\n")
    code, out = run("validate", "case_studies/cn/qianhe.yaml")
    assert code == 1 and out.startswith("case_studies/cn/qianhe.yaml:1:1: file is empty")


def test_validate_without_a_content_folder(tmp_path: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1 and "folder of case studies not found" in result.output


def test_list_prints_cases_with_country_and_mechanisms() -> None:
    code, out = run("list")
    assert code == 0
    assert re.search(r"^qianhe +China +resident-officials, industrial-development$", out, re.M)
    assert out.endswith(f"{case_count()} cases\n")


def test_new_writes_a_skeleton_that_validates_once_filled(tmp_path: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    code, out = run("new", "vn", "lao-cai-cooperative")
    path = tmp_path / "case_studies" / "vn" / "lao-cai-cooperative.yaml"
    assert code == 0 and path.is_file() and "lao-cai-cooperative.yaml" in out
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    code, out = run("validate")
    assert code == 1 and "title: must not be empty" in out and "mechanisms: needs at least 1 item" in out
    data = yaml.safe_load(text)
    filled = _fill(data)
    path.write_text(text.split("\n", 1)[0] + "\n" + yaml.safe_dump(filled, allow_unicode=True), "utf-8")
    code, out = run("validate")
    assert (code, out) == (0, "ok: 1 file checked, no problems\n"), out


def _fill(value: object) -> object:
    if isinstance(value, dict):
        filled = {k: _fill(v) for k, v in value.items() if k not in ("subdivision", "currency", "timeline")}
        if "mechanisms" in filled:
            filled["mechanisms"] = ["cooperatives"]
            filled["last_reviewed"] = "2026-11-28"
            filled["indicators"][0]["id"] = "members"
            filled["indicators"][0]["values"][0]["quote"] = "0 members at first"
            filled["sources"][0].update(url="https://example.org/report", accessed="2026-11-28")
        return filled
    if isinstance(value, list):
        return [_fill(v) for v in value]
    return "Filled in." if value == "" else value


def test_new_refuses_to_overwrite_and_bad_arguments(tmp_path: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    assert run("new", "cn", "a-case")[0] == 0
    before = (tmp_path / "case_studies" / "cn" / "a-case.yaml").read_bytes()
    result = CliRunner().invoke(main, ["new", "cn", "a-case"])
    assert result.exit_code == 1 and "already exists" in result.output
    assert (tmp_path / "case_studies" / "cn" / "a-case.yaml").read_bytes() == before
    assert "not an ISO 3166-1" in CliRunner().invoke(main, ["new", "xx", "b"]).output
    assert "not a valid id" in CliRunner().invoke(main, ["new", "cn", "../../etc/passwd"]).output
    assert not (tmp_path / "etc").exists()


def test_new_goes_through_the_output_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`new` and `module new` write one new file, atomically, only into a real folder, replacing nothing."""
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "case_studies").mkdir()
    (tmp_path / "case_studies" / "cn").symlink_to(outside)  # a linked country folder could lead anywhere
    result = CliRunner().invoke(main, ["new", "cn", "a-case"])
    assert result.exit_code == 1 and "case_studies/cn is a symbolic link" in result.output
    assert list(outside.iterdir()) == []
    (tmp_path / "case_studies" / "vn").write_text("not a folder")
    result = CliRunner().invoke(main, ["new", "vn", "a-case"])
    assert result.exit_code == 1 and "case_studies/vn is not a folder" in result.output
    (tmp_path / "case_studies" / "id").mkdir()
    (tmp_path / "case_studies" / "id" / "a-case.yaml").symlink_to(outside / "target.yaml")  # dangling link
    result = CliRunner().invoke(main, ["new", "id", "a-case"])
    assert result.exit_code == 1 and "already exists" in result.output and not (outside / "target.yaml").exists()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    for args, folder in (
        (["new", "ph", "b-case"], tmp_path / "case_studies" / "ph"),
        (["module", "new", "a-module"], tmp_path / "curriculum"),
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1 and "No space left on device (hint: free some space" in result.output, result.output
        assert "Traceback" not in result.output and list(folder.iterdir()) == []  # no part-written file, no temporary
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    os.umask(0o022)
    assert run("module", "new", "a-module")[0] == 0
    assert (tmp_path / "curriculum" / "a-module.yaml").stat().st_mode & 0o777 == 0o644


def test_render_writes_markdown_pages_outside_the_content(tmp_path: Path) -> None:
    code, out = run("render", "--out", str(tmp_path / "md"))
    assert code == 0 and out.startswith("wrote ")
    assert (tmp_path / "md" / "cases" / "qianhe.md").read_text("utf-8").startswith("# Qianhe village")
    published = sorted(p.name for p in (tmp_path / "md" / "schema").iterdir())
    packaged = sorted(p.name for p in (ROOT / "src" / "caseatlas" / "schema").glob("*.schema.json"))
    assert published == packaged and "module-translation.schema.json" in published
    result = CliRunner().invoke(main, ["render", "--out", "case_studies/out"])
    assert result.exit_code == 1 and "inside case_studies" in result.output
    assert not (ROOT / "case_studies" / "out").exists()


def test_a_real_run_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "cn"
    bad.mkdir()
    (bad / "x.yaml").write_bytes(b"\xff\xfe\x00garbage")
    proc = subprocess.run(
        [sys.executable, "-m", "caseatlas.cli.main", "validate", "--cases", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "x.yaml:1:1: byte 0xff is not valid UTF-8" in proc.stdout


def test_i18n_status_prints_the_seed_state_and_exits_0() -> None:
    code, out = run("i18n", "status")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["case", "en", "zh", "id"]
    assert ["qianhe", "original", "translated*", "translated*"] in [line.split() for line in lines]
    n = case_count()
    assert next(line.split()[3:] for line in lines if line.startswith("up to date")) == [f"{n}/{n}", "100%"] * 3
    assert "missing" not in out
    assert "index.md                       original  translated*  translated*" in out
    assert out.endswith("* not yet reviewed by a person\n")


def test_i18n_status_reports_a_stale_translation(project: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(project)  # type: ignore[attr-defined]
    case = project / "case_studies" / "cn" / "shibadong.yaml"
    case.write_text(case.read_text("utf-8").replace("Deploy resources efficiently", "Deploy resources well"), "utf-8")
    code, out = run("i18n", "status", "-l", "zh")
    assert code == 0
    n = case_count()
    assert re.search(r"^shibadong +stale\*", out, re.M) and f"{n - 1}/{n} {round(100 * (n - 1) / n)}%" in out, out


def test_i18n_fingerprint_of_a_case_and_of_a_page_is_what_the_seed_translations_record() -> None:
    for case_id in ("qianhe", "shibadong"):
        code, out = run("i18n", "fingerprint", case_id)
        recorded = yaml.safe_load((ROOT / "case_studies" / "cn" / f"{case_id}.zh.yaml").read_text("utf-8"))
        assert code == 0 and out.strip() == recorded["translation"]["source_fingerprint"]
    code, out = run("i18n", "fingerprint", "docs/index.md")
    assert out.strip() == "sha256:" + hashlib.sha256((ROOT / "docs" / "index.md").read_bytes()).hexdigest()
    assert run("i18n", "fingerprint", "nowhere") == (
        1,
        "error: no case 'nowhere' in case_studies (hint: `caseatlas list` shows the ids)\n",
    )


def test_validate_names_a_bad_translation_file(project: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(project)  # type: ignore[attr-defined]
    tr = project / "case_studies" / "cn" / "qianhe.zh.yaml"
    tr.write_text(tr.read_text("utf-8").replace("    unit: 元\n", "    unit: 元\n    currency: RMB\n"), "utf-8")
    before = tree_hash(project / "case_studies")
    code, out = run("validate")
    assert code == 1
    assert out.splitlines()[0] == (
        "case_studies/cn/qianhe.zh.yaml:38:5: indicators[0].currency: 'currency' cannot be "
        "translated: figures, codes, dates and sources come from the original (hint: remove it "
        "from the translation; to change it, edit the original)"
    )
    assert tree_hash(project / "case_studies") == before
