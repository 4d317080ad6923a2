"""Build into a fresh folder beside `site_dir`, and put it in place only when the build succeeds.

MkDocs empties `site_dir` before it builds, so a build that then fails (a case
with a problem, a broken link under `--strict`) leaves no site, or half of one.
A staged build writes everything into a hidden folder next to `site_dir`; when
the build ends without errors (and, under `--strict`, without warnings) that
folder replaces `site_dir` by two renames. When it fails, the folder is removed
and the previous site is left exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from caseatlas.core.output_guard import pid_alive, write_error


class StagedBuild:
    """The folder one build writes into, and how to publish or discard it."""

    def __init__(self, site_dir: Path, *, strict: bool, logger: logging.Logger | None = None) -> None:
        self.site_dir = site_dir
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(site_dir)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-{os.getpid()}-", dir=site_dir.parent))
        self._warnings = CountHandler()
        self._warnings.setLevel(logging.WARNING)
        self.strict = strict
        # The engine's logger (engine.engine_logger): `mkdocs`, or `properdocs`, whose child `mkdocs` then is.
        self._logger = logger or logging.getLogger("mkdocs")
        if strict:  # MkDocs counts warnings the same way, and aborts only after the last plugin has run
            self._logger.addHandler(self._warnings)

    @property
    def failed(self) -> bool:
        """True when MkDocs is going to abort the build for its warnings."""
        return self.strict and bool(self._warnings.get_counts())

    def publish(self) -> None:
        """Replace `site_dir` with the finished build. Hidden entries of the old `site_dir`
        (such as the .git of a gh-pages checkout) move into the new one, as MkDocs keeps them."""
        self._detach()
        retired: Path | None = None
        if self.site_dir.exists():
            for entry in self.site_dir.iterdir():
                if entry.name.startswith(".") and not (self.folder / entry.name).exists():
                    entry.rename(self.folder / entry.name)
            retired = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}.previous-{os.getpid()}-", dir=self.site_dir.parent))
            self.site_dir.rename(retired / "site")
        try:
            self.folder.rename(self.site_dir)
        except OSError:
            if retired is not None:
                (retired / "site").rename(self.site_dir)
            raise
        finally:
            if retired is not None:
                shutil.rmtree(retired, ignore_errors=True)

    def discard(self) -> None:
        """Remove the unfinished build; `site_dir` stays as it was."""
        self._detach()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _detach(self) -> None:
        self._logger.removeHandler(self._warnings)


def remove_stale(site_dir: Path) -> list[Path]:
    """Remove the folders that killed builds left beside `site_dir` (`.site.building-<pid>-…`, whose process is
    gone; a killed build cannot remove its own). Returns them."""
    removed = []
    for kind in ("building", "previous"):
        for folder in site_dir.parent.glob(f".{site_dir.name}.{kind}-*"):
            pid = folder.name.split(f".{kind}-", 1)[1].split("-", 1)[0]
            if pid.isdigit() and not pid_alive(int(pid)) and folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def stage(site_dir: Path, *, strict: bool, logger: logging.Logger | None = None) -> StagedBuild | None:
    """A staged build for `site_dir`, or None where renaming it is not safe (a symlink or a mount point).
    A folder that cannot be written (read-only, full) is a PluginError with a hint, before anything is built."""
    if site_dir.is_symlink() or os.path.ismount(site_dir):
        return None
    try:
        return StagedBuild(site_dir, strict=strict, logger=logger)
    except OSError as exc:
        target = Path(str(exc.filename)) if exc.filename else site_dir
        raise PluginError(f"caseatlas: {write_error(target, exc, written='the previous site is left as it was')}") from None
