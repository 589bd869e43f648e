"""Python benchmark: this package's batch evaluation against common baselines.

On the same generated missions (1,000,000 by default), in one run:

- this package: `evaluate_batch` from an Arrow table, per policy (exact cents);
- the four policies compared end to end from a pandas DataFrame (`compare`);
- a plain Python loop with `decimal.Decimal` (the flat rate, exact);
- pandas `apply` on a column of `Decimal` objects (the flat rate, exact);
- numpy float64 (the flat rate and the guide, inexact);
- one evaluation of one prepared mission (`Policy.evaluate`).

Prints each throughput, the ratios and whether the issue's targets are met.

    python benches/python/bench_policies.py [ROWS]
"""

from __future__ import annotations

import sys
import time
import timeit
from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "python"))
import portfolio  # noqa: E402

import coopetition as c  # noqa: E402

CENT = Decimal("0.01")
RATE = Decimal("0.05")


def best(f: Callable[[], object], repeat: int = 20) -> float:
    """The best wall time of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        f()
        times.append(time.perf_counter() - started)
    return min(times)


def rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds / 1e6:8.2f} M missions/s  ({seconds * 1000:9.1f} ms)"


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    table = portfolio.generate(rows)
    model = c.BehaviourModel()
    print(f"{rows:,} missions; coopetition {c.__name__}, numpy {np.__version__}, pandas {pd.__version__}, pyarrow {pa.__version__}\n")

    results: dict[str, float] = {}
    for name in ["flat", "guide", "self_assessed", "negotiated"]:
        policy = c.Policy.builtin(name, model if name in ("self_assessed", "negotiated") else None)
        results[f"batch {name}"] = best(lambda p=policy: c.evaluate_batch(table, p, details=False))
    results["batch flat, all columns"] = best(lambda: c.evaluate_batch(table, "flat"))

    frame = table.to_pandas(types_mapper=pd.ArrowDtype)  # exact decimal columns, Arrow-backed
    results["compare 4 policies from pandas"] = best(lambda: c.compare(frame, model=model), repeat=3)

    revenue = table["revenue"].to_pylist()  # Decimal objects
    started = time.perf_counter()
    loop_total = sum((r * RATE).quantize(CENT, rounding=ROUND_HALF_UP) for r in revenue)
    results["python Decimal loop, flat"] = time.perf_counter() - started

    series = pd.Series(revenue, dtype=object)
    started = time.perf_counter()
    apply_total = series.apply(lambda r: (r * RATE).quantize(CENT, rounding=ROUND_HALF_UP)).sum()
    results["pandas apply Decimal, flat"] = time.perf_counter() - started

    floats = table["revenue"].cast(pa.float64()).to_numpy()
    results["numpy float64, flat"] = best(lambda: np.round(floats * 0.05, 2))
    origin = table["lead_origin"].cast(pa.string()).to_numpy(zero_copy_only=False)
    partners = table["partners"].to_numpy()
    shared = table["shared_resources"].to_numpy()
    steward = table["steward_workstream"].to_numpy(zero_copy_only=False)
    informed = table["client_informed"].to_numpy(zero_copy_only=False)

    def numpy_guide() -> np.ndarray:
        rates = np.select(
            [
                steward,
                (origin == "network_action") & (partners >= 1) & (shared >= 1),
                (origin == "network_event") & (partners == 0),
                (origin == "own_network") & informed,
                origin == "network_referral",
            ],
            [0.01, 0.06, 0.04, 0.02, 0.08],
            default=0.05,
        )
        return np.round(floats * rates, 2)

    results["numpy float64, guide"] = best(numpy_guide)

    exact_total = sum(c.evaluate_batch(table, "flat", details=False).column("amount").to_pylist())
    assert exact_total == loop_total == apply_total, (exact_total, loop_total, apply_total)
    float_total = float(np.round(floats * 0.05, 2).sum())
    print(f"flat total: exact {exact_total} EUR (batch = Decimal loop = pandas apply); "
          f"numpy float64 {float_total:.2f} EUR (off by {abs(Decimal(repr(float_total)) - exact_total)} EUR)\n")

    for name, seconds in results.items():
        print(f"{name:34} {rate(rows, seconds)}")

    mission = c.MissionFacts("p001", Decimal("12345.50"), date(2021, 3, 1), "network_event")
    flat = c.Policy.flat()
    guide = c.Policy.guide()
    calls = 200_000
    single = {
        "flat": min(timeit.repeat(lambda: flat.evaluate(mission), number=calls, repeat=5)) / calls,
        "guide": min(timeit.repeat(lambda: guide.evaluate(mission), number=calls, repeat=5)) / calls,
    }
    for name, seconds in single.items():
        print(f"one prepared mission, {name:6}             {seconds * 1e6:8.2f} µs per evaluation")

    print("\nratios and targets:")
    checks = [
        ("batch flat vs numpy float64 flat", results["numpy float64, flat"] / results["batch flat"], 1.0),
        ("batch guide vs numpy float64 guide", results["numpy float64, guide"] / results["batch guide"], 1.0),
        ("batch flat vs pandas apply Decimal", results["pandas apply Decimal, flat"] / results["batch flat"], 100.0),
        ("batch guide vs pandas apply Decimal", results["pandas apply Decimal, flat"] / results["batch guide"], 100.0),
        ("batch flat vs python Decimal loop", results["python Decimal loop, flat"] / results["batch flat"], 1.0),
    ]
    for label, ratio, target in checks:
        print(f"  {label:40} {ratio:9.1f}×   target ≥ {target:g}×   {'met' if ratio >= target else 'MISSED'}")
    four = results["compare 4 policies from pandas"]
    print(f"  {'4 policies over 1M from pandas':40} {four:9.3f} s   target < 1 s    {'met' if four < 1 else 'MISSED'}")
    worst = max(single.values()) * 1e6
    print(f"  {'one prepared evaluation':40} {worst:9.2f} µs  target ≤ 2 µs   {'met' if worst <= 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
