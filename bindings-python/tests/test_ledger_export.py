"""The accounting export: one row per fact of a range of dates, as a pyarrow
table, CSV or Parquet, worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow.csv as csv
import pyarrow.parquet as pq
import pytest
from conftest import win

import coopetition as c


def facts(network: c.Network) -> c.Network:
    """paul wins m1 (12,000.00 €, 10 March 2021), delivers 10 hours of workstream
    (1 April), pays 200.00 € (1 June) and gives 50.00 € for m1 (1 July)."""
    win(network, "m1")
    network.record_delivery("paul", date(2021, 4, 1), "paul", "workstream", "hours", Decimal("10"))
    network.record_payment("alice", date(2021, 6, 1), "paul", Decimal("200"), reference="virement juin")
    network.record_donation("alice", date(2021, 7, 1), "paul", Decimal("50"), mission="m1")
    return network


def test_every_fact_of_the_range_worked_out_by_hand(network: c.Network) -> None:
    t = facts(network).ledger_entries(date(2021, 1, 1), date(2022, 1, 1))
    assert t.column_names == ["on", "member", "kind", "mission", "amount", "status", "detail"]
    # 5 % of 12,000.00 = 600.00; 10 hours at the shipped 35.00 € = 350.00.
    assert t.to_pylist() == [
        {"on": date(2021, 3, 10), "member": "paul", "kind": "due", "mission": "m1", "amount": Decimal("600.00"), "status": "priced", "detail": "computed"},
        {"on": date(2021, 4, 1), "member": "paul", "kind": "in_kind", "mission": None, "amount": Decimal("350.00"), "status": None, "detail": "workstream 10 hours"},
        {"on": date(2021, 6, 1), "member": "paul", "kind": "paid", "mission": None, "amount": Decimal("200.00"), "status": None, "detail": "virement juin"},
        {"on": date(2021, 7, 1), "member": "paul", "kind": "donation", "mission": "m1", "amount": Decimal("50.00"), "status": None, "detail": ""},
    ]
    # The range's end is excluded; a mission not priced yet has no amount, never a zero.
    assert network.ledger_entries(date(2021, 3, 10), date(2021, 4, 1)).num_rows == 1
    undeclared = network.ledger_entries(date(2021, 3, 10), date(2021, 3, 11), c.Policy.self_assessed())
    assert undeclared.to_pylist()[0]["amount"] is None and undeclared.to_pylist()[0]["status"] == "undeclared"
    with pytest.raises(c.CoopetitionError) as e:
        network.ledger_entries(date(2021, 3, 11), date(2021, 3, 10))
    assert e.value.code == "date.order.invalid"


def test_written_as_csv_and_parquet(network: c.Network, tmp_path: Path) -> None:
    t = facts(network).ledger_entries(date(2021, 1, 1), date(2022, 1, 1))
    network.export_ledger(tmp_path / "ledger.parquet", date(2021, 1, 1), date(2022, 1, 1))
    assert pq.read_table(tmp_path / "ledger.parquet").equals(t)
    network.export_ledger(str(tmp_path / "ledger.csv"), date(2021, 1, 1), date(2022, 1, 1))
    text = (tmp_path / "ledger.csv").read_text(encoding="utf-8")
    assert text.splitlines()[1] == '2021-03-10,"paul","due","m1",600.00,"priced","computed"'
    assert csv.read_csv(tmp_path / "ledger.csv").num_rows == 4
    with pytest.raises(ValueError, match=r"\.csv or \.parquet"):
        network.export_ledger(tmp_path / "ledger.xlsx", date(2021, 1, 1), date(2022, 1, 1))
