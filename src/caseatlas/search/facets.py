"""What the search index knows about each case: facet values, result metadata, and the markup that carries them.

Pagefind reads this markup from the built case pages. Inside `data-pagefind-body` are two parts:
the case's catalogue record (`.ca-catalogue`, hidden: title, names in other languages, place,
summary) and the article (`.ca-article`, the whole page). search_index builds one index of each
part: the catalogue index answers a first query in a few hundred KB even at 10,000 cases; the
full-text index is fetched when a reader asks for it. Hidden `data-pagefind-filter` /
`data-pagefind-meta` spans carry the facets (country, mechanism, theme, SDG, language, module)
and the title, country and summary a result shows. The "Find a case" page lists the same facet
values with their counts, so both come from `case_facets` here.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from caseatlas.atlas.model import Atlas, Case
from caseatlas.core import markup
from caseatlas.core.strings import language_label
from caseatlas.core.vocabulary import country_name

FACETS = ("country", "mechanism", "theme", "sdg", "language", "module")


@dataclass(frozen=True)
class CaseSearchData:
    """The facet values and result metadata of one case page."""

    facets: dict[str, list[str]]
    meta: dict[str, str]
    catalogue: list[tuple[str, str] | tuple[str, str, int]] = field(default_factory=list)
    """The catalogue record's lines: (BCP 47 language or "", text[, Pagefind weight])."""


def case_facets(atlas: Atlas, case: Case, t: dict[str, Any]) -> dict[str, list[str]]:
    """The value(s) of each facet for one case, as readers see them."""
    v = atlas.vocabulary
    lang = case.data.get("language")
    modules = getattr(atlas, "modules_by_case", {}).get(case.id, [])
    return {
        "country": [case.country_name],
        "mechanism": [v.mechanisms[m].label for m in case.mechanisms],
        "theme": [v.themes[x].label for x in case.themes],
        "sdg": [sdg_label(n, atlas, t) for n in case.sdgs],
        "language": [language_label(lang, t)] if lang else [],
        "module": [str(m.title) for m in modules],
    }


def sdg_label(n: int, atlas: Atlas, t: dict[str, Any]) -> str:
    return f"{t['sdg_short']} {n}: {atlas.vocabulary.sdgs[n].label}"


def plain_text(markdown_text: str) -> str:
    """Contributor Markdown as one line of plain text (for a result's summary)."""
    rendered = re.sub(r"</?(p|div|li|ul|ol|br|h\d|blockquote|pre)\b[^>]*>", " ", str(markup.prose(markdown_text)))
    rendered = re.sub(r"<[^>]+>", "", rendered)
    return " ".join(html.unescape(rendered).split())


# Weights of the catalogue's lines (Pagefind's default for a paragraph is 1): a case's name, in any language,
# counts most; its place next; its summary as any text.
NAME_WEIGHT, PLACE_WEIGHT = 7, 3


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def spaced_han(text: str) -> str:
    """Han characters one by one, as separate words. Pagefind segments Chinese only on pages in Chinese; on the
    other sites a run of Han characters would be one word, which a query for a part of it (刺绣 in
    妇女刺绣工坊) cannot find. The finder splits a Han query the same way on those sites (caseatlas-find.js)."""
    return _HAN.sub(lambda m: f" {' '.join(m.group())} ", text).strip()


def other_languages(atlas: Atlas, case: Case) -> list[tuple[str, dict[str, Any]]]:
    """The case as written in each language other than the one its page is shown in: (language, fields)."""
    out: list[tuple[str, dict[str, Any]]] = []
    if case.language != case.shown_in:
        out.append((case.language, case.original))
    for lang, tr in sorted(atlas.translations.get(case.id, {}).items()):
        if lang != case.shown_in and lang != case.language:
            out.append((lang, tr.data))
    return out


