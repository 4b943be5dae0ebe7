"Painting end to end: a painter trained on real engine strokes, the real backbone, a real photo, files and the CLI."
import json, math, os, re, signal, subprocess, time
from pathlib import Path
import numpy as np, pytest, torch
import torch.nn.functional as F
from PIL import Image
from skimage import data as skdata
from neural_painter_x.core import SettingError, NeuralPainterError
from neural_painter_x.data import generate_strokes, load_strokes
from neural_painter_x.generator import pretrain_generator
from neural_painter_x.painting import paint, Painting, load_photo, read_strokes

@pytest.fixture(scope='module')
def painter(engine, tmp_path_factory):
    "A small painter trained for two epochs on 1,500 engine strokes."
    d = tmp_path_factory.mktemp('strokes')
    generate_strokes(d, n=1500, shard_size=1500, seed=21, margin=0, progress=False)   # cut strokes: small and fast
    out = tmp_path_factory.mktemp('painter')
    pretrain_generator(load_strokes(d), out, epochs=2, bs=32, nf=16, progress=False)
    return out/'generator.pth'

@pytest.fixture(scope='module')
def photo(tmp_path_factory):
    p = tmp_path_factory.mktemp('photo')/'coffee.jpg'
    Image.fromarray(skdata.coffee()).save(p)
    return p

def psnr(img, target):
    x = torch.from_numpy(np.asarray(img)).permute(2, 0, 1).float() / 255
    return -10 * math.log10(F.mse_loss(x, target).item())

@pytest.fixture(scope='module')
def small(painter, photo):
    return paint(photo, strokes=48, size=128, steps=40, finish=10, painter=painter, stall=None, progress=False)

def test_loss_goes_down_on_a_photo(small):
    h = small.history
    levels = small.settings['levels']
    assert len(levels) == 2 and len(h) == 80 and h[-1] < 0.8 * h[0], h[::10]        # two levels of 40 steps
    assert [l['finish'] for l in levels] == [10, 10]      # the painter's checkpoint names the brush of its strokes: the engine finished each level
    assert [(l['size'], l['strokes']) for l in levels] == [(64, 16), (32, 32)] and list(np.bincount(small.place.level)) == [16, 32]
    blank = np.full_like(small.image, 255)
    assert psnr(small.image, small.photo) > psnr(blank, small.photo) + 3     # clearly closer to the photo than a white canvas
    assert (small.render() == small.image).all()

def test_constraints_hold_in_the_actions(painter, photo):
    g = paint(photo, strokes=20, size=96, steps=5, finish=3, painter=painter, grayscale=True, stroke_size=(.3, .5), progress=False)
    a = g.actions
    assert np.allclose(a[:, 6], a[:, 7]) and np.allclose(a[:, 7], a[:, 8])
    assert a[:, 1].min() >= .3 - 1e-6 and a[:, 1].max() <= .5 + 1e-6
    pal = np.array([[1., 0, 0], [0, .5, 0], [.1, .1, .1]])
    k = paint(photo, strokes=20, size=96, steps=5, finish=3, painter=painter, palette=pal, progress=False)
    assert np.abs(k.actions[:, None, 6:9] - pal[None]).sum(2).min(1).max() < 1e-5
    assert ((0 <= k.actions) & (k.actions <= 1)).all()

def test_strokes_file_round_trip_and_resume(small, painter, photo, tmp_path):
    f = small.save_strokes(tmp_path/'p.json')
    d = json.loads(f.read_text())
    assert d['format'] == 'neural_painter_x.strokes' and d['version'] == 2 and len(d['strokes']) == 48
    assert set(d['strokes'][0]) >= {'place', 'pressure', 'size', 'color_r', 'entry_pressure'}
    assert set(d['strokes'][0]['place']) == {'x', 'y', 'size', 'level', 'margin'}
    q = Painting.load(f)                                         # the painter named in the file, checksum verified
    assert np.allclose(q.actions, small.actions, atol=1e-5) and np.allclose(q.place.pos, small.place.pos, atol=1e-4) and (q.place.level == small.place.level).all()
    # actions stored to 6 decimals: drawn again to about 1 grey level; a dab of the engine moved by 1e-6 of a stroke can cross a
    # pixel's rounding (CI saw 2, then 6 in one value of 32,640), so: none past 16 grey levels, at most 0.1% of the values past 1
    diff = np.abs(q.image.astype(int) - small.image.astype(int))
    assert diff.max() <= 16 and (diff > 1).mean() <= 1e-3, (diff.max(), (diff > 1).mean())
    r = paint(photo, steps=10, resume=f, painter=painter, stall=None, finish=0, progress=False)
    assert r.steps == 90 and len(r.history) == 10 and max(r.history) < 0.85 * small.history[0]   # goes on from the painted strokes: its finest level
    assert np.allclose(r.actions[r.place.level == 0], small.actions[small.place.level == 0], atol=1e-5)
    for bad, msg in [('{"x": 1}', 'not a strokes file'), ('{', 'not JSON'), (f.read_text().replace('"version": 2', '"version": 9'), 'version 9'),
                     (f.read_text().replace('"pressure": ', '"pressure": 7', 1), 'must lie in'), (f.read_text().replace('"place": {', '"plac": {', 1), 'damaged'),
                     (f.read_text().replace('"x": ', '"x": -9', 1), 'stroke 0: position')]:
        (tmp_path/'bad.json').write_text(bad)
        with pytest.raises(NeuralPainterError, match=msg): read_strokes(tmp_path/'bad.json')

