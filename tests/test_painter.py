"The painter shipped in the package: it loads, its checksum is checked, and it draws fresh engine strokes faithfully."
import json, shutil
import numpy as np, pytest, torch
from neural_painter_x.core import SettingError
from neural_painter_x.engine import render_strokes
from neural_painter_x.data import StrokeData
from neural_painter_x.generator import fidelity, size_group
from neural_painter_x.painters import load_painter, painter_card, installed_painters, PAINTERS_DIR, DEFAULT_PAINTER, SAMPLE_PHOTO

# Bounds on 300 fresh engine strokes (seed 2026), overall and on small strokes, for each whole-stroke painter shipped. L1 < 0.008 is the
# issue's bound (a blank canvas scores about 0.02-0.04). Measured on 2,000 fresh strokes: dry_brush L1 0.0058, ink recall 0.876 (small
# strokes 0.843); dry_brush_path L1 0.0048, ink recall 0.914 (small 0.932) (BENCHMARKS.md: generator architectures, GAN mode).
BOUNDS = {'dry_brush': dict(l1=0.008, ink=0.8), 'dry_brush_path': dict(l1=0.008, ink=0.85)}

def test_shipped_painter_loads_with_its_checksum(tmp_path):
    assert DEFAULT_PAINTER in installed_painters()
    gen, info = load_painter()
    card = painter_card()
    assert info['sha256'] == card['sha256'] and card['brush'] == 'classic/dry_brush' and card['data']['strokes'] >= 100_000
    for f in ('pth', 'json'): shutil.copy(PAINTERS_DIR/f'{DEFAULT_PAINTER}.{f}', tmp_path/f'p.{f}')
    b = bytearray((tmp_path/'p.pth').read_bytes()); b[len(b) // 2] ^= 0xFF; (tmp_path/'p.pth').write_bytes(bytes(b))
    with pytest.raises(SettingError, match='is damaged'): load_painter(tmp_path/'p.pth')

@pytest.mark.parametrize('name', list(BOUNDS))
def test_shipped_painter_on_fresh_engine_strokes(engine, name):
    L1_BOUND, INK_BOUND = BOUNDS[name]['l1'], BOUNDS[name]['ink']
    acts = np.random.default_rng(2026).random((300, 12))                    # actions no training run has seen
    gen, _ = load_painter(name)
    data = StrokeData(acts.astype(np.float32), render_strokes(acts, margin=gen.margin, n_workers=1))   # strokes of the painter's margin
    f, blank = fidelity(gen, data), fidelity(None, data)
    assert f['l1'] < L1_BOUND and f['l1'] < blank['l1'] / 2, (f, blank)
    assert f['ink_recall'] > INK_BOUND and f['ink_precision'] > INK_BOUND and blank['ink_recall'] == 0, (f, blank)
    small = size_group(acts, 'small')                                        # thin strokes: faint or broken ones show here first
    fs = fidelity(gen, data[small])
    assert fs['ink_recall'] > INK_BOUND and fs['l1'] < L1_BOUND, fs

def test_paint_with_the_defaults_of_the_package():
    from neural_painter_x import paint
    p = paint(SAMPLE_PHOTO, strokes=64, size=96, steps=30, progress=False)
    assert p.painter['name'] == DEFAULT_PAINTER and p.history[-1] < 0.8 * p.history[0]
    assert p.image.shape == (96, 96, 3)
