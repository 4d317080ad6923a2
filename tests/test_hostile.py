"""The hostile corpus (tests/hostile/): every file ends in a clear message, or builds and shows as inert text.

Each file is put beside the seed cases in a copy of the project, then checked with
`caseatlas validate` (click's CliRunner) and with a strict MkDocs build. Hazards too big or too
odd to commit are generated here. Real processes (the `caseatlas` and `mkdocs` commands) run the
whole corpus and the generated hazards, with their peak memory bounded and their time limited.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.exceptions import Abort, PluginError

from caseatlas.cli.main import main
from tests.inert import active_content, article_text
from tests.sitebuild import build_site

HERE = Path(__file__).parent / "hostile"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load((HERE / "expected.yaml").read_text("utf-8"))
CORPUS = sorted(p.relative_to(HERE).as_posix() for p in HERE.rglob("*.yaml") if p.name != "expected.yaml")
REFUSED = [name for name in CORPUS if "problems" in EXPECTED.get(name, {})]
LEGAL = [name for name in CORPUS if "inert" in EXPECTED.get(name, {})]
BIN = Path(sys.executable).parent
PEAK_MB = 500  # a generous bound: a real build of the seed site peaks near 100 MB
TIMEOUT = 300  # seconds; a bound, not a measurement: a command that hangs on a hostile file fails here


def content_hashes(project: Path) -> dict[str, str]:
    """SHA-256 of every file under the content folders, by path."""
    return {
        p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("case_studies", "curriculum")
        for p in sorted((project / folder).rglob("*"))
        if p.is_file()
    }


def add(project: Path, name: str, data: bytes) -> Path:
    path = project / "case_studies" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def measured(project: Path, *command: str) -> dict[str, object]:
    """Run a command of the virtual environment in `project`; its exit code, output and peak memory."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "peak.py"), str(BIN / command[0]), *command[1:]],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def summary(problems: int, files: int) -> str:
    return f"{problems} problem{'s' if problems != 1 else ''} in {files} file{'s' if files != 1 else ''}"


def test_the_corpus_covers_every_hazard_with_an_expected_outcome() -> None:
    assert sorted(EXPECTED) == CORPUS
    assert all(("problems" in e) != ("inert" in e) and e["hazard"] for e in EXPECTED.values())
    hazards = {e["hazard"] for e in EXPECTED.values()}
    assert len(CORPUS) >= 40 and len(hazards) >= 20
    for name in CORPUS:  # each file says, in its own words, which hazard it carries
        assert name == "cn/empty.yaml" or b"test fixture: " in (HERE / name).read_bytes()[:600].replace(b"\x00", b"")