def test_animation_frames_end_in_the_painting(small, tmp_path):
    fr = small.frames(every=16)
    assert len(fr) == 4 and (fr[0] == 255).all()
    assert np.array_equal(fr[-1], small.image)     # the last frame is the painting: the same computation, so equal on every CPU
    g = Image.open(small.save_gif(tmp_path/'a.gif', every=8))
    assert g.n_frames == 7 and g.size == (128, 85)
    try: import imageio_ffmpeg  # noqa: F401
    except ImportError:
        with pytest.raises(SettingError, match='imageio-ffmpeg'): small.save_mp4(tmp_path/'a.mp4')
    else: assert small.save_mp4(tmp_path/'a.mp4').stat().st_size > 1000

def test_bad_inputs(painter, tmp_path):
    (tmp_path/'empty.jpg').write_bytes(b'')
    (tmp_path/'text.jpg').write_text('hello')
    for src, msg in [(tmp_path/'empty.jpg', 'empty file'), (tmp_path/'text.jpg', 'not an image'), (tmp_path/'none.jpg', 'does not exist')]:
        with pytest.raises(SettingError, match=msg): paint(src, painter=painter, progress=False)
    with pytest.raises(SettingError, match='GiB'): paint(skdata.coffee(), size=300_000, painter=painter, progress=False)
    with pytest.raises(SettingError, match='no painter named'): paint(skdata.coffee(), painter='nonesuch', progress=False)
    with pytest.raises(SettingError, match='palette'): paint(skdata.coffee(), palette=np.ones((3, 4)), painter=painter, progress=False)
    with pytest.raises(SettingError, match='stroke_size'): paint(skdata.coffee(), stroke_size=(.8, .2), painter=painter, progress=False)

def run(cli, *args): return subprocess.run([cli, *map(str, args)], capture_output=True, text=True)

def test_cli_paint(cli, painter, photo, tmp_path):
    out = tmp_path/'p.png'
    r = run(cli, 'paint', photo, '-o', out, '--strokes', 32, '--size', 96, '--steps', 8, '--finish', 2, '--painter', painter, '--gif', '--compare', '--no-stop')
    assert r.returncode == 0, r.stderr
    assert Image.open(out).size == (96, 64) and Image.open(tmp_path/'p.gif').n_frames > 2 and (tmp_path/'p_compare.png').exists()
    assert len(json.loads((tmp_path/'p.json').read_text())['strokes']) == 32
    said = r.stderr.splitlines()      # progress in words, a line now and then (stderr is not a terminal here), nothing else
    assert [l for l in said if l.startswith('painting')][-1].startswith('painting level 2/2: 21 strokes of 24 px  step 6/6  loss '), said
    assert said[-1].startswith('finishing level 2/2 with MyPaint  step 2/2  loss '), said
    assert all(l.startswith(('painting level ', 'finishing level ')) for l in said), said
    assert r.stdout.splitlines()[-1].startswith('32 strokes in 2 levels, 16 steps (4 of them with the MyPaint engine)'), r.stdout
    r = run(cli, 'paint', photo, '-o', out, '--steps', 4, '--finish', 0, '--painter', painter, '--resume', tmp_path/'p.json', '--quiet')
    assert r.returncode == 2 and 'the strokes file being resumed' in r.stderr and 'e.g. -o ' in r.stderr, r.stderr   # it would replace p.json
    r = run(cli, 'paint', photo, '-o', tmp_path/'p_2.png', '--steps', 4, '--finish', 0, '--painter', painter, '--resume', tmp_path/'p.json', '--quiet')
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path/'p_2.json').read_text())['steps'] == 20 and json.loads((tmp_path/'p.json').read_text())['steps'] == 16
    before = Path(photo).read_bytes()
    for args, msg in [(['-o', photo], 'is the photo being painted'), (['-o', out, '--compare', photo], 'is the photo being painted'),
                      (['-o', out, '--json', out], 'are the same file'), (['-o', tmp_path/'p.txt'], 'cannot tell the image format')]:
        r = run(cli, 'paint', photo, *args, '--painter', painter, '--quiet')
        assert r.returncode == 2 and msg in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert Path(photo).read_bytes() == before                       # nothing a user made is lost
    for args, msg in [(['--palette', 'zz', '--painter', painter], '--palette'), (['--strokes', 0, '--painter', painter], 'at least one stroke'),
                      (['--painter', 'nonesuch'], 'no painter named'), (['--size', 300_000, '--painter', painter], 'GiB')]:
        r = run(cli, 'paint', photo, '-o', out, *args, '--quiet')
        assert r.returncode == 2 and msg in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    r = run(cli, 'paint', tmp_path/'missing.jpg', '-o', out, '--painter', painter)
    assert r.returncode == 2 and 'does not exist' in r.stderr and 'Traceback' not in r.stderr

