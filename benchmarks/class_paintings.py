"""Paintings of ImageNet classes: how often the judge (EfficientNet-Lite2, outside the ensemble) sees the class, and the time.

Run: python benchmarks/class_paintings.py [--setting large|paper] [--colors grey|random|mixed] [--restarts K] [--seed S]
     [--classes NAME ...] [--steps N] [--resume] [--grid PNG] [--write]
Paints each class with `visualize` (the ensemble EfficientNet-Lite0 + Lite1, robust views) in one of two settings: `large`
(200 strokes on 256 px, two starts in grey colours, the better kept) or `paper` (30 strokes on a 64-px canvas, the
paper's, one grey start), and asks the judge for its top-1 and top-5 classes on the finished painting (drawn by the engine
where its last steps saw the engine's strokes). With K starts, each start (seed S + r, colours by `visualize`'s rule) is
painted by `visualize(restarts=1)` and stored alone, and the kept one is chosen by `ClassObjective.score`, exactly as
`visualize(restarts=K)` chooses (nbs/10_visualization.ipynb tests that they agree); so runs with other K or colours reuse the
starts they share. Every start's verdict and score are kept in data/class_paintings/<setting>.json (git-ignored), its picture
beside it, so a cut-off run goes on with --resume."""
import argparse, json, platform, statistics, time
from pathlib import Path
import numpy as np

HERE = Path(__file__).resolve().parent
CLASSES = ['pineapple', 'starfish', 'violin', 'espresso', 'goldfish', 'flamingo', 'strawberry', 'lemon', 'daisy', 'volcano',
           'jellyfish', 'ladybug', 'zebra', 'monarch', 'broccoli', 'banana', 'pizza', 'peacock', 'balloon', 'candle']
