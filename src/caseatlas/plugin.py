"""The MkDocs plugin: thin glue from MkDocs events to load → validate → render."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .errors import CaseAtlasError
from .pages import render_pages, static_files
from .pipeline import load_atlas
from .search_facets import CaseSearchData, case_search_data, mark_case
from .search_index import index_site
from .strings import strings

log = logging.getLogger("mkdocs.plugins.caseatlas")


class PluginConfig(base.Config):
    cases_dir = opt.Dir(exists=True, default="case_studies")
    """Folder of case study files, `<country>/<id>.yaml`, relative to mkdocs.yml."""
    templates_dir = opt.Optional(opt.Dir(exists=True))
    """Folder whose `caseatlas/*.j2` templates replace the packaged ones."""
    language = opt.Type(str, default="en")
    """Language of the interface words on generated pages (BCP 47)."""
    allow_synthetic = opt.Type(bool, default=False)
    """Accept cases marked `synthetic: true`; only benchmarks and tests set this."""
    search_index = opt.Type(bool, default=True)
    """Mark case pages and index the built site with Pagefind for "Find a case". Switch off for a build
    that uses Material's own search instead (the offline bundle: add the `search` plugin there)."""


class CaseAtlasPlugin(BasePlugin[PluginConfig]):
    def __init__(self) -> None:
        self._search: dict[str, CaseSearchData] = {}
        self._marked = 0

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            atlas = load_atlas(Path(self.config.cases_dir), allow_synthetic=self.config.allow_synthetic)
            pages = render_pages(atlas, self.config.language, _optional_path(self.config.templates_dir))
            self._search = case_search_data(atlas, strings(self.config.language)) if self.config.search_index else {}
        except CaseAtlasError as exc:
            raise PluginError(f"caseatlas: the content has problems:\n{exc}") from None
        generated = [(p.src_uri, p.content) for p in pages] + list(static_files().items())
        for src_uri, content in generated:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"caseatlas: docs/{src_uri} is generated from the case studies; remove the hand-written file")
            files.append(File.generated(config, src_uri, content=content))
        log.debug("caseatlas: generated %d pages from %d cases", len(pages), len(atlas.cases))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        data = self._search.get(page.file.src_uri)
        if data is None:
            return html
        self._marked += 1
        return mark_case(html, data)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        marked, self._marked = self._marked, 0
        if not (self.config.search_index and marked):
            return
        try:
            report = index_site(Path(config.site_dir))
        except CaseAtlasError as exc:
            raise PluginError(f"caseatlas: search index: {exc}") from None
        log.info("caseatlas: indexed %d case pages for search in %.1f s", report.pages, report.seconds)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.config.cases_dir)
        if self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server


def _optional_path(value: str | None) -> Path | None:
    return Path(value) if value else None
