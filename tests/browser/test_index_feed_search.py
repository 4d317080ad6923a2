"""Pages fed to the index during a build are found by Pagefind's own search (its JS API, in Chromium); a page
that was not marked is not."""

from __future__ import annotations

from pathlib import Path

from caseatlas.search.index_feed import IndexFeed
from tests.sitebuild import serve
from tests.test_index_feed import PAGE, case_page

SEARCH = """async ([bundle, query]) => {
  const pf = await import(bundle + "pagefind.js");
  const found = await pf.search(query);
  return Promise.all(found.results.map(async (r) => (await r.data()).url));
}"""


def test_a_fed_page_is_found_and_an_unmarked_one_is_not(tmp_path: Path, browser: object) -> None:
    feed = IndexFeed()
    feed.add_page(case_page("en", "Desa Cerdas", "Pelatihan koperasi"), "cases/desa/index.html")
    feed.add_page(PAGE.format(lang="en", body="<h1>Home</h1><p>Kelurahan unmarked</p>"), "index.html")
    feed.write(tmp_path)
    (tmp_path / "index.html").write_text(PAGE.format(lang="en", body="<h1>Home</h1>"), "utf-8")
    with serve(tmp_path) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        try:
            page.goto(url)
            assert page.evaluate(SEARCH, [url + "pagefind-text/", "koperasi"]) == ["/cases/desa/"]
            assert page.evaluate(SEARCH, [url + "pagefind/", "cerdas"]) == ["/cases/desa/"]
            assert page.evaluate(SEARCH, [url + "pagefind/", "koperasi"]) == []  # the article is not in the catalogue
            assert page.evaluate(SEARCH, [url + "pagefind-text/", "kelurahan"]) == []  # never sent
            assert page.evaluate(SEARCH, [url + "pagefind-text/", "menu"]) == []  # outside the marked part
        finally:
            page.close()
