"Property-based tests (hypothesis) of the readers an upload reaches: photos of any mode, size and damage, and strokes files with any field missing, wrong or out of range, each end in a result or a one-line error, never another exception."
import copy, io, json, math, os
from pathlib import Path
import numpy as np, pytest, torch
from PIL import Image
from hypothesis import given, settings, strategies as st, HealthCheck
from neural_painter_x.core import NeuralPainterError
from neural_painter_x.photo import photo_image, load_photo

MODES = ['1', 'L', 'P', 'RGB', 'RGBA', 'CMYK', 'LA', 'I;16', 'I', 'F', 'YCbCr']
FORMATS = ['PNG', 'JPEG', 'GIF', 'BMP', 'TIFF', 'WEBP']
SETTINGS = settings(max_examples=int(os.environ.get("NPX_EXAMPLES", 60)),   # NPX_EXAMPLES=1000 searches longer
                     deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

def one_line(e): assert isinstance(e, NeuralPainterError) and '\n' not in str(e) and str(e), repr(e)

@st.composite
def image_files(draw):
    "The bytes of an image file of any mode, size and format, maybe damaged: truncated, bytes changed, or an animated GIF."
    mode, fmt = draw(st.sampled_from(MODES)), draw(st.sampled_from(FORMATS))
    w, h = draw(st.integers(1, 48)), draw(st.integers(1, 48))
    seed = draw(st.integers(0, 2**16))
    a = np.random.default_rng(seed).integers(0, 256, (h, w, 3), dtype=np.uint8)
    im = Image.fromarray(a).convert(mode) if mode not in ('I;16', 'I', 'F') else Image.fromarray(a[..., 0].astype(np.uint16) * 257).convert(mode)
    buf = io.BytesIO()
    try:
        if fmt == 'GIF' and draw(st.booleans()): im.convert('P').save(buf, format='GIF', save_all=True, append_images=[im.convert('P').rotate(90)])
        else: im.save(buf, format=fmt)
    except (OSError, ValueError, KeyError, TypeError): buf = io.BytesIO(); im.convert('RGB').save(buf, format='PNG')   # this format cannot hold this mode
    data = bytearray(buf.getvalue())
    damage = draw(st.sampled_from(['none', 'truncate', 'flip', 'header']))
    if damage == 'truncate': data = data[:draw(st.integers(0, len(data) - 1))]
    elif damage == 'flip':
        for i in draw(st.lists(st.integers(0, len(data) - 1), min_size=1, max_size=8)): data[i] ^= 0xFF
    elif damage == 'header': data = data[:8] + bytes(draw(st.binary(min_size=0, max_size=40))) + data[8:]
    return bytes(data)

@SETTINGS
@given(data=image_files())
def test_any_photo_is_read_or_refused_in_one_line(tmp_path, data):
    p = tmp_path/'upload'
    p.write_bytes(data)
    try: im = photo_image(p)
    except Exception as e: return one_line(e)
    assert im.mode == 'RGB' and im.width >= 1 and im.height >= 1
    x = load_photo(im, 16)
    assert x.shape[0] == 3 and max(x.shape[1:]) == 16 and 0 <= float(x.min()) and float(x.max()) <= 1 and not torch.isnan(x).any()

@pytest.fixture(scope='module')
def strokes_file(engine, tmp_path_factory):
    from neural_painter_x.painting import paint, SAMPLE_PHOTO
    p = paint(SAMPLE_PHOTO, strokes=16, size=32, steps=3, finish=0, progress=False)
    return json.loads(p.save_strokes(tmp_path_factory.mktemp('s')/'s.json').read_text())

def paths(d, at=()):
    "Every place in a JSON document: (keys...) of dict fields and list items."
    if isinstance(d, dict):
        for k, v in d.items(): yield at + (k,); yield from paths(v, at + (k,))
    elif isinstance(d, list):
        for i, v in enumerate(d[:3]): yield at + (i,); yield from paths(v, at + (i,))

WRONG = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
                  st.text(max_size=8), st.lists(st.integers(-5, 5), max_size=4), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))

@SETTINGS
@given(data=st.data())
def test_any_strokes_file_is_read_or_refused_in_one_line(strokes_file, tmp_path, data):
    from neural_painter_x.painting import Painting
    d = copy.deepcopy(strokes_file)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(list(paths(d)) or [()]))
        if not where: break
        parent = d
        for k in where[:-1]: parent = parent[k]
        if data.draw(st.booleans()) and isinstance(parent, dict): del parent[where[-1]]     # a field missing
        else: parent[where[-1]] = data.draw(WRONG)                                          # a field wrong or out of range
    f = tmp_path/'s.json'
    f.write_text(json.dumps(d, allow_nan=True))
    try: p = Painting.load(f)
    except Exception as e: return one_line(e)
    assert p.image.shape == (p.place.h, p.place.w, 3) and p.image.dtype == np.uint8

def test_strokes_files_that_are_not_json(tmp_path):
    from neural_painter_x.painting import Painting
    for i, raw in enumerate([b'', b'\xff\xfe\x00', b'{"format": ', b'[1, 2, 3]', b'"text"', b'null', b'{}']):
        (tmp_path/f'{i}.json').write_bytes(raw)
        with pytest.raises(NeuralPainterError) as e: Painting.load(tmp_path/f'{i}.json')
        one_line(e.value)
