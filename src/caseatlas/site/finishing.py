"""The last steps of a build, once every language is written: the search index of every language (Pagefind
splits it by each page's `<html lang>`), "save for offline", then languages.after_all_languages.

In `mkdocs serve` the site folder (and the index in it) is kept between rebuilds (site/unchanged.py): the edited
page is served at once, and "Find a case" and the offline lists catch up a few seconds later, in the background.
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
from caseatlas.search.indexer import index_site
from caseatlas.site.languages import Site, after_all_languages
from caseatlas.site.offline_save import write_offline_files

log = logging.getLogger("mkdocs.plugins.caseatlas")


class SiteIndexer:
    """Runs Pagefind over the built site, then what needs the index (the offline lists): at once, or (in `mkdocs
    serve`) in the background, one run at a time; a rebuild while one runs has the next run start after it, with
    the newest request (a rebuild never waits for the previous one's index)."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._next: tuple[Path | None, Callable[[], None] | None] | None = None
        self._lock = threading.Lock()

    def index(self, site_dir: Path | None, *, background: bool, then: Callable[[], None] | None = None) -> None:
        """Index `site_dir` (None: leave the index as it is), then call `then`."""
        if background:
            with self._lock:
                self._next = (site_dir, then)
                if self._thread is None:
                    self._thread = threading.Thread(target=self._in_background, daemon=True)
                    self._thread.start()
            return
        if site_dir is not None:
            try:
                report = index_site(site_dir)
            except CaseAtlasError as exc:
                raise PluginError(f"caseatlas: search index: {exc}") from None
            log.info(
                "caseatlas: indexed %d case pages in %d languages for search in %.1f s",
                report.pages,
                report.languages,
                report.seconds,
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
    config: MkDocsConfig, site: Site, atlas: Atlas, indexer: SiteIndexer, *, reindex: bool, offline: bool, background: bool
) -> None:
    """Index the whole site (when `reindex`: case pages were marked), write the "save for offline" files (in the
    background too, after the index, when `background`), then the steps of languages.after_all_languages."""
    site_dir = Path(config.site_dir)
    roots = {lang: site.root(lang) for lang in site.built}
    modules = {mid: list(m.case_ids) for mid, m in atlas.modules.items()}

    def save_for_offline() -> None:  # the lists hold each file's revision, the index's too: after the index
        report = write_offline_files(site_dir, roots, modules, list(atlas.cases), config.site_name)
        log.info("caseatlas: save for offline: %d items, build %s", report.items, report.build)

    if reindex or offline:
        indexer.index(site_dir if reindex else None, background=background, then=save_for_offline if offline else None)
    after_all_languages(config, site)
