"""Edits of mkdocs.yml's `nav` (as written in the file) for builds that leave pages out."""

from __future__ import annotations

from typing import Any


def nav_without(nav: list[Any], src_uris: set[str]) -> list[Any]:
    """`nav` without the entries for `src_uris`, and without sections left empty."""
    out: list[Any] = []
    for item in nav:
        if isinstance(item, str):
            if item not in src_uris:
                out.append(item)
            continue
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, list):
                children = nav_without(value, src_uris)
                if children:
                    out.append({title: children})
            elif value not in src_uris:
                out.append(item)
            continue
        out.append(item)
    return out
