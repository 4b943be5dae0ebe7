"""Likeness per CPU-second against Im2Oil: the five benchmark photos at 256 px, this package's paintings beside Im2Oil's.

Run: python benchmarks/equal_time.py [--strokes 256 1024] [--resume] [--write]
Paints the five photos of benchmarks/seamless.py with `paint`'s defaults at each --strokes count (steps per level from
`default_steps`), each in a fresh process with 2 torch threads, and measures seconds, PSNR, SSIM and the seam score of the
painting and of its x4 MyPaint replay. Im2Oil (ACM MM 2022, TZYSJTU/Im2Oil at e833238, non-neural, CPU) is not part of
this project and is not installed here: its rows are the measurements of the side-by-side run of 2026-12-02 on this kind
of machine (same photos at 256 px, its default fineness p=4, default brush, seed 0, 8x super-sampling, its 2,048-px
painting resized to 256 px with Lanczos), kept in IM2OIL below. Its astronaut painting is cut from that run's picture,
benchmarks/im2oil/astronaut.png (photo, ours, Im2Oil), which this script replaces with photo, ours and Im2Oil.
Machines of this kind differ in speed, and one machine from hour to hour: Im2Oil's seconds are carried over through this
package's 256-stroke paintings, which that run timed beside Im2Oil (BRIDGE) and this run times again.
Measurements go to data/equal_time.json (git-ignored); --resume reuses them and paints only what is missing."""
import argparse, json, statistics, sys, tempfile
from pathlib import Path
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from seamless import NAMES, ROOT, run, measure

# Im2Oil p=4, measured 2026-12-02 (Intel Xeon, 2 cores): strokes, seconds, PSNR dB, SSIM, seam score, seam score of its own x8 painting
IM2OIL = dict(astronaut=(4139, 54.7, 20.77, 0.684, 1.49, 1.57), coffee=(2166, 35.8, 21.79, 0.612, 1.49, 1.73),
              chelsea=(2888, 38.1, 25.39, 0.653, 1.36, 1.37), rocket=(1571, 31.1, 26.49, 0.773, 1.79, 1.42),
              hubble=(2928, 50.6, 20.91, 0.499, 1.57, 1.34))
