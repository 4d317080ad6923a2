"""The two search indexes of a site, and the index of a built site read by Pagefind (the binary shipped in the
`pagefind[extended]` wheel).

A build feeds its pages to Pagefind as it goes (index_feed.py). `index_site` is for a site already written
(`mkdocs serve --dirty`, whose rebuilds render only the pages that changed): run once, after every page (and
every language) has been written. Pagefind splits the index by each page's `<html lang>`, and only indexes
pages that carry `data-pagefind-body` (the case pages, see facets.mark_case). Two indexes are written: the
catalogue records (what a first query searches) and the full text (fetched when the reader asks). The
browser fetches only the index chunks a query needs. No network is used.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from caseatlas.core.output_guard import child_dies_with_parent
from caseatlas.search.pagefind_service import SearchIndexError

# Two indexes of the same pages (search_facets.mark_case): each leaves out the other's part.
# Permalink marks ("¶") are not words of the case.
BUNDLES = {
    "pagefind": [".ca-article", ".headerlink"],  # catalogue records: title, names, place, summary
    "pagefind-text": [".ca-catalogue", ".headerlink"],  # full text of every case page
}

__all__ = ["BUNDLES", "UNUSED", "IndexReport", "SearchIndexError", "index_site", "pagefind_executable"]

UNUSED = ["pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js"]


@dataclass(frozen=True)
class IndexReport:
    """What indexing produced: pages and languages indexed, seconds for both indexes, their folders; and (when
    the build fed them) the largest resident memory of a Pagefind service, in MB."""

    pages: int
    languages: int
    seconds: float
    bundles: list[Path]
    peak_mb: float = 0.0


def pagefind_executable() -> Path:
    """The Pagefind binary from the installed wheel (or $PAGEFIND_BINARY_PATH)."""
    from pagefind.service import get_executable  # a dependency: pagefind[extended]

    exe = get_executable()
    if exe is None or not Path(exe).is_file():
        raise SearchIndexError(
            "the Pagefind binary was not found (hint: install the project again: pip install -e . brings pagefind[extended])"
        )
    return Path(exe)


def index_site(site_dir: Path) -> IndexReport:
    """Write the search indexes of the built site in `site_dir` to `site_dir/pagefind/` (catalogue)
    and `site_dir/pagefind-text/` (full text)."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"{site_dir}: built site not found (hint: build the site before indexing it)")
    exe = pagefind_executable()
    started = time.perf_counter()
    # Both indexes at once: each Pagefind run reads and parses every page on one core, and the machine has two.
    procs = []
    for bundle, excluded in BUNDLES.items():
        cmd = [str(exe), "--site", str(site_dir.resolve()), "--output-subdir", bundle]
        for selector in excluded:
            cmd += ["--exclude-selectors", selector]
        # Each Pagefind dies with this process, even one killed outright (output_guard.child_dies_with_parent).
        procs.append(
            subprocess.Popen(
                cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=site_dir, preexec_fn=child_dies_with_parent
            )
        )
    try:
        results = [(proc.communicate()[0], proc.returncode) for proc in procs]
    finally:  # interrupted (Ctrl-C): no Pagefind goes on writing into a folder that is about to be removed
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    for output, returncode in results:
        if returncode != 0:
            raise SearchIndexError(f"Pagefind failed to index {site_dir} (exit {returncode}):\n{output.strip()[-2000:]}")
    output = results[-1][0]
    for bundle in BUNDLES:
        for unused in UNUSED:  # Pagefind's ready-made interfaces: the finder uses its JS API only
            for path in (site_dir / bundle).glob(unused):
                path.unlink()
    return IndexReport(
        _count(r"Indexed (\d+) pages?", output),
        _count(r"Indexed (\d+) languages?", output),
        time.perf_counter() - started,
        [site_dir / b for b in BUNDLES],
    )


def _count(pattern: str, output: str) -> int:
    match = re.search(pattern, output)
    return int(match.group(1)) if match else 0
