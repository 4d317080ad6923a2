"""Evidence checks: every indicator value quotes its source, the quote states the value's number,
and every source says where a reader can find the copy that was read (url, or held_copy) and when.

A number is found in a quote however the source writes it: "1,300" or "1.300", "20,7" or "20.7",
with a scale word ("20.7 trillion", "Rp 20,7 triliun", "3.2 million", "1.3万", "20.7万亿") or its
capital abbreviation ("PhP25.3M", "P176 M"), or as a
percentage ("30 percent", "30%", "30 persen" for 30).
"""

from __future__ import annotations

import math
import re
from contextlib import suppress
from typing import Any

from caseatlas.content.loading import Document
from caseatlas.core.errors import Problem

QUOTE_HINT = "add `quote:` with the cited source's own words that state this figure, verbatim (at most 300 characters)"

# Scale words in the languages our sources are written in; the longest first so "万亿" wins over "万".
_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "triliun": 1e12,
    "millions": 1e6,
    "billions": 1e9,
    "millones": 1e6,
    "millón": 1e6,
    "mil millones": 1e9,
    "milhões": 1e6,
    "milhão": 1e6,
    "bilhões": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "mil": 1e3,
    "lakh": 1e5,
    "crore": 1e7,
    "lakh crore": 1e12,
    "千": 1e3,
    "万亿": 1e12,
    "万": 1e4,
    "亿": 1e8,
    "億": 1e8,
    "萬": 1e4,
}
# Capital-letter abbreviations as press and slides write them ("PhP25.3M", "P176 M", "Rp20.8T"); read
# case-sensitively, and in addition to the plain number, so "30 M" can still be 30 metres.
_ABBREVIATIONS = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_ABBREVIATED = re.compile(r"(\d+(?:[.,]\d+)*)\s?([KMBT])(?![A-Za-z])")
_SCALE_RX = "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))
_NUMBER = re.compile(
    r"(\d+(?:(?:[.,'\u00a0\u202f]|\s(?=\d{3}(?!\d)))\d+)*)\s*(?:多\s*)?(" + _SCALE_RX + r")?(?![a-z])", re.IGNORECASE
)  # "50多万": more than 500,000
_DECADE = re.compile(r"(?<!\d)(\d{4})s\b")  # "the 1970s" states 1970
_INDIAN = re.compile(r"^\d{1,2}(?:,\d{2})+,\d{3}$")  # lakh grouping: 1,56,399


def _readings(token: str) -> set[float]:
    """Every number `token` can be read as, with '.', ',', spaces or apostrophes as separators."""
    out: set[float] = set()
    plain = re.sub(r"[\u00a0\u202f' ]", "", token)
    if _INDIAN.match(plain):
        out.add(float(plain.replace(",", "")))
    for thousands, decimal in ((",", "."), (".", ","), ("", ".")):
        text = plain
        if thousands:
            head, *groups = text.split(decimal, 1)[0].split(thousands)
            if any(len(g) != 3 for g in groups):
                continue
            text = text.replace(thousands, "")
        text = text.replace(decimal, ".") if decimal == "," else text
        if text.count(".") <= 1:
            with suppress(ValueError):
                out.add(float(text))
    return out


def number_tokens(text: str) -> list[tuple[str, set[float]]]:
    """Each number the text writes, as written, with every value it can be read as (scale words applied):
    "1.5 million" and "150万" are both 1,500,000."""
    out = []
    text = _DECADE.sub(r"\1", text)
    for m in _NUMBER.finditer(text):
        scale = _SCALES.get((m.group(2) or "").lower(), _SCALES.get(m.group(2) or "", 1.0))
        readings = {r * scale for r in _readings(m.group(1).rstrip(".,"))}
        after = _ABBREVIATED.match(text, m.start())
        if after and after.group(1) == m.group(1):
            readings |= {r * _ABBREVIATIONS[after.group(2)] for r in _readings(after.group(1))}
        out.append((m.group(0).strip(), readings))
    return out


def same_number(a: set[float], b: set[float]) -> bool:
    """True when two readings sets share a value (to one part in a million)."""
    return any(abs(x - y) <= max(abs(x), 1.0) * 1e-6 for x in a for y in b)


def numbers_in(quote: str) -> set[float]:
    """Every number the quote states, scale words applied."""
    found: set[float] = set()
    quote = _DECADE.sub(r"\1", quote)
    for m in _NUMBER.finditer(quote):
        scale = _SCALES.get((m.group(2) or "").lower(), _SCALES.get(m.group(2) or "", 1.0))
        found |= {r * scale for r in _readings(m.group(1).rstrip(".,"))}
    for m in _ABBREVIATED.finditer(quote):
        found |= {r * _ABBREVIATIONS[m.group(2)] for r in _readings(m.group(1))}
    return found


def states(quote: str, value: float) -> bool:
    """True when the quote states `value` (to the precision a source writes, one part in a million)."""
    return any(abs(n - value) <= max(abs(value), 1.0) * 1e-6 for n in numbers_in(quote))


def evidence_problems(doc: Document, d: dict[str, Any]) -> list[Problem]:
    """Quotes of indicator values, and sources' addresses and access dates."""
    out: list[Problem] = []
    for i, ind in enumerate(d.get("indicators", [])):
        for j, value in enumerate(ind.get("values", [])):
            path = ("indicators", i, "values", j)
            number = value.get("value")
            if "quote" not in value:
                out.append(doc.problem(path, f"the value {_show(number)} has no quote", QUOTE_HINT))
            elif (
                isinstance(number, (int, float))
                and not isinstance(number, bool)
                and math.isfinite(number)
                and not states(value["quote"], number)
            ):
                out.append(
                    doc.problem(
                        path + ("quote",),
                        f"the quote does not contain the value's number {_show(number)}",
                        f"quote the words that state {_show(number)} as the source writes it "
                        f"(for example {_examples(number)}), or correct the value",
                    )
                )
    for i, src in enumerate(d.get("sources", [])):
        if "url" not in src and "held_copy" not in src:
            out.append(
                doc.problem(
                    ("sources", i),
                    f"source '{src.get('id')}' has no url",
                    "add `url:` with the address of the copy you read; only if no public address can "
                    "be found, say where the project keeps that copy in `held_copy:` instead",
                )
            )
        if "accessed" not in src:
            out.append(
                doc.problem(
                    ("sources", i),
                    f"source '{src.get('id')}' has no accessed date",
                    "add `accessed: YYYY-MM-DD`, the date you read the copy you cite",
                )
            )
    return out


def _show(number: object) -> str:
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return f"{number:,}" if isinstance(number, (int, float)) and not isinstance(number, bool) else repr(number)


def _examples(number: float) -> str:
    """How sources commonly write the number: '18,000', '18.000', '18 thousand'."""
    shown = _show(number)
    forms = [f"'{shown}'", "'" + shown.translate(str.maketrans(",.", ".,")) + "'"]
    for word, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6), ("thousand", 1e3)):
        if abs(number) >= scale:
            forms.append(f"'{number / scale:g} {word}'")
            break
    return " or ".join(dict.fromkeys(forms))
