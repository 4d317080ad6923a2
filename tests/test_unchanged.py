"""`mkdocs serve --dirty`: a generated file with the same content as at the previous build is not rebuilt."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from caseatlas.site.unchanged import UnchangedFiles


def config(tmp_path: Path) -> MkDocsConfig:
    cfg = MkDocsConfig()
    cfg.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    (tmp_path / "docs").mkdir(exist_ok=True)
    assert cfg.validate() == ([], [])
    cfg.plugins._current_plugin = "caseatlas"  # File.generated records which plugin made the file
    return cfg


def build(cfg: MkDocsConfig, unchanged: UnchangedFiles, pages: dict[str, str]) -> list[str]:
    """One dirty build: the pages MkDocs would write again (and writes them, as it would)."""
    written = []
    for src_uri, content in pages.items():
        file = File.generated(cfg, src_uri, content=content)
        unchanged.mark(file, content)
        if file.is_modified():
            Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            Path(file.abs_dest_path).write_text(content)
            written.append(src_uri)
    return written


def test_only_pages_whose_content_changed_are_rebuilt(tmp_path: Path) -> None:
    cfg, unchanged = config(tmp_path), UnchangedFiles()
    pages = {"cases/a.md": "# A", "cases/b.md": "# B", "cases/index.md": "A, B"}
    assert build(cfg, unchanged, pages) == list(pages)
    assert build(cfg, unchanged, pages) == []
    assert build(cfg, unchanged, {**pages, "cases/a.md": "# A2", "cases/index.md": "A2, B"}) == ["cases/a.md", "cases/index.md"]
    Path(File.generated(cfg, "cases/b.md", content="").abs_dest_path).unlink()  # output gone: written again
    assert build(cfg, unchanged, {**pages, "cases/a.md": "# A2", "cases/index.md": "A2, B"}) == ["cases/b.md"]


def test_a_page_whose_search_record_changed_is_rebuilt(tmp_path: Path) -> None:
    """The same Markdown with another search record (a translation's names changed) is rebuilt."""
    cfg, unchanged = config(tmp_path), UnchangedFiles()
    file = File.generated(cfg, "cases/a.md", content="# A")
    unchanged.mark(file, "# A", "names: A")
    Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
    Path(file.abs_dest_path).write_text("# A")
    assert unchanged.mark(File.generated(cfg, "cases/a.md", content="# A"), "# A", "names: A")
    assert not unchanged.mark(File.generated(cfg, "cases/a.md", content="# A"), "# A", "names: A, 甲")
