"""Journals and snapshots from Python: strict format, cut-off versus corrupt
lines, prefixes, sequence numbers that never wrap, consistent snapshots, and
round trips of every serialised type."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import ROOT

import coopetition as c

JOURNAL = (ROOT / "tests" / "fixtures" / "sample_journal.jsonl").read_text()
# The same journal as schema 1 wrote it, without the hash chain: an edit there
# meets the rule it breaks, where in a chained journal it breaks the chain first.
JOURNAL_V1 = (ROOT / "tests" / "fixtures" / "sample_journal_v1.jsonl").read_text()
SNAPSHOT = (ROOT / "tests" / "fixtures" / "sample_snapshot.json").read_text()
# The same state as a schema-1 snapshot (no digest): an edit of its state
# meets the rule it breaks, where a schema-2 one stops at its digest.
SNAPSHOT_V1 = (ROOT / "tests" / "fixtures" / "sample_snapshot_v1.json").read_text()


def edited_journal(seq: int, old: str, new: str, journal: str = JOURNAL_V1) -> str:
    """The sample journal with the line of event `seq` (0: the header) edited."""
    lines = journal.splitlines()
    assert old in lines[seq]
    lines[seq] = lines[seq].replace(old, new, 1)
    return "\n".join(lines) + "\n"


def edited_snapshot(edit) -> str:  # type: ignore[no-untyped-def]
    snapshot = json.loads(SNAPSHOT_V1)
    edit(snapshot["state"])
    return json.dumps(snapshot)


@pytest.mark.parametrize(
    ("seq", "old", "new"),
    [
        (15, '{"step":"proposed"}', '{"step":"proposed","x":1}'),
        (14, '{"type":"outside"', '{"type":1'),
        (2, '"on":"2020-01-13"', '"on":"2020- 1-13"'),
        (17, '{"amount":"4500.00","currency":"EUR"}', '["4500.00","EUR"]'),
        (2, '"seq":2,', '"seq":2,"x":1,'),
    ],
)
def test_a_lenient_spelling_is_refused(seq: int, old: str, new: str) -> None:
    with pytest.raises(c.JournalError) as e:
        c.Network.replay(edited_journal(seq, old, new))
    assert e.value.code == "journal.json.malformed"


@pytest.mark.parametrize(
    ("seq", "old", "new"),
    [
        (17, '"amount":"4500.00"', '"amount":"4501.00"'),
        (5, '"on":"2020-01-15"', '"on":"2020-01-14"'),
        (1, '"display_name":"Camille Lefort"', '"display_name":"Camille Lafort"'),
    ],
)
def test_an_edit_that_breaks_no_rule_breaks_the_chain(seq: int, old: str, new: str) -> None:
    with pytest.raises(c.JournalError) as e:
        c.Network.replay(edited_journal(seq, old, new, JOURNAL))
    assert e.value.code == "journal.chain.broken"
    assert f"line {seq + 1} (event {seq})" in str(e.value)
    # Without the chain (schema 1), the same edit replays to another state.
    assert c.Network.replay(edited_journal(seq, old, new)).journal() != c.Network.replay(JOURNAL).journal()


def test_a_keyed_journal_needs_its_key() -> None:
    network = c.Network.replay(JOURNAL)
    keyed = network.journal_jsonl(key=b"the steward's secret")
    assert keyed.splitlines()[0] == '{"format":"coopetition-journal","schema_version":2,"chain":"hmac-sha256"}'
    assert c.Network.replay(keyed, key=b"the steward's secret").same_state(network)
    with pytest.raises(c.StoreError) as e:
        c.Network.replay(keyed)
    assert e.value.code == "store.key.required"
    for journal, key in ((keyed, b"another secret"), (JOURNAL, b"k"), (JOURNAL_V1, b"k"), (keyed, b"")):
        with pytest.raises(c.StoreError) as e:
            c.Network.replay(journal, key=key)
        assert e.value.code == "store.key.invalid"
    with pytest.raises(TypeError):
        c.Network.replay(keyed, key="the steward's secret")  # type: ignore[arg-type]


def test_a_schema_1_journal_replays_and_is_written_back_chained() -> None:
    assert c.Network.replay(JOURNAL_V1).journal_jsonl() == JOURNAL


def test_a_corrupt_middle_line_is_not_a_truncation() -> None:
    lines = JOURNAL.splitlines()
    lines[10] = lines[10][: len(lines[10]) // 2]
    journal = "\n".join(lines) + "\n"
    for read in (c.Network.replay, c.Network.replay_prefix):
        with pytest.raises(c.JournalError) as e:
            read(journal)
        assert e.value.code == "journal.line.corrupt"


def test_the_prefix_of_a_cut_off_journal_says_what_it_dropped() -> None:
    cut = JOURNAL[: len(JOURNAL) - 30]
    with pytest.raises(c.JournalError) as e:
        c.Network.replay(cut)
    assert e.value.code == "journal.line.truncated"
    network, dropped = c.Network.replay_prefix(cut)
    lines = JOURNAL.splitlines()
    assert len(network) == len(lines) - 2
    last_line = lines[-1]
    assert dropped == {"line": len(lines), "bytes": len(last_line.encode()) + 1 - 30, "events": 1}
    whole, nothing = c.Network.replay_prefix(JOURNAL)
    assert nothing is None and len(whole) == len(lines) - 1
    resumed, dropped_again = c.Network.resume_prefix(SNAPSHOT, "\n".join(lines[:1]) + "\n")
    assert dropped_again is None and resumed.same_state(whole)


def test_no_event_follows_the_largest_sequence_number() -> None:
    def largest(s: dict) -> None:  # type: ignore[type-arg]
        s["last_seq"] = 2**64 - 1

    network = c.Network.from_snapshot_json(edited_snapshot(largest))
    with pytest.raises(c.JournalError) as e:
        network.set_public_listing("jeanne-roux", date(2021, 3, 1), "jeanne-roux", True)
    assert e.value.code == "journal.sequence.invalid"
    assert len(network) == 0
    header = JOURNAL_V1.splitlines()[0]
    line = '{"seq":%d,"by":"a","on":"2020-01-06","action":{"type":"sign_charter","version":1}}'
    with pytest.raises(c.JournalError) as e:
        c.Network.replay(f"{header}\n{line % (2**64 - 1)}\n{line % 0}\n")
    assert e.value.code == "journal.sequence.invalid"


def test_a_huge_deadline_is_refused_and_the_network_still_works() -> None:
    network = c.Network.replay(JOURNAL)
    rules = json.dumps({"deadlines": {"hearing_answer_days": 10**15}})
    with pytest.raises(c.ComplianceError) as e:
        network.configure_follow_up("camille-lefort", date(2021, 2, 1), date(2021, 2, 1), rules)
    assert e.value.code == "compliance.deadline.invalid"
    # The refusal poisoned nothing: the network goes on.
    network.notify_hearing("camille-lefort", date(2021, 3, 1), "atelier-des-communs", "late reports")
    assert len(network) == 46


@pytest.mark.parametrize(
    ("path", "value", "rule"),
    [
        (("actors", "atelier-des-communs", "level"), "supporter", "a level equals the last level decision"),
        (("missions", "s1-cafe-atelier-comptoir", "provider"), "ghost", "an id points to no actor"),
        (("last_seq",), 40, "the last event number is at least every number a fact cites"),
    ],
)
def test_a_contradictory_snapshot_is_refused(path: tuple[str, ...], value: object, rule: str) -> None:
    def edit(s: dict) -> None:  # type: ignore[type-arg]
        for key in path[:-1]:
            s = s[key]
        s[path[-1]] = value

    with pytest.raises(c.JournalError) as e:
        c.Network.from_snapshot_json(edited_snapshot(edit))
    assert e.value.code == "journal.snapshot.inconsistent"
    assert rule in str(e.value)


def test_parameters_round_trip_and_are_an_object() -> None:
    shipped = c.Parameters.shipped()
    text = shipped.to_json()
    loaded = c.Parameters.load(text)
    assert loaded == shipped
    assert loaded.to_json() == text
    custom = c.Parameters.load(
        '{"flat_rate": [{"from": "2020-01-01", "until": "2023-01-01", "value": "0.05"}, {"from": "2023-01-01", "value": "0.04"}]}'
    )
    assert c.Parameters.load(custom.to_json()) == custom
    for bad in ("[]", "1", "null"):
        with pytest.raises(c.JournalError) as e:
            c.Parameters.load(bad)
        assert e.value.code == "journal.json.malformed"


def test_snapshot_and_journal_round_trip() -> None:
    network = c.Network.from_snapshot_json(SNAPSHOT)
    assert network.snapshot_json().strip() == SNAPSHOT.strip()
    assert c.Network.from_snapshot_json(network.snapshot_json()).same_state(network)
    replayed = c.Network.replay(JOURNAL)
    assert replayed.journal_jsonl() == JOURNAL
    assert c.Network.replay(replayed.journal_jsonl()).same_state(replayed)
