"""The comparison on a Dask cluster: a LocalCluster of 2 worker processes,
1 thread each, started by the test; results equal the single process's."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT
from distributed import Client, LocalCluster

import coopetition as c
import coopetition.dask as cd

sys.path.insert(0, str(ROOT / "examples" / "python"))
import portfolio  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            yield client


@pytest.fixture(scope="module")
def table() -> pa.Table:
    return portfolio.generate(24_000, providers=60, seed=12)


def test_a_cluster_compares_as_one_process(client: Client, table: pa.Table, tmp_path: Path) -> None:
    (tmp_path / "missions").mkdir()
    for i, start in enumerate(range(0, 24_000, 5_000)):
        pq.write_table(table.slice(start, 5_000).drop_columns(["mission"]), tmp_path / "missions" / f"part-{i}.parquet")
    ddf = dd.read_parquet(tmp_path / "missions", dtype_backend="pyarrow")
    assert ddf.npartitions >= 4
    model = c.BehaviourModel()
    expected = c.compare(table, model=model)
    summary = cd.compare(ddf, model=model, split_every=2)
    assert isinstance(summary, c.Summary) and summary.missions == 24_000
    assert summary.summary.equals(expected.summary)
    for name in ["by_lead_origin", "by_situation", "by_provider"]:
        assert getattr(summary, name).equals(getattr(expected, name)), name
    # Per-mission results, as a Dask DataFrame.
    results = cd.missions(ddf, ["flat", "guide"]).compute()
    assert len(results) == 24_000
    assert sorted(results["flat_amount"].astype(object)) == sorted(expected.missions["flat_amount"].to_pylist())
    # Progress as partitions finish, in missions.
    seen: list[int] = []
    assert cd.compare(ddf, ["flat"], progress=seen.append).missions == 24_000
    assert seen == sorted(seen) and seen[-1] == 24_000 and len(seen) == ddf.npartitions
    # Interrupted: the error is raised and nothing is left on the cluster.

    def interrupt(done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        cd.compare(ddf, progress=interrupt)
    deadline = time.monotonic() + 10
    while any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(client.processing().values())
    # Parameters and a named subset of policies are shipped to the workers.
    six = c.Parameters.with_flat_rate(Decimal("0.06"))
    flat = cd.compare(ddf, ["flat"], parameters=six)
    assert flat.totals() == c.compare(table, ["flat"], parameters=six).totals()


def test_a_failing_partition_is_named_and_nothing_is_merged(client: Client, table: pa.Table) -> None:
    frame = table.slice(0, 4_000).drop_columns(["mission"]).to_pandas(types_mapper=pd.ArrowDtype)
    frame.loc[2_500, "partners"] = -1
    ddf = dd.from_pandas(frame, npartitions=4, sort=False)
    with pytest.raises(c.BatchError) as e:
        cd.compare(ddf)
    assert e.value.code == "batch.row.invalid"
    assert "partition 2" in str(e.value) and "row 500" in str(e.value)
    with pytest.raises(TypeError):
        cd.compare(ddf, [c.Policy.flat()])  # type: ignore[list-item]
