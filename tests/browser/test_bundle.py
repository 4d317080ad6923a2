"""An unzipped module bundle, opened from file:// in Chromium with networking off: search finds a case, which opens."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from caseatlas.atlas.pipeline import load_atlas
from caseatlas.site.bundle import make_bundle, select
from tests.browser.conftest import ROOT, PageWatch

MODULE = "targeted-poverty-alleviation-study-visit"


@pytest.fixture(scope="module")
def bundle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    atlas = load_atlas(ROOT / "case_studies", ROOT / "curriculum")
    make_bundle(ROOT / "mkdocs.yml", select(atlas, module=MODULE), work / "atlas.zip")
    with zipfile.ZipFile(work / "atlas.zip") as zf:
        zf.extractall(work / "unzipped")
    return work / "unzipped"


class Offline(PageWatch):
    """A page in a context with networking off, where any request for something not on file:// is refused
    (and recorded)."""

    def __init__(self, context: object) -> None:
        self.left: list[str] = []
        self.loaded: list[str] = []
        context.route("**/*", self._route)  # type: ignore[attr-defined]
        super().__init__(context.new_page())  # type: ignore[attr-defined]

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith("file://"):
            self.loaded.append(url)
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.left.append(url)
            route.abort()  # type: ignore[attr-defined]


@pytest.fixture
def offline(browser: object) -> Iterator[Offline]:
    context = browser.new_context(offline=True)  # type: ignore[attr-defined]
    yield Offline(context)
    context.close()


def test_a_module_bundle_searches_and_opens_a_case_from_file_with_no_network(bundle_dir: Path, offline: Offline) -> None:
    page = offline.page
    page.goto((bundle_dir / "index.html").as_uri())
    assert page.locator("form.ca-header-search").count() == 0  # "Find a case" needs a web server: not in a bundle
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Shibadong", delay=30)  # Material searches as the reader types
    hit = page.locator(".md-search-result__item a", has_text="Shibadong village, Hunan").first
    hit.wait_for(timeout=20_000)
    assert urlsplit(hit.get_attribute("href") or "").path.endswith("/cases/shibadong.html")  # ?h=: words highlighted
    hit.click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/cases/shibadong.html"))
    assert page.locator("h1").inner_text().startswith("Shibadong village, Hunan")
    # From the case, its module and the module's handout, by the links a reader follows.
    page.locator("article a[href$='modules/targeted-poverty-alleviation-study-visit/index.html']").first.click()
    page.wait_for_url(f"**/modules/{MODULE}/index.html")
    page.locator("article a[href$='handout.html']").first.click()
    page.wait_for_url(f"**/modules/{MODULE}/handout.html")
    assert offline.left == []  # no request left the machine
    assert all(u.startswith(bundle_dir.as_uri()) for u in offline.loaded)  # nothing outside the bundle either
    assert any("/search/search_index.js" in u for u in offline.loaded)
    assert offline.console_errors == [] and offline.failed_requests == []
