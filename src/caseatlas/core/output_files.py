"""How the pack, calendar and cartridge exports call the one output guard (output_guard.py).

`check_output` adds what these single-file exports also need, the file's ending (a PDF export is named
`.pdf`) and an existing folder to write into, to `output_guard.check_target`, which refuses paths inside the
project's content or code and existing files of another kind. `write_output` writes one file through
`output_guard.write_files`: atomically, never leaving a partial file or a temporary one behind.
"""

from __future__ import annotations

from pathlib import Path

from caseatlas.core.errors import CaseAtlasError, display_path
from caseatlas.core.output_guard import check_target, protected_paths, write_files

PACKAGE = Path(__file__).resolve().parent.parent  # the installed package (caseatlas/), with its templates and schemas


def protected_folders(*content: Path) -> list[Path]:
    """The content folders given, the hand-written pages, and the package's own files."""
    return [*content, Path("docs"), PACKAGE]


def check_output(out: Path, suffix: str, protected: list[Path]) -> None:
    """Refuse `out` unless a file of kind `suffix` (".pdf", ".ics", ".imscc") may be written there."""
    resolved = out.resolve()
    inside = any(resolved == p or p in resolved.parents for p in protected_paths(protected))
    if out.suffix.lower() != suffix and not out.exists() and not inside:  # the guard speaks of existing files first
        raise CaseAtlasError(f"{display_path(out)} does not end in {suffix} (hint: name the file {out.stem}{suffix})")
    check_target(out, suffix[1:], protected=protected)
    if not out.parent.is_dir():
        what = "is not a folder" if out.parent.exists() else "does not exist"
        raise CaseAtlasError(
            f"cannot write {display_path(out)}: {display_path(out.parent)} {what} "
            "(hint: create the folder first, or choose another path)"
        )


def write_output(out: Path, data: bytes) -> None:
    """Write `data` to `out` atomically, through the output guard."""
    write_files(out.parent, {out.name: data})
