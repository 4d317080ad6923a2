"""Bounds on the size and shape of a content file, so that hostile input costs bounded time and memory.

A real case is a few kilobytes: a mapping of fields whose deepest value
(`indicators[].values[].note`) sits four levels down, and whose longest lists
hold tens of items. The bounds below are far above that and far below what
makes a parser, the schema validator or an error message slow or deep.
"""

from __future__ import annotations

from typing import Any

MAX_BYTES = 1_000_000
"""Largest content file read at all."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings (the YAML parser itself stops at 1,000)."""
MAX_ITEMS = 1_000
"""Most items in one list or mapping: checking a list's items are unique costs up to n² comparisons."""
MAX_PROBLEMS = 50
"""Most problems reported for one file; the rest are counted, not listed."""
SHOWN_CHARS = 60
"""Longest piece of a contributor's text quoted in a message."""
MAX_MARKS = 20_000
"""Most Markdown marks (MARKS) in all the text of one file. Rendering costs up to about 30 µs per mark
(markdown-it-py opens a token or tries a link at each) and almost nothing per plain character, so this bounds
the work of rendering any file of at most MAX_BYTES to well under a second. The real files hold a few hundred."""
MARKS = "[]!*_`<>&\\#\n"
"""The characters at which markdown-it-py does work: brackets, emphasis, code, HTML and entities, escapes,
headings, and line breaks. Others (letters, digits, spaces, parentheses…) are passed over as plain text."""

FieldPath = tuple[str | int, ...]


def shape_problem(data: Any) -> tuple[FieldPath, str, str] | None:
    """The first place, in file order, where `data` is nested too deeply or a list/mapping is too long.

    Walks the data with an explicit stack, so no depth of nesting can exhaust Python's recursion limit.
    """
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if not isinstance(value, (dict, list)):
            continue
        if len(path) >= MAX_DEPTH:
            return (
                path,
                f"values are nested more than {MAX_DEPTH} levels deep",
                "a case is a mapping of fields with short lists; remove the extra nesting",
            )
        if len(value) > MAX_ITEMS:
            return (
                path,
                f"has {len(value):,} items; at most {MAX_ITEMS:,} are allowed",
                "split the list, or the case, into smaller ones",
            )
        items: list[tuple[str | int, Any]] = (
            [(str(k), v) for k, v in value.items()] if isinstance(value, dict) else list(enumerate(value))
        )
        stack.extend((path + (k,), v) for k, v in reversed(items))
    return None


def marks(text: str) -> int:
    """How many Markdown marks (MARKS) `text` holds."""
    return sum(text.count(c) for c in MARKS)


def markup_problem(data: Any) -> tuple[FieldPath, str, str] | None:
    """The field, in file order, at which the text of `data` passes MAX_MARKS Markdown marks in all."""
    total = 0
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            total += marks(value)
            if total > MAX_MARKS:
                return (
                    path,
                    f"with this field the file's text holds more than {MAX_MARKS:,} Markdown marks "
                    "(brackets, * _ ` < > & \\ # and line breaks); a real case or module holds a few hundred",
                    "remove the repeated marks, or split the text into several cases",
                )
        elif isinstance(value, (dict, list)):
            items: list[tuple[str | int, Any]] = (
                [(str(k), v) for k, v in value.items()] if isinstance(value, dict) else list(enumerate(value))
            )
            stack.extend((path + (k,), v) for k, v in reversed(items))
    return None


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """Contributor text made fit to quote in a message: invisible and control characters written
    as escapes (so they cannot reorder or rewrite the terminal), cut to `limit` characters."""
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"
