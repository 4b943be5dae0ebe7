"The VAE painter end to end: trained by the command, then painting, loading and replaying like any painter (real engine, real data)."
import json, subprocess
import numpy as np, pytest
from neural_painter_x.data import generate_strokes
from neural_painter_x.painting import paint, Painting, SAMPLE_PHOTO
from neural_painter_x.painters import load_painter
from neural_painter_x.vae import VAEPainter, load_vae, load_vae_painter
from neural_painter_x.replay import replay

@pytest.fixture(scope='module')
def vae_run(engine, tmp_path_factory):
    t = tmp_path_factory.mktemp('vae')
    generate_strokes(t/'d', n=400, shard_size=400, seed=12, progress=False)   # whole strokes (96 px), as the shipped painters draw them
    return t

def test_train_vae_command_then_paint_and_replay(cli, vae_run, tmp_path):
    r = subprocess.run([cli, 'train', 'vae', '--data', str(vae_run/'d'), '--out', str(vae_run/'run'), '--epochs', '1', '--bs', '32', '--quiet'],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (vae_run/'run'/'vae.pth').exists() and (vae_run/'run'/'vae_painter.pth').exists()
    assert f"--painter {vae_run/'run'/'vae_painter.pth'}" in r.stdout, r.stdout
    assert load_vae(vae_run/'run'/'vae.pth').nz == 64
    gen, info = load_painter(vae_run/'run'/'vae_painter.pth')
    assert isinstance(gen, VAEPainter) and info['margin'] == 16 and info.get('brush') == 'classic/dry_brush'   # the brush, for the engine's finish and replay
    p = paint(SAMPLE_PHOTO, strokes=12, size=64, steps=6, finish=2, painter=str(vae_run/'run'/'vae_painter.pth'), progress=False)
    assert p.image.shape == (64, 64, 3) and p.settings['finish'] > 0
    p.save_strokes(tmp_path/'p.json')
    q = Painting.load(tmp_path/'p.json')
    assert isinstance(q.gen, VAEPainter) and q.n == 12
    assert np.abs(q.image.astype(int) - p.image.astype(int)).mean() < 1
    assert replay(q).image().shape == (64, 64, 3)
    r = subprocess.run([cli, 'train', 'vae', '--data', str(vae_run/'d'), '--out', str(vae_run/'run'), '--epochs', '1', '--nz', '32', '--quiet'],
                       capture_output=True, text=True)                      # resuming with another shape is refused in one line
    assert r.returncode == 2 and 'nz=64' in r.stderr and 'Traceback' not in r.stderr, r.stderr
