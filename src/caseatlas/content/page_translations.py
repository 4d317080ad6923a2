"""Translations of hand-written pages: `docs/<page>.<lang>.md` beside `docs/<page>.md`.

A translated page records what it was made from in its front matter:

    ---
    translation:
      of: index.md
      source_fingerprint: sha256:…   # `caseatlas i18n fingerprint docs/index.md`
      translator: …
      reviewed: false
    ---

The fingerprint of a hand-written page is the SHA-256 of its file's bytes (what
`sha256sum docs/index.md` prints), written `sha256:<hex>`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from caseatlas.content.page_safety import page_problems
from caseatlas.core.errors import Problem, display_path
from caseatlas.core.regular_files import irregular_entries

VARIANT = re.compile(r"^(?P<base>.+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\.md$")
_FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{64}$")


@dataclass(frozen=True)
class PageTranslation:
    base: str  # src_uri of the page translated, for example index.md
    language: str
    path: Path
    meta: dict[str, Any]

    def state(self, docs_dir: Path) -> str:
        return "translated" if self.meta.get("source_fingerprint") == page_fingerprint(docs_dir / self.base) else "stale"


def page_fingerprint(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def variant_of(src_uri: str, languages: list[str]) -> tuple[str, str] | None:
    """(`index.md`, `zh`) for `index.zh.md` when zh is a language of the site, else None."""
    m = VARIANT.match(src_uri)
    return (f"{m['base']}.md", m["lang"]) if m and m["lang"] in languages else None


def handwritten_pages(docs_dir: Path) -> list[Path]:
    """The hand-written pages: regular `.md` files (a link or a named pipe is reported by irregular_entries)."""
    return sorted(
        p
        for p in docs_dir.rglob("*.md")
        if not p.is_symlink()
        and p.is_file()
        and not any(parent.is_symlink() for parent in p.relative_to(docs_dir).parents if parent != Path("."))
    )


def page_translations(docs_dir: Path, languages: list[str]) -> tuple[list[PageTranslation], list[Problem]]:
    """Every translated hand-written page under `docs_dir`, and what is wrong with them."""
    found: list[PageTranslation] = []
    problems: list[Problem] = irregular_entries(docs_dir)
    for path in handwritten_pages(docs_dir):
        src_uri = path.relative_to(docs_dir).as_posix()
        pair = variant_of(src_uri, languages)
        if pair is None:
            continue
        base, lang = pair
        name = display_path(path)
        if not (docs_dir / base).is_file():
            problems.append(
                Problem(
                    name,
                    1,
                    1,
                    "",
                    f"translates {display_path(docs_dir / base)}, which does not exist",
                    "name the file after the page it translates: <page>.<lang>.md beside it",
                )
            )
            continue
        raw = path.read_text("utf-8-sig")
        body, meta = get_data(raw)
        original = get_data((docs_dir / base).read_text("utf-8-sig"))[0]
        unsafe = page_problems(name, body, raw.count("\n", 0, len(raw) - len(body)) + 1 if body else 1, original)
        if unsafe:
            problems += unsafe
            continue
        block = meta.get("translation")
        hint = (
            f"start the file with front matter `translation: {{of: {base}, source_fingerprint: …, translator: …, "
            f"reviewed: false}}`; `caseatlas i18n fingerprint {display_path(docs_dir / base)}` prints the fingerprint"
        )
        if not isinstance(block, dict):
            problems.append(Problem(name, 1, 1, "translation", "the front matter does not say what was translated", hint))
            continue
        wrong = [k for k in ("of", "source_fingerprint", "translator", "reviewed") if k not in block]
        if wrong:
            problems.append(Problem(name, 1, 1, "translation", f"missing {', '.join(wrong)}", hint))
        elif not isinstance(block["source_fingerprint"], str) or not _FINGERPRINT.match(block["source_fingerprint"]):
            problems.append(
                Problem(
                    name,
                    1,
                    1,
                    "translation.source_fingerprint",
                    f"{block['source_fingerprint']!r} is not in the expected form",
                    "sha256: and 64 lower-case hex digits; " + hint.split("; ")[-1],
                )
            )
        elif block["of"] != base:
            problems.append(
                Problem(
                    name, 1, 1, "translation.of", f"'{block['of']}' differs from the file name's '{base}'", f"set `of: {base}`"
                )
            )
        else:
            found.append(PageTranslation(base, lang, path, block))
    return found, problems


def page_title(path: Path) -> str:
    text, meta = get_data(path.read_text("utf-8-sig"))
    m = re.search(r"^# (.+)$", text, re.M)
    return str(meta.get("title") or (m.group(1).strip() if m else path.stem))
