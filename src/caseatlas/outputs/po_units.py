"""What a translator translates, one unit per text: each translatable field of every case and module, each block
of every hand-written page, with its current translation into one language (for `caseatlas i18n export/import`).

A unit's context (gettext's `msgctxt`) names the file and the field: `case_studies/cn/qianhe.yaml:approach[1].detail`,
`curriculum/m.yaml:sessions[0].title`, `docs/index.md:blocks[3]` (the fourth block of text between blank lines;
a fenced code block is one block) or `docs/index.md:title` (the front matter's title).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from caseatlas.atlas.model import Atlas
from caseatlas.content.loading import format_path, locate
from caseatlas.content.page_translations import page_fingerprint, page_translations, variant_of
from caseatlas.content.translatable import TEXT, Shape, fingerprint, shape
from caseatlas.content.translations import MODULE, SCHEMA, Translation, same_language
from caseatlas.core.errors import display_path

FieldPath = tuple[str | int, ...]


@dataclass
class Document:
    """One original (a case, a module or a page) and its translation into the unit's language, if any."""

    kind: str  # case | module | page
    id: str  # case or module id, or the page's src_uri
    path: Path  # the original
    target: Path  # the translation file, written or to write
    fingerprint: str  # of the original as it is now
    original: dict[str, Any]  # for a page: {"title"?: …, "blocks": [...]}, with its front matter in `meta`
    translation: dict[str, Any] | None  # the translated fields as they are now (same shape), or None
    translator: str = ""
    current: bool = False  # the translation was made from the original as it is now
    meta: dict[str, Any] = field(default_factory=dict)
    spec: Shape = None
    units: list[Unit] = field(default_factory=list)


@dataclass
class Unit:
    context: str
    msgid: str
    msgstr: str
    fuzzy: bool
    reference: str  # "file:line"
    document: Document
    path: FieldPath


def numbered_blocks(markdown: str) -> list[tuple[int, str]]:
    """The page's text as blocks between blank lines, each with its first line's index; a fenced code block stays whole."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first, fence = 0, ""
    for i, line in enumerate(markdown.split("\n")):
        opening = re.match(r"(`{3,}|~{3,})", line.lstrip())
        if line.strip() == "" and not fence:
            if current:
                blocks.append((first, "\n".join(current)))
                current = []
            continue
        if not current:
            first = i
        current.append(line)
        if fence and line.lstrip().startswith(fence) and line.strip() == line.strip()[0] * len(line.strip()):
            fence = ""
        elif not fence and opening:
            fence = opening.group(1)
    if current:
        blocks.append((first, "\n".join(current)))
    return blocks


def split_blocks(markdown: str) -> list[str]:
    return [b for _, b in numbered_blocks(markdown)]


def page_text(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A page's text as {"title"?, "blocks"} and its front matter."""
    body, meta = get_data(path.read_text("utf-8-sig"))
    text: dict[str, Any] = {"blocks": split_blocks(body)}
    if isinstance(meta.get("title"), str):
        text["title"] = meta["title"]
    return text, meta


PAGE_SPEC: Shape = {"title": TEXT, "blocks": [TEXT]}


