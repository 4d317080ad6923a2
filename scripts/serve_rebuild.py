"""Measure how long `mkdocs serve` takes to show an edited case, on a SYNTHETIC project.

Writes a temporary one-language project of N synthetic cases (scripts/synthetic.py, never into
case_studies/), starts `mkdocs serve` on 127.0.0.1, waits for the first build, then edits one
case's title R times. Each time it measures from the file write until the case page, fetched
over HTTP, shows the new title (MkDocs' live reload: rebuild, then serve), and until the rebuild has ended
(`all_pages_s`: MkDocs logs that it reloads the browsers; with the plugin, after an edit to a case, its page
is rebuilt and served first and the pages that show it follow in a second rebuild). Each edit is undone, and
the next one made once that rebuild has ended. Prints each figure and the median, with the load average
(1 minute) at the start and the end; the server is stopped at the end.
Plain `mkdocs serve` rebuilds only what an edit changed (the plugin makes its rebuilds dirty, site/unchanged.py);
`--clean` measures MkDocs' full rebuilds (`mkdocs serve --clean`), `--dirty` passes `--dirty`.

    python scripts/serve_rebuild.py --cases 1000 [--repeat 3] [--dirty | --clean] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import write_project  # noqa: E402

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, text: str, limit: float) -> float:
    """Seconds until the page at `url` contains `text` (polled every 50 ms), or raise after `limit` seconds."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        page = fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s")


def rebuilds_ended(log: Path) -> int:
    """How many rebuilds (the first build included) the server has finished: MkDocs logs "[time] Reloading browsers"
    once its builder returns (the plugin's mid-rebuild reload is logged without the time)."""
    return sum(1 for line in log.read_text("utf-8", "replace").splitlines() if "] Reloading browsers" in line)


def wait_for_rebuilds(log: Path, count: int, limit: float) -> None:
    deadline = time.perf_counter() + limit
    while rebuilds_ended(log) < count:
        if time.perf_counter() > deadline:
            raise SystemExit(f"mkdocs serve did not finish its rebuild in {limit:.0f} s; see {log}")
        time.sleep(0.05)


def measure(n: int, repeat: int, mode: str) -> dict[str, object]:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="caseatlas-serve-") as tmp:
        project = write_project(Path(tmp) / "project", n, languages=("en",))
        case = sorted((project / "case_studies").rglob("synthetic-00042.yaml"))[0]
        port = free_port()
        url = f"http://127.0.0.1:{port}/cases/synthetic-00042/"
        cmd = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", "--livereload"]
        cmd += {"dirty": ["--dirty"], "clean": ["--clean"]}.get(mode, [])
        log_path = Path(tmp) / "serve.log"
        with log_path.open("w") as log:
            server = subprocess.Popen(cmd, cwd=project, stdout=log, stderr=subprocess.STDOUT)
            try:
                first = wait_for(url, "SYNTHETIC case 00042", 900)
                times, whole = [], []
                for i in range(repeat):
                    marker = f"EDITED-{i}-{time.time_ns()}"
                    text = case.read_text("utf-8")
                    time.sleep(1)  # let the server settle after the previous rebuild
                    ended = rebuilds_ended(log_path)
                    started = time.perf_counter()
                    case.write_text(text.replace("SYNTHETIC case 00042", f"SYNTHETIC case 00042 {marker}", 1), "utf-8")
                    wait_for(url, marker, 600)
                    times.append(time.perf_counter() - started)
                    wait_for_rebuilds(log_path, ended + 1, 600)
                    whole.append(time.perf_counter() - started)
                    case.write_text(text, "utf-8")
                    wait_for(url, "SYNTHETIC case 00042:", 600)  # back to the original before the next edit
                    wait_for_rebuilds(log_path, ended + 2, 600)
            finally:
                server.terminate()
                server.wait(30)
        return {
            "cases": n,
            "mode": mode,
            "first_build_s": round(first, 2),
            "rebuild_s": [round(t, 2) for t in times],
            "rebuild_median_s": round(statistics.median(times), 2),
            "all_pages_s": [round(t, 2) for t in whole],
            "all_pages_median_s": round(statistics.median(whole), 2),
            "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--dirty", action="store_true", help="pass --dirty to mkdocs serve")
    modes.add_argument("--clean", action="store_true", help="pass --clean to mkdocs serve: full rebuilds")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = measure(args.cases, args.repeat, "dirty" if args.dirty else "clean" if args.clean else "plain")
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
