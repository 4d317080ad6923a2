"""`caseatlas i18n export` / `import`: PO files for translators, round trip, and bad input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from caseatlas.cli.main import main


def snapshot(root: Path) -> dict[str, str]:
    """Every content file of a project and the SHA-256 of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("case_studies", "curriculum", "docs")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def exported(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    code, out = run("i18n", "export", "--language", "id", "-o", "id.po")
    assert code == 0, out
    return project / "id.po"


def entry(po: polib.POFile, context: str) -> polib.POEntry:
    found = [e for e in po if e.msgctxt == context]
    assert len(found) == 1, context
    return found[0]


def test_export_has_an_entry_per_field_with_context_reference_and_translation(exported: Path) -> None:
    po = polib.pofile(str(exported))
    assert po.metadata["Language"] == "id"
    title = entry(po, "case_studies/cn/qianhe.yaml:title")
    assert title.msgid.startswith("Qianhe village") or "Qianhe" in title.msgid
    assert title.msgstr.startswith("Desa Qianhe")
    assert title.occurrences == [("case_studies/cn/qianhe.yaml", "3")]
    assert "fuzzy" not in title.flags
    assert entry(po, "curriculum/targeted-poverty-alleviation-study-visit.yaml:sessions[0].title").msgid
    assert entry(po, "docs/index.md:blocks[0]").msgid == "# Case Atlas"
    assert len({e.msgctxt for e in po}) == len(po)


def test_unchanged_round_trip_changes_no_byte(exported: Path) -> None:
    before = snapshot(exported.parent)
    code, out = run("i18n", "import", "id.po")
    assert code == 0, out
    assert "0 files written" in out
    assert snapshot(exported.parent) == before


def test_changed_msgstr_is_imported_and_built(exported: Path, tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from caseatlas.site.languages import build_language

    po = polib.pofile(str(exported))
    title = entry(po, "case_studies/cn/qianhe.yaml:title")
    title.msgstr = "Desa Qianhe di Henan: satu dasawarsa pengabdian seorang pejabat"
    po.save(str(exported))
    originals = {k: v for k, v in snapshot(exported.parent).items() if "." not in Path(k).name.removesuffix(Path(k).suffix)}
    code, out = run("i18n", "import", "id.po")
    assert code == 0, out
    assert "wrote case_studies/cn/qianhe.id.yaml" in out and "1 file written" in out
    after = snapshot(exported.parent)
    assert {k: after[k] for k in originals} == originals  # no original touched
    code, out = run("validate")
    assert code == 0, out
    parent = load_config(str(exported.parent / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    page = build_language(parent, "id") / "cases" / "qianhe" / "index.html"
    assert "Desa Qianhe di Henan: satu dasawarsa pengabdian seorang pejabat" in page.read_text("utf-8")
    # A second import of the same file now changes nothing.
    before = snapshot(exported.parent)
    assert run("i18n", "import", "id.po")[0] == 0
    assert snapshot(exported.parent) == before


def test_import_keeps_the_translators_notes_and_says_which_comments_it_could_not(exported: Path) -> None:
    """A translation's notes at the top of the file (names kept in the source's spelling, and why) stay; a comment
    inside the YAML cannot be kept where the file is written again, and import says so."""
    target = exported.parent / "case_studies" / "cn" / "qianhe.id.yaml"
    lines = target.read_text("utf-8").splitlines(keepends=True)
    notes = [line for line in lines[1:6] if line.startswith("#")]
    assert notes, "the Indonesian Qianhe draft opens with its translator's notes"
    body = lines.index("translation:\n")
    lines.insert(body + 1, "  # a note inside the block\n")
    target.write_text("".join(lines), "utf-8")
    po = polib.pofile(str(exported))
    entry(po, "case_studies/cn/qianhe.yaml:title").msgstr = "Desa Qianhe di Henan: sepuluh tahun seorang pejabat"
    po.save(str(exported))
    code, out = run("i18n", "import", "id.po")
    assert code == 0, out
    assert (
        "wrote case_studies/cn/qianhe.id.yaml (1 comment line inside it not kept: keep translator notes at the top of the file)"
    ) in out
    written = target.read_text("utf-8").splitlines(keepends=True)
    assert written[0].startswith("# yaml-language-server: $schema=")
    assert written[1 : 1 + len(notes)] == notes and written[1 + len(notes)] == "translation:\n"
    assert not list(target.parent.glob(".*.part"))  # written through the guard: no temporary left


def _bad(exported: Path, edit: str) -> polib.POFile:
    po = polib.pofile(str(exported))
    if edit == "duplicate":
        po.append(polib.POEntry(msgctxt=po[0].msgctxt, msgid=po[0].msgid, msgstr="x"))
    elif edit == "unknown":
        po[0].msgctxt = "case_studies/cn/nowhere.yaml:title"
    elif edit == "language":
        po.metadata["Language"] = "zh"
    elif edit == "placeholder":
        e = entry(po, "case_studies/cn/qianhe.yaml:title")
        e.msgstr += " {name}"
    elif edit == "number":
        e = entry(po, "case_studies/cn/qianhe.yaml:summary")
        e.msgstr = e.msgstr.replace("18.000", "19.000")
    return po


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("duplicate", "appears more than once"),
        ("unknown", "unknown context 'case_studies/cn/nowhere.yaml:title'"),
        ("language", "the file holds 'zh', not 'id'"),
        ("placeholder", "placeholders differ from msgid: not in msgid {name}"),
        ("number", "numbers differ from msgid"),
    ],
)
def test_bad_po_is_reported_at_its_line_and_nothing_is_written(exported: Path, edit: str, message: str) -> None:
    _bad(exported, edit).save(str(exported))
    before = snapshot(exported.parent)
    code, out = run("i18n", "import", "id.po")
    assert code == 1
    assert message in out
    assert out.startswith("id.po:") or "\nid.po:" in out or out.startswith("error: id.po")
    assert "(hint: " in out and "Traceback" not in out
    assert snapshot(exported.parent) == before


def test_dropped_placeholder_is_refused() -> None:
    """No original of the atlas has a placeholder today: the rule is checked on an entry made for it."""
    from caseatlas.outputs.po_files import _mismatch
    from caseatlas.outputs.po_units import Unit

    unit = Unit("c", "Hello %s and {name}", "", False, "f:1", None, ())  # type: ignore[arg-type]
    problems = _mismatch(polib.POEntry(msgid="Hello %s and {name}", msgstr="Halo %s"), unit, ("id.po", 7))
    assert [str(p) for p in problems] == [
        "id.po:7:1: msgstr: placeholders differ from msgid: missing {name} "
        "(hint: keep every placeholder of msgid, such as %s or {name}, exactly as written)"
    ]


def test_malformed_po(exported: Path) -> None:
    exported.write_text(exported.read_text("utf-8") + '\nmsgctxt "a"\nmsgid "b"\nnot a keyword\nmsgstr "c"\n', "utf-8")
    before = snapshot(exported.parent)
    code, out = run("i18n", "import", "id.po")
    line = exported.read_text("utf-8").splitlines().index("not a keyword") + 1
    assert code == 1 and out.startswith(f"id.po:{line}:") and "not a readable PO file" in out, out
    assert snapshot(exported.parent) == before


def test_export_refuses_an_unknown_language_and_an_output_among_the_content(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    code, out = run("i18n", "export", "--language", "fr", "-o", "fr.po")
    assert code == 1 and "'fr' is not a language the atlas is translated into" in out
    code, out = run("i18n", "export", "--language", "id", "-o", "docs/id.po")
    assert code == 1 and "is inside docs" in out
    assert not (project / "docs" / "id.po").exists()


def test_every_translated_page_lines_up_with_its_original_block_by_block() -> None:
    """A PO file offers a page's translation block by block: a translation with a block more or less than its
    original (a heading run into the paragraph above it, say) is exported as untranslated. A stale translation
    (its original changed since) may differ: the page says so, and the translator's PO file shows what changed."""
    from caseatlas.content.page_translations import page_translations
    from caseatlas.outputs.po_units import page_text

    root = Path(__file__).resolve().parent.parent
    found, problems = page_translations(root / "docs", ["en", "zh", "id"])
    assert problems == [] and found
    current = [t for t in found if t.state(root / "docs") != "stale"]
    assert current, "no translated page is up to date"
    for t in current:
        original = page_text(root / "docs" / t.base)[0]["blocks"]
        translated = page_text(t.path)[0]["blocks"]
        assert len(translated) == len(original), (t.path.name, len(translated), len(original))
        kinds = [[b.split(" ", 1)[0] if b.startswith(("#", "```")) else "" for b in blocks] for blocks in (original, translated)]
        assert kinds[0] == kinds[1], t.path.name  # headings and code blocks in the same places


def test_unchanged_chinese_round_trip_is_accepted(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chinese writes "issue 16" as 第 16 号议题: a number, not a day of the month, so import accepts it unchanged."""
    monkeypatch.chdir(project)
    assert run("i18n", "export", "--language", "zh", "-o", "zh.po")[0] == 0
    before = snapshot(project)
    code, out = run("i18n", "import", "zh.po")
    assert code == 0 and "0 files written" in out, out
    assert snapshot(project) == before