SETTINGS = {'paper': dict(strokes=30, size=64, steps=300, colors='grey', restarts=1),
            'large': dict(strokes=200, size=256, steps=200, colors='grey', restarts=2)}

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--setting', choices=list(SETTINGS), default='large')
    ap.add_argument('--classes', nargs='+', default=CLASSES)
    ap.add_argument('--steps', type=int, default=None, help="optimiser steps (default: the setting's)")
    ap.add_argument('--colors', choices=['grey', 'random', 'mixed'], default=None, help="the starts' colours (visualize's colors; default: the setting's)")
    ap.add_argument('--restarts', type=int, default=None, help="starts a painting, the best by the ensemble's score kept (default: the setting's)")
    ap.add_argument('--seed', type=int, default=0, help="the first start's seed")
    ap.add_argument('--resume', action='store_true'); ap.add_argument('--write', action='store_true')
    ap.add_argument('--grid', default=None, help='also write a grid of the kept paintings (PNG)')
    a = ap.parse_args()
    import torch
    from PIL import Image
    from neural_painter_x.visualization import visualize, judge, imagenet_class, class_name, ClassObjective, start_colors
    torch.set_num_threads(2)
    s = SETTINGS[a.setting]
    kw = dict(strokes=s['strokes'], size=s['size'], steps=a.steps or s['steps'])
    colors, k = a.colors or s['colors'], a.restarts or s['restarts']
    store = HERE.parent/'data'/'class_paintings'/f'{a.setting}.json'; store.parent.mkdir(parents=True, exist_ok=True)
    res = json.loads(store.read_text()) if a.resume and store.exists() else {}
    def pic(cls, col, seed): return store.parent/a.setting/f"{col}_s{seed}"/f"{cls}.png"
    kept = []
    for name in a.classes:
        c = imagenet_class(name)
        starts = []
        for r in range(k):
            col, seed = start_colors(colors, r), a.seed + r
            key = f"{c}:{kw['steps']}:{col}:{seed}"
            if key not in res:
                t = time.perf_counter()
                p = visualize(c, colors=col, seed=seed, progress=False, **kw)
                secs = time.perf_counter() - t
                v, score = judge(p, c), ClassObjective(c).score(p)
                f = pic(c, col, seed); f.parent.mkdir(parents=True, exist_ok=True); p.save(f)
                res[key] = dict(cls=c, name=class_name(c), colors=col, seed=seed, seconds=secs, rank=v['rank'], prob=v['prob'],
                                top=[t[1] for t in v['top']], score=score)
                tmp = store.with_suffix('.partial'); tmp.write_text(json.dumps(res, indent=1)); tmp.replace(store)
                print(f"{class_name(c)} ({col}, seed {seed}): rank {v['rank']} (p {v['prob']:.3f}), score {score:.2f}, judge's top: "
                      f"{', '.join(res[key]['top'][:3])}; {secs:.0f} s", flush=True)
            starts.append(res[key])
        best = starts[0]
        for st in starts[1:]:
            if st['score'] > best['score']: best = st   # the first of equals, as visualize
        kept.append(dict(best, seconds=sum(st['seconds'] for st in starts), starts=starts))
    n = len(kept)
    rate = lambda rows, j: sum(r['rank'] <= j for r in rows)
    top1, top5 = rate(kept, 1), rate(kept, 5)
    secs = statistics.median(r['seconds'] for r in kept)
    head = "| class | judge's rank of the class | its probability | judge's top 3 | seconds |"
    if k > 1: head += " starts: colours, seed, ensemble's score, judge's rank (kept first) |"
    lines = [head, "|---|---:|---:|---|---:|" + ("---|" if k > 1 else '')]
    for r in kept:
        row = f"| {r['name']} | {r['rank']} | {r['prob']:.3f} | {', '.join(r['top'][:3])} | {r['seconds']:.0f} |"
        if k > 1: row += ' ' + '; '.join(f"{st['colors']} {st['seed']}: {st['score']:.1f}, {st['rank']}" for st in sorted(r['starts'], key=lambda st: st is not r and st['seed'] != r['seed'])) + ' |'
        lines.append(row)
    alone = ''
    if k > 1:
        alone = ' Each start alone: ' + '; '.join(
            f"{start_colors(colors, r)} (seed {a.seed + r}) top-1 {rate([x['starts'][r] for x in kept], 1)}/{n}, top-5 {rate([x['starts'][r] for x in kept], 5)}/{n}"
            for r in range(k)) + '.'
    from bench_md import cpu_model
    start_txt = (f"{k} starts a painting (colours {colors}: " + ', '.join(start_colors(colors, r) for r in range(k)) +
                 "), the one the ensemble scores highest kept (`ClassObjective.score`: its mean logit over 32 fixed views)") if k > 1 else f"one start in {colors} colours"
    text = (f"Machine: {platform.machine()} ({cpu_model()}), 2 cores, torch {torch.__version__}, 2 threads. Setting `{a.setting}`: "
            f"{kw['strokes']} strokes on {kw['size']} px, {start_txt}; {kw['steps']} steps a start (a quarter of them through the engine's strokes), lr 0.05, "
            f"4 views a step (shifts up to 1/16 of the side, rotation within 20 degrees, zoom 0.7-1.2, 64-128 px on a side, at most the canvas's); "
            f"ensemble EfficientNet-Lite0 + Lite1, judge Lite2.\n\n"
            f"**Judge's top-1: {top1}/{n} ({top1 / n:.0%}), top-5: {top5}/{n} ({top5 / n:.0%}); median {secs:.0f} s a painting (all its starts).**{alone}\n\n" + '\n'.join(lines))
    print(text)
    if a.grid:
        from PIL import ImageDraw
        ims = [Image.open(pic(r['cls'], r['colors'], r['seed'])).convert('RGB').resize((128, 128), Image.LANCZOS) for r in kept]
        cols = 5; rows_n = (len(ims) + cols - 1) // cols
        g = Image.new('RGB', (cols * 132, rows_n * 146), 'white'); d = ImageDraw.Draw(g)
        for i, (im, r) in enumerate(zip(ims, kept)):   # each painting with its class and the judge's rank of it
            x, y = (i % cols) * 132 + 2, (i // cols) * 146 + 2
            g.paste(im, (x, y)); d.text((x, y + 129), f"{r['name']} (judge: {r['rank']})", fill='black')
        g.save(a.grid); print(f"wrote {a.grid}")
    if a.write:
        from bench_md import write_section
        default = (colors, k, a.seed, kw['steps']) == (s['colors'], s['restarts'], 0, s['steps'])
        tag = a.setting + ('' if default else f"_{colors}_k{k}" + (f"_s{a.seed}" if a.seed else '') + (f"_{kw['steps']}" if a.steps else ''))
        cmd = f"python benchmarks/class_paintings.py --setting {a.setting}" + ('' if default else f" --colors {colors} --restarts {k}" + (f" --seed {a.seed}" if a.seed else '') + (f" --steps {a.steps}" if a.steps else ''))
        write_section(f'classes_{tag}', f"Paintings of ImageNet classes ({a.setting} setting" + ('' if default else f", {k} start(s) in {colors} colours") + ")",
                      cmd + (' --classes ' + ' '.join(a.classes) if a.classes != CLASSES else '') + " --resume --write", text)

if __name__ == '__main__': main()
