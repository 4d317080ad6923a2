"""The evidence checks: a value's number found in its quote as the source writes it, and the vocabulary
files checked so a proposed term arrives whole (three languages) and clashes with no existing slug."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caseatlas.content.evidence import numbers_in, states
from caseatlas.content.vocabulary_checks import data_dir, vocabulary_problems


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Rp 20.7 trillion", 20_700_000_000_000),
        ("Dana Desa sebesar Rp 20,7 triliun", 20_700_000_000_000),
        ("20.7万亿印尼盾", 20_700_000_000_000),
        ("just over 1,300 yuan ($183.83)", 1300),
        ("lebih dari 18.000 yuan", 18000),
        ("18 000 households", 18000),
        ("approximately 30 percent of identified households", 30),
        ("30% of households", 30),
        ("3.2 million people", 3_200_000),
        ("1.3万元", 13000),
        ("4,5 millones de familias", 4_500_000),
        ("($183.83)", 183.83),
        ("a total grant allocation of PhP25.3M for the first cycle", 25_300_000),
        ("get P176 M from Kalahi-CIDSS", 176_000_000),
        ("a 30 M road", 30),  # an abbreviation is read in addition to the plain number
    ],
)
def test_a_number_is_found_as_the_source_writes_it(quote: str, value: float) -> None:
    assert states(quote, value)


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Rp 20,8 triliun", 20_700_000_000_000),  # a different figure
        ("to more than 1,800 yuan", 18000),
        ("in 2015, 20 to 30 village heads", 25),  # a range is not its midpoint
        ("18,000", 1800),
        ("PhP25.3m for the first cycle", 25_300_000),  # lower-case 'm' is metres or minutes, not million
    ],
)
def test_a_different_number_is_not_taken_for_the_value(quote: str, value: float) -> None:
    assert not states(quote, value)


def test_years_and_lists_are_read_as_separate_numbers() -> None:
    assert {2015.0, 1300.0} <= numbers_in("in 2015, 1,300 yuan")


def copy_of_vocabulary(tmp_path: Path) -> Path:
    for name in ("vocabulary.yaml", "vocabulary.zh.yaml", "vocabulary.id.yaml"):
        shutil.copy(data_dir() / name, tmp_path / name)
    return tmp_path


def test_the_packaged_vocabulary_is_whole() -> None:
    assert vocabulary_problems() == []


def propose(folder: Path, slug: str, *, translate: bool = True) -> None:
    """Add a mechanism the way docs/guides/contributing.md says: vocabulary.yaml plus zh and id."""
    main = folder / "vocabulary.yaml"
    main.write_text(
        main.read_text("utf-8").replace(
            "\nthemes:\n", f"\n  - slug: {slug}\n    label: Rural roads\n    definition: Roads that link villages.\nthemes:\n", 1
        ),
        "utf-8",
    )
    if translate:
        for lang, label in (("zh", "农村道路"), ("id", "Jalan desa")):
            path = folder / f"vocabulary.{lang}.yaml"
            path.write_text(
                path.read_text("utf-8").replace(
                    "\nthemes:\n", f"\n  {slug}:\n    label: {label}\n    definition: {label}.\nthemes:\n", 1
                ),
                "utf-8",
            )


def test_a_term_proposed_in_all_three_files_is_accepted(tmp_path: Path) -> None:
    folder = copy_of_vocabulary(tmp_path)
    propose(folder, "rural-roads")
    assert vocabulary_problems(folder) == []


def test_a_proposed_slug_that_clashes_with_an_existing_one_is_refused(tmp_path: Path) -> None:
    folder = copy_of_vocabulary(tmp_path)
    propose(folder, "poverty-registries")  # a plural of the existing poverty-registry
    problems = [str(p) for p in vocabulary_problems(folder) if p.path.endswith("vocabulary.yaml")]
    assert len(problems) == 1
    clash = "slug 'poverty-registries' clashes with the existing slug 'poverty-registry' in mechanisms (mechanisms[0])"
    assert clash in problems[0]
    assert "(hint: use the existing term 'poverty-registry' in your case" in problems[0]


def test_the_same_slug_twice_is_refused(tmp_path: Path) -> None:
    folder = copy_of_vocabulary(tmp_path)
    propose(folder, "relocation", translate=False)
    problems = [p for p in vocabulary_problems(folder) if p.path.endswith("vocabulary.yaml")]
    assert [p.message for p in problems] == ["slug 'relocation' is already used in mechanisms (mechanisms[3])"]


def test_a_term_without_its_translations_is_refused(tmp_path: Path) -> None:
    folder = copy_of_vocabulary(tmp_path)
    propose(folder, "rural-roads", translate=False)
    problems = vocabulary_problems(folder)
    assert sorted(Path(p.path).name for p in problems) == ["vocabulary.id.yaml", "vocabulary.zh.yaml"]
    assert all(
        "term 'rural-roads' of vocabulary.yaml has no label or definition here" in p.message
        and "vocabulary.yaml" in p.hint
        and p.line > 0
        for p in problems
    )
