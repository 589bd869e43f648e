"""The analyst path: Arrow-compatible tables in, exact results out."""

from __future__ import annotations

import json
import sys
import threading
from datetime import date, timedelta
from decimal import Decimal

import pyarrow as pa
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopetition as c

sys.path.insert(0, str(ROOT / "examples" / "python"))
import portfolio  # noqa: E402

ORIGINS = ["network_event", "network_action", "network_referral", "own_network", "other"]
POLICIES = ["flat", "guide", "self_assessed", "negotiated"]


def small_table() -> pa.Table:
    return pa.table(
        {
            "provider": ["paul", "paul", "rita"],
            "revenue": pa.array([Decimal("12345.50"), Decimal("0.10"), Decimal("8000.00")], pa.decimal128(12, 2)),
            "won_on": pa.array([date(2021, 3, 1), date(2021, 3, 2), date(2022, 5, 1)], pa.date32()),
            "lead_origin": ["network_event", "other", "network_referral"],
            "partners": [0, 0, 1],
            "shared_resources": [0, 0, 2],
            "steward_workstream": [False, False, False],
            "client_informed": [False, True, False],
        }
    )


def test_flat_and_guide_by_hand() -> None:
    result = c.compare(small_table(), ["flat", "guide"])
    rows = result.missions.to_pylist()
    # 5% × 12345.50 = 617.275 → 617.28; 5% × 0.10 = 0.005 → 0.01; 5% × 8000 = 400.00
    assert [r["flat_amount"] for r in rows] == [Decimal("617.28"), Decimal("0.01"), Decimal("400.00")]
    # guide: event_solo 4% → 493.82; default 5% → 0.01; network_referral 8% → 640.00
    assert [r["guide_amount"] for r in rows] == [Decimal("493.82"), Decimal("0.01"), Decimal("640.00")]
    assert [r["guide_situation"] for r in rows] == ["event_solo", "default", "network_referral"]
    assert rows[0]["flat_codes"] == "flat.rate flat.amount rounding.cents"
    totals = dict(result.totals())
    assert totals["flat"] == Decimal("1017.29")
    assert totals["guide"] == Decimal("1133.83")


def test_unpriced_missions_are_counted_not_zero() -> None:
    result = c.compare(small_table(), ["self_assessed", "negotiated"])
    summary = {row["policy"]: row for row in result.summary.to_pylist()}
    assert summary["self_assessed"]["undeclared"] == 3 and summary["self_assessed"]["priced"] == 0
    assert summary["negotiated"]["pending"] == 3
    assert all(r["negotiated_amount"] is None for r in result.missions.to_pylist())


def test_pandas_polars_and_pyarrow_inputs_agree() -> None:
    import pandas as pd
    import polars as pl

    table = portfolio.generate(2_000, providers=20, seed=7)
    expected = c.compare(table, model=c.BehaviourModel()).to_json()
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    assert c.compare(frame, model=c.BehaviourModel()).to_json() == expected
    assert c.compare(pl.from_arrow(table), model=c.BehaviourModel()).to_json() == expected
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=300))
    assert c.compare(reader, model=c.BehaviourModel()).to_json() == expected
    # A plain pandas frame with Decimal objects works too (converted through pyarrow).
    plain = pd.DataFrame(small_table().to_pylist())
    assert c.compare(plain, ["flat"]).totals() == [("flat", Decimal("1017.29"))]
    converted = c.compare(table, model=c.BehaviourModel()).to_pandas()
    assert list(converted["policy"]) == ["flat", "guide", "self_assessed_modelled", "negotiated_modelled"]
    assert isinstance(c.compare(table).to_polars(), pl.DataFrame)


def test_integer_cents_and_float_opt_in() -> None:
    cents = small_table().drop_columns(["revenue"]).append_column("revenue_cents", pa.array([1234550, 10, 800000]))
    assert c.compare(cents, ["flat"]).totals() == [("flat", Decimal("1017.29"))]
    floats = small_table().drop_columns(["revenue"]).append_column("revenue", pa.array([12345.5, 0.1, 8000.0]))
    with pytest.raises(c.BatchError) as e:
        c.compare(floats, ["flat"])
    assert e.value.code == "batch.column.invalid" and "round_floats" in str(e.value)
    assert c.compare(floats, ["flat"], round_floats=True).totals() == [("flat", Decimal("1017.29"))]


