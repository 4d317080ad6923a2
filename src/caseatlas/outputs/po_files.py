"""Translators' PO files: `caseatlas i18n export` writes one language's units (po_units.py) as gettext PO,
`caseatlas i18n import` checks a PO file whole and writes the translations it completes.

Import writes a case's or module's `<id>.<lang>.yaml`, or a page's `docs/<page>.<lang>.md`, only when every unit
of that original has a translation that is not fuzzy, and only when the result differs from the file as it is:
an export imported unchanged changes no file. Originals are never written. Any problem in the PO file (it cannot
be read, a duplicated or unknown `msgctxt`, a placeholder or number of `msgid` missing from `msgstr`, another
language) is reported as `file:line: …` and nothing is written.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import yaml

from caseatlas import __version__
from caseatlas.content.loading import Document as LoadedDocument
from caseatlas.content.loading import _load, read_document
from caseatlas.content.number_forms import difference_text, number_difference
from caseatlas.content.translations import CASE, MODULE, SCHEMA_LINE, check_translations
from caseatlas.core.errors import ContentError, Problem, display_path
from caseatlas.core.output_guard import write_files
from caseatlas.outputs.po_units import Document, Unit, rebuild

DEFAULT_TRANSLATOR = "machine-assisted draft by the Case Atlas project team"
_PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[sdifr%]|\{[A-Za-z0-9_.]*\}")


def export_po(docs: list[Document], lang: str) -> polib.POFile:
    """The PO file of one language: an entry per unit, the current translation as msgstr, `fuzzy` where the
    original changed since the translation was made."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"Case Atlas {__version__}",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "caseatlas i18n export",
    }
    for doc in docs:
        for u in doc.units:
            file, line = u.reference.rsplit(":", 1)
            entry = polib.POEntry(
                msgctxt=u.context, msgid=u.msgid, msgstr=u.msgstr, occurrences=[(file, line)], flags=["fuzzy"] if u.fuzzy else []
            )
            po.append(entry)
    return po


@dataclass(frozen=True)
class Planned:
    """A file import would write: where, its text, and what it is."""

    path: Path
    text: str
    document: Document


def read_po(path: Path) -> polib.POFile:
    name = display_path(path)
    try:
        return polib.pofile(str(path), encoding="utf-8", wrapwidth=0)
    except (OSError, ValueError) as exc:  # polib reports a syntax error as OSError("Syntax error in po file (line N)")
        m = re.search(r"line (\d+)", str(exc))
        raise ContentError(
            [
                Problem(
                    name,
                    int(m.group(1)) if m else 1,
                    0,
                    "",
                    f"not a readable PO file: {exc}",
                    "fix the line, or export the file again with `caseatlas i18n export`",
                )
            ]
        ) from None


def po_language(po: polib.POFile, path: Path, languages: list[str], wanted: str | None) -> str:
    """The language the PO file says it holds, checked against the site's languages and the file's name."""
    name = display_path(path)
    lang = str(po.metadata.get("Language", "")).strip().replace("_", "-")
    hint = f'set the header `"Language: <code>\\n"` to one of: {", ".join(languages[1:])}'
    if not lang:
        raise ContentError([Problem(name, 1, 0, "Language", "the PO header does not say its language", hint)])
    if lang not in languages[1:]:
        raise ContentError(
            [Problem(name, _header_line(path), 0, "Language", f"'{lang}' is not a language the atlas is translated into", hint)]
        )
    stem = path.name.removesuffix(".po")
    if wanted and wanted != lang or stem in languages and stem != lang:
        expected = wanted or stem
        raise ContentError(
            [
                Problem(
                    name,
                    _header_line(path),
                    0,
                    "Language",
                    f"the file holds '{lang}', not '{expected}'",
                    f"import the {expected} file, or check that this is the file you meant",
                )
            ]
        )
    return lang


def _header_line(path: Path) -> int:
    for i, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
        if line.startswith('"Language:'):
            return i
    return 1


def plan_import(po: polib.POFile, path: Path, docs: list[Document], lang: str) -> tuple[list[Planned], list[str]]:
    """The files to write (already compared with those on disk), and a line per original left as it was.
    ContentError, listing every problem, if anything in the file is wrong."""
    name = display_path(path)
    units = {u.context: u for d in docs for u in d.units}
    problems: list[Problem] = []
    seen = Counter(e.msgctxt for e in po)
    found: dict[str, polib.POEntry] = {}
    for e in po:
        where = (name, e.linenum)
        if e.obsolete:
            continue
        if seen[e.msgctxt] > 1 and e.msgctxt in found:
            problems.append(Problem(*where, 0, "msgctxt", f"'{e.msgctxt}' appears more than once", "keep one entry per msgctxt"))
            continue
        unit = units.get(e.msgctxt or "")
        if unit is None:
            problems.append(
                Problem(
                    *where,
                    0,
                    "msgctxt",
                    f"unknown context '{e.msgctxt}': no such field in a {lang} translation of the atlas",
                    "export the file again with `caseatlas i18n export`; do not edit msgctxt",
                )
            )
            continue
        found[e.msgctxt] = e
        if e.msgid != unit.msgid:
            problems.append(
                Problem(
                    *where,
                    0,
                    "msgid",
                    "the original text changed since this file was exported",
                    "export again and translate the new text; your msgstr is kept as a suggestion",
                )
            )
            continue
        if e.msgstr and "fuzzy" not in e.flags:
            problems += _mismatch(e, unit, where)
    if problems:
        raise ContentError(problems)
    planned, skipped = [], []
    for doc in docs:
        done = {
            u.path: found[u.context].msgstr
            for u in doc.units
            if u.context in found and found[u.context].msgstr and "fuzzy" not in found[u.context].flags
        }
        if len(done) < len(doc.units):
            if any(found.get(u.context) is not None and found[u.context].msgstr != u.msgstr for u in doc.units):
                skipped.append(
                    f"{display_path(doc.path)}: {len(doc.units) - len(done)} of {len(doc.units)} "
                    "entries untranslated or fuzzy, not written"
                )
            continue
        text = _file_text(doc, rebuild(doc.original, doc.spec, (), done), lang, _translator(po, doc))
        if doc.target.is_file() and doc.target.read_text("utf-8") == text:
            continue
        if doc.current and doc.translation == rebuild(doc.original, doc.spec, (), done):
            continue  # same text, same fingerprint: the file as written stays, byte for byte
        planned.append(Planned(doc.target, text, doc))
    problems = [p for plan in planned for p in _check_planned(plan, found, name)]
    if problems:
        raise ContentError(problems)
    return planned, skipped


