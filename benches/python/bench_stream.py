"""Python benchmark: missions beyond memory.

1. Streaming from Parquet on local disk: the four policies compared over a
   directory of Parquet files (100,000,000 missions by default, written once
   to target/bench/stream/, 1,000,000 per file), read batch by batch; wall
   time and the peak resident memory of the process that compares (a child
   process, so that writing the files does not count).
2. Dask: a LocalCluster of 2 workers (1 thread each) over the first
   10,000,000 of those missions, against one process streaming the same
   files (cluster start-up excluded).
3. Merging 1,000 partition summaries of the four policies (10,000 missions
   each).

    python benches/python/bench_stream.py [MISSIONS] [DASK_MISSIONS]
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "examples" / "python"))
import portfolio  # noqa: E402

import coopetition as c  # noqa: E402
from bench_policies import best  # noqa: E402

DATA = ROOT / "target" / "bench" / "stream"
PER_FILE = 1_000_000


def write(missions: int) -> None:
    """Writes the files not yet there (each file its own seed)."""
    DATA.mkdir(parents=True, exist_ok=True)
    for i in range(missions // PER_FILE):
        path = DATA / f"part-{i:04d}.parquet"
        if not path.exists():
            table = portfolio.generate(PER_FILE, seed=1_000 + i).drop_columns(["mission"])
            pq.write_table(table, path.with_suffix(".tmp"))
            path.with_suffix(".tmp").rename(path)


CHILD = """
import json, resource, sys, time
import coopetition as c
files = json.loads(sys.argv[1])
started = time.perf_counter()
comparison = c.compare(files, model=c.BehaviourModel(), progress=False)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "missions": comparison.summary["missions"][0].as_py(),
                  "exact": comparison.state().rates_exact}))
"""


def stream(files: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(files)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def dask_run(files: list[str]) -> tuple[float, float]:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import coopetition.dask as cd

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
        ddf = dd.read_parquet(files, dtype_backend="pyarrow")
        cd.compare(dd.read_parquet(files[:1], dtype_backend="pyarrow"), model=c.BehaviourModel())  # warm the workers
        started = time.perf_counter()
        summary = cd.compare(ddf, model=c.BehaviourModel())
        on_cluster = time.perf_counter() - started
    single = stream(files)
    assert summary.missions == single["missions"]
    return on_cluster, single["seconds"]


def merge_run() -> float:
    parts = [c.compare(portfolio.generate(10_000, seed=s), model=c.BehaviourModel()).state() for s in range(20)]
    many = [parts[i % 20] for i in range(1_000)]
    return best(lambda: c.Summary.merge(many), repeat=5)


def main() -> None:
    missions = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000_000
    dask_missions = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    write(max(missions, dask_missions))
    files = sorted(str(p) for p in DATA.glob("part-*.parquet"))
    print(f"coopetition streaming benchmark, {c.default_threads()} threads\n")

    s = stream(files[: missions // PER_FILE])
    rate = s["missions"] / s["seconds"] / 1e6
    print(f"streaming {s['missions']:,} missions from Parquet, 4 policies: {s['seconds']:.1f} s ({rate:.2f} M/s), "
          f"peak RSS {s['peak'] / 2**20:.0f} MiB   targets < 90 s, < 1024 MiB   "
          f"{'met' if s['seconds'] < 90 and s['peak'] < 2**30 else 'MISSED'}")

    cluster, single = dask_run(files[: dask_missions // PER_FILE])
    print(f"Dask LocalCluster (2 workers), {dask_missions:,} missions: {cluster:.1f} s; one process streaming: "
          f"{single:.1f} s; ratio {cluster / single:.2f}   target ≤ 1.5   {'met' if cluster <= 1.5 * single else 'MISSED'}")

    merged = merge_run()
    print(f"merging 1,000 partition summaries (4 policies): {merged * 1000:.0f} ms   target < 100 ms   "
          f"{'met' if merged < 0.1 else 'MISSED'}")


if __name__ == "__main__":
    main()
