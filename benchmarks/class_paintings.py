"""Paintings of ImageNet classes: how often the judge (EfficientNet-Lite2, outside the ensemble) sees the class, and the time.

Run: python benchmarks/class_paintings.py [--setting large|paper] [--colors grey|random] [--classes NAME ...] [--steps N] [--resume] [--grid PNG] [--write]
Paints each class with `visualize` (the ensemble EfficientNet-Lite0 + Lite1, robust views) in one of two settings: `paper`
(30 strokes on a 64-px canvas, the paper's) or `large` (200 strokes on 256 px), and asks the judge for its top-1 and top-5
classes on the finished painting (drawn by the engine where its last steps saw the engine's strokes). Each painting's verdict is
kept in data/class_paintings_<setting>.json (git-ignored), so a cut-off run goes on with --resume."""
import argparse, json, platform, statistics, time
from pathlib import Path
import numpy as np

HERE = Path(__file__).resolve().parent
CLASSES = ['pineapple', 'starfish', 'violin', 'espresso', 'goldfish', 'flamingo', 'strawberry', 'lemon', 'daisy', 'volcano',
           'jellyfish', 'ladybug', 'zebra', 'monarch', 'broccoli', 'banana', 'pizza', 'peacock', 'balloon', 'candle']
SETTINGS = {'paper': dict(strokes=30, size=64, steps=300), 'large': dict(strokes=200, size=256, steps=200)}

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--setting', choices=list(SETTINGS), default='large')
    ap.add_argument('--classes', nargs='+', default=CLASSES)
    ap.add_argument('--steps', type=int, default=None, help='optimiser steps (default: the setting\'s)')
    ap.add_argument('--colors', choices=['grey', 'random'], default='grey', help="the strokes' starting colours (visualize's colors)")
    ap.add_argument('--resume', action='store_true'); ap.add_argument('--write', action='store_true')
    ap.add_argument('--grid', default=None, help='also write a grid of the paintings (PNG)')
    a = ap.parse_args()
    import torch
    from PIL import Image
    from neural_painter_x.visualization import visualize, judge, imagenet_class, class_name
    torch.set_num_threads(2)
    kw = dict(SETTINGS[a.setting]) | ({'steps': a.steps} if a.steps else {}) | dict(colors=a.colors)
    tag = a.setting + ('' if a.colors == 'grey' else f'_{a.colors}')
    store = HERE.parent/'data'/f'class_paintings_{tag}.json'
    pics = HERE.parent/'data'/f'class_paintings_{tag}'; pics.mkdir(parents=True, exist_ok=True)
    res = json.loads(store.read_text()) if a.resume and store.exists() else {}
    for name in a.classes:
        c = imagenet_class(name)
        key = f"{c}:{kw['steps']}"
        if key in res: continue
        t = time.perf_counter()
        p = visualize(c, progress=False, **kw)
        secs = time.perf_counter() - t
        v = judge(p, c)
        p.save(pics/f'{c}.png')
        res[key] = dict(cls=c, name=class_name(c), seconds=secs, rank=v['rank'], prob=v['prob'], top=[t[1] for t in v['top']],
                        logit=-float(np.mean(p.history[-10:])))
        tmp = store.with_suffix('.partial'); tmp.write_text(json.dumps(res, indent=1)); tmp.replace(store)
        print(f"{class_name(c)}: rank {v['rank']} (p {v['prob']:.3f}), judge's top: {', '.join(res[key]['top'][:3])}; {secs:.0f} s", flush=True)
    rows = [r for r in res.values() if r['name'] in {class_name(imagenet_class(n)) for n in a.classes} and r['seconds'] and f"{r['cls']}:{kw['steps']}" in res]
    n = len(rows)
    top1, top5 = sum(r['rank'] == 1 for r in rows), sum(r['rank'] <= 5 for r in rows)
    secs = statistics.median(r['seconds'] for r in rows)
    lines = ["| class | judge's rank of the class | its probability | judge's top 3 | seconds |", "|---|---:|---:|---|---:|"]
    lines += [f"| {r['name']} | {r['rank']} | {r['prob']:.3f} | {', '.join(r['top'][:3])} | {r['seconds']:.0f} |" for r in rows]
    from bench_md import cpu_model
    text = (f"Machine: {platform.machine()} ({cpu_model()}), 2 cores, torch {torch.__version__}, 2 threads. Setting `{a.setting}`: "
            f"{kw['strokes']} strokes on {kw['size']} px starting in {a.colors} colours, {kw['steps']} steps (a quarter of them through the engine's strokes), lr 0.05, "
            f"4 views a step (shifts up to 1/16 of the side, rotation within 20 degrees, zoom 0.7-1.2, 64-128 px on a side, at most the canvas's); "
            f"ensemble EfficientNet-Lite0 + Lite1, judge Lite2.\n\n"
            f"**Judge's top-1: {top1}/{n} ({top1 / n:.0%}), top-5: {top5}/{n} ({top5 / n:.0%}); median {secs:.0f} s a painting.**\n\n" + '\n'.join(lines))
    print(text)
    if a.grid:
        from PIL import ImageDraw
        ims = [Image.open(pics/f"{r['cls']}.png").convert('RGB').resize((128, 128), Image.LANCZOS) for r in rows]
        cols = 5; rows_n = (len(ims) + cols - 1) // cols
        g = Image.new('RGB', (cols * 132, rows_n * 146), 'white'); d = ImageDraw.Draw(g)
        for i, (im, r) in enumerate(zip(ims, rows)):   # each painting with its class and the judge's rank of it
            x, y = (i % cols) * 132 + 2, (i // cols) * 146 + 2
            g.paste(im, (x, y)); d.text((x, y + 129), f"{r['name']} (judge: {r['rank']})", fill='black')
        g.save(a.grid); print(f"wrote {a.grid}")
    if a.write:
        from bench_md import write_section
        write_section(f'classes_{tag}', f"Paintings of ImageNet classes ({a.setting} setting" + (f", {a.colors} starting colours)" if a.colors != 'grey' else ")"),
                      f"python benchmarks/class_paintings.py --setting {a.setting}" + (f" --steps {a.steps}" if a.steps else '') + (f" --colors {a.colors}" if a.colors != 'grey' else '') + " --resume --write", text)

if __name__ == '__main__': main()
