"""Benchmark validating and building a site of N SYNTHETIC cases (one language), against the tools' floors, and
check the performance targets (issue 13) in the same run.

    python scripts/bench.py --cases 1000 10000 [--serve [--serve-dirty]] [--no-validate] [--json out.json]
                            [--repeat 3] [--keep DIR]

For each N, in a temporary folder (or DIR/N under --keep DIR, which is left in place), scripts/synthetic.py
writes a one-language project of N cases marked `synthetic: true`. Each step runs in its own process,
`--repeat` times (medians):

- validate_s: `caseatlas validate` on the cases, from a cold start of the command;
- check_jsonschema_s: `check-jsonschema` (the `bench` extra) on the same files, same schema file;
  (--no-validate skips both);
- build_s: `mkdocs build --strict` of our project, Pagefind index included (its pages are fed to Pagefind while
  MkDocs builds; pagefind_s: the seconds spent on the index after the last page, as the plugin logs them;
  pagefind_peak_mb: the largest Pagefind service's resident memory, as the plugin logs it);
  build_noindex_s: the same with the plugin's `search_index: false`;
- plain_mkdocs_build_s: `mkdocs build --strict` of a second project, same theme and nav, no plugin, whose
  docs/ holds the Markdown our renderer generates for each page (as `caseatlas render` writes it): the floor;
  write_plain_project_s (an extra): loading, rendering and writing its pages, once, inside this process;
- peak_rss_mb: the largest process of our build (mkdocs, or a Pagefind service it runs), from getrusage;
- case_page_gz_bytes: median size of a case page's HTML, gzipped at level 6; site_bytes: the built site;
- load_avg_1min_at_build: the machine's load average as our build started (and load_avg_before/after).

--serve also runs scripts/serve_rebuild.py at 1,000 cases (an edited case, until `mkdocs serve` shows it).
It prints a Markdown table row per N for docs/performance.md, then each target with pass/FAIL: build ÷ plain
at most 0.5× (each N), 10,000 cases in at most 90 s and 1 GB, t(10,000) ÷ t(1,000) at most 10.5, the served
edit in at most 2 s; and the load average. Run it on a quiet machine: times are wall times.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path

import yaml

from caseatlas.atlas.open_data import data_files
from caseatlas.atlas.pipeline import load_atlas
from caseatlas.render.pages import Renderer, markdown_of, static_files
from caseatlas.site.contribute_page import contribute_files

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))
from synthetic import write_project  # noqa: E402

MAP_PLACEHOLDER = "<!-- caseatlas:world-map -->"


def run(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak MB of the largest process (tests/peak.py: getrusage of its children) and the output."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "tests/peak.py"), *cmd], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    report = json.loads(proc.stdout)
    if report["returncode"] != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{report['stdout'][-3000:]}\n{report['stderr'][-3000:]}")
    return seconds, float(report["peak_mb"]), report["stdout"] + report["stderr"]


def plain_project(project: Path, out: Path) -> Path:
    """The same pages as ordinary Markdown (hand-written ones + what our renderer generates), same theme, no plugin."""
    atlas = load_atlas(project / "case_studies", project / "curriculum", allow_synthetic=True, language="en")
    renderer = Renderer(atlas, "en", site_languages=["en"])
    shutil.copytree(project / "docs", out / "docs")
    home = out / "docs/index.md"
    home.write_text(home.read_text("utf-8").replace(MAP_PLACEHOLDER, "\n" + renderer.world_map("index.md").content + "\n"))
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    # As `caseatlas render` writes them: pages our build takes as HTML, as the Markdown any generator builds.
    generated: list[tuple[str, str | bytes]] = [(p.src_uri, markdown_of(p)) for p in renderer.pages()]
    generated += [*static_files().items(), *data_files(atlas).items()]
    generated += contribute_files(renderer, config.get("repo_url"), config.get("edit_uri")).items()  # "Write a case"
    for src_uri, content in generated:
        (out / "docs" / src_uri).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (out / "docs" / src_uri).write_bytes(content)
        else:
            (out / "docs" / src_uri).write_text(content, "utf-8")
    # The theme as our plugin sets it up: its own templates (theme/) under the project's overrides.
    shutil.copytree(str(resources.files("caseatlas").joinpath("theme")), out / "overrides")
    shutil.copytree(project / "overrides", out / "overrides", dirs_exist_ok=True)
    config["plugins"] = []  # not even MkDocs' default `search`
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return out


INDEXED = re.compile(
    r"indexed \d+ case pages in \d+ languages for search in ([\d.]+) s"
    r"(?: after the build \(fed while it ran; Pagefind's peak ([\d.]+) MB\))?"
)


def index_figures(log: str) -> dict[str, float]:
    """From the build's log: pagefind_s, the seconds the build spent on the index once its pages were built, and
    (when the pages were fed during the build) pagefind_peak_mb, the largest Pagefind service's resident memory."""
    indexed = INDEXED.search(log)
    if indexed is None:
        return {"pagefind_s": float("nan")}
    out = {"pagefind_s": float(indexed.group(1))}
    return out | ({"pagefind_peak_mb": float(indexed.group(2))} if indexed.group(2) else {})


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def median_of(k: int, step: Callable[[], dict[str, float]]) -> dict[str, object]:
    """Each figure's median over k runs of `step`, and (k > 1) every run's figures under "runs"."""
    runs = [step() for _ in range(k)]
    medians: dict[str, object] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    return medians | ({"runs": [{key: round(v, 2) for key, v in r.items()} for r in runs]} if k > 1 else {})


