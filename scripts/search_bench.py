"""Benchmark "Find a case" (Pagefind) against Material's built-in lunr search on SYNTHETIC corpora.

For each size it writes a temporary project with scripts/synthetic.py (never into case_studies/),
builds it twice with `mkdocs build --strict` (once as the site is configured: Pagefind; once with
Material's `search` plugin and `search_index: false`), serves each build on 127.0.0.1 with gzip
(text responses gzipped at level 6, Pagefind's already-compressed files sent as they are) and
measures in Chromium, through Playwright, the bytes on the wire:

- page load: what search adds when a page opens (Pagefind: the Find page's HTML and its script;
  lunr: the search worker and the whole index, which Material fetches on every page load);
- first query: everything the first query needs (scripts, index chunks, filter chunks, result
  fragments), from the page's own search box until the first results are on screen.

    python scripts/search_bench.py 1000 10000            # prints a Markdown table
    python scripts/search_bench.py 1000 --json out.json  # also the raw figures

Heavy: the 10,000-case run builds two 10,000-page sites. Run it on a quiet machine, once.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import write_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Two first queries: a place, as a trainee looks up a case they heard of (the locality of synthetic case 4242),
# and two of the commonest words of the corpus, whose index chunks are the largest there are.
QUERIES = {"place": "locality 4242", "common": "household income"}
TEXT_TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
}


def build(project: Path, site: Path, config: Path) -> dict[str, float]:
    """`mkdocs build --strict`, timed; peak memory of the largest process (mkdocs or pagefind)."""
    probe = (
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(r.stdout + r.stderr); print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "sys.exit(r.returncode)"
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT / ".venv/bin/mkdocs"), "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=project,
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    index = re.search(r"indexed \d+ case pages for search in ([\d.]+) s", proc.stdout)
    peak = int(re.search(r"MAXRSS (\d+)", proc.stdout).group(1)) / 1024  # type: ignore[union-attr]
    return {"build_s": seconds, "index_s": float(index.group(1)) if index else 0.0, "peak_mb": peak}


class Recorder:
    def __init__(self) -> None:
        self.sent: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            out, self.sent = self.sent, []
        return out


def handler(site: Path, recorder: Recorder) -> type[http.server.BaseHTTPRequestHandler]:
    class Gzipping(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[arg-type]

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            kind = TEXT_TYPES.get(path.suffix)
            self.send_response(200)
            self.send_header("Content-Type", kind or "application/octet-stream")
            if kind and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with recorder.lock:
                recorder.sent.append((self.path.split("?")[0], len(body)))

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Gzipping


@contextmanager
def served(site: Path) -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler(site, recorder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", recorder
    finally:
        server.shutdown()
        server.server_close()


def total(sent: list[tuple[str, int]], match: str = "") -> int:
    return sum(n for path, n in sent if re.search(match, path))


def measure_pagefind(browser: object, base: str, recorder: Recorder, query: str) -> dict[str, object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base + "cases/synthetic-00000/")
    page.wait_for_load_state("networkidle")
    case_sent = recorder.take()
    page.goto(base + "find/")
    page.wait_for_load_state("networkidle")
    load = recorder.take()
    started = time.perf_counter()
    page.locator("#ca-find-q").fill(query)
    page.locator("#ca-find-q").press("Enter")
    page.wait_for_selector("#ca-find[data-state=done]", timeout=120_000)
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    sent = [s for s in recorder.take() if "/pagefind" in s[0]]
    found = page.locator(".ca-find__status").inner_text()
    # Then the reader ticks "full text": what that costs on top.
    started = time.perf_counter()
    page.locator(".ca-find__scope input").check()
    page.wait_for_selector("#ca-find[data-state=done]", timeout=300_000)
    text_seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    text_sent = [s for s in recorder.take() if "/pagefind" in s[0]]
    text_found = page.locator(".ca-find__status").inner_text()
    context.close()
    return {
        "case_page_search_b": total(case_sent, r"pagefind|caseatlas-find|search"),
        "page_load_b": total(load, r"^/find/|caseatlas-find\.js|/pagefind"),
        "first_query_b": total(load, r"caseatlas-find\.js") + total(sent),
        "query_s": seconds,
        "found": found,
        "full_text_b": total(text_sent),
        "full_text_s": text_seconds,
        "full_text_found": text_found,
        "detail": sent + text_sent,
    }


def measure_lunr(browser: object, base: str, recorder: Recorder, query: str) -> dict[str, object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base + "cases/synthetic-00000/")
    page.wait_for_load_state("networkidle", timeout=600_000)
    load = recorder.take()
    started = time.perf_counter()
    page.locator(".md-search__input").fill(query)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=600_000)
        found = page.locator(".md-search-result__meta").inner_text()
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: report it as a figure
        found = "no result within 600 s"
    seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    sent = recorder.take()
    context.close()
    on_load = [s for s in load if "search" in s[0]]
    return {
        "case_page_search_b": total(on_load),
        "page_load_b": total(on_load),
        "first_query_b": total(on_load) + total(sent),
        "query_s": seconds,
        "found": found,
        "detail": on_load + sent,
    }


def dir_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(n: int, work: Path, engines: tuple[str, ...] = ("pagefind", "lunr")) -> dict[str, dict[str, object]]:
    project = write_project(work / f"project-{n}", n)
    lunr_config = project / "mkdocs-lunr.yml"
    text = (project / "mkdocs.yml").read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n", 1)
    text = text.replace("      allow_synthetic: true\n", "      allow_synthetic: true\n      search_index: false\n")
    lunr_config.write_text(text, "utf-8")
    out: dict[str, dict[str, object]] = {}
    from playwright.sync_api import sync_playwright

    for name, config in (("pagefind", project / "mkdocs.yml"), ("lunr", lunr_config)):
        if name not in engines:
            continue
        site = work / f"site-{n}-{name}"
        print(f"[{n} cases] building with {name} search …", file=sys.stderr, flush=True)
        figures: dict[str, object] = dict(build(project, site, config))
        index_dirs = ["pagefind", "pagefind-text"] if name == "pagefind" else ["search"]
        figures["index_mb"] = sum(dir_bytes(site / d) for d in index_dirs) / 1e6
        figures["html_mb"] = dir_bytes(site / "cases") / 1e6
        with served(site) as (base, recorder), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            measure = measure_pagefind if name == "pagefind" else measure_lunr
            for kind, query in QUERIES.items():
                figures[kind] = measure(browser, base, recorder, query)
            browser.close()
        out[name] = figures
        brief = {k: ({m: w for m, w in v.items() if m != "detail"} if isinstance(v, dict) else v) for k, v in figures.items()}
        print(f"[{n} cases] {name}: {json.dumps(brief)}", file=sys.stderr, flush=True)
    return out


def table(results: dict[str, dict[str, dict[str, object]]]) -> str:
    """Two Markdown tables: what the reader downloads, then what the build costs."""

    def kb(b: object) -> str:
        return f"{float(b) / 1024:,.0f} KB"  # type: ignore[arg-type]

    labels = {"pagefind": "Find a case (Pagefind)", "lunr": "Material's search (lunr)"}
    reader = [
        "| cases | search | page load adds | first query: a place | first query: common words "
        "| then the full text | time to results |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    build = ["| cases | search | build | of which index | peak memory | index on disk |", "|---:|---|---:|---:|---:|---:|"]
    for n, by in sorted(results.items(), key=lambda kv: int(kv[0])):
        for name in ("pagefind", "lunr"):
            if name not in by:
                continue
            f = by[name]
            place, common = f["place"], f["common"]  # type: ignore[index]
            text = f"+{kb(common['full_text_b'])}" if name == "pagefind" else "(included)"
            index_s = f"{f['index_s']:.0f} s" if name == "pagefind" else "(in build)"
            reader.append(
                f"| {int(n):,} | {labels[name]} | {kb(place['page_load_b'])} | {kb(place['first_query_b'])} "
                f"| {kb(common['first_query_b'])} | {text} | {place['query_s']:.1f} s / {common['query_s']:.1f} s |"
            )
            build.append(
                f"| {int(n):,} | {labels[name]} | {f['build_s']:.0f} s | {index_s} | {f['peak_mb']:,.0f} MB "
                f"| {f['index_mb']:.1f} MB |"
            )
    return "\n".join(reader) + "\n\n" + "\n".join(build)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--only", choices=["pagefind", "lunr"], help="measure one search only")
    parser.add_argument("--from-json", type=Path, nargs="+", help="print the table of earlier runs (merged), build nothing")
    parser.add_argument("--keep", type=Path, help="build in this folder (outside case_studies/) and keep it")
    args = parser.parse_args()
    results: dict[str, dict[str, dict[str, object]]] = {}
    if args.from_json:
        for path in args.from_json:
            for n, by in json.loads(path.read_text("utf-8")).items():
                results.setdefault(n, {}).update(by)
        print(table(results))
        raise SystemExit(0)
    with tempfile.TemporaryDirectory(prefix="caseatlas-search-bench-") as tmp:
        work = args.keep or Path(tmp)
        for n in args.sizes:
            results[str(n)] = run(n, work, (args.only,) if args.only else ("pagefind", "lunr"))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    print(f"Queries: {QUERIES}. Corpus: scripts/synthetic.py (SYNTHETIC cases, seed 0). Bytes: gzip, on the wire.\n")
    print(table(results))
