"""schema.org JSON-LD for a case page: an Article `about` its mechanisms and themes, with
`spatialCoverage` (its country, region and place) and `citation` (its sources).

The script element is built with json.dumps, and `<`, `>` and `&` are written as
\\u003c, \\u003e and \\u0026, so no contributor text can close the element or open another.
"""

from __future__ import annotations

import json
from typing import Any

from caseatlas.atlas.model import Case
from caseatlas.core.vocabulary import Vocabulary, subdivision_name


def _place(case: Case) -> dict[str, Any]:
    d = case.data
    country: dict[str, Any] = {"@type": "Country", "name": case.country_name, "identifier": case.country}
    place: dict[str, Any] = country
    if d.get("subdivision"):
        place = {
            "@type": "AdministrativeArea",
            "name": subdivision_name(d["subdivision"]) or d["subdivision"],
            "identifier": d["subdivision"],
            "containedInPlace": country,
        }
    if d.get("locality"):
        place = {"@type": "Place", "name": d["locality"], "containedInPlace": place}
    if d.get("coordinates"):
        place = dict(
            place, geo={"@type": "GeoCoordinates", "latitude": d["coordinates"]["lat"], "longitude": d["coordinates"]["lon"]}
        )
    return place


def _citation(source: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "name": source["title"],
        "publisher": {"@type": "Organization", "name": source["publisher"]},
    }
    if source.get("author"):
        work["author"] = {"@type": "Person", "name": source["author"]}
    if source.get("date"):
        work["datePublished"] = source["date"]
    if source.get("url"):
        work["url"] = source["url"]
    return work


def case_jsonld(case: Case, vocab: Vocabulary) -> dict[str, Any]:
    """The case as a schema.org Article."""
    d = case.data
    about = [
        {"@type": "DefinedTerm", "name": vocab.mechanisms[m].label, "termCode": m, "inDefinedTermSet": "mechanisms"}
        for m in case.mechanisms
    ]
    about += [
        {"@type": "DefinedTerm", "name": vocab.themes[t].label, "termCode": t, "inDefinedTermSet": "themes"} for t in case.themes
    ]
    about += [
        {
            "@type": "DefinedTerm",
            "name": f"SDG {n}: {vocab.sdgs[n].label}",
            "termCode": str(n),
            "inDefinedTermSet": "https://sdgs.un.org/goals",
        }
        for n in case.sdgs
    ]
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "identifier": case.id,
        "headline": d["title"][:110],
        "name": d["title"],
        "abstract": d["summary"],
        "inLanguage": d["language"],
        "dateModified": d["last_reviewed"],
        "about": about,
        "spatialCoverage": _place(case),
        "citation": [_citation(s) for s in d["sources"]],
    }
    if d.get("names"):
        doc["alternateName"] = list(d["names"].values())
    if d.get("period"):
        p = d["period"]
        doc["temporalCoverage"] = f"{p['start']}/{p.get('end', '..')}"
    return doc


def script_tag(data: dict[str, Any]) -> str:
    """A <script type="application/ld+json"> element that nothing inside can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/ld+json">{text}</script>'


def insert_into_head(html: str, tag: str) -> str:
    """The page with `tag` just before its </head> (unchanged if it has none)."""
    at = html.find("</head>")
    return html if at < 0 else html[:at] + tag + "\n" + html[at:]
