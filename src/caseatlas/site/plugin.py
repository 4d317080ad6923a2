"""The MkDocs plugin `caseatlas`: it only wires MkDocs' events to the functions of the site stage.

setup.configure (languages, theme, staged build) → generated.generate (load → validate → render, the pages
added to MkDocs' files) → generated.page_* (what each page gets on its way) → after the default language,
languages.build_language for each other one → finishing.finish_site (search index, "save for offline").
A failing build, in any language, leaves the previous site in place (staging.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from caseatlas.core.output_guard import write_error
from caseatlas.core.strings import strings
from caseatlas.search.facets import find_strings
from caseatlas.site import generated
from caseatlas.site.finishing import SiteIndexer, finish_site
from caseatlas.site.html_page import use_html_pages
from caseatlas.site.languages import build_language, select_page_variants, translate_nav
from caseatlas.site.nav_once import draw_navigation_once
from caseatlas.site.plugin_config import PluginConfig
from caseatlas.site.setup import BuildSetup, configure
from caseatlas.site.template_cache import keep_compiled_templates
from caseatlas.site.unchanged import UnchangedFiles, dirty_rebuilds


class CaseAtlasPlugin(BasePlugin[PluginConfig]):
    root_language: str | None = None  # set by languages.build_language in the builds of the other languages
    pages: generated.LanguagePages | None = None
    _setup: BuildSetup | None = None
    _command: str | None = None
    _dirty = False
    _unchanged: UnchangedFiles | None = None  # `mkdocs serve`: pages whose content did not change
    indexer: SiteIndexer | None = None  # the root build's, also set by languages.build_language in the others

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty
        self._unchanged = UnchangedFiles()

    @event_priority(100)  # before any other plugin reads site_dir
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        full_build = self._command in ("build", "gh-deploy") and not self._dirty and self.root_language is None
        self._setup = configure(config, self.config, root_language=self.root_language, staged_build=full_build)
        self.site, self._config = self._setup.site, config
        if self.root_language is None:  # pages are fed to the index as they are built; serve's rebuilds are partial
            self.indexer = self.indexer or SiteIndexer()  # (a build started without on_startup: tests, bundles)
            self.indexer.start(feed=self.config.search_index and self._command != "serve")
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        select_page_variants(files, config, self.site)
        unchanged = self._unchanged if self._command == "serve" else None  # set by on_startup
        self.pages = generated.generate(files, config, self.config, self.site, unchanged)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        translate_nav(nav, self.site.current)
        use_html_pages(nav, files, self.pages.html_uris if self.pages else set())
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        draw_navigation_once(env)
        keep_compiled_templates(env)  # serve's rebuilds do not compile the theme again
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.pages is not None
        return generated.page_markdown(self.pages, markdown, page, Path(config.docs_dir))

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.pages is not None
        return generated.page_content(self.pages, html, page)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.site.menu:
            context["caseatlas_alternates"] = self.site.page_alternates(page.url)  # type: ignore[typeddict-unknown-key]
        # the header's search box shows results as one types, in the reader's words (partials/caseatlas-search.html)
        context["caseatlas_find_strings"] = find_strings(strings(self.site.current))  # type: ignore[typeddict-unknown-key]
        if self.pages is not None:  # how many cases the catalogue holds: a small one's results are fetched ahead
            context["caseatlas_catalogue_size"] = len(self.pages.atlas.cases)  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        assert self.pages is not None
        output = generated.post_page(self.pages, output, page)
        if self.indexer is not None:  # a language built on its own (no root build) has no index to feed
            self.indexer.add_page(output, generated.indexed_path(self.pages, page))
        return output

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir, lp = Path(config.site_dir), self.pages
        assert lp is not None and self._setup is not None
        if self.root_language is not None:
            # A web server answers a missing page with the one 404.html at the site's root. A language's own
            # would never be served, and MkDocs writes its links from "/" (there is no site_url), so that
            # its language switcher would lead outside the site.
            (site_dir / "404.html").unlink(missing_ok=True)
        elif not (self._unchanged and self._unchanged.edited_first):  # (the edited case's page first: unchanged.py)
            for lang in self.site.built:
                if lang != self.site.current:
                    build_language(config, lang, self.site.default)
            self.after_all_languages(config)
        for message in lp.links.broken(site_dir):
            generated.log.warning("caseatlas: %s: correct or remove the link", message)
        staged = self._setup.staged
        if staged and not staged.failed:
            staged.publish()
            config.site_dir, self._setup.staged = self._setup.site_dir, None

    def after_all_languages(self, config: MkDocsConfig) -> None:
        """The last steps over the whole site, once every language is built (finishing.py)."""
        lp = self.pages
        assert lp is not None and self.indexer is not None
        marked, lp.marked = lp.marked if self.config.search_index else 0, 0
        background = self._command == "serve"
        finish_site(config, self.site, lp.atlas, self.indexer, marked=marked, offline=lp.offline, background=background)

    def on_build_error(self, *, error: Exception) -> None:
        """The build failed: the staged folder is removed. A failure to write the site (a full disk, a file-size
        limit, a read-only folder) ends in one message with a hint, instead of MkDocs' traceback."""
        site_dir = self._setup.site_dir if self._setup else ""
        self._unstage()
        if isinstance(error, OSError):
            target = Path(site_dir or self._config.site_dir)  # the site, not the file being copied into it
            raise Abort(str(write_error(target, error, written="the previous site is left as it was"))) from error

    def on_shutdown(self) -> None:
        self._unstage()

    def _unstage(self) -> None:
        if self.indexer is not None and self.root_language is None:  # the root build's index: its languages feed it
            self.indexer.discard()
        if self._setup and self._setup.staged:
            self._setup.staged.discard()
            self._config.site_dir, self._setup.staged = self._setup.site_dir, None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for folder in (self.config.cases_dir, self.config.curriculum_dir, self.config.templates_dir):
            if folder and Path(folder).is_dir():
                server.watch(folder)
        if self._command == "serve" and not self._dirty:  # not `--clean`; `--dirty` needs nothing more
            dirty_rebuilds(server, builder, config, self._unchanged)  # rebuilds only what an edit changed (unchanged.py)
        return server
