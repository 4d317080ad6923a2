"""One language's build of the atlas: the pages generated into MkDocs' files, and what each page gets on its
way through MkDocs (notices, first uses of glossary terms, search marks, language marks, JSON-LD, the
"save for offline" tags). The plugin calls these from its events; they hold no MkDocs state of their own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from caseatlas.atlas.glossary import mark_first_uses
from caseatlas.atlas.model import Atlas
from caseatlas.atlas.open_data import data_files
from caseatlas.atlas.pipeline import load_atlas
from caseatlas.atlas.status import page_status
from caseatlas.content.page_translations import PageTranslation, page_translations
from caseatlas.core.errors import CaseAtlasError, ContentError
from caseatlas.core.file_cache import FileCache
from caseatlas.core.strings import strings
from caseatlas.outputs.site_downloads import download_files
from caseatlas.render.jsonld import case_jsonld, insert_into_head, script_tag
from caseatlas.render.language_marks import foreign_pages, mark_language
from caseatlas.render.notices import notice, with_notices
from caseatlas.render.pages import Page as RenderedPage
from caseatlas.render.pages import Renderer, static_files
from caseatlas.search.facets import CaseSearchData, case_search_data, catalogue_block, mark_case
from caseatlas.search.words import add_search_words
from caseatlas.site.contribute_page import PAGE as CONTRIBUTE_PAGE
from caseatlas.site.contribute_page import contribute_files
from caseatlas.site.languages import Site
from caseatlas.site.linkcheck import LinkIndex
from caseatlas.site.offline_save import head_tags, page_script_tag
from caseatlas.site.plugin_config import FIND_PAGE, PluginConfig
from caseatlas.site.unchanged import UnchangedFiles

log = logging.getLogger("mkdocs.plugins.caseatlas")
FILES = FileCache()
"""Parsed and checked content files, shared by the builds of every language and kept between the rebuilds of
`mkdocs serve`: a rebuild reads again only the files that changed (file_cache.py)."""
MAP_PLACEHOLDER = "<!-- caseatlas:world-map -->"


@dataclass
class LanguagePages:
    """The atlas as one language's build sees it, and the pages it generated."""

    site: Site
    options: PluginConfig
    atlas: Atlas
    renderer: Renderer
    translations: dict[str, PageTranslation]  # hand-written pages translated into this language, by page
    search: dict[str, CaseSearchData]  # case pages, by page
    handwritten: set[str]
    foreign: dict[str, str]  # pages whose text is in another language than the reader's, with that language
    offline: bool
    html_uris: set[str] = field(default_factory=set)  # generated pages that are HTML already (site/html_page.py)
    links: LinkIndex = field(default_factory=LinkIndex)
    marked: int = 0  # case pages marked for the search index


def offline_enabled(options: PluginConfig, config: MkDocsConfig, site: Site) -> bool:
    return options.offline_save and bool(config.use_directory_urls) and not site.alone


def generate(
    files: Files, config: MkDocsConfig, options: PluginConfig, site: Site, unchanged: UnchangedFiles | None
) -> LanguagePages:
    """Load and check the content, render this language's pages and add them (with the open data, the "Write a
    case" page and the course packs) to `files`. Content problems are one PluginError listing them all.
    `unchanged` (in `mkdocs serve --dirty`) remembers each page's content, so unchanged pages are not rebuilt."""
    lang, docs_dir = site.current, Path(config.docs_dir)
    offline = offline_enabled(options, config, site)
    try:
        found, problems = page_translations(docs_dir, list(site.languages))
        if problems:
            raise ContentError(problems)
        atlas = load_atlas(
            Path(options.cases_dir),
            Path(options.curriculum_dir),
            allow_synthetic=options.allow_synthetic,
            language=lang,
            cache=FILES,
        )
        if options.only_cases is not None or options.only_modules is not None:
            atlas = atlas.subset(options.only_cases, options.only_modules)
        renderer = Renderer(
            atlas,
            lang,
            Path(options.templates_dir) if options.templates_dir else None,
            config.use_directory_urls,
            list(site.languages),
            page_status(docs_dir, list(site.languages), site.default),
            site_root=site.to_root(site.default),
        )
        renderer.downloads = options.course_packs
        renderer.offline = offline
        if unchanged is not None:
            unchanged.rendered.attach(renderer)  # case pages whose inputs did not change are not rendered again
        edited_first = unchanged is not None and unchanged.edited_first and site.current == site.default
        if edited_first:
            assert unchanged is not None
            pages = edited_case_pages(renderer, unchanged)
        else:
            pages = [p for p in renderer.pages() if options.search_index or p.src_uri != FIND_PAGE]
        # Without the index (an offline bundle), Material's search reads the same catalogue record: a case's
        # names and places in the other languages, its Han text left for jieba to segment.
        search = case_search_data(atlas, strings(lang), pagefind=options.search_index)
    except CaseAtlasError as exc:
        raise PluginError(f"caseatlas: the content has problems:\n{exc}") from None
    if any(name.split("/")[-1] == "search" for name in config.plugins):  # loading jieba's dictionary takes a second
        add_search_words(atlas, lang)
    translations = {t.base: t for t in found if t.language == lang}
    handwritten = {f.src_uri for f in files.documentation_pages()}
    untranslated = {} if site.current == site.default else {uri: site.default for uri in handwritten if uri not in translations}
    generated: list[tuple[str, str | bytes]] = [(p.src_uri, p.content) for p in pages]
    html_uris = {p.src_uri for p in pages if p.html} | {CONTRIBUTE_PAGE}  # contribute.html.j2 writes HTML too
    if edited_first:  # every other file as the previous rebuild made it
        assert unchanged is not None
        fresh = {src_uri for src_uri, _ in generated}
        kept = [(src_uri, was) for src_uri, was in unchanged.previous.items() if src_uri not in fresh]
        generated += [(src_uri, content) for src_uri, (content, _) in kept]
        html_uris |= {src_uri for src_uri, (_, html) in kept if html}
    else:
        generated += list(static_files().items()) + list(data_files(atlas).items())
        generated += list(contribute_files(renderer, config.repo_url, config.edit_uri).items())  # "Write a case"
        if options.course_packs:
            try:
                generated += list(download_files(atlas, lang).items())
            except CaseAtlasError as exc:
                raise PluginError(f"caseatlas: course pack: {exc}") from None
        if unchanged is not None and site.current == site.default:
            unchanged.previous = {src_uri: (content, src_uri in html_uris) for src_uri, content in generated}
    foreign = foreign_pages(atlas, lang, untranslated)
    for src_uri, content in generated:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"caseatlas: docs/{src_uri} is generated from the case studies and modules; remove the hand-written file"
            )
        file = File.generated(config, src_uri, content=content)
        if unchanged is not None:  # what MkDocs' events add to the page counts as its content too
            extra = f"{search.get(src_uri)!r} {foreign.get(src_uri)} {unchanged.rendered.made_from(src_uri)!r}"
            unchanged.mark(file, content, extra)
        files.append(file)
    log.debug(
        "caseatlas: generated %d pages from %d cases and %d modules in '%s'",
        len(pages),
        len(atlas.cases),
        len(atlas.modules),
        lang,
    )
    return LanguagePages(site, options, atlas, renderer, translations, search, handwritten, foreign, offline, html_uris)


