"""The MkDocs plugin: thin glue from MkDocs events to load → validate → render, in every language of the site.

The default language's build (a normal `mkdocs build`) builds each other language into
<site>/<lang>/ when it ends (languages.py), then indexes the whole site with Pagefind for
"Find a case" (search_facets.py marks the case pages, search_index.py runs Pagefind).
It also stages `mkdocs build` (staging.py), so a failing build, in any language, leaves the
previous site in place, and checks the raw-HTML links of every page (linkcheck.py).
"""

from __future__ import annotations

import logging
import threading
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from caseatlas.atlas.glossary import mark_first_uses
from caseatlas.atlas.model import Atlas
from caseatlas.atlas.open_data import data_files
from caseatlas.atlas.pipeline import load_atlas
from caseatlas.atlas.status import page_status
from caseatlas.content.page_translations import PageTranslation, page_translations
from caseatlas.core.errors import CaseAtlasError, ContentError
from caseatlas.core.file_cache import FileCache
from caseatlas.core.output_guard import write_error
from caseatlas.core.regular_files import irregular_entries
from caseatlas.core.strings import languages, strings
from caseatlas.outputs.site_downloads import download_files
from caseatlas.render.jsonld import case_jsonld, insert_into_head, script_tag
from caseatlas.render.language_marks import foreign_pages, mark_language
from caseatlas.render.notices import notice, with_notices
from caseatlas.render.pages import Renderer, static_files
from caseatlas.search.facets import CaseSearchData, case_search_data, catalogue_block, find_strings, mark_case
from caseatlas.search.indexer import index_site
from caseatlas.search.words import add_search_words
from caseatlas.site.contribute_page import contribute_files
from caseatlas.site.languages import Site, after_all_languages, build_language, select_page_variants, translate_nav
from caseatlas.site.linkcheck import LinkIndex
from caseatlas.site.navigation import nav_without
from caseatlas.site.offline_save import head_tags, page_script_tag, write_offline_files
from caseatlas.site.staging import StagedBuild, stage
from caseatlas.site.unchanged import UnchangedFiles

log = logging.getLogger("mkdocs.plugins.caseatlas")
FILES = FileCache()
"""Parsed and checked content files, shared by the builds of every language and kept between the rebuilds of
`mkdocs serve`: a rebuild reads again only the files that changed (file_cache.py)."""
MAP_PLACEHOLDER = "<!-- caseatlas:world-map -->"
FIND_PAGE = "find/index.md"  # "Find a case": generated only when the site has its search index


class PluginConfig(base.Config):
    cases_dir = opt.Dir(exists=True, default="case_studies")
    """Folder of case study files, `<country>/<id>.yaml`, relative to mkdocs.yml."""
    curriculum_dir = opt.Dir(exists=False, default="curriculum")
    """Folder of course module files, `<id>.yaml`, relative to mkdocs.yml; a site without it builds without modules."""
    templates_dir = opt.Optional(opt.Dir(exists=True))
    """Folder whose `caseatlas/*.j2` templates replace the packaged ones."""
    language = opt.Type(str, default="en")
    """Language of this build; the site's default language, at the root of the site (BCP 47)."""
    languages = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """Languages of the site; each other than `language` is built into <site_dir>/<lang>/. Default: every language
    with interface words in strings.yaml."""
    allow_synthetic = opt.Type(bool, default=False)
    """Accept cases marked `synthetic: true`; only benchmarks and tests set this."""
    search_index = opt.Type(bool, default=True)
    """Mark case pages and index the built site with Pagefind for "Find a case". Switch off for a build
    that uses Material's own search instead (the offline bundle: add the `search` plugin there); the "Find a case"
    page, which needs the index, is then left out of the site and its nav."""
    only_language = opt.Optional(opt.Type(str))
    """Build only this one of `languages`, at the root of site_dir, without a language menu (an offline bundle).
    Hand-written pages are still read as written in `language`, with their translations."""
    course_packs = opt.Type(bool, default=True)
    """Build each module's course pack (PDF) and calendar with the site, offered on the module's page."""
    only_cases = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """Publish only these cases (ids); every case is still validated. Default: every case."""
    only_modules = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """Publish only these course modules (ids), each of whose cases must be published. Default: every module."""
    offline_save = opt.Type(bool, default=True)
    """Module and case pages offer "save for offline" (a service worker, offline_save.py) and every page links the
    web app manifest. Only in a site of every language with directory URLs: an offline bundle (file://) has none."""


