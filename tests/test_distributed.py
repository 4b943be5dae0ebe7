"Stage 1 on two processes (torchrun, gloo on the CPU): disjoint data per rank, shared gradients, one writer, resume."
import json, os, subprocess, sys
from pathlib import Path
import numpy as np, pandas as pd, pytest, torch
from neural_painter_x.data import generate_strokes, split_idxs
from neural_painter_x.training import load_checkpoint

SCRIPT = Path(__file__).parent/'distributed_stage1.py'
TORCHRUN = [sys.executable, '-m', 'torch.distributed.run', '--standalone', '--nproc_per_node', '2']

def run(args, cwd):
    env = dict(os.environ, OMP_NUM_THREADS='1')   # one thread per process: two processes on two cores
    r = subprocess.run(TORCHRUN + args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return r

@pytest.fixture(scope='module')
def strokes(engine, tmp_path_factory):
    d = tmp_path_factory.mktemp('strokes')
    generate_strokes(d, n=640, shard_size=320, seed=5, progress=False)
    return d

def test_stage1_on_two_processes_then_resume(strokes, tmp_path):
    out = tmp_path/'run'
    run([str(SCRIPT), str(strokes), str(out), '2'], tmp_path)
    ranks = [json.loads((out/f'rank_{r}.json').read_text()) for r in (0, 1)]
    n_train = len(split_idxs(640, 0.1, 42)[0])
    for e in ('0', '1'):   # each epoch, the ranks trained on disjoint halves of the training strokes
        a, b = (set(k['rows'][e]) for k in ranks)
        assert not a & b, f"epoch {e}: the ranks shared {len(a & b)} strokes"
        assert len(a) == len(b) == n_train // 2 and len(a | b) == n_train
    assert abs(ranks[0]['weights'] - ranks[1]['weights']) < 1e-6 * max(1, abs(ranks[0]['weights']))   # gradients were shared
    # one writer: one checkpoint, one log, written by rank 0 and saying it was two processes
    assert sorted(p.name for p in out.iterdir()) == ['generator.csv', 'generator.png', 'generator.pth', 'rank_0.json', 'rank_1.json']
    ck = load_checkpoint(out/'generator.pth')
    assert ck['epoch'] == 1 and ck['processes'] == 2
    log = pd.read_csv(out/'generator.csv')
    assert log['epoch'].tolist() == [0, 1]
    assert log['train_loss'][1] < 0.8 * log['train_loss'][0] and log['valid_loss'][1] < log['valid_loss'][0]   # measured 0.55x and 0.88x
    assert list(strokes.glob('.episodes_*.strokes.npy')), "the shards were not memory-mapped"
    # the CLI under torchrun resumes the run for a third epoch: the first two are kept, not trained again
    r = run(['-m', 'neural_painter_x', 'train', 'generator', '--data', str(strokes), '--out', str(out), '--epochs', '3',
             '--bs', '16', '--valid-pct', '0.1', '--lr', '1e-2', '--mmap', '--quiet'], tmp_path)
    assert r.stdout.count('checkpoints, logs and learning curves') == 1   # rank 0 speaks
    again = pd.read_csv(out/'generator.csv')
    assert again['epoch'].tolist() == [0, 1, 2]
    np.testing.assert_allclose(again.iloc[:2].to_numpy(), log.to_numpy(), rtol=0, atol=1e-12)
    assert load_checkpoint(out/'generator.pth')['epoch'] == 2

def test_gan_mode_refuses_several_processes(strokes, tmp_path):
    r = subprocess.run(TORCHRUN + ['-m', 'neural_painter_x', 'train', 'gan', '--data', str(strokes), '--out', str(tmp_path)],
                       capture_output=True, text=True, timeout=300, env=dict(os.environ, OMP_NUM_THREADS='1'))
    assert r.returncode != 0
    assert 'neural-painter-x: error: train gan runs GAN mode, which trains in one process' in r.stderr
    assert 'File "/' not in r.stderr.split('neural-painter-x: error')[0]   # no traceback of ours before it (torchrun adds its own report after)
