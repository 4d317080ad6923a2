"""Indicator series ready to show: labelled values, US-dollar equivalents, comparisons across cases.

Values keep the precision the source gives; a qualifier ("more than") and an
approximate year ("about 2015") are part of every label, never dropped.
Cases are compared only on the same indicator: the same id, unit, currency,
basis and period, so a chart never sets yuan beside rupiah or a household
figure beside a per-capita one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from caseatlas.atlas.amounts import amount, number, usd_about
from caseatlas.atlas.model import Case
from caseatlas.atlas.money import Rate, rate_for, series_rate

Key = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Row:
    """One value of a series, with every label a page shows for it."""

    year: int
    value: float
    year_label: str  # "about 2015"
    value_label: str  # "just over 1,300", "20.7 trillion"
    usd_own: str | None  # at the rate of the value's own year, rounded: "about US$180"
    usd_series: str | None  # at the series' one rate
    source: str
    note: str | None
    quote: str | None = None  # the cited source's words that state the value
    amount_label: str = ""  # with its unit, as the reader's language writes it: "just over 1,300 yuan", "Rp 20.7 trillion"

    @property
    def approximate(self) -> bool:
        """The source gives the year only roughly ("about 2015")."""
        return self.year_label != str(self.year)


@dataclass(frozen=True)
class Series:
    """One indicator of one case."""

    case: Case
    indicator: dict[str, Any]
    rows: list[Row]
    rate: Rate | None  # the one rate the whole series is read at, if the table has one

    @property
    def id(self) -> str:
        return str(self.indicator["id"])

    @property
    def key(self) -> Key:
        i = self.indicator
        return (i["id"], i["unit"], i.get("currency", ""), i.get("basis", ""), i.get("period", ""))

    @property
    def currency(self) -> str | None:
        return self.indicator.get("currency")

    def source(self, source_id: str) -> dict[str, Any]:
        """The case's source entry with that id."""
        return next(s for s in self.case.data["sources"] if s["id"] == source_id)

    @property
    def missing_rate_years(self) -> list[str]:
        """Years of values the table has no rate for (money series only)."""
        if not self.currency or self.currency == "USD":
            return []
        return [str(r.year) for r in self.rows if r.usd_own is None]


def year_label(value: dict[str, Any], t: dict[str, Any]) -> str:
    q = value.get("year_qualifier")
    return t[f"year_{q}"].format(year=value["year"]) if q else str(value["year"])


def _qualified(qualifier: str | None, text: str, t: dict[str, Any] | None = None) -> str:
    """The value with the source's qualifier, in the reader's words ("more than 18,000", "超过 18,000")."""
    if not qualifier:
        return text
    word = (t or {}).get("qualifier_values", {}).get(qualifier, qualifier)
    return f"{word} {text}"


def series(case: Case, indicator: dict[str, Any], t: dict[str, Any]) -> Series:
    """The indicator's values in year order, labelled, with their US-dollar equivalents."""
    values = sorted(indicator["values"], key=lambda v: v["year"])
    currency = indicator.get("currency")
    one = series_rate(currency, [v["year"] for v in values])
    rows = []
    loc = str(t["number_locale"])

    def usd(rate: Rate | None, value: float) -> str | None:
        return str(t["usd_about"]).format(usd=usd_about(rate.convert(value), loc)) if rate else None

    for v in values:
        q = v.get("qualifier")
        rows.append(
            Row(
                year=v["year"],
                value=v["value"],
                year_label=year_label(v, t),
                value_label=_qualified(q, number(v["value"], loc), t),
                usd_own=usd(rate_for(currency, v["year"]), v["value"]),
                usd_series=usd(one, v["value"]),
                source=v["source"],
                note=v.get("note"),
                quote=v.get("quote"),
                amount_label=_qualified(q, amount(v["value"], str(indicator["unit"]), currency, loc), t),
            )
        )
    return Series(case, indicator, rows, one)


def case_series(case: Case, t: dict[str, Any]) -> list[Series]:
    return [series(case, ind, t) for ind in case.data.get("indicators", [])]


@dataclass(frozen=True)
class Comparison:
    """Cases that report the same indicator; `series` is capped, `total` counts them all."""

    key: Key
    name: str
    series: list[Series]
    total: int

    @property
    def indicator(self) -> dict[str, Any]:
        return self.series[0].indicator


def comparisons(cases: list[Case], t: dict[str, Any], limit: int = 8) -> list[Comparison]:
    """Indicators shared by the cases, most widely reported first; at most `limit` cases each,
    those with the most recent values first."""
    groups: dict[Key, list[Series]] = defaultdict(list)
    for c in cases:
        for s in case_series(c, t):
            groups[s.key].append(s)
    out = []
    for key, group in groups.items():
        group.sort(key=lambda s: (-s.rows[-1].year, s.case.title.lower(), s.case.id))
        out.append(Comparison(key, str(group[0].indicator["name"]), group[:limit], len(group)))
    return sorted(out, key=lambda c: (-c.total, c.key))
