"""pandas frames to Arrow, column by column, without copying what need not be.

`pyarrow.Table.from_pandas` scans and copies every column; the columns an
evaluation reads are usually numpy integers, booleans, `datetime64` and
categoricals, which Arrow can take as they are. This module only changes
the representation: every value keeps its meaning, a missing value (NaT, a
categorical's -1 code, NaN) stays missing, and any other column goes through
pyarrow unchanged. Which values are valid is decided by the engine.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

_NAT = np.iinfo(np.int64).min


def _column(series: Any) -> pa.Array | pa.ChunkedArray:
    dtype = series.dtype
    kind: str = getattr(dtype, "kind", "") or ""
    if isinstance(dtype, np.dtype) and kind in "iu":
        # Integers are taken without a copy.
        return pa.array(series.to_numpy())
    if isinstance(dtype, np.dtype) and kind == "b":
        # Booleans packed into Arrow's bits by numpy (pyarrow's own packing
        # is several times slower).
        values = series.to_numpy()
        bits = np.packbits(values.view(np.uint8), bitorder="little")
        return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(bits)])
    if isinstance(dtype, np.dtype) and kind == "M":
        values = series.to_numpy()
        unit, _ = np.datetime_data(values.dtype)
        ticks = values.view(np.int64)
        # NaT is the smallest int64: there is none if the minimum is another.
        if unit in ("s", "ms", "us", "ns") and (len(ticks) == 0 or ticks.min() != _NAT):
            # No NaT: the ticks as they are, seen as timestamps (no copy).
            return pa.array(ticks).view(pa.timestamp(unit))
        return pa.array(values, from_pandas=True)
    if str(dtype) == "category":
        codes = series.cat.codes.to_numpy()
        categories = pa.array(series.cat.categories.to_numpy(), from_pandas=True)
        if len(codes) and codes.min() < 0:
            return pa.DictionaryArray.from_arrays(codes, categories, mask=codes < 0)
        # Not checked here: the engine checks every key against the
        # dictionary (pandas codes are in range).
        return pa.DictionaryArray.from_arrays(pa.array(codes), categories, safe=False)
    return pa.array(series, from_pandas=True)


def to_arrow(frame: Any, wanted: list[str]) -> pa.Table:
    """The columns of `frame` named in `wanted` (in the frame's order), as
    an Arrow table; columns whose name is not a string are left out, as the
    engine reads columns by name."""
    names = [n for n in frame.columns if isinstance(n, str) and n in wanted]
    if len(set(names)) != len(names):
        # Two columns of one name: as pyarrow reads them (the engine then
        # reads the first).
        return pa.Table.from_pandas(frame[names], preserve_index=False)
    return pa.table({n: _column(frame[n]) for n in names})
