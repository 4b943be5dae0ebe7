"""The painting canvas: strokes anywhere, composited in windows by layers, against the sequential full-canvas reference.

Run: python benchmarks/canvas_speed.py [--size 512] [--runs 5] [--threads 2] [--write]
One optimisation step's forward and backward pass (gradients reach the actions and the positions) on a 512 x 512 canvas
with 320 strokes of three sizes (20 of 128-px squares, 100 of 64, 200 of 32, at random places, in that order), drawn by
a painter of whole strokes (96-px images, nf 16, alpha head, batch norms folded as `paint` does), same actions:
- reference: one painter call per stroke, each stroke resampled onto the whole canvas and blended over it in sequence
  (`composite_reference` with one stroke at a time);
- neural_painter_x: one batched painter call, strokes resampled into their windows, windows that do not overlap laid
  down together (`stroke_windows` + `composite_windows`).
Both run in the same process, alternating; the table gives the median of --runs runs, the bytes autograd keeps for the
backward pass, and checks that the canvases and the gradients agree."""
import argparse, platform, statistics, time
import torch
from bench_md import write_section
from neural_painter_x.generator import StrokeGenerator
from neural_painter_x.compositing import stroke_windows, composite_windows, composite_reference
from neural_painter_x.painters import stroke_alpha, fuse_batchnorm

def reference(gen, actions, pos, size, h, w):
    "One painter call per stroke, resampled onto the whole canvas, blended in order."
    canvas = torch.ones(3, h, w)
    for k in range(len(actions)):
        a = stroke_alpha(gen, actions[k:k + 1])
        canvas = composite_reference(a, actions[k:k + 1, 6:9], pos[k:k + 1], size[k:k + 1], h, w, gen.margin, canvas)
    return canvas

def windows(gen, actions, pos, size, h, w):
    return composite_windows(stroke_windows(stroke_alpha(gen, actions), pos, size, gen.margin), actions[:, 6:9], h, w)

class Drawn:
    "Compositing alone: the painter's strokes drawn once, outside the timing; `actions` only bring the colours."
    def __init__(self, gen, actions): self.alpha, self.margin = stroke_alpha(gen, actions).detach(), gen.margin
def reference_only(d, actions, pos, size, h, w):
    return composite_reference(d.alpha, actions[:, 6:9], pos, size, h, w, d.margin)
def windows_only(d, actions, pos, size, h, w):
    return composite_windows(stroke_windows(d.alpha, pos, size, d.margin), actions[:, 6:9], h, w)

def step(f, gen, actions, pos, size, h, w):
    a, p = actions.clone().requires_grad_(True), pos.clone().requires_grad_(True)
    saved = [0]
    def pack(t): saved[0] += t.numel() * t.element_size(); return t
    t = time.perf_counter()
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t): canvas = f(gen, a, p, size, h, w)
    (canvas * torch.linspace(0, 1, canvas.numel()).view_as(canvas)).sum().backward()
    return time.perf_counter() - t, canvas.detach(), a.grad, p.grad, saved[0]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--size', type=int, default=512); ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(0)
    gen = fuse_batchnorm(StrokeGenerator(size=96))   # as `paint` uses it: frozen, batch norms folded
    k = a.size / 512
    size = torch.tensor([128. * k] * 20 + [64. * k] * 100 + [32. * k] * 200)
    n, h = len(size), a.size
    actions, pos = torch.rand(n, 12), torch.rand(n, 2) * a.size
    times, mem = {k: [] for k in ('reference', 'windows', 'reference_only', 'windows_only')}, {}
    drawn = Drawn(gen, actions)
    for _ in range(a.runs):
        tr, cr, ar, pr, mem['reference'] = step(reference, gen, actions, pos, size, h, h)
        tw, cw, aw, pw, mem['windows'] = step(windows, gen, actions, pos, size, h, h)
        t1, *_, mem['reference_only'] = step(reference_only, drawn, actions, pos, size, h, h)
        t2, *_, mem['windows_only'] = step(windows_only, drawn, actions, pos, size, h, h)
        for name, t in zip(times, (tr, tw, t1, t2)): times[name].append(t)
    dc = (cr - cw).abs().max().item()
    dg = max(((x - y).abs().max() / x.abs().max()).item() for x, y in ((ar, aw), (pr, pw)))
    med = {k: statistics.median(v) for k, v in times.items()}
    from bench_md import cpu_model
    cpu = cpu_model()
    rows = ["| canvas | forward + backward, s (median) | all runs | autograd keeps |", "|---|---:|---|---:|"]
    rows += [f"| reference: {n} painter calls, strokes resampled onto the whole canvas, blended in sequence | {med['reference']:.3f} | "
             + ', '.join(f'{t:.3f}' for t in times['reference']) + f" | {mem['reference'] / 2**20:.0f} MiB |",
             f"| `composite_windows`: one painter call, strokes in windows, layers of windows at once | {med['windows']:.3f} | "
             + ', '.join(f'{t:.3f}' for t in times['windows']) + f" | {mem['windows'] / 2**20:.0f} MiB |",
             f"| compositing alone (the painter's strokes drawn beforehand): reference | {med['reference_only']:.3f} | "
             + ', '.join(f'{t:.3f}' for t in times['reference_only']) + f" | {mem['reference_only'] / 2**20:.0f} MiB |",
             f"| compositing alone: `stroke_windows` + `composite_windows` | {med['windows_only']:.3f} | "
             + ', '.join(f'{t:.3f}' for t in times['windows_only']) + f" | {mem['windows_only'] / 2**20:.0f} MiB |"]
    text = (f"Machine: {cpu}, {platform.machine()}, {torch.get_num_threads()} torch threads, torch {torch.__version__}. Canvas {h} x {h}, "
            f"{n} strokes (20 of {128 * k:g}-px squares, 100 of {64 * k:g}, 200 of {32 * k:g}, at random places), painter of whole strokes "
            f"(96 px, nf 16, alpha head), {a.runs} runs, side by side in one process.\n\n" + '\n'.join(rows)
            + f"\n\nSpeed-up of the compositing: **{med['reference_only'] / med['windows_only']:.1f}x** (target: at least 10x); of the "
            f"whole step, painter included: {med['reference'] / med['windows']:.1f}x (the painter's forward and backward pass is most of "
            f"the windowed step). Largest difference between the two "
            f"canvases: {dc:.1e}; between the gradients on the actions and positions, relative to the largest: {dg:.1e}.")
    print(text)
    if a.write: write_section('canvas', 'Painting canvas: strokes in windows against the sequential full-canvas reference',
                              f'python benchmarks/canvas_speed.py --threads {a.threads} --write', text)

if __name__ == '__main__': main()
