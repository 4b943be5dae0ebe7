"""Command start-up and `strokes` end to end: wall seconds of whole `neural-painter-x` runs, start-up included.

Run: python benchmarks/startup.py [--runs 5] [--n 4000] [--before PATH] [--write]
Each figure is the median of --runs runs of a fresh process (`python -c 'from neural_painter_x.cli import main; main()'`
with the checkout on PYTHONPATH). --before PATH times another checkout of the package (e.g. a `git worktree`
of the commit before a change) side by side in the same run, interleaved, so the ratio is fair on a
machine whose speed drifts. `replay` replays a 64-stroke, 128-px painting made once by this checkout.
With --write the table replaces the start-up section of BENCHMARKS.md."""
import argparse, os, platform, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path
from bench_md import write_section

ROOT = Path(__file__).resolve().parents[1]
MAIN = "import sys; from neural_painter_x.cli import main; sys.exit(main())"

def run(tree, args, cwd):
    env = dict(os.environ, PYTHONPATH=str(tree))
    t = time.perf_counter()
    r = subprocess.run([sys.executable, '-c', MAIN, *args], cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t
    if r.returncode != 0: raise SystemExit(f"{tree}: neural-painter-x {' '.join(args)} failed:\n{r.stderr}")
    return took

def cpu_model():
    try: return next(l.split(':', 1)[1].strip() for l in subprocess.run(['lscpu'], capture_output=True, text=True).stdout.splitlines() if l.startswith('Model name'))
    except (StopIteration, OSError): return platform.processor() or 'unknown'

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--n', type=int, default=4000, help='strokes for the strokes command')
    ap.add_argument('--before', help='another checkout to time side by side (the code before a change)')
    ap.add_argument('--write', action='store_true', help='update BENCHMARKS.md')
    a = ap.parse_args()
    trees = [('this checkout', ROOT)] + ([('before', Path(a.before).resolve())] if a.before else [])
    work = Path(tempfile.mkdtemp(prefix='npx-startup-'))
    try:
        sys.path.insert(0, str(ROOT))
        from neural_painter_x.painting import paint, SAMPLE_PHOTO
        paint(SAMPLE_PHOTO, strokes=64, size=128, steps=10, finish=0, progress=False).save_strokes(work/'p.json')
        cmds = [('--help', lambda i: ['--help']), ('brushes', lambda i: ['brushes']),
                ('demo (16 strokes)', lambda i: ['demo', '-o', str(work/'d.png'), '--n', '16']),
                ('replay (64 strokes, 128 px)', lambda i: ['replay', str(work/'p.json'), '-o', str(work/'r.png'), '--quiet']),
                (f'strokes --n {a.n}', lambda i: ['strokes', '--n', str(a.n), '--out', str(work/f's{i}'), '--quiet'])]
        times = {(c, t): [] for c, _ in cmds for t, _ in trees}
        for i in range(a.runs):
            for c, args in cmds:
                for t, tree in trees:     # interleaved: both trees see the same machine state
                    times[c, t].append(run(tree, args(f'{t[0]}{i}'), work))
                    shutil.rmtree(work/f's{t[0]}{i}', ignore_errors=True)
        head = '| command | ' + ' | '.join(f'{t} (s)' for t, _ in trees) + (' | ratio |' if a.before else '')
        lines = [head, '|---|' + '---:|' * (len(trees) + bool(a.before))]
        for c, _ in cmds:
            med = [statistics.median(times[c, t]) for t, _ in trees]
            cells = [f'{m:.2f}' for m in med] + ([f'{med[1] / med[0]:.1f}x faster'] if a.before else [])
            lines.append(f'| {c} | ' + ' | '.join(cells) + ' |')
        import numpy as np
        from neural_painter_x.engine import StrokeRenderer
        r, acts = StrokeRenderer(), np.random.default_rng(0).random((1000, 12))
        r.render(acts[:100])
        one = statistics.median(1000 / t for t in [(lambda t0: (r.render(acts), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(3)])
        rate = [a.n / statistics.median(times[f'strokes --n {a.n}', t]) for t, _ in trees]
        lines.append(f"\n`strokes --n {a.n}` end to end, start-up and writing the shard included: "
                     + ', '.join(f'{r:,.0f} strokes/s ({t})' for r, (t, _) in zip(rate, trees))
                     + f'. The engine alone on one core of this machine: {one:,.0f} strokes/s (so at most {2 * one:,.0f}/s on two).')
        text = '\n'.join(lines) + (f"\n\nMedian of {a.runs} fresh processes per figure; {os.cpu_count()} cores, {cpu_model()}, "
                                   f"Python {platform.python_version()}.")
        print(text)
        if a.write: write_section('startup', 'Command start-up, and `strokes` end to end', ' '.join(['python benchmarks/startup.py'] + [('<checkout before the change>' if x == a.before else x) for x in sys.argv[1:] if x != '--write']), text)
    finally: shutil.rmtree(work, ignore_errors=True)

if __name__ == '__main__': main()
