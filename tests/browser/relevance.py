"""The search relevance table (tests/search/relevance.yaml) and how a query's first results are read in Chromium:
from the header's search box of the built site (results as one types), or from Material's search in an offline
bundle. Plain functions, used by tests/browser/test_search_relevance.py."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

TABLE = Path(__file__).resolve().parents[1] / "search" / "relevance.yaml"
SITES = ("en", "zh", "id")
BUNDLES = ("bundle-en", "bundle-zh", "bundle-id")
TOP = 3


@dataclass(frozen=True)
class Query:
    query: str
    case: str
    kind: str
    sites: tuple[str, ...]


def load_table(path: Path = TABLE) -> list[Query]:
    rows = yaml.safe_load(path.read_text("utf-8"))
    return [
        Query(str(r["query"]), str(r["case"]), str(r.get("kind", "")), tuple(r.get("sites") or (*SITES, *BUNDLES))) for r in rows
    ]


def case_id(href: str) -> str:
    """The case id of a result's link (`…/cases/<id>/`, `…/cases/<id>.html?h=…`), or '' for another page."""
    parts = [p for p in urlsplit(href).path.split("/") if p]
    if len(parts) >= 2 and parts[-2] == "cases":
        return posixpath.splitext(parts[-1])[0]
    return ""


def header_results(page: object, query: str) -> list[str]:
    """Type `query` into the header's search box of the open page; the case ids listed, best first."""
    box = page.locator("#ca-header-q")  # type: ignore[attr-defined]
    box.fill("")
    page.evaluate("document.querySelector('form.ca-header-search').dataset.state = ''")  # type: ignore[attr-defined]
    box.press_sequentially(query, delay=10)
    page.wait_for_function(
        "document.querySelector('form.ca-header-search').dataset.state === 'done'"  # type: ignore[attr-defined]
        " && document.querySelector('#ca-header-q').getAttribute('aria-expanded') === 'true'"
    )
    page.wait_for_timeout(300)  # a search still debounced after the last key (200 ms)
    page.wait_for_function("document.querySelector('form.ca-header-search').dataset.state === 'done'")  # type: ignore[attr-defined]
    hrefs = page.locator(".ca-header-search__option:not(.ca-header-search__all)").evaluate_all(  # type: ignore[attr-defined]
        "options => options.map(o => o.dataset.href)"
    )
    return [case_id(h) for h in hrefs]


def bundle_results(page: object, query: str) -> list[str]:
    """Type `query` into Material's search of an offline bundle's open page; the case ids of the results."""
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    box.press("End")  # Material searches on a key's release, which text typed without keys (Han) has none of
    page.wait_for_timeout(400)
    page.wait_for_function(  # type: ignore[attr-defined]  # the count of results, not "Initializing…"
        "(() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/…|\\.\\.\\./.test(m.textContent) })()"
    )
    hrefs = page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(  # type: ignore[attr-defined]
        "links => links.map(a => a.getAttribute('href'))"
    )
    seen: list[str] = []
    for cid in (case_id(h) for h in hrefs):
        if cid not in seen:
            seen.append(cid)  # Material lists a page's sections under it: one entry per page
    return seen


def precision_at_3(outcomes: list[bool]) -> float:
    return sum(outcomes) / len(outcomes) if outcomes else 0.0