BRIDGE = (256, 39.4)   # that run's median seconds of this package's 256-stroke paintings (Im2Oil's median: 38.1 s)
RESULTS = HERE.parent/'data'/'equal_time.json'
PICTURE = HERE/'im2oil'/'astronaut.png'
IM2OIL_COLUMNS = slice(524, 780)   # Im2Oil's panel in PICTURE (photo | ours | Im2Oil, 6-px gaps)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--strokes', type=int, nargs='+', default=[256, 1024]); ap.add_argument('--write', action='store_true')
    ap.add_argument('--resume', action='store_true', help=f'reuse the measurements in {RESULTS.relative_to(HERE.parent)}')
    a = ap.parse_args()
    from PIL import Image
    from neural_painter_x.painting import default_steps
    from bench_md import cpu_model
    if BRIDGE[0] not in a.strokes: a.strokes = [BRIDGE[0]] + a.strokes      # the clock that carries Im2Oil's seconds over
    kept = {tuple(k.split('@')): v for k, v in json.loads(RESULTS.read_text()).items()} if a.resume and RESULTS.exists() else {}
    tmp, res, ims = Path(tempfile.mkdtemp()), {}, {}
    for name in NAMES:
        for n in a.strokes:
            if (str(n), name) in kept and (n, 'astronaut') != (max(a.strokes), name):   # the pictured painting is painted again
                res[n, name] = kept[str(n), name]
                continue
            one = argparse.Namespace(strokes=n, size=256, painter=None)
            out = tmp/f'{n}_{name}'
            m = run(ROOT, name, one, out)
            g, pics = measure(out, name)
            res[n, name] = m | g
            ims[n, name] = pics
            print(n, name, {q: round(v, 3) for q, v in res[n, name].items()}, flush=True)
            RESULTS.parent.mkdir(exist_ok=True)
            tmpf = RESULTS.with_suffix('.partial')
            tmpf.write_text(json.dumps({f'{k[0]}@{k[1]}': v for k, v in kept.items()} | {f'{k[0]}@{k[1]}': v for k, v in res.items()})); tmpf.replace(RESULTS)
    rows = ["| photo | painter | strokes | steps per level | seconds | PSNR, dB | SSIM | seam score | seam score, large (x4 replay; Im2Oil's own x8) |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in NAMES:
        for n in a.strokes:
            m = res[n, name]
            rows.append(f"| {name} | neural_painter_x | {n:,} | {default_steps(n)[0]} | {m['seconds']:.1f} | {m['psnr']:.2f} | {m['ssim']:.3f} | {m['seam']:.2f} | {m['seam_x4']:.2f} |")
        k, s, p, q, sm, sl = IM2OIL[name]
        rows.append(f"| {name} | Im2Oil p=4 (recorded) | {k:,} | | {s:.1f} | {p:.2f} | {q:.3f} | {sm:.2f} | {sl:.2f} |")
    med = lambda f: statistics.median(f(x) for x in NAMES)
    for n in a.strokes:
        rows.append(f"| **median** | neural_painter_x | {n:,} | {default_steps(n)[0]} | " + " | ".join(
            f"{med(lambda x: res[n, x][q]):.{d}f}" for q, d in (('seconds', 1), ('psnr', 2), ('ssim', 3), ('seam', 2), ('seam_x4', 2))) + " |")
    rows.append(f"| **median** | Im2Oil p=4 (recorded) | {med(lambda x: IM2OIL[x][0]):,.0f} | | " + " | ".join(
        f"{med(lambda x: IM2OIL[x][i]):.{d}f}" for i, d in ((1, 1), (2, 2), (3, 3), (4, 2), (5, 2))) + " |")
    # the verdict, computed: the stroke count whose median time is nearest Im2Oil's, on this run's clock
    clock = med(lambda x: res[BRIDGE[0], x]['seconds']) / BRIDGE[1]
    t_im = med(lambda x: IM2OIL[x][1]) * clock
    t = lambda n: med(lambda x: res[n, x]['seconds'])
    equal = [n for n in a.strokes if abs(t(n) / t_im - 1) <= 0.15] or [min(a.strokes, key=lambda n: abs(t(n) - t_im))]
    verdict = (f"This run's machine took {clock:.2f}x the time of that run's for the {BRIDGE[0]}-stroke paintings, so Im2Oil's "
               f"{med(lambda x: IM2OIL[x][1]):.1f} s are {t_im:.0f} s here. At about equal time (medians within 15% of it):")
    for n in equal:
        wins = [x for x in NAMES if res[n, x]['ssim'] >= IM2OIL[x][3]]
        verdict += (f"\n- {n:,} strokes in {t(n):.0f} s: median SSIM {med(lambda x: res[n, x]['ssim']):.3f} against Im2Oil's "
                    f"{med(lambda x: IM2OIL[x][3]):.3f}, PSNR {med(lambda x: res[n, x]['psnr']):.2f} against {med(lambda x: IM2OIL[x][2]):.2f} dB; "
                    f"SSIM at least Im2Oil's on {len(wins)} of {len(NAMES)} photos ({', '.join(wins) or 'none'}).")
    n_pic = max(a.strokes)
    if PICTURE.exists():
        im2oil = np.asarray(Image.open(PICTURE))[:, IM2OIL_COLUMNS]
        im, ph, _ = ims[n_pic, 'astronaut']
        gap = np.full((im.shape[0], 6, 3), 255, np.uint8)
        if im2oil.shape == im.shape : Image.fromarray(np.concatenate([ph, gap, im, gap, im2oil], 1)).save(PICTURE)
    text = (f"Machine: {cpu_model()}, 2 cores. The five photos of the seamless section at 256 px, each painting in a fresh process "
            f"(2 torch threads), `paint`'s defaults (steps per level from `default_steps`); seconds: `paint` without imports. Im2Oil "
            "(ACM MM 2022, TZYSJTU/Im2Oil at e833238, CPU, one process) is not part of the project: its rows were measured "
            "side by side with this package on 2026-12-02 on this kind of machine, at its default fineness p=4 with its default "
            "brush, seed 0 and 8x super-sampling, its 2,048-px painting resized to 256 px with Lanczos; its seconds are its whole "
            "pipeline (k-means, flow, sampling, rendering, gap filling) and its strokes count its gap-filling passes. The target: "
            "at equal time, SSIM at least Im2Oil's.\n\n" + '\n'.join(rows) + "\n\n" + verdict
            + f"\n\nPhoto, neural_painter_x ({n_pic:,} strokes) and Im2Oil ({IM2OIL['astronaut'][0]:,} strokes):\n\n![astronaut](benchmarks/im2oil/astronaut.png)")
    print(text)
    if a.write:
        from bench_md import write_section
        write_section('im2oil', 'Against Im2Oil at equal time', 'python benchmarks/equal_time.py --write', text)

if __name__ == '__main__': main()
