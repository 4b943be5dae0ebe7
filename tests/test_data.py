"End-to-end checks of stroke data: shards made with the real engine, Kaggle-format shards, custom folders, DataLoaders."
import os
import numpy as np, pandas as pd, pytest, torch
from PIL import Image
from neural_painter_x.core import StrokeDataError, ACTION_NAMES
from neural_painter_x.engine import render_stroke, render_strokes
from neural_painter_x.data import (StrokeData, generate_strokes, load_shard, load_strokes, shard_len, shard_actions,
                                   save_shard, load_stroke_folder, save_stroke_folder, download_shards)
from neural_painter_x.training import stroke_dls

def npz_bytes(paths): return [p.read_bytes() for p in paths]

def test_generate_is_reproducible_and_resumes(engine, tmp_path):
    a, b = tmp_path/'a', tmp_path/'b'
    pa = generate_strokes(a, n=250, shard_size=100, seed=7, n_workers=2, progress=False)
    pb = generate_strokes(b, n=250, shard_size=100, seed=7, n_workers=1, progress=False)
    assert [p.name for p in pa] == ['episodes_0.npz', 'episodes_1.npz', 'episodes_2.npz']
    for x, y in zip(pa, pb):                 # same seed, same strokes, whatever the number of workers
        dx, dy = load_shard(x), load_shard(y)
        assert (dx.actions == dy.actions).all() and (dx.strokes == dy.strokes).all()
    d1 = load_shard(pa[1])
    assert d1.margin == 16 and (d1.strokes[3] == render_stroke(d1.actions[3], margin=16)).all()   # whole strokes by default
    # a run killed mid-write leaves at most a temporary file, never a half shard; the next run finishes the job
    old = load_shard(pa[1]); pa[1].unlink()
    (a/'.episodes_1.npz.x1y2.partial').write_bytes(b'half')
    before = pa[0].stat().st_mtime_ns
    generate_strokes(a, n=250, shard_size=100, seed=7, n_workers=1, progress=False)
    assert pa[0].stat().st_mtime_ns == before                      # finished shards are skipped
    assert (load_shard(pa[1]).strokes == old.strokes).all()        # the missing one is made again, identically
    assert not list(a.glob('*.partial'))
    # asking for more strokes extends the set: the short last shard is completed, earlier strokes unchanged
    generate_strokes(a, n=320, shard_size=100, seed=7, n_workers=1, progress=False)
    assert [shard_len(p) for p in sorted(a.glob('episodes_*.npz'))] == [100, 100, 100, 20]
    assert (load_shard(a/'episodes_2.npz').strokes[:50] == load_shard(pb[2]).strokes).all()

def test_generate_refuses_to_mix_settings(engine, tmp_path):
    generate_strokes(tmp_path, n=20, shard_size=10, seed=1, n_workers=1, progress=False)
    with pytest.raises(StrokeDataError, match=r"brush='classic/dry_brush' \(asked 'classic/pencil'\)"):
        generate_strokes(tmp_path, n=20, shard_size=10, seed=1, brush='classic/pencil', progress=False)
    other = tmp_path/'other'; other.mkdir()
    save_shard(other/'episodes_0.npz', load_shard(tmp_path/'episodes_0.npz'))
    with pytest.raises(StrokeDataError, match='not made here'):
        generate_strokes(other, n=20, shard_size=10, progress=False)
    with pytest.raises(StrokeDataError, match='n must be at least 1'): generate_strokes(tmp_path/'x', n=0)

