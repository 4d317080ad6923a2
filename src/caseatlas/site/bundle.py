"""`caseatlas bundle`: the atlas, a course module or a country's cases as a zip that opens from file://.

A trainee unzips it and double-clicks `index.html`: every page, search included, works with no
network (bundle_site.py builds the site for that). The zip is written to a temporary file beside
the target and renamed into place, so a failure (a full disk, an interrupted build) leaves no
partial file, and an existing file of that name is replaced only by a complete bundle.
"""

from __future__ import annotations

import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from caseatlas.atlas.model import Atlas
from caseatlas.core import output_guard
from caseatlas.core.errors import display_path
from caseatlas.core.vocabulary import country_name
from caseatlas.site.bundle_site import BundleError, build_bundle_site, bundle_config

_ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed, so the same site gives the same bytes


@dataclass(frozen=True)
class Selection:
    """What a bundle holds: None means every case, or every module."""

    label: str
    case_ids: list[str] | None
    module_ids: list[str] | None


@dataclass(frozen=True)
class Report:
    path: Path
    pages: int
    files: int
    zip_bytes: int
    seconds: float


def select(atlas: Atlas, *, module: str | None = None, country: str | None = None, everything: bool = False) -> Selection:
    """The cases and modules of a bundle: a module with its cases; a country's cases, with the modules that use
    only those; or everything. Exactly one of the three must be given."""
    given = [name for name, value in (("--module", module), ("--country", country), ("--all", everything)) if value]
    if len(given) != 1:
        said = "none" if not given else " and ".join(given)
        raise BundleError(f"choose what the bundle holds: one of --module ID, --country CC or --all (got {said})")
    if module:
        found = atlas.modules.get(module)
        if found is None:
            known = ", ".join(atlas.modules) or "none yet"
            raise BundleError(f"no course module '{module}' (hint: one of {known}; `caseatlas module plan ID` shows one)")
        return Selection(f"module '{module}'", found.case_ids, [module])
    if country:
        cc = country.upper()
        cases = atlas.by_country.get(cc)
        if not cases:
            where = ", ".join(c.lower() for c in atlas.by_country)
            if not country_name(cc):
                raise BundleError(f"'{country}' is not an ISO 3166-1 alpha-2 country code (hint: one with cases: {where})")
            raise BundleError(f"no cases from {country_name(cc)} ({cc.lower()}) (hint: countries with cases: {where})")
        ids = {c.id for c in cases}
        modules = [m.id for m in atlas.modules.values() if set(m.case_ids) <= ids]
        return Selection(f"cases from {country_name(cc)}", [c.id for c in cases], modules)
    return Selection("the whole atlas", None, None)


def open_temporary(out: Path) -> tuple[BinaryIO, Path]:
    """A new temporary file beside `out` (so the final rename stays on one file system), which a later run
    removes if this one is killed (output_guard)."""
    try:
        return output_guard.open_temporary(out)
    except OSError as exc:
        raise BundleError(
            f"cannot write {display_path(out)}: {exc.strerror or exc} "
            "(hint: choose a folder that exists and that you may write to)"
        ) from None


def write_zip(site: Path, out: Path, fh: BinaryIO | None = None, temporary: Path | None = None) -> int:
    """Zip every file under `site` (paths relative to it) into `out`, atomically; returns the zip's size.

    `fh`/`temporary`: an already opened temporary file beside `out` (open_temporary). On any failure the
    temporary file is removed and `out` is left as it was.
    """
    if fh is None or temporary is None:
        fh, temporary = open_temporary(out)
    try:
        with fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(p for p in site.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(path.relative_to(site).as_posix(), _ZIP_TIME)
                info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
                zf.writestr(info, path.read_bytes())
        output_guard.publish(temporary, out)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise BundleError(
            f"cannot write {display_path(out)}: {exc.strerror or exc} "
            "(hint: free some space, or write the bundle elsewhere with -o); no file was written"
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return out.stat().st_size


def make_bundle(mkdocs_yml: Path, selection: Selection, out: Path, language: str = "en") -> Report:
    """Build the selected part of the site for offline reading and zip it into `out`."""
    started = time.perf_counter()
    fh, temporary = open_temporary(out)  # fails early, before the build, if `out` cannot be written
    try:
        with output_guard.temporary_folder("caseatlas-bundle-") as work:
            config = bundle_config(mkdocs_yml, Path(work) / "site", language, selection.case_ids, selection.module_ids)
            site = build_bundle_site(config)
            files = [p for p in site.rglob("*") if p.is_file()]
            size = write_zip(site, out, fh, temporary)
    finally:
        fh.close()
        temporary.unlink(missing_ok=True)
    pages = sum(1 for p in files if p.suffix == ".html")
    return Report(out, pages, len(files), size, time.perf_counter() - started)
