"""The tool's one error type, and the problems it reports about content files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is and how to fix it."""

    path: str
    line: int = 0
    column: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class CaseAtlasError(Exception):
    """Base class of every error the tool raises for a user's mistake."""


class ContentError(CaseAtlasError):
    """Content files have problems; carries every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        files = len({p.path for p in self.problems})
        n = len(self.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}")
        return "\n".join(lines)


def printable(text: str) -> str:
    """Text with invisible and control characters written as escapes (`\\u202e`), so that a file name cannot
    reverse, reorder or rewrite the line of a terminal it is printed on."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def display_path(path: Path) -> str:
    """The path as the user should read it: relative to the working directory when inside it, with invisible
    and control characters escaped (printable)."""
    # the folder resolved, not the file: a file that is a symbolic link is named as the link
    folder = _relative_folder(str(path.parent), os.getcwd())
    return printable(path.as_posix() if folder is None else (folder / path.name).as_posix())


@lru_cache(maxsize=4096)
def _relative_folder(folder: str, cwd: str) -> Path | None:
    """A folder relative to the working directory, both resolved; once per folder (thousands of files share one)."""
    try:
        return Path(folder).resolve().relative_to(Path(cwd).resolve())
    except ValueError:
        return None
