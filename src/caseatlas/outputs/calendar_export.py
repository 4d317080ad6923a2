"""`caseatlas export calendar`: a module's sessions as iCalendar events (RFC 5545), one per session.

Day 1 is the start date and each following day the next calendar day; times are local
times in the given IANA time zone, whose VTIMEZONE definition the file carries.
Built with `icalendar`, which folds lines and escapes text as RFC 5545 requires.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import icalendar
import lxml.html

from caseatlas.atlas.model import Atlas
from caseatlas.content.modules import Module
from caseatlas.core.errors import CaseAtlasError
from caseatlas.core.markup import to_html
from caseatlas.core.strings import strings
from caseatlas.core.vocabulary import did_you_mean
from caseatlas.render.pack_words import pack_words

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_start(text: str) -> date:
    """The module's first day, from YYYY-MM-DD."""
    try:
        if not _DATE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise CaseAtlasError(
            f"start date '{text}' is not a date (hint: give the first day as YYYY-MM-DD, for example --start 2027-03-15)"
        ) from None


def parse_zone(name: str) -> ZoneInfo:
    """An IANA time zone such as Asia/Shanghai."""
    try:
        if not re.fullmatch(r"[A-Za-z_]+(/[A-Za-z0-9_+-]+)*", name):
            raise ValueError
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        zones = sorted(available_timezones())
        example = "IANA zones are named after a city, for example Asia/Shanghai or Asia/Jakarta"
        close = did_you_mean(name, zones, "")
        hint = f"{close} {example}" if close.startswith("did you mean") else f"give an IANA name: {example}"
        raise CaseAtlasError(f"unknown time zone '{name}' (hint: {hint})") from None


def _plain(markdown_text: str) -> str:
    """Contributor Markdown as plain text, read as the site reads it (core/markup.py)."""
    html = to_html(markdown_text)
    return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").text_content().split())


def calendar_bytes(atlas: Atlas, module: Module, start: date, zone: ZoneInfo, lang: str = "en") -> bytes:
    """The .ics file: one VEVENT per session, with its title, summary, place (if given) and cases to read."""
    t = strings(lang)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Case Atlas//caseatlas export calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", module.title)
    cal.add("x-wr-timezone", zone.key)
    stamp = datetime.combine(start, time(0, 0), tzinfo=ZoneInfo("UTC"))  # fixed: the same module gives the same file
    for s in module.sessions:
        day = start + timedelta(days=s.day - 1)
        begins = datetime.combine(day, time(0, 0), tzinfo=zone) + timedelta(minutes=s.start)
        event = icalendar.Event()
        event.add("uid", f"{module.id}.{s.id}.{start.isoformat()}@caseatlas")
        event.add("dtstamp", stamp)
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(minutes=s.duration))
        event.add("summary", s.title)
        lines = [f"{t['kind_values'].get(s.kind, s.kind)} · {t['minutes_n'].format(n=s.duration)}"]
        if s.data.get("summary"):
            lines.append(_plain(s.data["summary"]))
        reading = [atlas.cases[cid].title for cid in s.reading_cases if cid in atlas.cases]
        if reading:
            lines.append(f"{t['pre_reading']}: " + "; ".join(reading))
        used = [atlas.cases[cid].title for cid in s.cases if cid in atlas.cases and atlas.cases[cid].title not in reading]
        if used:
            lines.append(f"{pack_words(lang)['cases_part']}: " + "; ".join(used))
        event.add("description", "\n\n".join(lines))
        if s.data.get("place"):
            event.add("location", s.data["place"])
        event.add("categories", [t["kind_values"].get(s.kind, s.kind)])
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def calendar_note(start: date, zone: ZoneInfo, lang: str) -> str:
    return str(pack_words(lang)["calendar_from"].format(date=start.isoformat(), zone=zone.key))
