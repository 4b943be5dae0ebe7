"""GAN mode from the shipped stage-1 painter: does a small, warmed-up adversarial term with a patch critic make strokes more like the brush's?

Run: python benchmarks/gan_mode.py [--data data/s96] [--generator dry_brush] [--critic-strokes 20000] [--strokes 10000] [--epochs 5]
     [--configs adv0.003,adv0.01,adv0.03] [--resume] [--write]
Stage 2 trains a critic (by default `FeatureCritic`: a spectrally normalised head on EfficientNet-Lite0's frozen early layers, its
patches' verdicts averaged where there is ink; `--critic patch` for `PatchCritic` from scratch, which stayed at chance here) on
--critic-strokes strokes of --data against the frozen stage-1 generator (a shipped painter's name or a stage-1 checkpoint). Then each configuration runs GAN mode from the same
generator and critic for --epochs epochs of --strokes strokes (fastai `GANLearner`: the generator's constant lr 1e-4, the critic's
--crit-lr times it; the adversarial weight warmed up from 0 over the first epoch; R1 on real strokes; one critic batch, then one
generator batch), keeping the epoch with the lowest held-out Fréchet distance (`KeepBest`, on the 5% validation split of its strokes).
Every generator is scored on 2,000 fresh engine strokes (seed 2026, never trained on): L1, MSE, SSIM, Fréchet distance, ink recall /
precision overall and by stroke size. Results are cached in <--out>.json (--resume reuses them); checkpoints go to --out
(data/gan_mode); a picture of real strokes above stage 1's and each configuration's goes to --picture (benchmarks/gan_mode.png)."""
import argparse, json, platform, sys, time
from pathlib import Path
import numpy as np, torch

CONFIGS = {f'adv{w:g}': dict(adv_wt=w) for w in (0.001, 0.003, 0.01, 0.03, 0.1)}

def row(label, f, extra=''):
    s, l, a = f['small'], f['large'], f['all']
    return (f"| {label} | {a['l1']:.4f} | {a['mse']:.4f} | {a['fd']:.1f} | {a['ink_recall']:.3f} / {a['ink_precision']:.3f} | "
            f"{s['l1']:.4f}, {s['ink_recall']:.3f} | {l['l1']:.4f}, {l['ink_recall']:.3f} |{extra}")

