"""A `Network` backed by a store file: what a command returned survives a
restart, a refused or failed write changes nothing, and the file moves
between machines and languages as a journal."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

import coopetition as c

ON = date(2020, 1, 6)


def found(n: c.Network) -> None:
    """Founds the network with steward `alice`, then registers provider `paul`: events 1 and 2."""
    n.found("alice", ON, "La Compagnie", [c.Actor("alice", "association", "Alice", level="steward")])
    n.register_actor("paul", date(2020, 1, 10), c.Actor("paul", "provider", "Paul Conseil"))


def provider(id: str) -> c.Actor:
    return c.Actor(id, "provider", id.upper())


def rows(path: Path) -> int:
    """The events the file holds, read with SQLite itself."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return int(db.execute("SELECT COUNT(*) FROM events").fetchone()[0])


def test_a_reopened_store_has_the_network_its_commands_made(tmp_path: Path) -> None:
    path = tmp_path / "network.coop"
    n = c.Network.open(path)
    assert (n.path, n.is_closed, len(n)) == (path, False, 0)
    found(n)
    event = n.register_actor("alice", date(2020, 2, 1), provider("rita"))
    assert event.seq == 3
    n.close()
    assert n.is_closed
    # The last connection gone, SQLite folded its write-ahead log into the file.
    assert not (tmp_path / "network.coop-wal").exists()
    assert rows(path) == 3
    again = c.Network.open(str(path), synchronous="normal")
    assert len(again) == 3
    assert again.name == "La Compagnie"
    assert [a.id for a in again.actors()] == ["alice", "paul", "rita"]
    assert again.actor("alice").level == "steward"
    assert again.journal() == n.journal()
    assert again.same_state(c.Network.replay(n.journal_jsonl()))
    assert again.verify()["chain"] == "sha256"
    again.close()


def test_the_context_manager_closes_the_file_and_lets_exceptions_through(tmp_path: Path) -> None:
    path = tmp_path / "n.coop"
    with c.Network.open(path) as n:
        found(n)
        assert not n.is_closed
    assert n.is_closed
    assert not (tmp_path / "n.coop-wal").exists()
    with pytest.raises(ZeroDivisionError):
        with c.Network.open(path) as m:
            m.register_actor("alice", date(2020, 2, 1), provider("rita"))
            1 / 0  # noqa: B018
    assert m.is_closed
    with c.Network.open(path) as reopened:
        assert len(reopened) == 3


def test_a_refused_command_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "n.coop"
    with c.Network.open(path) as n:
        found(n)
        with pytest.raises(c.ActorError) as e:
            n.register_actor("alice", date(2020, 2, 1), provider("paul"))
        assert e.value.code == "actor.id.duplicate"
        with pytest.raises(c.AuthorizationError) as e2:
            n.execute({"by": "paul", "on": "2020-02-01", "action": {"type": "set_public_listing", "actor": "alice", "public_listing": True}})
        assert e2.value.code == "auth.owner.required"
        with pytest.raises(c.InputError) as e3:
            n.register_actor("alice", date(2020, 2, 1), c.Actor("zoe", "provider", "  "))
        assert e3.value.code == "input.text.empty"
        assert len(n) == 2
    assert rows(path) == 2


def test_a_second_writer_gets_a_conflict_then_reloads_and_retries(tmp_path: Path) -> None:
    path = tmp_path / "n.coop"
    first = c.Network.open(path)
    found(first)
    second = c.Network.open(path)
    assert len(second) == 2
    first.register_actor("alice", date(2020, 2, 1), provider("rita"))
    with pytest.raises(c.StoreError) as e:
        second.register_actor("alice", date(2020, 2, 1), provider("zoe"))
    assert e.value.code == "store.write.conflict"
    assert not isinstance(e.value, ValueError), "a conflict is no bad input: the same command succeeds after a reload"
    assert len(second) == 2, "the refused write changed nothing in memory"
    assert second.reload() == 1
    assert second.register_actor("alice", date(2020, 2, 1), provider("zoe")).seq == 4
    assert first.reload() == 1
    assert first.same_state(second)
    assert first.reload() == 0
    first.close()
    second.close()
    assert rows(path) == 4


def test_a_read_only_store_answers_queries_and_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "n.coop"
    with c.Network.open(path) as n:
        found(n)
    with c.Network.open(path, read_only=True) as ro:
        assert ro.actor("paul").display_name == "Paul Conseil"
        with pytest.raises(c.StoreError) as e:
            ro.register_actor("alice", date(2020, 2, 1), provider("rita"))
        assert e.value.code == "store.file.read_only"
        assert len(ro) == 2
    assert rows(path) == 2