def _check_planned(plan: Planned, found: dict[str, polib.POEntry], po_name: str) -> list[Problem]:
    """The file import would write, checked as `caseatlas validate` will check it; problems told at the PO entry."""
    doc = plan.document
    if doc.kind == "page":
        return []
    original = read_document(doc.path)
    if not isinstance(original, LoadedDocument):
        return [original]
    data, _ = _load(plan.text)

    def read(path: Path) -> LoadedDocument:
        return LoadedDocument(path, data, plan.text)

    _, problems = check_translations([plan.path], {doc.id: original}, read=read, kind=MODULE if doc.kind == "module" else CASE)
    out = []
    for p in problems:
        entry = found.get(f"{display_path(doc.path)}:{p.field}")
        out.append(Problem(po_name, entry.linenum, 0, "msgstr", p.message, p.hint) if entry else p)
    return out


def _mismatch(e: polib.POEntry, unit: Unit, where: tuple[str, int]) -> list[Problem]:
    out = []
    a, b = Counter(_PLACEHOLDER.findall(e.msgid)), Counter(_PLACEHOLDER.findall(e.msgstr))
    if a != b:
        lost, extra = sorted((a - b).elements()), sorted((b - a).elements())
        out.append(
            Problem(
                *where,
                0,
                "msgstr",
                "placeholders differ from msgid: "
                + "; ".join(
                    p
                    for p in (f"missing {', '.join(lost)}" if lost else "", f"not in msgid {', '.join(extra)}" if extra else "")
                    if p
                ),
                "keep every placeholder of msgid, such as %s or {name}, exactly as written",
            )
        )
    added, dropped = number_difference(e.msgstr, e.msgid)
    if added or dropped:
        what = difference_text(added, dropped, "msgid", subject="msgstr ")
        out.append(
            Problem(
                *where,
                0,
                "msgstr",
                f"numbers differ from msgid: {what}",
                "state every number of msgid and no other, in digits or in words as msgid writes it",
            )
        )
    if "\n" in e.msgstr and "\n" not in e.msgid and unit.document.kind != "page":
        out.append(Problem(*where, 0, "msgstr", "is one line in the original but has several here", "write it on one line"))
    return out


def _translator(po: polib.POFile, doc: Document) -> str:
    named = str(po.metadata.get("Last-Translator", "")).strip()
    if named and "FULL NAME" not in named:
        return named
    return doc.translator or DEFAULT_TRANSLATOR


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else (">" if len(value) > 70 and " " in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _file_text(doc: Document, data: dict[str, Any], lang: str, translator: str) -> str:
    block = {
        "of": doc.id if doc.kind != "page" else doc.id,
        "language": lang,
        "source_fingerprint": doc.fingerprint,
        "translator": translator,
        "reviewed": False,
    }
    if doc.kind == "page":
        meta = {k: v for k, v in doc.meta.items() if k not in ("translation", "title")}
        if "title" in data:
            meta["title"] = data["title"]
        meta["translation"] = {k: v for k, v in block.items() if k != "language"}
        head = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)
        return f"---\n{head}---\n\n" + "\n\n".join(data["blocks"]) + "\n"
    line = MODULE.schema_line if doc.kind == "module" else SCHEMA_LINE
    body = yaml.dump({"translation": block, **data}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=80, indent=2)
    return f"{line}\n{translator_notes(doc.target)}{body}"


def translator_notes(path: Path) -> str:
    """The comment lines at the top of an existing translation file, after its schema line: the translator's notes
    (which names stay in the source's spelling, and why), kept when import writes the file again."""
    try:
        lines = path.read_text("utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return ""
    notes = []
    for line in lines[1:] if lines and lines[0].startswith("# yaml-language-server:") else lines:
        if not line.lstrip().startswith("#"):
            break
        notes.append(line if line.endswith("\n") else line + "\n")
    return "".join(notes)


def body_comments(path: Path) -> int:
    """How many comment lines an existing YAML file holds below its top comments (import does not keep those)."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    first = next((i for i, line in enumerate(lines) if not line.lstrip().startswith("#")), len(lines))
    return sum(1 for line in lines[first:] if line.lstrip().startswith("#"))


def write_all(planned: list[Planned]) -> None:
    """Every file written as one set through the output guard: each to a temporary file beside it, renamed into place
    only when all are complete, what was there put back if any rename fails."""
    if not planned:
        return
    paths = [p.path.resolve() for p in planned]
    root = Path(os.path.commonpath([p.parent for p in paths]))
    write_files(root, {path.relative_to(root).as_posix(): p.text for path, p in zip(paths, planned, strict=True)})
