"""Assessments round trip through the core's JSON from Python: every policy,
priced or not, with or without a behaviour model; a malformed or
self-contradicting document is refused with a typed code."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

import coopetition as c

ON = date(2021, 3, 1)


def missions() -> list[c.MissionFacts]:
    return [
        c.MissionFacts("p1", Decimal("12345.50"), ON, "network_event", donations=Decimal("50.00")),
        c.MissionFacts("p1", Decimal("8000.00"), ON, "network_referral", partners=2, declared=Decimal("320.00")),
        c.MissionFacts("p1", Decimal("5000.00"), ON, "own_network",
                       negotiation=c.NegotiationState.Open(offers=2, last_offer=Decimal("150.00"))),
        c.MissionFacts("p1", Decimal("20000.00"), ON, "network_action",
                       negotiation=c.NegotiationState.Agreed(amount=Decimal("700.00"), on=ON, offers=3)),
        c.MissionFacts("p1", Decimal("3000.00"), ON, "other", negotiation=c.NegotiationState.Stalemate(on=ON, offers=4)),
    ]


def policies() -> list[c.Policy]:
    model = c.BehaviourModel()
    return [c.Policy.flat(), c.Policy.guide(), c.Policy.self_assessed(), c.Policy.self_assessed(model),
            c.Policy.negotiated(), c.Policy.negotiated(model)]


def test_every_policy_s_assessments_round_trip() -> None:
    assessments = [p.evaluate(m) for p in policies() for m in missions()]
    statuses = {a.status for a in assessments}
    assert {"priced", "pending", "undeclared", "stalemate"} <= statuses
    assert any("model.applied" in a.codes for a in assessments)
    for a in assessments:
        text = a.to_json()
        loaded = c.Assessment.from_json(text)
        assert loaded == a, text
        assert loaded.to_json() == text
        assert [(s.code, s.params) for s in loaded.steps] == [(s.code, s.params) for s in a.steps]
        assert loaded.explain("fr") == a.explain("fr")


def test_a_flat_assessment_keeps_its_exact_values() -> None:
    a = c.Policy.flat().evaluate(missions()[0])
    doc = json.loads(a.to_json())
    # 5% of 12345.50 is 617.2750 exactly, rounded half away from zero to 617.28.
    assert doc["amount"] == {"amount": "617.28", "currency": "EUR"}
    assert doc["steps"][1]["params"] == [{"amount": "12345.50"}, {"rate": "0.05"}, {"amount": "617.2750"}]
    assert c.Assessment.from_json(a.to_json()).amount == Decimal("617.28")


def flat_doc() -> dict:  # type: ignore[type-arg]
    return json.loads(c.Policy.flat().evaluate(missions()[0]).to_json())  # type: ignore[no-any-return]


def test_a_malformed_assessment_is_refused() -> None:
    unknown = flat_doc()
    unknown["x"] = 1
    as_other_kind = flat_doc()
    as_other_kind["steps"][0]["params"][0] = {"percent": "0.05"}
    scientific = flat_doc()
    scientific["steps"][1]["params"][0] = {"amount": "1.2345e4"}
    for doc in (unknown, as_other_kind, scientific, []):
        with pytest.raises(c.JournalError) as e:
            c.Assessment.from_json(json.dumps(doc))
        assert e.value.code == "journal.json.malformed"


def test_an_assessment_contradicting_itself_is_refused() -> None:
    pending_with_amount = flat_doc()
    pending_with_amount["status"] = "pending"
    with pytest.raises(c.PolicyInputError) as e:
        c.Assessment.from_json(json.dumps(pending_with_amount))
    assert e.value.code == "policy.assessment.inconsistent"
    # An amount below the cent is not money at all: refused as it is read.
    unrounded = flat_doc()
    unrounded["amount"]["amount"] = "617.275"
    with pytest.raises(c.JournalError) as e:
        c.Assessment.from_json(json.dumps(unrounded))
    assert e.value.code == "journal.json.malformed"


def test_a_negotiation_reads_back_as_the_class_of_its_stage() -> None:
    agreed = missions()[3].negotiation
    assert isinstance(agreed, c.NegotiationState.Agreed) and agreed.stage == "agreed"
    assert (agreed.amount, agreed.on, agreed.offers) == (Decimal("700.00"), ON, 3)
    assert missions()[4].negotiation == c.NegotiationState.Stalemate(on=ON, offers=4)
    assert missions()[0].negotiation == c.NegotiationState.NotOpened()
    assert json.loads(missions()[2].to_json())["negotiation"] == {
        "state": "open", "offers": 2, "last_offer": {"amount": "150.00", "currency": "EUR"}}


def test_a_record_of_the_core_shows_its_fields() -> None:
    shown = repr(c.NegotiationState.Stalemate(on=ON, offers=4))
    assert "Stalemate(" in shown and "offers=4" in shown and "on=datetime.date(2021, 3, 1)" in shown
    shown = repr(missions()[0])
    assert shown.startswith("MissionFacts(") and "revenue=Decimal('12345.50')" in shown
