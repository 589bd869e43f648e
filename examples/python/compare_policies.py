"""Compare the four contribution policies over a synthetic portfolio (`make demo`).

Generates 100,000 won missions (see portfolio.py), compares the flat rate,
the guide of emblematic situations, self-assessment and negotiation, prints
the summary side by side, and saves a chart of the effective rate by lead
origin for each policy. Historical data has no declaration or agreement for
some missions: an explicit behaviour model stands in for them, and the rows
it prices are counted as `modelled`.

    python examples/python/compare_policies.py [ROWS] [OUTPUT_DIR]
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pyarrow.compute as pc  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import portfolio  # noqa: E402

import coopetition as c  # noqa: E402


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("target/demo")
    out.mkdir(parents=True, exist_ok=True)

    table = portfolio.generate(rows)
    print(f"Portfolio: {table.num_rows:,} won missions, {len(pc.unique(table['provider'])):,} providers, "
          f"revenue {pc.sum(table['revenue']).as_py():,} EUR (exact)")

    model = c.BehaviourModel()  # declared: 80% of the guide; negotiated: halfway to the flat amount
    started = time.perf_counter()
    result = c.compare(table, ["flat", "guide", "self_assessed", "negotiated"], model=model)
    elapsed = time.perf_counter() - started
    print(f"Compared 4 policies in {elapsed * 1000:.0f} ms (exact cents, GIL released)\n")

    summary = result.summary.to_pandas().set_index("policy")
    shown = summary[["priced", "total_due", "rate_mean", "rate_p10", "rate_median", "rate_p90", "gini",
                     "declared", "negotiated", "modelled"]]
    print(shown.to_string(float_format=lambda x: f"{x:.4f}"))

    by_origin = result.by_lead_origin.to_pandas()
    by_origin["effective_rate"] = by_origin["due"].astype(float) / by_origin["revenue"].astype(float)
    pivot = by_origin.pivot(index="key", columns="policy", values="effective_rate")
    print("\nEffective rate by lead origin (due / revenue):")
    print(pivot.to_string(float_format=lambda x: f"{x:.2%}"))

    by_situation = result.by_situation.to_pandas()
    by_situation["effective_rate"] = by_situation["due"].astype(float) / by_situation["revenue"].astype(float)
    print("\nEffective rate by emblematic situation:")
    print(by_situation.pivot(index="key", columns="policy", values="effective_rate").to_string(float_format=lambda x: f"{x:.2%}"))

    # One mission, explained: the first mission met at a network event.
    first = c.MissionFacts("p001", Decimal("12345.50"), table["won_on"][0].as_py(), "network_event")
    print("\nOne mission explained (guide, in French):")
    print(c.Policy.guide().evaluate(first).explain("fr"))

    ax = pivot.plot.bar(figsize=(10, 5), rot=0)
    ax.set_title(f"Effective contribution rate by lead origin ({rows:,} missions)")
    ax.set_xlabel("lead origin")
    ax.set_ylabel("due / revenue")
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.legend(title="policy")
    plt.tight_layout()
    chart = out / "effective_rates_by_lead_origin.png"
    plt.savefig(chart, dpi=120)
    print(f"\nChart saved to {chart}")
    result.missions.to_pandas().head(1000).to_csv(out / "missions_sample.csv", index=False)
    print(f"Per-mission results (first 1,000 rows) saved to {out / 'missions_sample.csv'}")


if __name__ == "__main__":
    main()
