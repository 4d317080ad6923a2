"""The last steps of a build, once every language is written: the search index of every language (Pagefind
splits it by each page's `<html lang>`), "save for offline", then languages.after_all_languages.

In `mkdocs serve --dirty` the site folder (and the index in it) is kept between rebuilds: the edited page is
served at once, and "Find a case" catches up a few seconds later, in the background. (A full rebuild empties
the folder.)
"""

from __future__ import annotations

import logging
import threading
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
    """Runs Pagefind over the built site: at once, or (in `serve --dirty`) in the background, one at a time."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None

    def index(self, site_dir: Path, *, background: bool) -> None:
        if background:
            if self._thread is not None:
                self._thread.join()  # one Pagefind at a time on the site folder
            self._thread = threading.Thread(target=self._in_background, args=(site_dir,), daemon=True)
            self._thread.start()
            return
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

    def _in_background(self, site_dir: Path) -> None:
        try:
            report = index_site(site_dir)
        except (CaseAtlasError, OSError) as exc:  # a rebuild may have emptied the folder meanwhile: the next one indexes
            log.info("caseatlas: search index not updated: %s", exc)
            return
        log.info("caseatlas: search index updated (%d case pages) in %.1f s", report.pages, report.seconds)


def finish_site(
    config: MkDocsConfig, site: Site, atlas: Atlas, indexer: SiteIndexer | None, *, offline: bool, background: bool
) -> None:
    """Index the whole site (when `indexer` is given: case pages were marked), write the "save for offline"
    files, then the steps of languages.after_all_languages."""
    site_dir = Path(config.site_dir)
    if indexer is not None:
        indexer.index(site_dir, background=background)
    if offline:
        report = write_offline_files(
            site_dir,
            {lang: site.root(lang) for lang in site.built},
            {mid: list(m.case_ids) for mid, m in atlas.modules.items()},
            list(atlas.cases),
            config.site_name,
        )
        log.info("caseatlas: save for offline: %d items, build %s", report.items, report.build)
    after_all_languages(config, site)
