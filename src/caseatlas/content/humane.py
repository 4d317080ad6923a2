"""A humane timetable: warnings where a day runs too long without a break, lacks lunch, or visits without travel.

The thresholds are the module's `timetable_rules`, each with a default (RULES). These are
warnings, not problems: `caseatlas validate` prints them and still exits 0, unless `--strict`.
"""

from __future__ import annotations

from typing import Any

from caseatlas.content.loading import Document
from caseatlas.content.modules import clock, hours_text, minutes
from caseatlas.core.errors import Problem

RULES: dict[str, Any] = {
    "max_hours_without_break": 3,
    "min_break_minutes": 15,
    "full_day_hours": 6,
    "lunch_minutes": 45,
    "lunch_between": ["11:00", "14:30"],
    "travel_before_field_visit": True,
}


def rules(data: dict[str, Any]) -> dict[str, Any]:
    """The module's thresholds, defaults filled in."""
    return {**RULES, **(data.get("timetable_rules") or {})}


def timetable_warnings(doc: Document) -> list[Problem]:
    """Warnings about one valid module file's days (assumes the schema and timetable checks passed)."""
    d = doc.data
    r = rules(d)
    out: list[Problem] = []
    longest, gap = round(float(r["max_hours_without_break"]) * 60), int(r["min_break_minutes"])
    lunch, (lunch_from, lunch_to) = int(r["lunch_minutes"]), (minutes(r["lunch_between"][0]), minutes(r["lunch_between"][1]))
    by_day: dict[int, list[tuple[int, int, int]]] = {}
    for i, s in enumerate(d["sessions"]):
        start = minutes(s["start"])
        by_day.setdefault(int(s["day"]), []).append((start, start + int(s["duration"]), i))
    for day, sessions in sorted(by_day.items()):
        sessions.sort()
        # Stretches of sessions with no gap of `gap` minutes between them.
        stretch_start, prev_end, first_i = sessions[0][0], sessions[0][1], sessions[0][2]
        stretches = []
        for start, end, i in sessions[1:]:
            if start - prev_end >= gap:
                stretches.append((stretch_start, prev_end, first_i))
                stretch_start, first_i = start, i
            prev_end = max(prev_end, end)
        stretches.append((stretch_start, prev_end, first_i))
        for start, end, i in stretches:
            if end - start > longest:
                out.append(
                    doc.problem(
                        ("sessions", i, "start"),
                        f"warning: day {day} runs {clock(start)}–{clock(end)}, {hours_text(end - start)} hours "
                        f"of sessions without a break of {gap} minutes or more",
                        f"put a break into it, or raise `timetable_rules.max_hours_without_break` (now {hours_text(longest)})",
                    )
                )
        first, last = sessions[0][0], max(e for _, e, _ in sessions)
        if last - first >= round(float(r["full_day_hours"]) * 60):
            gaps = [(a_end, b_start) for (_, a_end, _), (b_start, _, _) in zip(sessions, sessions[1:], strict=False)]
            fits = any(min(b, lunch_to) - max(a, lunch_from) >= lunch for a, b in gaps)
            if not fits:
                out.append(
                    doc.problem(
                        ("sessions", sessions[0][2], "day"),
                        f"warning: day {day} is a full day ({clock(first)}–{clock(last)}) with no lunch break "
                        f"of {lunch} minutes between {r['lunch_between'][0]} and {r['lunch_between'][1]}",
                        "leave a gap for lunch between two sessions, or change `timetable_rules.lunch_minutes` "
                        "or `timetable_rules.lunch_between`",
                    )
                )
        if r["travel_before_field_visit"]:
            kinds = [d["sessions"][i]["kind"] for _, _, i in sessions]
            for n, (_, _, i) in enumerate(sessions):
                if kinds[n] == "field-visit" and (n == 0 or kinds[n - 1] != "travel"):
                    out.append(
                        doc.problem(
                            ("sessions", i, "kind"),
                            f"warning: field visit '{d['sessions'][i]['id']}' has no travel session before it",
                            "add a session of kind travel just before it, or set "
                            "`timetable_rules.travel_before_field_visit: false` if the visit is on site",
                        )
                    )
    return out
