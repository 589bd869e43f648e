"""Every command sequence of tests/vectors/commands, run through the Python API
(format in tests/vectors/README.md, section "Command sequences").

Each issuer of each case runs on a fresh network built from the case's setup
with ``Network.execute_json``; the result must be the one the file expects:
accepted, or refused with the expected code.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT

import coopetition as c

COMMANDS = ROOT / "tests" / "vectors" / "commands"


def load_runs() -> list[tuple[str, dict[str, Any], str, dict[str, Any]]]:
    runs = []
    for path in sorted(COMMANDS.glob("*.json")):
        body = json.loads(path.read_text())
        for case in body["cases"]:
            setup = body["setups"][case["setup"]]
            for by, expected in case["expected"].items():
                runs.append((f"{path.name}:{case['name']}:{by}", {"setup": setup, "case": case}, by, expected))
    return runs


RUNS = load_runs()


def test_there_are_enough_runs() -> None:
    assert len(RUNS) >= 150


def build(setup: list[dict[str, Any]]) -> c.Network:
    network = c.Network()
    for command in setup:
        network.execute_json(json.dumps(command))
    return network


def outcome(network: c.Network, command: dict[str, Any]) -> str:
    before = (network.snapshot_json(), network.journal_jsonl())
    try:
        network.execute_json(json.dumps(command))
    except c.CoopetitionError as e:
        assert (network.snapshot_json(), network.journal_jsonl()) == before, "a refused command changed the network"
        return e.code
    return "accepted"


@pytest.mark.parametrize(("run_id", "data", "by", "expected"), RUNS, ids=[r[0] for r in RUNS])
def test_command_sequence(run_id: str, data: dict[str, Any], by: str, expected: dict[str, Any]) -> None:
    case = data["case"]
    network = build(data["setup"])
    got = outcome(network, {"by": by, "on": case["on"], "action": case["action"]})
    want = "accepted" if expected.get("accepted") is True else expected["error"]
    assert got == want, f"{run_id}: expected {want}, got {got}"
