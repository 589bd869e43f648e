"""Comparison summaries: serialised, sent between processes and merged."""

from __future__ import annotations

import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

import pyarrow as pa
import pytest
from conftest import ROOT

import coopetition as c

sys.path.insert(0, str(ROOT / "examples" / "python"))
import portfolio  # noqa: E402

MODEL = c.BehaviourModel()


def part_state(args: tuple[int, int]) -> c.Summary:
    """The summary of one slice of the portfolio, computed in a worker process."""
    start, length = args
    table = portfolio.generate(30_000, providers=40, seed=3).slice(start, length)
    return c.compare(table, model=MODEL).state()


def test_the_summaries_of_parts_merge_into_the_comparison_of_the_whole() -> None:
    table = portfolio.generate(30_000, providers=40, seed=3)
    whole = c.compare(table, model=MODEL)
    cuts = [(0, 7_000), (7_000, 1), (7_001, 0), (7_001, 22_999)]
    # Each part in another process, sent back pickled.
    with ProcessPoolExecutor(max_workers=2) as pool:
        parts = list(pool.map(part_state, cuts))
    merged = c.Summary.merge(parts)
    assert merged.missions == 30_000 and merged.rates_exact
    assert merged.totals() == whole.totals()
    assert merged.summary.equals(whole.summary)
    for table_name in ["by_lead_origin", "by_lead_origin_basis", "by_situation", "by_provider"]:
        assert getattr(merged, table_name).equals(getattr(whole, table_name)), table_name
    assert merged.to_arrow().equals(whole.summary)


def test_a_summary_reads_back_what_it_writes() -> None:
    state = c.compare(portfolio.generate(2_000, seed=4)).state()
    assert c.Summary.from_json(state.to_json()) == state
    assert pickle.loads(pickle.dumps(state)) == state
    assert "Summary(missions=2000" in repr(state)
    assert state.policies == ["flat", "guide", "self_assessed", "negotiated"]


def test_summaries_of_different_comparisons_are_refused() -> None:
    table = portfolio.generate(1_000, seed=5)
    four = c.compare(table).state()
    two = c.compare(table, ["flat", "guide"]).state()
    with pytest.raises(c.BatchError) as e:
        c.Summary.merge([four, two])
    assert e.value.code == "batch.summary.mismatch" and "compares" in str(e.value)
    other = c.compare(table, parameters=c.Parameters.with_flat_rate(Decimal("0.06"))).state()
    with pytest.raises(c.BatchError) as e:
        c.Summary.merge([four, other])
    assert e.value.code == "batch.summary.mismatch" and "other parameters" in str(e.value)
    modelled = c.compare(table, model=c.BehaviourModel(Decimal("0.5"), Decimal("0.5"))).state()
    default = c.compare(table, model=MODEL).state()
    with pytest.raises(c.BatchError) as e:
        c.Summary.merge([default, modelled])
    assert e.value.code == "batch.summary.mismatch"
    with pytest.raises(c.BatchError) as e:
        c.Summary.merge([])
    assert e.value.code == "batch.summary.invalid"
    for bad in ["", "{}", four.to_json().replace('"format":1', '"format":9'), "[1, 2]"]:
        with pytest.raises(c.BatchError) as e:
            c.Summary.from_json(bad)
        assert e.value.code == "batch.summary.invalid"


def test_a_summary_of_one_part_is_the_comparison_itself() -> None:
    table = portfolio.generate(5_000, seed=6)
    compared = c.compare(table)
    state = compared.state()
    assert state.summary.equals(compared.summary)
    assert c.Summary.merge([state]).summary.equals(compared.summary)
    assert isinstance(state.summary, pa.Table)
