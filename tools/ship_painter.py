"""Ship a trained painter in the package: half-precision weights, a card with its data, training and held-out fidelity.

Run: python tools/ship_painter.py --run RUN --data DATA [--name dry_brush] [--checkpoint painter.pth] [--cpu-seconds S] [--note TEXT]
       [--stage 'stage 1=generator.pth' --stage 'GAN mode=gan_best.pth'] [--held 5000]
Each --stage LABEL=CHECKPOINT (in RUN) is scored too, overall and by stroke size, so the card says what each stage bought.
Held-out fidelity is measured on the validation split every stage used (seed 42, 5%), with the shipped (half-precision) weights
as loaded by `load_painter`, next to the full-precision checkpoint's. Writes neural_painter_x/painters/NAME.pth, NAME.json
(the card, with the file's SHA-256) and NAME.md (the card for people)."""
import argparse, json, platform
from pathlib import Path
import numpy as np, torch
from neural_painter_x.data import load_strokes, split_idxs
from neural_painter_x.generator import load_generator, fidelity, fidelity_by_size
from neural_painter_x.painters import save_painter, load_painter, PAINTERS_DIR
from neural_painter_x.training import load_checkpoint

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--run', required=True); ap.add_argument('--data', required=True)
    ap.add_argument('--name', default='dry_brush'); ap.add_argument('--checkpoint', default='painter.pth')
    ap.add_argument('--cpu-seconds', type=float, default=None); ap.add_argument('--note', default='')
    ap.add_argument('--stage', action='append', default=[], help='LABEL=CHECKPOINT in RUN, scored for the card (repeat)')
    ap.add_argument('--held', type=int, default=None, help='score at most this many of the held-out strokes (default all)')
    a = ap.parse_args()
    run, data_dir = Path(a.run), Path(a.data)
    ck = load_checkpoint(run/a.checkpoint)
    gen = load_generator(run/a.checkpoint)
    manifest = json.loads((data_dir/'strokes.json').read_text())
    data = load_strokes(data_dir, mmap=True)
    hi = split_idxs(len(data), 0.05, 42)[1]
    held = data[np.sort(hi[:a.held] if a.held else hi)]
    stages = {}
    for st in a.stage:
        label, _, name = st.partition('=')
        stages[label] = dict(checkpoint=name, **fidelity_by_size(load_generator(run/name), held))
    f32 = fidelity(gen, held)
    path = save_painter(gen, PAINTERS_DIR/f'{a.name}.pth')
    f16 = fidelity(load_painter(path)[0], held)
    logs = {s: (run/f'{s}.csv').read_text().strip().splitlines() for s in ('generator', 'critic', 'gan') if (run/f'{s}.csv').exists()}
    card = dict(name=a.name, brush=manifest.get('brush'), brush_sha256=manifest.get('brush_sha256'),
                data=dict(strokes=len(data), seed=manifest.get('seed'), prelude=manifest.get('prelude'), margin=manifest.get('margin', 0),
                          command=f"neural-painter-x strokes --n {len(data)} --seed {manifest.get('seed')} --brush {manifest.get('brush')} --margin {manifest.get('margin', 0)}"),
                checkpoint=a.checkpoint, stage=ck['config'].get('stage'), training=ck['config'],
                epochs={s: len(l) - 1 for s, l in logs.items()}, cpu_seconds=a.cpu_seconds,
                machine=f"{platform.machine()}, 2 cores, torch {torch.__version__}",
                held_out=dict(strokes=len(held), full_precision=f32, shipped=f16), stages=stages, note=a.note)
    save_painter(gen, path, card)
    md = [f"# Painter `{a.name}`", "", f"A neural painter of MyPaint's `{card['brush']}` brush, trained with this package's own pipeline.", "",
          f"- Data: {len(data):,} strokes rendered by libmypaint (`{card['data']['command']}`), {len(held):,} held out.",
          f"- Training: {', '.join(f'{s} {n} epoch(s)' for s, n in card['epochs'].items())}; shipped generator: {card['stage'] or a.checkpoint}.",
          f"- Generator: width {gen.config['nf']}, {gen.config['head']} head, {gen.size}-px strokes (margin {gen.margin}: "
          + ("whole strokes" if gen.margin else "cut at the 64-px square") + f"); weights in half precision ({path.stat().st_size / 1e6:.1f} MB).",
          f"- CPU time: {a.cpu_seconds:.0f} s on {card['machine']}." if a.cpu_seconds else f"- Machine: {card['machine']}.",
          "", "| held-out strokes | L1 | MSE | SSIM | Fréchet distance |", "|---|---:|---:|---:|---:|"]
    for k, f in (('full precision', f32), ('shipped (half precision)', f16)):
        md.append(f"| {k} | {f['l1']:.4f} | {f['mse']:.4f} | {f['ssim']:.3f} | {f['fd']:.1f} |")
    if stages:
        md += ['', '| stage (held-out strokes) | L1 | FD | ink recall | ink precision | small: ink recall | large: L1 |', '|---|---:|---:|---:|---:|---:|---:|']
        for label, f in stages.items():
            md.append(f"| {label} (`{f['checkpoint']}`) | {f['all']['l1']:.4f} | {f['all']['fd']:.1f} | {f['all']['ink_recall']:.3f} | "
                      f"{f['all']['ink_precision']:.3f} | {f['small']['ink_recall']:.3f} | {f['large']['l1']:.4f} |")
    if a.note: md += ['', a.note]
    md += ['', f"SHA-256 of `{path.name}`: `{json.loads(path.with_suffix('.json').read_text())['sha256']}` (checked when the painter loads)."]
    path.with_suffix('.md').write_text('\n'.join(md) + '\n')
    print('\n'.join(md))

if __name__ == '__main__': main()
