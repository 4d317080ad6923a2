"""Contributor text made safe for the Markdown pages the site is built from.

Contributor text is untrusted. Short fields are escaped for both HTML and
Markdown, so `<script>`, `[x](javascript:…)` or `{: onclick=…}` show as text.
Long fields are Markdown: they are converted here by markdown-it-py (CommonMark,
linear in the length of any input; its work is at the Markdown marks, about 30 µs each,
and a file may hold at most limits.MAX_MARKS of them, so no file of at most the
file-size limit takes long: nested brackets, emphasis runs and link chains included) with raw HTML shown
as text and only http(s), mailto and relative links kept, images turned into links (so
reading a page fetches nothing from elsewhere), then placed in the page as an
HTML block that the site's Markdown leaves alone.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

# Characters with a meaning in Markdown or its common extensions, written as
# numeric entities: they then read as themselves whatever extensions a site enables.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#!|~^=$]|^[-+.>]|^\d+(?=[.)])")
_SAFE_URL = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[\w\-./]+(#[\w\-]*)?$)", re.I)


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ESCAPE = re.compile(r"[&<>\"']|" + _MD_SPECIAL.pattern)


def inline(value: Any) -> Markup:
    """Escape a value for a Markdown line: no HTML, no Markdown syntax."""
    if isinstance(value, Markup):
        return value
    text = re.sub(r"\s+", " ", str(value))  # one line: a newline would end a table row or a heading
    return Markup(_ESCAPE.sub(lambda m: _HTML.get(m.group()) or "".join(f"&#{ord(c)};" for c in m.group()), text))


def url(value: Any) -> Markup:
    """A link target from content: http(s) only, else an inert '#'."""
    text = str(value)
    if re.match(r"^https?://[^\s<>\"'`\\()\[\]{}]+$", text):
        return Markup(text)
    return Markup("#")


def _safe_target(target: str) -> bool:
    return bool(_SAFE_URL.match(target.strip()))


def _image_as_link(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    """No request leaves the reader's device: an image becomes a link to it, its alternative text the link's text."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    text = escapeHtml(token.content or src)
    src = src if _safe_target(src) else "#"
    return f'<a href="{escapeHtml(src)}" rel="nofollow noopener">{text}</a>'


def _link_open(renderer: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    if not _safe_target(str(token.attrGet("href") or "")):
        token.attrSet("href", "#")
    token.attrSet("rel", "nofollow noopener")
    return str(renderer.renderToken(tokens, idx, options, env))


@cache
def _converter() -> MarkdownIt:
    """CommonMark (markdown-it-py: linear time on any input, no backtracking on brackets or emphasis) with raw HTML
    shown as text, and only http(s), mailto and relative link targets (any other becomes an inert '#')."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = lambda url: True  # type: ignore[method-assign] # every link is a link; _link_open makes an unsafe target inert
    md.add_render_rule("image", _image_as_link)
    md.add_render_rule("link_open", _link_open)
    return md


# Text that CommonMark reads as one paragraph of itself: one line that starts with a letter and holds no mark of
# Markdown (emphasis, code, links, images, raw HTML, entities, escapes, hard breaks). Most fields of a case are
# such text; for them the converter's output is known without running it (tests/test_markup_plain.py checks
# that it is the same, on generated text and on every field of the real cases).
_MARKDOWN_MARK = re.compile(r"[\\`*_\[\]<>&!~\x00-\x1f\x7f\u2028\u2029]")


def _plain_paragraph(text: str) -> str | None:
    if not text or not text[0].isalpha() or text != text.strip() or _MARKDOWN_MARK.search(text):
        return None
    quoted = text.replace('"', "&quot;")
    return f"<p>{quoted}</p>\n"


def to_html(text: str) -> str:
    """Contributor Markdown as safe HTML (no raw HTML, safe links only, images as links)."""
    plain = _plain_paragraph(text)
    return plain if plain is not None else str(_converter().render(text))


def prose(value: Any) -> Markup:
    """Contributor Markdown as safe HTML, wrapped in a block the page's Markdown passes through."""
    html = to_html(str(value)).strip()
    # `{{`, `{%` and `$` stay as text; a blank line inside would end the raw HTML block early.
    html = html.replace("{", "&#123;").replace("}", "&#125;")
    html = re.sub(r"\n\s*\n", "\n", html)
    return Markup(f'<div class="ca-prose">\n{html}\n</div>')


def _inline_html(text: str) -> str:
    html = to_html(str(text)).strip().replace("{", "&#123;").replace("}", "&#125;")
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return re.sub(r"\n\s*\n", "\n", html)


def prose_list(items: list[Any], ordered: bool = False) -> Markup:
    """A list of contributor Markdown items as one safe HTML block."""
    tag = "ol" if ordered else "ul"
    lis = "\n".join(f"<li>{_inline_html(i)}</li>" for i in items)
    return Markup(f'<div class="ca-prose">\n<{tag}>\n{lis}\n</{tag}>\n</div>')
