"""The one guard of every command that writes: where it may write, and how, so that no output harms the project.

Every writing command (`export data|cartridge|pack|calendar`, `bundle`, `render`, `i18n export`) calls
`check_target` once, before any work, then writes through `write_files` (a set of files) or `atomic_file`
(one file it streams, such as a zip):

    from caseatlas.core.output_guard import check_target, atomic_file, write_files

    target = check_target(out, "ics", protected=[cases_dir, curriculum_dir])  # raises OutputError
    write_files(target.parent, {target.name: text})

`check_target(path, kind)` refuses, with a message and a hint (OutputError, exit 1):
- a path inside the content folders, `docs/`, `overrides/`, `src/` or the installed package, or the project's
  own files (mkdocs.yml, pyproject.toml…): no output overwrites anything of the project;
- an existing file that is not of the output's own kind (`KINDS`: a zip is not written over mkdocs.yml, a
  calendar only over a calendar), a folder where a file is wanted, a file where a folder is wanted.
It also removes what a killed run of the same output left behind (its temporary files).

Temporary files are named `.<name>.caseatlas-<pid>-<random>.part` beside their target (so the final rename stays
on one file system); a later run removes those whose process is gone. `write_files` writes every file of one
output to such temporaries first, then renames them all into place; when any step fails it puts back what was
there and removes every temporary, so a reader sees the old set or the new one, never a mix. Errors of the
file system (a full disk, a file-size limit, a read-only folder) become one message that names the target,
never a temporary file, with a hint on what to do.

`caseatlas new` and `caseatlas module new`, whose job is to write into a content folder, call
`new_content_file(folder, relative, text)`: the one file is created atomically and never replaces anything (not a
file, not a link, not a folder), only inside that folder, through no symbolic link.

`child_dies_with_parent` is the `preexec_fn` for subprocesses (Pagefind) that must not outlive the command.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from caseatlas.core.errors import CaseAtlasError, display_path


class OutputError(CaseAtlasError):
    """An output that may not, or cannot, be written; the message says why and what to do."""


# Each kind of output: what to call it in a message, and how to recognize an existing file of that kind
# (its first bytes), which is the only file it may replace. None: a folder of files.
KINDS: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    "zip": ("bundle", (b"PK\x03\x04", b"PK\x05\x06")),
    "imscc": ("cartridge", (b"PK\x03\x04", b"PK\x05\x06")),
    "pdf": ("course pack", (b"%PDF-",)),
    "ics": ("calendar", (b"BEGIN:VCALENDAR",)),
    "po": ("catalogue", (b"#", b"msgid", b"\xef\xbb\xbf#", b"\xef\xbb\xbfmsgid")),
    "data": ("files", None),
    "pages": ("pages", None),
}
PROJECT_FOLDERS = ("case_studies", "curriculum", "docs", "overrides", "src", "tests", "scripts", ".git")
"""Folders of a project (the folder holding mkdocs.yml) that no output goes into."""
PROJECT_FILES = ("mkdocs.yml", "pyproject.toml", "README.md", "CHANGELOG.md")
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.caseatlas-(?P<pid>\d+)-[A-Za-z0-9_]+\.(?P<end>part|old)$")
_HINTS = {
    errno.EROFS: "the folder is on a read-only file system: choose another with -o",
    errno.EACCES: "you may not write there: choose a folder you can write to",
    errno.EPERM: "you may not write there: choose a folder you can write to",
    errno.ENOSPC: "free some space, or write elsewhere with -o",
    errno.EDQUOT: "your disk quota is used up: free some space, or write elsewhere with -o",
    errno.EFBIG: "the file is larger than this shell's file-size limit (`ulimit -f`): raise it, or write elsewhere",
    errno.ENOENT: "create the folder first, or choose another path",
    errno.ENOTDIR: "a part of the path is a file, not a folder: choose another path",
    errno.EISDIR: "a folder has that name: remove it, or choose another name",
}


def project_root(start: Path | None = None) -> Path | None:
    """The project folder: the working directory (or the nearest parent of it) that holds mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    return next((p for p in [here, *here.parents] if (p / "mkdocs.yml").is_file()), None)


def protected_paths(extra: Iterable[Path] = ()) -> list[Path]:
    """Folders and files no output may be written into or over: the project's, the package's and `extra`."""
    paths = [Path(p).resolve() for p in extra]
    paths.append(Path(__file__).resolve().parent.parent)  # the installed package, with its templates and schemas
    root = project_root()
    if root is not None:
        paths += [root / name for name in (*PROJECT_FOLDERS, *PROJECT_FILES)]
    return paths


