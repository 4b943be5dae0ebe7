"""Painting agents on held-out digits (the paper's sections 3 and 4): reconstruction error against a blank canvas and the
nearest training digit, the neural canvas against its MyPaint replay, training time, and the human-strokes distances.

Run: python benchmarks/agent_digits.py --runs recon human adv [--n-valid 500] [--write]
Each run is a folder data/agent_runs/<name> with agent.pth and agent.csv from `neural-painter-x agent train --out ...`:
  recon: the defaults (reconstruction only); human: --human; adv: --adv-wt 1 (10 x MSE + WGAN-GP critic).
The held-out digits are `digit_targets(n, 'valid')` (fonts training never sees; the runs' own held-out set), the baseline's
candidates the 10,000 training digits. Pictures: data/agent_runs/heldout_<name>.png (target / neural canvas / MyPaint; the
shipped agent's also nbs/images/agent_digits.png) and nbs/images/agent_order.png (one held-out digit per class, strokes
numbered, a row for each run of --order)."""
import argparse, time
from pathlib import Path
import numpy as np

HERE = Path(__file__).resolve().parent
RUNS = HERE.parent/'data'/'agent_runs'
WHAT = {'recon': 'reconstruction only (the defaults)', 'human': 'reconstruction + human strokes (`--human`)',
        'adv': '10 x MSE + WGAN-GP critic (`--adv-wt 1`)', 'adv_human': '10 x MSE + critic + human strokes (`--adv-wt 1 --human`)',
        'human8': 'reconstruction + human strokes (`--human --epochs 8`)', 'shipped': 'human8 in half precision (`digits`)'}

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--runs', nargs='+', default=['recon', 'human', 'adv']); ap.add_argument('--n-valid', type=int, default=500)
    ap.add_argument('--shipped', action='store_true', help='also score the shipped agent'); ap.add_argument('--write', action='store_true')
    ap.add_argument('--order', nargs='+', default=['recon', 'human'], help='the runs whose stroke order is drawn, a row each')
    ap.add_argument('--ship', help='save this run as the shipped agent (neural_painter_x/agents/digits.pth), with its card')
    a = ap.parse_args()
    import torch, pandas as pd
    from PIL import Image
    from neural_painter_x.core import stroke_grid
    from neural_painter_x.targets import digit_targets
    from neural_painter_x.agent import load_agent, reconstruct, nearest_baseline, mse_per_image, AGENTS_DIR
    from neural_painter_x.human import load_human_strokes, example_distances, stroke_order
    from neural_painter_x.perceptual import ssim
    from bench_md import cpu_model, write_section, ship_agent
    torch.set_num_threads(2)
    va, tr = digit_targets(a.n_valid, 'valid'), digit_targets(10_000)
    V = va.tensor()
    def scores(x):
        x = torch.as_tensor(x)
        if x.dtype == torch.uint8: x = x.permute(0, 3, 1, 2).float() / 255
        return float(mse_per_image(x, V).mean()), float(ssim(x, V))
    rows = [dict(run='blank canvas', what='', **dict(zip(('mse', 'ssim'), scores(torch.ones_like(V)))))]
    t = time.perf_counter(); bl = nearest_baseline(tr, va)
    rows.append(dict(run='nearest training digit', what=f'of 10,000 ({time.perf_counter() - t:.1f} s)', **dict(zip(('mse', 'ssim'), scores(bl)))))
    hs = load_human_strokes()
    pick = [int(np.flatnonzero(va.labels == k)[0]) for k in range(10)]   # one held-out digit per class, for the pictures
    orders = []
    runs = [(n, RUNS/n/'agent.pth') for n in a.runs] + ([('shipped', AGENTS_DIR/'digits.pth')] if a.shipped else [])
    for name, path in runs:
        m = load_agent(path)
        t = time.perf_counter(); rec = reconstruct(va, m); secs = time.perf_counter() - t
        eng = rec.replayed()
        mse, ss = scores(rec.paintings)
        emse, ess = scores(eng)
        gap = mse_per_image(torch.from_numpy(rec.paintings).float() / 255, torch.from_numpy(eng).float() / 255)
        psnr = float((10 * torch.log10(1 / gap.clamp_min(1e-10))).mean())
        d = example_distances(rec.actions, hs)
        own = d[torch.arange(len(d)), torch.from_numpy(va.labels)]
        other = (d.sum(1) - own) / (d.shape[1] - 1)
        csv = pd.read_csv(path.parent/'agent.csv') if (path.parent/'agent.csv').exists() else None
        rows.append(dict(run=name, what=WHAT.get(name, ''), mse=mse, ssim=ss, engine_mse=emse, engine_ssim=ess, psnr=psnr,
                         epochs=None if csv is None else len(csv), train_s=None if csv is None else float(csv['train_s'].sum()),
                         paint_ms=1000 * secs / len(va), own=float(own.mean()), other=float(other.mean()),
                         own_nearest=float((d.argmin(1) == torch.from_numpy(va.labels)).float().mean())))
        print(rows[-1], flush=True)
        k = pick[:10]
        look = Image.fromarray(np.concatenate([stroke_grid(va.images[k], 10), stroke_grid(rec.paintings[k], 10), stroke_grid(eng[k], 10)]))
        look.save(RUNS/f'heldout_{name}.png')
        if name == 'shipped': look.save(HERE.parent/'nbs'/'images'/'agent_digits.png')
        if name in a.order: orders.append(np.concatenate([np.asarray(stroke_order(rec.actions[i], rec.paintings[i], scale=2)) for i in k], 1))
    Image.fromarray(np.concatenate(orders)).save(HERE.parent/'nbs'/'images'/'agent_order.png')
    if a.ship:
        ship_agent('digits', RUNS/a.ship, next(r for r in rows if r['run'] == a.ship), rows[:2], 'a 64-px digit with 8 connected black strokes',
                   next(r for r in rows if r['run'] == a.ship)['what'], "10000 digits drawn from matplotlib's fonts (`digit_targets`)",
                   f'{a.n_valid} held-out digits (fonts training never sees)', f'python benchmarks/agent_digits.py --ship {a.ship}', extra=('own', 'other'))
    df = pd.DataFrame(rows)
    print(df.to_string())
    if not a.write: return
    f = lambda v, p: '' if v is None or (isinstance(v, float) and np.isnan(v)) else f'{v:.{p}f}'
    lines = ['| agent | loss | epochs | training s | MSE | SSIM | MyPaint MSE | MyPaint SSIM | PSNR neural vs MyPaint (dB) | ms a digit |',
             '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|']
    for r in rows:
        lines.append(f"| {r['run']} | {r['what']} | {f(r.get('epochs'), 0)} | {f(r.get('train_s'), 0)} | {r['mse']:.4f} | {r['ssim']:.3f} | "
                     f"{f(r.get('engine_mse'), 4)} | {f(r.get('engine_ssim'), 3)} | {f(r.get('psnr'), 1)} | {f(r.get('paint_ms'), 1)} |")
    hl = ['| agent | distance to own class\'s example | to other classes\' (mean) | own example nearest |', '|---|---:|---:|---:|']
    hl += [f"| {r['run']} | {r['own']:.4f} | {r['other']:.4f} | {r['own_nearest']:.0%} |" for r in rows if 'own' in r]
    text = (f"Machine: {cpu_model()}, 2 cores, torch {torch.__version__}. {a.n_valid} held-out digits (`digit_targets({a.n_valid}, 'valid')`: "
            f"fonts training never sees), 8 connected black strokes on 64 px, painter `dry_brush`. Training on 10,000 digits, batch 32, "
            f"Adam 3e-4 (0.5, 0.9); training s is the wall time of the training passes (validation not counted), one job on the machine.\n\n"
            + '\n'.join(lines) + "\n\nHuman strokes: mean squared difference of the agent's 8 strokes (12 numbers each) from each class's "
            "hand-made example (`neural_painter_x/agents/human_digits.json`), on the held-out digits:\n\n" + '\n'.join(hl)
            + "\n\nStroke order (one held-out digit per class; a row for each of " + ', '.join(a.order) + "): nbs/images/agent_order.png\n")
    write_section('agent_digits', 'Painting agents on held-out digits (sections 3 and 4)', 'python benchmarks/agent_digits.py --runs ' + ' '.join(a.runs) + (' --shipped' if a.shipped else '') + ' --write', text)

if __name__ == '__main__': main()
