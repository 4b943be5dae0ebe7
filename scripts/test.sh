#!/usr/bin/env bash
# The whole test suite: notebook tests (nbdev_test) and end-to-end tests (pytest), after setting up.
# Under CI=true it also checks that nbdev_clean, nbdev_export and the README leave git unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
VENV=${VENV:-.venv}
export PATH="$PWD/$VENV/bin:$PATH"
if [ "${CI:-}" = true ]; then
  echo "== checking that generated files are current"
  nbdev_clean && nbdev_export && python tools/make_readme.py
  if [ -n "$(git status --porcelain)" ]; then
    git status --porcelain; git diff --stat
    echo "nbdev_clean, nbdev_export or tools/make_readme.py changed git: run them and commit the result" >&2; exit 1
  fi
fi
echo "== notebook tests"
OMP_NUM_THREADS=1 nbdev_test --n_workers 2   # two notebooks at a time, one torch thread each
echo "== end-to-end tests"
python -m pytest "$@"