def check_target(target: Path, kind: str, *, protected: Iterable[Path] = ()) -> Path:
    """Refuse an output path before any work is done (see the module's docstring); returns it, and removes what a
    killed run of the same output left beside it. `kind` is a key of KINDS; `protected`: the command's own
    content folders (its --cases and --curriculum), added to the project's."""
    noun, magic = KINDS[kind]
    resolved = target.resolve()
    for path in protected_paths(protected):
        if resolved == path or path in resolved.parents:
            where = display_path(path)
            if path.is_dir() or not path.exists():
                raise OutputError(f"{display_path(target)} is inside {where}/ (hint: write the {noun} somewhere else)")
            raise OutputError(f"{display_path(target)} is {where}, a file of the project (hint: write the {noun} somewhere else)")
    if magic is None:
        if target.exists() and not target.is_dir():
            raise OutputError(
                f"{display_path(target)} is a file, not a folder (hint: give the name of a folder to write the {noun} into)"
            )
        if target.is_dir():
            clean_stale(target)
        return target
    if target.is_dir():
        raise OutputError(f"{display_path(target)} is a folder (hint: give a file name, for example -o {_example(kind)})")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise OutputError(f"{display_path(target)} is not a regular file (hint: choose another name for the {noun})")
    if target.exists() and target.stat().st_size and not _starts_with(target, magic):
        raise OutputError(
            f"{display_path(target)} exists and is not a {noun} (a .{kind} file): it is not replaced "
            f"(hint: choose another name, or move that file away first)"
        )
    if target.parent.is_dir():
        clean_stale(target.parent, target.name)
    return target


def _example(kind: str) -> str:
    return {"zip": "atlas.zip", "imscc": "module.imscc"}.get(kind, f"out.{kind}")


def _starts_with(path: Path, magic: tuple[bytes, ...]) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
    except OSError:
        return False
    return any(head.startswith(m) for m in magic)


def write_error(target: Path, exc: OSError, *, written: str = "nothing was written") -> OutputError:
    """An error of the file system while writing `target`, as one message: the target, the reason, a hint."""
    hint = _HINTS.get(exc.errno or 0, "check the free space and permissions of the folder")
    return OutputError(f"cannot write {display_path(target)}: {exc.strerror or exc} (hint: {hint}; {written})")


def pid_alive(pid: int) -> bool:
    """Whether process `pid` is running (this one included): what a killed run left may then be removed."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the temporary files a killed run left in `folder` (those of `name` only, when given); returns them.
    A `.old` copy whose target is missing (a run killed while renaming) is put back first."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = _TEMPORARY.match(entry.name)
        if not m or (name is not None and m["name"] != name) or pid_alive(int(m["pid"])):
            continue
        target = folder / m["name"]
        with contextlib.suppress(OSError):
            if m["end"] == "old" and not target.exists():
                entry.rename(target)
            elif entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
    return removed


def _temporary_name(target: Path, end: str = "part") -> Path:
    return target.parent / f".{target.name}.caseatlas-{os.getpid()}-{os.urandom(4).hex()}.{end}"


def open_temporary(target: Path) -> tuple[BinaryIO, Path]:
    """A new temporary file beside `target`, named so that a later run removes it if this one is killed."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.caseatlas-{os.getpid()}-", suffix=".part")
    return os.fdopen(fd, "wb"), Path(name)


def publish(temporary: Path, target: Path) -> None:
    """Give a finished temporary file the mode of any new file and rename it over `target`."""
    _new_file_mode(temporary)
    os.replace(temporary, target)


def _new_file_mode(temporary: Path) -> None:
    """The mode a new file gets under the umask (mkstemp's is owner-only)."""
    mask = os.umask(0)
    os.umask(mask)
    temporary.chmod(0o666 & ~mask)


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """Write one file: yields a temporary file beside `target`, renamed over it when the block ends without error.
    On any error the temporary file is removed, `target` is left as it was, and an OSError becomes OutputError."""
    try:
        fh, temporary = open_temporary(target)
    except OSError as exc:
        raise write_error(target, exc) from None
    try:
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        publish(temporary, target)
    except OSError as exc:
        raise write_error(target, exc) from None
    finally:
        temporary.unlink(missing_ok=True)


