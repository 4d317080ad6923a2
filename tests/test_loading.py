from __future__ import annotations

from pathlib import Path

import pytest

from caseatlas.content.loading import Document, locate, read_document
from caseatlas.core.errors import Problem


def load(tmp_path: Path, raw: bytes) -> Document | Problem:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    return read_document(path)


def test_dates_stay_text_and_no_is_not_false(tmp_path: Path) -> None:
    doc = load(tmp_path, b"country: NO\nlast_reviewed: 2026-11-28\nflag: yes\nok: true\n")
    assert isinstance(doc, Document)
    assert doc.data == {"country": "NO", "last_reviewed": "2026-11-28", "flag": "yes", "ok": True}


def test_clock_times_stay_text_not_base_60_numbers(tmp_path: Path) -> None:
    doc = load(tmp_path, b"a: 14:30\nb: 08:30\nc: 1:30:00\nd: 190\ne: 1.5\nf: 0x1f\ng: -2\n")
    assert isinstance(doc, Document)
    assert doc.data == {"a": "14:30", "b": "08:30", "c": "1:30:00", "d": 190, "e": 1.5, "f": 31, "g": -2}


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    doc = load(tmp_path, "\ufeffid: a\n".encode())
    assert isinstance(doc, Document) and doc.data == {"id": "a"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"id: a\nid: b\n", ":2:1: duplicate key 'id' in one mapping"),
        (b"a: &x [1]\nb: *x\n", ":2:4: YAML aliases (*name) are not allowed"),
        (b"- 1\n- 2\n", ":1:1: expected a mapping of fields (key: value) at the top level, got a list"),
        (b"", ":1:1: file is empty"),
        (b"# only a comment\n\n", ":1:1: file is empty"),
        (b"id: a\ntitle: caf\xe9\n", ":2:11: byte 0xe9 is not valid UTF-8"),
        (b"a:\n\t- 1\n", ":2:1: YAML syntax error"),
        (b"a: [1\n", ":2:1: YAML syntax error"),
        (b"[" * 5000, ":1:1001: values are nested too deeply"),
    ],
)
def test_bad_files_become_problems(tmp_path: Path, raw: bytes, expected: str) -> None:
    problem = load(tmp_path, raw)
    assert isinstance(problem, Problem)
    assert expected in str(problem)
    assert "(hint: " in str(problem)


def test_tab_gets_its_own_hint(tmp_path: Path) -> None:
    problem = load(tmp_path, b"a:\n\t- 1\n")
    assert isinstance(problem, Problem) and problem.hint == "indent with spaces, not tabs"


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    problem = load(tmp_path, b"a: '" + b"x" * 1_100_000 + b"'\n")
    assert isinstance(problem, Problem) and "a content file may be at most 1 MB" in problem.message


def test_locate_follows_keys_and_indexes() -> None:
    text = "a: 1\nb:\n  - x: 1\n  - x: 2\n    y: 3\n"
    assert locate(text, ("b", 1, "y")) == (5, 8)
    assert locate(text, ("b", 1, "y"), at_key=True) == (5, 5)
    assert locate(text, ("b", 7)) == (3, 3)  # missing index: nearest parent
