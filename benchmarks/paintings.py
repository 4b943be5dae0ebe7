"""Whole paintings with the default painter: time, peak memory and likeness at 64, 256 and 1,024 strokes.

Run: python benchmarks/paintings.py [--painter NAME_OR_PATH] [--size 256] [--strokes 64 256 1024] [--runs 3] [--write]
Paints scikit-image's `astronaut` (NASA, public domain) on a 256 x 256 canvas with `paint`'s defaults, each run in a fresh
process (peak memory is that process's maximum resident set). Likeness to the photo: the content term of the objective
(1 = blank canvas), PSNR and SSIM. Times are the median of --runs runs; the pictures go to benchmarks/paintings/."""
import argparse, json, math, platform, resource, statistics, subprocess, sys, time
from pathlib import Path

HERE = Path(__file__).resolve().parent

def child(painter, size, strokes, out):
    "One painting in this process; prints its measurements as JSON."
    import torch, torch.nn.functional as F
    from skimage import data as skdata
    from neural_painter_x.painting import paint, PaintLoss
    from neural_painter_x.perceptual import ssim
    torch.set_num_threads(2)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    p = paint(skdata.astronaut(), strokes=strokes, size=size, painter=painter, progress=False)
    secs = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    canvas = torch.from_numpy(p.image).permute(2, 0, 1).float() / 255
    with torch.no_grad(): content = PaintLoss(p.photo, colour_wt=0.).terms(canvas)['content'].item()
    mse = F.mse_loss(canvas, p.photo).item()
    if out: p.side_by_side().save(out)
    print(json.dumps(dict(seconds=secs, steps=p.steps, peak_mib=peak / 1024, imports_mib=base / 1024, content=content,
                          psnr=-10 * math.log10(mse), ssim=ssim(canvas[None], p.photo[None]).item())))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--painter', default=None); ap.add_argument('--size', type=int, default=256)
    ap.add_argument('--strokes', type=int, nargs='+', default=[64, 256, 1024]); ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--write', action='store_true'); ap.add_argument('--child', action='store_true'); ap.add_argument('--out', default='')
    a = ap.parse_args()
    if a.child: return child(a.painter, a.size, a.strokes[0], a.out)
    (HERE/'paintings').mkdir(exist_ok=True)
    rows = ["| strokes | seconds (median) | all runs | steps | peak memory, MiB | content loss (blank = 1) | PSNR, dB | SSIM |",
            "|---:|---:|---|---:|---:|---:|---:|---:|"]
    pics = []
    for n in a.strokes:
        res = []
        for r in range(a.runs):
            pic = HERE/'paintings'/f'astronaut_{n}.png' if r == 0 else ''
            cmd = [sys.executable, __file__, '--child', '--size', str(a.size), '--strokes', str(n), '--out', str(pic)] + (['--painter', a.painter] if a.painter else [])
            out = subprocess.run(cmd, capture_output=True, text=True)
            if out.returncode: sys.exit(out.stderr)
            res.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(n, res[-1], flush=True)
        m = res[0]
        secs = [x['seconds'] for x in res]
        rows.append(f"| {n} | {statistics.median(secs):.1f} | {', '.join(f'{s:.1f}' for s in secs)} | {m['steps']} | {max(x['peak_mib'] for x in res):.0f} | "
                    f"{m['content']:.3f} | {m['psnr']:.2f} | {m['ssim']:.3f} |")
        pics.append(f"![{n} strokes](benchmarks/paintings/astronaut_{n}.png)")
    import torch
    text = (f"Machine: {platform.machine()}, 2 cores, torch {torch.__version__} with 2 threads. Painter: {a.painter or 'the default'}; "
            f"photo: scikit-image `astronaut` (NASA, public domain), {a.size} x {a.size}; `paint` defaults (at most 200 steps, stops "
            f"when the loss stalls). Target: 256 strokes in at most 60 s.\n\n" + '\n'.join(rows) + "\n\nPhoto and painting, first run of each:\n\n" + '\n\n'.join(pics))
    print(text)
    if a.write:
        from bench_md import write_section
        write_section('paintings', 'Whole paintings on this CPU', 'python benchmarks/paintings.py --write' + (f' --painter {a.painter}' if a.painter else ''), text)

if __name__ == '__main__': main()
