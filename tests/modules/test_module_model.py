"""The module model: timetable order, hours per day and kind, cases used, and the atlas's index of them."""

from __future__ import annotations

from pathlib import Path

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.content.modules import clock, hours_text, minutes

ROOT = Path(__file__).resolve().parents[2]
SEED = "targeted-poverty-alleviation-study-visit"


def test_clock_arithmetic() -> None:
    assert minutes("08:30") == 510 and clock(510) == "08:30" and clock(24 * 60 + 5) == "24:05"
    assert [hours_text(m) for m in (90, 45, 120, 20, 0)] == ["1.5", "0.75", "2", "0.33", "0"]


def test_every_field_module_in_time_order_with_hours() -> None:
    atlas = load_atlas(ROOT / "case_studies", ROOT / "tests" / "modules" / "positive")
    m = atlas.modules["every-field"]
    assert [s.id for s in m.sessions] == ["s1", "s2", "s4", "s5", "s6", "s7", "s3"]
    assert {d: [s.id for s in ss] for d, ss in m.by_day.items()} == {1: ["s1", "s2"], 2: ["s4", "s5", "s6", "s7", "s3"], 3: []}
    assert m.minutes_per_day == {1: 120, 2: 420, 3: 0}
    assert m.minutes_per_kind == {
        "lecture": 90,
        "case-discussion": 30,
        "field-visit": 210,
        "exercise": 45,
        "reflection": 45,
        "travel": 60,
        "workshop": 60,
    }
    assert m.total_minutes == 540 and m.action_plan_rows == 5
    assert m.case_ids == ["shibadong", "qianhe"]  # pre-reading of the first session, then its cases, then later ones
    assert [s.id for s in m.sessions_using("qianhe")] == ["s2", "s3"]
    assert [s.id for s in m.sessions_covering("compare")] == ["s2", "s3"]
    assert m.sessions[-1].start_clock == "14:30" and m.sessions[-1].end_clock == "18:00"


def test_atlas_indexes_modules_by_the_cases_they_use() -> None:
    atlas = load_atlas(ROOT / "case_studies", ROOT / "curriculum")
    seed = atlas.modules[SEED]
    assert seed.days == 5 and len(seed.sessions) == 24
    seeds = {
        "shibadong",
        "qianhe",
        "luhua-embroidery",
        "luocheng-relocation",
        "poverty-registry",
        "indonesian-rural-cadre-training",
    }
    assert set(seed.case_ids) == seeds, "the seed module uses all six seed cases"
    assert all(atlas.modules_by_case[cid] == [seed] for cid in seeds)
    assert not any(cid in atlas.modules_by_case for cid in set(atlas.cases) - seeds)
