#!/usr/bin/env bash
# Lint and type-check in one command: ruff (lint) and mypy (strict) over the package.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
.venv/bin/ruff check src tests scripts
.venv/bin/mypy
