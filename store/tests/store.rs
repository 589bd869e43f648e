//! The store keeps what `execute` accepted, and nothing else.

mod common;

use common::{command_for, expected, found, register};
use coopetition::prelude::*;
use coopetition_store::{Store, StoreOptions, StoredNetwork, Synchronous, STORE_SCHEMA_VERSION};
use std::sync::Arc;
use std::time::Duration;

fn options() -> StoreOptions {
    StoreOptions::default()
}

#[test]
fn the_default_durability_is_full() {
    assert_eq!(StoreOptions::default().synchronous, Synchronous::Full);
}

#[test]
fn a_reopened_store_has_the_same_network() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    let network = StoredNetwork::open(&path, &options()).unwrap();
    for seq in 1..=5 {
        assert_eq!(network.execute(command_for(seq)).unwrap().seq, seq);
    }
    let before = network.read();
    drop(network);
    let normal = StoreOptions { synchronous: Synchronous::Normal, ..options() };
    let reopened = StoredNetwork::open(&path, &normal).unwrap();
    assert_eq!(reopened.read().state(), before.state());
    assert_eq!(*reopened.read(), expected(5));
    let store = Store::open(&path, &options()).unwrap();
    assert_eq!(store.last_seq().unwrap(), 5);
    assert_eq!(store.network_name().unwrap().as_deref(), Some("La Compagnie"));
}

#[test]
fn each_row_is_the_journal_line_without_its_hash_and_the_hash_the_journal_carries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    let network = StoredNetwork::open(&path, &options()).unwrap();
    network.execute(found()).unwrap();
    network.execute(register(2)).unwrap();
    let journal = network.read().journal_jsonl();
    drop(network);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let rows: Vec<(i64, String, Option<Vec<u8>>)> = conn
        .prepare("SELECT seq, line, hash FROM events ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // The journal's lines end with `,"hash":"…"}`; a row holds the line before it.
    let lines: Vec<String> =
        journal.lines().skip(1).map(|l| format!("{}}}", l.rsplit_once(",\"hash\":\"").unwrap().0)).collect();
    assert_eq!(rows.iter().map(|r| r.1.clone()).collect::<Vec<_>>(), lines);
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![1, 2]);
    let hashes: Vec<String> =
        journal.lines().skip(1).map(|l| l.rsplit_once(",\"hash\":\"").unwrap().1[..64].to_owned()).collect();
    let stored: Vec<String> =
        rows.iter().map(|r| r.2.as_ref().unwrap().iter().map(|b| format!("{b:02x}")).collect()).collect();
    assert_eq!(stored, hashes);
    let snapshots: i64 = conn.query_row("SELECT COUNT(*) FROM snapshots", [], |r| r.get(0)).unwrap();
    assert_eq!(snapshots, 0);
}

#[test]
fn a_refused_command_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    let network = StoredNetwork::open(&path, &options()).unwrap();
    network.execute(found()).unwrap();
    network.execute(register(2)).unwrap();
    let before = network.read();
    assert_eq!(network.execute(register(2)).unwrap_err().code(), "actor.id.duplicate");
    assert_eq!(*network.read(), *before);
    drop(network);
    assert_eq!(Store::open(&path, &options()).unwrap().last_seq().unwrap(), 2);
}

#[test]
fn a_batch_is_written_in_one_transaction_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    let network = StoredNetwork::open(&path, &options()).unwrap();
    let events = network.execute_batch((1..=4).map(command_for).collect()).unwrap();
    assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    // The last command is refused (p3 exists): the two before it are not written either.
    let before = network.read();
    let refused = network.execute_batch(vec![register(5), register(6), register(3)]);
    assert_eq!(refused.unwrap_err().code(), "actor.id.duplicate");
    assert_eq!(*network.read(), *before);
    drop(network);
    let reopened = StoredNetwork::open(&path, &options()).unwrap();
    assert_eq!(*reopened.read(), expected(4));
}

#[test]
fn a_read_only_store_refuses_the_write_and_keeps_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    StoredNetwork::open(&path, &options()).unwrap().execute(found()).unwrap();
    let read_only = StoredNetwork::open(&path, &StoreOptions { read_only: true, ..options() }).unwrap();
    let before = read_only.read();
    assert_eq!(read_only.execute(register(2)).unwrap_err().code(), "store.file.read_only");
    assert_eq!(read_only.execute_batch(vec![register(2)]).unwrap_err().code(), "store.file.read_only");
    assert_eq!(*read_only.read(), *before);
    assert_eq!(before.state().last_seq, 1);
}

