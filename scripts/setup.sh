#!/usr/bin/env bash
# Set up everything neural_painter_x needs, idempotently: the MyPaint engine (apt, when root),
# a virtual environment in .venv, torch, and the package with its dev extras.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
TORCH_SPEC=${TORCH_SPEC:-"torch==2.14.1 torchvision==0.29.1"}

# (grep without -q: with pipefail, grep -q quitting early makes ldconfig fail on SIGPIPE, and the engine looked missing)
have_engine() { ldconfig -p 2>/dev/null | grep 'libmypaint-1\.5\.so\.1' >/dev/null && [ -f /usr/share/mypaint-data/1.0/brushes/classic/dry_brush.myb ]; }
if ! have_engine; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing the MyPaint brush engine (libmypaint-1.5-1, mypaint-brushes)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libmypaint-1.5-1 mypaint-brushes >/dev/null
  else
    echo "warning: libmypaint is missing; install it with: sudo apt-get install libmypaint-1.5-1 mypaint-brushes" >&2
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV"
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import torch, torchvision' 2>/dev/null; then
  echo "== installing $TORCH_SPEC"
  "$VENV/bin/pip" install -q $TORCH_SPEC
fi
echo "== installing neural_painter_x[dev,web,docs]"
"$VENV/bin/pip" install -q -e '.[dev,web,docs]'
# the web page's browser test drives Debian's Chromium (a browser downloaded by Playwright cannot be had here)
if [ "${CI:-}" = true ] && ! command -v chromium >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing chromium for the browser test"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
