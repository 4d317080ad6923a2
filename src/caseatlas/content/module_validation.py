"""Checks on course module files beyond the schema: references, coverage and the timetable."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from caseatlas.content.loading import Document
from caseatlas.content.modules import clock, minutes
from caseatlas.content.schemas import schema_problems
from caseatlas.core.errors import Problem
from caseatlas.core.vocabulary import did_you_mean

SCHEMA_LINE = "# yaml-language-server: $schema=../src/caseatlas/schema/module.schema.json"


def module_problems(doc: Document, case_ids: Collection[str]) -> list[Problem]:
    """Everything wrong with one module file, given the ids of the atlas's cases."""
    problems = schema_problems(doc, "module.schema.json")
    if not doc.text.startswith("# yaml-language-server: $schema="):
        problems.append(doc.problem((), "the first line must name the schema for editors", f"add `{SCHEMA_LINE}` as line 1"))
    # The checks below assume the shapes the schema guarantees, so they see only the
    # top-level fields without schema problems: every other problem is still reported.
    bad = {p.field.split(".")[0].split("[")[0] for p in problems}
    d = {k: v for k, v in doc.data.items() if k not in bad}
    stem = doc.path.name.removesuffix(".yaml")
    if "id" in d and d["id"] != stem:
        problems.append(
            doc.problem(
                ("id",),
                f"id '{d['id']}' differs from the file name '{doc.path.name}'",
                f"rename the file to {d['id']}.yaml or set `id: {stem}`",
            )
        )
    size = d.get("audience", {}).get("size")
    if size and size["max"] < size["min"]:
        problems.append(
            doc.problem(
                ("audience", "size", "max"),
                f"at most {size['max']} is fewer than at least {size['min']}",
                "swap min and max, or correct one of them",
            )
        )
    problems += _calendar_problems(doc, d)
    titles = d.get("day_titles", [])
    if "days" in d and len(titles) > d["days"]:
        problems.append(
            doc.problem(
                ("day_titles", d["days"]),
                f"{len(titles)} day titles for a module of {d['days']} days",
                f"give at most {d['days']}, one per day, or raise `days:`",
            )
        )
    for key, what in (("objectives", "objective"), ("sessions", "session"), ("sources", "source")):
        problems += _duplicates(doc, d.get(key, []), key, what)
    if "sessions" in d:
        problems += _reference_problems(doc, d, set(case_ids))
        if "hours" in d and "days" in d:
            problems += _timetable_problems(doc, d)
    return problems


