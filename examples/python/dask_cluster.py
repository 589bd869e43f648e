"""The four policies compared on a Dask cluster, over a Parquet dataset.

Writes a portfolio of generated missions as a directory of Parquet files
(one per 100,000 missions), reads it as a Dask DataFrame, compares the four
policies on the workers (`coopetition.dask.compare`: each partition by the
engine's batch path, the summaries merged in a tree) and checks the result
against the single-process comparison of the same files.

    python examples/python/dask_cluster.py [MISSIONS] [--scheduler tcp://host:8786]

Without `--scheduler` (or `COOPETITION_SCHEDULER` in the environment) it
starts a `distributed.LocalCluster` of 2 workers, 1 thread each, and stops
it at the end; with it, it uses that running cluster (every worker needs
`pip install 'coopetition[dask]'` and read access to the dataset's path).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import dask.dataframe as dd
import pyarrow.parquet as pq
from distributed import Client, LocalCluster

import coopetition as c
import coopetition.dask as cd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import portfolio  # noqa: E402


def write_dataset(missions: int, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.parquet"):
        old.unlink()
    table = portfolio.generate(missions).drop_columns(["mission"])
    for i, start in enumerate(range(0, missions, 100_000)):
        pq.write_table(table.slice(start, 100_000), directory / f"part-{i:04d}.parquet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("missions", nargs="?", type=int, default=400_000)
    parser.add_argument("--scheduler", default=os.environ.get("COOPETITION_SCHEDULER"))
    parser.add_argument("--dataset", type=Path, default=Path("target/demo/dataset"))
    args = parser.parse_args()

    write_dataset(args.missions, args.dataset)
    print(f"{args.missions:,} missions written to {args.dataset}/ as Parquet files")

    cluster = None if args.scheduler else LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    with Client(args.scheduler or cluster) as client:
        print(f"cluster: {client.scheduler.address}, {len(client.scheduler_info()['workers'])} workers")
        missions = dd.read_parquet(str(args.dataset.resolve()), dtype_backend="pyarrow")
        started = time.perf_counter()
        summary = cd.compare(missions, model=c.BehaviourModel())
        print(f"compared on the cluster in {time.perf_counter() - started:.2f} s, "
              f"{missions.npartitions} partitions\n")
    if cluster is not None:
        cluster.close()

    print(summary.summary.select(["policy", "missions", "priced", "total_due", "rate_median", "gini"]).to_pandas()
          .to_string(index=False))
    single = c.compare(args.dataset, model=c.BehaviourModel(), progress=False)
    same = summary.totals() == single.totals()
    print(f"\nsame totals as one process reading the same files: {same}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
