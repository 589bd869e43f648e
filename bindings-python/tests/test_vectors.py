"""Every case of tests/vectors, run through the Python API (see tests/vectors/README.md)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import coopetition as c

VECTORS = ROOT / "tests" / "vectors"


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(VECTORS.glob("*.json")):
        body = json.loads(path.read_text())
        cases.extend(body["cases"] if "cases" in body else [body])
    return cases


CASES = load_cases()


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 40
    assert len({case["name"] for case in CASES}) == len(CASES)


def run(case: dict[str, Any]) -> c.Assessment:
    policy_spec = case["policy"]
    model_spec = policy_spec.get("model")
    model = None
    if model_spec is not None:
        model = c.BehaviourModel(
            Decimal(model_spec["declared_share_of_guide"]), Decimal(model_spec["negotiated_toward_flat"])
        )
    policy = c.Policy.builtin(policy_spec["name"], model)
    params_spec = case.get("parameters")
    parameters = c.Parameters.shipped() if params_spec is None else c.Parameters.load(json.dumps(params_spec))
    mission = c.MissionFacts.from_json(json.dumps(case["mission"]))
    return policy.evaluate(mission, parameters)


def same_decimal(expected: str | None, actual: Decimal | None) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    return Decimal(expected) == actual


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_vector(case: dict[str, Any]) -> None:
    expected = case["expected"]
    if "error" in expected:
        with pytest.raises(c.CoopetitionError) as e:
            run(case)
        assert e.value.code == expected["error"], case["description"]
        return
    a = run(case)
    assert a.status == expected["status"], case["description"]
    assert same_decimal(expected["amount"], a.amount), (case["description"], a.amount)
    assert a.provenance == expected["provenance"]
    assert a.situation == expected["situation"]
    assert Decimal(expected["in_kind_credit"]) == a.in_kind_credit
    assert Decimal(expected["donations"]) == a.donations
    assert a.codes == expected["codes"]
    for step in a.steps:
        assert step.en and step.fr and step.en != step.fr