def new_content_file(folder: Path, relative: str, text: str) -> Path:
    """Create `folder/relative` (`/`-separated) holding `text`, for a command whose job is to write a new content
    file: refused where anything already has that name, where the path leaves `folder` or passes through a symbolic
    link (a linked `case_studies/cn/` could lead anywhere) or a file; written to a temporary file first and linked
    into place only when complete, so a failure leaves no part-written file. Returns the path written."""
    target = folder.joinpath(*relative.split("/"))
    if os.path.lexists(target):
        raise OutputError(f"{display_path(target)} already exists (hint: pick another id, or edit that file)")
    here = folder
    for name in ("", *target.parent.relative_to(folder).parts):
        here = here / name if name else here
        if here.is_symlink():
            raise OutputError(
                f"{display_path(here)} is a symbolic link (hint: content files are written only into "
                "real folders of the project; replace the link with the folder itself)"
            )
        if os.path.lexists(here) and not here.is_dir():
            raise OutputError(f"{display_path(here)} is not a folder (hint: move that file away, or pass another folder)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(target.parent, target.name)
        fh, temporary = open_temporary(target)
    except OSError as exc:
        raise write_error(target, exc) from None
    try:
        with fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        _new_file_mode(temporary)
        os.link(temporary, target)  # fails, and replaces nothing, if the name was taken meanwhile
    except FileExistsError:
        raise OutputError(f"{display_path(target)} already exists (hint: pick another id, or edit that file)") from None
    except OSError as exc:
        raise write_error(target, exc) from None
    finally:
        temporary.unlink(missing_ok=True)
    return target


def write_files(folder: Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write every file of one output into `folder` (paths relative to it, `/`-separated), atomically as a set.

    Every file is written to a temporary file beside its target first; only when all are complete are they
    renamed into place, each previous file kept aside until the last rename succeeds. On any failure, what was
    there is put back and every temporary is removed; an OSError becomes one OutputError naming the target.
    Returns the paths written, in the order given."""
    targets = [(folder / name, data) for name, data in files.items()]
    for target, _ in targets:
        if target.is_dir():
            raise OutputError(
                f"cannot write {display_path(target)}: a folder has that name "
                "(hint: remove it, or write elsewhere with -o; nothing was written)"
            )
    created: list[Path] = []
    temporaries: dict[Path, Path] = {}
    kept: dict[Path, Path | None] = {}
    current = folder
    try:
        for target, data in targets:
            current = target
            for parent in reversed([target.parent, *target.parent.parents]):
                if not parent.exists():
                    parent.mkdir()
                    created.append(parent)
            fh, temporary = open_temporary(target)
            temporaries[target] = temporary
            with fh:
                fh.write(data.encode("utf-8") if isinstance(data, str) else data)
                fh.flush()
                os.fsync(fh.fileno())
        for target, _ in targets:
            current = target
            old = None
            if target.exists() and not target.is_symlink():
                old = _temporary_name(target, "old")
                try:
                    os.link(target, old)  # the previous file stays whole until the whole set is in place
                except OSError:
                    shutil.copy2(target, old)
            kept[target] = old
            publish(temporaries[target], target)
            del temporaries[target]
    except BaseException as exc:
        for target, old in kept.items():  # put back what the renames so far replaced
            with contextlib.suppress(OSError):
                if old is not None and old.exists():
                    os.replace(old, target)  # a no-op where both are still links to one file: then drop the copy
                    old.unlink(missing_ok=True)
                elif temporaries.get(target) is None:
                    target.unlink()
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        for parent in reversed(created):
            with contextlib.suppress(OSError):
                parent.rmdir()
        if isinstance(exc, OSError):
            raise write_error(current, exc) from None
        raise
    for old in kept.values():
        if old is not None:
            old.unlink(missing_ok=True)
    return [t for t, _ in targets]


def temporary_folder(prefix: str) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder (removed when its `with` block ends) named `<prefix><pid>-…`; folders of that prefix
    left in the temporary folder by killed runs are removed first."""
    base = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for entry in base.glob(f"{prefix}*"):
            pid = entry.name[len(prefix) :].split("-", 1)[0]
            if pid.isdigit() and not pid_alive(int(pid)) and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
    return tempfile.TemporaryDirectory(prefix=f"{prefix}{os.getpid()}-")


def child_dies_with_parent() -> None:
    """`preexec_fn` of a subprocess: Linux kills it (SIGKILL) when the process that started it dies, even by
    SIGKILL, so that no Pagefind outlives a killed build. Elsewhere a no-op."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's own cleanup has to do
        pass
