"""Tables the engine gives, written to files with pyarrow: CSV or Parquet by
the file name's suffix. Only the writing lives here; the rows are the engine's."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any


def write_table(table: Any, path: str | os.PathLike[str]) -> None:
    """Writes the pyarrow `table` to `path`: CSV for `.csv`, Parquet for `.parquet`."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        importlib.import_module("pyarrow.csv").write_csv(table, str(path))
    elif suffix == ".parquet":
        importlib.import_module("pyarrow.parquet").write_table(table, str(path))
    else:
        raise ValueError(f"the file name ends in .csv or .parquet, not {suffix or 'nothing'!r}: {os.fspath(path)}")
