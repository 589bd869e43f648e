"""Python benchmark: designing a policy over 1,000,000 generated missions.

- a sweep of 1,000 flat rates (0.01 % to 10 %), target under 5 s;
- a sweep of 1,000 rates of one guide situation (`network_referral`), target under 10 s;
- the flat rate whose total equals the guide's, to 0.01 percentage point, target under 1 s;
- the diagnostics of a comparison of the four policies (from the comparison's totals).

Each from the pyarrow table the generator gives, on the cores the process may use,
best of 3. Prints each time and whether its target is met.

    python benches/python/bench_design.py [ROWS]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "python"))
import portfolio  # noqa: E402

import coopetition as c  # noqa: E402


def best(f: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    table = portfolio.generate(rows, providers=300, seed=7)
    rates = [Decimal(i) / 10_000 for i in range(1, 1_001)]
    comparison = c.compare(table)
    cases: list[tuple[str, Callable[[], object], float | None]] = [
        ("sweep, 1,000 flat rates", lambda: c.sweep(table, "flat", {"flat_rate": rates}), 5.0),
        ("sweep, 1,000 rates of network_referral", lambda: c.sweep(table, "guide", {"network_referral": rates}), 10.0),
        ("solve, the flat rate equal to the guide", lambda: c.solve(table, "flat_rate", "guide"), 1.0),
        ("diagnostics of the four policies", comparison.diagnostics, None),
    ]
    print(f"{rows:,} missions")
    for name, f, target in cases:
        seconds = best(f)
        verdict = "" if target is None else (" (target < %.0f s: %s)" % (target, "met" if seconds < target else "NOT met"))
        print(f"{name:45} {seconds:8.3f} s{verdict}")


if __name__ == "__main__":
    main()
