"""Benchmark validating and building a site of N SYNTHETIC cases (one language), against the tools' floors.

    python scripts/bench.py --cases 1000 --json out.json [--repeat 3] [--keep DIR]

In a temporary folder (or --keep DIR, which is left in place), scripts/synthetic.py writes a one-language
project of N cases marked `synthetic: true`. Each step runs in its own process, `--repeat` times (medians):

- validate_s: `caseatlas validate` on the cases, from a cold start of the command;
- check_jsonschema_s: `check-jsonschema` (the `bench` extra) on the same files, same schema file;
- build_s: `mkdocs build --strict` of our project, Pagefind index included (pagefind_s: the indexing alone,
  as the plugin logs it); build_noindex_s: the same with the plugin's `search_index: false`;
- plain_mkdocs_build_s: `mkdocs build --strict` of a second project, same theme and nav, no plugin, whose
  docs/ holds the Markdown our renderer generates for each page: the floor our build adds to;
  write_plain_project_s (an extra): loading, rendering and writing its pages, once, inside this process;
- peak_rss_mb: the largest process of our build (mkdocs, or the Pagefind it runs), from getrusage;
- case_page_gz_bytes: median size of a case page's HTML, gzipped at level 6; site_bytes: the built site.

It prints a Markdown table row for docs/performance.md. Run it on a quiet machine: times are wall times.
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
from caseatlas.render.pages import Renderer, static_files
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
    generated: list[tuple[str, str | bytes]] = [(p.src_uri, p.content) for p in renderer.pages()]
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


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def median_of(k: int, step: Callable[[], dict[str, float]]) -> dict[str, object]:
    """Each figure's median over k runs of `step`, and (k > 1) every run's figures under "runs"."""
    runs = [step() for _ in range(k)]
    medians: dict[str, object] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    return medians | ({"runs": [{key: round(v, 2) for key, v in r.items()} for r in runs]} if k > 1 else {})


def bench(n: int, folder: Path, repeat: int, noindex: bool) -> dict[str, object]:
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
        out["validate_s"] = run([str(BIN / "caseatlas"), "validate", "--allow-synthetic"], project)[0]
        out["check_jsonschema_s"] = run([str(BIN / "check-jsonschema"), "--schemafile", str(schema), *files], project)[0]
        seconds, peak, log = run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(folder / "site")], project)
        indexed = re.search(r"indexed \d+ case pages in \d+ languages for search in ([\d.]+) s", log)
        out |= {"build_s": seconds, "peak_rss_mb": peak, "pagefind_s": float(indexed.group(1)) if indexed else float("nan")}
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
        "validate_speedup_vs_check_jsonschema": float(times["check_jsonschema_s"]) / float(times["validate_s"]),  # type: ignore[arg-type]
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
    "| cases | validate | check-jsonschema | faster | build | of which Pagefind | build, no index "
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
    parser.add_argument("--cases", type=int, required=True, help="number of synthetic cases")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--repeat", type=int, default=1, help="run each step K times and report medians")
    parser.add_argument("--no-noindex", dest="noindex", action="store_false", help="skip the build without the index")
    parser.add_argument("--keep", type=Path, help="work in this new folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    missing = missing_extra()
    if missing:
        parser.exit(2, f"{parser.prog}: error: {missing}\n")
    if args.cases < 1 or args.repeat < 1:
        parser.error("--cases and --repeat must be at least 1")
    if args.keep:
        if args.keep.exists() or args.keep.resolve().is_relative_to(ROOT):
            parser.error(f"{args.keep}: give a new folder outside the project")
        args.keep.mkdir(parents=True)
        result = bench(args.cases, args.keep, args.repeat, args.noindex)
    else:
        with tempfile.TemporaryDirectory(prefix="caseatlas-bench-") as tmp:
            result = bench(args.cases, Path(tmp), args.repeat, args.noindex)
    text = json.dumps(result, indent=2)
    if args.json:
        args.json.write_text(text + "\n", "utf-8")
    print(text)
    print(TABLE_HEAD)
    print(table_row(result))


if __name__ == "__main__":
    main()
