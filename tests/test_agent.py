"The painting agent (the paper's sections 3 and 4) as a user runs it: the shipped digits agent, training from the command line, bad inputs."
from conftest import in_process
import json, shutil, subprocess
import numpy as np, pytest, torch
from PIL import Image
from neural_painter_x.targets import digit_targets
from neural_painter_x.agent import load_agent, reconstruct, mse_per_image, AGENTS_DIR
from neural_painter_x.training import load_checkpoint

def run(cli, *args, **kw): return subprocess.run([cli, *map(str, args)], capture_output=True, text=True, **kw)

def test_shipped_agent_paints_held_out_digits(engine, cli, tmp_path):
    va = digit_targets(20, 'valid', seed=7)
    va.grid(10, pad=0).save(tmp_path/'digits.png')
    r = run(cli, 'agent', 'reconstruct', tmp_path/'digits.png', '-o', tmp_path/'strokes.png', '--tile', 64, '--compare')
    assert r.returncode == 0, r.stderr
    assert '20 targets painted with 8 strokes each' in r.stdout
    pics = np.asarray(Image.open(tmp_path/'strokes.png'))
    assert pics.shape == (128, 640, 3)
    assert Image.open(tmp_path/'strokes_compare.png').size[1] > 256
    tiles = torch.from_numpy(pics.reshape(2, 64, 10, 64, 3).transpose(0, 2, 4, 1, 3).reshape(20, 3, 64, 64).copy()).float() / 255
    err, blank = mse_per_image(tiles, va.tensor()).mean(), mse_per_image(torch.ones_like(tiles), va.tensor()).mean()
    assert err < 0.5 * blank, (err, blank)           # the paintings are the digits, not a blank or a blot
    d = json.loads((tmp_path/'strokes.json').read_text())
    assert d['canvas']['strokes'] == 160 and d['settings']['agent']
    r = run(cli, 'replay', tmp_path/'strokes.json', '-o', tmp_path/'mypaint.png', '--quiet')   # the strokes, drawn by MyPaint
    assert r.returncode == 0, r.stderr
    eng = torch.from_numpy(np.asarray(Image.open(tmp_path/'mypaint.png')).reshape(2, 64, 10, 64, 3).transpose(0, 2, 4, 1, 3).reshape(20, 3, 64, 64).copy()).float() / 255
    assert mse_per_image(eng, va.tensor()).mean() < 0.6 * blank

def test_reconstruct_keeps_the_sheets_layout(cli, tmp_path):
    (tmp_path/'in').mkdir()
    for i in range(2): digit_targets(4, 'valid', seed=i).grid(2, pad=0).save(tmp_path/'in'/f'sheet{i}.png')   # two sheets of 2 x 2 digits
    r = run(cli, 'agent', 'reconstruct', tmp_path/'in', '-o', tmp_path/'out.png', '--tile', 64)
    assert r.returncode == 0, r.stderr
    assert Image.open(tmp_path/'out.png').size == (128, 256)          # 2 a row, as the sheets; 8 paintings
    assert json.loads((tmp_path/'out.json').read_text())['settings']['ncols'] == 2

def test_shipped_faces_agent_from_the_command_line(engine, cli, tmp_path):
    from neural_painter_x.targets import face_targets
    va = face_targets('valid')
    (tmp_path/'faces').mkdir()
    for i in range(4): Image.fromarray(va.images[i]).resize((128, 128)).save(tmp_path/'faces'/f'{i}.png')   # your own photos, larger than 64 px
    r = run(cli, 'agent', 'reconstruct', tmp_path/'faces', '-o', tmp_path/'painted.png', '--agent', 'faces')
    assert r.returncode == 0, r.stderr
    assert '4 targets painted with 15 strokes each' in r.stdout
    pics = torch.from_numpy(np.asarray(Image.open(tmp_path/'painted.png')).reshape(64, 4, 64, 3).transpose(1, 3, 0, 2).copy()).float() / 255
    assert mse_per_image(pics, va.tensor()[:4]).mean() < 0.03          # faces (the nearest training face scores 0.025 over all 20)
    assert json.loads((tmp_path/'painted.json').read_text())['canvas']['strokes'] == 60

def test_shipped_agent_card():
    m = load_agent()
    card = json.loads((AGENTS_DIR/'digits.json').read_text())
    assert card['n_strokes'] == m.n_strokes == 8 and not m.colors and m.connected
    assert card['painter']['sha256'] == m.painter_info['sha256']

def test_train_from_the_command_line_resumes(cli, tmp_path):
    args = ['agent', 'train', '--out', tmp_path/'a', '--n-train', 32, '--n-valid', 8, '--bs', 16, '--strokes', 8, '--quiet', '--n-critic', 1]
    r = run(cli, *args, '--epochs', 1, '--human', '--alone', 1, '--together', 1)
    assert r.returncode == 0, r.stderr
    ck = load_checkpoint(tmp_path/'a'/'agent.pth')
    assert ck['epoch'] == 0 and ck['config']['loss']['type'] == 'ForcingLoss'
    first = (tmp_path/'a'/'agent.csv').read_text().splitlines()
    r = run(cli, *args, '--epochs', 2, '--human', '--alone', 1, '--together', 1)
    assert r.returncode == 0, r.stderr
    assert load_checkpoint(tmp_path/'a'/'agent.pth')['epoch'] == 1
    lines = (tmp_path/'a'/'agent.csv').read_text().splitlines()
    assert len(lines) == 3 and lines[:2] == first          # header and two epochs; the first epoch was not trained again
    m = load_agent(tmp_path/'a'/'agent.pth')                                 # a training checkpoint paints too
    assert reconstruct(digit_targets(2), m).actions.shape == (2, 8, 12)

