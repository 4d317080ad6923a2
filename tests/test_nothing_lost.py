"""Nothing lost: no command or build changes a contributor's files, and a failing build keeps the previous site.

Every file under case_studies/ and curriculum/ is hashed before and after each command,
the failing ones included; only `caseatlas new` may add a file, and it changes no other.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort, PluginError

from caseatlas.cli.main import main
from tests.sitebuild import build_site

BIN = Path(sys.executable).parent


def hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by path (an empty mapping when it does not exist)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def content(project: Path) -> dict[str, str]:
    return {
        f"{name}/{path}": digest for name in ("case_studies", "curriculum") for path, digest in hashes(project / name).items()
    }


def break_a_case(project: Path) -> None:
    case = project / "case_studies" / "cn" / "qianhe.yaml"
    case.write_text(case.read_text("utf-8").replace("value: 18000", "value: eighteen thousand"), "utf-8")


def cli(*args: str) -> Callable[[Path], int]:
    def run(project: Path) -> int:
        result = CliRunner().invoke(main, list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.exit_code

    return run


def build(project: Path) -> int:
    try:
        build_site(project, project / "site")
    except (PluginError, Abort):
        return 1
    return 0


COMMANDS: dict[str, tuple[Callable[[Path], int], int]] = {
    "validate": (cli("validate"), 0),
    "validate one file": (cli("validate", "case_studies/cn/shibadong.yaml"), 0),
    "validate a file outside": (cli("validate", "mkdocs.yml"), 1),
    "list": (cli("list"), 0),
    "render": (cli("render", "--out", "rendered"), 0),
    "render into the content": (cli("render", "--out", "case_studies/rendered"), 1),
    "new with a bad id": (cli("new", "cn", "../../escape"), 1),
    "new over an existing case": (cli("new", "cn", "qianhe"), 1),
    "build": (build, 0),
    "export pack": (cli("export", "pack", "targeted-poverty-alleviation-study-visit", "-o", "pack.pdf"), 0),
    "export pack into the content": (
        cli("export", "pack", "targeted-poverty-alleviation-study-visit", "-o", "curriculum/pack.pdf"),
        1,
    ),
    "export calendar": (
        cli(
            "export",
            "calendar",
            "targeted-poverty-alleviation-study-visit",
            "--start",
            "2027-03-15",
            "--timezone",
            "Asia/Shanghai",
            "-o",
            "visit.ics",
        ),
        0,
    ),
}


@pytest.mark.parametrize("broken", [False, True], ids=["clean content", "broken content"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_command_changes_the_content(name: str, broken: bool, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if broken:
        break_a_case(project)
    monkeypatch.chdir(project)
    before = content(project)
    assert before and any(path.startswith("case_studies/") for path in before)
    command, clean_exit = COMMANDS[name]
    code = command(project)
    assert code == (
        1 if broken and name in ("validate", "list", "render", "build", "export pack", "export calendar") else clean_exit
    )
    assert content(project) == before


def test_new_adds_its_one_file_and_changes_no_other(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    before = content(project)
    assert cli("new", "vn", "lao-cai-cooperative")(project) == 0
    after = content(project)
    assert set(after) - set(before) == {"case_studies/vn/lao-cai-cooperative.yaml"}
    assert {k: v for k, v in after.items() if k in before} == before


def _break_a_link(project: Path) -> None:
    guide = project / "docs" / "guides" / "contributing.md"
    guide.write_text(guide.read_text("utf-8") + "\nSee [the missing page](missing.md).\n", "utf-8")


def _break_a_template(project: Path) -> None:
    (project / "overrides" / "caseatlas").mkdir(parents=True, exist_ok=True)
    (project / "overrides" / "caseatlas" / "matrix.html.j2").write_text("{% for x in %}\n", "utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("cases_dir: case_studies", "cases_dir: case_studies\n      templates_dir: overrides"), "utf-8")


@pytest.mark.parametrize(
    "breakage",
    [break_a_case, _break_a_link, _break_a_template],
    ids=["invalid case", "broken link (strict warning)", "broken template"],
)
def test_a_failing_build_leaves_the_previous_site_in_place(
    breakage: Callable[[Path], None], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    site = build_site(project, project / "site")
    (site / ".git").mkdir()  # as in a gh-pages checkout: MkDocs keeps hidden entries, so must we
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    good = hashes(site)
    assert "cases/qianhe/index.html" in good and ".git/HEAD" in good
    breakage(project)
    before = content(project)
    with pytest.raises((PluginError, Abort)):
        build_site(project, site)
    assert hashes(site) == good
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == [], "no staging folder left behind"
    assert content(project) == before


def test_a_good_build_replaces_the_site_and_keeps_its_hidden_entries(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    site = build_site(project, project / "site")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "stale.html").write_text("from an older build")
    case = project / "case_studies" / "cn" / "qianhe.yaml"
    case.write_text(case.read_text("utf-8").replace('title: "Qianhe village,', 'title: "Qianhe village (revised),'), "utf-8")
    build_site(project, site)
    assert "Qianhe village (revised)," in (site / "cases" / "qianhe" / "index.html").read_text("utf-8")
    assert (site / ".git" / "HEAD").is_file() and not (site / "stale.html").exists()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


def test_the_real_mkdocs_command_keeps_the_site_when_the_build_fails(project: Path) -> None:
    """The CI command, `mkdocs build --strict`, as a process: built once, then failing on a broken case."""

    def mkdocs() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "mkdocs"), "build", "--strict"], cwd=project, capture_output=True, text=True, timeout=300, check=False
        )

    first = mkdocs()
    assert first.returncode == 0, first.stderr[-3000:]
    good = hashes(project / "site")
    break_a_case(project)
    before = content(project)
    second = mkdocs()
    assert second.returncode == 1 and "Traceback" not in second.stderr
    assert "case_studies/cn/qianhe.yaml:" in second.stderr and "expected a number, got 'eighteen thousand'" in second.stderr
    assert hashes(project / "site") == good
    assert content(project) == before
