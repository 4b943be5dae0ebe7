"Stages 1-3 on two processes (torchrun, gloo on the CPU): disjoint data per rank, shared gradients, one writer, resume."
import json, os, subprocess, sys
from pathlib import Path
import numpy as np, pandas as pd, pytest, torch
from neural_painter_x.data import generate_strokes, split_idxs
from neural_painter_x.training import load_checkpoint

SCRIPT = Path(__file__).parent/'distributed_stages.py'
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

def seen(out, stage): return [json.loads((out/f'{stage}_rank_{r}.json').read_text()) for r in (0, 1)]

def disjoint_halves(ranks, epochs, n_train):
    for e in map(str, range(epochs)):   # each epoch, the ranks trained on disjoint halves of the training strokes
        a, b = (set(k['rows'][e]) for k in ranks)
        assert not a & b, f"epoch {e}: the ranks shared {len(a & b)} strokes"
        assert len(a) == len(b) == n_train // 2 and len(a | b) == n_train

def same_weights(ranks):   # gradients were shared: both ranks end with the same weights
    assert abs(ranks[0]['weights'] - ranks[1]['weights']) < 1e-6 * max(1, abs(ranks[0]['weights']))

def test_stages_on_two_processes_then_resume(strokes, tmp_path):
    out = tmp_path/'run'
    run([str(SCRIPT), str(strokes), str(out), '2'], tmp_path)
    n_train = len(split_idxs(640, 0.1, 42)[0])
    gen = seen(out, 'generator')
    disjoint_halves(gen, 2, n_train); same_weights(gen)
    # one writer: one checkpoint, one log per stage, written by rank 0 and saying it was two processes
    assert sorted(p.name for p in out.iterdir() if p.is_file() and not p.name.endswith('.json')) == sorted(f'{s}.{x}' for s in ('generator', 'critic', 'gan') for x in ('csv', 'png', 'pth'))
    for stage, last in (('generator', 1), ('critic', 0), ('gan', 0)):
        ck = load_checkpoint(out/f'{stage}.pth')
        assert ck['epoch'] == last and ck['processes'] == 2, stage
    log = pd.read_csv(out/'generator.csv')
    assert log['epoch'].tolist() == [0, 1]
    assert log['train_loss'][1] < 0.8 * log['train_loss'][0] and log['valid_loss'][1] < log['valid_loss'][0]   # measured 0.55x and 0.88x
    assert list(strokes.glob('.episodes_*.strokes.npy')), "the shards were not memory-mapped"
    # the conditional critic (in DistributedDataParallel) got its mismatched pairs: 16 real + 16 generated + 8 mismatched
    crit = seen(out, 'critic')
    disjoint_halves(crit, 1, n_train); same_weights(crit)
    assert set(crit[0]['sizes']) == {40}, crit[0]['sizes'][:5]
    # GAN mode (SharedGradients): disjoint data, the same turns of critic and generator in both ranks, the same weights
    gan = seen(out, 'gan')
    disjoint_halves(gan, 1, n_train); same_weights(gan)
    np.testing.assert_allclose(gan[0]['losses'], gan[1]['losses'], rtol=1e-6)   # the loss averaged across ranks, which the switcher reads
    assert gan[0]['modes'] == gan[1]['modes'] and len(set(gan[0]['modes'])) == 2, gan[0]['modes']
    # an agent (in DistributedDataParallel): the same weights, one checkpoint
    same_weights(seen(out, 'agent'))
    assert load_checkpoint(out/'agent'/'agent.pth')['processes'] == 2
    # `train all` under torchrun resumes every stage: a third generator epoch, the critic kept, a second GAN epoch, one painter
    r = run(['-m', 'neural_painter_x', 'train', 'all', '--data', str(strokes), '--out', str(out), '--gen-epochs', '3',
             '--critic-epochs', '1', '--gan-epochs', '2', '--conditional', '--bs', '16', '--valid-pct', '0.1', '--mmap', '--quiet'], tmp_path)
    assert r.stdout.count('checkpoints, logs and learning curves') == 1   # rank 0 speaks
    again = pd.read_csv(out/'generator.csv')
    assert again['epoch'].tolist() == [0, 1, 2]
    np.testing.assert_allclose(again.iloc[:2].to_numpy(), log.to_numpy(), rtol=0, atol=1e-12)
    assert pd.read_csv(out/'critic.csv')['epoch'].tolist() == [0] and pd.read_csv(out/'gan.csv')['epoch'].tolist() == [0, 1]
    assert [load_checkpoint(out/f'{s}.pth')['epoch'] for s in ('generator', 'critic', 'gan')] == [2, 0, 1]
    assert load_checkpoint(out/'painter.pth')['config']['stage'] in ('stage 1 generator', 'stage 3 GAN')
    assert set(json.loads((out/'fidelity.json').read_text())) == {'blank canvas', 'initialisation', 'stage 1 generator', 'stage 3 GAN'}

def test_processes_that_disagree_stop_in_one_line(strokes, tmp_path):
    "Machines without a shared --out resume from different epochs: every process stops with a one-line error, none hangs."
    args = ['train', 'generator', '--data', str(strokes), '--epochs', '2', '--limit', '64', '--bs', '16', '--quiet']
    first = subprocess.run([sys.executable, '-m', 'neural_painter_x', *args, '--out', str(tmp_path/'run_0'), '--epochs', '1'],
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr[-2000:]   # rank 0's folder holds epoch 0; rank 1's is empty
    (tmp_path/'each.py').write_text("import os, sys\nfrom neural_painter_x.cli import main\n"
                                    f"sys.exit(main({args!r} + ['--out', 'run_' + os.environ['RANK']]))\n")
    r = subprocess.run(TORCHRUN + [str(tmp_path/'each.py')], capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, OMP_NUM_THREADS='1'), cwd=tmp_path)
    assert r.returncode != 0
    assert r.stderr.count('neural-painter-x: error: the processes disagree on the epoch to start') == 2, r.stderr[-2000:]
    assert 'give every machine the same --out' in r.stderr and 'Traceback' not in r.stderr.split('neural-painter-x: error')[0]