def test_a_file_that_is_not_a_store_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    text = "these are notes, not a database, and they are long enough to be read as one"
    notes.write_text(text)
    with pytest.raises(c.StoreError) as e:
        c.Network.open(notes)
    assert e.value.code == "store.file.not_store"
    assert isinstance(e.value, ValueError)
    assert notes.read_text() == text
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE t (x INTEGER)")
        db.commit()
    with pytest.raises(c.StoreError) as e:
        c.Network.open(other)
    assert e.value.code == "store.file.not_store"


def test_a_closed_store_refuses_commands_and_still_answers_queries(tmp_path: Path) -> None:
    n = c.Network.open(tmp_path / "n.coop")
    found(n)
    n.close()
    n.close()  # harmless
    for call in (
        lambda: n.register_actor("alice", date(2020, 2, 1), provider("rita")),
        lambda: n.check({"by": "alice", "on": "2020-02-01", "action": {"type": "set_public_listing", "actor": "alice", "public_listing": True}}),
        n.reload,
        n.export_jsonl,
        n.verify,
    ):
        with pytest.raises(c.StoreError) as e:
            call()
        assert e.value.code == "store.file.closed"
    assert n.actor("paul").display_name == "Paul Conseil"
    assert len(n) == 2


def test_the_durability_setting_is_full_or_normal(tmp_path: Path) -> None:
    for bad in ("FULL", "off", ""):
        with pytest.raises(c.InputError) as e:
            c.Network.open(tmp_path / "n.coop", synchronous=bad)
        assert e.value.code == "input.label.unknown"
    with pytest.raises(c.InputError) as e:
        c.Network.open(tmp_path / "n.coop", busy_timeout=-1.0)
    assert e.value.code == "input.parse.invalid"
    assert not (tmp_path / "n.coop").exists(), "a refused option creates no file"


def test_a_full_disk_leaves_the_network_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "n.coop"
    with c.Network.open(path, max_bytes=64 * 1024) as n:
        found(n)
        long = "x" * 3000
        with pytest.raises(c.StoreError) as e:
            for i in range(100):
                n.register_actor("alice", date(2020, 2, 1), c.Actor(f"p{i}", "provider", long))
        assert e.value.code == "store.disk.full"
        kept = len(n)
        assert 2 < kept < 102
    with c.Network.open(path) as reopened:
        assert len(reopened) == kept


def register_command(id: str) -> dict[str, object]:
    return {"by": "alice", "on": "2020-02-01", "action": {"type": "register_actor", "actor": {
        "id": id, "kind": "provider", "display_name": id.upper(), "level": "supporter", "public_listing": False}}}


def test_a_batch_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "n.coop"
    with c.Network.open(path) as n:
        found(n)
        # The third command registers rita again: refused, so none of the three is written.
        with pytest.raises(c.ActorError) as e:
            n.execute_batch([register_command("rita"), register_command("zoe"), register_command("rita")])
        assert e.value.code == "actor.id.duplicate"
        assert len(n) == 2
        assert rows(path) == 2
        events = n.execute_batch([register_command("rita"), json.dumps(register_command("zoe"))])
        assert [e.seq for e in events] == [3, 4]
        assert n.execute_batch([]) == []
    with c.Network.open(path) as again:
        assert [a.id for a in again.actors()] == ["alice", "paul", "rita", "zoe"]
    memory = c.Network()
    found(memory)
    assert [e.seq for e in memory.execute_batch([register_command("rita")])] == [3]


def test_a_network_in_memory_has_no_store(network: c.Network) -> None:
    assert network.path is None and not network.is_closed
    for call in (network.reload, network.export_jsonl, network.verify):
        with pytest.raises(c.StoreError) as e:
            call()
        assert e.value.code == "store.file.none"
    with network as same:
        assert same is network
    assert not network.is_closed, "closing a network held in memory does nothing"
    network.set_public_listing("paul", date(2021, 1, 1), "paul", False)