#[test]
fn a_file_made_read_only_refuses_the_write_and_keeps_the_network() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    StoredNetwork::open(&path, &options()).unwrap().execute(found()).unwrap();
    let set = |p: &std::path::Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    set(&path, 0o444);
    set(dir.path(), 0o555);
    // A privileged user (root) writes whatever the permissions say: nothing to test then.
    let privileged = std::fs::OpenOptions::new().append(true).open(&path).is_ok();
    if !privileged {
        let outcome = StoredNetwork::open(&path, &options()).and_then(|n| {
            let before = n.read();
            let failed = n.execute(register(2));
            assert_eq!(*n.read(), *before);
            failed
        });
        assert_eq!(outcome.unwrap_err().code(), "store.file.read_only");
    }
    set(dir.path(), 0o755);
    set(&path, 0o644);
    assert_eq!(Store::open(&path, &options()).unwrap().last_seq().unwrap(), 1);
}

#[test]
fn a_full_disk_refuses_the_write_and_keeps_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    let network = StoredNetwork::open(&path, &StoreOptions { max_bytes: Some(64 * 1024), ..options() }).unwrap();
    network.execute(found()).unwrap();
    let mut seq = 2;
    let failed = loop {
        let before = network.read();
        match network.execute(register(seq)) {
            Ok(event) => assert_eq!(event.seq, seq),
            Err(e) => {
                assert_eq!(*network.read(), *before);
                break e;
            }
        }
        seq += 1;
        assert!(seq < 10_000, "64 KiB never filled");
    };
    assert_eq!(failed.code(), "store.disk.full");
    drop(network);
    // Every event acknowledged before the disk filled is kept, and nothing after.
    let reopened = StoredNetwork::open(&path, &options()).unwrap();
    assert_eq!(*reopened.read(), expected(seq - 1));
}

#[test]
fn a_store_locked_by_another_writer_is_busy_and_the_network_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    let quick = StoreOptions { busy_timeout: Duration::from_millis(50), ..options() };
    let network = StoredNetwork::open(&path, &quick).unwrap();
    network.execute(found()).unwrap();
    let mut other = rusqlite::Connection::open(&path).unwrap();
    let lock = other.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).unwrap();
    let before = network.read();
    assert_eq!(network.execute(register(2)).unwrap_err().code(), "store.file.busy");
    assert_eq!(*network.read(), *before);
    drop(lock);
    assert_eq!(network.execute(register(2)).unwrap().seq, 2);
}

#[test]
fn the_second_writer_gets_a_conflict_then_reloads_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    let first = StoredNetwork::open(&path, &options()).unwrap();
    first.execute(found()).unwrap();
    let second = StoredNetwork::open(&path, &options()).unwrap();
    assert_eq!(first.execute(register(2)).unwrap().seq, 2);
    // The second decided event 2 on a state where event 1 was the last.
    let before = second.read();
    let conflict = second.execute(register(3)).unwrap_err();
    assert_eq!(conflict.code(), "store.write.conflict");
    assert_eq!(conflict, Error::StoreConflict { expected: 1, found: 2 });
    assert_eq!(*second.read(), *before);
    assert_eq!(second.execute_batch(vec![register(3)]).unwrap_err().code(), "store.write.conflict");
    assert_eq!(second.reload().unwrap(), 1);
    assert_eq!(second.reload().unwrap(), 0);
    assert_eq!(second.execute(register(3)).unwrap().seq, 3);
    // The first now lags behind in turn.
    assert_eq!(first.execute(register(4)).unwrap_err().code(), "store.write.conflict");
    drop((first, second));
    assert_eq!(*StoredNetwork::open(&path, &options()).unwrap().read(), expected(3));
}

#[test]
fn a_file_that_is_not_a_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    let notes = "this is not a database, not even close: it is long enough to be read as one";
    std::fs::write(&text, notes).unwrap();
    let refused = Store::open(&text, &options()).unwrap_err();
    assert_eq!(refused.code(), "store.file.not_store");
    assert_eq!(std::fs::read_to_string(&text).unwrap(), notes, "the file is left as it was");
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    assert_eq!(Store::open(&other, &options()).unwrap_err().code(), "store.file.not_store");
    let empty = dir.path().join("empty.coop");
    assert_eq!(
        Store::open(&empty, &StoreOptions { read_only: true, ..options() }).unwrap_err().code(),
        "store.io.failed",
        "a read-only open does not create the file"
    );
}

