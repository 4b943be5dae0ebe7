"""Seamless paintings: likeness, seams and time at 256 strokes on 256 px, on five photos, side by side with the code before.

Run: python benchmarks/seamless.py [--strokes 256] [--size 256] [--before COMMIT] [--painter NAME_OR_PATH] [--write]
Paints five photos (the package's sample photo and scikit-image's coffee, chelsea, rocket and hubble_deep_field) with
`paint`'s defaults, each in a fresh process with 2 torch threads; with --before, the same photos with the package as it
was at COMMIT (a git worktree of it), alternating with this checkout's, so both see the same machine. Measured: seconds,
PSNR and SSIM of the painting against the photo at the canvas size, the seam score (`seam_score`) of the painting and of
its MyPaint replay at scale 4. Pictures: benchmarks/seamless/NAME.png (photo, painting, a quarter of the x4 replay)."""
import argparse, json, os, statistics, subprocess, sys, tempfile
from pathlib import Path
import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NAMES = ('astronaut', 'coffee', 'chelsea', 'rocket', 'hubble')
BEFORE_PICTURES = ('astronaut', 'coffee')   # with --before, these photos' pictures of the code before too

CHILD = r"""
import json, sys, time, numpy as np, torch
from PIL import Image
from skimage import data as skdata
from neural_painter_x.painting import paint
from neural_painter_x.replay import replay
torch.set_num_threads(2)
name, strokes, size, painter, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] or None, sys.argv[5]
import neural_painter_x.painting as P
src = getattr(P, 'SAMPLE_PHOTO') if name == 'astronaut' else getattr(skdata, 'hubble_deep_field' if name == 'hubble' else name)()
t = time.perf_counter()
p = paint(src, strokes=strokes, size=size, painter=painter, progress=False)
secs = time.perf_counter() - t
Image.fromarray(p.image).save(out + '.png')
Image.fromarray((p.photo.permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)).save(out + '_photo.png')
t = time.perf_counter(); r = replay(p, 4).image(); rsecs = time.perf_counter() - t
Image.fromarray(r).save(out + '_x4.png')
print(json.dumps(dict(seconds=secs, replay_seconds=rsecs, steps=p.steps)))
"""

def photo_of(name):
    from skimage import data as skdata
    from PIL import Image
    if name == 'astronaut':
        from neural_painter_x.painters import SAMPLE_PHOTO
        return np.asarray(Image.open(SAMPLE_PHOTO).convert('RGB'))
    return getattr(skdata, 'hubble_deep_field' if name == 'hubble' else name)()

