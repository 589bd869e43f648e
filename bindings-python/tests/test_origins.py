"""Network events and lead origins the network can prove, from Python: the
command, the records it leaves, the recorded origin of a mission, the guide's
explanation citing the record, the comparison by basis, and the typed errors.
The rules are the core's; the command vectors
(`tests/vectors/commands/origins.json`) run here too, through `execute_json`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pyarrow as pa
import pytest

import coopetition as c

LYS = ("Mairie de Lys", "local_authority")


def met_at_the_forum(network: c.Network) -> c.Network:
    # The fixture: alice steward; paul, a provider member; rita, a provider who never applied.
    event = network.record_network_event("alice", date(2021, 2, 10), "e-forum", "Forum des tiers-lieux",
                                         date(2021, 2, 9), attendees=["paul", LYS])
    assert (event.seq, event.label) == (7, "record_network_event")
    network.report_solicitation("paul", date(2021, 3, 1), "m-lys", LYS, "network_event", "Programmation")
    network.report_proposal("paul", date(2021, 3, 2), "m-lys")
    network.report_won("paul", date(2021, 3, 3), "m-lys", Decimal("10000.00"))
    return network


def test_an_event_attended_by_provider_and_client_gives_the_recorded_origin(network: c.Network) -> None:
    met_at_the_forum(network)
    forum = network.network_event("e-forum")
    assert isinstance(forum, c.NetworkEvent)
    assert (forum.title, forum.held_on, forum.recorded_by) == ("Forum des tiers-lieux", date(2021, 2, 9), "alice")
    assert isinstance(forum.attendees[0], c.Client.Member) and isinstance(forum.attendees[1], c.Client.Outside)
    assert network.network_events() == [forum]
    mission = network.mission("m-lys")
    assert (mission.lead_origin, mission.lead_origin_basis) == ("network_event", "recorded")
    assert isinstance(mission.origin_record, c.OriginRecord.NetworkEvent)
    assert mission.origin_record.event == "e-forum"
    facts = network.mission_facts("m-lys")
    assert (facts.lead_origin_basis, facts.origin_record) == ("recorded", mission.origin_record)
    assessment = c.evaluate(c.Policy.builtin("guide"), facts)
    first = assessment.steps[0]
    assert first.code == "guide.origin"
    assert first.params == [("origin", "network_event"), ("basis", "recorded"), ("record", "e-forum")]
    assert first.sentence("en") == (
        "The lead origin, met at a network event, is recorded by the network: network event e-forum.")
    # The journal and both snapshots carry it.
    assert c.Network.replay(network.journal_jsonl()).mission("m-lys") == mission
    assert c.Network.from_snapshot_json(network.snapshot_json()).network_event("e-forum") == forum


def test_a_declaration_contradicting_the_records_is_refused_and_changes_nothing(network: c.Network) -> None:
    met_at_the_forum(network)
    before = network.journal_jsonl()
    with pytest.raises(c.MissionError) as e:
        network.report_solicitation("paul", date(2021, 4, 1), "m-2", LYS, "own_network", "Animation")
    assert e.value.code == "mission.origin.contradicted"
    assert "network event e-forum" in str(e.value)
    checks = [
        (lambda: network.record_network_event("paul", date(2021, 4, 1), "e-2", "Atelier", date(2021, 4, 1)),
         c.AuthorizationError, "auth.steward.required"),
        (lambda: network.record_network_event("alice", date(2021, 4, 1), "e-forum", "Atelier", date(2021, 4, 1)),
         c.EventError, "event.id.duplicate"),
        (lambda: network.record_network_event("alice", date(2021, 4, 1), "e-2", "Atelier", date(2021, 4, 1),
                                              attendees=["paul", "paul"]),
         c.EventInputError, "event.attendee.invalid"),
        (lambda: network.record_network_event("alice", date(2021, 4, 1), "e-2", "Atelier", date(2021, 4, 1),
                                              attendees=["ghost"]),
         c.EventInputError, "event.attendee.invalid"),
        (lambda: network.record_network_event("alice", date(2021, 4, 1), "e 2", "Atelier", date(2021, 4, 1)),
         c.InputError, "input.id.invalid"),
        (lambda: network.network_event("e-none"), c.EventError, "event.id.unknown"),
    ]
    for call, cls, code in checks:
        with pytest.raises(cls) as e:
            call()
        assert e.value.code == code
        assert network.journal_jsonl() == before
    # An attendee is a member's id or a (name, kind) tuple.
    with pytest.raises(TypeError):
        network.record_network_event("alice", date(2021, 4, 1), "e-2", "Atelier", date(2021, 4, 1), attendees=[3])


def test_the_comparison_breaks_totals_down_by_basis() -> None:
    table = pa.table({
        "provider": ["paul", "rita", "rita"],
        "revenue": pa.array([Decimal("10000.00"), Decimal("4000.00"), Decimal("100.00")], pa.decimal128(12, 2)),
        "won_on": pa.array([date(2021, 3, 1)] * 3, pa.date32()),
        "lead_origin": ["network_event", "own_network", "other"],
        "lead_origin_basis": ["recorded", "declared", None],
    })
    by_basis = c.compare(table, ["flat"]).by_lead_origin_basis.to_pylist()
    # 5% of 10,000.00; 5% of 4,000.00 + 5% of 100.00 (a null basis is declared).
    assert [(r["key"], r["missions"], r["due"]) for r in by_basis] == [
        ("recorded", 1, Decimal("500.00")), ("declared", 2, Decimal("205.00"))]
    # A table without the column: every origin declared.
    without = c.compare(table.drop(["lead_origin_basis"]), ["flat"]).by_lead_origin_basis.to_pylist()
    assert [(r["key"], r["missions"]) for r in without] == [("recorded", 0), ("declared", 3)]
    bad = table.set_column(4, "lead_origin_basis", pa.array(["recorded", "claimed", "declared"]))
    with pytest.raises(c.BatchError) as e:
        c.compare(bad, ["flat"])
    assert e.value.code == "batch.row.invalid" and "lead_origin_basis" in str(e.value)
    # MissionFacts take the basis as a keyword, declared by default.
    facts = c.MissionFacts("paul", Decimal("100.00"), date(2021, 3, 1), "network_referral", lead_origin_basis="recorded")
    assert facts.lead_origin_basis == "recorded"
    assert c.MissionFacts("paul", Decimal("1"), date(2021, 3, 1), "other").lead_origin_basis == "declared"


def test_the_benefits_statement_lists_what_the_network_brought(network: c.Network) -> None:
    met_at_the_forum(network)
    network.record_lead("alice", date(2021, 4, 1), "l-1", ("Ville de Roubaix", "local_authority"), "Diagnostic")
    network.offer_lead("alice", date(2021, 4, 2), "l-1", "open_call", date(2021, 4, 9))
    network.answer_lead("paul", date(2021, 4, 3), "l-1", False, proposal="Pas disponible")
    s = network.benefits_statement("paul", 2021)
    assert isinstance(s, c.BenefitsStatement) and (s.member, s.year, s.member_name) == ("paul", 2021, "Paul Conseil")
    assert [(lo.lead, lo.mode, lo.result) for lo in s.leads_offered] == [("l-1", "open_call", "declined")]
    assert s.leads_won == [] and s.partners_found == [] and s.resources_through_calls == []
    assert [(e.event, e.held_on) for e in s.events_attended] == [("e-forum", date(2021, 2, 9))]
    assert s.missions_from_events == ["m-lys"]
    assert s.document.startswith("# What the network brought me in 2021 — La Compagnie des Tiers-Lieux\n")
    assert "| `l-1` | Diagnostic | 2021-04-02 | open call | declined |" in s.document
    fr = network.benefits_statement("paul", 2021, "fr")
    assert fr.document.startswith("# Ce que le réseau m'a apporté en 2021")
    assert "| appel ouvert | déclinée |" in fr.document
    with pytest.raises(c.ActorError) as e:
        network.benefits_statement("ghost", 2021)
    assert e.value.code == "actor.id.unknown"
    with pytest.raises(c.InputError):
        network.benefits_statement("paul", 2021, "de")