class CaseAtlasPlugin(BasePlugin[PluginConfig]):
    atlas: Atlas | None = None
    renderer: Renderer | None = None
    root_language: str | None = None  # set by languages.build_language in the builds of the other languages
    _search: dict[str, CaseSearchData] = {}
    _marked = 0
    _command: str | None = None
    _dirty = False
    _staged: StagedBuild | None = None
    _site_dir = ""
    _links = LinkIndex()
    _indexer: threading.Thread | None = None

    @property
    def language_build(self) -> bool:
        return self.root_language is not None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty
        self._unchanged = UnchangedFiles()

    @event_priority(100)  # before any other plugin reads site_dir
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        wanted = self.config.languages or languages()
        only = self.config.only_language
        unknown = [lang for lang in [*wanted, *([only] if only else [])] if lang not in languages()]
        if unknown:
            raise PluginError(
                f"caseatlas: no interface words for {', '.join(unknown)} (hint: add a mapping to "
                "src/caseatlas/data/strings.yaml, or remove it from the plugin's `languages`)"
            )
        default = self.root_language or self.config.language
        self.site = Site(default, tuple(dict.fromkeys([default, *wanted])), only or self.config.language, alone=bool(only))
        config.theme["language"] = self.site.current
        config.extra["alternate"] = self.site.root_alternates() if self.site.menu else config.extra.get("alternate")
        if not self.config.search_index and config.nav:
            config.nav = nav_without(config.nav, {FIND_PAGE})
        theme_dir = str(resources.files("caseatlas").joinpath("theme"))
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        self._links = LinkIndex()
        self._config = config
        # MkDocs walks docs/ following every link once this returns: a link to "/" would have it list the whole disk.
        irregular = irregular_entries(Path(config.docs_dir))
        if irregular:
            raise PluginError("caseatlas: the content has problems:\n" + "\n".join(map(str, irregular)))
        # The other languages are built inside the default one's (staged) site folder.
        if self._command in ("build", "gh-deploy") and not self._dirty and not self.language_build:
            self._staged = stage(Path(config.site_dir), strict=bool(config.strict))
            if self._staged:
                self._site_dir, config.site_dir = config.site_dir, str(self._staged.folder)
                log.info(
                    "caseatlas: building into %s, which replaces %s if the build succeeds",
                    self._staged.folder.name,
                    self._site_dir,
                )
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        lang, docs_dir = self.site.current, Path(config.docs_dir)
        self.variants = select_page_variants(files, config, self.site)
        try:
            found, problems = page_translations(docs_dir, list(self.site.languages))
            if problems:
                raise ContentError(problems)
            self.page_translations: dict[str, PageTranslation] = {t.base: t for t in found if t.language == lang}
            self.atlas = load_atlas(
                Path(self.config.cases_dir),
                Path(self.config.curriculum_dir),
                allow_synthetic=self.config.allow_synthetic,
                language=lang,
                cache=FILES,
            )
            if self.config.only_cases is not None or self.config.only_modules is not None:
                self.atlas = self.atlas.subset(self.config.only_cases, self.config.only_modules)
            site_languages = list(self.site.languages)
            self.renderer = Renderer(
                self.atlas,
                lang,
                _optional_path(self.config.templates_dir),
                config.use_directory_urls,
                site_languages,
                page_status(docs_dir, site_languages, self.site.default),
                site_root=self.site.to_root(self.site.default),
            )
            self.renderer.downloads = self.config.course_packs
            self.renderer.offline = self._offline(config)
            pages = [p for p in self.renderer.pages() if self.config.search_index or p.src_uri != FIND_PAGE]
            # Without the index (an offline bundle), Material's search reads the same catalogue record: a case's
            # names and places in the other languages, its Han text left for jieba to segment.
            self._search = case_search_data(self.atlas, strings(lang), pagefind=self.config.search_index)
        except CaseAtlasError as exc:
            raise PluginError(f"caseatlas: the content has problems:\n{exc}") from None
        if any(name.split("/")[-1] == "search" for name in config.plugins):  # loading jieba's dictionary takes a second
            add_search_words(self.atlas, lang)
        self.handwritten = {f.src_uri for f in files.documentation_pages()}
        untranslated = (
            {}
            if self.site.current == self.site.default
            else {uri: self.site.default for uri in self.handwritten if uri not in self.page_translations}
        )
        self.foreign = foreign_pages(self.atlas, lang, untranslated)
        generated: list[tuple[str, str | bytes]] = [(p.src_uri, p.content) for p in pages]
        generated += list(static_files().items()) + list(data_files(self.atlas).items())
        generated += list(contribute_files(self.renderer, config.repo_url, config.edit_uri).items())  # "Write a case"
        if self.config.course_packs:
            try:
                generated += list(download_files(self.atlas, lang).items())
            except CaseAtlasError as exc:
                raise PluginError(f"caseatlas: course pack: {exc}") from None
        for src_uri, content in generated:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    f"caseatlas: docs/{src_uri} is generated from the case studies and modules; remove the hand-written file"
                )
            file = File.generated(config, src_uri, content=content)
            if self._dirty and self._command == "serve":
                self._unchanged.mark(file, content)
            files.append(file)
        log.debug(
            "caseatlas: generated %d pages from %d cases and %d modules in '%s'",
            len(pages),
            len(self.atlas.cases),
            len(self.atlas.modules),
            lang,
        )
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        translate_nav(nav, self.site.current)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The world map where a hand-written page says `<!-- caseatlas:world-map -->`; notices on hand-written
        pages shown in another language than the reader's, or translated long ago."""
        if MAP_PLACEHOLDER in markdown and self.renderer is not None:
            block = self.renderer.world_map(page.file.src_uri).content
            markdown = markdown.replace(MAP_PLACEHOLDER, "\n" + block + "\n", 1)
        src_uri, site = page.file.src_uri, self.site
        if site.current == site.default or src_uri not in self.handwritten:
            return markdown
        t, tr = strings(site.current), self.page_translations.get(src_uri)
        if tr is None:
            return with_notices(markdown, [notice("missing", t, original=site.default)])
        notes = [notice("stale", t, original=site.default)] if tr.state(Path(config.docs_dir)) == "stale" else []
        if not tr.meta.get("reviewed"):
            notes.append(notice("unreviewed", t, original=site.default, translator=str(tr.meta.get("translator", ""))))
        return with_notices(markdown, notes)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri != "glossary.md":
            html = mark_first_uses(html, self.site.current)
        data = self._search.get(page.file.src_uri)
        if data is not None and self.config.search_index:  # a case page: marked for the search index
            self._marked += 1
            html = mark_case(html, data)
        elif data is not None:
            html += catalogue_block(data)
        if page.file.src_uri in self.foreign:
            html = mark_language(html, self.foreign[page.file.src_uri], self.site.current)
        # Hand-written pages link in Markdown, which MkDocs checks; generated pages carry raw HTML.
        self._links.add_page(page.file.src_uri, page.url, html, check=page.file.generated_by is not None)
        return html

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.site.menu:
            context["caseatlas_alternates"] = self.site.page_alternates(page.url)  # type: ignore[typeddict-unknown-key]
        # the header's search box shows results as one types, in the reader's words (partials/caseatlas-search.html)
        context["caseatlas_find_strings"] = find_strings(strings(self.site.current))  # type: ignore[typeddict-unknown-key]
        return context

    def _offline(self, config: MkDocsConfig) -> bool:
        return self.config.offline_save and bool(config.use_directory_urls) and not self.site.alone

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Each case page carries its schema.org JSON-LD in <head>; every page the web app manifest, and a page
        with a "save for offline" button its script."""
        uri = page.file.src_uri
        if self._offline(config) and page.url != "404.html":  # served at any missing address: relative links miss
            depth = page.url.count("/") if page.url else 0
            up = "../" * depth + self.site.to_root(self.site.default)
            output = insert_into_head(output, head_tags(up, self.site.current))
            if "data-offline-save=" in output:
                at = output.rfind("</body>")
                output = output[:at] + page_script_tag(up) + "\n" + output[at:] if at >= 0 else output
        if self.atlas is not None and uri.startswith("cases/") and uri.endswith(".md"):
            case = self.atlas.cases.get(uri[len("cases/") : -3])
            if case is not None:
                output = insert_into_head(output, script_tag(case_jsonld(case, self.atlas.vocabulary)))
        return output

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        if self.language_build:
            # A web server answers a missing page with the one 404.html at the site's root. A language's own
            # would never be served, and MkDocs writes its links from "/" (there is no site_url), so that
            # its language switcher would lead outside the site.
            (site_dir / "404.html").unlink(missing_ok=True)
        else:
            for lang in self.site.built:
                if lang != self.site.current:
                    build_language(config, lang, self.site.default)
            self.after_all_languages(config)
        for message in self._links.broken(site_dir):
            log.warning("caseatlas: %s: correct or remove the link", message)
        if self._staged and not self._staged.failed:
            self._staged.publish()
            config.site_dir, self._staged = self._site_dir, None

    def after_all_languages(self, config: MkDocsConfig) -> None:
        """The last steps over the whole site, once every language is built: the search index of every
        language (Pagefind splits it by each page's `<html lang>`), then languages.after_all_languages."""
        self._index(Path(config.site_dir))
        if self._offline(config) and self.atlas is not None:
            report = write_offline_files(
                Path(config.site_dir),
                {lang: self.site.root(lang) for lang in self.site.built},
                {mid: list(m.case_ids) for mid, m in self.atlas.modules.items()},
                list(self.atlas.cases),
                config.site_name,
            )
            log.info("caseatlas: save for offline: %d items, build %s", report.items, report.build)
        after_all_languages(config, self.site)

    def _index(self, site_dir: Path) -> None:
        marked, self._marked = self._marked, 0
        if not (self.config.search_index and marked):
            return
        # `mkdocs serve --dirty` keeps the site folder, and the index in it, between rebuilds: the edited page is
        # served at once, and "Find a case" catches up a few seconds later. (A full rebuild empties the folder.)
        if self._command == "serve" and self._dirty:
            if self._indexer is not None:
                self._indexer.join()  # one Pagefind at a time on the site folder
            self._indexer = threading.Thread(target=self._index_in_background, args=(site_dir,), daemon=True)
            self._indexer.start()
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

    def _index_in_background(self, site_dir: Path) -> None:
        try:
            report = index_site(site_dir)
        except (CaseAtlasError, OSError) as exc:  # a rebuild may have emptied the folder meanwhile: the next one indexes
            log.info("caseatlas: search index not updated: %s", exc)
            return
        log.info("caseatlas: search index updated (%d case pages) in %.1f s", report.pages, report.seconds)

    def on_build_error(self, *, error: Exception) -> None:
        """The build failed: the staged folder is removed. A failure to write the site (a full disk, a file-size
        limit, a read-only folder) ends in one message with a hint, instead of MkDocs' traceback."""
        self._unstage()
        if isinstance(error, OSError):
            target = Path(self._site_dir or self._config.site_dir)  # the site, not the file being copied into it
            raise Abort(str(write_error(target, error, written="the previous site is left as it was"))) from error

    def on_shutdown(self) -> None:
        self._unstage()

    def _unstage(self) -> None:
        if self._staged:
            self._staged.discard()
            self._config.site_dir, self._staged = self._site_dir, None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.config.cases_dir)
        if Path(self.config.curriculum_dir).is_dir():
            server.watch(self.config.curriculum_dir)
        if self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server


def _optional_path(value: str | None) -> Path | None:
    return Path(value) if value else None
