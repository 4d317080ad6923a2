"""Amounts as a reader of each language writes them, with Babel's CLDR data (no formatting code of our own).

- A large amount reads in words, if that keeps every digit the source gave: 20700000000000 rupiah is
  "Rp 20.7 trillion" in English, "Rp 20,7 triliun" in Indonesian, "20.7万亿印尼盾" in Chinese (the unit
  as the translation names it). Otherwise, and below a million, it keeps all its digits ("1,300 yuan").
- A US-dollar equivalent is an estimate at a yearly rate: it is rounded to two significant figures and
  said to be approximate ("about US$180", not "US$183.83").
- Chart axes use the short forms ("25T", "25 T", "25万亿"), so no label is wider than the space beside
  the axis.
"""

from __future__ import annotations

from functools import cache
from math import floor, log10

from babel import Locale, UnknownLocaleError
from babel.numbers import format_compact_decimal, format_decimal, get_currency_symbol

COMPACT_FROM = 1_000_000


def _digits_after(value: float, scale: float) -> int | None:
    """Decimals `value / scale` needs to be written exactly, if at most 3."""
    for n in range(4):
        if abs(round(value / scale, n) * scale - value) <= abs(value) * 1e-9:
            return n
    return None


def number(value: float, locale: str) -> str:
    """The value in words where that keeps its digits (20.7 trillion), else in full (1,300)."""
    if abs(value) >= COMPACT_FROM:
        n = _digits_after(value, _magnitude(value, locale))
        if n is not None:
            return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=n)
    return format_decimal(value, locale=locale)


@cache
def home_symbol(currency: str) -> str | None:
    """The symbol a currency has where it is used ("Rp" for IDR), from the country in its ISO 4217 code."""
    try:
        home = Locale.parse(f"und_{currency[:2]}")
    except (UnknownLocaleError, ValueError):
        return None
    symbol = get_currency_symbol(currency, locale=home)
    return None if symbol == currency else symbol


def amount(value: float, unit: str, currency: str | None, locale: str) -> str:
    """An amount with its unit: "Rp 20.7 trillion", "20,7 triliun rupiah" where the currency has no symbol,
    "1,300 yuan"; Chinese writes the unit after the number without a space ("20.7万亿印尼盾", "1,300元")."""
    text = number(value, locale)
    zh = locale.startswith("zh")
    symbol = home_symbol(currency) if currency and currency != "USD" else None
    if symbol and abs(value) >= COMPACT_FROM and not zh and not text[-1].isdigit():
        return f"{symbol} {text}"
    return f"{text}{unit}" if zh and not unit[:1].isascii() else f"{text} {unit}"


def usd_about(usd: float, locale: str) -> str:
    """A dollar equivalent to two significant figures: "US$180", "US$2.9 billion", "29亿美元"."""
    rounded = 0.0 if usd == 0 else round(usd, -int(floor(log10(abs(usd)))) + 1)
    if rounded >= 1 and rounded == int(rounded):
        rounded = int(rounded)
    text = number(rounded, locale)
    return f"{text}美元" if locale.startswith("zh") else f"US${text}"


def tick(value: float, locale: str, decimals: int = 0) -> str:
    """A chart axis label, short: "25T", "2.5K", "25万亿"; below 10,000 in full."""
    if abs(value) < 10_000:
        return format_decimal(round(value, decimals), locale=locale, decimal_quantization=False)
    for n in range(3):
        text = format_compact_decimal(value, format_type="short", locale=locale, fraction_digits=n)
        if n == 2 or _reads_as(value, locale, n):
            return text
    return text


def _reads_as(value: float, locale: str, n: int) -> bool:
    """Whether the short form with n decimals is exact (so two ticks never read the same)."""
    magnitude = _magnitude(value, locale)
    return bool(abs(round(value / magnitude, n) * magnitude - value) <= abs(value) * 1e-9)


def _magnitude(value: float, locale: str) -> float:
    """The power the language names large numbers by: thousands (million, juta) or, in Chinese, ten-thousands (万, 亿)."""
    step = 4 if locale.startswith("zh") else 3
    return float(10 ** (step * floor(log10(abs(value)) / step)))