def _images(t):
    (t/'imgs').mkdir()
    for i in range(3): Image.fromarray(np.random.default_rng(i).integers(0, 256, (64, 64, 3), dtype=np.uint8)).save(t/'imgs'/f'{i}.png')
    return t/'imgs'

@pytest.mark.parametrize('data,told,expect', [
    ('faces', ['--no-flip'], dict(n_strokes=2, colors=True, connected=False, augment=True, flip=False, repeat=1, bound_wt=1., clip=1., bs=8, coords=True, norm=True)),
    ('images', ['--bs', 2], dict(n_strokes=2, colors=True, connected=False, augment=True, flip=False, repeat=1, bound_wt=1., bs=2, coords=True, norm=True)),
    ('digits', ['--n-train', 16, '--n-valid', 4, '--coords'], dict(n_strokes=2, colors=False, connected=True, augment=False, flip=False, repeat=1, bound_wt=0., clip=None, bs=32, coords=True, norm=False)),
])
def test_agent_train_takes_the_datas_recipe(cli, tmp_path, data, told, expect):
    src = _images(tmp_path) if data == 'images' else data
    r = run(cli, 'agent', 'train', '--data', src, '--out', tmp_path/'a', '--epochs', 1, '--repeat', 1, '--strokes', 2, '--quiet', *told)
    assert r.returncode == 0, r.stderr
    cfg = load_checkpoint(tmp_path/'a'/'agent.pth')['config']
    got = dict(cfg, coords=cfg['agent'].get('coords', False), norm=cfg['agent'].get('norm', False))
    assert {k: got[k] for k in expect} == expect

@pytest.mark.parametrize('make,args,msg', [
    (lambda t: Image.new('RGB', (100, 64), 'white').save(t/'x.png'), ['agent', 'reconstruct', '{t}/x.png', '-o', '{t}/o.png'], 'is 100 x 64 pixels: the agent paints square targets'),
    (lambda t: Image.new('RGB', (100, 64), 'white').save(t/'x.png'), ['agent', 'reconstruct', '{t}/x.png', '-o', '{t}/o.png', '--tile', '64'], 'not a whole number of 64-px tiles'),
    (lambda t: (t/'x.png').write_bytes(b''), ['agent', 'reconstruct', '{t}/x.png', '-o', '{t}/o.png'], 'is an empty file'),
    (lambda t: Image.new('RGB', (64, 64), 'white').save(t/'x.png'), ['agent', 'reconstruct', '{t}/x.png', '-o', '{t}/o.png', '--agent', 'nobody'], "no agent named 'nobody'"),
    (lambda t: Image.new('RGB', (64, 64), 'white').save(t/'x.png'), ['agent', 'reconstruct', '{t}/x.png', '-o', '{t}/o'], 'give the paintings\' file name with its format'),
    (lambda t: (t/'in').mkdir() or Image.new('RGB', (64, 64), 'white').save(t/'in'/'x.png'), ['agent', 'reconstruct', '{t}/in', '-o', '{t}/in/x.png'], 'is target x.png: writing there would replace it'),
    (lambda t: [shutil.copy(AGENTS_DIR/f'digits{e}', t/f'x{e}') for e in ('.pth', '.json')] and Image.new('RGB', (64, 64), 'white').save(t/'d.png'),
     ['agent', 'reconstruct', '{t}/d.png', '-o', '{t}/x.png', '--agent', '{t}/x.pth'], "is the agent's card"),
    (lambda t: (t/'h.json').write_text(''), ['agent', 'train', '--out', '{t}/a', '--human', '{t}/h.json'], 'is empty'),
    (lambda t: None, ['agent', 'train', '--out', '{t}/a', '--epochs', '0'], '--epochs must be at least 1'),
    (lambda t: None, ['agent', 'train', '--out', '{t}/a', '--n-critic', '0'], '--n-critic must be at least 1'),
    (lambda t: None, ['agent', 'train', '--out', '{t}/a', '--bound-wt', '-1'], '--bound-wt must be 0 or more'),
    (lambda t: None, ['agent', 'train', '--out', '{t}/a', '--repeat', '0'], '--repeat must be at least 1'),
    (lambda t: None, ['agent', 'train', '--out', '{t}/a', '--clip', '0'], '--clip must be above 0'),
    (lambda t: None, ['agent', 'train', '--out', '{t}/a', '--data', 'faces', '--human'], "differ from the targets' (face)"),
])
def test_agent_errors_are_one_line(cli, tmp_path, make, args, msg):
    make(tmp_path)
    r = in_process(*[a.format(t=tmp_path) for a in args])
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith('neural-painter-x: error: ') and msg in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and 'Traceback' not in r.stderr
