"Stages 1, 2 (a conditional critic), 3 (GAN mode) and an agent as tests/test_distributed.py runs them under torchrun: memory-mapped shards, and what each rank saw written down per stage."
import json, os, sys
from pathlib import Path
import torch
from fastai.callback.core import Callback
from neural_painter_x.data import load_strokes
from neural_painter_x.distributed import main_first
from neural_painter_x.generator import pretrain_generator
from neural_painter_x.critic import pretrain_critic, MixFakes
from neural_painter_x.gan import train_gan
from neural_painter_x.agent import train_agent
from neural_painter_x.targets import digit_targets

class Seen(Callback):
    "Write to `path` the rows of the training strokes this process saw in each epoch, the batch sizes the model got, GAN mode's turns, the losses and the sum of the final weights."
    run_after = MixFakes
    def __init__(self, path): self.path, self.rows, self.sizes, self.modes, self.losses = Path(path), {}, [], [], []
    def before_fit(self):
        acts = getattr(self.dls.train.dataset, 'actions', None)   # an agent's targets are images: no rows to follow
        self.key = None if acts is None else {tuple(r): i for i, r in enumerate(acts.round(6).tolist())}
    def before_batch(self):
        if not self.training or self.key is None: return
        acts = next(t for t in (*self.xb, *self.yb) if t.ndim == 2)   # in GAN mode's critic turns, fastai swaps input and target
        self.rows.setdefault(self.epoch, []).extend(self.key[tuple(r)] for r in acts.cpu().numpy().round(6).tolist())
        self.sizes.append(len(self.xb[0]))
        if hasattr(self.learn, 'gan_trainer'): self.modes.append(bool(self.learn.gan_trainer.gen_mode))
    def after_batch(self):
        if self.training: self.losses.append(float(self.learn.loss.detach()))
    def after_fit(self):
        w = sum(float(p.detach().double().sum()) for p in self.learn.model.parameters())
        self.path.write_text(json.dumps(dict(rows=self.rows, sizes=self.sizes, modes=self.modes, losses=self.losses, weights=w)))

src, out, epochs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
rank = os.environ.get('RANK', 0)
with main_first(): data = load_strokes(src, mmap=True)   # rank 0 makes the uncompressed copies, then both map them
common = dict(bs=16, valid_pct=0.1, progress=False)
pretrain_generator(data, out, epochs, lr=1e-2, **common, cbs=[Seen(out/f'generator_rank_{rank}.json')])
pretrain_critic(data, out, epochs=1, lr=1e-2, conditional=True, **common, cbs=[Seen(out/f'critic_rank_{rank}.json')])
train_gan(data, out, epochs=1, critic_thresh=1.42, **common,   # the critic's BCE was 1.39-1.44 here: turns of both kinds
          cbs=[Seen(out/f'gan_rank_{rank}.json')])
train_agent(out/'agent', digit_targets(256), digit_targets(64, 'valid'), epochs=1, bs=16, progress=False, cbs=[Seen(out/f'agent_rank_{rank}.json')])
