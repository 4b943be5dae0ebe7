import io, os, shutil, signal, subprocess, sys
from contextlib import redirect_stderr, redirect_stdout
from typing import NamedTuple
from pathlib import Path
import pytest
from neural_painter_x.core import EngineUnavailable
from neural_painter_x.engine import find_brush, libmypaint

CLI = str(Path(sys.executable).parent/'neural-painter-x')

@pytest.fixture(scope='session')
def engine():
    "The real MyPaint engine: skipped on a user's machine without it, a failure under CI."
    try: libmypaint(); find_brush()
    except EngineUnavailable as e:
        if os.environ.get('CI') == 'true': pytest.fail(f"CI must run the engine tests, but: {e}")
        pytest.skip(f"the MyPaint engine is not installed: {e}")
    return True

@pytest.fixture
def interruptible():
    "`Popen` for a command the test stops with SIGINT (Ctrl-C): SIGINT acts in it even where the tests run with SIGINT ignored (a background job of a shell script passes that on), and it is killed when the test ends, passed or not."
    procs = []
    def start(args, **kw):
        p = subprocess.Popen(args, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **kw)
        procs.append(p); return p
    yield start
    for p in procs:
        if p.poll() is None: p.kill(); p.wait()

@pytest.fixture
def cli():
    if not Path(CLI).exists(): pytest.fail(f"{CLI} is missing: install the package with pip install -e .")
    return CLI

class Ran(NamedTuple):
    returncode: int
    stdout: str
    stderr: str

def in_process(*args) -> Ran:
    "Run `neural-painter-x args` in this process: a command refused in one line needs no interpreter of its own (each costs seconds of imports). Exit status, stdout, stderr."
    from neural_painter_x.cli import main
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err): code = main([str(a) for a in args])
    return Ran(code, out.getvalue(), err.getvalue())