@pytest.mark.parametrize(
    ("change", "code", "column"),
    [
        (lambda t: t.drop_columns(["won_on"]), "batch.column.invalid", "won_on"),
        (lambda t: t.rename_columns(["supplier" if n == "provider" else n for n in t.column_names]), "batch.column.invalid", "provider"),
        (lambda t: t.set_column(3, "lead_origin", pa.array(["network_event", "by pigeon", "other"])), "batch.row.invalid", "lead_origin"),
        (lambda t: t.set_column(1, "revenue", pa.array([Decimal("1"), None, Decimal("2")], pa.decimal128(12, 2))), "batch.row.invalid", "revenue"),
        (lambda t: t.set_column(1, "revenue", pa.array([Decimal("1"), Decimal("-2"), Decimal("2")], pa.decimal128(12, 2))), "batch.row.invalid", "revenue"),
        (lambda t: t.set_column(1, "revenue", pa.array([Decimal("1.005"), Decimal("2"), Decimal("2")], pa.decimal128(12, 3))), "batch.row.invalid", "revenue"),
        (lambda t: t.set_column(4, "partners", pa.array(["one", "two", "three"])), "batch.column.invalid", "partners"),
        (lambda t: t.set_column(4, "partners", pa.array([0, -1, 0])), "batch.row.invalid", "partners"),
        (lambda t: t.set_column(2, "won_on", pa.array([date(2019, 1, 1)] * 3, pa.date32())), "batch.row.invalid", "won_on"),
    ],
)
def test_bad_columns_are_named_and_nothing_is_computed(change, code, column) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(c.BatchError) as e:
        c.compare(change(small_table()), POLICIES)
    assert e.value.code == code
    assert f"`{column}`" in str(e.value)
    assert isinstance(e.value, ValueError)


def test_a_python_policy_plugs_into_comparisons() -> None:
    class Tenth:
        name = "tenth"

        def evaluate(self, mission: c.MissionFacts, parameters: c.Parameters) -> Decimal:
            return mission.revenue / 10

    result = c.compare(small_table(), ["flat", Tenth(), c.Policy.guide().with_cap(Decimal("500"))])
    assert result.policies == ["flat", "tenth", "guide"]
    totals = dict(result.totals())
    assert totals["tenth"] == Decimal("1234.55") + Decimal("0.01") + Decimal("800.00")
    assert totals["guide"] == Decimal("493.82") + Decimal("0.01") + Decimal("500.00")

    class Broken:
        name = "broken"

        def evaluate(self, mission: c.MissionFacts, parameters: c.Parameters) -> Decimal:
            raise ZeroDivisionError("oops")

    with pytest.raises(c.PolicyError) as e:
        c.compare(small_table(), [Broken()])
    assert e.value.code == "policy.custom.failed" and "broken" in str(e.value)


