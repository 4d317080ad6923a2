"""Translations of hand-written pages (`docs/<page>.<lang>.md`) are contributor text: refused where they could run.

MkDocs converts these pages itself, with raw HTML passed through and `attr_list` on (mkdocs.yml), so they
cannot be made inert the way case prose is (markup.py). Instead a translated page may hold only Markdown,
and the raw HTML of the page it translates, repeated exactly (such as `<div class="grid cards" markdown>` or
`<!-- caseatlas:world-map -->`). A page with any other raw HTML (`<script>`, `<img onerror>`…), an attribute
list that sets attributes (`{: onclick="…"}`), or a link or image whose target is not http(s), mailto or
relative (`javascript:`, `data:`) is refused, each with its line, before anything is built. The original
English pages are the project's own and are not checked.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt

from caseatlas.core.errors import Problem
from caseatlas.core.limits import MAX_MARKS, marks, shorten
from caseatlas.core.markup import _SAFE_URL

_ATTRIBUTES = re.compile(r"\{:?[ \t]*[^{}\n]*=[^{}\n]*\}")
_HTML_HINT = "write it in Markdown: raw HTML is not allowed in a translated page (see docs/guides/contributing.md)"


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})  # raw HTML recognized, to be reported
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def raw_html(text: str) -> set[str]:
    """Every piece of raw HTML in Markdown `text`, as written (stripped): what a translation may repeat."""
    found = set()
    for token in _parser().parse(text):
        if token.type == "html_block":
            found.add(token.content.strip())
        found.update(c.content.strip() for c in token.children or [] if c.type == "html_inline")
    return found


def page_problems(name: str, text: str, first_line: int = 1, original: str = "") -> list[Problem]:
    """What in the Markdown `text` of a translated page (its body, starting at line `first_line`) could run.
    Raw HTML that the `original` page (the project's own) holds, exactly as written there, may be repeated."""
    if marks(text) > MAX_MARKS:  # read no further: parsing costs time at each mark
        return [
            Problem(
                name,
                first_line,
                1,
                "",
                f"the page holds {marks(text):,} Markdown marks (brackets, * _ ` < > & \\ # "
                f"and line breaks); a page may hold at most {MAX_MARKS:,}",
                "split the page, or remove repeated marks",
            )
        ]
    problems = []
    lines = text.splitlines()
    allowed = raw_html(original)
    for token in _parser().parse(text):
        line = first_line + (token.map[0] if token.map else 0)
        children = token.children or []
        if token.type == "html_block" and token.content.strip() not in allowed:
            problems.append(Problem(name, line, 1, "", f"raw HTML '{shorten(token.content.strip())}'", _HTML_HINT))
        for child in children:
            if child.type == "html_inline" and child.content.strip() not in allowed:
                problems.append(Problem(name, line, 1, "", f"raw HTML '{shorten(child.content)}'", _HTML_HINT))
            attr = {"link_open": "href", "image": "src"}.get(child.type)
            target = child.attrGet(attr) if attr else None
            if target is not None and not _SAFE_URL.match(str(target).strip()):
                problems.append(
                    Problem(
                        name,
                        line,
                        1,
                        "",
                        f"links to '{shorten(str(target))}'",
                        "link only to http(s), mailto or a page of the site",
                    )
                )
    in_code = False
    for number, line_text in enumerate(lines, first_line):
        if line_text.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        m = None if in_code else _ATTRIBUTES.search(line_text)
        if m:
            problems.append(
                Problem(
                    name,
                    number,
                    m.start() + 1,
                    "",
                    f"attribute list '{shorten(m.group())}' sets attributes",
                    "remove it: a translated page may use classes and ids ({: .name #id }) but set no attributes",
                )
            )
    return sorted(set(problems))
