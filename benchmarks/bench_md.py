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
