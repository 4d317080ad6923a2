"""Open data: every case as validated (cases.json) and every indicator value as a row (indicators.csv).

Languages: `indicators.csv` has a `language` column, one row per value in each language its text exists in (the
original's, then each translation's): one file a spreadsheet filters by language, with the figures, years and sources
the same in every row of a value, as they are in the translation files. `cases.json` holds each case as written
(figures once) and, under `translations`, each case's translated text by language with its state.

Both are deterministic (same content, same bytes) and written atomically: a
reader never sees half a file. In the CSV, a text cell that a spreadsheet
would run as a formula (starting with =, +, - or @) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from caseatlas import __version__
from caseatlas.atlas.model import Atlas
from caseatlas.content.translatable import merge, shape
from caseatlas.core.output_guard import write_files

CSV_COLUMNS = [
    "case",
    "country",
    "indicator",
    "indicator_name",
    "unit",
    "currency",
    "basis",
    "period",
    "year",
    "year_qualifier",
    "value",
    "qualifier",
    "source_title",
    "source_url",
    "language",
]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cases_json(atlas: Atlas) -> str:
    """Every case, as validated, sorted by id; with the format and the schema it follows."""
    cases = [atlas.cases[cid].original for cid in sorted(atlas.cases)]
    translations = {
        cid: {
            lang: {
                "state": "translated" if tr.is_current(atlas.cases[cid].original) else "stale",
                "reviewed": tr.reviewed,
                "translator": tr.translator,
                "text": tr.data,
            }
            for lang, tr in sorted(atlas.translations.get(cid, {}).items())
        }
        for cid in sorted(atlas.cases)
        if atlas.translations.get(cid)
    }
    doc = {
        "format": "caseatlas-cases",
        "version": 1,
        "generator": f"caseatlas {__version__}",
        "schema": "schema/case.schema.json",
        "count": len(cases),
        "cases": cases,
        "translations": translations,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def indicator_rows(atlas: Atlas) -> list[dict[str, str]]:
    """One row per indicator value and language, cases by id, the original's language first, values in year order."""
    rows = []
    for cid in sorted(atlas.cases):
        case = atlas.cases[cid]
        variants = [(case.language, case.original)] + [
            (lang, merge(case.original, tr.data, shape())) for lang, tr in sorted(atlas.translations.get(cid, {}).items())
        ]
        for lang, data in variants:
            rows += _rows(cid, case.country, lang, data)
    return rows


def _rows(cid: str, country: str, lang: str, data: dict[str, Any]) -> list[dict[str, str]]:
    rows = []
    sources = {s["id"]: s for s in data["sources"]}
    for ind in data.get("indicators", []):
        for v in sorted(ind["values"], key=lambda v: v["year"]):
            src = sources[v["source"]]
            raw = {
                "case": cid,
                "country": country,
                "language": lang,
                "indicator": ind["id"],
                "indicator_name": ind["name"],
                "unit": ind["unit"],
                "currency": ind.get("currency"),
                "basis": ind.get("basis"),
                "period": ind.get("period"),
                "year": v["year"],
                "year_qualifier": v.get("year_qualifier"),
                "value": v["value"],
                "qualifier": v.get("qualifier"),
                "source_title": src["title"],
                "source_url": src.get("url"),
            }
            rows.append({k: _cell(raw[k]) for k in CSV_COLUMNS})
    return rows


def indicators_csv(atlas: Atlas) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(indicator_rows(atlas))
    return out.getvalue()


def data_files(atlas: Atlas, folder: str = "open-data") -> dict[str, str]:
    """The open-data files by their path in the site."""
    return {f"{folder}/cases.json": cases_json(atlas), f"{folder}/indicators.csv": indicators_csv(atlas)}


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_data(atlas: Atlas, out: Path) -> list[Path]:
    """Write cases.json and indicators.csv into `out`, atomically as a pair (output_guard.write_files)."""
    return write_files(out, {name.lstrip("/"): text for name, text in data_files(atlas, "").items()})
