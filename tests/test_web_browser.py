"The web page in a real browser: headless Chromium (Debian's) driven by Playwright: upload, paint, download, a wrong file."
import os, shutil, socket
from pathlib import Path
import numpy as np, pytest
from PIL import Image

pytest.importorskip('gradio', reason="the web page needs the [web] extra: pip install -e '.[web]'")
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')   # Debian's: a browser downloaded by Playwright cannot be had here
try: from playwright.sync_api import sync_playwright
except ImportError: sync_playwright = None
if CHROMIUM is None or sync_playwright is None:
    why = 'needs Debian\'s chromium (apt-get install chromium) and playwright (pip install playwright)'
    if os.environ.get('CI') == 'true': pytest.fail(f"the browser test {why}", pytrace=False)
    pytest.skip(why, allow_module_level=True)

from neural_painter_x.painting import Painting, SAMPLE_PHOTO
from neural_painter_x.web import serve

@pytest.fixture(scope='module')
def server(engine):
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
    page = serve(port=port, block=False)
    yield page
    page.close()

@pytest.fixture(scope='module')
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=['--no-sandbox'])
        yield b
        b.close()

def set_number(page, elem, value):
    box = page.locator(f'#{elem} input[type=number]')
    box.fill(str(value)); box.press('Enter')

def test_paint_in_the_browser_then_a_wrong_file(server, browser, tmp_path):
    photo = tmp_path/'photo.png'; Image.open(SAMPLE_PHOTO).convert('RGB').resize((80, 80)).save(photo)
    page = browser.new_page(accept_downloads=True)
    page.goto(server.local_url)
    page.locator('#photo input[type=file]').set_input_files(str(photo))
    set_number(page, 'strokes', 32); set_number(page, 'size', 64)
    page.click('#paint')
    page.locator('#status').get_by_text('done: 32 strokes').wait_for(timeout=180_000)
    links = page.locator('#files a[download]')
    names = sorted(links.nth(i).get_attribute('download') for i in range(links.count()))
    assert names == ['painting.gif', 'painting.json', 'painting.ora', 'painting.png', 'painting.svg'], names
    got = {}
    for name in ('painting.png', 'painting.json'):
        with page.expect_download() as d: page.locator(f'#files a[download="{name}"]').click()
        got[name] = tmp_path/name; d.value.save_as(got[name])
    png = np.array(Image.open(got['painting.png']))[..., :3]
    assert png.shape == (64, 64, 3) and png.std() > 10
    assert np.abs(Painting.load(got['painting.json']).image.astype(int) - png).mean() < 1.0   # the PNG is the painting of those strokes
    # a text file instead of a photo: one line in the page, and the page goes on working
    (tmp_path/'notes.txt').write_text('not a photo')
    page.locator('#photo button[aria-label="Clear"]').click()
    page.locator('#photo input[type=file]').set_input_files(str(tmp_path/'notes.txt'))
    page.click('#paint')
    page.locator('#status').get_by_text('Error: the uploaded file notes.txt is not an image').wait_for(timeout=60_000)
    assert 'Traceback' not in page.content()
