"""The README's pictures of paintings, made with the shipped painter and the package's defaults.

Run: python tools/readme_figures.py [--only compare|replay]
- nbs/images/painting_compare.png: the sample photo and its painting with 1,024 strokes (256 px).
- nbs/images/replay_x4.png: a 128-px part of a 256-stroke painting (shown 4x, nearest neighbour) beside the same part of
  its replay by libmypaint at scale 4: real brush texture at four times the size."""
import argparse
from pathlib import Path
import numpy as np
from PIL import Image

IMAGES = Path(__file__).resolve().parents[1]/'nbs'/'images'

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

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--only', choices=['compare', 'replay'])
    a = ap.parse_args()
    if a.only != 'replay': compare()
    if a.only != 'compare': replay_x4()
