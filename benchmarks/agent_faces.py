"""Painting agents on held-out faces (the paper's section 3 with 15 strokes): reconstruction error against a blank
canvas and the nearest training face, the neural canvas against its MyPaint replay, training time.

Run: python benchmarks/agent_faces.py --runs faces15 faces15_seed1 [--write] [--ship faces15]
Each run is a folder data/agent_runs/<name> from `neural-painter-x agent train --data faces --strokes N --out ...` (the faces' recipe).
The faces are scikit-image's LFW subset: 80 to train, the last 20 held out (`face_targets`). Picture: nbs/images/agent_faces.png
(held-out target / each run's neural canvas / its MyPaint replay)."""
import argparse
from pathlib import Path
import numpy as np

HERE = Path(__file__).resolve().parent
RUNS = HERE.parent/'data'/'agent_runs'

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--runs', nargs='+', default=['faces15', 'faces15_seed1']); ap.add_argument('--write', action='store_true')
    ap.add_argument('--ship', help='save this run as the shipped agent (neural_painter_x/agents/faces.pth), with its card')
    a = ap.parse_args()
    import torch, pandas as pd
    from PIL import Image
    from neural_painter_x.core import stroke_grid
    from neural_painter_x.targets import face_targets
    from neural_painter_x.agent import load_agent, reconstruct, nearest_baseline, mse_per_image
    from neural_painter_x.perceptual import ssim
    from bench_md import cpu_model, write_section, ship_agent
    torch.set_num_threads(2)
    tr, va = face_targets('train'), face_targets('valid')
    V = va.tensor()
    def scores(x):
        x = torch.as_tensor(x)
        if x.dtype == torch.uint8: x = x.permute(0, 3, 1, 2).float() / 255
        return float(mse_per_image(x, V).mean()), float(ssim(x, V))
    rows = [dict(run='blank canvas', **dict(zip(('mse', 'ssim'), scores(torch.ones_like(V))))),
            dict(run='nearest training face (of 80)', **dict(zip(('mse', 'ssim'), scores(nearest_baseline(tr, va)))))]
    pics = [stroke_grid(va.images[:10], 10)]
    for name in a.runs:
        path = RUNS/name/'agent.pth'
        m = load_agent(path)
        rec = reconstruct(va, m)
        eng = rec.replayed()
        gap = mse_per_image(torch.from_numpy(rec.paintings).float() / 255, torch.from_numpy(eng).float() / 255)
        csv = pd.read_csv(path.parent/'agent.csv')
        cfg = torch.load(path, map_location='cpu', weights_only=True)['config']
        rows.append(dict(run=name, strokes=m.n_strokes, epochs=len(csv), bs=cfg['bs'], lr=cfg['lr'], train_s=float(csv['train_s'].sum()),
                         **dict(zip(('mse', 'ssim'), scores(rec.paintings))), **dict(zip(('engine_mse', 'engine_ssim'), scores(eng))),
                         psnr=float((10 * torch.log10(1 / gap.clamp_min(1e-10))).mean())))
        print(rows[-1], flush=True)
        pics += [stroke_grid(rec.paintings[:10], 10), stroke_grid(eng[:10], 10)]
    Image.fromarray(np.concatenate(pics)).save(HERE.parent/'nbs'/'images'/'agent_faces.png')
    print(pd.DataFrame(rows).to_string())
    if a.ship:
        r = next(r for r in rows if r['run'] == a.ship)
        ship_agent('faces', RUNS/a.ship, r, rows[:2], f"a 64-px grey face with {r['strokes']} strokes, colours its own, not connected,",
                   "the faces' recipe (`--data faces`: augmentation, CoordConv, layer norm, ActionBound, gradient clipping, reconstruction loss)",
                   "the first 80 faces of scikit-image's LFW subset (`face_targets`)", "the last 20 faces of the LFW subset, held out",
                   f'python benchmarks/agent_faces.py --runs {a.ship} --ship {a.ship}')
    if not a.write: return
    f = lambda r, k, p: '' if r.get(k) is None else f'{r[k]:.{p}f}'
    lines = ['| agent | strokes | batch | lr | epochs | training s | MSE | SSIM | MyPaint MSE | MyPaint SSIM | PSNR neural vs MyPaint (dB) |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|']
    lines += [f"| {r['run']} | {f(r, 'strokes', 0)} | {f(r, 'bs', 0)} | {'' if r.get('lr') is None else format(r['lr'], 'g')} | {f(r, 'epochs', 0)} | {f(r, 'train_s', 0)} | {r['mse']:.4f} | {r['ssim']:.3f} | {f(r, 'engine_mse', 4)} | {f(r, 'engine_ssim', 3)} | {f(r, 'psnr', 1)} |" for r in rows]
    text = (f"Machine: {cpu_model()}, 2 cores, torch {torch.__version__}. The 20 held-out faces of scikit-image's LFW subset (25 x 25 grey, "
            "upscaled to 64 px); the agents learned from the other 80 with the faces' recipe (`neural-painter-x agent train --data faces "
            "--strokes N`: `AGENT_RECIPES['faces']`: colours, strokes not connected, augmented and mirrored faces, 10 passes an epoch, "
            "CoordConv, a layer norm before the LSTM, the penalty on saturated outputs (`ActionBound`), the gradient's norm clipped to 1, batch 8, Adam 3e-4, reconstruction loss only), painter `dry_brush`. "
            "Training s: wall time of the training passes with one thread each, two runs side by side.\n\n" + '\n'.join(lines)
            + "\n\nPicture (held-out faces; then each run's neural canvas and its MyPaint replay): nbs/images/agent_faces.png\n")
    write_section('agent_faces', 'Painting agents on held-out faces (section 3, 15 strokes)', 'python benchmarks/agent_faces.py --runs ' + ' '.join(a.runs) + ' --write', text)

if __name__ == '__main__': main()
