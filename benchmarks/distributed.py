"""Stage-1 training on one process against two (torchrun, gloo) on this CPU, and resident memory with memory-mapped shards.

Run: python benchmarks/distributed.py --data data/rss10 [--strokes 10000] [--runs 3] [--batches 300] [--write]
--data: a folder of 10 (or more) shards of engine strokes (neural-painter-x strokes --out data/rss10 --n 100000 --shard-size 10000).
Throughput: one epoch of stage 1 (pixel loss, the default generator, batch 64 per process) on the first --strokes strokes,
with 1 process of 2 threads and with 2 processes of 1 thread (torchrun --standalone), alternating, median of --runs;
strokes/s = training strokes / seconds of the epoch's training batches (rank 0's clock; start-up and validation excluded).
Memory: --batches training batches on 1 shard and on 10 shards, read into RAM or memory-mapped, with 1 and 2 processes;
each process's resident memory at the end, split into anonymous (its own: arrays, weights) and file-backed (pages of the
memory-mapped copies, shared with the page cache and given back under pressure), from /proc/self/status.
--write replaces the section of BENCHMARKS.md."""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

HERE = Path(__file__).resolve().parent

def memory() -> dict:
    "Resident memory of this process in MB: anonymous and file-backed (from /proc/self/status)."
    st = dict(l.split(':', 1) for l in open('/proc/self/status') if l.startswith(('RssAnon', 'RssFile', 'VmRSS', 'VmHWM')))
    return {k: int(v.split()[0]) / 1024 for k, v in st.items()}

def worker(a):
    "One process of a measured run (alone or under torchrun): train, time, print a JSON line."
    from fastai.callback.core import Callback, CancelFitException
    from neural_painter_x.data import load_strokes
    from neural_painter_x.distributed import main_first
    from neural_painter_x.generator import pretrain_generator
    class Clock(Callback):
        order = 100
        def before_train(self): self.t0, self.n = time.perf_counter(), 0
        def after_batch(self):
            if not self.training: return
            self.n += len(self.xb[0])
            if a.batches and self.n >= a.batches * 64: self.seconds = time.perf_counter() - self.t0; raise CancelFitException
        def after_train(self): self.seconds = time.perf_counter() - self.t0
    with main_first(): data = load_strokes(a.data, a.strokes, mmap=a.mmap)
    clock = Clock()
    with tempfile.TemporaryDirectory() as out:
        pretrain_generator(data, out, 1, bs=64, valid_pct=0.02, progress=False, cbs=[clock])
    print('RESULT ' + json.dumps(dict(rank=int(os.environ.get('RANK', 0)), strokes=clock.n, seconds=clock.seconds, **memory())), flush=True)

CGROUP = Path('/sys/fs/cgroup/memory')   # cgroup v1's memory controller (root only)

