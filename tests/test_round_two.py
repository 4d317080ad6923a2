"""Hostile and broken input, round two (issue 12): each break that was found, as a test of its root cause.

Each test fails on the code before the fix and passes after; the module docstring of each names the break.
The schema breaks (3, 4, 5, 6, 12) are one rule each: integers are ints, numbers are finite and within a
stated range, text holds no control characters, patterns match the whole text in both validators.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from caseatlas.cli.main import main

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


@pytest.mark.parametrize(
    ("pattern", "replacement", "message"),
    [
        # 3. sdgs: [1.0, 8] and year: 2015.0 passed, then build, render and bundle ended in a KeyError
        (r"^sdgs: .*$", "sdgs: [1.0, 8]", "sdgs[0]: expected a whole number, got 1.0 (hint: write 1, without a decimal point)"),
        (
            r"- year: 2015$",
            "- year: 2015.0",
            "year: expected a whole number, got 2015.0 (hint: write 2015, without a decimal point)",
        ),
        # 4. value: 1.5e+308 passed, then the chart ticks overflowed
        (r"value: 1300$", "value: 1.5e+308", "value: expected a value at most 1000000000000000, got 1.5e+308"),
        # 5. .nan and .inf passed: NaN in cases.json and the JSON-LD, a map marker at cx="nan", "inf hours"
        (r"value: 1300$", "value: .nan", "value: expected a finite number, got nan"),
        (
            r"^country: CN$",
            "country: CN\ncoordinates: {lat: .nan, lon: 109.1}",
            "coordinates.lat: expected a finite number, got nan",
        ),
        # 6. a title with \x01 and an escape sequence passed, then the cartridge export ended in an lxml traceback
        (r"^title: .*$", 'title: "Qianhe\\x01 \\e[2J village"', "title: holds the control character U+0001"),
        (
            r"^summary: >-\n(?:  .*\n)+",
            'summary: "A summary with \\x1b]0;owned\\x07 a title escape"\n',
            "summary: holds the control character U+001B",
        ),
        # 12. a trailing newline slipped past jsonschema (Python's $ matches before a final newline)
        (r"^last_reviewed: .*$", 'last_reviewed: "2026-11-28\\n"', "last_reviewed: holds the control character U+000A"),
        (r"^  - id: peoples-daily-2025$", '  - id: "peoples-daily-2025\\n"', "sources[0].id: holds the control character U+000A"),
    ],
)
def test_numbers_and_text_that_the_schema_now_refuses(
    project: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, replacement: str, message: str
) -> None:
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


# 8–11: one output guard (output_guard.py) for every command that writes.


def test_no_output_overwrites_the_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """8. `export data -o curriculum` wrote into curriculum/; `export cartridge ID -o docs/index.md` replaced a page
    with a zip; `bundle --all -o mkdocs.yml` and `export cartridge ID -o mkdocs.yml` replaced the configuration."""
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    module = "targeted-poverty-alleviation-study-visit"
    for args, said in [
        (["export", "data", "-o", "curriculum"], "curriculum is inside curriculum/"),
        (["export", "data", "-o", "docs/data"], "docs/data is inside docs/"),
        (["export", "cartridge", module, "-o", "docs/index.md"], "docs/index.md is inside docs/"),
        (["export", "cartridge", module, "-o", "mkdocs.yml"], "mkdocs.yml is mkdocs.yml, a file of the project"),
        (["bundle", "--all", "-o", "mkdocs.yml"], "mkdocs.yml is mkdocs.yml, a file of the project"),
        (["render", "-o", "overrides"], "overrides is inside overrides/"),
    ]:
        code, output = run(project, monkeypatch, *args)
        assert code == 1 and said in output and "hint: write the" in output, (args, output)
    (project / "notes.txt").write_text("my notes")
    code, output = run(project, monkeypatch, "export", "cartridge", module, "-o", "notes.txt")
    assert code == 1 and "notes.txt exists and is not a cartridge" in output
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == {**before, project / "notes.txt": b"my notes"}


def test_export_data_writes_both_files_or_neither(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """9. With OUT/indicators.csv a folder, `export data` exited 1 but had written cases.json, and named its temporary."""
    out = project / "out"
    (out / "indicators.csv").mkdir(parents=True)
    code, output = run(project, monkeypatch, "export", "data", "-o", str(out))
    assert code == 1 and "indicators.csv: a folder has that name" in output and ".tmp" not in output and ".part" not in output
    assert sorted(p.name for p in out.iterdir()) == ["indicators.csv"]


def test_a_failed_second_rename_puts_the_first_file_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """9. The pair is replaced as a set: when the second rename fails, the first file is the old one again."""
    from caseatlas.core import output_guard

    (tmp_path / "a.json").write_text("old a")
    (tmp_path / "b.csv").write_text("old b")
    real = output_guard.publish
    calls: list[Path] = []

    def second_fails(temporary: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(temporary, target)

    monkeypatch.setattr(output_guard, "publish", second_fails)
    with pytest.raises(output_guard.OutputError, match=r"cannot write .*b\.csv: No space left on device \(hint: free"):
        output_guard.write_files(tmp_path, {"a.json": "new a", "b.csv": "new b"})
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"a.json": "old a", "b.csv": "old b"}


LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
sys.argv = {argv!r}
from {module} import {function} as entry
sys.exit(entry())
"""