def test_threads_sharing_one_store_all_land_once(tmp_path: Path) -> None:
    path = tmp_path / "n.coop"
    n = c.Network.open(path)
    found(n)

    def register(t: int) -> None:
        for i in range(10):
            n.register_actor("alice", date(2020, 2, 1), provider(f"t{t}-{i}"))

    threads = [threading.Thread(target=register, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(n) == 2 + 80
    n.close()
    with c.Network.open(path) as again:
        assert len(again.actors()) == 2 + 80
        assert [e.seq for e in again.journal()] == list(range(1, 83))


def test_writers_on_one_file_each_retry_after_a_conflict_and_all_land_once(tmp_path: Path) -> None:
    path = tmp_path / "n.coop"
    with c.Network.open(path) as n:
        found(n)

    def writer(t: int) -> None:
        with c.Network.open(path) as mine:
            for i in range(10):
                while True:
                    try:
                        mine.register_actor("alice", date(2020, 2, 1), provider(f"w{t}-{i}"))
                        break
                    except c.StoreError as e:
                        assert e.code in ("store.write.conflict", "store.file.busy"), e.code
                        mine.reload()

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with c.Network.open(path) as again:
        ids = sorted(a.id for a in again.actors())
        assert ids == sorted(["alice", "paul"] + [f"w{t}-{i}" for t in range(4) for i in range(10)])
        assert len(again) == 42
        again.verify()


def test_an_export_imports_into_a_new_store_with_the_same_network(tmp_path: Path) -> None:
    with c.Network.open(tmp_path / "a.coop") as a:
        found(a)
        journal = a.export_jsonl()
        assert journal == a.journal_jsonl()
        with c.Network.import_jsonl(tmp_path / "b.coop", journal) as b:
            assert b.same_state(a)
            assert b.journal_jsonl() == journal
            assert b.register_actor("alice", date(2020, 2, 1), provider("rita")).seq == 3
        with pytest.raises(c.StoreError) as e:
            c.Network.import_jsonl(tmp_path / "b.coop", journal)
        assert e.value.code == "store.file.not_empty"
        # A journal written in memory moves into a store the same way.
        with c.Network.import_jsonl(tmp_path / "c.coop", c.Network.replay(journal).journal_jsonl()) as m:
            assert m.same_state(a)
    tampered = journal.replace("Paul Conseil", "Paul Conseils")
    with pytest.raises(c.JournalError) as e2:
        c.Network.import_jsonl(tmp_path / "d.coop", tampered)
    assert e2.value.code == "journal.chain.broken"


def test_a_keyed_store_exports_a_journal_only_its_key_reads(tmp_path: Path) -> None:
    with c.Network.open(tmp_path / "k.coop", key=b"the steward's key") as n:
        found(n)
        journal = n.export_jsonl()
        assert n.verify()["chain"] == "keyed"
    for key, code in ((None, "store.key.required"), (b"another key", "store.key.invalid")):
        with pytest.raises(c.StoreError) as e:
            c.Network.import_jsonl(tmp_path / "copy.coop", journal, key=key)
        assert e.value.code == code
    with c.Network.import_jsonl(tmp_path / "copy.coop", journal, key=b"the steward's key") as copy:
        assert len(copy) == 2
        assert copy.export_jsonl() == journal
    with pytest.raises(c.StoreError) as e3:
        c.Network.open(tmp_path / "k2.coop", key=b"")
    assert e3.value.code == "store.key.invalid"


def test_a_keyed_store_opens_only_with_its_key(tmp_path: Path) -> None:
    path = tmp_path / "k.coop"
    with c.Network.open(path, key=b"the steward's key") as n:
        found(n)
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        # Each row carries its link of the chain: 32 bytes.
        assert [len(h) for (h,) in db.execute("SELECT hash FROM events")] == [32, 32]
    for key, code in ((None, "store.key.required"), (b"another key", "store.key.invalid")):
        with pytest.raises(c.StoreError) as e:
            c.Network.open(path, key=key)
        assert e.value.code == code
    with c.Network.open(path, key=b"the steward's key") as n:
        assert len(n) == 2


# ---- interop: a store file written here opens in Kotlin (and Kotlin's here) ----

INTEROP = ROOT / "target" / "interop"


def interop_scenario(n: c.Network) -> None:
    """The store written for Kotlin: founded, two providers, one of them validated."""
    found(n)
    n.register_actor("alice", date(2020, 2, 1), provider("rita"))
    terms = c.ContractTerms(["network_work"], ["revenue_share_5pct"], "Lille", "Paul")
    n.propose_contract("paul", date(2020, 2, 3), "k-paul", terms)
    n.validate_contract("alice", date(2020, 2, 10), "k-paul")


def test_python_store_for_kotlin() -> None:
    """Writes a store file, its export and its state for Kotlin's `StoreTest` and `make test-interop`."""
    INTEROP.mkdir(parents=True, exist_ok=True)
    path = INTEROP / "python_store.coop"
    for stale in INTEROP.glob("python_store.coop*"):
        stale.unlink()
    with c.Network.open(path) as n:
        interop_scenario(n)
        (INTEROP / "python_store_export.jsonl").write_text(n.export_jsonl())
        (INTEROP / "python_store_snapshot.json").write_text(n.snapshot_json())


KOTLIN_STORE = INTEROP / "kotlin_store.coop"


def test_kotlin_store_opens_in_python(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Kotlin's `StoreTest` writes a store file; Python opens it, finds Kotlin's state, and writes to it."""
    if not KOTLIN_STORE.exists():
        if os.environ.get("COOPETITION_REQUIRE_KOTLIN_STORE") == "1":
            pytest.fail(f"{KOTLIN_STORE} is missing: run the Kotlin suite first")
        pytest.skip("no store file written by Kotlin yet (make test-kotlin)")
    copy = tmp_path / "kotlin.coop"
    shutil.copy(KOTLIN_STORE, copy)
    snapshot = (INTEROP / "kotlin_store_snapshot.json").read_text()
    export = (INTEROP / "kotlin_store_export.jsonl").read_text()
    with c.Network.open(copy) as n:
        assert n.same_state(c.Network.from_snapshot_json(snapshot))
        assert n.export_jsonl() == export
        assert n.verify()["chain"] == "sha256"
        assert n.actor("zoe").kind == "citizen"
        before = len(n)
        n.register_actor("alice", date(2021, 1, 1), provider("from-python"))
    with c.Network.open(copy) as again:
        assert len(again) == before + 1
    with c.Network.import_jsonl(tmp_path / "imported.coop", export) as imported:
        assert imported.same_state(c.Network.from_snapshot_json(snapshot))


VIA_KOTLIN = INTEROP / "python_store_via_kotlin.coop"


def test_python_store_came_back_from_kotlin(tmp_path: Path) -> None:
    """Kotlin's `StoreTest` opened the store written above and added an event; Python reads both."""
    required = os.environ.get("COOPETITION_REQUIRE_KOTLIN_STORE") == "1"
    written = INTEROP / "python_store.coop"
    if not VIA_KOTLIN.exists() or not written.exists() or VIA_KOTLIN.stat().st_mtime < written.stat().st_mtime:
        if required:
            pytest.fail(f"{VIA_KOTLIN} is missing or older than {written}: run the Kotlin suite after the Python one")
        pytest.skip("Kotlin has not opened this run's Python store yet (make test-interop checks it)")
    copy = tmp_path / "via_kotlin.coop"
    shutil.copy(VIA_KOTLIN, copy)
    export = (INTEROP / "python_store_export.jsonl").read_text()
    with c.Network.open(copy) as n:
        python_events = c.Network.replay(export).journal()
        assert n.journal()[: len(python_events)] == python_events
        assert len(n) == len(python_events) + 1
        assert n.actor("from-kotlin").kind == "provider"
        assert n.verify()["chain"] == "sha256"


def test_the_readme_python_store_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """README.md's Python store example, run as written in an empty directory."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### A store from Python and Kotlin") :]
    start = section.index("```python\n") + len("```python\n")
    code = section[start : section.index("\n```", start) + 1]
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102
    with c.Network.open(tmp_path / "copy.coop") as copy, c.Network.open(tmp_path / "network.coop") as network:
        assert len(copy) == 3
        assert copy.same_state(network)


def test_a_store_reopens_from_its_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "s.coop"
    with c.Network.open(path, key=b"k") as n:
        found(n)
        assert n.snapshot() == 2
        n.register_actor("alice", date(2020, 2, 1), provider("rita"))
        journal = n.journal_jsonl(key=b"k")
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        assert db.execute("SELECT seq FROM snapshots").fetchall() == [(2,)]
    with c.Network.open(path, key=b"k") as again:
        # Rebuilt from the snapshot at event 2: one event replayed after it.
        assert (again.last_seq, len(again)) == (3, 1)
        assert again.same_state(c.Network.replay(journal, key=b"k"))
    # The snapshot's state edited in the file: the digest refuses it.
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE snapshots SET state = replace(state, 'Paul Conseil', 'Paul Conseils')")
        db.commit()
    with pytest.raises(c.JournalError) as e:
        c.Network.open(path, key=b"k")
    assert e.value.code == "journal.snapshot.digest"
    with pytest.raises(c.StoreError) as e2:
        c.Network().snapshot()
    assert e2.value.code == "store.file.none"


def test_a_keyed_snapshot_needs_its_key_and_refuses_an_edit(tmp_path: Path) -> None:
    n = c.Network()
    found(n)
    snapshot = n.snapshot_json(key=b"k")
    assert json.loads(snapshot)["chain"] == "hmac-sha256"
    assert c.Network.from_snapshot_json(snapshot, key=b"k").same_state(n)
    for key, code in ((None, "store.key.required"), (b"K", "store.key.invalid")):
        with pytest.raises(c.StoreError) as e:
            c.Network.from_snapshot_json(snapshot, key=key)
        assert e.value.code == code
    with pytest.raises(c.JournalError) as e2:
        c.Network.from_snapshot_json(snapshot.replace("Paul Conseil", "Paul Conseils"), key=b"k")
    assert e2.value.code == "journal.snapshot.digest"
    # A journal that continues the snapshot resumes it, with the key.
    later = c.Network.from_snapshot_json(snapshot, key=b"k")
    later.register_actor("alice", date(2020, 2, 1), provider("rita"))
    resumed = c.Network.resume(snapshot, later.journal_jsonl(key=b"k"), key=b"k")
    assert resumed.last_seq == 3
