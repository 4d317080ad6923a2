"""`caseatlas export pack`: the course pack PDF in three languages, its typography, and every bad input.

Each language's pack is laid out once per session (a fixture); the checks read its text page by page
with pypdf and its outline (the PDF's bookmarks, one per heading) for where sections start.
"""

from __future__ import annotations

import builtins
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.cli.main import main
from caseatlas.outputs.pack import build_pack
from caseatlas.outputs.pack_html import short_address

ROOT = Path(__file__).resolve().parents[1]
SEED = "targeted-poverty-alleviation-study-visit"
A4 = (595.28, 841.89)  # points
LETTER = (612.0, 792.0)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="session")
def atlas():  # type: ignore[no-untyped-def]
    return load_atlas(ROOT / "case_studies", ROOT / "curriculum")


@pytest.fixture(scope="session")
def packs(atlas) -> dict[str, PdfReader]:  # type: ignore[no-untyped-def]
    """The participants' A4 pack in each language (zh and id print what is untranslated in the original)."""
    return {
        lang: PdfReader(BytesIO(build_pack(atlas, SEED, lang, allow_untranslated=lang != "en").pdf))
        for lang in ("en", "zh", "id")
    }


@pytest.fixture(scope="session")
def facilitators(tmp_path_factory: pytest.TempPathFactory) -> tuple[PdfReader, str]:
    """The facilitators' pack on US Letter, through the command."""
    out = tmp_path_factory.mktemp("pack") / "guide.pdf"
    code, output = run(
        "export",
        "pack",
        SEED,
        "--audience",
        "facilitators",
        "--paper",
        "letter",
        "-o",
        str(out),
        "--cases",
        str(ROOT / "case_studies"),
        "--curriculum",
        str(ROOT / "curriculum"),
    )
    assert code == 0, output
    return PdfReader(out), output


_TEXTS: dict[int, list[str]] = {}