missions = st.lists(
    st.tuples(
        st.integers(0, 10**9),  # revenue in cents
        st.integers(0, 3000),  # days after 2020-01-01
        st.sampled_from(ORIGINS),
        st.integers(0, 3),
        st.integers(0, 3),
        st.booleans(),
        st.booleans(),
        st.one_of(st.none(), st.integers(0, 100)),  # declared, as a percent of revenue
        st.sampled_from(["not_opened", "open", "agreed", "stalemate"]),
        st.integers(0, 100),  # negotiated percent
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(missions)
def test_arrow_path_equals_per_mission_path(rows) -> None:  # type: ignore[no-untyped-def]
    start = date(2020, 1, 1)
    facts = []
    columns: dict[str, list[object]] = {k: [] for k in [
        "provider", "revenue_cents", "won_on", "lead_origin", "partners", "shared_resources", "steward_workstream",
        "client_informed", "declared_cents", "negotiation_state", "negotiation_amount_cents", "negotiation_offers",
        "negotiation_on"]}
    for i, (cents, days, origin, partners, shared, sw, ci, declared, state, agreed) in enumerate(rows):
        won = start + timedelta(days=days)
        revenue = Decimal(cents) / 100
        declared_cents = None if declared is None else cents * declared // 100
        amount_cents = cents * agreed // 100 if state in ("open", "agreed") else None
        negotiation: c.NegotiationState = c.NegotiationState.NotOpened()
        if state == "open":
            negotiation = c.NegotiationState.Open(offers=1, last_offer=Decimal(amount_cents or 0) / 100)
        elif state == "agreed":
            negotiation = c.NegotiationState.Agreed(amount=Decimal(amount_cents or 0) / 100, on=won, offers=2)
        elif state == "stalemate":
            negotiation = c.NegotiationState.Stalemate(on=won, offers=3)
        facts.append(c.MissionFacts(
            f"p{i % 3}", revenue, won, origin, partners=partners, shared_resources=shared, steward_workstream=sw,
            client_informed=ci, declared=None if declared_cents is None else Decimal(declared_cents) / 100,
            negotiation=negotiation))
        for key, value in [("provider", f"p{i % 3}"), ("revenue_cents", cents), ("won_on", won), ("lead_origin", origin),
                           ("partners", partners), ("shared_resources", shared), ("steward_workstream", sw),
                           ("client_informed", ci), ("declared_cents", declared_cents), ("negotiation_state", state),
                           ("negotiation_amount_cents", amount_cents),
                           ("negotiation_offers", {"not_opened": 0, "open": 1, "agreed": 2, "stalemate": 3}[state]),
                           ("negotiation_on", won)]:
            columns[key].append(value)
    table = pa.table({**columns, "won_on": pa.array(columns["won_on"], pa.date32()),
                      "negotiation_on": pa.array(columns["negotiation_on"], pa.date32()),
                      "declared_cents": pa.array(columns["declared_cents"], pa.int64()),
                      "negotiation_amount_cents": pa.array(columns["negotiation_amount_cents"], pa.int64())})
    model = c.BehaviourModel()
    for name in POLICIES:
        policy = c.Policy.builtin(name, model if name in ("self_assessed", "negotiated") else None)
        arrow_rows = c.compare(table, [policy]).missions.to_pylist()
        prefix = policy.name
        for fact, row in zip(facts, arrow_rows):
            a = policy.evaluate(fact)
            assert row[f"{prefix}_amount"] == a.amount
            assert row[f"{prefix}_status"] == a.status
            assert row[f"{prefix}_provenance"] == a.provenance
            assert row[f"{prefix}_situation"] == a.situation
            assert row[f"{prefix}_codes"].split() == a.codes
    # evaluate_batch reads these columns in place (dictionary-encoded lead origins, int64 cents).
    encoded = table.set_column(
        table.schema.get_field_index("lead_origin"), "lead_origin", table["lead_origin"].dictionary_encode()
    )
    # The amounts alone are read from decimal128 money in place.
    decimal = encoded.append_column(
        "revenue", pa.array([Decimal(r) / 100 for r in columns["revenue_cents"]], pa.decimal128(18, 2))
    ).drop_columns(["revenue_cents"])
    for name in ["flat", "guide"]:
        for fact, row in zip(facts, c.evaluate_batch(encoded, name).to_pylist()):
            a = c.Policy.builtin(name).evaluate(fact)
            assert (row["amount"], row["status"], row["situation"]) == (a.amount, a.status, a.situation)
            assert row["codes"].split() == a.codes
        amounts = c.evaluate_batch(decimal, name, details=False)["amount"].to_pylist()
        assert amounts == [c.Policy.builtin(name).evaluate(fact).amount for fact in facts]


def test_eight_threads_evaluate_at_once_with_identical_results() -> None:
    table = portfolio.generate(20_000, providers=50, seed=3)
    expected = c.compare(table, model=c.BehaviourModel()).to_json()
    mission = c.MissionFacts("p1", Decimal("12345.50"), date(2021, 3, 1), "network_event")
    single = [c.Policy.builtin(p).evaluate(mission) for p in POLICIES]
    results: list[object] = [None] * 8
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            comparison = c.compare(table, model=c.BehaviourModel()).to_json()
            assessments = [c.Policy.builtin(p).evaluate(mission) for p in POLICIES for _ in range(50)][::50]
            results[i] = (comparison, assessments)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(r == (expected, single) for r in results)


def test_the_thread_count_changes_no_result() -> None:
    table = portfolio.generate(70_000, providers=40, seed=5)  # above the parallel threshold
    model = c.BehaviourModel()
    for name in POLICIES:
        one = c.evaluate_batch(table, name, model=model, threads=1)
        assert c.evaluate_batch(table, name, model=model, threads=3).equals(one), name
        assert c.evaluate_batch(table, name, model=model).equals(one), name
    one = c.compare(table, model=model, threads=1)
    three = c.compare(table, model=model, threads=3)
    assert three.to_json() == one.to_json()
    assert three.missions.equals(one.missions)
    with pytest.raises(c.CoopetitionError) as e:
        c.evaluate_batch(table, "flat", threads=0)
    assert e.value.code == "input.parse.invalid", e.value
    with pytest.raises(c.CoopetitionError) as e:
        c.compare(table, threads=0)
    assert e.value.code == "input.parse.invalid", e.value


def test_evaluate_batch_equals_the_comparison_columns() -> None:
    table = portfolio.generate(70_000, providers=40, seed=11)  # above the parallel threshold
    model = c.BehaviourModel()
    compared = c.compare(table, model=model).missions
    for name in POLICIES:
        policy = c.Policy.builtin(name, model if name in ("self_assessed", "negotiated") else None)
        batch = c.evaluate_batch(table, policy)
        prefix = policy.name
        assert batch.column("amount").to_pylist() == compared.column(f"{prefix}_amount").to_pylist()
        assert batch.column("codes").to_pylist() == compared.column(f"{prefix}_codes").to_pylist()
        assert batch.column("status").to_pylist() == compared.column(f"{prefix}_status").to_pylist()
    lean = c.evaluate_batch(table, "flat", details=False)
    assert lean.column_names == ["amount"]
    with pytest.raises(TypeError):
        c.evaluate_batch(table, c.Policy.flat().with_cap(Decimal("1")))


def test_evaluate_batch_gives_the_same_results_whatever_the_column_types_and_chunks() -> None:
    # Above the parallel threshold; some variants are read in place, others through owned columns.
    table = portfolio.generate(66_000, providers=30, seed=5)
    at = table.schema.get_field_index
    cents = pa.array([int(d * 100) for d in table["revenue"].to_pylist()], pa.int64())
    donations = pa.array([int(d * 100) for d in table["donations"].to_pylist()], pa.int64())
    variants = {
        "integer cents": table.drop_columns(["revenue", "donations"])
        .append_column("revenue_cents", cents)
        .append_column("donations_cents", donations),
        "int64 counts": table.set_column(at("partners"), "partners", table["partners"].cast(pa.int64())),
        "plain strings": table.set_column(at("lead_origin"), "lead_origin", table["lead_origin"].cast(pa.string())),
        "scale 4": table.set_column(at("revenue"), "revenue", table["revenue"].cast(pa.decimal128(20, 4))),
        "uneven chunks": pa.Table.from_batches(
            table.slice(0, 1_000).to_batches() + table.slice(1_000).to_batches(max_chunksize=65_000)
        ),
    }
    compared = c.compare(table, ["flat", "guide"]).missions
    for policy in ["flat", "guide"]:
        expected = c.evaluate_batch(table, policy)
        for column in ["amount", "status", "provenance", "situation", "in_kind", "codes"]:
            assert expected[column].to_pylist() == compared[f"{policy}_{column}"].to_pylist(), column
        assert c.evaluate_batch(table, policy, details=False).equals(expected.select(["amount"]))
        for name, variant in variants.items():
            assert c.evaluate_batch(variant, policy).equals(expected), name
            assert c.evaluate_batch(variant, policy, details=False).equals(expected.select(["amount"])), name


def analysts_layouts(table: pa.Table) -> dict[str, object]:
    """The same missions as pandas (numpy-backed, Arrow-backed) and polars hold them."""
    import numpy as np
    import pandas as pd
    import polars as pl

    cents = np.array([int(d * 100) for d in table["revenue"].to_pylist()], np.int64)
    days = np.asarray(table["won_on"].cast(pa.int32())).astype("datetime64[D]")
    origin = table["lead_origin"].cast(pa.string()).to_numpy(zero_copy_only=False)
    frame = pd.DataFrame({
        "provider": pd.Categorical(table["provider"].cast(pa.string()).to_numpy(zero_copy_only=False)),
        "revenue_cents": cents,
        "donations_cents": np.array([int(d * 100) for d in table["donations"].to_pylist()], np.int64),
        "won_on": days.astype("datetime64[ns]"),
        "lead_origin": pd.Categorical(origin),
        "partners": table["partners"].to_numpy().astype(np.int8),
        "shared_resources": table["shared_resources"].to_numpy(),
        "steward_workstream": table["steward_workstream"].to_numpy(zero_copy_only=False),
        "client_informed": table["client_informed"].to_numpy(zero_copy_only=False),
        "notes": ["free text"] * len(cents),
        7: 0,
    })
    paris = frame.assign(won_on=frame.won_on.dt.tz_localize("Europe/Paris").dt.tz_convert("UTC"))
    polars = pl.from_arrow(table.drop_columns(["mission"]))
    return {
        "pandas, datetime64[ns], categoricals": frame,
        "pandas, datetime.date objects": frame.assign(won_on=frame.won_on.dt.date),
        "pandas, datetime64[s], plain strings": frame.assign(
            won_on=frame.won_on.astype("datetime64[s]"), lead_origin=origin),
        # UTC instants of midnights in Paris: their day in UTC is the day before,
        # so the column is sent in Paris time, as a user holding it would.
        "pandas, Europe/Paris time zone": paris.assign(won_on=paris.won_on.dt.tz_convert("Europe/Paris")),
        "pandas, Arrow-backed": table.to_pandas(types_mapper=pd.ArrowDtype),
        "polars, String": polars.with_columns(pl.col("lead_origin").cast(pl.String)),
        "polars, Categorical": polars.with_columns(pl.col("lead_origin").cast(pl.String).cast(pl.Categorical)),
        # Chunks of a frame built in parts, provider names categorical too
        # (one global list of categories, labels and names mixed).
        "polars, Categorical in chunks": pl.concat([
            part.with_columns(pl.col("lead_origin").cast(pl.String).cast(pl.Categorical),
                              pl.col("provider").cast(pl.String).cast(pl.Categorical))
            for part in (polars.slice(0, 1_000), polars.slice(1_000))
        ], rechunk=False),
        "polars, Enum, Datetime": polars.with_columns(
            pl.col("lead_origin").cast(pl.String).cast(pl.Enum(ORIGINS)),
            pl.col("won_on").cast(pl.Datetime("us"))),
        "pyarrow, string_view, date64": table.set_column(
            table.schema.get_field_index("lead_origin"), "lead_origin", table["lead_origin"].cast(pa.string()).cast(pa.string_view())
        ).set_column(table.schema.get_field_index("won_on"), "won_on", table["won_on"].cast(pa.date64())),
    }


def test_every_layout_analysts_hold_gives_the_same_results() -> None:
    table = portfolio.generate(70_000, providers=30, seed=9)
    expected = {p: c.evaluate_batch(table, p) for p in ["flat", "guide"]}
    totals = c.compare(table, ["flat", "guide"]).totals()
    for name, layout in analysts_layouts(table).items():
        for policy in ["flat", "guide"]:
            assert c.evaluate_batch(layout, policy).equals(expected[policy]), (name, policy)
            got = c.evaluate_batch(layout, policy, details=False, threads=1)
            assert got.equals(expected[policy].select(["amount"])), (name, policy)
        assert c.compare(layout, ["flat", "guide"]).totals() == totals, name


def test_missing_values_of_pandas_and_polars_are_missing_not_dates_nor_labels() -> None:
    import numpy as np
    import pandas as pd
    import polars as pl

    frame = pd.DataFrame({
        "revenue_cents": np.array([100_000, 200_000], np.int64),
        "won_on": np.array(["2021-03-01", "NaT"], "datetime64[ns]"),
        "lead_origin": pd.Categorical(["network_event", None]),
    })
    categorical = pl.DataFrame({"revenue_cents": [100_000, 100_000], "won_on": [date(2021, 3, 1)] * 2,
                                "lead_origin": ["network_event", None]}).with_columns(pl.col("lead_origin").cast(pl.Categorical))
    unknown = categorical.with_columns(pl.Series("lead_origin", ["network_event", "word of mouth"], pl.Categorical))
    for missions, column, row in [
        (frame, "won_on", 1),
        (categorical, "lead_origin", 1),
        (unknown, "lead_origin", 1),
        (frame.assign(won_on=frame.won_on.fillna(pd.Timestamp("2021-03-02"))), "lead_origin", 1),
        (pl.DataFrame({"revenue_cents": [100_000], "won_on": [date(2021, 3, 1)], "lead_origin": [None]},
                      schema_overrides={"lead_origin": pl.String}), "lead_origin", 0),
    ]:
        with pytest.raises(c.BatchError) as e:
            c.evaluate_batch(missions, "guide")
        assert e.value.code == "batch.row.invalid" and f"`{column}`" in str(e.value) and f"row {row}" in str(e.value)
    # The flat rate does not read the lead origin: its missing values change nothing.
    flat = c.evaluate_batch(frame.iloc[:1], "flat", details=False)
    assert flat["amount"].to_pylist() == [Decimal("50.00")]


def test_a_time_zone_that_is_not_known_is_refused_with_the_fix() -> None:
    stamps = pa.array([0], pa.timestamp("s", tz="Mars/Olympus"))
    missions = pa.table({"revenue": pa.array([Decimal("100.00")], pa.decimal128(12, 2)), "won_on": stamps})
    with pytest.raises(c.BatchError) as e:
        c.evaluate_batch(missions, "flat")
    assert e.value.code == "batch.column.invalid"
    assert "Mars/Olympus" in str(e.value) and ".dt.date" in str(e.value)


def test_evaluate_batch_names_the_first_offending_row_of_a_large_table() -> None:
    table = portfolio.generate(70_000, providers=20, seed=9)
    revenue = table["revenue"].to_pylist()
    at = table.schema.get_field_index

    def with_revenue(changes: dict[int, Decimal]) -> pa.Table:
        values = [changes.get(i, r) for i, r in enumerate(revenue)]
        return table.set_column(at("revenue"), "revenue", pa.array(values, pa.decimal128(18, 2)))

    def error(t: pa.Table, policy: str = "flat") -> str:
        with pytest.raises(c.BatchError) as e:
            c.evaluate_batch(t, policy)
        return str(e.value)

    # In the second worker's rows, and the first of two.
    assert "`revenue`, row 69000" in error(with_revenue({69_000: Decimal("-1.00")}))
    assert "`revenue`, row 40000" in error(with_revenue({40_000: Decimal("-1.00"), 69_000: Decimal("-2.00")}))
    assert "`revenue`, row 5" in error(with_revenue({5: None}))  # type: ignore[dict-item]
    # A date without parameters in force, found by the core.
    won_on = table["won_on"].to_pylist()
    won_on[66_000] = date(2019, 1, 1)
    early = table.set_column(at("won_on"), "won_on", pa.array(won_on, pa.date32()))
    assert "`won_on`, row 66000" in error(early, "guide")
    # An unknown label in the dictionary, used by one row only.
    origins = table["lead_origin"].to_pylist()
    origins[68_123] = "by pigeon"
    pigeon = table.set_column(at("lead_origin"), "lead_origin", pa.array(origins).dictionary_encode())
    assert "`lead_origin`, row 68123" in error(pigeon, "guide")
    assert len(c.evaluate_batch(pigeon, "flat")) == 70_000  # the flat rate does not read it
    # Money in floats still needs the opt-in.
    floats = table.set_column(at("revenue"), "revenue", table["revenue"].cast(pa.float64()))
    assert "round_floats" in error(floats)
    assert c.evaluate_batch(floats, "flat", round_floats=True).equals(c.evaluate_batch(table, "flat"))


@pytest.mark.parametrize("details", [True, False])
@pytest.mark.parametrize("policy", ["flat", "guide"])
def test_a_negative_donation_is_refused_even_when_only_amounts_are_asked(policy: str, details: bool) -> None:
    # Donations change no amount, but a negative one is invalid: the amounts-only path checks them too.
    table = portfolio.generate(70_000, providers=20, seed=11)
    donations = table["donations"].to_pylist()
    donations[67_890] = Decimal("-5.00")
    at = table.schema.get_field_index
    broken = table.set_column(at("donations"), "donations", pa.array(donations, pa.decimal128(18, 2)))
    cents = pa.array([int(d * 100) for d in donations], pa.int64())
    as_cents = broken.drop_columns(["donations"]).append_column("donations_cents", cents)
    for t in [broken, as_cents]:
        with pytest.raises(c.BatchError) as e:
            c.evaluate_batch(t, policy, details=details)
        assert e.value.code == "batch.row.invalid" and "row 67890" in str(e.value), str(e.value)
    assert c.evaluate_batch(table, policy, details=details).num_rows == 70_000


def test_the_policies_of_a_large_comparison_run_side_by_side_with_the_same_results() -> None:
    # Above the parallel threshold the policies are compared on separate threads.
    table = portfolio.generate(70_000, providers=40, seed=13)
    model = c.BehaviourModel()
    together = json.loads(c.compare(table, model=model).to_json())
    assert [p["policy"] for p in together["policies"]] == [
        "flat",
        "guide",
        "self_assessed_modelled",
        "negotiated_modelled",
    ]
    for i, name in enumerate(POLICIES):
        policy = c.Policy.builtin(name, model if name in ("self_assessed", "negotiated") else None)
        alone = json.loads(c.compare(table, [policy]).to_json())
        assert alone["policies"] == [together["policies"][i]], name
        assert (alone["missions"], alone["revenue"]) == (together["missions"], together["revenue"])
    # One invalid row fails the whole comparison, named as when the policies run one after the other.
    revenue = table["revenue"].to_pylist()
    revenue[68_000] = Decimal("-1.00")
    at = table.schema.get_field_index
    broken = table.set_column(at("revenue"), "revenue", pa.array(revenue, pa.decimal128(18, 2)))
    with pytest.raises(c.BatchError) as e:
        c.compare(broken, model=model)
    assert e.value.code == "batch.row.invalid" and "`revenue`, row 68000" in str(e.value), str(e.value)


def test_the_thread_setting_is_checked_and_read_from_the_environment() -> None:
    import os
    import subprocess

    table = small_table()
    for bad in (0, -1, -(2**40)):
        with pytest.raises(c.InputError) as e:
            c.compare(table, ["flat"], threads=bad)
        assert e.value.code == "input.parse.invalid"
        with pytest.raises(c.InputError):
            c.evaluate_batch(table, "flat", threads=bad)
    assert c.compare(table, POLICIES, threads=1).to_json() == c.compare(table, POLICIES, threads=64).to_json()
    assert c.default_threads() >= 1

    def in_a_process(value: str) -> str:
        script = (
            "import coopetition as c\n"
            "try:\n    print(c.default_threads())\n"
            "except c.InputError as e:\n    print(e.code, e)\n"
        )
        env = {**os.environ, "COOPETITION_THREADS": value}
        return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                              check=True).stdout.strip()

    assert in_a_process("3") == "3"
    assert in_a_process(" 1 ") == "1"
    for bad in ("0", "-2", "many", ""):
        out = in_a_process(bad)
        assert out.startswith("input.parse.invalid") and f"COOPETITION_THREADS={bad}" in out, out