def launch(procs, args, limit_mb=None):
    "Run the worker with `procs` processes (in a cgroup of `limit_mb` MB of memory when given); the JSON lines of every rank, or None when it was killed."
    env = dict(os.environ, OMP_NUM_THREADS=str(2 // procs))
    cmd = ([sys.executable, '-m', 'torch.distributed.run', '--standalone', '--nproc_per_node', str(procs)] if procs > 1 else [sys.executable])
    pre = None
    if limit_mb:
        cg = CGROUP/f'npx_bench_{os.getpid()}'; cg.mkdir(exist_ok=True)
        (cg/'memory.limit_in_bytes').write_text(str(int(limit_mb * 2 ** 20)))
        pre = lambda: (cg/'cgroup.procs').write_text(str(os.getpid()))
    try: r = subprocess.run(cmd + [str(Path(__file__).resolve()), 'worker', *args], env=env, capture_output=True, text=True, preexec_fn=pre)
    finally:
        if limit_mb: cg.rmdir()
    if r.returncode:
        if limit_mb and r.returncode < 0: return None   # killed by the kernel: out of memory
        sys.exit(r.stderr[-3000:])
    return sorted((json.loads(l.split(' ', 1)[1]) for l in r.stdout.splitlines() if l.startswith('RESULT ')), key=lambda d: d['rank'])

def main():
    if len(sys.argv) > 1 and sys.argv[1] == 'worker':
        ap = argparse.ArgumentParser()
        ap.add_argument('worker'); ap.add_argument('--data'); ap.add_argument('--strokes', type=int)
        ap.add_argument('--batches', type=int, default=0); ap.add_argument('--mmap', action='store_true')
        return worker(ap.parse_args())
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', required=True); ap.add_argument('--strokes', type=int, default=10_000)
    ap.add_argument('--runs', type=int, default=3); ap.add_argument('--batches', type=int, default=300)
    ap.add_argument('--limit', type=int, default=1500, help='MB of the cgroup run (0: none)')
    ap.add_argument('--skip-speed', action='store_true', help='memory tables only')
    ap.add_argument('--write', action='store_true')
    a = ap.parse_args()
    from bench_md import write_section, cpu_model
    from neural_painter_x.data import shard_paths
    shards = shard_paths(a.data)
    if len(shards) < 10: sys.exit(f"{a.data} holds {len(shards)} shards: the memory table needs 10")
    one = Path(a.data)/'one_shard'; one.mkdir(exist_ok=True)
    if not (one/shards[0].name).exists(): os.symlink(shards[0].resolve(), one/shards[0].name)
    rates = {1: [], 2: []}
    for _ in range(a.runs):   # side by side: the two settings alternate
        for p in (1, 2):
            r = launch(p, ['--data', a.data, '--strokes', str(a.strokes), '--mmap'])
            rates[p].append(sum(d['strokes'] for d in r) / r[0]['seconds']); print(p, rates[p][-1], flush=True)
    lines = [f"Machine: {cpu_model()}, {os.cpu_count()} cores, CPU only. Stage 1 (pixel loss, default generator, batch 64 per process), "
             f"one epoch on {a.strokes:,} memory-mapped 96-px engine strokes.\n",
             "| processes x threads | training strokes/s (median) | all runs |", "|---|---|---|"]
    for p in (1, 2): lines.append(f"| {p} x {2 // p} | {statistics.median(rates[p]):.0f} | {', '.join(f'{x:.0f}' for x in rates[p])} |")
    lines.append(f"\nTwo processes against one: {statistics.median(rates[2]) / statistics.median(rates[1]):.2f}x. "
                 "On two cores, one process already keeps both busy (torch's threads); the second process adds the gloo all-reduce "
                 "of every step's gradients. Data parallelism pays with several GPUs or machines; on this CPU it is what CI tests. "
                 "No GPU was available: training and painting on a GPU are not measured yet.\n")
    lines += [f"Resident memory after {a.batches} training batches of 64 (MB, per process; anonymous = the process's own, "
              "file = pages of the memory-mapped copies, shared and reclaimable):\n",
              "| shards (strokes) | read | processes | anonymous | file | peak RSS |", "|---|---|---|---|---|---|"]
    from neural_painter_x.data import shard_len
    for folder, n, k in ((one, 1, shard_len(shards[0])), (Path(a.data), len(shards), sum(map(shard_len, shards)))):
        for mm in (False, True):
            for p in (1, 2):
                if not mm and p == 2 and n > 1: continue    # two copies of 10 shards in RAM: the case memory-mapping avoids
                r = launch(p, ['--data', str(folder), '--batches', str(a.batches)] + (['--mmap'] if mm else []))
                for d in r[:1]:
                    lines.append(f"| {n} ({k:,}) | {'memory-mapped' if mm else 'into RAM'} | {p} | {d['RssAnon']:.0f} | {d['RssFile']:.0f} | {d['VmHWM']:.0f} |")
                print(lines[-1], flush=True)
    if os.access(CGROUP, os.W_OK) and a.limit:   # the same in a cgroup of less memory than 10 shards take
        lines += ["", f"In a cgroup limited to {a.limit:,} MB (cgroup v1 `memory.limit_in_bytes`), {a.batches} batches on all {len(shards)} shards, one process:\n",
                  "| read | outcome | anonymous | file | peak RSS |", "|---|---|---|---|---|"]
        for mm in (False, True):
            r = launch(1, ['--data', a.data, '--batches', str(a.batches)] + (['--mmap'] if mm else []), a.limit)
            what = 'memory-mapped' if mm else 'into RAM'
            lines.append(f"| {what} | killed: out of memory | | | |" if r is None else
                         f"| {what} | finished | {r[0]['RssAnon']:.0f} | {r[0]['RssFile']:.0f} | {r[0]['VmHWM']:.0f} |")
            print(lines[-1], flush=True)
        lines.append("\nThe file-backed pages counted in RSS are the page cache's: the kernel maps the cached pages around each one read, "
                     "so that column grows towards the copies' size, but they are not the process's own, and the memory-mapped run "
                     "trains in a cgroup smaller than the shards while reading them into RAM is killed.")
    text = '\n'.join(lines)
    print(text)
    if a.write: write_section('distributed', 'Stage 1 on one and two processes, and memory with memory-mapped shards',
                              f'python benchmarks/distributed.py --data {a.data} --strokes {a.strokes} --runs {a.runs} --batches {a.batches} --write', text)

if __name__ == '__main__': main()
