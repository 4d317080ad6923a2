"""Does a built page carry contributor text only as text? Parsed, not grepped."""

from __future__ import annotations

import json
import re

import lxml.html

PAYLOAD = "PWNED"
"""Every script in the hostile corpus names this word, so a script that came from content can be told apart."""

RUNNABLE = {"script", "iframe", "frame", "object", "embed", "applet", "base", "style", "link", "meta", "noscript"}
"""Elements that run, load or restyle something: none belongs in an article's content."""
ACTIVE = RUNNABLE - {"meta", "link"} | {"form", "input", "button", "textarea", "select"}
"""Elements that act: none may carry the payload word, wherever it is (a page's own forms may be in its
article; <meta> and <link> in the head may quote a page's title or summary in an attribute, as text)."""

DATA_TYPES = {"application/ld+json", "application/json"}
"""Script elements of these types are data a browser never runs (structured data such as JSON-LD)."""

URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "poster", "background", "data", "xlink:href", "ping", "lowsrc"}
_UNSAFE_URL = re.compile(r"^(javascript|vbscript|data):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def active_content(html: str) -> list[str]:
    """Everything in a whole built page by which contributor text could act: event handler
    attributes, javascript:/vbscript:/data: URLs, and active elements inside the article or
    carrying the payload word anywhere (in the <head>, the navigation, the table of contents…)."""
    doc = lxml.html.document_fromstring(html)
    article = doc.find(".//article")
    in_article = set(article.iter()) if article is not None else set()
    found = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue  # comments and processing instructions
        tag = el.tag.lower()
        for name, value in el.attrib.items():
            handler = name.lower().startswith("on")
            if handler or (name.lower() in URL_ATTRS and _UNSAFE_URL.match(_INVISIBLE.sub("", value))):
                found.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and el.get("type", "").lower() in DATA_TYPES:
            if not _is_json(el.text or ""):  # data, never run: but text that broke out of it would not be JSON
                found.append(f"<script type={el.get('type')!r}> that is not JSON: {(el.text or '')[:120]!r}")
        elif (tag in RUNNABLE and el in in_article) or (tag in ACTIVE and PAYLOAD in lxml.html.tostring(el, encoding="unicode")):
            found.append(f"<{tag}> {lxml.html.tostring(el, encoding='unicode')[:120]!r}")
    return found


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def article_text(html: str) -> str:
    """The text a reader sees in the page's article, whitespace collapsed."""
    article = lxml.html.document_fromstring(html).find(".//article")
    return " ".join(article.text_content().split()) if article is not None else ""
