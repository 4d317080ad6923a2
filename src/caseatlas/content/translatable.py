"""Which fields of a case are text to translate, their fingerprint, and merging a translation over the original.

The translatable fields are those of `schema/translation.schema.json` (minus its
`translation` block): the schema is the one list, read here as a shape, for
example `{"title": TEXT, "lessons": [TEXT], "approach": [{"step": TEXT, "detail": TEXT}]}`.

Fingerprint of an original: take its translatable fields only (nothing else: no
ids, figures, dates or sources), as they appear in the file, in the same nesting;
serialise them as JSON with keys sorted, no spaces (separators `,` and `:`) and
non-ASCII characters written as themselves; hash the UTF-8 bytes with SHA-256;
write `sha256:` and the 64 lower-case hex digits. `caseatlas i18n fingerprint ID`
prints it. Any change to the original's text changes it; a change to a figure does not.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

from caseatlas.content.schemas import _deref, validator

TEXT = "text"
Shape = Any  # TEXT | list[Shape] (one item: the shape of every element) | dict[str, Shape]


@cache
def shape(schema_name: str = "translation.schema.json") -> dict[str, Shape]:
    """The translatable fields of a kind of document, read from its translation schema."""
    root = validator(schema_name).schema

    def walk(node: dict[str, Any]) -> Shape:
        node = _deref(root, node)
        if node.get("type") == "array":
            return [walk(node["items"])]
        if node.get("type") == "object":
            return {k: walk(v) for k, v in node.get("properties", {}).items()}
        return TEXT

    fields: dict[str, Shape] = walk(root)
    fields.pop("translation")
    return fields


def extract(data: Any, spec: Shape) -> Any:
    """The part of `data` that `spec` marks as text; other fields and wrong shapes are left out."""
    if spec == TEXT:
        return data if isinstance(data, str) else None
    if isinstance(spec, list):
        return [extract(item, spec[0]) for item in data] if isinstance(data, list) else None
    if not isinstance(data, dict):
        return None
    out = {k: extract(data[k], sub) for k, sub in spec.items() if k in data}
    return {k: v for k, v in out.items() if v is not None}


def fingerprint(data: dict[str, Any], schema_name: str = "translation.schema.json") -> str:
    """`sha256:<hex>` of the original's translatable text (see the module's docstring for exactly what is hashed)."""
    text = json.dumps(extract(data, shape(schema_name)), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def merge(original: Any, translated: Any, spec: Shape) -> Any:
    """The original with each translated text put in its place.

    Where the translation does not match the original's shape (a stale translation
    whose original gained or lost items), the original's text is kept there.
    """
    if spec == TEXT:
        return translated if isinstance(translated, str) else original
    if isinstance(spec, list):
        if isinstance(original, list) and isinstance(translated, list) and len(original) == len(translated):
            return [merge(o, t, spec[0]) for o, t in zip(original, translated, strict=True)]
        return original
    if not (isinstance(original, dict) and isinstance(translated, dict)):
        return original
    out = dict(original)
    for key, sub in spec.items():
        if key in original and key in translated:
            out[key] = merge(original[key], translated[key], sub)
    return out