def _calendar_problems(doc: Document, d: dict[str, Any]) -> list[Problem]:
    """`start_date` must be a real date and `timezone` a zone of the IANA database, and each needs the other."""
    out: list[Problem] = []
    if "start_date" in d:
        try:
            date.fromisoformat(d["start_date"])
        except ValueError:
            out.append(
                doc.problem(
                    ("start_date",),
                    f"'{d['start_date']}' is not a date",
                    "give the date of day 1 as YYYY-MM-DD, for example 2027-03-15",
                )
            )
    if "timezone" in d:
        try:
            ZoneInfo(d["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            out.append(
                doc.problem(
                    ("timezone",),
                    f"unknown time zone '{d['timezone']}'",
                    did_you_mean(
                        d["timezone"],
                        sorted(available_timezones()),
                        "give an IANA name, for example Asia/Shanghai or Asia/Jakarta",
                    ),
                )
            )
    for one, other in (("start_date", "timezone"), ("timezone", "start_date")):
        if one in d and other not in d:
            out.append(
                doc.problem(
                    (one,),
                    f"`{one}` is given without `{other}`",
                    f"add `{other}:` too (the calendar needs both), or remove `{one}`",
                )
            )
    return out


def _duplicates(doc: Document, items: list[dict[str, Any]], key: str, what: str) -> list[Problem]:
    counts = Counter(item["id"] for item in items)
    seen: set[str] = set()
    out = []
    for i, item in enumerate(items):
        if counts[item["id"]] > 1 and item["id"] in seen:
            out.append(
                doc.problem(
                    (key, i, "id"), f"{what} id '{item['id']}' is used {counts[item['id']]} times", f"give each {what} its own id"
                )
            )
        seen.add(item["id"])
    return out


def _reference_problems(doc: Document, d: dict[str, Any], case_ids: set[str]) -> list[Problem]:
    """References from sessions and the action plan; `d` holds only the top-level fields the schema accepted."""
    out: list[Problem] = []
    sessions = [s["id"] for s in d["sessions"]]

    def ref(path: tuple[Any, ...], value: str, known: list[str] | set[str], what: str, fallback: str = "") -> None:
        if value not in known:
            fallback = fallback or f"use one of the {what} ids: " + ", ".join(known)
            out.append(doc.problem(path, f"{what} '{value}' does not exist", did_you_mean(value, known, fallback)))

    no_case = "check the id against `caseatlas list`, or add the case to case_studies/ first"

    objectives = [o["id"] for o in d["objectives"]] if "objectives" in d else None
    sources = [s["id"] for s in d["sources"]] if "sources" in d else None
    for i, s in enumerate(d["sessions"]):
        for j, oid in enumerate(s.get("objectives", []) if objectives is not None else []):
            ref(("sessions", i, "objectives", j), oid, objectives or [], "objective")
        for j, cid in enumerate(s.get("cases", [])):
            ref(("sessions", i, "cases", j), cid, case_ids, "case", no_case)
        for j, item in enumerate(s.get("pre_reading", [])):
            path = ("sessions", i, "pre_reading", j)
            if ("case" in item) == ("source" in item):
                names = "both a case and a source" if "case" in item else "neither a case nor a source"
                out.append(
                    doc.problem(
                        path, f"a pre-reading item names {names}", "give either `case: <case id>` or `source: <source id>`"
                    )
                )
            elif "case" in item:
                ref(path + ("case",), item["case"], case_ids, "case", no_case)
            elif sources is not None:
                ref(path + ("source",), item["source"], sources, "source")
    if "action_plan" in d:
        ref(("action_plan", "session"), d["action_plan"]["session"], sessions, "session")
    covered = {oid for s in d["sessions"] for oid in s.get("objectives", [])}
    for i, o in enumerate(d.get("objectives", [])):
        if o["id"] not in covered:
            out.append(
                doc.problem(
                    ("objectives", i, "id"),
                    f"objective '{o['id']}' is not covered by any session",
                    "list its id under `objectives:` of the sessions that work towards it, or remove it",
                )
            )
    return out


def _timetable_problems(doc: Document, d: dict[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    opens, closes = d["hours"]["start"], d["hours"]["end"]
    day_start, day_end = minutes(opens), minutes(closes)
    if day_end <= day_start:
        out.append(
            doc.problem(
                ("hours", "end"),
                f"the day ends at {closes}, not after it starts at {opens}",
                "give the end of the working day, later than its start",
            )
        )
        return out
    by_day: dict[int, list[tuple[int, int, int]]] = {}
    for i, s in enumerate(d["sessions"]):
        start = minutes(s["start"])
        end = start + s["duration"]
        if s["day"] > d["days"]:
            out.append(
                doc.problem(
                    ("sessions", i, "day"),
                    f"day {s['day']} is after the last day of the module ({d['days']})",
                    f"use a day from 1 to {d['days']}, or raise `days:`",
                )
            )
            continue
        if start < day_start:
            out.append(
                doc.problem(
                    ("sessions", i, "start"),
                    f"starts at {s['start']}, before the day starts at {opens}",
                    "start the session later, or make `hours.start` earlier",
                )
            )
        elif end > day_end:
            out.append(
                doc.problem(
                    ("sessions", i, "duration"),
                    f"ends at {clock(end)}, after the day ends at {closes}",
                    f"shorten it to at most {day_end - start} minutes, start it earlier, or make `hours.end` later",
                )
            )
        by_day.setdefault(s["day"], []).append((start, end, i))
    for day_sessions in by_day.values():
        day_sessions.sort()
        for (_, prev_end, p), (start, _, i) in zip(day_sessions, day_sessions[1:], strict=False):
            if start < prev_end:
                prev, this = d["sessions"][p], d["sessions"][i]
                out.append(
                    doc.problem(
                        ("sessions", i, "start"),
                        f"starts at {this['start']}, before session '{prev['id']}' ends at {clock(prev_end)}",
                        f"start it at {clock(prev_end)} or later, or shorten '{prev['id']}'",
                    )
                )
    return out


def cross_module_problems(docs: list[Document]) -> list[Problem]:
    """Problems between module files: two modules with one id."""
    out: list[Problem] = []
    first: dict[str, Document] = {}
    for doc in docs:
        mid = doc.data.get("id")
        if not isinstance(mid, str):
            continue
        if mid in first:
            out.append(
                doc.problem(
                    ("id",),
                    f"module id '{mid}' is already used by {first[mid].name}",
                    "choose another id and rename the file to match",
                )
            )
        else:
            first[mid] = doc
    return out
