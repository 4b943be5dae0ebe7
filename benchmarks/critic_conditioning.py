"""Stage 2 with and without conditioning: does the critic learn to tell real strokes from a stage-1 generator's?

Run: python benchmarks/critic_conditioning.py --data DIR --generator RUN/generator.pth [--limit 6000]
One epoch of `pretrain_critic` per configuration (bs 64, default width); prints the validation loss and accuracy.
Batches are real strokes, as many generated ones and, with mismatch, half as many real strokes paired with
another stroke's action: answering "fake" always scores 0.600 with mismatched pairs, 0.500 without."""
import argparse, time
import pandas as pd
from neural_painter_x.data import load_strokes
from neural_painter_x.critic import pretrain_critic
from neural_painter_x.generator import load_generator

CONFIGS = {'conditional, lr 1e-3': dict(conditional=True, lr=1e-3), 'conditional, lr 1e-2': dict(conditional=True, lr=1e-2),
           'conditional, no mismatched pairs, lr 1e-2': dict(conditional=True, lr=1e-2, mismatch=0),
           'unconditional, lr 1e-2': dict(conditional=False, lr=1e-2)}

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', required=True); ap.add_argument('--generator', required=True)
    ap.add_argument('--limit', type=int, default=6000); ap.add_argument('--out', default='/tmp/neural_painter_x_bench/critic')
    a = ap.parse_args()
    data, gen = load_strokes(a.data, a.limit), load_generator(a.generator)
    print("| critic | seconds | valid loss | accuracy |\n|---|---:|---:|---:|")
    for name, kw in CONFIGS.items():
        t = time.time()
        out = f"{a.out}/{name.replace(' ', '_').replace(',', '')}"
        pretrain_critic(data, out, generator=gen, epochs=1, progress=False, resume=False, **kw)
        r = pd.read_csv(f"{out}/critic.csv").iloc[-1]
        print(f"| {name} | {time.time() - t:.0f} | {r['valid_loss']:.3f} | {r['critic_accuracy']:.3f} |", flush=True)

if __name__ == '__main__': main()