def documents(atlas: Atlas, docs_dir: Path | None, lang: str, site_languages: list[str]) -> list[Document]:
    """Every original not written in `lang`, with its translation into `lang` as it is now."""
    out: list[Document] = []
    for kind, items, by, schema in (
        ("case", atlas.cases, atlas.translations, SCHEMA),
        ("module", atlas.modules, atlas.module_translations, MODULE.schema),
    ):
        for oid in sorted(items):
            item = items[oid]
            if same_language(item.language, lang):
                continue
            tr: Translation | None = by.get(oid, {}).get(lang)
            out.append(
                Document(
                    kind,
                    oid,
                    item.path,
                    item.path.with_name(f"{oid}.{lang}.yaml"),
                    fingerprint(item.original, schema),
                    item.original,
                    tr.data if tr else None,
                    tr.translator if tr else "",
                    bool(tr and tr.is_current(item.original)),
                    spec=shape(schema),
                )
            )
    if docs_dir is not None and docs_dir.is_dir():
        found, _ = page_translations(docs_dir, site_languages)
        by_base = {t.base: t for t in found if t.language == lang}
        for path in sorted(docs_dir.rglob("*.md")):
            src_uri = path.relative_to(docs_dir).as_posix()
            if variant_of(src_uri, site_languages) or lang == site_languages[0]:
                continue
            text, meta = page_text(path)
            tr_page = by_base.get(src_uri)
            translated, translator, current = None, "", False
            if tr_page is not None:
                translated, _ = page_text(tr_page.path)
                translator = str(tr_page.meta.get("translator", ""))
                current = tr_page.meta.get("source_fingerprint") == page_fingerprint(path)
            target = path.with_name(f"{path.name.removesuffix('.md')}.{lang}.md")
            out.append(
                Document(
                    "page", src_uri, path, target, page_fingerprint(path), text, translated, translator, current, meta, PAGE_SPEC
                )
            )
    for doc in out:
        doc.units = list(_units(doc))
    return out


def _units(doc: Document) -> Iterator[Unit]:
    name = display_path(doc.path)
    yaml_text = doc.path.read_text("utf-8") if doc.kind != "page" else ""
    page_lines = _block_lines(doc.path) if doc.kind == "page" else []
    for path, text in texts(doc.original, doc.spec, ()):
        theirs = at(doc.translation, path)
        # A translation whose list differs in length from the original's (stale) is not aligned: nothing to offer.
        msgstr = theirs if isinstance(theirs, str) and _aligned(doc, path) else ""
        if doc.kind == "page":
            line = page_lines[path[1]] if path[0] == "blocks" and isinstance(path[1], int) else 1
        else:
            line = locate(yaml_text, path)[0]
        yield Unit(f"{name}:{format_path(path)}", text, msgstr, bool(msgstr) and not doc.current, f"{name}:{line}", doc, path)


def _aligned(doc: Document, path: FieldPath) -> bool:
    for i in range(1, len(path) + 1):
        o, t = at(doc.original, path[:i]), at(doc.translation, path[:i])
        if isinstance(o, list) and (not isinstance(t, list) or len(o) != len(t)):
            return False
    return True


def _block_lines(path: Path) -> list[int]:
    """1-based line of each block of a page, in the file."""
    raw = path.read_text("utf-8-sig")
    body, _ = get_data(raw)
    offset = raw.count("\n") - body.count("\n")
    return [offset + i + 1 for i, _ in numbered_blocks(body)]


def texts(data: Any, spec: Shape, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every translatable text of `data`, with its field path, in file order."""
    if spec == TEXT:
        if isinstance(data, str):
            yield path, data
    elif isinstance(spec, list) and isinstance(data, list):
        for i, item in enumerate(data):
            yield from texts(item, spec[0], path + (i,))
    elif isinstance(spec, dict) and isinstance(data, dict):
        for key, sub in spec.items():
            if key in data:
                yield from texts(data[key], sub, path + (key,))


def at(data: Any, path: FieldPath) -> Any:
    for part in path:
        in_list = isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data)
        if in_list or (isinstance(part, str) and isinstance(data, dict) and part in data):
            data = data[part]
        else:
            return None
    return data


def rebuild(original: Any, spec: Shape, path: FieldPath, found: dict[FieldPath, str]) -> Any:
    """The translation's tree: the original's shape, each text replaced by the one found for its path."""
    if spec == TEXT:
        return found.get(path) if isinstance(original, str) else None
    if isinstance(spec, list):
        return (
            [rebuild(item, spec[0], path + (i,), found) for i, item in enumerate(original)]
            if isinstance(original, list)
            else None
        )
    if not isinstance(original, dict):
        return None
    out = {k: rebuild(original[k], sub, path + (k,), found) for k, sub in spec.items() if k in original}
    return {k: v for k, v in out.items() if v is not None}
