"""The MkDocs plugin: thin glue from MkDocs events to load → validate → render, in every language of the site."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .errors import CaseAtlasError, ContentError
from .glossary import mark_first_uses
from .languages import Site, after_all_languages, build_language, select_page_variants, translate_nav
from .notices import notice, with_notices
from .page_translations import PageTranslation, page_status, page_translations
from .pages import render_pages, static_files
from .pipeline import load_atlas
from .search_words import add_search_words
from .strings import languages, strings

log = logging.getLogger("mkdocs.plugins.caseatlas")


class PluginConfig(base.Config):
    cases_dir = opt.Dir(exists=True, default="case_studies")
    """Folder of case study files, `<country>/<id>.yaml`, relative to mkdocs.yml."""
    templates_dir = opt.Optional(opt.Dir(exists=True))
    """Folder whose `caseatlas/*.j2` templates replace the packaged ones."""
    language = opt.Type(str, default="en")
    """Language of this build; the site's default language, at the root of the site (BCP 47)."""
    languages = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """Languages of the site; each other than `language` is built into <site_dir>/<lang>/. Default: every language
    with interface words in strings.yaml."""
    allow_synthetic = opt.Type(bool, default=False)
    """Accept cases marked `synthetic: true`; only benchmarks and tests set this."""


class CaseAtlasPlugin(BasePlugin[PluginConfig]):
    root_language: str | None = None  # set by languages.build_language in the builds of the other languages

    @property
    def language_build(self) -> bool:
        return self.root_language is not None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        wanted = self.config.languages or languages()
        unknown = [lang for lang in wanted if lang not in languages()]
        if unknown:
            raise PluginError(f"caseatlas: no interface words for {', '.join(unknown)} (hint: add a mapping to "
                              "src/caseatlas/data/strings.yaml, or remove it from the plugin's `languages`)")
        default = self.root_language or self.config.language
        self.site = Site(default, tuple(dict.fromkeys([default, *wanted])), self.config.language)
        config.theme["language"] = self.site.current
        config.extra["alternate"] = self.site.root_alternates() if len(self.site.languages) > 1 else config.extra.get("alternate")
        theme_dir = str(resources.files("caseatlas").joinpath("theme"))
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        lang, docs_dir = self.site.current, Path(config.docs_dir)
        self.variants = select_page_variants(files, config, self.site)
        try:
            found, problems = page_translations(docs_dir, list(self.site.languages))
            if problems:
                raise ContentError(problems)
            self.page_translations: dict[str, PageTranslation] = {t.base: t for t in found if t.language == lang}
            atlas = load_atlas(Path(self.config.cases_dir), allow_synthetic=self.config.allow_synthetic, language=lang)
            pages = render_pages(atlas, lang, _optional_path(self.config.templates_dir), list(self.site.languages),
                                 page_status(docs_dir, list(self.site.languages), self.site.default))
        except CaseAtlasError as exc:
            raise PluginError(f"caseatlas: the content has problems:\n{exc}") from None
        add_search_words(atlas, lang)
        self.handwritten = {f.src_uri for f in files.documentation_pages()}
        generated = [(p.src_uri, p.content) for p in pages] + list(static_files().items())
        for src_uri, content in generated:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"caseatlas: docs/{src_uri} is generated from the case studies; remove the hand-written file")
            files.append(File.generated(config, src_uri, content=content))
        log.debug("caseatlas: generated %d pages from %d cases in '%s'", len(pages), len(atlas.cases), lang)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        translate_nav(nav, self.site.current)
        return nav

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Notices on hand-written pages shown in another language than the reader's, or translated long ago."""
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
        return html if page.file.src_uri == "glossary.md" else mark_first_uses(html, self.site.current)

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        if len(self.site.languages) > 1:
            context["caseatlas_alternates"] = self.site.page_alternates(page.url)  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.language_build:
            return
        for lang in self.site.languages:
            if lang != self.site.current:
                build_language(config, lang, self.site.default)
        self.after_all_languages(config)

    def after_all_languages(self, config: MkDocsConfig) -> None:
        """The last step of the build, once every language is built: see languages.after_all_languages."""
        after_all_languages(config, self.site)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.config.cases_dir)
        if self.config.templates_dir:
            server.watch(self.config.templates_dir)
        return server


def _optional_path(value: str | None) -> Path | None:
    return Path(value) if value else None
