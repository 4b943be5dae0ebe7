"""Held-out fidelity of the shipped painter: its strokes against the real engine's, on strokes no training run has seen.

Run: python benchmarks/painter_fidelity.py [--painter NAME_OR_PATH] [--n 5000] [--seed 2026] [--write]
Renders --n random actions (seeded, uniform in [0, 1] like the training data, a seed no data set of the painter used) with
libmypaint and the painter's brush, and scores the painter's strokes (as loaded: half-precision weights, batch norms folded)
and a blank white canvas: L1, MSE, SSIM, the Fréchet distance of EfficientNet-Lite0 features and ink recall / precision
(darkening > 0.2), with two scales: the engine's own strokes blurred, and those of the actions nudged by a hair. Also by stroke size (the
`size` field in thirds) and with fields at the bounds 0 or 1, where `paint` leaves many of its actions. The card's numbers
(the validation split of its own data) are shown beside."""
import argparse, platform, time
import numpy as np

BLURS = (1., 2., 3.)   # sigmas (pixels of the painter's image) of the blurred engine strokes shown as a scale
NUDGES = (1e-3, 1e-2)   # steps (of each field's unit range) of the nudged actions whose engine strokes are shown as a scale

def stand_in(data, strokes, post=None):
    "A stand-in painter for `fidelity`: for each action of `data` it gives the row of `strokes` (uint8, as `data.strokes`) at that action's index, then `post`."
    import torch, torch.nn as nn
    rows = {a.tobytes(): i for i, a in enumerate(data.actions)}
    class StandIn(nn.Module):
        size = strokes.shape[1]
        def forward(self, a):
            x = torch.from_numpy(np.asarray(strokes[[rows[r.tobytes()] for r in a.numpy()]])).permute(0, 3, 1, 2).float() / 255
            return x if post is None else post(x)
    return StandIn()

def blurred(data, sigma):
    "The engine's own strokes of `data`, blurred by a Gaussian of `sigma` px: a painter right up to that blur."
    from torchvision.transforms.functional import gaussian_blur
    return stand_in(data, data.strokes, lambda x: gaussian_blur(x, 2 * int(3 * sigma) + 1, sigma))

def nudged(data, step, render, seed=7):
    "The engine's own strokes of `data`'s actions with every field moved by +-`step` (random signs, clipped to [0, 1]): how much the brush's pixels move when its action barely does."
    a = np.asarray(data.actions)
    signs = np.random.default_rng(seed).choice([-1., 1.], a.shape)
    return stand_in(data, render(np.clip(a + step * signs, 0, 1).astype(np.float32)))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--painter', default=None); ap.add_argument('--n', type=int, default=5000)
    ap.add_argument('--seed', type=int, default=2026); ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    import torch
    from neural_painter_x.data import StrokeData
    from neural_painter_x.engine import render_strokes
    from neural_painter_x.generator import fidelity
    from neural_painter_x.painting import load_painter, painter_card, DEFAULT_PAINTER
    torch.set_num_threads(2)
    gen, info = load_painter(a.painter)
    brush = info.get('brush', 'classic/dry_brush')
    acts = np.random.default_rng(a.seed).random((a.n, 12)).astype(np.float32)
    t = time.perf_counter()
    data = StrokeData(acts, render_strokes(acts, brush=brush, prelude=info.get('prelude', True), margin=info['margin']))   # strokes of the painter's margin
    t_render = time.perf_counter() - t
    edge = acts.copy(); rng = np.random.default_rng(a.seed + 1)
    m = rng.random(edge.shape) < .3                                  # about a third of the fields at a bound, as in paintings
    edge[m] = rng.choice([0., 1.], m.sum())
    edge_data = StrokeData(edge, render_strokes(edge, brush=brush, prelude=info.get('prelude', True), margin=info['margin']))
    rows = ["| strokes | count | L1 | MSE | SSIM | Fréchet distance | ink recall / precision | blank canvas L1 / MSE / SSIM / FD |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    blank = {}   # a blank canvas's scores, once per data set
    def row(name, d, g=None):
        with torch.no_grad():
            f = fidelity(g or gen, d)
            if id(d) not in blank: blank[id(d)] = (d, fidelity(None, d))   # d kept alive, so its id is not reused by another data set
            b = blank[id(d)][1]
        rows.append(f"| {name} | {len(d)} | {f['l1']:.4f} | {f['mse']:.4f} | {f['ssim']:.3f} | {f['fd']:.1f} | {f['ink_recall']:.3f} / {f['ink_precision']:.3f} | "
                    f"{b['l1']:.4f} / {b['mse']:.4f} / {b['ssim']:.3f} / {b['fd']:.1f} |")
        print(rows[-1], flush=True)
    t = time.perf_counter()
    row(f'fresh, seed {a.seed}', data)
    for lo, hi, what in ((0, 1 / 3, 'small (size < 1/3)'), (1 / 3, 2 / 3, 'middle'), (2 / 3, 1.01, 'large (size > 2/3)')):
        k = (acts[:, 1] >= lo) & (acts[:, 1] < hi)
        row(f'fresh, {what}', StrokeData(acts[k], data.strokes[k]))
    row('fields at the bounds (30% of fields set to 0 or 1)', edge_data)
    # a scale for the numbers: the engine's own strokes blurred by a Gaussian of sigma pixels, i.e. a painter right up to that blur
    for sig in BLURS: row(f'(scale) the engine\'s own strokes blurred, sigma {sig:g} px', data, blurred(data, sig))
    # and the engine's own strokes of nudged actions: the brush's dabs move when the action moves by a fraction of a pixel
    render = lambda x: render_strokes(x, brush=brush, prelude=info.get('prelude', True), margin=info['margin'])
    for step in NUDGES: row(f"(scale) the engine's own strokes of the actions nudged by {step:g} ({step * 64:.2g} px of the square)", data, nudged(data, step, render))
    t_score = time.perf_counter() - t
    card = painter_card(a.painter or DEFAULT_PAINTER) if (a.painter or DEFAULT_PAINTER) == info['name'] else None
    cardline = ''
    if card:
        s = card['held_out']['shipped']
        cardline = (f"\n\nThe card's held-out numbers ({card['held_out']['strokes']} strokes of the validation split of its own data, seed "
                    f"{card['data']['seed']}): L1 {s['l1']:.4f}, MSE {s['mse']:.4f}, SSIM {s['ssim']:.3f}, FD {s['fd']:.1f}.")
    text = (f"Machine: {platform.machine()}, 2 cores, torch {torch.__version__}. Painter: {info['name']} (sha256 {info['sha256'][:12]}…), "
            f"brush {brush}. Rendering {a.n} strokes took {t_render:.1f} s, scoring {t_score:.1f} s. The test suite's bound "
            f"(tests/test_painter.py) is on 300 fresh strokes.\n\n" + '\n'.join(rows) + cardline)
    print(text)
    if a.write:
        from bench_md import write_section
        write_section('fidelity', "The shipped painter's held-out fidelity",
                      f"python benchmarks/painter_fidelity.py --n {a.n} --seed {a.seed} --write", text)

if __name__ == '__main__': main()
