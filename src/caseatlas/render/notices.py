"""Notices at the top of a page that tell readers what they are reading: a fallback, a stale or a draft translation."""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from markdown_it import MarkdownIt

from caseatlas.core import markup
from caseatlas.core.strings import language_label

_KIND = {"missing": "note", "stale": "warning", "unreviewed": "info"}


class Notice(NamedTuple):
    """One notice: its admonition kind, title and text (interface words, with Markdown links and emphasis)."""

    kind: str
    title: str
    text: str

    def markdown(self) -> str:
        """As a Material admonition in a Markdown page."""
        return f'!!! {self.kind} ca-notice "{self.title}"\n\n    {self.text}\n'

    def html(self) -> str:
        """As the HTML Python-Markdown's admonition extension makes of `markdown()`, for an HTML page."""
        body = _inline().renderInline(self.text)
        return (
            f'<div class="admonition {self.kind} ca-notice">\n<p class="admonition-title">{self.title}</p>\n<p>{body}</p>\n</div>'
        )


@cache
def _inline() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True})  # interface words are trusted


def notice(kind: str, t: dict[str, Any], *, original: str = "en", translator: str = "") -> Notice:
    """One notice, in the reader's language (`t` are the reader's interface words).

    kind: `missing` (shown in the original language), `stale` (the original changed since
    the translation was made) or `unreviewed` (no person has reviewed the translation).
    """
    words = {"language": t["language_name"], "original": language_label(original, t), "translator": markup.inline(translator)}
    title = t[f"notice_{kind}_title"].replace('"', "&quot;")
    return Notice(_KIND[kind], title, t[f"notice_{kind}"].format(**words))


def with_notices(page: str, notices: list[Notice], *, html: bool = False) -> str:
    """The page with the notices right under its title (the first `# ` heading, or `<h1>` in an HTML page), or at
    the top without one."""
    if not notices:
        return page
    if html:
        block = "\n".join(n.html() for n in notices)
        end = page.find("</h1>")
        at = end + len("</h1>") if end >= 0 else 0
        return page[:at] + "\n" + block + "\n" + page[at:]
    lines = page.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join(lines[:at] + ["", "\n".join(n.markdown() for n in notices)] + lines[at:])


def case_notices(state: str, t: dict[str, Any], original: str, translator: str = "", reviewed: bool = True) -> list[Notice]:
    """The notices a case page in another language needs, from its translation state."""
    out = []
    if state in ("missing", "stale"):
        out.append(notice(state, t, original=original))
    if state in ("translated", "stale") and not reviewed:
        out.append(notice("unreviewed", t, original=original, translator=translator))
    return out
