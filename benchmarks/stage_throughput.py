"""Training throughput of each stage: samples per second on this CPU (wall clock), batch size 64.

Run: python benchmarks/stage_throughput.py [--batches 20] [--runs 3] [--write]
Each figure is the median of --runs timed runs of --batches training batches, after one warm-up
run, on 64x64 engine strokes; "samples" are (action, stroke) pairs taken from the data (the critic
also sees as many generated and half as many mismatched strokes; a WGAN-GP step is 5 critic
batches and 1 generator batch). --write replaces the throughput section of BENCHMARKS.md."""
import argparse, os, platform, statistics, tempfile, time
from pathlib import Path
import torch
from fastai.callback.core import Callback, CancelFitException
from bench_md import write_section
from neural_painter_x.data import generate_strokes, load_strokes
from neural_painter_x.training import stroke_dls
from neural_painter_x.generator import StrokeGenerator, generator_learner
from neural_painter_x.critic import critic_learner, StrokeCritic
from neural_painter_x.gan import gan_learner, train_wgan_gp

ROOT = Path(__file__).resolve().parents[1]

class StopAfterBatches(Callback):
    "End a fit after `n` training batches, timing them."
    def __init__(self, n): self.n = n
    def before_fit(self): self.count, self.start = 0, time.perf_counter()
    def after_batch(self):
        if not self.training: return
        self.count += 1
        if self.count >= self.n: self.seconds = time.perf_counter() - self.start; raise CancelFitException

def learner_rate(make, n, bs):
    learn = make()
    cb = StopAfterBatches(n)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-4, cbs=cb)
    return n * bs / cb.seconds

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--batches', type=int, default=20)
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--nf', type=int, default=32)
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    bs = 64
    with tempfile.TemporaryDirectory() as t:
        generate_strokes(t, n=bs * (a.batches + 2) * 6, shard_size=5000, seed=0, progress=False)
        data = load_strokes(t)
    dls = stroke_dls(data, valid_pct=0.01, bs=bs)
    gen = lambda: StrokeGenerator(a.nf)
    cases = {
        'stage 1, pixel loss': lambda: generator_learner(dls, gen(), loss='pixel'),
        'stage 1, feature loss (EfficientNet-Lite0)': lambda: generator_learner(dls, gen(), loss='feature'),
        'stage 2, conditional critic': lambda: critic_learner(dls, gen(), conditional=True),
        'stage 2, unconditional critic': lambda: critic_learner(dls, gen(), conditional=False),
        'stage 3, GAN mode (conditional critic)': lambda: gan_learner(generator_learner(dls, gen(), loss='feature'), StrokeCritic()),
    }
    rows = []
    for name, make in cases.items():
        learner_rate(make, 3, bs)                        # warm-up
        rates = [learner_rate(make, a.batches, bs) for _ in range(a.runs)]
        rows.append((name, statistics.median(rates), rates)); print(rows[-1], flush=True)
    def wgan_rate():
        steps = max(1, a.batches // 6)
        t = time.perf_counter(); train_wgan_gp(data, gen(), steps=steps, bs=bs); s = time.perf_counter() - t
        return steps * 6 * bs / s
    wgan_rate()
    rates = [wgan_rate() for _ in range(a.runs)]
    rows.append(('WGAN-GP from scratch (5 critic + 1 generator batches per step)', statistics.median(rates), rates))
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} with {torch.get_num_threads()} threads; "
             f"generator nf={a.nf}, critic nf=16, batch size {bs}; median of {a.runs} runs of {a.batches} batches.", "",
             "| stage | samples/s (median) | all runs |", "|---|---:|---|"]
    lines += [f"| {n} | {m:,.0f} | {', '.join(f'{x:,.0f}' for x in xs)} |" for n, m, xs in rows]
    text = '\n'.join(lines); print(text)
    if a.write: write_section('throughput', 'Training throughput per stage', 'python benchmarks/stage_throughput.py --write', text)

if __name__ == '__main__': main()
