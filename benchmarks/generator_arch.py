"""Generator architectures compared by held-out fidelity for the same training time, and by the paintings they make.

Run: python benchmarks/generator_arch.py [--data data/s96] [--minutes 8] [--configs transpose,transpose+path,resize,shuffle]
     [--resume] [--write]
     python benchmarks/generator_arch.py --configs transpose,early*0.1,early*0.1+gram*0.1 --section losses --resume --write
     python benchmarks/generator_arch.py --data data/s96_100k --configs transpose+path,blur+path --section last --resume --write
The third compares output layers; data/s96_100k holds the first ten shards of data/s96 (links, and its strokes.json with n 100000),
so the runs see the same 100,000 strokes as the others when data/s96 was extended to 300,000.
The second compares stage-1 losses on the default generator (`transpose` is the pixel loss): the feature loss on
EfficientNet-Lite0's first activations, each channel normalised, with and without Gram (texture) terms.
Each configuration of `StrokeGenerator` (upsampling by transposed convolutions, as fastai's `basic_generator`; by nearest
resize then a 3x3 convolution; by fastai's `PixelShuffle_ICNR`; each optionally given the action's path as planes) is
trained with stage 1's defaults (pixel loss, one-cycle lr 1e-2, bs 64) for about --minutes of wall time on 2 threads: a few
timed batches give its samples/s, from which epochs x strokes per epoch are chosen. Then it is scored on 2,000 fresh engine
strokes (seed 2026, never trained on): L1, MSE, SSIM, Fréchet distance, ink recall / precision (darkening > 0.2) overall
and by stroke size; its painting step is timed (forward and backward through the generator for 256 strokes, batch norms
folded, as `paint` runs it); and it paints three photos (scikit-image's astronaut, chelsea, coffee: 256 strokes on 256 px, the defaults
otherwise), scored by SSIM and PSNR against the photo (medians in the table). Results are cached in data/generator_arch.json (--resume reuses them); checkpoints go to
data/arch/<config>/ and a picture of real strokes above each configuration's to benchmarks/generator_<section>.png."""
import argparse, json, math, platform, sys, time
from pathlib import Path
import numpy as np, torch

CONFIGS = {'transpose': dict(up='transpose'), 'transpose+path': dict(up='transpose', path=True),
           'resize_last+path': dict(up='resize_last', path=True), 'blur+path': dict(up='blur', path=True),
           'resize': dict(up='resize'), 'resize+path': dict(up='resize', path=True), 'shuffle': dict(up='shuffle'),
           # stage-1 losses on the default generator (`generator_loss`): early activations, per channel, with and without Gram terms
           'early*0.1': dict(loss='early', feat_wt=.1), 'early*0.1+gram*0.1': dict(loss='early', feat_wt=.1, gram_wt=.1),
           'early*1+gram*1': dict(loss='early', feat_wt=1., gram_wt=1.)}
LOSS_KEYS = ('loss', 'pixel_wt', 'feat_wt', 'gram_wt')
CACHE = Path('data/generator_arch.json')

def throughput(gen, data, bs=64, batches=6, **loss):
    "Training samples/s of `gen` with the stage-1 loss (`generator_loss(**loss)`, the pixel loss by default), on real batches."
    from neural_painter_x.generator import generator_loss
    lf, opt = generator_loss(**loss), torch.optim.Adam(gen.parameters(), 1e-3)
    a = torch.from_numpy(data.actions[:bs]); y = torch.from_numpy(data.strokes[:bs]).permute(0, 3, 1, 2).float() / 255
    def step(): opt.zero_grad(); lf(gen(a), y).backward(); opt.step()
    for _ in range(2): step()
    t = time.perf_counter()
    for _ in range(batches): step()
    return batches * bs / (time.perf_counter() - t)

def paint_step_ms(gen, n=256, runs=5):
    "Median ms of forward + backward through the painter's coverage for `n` strokes (batch norms folded, as `paint` does)."
    from neural_painter_x.painters import fuse_batchnorm, stroke_alpha
    g = fuse_batchnorm(gen); a = torch.rand(n, 12, generator=torch.Generator().manual_seed(0)).requires_grad_(True)
    ts = []
    for i in range(runs + 1):
        t = time.perf_counter(); stroke_alpha(g, a).sum().backward(); ts.append(time.perf_counter() - t)
    return 1000 * float(np.median(ts[1:]))

