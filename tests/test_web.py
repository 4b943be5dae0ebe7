"The web page end to end: a real server (Gradio) on localhost, driven by Gradio's own client."
import socket, threading, time
from pathlib import Path
import numpy as np, pytest
from PIL import Image

gradio = pytest.importorskip('gradio', reason="the web page needs the [web] extra: pip install -e '.[web]'")
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from neural_painter_x.painting import Painting, SAMPLE_PHOTO
from neural_painter_x.web import serve

def free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture(scope='module')
def server(engine):
    page = serve(port=free_port(), block=False)
    yield page
    page.close()

@pytest.fixture
def photos(tmp_path):
    im = Image.open(SAMPLE_PHOTO).convert('RGB')
    a, b = tmp_path/'astronaut.png', tmp_path/'flipped.png'
    im.resize((96, 96)).save(a); Image.fromarray(255 - np.array(im.resize((96, 96)))).save(b)   # a photo and its negative
    (tmp_path/'notes.txt').write_text('not a photo')
    return a, b, tmp_path/'notes.txt'

SMALL = dict(strokes=32, size=64, painter='dry_brush', colours='colour', k=8)
def ask(c, photo, **kw):
    s = dict(SMALL, **kw)
    return c.predict(photo and handle_file(str(photo)), s['strokes'], s['size'], s['painter'], s['colours'], s['k'], api_name='/paint')

def test_paints_and_offers_every_file(server, photos):
    c = Client(server.local_url, verbose=False)
    canvas, status, files = ask(c, photos[0])
    assert status.startswith('done: 32 strokes'), status
    names = sorted(Path(f).name for f in files)
    assert names == ['painting.gif', 'painting.json', 'painting.ora', 'painting.png', 'painting.svg']
    png = np.array(Image.open(next(f for f in files if f.endswith('.png'))))
    assert png.shape == (64, 64, 3) and png.std() > 10                      # a painting, not a blank canvas
    np.testing.assert_array_equal(np.array(Image.open(canvas))[..., :3], png)   # what the page shows is what it gives
    redrawn = Painting.load(next(f for f in files if f.endswith('.json'))).image   # the strokes file paints the same picture
    assert np.abs(redrawn.astype(int) - png).mean() < 1.0
    assert not list(server.npx_root.glob('job_*')), "a finished job left its folder"
    big, status, _ = c.predict(2, api_name='/replay')                       # the same strokes drawn by MyPaint twice as large
    assert status.startswith('replayed by MyPaint at scale 2') and Image.open(big).size == (128, 128)
    assert not list(server.npx_root.glob('job_*')), "a replay left its folder"

def test_bad_input_is_one_line_and_the_page_goes_on(server, photos):
    c = Client(server.local_url, verbose=False)
    _, status, files = ask(c, photos[2])
    assert status.startswith('Error: the uploaded file notes.txt is not an image') and files is None, status
    assert '/' not in status.split('notes.txt')[0]                          # no server folder in the message
    for kw, msg in ((dict(strokes=5), 'is less than minimum value 16'), (dict(size=5000), 'is greater than maximum value 1024'),
                    (dict(painter='oils'), 'oils')):   # Gradio's own checks of its fields: one line, no traceback
        with pytest.raises(AppError, match=msg) as e: ask(c, photos[0], **kw)
        assert 'Traceback' not in str(e.value)
    assert c.predict(api_name='/resume')[1].startswith('Error: no stopped painting to resume')
    assert ask(c, photos[0])[1].startswith('done')                          # and then it paints

def test_two_tabs_each_get_their_own_painting(server, photos):
    a, b = Client(server.local_url, verbose=False), Client(server.local_url, verbose=False)
    ja, jb = (c.submit(handle_file(str(p)), 32, 64, 'dry_brush', 'colour', 8, api_name='/paint') for c, p in ((a, photos[0]), (b, photos[1])))
    ra, rb = ja.result(timeout=300), jb.result(timeout=300)
    pa, pb = (np.array(Image.open(r[2][[Path(f).name for f in r[2]].index('painting.png')])).astype(float) for r in (ra, rb))
    ta, tb = (np.array(Image.open(p).resize((64, 64))).astype(float) for p in photos[:2])
    assert np.abs(pa - ta).mean() < np.abs(pa - tb).mean() and np.abs(pb - tb).mean() < np.abs(pb - ta).mean()   # each its own photo

def test_stop_then_resume(server, photos):
    c = Client(server.local_url, verbose=False)
    job = c.submit(handle_file(str(photos[0])), 96, 64, 'dry_brush', 'grey', 8, api_name='/paint')
    t0 = time.time()
    while not any(' strokes of ' in str(o[1]) for o in job.outputs()):   # the canvas is filling in
        assert time.time() - t0 < 120 and not job.done(), job.outputs()
        time.sleep(0.2)
    c.predict(api_name='/stop')
    canvas, status, files = job.result(timeout=300)
    assert status.startswith('stopped after') and status.endswith('press Resume to go on'), status
    steps = int(status.split('after ')[1].split(' ')[0])
    canvas, status, files = c.predict(api_name='/resume')
    assert status.startswith('done: 96 strokes'), status
    assert Painting.load(next(f for f in files if f.endswith('.json'))).steps > steps

@pytest.mark.parametrize('args, msg', [(['--max-jobs', '0'], '--max-jobs must be at least 1, got 0'), (['--port', '70000'], '--port must be from 0 to 65535'),
                                       (['--device', 'gpu'], "--device 'gpu' is not a device")])
def test_web_command_errors_are_one_line(args, msg, capsys):
    from neural_painter_x.cli import main
    assert main(['web', *args]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"neural-painter-x: error: {err.split('error: ', 1)[1].strip()}" and msg in err and 'Traceback' not in err
