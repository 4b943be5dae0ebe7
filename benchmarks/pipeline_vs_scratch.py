"""Transfer learning against adversarial training from scratch: held-out fidelity against CPU time.

(a) the pipeline: stage 1 (generator, feature loss), stage 2 (critic, BCE), stage 3 (GAN mode);
(b) the paper's way: a conditional WGAN-GP from scratch, same generator and critic classes,
    given --scratch-factor times the CPU time the whole pipeline took (default 5).
Both are scored every --every CPU seconds on held-out engine strokes (L1, MSE, SSIM, Fréchet
distance of backbone features); scoring time is not counted. CPU time is the process's, all threads.

Run:  python benchmarks/pipeline_vs_scratch.py --write
It takes (1 + scratch factor) x the pipeline's CPU time divided by the cores, plus scoring; 20k
strokes are made once into --data if it holds none. The claim checked: the pipeline reaches the
from-scratch run's final fidelity in at most a fifth of the from-scratch run's CPU time. --write updates BENCHMARKS.md and benchmarks/pipeline_vs_scratch.png."""
import argparse, json, os, platform, time
from pathlib import Path
import torch
from bench_md import write_section
from neural_painter_x.data import generate_strokes, load_strokes, shard_paths
from neural_painter_x.generator import pretrain_generator, fidelity, StrokeGenerator
from neural_painter_x.critic import pretrain_critic
from neural_painter_x.gan import train_gan, train_wgan_gp
from neural_painter_x.perceptual import Backbone
from neural_painter_x.training import CpuClock, Timeline

ROOT = Path(__file__).resolve().parents[1]

def stage_generator(learn):
    "The generator a stage's learner trains (stages 1 and 3) or uses (stage 2)."
    m = learn.model
    return m.generator if hasattr(m, 'generator') else m if isinstance(m, StrokeGenerator) else learn.mix_fakes.gen

def run_pipeline(train, held, out, a, bb):
    clock, records, ends = CpuClock(), [], {}
    def tl(): return [Timeline(lambda learn: fidelity(stage_generator(learn), held, bb), a.every, clock, records)]
    torch.manual_seed(42)
    with clock.paused(): records.append((0., fidelity(StrokeGenerator(a.nf), held, bb)))
    common = dict(bs=64, progress=False, resume=False)
    gen = pretrain_generator(train, out, a.gen_epochs, nf=a.nf, limit=a.gen_limit, cbs=tl(), **common).model
    ends['stage 1'] = clock()
    with clock.paused(): records.append((clock(), fidelity(gen, held, bb)))
    pretrain_critic(train, out, epochs=1, limit=a.stage_limit, cbs=tl(), **common)
    ends['stage 2'] = clock()
    with clock.paused(): records.append((clock(), fidelity(gen, held, bb)))   # stage 2 leaves the generator as it was
    gen = train_gan(train, out, epochs=a.gan_epochs, limit=a.stage_limit, cbs=tl(), **common).model.generator
    ends['stage 3'] = clock()
    with clock.paused(): records.append((clock(), fidelity(gen, held, bb)))
    return records, ends

def run_scratch(train, held, budget, a, bb):
    clock = CpuClock()
    torch.manual_seed(42)
    g = StrokeGenerator(a.nf)
    with clock.paused(): records = [(0., fidelity(g, held, bb))]
    def measure():
        g.eval(); r = fidelity(g, held, bb); g.train(); return r
    gen, _, records = train_wgan_gp(train, g, steps=10**9, seconds=budget, clock=clock, every=a.every,
                                    measure=measure, records=records)
    with clock.paused(): records.append((clock(), fidelity(gen, held, bb)))
    return records

def first_time(records, key, target):
    "CPU seconds of training after which `records` first reach `target` (the initial record does not count)."
    return next((t for t, r in records if t > 0 and r[key] <= target), None)