PHOTOS = ('astronaut', 'chelsea', 'coffee')   # scikit-image's photos

def painting_scores(painter, out, strokes=256, size=256):
    "Seconds, PSNR and SSIM of paintings of `PHOTOS` with `painter` (a checkpoint or a painter's name; the defaults otherwise), each and their medians; pictures into `out`."
    import torch.nn.functional as F
    from skimage import data as skdata
    from neural_painter_x.painting import paint
    from neural_painter_x.perceptual import ssim
    each = {}
    for name in PHOTOS:
        t = time.perf_counter()
        p = paint(getattr(skdata, name)(), strokes=strokes, size=size, painter=str(painter), progress=False)
        secs = time.perf_counter() - t
        canvas = torch.from_numpy(p.image).permute(2, 0, 1).float() / 255
        each[name] = dict(seconds=secs, steps=p.steps, psnr=-10 * math.log10(F.mse_loss(canvas, p.photo).item()),
                          ssim=ssim(canvas[None], p.photo[None]).item())
        Path(out).mkdir(parents=True, exist_ok=True); p.side_by_side().save(Path(out)/f'{name}.png')
    return dict(each=each, **{k: float(np.median([e[k] for e in each.values()])) for k in ('seconds', 'psnr', 'ssim')})

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', default='data/s96', help='96-px training strokes (`neural-painter-x strokes --n 100000 --seed 5 --margin 16 --out data/s96`)')
    ap.add_argument('--minutes', type=float, default=8.); ap.add_argument('--configs', default='transpose,transpose+path,resize,shuffle')
    ap.add_argument('--held', type=int, default=2000); ap.add_argument('--resume', action='store_true'); ap.add_argument('--write', action='store_true')
    ap.add_argument('--reference', default='dry_brush', help='a shipped painter scored beside them (its own training budget)')
    ap.add_argument('--section', default='arch', help="BENCHMARKS.md section (and picture benchmarks/generator_<section>.png): 'arch', 'losses' for stage-1 losses, "
                    "'last' for the output layer (--configs transpose+path,blur+path)")
    ap.add_argument('--rescore', default='', help='comma-separated configs whose paint-step time and paintings are measured again (on a quiet machine)')
    a = ap.parse_args()
    torch.set_num_threads(2)
    from neural_painter_x.data import load_strokes, StrokeData
    from neural_painter_x.engine import render_strokes
    from neural_painter_x.generator import StrokeGenerator, pretrain_generator, fidelity_by_size, load_generator
    from neural_painter_x.core import stroke_grid
    cache = json.loads(CACHE.read_text()) if a.resume and CACHE.exists() else {}
    data = load_strokes(a.data)
    acts = np.random.default_rng(2026).random((a.held, 12)).astype(np.float32)
    held = StrokeData(acts, render_strokes(acts, margin=data.margin))
    grids = [held.strokes[:12]]
    for name in a.configs.split(','):
        cfg, out = CONFIGS[name], Path('data/arch')/name
        if name not in cache:
            torch.manual_seed(0)
            sps = throughput(StrokeGenerator(size=96, **{k: v for k, v in cfg.items() if k not in LOSS_KEYS}), data,
                             **{k: v for k, v in cfg.items() if k in LOSS_KEYS})
            n_train = int(len(data) * .95)
            epochs = max(1, math.ceil(a.minutes * 60 * sps / n_train))
            limit = min(len(data), int(a.minutes * 60 * sps / epochs / .95))
            print(f"{name}: {sps:.0f} samples/s; {epochs} epoch(s) x {limit:,} strokes", flush=True)
            t, c = time.perf_counter(), time.process_time()
            pretrain_generator(data, out, epochs=epochs, limit=limit, progress=False, resume=True, **cfg)
            secs, cpu = time.perf_counter() - t, time.process_time() - c
            gen = load_generator(out/'generator.pth')
            fid = fidelity_by_size(gen, held)
            cache[name] = dict(cfg=cfg, sps=sps, epochs=epochs, limit=limit, seconds=secs, cpu=cpu, fidelity=fid,
                               params=sum(p.numel() for p in gen.parameters()), step_ms=paint_step_ms(gen),
                               painting=painting_scores(out/'generator.pth', out))
            CACHE.parent.mkdir(exist_ok=True); CACHE.write_text(json.dumps(cache, indent=1))
            print(name, json.dumps(cache[name]), flush=True)
        gen = load_generator(out/'generator.pth')
        if name in a.rescore.split(','):
            cache[name].update(step_ms=paint_step_ms(gen), painting=painting_scores(out/'generator.pth', out))
            CACHE.write_text(json.dumps(cache, indent=1)); print(name, 'rescored', cache[name]['step_ms'], cache[name]['painting'], flush=True)
        with torch.no_grad(): grids.append((gen(torch.from_numpy(held.actions[:12])).clamp(0, 1) * 255).round().byte().permute(0, 2, 3, 1).numpy())
    if a.reference and (a.reference not in cache or a.reference in a.rescore.split(',')):
        from neural_painter_x.painters import load_painter, painter_card
        gen, info = load_painter(a.reference)
        card = painter_card(a.reference)
        cache[a.reference] = dict(cfg={}, sps=float('nan'), epochs=card['epochs']['generator'], limit=int(card['data']['strokes'] * .95),
                                  seconds=card['cpu_seconds'], cpu=card['cpu_seconds'], fidelity=fidelity_by_size(gen, held),
                                  params=sum(p.numel() for p in gen.parameters()), step_ms=paint_step_ms(gen),
                                  painting=painting_scores(a.reference, Path('data/arch')/a.reference))
        CACHE.write_text(json.dumps(cache, indent=1))
    from PIL import Image
    picture = f'benchmarks/generator_{a.section}.png'
    Image.fromarray(stroke_grid(np.concatenate(grids), ncols=12)).save(picture)
    rows = ["| generator | params | train samples/s | epochs x strokes | wall s (CPU s) | L1 | FD | ink recall / precision | small: L1, recall | large: L1, recall | paint step ms (256 strokes) | paintings: median SSIM / PSNR (s) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in a.configs.split(',') + ([a.reference] if a.reference else []):
        r = cache[name]; f = r['fidelity']; s, l, p = f['small'], f['large'], r['painting']
        label = f"shipped `{name}` (its card's training)" if name == a.reference else name
        rows.append(f"| {label} | {r['params']:,} | {r['sps']:.0f} | {r['epochs']} x {r['limit']:,} | {r['seconds']:.0f} ({r['cpu']:.0f}) | "
                    f"{f['all']['l1']:.4f} | {f['all']['fd']:.1f} | {f['all']['ink_recall']:.3f} / {f['all']['ink_precision']:.3f} | "
                    f"{s['l1']:.4f}, {s['ink_recall']:.3f} | {l['l1']:.4f}, {l['ink_recall']:.3f} | {r['step_ms']:.0f} | "
                    f"{p['ssim']:.3f} / {p['psnr']:.2f} ({p['seconds']:.0f}) |")
    text = (f"Machine: {platform.machine()}, 2 cores, torch {torch.__version__}, 2 threads. Training: {len(data):,} strokes of "
            f"{a.data} (5% held out by the stage), about {a.minutes:g} min each; scored on {a.held:,} fresh engine strokes (seed 2026).\n\n"
            + '\n'.join(rows) + f"\n\n![real strokes (top) and each generator's, in the table's order]({picture})")
    print(text)
    if a.write:
        from bench_md import write_section
        title = dict(arch='Generator architectures for the same training time', losses='Stage-1 losses for the same training time',
                     last='The output layer: transposed convolution, then a fixed blur or not (path planes)')[a.section]
        write_section(a.section, title,
                      ' '.join(['python benchmarks/generator_arch.py', *sys.argv[1:]]), text)

if __name__ == '__main__': main()
