"The documentation site builds from the checkout (bash scripts/docs.sh) with a page per numbered notebook carrying its pictures, the API pages and the README's figures."
import json, re, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip('mkdocs_jupyter', reason="the site needs the [docs] extra: pip install -e '.[docs]'")
sys.path.insert(0, str(ROOT/'tools'))
from docs_pages import notebooks

def pictures(nb:Path) -> int:
    "Image outputs stored in a notebook."
    return sum('image/png' in o.get('data', {}) for c in json.loads(nb.read_text())['cells'] for o in c.get('outputs', []))

def test_the_site_builds_with_every_notebook_and_its_pictures(tmp_path):
    site = tmp_path/'site'
    r = subprocess.run(['bash', str(ROOT/'scripts'/'docs.sh'), str(site)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    nbs = notebooks()
    assert len(nbs) == len(list((ROOT/'nbs').glob('[0-9]*.ipynb'))) > 20
    for nb, mod, _ in nbs:
        page = site/f'{nb.stem}.html'
        assert page.exists(), f"no page for {nb.name}"
        html = page.read_text()
        assert html.count('<img') >= pictures(nb), f"{page.name}: {html.count('<img')} images, the notebook stores {pictures(nb)}"
        assert mod and (site/'api'/f'{mod}.html').exists(), f"no API page for {nb.name}"
    index = (site/'index.html').read_text()
    figs = re.findall(r'<img[^>]+src="(images/[^"]+)"', index)
    assert figs and all((site/f).exists() for f in figs), figs   # the README's figures, there
    assert 'the brush decides the' in index and (site/'benchmarks.html').exists()
