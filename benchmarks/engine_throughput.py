"""Engine throughput: strokes per second rendered by libmypaint through neural_painter_x, on 1 and 2 cores.

Run: python benchmarks/engine_throughput.py [--runs 5] [--n 4000] [--write]
Prints a table; with --write it also replaces the engine section of BENCHMARKS.md.
Each figure is the median of --runs timed runs over the same random actions (seed 0), after a warm-up.
The 2-core figure is steady state: the worker processes are started (and timed) once, then reused,
as `neural-painter-x strokes` does for a whole data set."""
import argparse, os, platform, statistics, time
from pathlib import Path
import numpy as np
from bench_md import write_section
from neural_painter_x.engine import StrokeRenderer, StrokePool, DEFAULT_BRUSH, default_workers

def timed(fn, runs):
    out = []
    for _ in range(runs):
        t = time.perf_counter(); fn(); out.append(time.perf_counter() - t)
    return statistics.median(out), out

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--n', type=int, default=4000, help='strokes per timed run')
    ap.add_argument('--brush', default=DEFAULT_BRUSH)
    ap.add_argument('--write', action='store_true', help='update BENCHMARKS.md')
    a = ap.parse_args()
    acts = np.random.default_rng(0).random((a.n, 12))
    rows = []
    r = StrokeRenderer(a.brush)
    r.render(acts[:200])
    med, all_ = timed(lambda: r.render(acts), a.runs)
    rows.append(('1 (in process)', a.n / med, [a.n / t for t in all_]))
    for w in sorted({2, default_workers()}):
        if w > default_workers(): continue
        t0 = time.perf_counter()
        with StrokePool(a.brush, n_workers=w) as pool:
            pool.render(acts[:400 * w])          # starts the workers and warms them up
            start = time.perf_counter() - t0
            med, all_ = timed(lambda: pool.render(acts), a.runs)
        rows.append((f'{w} (worker processes; start-up {start:.2f} s once)', a.n / med, [a.n / t for t in all_]))
    machine = f"{platform.machine()}, {default_workers()} cores, {platform.python_implementation()} {platform.python_version()}, {os.uname().sysname}"
    lines = [f"Machine: {machine}. Brush `{a.brush}`, 64x64 strokes, {a.n} strokes per run, median of {a.runs} runs.",
             "", "| cores | strokes/s (median) | all runs |", "|---|---:|---|"]
    lines += [f"| {c} | {m:,.0f} | {', '.join(f'{x:,.0f}' for x in xs)} |" for c, m, xs in rows]
    text = '\n'.join(lines)
    print(text)
    if a.write: write_section('engine', 'Engine throughput', 'python benchmarks/engine_throughput.py --write', text)

if __name__ == '__main__': main()