def texts(reader: PdfReader) -> list[str]:
    """Each page's text (read once per pack: extraction takes seconds)."""
    if id(reader) not in _TEXTS:
        _TEXTS[id(reader)] = [page.extract_text() or "" for page in reader.pages]
    return _TEXTS[id(reader)]


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def section_starts(reader: PdfReader) -> set[int]:
    """0-based pages on which a bookmarked part or section (heading levels 1 and 2) begins."""
    starts: set[int] = set()

    def walk(items: list, depth: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                if depth < 1:
                    walk(item, depth + 1)
                continue
            starts.add(reader.get_destination_page_number(item))

    walk(reader.outline, 0)
    return starts


@pytest.mark.parametrize("lang", ["en", "zh", "id"])
def test_every_case_of_the_module_is_in_the_pack(packs: dict[str, PdfReader], atlas, lang: str) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(" ".join(t.split()) for t in texts(packs[lang]))
    shown = atlas.in_language(lang)
    module = shown.modules[SEED]
    assert len(module.case_ids) == 6
    for cid in module.case_ids:
        title = " ".join(shown.cases[cid].title.split())
        assert title in text, (lang, cid)
    assert 25 <= len(packs[lang].pages) <= 60


@pytest.mark.parametrize("lang", ["en", "zh", "id"])
def test_no_page_of_fewer_than_four_lines_unless_it_ends_a_section(packs: dict[str, PdfReader], lang: str) -> None:
    reader = packs[lang]
    starts = section_starts(reader)
    pages = texts(reader)
    for i, text in enumerate(pages):
        body = [line for line in lines(text) if not line.strip().endswith(f"{i + 1} / {len(pages)}")]
        if len(body) < 4 + 1:  # the running footer's title is one of the lines
            assert i == len(pages) - 1 or (i + 1) in starts, (lang, i + 1, body)


def test_contents_give_page_numbers_and_pages_are_numbered(packs: dict[str, PdfReader]) -> None:
    pages = texts(packs["en"])
    contents = pages[1]
    assert "Contents" in contents and "The week at a glance" in contents and "Sheets for the room" in contents
    grid_page = next(i for i, t in enumerate(pages) if t.lstrip().startswith("The week at a glance"))
    assert any(line.rstrip().endswith(f" {grid_page + 1}") and "The week at a glance" in line for line in lines(contents))
    assert f"3 / {len(pages)}" in pages[2]


def test_the_grid_the_sheets_and_the_action_plan(packs: dict[str, PdfReader]) -> None:
    text = "\n".join(texts(packs["en"]))
    for words in (
        "Day 1",
        "Day 5",
        "08:30–09:30",
        "12:15–15:15",
        "Attendance sheet",
        "Name cards",
        "Action plan",
        "What I will try back home",
    ):
        assert words in text, words
    assert "Nama" in text and "姓名" in text  # the sheets' labels in the site's other languages too


def test_link_addresses_are_short_and_whole(packs: dict[str, PdfReader]) -> None:
    text = "\n".join(texts(packs["en"]))
    assert "en.people.cn/…/" in text
    assert (
        short_address("https://www.example.org/a/very/long/path/to/some-article-name-here.html?x=1")
        == "example.org/…/some-article-name-her…"
    )
    assert short_address("https://example.org/news/") == "example.org/news"


def test_chinese_text_is_in_a_font_with_its_characters(packs: dict[str, PdfReader]) -> None:
    fonts = set()
    for page in packs["zh"].pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("NotoSansCJKSC" in f.replace("-", "") for f in fonts), fonts
    assert "目录" in texts(packs["zh"])[1]  # "Contents" in Chinese, extracted back as text


def test_paper_sizes_and_the_facilitators_notes(packs: dict[str, PdfReader], facilitators: tuple[PdfReader, str]) -> None:
    a4 = packs["en"].pages[0].mediabox
    assert (round(float(a4.width), 1), round(float(a4.height), 1)) == (round(A4[0], 1), round(A4[1], 1))
    reader, output = facilitators
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == LETTER
    assert output.startswith("wrote ") and "en, facilitators, letter" in output
    text = "\n".join(texts(reader))
    assert "Notes for the facilitator" in text and "COURSE PACK FOR FACILITATORS" in text.upper()
    assert "Notes for the facilitator" not in "\n".join(texts(packs["en"]))


# Bad input: one line, exit 1, nothing written.


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_unknown_module(tmp_path: Path) -> None:
    out = tmp_path / "p.pdf"
    assert run("export", "pack", "no-such-module", "-o", str(out)) == (
        1,
        f"error: no module 'no-such-module' in curriculum/ (hint: modules: {SEED})\n",
    )
    assert _only(tmp_path) == []


def test_output_inside_content_folders_or_onto_another_kind_of_file(tmp_path: Path) -> None:
    before = sorted(p.name for p in (ROOT / "curriculum").iterdir())
    code, output = run("export", "pack", SEED, "-o", "curriculum/pack.pdf")
    assert (code, output) == (
        1,
        "error: curriculum/pack.pdf is inside curriculum/ (hint: write the course pack somewhere else)\n",
    )
    assert sorted(p.name for p in (ROOT / "curriculum").iterdir()) == before
    code, output = run("export", "pack", SEED, "-o", "docs/pack.pdf")
    assert code == 1 and "is inside docs/" in output
    notes = tmp_path / "notes.pdf"
    notes.write_text("id: not a pdf\n", "utf-8")
    code, output = run("export", "pack", SEED, "-o", str(notes))
    assert (code, output) == (
        1,
        f"error: {notes} exists and is not a course pack (a .pdf file): it is not replaced "
        "(hint: choose another name, or move that file away first)\n",
    )
    assert notes.read_text("utf-8") == "id: not a pdf\n" and _only(tmp_path) == ["notes.pdf"]
    yaml_file = tmp_path / "module.yaml"
    yaml_file.write_text("x: 1\n", "utf-8")
    code, output = run("export", "pack", SEED, "-o", str(yaml_file))
    assert (code, output) == (
        1,
        f"error: {yaml_file} exists and is not a course pack (a .pdf file): it is not replaced "
        "(hint: choose another name, or move that file away first)\n",
    )
    code, output = run("export", "pack", SEED, "-o", str(tmp_path / "new.txt"))
    assert (code, output) == (1, f"error: {tmp_path / 'new.txt'} does not end in .pdf (hint: name the file new.pdf)\n")
    assert len(output.splitlines()) == 1


def test_a_language_without_translation_needs_allow_untranslated(tmp_path: Path) -> None:
    """A project of its own whose module has no translation (whatever translations the real project gains)."""
    for name in ("case_studies", "curriculum"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.*.yaml"))
    args = ["--cases", str(tmp_path / "case_studies"), "--curriculum", str(tmp_path / "curriculum")]
    out = tmp_path / "zh.pdf"
    code, output = run("export", "pack", SEED, "--language", "zh", "-o", str(out), *args)
    assert code == 1 and len(output.splitlines()) == 1
    assert output.startswith(
        f"error: no 'zh' translation of the module ({SEED}.yaml), case indonesian-rural-cadre-training, case shibadong, "
    )
    assert output.endswith(
        "(hint: translate them first, see `caseatlas i18n status`, or pass --allow-untranslated "
        "to print them in their original language)\n"
    )
    assert not out.exists()


def test_weasyprint_without_its_system_libraries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pango(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    out = tmp_path / "p.pdf"
    code, output = run("export", "pack", SEED, "-o", str(out))
    assert (code, output) == (
        1,
        "error: WeasyPrint cannot load its system libraries (cannot load library "
        "'libpango-1.0-0': libpango-1.0-0: cannot open shared object file) (hint: on Debian or "
        "Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b "
        "libharfbuzz-subset0 libfontconfig1 fonts-noto-core fonts-noto-cjk)\n",
    )
    assert _only(tmp_path) == []
