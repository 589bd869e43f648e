"""Shared fixtures: a small founded network with a validated provider."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

import coopetition as c

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def network() -> c.Network:
    """A network founded by steward `alice`, with provider `paul` validated and signed."""
    n = c.Network()
    n.found("alice", date(2020, 1, 6), "La Compagnie des Tiers-Lieux", [c.Actor("alice", "association", "Alice", level="steward")])
    n.register_actor("paul", date(2020, 1, 10), c.Actor("paul", "provider", "Paul Conseil", public_listing=True))
    n.register_actor("rita", date(2020, 1, 10), c.Actor("rita", "provider", "Rita Design"))
    terms = c.ContractTerms(["network_work", c.Choice("other", "peer group")], ["revenue_share_5pct", "workstream"], "Lille", "Paul")
    n.propose_contract("paul", date(2020, 1, 20), "k-paul", terms)
    n.validate_contract("alice", date(2020, 2, 1), "k-paul")
    n.sign_charter("paul", date(2020, 2, 2), 1)
    return n


def win(n: c.Network, mission: str, revenue: str = "12000.00", origin: str = "network_event") -> None:
    """Reports a mission of `paul` up to won."""
    n.report_solicitation("paul", date(2021, 3, 1), mission, ("Mairie", "local_authority"), origin, "Programmation")
    n.report_proposal("paul", date(2021, 3, 5), mission)
    n.report_won("paul", date(2021, 3, 10), mission, Decimal(revenue))


def three_missions(providers: tuple[str, str, str] = ("paul", "paul", "lea")) -> pa.Table:
    """Three missions worked out by hand in the sweep, solve, diagnostics and
    display tests, won 2021-03-01: 10,000.00 € from a network event (guide
    `event_solo`, 4 %), 2,000.00 € from a referral (`network_referral`, 8 %),
    500.50 € from elsewhere (`default`, 5 %)."""
    return pa.table({
        "provider": list(providers),
        "revenue": pa.array([Decimal("10000.00"), Decimal("2000.00"), Decimal("500.50")], pa.decimal128(12, 2)),
        "won_on": pa.array([18687] * 3, pa.date32()),
        "lead_origin": ["network_event", "network_referral", "other"],
    })
