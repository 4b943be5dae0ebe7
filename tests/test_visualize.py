"Class visualisations end to end: the command as a user runs it, with the real painter, engine and classifiers."
from conftest import in_process
import json, subprocess
import numpy as np, pytest
from PIL import Image
from neural_painter_x.painting import Painting
from neural_painter_x.replay import replay

def run(cli, *args, **kw): return subprocess.run([cli, *map(str, args)], capture_output=True, text=True, **kw)

def test_visualize_command_writes_painting_strokes_and_gif(engine, cli, tmp_path):
    out = tmp_path/'star.png'
    r = run(cli, 'visualize', 'Starfish', '-o', out, '--steps', 12, '--finish', 4, '--strokes', 12, '--gif', '--quiet',
            '--restarts', 2, '--colors', 'mixed')   # two starts, the better kept
    assert r.returncode == 0, r.stderr
    im = np.asarray(Image.open(out))
    assert im.shape == (64, 64, 3) and im.std() > 5                     # strokes on the paper, not a blank canvas
    d = json.loads((tmp_path/'star.json').read_text())
    assert d['settings']['visualize']['name'] == 'starfish' and d['settings']['visualize']['classifiers'] == ['lite0', 'lite1']
    v = d['settings']['visualize']
    assert v['restarts'] == 2 and len(v['scores']) == 2 and v['score'] == max(v['scores'])
    assert (d['settings']['seed'], v['colors']) in ((0, 'grey'), (1, 'random'))
    assert Image.open(tmp_path/'star.gif').n_frames > 2
    assert 'the judge (EfficientNet-Lite2, not in the ensemble) ranks starfish' in r.stdout, r.stdout
    p = Painting.load(tmp_path/'star.json')                                # the strokes file is a painting's: it loads and replays
    assert p.n == 12 and p.finished_levels()
    assert np.abs(p.image.astype(int) - im.astype(int)).mean() < 1         # drawn again the same (the engine where it finished)
    assert replay(p).image().shape == (64, 64, 3)

@pytest.mark.parametrize('args,msg', [
    (['visualize', 'expresso'], "unknown ImageNet class 'expresso': the closest names are espresso"),
    (['visualize', 'espresso', '--steps', '0', '-o', '{t}/e.png'], 'steps must be at least 1'),
    (['visualize', 'espresso', '--restarts', '0', '-o', '{t}/e.png'], 'restarts must be at least 1'),
    (['visualize', 'espresso', '-o', '{t}/e'], 'give the painting\'s file name with its format'),
])
def test_visualize_errors_are_one_line(   # more cases, in process: nbs/10_visualize.ipynb
        engine, cli, tmp_path, args, msg):
    r = in_process(*[a.format(t=tmp_path) for a in args])
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith('neural-painter-x: error: ') and msg in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and 'Traceback' not in r.stderr

def test_the_package_gives_the_function():
    import neural_painter_x.visualization                                  # the module is named otherwise: no clash with the function
    from neural_painter_x import visualize, paint
    assert visualize is neural_painter_x.visualization.visualize and callable(paint)
