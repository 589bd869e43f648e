"""The operations Python shares with Kotlin: what a command returns, and the
queries and commands both languages expose on `Network`."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from conftest import win

import coopetition as c


def test_a_command_returns_its_event(network: c.Network) -> None:
    # The fixture recorded six events (found, two registrations, proposal, validation, signature).
    event = network.report_solicitation("paul", date(2021, 3, 1), "m1", ("Mairie", "local_authority"), "own_network", "t")
    assert isinstance(event, c.Event)
    assert (event.seq, event.by, event.on, event.label) == (7, "paul", date(2021, 3, 1), "report_mission")
    assert event.action["type"] == "report_mission" and event.action["mission"] == "m1"
    # The event is the journal's last line (then its link of the hash chain), and reads back from it.
    last = network.journal_jsonl().splitlines()[-1]
    assert re.fullmatch(re.escape(event.to_json()[:-1]) + r',"hash":"[0-9a-f]{64}"\}', last)
    assert c.Event.from_json(event.to_json()) == event
    assert network.journal()[-1] == event
    assert [e.seq for e in network.journal()] == [1, 2, 3, 4, 5, 6, 7]
    assert network.last_seq == 7
    assert network.founded_on == date(2020, 1, 6)


def test_execute_and_check_take_a_command_as_a_dict(network: c.Network) -> None:
    command = {"by": "zoe", "on": "2020-03-01", "action": {"type": "register_actor", "actor": {
        "id": "zoe", "kind": "citizen", "display_name": "Zoé", "level": "supporter", "public_listing": False}}}
    assert network.check(command) is None
    assert network.last_seq == 6, "a check changes nothing"
    event = network.execute(command)
    assert (event.seq, event.label) == (7, "register_actor")
    assert network.actor("zoe").display_name == "Zoé"
    with pytest.raises(c.ActorError) as e:
        network.check(json.dumps(command))
    assert e.value.code == "actor.id.duplicate"
    assert network.last_seq == 7


def test_money_records_read_back(network: c.Network) -> None:
    win(network, "m1")
    network.declare_contribution("paul", date(2021, 3, 11), "m1", Decimal("450.00"))
    network.offer_contribution("paul", date(2021, 4, 1), "m1", Decimal("400"))
    network.offer_contribution("alice", date(2021, 4, 2), "m1", Decimal("500"))
    network.accept_offer("paul", date(2021, 4, 3), "m1")
    network.record_payment("alice", date(2021, 6, 1), "paul", Decimal("200.00"), paid_on=date(2021, 5, 30), reference="v42")
    network.record_delivery("paul", date(2021, 7, 1), "paul", "workstream", "hours", Decimal("10"))
    network.record_donation("alice", date(2021, 8, 1), "paul", Decimal("50.00"), mission="m1")
    declaration = network.declaration("m1")
    assert declaration is not None and (declaration.amount, declaration.on) == (Decimal("450.00"), date(2021, 3, 11))
    negotiation = network.negotiation("m1")
    assert negotiation is not None
    assert negotiation.status == "agreed"
    assert negotiation.agreed is not None
    assert (negotiation.agreed.amount, negotiation.agreed.on) == (Decimal("500"), date(2021, 4, 3))
    assert [(o.party, o.by, o.amount) for o in negotiation.offers] == [
        ("provider", "paul", Decimal("400")), ("network", "alice", Decimal("500"))]
    [payment] = network.payments()
    assert (payment.member, payment.amount, payment.on, payment.reference) == ("paul", Decimal("200.00"), date(2021, 5, 30), "v42")
    [delivery] = network.deliveries()
    assert (delivery.contribution, delivery.unit, delivery.quantity, delivery.on) == ("workstream", "hours", Decimal("10"), date(2021, 7, 1))
    [donation] = network.donations()
    assert (donation.member, donation.amount, donation.mission) == ("paul", Decimal("50.00"), "m1")
    assert network.declaration("m2") is None and network.negotiation("m2") is None


def test_won_missions_and_assessment(network: c.Network) -> None:
    win(network, "m1", revenue="12000.00")
    network.report_solicitation("paul", date(2021, 4, 1), "m2", ("Fablab", "third_place"), "other", "t")
    assert [f.mission for f in network.won_mission_facts()] == ["m1"]
    # The flat policy by default: 5 % of 12 000.
    assessment = network.assess("m1")
    assert (assessment.status, assessment.amount) == ("priced", Decimal("600.00"))
    with pytest.raises(c.CoopetitionError) as e:
        network.assess("m2")
    assert e.value.code == "policy.mission.not_won"


def test_contract_and_charter_versions(network: c.Network) -> None:
    version = network.contract_version("k-paul", 1)
    assert version.version == 1 and version.validated_on == date(2020, 2, 1)
    with pytest.raises(c.ContractError) as e:
        network.contract_version("k-paul", 2)
    assert e.value.code == "contract.version.unknown"
    [v1] = network.charter_versions()
    assert v1.version == 1
    [signature] = network.charter_signatures("paul")
    assert (signature.provider, signature.version, signature.signed_on) == ("paul", 1, date(2020, 2, 2))
    assert network.charter_signatures("rita") == []
    assert "Paul Conseil" in network.signed_charter_document("paul", "en")


def test_a_steward_publishes_a_charter_version(network: c.Network) -> None:
    v1 = network.charter()
    assert v1 is not None
    text = json.loads(v1.to_json())
    text.update(version=2, published_on="2021-01-01")
    event = network.publish_charter("alice", date(2021, 1, 1), c.Charter.from_json(json.dumps(text)))
    assert event.label == "publish_charter"
    assert [v.version for v in network.charter_versions()] == [1, 2]
    assert network.charter_status("paul") == "outdated"
    with pytest.raises(c.AuthorizationError):
        network.publish_charter("paul", date(2021, 2, 1), c.Charter.from_json(json.dumps(text | {"version": 3})))
    with pytest.raises(c.JournalError) as e:
        c.Charter.from_json('{"version": 3}')
    assert e.value.code == "journal.json.malformed"


def test_follow_up_rules_read_back_in_the_form_configure_takes(network: c.Network) -> None:
    rules = json.loads(network.follow_up_rules(date(2021, 1, 1)))
    rules["deadlines"]["start_report_days"] = 45
    network.configure_follow_up("alice", date(2021, 6, 1), date(2021, 7, 1), json.dumps(rules))
    assert json.loads(network.follow_up_rules(date(2021, 7, 1)))["deadlines"]["start_report_days"] == 45
    assert json.loads(network.follow_up_rules(date(2021, 6, 30)))["deadlines"]["start_report_days"] != 45


def test_proposals_and_suggestions_of_everyone(network: c.Network) -> None:
    win(network, "m1")
    # The win (2021-03-10) wants a start within 30 days: by 2021-12-31 that is breached, so
    # the thresholds propose a sanction for paul, and for nobody else.
    proposals = network.standing_proposals(date(2021, 12, 31))
    assert [(p.member, p.current, p.proposed) for p in proposals] == [("paul", "good_standing", "reminder")]
    # Paul, a supporter, is active in one month (a delivery in June 2021): promoted from one month on.
    network.record_delivery("paul", date(2021, 6, 1), "paul", "workstream", "hours", Decimal("2"))
    levels = {"levels": {"window_months": 12, "promote_months": 1, "demote_months": 0}}
    network.configure_follow_up("alice", date(2021, 1, 1), date(2021, 1, 1), json.dumps(levels))
    suggestions = network.level_suggestions(date(2021, 12, 31))
    assert [(s.actor, s.current, s.suggested) for s in suggestions] == [("paul", "supporter", "contributor")]


def test_a_network_founded_without_a_structure_is_two_tier() -> None:
    """The default structure is the core's (two-tier); a label chooses another, an unknown one is refused."""
    alice = c.Actor("alice", "association", "Alice", level="steward")
    network = c.Network()
    network.found("alice", date(2020, 1, 6), "Réseau", [alice])
    assert network.structure == "two_tier"
    other = c.Network()
    other.found("alice", date(2020, 1, 6), "Réseau", [alice], structure="all_in_one")
    assert other.structure == "all_in_one"
    with pytest.raises(c.InputError) as refused:
        c.Network().found("alice", date(2020, 1, 6), "Réseau", [alice], "tout_ou_rien")
    assert refused.value.code == "input.label.unknown"