def edited_case_pages(renderer: Renderer, unchanged: UnchangedFiles) -> list[RenderedPage]:
    """The first rebuild after an edit to cases (unchanged.py): the page of each edited case that is still in the
    atlas, and nothing else."""
    edited = unchanged.rendered.edited_cases()
    return [renderer.case_page(case) for cid, case in renderer.atlas.cases.items() if cid in edited]


def page_markdown(lp: LanguagePages, markdown: str, page: Page, docs_dir: Path) -> str:
    """The world map where a hand-written page says `<!-- caseatlas:world-map -->`; notices on hand-written
    pages shown in another language than the reader's, or translated long ago."""
    if MAP_PLACEHOLDER in markdown:
        block = lp.renderer.world_map(page.file.src_uri).content
        markdown = markdown.replace(MAP_PLACEHOLDER, "\n" + block + "\n", 1)
    src_uri, site = page.file.src_uri, lp.site
    if site.current == site.default or src_uri not in lp.handwritten:
        return markdown
    t, tr = strings(site.current), lp.translations.get(src_uri)
    if tr is None:
        return with_notices(markdown, [notice("missing", t, original=site.default)])
    notes = [notice("stale", t, original=site.default)] if tr.state(docs_dir) == "stale" else []
    if not tr.meta.get("reviewed"):
        notes.append(notice("unreviewed", t, original=site.default, translator=str(tr.meta.get("translator", ""))))
    return with_notices(markdown, notes)


def page_content(lp: LanguagePages, html: str, page: Page) -> str:
    """First uses of glossary terms; a case page marked for the search index (or, without one, its catalogue
    record for Material's search); `lang` on text in another language; the page's raw-HTML links noted."""
    if page.file.src_uri != "glossary.md":
        html = mark_first_uses(html, lp.site.current)
    data = lp.search.get(page.file.src_uri)
    if data is not None and lp.options.search_index:
        lp.marked += 1
        html = mark_case(html, data)
    elif data is not None:
        html += catalogue_block(data)
    if page.file.src_uri in lp.foreign:
        html = mark_language(html, lp.foreign[page.file.src_uri], lp.site.current)
    # Hand-written pages link in Markdown, which MkDocs checks; generated pages carry raw HTML.
    lp.links.add_page(page.file.src_uri, page.url, html, check=page.file.generated_by is not None)
    return html


def indexed_path(lp: LanguagePages, page: Page) -> str | None:
    """The file of a page that page_content marked for the search index, in the whole site (`zh/cases/x/index.html`),
    from which Pagefind makes its address; None for any other page."""
    if not lp.options.search_index or page.file.src_uri not in lp.search:
        return None
    return lp.site.root(lp.site.current) + page.file.dest_uri


def post_page(lp: LanguagePages, output: str, page: Page) -> str:
    """Each case page carries its schema.org JSON-LD in <head>; every page the web app manifest, and a page
    with a "save for offline" button its script."""
    uri = page.file.src_uri
    if lp.offline and page.url != "404.html":  # served at any missing address: relative links miss
        depth = page.url.count("/") if page.url else 0
        up = "../" * depth + lp.site.to_root(lp.site.default)
        output = insert_into_head(output, head_tags(up, lp.site.current))
        if "data-offline-save=" in output:
            at = output.rfind("</body>")
            output = output[:at] + page_script_tag(up) + "\n" + output[at:] if at >= 0 else output
    if uri.startswith("cases/") and uri.endswith(".md"):
        case = lp.atlas.cases.get(uri[len("cases/") : -3])
        if case is not None:
            output = insert_into_head(output, script_tag(case_jsonld(case, lp.atlas.vocabulary)))
    return output