def test_reads_kaggle_format(tmp_path):
    "The public shards: float64 actions, uint8 strokes, episodes_N.npz, compressed."
    rng = np.random.default_rng(0)
    acts = rng.random((30, 12))
    strokes = rng.integers(0, 256, (30, 64, 64, 3), dtype=np.uint8)
    for i in (0, 1, 10): np.savez_compressed(tmp_path/f'episodes_{i}.npz', actions=acts, strokes=strokes)
    d = load_strokes(tmp_path)
    assert len(d) == 90 and d.actions.dtype == np.float32 and d.strokes.dtype == np.uint8
    assert np.allclose(d.actions[:30], acts) and (d.strokes[60:] == strokes).all()
    assert len(load_strokes(tmp_path, limit=40)) == 40
    assert len(load_strokes(tmp_path/'episodes_10.npz')) == 30

def bad_shard(kind, path):
    acts, strokes = np.full((4, 12), .5), np.full((4, 64, 64, 3), 255, np.uint8)
    if kind == 'not a zip': path.write_bytes(b'PK but not really'); return 'not a readable .npz shard'
    if kind == 'no strokes': np.savez(path, actions=acts); return 'lacks strokes'
    if kind == 'float strokes': np.savez(path, actions=acts, strokes=strokes.astype(np.float32)); return 'strokes must be uint8'
    if kind == 'wrong size': np.savez(path, actions=acts, strokes=strokes[:, :32]); return r'\(N, S, S, 3\) with S = 64 \+ 2 x margin'
    if kind == 'nan action': acts[2, 4] = np.nan; np.savez(path, actions=acts, strokes=strokes); return 'row 2, field end_x is nan'
    if kind == 'counts': np.savez(path, actions=acts[:3], strokes=strokes); return '3 actions but 4 strokes'

@pytest.mark.parametrize('kind', ['not a zip', 'no strokes', 'float strokes', 'wrong size', 'nan action', 'counts'])
def test_bad_shards_name_the_file(tmp_path, kind):
    p = tmp_path/'episodes_3.npz'
    msg = bad_shard(kind, p)
    with pytest.raises(StrokeDataError, match=msg) as e: load_strokes(tmp_path)
    assert 'episodes_3.npz' in str(e.value) and '\n' not in str(e.value)

def test_missing_or_empty_sources(tmp_path):
    with pytest.raises(StrokeDataError, match='does not exist'): load_strokes(tmp_path/'nothing')
    with pytest.raises(StrokeDataError, match='holds no stroke data'): load_strokes(tmp_path)

@pytest.fixture
def folder(engine, tmp_path):
    acts = np.random.default_rng(3).random((6, 12)).astype(np.float32)
    save_stroke_folder(tmp_path, StrokeData(acts, render_strokes(acts)))
    return tmp_path

def test_custom_folder_round_trip(folder):
    d = load_stroke_folder(folder)
    assert len(d) == 6 and (d.strokes[2] == render_stroke(d.actions[2])).all()
    assert len(load_strokes(folder)) == 6
    a, s = stroke_dls(folder, valid_pct=.5, bs=3).train.one_batch()
    assert a.shape == (3, 12) and s.shape == (3, 3, 64, 64)

def edit_csv(folder, fn):
    df = pd.read_csv(folder/'actions.csv'); df = fn(df); df.to_csv(folder/'actions.csv', index=False)

def set_value(col, v):
    def f(df): df[col] = df[col].astype(object); df.loc[2, col] = v; return df
    return f

