"""What reading and checking one file gave, kept while the file stays the same.

`mkdocs serve` rebuilds the site after every edit. The plugin keeps one FileCache across
rebuilds (and across the builds of the site's languages), so a rebuild after editing one case
parses and checks that one file again; every other file's result is reused. A file counts as
unchanged while its path, size, modification time and inode are the same (an editor that
saves by writing a new file and renaming it changes the inode). Checks between files
(duplicate ids, related cases, translations against their originals, modules against cases)
are not cached: they run on every build, and cost little.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

Stamp = tuple[int, int, int]


def stamp(path: Path) -> Stamp | None:
    """Size, modification time (ns) and inode of the file itself (a symbolic link is not followed), or None."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


class FileCache:
    """Results per (file, kind of result), computed again when the file's stamp changes."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[Stamp, Any]] = {}
        self.computed = 0
        """How many results were computed rather than reused (tests count re-reads with it)."""

    def get(self, path: Path, kind: str, compute: Callable[[Path], Any]) -> Any:
        """The result of `compute(path)`, reused while the file is unchanged. A file that cannot be
        stat'ed is computed every time (`compute` reports why it cannot be read)."""
        key = (os.path.abspath(path), kind)
        now = stamp(path)
        entry = self._entries.get(key)
        if now is not None and entry is not None and entry[0] == now:
            return entry[1]
        value = compute(path)
        self.computed += 1
        if now is not None and stamp(path) == now:  # not changed while it was read
            self._entries[key] = (now, value)
        else:
            self._entries.pop(key, None)
        return value

    def keep_only(self, paths: Iterable[Path]) -> None:
        """Forget every file not in `paths` (files deleted or moved since; another project's files)."""
        wanted = {os.path.abspath(p) for p in paths}
        self._entries = {k: v for k, v in self._entries.items() if k[0] in wanted}

    def __len__(self) -> int:
        return len(self._entries)