def bench(n: int, folder: Path, repeat: int, noindex: bool, validate: bool = True) -> dict[str, object]:
    project = write_project(folder / "project", n, languages=("en",))
    files = sorted(str(p.relative_to(project)) for p in (project / "case_studies").rglob("*.yaml"))
    started = time.perf_counter()
    plain = plain_project(project, folder / "plain")
    write_plain_s = time.perf_counter() - started  # in this process: load, validate, render, write every page
    noindex_config = project / "mkdocs-noindex.yml"
    noindex_config.write_text(
        (project / "mkdocs.yml")
        .read_text("utf-8")
        .replace("allow_synthetic: true\n", "allow_synthetic: true\n      search_index: false\n", 1),
        "utf-8",
    )
    schema = ROOT / "src/caseatlas/schema/case.schema.json"
    load_before = os.getloadavg()

    def once() -> dict[str, float]:
        out: dict[str, float] = {}
        if validate:
            out["validate_s"] = run([str(BIN / "caseatlas"), "validate", "--allow-synthetic"], project)[0]
            out["check_jsonschema_s"] = run([str(BIN / "check-jsonschema"), "--schemafile", str(schema), *files], project)[0]
        out["load_avg_1min_at_build"] = os.getloadavg()[0]
        seconds, peak, log = run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(folder / "site")], project)
        out |= {"build_s": seconds, "peak_rss_mb": peak} | index_figures(log)
        if noindex:
            out["build_noindex_s"], out["build_noindex_peak_rss_mb"], _ = run(
                [str(BIN / "mkdocs"), "build", "--strict", "-f", str(noindex_config), "-d", str(folder / "site-noindex")], project
            )
        out["plain_mkdocs_build_s"], out["plain_peak_rss_mb"], _ = run(
            [str(BIN / "mkdocs"), "build", "--strict", "-d", str(folder / "plain-site")], plain
        )
        return out

    times = median_of(repeat, once)
    build_s, plain_s = float(times["build_s"]), float(times["plain_mkdocs_build_s"])  # type: ignore[arg-type]
    site = folder / "site"
    case_pages = list((site / "cases").glob("*/index.html"))
    pages = lambda root: sum(1 for _ in root.rglob("index.html"))  # noqa: E731
    return {
        "cases": n,
        **times,
        "write_plain_project_s": write_plain_s,
        "build_over_plain": build_s / plain_s,
        **(
            {"validate_speedup_vs_check_jsonschema": float(times["check_jsonschema_s"]) / float(times["validate_s"])}  # type: ignore[arg-type]
            if validate
            else {}
        ),
        "case_page_gz_bytes": statistics.median(gz(p) for p in case_pages),
        "case_page_gz_bytes_max": max(gz(p) for p in case_pages),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "pages": pages(site),
        "plain_pages": pages(folder / "plain-site"),
        "repeat": repeat,
        "load_avg_before": load_before,
        "load_avg_after": os.getloadavg(),
        "cpus": os.cpu_count(),
        "versions": {name: metadata.version(name) for name in ("mkdocs", "mkdocs-material", "pagefind", "check-jsonschema")},
        "date": time.strftime("%Y-%m-%d"),
    }