def run(pkg_root, name, a, out):
    "Paint photo `name` with the package at `pkg_root` in a fresh process, `paint`'s defaults: seconds, replay seconds, steps."
    env = dict(os.environ, PYTHONPATH=str(pkg_root), OMP_NUM_THREADS='2')
    r = subprocess.run([sys.executable, '-c', CHILD, name, str(a.strokes), str(a.size), a.painter or '', str(out)],
                       capture_output=True, text=True, env=env, cwd=pkg_root)
    if r.returncode: sys.exit(f"{pkg_root}: {r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])

PERIODS = (16, 32, 64, 128)

def random_lines(painting, photo, p, draws=20, seed=0):
    "The seam score's statistic for period p with the period taken away: each of the p line sets drawn at random (as many lines,"
    " the same ones in painting and photo); the median over `draws` of the largest ratio. What stroke edges alone give."
    from neural_painter_x.replay import seam_pair, line_steps
    sa, sb = map(line_steps, seam_pair(painting, photo))
    rng, out = np.random.default_rng(seed), []
    for _ in range(draws):
        best = 0.
        for da, db in ((sa[ax], sb[ax]) for ax in (1, 0)):
            n = len(da)
            if p >= n: continue
            for _ in range(p):
                on = np.zeros(n, bool); on[rng.choice(n, n // p, replace=False)] = True
                r = lambda d: d[on].mean() / max(d[~on].mean(), 1e-9)
                best = max(best, r(da) / max(r(db), 1.))
        out.append(best)
    return float(np.median(out))

def measure(out, name):
    from PIL import Image
    from neural_painter_x.replay import image_gap, seam_score
    im, ph, x4 = (np.asarray(Image.open(f'{out}{s}.png')) for s in ('', '_photo', '_x4'))
    full = photo_of(name)
    m = dict(image_gap(ph, im), seam=seam_score(im, full), seam_x4=seam_score(x4, full))
    for p in PERIODS: m[f'seam_{p}'], m[f'random_{p}'] = seam_score(im, full, (p,)), random_lines(im, full, p)
    return m, (im, ph, x4)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--strokes', type=int, default=256); ap.add_argument('--size', type=int, default=256)
    ap.add_argument('--before', default=None); ap.add_argument('--painter', default=None)
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    from PIL import Image
    tmp = Path(tempfile.mkdtemp())
    from bench_md import code_at
    res = {}
    with code_at(a.before) as wt:
        roots = {'before': wt, 'this': ROOT} if wt else {'this': ROOT}
        for name in NAMES:
            for k, root in roots.items():
                out = tmp/f'{k}_{name}'
                m = run(root, name, a, out)
                g, ims = measure(out, name)
                res[k, name] = m | g
                print(k, name, {q: round(v, 3) for q, v in res[k, name].items()}, flush=True)
                if k == 'this' or name in BEFORE_PICTURES:
                    im, ph, x4 = ims
                    q = x4[:x4.shape[0] // 2, x4.shape[1] // 4:x4.shape[1] * 3 // 4]
                    q = np.asarray(Image.fromarray(q).resize((q.shape[1] * im.shape[0] // q.shape[0], im.shape[0]), Image.BOX))
                    gap = np.full((im.shape[0], 6, 3), 255, np.uint8)
                    Image.fromarray(np.concatenate([ph, gap, im, gap, q], 1)).save(HERE/'seamless'/f"{name}{'' if k == 'this' else '_before'}.png")
    from bench_md import cpu_model
    cpu = cpu_model()
    rows = ["| photo | code | seconds | steps | PSNR, dB | SSIM | seam score | seam score, replay x4 |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name in NAMES:
        for k in roots:
            m = res[k, name]
            rows.append(f"| {name} | {k if k == 'this' else 'before (' + a.before + ')'} | {m['seconds']:.1f} | {m['steps']} | {m['psnr']:.2f} | {m['ssim']:.3f} | {m['seam']:.2f} | {m['seam_x4']:.2f} |")
    for k in roots:
        med = {q: statistics.median(res[k, n][q] for n in NAMES) for q in ('seconds', 'psnr', 'ssim', 'seam', 'seam_x4')}
        rows.append(f"| **median** | {k if k == 'this' else 'before'} | {med['seconds']:.1f} | | {med['psnr']:.2f} | {med['ssim']:.3f} | {med['seam']:.2f} | {med['seam_x4']:.2f} |")
    rows += ["", "Seam score of the paintings by period, and the same statistic over randomly drawn lines (as many as a period's, not "
             "periodic: what stroke edges alone give; the median of 20 draws). A period whose seam score exceeds its random lines' has "
             "seams; one at or below them has only the contrast of stroke edges, which at p = 128 on 256 px (two lines per offset) "
             "is what sets the score:", "",
             "| photo | code | " + " | ".join(f"p = {p}: seams / random lines" for p in PERIODS) + " |", "|---|---|" + "---:|" * len(PERIODS)]
    for name in NAMES:
        for k in roots:
            m = res[k, name]
            rows.append(f"| {name} | {k if k == 'this' else 'before (' + a.before + ')'} | " + " | ".join(f"{m[f'seam_{p}']:.2f} / {m[f'random_{p}']:.2f}" for p in PERIODS) + " |")
    ratio = ''
    if a.before:
        r = statistics.median(res['this', n]['seconds'] / res['before', n]['seconds'] for n in NAMES)
        ratio = f"\n\nTime of this code over the code before, median over the photos: **{r:.2f}x**."
    text = (f"Machine: {cpu}, 2 cores, 2 torch threads. {a.strokes} strokes on {a.size} px, `paint`'s defaults, painter "
            f"{a.painter or 'the default'}; each painting in a fresh process{', the two codes alternating' if a.before else ''}. "
            "Targets: seam score at most 1.4 on the paintings and their x4 replays; median SSIM >= 0.60 and PSNR >= 21.5 dB; "
            "at most 45 s.\n\n" + '\n'.join(rows) + ratio + "\n\nPhoto, painting and the top middle of its replay at scale 4:\n\n"
            + '\n\n'.join(f"![{n}](benchmarks/seamless/{n}.png)" for n in NAMES)
            + (''.join(f"\n\nThe code before, {n}:\n\n![{n}, before](benchmarks/seamless/{n}_before.png)" for n in BEFORE_PICTURES) if a.before else ''))
    print(text)
    if a.write:
        sys.path.insert(0, str(HERE))
        from bench_md import write_section
        write_section('seamless', 'Seamless paintings: likeness, seams and time', 'python benchmarks/seamless.py'
                      + (f' --before {a.before}' if a.before else '') + ' --write', text)

if __name__ == '__main__': main()