BAD_FOLDERS = {
    'no csv': (lambda f: (f/'actions.csv').unlink(), 'has no actions.csv'),
    'missing column': (lambda f: edit_csv(f, lambda df: df.drop(columns=['size'])), 'lacks the column.*size'),
    'nan value': (lambda f: edit_csv(f, set_value('end_y', np.nan)), r'row 3 \(stroke_000002.png\): end_y is nan'),
    'out of range': (lambda f: edit_csv(f, set_value('color_g', 1.5)), r'row 3 \(stroke_000002.png\): color_g is 1.5'),
    'not a number': (lambda f: edit_csv(f, set_value('pressure', 'high')), r"row 3 .*pressure is 'high'"),
    'missing image': (lambda f: (f/'stroke_000004.png').unlink(), r'row 5: image stroke_000004.png does not exist'),
    'extra image': (lambda f: Image.new('RGB', (64, 64), 'white').save(f/'more.png'),
                    'has 7 stroke images but actions.csv lists 6: add rows for more.png'),
    'wrong size': (lambda f: Image.new('RGB', (32, 64), 'white').save(f/'stroke_000001.png'),
                   r'stroke_000001.png \(row 2\) is 32x64, but stroke_000000.png is 64x64'),
    'wrong mode': (lambda f: Image.new('CMYK', (64, 64)).save(f/'stroke_000001.png', format='TIFF'),
                   r'stroke_000001.png \(row 2\) has mode CMYK'),
    'unreadable': (lambda f: (f/'stroke_000003.png').write_bytes(b'garbage'), r'stroke_000003.png \(row 4\) is not an image'),
    'duplicate row': (lambda f: edit_csv(f, lambda df: pd.concat([df, df.iloc[[1]]])), 'lists stroke_000001.png more than once'),
    'empty csv': (lambda f: (f/'actions.csv').write_text(''), 'not a readable CSV'),
}

@pytest.mark.parametrize('case', list(BAD_FOLDERS))
def test_bad_custom_folders(folder, case):
    spoil, msg = BAD_FOLDERS[case]
    spoil(folder)
    with pytest.raises(StrokeDataError, match=msg) as e: load_strokes(folder)
    assert '\n' not in str(e.value)

def test_dls_split_and_batches(engine, tmp_path):
    generate_strokes(tmp_path, n=200, shard_size=100, n_workers=1, progress=False)
    data = load_strokes(tmp_path)
    dls = stroke_dls(data, valid_pct=.2, bs=16, seed=3)
    ti, vi = dls.train.idxs, dls.valid.idxs
    assert len(ti) == 160 and len(vi) == 40 and not set(ti) & set(vi)
    assert (stroke_dls(data, valid_pct=.2, seed=3).valid.idxs == vi).all()   # the split is seeded
    seen = np.concatenate([a.numpy() for a, _ in dls.valid])
    assert np.array_equal(seen, data.actions[vi])                           # every held-out stroke once, in order
    a, s = dls.train.one_batch()
    assert a.dtype == s.dtype == torch.float32 and s.shape == (16, 3, 96, 96) and 0 <= s.min() <= s.max() <= 1
    assert len(dls.train) == 10                                              # drop_last: full batches only
    with pytest.raises(StrokeDataError, match='at least 2 strokes'): stroke_dls(data[:1])

def test_download_without_credentials(tmp_path, monkeypatch):
    for k in [k for k in os.environ if k.startswith('KAGGLE_')]: monkeypatch.delenv(k)
    monkeypatch.setenv('HOME', str(tmp_path)); monkeypatch.setenv('KAGGLE_CONFIG_DIR', str(tmp_path/'cfg'))
    with pytest.raises(StrokeDataError, match='no Kaggle credentials found: put kaggle.json'):
        download_shards([0], tmp_path/'out', progress=False)
    assert not list((tmp_path/'out').iterdir())

def test_download_failure_keeps_nothing_half_done(tmp_path, monkeypatch):
    "With credentials but no network (as on CI), or a refused key elsewhere: one clear sentence, no partial file."
    monkeypatch.setenv('HOME', str(tmp_path)); monkeypatch.setenv('KAGGLE_CONFIG_DIR', str(tmp_path/'cfg'))
    monkeypatch.setenv('KAGGLE_USERNAME', 'nobody'); monkeypatch.setenv('KAGGLE_KEY', '0' * 32)
    with pytest.raises(StrokeDataError, match='could not download episodes_0.npz') as e:
        download_shards([0], tmp_path/'out', progress=False)
    assert '\n' not in str(e.value)
    assert not list((tmp_path/'out').iterdir())
    with pytest.raises(StrokeDataError, match='must be 0 to 77'): download_shards([78], tmp_path/'out')
