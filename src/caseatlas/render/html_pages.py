"""Generated pages as finished HTML: heading ids, permalinks and the table of contents, without Markdown.

A template whose name ends in `.html.j2` writes the page body as HTML (contributor text already made inert by
core/markup.py). `finish` gives each heading the id and the "¶" permalink Python-Markdown's `toc` extension
would (the same slugs, so links to `page.md#section` keep working), and returns the title (the `<h1>`), the
table of contents as MkDocs' toc tokens, and every id on the page. The site hands this HTML to MkDocs as it is
(site/html_page.py); `to_markdown` writes it as Markdown another generator can build (`caseatlas render`).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from markupsafe import Markup

_HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.S)
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")
PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'


@dataclass
class FinishedPage:
    """A generated page's HTML with its title, table of contents (MkDocs' toc tokens) and anchor ids."""

    html: str
    title: str | None
    toc_tokens: list[dict[str, Any]] = field(default_factory=list)
    anchor_ids: set[str] = field(default_factory=set)


def finish(body: str, src_uri: str | None = None, directory_urls: bool = True, *, permalinks: bool = True) -> FinishedPage:
    """Ids (and permalinks) on every heading that has no id, as Python-Markdown's toc extension gives them; with
    `src_uri`, links to pages (`../countries/gh.md#x`) become links to their URLs, as MkDocs makes them."""
    if src_uri is not None:
        body = resolve_links(body, src_uri, directory_urls)
    used = {a or b for a, b in _ID.findall(body)}
    counters: dict[str, int] = {}
    tokens: list[dict[str, Any]] = []
    title: str | None = None

    def heading(m: re.Match[str]) -> str:
        nonlocal title
        level, attrs, inner = int(m.group(1)), m.group(2) or "", m.group(3).strip()
        name = strip_tags(inner)
        found = _ID.search(attrs)
        if found:
            ident = found.group(1) or found.group(2) or ""
        else:
            ident = unique(slugify(html.unescape(name), "-"), used, counters)
            attrs = f' id="{ident}"' + attrs
        if level == 1 and title is None:
            title = name  # entities kept: themes print the title as HTML
        tokens.append({"level": level, "id": ident, "name": name, "html": inner, "data-toc-label": ""})
        link = PERMALINK.format(id=ident) if permalinks else ""
        return f"<h{level}{attrs}>{inner}{link}</h{level}>"

    out = _HEADING.sub(heading, body)
    return FinishedPage(out, title, nest_toc_tokens(tokens), used | {t["id"] for t in tokens})


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page at `src_uri`."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def hrefer(src_uri: str, directory_urls: bool = True) -> Callable[[str], Markup]:
    """Links for raw HTML (charts, maps), which MkDocs does not rewrite: from this page's URL to a page's URL."""
    here = page_url(src_uri, directory_urls)
    base = here[: here.rfind("/")] if "/" in here else ""

    def href(target: str) -> Markup:
        url = page_url(target, directory_urls)
        rel = posixpath.relpath(url or ".", base or ".")
        return Markup(rel + "/" if url.endswith("/") or url == "" else rel)

    return href


_PAGE_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#]*?\.md)(#[^"]*)?"', re.I)


def resolve_links(body: str, src_uri: str, directory_urls: bool = True) -> str:
    """`href="….md"` (relative to the page's file, as templates write them) to the target page's URL, relative
    to this page's URL (`../countries/gh/`), the way MkDocs rewrites links in Markdown."""
    href, folder = hrefer(src_uri, directory_urls), posixpath.dirname(src_uri)

    def one(m: re.Match[str]) -> str:
        return f'href="{href(posixpath.normpath(posixpath.join(folder, m.group(1))))}{m.group(2) or ""}"'

    return _PAGE_LINK.sub(one, body)


_PERMALINK_RE = re.compile(r'<a class="headerlink" href="#[^"]*" title="Permanent link">&para;</a>')


def to_markdown(body: str) -> str:
    """The page as Markdown for any generator: each heading a Markdown heading (so it reaches that generator's
    table of contents), everything between them raw HTML blocks, separated by blank lines."""
    body = _unwrap_heading_containers(body)
    parts: list[str] = []
    at = 0
    for m in _HEADING.finditer(body):
        before = body[at : m.start()].strip()
        if before:
            parts.append(_html_block(before))
        level, inner = int(m.group(1)), _PERMALINK_RE.sub("", m.group(3)).strip()
        parts.append("#" * level + " " + " ".join(inner.split()))
        at = m.end()
    rest = body[at:].strip()
    if rest:
        parts.append(_html_block(rest))
    return "\n\n".join(parts) + "\n"


_DIV_OR_HEADING = re.compile(r"<div\b[^>]*>|</div>|<h[1-6][\s>]")


def _unwrap_heading_containers(body: str) -> str:
    """Without the `<div>`s that hold a heading (such as the "elsewhere" links): a Markdown heading cannot sit
    inside a raw HTML block, which would end at the heading or swallow it."""
    stack: list[list[int]] = []  # [start of the open tag, its end, holds a heading]
    drop: list[tuple[int, int]] = []
    for m in _DIV_OR_HEADING.finditer(body):
        tag = m.group()
        if tag.startswith("<h"):
            for frame in stack:
                frame[2] = 1
        elif tag == "</div>":
            if stack:
                start, end, holds = stack.pop()
                if holds:
                    drop += [(start, end), (m.start(), m.end())]
        else:
            stack.append([m.start(), m.end(), 0])
    for start, end in sorted(drop, reverse=True):
        body = body[:start] + body[end:]
    return body


def _html_block(chunk: str) -> str:
    """Raw HTML that ends at no blank line inside it (a blank line would end a Markdown HTML block)."""
    return re.sub(r"\n\s*\n", "\n", chunk)
