"""Generated Markdown pages as standalone HTML files, readable without the site (for packages such as cartridges).

The Markdown comes from the same templates as the site, so contributor text is
escaped exactly as on the site; it is converted with the Markdown extensions
the site uses. Links between pages are rewritten to the files of the package,
and links to site pages that are not in the package become plain text.
"""

from __future__ import annotations

import posixpath
import re

import lxml.html
import markdown
from markupsafe import Markup

from caseatlas.content.translations import same_language
from caseatlas.render.html_pages import finish
from caseatlas.render.language_marks import mark_language
from caseatlas.render.pages import Page, Renderer

# The Markdown extensions of the site's mkdocs.yml, minus the permalink anchors a printed page does not need.
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)


def markdown_to_html(text: str) -> str:
    """HTML of a generated Markdown page, converted as the site converts it."""
    return str(markdown.Markdown(extensions=EXTENSIONS, output_format="html").convert(text))


def page_html(page: Page) -> str:
    """A generated page's body as HTML: as its template wrote it (headings given their ids, no permalinks), or, for a
    page from a Markdown template, converted as the site converts it."""
    return finish(page.content, permalinks=False).html if page.html else markdown_to_html(page.content)


def relink(html: str, src_uri: str, files: dict[str, str]) -> str:
    """Rewrite the links of the page made from `src_uri`: to the package file of the target, or to plain text.

    `files` maps site pages (`cases/qianhe.md`) to package files (`cases/qianhe.html`).
    """
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    here = files[src_uri]
    for a in list(root.iter("a")):
        href = a.get("href")
        if href is None or _EXTERNAL.match(href):
            continue
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        if target in files:
            new = posixpath.relpath(files[target], posixpath.dirname(here) or ".")
            a.set("href", new + (f"#{fragment}" if fragment else ""))
        else:
            a.drop_tag()
    inner = (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return inner


def standalone_page(
    renderer: Renderer, body: Page | str, src_uri: str, files: dict[str, str], title: str, text_lang: str | None = None
) -> bytes:
    """A complete HTML document for one package file, styled inline, with no request outside the package.
    `body`: a generated page, or Markdown. `text_lang`: the language of the page's text when it is not the
    package's (an untranslated original)."""
    html_body = relink(page_html(body) if isinstance(body, Page) else markdown_to_html(body), src_uri, files)
    if text_lang and not same_language(text_lang, renderer.lang):
        html_body = mark_language(html_body, text_lang, renderer.lang)
    tpl = renderer.env.get_template("caseatlas/standalone.html.j2")
    html = tpl.render(t=renderer.t, lang=renderer.lang, title=title, body=Markup(html_body))
    return html.encode("utf-8")
