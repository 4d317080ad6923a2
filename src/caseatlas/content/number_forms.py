"""Whether a translation states the same numbers as its original, however each language writes them.

Figures are not translated: a translation states every number of its original and no other. But a faithful
translation may write a number in its own way, and these are read as the same number:
- scale words and grouping: "1.5 million" is "150万", "Rp 20.7 trillion" is "Rp 20,7 triliun", "3.32 lakh crore"
  is "3.32万亿", "1,56,399" is 156,399 (evidence.number_tokens);
- English number words before a scale or "percent": "two million" is "200万", "eight percent" is "8%";
- ordinals: "4th to 6th class" is "kelas 4 sampai 6"; "第一阶段" is "phase 1";
- decades and centuries: "the 1970s" is "20世纪70年代", "the early 2000s" is "21世纪初";
- a year range's short end: "2007-08" is "2007—2008年";
- dates: a month or day is not a figure ("11月", "31 July", "July 31"), but "第6号" (No. 6) is;
- a range before a scale word: "7 to 8 million" states 7 million and 8 million.
What still differs is reported: a number added (a conversion the original does not make) or left out.
"""

from __future__ import annotations

import re

from caseatlas.content.evidence import number_tokens, same_number

# Numbers in words are read only before a scale word or "percent", in each language alike, so that "two million",
# "dua juta" and "两百万" are one number while "one woman", "seorang" and "一位" state none.
_EN_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_EN = re.compile(
    r"\b(?:(?P<tens>" + "|".join(_EN_TENS) + r")(?:[ -](?P<unit1>" + "|".join(list(_EN_UNITS)[1:10]) + r"))?"
    r"|(?P<unit>" + "|".join(_EN_UNITS) + r")|(?P<a>an?|one) hundred|(?P<single>an?))"
    r"(?=[ -](?:million|billion|trillion|thousand|hundred|percent|per cent)\b)",
    re.I,
)
_ID_UNITS = {w: i for i, w in enumerate("nol satu dua tiga empat lima enam tujuh delapan sembilan".split())}
_ID = re.compile(
    r"\b(?:(?P<tens>"
    + "|".join(list(_ID_UNITS)[1:])
    + r") puluh(?: (?P<unit1>"
    + "|".join(list(_ID_UNITS)[1:])
    + r"))?|(?P<teen>"
    + "|".join(list(_ID_UNITS)[2:])
    + r") belas|(?P<unit>"
    + "|".join(_ID_UNITS)
    + r")|(?P<ten>sepuluh)|(?P<eleven>sebelas)|(?P<hundred>seratus))"
    r"(?= (?:ribu|juta|miliar|milyar|triliun|ratus|persen)\b)",
    re.I,
)
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH = re.compile(r"(?<=百分之)[零一二两三四五六七八九十百]+|(?<![数几以上成])[零一二两三四五六七八九十百千]+(?=万亿|万|亿)")
# 数以百万计, 数百万, 上百万: "millions", no number
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_CENTURY_DECADE = re.compile(r"(\d{2})\s*世纪\s*(\d)0\s*年代")  # 20世纪70年代: the 1970s
_CENTURY_START = re.compile(r"(\d{2})\s*世纪\s*(?:初|初期|头十年|最初十年|00\s*年代)")  # 21世纪初: the early 2000s
_SHORT_RANGE = re.compile(r"(?<![\d.,])(\d{2})(\d{2})\s*([-–—])\s*(\d{2})(?![\d-])")  # 2007-08: 2007 to 2008
_MONTH_DAY = re.compile(
    r"(?<![\d第])(?<!第 )\d{1,2}\s*[月日号]"  # Chinese writes a month or a day as a number: "11月"
    r"|(?<!\d)\d{1,2}(?:st|nd|rd|th)?\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Januari|"
    r"Februari|Maret|Mei|Juni|Juli|Agustus|Oktober|Desember)[a-z]*\b)"  # "31 July", "31 Juli"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December) "
    r"\d{1,2}\b(?!\d)"
)  # "July 31" (the month's name goes too: it is not a number)
_RANGE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)(\s*(?:to|-|–|sampai|hingga|至|到)\s*\d+(?:[.,]\d+)?\s*"
    r"(million|billion|trillion|juta|miliar|triliun|万亿|万|亿))"
)  # "7 to 8 million": both are millions


def _english(m: re.Match[str]) -> str:
    w = {k: (v or "").lower() for k, v in m.groupdict().items()}
    if w["a"]:
        return "100"
    if w["single"]:
        return "1"
    return str(_EN_TENS[w["tens"]] + _EN_UNITS.get(w["unit1"], 0) if w["tens"] else _EN_UNITS[w["unit"]])


def _indonesian(m: re.Match[str]) -> str:
    w = {k: (v or "").lower() for k, v in m.groupdict().items()}
    if w["tens"]:
        return str(10 * _ID_UNITS[w["tens"]] + _ID_UNITS.get(w["unit1"], 0))
    if w["teen"]:
        return str(10 + _ID_UNITS[w["teen"]])
    return {"ten": "10", "eleven": "11", "hundred": "100"}.get(next(k for k, v in w.items() if v), "") or str(
        _ID_UNITS[w["unit"]]
    )


def _chinese(text: str) -> int:
    """一百 is 100, 八十 is 80, 两 is 2, 十五 is 15, 三千五百 is 3,500."""
    total, digit = 0, None
    for c in text:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _ZH_UNITS[c]
            digit = None
    return total + (digit or 0)


def in_digits(text: str) -> str:
    """`text` with the ways of writing a number listed above rewritten as digits, and dates left out."""
    text = _EN.sub(_english, text)
    text = _ID.sub(_indonesian, text)
    text = _ZH.sub(lambda m: str(_chinese(m.group(0))), text).replace("百分之", "%")
    text = _ORDINAL.sub("", text)
    text = _CENTURY_DECADE.sub(lambda m: f"{(int(m.group(1)) - 1) * 100 + int(m.group(2)) * 10}", text)
    text = _CENTURY_START.sub(lambda m: f"{(int(m.group(1)) - 1) * 100}", text)
    text = _SHORT_RANGE.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(1)}{m.group(4)}" if m.group(4) > m.group(2) else m.group(0), text
    )
    text = _MONTH_DAY.sub(" ", text)
    return _RANGE.sub(r"\1 \3\2", text)


def number_difference(translated: str, original: str) -> tuple[list[str], list[str]]:
    """(numbers the translation states that the original does not, numbers of the original it leaves out),
    each as written."""
    mine, theirs = number_tokens(in_digits(translated)), number_tokens(in_digits(original))
    added = sorted({w for w, r in mine if not _matched(w, r, theirs)})
    dropped = sorted({w for w, r in theirs if not _matched(w, r, mine)})
    return added, dropped


def difference_text(added: list[str], dropped: list[str], other: str, subject: str = "") -> str:
    """What `number_difference` found, in words: "states 30, which the original does not; leaves out 6, which the
    original states" (`other` names the text compared with; `subject`, if given, the text that states)."""
    return "; ".join(
        part
        for part in (
            f"{subject}states {', '.join(added)}, which {other} does not" if added else "",
            f"leaves out {', '.join(dropped)}, which {other} states" if dropped else "",
        )
        if part
    )


def _matched(written: str, readings: set[float], others: list[tuple[str, set[float]]]) -> bool:
    """Whether another text states this number; one that reads as no number (a version, 1.5.2; an address,
    127.0.0.1) must be written the same."""
    return any(same_number(readings, o) if readings else written == w for w, o in others)