def report(pipe, scratch, ends, blank, a, n_held):
    at = lambda t: min(pipe, key=lambda r: abs(r[0] - t))[1]
    rows = [('blank white canvas', 0, blank), ('initialisation', 0, pipe[0][1])]
    rows += [(f'pipeline after {k}', t, at(t)) for k, t in ends.items()]
    rows.append((f'conditional WGAN-GP from scratch, {a.scratch_factor:g} x the CPU time', scratch[-1][0], scratch[-1][1]))
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} with {torch.get_num_threads()} threads. "
             f"{n_held} held-out engine strokes (`classic/dry_brush`), generator nf={a.nf} (alpha head), stage 1 {a.gen_epochs} "
             f"epochs (pixel loss, the default), stages 2-3 on {a.stage_limit} strokes; scored every {a.every:g} CPU s. "
             f"CPU time: the process's, all threads, scoring excluded.", "",
             "| run | CPU s | L1 | MSE | SSIM | Fréchet distance |", "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {n} | {t:,.0f} | {r['l1']:.4f} | {r['mse']:.4f} | {r['ssim']:.3f} | {r['fd']:.1f} |" for n, t, r in rows]
    lines.append("")
    fin_s, s_time = scratch[-1][1], scratch[-1][0]
    for key, name in (('l1', 'L1'), ('fd', 'Fréchet distance')):
        t = first_time(pipe, key, fin_s[key])
        lines.append(f"- The pipeline reached the from-scratch run's final {name} ({fin_s[key]:.4f}) " +
                     (f"after {t:,.0f} CPU s: {t / s_time:.2f} of the scratch run's {s_time:,.0f} CPU s (target: at most 0.20)."
                      if t is not None else "at no point of its run."))
    return '\n'.join(lines)

def plot(pipe, scratch, ends, blank, path):
    from matplotlib.figure import Figure
    fig = Figure(figsize=(10, 3.6)); axs = fig.subplots(1, 2)
    for ax, key, name in ((axs[0], 'l1', 'held-out L1'), (axs[1], 'fd', 'held-out Fréchet distance')):
        for recs, lab in ((pipe, 'pipeline (stages 1-3)'), (scratch, 'conditional WGAN-GP from scratch')):
            ax.plot([t / 60 for t, _ in recs], [r[key] for _, r in recs], marker='.', label=lab)
        for t in ends.values(): ax.axvline(t / 60, color='grey', lw=.5)
        ax.axhline(blank[key], color='k', ls=':', lw=.8, label='blank canvas')
        ax.set_xlabel('CPU minutes (grey: end of stages 1, 2, 3)'); ax.set_title(name); ax.set_yscale('log'); ax.legend(fontsize=7)
    fig.tight_layout()
    tmp = path.with_suffix('.partial.png'); fig.savefig(tmp, dpi=80); tmp.replace(path)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', default='/tmp/neural_painter_x_bench/strokes', help='stroke shards (made if missing)')
    ap.add_argument('--out', default='/tmp/neural_painter_x_bench/pipeline_vs_scratch', help='checkpoints and records.json')
    ap.add_argument('--n', type=int, default=20000, help='strokes to make if --data holds none')
    ap.add_argument('--held', type=int, default=1000, help='held-out strokes (the last ones)')
    ap.add_argument('--nf', type=int, default=32, help='generator width')
    ap.add_argument('--gen-epochs', type=int, default=2)
    ap.add_argument('--gen-limit', type=int, default=None, help='strokes for stage 1 (default all)')
    ap.add_argument('--stage-limit', type=int, default=5000, help='strokes for stages 2 and 3')
    ap.add_argument('--gan-epochs', type=int, default=1)
    ap.add_argument('--every', type=float, default=30., help='CPU seconds between scores')
    ap.add_argument('--scratch-factor', type=float, default=5., help="the scratch run's CPU time / the pipeline's")
    ap.add_argument('--write', action='store_true', help='update BENCHMARKS.md and the figure')
    a = ap.parse_args()
    if not shard_paths(a.data): generate_strokes(a.data, n=a.n, shard_size=5000, seed=0, progress=False)
    data = load_strokes(a.data)
    train, held = data[:-a.held], data[-a.held:]
    out, bb = Path(a.out), Backbone()
    t0 = time.time()
    pipe, ends = run_pipeline(train, held, out/'pipeline', a, bb)
    print(f"pipeline: {ends['stage 3']:.0f} CPU s, {time.time() - t0:.0f} s wall", flush=True)
    t0 = time.time()
    scratch = run_scratch(train, held, ends['stage 3'] * a.scratch_factor, a, bb)
    print(f"scratch: {scratch[-1][0]:.0f} CPU s, {time.time() - t0:.0f} s wall", flush=True)
    blank = fidelity(None, held, bb)
    out.mkdir(parents=True, exist_ok=True)
    (out/'records.json').write_text(json.dumps(dict(pipeline=pipe, scratch=scratch, stage_end=ends, blank=blank), indent=1))
    text = report(pipe, scratch, ends, blank, a, len(held))
    print(text)
    if a.write:
        plot(pipe, scratch, ends, blank, ROOT/'benchmarks'/'pipeline_vs_scratch.png')
        write_section('pipeline', 'Transfer learning against a WGAN-GP from scratch', 'python benchmarks/pipeline_vs_scratch.py --write',
                      f"{text}\n\n![held-out fidelity against CPU time](benchmarks/pipeline_vs_scratch.png)")

if __name__ == '__main__': main()
