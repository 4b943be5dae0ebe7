"""The paper's VAE painter against the shipped painter: held-out stroke fidelity by stroke size, a picture, and a painting.

Run: python benchmarks/vae_painter.py --vae-dir data/vae [--n 2000] [--seed 2026] [--write]
--vae-dir holds vae.pth and vae_painter.pth from `neural-painter-x train vae --data DATA --out DIR`. Renders --n fresh
engine strokes (a seed no training run used) with the painters' margin, and scores on them: the shipped painter, the VAE
painter, and the VAE itself reconstructing the real strokes (what its decoder can draw at best), plus a blank canvas. Then
paints scikit-image's astronaut (256 strokes on 256 px, `paint`'s defaults) with each painter. Pictures go to
benchmarks/vae_strokes.png (real / VAE reconstruction / VAE painter / shipped painter) and benchmarks/vae_paintings.png."""
import argparse, math, platform, time
from pathlib import Path
import numpy as np

HERE = Path(__file__).resolve().parent

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--vae-dir', default='data/vae'); ap.add_argument('--n', type=int, default=2000)
    ap.add_argument('--seed', type=int, default=2026); ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    import torch, torch.nn as nn, torch.nn.functional as F
    from PIL import Image
    from skimage import data as skdata
    from neural_painter_x.core import stroke_grid
    from neural_painter_x.data import StrokeData
    from neural_painter_x.engine import render_strokes
    from neural_painter_x.generator import fidelity_by_size
    from neural_painter_x.vae import load_vae
    from neural_painter_x.painting import load_painter, paint
    from neural_painter_x.perceptual import ssim
    from bench_md import cpu_model
    torch.set_num_threads(2)
    d = Path(a.vae_dir)
    shipped, sinfo = load_painter(None)
    vp, vinfo = load_painter(d/'vae_painter.pth')
    vae = load_vae(d/'vae.pth')
    class Recon(nn.Module):   # the VAE reconstructing each real stroke: a stand-in painter with the strokes at hand
        size = vae.size
        def __init__(self, data): super().__init__(); self.rows = {r.tobytes(): i for i, r in enumerate(data.actions)}; self.data = data
        def forward(self, acts):
            s = torch.from_numpy(np.asarray(self.data.strokes[[self.rows[r.tobytes()] for r in acts.numpy()]])).permute(0, 3, 1, 2).float() / 255
            return vae(s)[0]
    acts = np.random.default_rng(a.seed).random((a.n, 12)).astype(np.float32)
    data = StrokeData(acts, render_strokes(acts, brush=sinfo.get('brush', 'classic/dry_brush'), margin=sinfo['margin']))
    rows = ["| strokes | painter | L1 | MSE | SSIM | Fréchet distance | ink recall / precision |", "|---|---|---:|---:|---:|---:|---:|"]
    scores = {}
    with torch.no_grad():
        for name, g in (('shipped `dry_brush`', shipped), ('VAE painter', vp), ('the VAE reconstructing the real strokes', Recon(data)), ('blank canvas', None)):
            t = time.perf_counter()
            scores[name] = fidelity_by_size(g, data)
            print(name, f"{time.perf_counter() - t:.0f} s", flush=True)
    for group in ('all', 'small', 'middle', 'large'):
        for name, s in scores.items():
            f = s[group]
            rows.append(f"| {group} | {name} | {f['l1']:.4f} | {f['mse']:.4f} | {f['ssim']:.3f} | {f['fd']:.1f} | {f['ink_recall']:.3f} / {f['ink_precision']:.3f} |")
    # the picture: real, VAE reconstruction, VAE painter, shipped painter
    k = np.random.default_rng(0).choice(a.n, 10, replace=False)
    a10 = torch.from_numpy(acts[k]); real = torch.from_numpy(np.asarray(data.strokes[k])).permute(0, 3, 1, 2).float() / 255
    with torch.no_grad(): ims = [real, vae(real)[0], vp(a10), shipped(a10)]
    grid = np.concatenate([stroke_grid((x.permute(0, 2, 3, 1) * 255).round().byte().numpy(), 10) for x in ims])
    Image.fromarray(grid).resize((grid.shape[1] // 2, grid.shape[0] // 2), Image.LANCZOS).save(HERE/'vae_strokes.png')
    # a painting with each
    prow = ["| painter | seconds | PSNR, dB | SSIM |", "|---|---:|---:|---:|"]
    pics = []
    for name, painter in (('shipped `dry_brush`', None), ('VAE painter', str(d/'vae_painter.pth'))):
        t = time.perf_counter()
        p = paint(skdata.astronaut(), strokes=256, size=256, painter=painter, progress=False)
        secs = time.perf_counter() - t
        c = torch.from_numpy(p.image).permute(2, 0, 1).float() / 255
        prow.append(f"| {name} | {secs:.0f} | {-10 * math.log10(F.mse_loss(c, p.photo).item()):.2f} | {ssim(c[None], p.photo[None]).item():.3f} |")
        pics.append(p.image); print(prow[-1], flush=True)
    gap = np.full((256, 8, 3), 255, np.uint8)
    Image.fromarray(np.concatenate([pics[0], gap, pics[1]], 1)).save(HERE/'vae_paintings.png')
    cfg = vinfo.get('config') or {}
    text = (f"Machine: {platform.machine()} ({cpu_model()}), 2 cores, torch {torch.__version__}, 2 threads. VAE painter: {d/'vae_painter.pth'} "
            f"(latent {cfg.get('nz')}, width {cfg.get('nf')}); {a.n} fresh engine strokes (seed {a.seed}, {sinfo['margin']}-px margin); groups by the "
            f"`size` field in thirds.\n\n" + '\n'.join(rows) + "\n\nRows of the picture: real strokes, the VAE's reconstruction, the VAE painter's, "
            "the shipped painter's:\n\n![real, VAE reconstruction, VAE painter, shipped painter](benchmarks/vae_strokes.png)\n\n"
            "The astronaut, 256 strokes on 256 px (`paint`'s defaults, one run each):\n\n" + '\n'.join(prow) +
            "\n\n![shipped painter (left), VAE painter (right)](benchmarks/vae_paintings.png)")
    print(text)
    if a.write:
        from bench_md import write_section
        write_section('vae', "The VAE painter (the paper's section 2.2) against the shipped painter",
                      f"python benchmarks/vae_painter.py --vae-dir {a.vae_dir} --n {a.n} --seed {a.seed} --write", text)

if __name__ == '__main__': main()
