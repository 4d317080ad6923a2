"""Generated pages that are HTML already: MkDocs takes their body as it is, with the title and table of contents
html_pages.finish gives it, instead of converting them again with Python-Markdown (which cost 82% of a plain
build's time at 1,000 cases: the generated pages are mostly HTML, which Markdown's raw-HTML handling re-parses).
Hand-written pages are Markdown and go through MkDocs as before.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from caseatlas.render.html_pages import finish


class HtmlPage(Page):
    """A page whose source (after the plugin's `on_page_markdown`) is its HTML body."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        done = finish(self.markdown, self.file.src_uri, bool(config.use_directory_urls))
        self.content, self.toc = done.html, get_toc(done.toc_tokens)  # type: ignore[arg-type]
        self._title_from_render = done.title
        self.present_anchor_ids = done.anchor_ids


def use_html_pages(nav: Navigation, files: Files, html_uris: set[str]) -> None:
    """Make the pages MkDocs created for `html_uris` (every page has one once the navigation is built) HtmlPages."""
    for uri in html_uris:
        file = files.get_file_from_path(uri)
        if file is not None and file.page is not None and type(file.page) is Page:
            file.page.__class__ = HtmlPage
