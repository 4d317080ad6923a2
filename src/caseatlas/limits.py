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
            return (path, f"values are nested more than {MAX_DEPTH} levels deep",
                    "a case is a mapping of fields with short lists; remove the extra nesting")
        if len(value) > MAX_ITEMS:
            return (path, f"has {len(value):,} items; at most {MAX_ITEMS:,} are allowed",
                    "split the list, or the case, into smaller ones")
        items: list[tuple[str | int, Any]] = (
            [(str(k), v) for k, v in value.items()] if isinstance(value, dict) else list(enumerate(value)))
        stack.extend((path + (k,), v) for k, v in reversed(items))
    return None


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """Contributor text made fit to quote in a message: invisible and control characters written
    as escapes (so they cannot reorder or rewrite the terminal), cut to `limit` characters."""
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"
