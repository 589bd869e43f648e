"""Differential: random Arrow tables (every type the batch path takes, nulls, extremes, dictionaries) give, row by row,
the per-mission amounts, or both paths refuse. The batch path holds money in 64-bit cents: a row beyond is refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopetition as c

ORIGINS = ["network_event", "network_action", "network_referral", "own_network", "other"]
I64 = 2**63 - 1
START = date(2019, 12, 1)  # the shipped parameters start on 2020-01-01

MONEY_TYPES = ["decimal128_0", "decimal128_1", "decimal128_2", "decimal256", "int64", "uint64", "int32", "float64"]


def money_column(kind: str, cents: list[int | None], floats: list[float | None]) -> tuple[str, pa.Array, list[Any]]:
    """The column (its suffix, array) and the value each row stands for (a Decimal, None for null, or "refused")."""
    if kind == "float64":
        return "", pa.array(floats, pa.float64()), [rounded(f) for f in floats]
    if kind.startswith("decimal128"):
        scale = int(kind[-1])
        # Only whole cents at scale 2; at scales 0 and 1 the cents are rounded to the scale first.
        step = 10 ** (2 - scale)
        kept = [None if v is None else v // step * step for v in cents]
        arr = pa.array([None if v is None else Decimal(v).scaleb(-2).quantize(Decimal(1).scaleb(-scale)) for v in kept],
                       pa.decimal128(38, scale))
        return "", arr, [None if v is None else Decimal(v).scaleb(-2) for v in kept]
    if kind == "decimal256":
        arr = pa.array([None if v is None else Decimal(v).scaleb(-2) for v in cents], pa.decimal256(40, 2))
        return "", arr, [None if v is None else Decimal(v).scaleb(-2) for v in cents]
    bounds = {"int64": (-(2**63), I64), "uint64": (0, 2**64 - 1), "int32": (-(2**31), 2**31 - 1)}[kind]
    fitted = [None if v is None else min(max(v, bounds[0]), bounds[1]) for v in cents]
    arr = pa.array(fitted, getattr(pa, kind)())
    return "_cents", arr, [None if v is None else Decimal(v).scaleb(-2) for v in fitted]


def rounded(f: float | None) -> Decimal | None:
    """The rule for floats, written independently: the shortest decimal form (repr), to the cent half away from zero;
    None where it is refused (not finite, beyond 64-bit cents)."""
    if f is None or f != f or f in (float("inf"), float("-inf")) or abs(f) >= 1e17:
        return None
    return Decimal(repr(f)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def in_batch_range(d: Decimal) -> bool:
    return abs(d * 100) <= I64


# A row the per-mission path takes: extremes included (0, a cent, i64::MAX cents, the largest count).
clean_row = st.tuples(
    st.one_of(st.integers(0, 10**9), st.sampled_from([0, 1, 5, 10, 15, I64]), st.integers(0, I64)),  # revenue cents
    st.one_of(  # the revenue as a float (float64 columns)
        st.integers(0, 10**10).map(lambda c: c / 100),
        st.floats(0, 1e14),
        st.sampled_from([3.3, 0.145, 1.005, 0.005, 0.015, 5e-324, -0.0]),
    ),
    st.integers(31, 2000),  # days after 2019-12-01, from 2020-01-01
    st.sampled_from(ORIGINS),
    st.one_of(st.integers(0, 4), st.just(2**32 - 1)),  # partners
    st.sampled_from(["p1", "p2"]),
    st.one_of(st.none(), st.integers(0, 1000)),  # declared, thousandths of the revenue
    st.sampled_from(["not_opened", "open", "agreed", "stalemate", None]),
    st.just(True),  # the negotiation is dated
)
# One value the per-mission path (or the 64-bit range of the batch) refuses, by field.
FAULTS: list[dict[int, Any]] = [
    *({0: v} for v in [None, -1, I64 + 1, 2**64 - 1, -(2**63)]),
    *({1: v} for v in [None, float("nan"), float("inf"), 1e17, 1e300, -1.0]),
    {2: None}, {2: 0},  # no date, a date before the parameters
    {3: None}, {3: "by pigeon"},
    *({4: v} for v in [None, -1, 2**32, 2**64 - 1]),
    {5: "p 3"},
    {7: "stalemate", 8: False}, {7: "agreed", 8: False},
]
rows = st.tuples(
    st.lists(clean_row, min_size=1, max_size=8),
    st.one_of(st.none(), st.tuples(clean_row, st.sampled_from(FAULTS), st.integers(0, 8))),
).map(lambda t: t[0] if t[1] is None else [*t[0][: t[1][2]], tuple(t[1][1].get(i, v) for i, v in enumerate(t[1][0])), *t[0][t[1][2]:]])


def facts(row: dict[str, Any], reads: set[str]) -> c.MissionFacts | None:
    """The per-mission facts of a row, as far as the columns read (`reads`), or None where the per-mission path (or
    the 64-bit batch range) refuses."""
    try:
        if row["revenue"] is None or row["won_on"] is None or not in_batch_range(row["revenue"]):
            return None
        guide = "guide" in reads
        origin = row["origin"] if guide else "other"
        if origin is None or row["partners"] is None and guide:
            return None
        partners = row["partners"] if guide else 0
        declared = row["declared"] if "declared" in reads else None
        state = (row["state"] or "not_opened") if "negotiation" in reads else "not_opened"
        negotiation: c.NegotiationState = c.NegotiationState.NotOpened()
        if state == "open":
            negotiation = c.NegotiationState.Open(offers=1, last_offer=row["amount"])
        elif state in ("agreed", "stalemate"):
            if not row["dated"] or state == "agreed" and row["amount"] is None:
                return None
            if state == "agreed":
                negotiation = c.NegotiationState.Agreed(amount=row["amount"], on=row["won_on"], offers=2)
            else:
                negotiation = c.NegotiationState.Stalemate(on=row["won_on"], offers=2)
        return c.MissionFacts(row["provider"], row["revenue"], row["won_on"], origin, partners=partners,
                              declared=declared, negotiation=negotiation)
    except (c.CoopetitionError, TypeError, ValueError, OverflowError):
        return None


def evaluate(policy: c.Policy, row: dict[str, Any], reads: set[str]) -> c.Assessment | None:
    f = facts(row, reads)
    if f is None:
        return None
    try:
        return policy.evaluate(f)
    except c.CoopetitionError:
        return None


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(rows, st.sampled_from(MONEY_TYPES), st.booleans(), st.booleans(), st.sampled_from(["int64", "uint64", "int8"]))
def test_the_batch_path_equals_the_per_mission_path_or_both_refuse(
    data: list[Any], money: str, dictionary: bool, date64: bool, count_type: str
) -> None:
    cents = [r[0] for r in data]
    floats = [r[1] for r in data]
    suffix, revenue, revenue_values = money_column(money, cents, floats)
    n = len(data)
    days = [None if r[2] is None else START + timedelta(days=r[2]) for r in data]
    declared = [None if r[6] is None or v is None or not in_batch_range(v) else (v * r[6] / 1000).quantize(Decimal("0.01"))
                for r, v in zip(data, revenue_values)]
    states = [r[7] for r in data]
    amounts = [None if s not in ("open", "agreed") or d is None else d for s, d in zip(states, declared)]
    count_bounds = {"int64": (-(2**63), I64), "uint64": (0, 2**64 - 1), "int8": (-128, 127)}[count_type]
    partners = [None if r[4] is None else min(max(r[4], count_bounds[0]), count_bounds[1]) for r in data]
    origins = pa.array([r[3] for r in data], pa.string())
    columns: dict[str, pa.Array] = {
        "provider": pa.array([r[5] for r in data]),
        f"revenue{suffix}": revenue,
        "won_on": pa.array([None if d is None else datetime(d.year, d.month, d.day) for d in days], pa.date64())
        if date64 else pa.array(days, pa.date32()),
        "lead_origin": origins.dictionary_encode() if dictionary else origins,
        "partners": pa.array(partners, getattr(pa, count_type)()),
        "declared": pa.array(declared, pa.decimal128(38, 2)),
        "negotiation_state": pa.array(states, pa.string()),
        "negotiation_amount": pa.array(amounts, pa.decimal128(38, 2)),
        "negotiation_on": pa.array([d if r[8] else None for d, r in zip(days, data)], pa.date32()),
    }
    table = pa.table(columns)
    rows_ = [
        {"revenue": revenue_values[i], "won_on": days[i], "origin": data[i][3], "partners": partners[i],
         "provider": data[i][5], "declared": declared[i], "state": states[i], "amount": amounts[i], "dated": data[i][8]}
        for i in range(n)
    ]
    round_floats = money == "float64"
    reads = {"flat": set(), "guide": {"guide"}, "self_assessed": {"guide", "declared"}, "negotiated": {"negotiation"}}
    for name, columns_read in reads.items():
        policy = c.Policy.builtin(name)
        # evaluate_batch reads only the columns of its policy, and no provider.
        expected = [evaluate(policy, {**r, "provider": "p1"}, columns_read) for r in rows_]
        for details in (True, False):
            check(table, name, expected, lambda: c.evaluate_batch(table, name, round_floats=round_floats,
                                                                  details=details).to_pylist())
        # compare reads every column.
        every = [evaluate(policy, r, {"guide", "declared", "negotiation"}) for r in rows_]
        check(table, name, every,
              lambda: c.compare(table, [name], round_floats=round_floats).missions.to_pylist(), prefix=f"{name}_")


def check(table: pa.Table, name: str, expected: list[c.Assessment | None], run: Any, prefix: str = "") -> None:
    if any(e is None for e in expected):
        try:
            run()
        except c.BatchError as e:
            assert e.code in ("batch.row.invalid", "batch.column.invalid"), str(e)
            return
        raise AssertionError(f"{name}: the batch priced rows the per-mission path refuses: {expected}\n{table}")
    got = run()
    for row, a in zip(got, expected):
        assert a is not None
        assert row[f"{prefix}amount"] == a.amount, (name, row, a)
        if f"{prefix}status" in row:
            assert row[f"{prefix}status"] == a.status, (name, row, a)
