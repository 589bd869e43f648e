"""The ledger from Python: due, paid, in kind, offset, donations, balance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from conftest import win

import coopetition as c


def test_member_ledger_by_hand(network: c.Network) -> None:
    win(network, "m1", "12000.00")
    network.record_payment("alice", date(2021, 6, 1), "paul", Decimal("200.00"))
    network.record_delivery("paul", date(2021, 7, 1), "paul", "workstream", "hours", Decimal("10"))
    network.record_donation("alice", date(2021, 8, 1), "paul", Decimal("50.00"), mission="m1")
    ledger = network.ledger("paul", 2021)
    assert ledger.due == Decimal("600.00")  # 5% × 12000.00
    assert ledger.in_kind_value == Decimal("350.00")  # 10 h × 35.00
    assert ledger.offset == Decimal("350.00")
    assert ledger.paid == Decimal("200.00")
    assert ledger.donated == Decimal("50.00")
    assert ledger.balance == Decimal("50.00")  # 600 − 350 − 200; the donation changes nothing
    assert ledger.settlement == "owed"
    assert [line.mission for line in ledger.missions] == ["m1"]
    statement = network.annual_statement("paul", 2021, "fr")
    assert "Paul Conseil" in statement and "2021" in statement
    assert network.network_ledger(2021).due == Decimal("600.00")


def test_pending_missions_are_reported_not_zero(network: c.Network) -> None:
    win(network, "m1", "12000.00")
    ledger = network.ledger("paul", 2021, c.Policy.negotiated())
    assert ledger.due == Decimal("0")
    assert ledger.unpriced == ["m1"]
    network.offer_contribution("paul", date(2021, 4, 1), "m1", Decimal("400"))
    network.offer_contribution("alice", date(2021, 4, 2), "m1", Decimal("500"))
    network.accept_offer("paul", date(2021, 4, 3), "m1")
    ledger = network.ledger("paul", 2021, c.Policy.negotiated())
    assert ledger.due == Decimal("500.00") and ledger.unpriced == []


def test_ledger_with_a_python_policy(network: c.Network) -> None:
    class Tenth:
        name = "tenth"

        def evaluate(self, mission: c.MissionFacts, parameters: c.Parameters) -> Decimal:
            return mission.revenue / 10

    win(network, "m1", "1000.00")
    assert network.ledger("paul", 2021, Tenth()).due == Decimal("100.00")
    with pytest.raises(c.InputError):
        network.ledger("paul", 2021, c.Policy.builtin("nope"))
