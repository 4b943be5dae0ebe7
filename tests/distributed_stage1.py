"Stage 1 as tests/test_distributed.py runs it under torchrun: memory-mapped shards, pretrain_generator, and each rank's training rows of every epoch and final weights written down."
import json, os, sys
from pathlib import Path
import torch
from fastai.callback.core import Callback
from neural_painter_x.data import load_strokes
from neural_painter_x.distributed import main_first
from neural_painter_x.generator import pretrain_generator

class RowsSeen(Callback):
    "Write the rows of the training strokes this process saw in each epoch, and the sum of its final weights, to rank_<rank>.json."
    def __init__(self, path): self.path, self.rows = Path(path), {}
    def before_fit(self): self.key = {tuple(r): i for i, r in enumerate(self.dls.train.dataset.actions.round(6).tolist())}
    def before_batch(self):
        if self.training: self.rows.setdefault(self.epoch, []).extend(self.key[tuple(r)] for r in self.xb[0].cpu().numpy().round(6).tolist())
    def after_fit(self):
        w = sum(float(p.detach().double().sum()) for p in self.learn.model.parameters())
        self.path.write_text(json.dumps(dict(rows=self.rows, weights=w)))

src, out, epochs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
with main_first(): data = load_strokes(src, mmap=True)   # rank 0 makes the uncompressed copies, then both map them
pretrain_generator(data, out, epochs, lr=1e-2, bs=16, valid_pct=0.1, progress=False,
                   cbs=[RowsSeen(out/f"rank_{os.environ.get('RANK', 0)}.json")])
