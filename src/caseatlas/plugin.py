"""The MkDocs plugin: thin glue from MkDocs events to load → validate → render.

It also stages `mkdocs build` (staging.py), so a failing build leaves the previous
site in place, marks case pages for search and indexes the built site with Pagefind
(search_facets.py, search_index.py), and checks the raw-HTML links of every page
(linkcheck.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .errors import CaseAtlasError
from .export import data_files
from .jsonld import case_jsonld, insert_into_head, script_tag
from .linkcheck import LinkIndex
from .model import Atlas
from .pages import Renderer, static_files
from .pipeline import load_atlas
from .search_facets import CaseSearchData, case_search_data, mark_case
from .search_index import index_site
from .staging import StagedBuild, stage
from .strings import strings

log = logging.getLogger("mkdocs.plugins.caseatlas")
MAP_PLACEHOLDER = "<!-- caseatlas:world-map -->"


class PluginConfig(base.Config):
    cases_dir = opt.Dir(exists=True, default="case_studies")
    """Folder of case study files, `<country>/<id>.yaml`, relative to mkdocs.yml."""
    curriculum_dir = opt.Dir(exists=False, default="curriculum")
    """Folder of course module files, `<id>.yaml`, relative to mkdocs.yml; a site without it builds without modules."""
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
    atlas: Atlas | None = None
    renderer: Renderer | None = None
    _search: dict[str, CaseSearchData] = {}
    _marked = 0
    _command: str | None = None
    _dirty = False
    _staged: StagedBuild | None = None
    _site_dir = ""
    _links = LinkIndex()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty

    @event_priority(100)  # before any other plugin reads site_dir
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._links = LinkIndex()
        self._config = config
        if self._command in ("build", "gh-deploy") and not self._dirty:
            self._staged = stage(Path(config.site_dir), strict=bool(config.strict))
            if self._staged:
                self._site_dir, config.site_dir = config.site_dir, str(self._staged.folder)
                log.info("caseatlas: building into %s, which replaces %s if the build succeeds",
                         self._staged.folder.name, self._site_dir)
        return config

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        data = self._search.get(page.file.src_uri)
        if data is not None:  # a case page: marked for the search index
            self._marked += 1
            html = mark_case(html, data)
        # Hand-written pages link in Markdown, which MkDocs checks; generated pages carry raw HTML.
        self._links.add_page(page.file.src_uri, page.url, html, check=page.file.generated_by is not None)
        return html

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._index(Path(config.site_dir))
        for message in self._links.broken(Path(config.site_dir)):
            log.warning("caseatlas: %s: correct or remove the link", message)
        if self._staged and not self._staged.failed:
            self._staged.publish()
            config.site_dir, self._staged = self._site_dir, None

    def on_build_error(self, *, error: Exception) -> None:
        self._unstage()

    def on_shutdown(self) -> None:
        self._unstage()

    def _unstage(self) -> None:
        if self._staged:
            self._staged.discard()
            self._config.site_dir, self._staged = self._site_dir, None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        try:
            self.atlas = load_atlas(Path(self.config.cases_dir), Path(self.config.curriculum_dir),
                                    allow_synthetic=self.config.allow_synthetic)
            self.renderer = Renderer(self.atlas, self.config.language, _optional_path(self.config.templates_dir),
                                     config.use_directory_urls)
            pages = list(self.renderer.pages())
            self._search = case_search_data(self.atlas, strings(self.config.language)) if self.config.search_index else {}
        except CaseAtlasError as exc:
            raise PluginError(f"caseatlas: the content has problems:\n{exc}") from None
        generated = [(p.src_uri, p.content) for p in pages] + list(static_files().items()) + list(data_files(self.atlas).items())
        for src_uri, content in generated:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"caseatlas: docs/{src_uri} is generated from the case studies and modules; "
                                  "remove the hand-written file")
            files.append(File.generated(config, src_uri, content=content))
        log.debug("caseatlas: generated %d pages from %d cases and %d modules",
                  len(pages), len(self.atlas.cases), len(self.atlas.modules))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A hand-written page shows the world map where it says `<!-- caseatlas:world-map -->`."""
        if MAP_PLACEHOLDER in markdown and self.renderer is not None:
            block = self.renderer.world_map(page.file.src_uri).content
            markdown = markdown.replace(MAP_PLACEHOLDER, "\n" + block + "\n", 1)
        return markdown

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Each case page carries its schema.org JSON-LD in <head>."""
        uri = page.file.src_uri
        if self.atlas is not None and uri.startswith("cases/") and uri.endswith(".md"):
            case = self.atlas.cases.get(uri[len("cases/"):-3])
            if case is not None:
                output = insert_into_head(output, script_tag(case_jsonld(case, self.atlas.vocabulary)))
        return output

    def _index(self, site_dir: Path) -> None:
        """Index the built site for "Find a case", once every page is written."""
        marked, self._marked = self._marked, 0
        if not (self.config.search_index and marked):
            return
        try:
            report = index_site(site_dir)
        except CaseAtlasError as exc:
            raise PluginError(f"caseatlas: search index: {exc}") from None
        log.info("caseatlas: indexed %d case pages for search in %.1f s", report.pages, report.seconds)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.config.cases_dir)
        if Path(self.config.curriculum_dir).is_dir():
            server.watch(self.config.curriculum_dir)
        if self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server


def _optional_path(value: str | None) -> Path | None:
    return Path(value) if value else None
