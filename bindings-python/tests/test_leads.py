"""Leads the network receives and refers, from Python: the commands, the
records they leave, who sees them, and their typed errors. The rules are the
core's; the command vectors (`tests/vectors/commands/leads.json`) run here
too, through `execute_json`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import coopetition as c


def test_a_referred_lead_becomes_the_chosen_members_mission(network: c.Network) -> None:
    # The fixture: alice steward; paul, a provider member; rita, a provider who never applied.
    event = network.record_lead("alice", date(2021, 3, 2), "l-lys", ("Mairie de Lys", "local_authority"),
                                "Programmation d'un tiers-lieu", received_on=date(2021, 3, 1))
    assert (event.seq, event.label) == (7, "record_lead")
    lead = network.lead("l-lys")
    assert isinstance(lead, c.Lead)
    assert (lead.need, lead.received_on, lead.visibility, lead.recorded_by) == (
        "Programmation d'un tiers-lieu", date(2021, 3, 1), "offered", "alice")
    assert isinstance(lead.recorded, c.Recorded) and (lead.recorded.on, lead.recorded.seq) == (date(2021, 3, 2), 7)
    assert network.lead_recipients("l-lys") == ["paul"]
    network.offer_lead("alice", date(2021, 3, 3), "l-lys", "direct_referral", date(2021, 3, 15), members=["paul"])
    network.answer_lead("paul", date(2021, 3, 10), "l-lys", True, proposal="Deux ateliers")
    network.close_lead("alice", date(2021, 3, 20), "l-lys",
                       c.LeadClosing.Taken(member="paul", chosen_by="client", mission="m-lys", title="Programmation"))
    lead = network.lead("l-lys")
    assert lead.offer is not None and lead.offer.members == ["paul"] and lead.offer.mode == "direct_referral"
    assert [(a.member, a.interested, a.proposal) for a in lead.answers] == [("paul", True, "Deux ateliers")]
    assert isinstance(lead.outcome, c.LeadOutcome.Taken)
    assert (lead.outcome.member, lead.outcome.chosen_by, lead.outcome.mission) == ("paul", "client", "m-lys")
    mission = network.mission("m-lys")
    assert (mission.lead, mission.lead_origin, mission.status, mission.provider) == (
        "l-lys", "network_referral", "proposed", "paul")
    assert [r.step for r in mission.history] == ["solicited", "proposed"]
    network.report_won("paul", date(2021, 4, 1), "m-lys", Decimal("8000.00"))
    assert network.mission("m-lys").status == "won"
    # The journal and the snapshot carry it all.
    assert c.Network.replay(network.journal_jsonl()).lead("l-lys") == network.lead("l-lys")
    assert c.Network.from_snapshot_json(network.snapshot_json()).mission("m-lys") == network.mission("m-lys")


def test_leads_refuse_with_typed_errors_and_change_nothing(network: c.Network) -> None:
    with pytest.raises(c.AuthorizationError) as e:
        network.record_lead("paul", date(2021, 3, 2), "l-1", "alice", "Aménagement")
    assert e.value.code == "auth.steward.required"
    network.record_lead("alice", date(2021, 3, 2), "l-1", "alice", "Aménagement", visibility="members")
    checks = [
        (lambda: network.record_lead("alice", date(2021, 3, 2), "l-1", "alice", "again"), "lead.id.duplicate"),
        (lambda: network.offer_lead("alice", date(2021, 3, 3), "l-9", "open_call", date(2021, 3, 9)), "lead.id.unknown"),
        (lambda: network.offer_lead("alice", date(2021, 3, 3), "l-1", "direct_referral", date(2021, 3, 9), members=["rita"]),
         "lead.recipient.invalid"),
        (lambda: network.answer_lead("paul", date(2021, 3, 4), "l-1", True), "lead.state.invalid"),
    ]
    for call, code in checks:
        before = network.journal_jsonl()
        with pytest.raises(c.LeadError) as e:
            call()
        assert e.value.code == code
        assert network.journal_jsonl() == before
    with pytest.raises(c.InputError) as e:
        network.offer_lead("alice", date(2021, 3, 3), "l-1", "carrier_pigeon", date(2021, 3, 9))
    assert e.value.code == "input.label.unknown"
    # A closing's values are checked as any input: an unknown chooser, an invalid id.
    with pytest.raises(c.InputError) as e:
        c.LeadClosing.Taken(member="paul", chosen_by="the moon", mission="m-1", title="t")
    assert e.value.code == "input.label.unknown"
    with pytest.raises(c.InputError) as e:
        c.LeadClosing.Taken(member="pa ul", chosen_by="client", mission="m-1", title="t")
    assert e.value.code == "input.id.invalid"
    network.close_lead("alice", date(2021, 3, 4), "l-1", c.LeadClosing.NotTaken(reason="Le client a renoncé"))
    outcome = network.lead("l-1").outcome
    assert isinstance(outcome, c.LeadOutcome.NotTaken) and outcome.reason == "Le client a renoncé"


def test_a_lead_is_seen_by_stewards_and_the_members_it_was_offered_to(network: c.Network) -> None:
    network.record_lead("alice", date(2021, 3, 2), "l-private", ("Mairie", "local_authority"), "Un diagnostic")
    network.record_lead("alice", date(2021, 3, 2), "l-open", ("Mairie", "local_authority"), "Un atelier",
                        visibility="members")
    network.offer_lead("alice", date(2021, 3, 3), "l-private", "open_call", date(2021, 3, 9))
    assert [lead.id for lead in network.leads_for("alice")] == ["l-open", "l-private"]
    assert [lead.id for lead in network.leads_for("paul")] == ["l-open", "l-private"]
    # rita is no member: she sees no lead.
    assert network.leads_for("rita") == []


def test_a_call_for_partners_finds_a_partner_and_a_resource(network: c.Network) -> None:
    network.report_solicitation("paul", date(2021, 3, 1), "m1", ("Mairie", "local_authority"), "own_network", "Programmation")
    network.call_for_partners("paul", date(2021, 3, 2), "c-1", "m1", "skill", "Aménagement de l'espace")
    network.call_for_partners("paul", date(2021, 3, 2), "c-2", "m1", "resource", "Un guide de programmation")
    network.answer_call("alice", date(2021, 3, 3), "c-1", note="Je connais une architecte")
    network.answer_call("alice", date(2021, 3, 3), "c-2")
    network.record_call_partner("paul", date(2021, 3, 4), "c-1", "alice")
    network.record_call_partner("paul", date(2021, 3, 4), "c-2", "alice", resource="Guide du tiers-lieu")
    call = network.call("c-1")
    assert isinstance(call, c.PartnerCall) and (call.need, call.what, call.provider) == ("skill", "Aménagement de l'espace", "paul")
    assert [(a.member, a.note) for a in call.answers] == [("alice", "Je connais une architecte")]
    assert isinstance(call.joined[0], c.CallPartner) and call.joined[0].member == "alice"
    assert [x.id for x in network.calls(mission="m1")] == ["c-1", "c-2"]
    mission = network.mission("m1")
    assert mission.partners == ["alice"]
    assert [r.name for r in mission.shared_resources_used] == ["Guide du tiers-lieu"]
    with pytest.raises(c.CallError) as e:
        network.answer_call("paul", date(2021, 3, 5), "c-1")
    assert e.value.code == "call.answer.invalid"
    with pytest.raises(c.AuthorizationError) as e:
        network.call_for_partners("alice", date(2021, 3, 5), "c-3", "m1", "skill", "Animation")
    assert e.value.code == "auth.owner.required"
