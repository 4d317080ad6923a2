"""The search indexes fed while the site is built: each marked case page (facets.mark_case), as MkDocs finishes
it, goes to Pagefind's service (pagefind_service.py), which parses it on the other core while MkDocs renders
the next pages; once every language is built, `write` writes both indexes (indexer.BUNDLES) where
`indexer.index_site` puts them, and the same pages are in them as when Pagefind reads the built site.

Each bundle has a service of its own: both parse every page at once, and both hand over their files at the end
in parallel. The files are written here, not by Pagefind: its own writes (`write_files`) may still be under way
in its process when it answers, and ending that process then leaves a file empty or cut short.
Pagefind holds each page's words and text until it writes; the full-text index is by far the larger (at
10,000 cases its write is the build's largest process). A service receives only what it reads of a page:
the `<html lang>` tag and the marked part (the record and article, then the hidden facets and metadata); the
header, the navigation and the scripts are left out, and the catalogue's service gets no article (it leaves the
article out, and parsing it only to skip it was most of that service's work). The pages in flight at once are
bounded (`IN_FLIGHT`), so a slower Pagefind holds the build back instead of filling its memory.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import threading
import time
from pathlib import Path, PurePosixPath

from pagefind.index import IndexConfig, PagefindIndex

from caseatlas.search.facets import ARTICLE, ARTICLE_END, BODY, DATA
from caseatlas.search.indexer import BUNDLES, UNUSED, IndexReport, pagefind_executable
from caseatlas.search.pagefind_service import Driver, SearchIndexError, Service

IN_FLIGHT = 64
HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


def peak_mb(pid: int) -> float:
    """The largest resident memory a running process has had (Linux's VmHWM), in MB; 0 where that is not known."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def indexed_part(page_html: str) -> str | None:
    """What Pagefind reads of a marked page: its `<html>` tag (the language), then from the marked body to the end
    of the hidden facets (facets.mark_case writes both, one after the other). None for a page not marked."""
    start = page_html.find(BODY)
    data = page_html.find(DATA, start)
    html = HTML_TAG.search(page_html, 0, start) if start >= 0 else None
    if html is None or data < 0:
        return None
    end = page_html.index("</div>", data) + len("</div>")
    return f"{html.group()}<body>{page_html[start:end]}</body></html>"


def without_article(part: str) -> str:
    """An indexed part (indexed_part) without its article: what the catalogue index reads, since it leaves the
    article out (indexer.BUNDLES). Pagefind would parse the article only to skip it. A part without an article is
    kept, and so is one whose article has an image: Pagefind takes a page's first image as its `image` metadata,
    even from an element it leaves out."""
    start = part.find(ARTICLE)
    end = part.rfind(ARTICLE_END, start, part.find(DATA))
    if start < 0 or end < 0 or part.find("<img", start, end) >= 0:
        return part
    return part[:start] + part[end + len("</div>\n") :]


def write_bundle(files: list[tuple[str, bytes]], out: Path) -> set[str]:
    """Write one index's files (paths relative to `out`, as Pagefind names them) where Pagefind would have written
    them, leaving out its ready-made interfaces (indexer.UNUSED: the finder uses its JS API only); each file is
    whole once this returns. The languages its entry file lists."""
    languages: set[str] = set()
    for name, content in files:
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts:
            raise SearchIndexError(f"Pagefind named a file outside its folder: {name}")
        if any(path.match(unused) for unused in UNUSED):
            continue
        target = out.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        if name == "pagefind-entry.json":
            languages |= set(json.loads(content)["languages"])
    return languages


async def _close_all(services: list[Service]) -> None:
    await asyncio.gather(*(service.close() for service in services))


class IndexFeed:
    """Both search indexes of one build, fed page by page (`add_page`) and written once (`write`); `close` stops
    the services without writing. Pagefind is started with the first page."""

    def __init__(self, bundles: dict[str, list[str]] | None = None, in_flight: int = IN_FLIGHT) -> None:
        self.bundles = dict(BUNDLES if bundles is None else bundles)
        self.pages = 0
        self._driver: Driver | None = None
        self._indexes: dict[str, tuple[Service, PagefindIndex]] = {}
        self._slots = threading.BoundedSemaphore(in_flight)
        self._pending: set[concurrent.futures.Future[object]] = set()
        self._lock = threading.Lock()
        self._error: SearchIndexError | None = None

    def add_page(self, page_html: str, path: str) -> None:
        """Send a page of the site to both indexes: `path` is its file in the whole site (`zh/cases/x/index.html`),
        from which Pagefind makes its URL as it does for a file it reads. A page without the marks is not sent."""
        part = indexed_part(page_html)
        if part is None:
            return
        self._raise()
        if self._driver is None:
            self._start()
        assert self._driver is not None
        for bundle, (service, index) in self._indexes.items():
            self._slots.acquire()
            sent = without_article(part) if ".ca-article" in self.bundles[bundle] else part
            future = self._driver.run(self._add(bundle, service, index, sent, path))
            with self._lock:
                self._pending.add(future)
            future.add_done_callback(self._done)
        self.pages += 1

    def write(self, site_dir: Path) -> IndexReport:
        """Wait for the pages in flight, write both indexes into `site_dir` (as index_site does) and stop Pagefind."""
        started = time.perf_counter()
        try:
            with self._lock:
                pending = list(self._pending)
            concurrent.futures.wait(pending)
            self._raise()
            languages: set[str] = set()
            if self._driver is not None:
                asked = {b: self._driver.run(self._files(b, i)) for b, (_, i) in self._indexes.items()}
                for bundle, future in asked.items():
                    languages |= write_bundle(future.result(), site_dir / bundle)
            peak = max((peak_mb(pid) for pid in self.service_pids), default=0.0)
        finally:
            self.close()
        seconds = time.perf_counter() - started
        return IndexReport(self.pages, len(languages), seconds, [site_dir / b for b in self.bundles], peak)

    def close(self) -> None:
        """Stop Pagefind (whatever it is doing) and the thread that drives it; nothing is written."""
        driver, self._driver = self._driver, None
        if driver is None:
            return
        services = list({id(s): s for s, _ in self._indexes.values()}.values())
        self._indexes = {}
        try:
            driver.run(_close_all(services)).result(timeout=30)
        finally:
            driver.stop()

    @property
    def service_pids(self) -> list[int]:
        return [s._backend.pid for s, _ in self._indexes.values()]

    def _start(self) -> None:
        pagefind_executable()  # a clear error when the binary is missing
        self._driver = Driver()
        try:
            for bundle, excluded in self.bundles.items():
                self._indexes[bundle] = self._driver.run(self._open(excluded)).result()
        except (OSError, SearchIndexError) as exc:
            self.close()
            raise SearchIndexError(f"Pagefind could not be started: {exc}") from None

    async def _open(self, excluded: list[str]) -> tuple[Service, PagefindIndex]:
        service = await Service().launch()
        try:
            return service, await service.create_index(IndexConfig(exclude_selectors=excluded))
        except (OSError, SearchIndexError) as exc:  # what the process said, once it has ended, says more
            try:
                returncode = await asyncio.wait_for(service._backend.wait(), 5)
                message = f"it stopped (exit {returncode}){service.said()}"
            except TimeoutError:
                message = str(exc)
            await service.close()
            raise SearchIndexError(message) from None

    async def _add(self, bundle: str, service: Service, index: PagefindIndex, part: str, path: str) -> object:
        try:
            return await index.add_html_file(content=part, source_path=path)
        except (OSError, SearchIndexError) as exc:
            raise self._failure(bundle, service, f"failed to index {path}", exc) from None

    async def _files(self, bundle: str, index: PagefindIndex) -> list[tuple[str, bytes]]:
        service = self._indexes[bundle][0]
        try:
            return [(file["path"], file["content"]) for file in await index.get_files()]
        except (OSError, SearchIndexError) as exc:
            raise self._failure(bundle, service, "failed to hand over its index", exc) from None

    def _failure(self, bundle: str, service: Service, what: str, exc: Exception) -> SearchIndexError:
        if service._backend.returncode is not None:  # the process ended: what it said says more than a broken pipe
            return SearchIndexError(
                f"Pagefind ({bundle}) {what}: it stopped (exit {service._backend.returncode}){service.said()}"
            )
        return SearchIndexError(f"Pagefind ({bundle}) {what}: {exc}")

    def _done(self, future: concurrent.futures.Future[object]) -> None:
        with self._lock:
            self._pending.discard(future)
            if not future.cancelled() and future.exception() is not None and self._error is None:
                error = future.exception()
                self._error = error if isinstance(error, SearchIndexError) else SearchIndexError(str(error))
        self._slots.release()

    def _raise(self) -> None:
        with self._lock:
            error = self._error
        if error is not None:
            self.close()
            raise error
