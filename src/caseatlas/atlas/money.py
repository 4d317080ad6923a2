"""Money in context: local-currency amounts in US dollars, at rates a source states.

The rates live in data/exchange_rates.yaml, each with its currency, year and
source. A value is converted only at a rate from that table:

- at the rate for the value's own year, when the table has one;
- and, to read a whole series at one rate, at the rate for the series' latest
  year that has one (labelled with that year, e.g. "at the 2025 rate").

Where the table has no such rate, there is no conversion (None) and pages show
the local amount alone and say so. No rate is ever estimated or carried to
another year without that year being named.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caseatlas.core.errors import CaseAtlasError
from caseatlas.core.vocabulary import is_currency

RATES_FILE = "src/caseatlas/data/exchange_rates.yaml"


@dataclass(frozen=True)
class Rate:
    """`local` units of `currency` were worth `usd` US dollars in `year`, as `source` states."""

    currency: str
    year: int
    local: float
    usd: float
    source: dict[str, str]
    note: str = ""

    @property
    def usd_per_unit(self) -> float:
        return self.usd / self.local

    def convert(self, amount: float) -> float:
        return amount * self.usd / self.local


def parse_rates(raw: Any) -> dict[tuple[str, int], Rate]:
    """The rates in a parsed rates file, keyed by (currency, year); CaseAtlasError if malformed."""
    entries = raw.get("rates") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise CaseAtlasError(f"{RATES_FILE}: expected a mapping with a list `rates`")
    out: dict[tuple[str, int], Rate] = {}
    for i, e in enumerate(entries):
        where = f"{RATES_FILE}: rates[{i}]"
        if not isinstance(e, dict) or not {"currency", "year", "local", "usd", "source"} <= e.keys():
            raise CaseAtlasError(f"{where}: needs currency, year, local, usd and source")
        if not isinstance(e["currency"], str) or not is_currency(e["currency"]):
            raise CaseAtlasError(f"{where}.currency: {e['currency']!r} is not an ISO 4217 currency code")
        if not isinstance(e["year"], int) or isinstance(e["year"], bool):
            raise CaseAtlasError(f"{where}.year: expected an integer, got {e['year']!r}")
        for key in ("local", "usd"):
            if isinstance(e[key], bool) or not isinstance(e[key], (int, float)) or e[key] <= 0:
                raise CaseAtlasError(f"{where}.{key}: expected a positive number, got {e[key]!r}")
        src = e["source"]
        if not isinstance(src, dict) or not all(isinstance(src.get(k), str) and src[k] for k in ("title", "publisher")):
            raise CaseAtlasError(f"{where}.source: needs a title and a publisher")
        key_ = (e["currency"], e["year"])
        if key_ in out:
            raise CaseAtlasError(f"{where}: a second rate for {e['currency']} in {e['year']}; keep one")
        out[key_] = Rate(
            e["currency"],
            e["year"],
            e["local"],
            e["usd"],
            {k: str(v) for k, v in src.items()},
            " ".join(str(e.get("note", "")).split()),
        )
    return out


@cache
def rates() -> dict[tuple[str, int], Rate]:
    """The packaged rates table."""
    text = resources.files("caseatlas").joinpath("data/exchange_rates.yaml").read_text("utf-8")
    return parse_rates(yaml.safe_load(text))


def rate_for(currency: str | None, year: int, table: dict[tuple[str, int], Rate] | None = None) -> Rate | None:
    """The rate for exactly that currency and year, or None: never a neighbouring year's."""
    if not currency or currency == "USD":
        return None
    return (rates() if table is None else table).get((currency, year))


def series_rate(currency: str | None, years: list[int], table: dict[tuple[str, int], Rate] | None = None) -> Rate | None:
    """One rate to read a whole series at: the rate for its latest year that has one."""
    for year in sorted(set(years), reverse=True):
        found = rate_for(currency, year, table)
        if found:
            return found
    return None


def format_usd(amount: float) -> str:
    """US$ to the cent below 1,000 dollars, to the dollar from 1,000 up (the rates carry no more precision)."""
    return f"US${amount:,.2f}" if abs(amount) < 1000 else f"US${amount:,.0f}"


def format_number(value: float) -> str:
    """A value with the precision the source gave, and thousands separators."""
    return f"{value:,}"
