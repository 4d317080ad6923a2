"""The one way the pack, calendar and cartridge exports write a file: checked first, then written atomically.

`check_output` refuses, before any work is done, a path that is a folder, that lies inside
the project's content or code (case_studies/, curriculum/, docs/, the package itself), or
that is an existing file of another kind (a PDF export never replaces a YAML file).
`write_output` writes to a temporary file beside the target and renames it into place,
so a failure never leaves a partial file, and never any file at all.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import CaseAtlasError, display_path

PACKAGE = Path(__file__).resolve().parent
# What an existing file must start with to be replaced by a new file of the same kind.
SIGNATURES = {".pdf": (b"%PDF-",), ".ics": (b"BEGIN:VCALENDAR",), ".imscc": (b"PK\x03\x04", b"PK\x05\x06")}


def protected_folders(*content: Path) -> list[Path]:
    """The content folders given, the hand-written pages, and the package's own files."""
    return [*content, Path("docs"), PACKAGE]


def check_output(out: Path, suffix: str, protected: list[Path]) -> None:
    """Refuse `out` unless a file of kind `suffix` (".pdf", ".ics", ".imscc") may be written there."""
    example = f"-o module{suffix}"
    if out.is_dir():
        raise CaseAtlasError(f"{display_path(out)} is a folder (hint: give a file name, for example {example})")
    target = out.resolve()
    for folder in protected:
        folder = folder.resolve()
        if folder == target or folder in target.parents:
            raise CaseAtlasError(f"{display_path(out)} is inside {display_path(folder)}/, which holds the project's own files "
                                 f"(hint: write it somewhere else, for example {example})")
    if out.suffix.lower() != suffix:
        raise CaseAtlasError(f"{display_path(out)} does not end in {suffix} (hint: name the file {out.stem}{suffix})")
    if out.exists():
        with out.open("rb") as fh:
            head = fh.read(32)
        if not head.startswith(SIGNATURES[suffix]):
            raise CaseAtlasError(f"{display_path(out)} already exists and is not a {suffix[1:].upper()} file "
                                 f"(hint: choose another file name; nothing was written)")
    if not out.parent.is_dir():
        what = "is not a folder" if out.parent.exists() else "does not exist"
        raise CaseAtlasError(f"cannot write {display_path(out)}: {display_path(out.parent)} {what} "
                             "(hint: create the folder first, or choose another path)")


def write_output(out: Path, data: bytes) -> None:
    """Write `data` to `out` atomically (a temporary file beside it, renamed when complete)."""
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    except OSError as exc:
        raise CaseAtlasError(f"cannot write {display_path(out)}: {exc.strerror or exc} "
                             "(hint: choose a folder you can write to)") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CaseAtlasError(f"cannot write {display_path(out)}: {exc.strerror or exc} (hint: check the free space "
                             "and permissions of the folder; nothing was written)") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