#[test]
fn a_store_of_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    StoredNetwork::open(&path, &options()).unwrap().execute(found()).unwrap();
    let newer = (STORE_SCHEMA_VERSION + 1).to_string();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE meta SET value = ?1 WHERE key = 'schema_version'", [&newer])
        .unwrap();
    let refused = StoredNetwork::open(&path, &options()).unwrap_err();
    assert_eq!(refused.code(), "store.schema.unknown");
    assert_eq!(refused, Error::StoreSchema { found: newer, supported: STORE_SCHEMA_VERSION });
}

#[test]
fn an_edited_row_that_breaks_a_rule_is_refused_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    let network = StoredNetwork::open(&path, &options()).unwrap();
    network.execute_batch((1..=3).map(command_for).collect()).unwrap();
    drop(network);
    // Event 3 now registers p2 a second time.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE events SET line = replace(line, '\"p3\"', '\"p2\"') WHERE seq = 3", []).unwrap();
    let broken = StoredNetwork::open(&path, &options()).unwrap_err();
    assert_eq!(
        broken,
        Error::ChainBroken {
            line: 4,
            seq: Some(3),
            reason: "the stored event does not carry the hash that continues the chain"
        }
    );
    // Without a key, whoever edits the file can recompute the links: the rules
    // are then what refuses the edit.
    let previous: Vec<u8> = conn.query_row("SELECT hash FROM events WHERE seq = 2", [], |r| r.get(0)).unwrap();
    let line: String = conn.query_row("SELECT line FROM events WHERE seq = 3", [], |r| r.get(0)).unwrap();
    let relinked =
        coopetition::chain::link_line(&coopetition::chain::ChainHash(previous.try_into().unwrap()), &line, None);
    conn.execute("UPDATE events SET hash = ?1 WHERE seq = 3", [&relinked.0[..]]).unwrap();
    assert_eq!(StoredNetwork::open(&path, &options()).unwrap_err().code(), "actor.id.duplicate");
}

#[test]
fn an_edited_row_that_keeps_the_rules_is_refused_by_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    StoredNetwork::open(&path, &options()).unwrap().execute_batch((1..=3).map(command_for).collect()).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE events SET line = replace(line, 'La Compagnie', 'La Compagnia') WHERE seq = 1", []).unwrap();
    let broken = StoredNetwork::open(&path, &options()).unwrap_err();
    assert_eq!((broken.code(), broken.to_string().contains("event 1")), ("journal.chain.broken", true));
    let store = Store::open(&path, &options()).unwrap();
    assert_eq!(store.export_jsonl().unwrap_err().code(), "journal.chain.broken");
    assert_eq!(store.verify().unwrap_err().code(), "journal.chain.broken");
    // A row removed from the middle.
    conn.execute("UPDATE events SET line = replace(line, 'La Compagnia', 'La Compagnie') WHERE seq = 1", []).unwrap();
    StoredNetwork::open(&path, &options()).unwrap();
    conn.execute("DELETE FROM events WHERE seq = 2", []).unwrap();
    assert_eq!(StoredNetwork::open(&path, &options()).unwrap_err().code(), "store.file.corrupt");
}

#[test]
fn a_keyed_store_opens_only_with_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.coop");
    let key = |k: &[u8]| StoreOptions { key: Some(coopetition::chain::ChainKey::new(k).unwrap()), ..options() };
    StoredNetwork::open(&path, &key(b"secret")).unwrap().execute(command_for(1)).unwrap();
    assert_eq!(StoredNetwork::open(&path, &options()).unwrap_err().code(), "store.key.required");
    assert_eq!(StoredNetwork::open(&path, &key(b"other")).unwrap_err().code(), "store.key.invalid");
    assert_eq!(*StoredNetwork::open(&path, &key(b"secret")).unwrap().read(), expected(1));
    // A store created with a key refuses a wrong one even before any event.
    let empty = dir.path().join("e.coop");
    drop(StoredNetwork::open(&empty, &key(b"secret")).unwrap());
    assert_eq!(StoredNetwork::open(&empty, &key(b"other")).unwrap_err().code(), "store.key.invalid");
    // And one written without a key refuses one.
    let plain = dir.path().join("p.coop");
    StoredNetwork::open(&plain, &options()).unwrap().execute(command_for(1)).unwrap();
    assert_eq!(StoredNetwork::open(&plain, &key(b"secret")).unwrap_err().code(), "store.key.invalid");
}

