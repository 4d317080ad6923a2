"""Only regular files inside the project are read: no named pipes, devices or sockets, no symbolic links.

A named pipe (FIFO) blocks whoever opens it until something writes to it: `caseatlas validate` and
`mkdocs build` would hang. A symbolic link can lead anywhere, to a file outside the project or to a secret,
which the site would publish (MkDocs follows links in docs/). Content files are opened without blocking and
without following a link, and checked to be regular files before a byte is read; the folders of content and of
hand-written pages are checked for anything that is not a regular file or a folder.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from caseatlas.core.errors import Problem, display_path

_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFDIR: "a folder",
}
HINT = "put the file itself here, as a regular file"


class NotRegularError(OSError):
    """The path is not a regular file; the message says what it is."""


def kind_of(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Raises NotRegularError for anything else (without
    blocking on a named pipe or following a symbolic link), ValueError(size) when it is larger, OSError otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if path.is_symlink():
            raise NotRegularError(f"is {_KINDS[stat.S_IFLNK]}, not a file") from None
        raise exc from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularError(f"is {kind_of(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise ValueError(info.st_size)
        return fh.read(limit + 1)


def irregular_entries(folder: Path, *, files_too: bool = True) -> list[Problem]:
    """One problem per symbolic link (to a file or a folder) and per entry that is neither a regular file nor a
    folder under `folder`, without following any link. With files_too=False, only links to folders and special
    files that are not content files are reported (a `.yaml` file is reported when it is read)."""
    problems = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(root) / name
            info = path.lstat()
            if stat.S_ISDIR(info.st_mode) or (stat.S_ISREG(info.st_mode)):
                continue
            if not files_too and name.endswith(".yaml") and not path.is_dir():
                continue  # read_document reports it, with the same words
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    "",
                    f"is {kind_of(info.st_mode)}, not a file or a folder",
                    "remove it, or put the file itself here"
                    if stat.S_ISLNK(info.st_mode)
                    else "remove it: only regular files are read",
                )
            )
    return problems
