"""Translation files: every bad-input rule with its exact message, merging, fingerprints and the status table."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml

from caseatlas.atlas.pipeline import case_files, check_content, load_atlas
from caseatlas.atlas.status import case_status, format_table
from caseatlas.content.loading import Document, read_document
from caseatlas.content.translatable import extract, fingerprint, shape
from caseatlas.content.translations import translation_files

HERE = Path(__file__).parent
POSITIVE = HERE / "validation" / "positive"
GOLDEN = yaml.safe_load((HERE / "translations" / "negative.yaml").read_text("utf-8"))


@pytest.fixture
def originals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The positive example cases in a temporary folder, which becomes the working directory."""
    for cc in ("cn", "id"):
        shutil.copytree(POSITIVE / cc, tmp_path / cc)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_translation(folder: Path, name: str, text: str) -> Path:
    case_id = name.split("/")[-1].split(".")[0]
    original = next(folder.rglob(f"{case_id}.yaml"), None)
    doc = read_document(original) if original else None
    fp = fingerprint(doc.data) if isinstance(doc, Document) else "sha256:" + "0" * 64
    path = folder / name
    path.write_text(text.replace("{fingerprint}", fp), "utf-8")
    return path


def problems_in(folder: Path) -> list[str]:
    _, _, problems = check_content(case_files(folder), translation_files(folder))
    return [str(p) for p in sorted(problems)]


def test_the_base_translation_is_clean_and_merges_over_the_original(originals: Path) -> None:
    write_translation(originals, "id/every-field.zh.yaml", GOLDEN["base"])
    assert problems_in(originals) == []
    atlas = load_atlas(originals, language="zh")
    case = atlas.cases["every-field"]
    assert case.state == "translated" and case.translation and case.translation.reviewed is False
    assert case.title == "所有字段" and case.data["lessons"] == ["一", "二"]
    assert case.data["indicators"][0]["values"][1] == {
        "year": 2020,
        "year_qualifier": "about",
        "value": 26.5,
        "source": "src",
        "note": "一条说明。",
        "quote": "about 26,5 on average",
    }
    assert case.data["sources"] == case.original["sources"] and case.original["title"] == "Every field"
    assert atlas.cases["minimal"].state == "missing" and atlas.cases["minimal"].title == "Minimal case"


@pytest.mark.parametrize("name", sorted(GOLDEN["examples"]))
def test_bad_translation(originals: Path, name: str) -> None:
    example = GOLDEN["examples"][name]
    text = example.get("text", GOLDEN["base"])
    for old, new in example.get("replace", []):
        assert old in text, old
        text = text.replace(old, new)
    write_translation(originals, example.get("file", "id/every-field.zh.yaml"), text)
    assert problems_in(originals) == example["expected"]


def test_a_missing_translation_is_not_an_error(originals: Path) -> None:
    assert problems_in(originals) == []
    assert {c.state for c in load_atlas(originals, language="id").cases.values()} == {"missing"}
    assert {c.state for c in load_atlas(originals, language="en").cases.values()} == {"original"}


def test_a_stale_translation_may_lag_behind_the_original_without_errors(originals: Path) -> None:
    write_translation(originals, "id/every-field.zh.yaml", GOLDEN["base"])
    original = originals / "id" / "every-field.yaml"
    original.write_text(
        original.read_text("utf-8")
        .replace("lessons: [One, Two]", "lessons: [One, Two, Three]")
        .replace("results: Results.", "results: Changed results."),
        "utf-8",
    )
    assert problems_in(originals) == []
    case = load_atlas(originals, language="zh").cases["every-field"]
    assert case.state == "stale"
    assert case.data["lessons"] == ["One", "Two", "Three"]  # the list no longer matches: the original is kept
    assert case.data["results"] == "成效。" and case.title == "所有字段"