#[test]
fn commands_from_several_threads_all_land_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    let options = StoreOptions { synchronous: Synchronous::Normal, ..options() };
    let network = Arc::new(StoredNetwork::open(&path, &options).unwrap());
    network.execute(found()).unwrap();
    let (threads, each) = (4u64, 25u64);
    std::thread::scope(|s| {
        for t in 0..threads {
            let network = Arc::clone(&network);
            s.spawn(move || {
                for i in 0..each {
                    let held = network.read();
                    network.execute(register(1000 + t * each + i)).unwrap();
                    drop(held);
                }
            });
        }
    });
    let last = 1 + threads * each;
    assert_eq!(network.read().state().last_seq, last);
    assert_eq!(network.read().state().actors.len(), usize::try_from(last).unwrap());
    drop(network);
    let reopened = StoredNetwork::open(&path, &options).unwrap();
    assert_eq!(reopened.read().state().actors.len(), usize::try_from(last).unwrap());
    let seqs: Vec<u64> = reopened.read().journal().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=last).collect::<Vec<_>>());
}

#[test]
fn an_export_imports_into_a_new_store_with_the_same_network() {
    let dir = tempfile::tempdir().unwrap();
    let network = StoredNetwork::open(dir.path().join("a.coop"), &options()).unwrap();
    for seq in 1..=4 {
        network.execute(command_for(seq)).unwrap();
    }
    let exported = network.export_jsonl().unwrap();
    // The export is the core's own journal of the same events.
    assert_eq!(exported, expected(4).journal_jsonl());
    assert_eq!(network.verify().unwrap(), Network::replay_verified(&exported, None).unwrap().1);
    let imported = StoredNetwork::import(dir.path().join("b.coop"), &exported, &options()).unwrap();
    assert_eq!(*imported.read(), expected(4));
    imported.execute(command_for(5)).unwrap();
    drop(imported);
    // The file holds what the imported network held, and takes commands after it.
    assert_eq!(*StoredNetwork::open(dir.path().join("b.coop"), &options()).unwrap().read(), expected(5));
    // A second import into the same file is refused and changes nothing.
    let again = StoredNetwork::import(dir.path().join("b.coop"), &exported, &options()).unwrap_err();
    assert_eq!(again.code(), "store.file.not_empty");
    assert_eq!(Store::open(dir.path().join("b.coop"), &options()).unwrap().last_seq().unwrap(), 5);
}

#[test]
fn an_import_refuses_a_tampered_journal_and_creates_no_events() {
    let dir = tempfile::tempdir().unwrap();
    let exported = expected(3).journal_jsonl();
    let tampered = exported.replacen("La Compagnie", "La Compagnia", 1);
    assert_ne!(tampered, exported);
    let path = dir.path().join("t.coop");
    let refused = StoredNetwork::import(&path, &tampered, &options()).unwrap_err();
    assert_eq!(refused.code(), "journal.chain.broken");
    assert!(!path.exists() || Store::open(&path, &options()).unwrap().last_seq().unwrap() == 0);
}

#[test]
fn a_keyed_export_needs_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = coopetition::chain::ChainKey::new(b"secret").unwrap();
    let keyed = StoreOptions { key: Some(key.clone()), ..options() };
    let network = StoredNetwork::open(dir.path().join("k.coop"), &keyed).unwrap();
    network.execute(command_for(1)).unwrap();
    let exported = network.export_jsonl().unwrap();
    assert_eq!(exported, expected(1).journal_jsonl_keyed(&key));
    assert_eq!(Network::replay(&exported).unwrap_err().code(), "store.key.required");
    let refused = StoredNetwork::import(dir.path().join("l.coop"), &exported, &options()).unwrap_err();
    assert_eq!(refused.code(), "store.key.required");
    assert_eq!(*StoredNetwork::import(dir.path().join("m.coop"), &exported, &keyed).unwrap().read(), expected(1));
}

#[test]
fn a_closed_store_refuses_commands_and_keeps_the_last_state_readable() {
    let dir = tempfile::tempdir().unwrap();
    let network = StoredNetwork::open(dir.path().join("c.coop"), &options()).unwrap();
    network.execute(command_for(1)).unwrap();
    network.close();
    network.close();
    assert!(network.is_closed());
    assert_eq!(network.execute(command_for(2)).unwrap_err().code(), "store.file.closed");
    assert_eq!(network.check(&command_for(2)).unwrap_err().code(), "store.file.closed");
    assert_eq!(network.reload().unwrap_err().code(), "store.file.closed");
    assert_eq!(network.export_jsonl().unwrap_err().code(), "store.file.closed");
    assert_eq!(*network.read(), expected(1));
}
