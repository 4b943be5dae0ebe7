"""Shared by the benchmark scripts: replace one marked section of BENCHMARKS.md, atomically; the CPU's name; the code of another commit."""
import contextlib, platform, re, subprocess, tempfile
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1]/'BENCHMARKS.md'
HEADER = "# Benchmarks\n\nMeasured on this project's machines; each section names the command that made it.\n"

def write_section(key, title, command, text):
    "Put `## title`, the command and `text` between `<!-- key:start -->` and `<!-- key:end -->` (appended if absent)."
    start, end = f'<!-- {key}:start -->', f'<!-- {key}:end -->'
    section = f"{start}\n## {title}\n\nCommand: `{command}`\n\n{text}\n{end}"
    old = BENCHMARKS.read_text() if BENCHMARKS.exists() else HEADER
    if start in old: new = re.sub(re.escape(start) + '.*?' + re.escape(end), lambda m: section, old, flags=re.S)
    else: new = old.rstrip() + '\n\n' + section + '\n'
    tmp = BENCHMARKS.with_suffix('.md.partial'); tmp.write_text(new); tmp.replace(BENCHMARKS)
    print(f"wrote {BENCHMARKS}")

def cpu_model() -> str:
    "The CPU's model name (from /proc/cpuinfo), for the machine line of a section."
    try: return next(l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name'))
    except (OSError, StopIteration): return platform.processor()

@contextlib.contextmanager
def code_at(commit):
    "A git worktree of this checkout at `commit`, removed afterwards: put its path first on PYTHONPATH to run that code (None: yields None)."
    if not commit:
        yield None
        return
    root = BENCHMARKS.parent
    wt = Path(tempfile.mkdtemp())/'before'
    subprocess.run(['git', '-C', str(root), 'worktree', 'add', '--detach', str(wt), commit], check=True, capture_output=True)
    try: yield wt
    finally: subprocess.run(['git', '-C', str(root), 'worktree', 'remove', '--force', str(wt)], capture_output=True)

def ship_agent(name, # the shipped agent's name: neural_painter_x/agents/<name>.pth
               run_dir, # the training run's folder (agent.pth, agent.csv)
               row, # the run's scores: mse, ssim, engine_mse, engine_ssim, psnr, epochs, train_s, and any extra `held_out` keys
               baselines, # rows of the baselines: run, mse, ssim
               what, # what it paints, for the card: e.g. "a 64-px digit with 8 connected black strokes"
               loss, # how it was trained, e.g. "reconstruction + human strokes (`--human --epochs 8`)"
               targets, # what it learned from
               held_out, # the held-out set, for the table's header
               command, # the command that shipped it
               extra=(), # more keys of `row` to keep in the card's held_out
              ):
    "Save a training run as a shipped agent (half precision) with its card (JSON, checked on load) and its Markdown card."
    import json, platform, torch
    from neural_painter_x.agent import AGENTS_DIR, save_agent, load_agent
    ck = torch.load(Path(run_dir)/'agent.pth', map_location='cpu', weights_only=True)['config']
    card = dict(name=name, run=Path(run_dir).name, loss=loss,
                training=dict(targets=targets, epochs=row['epochs'], bs=ck['bs'], lr=ck['lr'], seconds=round(row['train_s']),
                              machine=f"{cpu_model()}, 2 cores, {platform.machine()}"),
                held_out={k: round(row[k], 4) for k in ('mse', 'ssim', 'engine_mse', 'engine_ssim', 'psnr', *extra)},
                baselines={b['run']: dict(mse=round(b['mse'], 4), ssim=round(b['ssim'], 3)) for b in baselines})
    path = save_agent(load_agent(Path(run_dir)/'agent.pth'), AGENTS_DIR/f'{name}.pth', card)
    c = json.loads(path.with_suffix('.json').read_text())
    path.with_suffix('.md').write_text(
        f"# Agent `{name}`\n\nPaints {what} of the painter `{c['painter']['name']}` (the paper's section 3), trained with {loss} "
        f"for {row['epochs']} epochs on {targets}, batch {ck['bs']}, Adam {ck['lr']:g} (0.5, 0.9): {card['training']['seconds']} s of training "
        f"on {card['training']['machine']}.\n\n| {held_out} | MSE | SSIM |\n|---|---:|---:|\n"
        f"| this agent, neural canvas | {row['mse']:.4f} | {row['ssim']:.3f} |\n| this agent, strokes drawn by MyPaint | {row['engine_mse']:.4f} | {row['engine_ssim']:.3f} |\n"
        + ''.join(f"| {b['run']} | {b['mse']:.4f} | {b['ssim']:.3f} |\n" for b in baselines)
        + f"\nNeural canvas against MyPaint: PSNR {row['psnr']:.1f} dB. Weights in half precision; SHA-256 of `{name}.pth`: `{c['sha256']}` "
        f"(checked when the agent loads). Measured with `{command}`.\n")
    print('shipped', path)
    return path
