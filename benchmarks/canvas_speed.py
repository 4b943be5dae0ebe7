"""The painting canvas: batched, tile-parallel compositing against the reference stitched canvas.

Run: python benchmarks/canvas_speed.py [--tiles 8] [--per-tile 5] [--runs 5] [--threads 2] [--write]
One optimisation step's forward and backward pass (gradients reach the actions) on an 8x8-tile canvas with 5 strokes per
tile (one 64-px grid), same generator (the default width, alpha head, batch norms folded as `paint` does), same actions:
- reference: one generator call per stroke, each stroke padded to the whole canvas and blended over it in sequence;
- neural_painter_x: one batched generator call, every tile's strokes reduced at once (`composite`).
Both run in the same process, alternating; the table gives the median of --runs runs and checks that the canvases and the
gradients agree."""
import argparse, platform, statistics, time
import torch, torch.nn.functional as F
from bench_md import write_section
from neural_painter_x.generator import StrokeGenerator
from neural_painter_x.canvas import Layout
from neural_painter_x.painting import composite, stroke_alpha, fuse_batchnorm

def reference(gen, layout, actions):
    "One generator call per stroke, padded to the canvas, blended in order."
    canvas = torch.ones(3, layout.hp, layout.wp)
    for k, (y, x, t) in enumerate(layout.tiles.tolist()):
        a = stroke_alpha(gen, actions[k:k + 1])[0]
        a = F.pad(a, (x, layout.wp - x - t, y, layout.hp - y - t))
        canvas = a * actions[k, 6:9, None, None] + (1 - a) * canvas
    return canvas[:, :layout.h, :layout.w]

def batched(gen, layout, actions): return composite(layout, stroke_alpha(gen, actions), actions[:, 6:9])

def step(f, gen, layout, actions):
    a = actions.clone().requires_grad_(True)
    t = time.perf_counter()
    canvas = f(gen, layout, a)
    (canvas * torch.linspace(0, 1, canvas.numel()).view_as(canvas)).sum().backward()
    return time.perf_counter() - t, canvas.detach(), a.grad

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--tiles', type=int, default=8); ap.add_argument('--per-tile', type=int, default=5)
    ap.add_argument('--runs', type=int, default=5); ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    gen = fuse_batchnorm(StrokeGenerator())   # as `paint` uses it: frozen, batch norms folded
    size = 64 * a.tiles
    layout = Layout(size, size, a.tiles ** 2 * a.per_tile, grids=((64, 0),))
    actions = torch.rand(layout.n, 12)
    times = {'reference': [], 'batched': []}
    for _ in range(a.runs):
        tr, cr, gr = step(reference, gen, layout, actions)
        tb, cb, gb = step(batched, gen, layout, actions)
        times['reference'].append(tr); times['batched'].append(tb)
    dc, dg = (cr - cb).abs().max().item(), ((gr - gb).abs().max() / gr.abs().max()).item()
    med = {k: statistics.median(v) for k, v in times.items()}
    rows = ["| canvas | forward + backward, s (median) | all runs |", "|---|---:|---|"]
    rows += [f"| reference: {layout.n} generator calls, strokes padded to the canvas, blended in sequence | {med['reference']:.3f} | "
             + ', '.join(f'{t:.3f}' for t in times['reference']) + ' |',
             f"| `composite`: one generator call, tiles reduced in parallel | {med['batched']:.3f} | " + ', '.join(f'{t:.3f}' for t in times['batched']) + ' |']
    text = (f"Machine: {platform.machine()}, {torch.get_num_threads()} torch threads, torch {torch.__version__}. Canvas {size} x {size}, "
            f"{a.tiles} x {a.tiles} tiles x {a.per_tile} strokes, generator of the default width (nf 16, alpha head), {a.runs} runs.\n\n"
            + '\n'.join(rows) + f"\n\nSpeed-up: **{med['reference'] / med['batched']:.1f}x** (target: at least 10x). Largest difference between "
            f"the two canvases: {dc:.1e}; between the gradients on the actions, relative to the largest gradient: {dg:.1e}.")
    print(text)
    if a.write: write_section('canvas', 'Painting canvas: batched against the reference stitched canvas',
                              f'python benchmarks/canvas_speed.py --threads {a.threads} --write', text)

if __name__ == '__main__': main()
