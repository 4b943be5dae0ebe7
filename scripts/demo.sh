#!/usr/bin/env bash
# The main job, from a fresh clone: set up, then paint the sample photo with the shipped painter, and draw real strokes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
VENV=${VENV:-.venv}
mkdir -p demo
"$VENV/bin/neural-painter-x" paint -o demo/painting.png --gif --compare
"$VENV/bin/neural-painter-x" replay demo/painting.json --scale 4 -o demo/painting_x4.png --ora
"$VENV/bin/neural-painter-x" demo -o demo/strokes.png --n 64
"$VENV/bin/neural-painter-x" demo -o demo/strokes_x4.png --n 4 --cols 2 --scale 4
echo "open demo/painting.png, demo/painting.gif, demo/painting_compare.png, demo/painting_x4.png (.ora: MyPaint, Krita) and demo/strokes.png"
