"""A reproducible synthetic portfolio of won missions, as an Arrow table.

The proportions are plausible for a regional network of third-place
consultants, not measured: most leads come from the providers' own networks,
a few hundred providers of very different sizes, revenues spread like
consulting fees (a median around 6,000 EUR, a long tail of larger contracts).
Every figure is exact: revenue is decimal128 with two decimals, built from
whole cents, never from floats.

Run it alone to write a Parquet file::

    python examples/python/portfolio.py 100000 target/demo/portfolio.parquet
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

LEAD_ORIGINS = ["network_event", "network_action", "network_referral", "own_network", "other"]
LEAD_SHARES = [0.15, 0.15, 0.15, 0.40, 0.15]
NEGOTIATION_STATES = ["not_opened", "open", "agreed", "stalemate"]
NEGOTIATION_SHARES = [0.20, 0.15, 0.60, 0.05]


def decimal_cents(cents: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """A decimal128(18, 2) array from int64 cents, exactly (no float on the way)."""
    raw = np.zeros((len(cents), 2), dtype=np.int64)
    raw[:, 0] = cents
    raw[:, 1] = np.where(cents < 0, -1, 0)  # two's-complement sign extension to 128 bits
    validity = None
    null_count = 0
    if valid is not None:
        validity = pa.py_buffer(np.packbits(valid.astype(np.uint8), bitorder="little").tobytes())
        null_count = int((~valid).sum())
    return pa.Array.from_buffers(
        pa.decimal128(18, 2), len(cents), [validity, pa.py_buffer(raw.tobytes())], null_count=null_count
    )


def generate(n: int = 100_000, providers: int = 300, seed: int = 2019_12_10) -> pa.Table:
    """`n` won missions over `providers` providers; the same seed gives the same table."""
    rng = np.random.default_rng(seed)
    # Provider sizes follow a Zipf-like law: a few busy firms, many freelancers.
    weights = 1.0 / np.arange(1, providers + 1) ** 0.8
    provider = rng.choice(providers, size=n, p=weights / weights.sum())
    steward_providers = rng.random(providers) < 0.10
    names = np.array([f"p{i:03d}" for i in range(providers)])

    revenue_cents = np.clip(np.round(rng.lognormal(mean=np.log(6000), sigma=0.8, size=n) * 100), 20_000, 20_000_000)
    revenue_cents = revenue_cents.astype(np.int64)
    start = date(2020, 1, 1).toordinal() - date(1970, 1, 1).toordinal()
    end = date(2025, 12, 31).toordinal() - date(1970, 1, 1).toordinal()
    won_on = rng.integers(start, end + 1, size=n).astype(np.int32)
    lead = rng.choice(len(LEAD_ORIGINS), size=n, p=LEAD_SHARES)
    partners = rng.choice(4, size=n, p=[0.55, 0.30, 0.10, 0.05]).astype(np.int32)
    shared = rng.choice(4, size=n, p=[0.40, 0.25, 0.20, 0.15]).astype(np.int32)
    steward_workstream = steward_providers[provider] & (rng.random(n) < 0.5)
    client_informed = rng.random(n) < 0.35

    # Declarations (self-assessed): 70% declared, between 2% and 7% of revenue.
    declared_valid = rng.random(n) < 0.70
    declared_cents = np.round(revenue_cents * rng.uniform(0.02, 0.07, size=n)).astype(np.int64)
    # Negotiations: agreed amounts between 3% and 7%; open ones have a last offer.
    state = rng.choice(len(NEGOTIATION_STATES), size=n, p=NEGOTIATION_SHARES)
    amount_valid = (state == 1) | (state == 2)
    negotiation_cents = np.round(revenue_cents * rng.uniform(0.03, 0.07, size=n)).astype(np.int64)
    negotiation_on = won_on + rng.integers(5, 60, size=n).astype(np.int32)
    offers = np.where(state == 0, 0, rng.integers(1, 5, size=n)).astype(np.int32)
    donations_cents = np.where(rng.random(n) < 0.05, rng.integers(2_000, 50_000, size=n), 0).astype(np.int64)

    return pa.table(
        {
            "mission": pa.array([f"m{i:07d}" for i in range(n)]),
            "provider": pa.array(names[provider]).dictionary_encode(),
            "revenue": decimal_cents(revenue_cents),
            "won_on": pa.array(won_on, pa.date32()),
            "lead_origin": pa.array(np.array(LEAD_ORIGINS)[lead]).dictionary_encode(),
            "partners": pa.array(partners),
            "shared_resources": pa.array(shared),
            "steward_workstream": pa.array(steward_workstream),
            "client_informed": pa.array(client_informed),
            "declared": decimal_cents(declared_cents, declared_valid),
            "negotiation_state": pa.array(np.array(NEGOTIATION_STATES)[state]).dictionary_encode(),
            "negotiation_amount": decimal_cents(negotiation_cents, amount_valid),
            "negotiation_offers": pa.array(offers),
            "negotiation_on": pa.array(negotiation_on, pa.date32()),
            "donations": decimal_cents(donations_cents),
        }
    )


if __name__ == "__main__":
    import pyarrow.parquet as pq

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("target/demo/portfolio.parquet")
    out.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(generate(rows), out)
    print(f"{rows} missions written to {out}")
