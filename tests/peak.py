"""Run one command and report, as JSON on stdout, its exit code, its output and its peak memory.

    python tests/peak.py caseatlas validate

The peak is the command's own (getrusage of this process's only child, once it has ended),
so tests can bound the memory a hostile input costs without timing anything.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

proc = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"returncode": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "peak_mb": peak_kb / 1024}))
