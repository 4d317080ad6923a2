"""Contributor text made safe for the Markdown pages the site is built from.

Contributor text is untrusted. Short fields are escaped for both HTML and
Markdown, so `<script>`, `[x](javascript:…)` or `{: onclick=…}` show as text.
Long fields are Markdown: they are converted here with raw HTML switched off
and only http(s), mailto and relative links kept, images turned into links (so
reading a page fetches nothing from elsewhere), then placed in the page as an
HTML block that the site's Markdown leaves alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
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


class _SafeLinks(Treeprocessor):  # type: ignore[misc]
    def run(self, root: ET.Element) -> None:
        for el in root.iter():
            if el.tag == "img":  # no request leaves the reader's device: an image becomes a link to it
                src, alt = el.get("src", ""), el.get("alt", "")
                el.attrib.clear()
                el.tag, el.text = "a", alt or src
                el.set("href", src)
            for attr in ("href", "src"):
                target = el.get(attr)
                if target is not None and not _SAFE_URL.match(target.strip()):
                    el.set(attr, "#")
            for attr in list(el.keys()):
                if attr.lower().startswith("on") or attr.lower() in ("style", "srcdoc", "formaction"):
                    del el.attrib[attr]
            if el.tag == "a":
                el.set("rel", "nofollow noopener")


class _NoRawHtml(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "caseatlas_safe_links", 0)


@cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_NoRawHtml(), "sane_lists"], output_format="html")


def prose(value: Any) -> Markup:
    """Contributor Markdown as safe HTML, wrapped in a block the page's Markdown passes through."""
    md = _converter()
    html = md.reset().convert(str(value))
    # `{{`, `{%` and `$` stay as text; a blank line inside would end the raw HTML block early.
    html = html.replace("{", "&#123;").replace("}", "&#125;")
    html = re.sub(r"\n\s*\n", "\n", html)
    return Markup(f'<div class="ca-prose">\n{html}\n</div>')


def _inline_html(text: str) -> str:
    html = _converter().reset().convert(str(text)).replace("{", "&#123;").replace("}", "&#125;")
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return re.sub(r"\n\s*\n", "\n", html)


def prose_list(items: list[Any], ordered: bool = False) -> Markup:
    """A list of contributor Markdown items as one safe HTML block."""
    tag = "ol" if ordered else "ul"
    lis = "\n".join(f"<li>{_inline_html(i)}</li>" for i in items)
    return Markup(f'<div class="ca-prose">\n<{tag}>\n{lis}\n</{tag}>\n</div>')