def test_cli_paint_ctrl_c_keeps_the_strokes(cli, interruptible, painter, photo, tmp_path):
    out = tmp_path/'p.png'
    p = interruptible([cli, 'paint', str(photo), '-o', str(out), '--strokes', '64', '--size', '128', '--steps', '5000', '--no-stop',
                          '--painter', str(painter)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ, PYTHONUNBUFFERED='1'))
    deadline = time.time() + 120
    buf = ''
    # wait for the progress line ('... step 12/4,970 ...': a level's steps less its finishing ones), so painting has started
    while time.time() < deadline and not re.search(r'step [\d,]+/', buf):
        buf += p.stderr.read(1) or ''
    time.sleep(3)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 130, err
    assert '--resume' in err and '-o ' in err and out.exists()
    d = read_strokes(tmp_path/'p.json')
    plan = d['settings']['levels']
    assert 0 < d['steps'] < 5000 * len(plan) and not all(l['done'] for l in plan), plan   # stopped part-way, and says so

def test_version_1_files_load_replay_and_resume(painter, photo, tmp_path):
    "Strokes files of version 1 (strokes on grids of tiles) still load, replay and resume; what comes back is written as version 2."
    from neural_painter_x.canvas import Layout, STROKES_FORMAT
    from neural_painter_x.core import ACTION_NAMES
    from neural_painter_x.replay import replay
    L = Layout(85, 128, 40, grids=((64, 0), (64, 32)))
    acts = np.random.default_rng(5).uniform(.2, .8, (40, 12))
    v1 = dict(format=STROKES_FORMAT, version=1, canvas=L.to_dict(), stroke_size=64, painter=dict(name=str(painter), brush='classic/dry_brush'),
              steps=5, loss=None, settings=dict(finish=0),
              strokes=[dict(tile=dict(x=x, y=y, size=t), **dict(zip(ACTION_NAMES, a.round(6).tolist()))) for (y, x, t), a in zip(L.tiles.tolist(), acts)])
    f = tmp_path/'v1.json'; f.write_text(json.dumps(v1))
    q = Painting.load(f)
    assert q.n == 40 and q.place.margin == 0 and (q.place.size == 64).all() and q.image.shape == (85, 128, 3)
    assert np.allclose(q.place.corners()[:, ::-1], L.tiles[:, :2])          # each stroke where its tile was
    assert (q.image < 250).any()                                             # its strokes are drawn
    r = replay(f)
    assert r.image().shape == (85, 128, 3) and len(r.layers) == 2 and r.clip  # one layer per grid, strokes cut at their tiles as before
    g = paint(photo, steps=5, resume=f, stall=None, finish=0, progress=False)
    n0 = L.grids[0]['n']
    assert g.steps == 10 and g.n == 40 and np.allclose(g.actions[:n0], acts[:n0], atol=1e-5)   # the first grid stays, the last is refined
    assert json.loads(g.save_strokes(tmp_path/'v2.json').read_text())['version'] == 2

def test_box_means_equal_the_blurred_photo():
    "The starting colours' box means, from a summed-area table, equal avg_pool2d's blur at those pixels (float32 pooling: 1e-5)."
    from neural_painter_x.painting import box_means
    im, rng = torch.rand(3, 90, 77), np.random.default_rng(0)
    for k in (1, 2, 5, 16, 64):
        x, y = rng.integers(0, 77, 200), rng.integers(0, 90, 200)
        blur = F.avg_pool2d(im[None], k, stride=1, padding=k // 2, count_include_pad=False)[0]
        assert torch.allclose(box_means(im, x, y, k), blur[:, y, x], atol=1e-5), k

def test_large_strokes_on_a_shrunken_canvas(painter, photo):
    "A level of large squares is optimised on a canvas shrunk by its scale; its strokes come back in full-canvas pixels, the snapshots at full size."
    p = paint(photo, strokes=24, size=128, steps=8, finish=2, painter=painter, min_square=32, snapshots=(2, 14), stall=None, progress=False)
    lv = p.settings['levels']
    assert [l['scale'] for l in lv] == [2 ** (len(lv) - 1 - i) for i in range(len(lv))] and lv[0]['scale'] >= 2, lv
    assert sorted(p.snapshots) == [2, 14] and all(s.shape == p.image.shape for s in p.snapshots.values())
    first = p.place.pos[p.place.level == 0]
    assert (first >= 0).all() and (first <= [p.place.w, p.place.h]).all() and first[:, 0].max() > p.place.w / 2   # spread over the whole canvas
    assert np.abs(p.render().astype(int) - p.image.astype(int)).max() <= 1      # the painting is its strokes, drawn again
    with pytest.raises(SettingError, match='min_square'): paint(photo, strokes=4, size=64, painter=painter, min_square=-1, progress=False)
