"""Notices at the top of a page that tell readers what they are reading: a fallback, a stale or a draft translation."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

from caseatlas.core import markup
from caseatlas.core.strings import language_label

_KIND = {"missing": "note", "stale": "warning", "unreviewed": "info"}


def notice(kind: str, t: dict[str, Any], *, original: str = "en", translator: str = "") -> str:
    """One notice as a Material admonition, in the reader's language (`t` are the reader's interface words).

    kind: `missing` (shown in the original language), `stale` (the original changed since
    the translation was made) or `unreviewed` (no person has reviewed the translation).
    """
    words = {"language": t["language_name"], "original": language_label(original, t), "translator": markup.inline(translator)}
    title = t[f"notice_{kind}_title"].replace('"', "&quot;")
    text = t[f"notice_{kind}"].format(**words)
    return f'!!! {_KIND[kind]} ca-notice "{title}"\n\n    {text}\n'


def notice_html(admonition: str) -> str:
    """A notice (as `notice` writes it) as the HTML Python-Markdown's admonition extension makes of it."""
    m = re.match(r'!!! (\w+) ca-notice "(.*)"\n\n    (.*)\n$', admonition, re.S)
    assert m, admonition
    kind, title, text = m.groups()
    body = _words_html(text)
    return f'<div class="admonition {kind} ca-notice">\n<p class="admonition-title">{title}</p>\n<p>{body}</p>\n</div>'


def _words_html(text: str) -> str:
    """Interface words (trusted, with Markdown links and emphasis) as inline HTML."""
    html = MarkdownIt("commonmark", {"html": True}).renderInline(text)
    return str(html)


def with_notices(markdown: str, notices: list[str], *, html: bool = False) -> str:
    """The page with the notices right under its title (the first `# ` heading, or `<h1>` in an HTML page), or at
    the top without one."""
    if not notices:
        return markdown
    if html:
        block = "\n".join(notice_html(n) for n in notices)
        end = markdown.find("</h1>")
        at = end + len("</h1>") if end >= 0 else 0
        return markdown[:at] + "\n" + block + "\n" + markdown[at:]
    block = "\n".join(notices)
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join(lines[:at] + ["", block] + lines[at:])


def case_notices(state: str, t: dict[str, Any], original: str, translator: str = "", reviewed: bool = True) -> list[str]:
    """The notices a case page in another language needs, from its translation state."""
    out = []
    if state in ("missing", "stale"):
        out.append(notice(state, t, original=original))
    if state in ("translated", "stale") and not reviewed:
        out.append(notice("unreviewed", t, original=original, translator=translator))
    return out
