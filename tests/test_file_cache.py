"""The file cache `mkdocs serve` keeps between rebuilds: only a changed file is read and checked again."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from caseatlas.atlas import pipeline
from caseatlas.atlas.pipeline import load_atlas
from caseatlas.core.file_cache import FileCache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import write_corpus  # noqa: E402


def test_only_a_changed_file_is_computed_again(tmp_path: Path) -> None:
    files = [tmp_path / f"{name}.yaml" for name in "abc"]
    for f in files:
        f.write_text("x: 1\n")
    reads: list[str] = []
    cache = FileCache()

    def read(path: Path) -> str:
        reads.append(path.name)
        return path.read_text()

    assert [cache.get(f, "text", read) for f in files] == ["x: 1\n"] * 3
    assert [cache.get(f, "text", read) for f in files] == ["x: 1\n"] * 3
    assert reads == ["a.yaml", "b.yaml", "c.yaml"]

    files[1].write_text("x: 22\n")  # another size
    os.utime(files[2], ns=(1, 1))  # same size, another modification time
    assert [cache.get(f, "text", read) for f in files] == ["x: 1\n", "x: 22\n", "x: 1\n"]
    assert reads[3:] == ["b.yaml", "c.yaml"] and cache.computed == 5
    assert cache.get(files[0], "other kind", read) == "x: 1\n" and reads[-1] == "a.yaml"


def test_missing_and_forgotten_files(tmp_path: Path) -> None:
    cache = FileCache()
    gone = tmp_path / "gone.yaml"
    assert cache.get(gone, "text", lambda p: "missing") == "missing"
    assert cache.get(gone, "text", lambda p: "missing") == "missing" and cache.computed == 2  # nothing to key it by
    kept, dropped = tmp_path / "kept.yaml", tmp_path / "dropped.yaml"
    for f in (kept, dropped):
        f.write_text("x: 1\n")
        cache.get(f, "text", Path.read_text)
    cache.keep_only([kept])
    assert len(cache) == 1


def test_a_rebuild_parses_only_the_edited_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_corpus(tmp_path / "case_studies", 30)
    parsed: list[str] = []
    real = pipeline.read_document

    def counting(path: Path):  # type: ignore[no-untyped-def]
        parsed.append(path.name)
        return real(path)

    monkeypatch.setattr(pipeline, "read_document", counting)
    cache = FileCache()
    first = load_atlas(tmp_path / "case_studies", allow_synthetic=True, cache=cache)
    assert len(parsed) == 30 and len(first.cases) == 30

    edited = paths[7]
    edited.write_text(edited.read_text("utf-8").replace("SYNTHETIC case 00007:", "SYNTHETIC case 00007 (edited):"), "utf-8")
    parsed.clear()
    second = load_atlas(tmp_path / "case_studies", allow_synthetic=True, cache=cache, language="en")
    assert parsed == [edited.name]
    assert second.cases["synthetic-00007"].title.startswith("SYNTHETIC case 00007 (edited):")

    edited.write_text(edited.read_text("utf-8").replace("country: ", "country: XX", 1), "utf-8")  # now invalid
    parsed.clear()
    with pytest.raises(pipeline.ContentError, match="synthetic-00007.yaml"):
        load_atlas(tmp_path / "case_studies", allow_synthetic=True, cache=cache)
    assert parsed == [edited.name]
