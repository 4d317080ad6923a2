"""Translation files `<id>.<lang>.yaml` beside a case: reading, checking against the original, and their state."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseatlas.content.loading import Document, read_document
from caseatlas.content.number_forms import difference_text, number_difference
from caseatlas.content.schemas import _subschema, schema_problems, validator
from caseatlas.content.translatable import TEXT, Shape, fingerprint, shape
from caseatlas.core.errors import Problem, display_path
from caseatlas.core.strings import languages as interface_languages
from caseatlas.core.vocabulary import did_you_mean, is_language

SCHEMA = "translation.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../../src/caseatlas/schema/translation.schema.json"


@dataclass(frozen=True)
class Kind:
    """What a translation file translates: its schema, the original's schema, and the word for one original."""

    schema: str
    original_schema: str
    noun: str
    schema_line: str


CASE = Kind(SCHEMA, "case.schema.json", "case", SCHEMA_LINE)
MODULE = Kind(
    "module-translation.schema.json",
    "module.schema.json",
    "module",
    "# yaml-language-server: $schema=../src/caseatlas/schema/module-translation.schema.json",
)
_NAME = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[^.]+)\.yaml$")


@dataclass(frozen=True)
class Translation:
    """A checked translation of one case into one language."""

    path: Path
    of: str
    language: str
    data: dict[str, Any]  # the translated fields, without the `translation` block
    source_fingerprint: str
    translator: str
    reviewed: bool
    schema: str = SCHEMA

    def is_current(self, original: dict[str, Any]) -> bool:
        return self.source_fingerprint == fingerprint(original, self.schema)


def translation_files(case_dir: Path) -> list[Path]:
    """Translation files under `case_dir`: `<cc>/<id>.<lang>.yaml`."""
    return sorted(p for p in case_dir.rglob("*.yaml") if "." in p.name.removesuffix(".yaml"))


def same_language(a: str, b: str) -> bool:
    return a.split("-")[0].lower() == b.split("-")[0].lower()


def check_translations(
    paths: list[Path],
    originals: dict[str, Document],
    unreadable: set[str] = frozenset(),  # type: ignore[assignment]
    read: Callable[[Path], Document | Problem] = read_document,
    kind: Kind = CASE,
) -> tuple[list[Translation], list[Problem]]:
    """Read and check every translation file against its original; collect every problem.

    `originals` are the parsed case files by id; `unreadable` the ids of case files that
    failed to parse (a translation of one is not reported again).
    """
    found: list[Translation] = []
    problems: list[Problem] = []
    for path in paths:
        doc = read(path)
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        own = list(_problems(doc, originals, unreadable, kind))
        problems += own
        block = doc.data.get("translation")
        if not own and isinstance(block, dict):
            data = {k: v for k, v in doc.data.items() if k != "translation"}
            found.append(
                Translation(
                    path,
                    block["of"],
                    block["language"],
                    data,
                    block["source_fingerprint"],
                    block["translator"],
                    block["reviewed"],
                    kind.schema,
                )
            )
    return found, problems


def _problems(doc: Document, originals: dict[str, Document], unreadable: set[str], kind: Kind) -> Iterator[Problem]:
    m = _NAME.match(doc.path.name)
    stem, lang = (m["id"], m["lang"]) if m else (doc.path.name.removesuffix(".yaml"), "")
    schema = [
        p
        for p in schema_problems(doc, kind.schema)  # unknown fields outside the `translation` block: see below
        if not p.message.startswith("unknown field") or p.field.startswith("translation.")
    ]
    yield from schema
    if not doc.text.startswith("# yaml-language-server: $schema="):
        yield doc.problem((), "the first line must name the schema for editors", f"add `{kind.schema_line}` as line 1")
    yield from _field_problems(doc, doc.data, shape(kind.schema) | {"translation": None}, (), kind.original_schema)
    raw = doc.data.get("translation")
    block: dict[str, Any] = raw if isinstance(raw, dict) else {}
    if not is_language(lang) or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang):
        yield doc.problem(
            (),
            f"'{lang}' in the file name is not a known language code",
            "name the file <id>.<lang>.yaml with a BCP 47 code such as zh or id",
        )
        return
    if lang not in interface_languages():
        yield doc.problem(
            (),
            f"the atlas has no '{lang}' interface yet",
            f"add a '{lang}' mapping to src/caseatlas/data/strings.yaml first (see 'Add a language' "
            f"in the contributor guide), or use one of: {', '.join(interface_languages())}",
        )
        return
    if block.get("language") not in (None, lang) and not any(p.field == "translation.language" for p in schema):
        yield doc.problem(
            ("translation", "language"),
            f"'{block['language']}' differs from the file name's '{lang}'",
            f"set `language: {lang}` or rename the file",
        )
    if block.get("of") not in (None, stem) and not any(p.field == "translation.of" for p in schema):
        yield doc.problem(
            ("translation", "of"),
            f"'{block['of']}' differs from the file name '{doc.path.name}'",
            f"set `of: {stem}` or rename the file to {block['of']}.{lang}.yaml",
        )
        return
    original = originals.get(stem)
    if original is None:
        if stem not in unreadable:
            yield doc.problem(
                ("translation", "of"),
                f"translates {kind.noun} '{stem}', which does not exist",
                did_you_mean(stem, originals, f"name the file after the {kind.noun} it translates: <id>.<lang>.yaml"),
            )
        return
    if original.path.parent.resolve() != doc.path.parent.resolve():
        yield doc.problem(
            ("translation", "of"),
            f"the original is {original.name}, in another folder",
            f"move this file beside it, to {display_path(original.path.parent / doc.path.name)}",
        )
    if same_language(str(original.data.get("language", "")), lang):
        yield doc.problem(
            ("translation", "language"),
            f"the {kind.noun} is already written in '{lang}'",
            f"remove this file, or translate the {kind.noun} into another language",
        )
        return
    if schema:
        return
    current = block.get("source_fingerprint") == fingerprint(original.data, kind.schema)
    for path, message, hint in _compare(doc.data, original.data, shape(kind.schema), (), current):
        yield doc.problem(path, message.format(original=original.name), hint.format(original=original.name))
    if current:  # a stale translation differs by nature until it is brought up to date
        yield from _number_problems(doc, original.data, shape(kind.schema))


