"""A picture of the web page for the README and nb 14_web: the sample photo painted with 256 strokes on 256 px, taken
by headless Chromium (Debian's, through Playwright). Run: python tools/web_screenshot.py [nbs/images/web_page.png]"""
import shutil, socket, sys
from pathlib import Path
from PIL import Image
from playwright.sync_api import sync_playwright
from neural_painter_x.web import serve

out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]/'nbs'/'images'/'web_page.png')
with socket.socket() as s: s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
server = serve(port=port, block=False)
try:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which('chromium'), headless=True, args=['--no-sandbox'])
        page = b.new_page(viewport={'width': 1200, 'height': 900})
        page.goto(server.local_url)
        page.click('#paint')
        page.locator('#status').get_by_text('done:').wait_for(timeout=900_000)
        page.locator('#files a[download="painting.gif"]').wait_for()
        page.screenshot(path=str(out), full_page=True)
        b.close()
finally: server.close()
im = Image.open(out).convert('RGB')
im.thumbnail((900, 2000), Image.LANCZOS)
im.quantize(128).save(out, optimize=True)   # a screenshot: 128 colours are plenty and keep it small
print(f"wrote {out} ({out.stat().st_size // 1024} KB, {im.width} x {im.height})")
