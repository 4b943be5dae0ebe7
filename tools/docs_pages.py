"""Stage the documentation site's sources for MkDocs (scripts/docs.sh): the notebooks with their stored outputs, their
images, BENCHMARKS.md, and an API page per module made from the docstrings and docments (fastcore's comments beside
each parameter, which nbdev shows and mkdocstrings would not); then write the navigation into the staged mkdocs.yml."""
import importlib, inspect, json, re, shutil, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def cfg(key):
    for line in (ROOT/'settings.ini').read_text().splitlines():
        if line.split('=')[0].strip() == key: return line.split('=', 1)[1].strip()

def notebooks():
    "(notebook, module it exports, title) of the numbered notebooks, in order."
    out = []
    for nb in sorted((ROOT/'nbs').glob('[0-9]*.ipynb')):
        cells = json.loads(nb.read_text())['cells']
        src = lambda c: ''.join(c['source'])
        mod = next((m.group(1) for c in cells if c['cell_type'] == 'code' for m in [re.search(r'#\|\s*default_exp\s+(\S+)', src(c))] if m), None)
        title = next((src(c).lstrip('# ').splitlines()[0] for c in cells if c['cell_type'] == 'markdown' and src(c).startswith('# ')), nb.stem)
        out.append((nb, mod, title))
    return out

def md_escape(s): return str(s).replace('|', '\\|').replace('\n', ' ')

def api_page(mod:str) -> str:
    "Markdown for one module: each name in its __all__ with its signature, docstring and a table of its parameters' docments."
    from fastcore.docments import docments
    m = importlib.import_module(f"{cfg('lib_name')}.{mod}")
    lines = [f"# `{cfg('lib_name')}.{mod}`", '', (m.__doc__ or '').strip(), '']
    for name in getattr(m, '__all__', []):
        o = getattr(m, name, None)
        if o is None: continue
        if not (inspect.isfunction(o) or inspect.isclass(o)):
            lines += [f"## `{name}`", '', f"`{name} = {md_escape(repr(o))[:200]}`", '']; continue
        try: sig = str(inspect.signature(o))
        except (TypeError, ValueError): sig = '(...)'
        kind = 'class' if inspect.isclass(o) else 'def'
        lines += [f"## `{name}`", '', f"```python\n{kind} {name}{sig}\n```", '', inspect.getdoc(o) or '', '']
        try: docs = docments(o, full=True)
        except Exception: docs = {}
        rows = [(k, v.get('default', inspect.Parameter.empty), v.get('docment')) for k, v in docs.items() if k not in ('self', 'return')]
        if any(d for *_, d in rows):
            lines += ['| parameter | default | |', '|---|---|---|']
            lines += [f"| `{k}` | {'' if d is inspect.Parameter.empty else '`' + md_escape(repr(d))[:60] + '`'} | {md_escape(doc or '')} |" for k, d, doc in rows]
            lines.append('')
    return '\n'.join(lines)

def main(top:Path, site:Path|None=None):
    "Stage the pages in `top`/docs and write `top`/mkdocs.yml (MkDocs wants its docs_dir beside its config)."
    stage = top/'docs'
    if stage.exists(): shutil.rmtree(stage)
    (stage/'api').mkdir(parents=True)
    shutil.copytree(ROOT/'nbs'/'images', stage/'images')
    shutil.copy(ROOT/'nbs'/'index.ipynb', stage/'index.ipynb')
    shutil.copy(ROOT/'BENCHMARKS.md', stage/'benchmarks.md')
    nav_nbs, nav_api = [], []
    for nb, mod, title in notebooks():
        shutil.copy(nb, stage/nb.name)
        nav_nbs.append({f"{nb.stem}: {title}": nb.name})
        if mod:
            (stage/'api'/f'{mod}.md').write_text(api_page(mod))
            nav_api.append({mod: f'api/{mod}.md'})
    nav = [{'Home': 'index.ipynb'}, {'Notebooks': nav_nbs}, {'API': nav_api}, {'Benchmarks': 'benchmarks.md'}]
    conf = (ROOT/'mkdocs.yml').read_text() + '\nnav: ' + json.dumps(nav) + '\n'   # JSON is YAML
    (top/'mkdocs.yml').write_text(conf.replace('docs_dir: .', f'docs_dir: {stage}').replace('site_dir: _docs', f"site_dir: {site or ROOT/cfg('doc_path')}"))
    print(f"staged {len(nav_nbs)} notebooks and {len(nav_api)} API pages in {stage}")

if __name__ == '__main__': main(Path(sys.argv[1]), Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else None)