def _field_problems(
    doc: Document, data: Any, spec: Shape, path: tuple[str | int, ...], original_schema: str = "case.schema.json"
) -> Iterator[Problem]:
    """Fields a translation may not hold: figures, codes and sources of the original, or unknown names."""
    if isinstance(spec, list) and isinstance(data, list):
        for i, item in enumerate(data):
            yield from _field_problems(doc, item, spec[0], path + (i,), original_schema)
    if not (isinstance(spec, dict) and isinstance(data, dict)):
        return
    case_fields = _subschema(validator(original_schema).schema, path).get("properties", {})
    for key, value in data.items():
        if key not in spec and key in case_fields:
            yield doc.problem(
                path + (key,),
                f"'{key}' cannot be translated: figures, codes, dates and sources come from the original",
                "remove it from the translation; to change it, edit the original",
                at_key=True,
            )
        elif key not in spec:
            yield doc.problem(
                path + (key,),
                f"unknown field '{key}'",
                did_you_mean(key, list(spec), "remove it; a translation may hold: " + ", ".join(spec)),
                at_key=True,
            )
        elif spec[key] is not None and spec[key] != TEXT:
            yield from _field_problems(doc, value, spec[key], path + (key,), original_schema)


def _compare(
    tr: Any, orig: Any, spec: Shape, path: tuple[str | int, ...], current: bool
) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Differences in shape between a translation and its original.

    A field the original lacks is always a problem. A field or list item the
    translation lacks is one only when it claims to be current (same fingerprint):
    a stale translation is shown with a notice, keeping the original where they differ.
    """
    if isinstance(spec, list):
        if isinstance(tr, list) and isinstance(orig, list):
            if len(tr) == len(orig):
                for i, (a, b) in enumerate(zip(tr, orig, strict=True)):
                    yield from _compare(a, b, spec[0], path + (i,), current)
            elif current:
                yield (
                    path,
                    f"has {len(tr)} item{'s' if len(tr) != 1 else ''}; the original has {len(orig)}",
                    "translate each item of the original {original}, in the same order",
                )
        return
    if not (isinstance(spec, dict) and isinstance(tr, dict) and isinstance(orig, dict)):
        return
    for key, sub in spec.items():
        if key in tr and key not in orig:
            yield (path + (key,), "is not in the original {original}", "remove it, or add it to the original first")
        elif key in tr:
            yield from _compare(tr[key], orig[key], sub, path + (key,), current)
        elif key in orig and current:
            yield (
                path + (key,),
                "is in the original but not translated",
                "translate it: a translation covers every text field of the original {original}",
            )


def _texts(data: Any, spec: Shape, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if spec == TEXT:
        if isinstance(data, str):
            yield path, data
    elif isinstance(spec, list) and isinstance(data, list):
        for i, item in enumerate(data):
            yield from _texts(item, spec[0], path + (i,))
    elif isinstance(spec, dict) and isinstance(data, dict):
        for key, sub in spec.items():
            if key in data:
                yield from _texts(data[key], sub, path + (key,))


def _number_problems(doc: Document, original: dict[str, Any], spec: Shape) -> Iterator[Problem]:
    """A translated text that states a number its original does not, or leaves one out: figures are not translated,
    though a translation may write them in its own words ("1.5 million" is "150万", "Rp 20.7 trillion" is
    "Rp 20,7 triliun")."""
    source = dict(_texts(original, spec, ()))
    for path, text in _texts(doc.data, spec, ()):
        if path not in source:
            continue
        added, dropped = number_difference(text, source[path])
        if added or dropped:
            what = difference_text(added, dropped, "the original")
            yield doc.problem(
                path,
                f"numbers differ from the original: {what}",
                "state every number of the original's text and no other, in digits or in words as "
                "the original writes it (a conversion the original does not make is an addition)",
            )
