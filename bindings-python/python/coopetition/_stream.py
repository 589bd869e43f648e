"""Streams of missions: Parquet files and datasets opened as record batch
readers, results written to Parquet, and progress shown.

Only representation lives here: which columns are read, how files are
found and how a bar is drawn. Every value is judged by the engine.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable
from typing import Any

from .errors import BatchError

#: Rows per batch read from Parquet: the memory of a stream is a few batches.
BATCH_ROWS = 131_072


def is_source(missions: Any) -> bool:
    """Whether `missions` names files or a dataset rather than holding a table."""
    if isinstance(missions, (str, os.PathLike)):
        return True
    if isinstance(missions, (list, tuple)) and missions and all(isinstance(m, (str, os.PathLike)) for m in missions):
        return True
    module = type(missions).__module__
    return module.startswith("pyarrow") and hasattr(missions, "scanner") and hasattr(missions, "count_rows")


def is_stream(missions: Any) -> bool:
    """Whether `missions` is a stream of batches (read once), not a table."""
    if is_source(missions):
        return True
    if not hasattr(missions, "__arrow_c_stream__"):
        return False
    # Tables know their length; a reader does not.
    return not any(hasattr(missions, a) for a in ("num_rows", "shape", "height", "columns"))


def _files(source: Any) -> list[str]:
    paths = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    files: list[str] = []
    for p in (os.fspath(q) for q in paths):
        if os.path.isdir(p):
            files.extend(sorted(glob.glob(os.path.join(p, "**", "*.parquet"), recursive=True)))
        elif any(ch in p for ch in "*?["):
            files.extend(sorted(glob.glob(p, recursive=True)))
        else:
            files.append(p)
    if not files:
        raise BatchError(f"column `batch`: no Parquet file matches {paths}", "batch.column.invalid")
    return files


def _check_schemas(dataset: Any, columns: list[str]) -> None:
    """Every file holds the wanted columns with the types of the first file:
    the first that differs is named with its column."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    files = list(getattr(dataset, "files", []) or [])
    first: dict[str, Any] = {}
    first_file = ""
    for f in files:
        try:
            schema = pq.read_schema(f, filesystem=getattr(dataset, "filesystem", None))
        except Exception as e:  # not Parquet, unreadable: pyarrow's reason, with the file
            raise BatchError(f"column `batch`: {f} could not be read as Parquet: {e}", "batch.column.invalid") from e
        types = {n: schema.field(n).type for n in schema.names if n in columns}
        if not first_file:
            first, first_file = types, f
            continue
        for name in sorted(set(first) | set(types)):
            if first.get(name) != types.get(name):
                def show(t: Any) -> str:
                    return "missing" if t is None else str(t)

                raise BatchError(
                    f"column `{name}`: is {show(types.get(name))} in {f} but {show(first.get(name))} in {first_file}",
                    "batch.column.invalid",
                )


def open_reader(source: Any, columns: list[str]) -> tuple[Any, int | None]:
    """A record batch reader of the wanted `columns` of `source` (a path, a
    glob, a directory of Parquet files, partitioned or not, a list of them,
    or a `pyarrow.dataset.Dataset`), and its number of rows when known."""
    import pyarrow.dataset as ds  # type: ignore[import-untyped]

    if isinstance(source, ds.Dataset):
        dataset = source
    else:
        files = _files(source)
        try:
            dataset = ds.dataset(files, format="parquet", partitioning="hive")
        except Exception as e:  # pyarrow's own error, with the file it names
            raise BatchError(f"column `batch`: could not be opened: {e}", "batch.column.invalid") from e
    _check_schemas(dataset, columns)
    present = [c for c in columns if c in dataset.schema.names]
    try:
        rows = dataset.count_rows()
    except Exception:
        rows = None
    # One file and two batches ahead at most: the memory of the stream stays
    # a few batches, whatever the files.
    scanner = dataset.scanner(columns=present, batch_size=BATCH_ROWS, batch_readahead=2, fragment_readahead=1)
    return scanner.to_reader(), rows


def parquet_writer(path: Any, schema: Any) -> Any:
    """A Parquet writer of `schema` at `path` (its directory made)."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    path = os.fspath(path)
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    return pq.ParquetWriter(path, schema)


class _Bar:
    """A tqdm bar, closed at the end."""

    def __init__(self, total: int | None) -> None:
        from tqdm.auto import tqdm  # type: ignore[import-untyped]

        self.bar = tqdm(total=total, unit=" missions", unit_scale=True)
        self.done = 0

    def __call__(self, done: int) -> None:
        self.bar.update(done - self.done)
        self.done = done
        if self.bar.total is not None and done >= self.bar.total:
            self.bar.close()


def progress_callback(progress: Any, total: int | None) -> Callable[[int], None] | None:
    """What to call with the number of missions done: the given callable;
    with `progress=None`, a tqdm bar when tqdm is installed and the call is
    interactive (stderr is a terminal, or a notebook); `False`: nothing."""
    if progress is False:
        return None
    if callable(progress):
        return progress  # type: ignore[no-any-return]
    if progress not in (None, True):
        raise TypeError("progress must be a callable taking the number of missions done, True, False or None")
    interactive = sys.stderr.isatty() or "ipykernel" in sys.modules
    if progress is None and not interactive:
        return None
    try:
        return _Bar(total)
    except ImportError:
        return None
