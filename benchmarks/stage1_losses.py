"""Stage 1 losses: held-out fidelity of the generator trained with pixel vs feature loss for the same CPU time.

Run: python benchmarks/stage1_losses.py [--minutes 6] [--threads 1] [--n 20000] [--data DIR] [--out DIR] [--write]
Makes (or reuses) N engine strokes in --data, holds out the last 1000, and trains a StrokeGenerator with each loss
configuration for about --minutes of CPU time: a few timed batches give each configuration's samples/s, from which
the number of epochs and `limit` (strokes per epoch) are chosen. Each generator is scored on the held-out strokes with
`fidelity` (L1, MSE, SSIM, Frechet distance of backbone features), next to a blank white canvas.
Prints a markdown table and writes a PNG per configuration into --out (top row real strokes, bottom row generated);
with --write it also replaces the stage-1 section of BENCHMARKS.md."""
import argparse, math, os, platform, re, sys, time
from pathlib import Path
import numpy as np, torch
from PIL import Image
from bench_md import write_section
from neural_painter_x.core import stroke_grid
from neural_painter_x.data import generate_strokes, load_strokes
from neural_painter_x.generator import StrokeGenerator, generator_loss, pretrain_generator, fidelity
from neural_painter_x.perceptual import Backbone

CONFIGS = {'pixel': dict(loss='pixel'),
           'feature': dict(loss='feature', pixel_wt=1., feat_wt=1., gram_wt=0.),
           'feature+gram': dict(loss='feature', pixel_wt=1., feat_wt=1., gram_wt=1.),
           'pixel+feature*0.1': dict(loss='feature', pixel_wt=1., feat_wt=.1, gram_wt=0.),
           'pixel+(feature+gram)*0.1': dict(loss='feature', pixel_wt=1., feat_wt=.1, gram_wt=.1)}
N_HELD, VALID_PCT = 1000, 0.05
FIXED_S, EPOCH_S = 3., 1.   # rough overheads of `pretrain_generator`: set-up once, validation log/checkpoint per epoch

def throughput(train, cfg, nf, bs, lr, batches=6, warmup=2):
    "Samples/s of a training step and of an evaluation (forward + loss) step, on real batches."
    torch.manual_seed(0)
    gen, lf = StrokeGenerator(nf), generator_loss(**cfg)
    opt = torch.optim.Adam(gen.parameters(), lr)
    a = torch.from_numpy(train.actions[:bs]); y = torch.from_numpy(train.strokes[:bs]).permute(0, 3, 1, 2).float() / 255
    def step(): opt.zero_grad(); lf(gen(a), y).backward(); opt.step()
    def timed(fn):
        for _ in range(warmup): fn()
        t = time.perf_counter()
        for _ in range(batches): fn()
        return batches * bs / (time.perf_counter() - t)
    with torch.no_grad(): ev = timed(lambda: lf(gen(a), y))
    return timed(step), ev

def plan(budget_s, n_train, sps, sps_eval, bs):
    "Epochs and strokes per epoch (`limit`) so that a run takes about `budget_s`."
    cost = (1 - VALID_PCT) / sps + VALID_PCT / sps_eval          # seconds per stroke of `limit`
    epochs = max(1, math.ceil((budget_s - FIXED_S) / cost / n_train))
    limit = int((budget_s - FIXED_S - epochs * EPOCH_S) / cost / epochs)
    return epochs, max(2 * bs, min(limit, n_train))

def to_uint8(x): return (x.clamp(0, 1) * 255).round().byte().permute(0, 2, 3, 1).numpy()

def save_grid(gen, held, path, n=16, zoom=2):
    with torch.no_grad(): fake = to_uint8(gen.eval()(torch.from_numpy(held.actions[:n])))
    im = Image.fromarray(stroke_grid(np.concatenate([held.strokes[:n], fake]), ncols=n))
    im.resize((im.width * zoom, im.height * zoom), Image.NEAREST).save(path)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--minutes', type=float, default=6, help='training budget per configuration')
    ap.add_argument('--threads', type=int, default=1, help='torch threads')
    ap.add_argument('--n', type=int, default=20000, help='strokes in all (the last 1000 held out)')
    ap.add_argument('--data', default='/work/scratch/bench_strokes')
    ap.add_argument('--out', default='/work/scratch/bench_out')
    ap.add_argument('--nf', type=int, default=32)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--bs', type=int, default=64)
    ap.add_argument('--configs', default=','.join(CONFIGS), help='comma-separated subset of ' + ', '.join(CONFIGS))
    ap.add_argument('--write', action='store_true', help='update BENCHMARKS.md')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)

    t = time.perf_counter()
    generate_strokes(args.data, n=args.n, shard_size=5000, seed=0, progress=False)
    data = load_strokes(args.data, limit=args.n)
    train, held = data[:-N_HELD], data[-N_HELD:]
    print(f"{len(train)} training and {len(held)} held-out strokes ready in {time.perf_counter() - t:.0f} s", flush=True)

    backbone = Backbone()   # one instance for every Frechet distance
    rows = [('blank canvas', None, None, None, fidelity(None, held, backbone))]
    for name in args.configs.split(','):
        cfg = CONFIGS[name]
        sps, sps_eval = throughput(train, cfg, args.nf, args.bs, args.lr)
        epochs, limit = plan(args.minutes * 60, len(train), sps, sps_eval, args.bs)
        print(f"{name}: {sps:.0f} samples/s measured; training {epochs} epoch(s) x {limit} strokes", flush=True)
        t, c = time.perf_counter(), time.process_time()
        learn = pretrain_generator(train, out/name, epochs=epochs, lr=args.lr, bs=args.bs, valid_pct=VALID_PCT, limit=limit,
                                   nf=args.nf, progress=False, resume=False, **cfg)
        secs, cpu = time.perf_counter() - t, time.process_time() - c
        seen = epochs * len(learn.dls.train) * args.bs
        fid = fidelity(learn.model, held, backbone)
        save_grid(learn.model, held, out/f'stage1_{name}.png')
        rows.append((name, f"{secs:.0f} ({cpu:.0f})", f"{seen / secs:.0f}", f"{epochs} x {limit:,}", fid))
        print(f"{name}: {secs:.0f} s, {fid}", flush=True)

    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__.split('+')[0]}, "
             f"**{args.threads} torch thread(s)**. StrokeGenerator nf={args.nf}, bs={args.bs}, one-cycle lr={args.lr}; "
             f"budget {args.minutes:g} min per configuration; {len(train):,} training strokes (dry brush, seed 0), "
             f"scored on the {len(held):,} held out. Samples/s counts training strokes over the whole run "
             f"(validation, checkpoints included). FD: Frechet distance of EfficientNet-Lite0 stage 0-2 features.",
             "", f"| config | seconds wall (CPU) | samples/s | epochs x strokes | held-out L1 | MSE | SSIM | FD |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {n} | {s or '-'} | {r or '-'} | {e or '-'} | {f['l1']:.4f} | {f['mse']:.4f} | {f['ssim']:.3f} | {f['fd']:.2f} |"
              for n, s, r, e, f in rows]
    text = '\n'.join(lines)
    print(text)
    if args.write: write_section('stage1', 'Stage 1: pixel vs feature loss for the same CPU time',
                                 ' '.join(['python benchmarks/stage1_losses.py', *sys.argv[1:]]), text)

if __name__ == '__main__': main()
