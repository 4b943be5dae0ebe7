"""How far a painting's neural canvas is from its replay in the real MyPaint engine, and what finishing with the engine does.

Run: python benchmarks/replay_gap.py [--painter NAME_OR_PATH] [--size 256] [--strokes 256] [--finish 30] [--write]
Paints five photos (the package's sample photo and scikit-image's coffee, chelsea, rocket and hubble_deep_field) with
`paint`'s defaults twice from the same start: with no finishing steps (the painter's canvas) and with --finish steps that
see the engine's strokes. Each painting is replayed by libmypaint at scale 1: as `replay` does by default (whole strokes
for a painter of whole strokes; cut at their squares for one of cut strokes), unclipped (--no-clip, with the brush's
position tracked from its square's corner as `MyPaintCanvas` does), and unclipped with the position tracked from the
canvas's origin as a plain libmypaint brush would. Gap: PSNR and SSIM of the replay
against the painting's canvas; likeness: PSNR and SSIM of the replay (what MyPaint paints) against the photo."""
import argparse, platform, statistics, time
from pathlib import Path
import numpy as np

HERE = Path(__file__).resolve().parent

def photos():
    from skimage import data as skdata
    from neural_painter_x.painting import SAMPLE_PHOTO
    return dict(astronaut=SAMPLE_PHOTO, coffee=skdata.coffee(), chelsea=skdata.chelsea(), rocket=skdata.rocket(),
                hubble=skdata.hubble_deep_field())

def measure(p, photo):
    "Gaps of the painting's canvas to its replays, and the replay's likeness to the photo."
    from neural_painter_x.engine import MyPaintCanvas
    from neural_painter_x.replay import replay, image_gap
    from neural_painter_x.painting import _to_uint8
    r = replay(p).image()
    free = replay(p, clip=False).image()
    MyPaintCanvas.track_from_corner = False
    try: naive = replay(p, clip=False).image()
    finally: MyPaintCanvas.track_from_corner = True
    ph = _to_uint8(photo)
    return dict(gap=image_gap(p.image, r), gap_free=image_gap(p.image, free), gap_naive=image_gap(p.image, naive),
                replay_photo=image_gap(ph, r), canvas_photo=image_gap(ph, p.image)), r

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--painter', default=None); ap.add_argument('--size', type=int, default=256)
    ap.add_argument('--strokes', type=int, default=256); ap.add_argument('--finish', type=int, default=30)
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    import torch
    from PIL import Image
    from neural_painter_x.painting import paint
    torch.set_num_threads(2)
    (HERE/'replay').mkdir(exist_ok=True)
    res = {}
    for name, src in photos().items():
        pics = []
        for fin in (0, a.finish):
            t = time.perf_counter()
            p = paint(src, strokes=a.strokes, size=a.size, painter=a.painter, finish=fin, progress=False)
            secs = time.perf_counter() - t
            m, r = measure(p, p.photo)
            m |= dict(seconds=secs, steps=p.steps)
            res[name, fin] = m
            pics += [p.image, np.full((p.image.shape[0], 6, 3), 255, np.uint8), r, np.full((p.image.shape[0], 12, 3), 255, np.uint8)]
            print(name, fin, {k: ({q: round(w, 3) for q, w in v.items()} if isinstance(v, dict) else round(v, 2)) for k, v in m.items()}, flush=True)
        Image.fromarray(np.concatenate(pics[:-1], 1)).save(HERE/'replay'/f'{name}.png')
    names = list(photos())
    rows = ["| photo | finish steps | steps | seconds | canvas vs replay PSNR / SSIM | unclipped replay | unclipped, brush from origin | replay vs photo PSNR / SSIM | canvas vs photo PSNR / SSIM |",
            "|---|---:|---:|---:|---|---|---|---|---|"]
    f2 = lambda g: f"{g['psnr']:.2f} / {g['ssim']:.3f}"
    for fin in (0, a.finish):
        for n in names + ['median']:
            if n == 'median':
                ms = [res[k, fin] for k in names]
                med = lambda key, q: statistics.median(m[key][q] for m in ms)
                m = {key: dict(psnr=med(key, 'psnr'), ssim=med(key, 'ssim')) for key in ('gap', 'gap_free', 'gap_naive', 'replay_photo', 'canvas_photo')}
                m |= dict(steps=statistics.median(x['steps'] for x in ms), seconds=statistics.median(x['seconds'] for x in ms))
                n = '**median**'
            else: m = res[n, fin]
            rows.append(f"| {n} | {fin} | {m['steps']:.0f} | {m['seconds']:.1f} | {f2(m['gap'])} | {f2(m['gap_free'])} | {f2(m['gap_naive'])} | "
                        f"{f2(m['replay_photo'])} | {f2(m['canvas_photo'])} |")
    text = (f"Machine: {platform.machine()}, 2 cores, torch {torch.__version__} with 2 threads. Painter: {a.painter or 'the default'}; "
            f"{a.strokes} strokes on {a.size}-px canvases, `paint` defaults (levels from `plan_levels`, 60 steps per level, each level stops early when its loss stalls), "
            f"the last 0 or {a.finish} of each level's steps finishing with the engine. Each painting is one run (the engine and the optimisation are "
            f"deterministic; seconds are of that run).\n\n" + '\n'.join(rows) +
            "\n\nEach picture: without finishing, the canvas and its replay; with finishing, the canvas and its replay.\n\n" +
            '\n\n'.join(f"![{n}](benchmarks/replay/{n}.png)" for n in names))
    print(text)
    if a.write:
        from bench_md import write_section
        write_section('replay', 'The neural canvas against its MyPaint replay',
                      f"python benchmarks/replay_gap.py --size {a.size} --strokes {a.strokes} --finish {a.finish} --write", text)

if __name__ == '__main__': main()
