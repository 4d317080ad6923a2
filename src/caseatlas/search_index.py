"""Index a built site for search with Pagefind (the binary shipped in the `pagefind[extended]` wheel).

Run once, after every page (and every language) has been written: Pagefind splits the index
by each page's `<html lang>`, and only indexes pages that carry `data-pagefind-body`
(the case pages, see search_facets.mark_case). The browser then fetches only the index
chunks a query needs. No network is used.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import CaseAtlasError

BUNDLE_DIR = "pagefind"
# Permalink marks ("¶") are not words of the case.
EXCLUDE_SELECTORS = [".headerlink"]


class SearchIndexError(CaseAtlasError):
    """Pagefind is missing or failed on the built site."""


@dataclass(frozen=True)
class IndexReport:
    """What one indexing run produced."""

    pages: int
    languages: int
    seconds: float
    bundle: Path


def pagefind_executable() -> Path:
    """The Pagefind binary from the installed wheel (or $PAGEFIND_BINARY_PATH)."""
    from pagefind.service import get_executable  # a dependency: pagefind[extended]

    exe = get_executable()
    if exe is None or not Path(exe).is_file():
        raise SearchIndexError("the Pagefind binary was not found "
                               "(hint: install the project again: pip install -e . brings pagefind[extended])")
    return Path(exe)


def index_site(site_dir: Path) -> IndexReport:
    """Write the search index for the built site in `site_dir` to `site_dir/pagefind/`."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"{site_dir}: built site not found (hint: build the site before indexing it)")
    cmd = [str(pagefind_executable()), "--site", str(site_dir.resolve()), "--output-subdir", BUNDLE_DIR]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=site_dir, check=False)
    seconds = time.perf_counter() - started
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind failed to index {site_dir} (exit {proc.returncode}):\n{output.strip()[-2000:]}")
    return IndexReport(_count(r"Indexed (\d+) pages?", output), _count(r"Indexed (\d+) languages?", output),
                       seconds, site_dir / BUNDLE_DIR)


def _count(pattern: str, output: str) -> int:
    match = re.search(pattern, output)
    return int(match.group(1)) if match else 0
