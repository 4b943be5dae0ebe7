"End-to-end checks of stroke rendering on the real libmypaint."
import os, subprocess, sys
import numpy as np, pytest
from neural_painter_x.core import ActionError, BrushError, ACTION_INDEX
from neural_painter_x.engine import (StrokeRenderer, StrokePool, render_stroke, render_strokes, find_brush,
                                     list_brushes, stroke_path)

def action(**kw):
    "A straight stroke across the middle, with fields overridden by name."
    a = dict(pressure=.8, size=.5, control_x=.5, control_y=.5, end_x=.8, end_y=.5, color_r=1., color_g=0., color_b=0.,
             start_x=.2, start_y=.5, entry_pressure=.6)
    a.update(kw)
    out = np.zeros(12)
    for k, v in a.items(): out[ACTION_INDEX[k]] = v
    return out

def ink(s, level=245): return (s < level).any(-1)

@pytest.mark.parametrize('rgb', [(1, 0, 0), (0, .6, 0), (0, 0, 1)])
def test_stroke_has_the_action_colour(engine, rgb):
    s = render_stroke(action(color_r=rgb[0], color_g=rgb[1], color_b=rgb[2]))
    m = s[ink(s)].astype(float).mean(0)
    c = int(np.argmax(rgb))
    assert m[c] > np.delete(m, c).max() + 50, m

def test_stroke_extent_follows_the_action(engine):
    s = render_stroke(action())
    ys, xs = np.nonzero(ink(s))
    assert 300 < len(xs) < 2500                         # a stroke, neither a dot nor a flood
    assert xs.min() <= 16 and xs.max() >= 47            # from x = 0.2 x 64 to 0.8 x 64
    assert abs(ys.mean() - 32) < 3 and ys.max() - ys.min() < 30
    v = render_stroke(action(start_x=.5, start_y=.2, end_x=.5, end_y=.8))   # the same stroke turned upright
    ys, xs = np.nonzero(ink(v))
    assert ys.min() <= 16 and ys.max() >= 47 and abs(xs.mean() - 32) < 3

def test_size_and_curve(engine):
    thin, thick = render_stroke(action(size=.1)), render_stroke(action(size=.9))
    assert ink(thick).sum() > 2 * ink(thin).sum()
    bent = render_stroke(action(control_y=.1))          # control point above: the curve bows up
    assert np.nonzero(ink(bent))[0].mean() < 28

def test_same_bytes_any_order_any_process(engine):
    acts = np.random.default_rng(5).random((300, 12))
    pooled = render_strokes(acts, n_workers=2)
    r = StrokeRenderer()
    backwards = np.stack([r(a) for a in acts[::-1]])[::-1]
    assert pooled.tobytes() == backwards.tobytes()
    assert (pooled < 250).any(-1).mean() > .05           # not blank

def test_scale(engine):
    a = action(control_y=.3)
    s1, s2 = render_stroke(a), render_stroke(a, scale=2)
    assert s2.shape == (128, 128, 3)
    down = s2.reshape(64, 2, 64, 2, 3).mean((1, 3))
    assert np.abs(down - s1).mean() < 10                  # the same stroke, twice the size
    assert abs(ink(s2).sum() / ink(s1).sum() - 4) < 1.2   # covering four times the pixels
    with pytest.raises(ActionError, match='scale must be'): StrokeRenderer(scale=0)

def test_prelude_changes_pixels_only_a_little(engine):
    acts = np.random.default_rng(1).random((50, 12))
    d = np.abs(render_strokes(acts).astype(int) - render_strokes(acts, prelude=False)).mean()
    assert 0 < d < 10

def test_brushes_by_name_and_path(engine):
    assert 'classic/dry_brush' in list_brushes() and 'classic/pencil' in list_brushes()
    a = action()
    assert render_stroke(a, brush=find_brush('classic/dry_brush')).tobytes() == render_stroke(a).tobytes()
    pencil = render_stroke(a, brush='classic/pencil')
    assert pencil.tobytes() != render_stroke(a).tobytes() and ink(pencil).sum() < ink(render_stroke(a)).sum()

def test_bad_brushes(engine, tmp_path):
    with pytest.raises(BrushError, match="brush 'nope' not found"): render_stroke(action(), brush='nope')
    with pytest.raises(BrushError, match='does not exist'): render_stroke(action(), brush=tmp_path/'x.myb')
    bad = tmp_path/'bad.myb'; bad.write_text('this is not a brush')
    with pytest.raises(BrushError, match='not a MyPaint brush file'): StrokeRenderer(bad)

@pytest.mark.parametrize('bad,msg', [(np.zeros(11), r'shape \(N, 12\)'), (action(size=1.2), 'field size is 1.2'),
                                     (action(end_x=np.nan), 'field end_x is nan'), (action(color_b=-0.1), 'field color_b')])
def test_bad_actions(engine, bad, msg):
    with pytest.raises(ActionError, match=msg): render_stroke(bad)
    with pytest.raises(ActionError, match=msg): render_strokes(np.stack([action(), bad]) if bad.shape == (12,) else bad)

def test_missing_engine_says_how_to_install():
    code = ("from neural_painter_x.engine import render_stroke\nimport numpy as np\n"
            "try: render_stroke(np.full(12, .5))\nexcept Exception as e: print(type(e).__name__, e)")
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                         env={**os.environ, 'NEURAL_PAINTER_LIBMYPAINT': '/nonexistent/libmypaint.so'}).stdout
    assert out.startswith('EngineUnavailable') and 'apt-get install libmypaint-1.5-1 mypaint-brushes' in out, out

def test_path_matches_the_procedure():
    p = stroke_path(action(control_x=.5, control_y=.2), prelude=False)
    assert p[0, 2] == 0 and p[-1, 2] == 0                     # moves without paint, lifts at the end
    assert np.allclose(p[-2, :2], [.8 * 64, 32])              # ends at the end point
    assert p[2:-1, 1].min() < 32 - 10                          # bows towards the pushed-out control point
