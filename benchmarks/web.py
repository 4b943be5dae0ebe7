"""The web page's times: from opening the page to the first canvas update, and its overhead against the CLI for the same painting.

Run: python benchmarks/web.py [--runs 3] [--strokes 256] [--size 256] [--write]
A server (`neural_painter_x.web.serve`) on localhost and headless Chromium (Debian's, through Playwright) in this process's
machine. Each run, alternating:
- web: open the page in a new browser tab (page loaded = t0), press Paint on the sample photo: seconds to the first canvas
  update (the first progress line), and from pressing Paint to 'done' with the files offered (PNG, strokes, OpenRaster,
  SVG, GIF);
- CLI: `neural-painter-x paint` of the same photo and settings writing the same files (-o, --ora, --svg, --gif), in a
  new process: its seconds from start to exit, and the painting's own seconds (it prints them) plus the files;
- in process: `paint` + the page's `_outputs` without any page: the floor both stand on.
Medians of --runs; --write replaces the section of BENCHMARKS.md."""
import argparse, os, shutil, socket, statistics, subprocess, sys, tempfile, time
from pathlib import Path

HERE = Path(__file__).resolve().parent

def web_run(browser, url, strokes, size):
    page = browser.new_page()
    t0 = time.perf_counter()
    page.goto(url); page.locator('#paint').wait_for()
    loaded = time.perf_counter() - t0
    for e, v in (('strokes', strokes), ('size', size)):
        box = page.locator(f'#{e} input[type=number]'); box.fill(str(v)); box.press('Enter')
    t1 = time.perf_counter()
    page.click('#paint')
    page.locator('#status').get_by_text(' strokes of ').wait_for(timeout=600_000)
    first = time.perf_counter() - t0
    page.locator('#status').get_by_text('done:').wait_for(timeout=1_800_000)
    page.locator('#files a[download="painting.gif"]').wait_for(timeout=60_000)
    done = time.perf_counter() - t1
    page.close()
    return dict(loaded=loaded, first=first, web=done)

def cli_run(photo, strokes, size, folder):
    t0 = time.perf_counter()
    r = subprocess.run([str(Path(sys.executable).parent/'neural-painter-x'), 'paint', str(photo), '-o', str(folder/'p.png'), '--strokes', str(strokes),
                        '--size', str(size), '--ora', '--svg', '--gif', '--quiet'], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode: sys.exit(r.stderr[-2000:])
    return dict(cli=wall)

def inproc_run(photo, strokes, size, folder):
    from neural_painter_x.painting import paint
    from neural_painter_x.web import _outputs
    t0 = time.perf_counter()
    p = paint(photo, strokes=strokes, size=size, progress=False)
    _outputs(p, folder)
    return dict(floor=time.perf_counter() - t0)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--runs', type=int, default=3); ap.add_argument('--strokes', type=int, default=256); ap.add_argument('--size', type=int, default=256)
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright
    from neural_painter_x.web import serve
    from neural_painter_x.painting import SAMPLE_PHOTO
    from bench_md import write_section, cpu_model
    chromium = shutil.which('chromium') or sys.exit('needs Debian\'s chromium: apt-get install chromium')
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
    server = serve(port=port, block=False)
    rows = []
    try:
        with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=['--no-sandbox'])
            for i in range(a.runs):
                r = web_run(browser, server.local_url, a.strokes, a.size)
                r |= cli_run(SAMPLE_PHOTO, a.strokes, a.size, Path(tmp))
                r |= inproc_run(SAMPLE_PHOTO, a.strokes, a.size, Path(tmp))
                print(f"run {i + 1}: " + ', '.join(f"{k} {v:.2f} s" for k, v in r.items()), flush=True)
                rows.append(r)
            browser.close()
    finally: server.close()
    med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
    table = '\n'.join([
        f"| | seconds (median of {a.runs}) |", "|---|---:|",
        f"| page loaded in the browser | {med['loaded']:.2f} |",
        f"| from opening the page to the first canvas update | {med['first']:.2f} |",
        f"| web: Paint pressed to 'done', files offered | {med['web']:.2f} |",
        f"| CLI: `neural-painter-x paint` with the same files, process start to exit | {med['cli']:.2f} |",
        f"| in process: `paint` + the same files, no page | {med['floor']:.2f} |",
        f"| web / in process | {med['web'] / med['floor']:.2f}x |",
        f"| web / CLI | {med['web'] / med['cli']:.2f}x |"])
    print(table)
    if a.write:
        cmd = f"python benchmarks/web.py --runs {a.runs} --strokes {a.strokes} --size {a.size} --write"
        text = (f"Machine: {cpu_model()}, {os.cpu_count()} cores. The sample photo, "
                f"{a.strokes} strokes on {a.size} px, `paint`'s other defaults; the server and headless Chromium (Debian's, through Playwright) on this machine, "
                "runs alternating web, CLI and in-process. The web page paints in the server's process, which has its imports and painter loaded: "
                "against the CLI it saves the new process's imports; against painting in process it adds the page's updates (a PNG of the canvas "
                "every half second) and Gradio's copies of the files; here the browser also runs on the same two cores and draws each update.\n\n" + table
                + "\n\nEach run (seconds): " + '; '.join(f"{k} " + ', '.join(f"{r[k]:.0f}" for r in rows) for k in ('web', 'cli', 'floor')) + '.')
        write_section('web', 'The web page: first canvas update, and overhead against the CLI', cmd, text)

if __name__ == '__main__': main()
