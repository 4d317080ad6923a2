"""The relevance table (tests/search/relevance.yaml) in Chromium: each query typed into the header's search box
of every language's site, and into Material's search of each language's offline bundle (everything, from
file://, no network); the case named must be among the first three results. Precision at 3 is printed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.site.bundle import make_bundle, select
from tests.browser.conftest import ROOT
from tests.browser.relevance import BUNDLES, SITES, TOP, bundle_results, header_results, load_table, precision_at_3

TABLE = load_table()


def test_the_table_is_large_and_real() -> None:
    """At least 40 queries, in each kind and script, each naming a case that exists."""
    assert len(TABLE) >= 40
    cases = {p.stem for p in (ROOT / "case_studies").glob("*/*.yaml") if p.stem.count(".") == 0}
    assert {q.case for q in TABLE} <= cases
    assert {"name", "place", "mechanism", "misspelling", "mixed"} <= {q.kind for q in TABLE}
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in q.query) for q in TABLE)
    assert all(set(q.sites) <= {*SITES, *BUNDLES} for q in TABLE)


def report(where: str, outcomes: dict[str, list[bool]], misses: list[str]) -> float:
    every = [o for by in outcomes.values() for o in by]
    for name, by in outcomes.items():
        print(f"precision@{TOP} {where} {name}: {precision_at_3(by):.1%} ({sum(by)}/{len(by)})")
    print(f"precision@{TOP} {where}, all: {precision_at_3(every):.1%} ({sum(every)}/{len(every)})")
    for miss in misses:
        print("  miss:", miss)
    return precision_at_3(every)


def test_precision_at_3_on_the_built_site(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    outcomes: dict[str, list[bool]] = {}
    misses = []
    for lang in SITES:
        page.goto(base_url + ("" if lang == "en" else f"{lang}/"))
        for q in TABLE:
            if lang in q.sites:
                got = header_results(page, q.query)
                outcomes.setdefault(lang, []).append(q.case in got[:TOP])
                if q.case not in got[:TOP]:
                    misses.append(f"{lang}: {q.query!r} wants {q.case}, got {got[:TOP]}")
    context.close()
    assert report("site", outcomes, misses) == 1.0, misses


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("bundles")
    atlas = load_atlas(ROOT / "case_studies", ROOT / "curriculum")
    out = {}
    for name in BUNDLES:
        lang = name.split("-")[1]
        make_bundle(ROOT / "mkdocs.yml", select(atlas, everything=True), work / f"{lang}.zip", language=lang)
        with zipfile.ZipFile(work / f"{lang}.zip") as zf:
            zf.extractall(work / lang)
        out[name] = work / lang
    return out


def test_precision_at_3_in_the_offline_bundles(browser: object, bundles: dict[str, Path]) -> None:
    context = browser.new_context(offline=True)  # type: ignore[attr-defined]
    page = context.new_page()
    outcomes: dict[str, list[bool]] = {}
    misses = []
    for name, folder in bundles.items():
        page.goto((folder / "index.html").as_uri())
        for q in TABLE:
            if name in q.sites:
                got = bundle_results(page, q.query)
                outcomes.setdefault(name, []).append(q.case in got[:TOP])
                if q.case not in got[:TOP]:
                    misses.append(f"{name}: {q.query!r} wants {q.case}, got {got[:TOP]}")
    context.close()
    assert report("bundle", outcomes, misses) == 1.0, misses
