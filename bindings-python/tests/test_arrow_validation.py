"""Every value the Arrow entry points read is checked first: what the per-mission path refuses is refused,
naming the user's column and row, and nothing is ever wrapped, taken for zero or left to a panic."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

import coopetition as c

WON = date(2021, 3, 1)


def table(n: int = 3, **columns: Any) -> pa.Table:
    base: dict[str, Any] = {
        "provider": [f"p{i}" for i in range(n)],
        "revenue_cents": pa.array([10_000 * (i + 1) for i in range(n)], pa.int64()),
        "won_on": pa.array([WON] * n, pa.date32()),
        "lead_origin": ["other"] * n,
    }
    base.update(columns)
    if "revenue" in columns:
        del base["revenue_cents"]
    return pa.table(base)


def refused(t: pa.Table, policy: str = "flat", **options: Any) -> c.BatchError:
    with pytest.raises(c.BatchError) as e:
        c.evaluate_batch(t, policy, **options)
    assert isinstance(e.value, c.CoopetitionError) and isinstance(e.value, ValueError)
    return e.value


def refused_by_compare(t: pa.Table, policies: list[str], **options: Any) -> c.BatchError:
    with pytest.raises(c.BatchError) as e:
        c.compare(t, policies, **options)
    return e.value


def amounts(t: pa.Table, policy: str = "flat", **options: Any) -> list[Decimal | None]:
    return c.evaluate_batch(t, policy, **options)["amount"].to_pylist()  # type: ignore[no-any-return]


# ---- money ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("details", [True, False])
def test_unsigned_cents_beyond_64_bits_are_refused_not_zero(details: bool) -> None:
    t = table(revenue_cents=pa.array([100, 2**64 - 1, 300], pa.uint64()))
    e = refused(t, details=details)
    assert e.code == "batch.row.invalid"
    assert "column `revenue_cents`, row 1: money.amount.overflow" in str(e), str(e)
    assert "column `revenue_cents`, row 1" in str(refused_by_compare(t, ["flat", "guide"]))
    # Unsigned cents that fit are read as they are: 5 % of 1.00, 2.00 and 3.00.
    fits = table(revenue_cents=pa.array([100, 200, 300], pa.uint64()))
    assert amounts(fits) == [Decimal("0.05"), Decimal("0.10"), Decimal("0.15")]


def test_decimal256_is_read_exactly_or_refused() -> None:
    huge = table(revenue=pa.array([Decimal("1.00"), Decimal("1e45"), Decimal("3.00")], pa.decimal256(50, 2)))
    e = refused(huge)
    assert e.code == "batch.row.invalid" and "column `revenue`, row 1: money.amount.overflow" in str(e), str(e)
    # Beyond 64-bit cents but within 38 digits: refused too, never priced at 0.00.
    big = table(revenue=pa.array([Decimal("1.00"), Decimal("1e20"), Decimal("3.00")], pa.decimal256(40, 2)))
    assert "column `revenue`, row 1: money.amount.overflow" in str(refused(big))
    fine = table(revenue=pa.array([Decimal("1.00"), Decimal("12345.50"), Decimal("3.00")], pa.decimal256(40, 2)))
    assert amounts(fine) == [Decimal("0.05"), Decimal("617.28"), Decimal("0.15")]


def test_integer_cents_of_every_width_never_wrap() -> None:
    for kind in [pa.int8(), pa.int16(), pa.int32(), pa.uint8(), pa.uint16(), pa.uint32()]:
        assert amounts(table(revenue_cents=pa.array([100, 20, 10], kind))) == [
            Decimal("0.05"), Decimal("0.01"), Decimal("0.01")
        ], kind
    # A negative revenue in a narrow type is the per-mission refusal, named on the user's column.
    e = refused(table(revenue_cents=pa.array([1, -1, 2], pa.int8())))
    assert "column `revenue_cents`, row 1: money.amount.negative" in str(e), str(e)


def test_floats_follow_one_rule_shortest_form_then_half_away_from_zero() -> None:
    # 3.3 is 3.2999999999999998… in binary: read as 3.30, 5 % is 0.165 → 0.17, as for Decimal("3.30") per mission.
    # 0.145 (float32 too) is read as 0.145 → 0.15 (0.0075 → 0.01); 1.005 → 1.01 (0.0505 → 0.05).
    for kind in [pa.float64(), pa.float32()]:
        t = table(revenue=pa.array([3.3, 0.145, 1.005], kind))
        assert amounts(t, round_floats=True) == [Decimal("0.17"), Decimal("0.01"), Decimal("0.05")], kind
        revenue = c.compare(t, ["flat"], round_floats=True).missions["revenue"].to_pylist()
        assert revenue == [Decimal("3.30"), Decimal("0.15"), Decimal("1.01")], kind
    per_mission = c.Policy.flat().evaluate(c.MissionFacts("p0", Decimal("3.30"), WON, "other"))
    assert per_mission.amount == Decimal("0.17")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (1e17, "money.amount.overflow"),  # 10^19 cents: beyond 64 bits
        (1e300, "money.amount.overflow"),
        (float("nan"), "input.parse.invalid"),
        (float("inf"), "input.parse.invalid"),
    ],
)
def test_floats_the_money_rule_refuses_are_refused_with_their_row(value: float, code: str) -> None:
    t = table(revenue=pa.array([1.0, value, 2.0]))
    e = refused(t, round_floats=True)
    assert e.code == "batch.row.invalid" and f"column `revenue`, row 1: {code}" in str(e), str(e)
    assert f"column `revenue`, row 1: {code}" in str(refused_by_compare(t, ["flat"], round_floats=True))


def test_floats_in_a_cents_column_are_a_type_error() -> None:
    e = refused(table(revenue_cents=pa.array([100.0, 200.0, 300.0])), round_floats=True)
    assert e.code == "batch.column.invalid" and "`revenue_cents`" in str(e), str(e)


# ---- dictionaries -------------------------------------------------------------------------------------------------


def bad_keys() -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(
        pa.array([0, 7, 1], pa.int8()), pa.array(["other", "network_event", "own_network"]), safe=False
    )


@pytest.mark.parametrize("details", [True, False])
def test_a_dictionary_key_outside_its_dictionary_is_refused_with_its_row(details: bool) -> None:
    t = table(lead_origin=bad_keys())
    e = refused(t, "guide", details=details)
    assert e.code == "batch.row.invalid" and "column `lead_origin`, row 1" in str(e), str(e)
    assert "key 7" in str(e)
    assert "column `lead_origin`, row 1" in str(refused_by_compare(t, ["flat"]))


def test_a_null_in_a_dictionary_is_a_null_cell() -> None:
    origins = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], pa.int32()), pa.array(["other", None]))
    e = refused(table(lead_origin=origins), "guide")
    assert e.code == "batch.row.invalid" and "column `lead_origin`, row 1" in str(e) and "null" in str(e), str(e)
    providers = pa.DictionaryArray.from_arrays(pa.array([0, 0, 1], pa.int32()), pa.array(["p0", None]))
    assert "column `provider`, row 2" in str(refused_by_compare(table(provider=providers), ["flat"]))
    # In an optional column a null is absent: a null negotiation state is a negotiation not opened.
    states = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], pa.int32()), pa.array(["not_opened", None]))
    rows = c.evaluate_batch(table(negotiation_state=states), "negotiated").to_pylist()
    assert [r["status"] for r in rows] == ["pending"] * 3


def test_dictionaries_with_every_key_width_read_alike() -> None:
    expected = amounts(table(lead_origin=["network_event", "other", "network_referral"]), "guide")
    for kind in [pa.int8(), pa.int16(), pa.int64(), pa.uint8(), pa.uint32()]:
        origins = pa.DictionaryArray.from_arrays(
            pa.array([2, 0, 1], kind), pa.array(["other", "network_referral", "network_event"])
        )
        assert amounts(table(lead_origin=origins), "guide") == expected, kind


# ---- counts, ids, dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "kind"),
    [([0, 2**64 - 1, 1], pa.uint64()), ([0, 2**32, 1], pa.int64()), ([0, -1, 1], pa.int8())],
)
def test_counts_of_any_width_must_fit(values: list[int], kind: pa.DataType) -> None:
    e = refused(table(partners=pa.array(values, kind)), "guide")
    assert e.code == "batch.row.invalid" and "column `partners`, row 1" in str(e), str(e)


def test_counts_that_fit_read_alike_whatever_their_width() -> None:
    expected = amounts(table(partners=pa.array([0, 3, 1], pa.int64())), "guide")
    for kind in [pa.uint64(), pa.uint8(), pa.int16()]:
        assert amounts(table(partners=pa.array([0, 3, 1], kind)), "guide") == expected, kind


def test_provider_ids_follow_the_per_mission_rule() -> None:
    with pytest.raises(c.InputError) as per_mission:
        c.MissionFacts("p 1", Decimal("1.00"), WON, "other")
    assert per_mission.value.code == "input.id.invalid"
    t = table(provider=["p0", "p 1", "p2"])
    e = refused_by_compare(t, ["flat"])
    assert e.code == "batch.row.invalid" and "column `provider`, row 1: input.id.invalid" in str(e), str(e)

    class Tenth:
        name = "tenth"

        def evaluate(self, mission: c.MissionFacts, parameters: c.Parameters) -> Decimal:
            return mission.revenue / 10

    with pytest.raises(c.BatchError) as e2:
        c.compare(t, [Tenth()])
    assert "column `provider`, row 1" in str(e2.value)


def test_mission_ids_follow_the_per_mission_rule() -> None:
    e = refused_by_compare(table(mission=["m1", "m/2", "m3"]), ["flat"])
    assert "column `mission`, row 1: input.id.invalid" in str(e), str(e)
    ok = c.compare(table(mission=pa.array([1, None, 3], pa.int64())), ["flat"]).missions
    assert ok["mission"].to_pylist() == [1, None, 3]


@pytest.mark.parametrize("state", ["agreed", "stalemate"])
def test_a_concluded_negotiation_needs_its_date(state: str) -> None:
    # A Python negotiation is built by its stage's class, whose date is a required argument.
    undated: dict[str, Any] = {
        "agreed": lambda: c.NegotiationState.Agreed(amount=Decimal("1"), offers=1),  # type: ignore[call-arg]
        "stalemate": lambda: c.NegotiationState.Stalemate(offers=1),  # type: ignore[call-arg]
    }
    with pytest.raises(TypeError, match="'on'"):
        undated[state]()
    t = table(
        negotiation_state=["not_opened", state, "open"],
        negotiation_amount_cents=pa.array([None, 100, None], pa.int64()),
        negotiation_on=pa.array([None, None, None], pa.date32()),
    )
    e = refused(t, "negotiated")
    assert e.code == "batch.row.invalid" and "column `negotiation_on`, row 1" in str(e), str(e)
    assert "column `negotiation_on`, row 1" in str(refused_by_compare(t, ["negotiated"]))


def test_date64_reads_as_date32() -> None:
    midnight = table(won_on=pa.array([datetime(2021, 3, 1)] * 3, pa.date64()))
    assert amounts(midnight, "guide") == amounts(table(), "guide")


# ---- names ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "values", "policy"),
    [
        ("declared", pa.array([None, Decimal("200.01"), None], pa.decimal128(12, 2)), "self_assessed"),
        ("declared_cents", pa.array([None, 20_001, None], pa.int64()), "self_assessed"),
        ("negotiation_amount", pa.array([None, Decimal("200.01"), None], pa.decimal128(12, 2)), "negotiated"),
        ("negotiation_amount_cents", pa.array([None, 20_001, None], pa.int64()), "negotiated"),
    ],
)
def test_errors_name_the_column_the_user_gave(column: str, values: pa.Array, policy: str) -> None:
    t = table(**{column: values})
    if policy == "negotiated":
        t = t.append_column("negotiation_state", pa.array(["not_opened", "agreed", "not_opened"])).append_column(
            "negotiation_on", pa.array([WON] * 3, pa.date32())
        )
    e = refused(t, policy)
    assert f"column `{column}`, row 1: policy.declaration.out_of_range" in str(e), str(e)
