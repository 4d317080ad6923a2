"""Time `caseatlas bundle` on the real content: a module bundle and an --all bundle, each run N times.

    python scripts/bundle_bench.py [--runs 3]

Prints the median build time and the zip's size for each. Bundles are written to a temporary folder.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE = "targeted-poverty-alleviation-study-visit"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| bundle | median s | zip bytes |\n|---|---:|---:|")
    for label, selector in ((f"--module {MODULE}", ["--module", MODULE]), ("--all", ["--all"])):
        times, size = [], 0
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "atlas.zip"
            for _ in range(args.runs):
                started = time.perf_counter()
                subprocess.run(
                    [str(ROOT / ".venv/bin/caseatlas"), "bundle", *selector, "-o", str(out)],
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                )
                times.append(time.perf_counter() - started)
                size = out.stat().st_size
        print(f"| {label} | {statistics.median(times):.1f} | {size:,} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
