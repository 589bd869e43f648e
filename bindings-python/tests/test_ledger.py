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


def test_a_fiscal_year_from_1_july(network: c.Network) -> None:
    win(network, "m1", "12000.00")  # won 2021-03-10: 600.00 due under the flat rate
    # The calendar year until a steward sets another first day.
    year = network.fiscal_year(2021)
    assert (year.year, year.first_day, year.last_day) == (2021, date(2021, 1, 1), date(2021, 12, 31))
    with pytest.raises(c.AuthorizationError) as refused:
        network.set_fiscal_year("paul", date(2021, 4, 1), 7, 1)
    assert refused.value.code == "auth.steward.required"
    for month, day in [(2, 29), (13, 1), (4, 31), (0, 0)]:
        with pytest.raises(c.InputError) as bad:
            network.set_fiscal_year("alice", date(2021, 4, 1), month, day)
        assert bad.value.code == "input.parse.invalid", (month, day)
    with pytest.raises(OverflowError):
        network.set_fiscal_year("alice", date(2021, 4, 1), -1, 1)
    # Set in 2021, 1 July applies from fiscal year 2022: 2021 runs eighteen months.
    network.set_fiscal_year("alice", date(2021, 4, 1), 7, 1)
    assert (network.fiscal_year(2021).last_day, network.fiscal_year(2022).first_day) == (date(2022, 6, 30), date(2022, 7, 1))
    assert network.fiscal_year_containing(date(2022, 6, 30)).year == 2021
    with pytest.raises(c.DateError) as past:  # on 2022-03-01, would end fiscal year 2021 on 2022-01-31
        network.set_fiscal_year("alice", date(2022, 3, 1), 2, 1)
    assert past.value.code == "date.order.invalid"
    network.record_payment("alice", date(2022, 6, 30), "paul", Decimal("100.00"))
    network.record_payment("alice", date(2022, 7, 1), "paul", Decimal("40.00"))
    ledger = network.ledger("paul", 2021)
    assert (ledger.first_day, ledger.last_day, ledger.due, ledger.paid) == (date(2021, 1, 1), date(2022, 6, 30), Decimal("600.00"), Decimal("100.00"))
    assert ledger.balance == Decimal("500.00")
    assert network.ledger("paul", 2022).paid == Decimal("40.00")
    assert network.network_ledger(2022).last_day == date(2023, 6, 30)
    statement = network.annual_statement("paul", 2021, "en")
    assert "- Fiscal year: 2021 (1 January 2021 to 30 June 2022)" in statement
    assert "with the valuation in force on 30 June 2022" in statement
    entries = network.ledger_entries(ledger.first_day, network.fiscal_year(2022).first_day)
    assert entries.column("amount").to_pylist() == [Decimal("600.00"), Decimal("100.00")]
    # Every change is in the journal and replays.
    assert c.Network.replay(network.journal_jsonl()).same_state(network)