@torch.no_grad()
def drawn(gen, acts):
    "The generator's strokes for `acts` as (N, H, W, 3) uint8, for `stroke_grid`."
    return (gen.eval()(torch.from_numpy(acts)) * 255).round().byte().permute(0, 2, 3, 1).numpy()

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', default='data/s96', help='96-px strokes (`neural-painter-x strokes --n 100000 --seed 5 --margin 16 --out data/s96`)')
    ap.add_argument('--generator', default='dry_brush', help="stage 1: a shipped painter's name or a generator checkpoint")
    ap.add_argument('--critic-strokes', type=int, default=20000); ap.add_argument('--critic-epochs', type=int, default=1)
    ap.add_argument('--critic-nf', type=int, default=32)
    ap.add_argument('--critic', default='features', choices=['features', 'patch'],
                    help="stage 2's critic: 'features' (a head on EfficientNet-Lite0's early layers, `FeatureCritic`) or 'patch' (`PatchCritic`, from scratch)")
    ap.add_argument('--critic-lr', type=float, default=1e-3)
    ap.add_argument('--strokes', type=int, default=10000, help='strokes per GAN-mode epoch (5% of them held out for KeepBest)')
    ap.add_argument('--epochs', type=int, default=5); ap.add_argument('--crit-lr', type=float, default=4.)
    ap.add_argument('--r1', type=float, default=1.); ap.add_argument('--configs', default='adv0.003,adv0.01,adv0.03')
    ap.add_argument('--out', default='data/gan_mode', help='folder for the checkpoints; results are cached in <out>.json')
    ap.add_argument('--picture', default='benchmarks/gan_mode.png')
    ap.add_argument('--zoom', default='', help='also a picture of the first four strokes of each row at 2x (nearest), where a grid or speckle shows')
    ap.add_argument('--held', type=int, default=2000); ap.add_argument('--resume', action='store_true'); ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    torch.set_num_threads(2)
    OUT = Path(a.out); CACHE = OUT.with_suffix('.json')
    from neural_painter_x.data import load_strokes, StrokeData
    from neural_painter_x.engine import render_strokes
    from neural_painter_x.generator import fidelity_by_size, load_generator
    from neural_painter_x.critic import pretrain_critic, FEATURE_CRITIC_LAYER
    from neural_painter_x.gan import train_gan
    from neural_painter_x.painters import PAINTERS_DIR
    from neural_painter_x.training import save_checkpoint
    from neural_painter_x.core import stroke_grid
    cache = json.loads(CACHE.read_text()) if a.resume and CACHE.exists() else {}
    data = load_strokes(a.data, mmap=True)
    acts = np.random.default_rng(2026).random((a.held, 12)).astype(np.float32)
    held = StrokeData(acts, render_strokes(acts, margin=data.margin))
    OUT.mkdir(parents=True, exist_ok=True)
    g1 = OUT/'generator.pth'
    if not g1.exists():   # stage 1 as a checkpoint GAN mode starts from (a painter file's weights, in full precision)
        gen = load_generator(a.generator if Path(a.generator).exists() else PAINTERS_DIR/f'{a.generator}.pth')
        save_checkpoint(g1, config=dict(gen.config, stage='generator', loss='pixel', source=a.generator), model=gen.float().state_dict())
    if 'stage 1' not in cache:
        cache['stage 1'] = dict(fidelity=fidelity_by_size(load_generator(g1), held), source=a.generator)
    if 'critic' not in cache:
        t, c = time.perf_counter(), time.process_time()
        kind = dict(features=FEATURE_CRITIC_LAYER) if a.critic == 'features' else dict(patch=True)
        learn = pretrain_critic(data, OUT, g1, epochs=a.critic_epochs, lr=a.critic_lr, limit=a.critic_strokes, nf=a.critic_nf, progress=False, **kind)
        cache['critic'] = dict(seconds=time.perf_counter() - t, cpu=time.process_time() - c, strokes=a.critic_strokes, epochs=a.critic_epochs,
                               nf=a.critic_nf, kind=a.critic, lr=a.critic_lr, accuracy=float(learn.recorder.values[-1][-1]))
        print('critic', cache['critic'], flush=True)
    CACHE.write_text(json.dumps(cache, indent=1))
    grids = [held.strokes[:12], drawn(load_generator(g1), held.actions[:12])]
    names = a.configs.split(',')
    warmup = int(a.strokes * .95 / 64)   # the first epoch's batches
    for name in names:
        out = OUT/name
        if name not in cache:
            t, c = time.perf_counter(), time.process_time()
            train_gan(data, out, g1, OUT/'critic.pth', epochs=a.epochs, limit=a.strokes, crit_lr=a.crit_lr, critic_thresh=None,
                      warmup=warmup, r1=a.r1, keep_best=True, progress=False, **CONFIGS[name])
            secs, cpu = time.perf_counter() - t, time.process_time() - c
            best = torch.load(out/'gan_best.pth', weights_only=True)
            cache[name] = dict(cfg=CONFIGS[name], seconds=secs, cpu=cpu, best_epoch=best['epoch'], valid_fd=best['metrics'].get('fd'),
                               fidelity=fidelity_by_size(load_generator(out/'gan_best.pth'), held))
            CACHE.write_text(json.dumps(cache, indent=1))
            print(name, json.dumps(cache[name]), flush=True)
        grids.append(drawn(load_generator(out/'gan_best.pth'), held.actions[:12]))
    from PIL import Image
    from bench_md import cpu_model
    Image.fromarray(stroke_grid(np.concatenate(grids), ncols=12)).save(a.picture)
    if a.zoom: Image.fromarray(stroke_grid(np.concatenate([g[:4].repeat(2, 1).repeat(2, 2) for g in grids]), ncols=4)).save(a.zoom)
    s1 = cache['stage 1']['fidelity']['all']
    rows = ["| generator | L1 | MSE | FD | ink recall / precision | small: L1, recall | large: L1, recall | best epoch | GAN CPU s | FD change | L1 change |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            row(f"stage 1 (`{a.generator}`)", cache['stage 1']['fidelity'], ' | | | |')]
    for name in names:
        r = cache[name]; f = r['fidelity']['all']
        rows.append(row(f"GAN mode, adv_wt {r['cfg']['adv_wt']:g}", r['fidelity'],
                        f" {r['best_epoch'] + 1} of {a.epochs} | {r['cpu']:.0f} | {f['fd'] / s1['fd'] - 1:+.0%} | {f['l1'] / s1['l1'] - 1:+.0%} |"))
    cr = cache['critic']
    critic = dict(features='a head (nf {nf}) on EfficientNet-Lite0 up to block 1 (`FeatureCritic`)', patch='a patch critic nf {nf} (`PatchCritic`)')[cr['kind']]
    text = (f"Machine: {platform.machine()} ({cpu_model()}), 2 cores, torch {torch.__version__}, 2 threads. Stage 2: {critic.format(nf=cr['nf'])}, "
            f"{cr['epochs']} epoch(s) on {cr['strokes']:,} strokes of {a.data} at lr {cr['lr']:g} ({cr['cpu']:.0f} CPU s, held-out accuracy {cr['accuracy']:.2f}). "
            f"GAN mode: {a.epochs} epochs x {a.strokes:,} strokes, generator lr 1e-4, critic lr x {a.crit_lr:g}, R1 {a.r1:g}, the adversarial "
            f"weight warmed up over the first epoch, the best epoch by validation FD kept. Scored on {a.held:,} fresh engine strokes (seed 2026). "
            f"Target (the issue): FD at least 25% lower than stage 1's, L1 at most 10% higher.\n\n" + '\n'.join(rows) +
            f"\n\n![real strokes (top), stage 1, then each GAN-mode generator in the table's order]({a.picture})")
    print(text)
    if a.write:
        from bench_md import write_section
        write_section('gan_mode', 'GAN mode from the shipped stage-1 painter', ' '.join(['python benchmarks/gan_mode.py', *sys.argv[1:]]), text)

if __name__ == '__main__': main()
