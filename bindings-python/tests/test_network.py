"""The network aggregate from Python: commands, queries, journal, snapshots."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from conftest import ROOT, win

import coopetition as c


def test_contract_lifecycle_and_versions(network: c.Network) -> None:
    k = network.contract("k-paul")
    assert k.status == "active"
    assert k.current is not None and k.current.version == 1
    amended = c.ContractTerms(["team_up"], ["revenue_share_5pct"], "Lille", "Paul")
    network.propose_amendment("paul", date(2021, 1, 5), "k-paul", amended)
    network.validate_contract("alice", date(2021, 1, 9), "k-paul")
    k = network.contract("k-paul")
    assert [v.version for v in k.versions] == [1, 2]
    assert [ch.item for ch in k.version(1).terms.needs] == ["network_work", "other"]
    assert [ch.item for ch in k.version(2).terms.needs] == ["team_up"]
    with pytest.raises(c.ContractError) as e:
        k.version(3)
    assert e.value.code == "contract.version.unknown"


def test_value_objects_compare_by_value_and_are_immutable(network: c.Network) -> None:
    assert network.actor("paul") == network.actor("paul")
    assert network.actor("paul") != network.actor("rita")
    assert "Paul Conseil" in repr(network.actor("paul"))
    with pytest.raises(AttributeError):
        network.actor("paul").display_name = "x"  # type: ignore[misc]


def test_mission_lifecycle(network: c.Network) -> None:
    win(network, "m1")
    network.report_start("paul", date(2021, 3, 15), "m1", partners=["rita"], shared_resources_used=[c.Resource("guide", licence="CC-BY-SA-4.0")])
    network.report_progress("paul", date(2021, 4, 1), "m1", "atelier 1", client_informed=True)
    network.report_completion("paul", date(2021, 5, 1), "m1")
    m = network.mission("m1")
    assert m.status == "completed"
    assert m.revenue == Decimal("12000.00")
    assert m.partners == ["rita"]
    assert m.client == c.Client.Outside(name="Mairie", kind="local_authority")
    assert (m.client.name, m.client.kind) == ("Mairie", "local_authority")
    assert repr(m.client) == "Client.Outside(name='Mairie', kind='local_authority')"
    assert [r.step for r in m.history] == ["solicited", "proposed", "won", "started", "progress", "completed"]
    with pytest.raises(c.MissionError) as e:
        network.report_progress("paul", date(2021, 5, 2), "m1", "late")
    assert e.value.code == "mission.transition.invalid"


def test_rejected_command_changes_nothing(network: c.Network) -> None:
    before = network.snapshot_json()
    length = len(network)
    with pytest.raises(c.AuthorizationError) as e:
        network.validate_contract("paul", date(2021, 1, 1), "k-paul")
    assert e.value.code == "auth.steward.required"
    assert network.snapshot_json() == before
    assert len(network) == length


def test_journal_round_trip(network: c.Network) -> None:
    win(network, "m1")
    replayed = c.Network.replay(network.journal_jsonl())
    assert replayed.same_state(network)
    assert replayed.journal_jsonl() == network.journal_jsonl()
    snap = c.Network.from_snapshot_json(network.snapshot_json())
    assert snap.same_state(network)
    assert snap.snapshot_json() == network.snapshot_json()


def test_resume_from_snapshot(network: c.Network) -> None:
    snapshot = network.snapshot_json()
    later = c.Network.from_snapshot_json(snapshot)
    win(later, "m9")
    resumed = c.Network.resume(snapshot, later.journal_jsonl())
    assert resumed.same_state(later)


def test_rust_journal_replays_in_python() -> None:
    """The journal written by the Rust example replays to the snapshot Rust wrote."""
    journal = (ROOT / "tests" / "fixtures" / "sample_journal.jsonl").read_text()
    snapshot = (ROOT / "tests" / "fixtures" / "sample_snapshot.json").read_text()
    replayed = c.Network.replay(journal)
    assert replayed.same_state(c.Network.from_snapshot_json(snapshot))
    assert replayed.journal_jsonl() == journal


def test_python_journal_for_rust(network: c.Network) -> None:
    """Writes a journal for the Rust interop check (`make test-interop`)."""
    win(network, "m1")
    out = ROOT / "target" / "interop"
    out.mkdir(parents=True, exist_ok=True)
    (out / "python_journal.jsonl").write_text(network.journal_jsonl())
    (out / "python_snapshot.json").write_text(network.snapshot_json())


def test_execute_json_matches_typed_methods(network: c.Network) -> None:
    event = network.execute_json(
        '{"by": "paul", "on": "2021-03-01", "action": {"type": "report_mission", "mission": "mj", '
        '"occurred_on": "2021-03-01", "step": {"step": "solicited", "client": {"type": "member", "id": "rita"}, '
        '"lead_origin": "own_network", "title": "t"}}}'
    )
    assert event.seq == len(network) == 7
    assert network.mission("mj").client == c.Client.Member(id="rita")
    assert isinstance(network.mission("mj").client, c.Client)


def test_concurrent_commands_are_serialised(network: c.Network) -> None:
    def report(i: int) -> None:
        network.report_solicitation("paul", date(2021, 3, 1), f"t{i}", ("Client", "company"), "other", "t")

    threads = [threading.Thread(target=report, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(network.missions("paul")) == 8
    assert c.Network.replay(network.journal_jsonl()).same_state(network)


def test_catalogue_and_charter() -> None:
    items = c.catalogue("provider")
    contributions = [i.id for i in items if i.section == "contributions"]
    assert contributions[0] == "revenue_share_5pct"
    assert "5%" in items[[i.id for i in items].index("revenue_share_5pct")].fr
    charter = c.shipped_charter_versions()[0]
    assert charter.version == 1
    assert len(charter.engagements("fr")) == 5
    assert charter.engagements("fr")[0][1].startswith("Je m'engage à informer le réseau")
