#!/usr/bin/env bash
# Install what the tests need, then run every test.
# Used by developers (see README) and by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "browser tests need /usr/bin/chromium: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

# The course pack (WeasyPrint) needs Pango and HarfBuzz, and fonts with Chinese and Indonesian characters:
# Noto Sans (fonts-noto-core) and Noto Sans CJK SC (fonts-noto-cjk).
pack_packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-noto-core fonts-noto-cjk"
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK SC" || ! fc-list 2>/dev/null | grep -q "NotoSans-Regular" \
   || ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0"; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing WeasyPrint's system libraries and the Noto fonts for the course pack"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pack_packages >/dev/null
  else
    echo "the course pack needs: sudo apt-get install -y $pack_packages" >&2
    exit 1
  fi
fi

python3 -m venv .venv
# `engines`: ProperDocs (the site is built with it too, below) and Zensical (tests/test_other_generators.py).
.venv/bin/pip install -q --disable-pip-version-check -e '.[test,engines]'

# The habits: ruff check, ruff format --check, mypy strict (scripts/lint.sh installs the pinned tools).
bash scripts/lint.sh

# The site as CI publishes it: a strict build (warnings fail), into a temporary folder so a
# developer's own site/ is left alone. The tests build it again, serve it and read it in Chromium.
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
echo "mkdocs build --strict"
.venv/bin/mkdocs build --strict --quiet --site-dir "$site"
# And with ProperDocs, the maintained fork of MkDocs 1.6, which runs the plugin and Material unchanged.
echo "properdocs build --strict"
.venv/bin/properdocs build --strict --quiet -f mkdocs.yml --site-dir "$site"

.venv/bin/python -m pytest "$@"
