"""Where a painting's time goes: `paint`'s defaults on scikit-image's astronaut, profiled, the time split by part.

Run: python benchmarks/paint_profile.py [--strokes 1024] [--size 512] [--steps 20] [--runs 3] [--write]
Each run is a fresh process with 2 torch threads under cProfile (which adds a few per cent); `--steps` less than the
default 60 keeps it short (half of them finishing steps with the MyPaint engine, as the default). Prints a markdown
table: seconds per part (median over runs) and its share of the painting's time. Parts overlap nowhere: the backward
pass is one part (the painter's, the compositing's and the loss's backward together; `compositing backward` is the part
of it spent in `_Over.backward`, shown on its own row but also inside `backward`)."""
import argparse, json, statistics, subprocess, sys

PARTS = [  # (row, function name as cProfile reports it: file suffix, function)
    ('painter forward', ('painters.py', 'stroke_alpha')),
    ('MyPaint finishing strokes', ('painters.py', 'engine_windows')),
    ('compositing forward', ('compositing.py', 'forward')),
    ('loss forward (backbone, SSIM, colour)', ('painting.py', 'terms')),
    ('backward (all)', ('torch/autograd/__init__.py', 'backward')),
    ('  of which compositing backward', ('compositing.py', 'backward')),
]

NOTE = ("The engine's finishing strokes cost about 1.1 ms per stroke per step and are Python-bound (two threads drawing "
        "on two canvases measured 0.86-1.28x), so at the default for 1,024 strokes (20 steps per level, 10 of them finishing, as profiled here) they are a fifth of the painting.")

def child(strokes, size, steps):
    import cProfile, pstats, time, torch
    torch.set_num_threads(2)
    from skimage import data as skdata
    from neural_painter_x.painting import paint
    pr, t = cProfile.Profile(), time.time()
    pr.enable(); paint(skdata.astronaut(), strokes=strokes, size=size, steps=steps, finish=steps // 2, progress=False); pr.disable()
    total = time.time() - t
    st = pstats.Stats(pr).stats
    out = {'total': total}
    for row, (f, fn) in PARTS:
        out[row] = sum(v[3] for (file, _, name), v in st.items() if file.endswith(f) and name == fn)
    print(json.dumps(out))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--strokes', type=int, default=1024); ap.add_argument('--size', type=int, default=512)
    ap.add_argument('--steps', type=int, default=20); ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--child', action='store_true'); ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    if a.child: return child(a.strokes, a.size, a.steps)
    runs = []
    for r in range(a.runs):
        p = subprocess.run([sys.executable, __file__, '--child', '--strokes', str(a.strokes), '--size', str(a.size), '--steps', str(a.steps)],
                           capture_output=True, text=True)
        if p.returncode: sys.exit(p.stderr)
        runs.append(json.loads(p.stdout.strip().splitlines()[-1]))
    from bench_md import cpu_model, write_section
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    rows = [f"| {row} | {med[row]:.1f} | {med[row] / med['total']:.0%} |" for row, _ in PARTS]
    rest = med['total'] - sum(med[r] for r, _ in PARTS if not r.startswith(' '))
    text = '\n'.join([f"{a.strokes} strokes on {a.size} px (astronaut), {a.steps} steps per level ({a.steps // 2} finishing with MyPaint), "
                      f"cProfile, a fresh process per run, median of {a.runs} runs; {cpu_model()}, 2 threads.", '',
                      '| part | seconds | share |', '|---|---:|---:|', *rows,
                      f"| the rest (placement, windows, optimiser, laying levels) | {rest:.1f} | {rest / med['total']:.0%} |",
                      f"| **painting** | **{med['total']:.1f}** | 100% |"])
    print(text)
    if a.write:
        write_section('paint_profile', "Where a painting's time goes", 'python benchmarks/paint_profile.py --write', text + '\n\n' + NOTE)

if __name__ == '__main__': main()
