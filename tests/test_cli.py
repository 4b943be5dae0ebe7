"The neural-painter-x command, run as a user runs it."
import signal, subprocess, sys, time
import numpy as np, pytest
from PIL import Image
from neural_painter_x.data import load_strokes, shard_len

def run(cli, *args, **kw): return subprocess.run([cli, *map(str, args)], capture_output=True, text=True, **kw)

def test_strokes_and_demo(engine, cli, tmp_path):
    r = run(cli, 'strokes', '--n', 150, '--shard-size', 100, '--out', tmp_path/'d', '--workers', 1, '--seed', 3)
    assert r.returncode == 0, r.stderr
    assert len(load_strokes(tmp_path/'d')) == 150
    r = run(cli, 'demo', '-o', tmp_path/'g.png', '--n', 4, '--cols', 2, '--scale', 2, '--workers', 1)
    assert r.returncode == 0, r.stderr
    im = np.asarray(Image.open(tmp_path/'g.png'))
    assert im.shape == (2 * 130 + 2, 2 * 130 + 2, 3) and (im < 200).any()
    assert 'classic/dry_brush' in run(cli, 'brushes').stdout.split()

@pytest.mark.parametrize('args,msg', [
    (['strokes', '--out', '{t}', '--brush', 'nope'], "brush 'nope' not found"),
    (['strokes', '--out', '{t}', '--n', '0'], 'n must be at least 1'),
    (['download', '--shards', '80', '--out', '{t}'], 'shard numbers must be 0 to 77'),
    (['download', '--shards', 'x', '--out', '{t}'], "shard 'x' is not a number"),
    (['demo', '-o', '{t}/s.png', '--scale', '0'], 'scale must be in'),
])
def test_errors_are_one_line_without_traceback(engine, cli, tmp_path, args, msg):
    r = run(cli, *[a.format(t=tmp_path) for a in args])
    assert r.returncode == 2
    assert r.stderr.startswith('neural-painter-x: error: ') and msg in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and 'Traceback' not in r.stderr

def test_ctrl_c_keeps_finished_shards_and_resumes(engine, cli, interruptible, tmp_path):
    out = tmp_path/'d'
    p = interruptible([cli, 'strokes', '--n', '3000', '--shard-size', '300', '--out', str(out), '--workers', '1', '--quiet'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not (out/'episodes_1.npz').exists() and time.time() < deadline: time.sleep(.05)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130 and 'run the same command again to resume' in err, err
    kept = sorted(out.glob('episodes_*.npz'))
    assert 2 <= len(kept) < 10 and all(shard_len(k) == 300 for k in kept)   # whole shards only
    assert not list(out.glob('*.partial'))
    r = run(cli, 'strokes', '--n', '3000', '--shard-size', '300', '--out', out, '--workers', '2', '--quiet')
    assert r.returncode == 0, r.stderr
    assert len(load_strokes(out)) == 3000

def test_strokes_says_what_it_does(engine, cli, tmp_path):
    r = run(cli, 'strokes', '--n', 150, '--shard-size', 100, '--out', tmp_path/'d', '--workers', 1)
    assert r.returncode == 0, r.stderr
    said = r.stderr.splitlines()                 # progress in words (a line now and then: stderr is a pipe here), nothing else
    assert said and all(l.startswith('rendering strokes  ') for l in said), said
    assert said[-1].startswith('rendering strokes  150/150  ') and '<' not in said[-1], said
    assert r.stdout == f"150 strokes in 2 shards in {tmp_path/'d'}\n", r.stdout

def test_python_m_runs_the_cli_and_quick_commands_skip_torch(engine, tmp_path):
    r = subprocess.run([sys.executable, '-m', 'neural_painter_x', 'brushes'], capture_output=True, text=True)
    assert r.returncode == 0 and 'classic/dry_brush' in r.stdout.split(), r.stderr
    code = ("import sys, warnings; from neural_painter_x.cli import main; n = len(warnings.filters); "
            f"assert main(['strokes', '--n', '20', '--out', {str(tmp_path/'s')!r}, '--workers', '1', '--quiet']) == 0; "
            f"assert main(['demo', '-o', {str(tmp_path/'d.png')!r}, '--n', '2', '--workers', '1']) == 0; main(['brushes']); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'fastai', 'fastprogress'}), len(warnings.filters) - n)")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == '[] 0', r.stdout     # no torch, no fastai, and the caller's warning filters untouched

def test_imports_say_nothing():
    "Importing the package's modules prints no warning (fastai's import-time deprecations are silenced where fastai is imported)."
    r = subprocess.run([sys.executable, '-c', 'import neural_painter_x.gan, neural_painter_x.painting, neural_painter_x.replay, neural_painter_x.cli'],
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stderr == '' and r.stdout == '', r.stderr