TABLE_HEAD = (
    "| cases | validate | check-jsonschema | faster | build | of which the index, after the pages | build, no index "
    "| plain MkDocs build | build ÷ plain | peak memory | case page (gz, median) | site |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


COLUMNS = [
    ("validate_s", "{:.1f} s"),
    ("check_jsonschema_s", "{:.1f} s"),
    ("validate_speedup_vs_check_jsonschema", "{:.1f}×"),
    ("build_s", "{:.1f} s"),
    ("pagefind_s", "{:.1f} s"),
    ("build_noindex_s", "{:.1f} s"),
    ("plain_mkdocs_build_s", "{:.1f} s"),
    ("build_over_plain", "{:.2f}×"),
    ("peak_rss_mb", "{:,.0f} MB"),
]


def table_row(r: dict[str, object]) -> str:
    """The figures as a row of the table in docs/performance.md (TABLE_HEAD)."""
    cells = [
        f"{r['cases']:,}",
        *(fmt.format(r[key]) if key in r else "–" for key, fmt in COLUMNS),
        f"{float(r['case_page_gz_bytes']) / 1024:.1f} KB",
        f"{int(r['site_bytes']) / 1e6:,.0f} MB",
    ]  # type: ignore[arg-type]
    return "| " + " | ".join(cells) + " |"


MAX_OVER_PLAIN, MAX_10K_S, MAX_10K_MB, MAX_GROWTH, MAX_RELOAD_S = 0.5, 90.0, 1024.0, 10.5, 2.0


def targets(results: list[dict[str, object]], serve: dict[str, object] | None = None) -> list[dict[str, object]]:
    """Each target of the performance issue that these results measure: what, the figure, the limit, passed."""
    out: list[dict[str, object]] = []

    def check(what: str, value: float, limit: float, unit: str, load: object) -> None:
        out.append({"target": what, "value": value, "limit": limit, "unit": unit, "passed": value <= limit, "load_avg": load})

    by_n = {int(r["cases"]): r for r in results}  # type: ignore[call-overload]
    for n, r in sorted(by_n.items()):
        load = r.get("load_avg_1min_at_build")
        check(
            f"build (index included) ÷ plain MkDocs build, {n:,} cases", float(r["build_over_plain"]), MAX_OVER_PLAIN, "×", load
        )  # type: ignore[arg-type]
        if n == 10_000:
            check("build of 10,000 cases", float(r["build_s"]), MAX_10K_S, "s", load)  # type: ignore[arg-type]
            check(
                "peak memory (largest process, Pagefind included), 10,000 cases", float(r["peak_rss_mb"]), MAX_10K_MB, "MB", load
            )  # type: ignore[arg-type]
    if 1_000 in by_n and 10_000 in by_n:
        growth = float(by_n[10_000]["build_s"]) / float(by_n[1_000]["build_s"])  # type: ignore[arg-type]
        check("t(10,000) ÷ t(1,000)", growth, MAX_GROWTH, "×", by_n[10_000].get("load_avg_1min_at_build"))
    if serve is not None:
        flag = " --dirty" if serve.get("mode") == "dirty" else ""
        what = f"mkdocs serve{flag}: one edited case shown, {int(serve['cases']):,} cases"  # type: ignore[call-overload]
        check(what, float(serve["rebuild_median_s"]), MAX_RELOAD_S, "s", serve.get("load_avg"))  # type: ignore[arg-type]
    return out


def _figure(value: object, unit: str) -> str:
    return f"{float(value):.2f}×" if unit == "×" else f"{float(value):,.1f} {unit}"  # type: ignore[arg-type]


def targets_table(rows: list[dict[str, object]]) -> str:
    lines = ["| target | measured | at most | load (1 min) | |", "|---|---:|---:|---:|---|"]
    for row in rows:
        unit, load = str(row["unit"]), row["load_avg"]
        lines.append(
            f"| {row['target']} | {_figure(row['value'], unit)} | {_figure(row['limit'], unit)} "
            f"| {f'{load:.2f}' if isinstance(load, float) else '–'} | {'pass' if row['passed'] else 'FAIL'} |"
        )
    return "\n".join(lines)


def missing_extra(bin_dir: Path = BIN) -> str | None:
    """What to install when the `bench` extra (check-jsonschema, the reference it times) is missing, else None."""
    if (bin_dir / "check-jsonschema").is_file():
        return None
    return (
        "check-jsonschema, which this benchmark times against, is not installed "
        "(hint: pip install -e '.[bench]' installs the `bench` extra, then run this again)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, nargs="+", required=True, help="number(s) of synthetic cases, e.g. 1000 10000")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--repeat", type=int, default=1, help="run each step K times and report medians")
    parser.add_argument("--no-noindex", dest="noindex", action="store_false", help="skip the build without the index")
    parser.add_argument("--keep", type=Path, help="work in this new folder and keep it (default: a temporary one)")
    parser.add_argument("--no-validate", dest="validate", action="store_false", help="skip validate and check-jsonschema")
    parser.add_argument("--serve", action="store_true", help="also time `mkdocs serve` showing an edited case (1,000 cases)")
    parser.add_argument("--serve-dirty", action="store_true", help="with --serve: pass --dirty to mkdocs serve")
    args = parser.parse_args()
    missing = missing_extra()
    if missing:
        parser.exit(2, f"{parser.prog}: error: {missing}\n")
    if min(args.cases) < 1 or args.repeat < 1:
        parser.error("--cases and --repeat must be at least 1")
    if args.keep and (args.keep.exists() or args.keep.resolve().is_relative_to(ROOT)):
        parser.error(f"{args.keep}: give a new folder outside the project")
    results = []
    with tempfile.TemporaryDirectory(prefix="caseatlas-bench-") as tmp:
        for n in args.cases:
            folder = (args.keep or Path(tmp)) / str(n)
            folder.mkdir(parents=True)
            results.append(bench(n, folder, args.repeat, args.noindex, args.validate))
            if not args.keep:
                shutil.rmtree(folder)
    serve = None
    if args.serve:
        from serve_rebuild import measure

        load = os.getloadavg()[0]
        serve = measure(1000, 3, "dirty" if args.serve_dirty else "plain") | {"load_avg": load}
    checked = targets(results, serve)
    report = {"results": results, "serve": serve, "targets": checked}
    text = json.dumps(report, indent=2)
    if args.json:
        args.json.write_text(text + "\n", "utf-8")
    print(text)
    print(TABLE_HEAD)
    for result in results:
        print(table_row(result))
    print()
    print(targets_table(checked))
    if serve is not None:
        print(
            f"\nmkdocs serve, {int(serve['cases']):,} cases: first build {serve['first_build_s']} s; "  # type: ignore[call-overload]
            f"an edited case shown in {serve['rebuild_median_s']} s, every page up to date in "
            f"{serve.get('all_pages_median_s', '–')} s (medians of {len(serve['rebuild_s'])})"  # type: ignore[arg-type]
        )
    print(f"\nload average (1, 5, 15 min) now: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
