#!/usr/bin/env bash
# Build the documentation site into _docs/ (settings.ini's doc_path) from the notebooks and their stored outputs:
# bash scripts/docs.sh, then open _docs/index.html in a browser (bash scripts/docs.sh DIR builds into DIR instead).
# Needs the [docs] extra (MkDocs Material, mkdocs-jupyter), which it installs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export PATH="$PWD/$VENV/bin:$PATH"
python -c 'import mkdocs, mkdocs_jupyter, material' 2>/dev/null || pip install -q -e '.[docs]'
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
SITE=${1:-_docs}
python tools/docs_pages.py "$STAGE" "$SITE"
NO_MKDOCS_2_WARNING=1 mkdocs build --quiet --clean -f "$STAGE/mkdocs.yml"
echo "the site is in $SITE/: open $SITE/index.html"
