"""Python benchmark: `evaluate_batch` (amounts only) on every common layout.

The same generated missions (1,000,000 by default), laid out as analysts'
tools lay them out: pyarrow dictionaries of every key width, plain, large
and view strings, polars Categorical and Enum, decimal128 of scale 0 to 2
and integer cents, date32, date64 and timestamps, counts of any width, and
pandas frames backed by numpy (categoricals, datetime64[ns] or
`datetime.date` objects). For each layout and policy: the best time of a
few runs and the ratio to the best layout of that policy (target: 1.5×).
Then the flat rate from a numpy-backed pandas frame against numpy on the
same frame (target: 2×).

    python benches/python/bench_layouts.py [ROWS]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "python"))
import portfolio  # noqa: E402

import coopetition as c  # noqa: E402
from bench_policies import best  # noqa: E402

GUIDE_COLUMNS = ["revenue", "won_on", "lead_origin", "partners", "shared_resources",
                 "steward_workstream", "client_informed", "donations"]


def with_column(table: pa.Table, name: str, array: pa.Array | pa.ChunkedArray) -> pa.Table:
    return table.set_column(table.schema.get_field_index(name), name, array)


def revenue_cents(table: pa.Table) -> np.ndarray:
    """The revenue in integer cents (exact: every amount is below 2^53 cents)."""
    return np.round(np.asarray(table["revenue"].combine_chunks().cast(pa.float64())) * 100).astype(np.int64)


def layouts(base: pa.Table) -> dict[str, object]:
    """The same missions in each layout (the columns the guide reads)."""
    t = base.select(GUIDE_COLUMNS)
    origin = t["lead_origin"].combine_chunks()
    text = origin.cast(pa.string())
    cents = pa.array(revenue_cents(t))
    euros = pa.array(np.asarray(cents) // 100 * 100)
    days = np.asarray(t["won_on"].combine_chunks().cast(pa.int32()))
    out: dict[str, object] = {
        "generator (dictionary<int32, string>)": t,
        "dictionary<int8, string>": with_column(t, "lead_origin", text.dictionary_encode().cast(pa.dictionary(pa.int8(), pa.string()))),
        "dictionary<uint8, large_string>": with_column(t, "lead_origin", text.dictionary_encode().cast(pa.dictionary(pa.uint8(), pa.large_string()))),
        "dictionary<int64, string_view>": with_column(t, "lead_origin", text.dictionary_encode().cast(pa.dictionary(pa.int64(), pa.string_view()))),
        "string": with_column(t, "lead_origin", text),
        "large_string": with_column(t, "lead_origin", text.cast(pa.large_string())),
        "string_view": with_column(t, "lead_origin", text.cast(pa.string_view())),
        "revenue decimal128(38, 2)": with_column(t, "revenue", t["revenue"].cast(pa.decimal128(38, 2))),
        "revenue decimal128(19, 0) (whole euros)": with_column(t, "revenue", pa.array(np.asarray(euros) // 100).cast(pa.decimal128(19, 0))),
        "revenue decimal128(20, 1)": with_column(t, "revenue", pa.array(np.asarray(euros) // 10).cast(pa.decimal128(19, 0)).cast(pa.decimal128(20, 1))),
        "revenue_cents int64": t.drop_columns(["revenue"]).append_column("revenue_cents", cents),
        "revenue_cents int32": t.drop_columns(["revenue"]).append_column("revenue_cents", cents.cast(pa.int32())),
        "won_on date64": with_column(t, "won_on", pa.array(days.astype(np.int64) * 86_400_000, pa.date64())),
        "won_on timestamp[ns]": with_column(t, "won_on", pa.array(days.astype(np.int64) * 86_400_000_000_000, pa.timestamp("ns"))),
        "won_on timestamp[us, UTC]": with_column(t, "won_on", pa.array(days.astype(np.int64) * 86_400_000_000 + 3_600_000_000, pa.timestamp("us", tz="UTC"))),
        "counts int8, uint16": with_column(with_column(t, "partners", t["partners"].cast(pa.int8())), "shared_resources", t["shared_resources"].cast(pa.uint16())),
    }
    frame = pl.from_arrow(t)
    out["polars (Categorical)"] = frame.with_columns(pl.col("lead_origin").cast(pl.String).cast(pl.Categorical))
    out["polars (Enum)"] = frame.with_columns(
        pl.col("lead_origin").cast(pl.String).cast(pl.Enum(sorted(set(text.to_pylist())))))
    return out


def pandas_frame(base: pa.Table, dates: str) -> pd.DataFrame:
    """A numpy-backed pandas frame, as `read_csv` and friends give."""
    days = np.asarray(base["won_on"].combine_chunks().cast(pa.int32())).astype("datetime64[D]")
    frame = pd.DataFrame({
        "provider": pd.Categorical(base["provider"].cast(pa.string()).to_numpy(zero_copy_only=False)),
        "revenue_cents": revenue_cents(base),
        "won_on": days.astype("datetime64[ns]") if dates == "datetime64" else pd.Series(days).dt.date,
        "lead_origin": pd.Categorical(base["lead_origin"].cast(pa.string()).to_numpy(zero_copy_only=False)),
        "partners": base["partners"].to_numpy(),
        "shared_resources": base["shared_resources"].to_numpy(),
        "steward_workstream": base["steward_workstream"].to_numpy(),
        "client_informed": base["client_informed"].to_numpy(),
    })
    return frame


#: Rounds over every layout; each keeps its best run.
ROUNDS = 6

#: Layouts of one Python object per value: pyarrow converts each object
#: before the engine sees a value (about 47 ns per object), so they are
#: shown but not held to the target, which is about Arrow and numpy layouts.
OUTSIDE = {"pandas numpy-backed, datetime.date"}


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    base = portfolio.generate(rows)
    print(f"{rows:,} missions, {c.default_threads()} threads; pyarrow {pa.__version__}, "
          f"polars {pl.__version__}, pandas {pd.__version__}\n")
    tables = layouts(base)
    tables["pandas numpy-backed, datetime64[ns]"] = pandas_frame(base, "datetime64")
    tables["pandas numpy-backed, datetime.date"] = pandas_frame(base, "date")
    expected = {p: c.evaluate_batch(base, p, details=False)["amount"] for p in ("flat", "guide")}
    runs: dict[tuple[str, str], object] = {}
    for name, table in tables.items():
        for policy in ("flat", "guide"):
            try:
                got = c.evaluate_batch(table, policy, details=False)["amount"]
            except c.CoopetitionError as e:
                print(f"  {name} {policy}: REFUSED {e}")
                continue
            if not ("euros" in name or "decimal128(20, 1)" in name or got.equals(expected[policy])):
                print(f"  {name} {policy} (DIFFERENT)")
            runs[(name, policy)] = lambda t=table, p=policy: c.evaluate_batch(t, p, details=False)
    frame = tables["pandas numpy-backed, datetime64[ns]"]
    runs[("numpy", "flat")] = lambda: np.round(frame.revenue_cents * 0.05)
    # The host is shared: every layout is timed in each of several rounds,
    # one after the other, and keeps its best, so that a slow spell or a
    # process still warming up weighs on all layouts alike.
    times: dict[tuple[str, str], float] = {k: float("inf") for k in runs}
    order = list(runs.items())
    for _ in range(ROUNDS):
        # Forwards, then backwards: no layout is always timed first.
        for key, run in order:
            times[key] = min(times[key], best(run, repeat=3))
        order.reverse()
    considered = [n for n in tables if n not in OUTSIDE]
    fastest = {p: min(times.get((n, p), float("inf")) for n in considered) for p in ("flat", "guide")}
    print(f"{'layout':42} {'flat ms':>9} {'×best':>6} {'guide ms':>9} {'×best':>6}")
    worst = 0.0
    for name in tables:
        t = {p: times.get((name, p), float("inf")) for p in ("flat", "guide")}
        ratios = [t[p] / fastest[p] for p in ("flat", "guide")]
        if name not in OUTSIDE:
            worst = max(worst, *ratios)
        mark = "  (Python objects: outside the target)" if name in OUTSIDE else ""
        print(f"{name:42} {t['flat'] * 1e3:9.1f} {ratios[0]:6.2f} {t['guide'] * 1e3:9.1f} {ratios[1]:6.2f}{mark}")
    print(f"\nworst layout: {worst:.2f}× the best   target ≤ 1.5×   {'met' if worst <= 1.5 else 'MISSED'}")

    numpy_flat = times[("numpy", "flat")]
    ours = times[("pandas numpy-backed, datetime64[ns]", "flat")]
    ratio = ours / numpy_flat
    print(f"pandas frame, flat: coopetition {ours * 1e3:.1f} ms, numpy {numpy_flat * 1e3:.1f} ms: "
          f"{ratio:.2f}×   target ≤ 2×   {'met' if ratio <= 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
