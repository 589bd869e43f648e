"""coopetition.dask without a distributed cluster: Dask's own threaded
scheduler, over partitions backed by numpy (pandas' default)."""

from __future__ import annotations

import sys

import dask.dataframe as dd
import pytest
from conftest import ROOT

import coopetition as c
import coopetition.dask as cd

sys.path.insert(0, str(ROOT / "examples" / "python"))
import portfolio  # noqa: E402


def test_a_threaded_scheduler_compares_as_one_process() -> None:
    table = portfolio.generate(9_000, providers=30, seed=21)
    frame = table.drop_columns(["mission"]).to_pandas()  # numpy-backed: Decimal objects, categoricals, dates
    ddf = dd.from_pandas(frame, npartitions=5, sort=False)
    summary = cd.compare(ddf, ["flat", "guide", "self_assessed"], split_every=2)
    expected = c.compare(table, ["flat", "guide", "self_assessed"])
    assert summary.summary.equals(expected.summary)
    assert summary.by_provider.equals(expected.by_provider)
    assert len(cd.missions(ddf, ["guide"]).compute()) == 9_000
    with pytest.raises(ValueError):
        cd.compare(ddf, split_every=1)
