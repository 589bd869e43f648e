"""Missions streamed batch by batch: readers, Parquet files, datasets."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from conftest import ROOT

import coopetition as c

sys.path.insert(0, str(ROOT / "examples" / "python"))
import portfolio  # noqa: E402

MODEL = c.BehaviourModel()


@pytest.fixture(scope="module")
def table() -> pa.Table:
    return portfolio.generate(20_000, providers=50, seed=8)


def reader(table: pa.Table, rows: int = 3_000) -> pa.RecordBatchReader:
    return pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=rows))


def test_a_stream_compares_as_its_table(table: pa.Table, tmp_path: Path) -> None:
    whole = c.compare(table, model=MODEL)
    seen: list[int] = []
    streamed = c.compare(reader(table), model=MODEL, progress=seen.append, to=tmp_path / "out" / "missions.parquet")
    assert streamed.summary.equals(whole.summary)
    assert streamed.by_provider.equals(whole.by_provider)
    assert seen == sorted(seen) and seen[-1] == 20_000 and len(seen) == 7
    written = pq.read_table(tmp_path / "out" / "missions.parquet")
    assert written.equals(whole.missions)
    with pytest.raises(c.BatchError) as e:
        streamed.missions
    assert e.value.code == "batch.results.streamed" and "to=" in str(e.value)


def test_parquet_files_directories_globs_and_datasets_are_streams(table: pa.Table, tmp_path: Path) -> None:
    for i, start in enumerate(range(0, 20_000, 5_000)):
        pq.write_table(table.slice(start, 5_000), tmp_path / f"part-{i}.parquet")
    whole = c.compare(table, model=MODEL).summary
    for source in [tmp_path, str(tmp_path / "part-*.parquet"), sorted(tmp_path.glob("*.parquet")),
                   ds.dataset(tmp_path, format="parquet")]:
        assert c.compare(source, model=MODEL, progress=False).summary.equals(whole), source
    flat = c.evaluate_batch(table, "flat")
    assert c.evaluate_batch(tmp_path, "flat").read_all().equals(flat)
    assert c.evaluate_batch(tmp_path, "flat", to=tmp_path / "flat" / "r.parquet") == 20_000
    assert pq.read_table(tmp_path / "flat" / "r.parquet").equals(flat)


def test_files_that_disagree_on_a_column_are_named(table: pa.Table, tmp_path: Path) -> None:
    pq.write_table(table.slice(0, 100), tmp_path / "a.parquet")
    other = table.slice(100, 100)
    other = other.set_column(other.schema.get_field_index("partners"), "partners", other["partners"].cast(pa.string()))
    pq.write_table(other, tmp_path / "b.parquet")
    with pytest.raises(c.BatchError) as e:
        c.compare(tmp_path, progress=False)
    assert e.value.code == "batch.column.invalid"
    assert "`partners`" in str(e.value) and "b.parquet" in str(e.value) and "a.parquet" in str(e.value)
    with pytest.raises(c.BatchError) as e:
        c.compare(tmp_path / "nothing-*.parquet")
    assert e.value.code == "batch.column.invalid" and "no Parquet file" in str(e.value)
    (tmp_path / "c.parquet").write_text("provider,revenue\npaul,10.00\n")
    with pytest.raises(c.BatchError) as e:
        c.compare(tmp_path / "c.parquet")
    assert e.value.code == "batch.column.invalid" and "c.parquet" in str(e.value) and "parquet file" in str(e.value)
    with pytest.raises(c.BatchError) as e:
        c.compare(tmp_path / "missing.parquet")
    assert e.value.code == "batch.column.invalid"


def test_an_empty_stream_gives_empty_results(table: pa.Table) -> None:
    empty = pa.RecordBatchReader.from_batches(table.schema, [])
    assert c.compare(empty, progress=False).summary["missions"].to_pylist() == [0, 0, 0, 0]
    empty = pa.RecordBatchReader.from_batches(table.schema, [])
    assert c.evaluate_batch(empty, "flat").read_all().num_rows == 0


def test_an_evaluated_stream_is_read_lazily_and_names_rows_of_the_whole(table: pa.Table) -> None:
    expected = c.evaluate_batch(table, "guide")
    stream = c.evaluate_batch(reader(table), "guide")
    assert isinstance(stream, c.ResultStream)
    assert stream.schema.equals(expected.schema)
    assert pa.Table.from_batches(list(stream), expected.schema).equals(expected)
    # Read to its end, it gives nothing more.
    assert stream.read_all().num_rows == 0
    # Through the Arrow C stream, as any reader takes it, once.
    handed = c.evaluate_batch(reader(table), "guide")
    via_c = pa.RecordBatchReader.from_stream(handed).read_all()
    assert via_c.equals(expected)
    with pytest.raises(ValueError):
        handed.read_all()
    # A bad row in the third batch is named by its row in the whole stream.
    revenue = table["revenue"].to_pylist()
    revenue[7_001] = Decimal("-1.00")
    bad = table.set_column(table.schema.get_field_index("revenue"), "revenue", pa.array(revenue, table["revenue"].type))
    results = c.evaluate_batch(reader(bad), "flat")
    next(results)
    next(results)
    with pytest.raises(c.BatchError) as e:
        next(results)
    assert e.value.code == "batch.row.invalid" and "row 7001" in str(e.value)
    with pytest.raises(c.BatchError) as e:
        c.compare(reader(bad), progress=False)
    assert "row 7001" in str(e.value)


def test_an_interruption_stops_the_stream_between_batches(table: pa.Table, tmp_path: Path) -> None:
    calls: list[int] = []

    def interrupt(done: int) -> None:
        calls.append(done)
        if done >= 6_000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        c.compare(reader(table), progress=interrupt, to=tmp_path / "partial.parquet")
    assert calls == [3_000, 6_000]
    # What was written before the interruption is a readable file.
    assert pq.read_table(tmp_path / "partial.parquet").num_rows == 6_000
    with pytest.raises(TypeError):
        c.compare(reader(table), progress="yes")