def limited(project: Path, limit: int, module: str, function: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """A command run in `project` with no file allowed to grow past `limit` bytes (as under `ulimit -f`)."""
    code = LIMITED.format(limit=limit, argv=list(argv), module=module, function=function)
    return subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=600)


def test_export_data_under_a_file_size_limit_says_what_and_where(project: Path) -> None:
    """9. Under a file-size limit the whole message was `error: : File too large`."""
    proc = limited(project, 20_000, "caseatlas.cli.main", "main", "caseatlas", "export", "data", "-o", "out")
    assert proc.returncode == 1
    assert proc.stderr.startswith(
        "error: cannot write out/cases.json: File too large (hint: the file is larger than this shell's file-size limit"
    ), proc.stderr
    assert "Traceback" not in proc.stderr and not (project / "out").exists()


@pytest.mark.slow
def test_a_build_under_a_file_size_limit_ends_in_a_message(project: Path) -> None:
    """10. `mkdocs build` under a file-size limit ended in a traceback (OSError Errno 27)."""
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the previous site")
    proc = limited(project, 150_000, "mkdocs.__main__", "cli", "mkdocs", "build", "--strict")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert re.search(
        r"cannot write \S+: File too large \(hint: the file is larger than this shell's file-size limit"
        r".*the previous site is left as it was\)",
        proc.stdout + proc.stderr,
    ), proc.stderr[-2000:]
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
    assert (project / "site" / "index.html").read_text() == "the previous site"


