"""Charter follow-up from Python: compliance, standing, hearings, directory, documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from conftest import win

import coopetition as c


def test_compliance_report_names_its_evidence(network: c.Network) -> None:
    win(network, "m1")
    # The start of a won mission is due within 30 days of the win (2021-03-10): none by 2021-06-01.
    report = network.compliance_report(date(2021, 6, 1))
    paul = network.member_compliance("paul", date(2021, 6, 1))
    assert paul is not None and paul.member == "paul"
    start = [e for e in paul.engagements if e.rule == "start_reported"]
    assert start and start[0].status == "breached" and start[0].mission == "m1"
    solicitation = [e for e in paul.engagements if e.rule == "solicitation_reported"]
    assert solicitation[0].status == "met" and solicitation[0].evidence
    counts = report.counts
    total = counts.met + counts.pending + counts.late + counts.breached
    assert total == len([e for m in report.members for e in m.engagements]) and total > 0


def test_exclusion_needs_a_hearing_and_a_steward(network: c.Network) -> None:
    with pytest.raises(c.AuthorizationError) as e:
        network.decide_standing("rita", date(2021, 1, 2), "paul", "reminder", "late reports", "coordination_meeting")
    assert e.value.code == "auth.steward.required"
    with pytest.raises(c.CoopetitionError) as e2:
        network.decide_standing("alice", date(2021, 1, 2), "paul", "excluded", "breaches", "online_vote")
    assert e2.value.code == "standing.hearing.required"
    network.notify_hearing("alice", date(2021, 1, 3), "paul", "repeated breaches of article 1")
    network.answer_hearing("paul", date(2021, 1, 5), "paul", "I will report on time")
    network.decide_standing("alice", date(2021, 1, 10), "paul", "excluded", "breaches", "online_vote")
    assert network.standing("paul") == "excluded"
    assert network.contract("k-paul").status == "excluded"
    assert "paul" not in [entry.id for entry in network.public_directory()]
    replayed = c.Network.replay(network.journal_jsonl())
    assert replayed.same_state(network)


def test_directory_lists_only_consenting_members(network: c.Network) -> None:
    listed = [entry.id for entry in network.public_directory()]
    assert "paul" in listed  # consented, validated, signed
    entry = next(e for e in network.public_directory() if e.id == "paul")
    assert entry.charter == "signed" and entry.kind == "provider"
    network.set_public_listing("paul", date(2021, 1, 1), "paul", False)
    assert "paul" not in [entry.id for entry in network.public_directory()]
    assert "Paul" not in network.directory_markdown("fr")


def test_attendance_in_the_future_is_refused(network: c.Network) -> None:
    with pytest.raises(c.CoopetitionError) as e:
        network.record_attendance("alice", date(2021, 5, 1), "paul", 2022)
    assert e.value.code == "compliance.attendance.future_year"
    network.record_attendance("alice", date(2021, 5, 1), "paul", 2021, "Rencontre qualité")


def test_documents_in_french_and_english(network: c.Network) -> None:
    fr = network.contract_document("k-paul", lang="fr")
    en = network.contract_document("k-paul", lang="en")
    assert "Lille" in fr and "Lille" in en and fr != en
    charter = network.charter_document(lang="fr")
    assert "Je m'engage à informer le réseau" in charter


def test_level_suggestion_is_only_a_suggestion(network: c.Network) -> None:
    win(network, "m1")
    for month in range(1, 6):
        network.record_payment("alice", date(2021, month, 20), "paul", Decimal("10"))
    suggestion = network.level_suggestion("paul", date(2021, 6, 1))
    assert suggestion.current == "supporter"
    assert network.actor("paul").level == "supporter"
    network.decide_level("alice", date(2021, 6, 2), "paul", "contributor", "sustained contributions", "coordination_meeting")
    assert network.actor("paul").level == "contributor"