@pytest.mark.parametrize("name", REFUSED)
def test_refused_file_ends_with_its_exact_messages(
    name: str, project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    add(project, name, (HERE / name).read_bytes())
    monkeypatch.chdir(project)
    before = content_hashes(project)
    expected: list[str] = EXPECTED[name]["problems"]  # type: ignore[assignment]

    result = CliRunner().invoke(main, ["validate"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert result.output == "\n".join(expected) + "\n" + summary(len(expected), 1) + "\n"

    with pytest.raises((PluginError, Abort)):
        build_site(project, project / "site")
    assert "caseatlas: the content has problems:\n" + "\n".join(expected) in caplog.text
    assert not (project / "site").exists() and not list(project.glob(".site*")), "a failed build leaves nothing behind"
    assert content_hashes(project) == before


def test_legal_hostile_text_builds_and_shows_as_inert_text(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LEGAL:
        add(project, name, (HERE / name).read_bytes())
    monkeypatch.chdir(project)
    before = content_hashes(project)
    result = CliRunner().invoke(main, ["validate"])
    assert (result.exit_code, result.output) == (0, f"ok: {len(content_hashes(project))} files checked, no problems\n")

    site = build_site(project, project / "site")
    for name in LEGAL:
        text = article_text((site / "cases" / Path(name).stem / "index.html").read_text("utf-8"))
        for visible in EXPECTED[name]["inert"]:  # type: ignore[attr-defined]
            assert visible in text, (name, visible)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    assert {p.relative_to(site).as_posix(): found for p in pages if (found := active_content(p.read_text("utf-8")))} == {}
    index = site / "search" / "search_index.json"
    if index.exists():  # Material's search shows these strings as HTML: they must be inert there too
        for doc in json.loads(index.read_text("utf-8"))["docs"]:
            html = f"<html><body><article>{doc['title']}<p>{doc['text']}</p></article></body></html>"
            assert active_content(html) == [], doc["location"]
    assert content_hashes(project) == before


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _many_values() -> bytes:
    row = "  - [" + ", ".join(["0"] * 1000) + "]\n"
    return b"notes:\n" + row.encode() * (990_000 // len(row))


def _many_problems() -> bytes:
    rows = "".join(f"  - {{id: X{i}, title: 1, publisher: 2, url: 3, date: 4, accessed: 5}}\n" for i in range(1000))
    return ("id: many-problems\nsources:\n" + rows).encode()


def _distinct_mappings() -> bytes:
    return ("id: distinct-mappings\nrelated:\n" + "".join(f"  - {{k{i}: [{i}, x]}}\n" for i in range(1000))).encode()


GENERATED: dict[str, tuple[Callable[[], bytes], list[str]]] = {
    "twenty-megabytes": (
        lambda: b"title: '" + b"x" * 20_000_000 + b"'\n",
        [
            "case_studies/cn/twenty-megabytes.yaml:1:1: file is 20.0 MB; a content file may be at most 1 MB "
            "(hint: shorten the long text fields or split the case into several cases)"
        ],
    ),
    "alias-bomb": (
        _alias_bomb,
        [
            "case_studies/cn/alias-bomb.yaml:2:8: YAML aliases (*name) are not allowed "
            "(hint: write the value out in full instead of referring to an anchor)"
        ],
    ),
    "many-values": (
        _many_values,
        [  # 1 MB of small values: the most a file may make the parser build
            "case_studies/cn/many-values.yaml:1:1: notes: unknown field 'notes' (hint: did you mean 'names'?)"
        ],
    ),
    "many-problems": (
        _many_problems,
        [
            "case_studies/cn/many-problems.yaml:3:10: sources[0].id: 'X0' is not in the expected form",
            "more problems from here on are not shown (hint: fix the ones above, then run `caseatlas validate` again)",
            summary(51, 1),
        ],
    ),
    "distinct-mappings": (
        _distinct_mappings,
        [  # a uniqueness check over mappings compares every pair
            "case_studies/cn/distinct-mappings.yaml:3:5: related[0]: expected a text, got a mapping",
            summary(51, 1),
        ],
    ),
}


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated_hazard_ends_with_a_message_in_bounded_memory(name: str, project: Path) -> None:
    make, expected = GENERATED[name]
    add(project, f"cn/{name}.yaml", make())
    before = content_hashes(project)
    for command in (("caseatlas", "validate"), ("mkdocs", "build", "--strict")):
        run = measured(project, *command)
        output = f"{run['stdout']}{run['stderr']}"
        assert run["returncode"] == 1, output[-2000:]
        assert "Traceback" not in output
        for line in expected:
            assert line in output, (command, line, output[-2000:])
        assert run["peak_mb"] < PEAK_MB, (command, run["peak_mb"])  # type: ignore[operator]
    assert not (project / "site").exists()
    assert content_hashes(project) == before


def test_a_symbolic_link_out_of_the_project_is_refused(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "elsewhere" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("token: do-not-print-me\n", "utf-8")
    (project / "case_studies" / "cn" / "secret.yaml").symlink_to(secret)
    (project / "case_studies" / "cn" / "passwd.yaml").symlink_to("/etc/passwd")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    message = "1:1: is a symbolic link, not a file (hint: put the file itself here instead of a link to it)"
    assert result.output == (
        f"case_studies/cn/passwd.yaml:{message}\ncase_studies/cn/secret.yaml:{message}\n" + summary(2, 2) + "\n"
    )
    assert "do-not-print-me" not in result.output


def test_real_commands_over_the_whole_corpus_print_every_message_and_no_traceback(project: Path) -> None:
    for name in REFUSED:
        add(project, name, (HERE / name).read_bytes())
    before = content_hashes(project)
    expected = [line for name in REFUSED for line in EXPECTED[name]["problems"]]  # type: ignore[attr-defined]
    run = measured(project, "caseatlas", "validate")
    assert run["returncode"] == 1 and run["stderr"] == ""
    lines = str(run["stdout"]).splitlines()
    assert sorted(lines[:-1]) == sorted(expected)
    assert lines[-1] == summary(len(expected), len(REFUSED))
    assert run["peak_mb"] < PEAK_MB  # type: ignore[operator]

    run = measured(project, "mkdocs", "build", "--strict")
    assert run["returncode"] == 1 and "Traceback" not in f"{run['stdout']}{run['stderr']}"
    assert all(line in str(run["stderr"]) for line in expected)
    assert not (project / "site").exists()
    assert content_hashes(project) == before