@pytest.mark.parametrize(
    ("number", "hint"),
    [
        (30, "the folder is on a read-only file system: choose another with -o"),
        (13, "you may not write there"),
        (27, "the file is larger than this shell's file-size limit"),
    ],
)
def test_each_write_failure_has_a_hint(number: int, hint: str, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """10. `export data` and `render` onto a read-only folder gave no hint (root ignores modes: the error is made)."""
    from caseatlas.core import output_guard

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(output_guard.tempfile, "mkstemp", refuse)
    for command in (["export", "data", "-o", "out"], ["render", "-o", "pages"]):
        code, output = run(project, monkeypatch, *command)
        assert code == 1 and f": {os.strerror(number)} (hint: {hint}" in output, output


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_what_a_killed_run_left_is_removed_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """11. A killed bundle left `.<name>.zip.XXXX.part` and a `caseatlas-bundle-*` folder; a killed build left
    `.site.building-*` folders, never removed by later builds."""
    from caseatlas.core import output_guard
    from caseatlas.site import staging

    pid = dead_pid()
    part = tmp_path / f".atlas.zip.caseatlas-{pid}-abcd1234.part"
    part.write_bytes(b"half a zip")
    mine = tmp_path / f".atlas.zip.caseatlas-{os.getpid()}-abcd1234.part"  # a run still going: left alone
    mine.write_bytes(b"being written")
    output_guard.check_target(tmp_path / "atlas.zip", "zip")
    assert not part.exists() and mine.exists()

    monkeypatch.setattr(output_guard.tempfile, "tempdir", str(tmp_path))
    work = tmp_path / f"caseatlas-bundle-{pid}-xyz"
    (work / "site").mkdir(parents=True)
    with output_guard.temporary_folder("caseatlas-bundle-") as folder:
        assert not work.exists() and Path(folder).name.startswith(f"caseatlas-bundle-{os.getpid()}-")

    building = tmp_path / f".site.building-{pid}-q1w2e3"
    (building / "assets").mkdir(parents=True)
    staged = staging.stage(tmp_path / "site", strict=False)
    assert staged is not None and not building.exists() and staged.folder.name.startswith(f".site.building-{os.getpid()}-")
    staged.discard()


def test_pagefind_dies_with_the_build_that_started_it(tmp_path: Path) -> None:
    """11. A killed build left its two Pagefind processes running."""
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import subprocess, sys, time\n"
                "from caseatlas.core.output_guard import child_dies_with_parent\n"
                "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'],\n"
                "                         preexec_fn=child_dies_with_parent)\n"
                "print(child.pid, flush=True)\n"
                "time.sleep(120)\n"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        with open(f"/proc/{child}/stat") as fh:  # a zombie waiting for init to reap it is gone too
            if fh.read().split(") ")[1].startswith("Z"):
                break
        time.sleep(0.05)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the child outlived its killed parent")


def test_search_index_starts_pagefind_to_die_with_its_parent(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from caseatlas.core.output_guard import child_dies_with_parent
    from caseatlas.search import indexer as search_index

    seen: list[object] = []

    class Fake:
        returncode = 0

        def __init__(self, *args: object, **kwargs: object) -> None:
            seen.append(kwargs.get("preexec_fn"))

        def communicate(self) -> tuple[str, None]:
            return "Indexed 1 page", None

        def poll(self) -> int:
            return 0

    monkeypatch.setattr(search_index.subprocess, "Popen", Fake)
    search_index.index_site(tmp_path)
    assert seen == [child_dies_with_parent, child_dies_with_parent]


# 2, 7 (links in docs/), 13 (file names): only regular files are read, and names are printed escaped.


def test_a_named_pipe_is_reported_not_waited_on(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2. A FIFO named case_studies/cn/pipe.yaml hung `validate` and `mkdocs build` until killed."""
    os.mkfifo(project / "case_studies" / "cn" / "pipe.yaml")
    os.mkfifo(project / "curriculum" / "pipe.yaml")
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "caseatlas"), "validate"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert (
        "case_studies/cn/pipe.yaml:1:1: is a named pipe (FIFO), not a file (hint: remove it: only regular files are read)"
        in proc.stdout.splitlines()
    )
    assert "curriculum/pipe.yaml:1:1: is a named pipe (FIFO), not a file" in proc.stdout


def test_links_and_pipes_in_docs_stop_the_build(project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """7. Symbolic links in docs/ were followed and published (one pointing at /etc/hostname was); a pipe would hang."""
    from mkdocs.exceptions import Abort, PluginError

    from tests.sitebuild import build_site

    (project / "docs" / "host.md").symlink_to("/etc/hostname")
    os.mkfifo(project / "docs" / "pipe.zh.md")
    with pytest.raises((Abort, PluginError)):
        build_site(project, tmp_path / "site")
    assert "docs/host.md:1:1: is a symbolic link, not a file or a folder" in caplog.text
    assert "docs/pipe.zh.md:1:1: is a named pipe (FIFO)" in caplog.text
    assert not (tmp_path / "site").exists()


def test_a_linked_folder_in_docs_stops_the_build_before_mkdocs_walks_it(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs lists docs/ following links: a link to "/" would have it walk the whole disk before any check."""
    import mkdocs.commands.build
    from mkdocs.exceptions import Abort, PluginError

    from tests.sitebuild import build_site

    walks: list[object] = []
    real = mkdocs.commands.build.get_files
    monkeypatch.setattr(mkdocs.commands.build, "get_files", lambda config: walks.append(config) or real(config))
    (tmp_path / "outside").mkdir()  # "/" in real life; a small folder here, so that without the check it fails fast
    (project / "docs" / "everything").symlink_to(tmp_path / "outside", target_is_directory=True)
    with pytest.raises((Abort, PluginError)):
        build_site(project, tmp_path / "site")
    assert "docs/everything:1:1: is a symbolic link, not a file or a folder" in caplog.text
    assert walks == [] and not (tmp_path / "site").exists()


def test_docs_folder_problems_are_named(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from caseatlas.content.page_translations import page_translations

    monkeypatch.chdir(project)
    (project / "docs" / "host.md").symlink_to("/etc/hostname")
    os.mkfifo(project / "docs" / "pipe.zh.md")
    (project / "docs" / "elsewhere").symlink_to("/etc", target_is_directory=True)
    _, problems = page_translations(Path("docs"), ["en", "zh", "id"])
    assert [str(p) for p in problems] == [
        "docs/elsewhere:1:1: is a symbolic link, not a file or a folder (hint: remove it, or put the file itself here)",
        "docs/host.md:1:1: is a symbolic link, not a file or a folder (hint: remove it, or put the file itself here)",
        "docs/pipe.zh.md:1:1: is a named pipe (FIFO), not a file or a folder (hint: remove it: only regular files are read)",
    ]


def test_a_file_name_cannot_reverse_the_terminal_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """13. File names were printed raw (a U+202E reversed the line), and the id hint suggested an invalid id."""
    source = project / CASE
    source.rename(source.with_name("qianhe\u202elmth.yaml"))
    code, output = run(project, monkeypatch, "validate")
    assert code == 1 and "\u202e" not in output
    assert (
        "case_studies/cn/qianhe\\u202elmth.yaml:2:5: id: id 'qianhe' differs from the file name 'qianhe\\u202elmth.yaml' "
        "(hint: rename the file to qianhe.yaml (the file name is not a valid id"
    ) in output, output


# 1. Quadratic build time: contributor prose through a linear-time parser (markdown-it-py).

PATHOLOGICAL = {
    "nested brackets": "[",
    "closed nested brackets": "[a",
    "emphasis runs": "*a **",
    "underscore runs": "_a __",
    "link chains": "[a](",
    "reference chains": "[a][",
    "backtick runs": "`a ``",
    "image chains": "![a](b ",
}


def calls(function: object, *args: object) -> int:
    """How many Python functions run while `function(*args)` does: work counted, not timed."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        function(*args)  # type: ignore[operator]
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("unit", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_prose_costs_work_linear_in_its_length(unit: str) -> None:
    """Twice the text costs at most about twice the work, for each pathological pattern (quadratic: four times)."""
    from caseatlas.core.markup import prose

    small, large = (calls(prose, unit * (n // len(unit))) for n in (2_000, 4_000))
    assert large <= 2.3 * small, (small, large)
    assert small <= 400 * 2_000  # and a bounded amount of work per character


def test_the_reported_case_renders_with_bounded_memory() -> None:
    """The reported file: `lessons` holding three strings of 19,000 `[` (the build took 201 s, against 4 s)."""
    import tracemalloc

    from caseatlas.core.markup import prose_list

    tracemalloc.start()
    try:
        html = prose_list(["[" * 19_000] * 3)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert html.count("[") == 57_000 and peak < 60_000_000, peak


def test_prose_cpu_work_is_linear_where_regular_expressions_hide_it() -> None:
    """Python-Markdown's quadratic work on nested brackets ran inside its regular expressions, where no Python call
    is counted: the processor time this process spends (not wall time, so other processes do not count) for four
    times the text must stay near four times, not sixteen. The best of three runs of each size is taken."""
    from caseatlas.core.markup import prose

    def cpu(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            prose(text)
            best = min(best, time.process_time() - started)
        return best

    for unit in ("[", "[a]("):
        small, large = cpu(unit * (1_500 // len(unit))), cpu(unit * (6_000 // len(unit)))
        assert large <= 8 * max(small, 0.01), (unit, small, large)


def test_script_in_a_translated_page_is_refused_with_its_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """7. `<script>` and `<img onerror>` in docs/index.zh.md ran in Chromium on zh/."""
    from caseatlas.content.page_translations import page_translations

    monkeypatch.chdir(project)
    page = project / "docs" / "index.zh.md"
    lines = page.read_text("utf-8").count("\n")
    page.write_text(
        page.read_text("utf-8") + '\n<script>window.__pwned=1</script>\n\nText <img src=x onerror="alert(1)">'
        ' and [a](javascript:alert(1)).\n\nA paragraph\n{: onclick="alert(1)" }\n',
        "utf-8",
    )
    found, problems = page_translations(Path("docs"), ["en", "zh", "id"])
    assert [str(p) for p in problems] == [
        f"docs/index.zh.md:{lines + 2}:1: raw HTML '<script>window.__pwned=1</script>' (hint: write it in Markdown: raw "
        "HTML is not allowed in a translated page (see docs/guides/contributing.md))",
        f"docs/index.zh.md:{lines + 4}:1: links to 'javascript:alert(1)' (hint: link only to http(s), mailto or a page "
        "of the site)",
        f"docs/index.zh.md:{lines + 4}:1: raw HTML '<img src=x onerror=\"alert(1)\">' (hint: write it in Markdown: raw "
        "HTML is not allowed in a translated page (see docs/guides/contributing.md))",
        f"docs/index.zh.md:{lines + 7}:1: attribute list '{{: onclick=\"alert(1)\" }}' sets attributes (hint: remove it: "
        "a translated page may use classes and ids ({: .name #id }) but set no attributes)",
    ]
    names = [t.path.name for t in found]
    assert "index.id.md" in names and "index.zh.md" not in names  # the original's own layout (grid cards, map) is kept
    code, output = run(project, monkeypatch, "validate")
    assert code == 1 and "docs/index.zh.md" in output and "raw HTML '<script>" in output


def test_validate_checks_links_in_modules_and_translations_from_every_page_that_shows_them(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module's text is shown on its page, its handout and its guide; a translation's on its language's page."""
    edit(project, MODULE, r"^summary: >-\n(?:(?:  .*)?\n)+", 'summary: "Read [Qianhe](../../cases/qianhe/) first."\n')
    edit(project, "case_studies/cn/qianhe.zh.yaml", r"^summary: >-\n", "summary: >-\n  见[地图](./nope)。\n")  # numbers kept
    code, output = run(project, monkeypatch, "validate")
    assert code == 1
    lines = output.splitlines()
    assert lines[-1] == "2 problems in 2 files", output
    assert re.match(
        r"case_studies/cn/qianhe\.zh\.yaml:\d+:10: summary: links to './nope', which from cases/qianhe/ "
        r"is not a page or file of the site",
        lines[0],
    ), lines[0]
    assert re.match(
        rf"{MODULE}:\d+:10: summary: links to '../../cases/qianhe/', which from "
        r"modules/targeted-poverty-alleviation-study-visit/handout/ is not a page",
        lines[1],
    ), lines[1]
    assert "another case is ../../../cases/its-id/" in lines[1]


def test_validate_checks_every_link_a_contributor_writes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """13. A prose link `[the map](./nope)` passed validate and failed the build with no file, line or field."""
    edit(
        project,
        CASE,
        r"^summary: >-\n(?:  .*\n)+",
        'summary: "See [the map](./nope), [Shibadong](../shibadong/), [the matrix](../../matrix/) and '
        '[data](../../open-data/cases.json)."\n',
    )
    edit(project, CASE, r"^lessons:\n", "lessons:\n  - Compare [a case](../no-such-case/) with this one.\n")
    code, output = run(project, monkeypatch, "validate")
    assert code == 1
    lessons = (project / CASE).read_text("utf-8").splitlines().index("lessons:") + 2  # the item under it
    hint = (
        "(hint: links are read from cases/qianhe/, the page that shows the text: from cases/qianhe/ another case "
        "is ../its-id/ and the matrix ../../matrix/)"
    )
    assert output.splitlines() == [
        f"case_studies/cn/qianhe.yaml:4:10: summary: links to './nope', which from cases/qianhe/ is not a page or file "
        f"of the site {hint}",
        f"case_studies/cn/qianhe.yaml:{lessons}:5: lessons[0]: links to '../no-such-case/', which from cases/qianhe/ is "
        f"not a page or file of the site {hint}",
        "2 problems in 1 file",
    ]
