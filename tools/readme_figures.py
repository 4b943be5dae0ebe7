"""The README's pictures of paintings, made with the shipped painter and the package's defaults.

Run: python tools/readme_figures.py [--only compare|replay|before]
- nbs/images/painting_compare.png: the sample photo and its painting with 1,024 strokes (256 px).
- nbs/images/replay_x4.png: a 128-px part of a painting with `paint`'s defaults (1,024 strokes; shown 4x, nearest neighbour) beside the same part of
  its replay by libmypaint at scale 4: real brush texture at four times the size.
- nbs/images/before_after.png: the sample photo painted with 256 strokes by the code before strokes anywhere (commit
  30065bc: a grid of tiles, strokes cut at their tile) and by this code, each beside a part of its replay at scale 4."""
import argparse, os, subprocess, sys, tempfile
from pathlib import Path
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT/'nbs'/'images'
BEFORE = '30065bc'   # the last commit with paintings in a grid of tiles

PAINT_AND_REPLAY = r"""
import sys, numpy as np
from PIL import Image
from neural_painter_x.painting import paint, SAMPLE_PHOTO
from neural_painter_x.replay import replay
p = paint(SAMPLE_PHOTO, strokes=256, progress=False)
Image.fromarray(p.image).save(sys.argv[1] + '.png'); Image.fromarray(replay(p, 4).image()).save(sys.argv[1] + '_x4.png')
"""

def compare():
    from neural_painter_x.painting import paint, SAMPLE_PHOTO
    p = paint(SAMPLE_PHOTO, strokes=1024, progress=False)
    p.side_by_side().save(IMAGES/'painting_compare.png', optimize=True)

def replay_x4(x0=64, y0=12):
    from neural_painter_x.painting import paint, SAMPLE_PHOTO
    from neural_painter_x.replay import replay
    p = paint(SAMPLE_PHOTO, progress=False)
    r = replay(p, scale=4).image()
    part = np.asarray(Image.fromarray(p.image).crop((x0, y0, x0 + 128, y0 + 128)).resize((512, 512), Image.NEAREST))
    gap = np.full((512, 8, 3), 255, np.uint8)
    Image.fromarray(np.concatenate([part, gap, r[4 * y0:4 * y0 + 512, 4 * x0:4 * x0 + 512]], 1)).save(IMAGES/'replay_x4.png', optimize=True)

def before_after(x0=64, y0=12):
    "Two rows, the code before and this code: the painting (256 px) and a 128-px part of its replay at scale 4 (shown at 256 px)."
    tmp = Path(tempfile.mkdtemp())
    wt = tmp/'before'
    subprocess.run(['git', '-C', str(ROOT), 'worktree', 'add', '--detach', str(wt), BEFORE], check=True, capture_output=True)
    try:
        rows = []
        for name, root in (('before', wt), ('now', ROOT)):
            env = dict(os.environ, PYTHONPATH=str(root))
            subprocess.run([sys.executable, '-c', PAINT_AND_REPLAY, str(tmp/name)], check=True, env=env, cwd=root)
            im, x4 = np.asarray(Image.open(tmp/f'{name}.png')), np.asarray(Image.open(tmp/f'{name}_x4.png'))
            part = np.asarray(Image.fromarray(x4[4 * y0:4 * y0 + 512, 4 * x0:4 * x0 + 512]).resize((256, 256), Image.LANCZOS))
            rows.append(np.concatenate([im, np.full((256, 6, 3), 255, np.uint8), part], 1))
        out = np.concatenate([rows[0], np.full((6, rows[0].shape[1], 3), 255, np.uint8), rows[1]], 0)
        Image.fromarray(out).save(IMAGES/'before_after.png', optimize=True)
    finally: subprocess.run(['git', '-C', str(ROOT), 'worktree', 'remove', '--force', str(wt)], capture_output=True)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--only', choices=['compare', 'replay', 'before'])
    a = ap.parse_args()
    if a.only in (None, 'compare'): compare()
    if a.only in (None, 'replay'): replay_x4()
    if a.only in (None, 'before'): before_after()
