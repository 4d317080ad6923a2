"""The search index of every language (fed page by page during the build; Pagefind splits it by each page's
`<html lang>`), then the last steps of a build, once every language is written: the index written,
"save for offline", then languages.after_all_languages.

In `mkdocs serve` the site folder (and the index in it) is kept between rebuilds (site/unchanged.py), and a
rebuild renders only the pages that changed: the edited page is served at once, and "Find a case" and the
offline lists catch up a few seconds later, when Pagefind has read the site folder in the background.
(A full rebuild empties the folder.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from caseatlas.atlas.model import Atlas
from caseatlas.core.errors import CaseAtlasError
from caseatlas.search.index_feed import IndexFeed
from caseatlas.search.indexer import index_site
from caseatlas.site.languages import Site, after_all_languages
from caseatlas.site.offline_save import write_offline_files

log = logging.getLogger("mkdocs.plugins.caseatlas")


class SiteIndexer:
    """The search index of one build, owned by the default language's build and shared with the others
    (languages.language_config): fed each marked page as MkDocs finishes it (index_feed.py), written once every
    language is built. In `mkdocs serve`, whose rebuilds render only the pages that changed, Pagefind reads the
    whole site folder instead, then what needs the index runs (the offline lists), in the background: one run at a
    time, and a rebuild while one runs has the next start after it with the newest request (a rebuild never waits)."""

    def __init__(self) -> None:
        self._feed: IndexFeed | None = None
        self._thread: threading.Thread | None = None
        self._next: tuple[Path | None, Callable[[], None] | None] | None = None
        self._lock = threading.Lock()

    def start(self, *, feed: bool) -> None:
        """A build begins: a new feed when its pages are to be fed (what a failed build left is stopped)."""
        self.discard()
        self._feed = IndexFeed() if feed else None

    def add_page(self, output: str, path: str | None) -> None:
        """Hand a page's final HTML to the index; `path` (its file in the whole site) is None for a page not marked."""
        if self._feed is None or path is None:
            return
        try:
            self._feed.add_page(output, path)
        except CaseAtlasError as exc:
            self.discard()
            raise PluginError(f"caseatlas: search index: {exc}") from None

    def discard(self) -> None:
        """Stop Pagefind without writing (the build failed, or ended)."""
        feed, self._feed = self._feed, None
        if feed is not None:
            feed.close()

    def index(self, site_dir: Path, *, background: bool, marked: int, then: Callable[[], None] | None = None) -> None:
        """Write the fed index, or (no feed: `mkdocs serve`) have Pagefind read `site_dir` when `marked` case pages
        were built; then call `then`."""
        feed, self._feed = self._feed, None
        if feed is not None and not feed.pages:  # no case page was marked: no index, as before
            feed.close()
            feed = None
        if feed is None and background:
            with self._lock:
                self._next = (site_dir if marked else None, then)
                if self._thread is None:
                    self._thread = threading.Thread(target=self._in_background, daemon=True)
                    self._thread.start()
            return
        if feed is not None or marked:
            try:
                report = feed.write(site_dir) if feed is not None else index_site(site_dir)
            except CaseAtlasError as exc:
                raise PluginError(f"caseatlas: search index: {exc}") from None
            log.info(
                "caseatlas: indexed %d case pages in %d languages for search in %.1f s%s",
                report.pages,
                report.languages,
                report.seconds,
                f" after the build (fed while it ran; Pagefind's peak {report.peak_mb:.0f} MB)" if feed is not None else "",
            )
        if then is not None:
            then()

    def wait(self) -> None:
        """Until the background runs asked for so far are done (tests)."""
        thread = self._thread
        while thread is not None:
            thread.join()
            with self._lock:
                thread = self._thread

    def _in_background(self) -> None:
        while True:
            with self._lock:
                job, self._next = self._next, None
                if job is None:
                    self._thread = None
                    return
            site_dir, then = job
            try:
                if site_dir is not None:
                    report = index_site(site_dir)
                    log.info("caseatlas: search index updated (%d case pages) in %.1f s", report.pages, report.seconds)
                if then is not None:
                    then()
            except (CaseAtlasError, OSError) as exc:  # a rebuild may have emptied the folder meanwhile: the next one runs
                log.info("caseatlas: search index not updated: %s", exc)


def finish_site(
    config: MkDocsConfig, site: Site, atlas: Atlas, indexer: SiteIndexer, *, marked: int, offline: bool, background: bool
) -> None:
    """Write the search index of the whole site (fed during the build; in `mkdocs serve`, when `marked` case pages
    were built, read from the site folder), the "save for offline" files (after the index, whose files they list;
    in the background too when `background`), then the steps of languages.after_all_languages."""
    site_dir = Path(config.site_dir)
    roots = {lang: site.root(lang) for lang in site.built}
    modules = {mid: list(m.case_ids) for mid, m in atlas.modules.items()}

    def save_for_offline() -> None:
        report = write_offline_files(site_dir, roots, modules, list(atlas.cases), config.site_name)
        log.info("caseatlas: save for offline: %d items, build %s", report.items, report.build)

    indexer.index(site_dir, background=background, marked=marked, then=save_for_offline if offline else None)
    after_all_languages(config, site)
