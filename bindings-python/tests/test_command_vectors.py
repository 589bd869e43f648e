"""Every command vector of tests/vectors/commands, run through the Python API
(format in tests/vectors/README.md, section "Command vectors").

An issuer matrix runs each issuer on a fresh network built from the case's
setup; a sequence runs its commands in order on one network, each accepted
with its sequence number or refused with its code, then reads the facts. Every
command goes through ``Network.execute_json``, and every fact through the
typed API (``standing``, ``is_member``, ``charter_status``, ``ledger``) or the
snapshot, so what is tested here is the conversion: the rules are the core's.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from conftest import ROOT

import coopetition as c

COMMANDS = ROOT / "tests" / "vectors" / "commands"
FILES = {path.name: json.loads(path.read_text()) for path in sorted(COMMANDS.glob("*.json"))}
#: The code of a command the journal's reader refuses before any rule: it covers no label.
UNREAD = "journal.json.malformed"


def matrix_runs() -> list[tuple[str, list[dict[str, Any]], dict[str, Any], str]]:
    runs = []
    for name, body in FILES.items():
        for case in body["cases"]:
            if "commands" in case:
                continue
            setup = body["setups"][case["setup"]]
            for by, expected in case["expected"].items():
                command = {"by": by, "on": case["on"], "action": case["action"]}
                want = "accepted" if expected.get("accepted") is True else expected["error"]
                runs.append((f"{name}:{case['name']}:{by}", setup, command, want))
    return runs


def sequences() -> list[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
    out = []
    for name, body in FILES.items():
        for case in body["cases"]:
            if "commands" in case:
                setup = body["setups"][case["setup"]] if case.get("setup") else []
                out.append((f"{name}:{case['name']}", setup, case))
    return out


RUNS = matrix_runs()
SEQUENCES = sequences()


def test_there_are_enough_cases() -> None:
    assert len(RUNS) >= 150
    names = [case["name"] for body in FILES.values() for case in body["cases"]]
    assert len(names) == len(set(names)), "a case name is used twice"
    assert len(names) >= 85


def build(setup: list[dict[str, Any]]) -> c.Network:
    network = c.Network()
    for command in setup:
        network.execute_json(json.dumps(command))
    return network


def outcome(network: c.Network, command: dict[str, Any]) -> str:
    """`seq n`, or the code of the refusal (which must leave the network unchanged)."""
    before = (network.snapshot_json(), network.journal_jsonl())
    try:
        event = network.execute_json(json.dumps(command))
    except c.CoopetitionError as e:
        assert (network.snapshot_json(), network.journal_jsonl()) == before, "a refused command changed the network"
        return e.code
    return f"seq {event.seq}"


@pytest.mark.parametrize(("run_id", "setup", "command", "want"), RUNS, ids=[r[0] for r in RUNS])
def test_issuer_matrix(run_id: str, setup: list[dict[str, Any]], command: dict[str, Any], want: str) -> None:
    got = outcome(build(setup), command)
    got = "accepted" if got.startswith("seq ") else got
    assert got == want, f"{run_id}: expected {want}, got {got}"


def pointer(document: Any, path: str) -> Any:
    """A JSON pointer (RFC 6901); a path that leads nowhere reads as None."""
    for token in path.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(document, dict) and token in document:
            document = document[token]
        elif isinstance(document, list) and token.isdigit() and int(token) < len(document):
            document = document[int(token)]
        else:
            return None
    return document


def ledger_field(ledger: c.MemberLedger, field: str) -> Any:
    if field == "unpriced":
        return list(ledger.unpriced)
    value = {
        "due": ledger.due,
        "paid": ledger.paid,
        "in_kind_value": ledger.in_kind_value,
        "offset": ledger.offset,
        "donated": ledger.donated,
        "balance": ledger.balance,
    }[field]
    assert isinstance(value, Decimal)
    return value


def fact_mismatch(network: c.Network, fact: dict[str, Any]) -> str | None:
    want = fact["equals"]
    if "state" in fact:
        got = pointer(json.loads(network.snapshot_json())["state"], fact["state"])
    elif "standing" in fact:
        got = network.standing(fact["standing"])
    elif "member" in fact:
        got = network.is_member(fact["member"])
    elif "charter_status" in fact:
        got = network.charter_status(fact["charter_status"])
    elif "ledger" in fact:
        q = fact["ledger"]
        ledger = network.ledger(q["member"], q["year"], c.Policy.builtin(q["policy"]))
        wrong = []
        for field, value in want.items():
            actual = ledger_field(ledger, field)
            same = Decimal(value) == actual if isinstance(value, str) else value == actual
            if not same:
                wrong.append(f"{field} {actual}")
        return f"{fact}: got {', '.join(wrong)}" if wrong else None
    elif "fiscal_year" in fact:
        year = network.fiscal_year(fact["fiscal_year"])
        got = [year.first_day.isoformat(), year.last_day.isoformat()]
    elif "ledger_entries" in fact:
        q = fact["ledger_entries"]
        table = network.ledger_entries(date.fromisoformat(q["start"]), date.fromisoformat(q["end"]), c.Policy.builtin(q["policy"]))
        got = [
            [r["on"].isoformat(), r["member"], r["kind"], r["mission"], None if r["amount"] is None else str(r["amount"]),
             r["status"], r["detail"]]
            for r in table.to_pylist()
        ]
    elif "referral_report" in fact:
        report = network.referral_report(fact["referral_report"]["year"])
        got = {
            "leads_received": report.leads_received,
            "leads_offered": report.leads_offered,
            "leads_taken": report.leads_taken,
            "leads_not_taken": report.leads_not_taken,
            "hhi_won": report.hhi_won,
            "providers": [
                {"provider": p.provider, "offered": p.offered, "answered": p.answered, "interested": p.interested,
                 "won": p.won, "lost": p.lost, "share_of_won": p.share_of_won}
                for p in report.providers
            ],
        }
        return None if alike(want, got) else f"{fact}: got {got!r}"
    elif "benefits_statement" in fact:
        q = fact["benefits_statement"]
        s = network.benefits_statement(q["member"], q["year"])

        def found(f: Any) -> dict[str, Any]:
            return {"call": f.call, "mission": f.mission, "what": f.what, "partner": f.partner,
                    "resource": f.resource, "joined_on": f.joined_on.isoformat()}

        got = {
            "leads_offered": [{"lead": lo.lead, "need": lo.need, "offered_on": lo.offered_on.isoformat(),
                               "mode": lo.mode, "result": lo.result} for lo in s.leads_offered],
            "leads_won": [{"lead": w.lead, "mission": w.mission, "chosen_by": w.chosen_by,
                           "won_on": w.won_on.isoformat()} for w in s.leads_won],
            "partners_found": [found(f) for f in s.partners_found],
            "resources_through_calls": [found(f) for f in s.resources_through_calls],
            "shared_resources_used": [{"mission": r.mission, "name": r.name, "first_used_on": r.first_used_on.isoformat()}
                                      for r in s.shared_resources_used],
            "events_attended": [{"event": e.event, "title": e.title, "held_on": e.held_on.isoformat()}
                                for e in s.events_attended],
            "missions_from_events": list(s.missions_from_events),
        }
        return None if alike(want, got) else f"{fact}: got {got!r}"
    else:
        raise AssertionError(f"unknown fact {fact}")
    return None if got == want else f"{fact}: got {got!r}"


def alike(want: Any, got: Any) -> bool:
    """Whether `got` has every field `want` names, equal; a decimal written as
    a string equals the `Decimal` of the same value."""
    if isinstance(want, dict):
        return isinstance(got, dict) and all(k in got and alike(v, got[k]) for k, v in want.items())
    if isinstance(want, list):
        return isinstance(got, list) and len(want) == len(got) and all(alike(a, b) for a, b in zip(want, got))
    if isinstance(want, str) and isinstance(got, Decimal):
        return Decimal(want) == got
    return bool(want == got)


@pytest.mark.parametrize(("case_id", "setup", "case"), SEQUENCES, ids=[s[0] for s in SEQUENCES])
def test_sequence(case_id: str, setup: list[dict[str, Any]], case: dict[str, Any]) -> None:
    network = build(setup)
    results = case["expected"]["results"]
    assert len(results) == len(case["commands"]), f"{case_id}: one result per command"
    failures = []
    for i, (command, result) in enumerate(zip(case["commands"], results, strict=True), start=1):
        got = outcome(network, command)
        want = f"seq {result['seq']}" if "seq" in result else result["error"]
        if got != want:
            failures.append(f"command {i} ({command['action']['type']}): expected {want}, got {got}")
    for fact in case["expected"]["facts"]:
        mismatch = fact_mismatch(network, fact)
        if mismatch:
            failures.append(mismatch)
    assert not failures, f"{case_id}:\n" + "\n".join(failures)


def core_labels() -> set[str]:
    """The action labels, read from the core: its journal reader names them all
    when it meets a type it does not know."""
    probe = {"by": "a", "on": "2020-01-01", "action": {"type": "no such action"}}
    with pytest.raises(c.CoopetitionError) as refused:
        c.Network().execute_json(json.dumps(probe))
    message = str(refused.value)
    assert "expected one of" in message, message
    return set(re.findall(r"`([a-z_]+)`", message.split("expected one of", 1)[1]))


def test_every_action_label_is_accepted_and_refused() -> None:
    seen: dict[str, set[bool]] = {}
    for _, setup, command, want in RUNS:
        seen.setdefault(command["action"]["type"], set()).add(want == "accepted")
        for s in setup:
            seen.setdefault(s["action"]["type"], set()).add(True)
    for _, setup, case in SEQUENCES:
        for s in setup:
            seen.setdefault(s["action"]["type"], set()).add(True)
        for command, result in zip(case["commands"], case["expected"]["results"], strict=True):
            if result.get("error") != UNREAD:
                seen.setdefault(command["action"]["type"], set()).add("seq" in result)
    missing = [
        f"`{label}` is in no {'accepted' if accepted else 'refused'} command"
        for label in sorted(core_labels())
        for accepted in (True, False)
        if accepted not in seen.get(label, set())
    ]
    assert not missing, "\n".join(missing)