def case_search_data(atlas: Atlas, t: dict[str, Any], pagefind: bool = True) -> dict[str, CaseSearchData]:
    """For each case page (`cases/<id>.md`), what the index records about it.

    The catalogue carries the case's title and place in every language it is written in, its names in other
    languages and its country's name in each of them, so a query in any script finds it on every language's site."""
    out = {}
    for c in atlas.cases.values():
        summary = plain_text(c.data["summary"])
        names = [(str(lang), str(name), NAME_WEIGHT) for lang, name in c.data.get("names", {}).items()]
        place = ", ".join(str(x) for x in (c.data.get("locality"), c.country_name) if x)
        mechanisms = ", ".join(atlas.vocabulary.mechanisms[m].label for m in c.mechanisms)
        elsewhere: list[tuple[str, str] | tuple[str, str, int]] = []
        for lang, data in other_languages(atlas, c):
            elsewhere.append((lang, str(data.get("title", c.title)), NAME_WEIGHT))
            where = ", ".join(str(x) for x in (data.get("locality"), country_name(c.country, lang)) if x)
            elsewhere.append((lang, where, PLACE_WEIGHT))
        lines = [("", c.title, NAME_WEIGHT), *names, *elsewhere, ("", place, PLACE_WEIGHT), ("", mechanisms), ("", summary)]
        if pagefind and c.shown_in.split("-")[0] != "zh":
            lines = [(line[0], spaced_han(line[1]), *line[2:]) for line in lines]
        out[f"cases/{c.id}.md"] = CaseSearchData(
            case_facets(atlas, c, t),
            {"title": c.title, "country": c.country_name, "summary": summary},
            lines,
        )
    return out


def facet_counts(atlas: Atlas, t: dict[str, Any]) -> dict[str, list[tuple[str, int]]]:
    """Every facet value with the number of cases that have it: most common first (goals in number order).

    Facets no case has a value for (e.g. modules on a site without any) are left out."""
    counts: dict[str, Counter[str]] = {f: Counter() for f in FACETS}
    for case in atlas.cases.values():
        for facet, values in case_facets(atlas, case, t).items():
            counts[facet].update(set(values))
    sdg_order = {sdg_label(n, atlas, t): n for n in atlas.vocabulary.sdgs}
    out = {}
    for facet, counter in counts.items():
        if not counter:
            continue
        key = (lambda kv: sdg_order[kv[0]]) if facet == "sdg" else (lambda kv: (-kv[1], kv[0].lower()))
        out[facet] = sorted(counter.items(), key=key)
    return out


def find_strings(t: dict[str, Any]) -> str:
    """The words the "Find a case" script shows, as JSON for a data attribute."""
    keys = (
        "find_prompt",
        "find_loading",
        "find_none",
        "find_missing",
        "find_try_text",
        "find_count_one",
        "find_count",
        "find_remove",
        "find_unavailable",
        "find_results",
        "find_all",
        "find_too_long",
        "find_unknown_filter",
        "find_open",
    )
    return json.dumps({k.removeprefix("find_"): t[k] for k in keys}, ensure_ascii=False)


# The marks mark_case writes, which the feed to Pagefind finds again (index_feed.indexed_part, without_article).
BODY = "<div data-pagefind-body>"
ARTICLE = '<div class="ca-article">'
ARTICLE_END = "</div>\n</div>\n"  # the article's end, then the body's
DATA = '<div class="ca-search-data" hidden>'


def mark_case(page_html: str, data: CaseSearchData) -> str:
    """A case page's HTML marked for Pagefind: the article is the indexed body, facets and metadata ride along hidden."""
    spans = [
        f'<span data-pagefind-filter="{facet}:{_attr(value)}"></span>'
        for facet, values in data.facets.items()
        for value in values
    ]
    spans += [f'<span data-pagefind-meta="{key}:{_attr(value)}"></span>' for key, value in data.meta.items()]
    lines = "".join(_line(*line) for line in data.catalogue)
    return (
        f'{BODY}\n<div class="ca-catalogue" hidden>{lines}</div>\n'
        f"{ARTICLE}\n{page_html}\n{ARTICLE_END}"
        f"{DATA}{''.join(spans)}</div>\n"
    )


def catalogue_block(data: CaseSearchData) -> str:
    """The catalogue record alone, hidden, for Material's search (an offline bundle): what a case is called and
    where it is, in every language, without Pagefind's markup."""
    return f'\n<div class="ca-catalogue" hidden>{"".join(_line(line[0], line[1]) for line in data.catalogue)}</div>\n'


def _line(lang: str, text: str, weight: int = 0) -> str:
    attrs = (f' lang="{_attr(lang)}"' if lang else "") + (f' data-pagefind-weight="{weight}"' if weight else "")
    return f"<p{attrs}>{_attr(text)}</p>"


def _attr(value: str) -> str:
    # The same escaping as every printed value (numeric entities for HTML and Markdown characters, `=` included).
    return str(markup.inline(value))
