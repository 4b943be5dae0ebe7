"Replay in the real MyPaint engine: paintings of the shipped painter drawn again at scales 1 and 2, OpenRaster files, the CLI."
import json, subprocess, sys, zipfile
from xml.etree import ElementTree as ET
import numpy as np, pytest
from PIL import Image
from neural_painter_x.core import SettingError
from neural_painter_x.painting import paint, Painting, SAMPLE_PHOTO
from neural_painter_x.replay import replay, replay_gap, image_gap, read_ora

@pytest.fixture(scope='module')
def paintings(engine, tmp_path_factory):
    "The sample photo painted twice from the same start: without and with finishing steps that see the engine's strokes."
    d = tmp_path_factory.mktemp('paintings')
    out = {}
    for finish in (0, 15):
        p = paint(SAMPLE_PHOTO, strokes=64, size=96, steps=30, finish=finish, progress=False)
        p.save_strokes(d/f'finish{finish}.json')
        out[finish] = p, d/f'finish{finish}.json'
    return out

def test_replay_at_scale_1_is_close_to_the_painting(paintings):
    (p0, f0), (p1, f1) = paintings[0], paintings[15]
    assert all(l['finish'] == 15 for l in p1.settings['levels']) and p0.settings['finish'] == 0
    r0, r1 = replay(f0), replay(f1)                                  # from the strokes files: brush and places from the file
    assert r1.brush == 'classic/dry_brush' and r1.image().shape == p1.image.shape and len(r1.layers) == len(np.unique(p1.place.level))
    g0, g1 = image_gap(p0.image, r0.image()), image_gap(p1.image, r1.image())
    blank = image_gap(p0.image, np.full_like(p0.image, 255))
    assert g0['psnr'] > blank['psnr'] + 5 and g0['ssim'] > .6, (g0, blank)    # the painter's strokes are near the engine's
    assert g1['psnr'] > 45 and g1['ssim'] > .999, (g1, g0)                       # finished with the engine, the painting is its replay
    assert np.abs(r1.image().astype(int) - p1.image).max() <= 4   # 16-bit layers against float blends, where many strokes overlap
    assert replay_gap(p1)['psnr'] > 45                                            # the same from the Painting (unrounded actions)

def test_replay_at_scale_2_draws_real_strokes_twice_as_large(paintings):
    p, f = paintings[15]
    r1, r2 = replay(f), replay(f, scale=2)
    assert r2.image().shape == (2 * p.image.shape[0], 2 * p.image.shape[1], 3)
    assert image_gap(r1.image(), r2.image())['psnr'] > 20                       # the same picture, area-averaged back
    up = np.asarray(r1.pil().resize((r2.w, r2.h), Image.BILINEAR)).astype(float)
    assert np.abs(up - r2.image()).mean() > 2                                   # drawn by the engine, not upscaled
    assert replay(f, scale=2).image().tobytes() == r2.image().tobytes()          # deterministic

def test_openraster_file_is_a_valid_zip_with_stack_and_layers(paintings, tmp_path):
    p, f = paintings[15]
    r = replay(f, scale=2)
    o = r.save(tmp_path/'p.ora')
    assert zipfile.is_zipfile(o)
    with zipfile.ZipFile(o) as z:
        first = z.infolist()[0]
        assert first.filename == 'mimetype' and first.compress_type == zipfile.ZIP_STORED and z.read(first) == b'image/openraster'
        root = ET.fromstring(z.read('stack.xml'))
        assert root.tag == 'image' and (int(root.get('w')), int(root.get('h'))) == (r.w, r.h)
        layers = list(root.iter('layer'))
        assert len(layers) == len(np.unique(p.place.level)) + 1 and layers[-1].get('name') == 'background'
        for e in layers:
            im = Image.open(z.open(e.get('src')))
            assert im.mode == 'RGBA' and im.size == (r.w, r.h)
        assert Image.open(z.open('Thumbnails/thumbnail.png')).size[0] <= 256
    back = read_ora(o)
    assert np.array_equal(np.asarray(back['merged']), r.image())
    (tmp_path/'x.ora').write_text('no zip')
    with pytest.raises(SettingError, match='not a readable OpenRaster'): read_ora(tmp_path/'x.ora')

def run(cli, *args): return subprocess.run([cli, *map(str, args)], capture_output=True, text=True)

def test_cli_replay_and_paint_ora(cli, paintings, tmp_path):
    p, f = paintings[15]
    out = tmp_path/'big.png'
    r = run(cli, 'replay', f, '--scale', 2, '-o', out, '--ora', '--gap', '--quiet')
    assert r.returncode == 0, r.stderr
    assert Image.open(out).size == (2 * p.image.shape[1], 2 * p.image.shape[0]) and zipfile.is_zipfile(tmp_path/'big.ora')
    assert 'PSNR' in r.stdout and 'classic/dry_brush' in r.stdout
    r = run(cli, 'replay', f, '-o', tmp_path/'only.ora', '--quiet')
    assert r.returncode == 0 and read_ora(tmp_path/'only.ora')['size'] == (p.image.shape[1], p.image.shape[0])
    for args, msg in [(['--scale', 0], 'scale must be'), (['-o', tmp_path/'noext'], 'give the file name')]:
        r = run(cli, 'replay', f, *args, '--quiet')
        assert r.returncode == 2 and msg in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    before = f.read_bytes()
    r = run(cli, 'replay', f, '-o', tmp_path/'a.png', '--ora', f, '--quiet')
    assert r.returncode == 2 and 'is the strokes file being replayed' in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    r = run(cli, 'replay', f, '-o', tmp_path/'a.ora', '--ora', tmp_path/'a.ora', '--quiet')   # -o .ora is the OpenRaster file already
    assert r.returncode == 0, r.stderr
    assert f.read_bytes() == before
    r = run(cli, 'replay', f, '-o', tmp_path/'said.png')
    said = r.stderr.splitlines()
    assert r.returncode == 0 and said and all(l.startswith('drawing strokes with MyPaint  ') for l in said), said
    assert said[-1].startswith(f'drawing strokes with MyPaint  {p.n}/{p.n}  '), said
    r = run(cli, 'replay', tmp_path/'big.png', '--quiet')
    assert r.returncode == 2 and 'not a strokes file' in r.stderr and 'Traceback' not in r.stderr
    r = run(cli, 'paint', '-o', tmp_path/'s.png', '--strokes', 16, '--size', 64, '--steps', 3, '--finish', 2, '--ora', '--quiet')
    assert r.returncode == 0, r.stderr
    assert '(2 of them with the MyPaint engine)' in r.stdout and len(read_ora(tmp_path/'s.ora')['layers']) >= 2
    assert json.loads((tmp_path/'s.json').read_text())['settings']['finish'] == 2

def test_replay_starts_without_torch(engine, paintings, tmp_path):
    "Replaying, like the other commands that neither train nor paint, imports neither torch nor fastai."
    code = ("import sys, warnings; from neural_painter_x.cli import main; n = len(warnings.filters); "
            f"assert main(['replay', {str(paintings[0][1])!r}, '-o', {str(tmp_path/'r.png')!r}, '--quiet']) == 0; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'fastai', 'fastprogress'}), len(warnings.filters) - n)")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == '[] 0', r.stdout     # no torch, no fastai, and the caller's warning filters untouched
