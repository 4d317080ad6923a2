"""The rates table and conversions: only stated rates, for their own year, never a guess."""

from __future__ import annotations

from typing import Any

import pytest

from caseatlas.atlas.money import format_usd, parse_rates, rate_for, rates, series_rate
from caseatlas.core.errors import CaseAtlasError


def test_the_packaged_table_holds_the_rate_the_seed_article_states() -> None:
    rate = rates()[("CNY", 2025)]
    assert (rate.local, rate.usd) == (1300, 183.83)
    assert rate.source["publisher"] == "People's Daily Online"
    assert rate.source["url"] == "http://en.people.cn/n3/2025/1218/c90000-20404077.html"
    assert rate.convert(1300) == pytest.approx(183.83)
    assert format_usd(rate.convert(1300)) == "US$183.83"
    assert format_usd(rate.convert(18000)) == "US$2,545"  # 18000 × 183.83 / 1300 = 2545.32


def test_no_rate_for_another_year_or_currency_is_made_up() -> None:
    assert rate_for("CNY", 2015) is None
    assert rate_for("CNY", 2024) is None
    assert rate_for("IDR", 2025) is None
    assert rate_for("USD", 2025) is None
    assert rate_for(None, 2025) is None


def test_a_series_is_read_at_its_latest_year_that_has_a_rate() -> None:
    assert series_rate("CNY", [2015, 2025]) is rates()[("CNY", 2025)]
    assert series_rate("CNY", [2015, 2020]) is None


def _entry(**change: Any) -> dict[str, Any]:
    entry = {"currency": "CNY", "year": 2025, "local": 1300, "usd": 183.83, "source": {"title": "T", "publisher": "P"}}
    entry.update(change)
    return entry


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "src/caseatlas/data/exchange_rates.yaml: expected a mapping with a list `rates`"),
        ({"rates": [{"currency": "CNY"}]}, "rates[0]: needs currency, year, local, usd and source"),
        ({"rates": [_entry(currency="RMB")]}, "rates[0].currency: 'RMB' is not an ISO 4217 currency code"),
        ({"rates": [_entry(year="2025")]}, "rates[0].year: expected an integer, got '2025'"),
        ({"rates": [_entry(usd=0)]}, "rates[0].usd: expected a positive number, got 0"),
        ({"rates": [_entry(source={"title": "T"})]}, "rates[0].source: needs a title and a publisher"),
        ({"rates": [_entry(), _entry()]}, "rates[1]: a second rate for CNY in 2025; keep one"),
    ],
)
def test_a_broken_rates_table_is_refused(raw: Any, message: str) -> None:
    with pytest.raises(CaseAtlasError) as exc:
        parse_rates(raw)
    assert message in str(exc.value)