def test_fingerprint_is_sha256_of_the_documented_json_of_the_text_fields_only() -> None:
    doc = read_document(POSITIVE / "id" / "every-field.yaml")
    assert isinstance(doc, Document)
    data = doc.data
    text_only = extract(data, shape())
    assert "country" not in text_only and '"value"' not in json.dumps(text_only)
    assert text_only["indicators"][0]["values"] == [{}, {"note": "A note."}]
    expected = hashlib.sha256(
        json.dumps(text_only, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    ).hexdigest()
    assert fingerprint(data) == f"sha256:{expected}"
    figures_changed = json.loads(json.dumps(data))
    figures_changed["indicators"][0]["values"][0]["value"] = 21
    assert fingerprint(figures_changed) == fingerprint(data)
    figures_changed["summary"] += " More."
    assert fingerprint(figures_changed) != fingerprint(data)


def test_every_case_module_and_page_is_translated_into_chinese_and_indonesian() -> None:
    """The atlas as it stands: nothing missing in zh or id (new cases arrive with their translations). A
    hand-written page may lag behind its original for a while (its stale notice says so), never be missing."""
    from caseatlas.atlas.status import module_status, page_status

    atlas = load_atlas(Path("case_studies"), Path("curriculum"))
    langs = ["en", "zh", "id"]
    rows = case_status(atlas, langs) + module_status(atlas, langs) + page_status(Path("docs"), langs, "en")
    assert len(rows) >= 12
    ok = {"case": ("original", "translated"), "module": ("original", "translated"), "page": ("original", "translated", "stale")}
    lacking = {(r.id, lang): r.states[lang] for r in rows for lang in langs if r.states[lang] not in ok.get(r.kind, ok["case"])}
    assert lacking == {}
    table = format_table(case_status(atlas, langs), langs)
    n = len(atlas.cases)
    assert table.splitlines()[-1].split()[3:] == [f"{n}/{n}", "100%"] * 3


def test_a_translation_stating_another_number_is_an_error_with_its_line(originals: Path) -> None:
    """Numbers differ: a problem at the field, as validate and the build report it."""
    base = GOLDEN["base"]
    write_translation(
        originals,
        "id/every-field.zh.yaml",
        base.replace("summary: 使用所有字段的案例。", "summary: 使用所有字段的案例，共30个。"),
    )
    assert problems_in(originals) == [
        "id/every-field.zh.yaml:9:10: summary: numbers differ from the original: states 30, which the original does not "
        "(hint: state every number of the original's text and no other, in digits or in words as the original writes it "
        "(a conversion the original does not make is an addition))"
    ]
    write_translation(originals, "id/every-field.zh.yaml", base)
    assert problems_in(originals) == []


@pytest.mark.parametrize(
    ("original", "translated"),
    [
        ("1.5 million", "150万"),
        ("Rp 20.7 trillion", "Rp 20,7 triliun"),
        ("Rs 3.32 lakh crore", "3.32万亿卢比"),
        ("1,56,399 habitations", "156,399个居民点"),
        ("about two million", "约200万"),
        ("about two million", "sekitar dua juta"),
        ("a million households", "一百万户"),
        ("a million households", "satu juta rumah tangga"),
        ("Eighty percent", "百分之八十"),
        ("Eighty percent", "Delapan puluh persen"),
        ("fell by eight percent", "下降了8%"),
        ("4th to 6th class", "kelas 4 sampai 6"),
        ("the early 1970s", "20世纪70年代初"),
        ("the early 2000s", "21世纪初"),
        ("in 2007-08", "在2007—2008年"),
        ("Law No. 6/2014", "2014年第6号法律"),
        ("(issue 16)", "（第 16 号议题）"),
        ("on 15 January 2014", "2014年1月15日"),
        ("7 to 8 million", "700万至800万"),
        ("millions of households", "数以百万计的家庭"),
        ("one woman", "一位妇女"),
    ],
)
def test_a_number_written_another_way_is_the_same_number(original: str, translated: str) -> None:
    from caseatlas.content.number_forms import number_difference

    assert number_difference(translated, original) == ([], [])


@pytest.mark.parametrize(
    ("original", "translated", "difference"),
    [
        ("From 2005 to 2007", "持续到2007年", ([], ["2005"])),
        ("During COVID-19", "新冠疫情期间", ([], ["19"])),
        ("3.32 lakh crore", "3.32万亿（33.2 trillion）", (["33.2 trillion"], [])),
        ("two million", "20万", (["20万"], ["2 million"])),
        ("No. 6/2014", "2014年第7号", (["7"], ["6"])),
        ("phase 1", "第一阶段", ([], ["1"])),
    ],
)
def test_a_number_added_or_left_out_is_found(original: str, translated: str, difference: tuple[list[str], list[str]]) -> None:
    from caseatlas.content.number_forms import number_difference

    assert number_difference(translated, original) == difference
