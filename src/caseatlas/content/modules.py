"""Course modules: validated module files as sessions, days, objectives and hours."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KINDS = ("lecture", "case-discussion", "field-visit", "workshop", "exercise", "reflection", "travel")


def minutes(clock: str) -> int:
    """Minutes since midnight of an "HH:MM" time."""
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def clock(total: int) -> str:
    """ "HH:MM" of minutes since midnight (24:00 and later are written as such, never wrapped)."""
    return f"{total // 60:02d}:{total % 60:02d}"


def hours_text(mins: int) -> str:
    """Minutes as hours with at most two decimals: 90 → "1.5", 45 → "0.75", 120 → "2"."""
    return f"{mins / 60:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Session:
    """One session of a module; `data` is its mapping in the module file."""

    data: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def day(self) -> int:
        return int(self.data["day"])

    @property
    def start(self) -> int:
        return minutes(self.data["start"])

    @property
    def duration(self) -> int:
        return int(self.data["duration"])

    @property
    def end(self) -> int:
        return self.start + self.duration

    @property
    def kind(self) -> str:
        return str(self.data["kind"])

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def start_clock(self) -> str:
        return clock(self.start)

    @property
    def end_clock(self) -> str:
        return clock(self.end)

    @property
    def objectives(self) -> list[str]:
        return list(self.data.get("objectives", []))

    @property
    def cases(self) -> list[str]:
        return list(self.data.get("cases", []))

    @property
    def reading_cases(self) -> list[str]:
        return [r["case"] for r in self.data.get("pre_reading", []) if "case" in r]


@dataclass(frozen=True)
class Module:
    """One validated course module; `data` is the file's content as validated, or, in another language,
    with a translation merged over it (`state` says which: original | translated | stale | missing)."""

    path: Path
    data: dict[str, Any]
    state: str = "original"
    translation: Any = None  # translations.Translation, when one is merged over the original
    source: dict[str, Any] | None = None  # the data as written, when `data` has a translation merged over it

    @property
    def original(self) -> dict[str, Any]:
        return self.source if self.source is not None else self.data

    @property
    def language(self) -> str:
        """Language the module is written in."""
        return str(self.data.get("language", "en"))

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def days(self) -> int:
        return int(self.data["days"])

    @property
    def objectives(self) -> list[dict[str, Any]]:
        return list(self.data["objectives"])

    @property
    def sessions(self) -> list[Session]:
        """Every session in the order it happens."""
        return sorted((Session(s) for s in self.data["sessions"]), key=lambda s: (s.day, s.start, s.id))

    @property
    def by_day(self) -> dict[int, list[Session]]:
        """Day number → its sessions in order; every day of the module is present, even an empty one."""
        out: dict[int, list[Session]] = {d: [] for d in range(1, self.days + 1)}
        for s in self.sessions:
            out.setdefault(s.day, []).append(s)
        return out

    @property
    def case_ids(self) -> list[str]:
        """Ids of the cases the module uses (in sessions or as pre-reading), in order of first use."""
        seen: dict[str, None] = {}
        for s in self.sessions:
            for cid in s.reading_cases + s.cases:
                seen.setdefault(cid, None)
        return list(seen)

    def sessions_using(self, case_id: str) -> list[Session]:
        return [s for s in self.sessions if case_id in s.cases or case_id in s.reading_cases]

    def sessions_covering(self, objective_id: str) -> list[Session]:
        return [s for s in self.sessions if objective_id in s.objectives]

    @property
    def minutes_per_day(self) -> dict[int, int]:
        return {day: sum(s.duration for s in sessions) for day, sessions in self.by_day.items()}

    @property
    def minutes_per_kind(self) -> dict[str, int]:
        """Kind → minutes, in the order of KINDS, kinds the module does not use left out."""
        totals: dict[str, int] = defaultdict(int)
        for s in self.sessions:
            totals[s.kind] += s.duration
        return {k: totals[k] for k in KINDS if totals.get(k)}

    @property
    def total_minutes(self) -> int:
        return sum(s.duration for s in self.sessions)

    @property
    def action_plan_rows(self) -> int:
        return int(self.data["action_plan"].get("rows", 3))
