"""Benchmark search as one types on a slow mobile link: Chromium's network emulation at 400 kbps and 400 ms.

Serves a built site on 127.0.0.1 (gzip, as search_bench.py does), opens a page in a new browser context
(a cold cache) with the Chrome DevTools Protocol's `Network.emulateNetworkConditions` (400 kbps down and up,
400 ms latency), clicks the header's search box and types a query at a reader's pace, then two more queries.
For each it measures, in the page, from the input event of the last key typed until the results are listed
under the box (the header's listbox rendered with the search done):

- first query: the first query after the page loaded, nothing of the index in the cache. Pagefind's own files
  (script, worker, entry, WebAssembly, page list) load once the page has loaded and the browser is idle; where
  the catalogue is small, its result fragments load when the box is focused, while the words are typed. The
  reader starts either as soon as the page has loaded (`load`: those files are still on their way) or once the
  page is quiet (`idle`: no request for half a second, those files there); both by default;
- later queries: the next queries in the same page (new words: new index chunks and result fragments).

It also reports the first query from the click into the box, and the bytes on the wire. Medians of
`--repeat` runs, each in a new context. A benchmark, not a test: the figures depend on the machine and its
load (printed with them).

    python scripts/slow_search_bench.py --real                      # the real site, built into a temporary folder
    python scripts/slow_search_bench.py --cases 10000               # a synthetic project (scripts/synthetic.py), built
    python scripts/slow_search_bench.py --site DIR --queries "locality 4242" "household income" cooperative
    python scripts/slow_search_bench.py ... --json out.json         # also the raw figures

Synthetic cases are built in a temporary folder, never into case_studies/.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from search_bench import ARGS, CHROMIUM, served, total  # noqa: E402

KBPS = 400
LATENCY_MS = 400
REAL_QUERIES = ["Shibadong", "Dana Desa", "pelatihan"]
SYNTHETIC_QUERIES = ["locality 4242", "household income", "cooperative"]
TYPING_MS = 120  # between keys: a reader typing on a phone

# Times, in the page: the input event of each key, and each time the header's listbox is rendered, search done.
PROBE = """
window.__ca = {keys: [], shown: []};
document.addEventListener('input', (e) => { if (e.target.id === 'ca-header-q') __ca.keys.push(performance.now()); }, true);
document.addEventListener('DOMContentLoaded', () => new MutationObserver(() => {
  const form = document.querySelector('form.ca-header-search');
  if (form && form.dataset.state === 'done') __ca.shown.push([performance.now(), document.querySelector('#ca-header-q').value]);
}).observe(document.documentElement, {subtree: true, attributes: true, attributeFilter: ['data-state']}));
"""


def build(project: Path, site: Path) -> None:
    proc = subprocess.run(
        [str(ROOT / ".venv/bin/mkdocs"), "build", "--strict", "-d", str(site)], cwd=project, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")


def one_run(browser: object, base: str, recorder: object, path: str, queries: list[str], start: str) -> dict[str, object]:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": LATENCY_MS, "downloadThroughput": KBPS * 1000 / 8, "uploadThroughput": KBPS * 1000 / 8},
    )
    page.add_init_script(PROBE)
    page.goto(base + path, wait_until="load", timeout=120_000)
    figures: dict[str, object] = {}
    if start == "idle":
        page.wait_for_load_state("networkidle", timeout=120_000)
        figures["warm"] = {
            "s": page.evaluate("performance.now() - performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000,
            "bytes": total(recorder.take(), r"/pagefind"),  # type: ignore[attr-defined]
        }
    else:
        recorder.take()  # type: ignore[attr-defined]
    box = page.locator("#ca-header-q")
    for i, query in enumerate(queries):
        if i == 0:
            clicked = page.evaluate("performance.now()")
            box.click()
        else:
            box.fill("")
            page.evaluate("__ca.keys = []; __ca.shown = []")
        box.press_sequentially(query, delay=TYPING_MS)
        page.wait_for_function(
            "q => __ca.shown.some(([t, v]) => v === q && t > __ca.keys[__ca.keys.length - 1])"
            " && document.querySelectorAll('.ca-header-search__option').length > 1",
            arg=query,
            timeout=120_000,
        )
        last_key, shown = page.evaluate(
            "q => [__ca.keys[__ca.keys.length - 1], __ca.shown.filter(([t, v]) => v === q).map(([t]) => t).pop()]", query
        )
        listed = page.locator(".ca-header-search__option:not(.ca-header-search__all)").count()
        page.wait_for_load_state("networkidle", timeout=120_000)
        sent = recorder.take()  # type: ignore[attr-defined]
        key = "first" if i == 0 else f"later_{i}"
        figures[key] = {
            "query": query,
            "s": (shown - last_key) / 1000,
            "results": listed,
            "bytes": total(sent, r"/pagefind"),  # what the query itself fetched, after the start
        }
        if i == 0:
            figures[key]["from_click_s"] = (shown - clicked) / 1000  # type: ignore[index]
    context.close()
    return figures


def measure(site: Path, queries: list[str], repeat: int, path: str, start: str) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    runs = []
    with served(site) as (base, recorder), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in range(repeat):
            runs.append(one_run(browser, base, recorder, path, queries, start))
            print(
                f"  {start}, run {n + 1}/{repeat}: " + ", ".join(f"{k} {v['s']:.2f} s" for k, v in runs[-1].items()),  # type: ignore[index]
                file=sys.stderr,
                flush=True,
            )
        browser.close()
    later = [r[k]["s"] for r in runs for k in r if k.startswith("later")]  # type: ignore[index]
    result: dict[str, object] = {
        "start": start,
        "first_s": statistics.median(r["first"]["s"] for r in runs),  # type: ignore[index]
        "first_from_click_s": statistics.median(r["first"]["from_click_s"] for r in runs),  # type: ignore[index]
        "later_s": statistics.median(later),
        "later_max_s": max(later),
        "first_kb": statistics.median(r["first"]["bytes"] for r in runs) / 1024,  # type: ignore[index]
        "queries": queries,
        "runs": runs,
        "load_average": os.getloadavg(),
    }
    if start == "idle":
        result["warm_s"] = statistics.median(r["warm"]["s"] for r in runs)  # type: ignore[index]
        result["warm_kb"] = statistics.median(r["warm"]["bytes"] for r in runs) / 1024  # type: ignore[index]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--real", action="store_true", help="build the real site (case_studies/) and measure it")
    what.add_argument("--cases", type=int, help="build a one-language site of N synthetic cases and measure it")
    what.add_argument("--site", type=Path, help="measure a site already built")
    parser.add_argument("--queries", nargs="+", help="the first query, then the later ones")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--path", default="", help="the page the reader opens (default: the home page)")
    parser.add_argument(
        "--start",
        choices=["load", "idle"],
        nargs="+",
        default=["load", "idle"],
        help="when the reader starts typing: at the page's load event, or once it is quiet",
    )
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    started = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="caseatlas-slow-search-") as tmp:
        if args.site:
            site, label = args.site, str(args.site)
        elif args.real:
            site, label = Path(tmp) / "site", "the real site"
            build(ROOT, site)
        else:
            from synthetic import write_project

            project = write_project(Path(tmp) / "project", args.cases)
            site, label = Path(tmp) / "site", f"{args.cases:,} synthetic cases"
            t0 = time.perf_counter()
            build(project, site)
            print(f"built {label} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        synthetic = args.cases is not None or (site / "cases" / "synthetic-00000").exists()
        queries = args.queries or (SYNTHETIC_QUERIES if synthetic else REAL_QUERIES)
        results = [measure(site, queries, args.repeat, args.path, start) for start in args.start]
    if args.json:
        args.json.write_text(json.dumps({"load_average_before": started, "results": results}, indent=2), "utf-8")
    load = "/".join(f"{x:.1f}" for x in results[-1]["load_average"])  # type: ignore[union-attr]
    print(f"{label}: {KBPS} kbps, {LATENCY_MS} ms latency, medians of {args.repeat} cold runs; load average {load}")
    print(
        "| site | reader starts | Pagefind's files before (load → quiet) | first query (last key → results) "
        "| first query (click → results) | first query transfers | later queries (median / slowest) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for result in results:
        warm = f"{result['warm_s']:.2f} s, {result['warm_kb']:.0f} KB" if result["start"] == "idle" else "still loading"
        print(
            f"| {label} | at {result['start']} | {warm} | {result['first_s']:.2f} s | {result['first_from_click_s']:.2f} s "
            f"| {result['first_kb']:.0f} KB | {result['later_s']:.2f} s / {result['later_max_s']:.2f} s |"
        )


if __name__ == "__main__":
    main()
