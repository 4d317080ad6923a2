#!/usr/bin/env bash
# Lint, format check and strict types in one command: ruff check, ruff format --check, mypy --strict.
# scripts/test.sh (and so CI) runs it before the tests. To format: .venv/bin/ruff format src tests scripts
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
echo "ruff check"
.venv/bin/ruff check src tests scripts
echo "ruff format --check"
.venv/bin/ruff format --check src tests scripts
echo "mypy (strict)"
.venv/bin/mypy
