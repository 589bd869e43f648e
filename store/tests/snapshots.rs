//! Snapshots in a store: opening a store rebuilds its network from the
//! latest snapshot and replays only the events after it; a snapshot that
//! fails its digest, its invariants or its place in the chain is refused
//! with a typed error, never skipped, and the store is left as it was.
//! Expected digests are computed here from the format's definition.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{command_for, expected};
use coopetition::chain::{ChainKey, Verification};
use coopetition_store::{Store, StoreOptions, StoredNetwork};
use hmac::{Hmac, Mac};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::path::Path;

fn options() -> StoreOptions {
    StoreOptions::default()
}

fn keyed(key: &[u8]) -> StoreOptions {
    StoreOptions { key: Some(ChainKey::new(key).unwrap()), ..options() }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A snapshot's digest by its definition: SHA-256 (HMAC-SHA256 with a key) of
/// `coopetition-snapshot/2\n{chain}\n{seq}\n{hash}\n{state}`.
fn digest(seq: u64, hash: &[u8], state: &[u8], key: Option<&[u8]>) -> Vec<u8> {
    let chain = if key.is_some() { "hmac-sha256" } else { "sha256" };
    let mut input = format!("coopetition-snapshot/2\n{chain}\n{seq}\n{}\n", hex(hash)).into_bytes();
    input.extend_from_slice(state);
    match key {
        None => Sha256::digest(&input).to_vec(),
        Some(key) => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
            mac.update(&input);
            mac.finalize().into_bytes().to_vec()
        }
    }
}

/// A store of `events` events (founding, then registrations) with a snapshot at `at`.
fn store_with_snapshot(path: &Path, options: &StoreOptions, at: u64, events: u64) {
    let network = StoredNetwork::open(path, options).unwrap();
    network.execute_batch((1..=at).map(command_for).collect()).unwrap();
    assert_eq!(network.snapshot().unwrap(), at);
    network.execute_batch((at + 1..=events).map(command_for).collect()).unwrap();
}

type Row = (i64, Vec<u8>, Vec<u8>, Vec<u8>);

fn snapshot_row(conn: &Connection) -> Row {
    conn.query_row("SELECT seq, state, hash, digest FROM snapshots ORDER BY seq DESC LIMIT 1", [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
    .unwrap()
}

fn event_hash(conn: &Connection, seq: i64) -> Vec<u8> {
    conn.query_row("SELECT hash FROM events WHERE seq = ?1", [seq], |r| r.get(0)).unwrap()
}

/// `bytes` with the one occurrence of `from` replaced by `to`.
fn replace(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i..].starts_with(from)).collect();
    assert_eq!(at.len(), 1, "one occurrence of {from:?}");
    [&bytes[..at[0]], to, &bytes[at[0] + from.len()..]].concat()
}

/// A binary state with the founder's display name changed: a string is
/// its length, then its bytes.
fn renamed(state: &[u8]) -> Vec<u8> {
    replace(state, b"\x05Alice", b"\x06Alicia")
}

#[test]
fn a_store_opens_from_its_latest_snapshot_and_replays_only_the_events_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    store_with_snapshot(&path, &options(), 5, 8);
    let conn = Connection::open(&path).unwrap();
    let (seq, state, hash, stored_digest) = snapshot_row(&conn);
    assert_eq!(seq, 5);
    assert_eq!(hash, event_hash(&conn, 5));
    assert_eq!(stored_digest, digest(5, &hash, &state, None));
    // The state in the compact binary encoding, this build's version.
    assert!(state.starts_with(b"coop-state"));
    assert_eq!(state.get(b"coop-state".len()), Some(&coopetition::state_codec::STATE_ENCODING_VERSION));
    assert_eq!(&coopetition::state_codec::decode_state(&state).unwrap(), expected(5).state());

    let reopened = StoredNetwork::open(&path, &options()).unwrap();
    assert_eq!(reopened.read().state(), expected(8).state());
    let replayed: Vec<u64> = reopened.read().journal().iter().map(|e| e.seq).collect();
    assert_eq!(replayed, vec![6, 7, 8]);
    // The events stay: the export is the whole journal.
    assert_eq!(reopened.export_jsonl().unwrap(), expected(8).journal_jsonl());
    // Life goes on; the latest snapshot is the one opened from.
    reopened.execute(command_for(9)).unwrap();
    assert_eq!(reopened.snapshot().unwrap(), 9);
    reopened.execute(command_for(10)).unwrap();
    drop(reopened);
    let again = StoredNetwork::open(&path, &options()).unwrap();
    assert_eq!(again.read().state(), expected(10).state());
    assert_eq!(again.read().journal().len(), 1);
    assert_eq!(again.verify().unwrap(), Verification::Sha256 { head: expected(10).chain_head(None).unwrap().hash });
}

#[test]
fn an_edited_snapshot_is_refused_and_the_store_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    store_with_snapshot(&path, &options(), 5, 8);
    let conn = Connection::open(&path).unwrap();
    let (_, state, hash, _) = snapshot_row(&conn);
    let set_state = |state: &[u8], digest: Option<&[u8]>| {
        conn.execute("UPDATE snapshots SET state = ?1 WHERE seq = 5", [state]).unwrap();
        if let Some(digest) = digest {
            conn.execute("UPDATE snapshots SET digest = ?1 WHERE seq = 5", [digest]).unwrap();
        }
    };
    // A display name changed: the digest refuses it.
    let renamed = renamed(&state);
    set_state(&renamed, None);
    let before = snapshot_row(&conn);
    let err = StoredNetwork::open(&path, &options()).unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.digest", "{err}");
    // Checking the whole store checks its snapshot too.
    assert_eq!(Store::open(&path, &options()).unwrap().verify().unwrap_err().code(), "journal.snapshot.digest");
    // Nothing was written: the snapshot is as it was, the events all there.
    assert_eq!(snapshot_row(&conn), before);
    assert_eq!(Store::open(&path, &options()).unwrap().last_seq().unwrap(), 8);
    // With its digest recomputed (anyone can without a key), a consistent edit loads…
    set_state(&renamed, Some(&digest(5, &hash, &renamed, None)));
    let opened = StoredNetwork::open(&path, &options()).unwrap();
    assert_eq!(opened.read().actor(&common::alice()).unwrap().display_name, "Alicia");
    // …and is caught by checking the store, which replays the events up to
    // the snapshot and compares.
    let err = Store::open(&path, &options()).unwrap().verify().unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.inconsistent", "{err}");
    assert!(err.to_string().contains("a snapshot holds the state its events rebuild (`5`)"), "{err}");
    // …but not one that breaks a rule: the founder demoted without a decision.
    let demoted = replace(&state, b"\x05Alice\x02", b"\x05Alice\x00");
    set_state(&demoted, Some(&digest(5, &hash, &demoted, None)));
    let err = StoredNetwork::open(&path, &options()).unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.inconsistent", "{err}");
    assert_eq!(Store::open(&path, &options()).unwrap().verify().unwrap_err().code(), "journal.snapshot.inconsistent");
}

#[test]
fn a_snapshot_off_its_chain_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    store_with_snapshot(&path, &options(), 5, 8);
    let conn = Connection::open(&path).unwrap();
    let (_, state, _, _) = snapshot_row(&conn);
    // Its hash moved to event 4's link, its digest recomputed to match.
    let other = event_hash(&conn, 4);
    conn.execute(
        "UPDATE snapshots SET hash = ?1, digest = ?2 WHERE seq = 5",
        [other.clone(), digest(5, &other, &state, None)],
    )
    .unwrap();
    let err = StoredNetwork::open(&path, &options()).unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.continuation", "{err}");
    // Its hash kept but its digest not recomputed.
    conn.execute("UPDATE snapshots SET hash = ?1 WHERE seq = 5", [event_hash(&conn, 5)]).unwrap();
    assert_eq!(StoredNetwork::open(&path, &options()).unwrap_err().code(), "journal.snapshot.digest");
    conn.execute("UPDATE snapshots SET digest = ?1 WHERE seq = 5", [digest(5, &event_hash(&conn, 5), &state, None)])
        .unwrap();
    StoredNetwork::open(&path, &options()).unwrap();
    // An event after the snapshot edited: its link from the snapshot's hash fails.
    conn.execute("UPDATE events SET line = replace(line, '\"P\"', '\"Q\"') WHERE seq = 6", []).unwrap();
    assert_eq!(StoredNetwork::open(&path, &options()).unwrap_err().code(), "journal.chain.broken");
    conn.execute("UPDATE events SET line = replace(line, '\"Q\"', '\"P\"') WHERE seq = 6", []).unwrap();
    // An event before it is not read on opening; the store's check finds it.
    conn.execute("UPDATE events SET line = replace(line, '\"P\"', '\"Q\"') WHERE seq = 3", []).unwrap();
    let opened = StoredNetwork::open(&path, &options()).unwrap();
    assert_eq!(opened.verify().unwrap_err().code(), "journal.chain.broken");
}

#[test]
fn a_keyed_store_keeps_keyed_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.coop");
    store_with_snapshot(&path, &keyed(b"secret"), 5, 8);
    let conn = Connection::open(&path).unwrap();
    let (_, state, hash, stored_digest) = snapshot_row(&conn);
    assert_eq!(stored_digest, digest(5, &hash, &state, Some(b"secret")));
    let opened = StoredNetwork::open(&path, &keyed(b"secret")).unwrap();
    assert_eq!(opened.read().state(), expected(8).state());
    assert_eq!(opened.read().journal().len(), 3);
    drop(opened);
    assert_eq!(StoredNetwork::open(&path, &options()).unwrap_err().code(), "store.key.required");
    assert_eq!(StoredNetwork::open(&path, &keyed(b"other")).unwrap_err().code(), "store.key.invalid");
    // An edit whose digest is recomputed without the key is refused.
    let edited = renamed(&state);
    for forged in [digest(5, &hash, &edited, None), digest(5, &hash, &edited, Some(b"a guess"))] {
        conn.execute("UPDATE snapshots SET state = ?1, digest = ?2 WHERE seq = 5", [&edited[..], &forged[..]]).unwrap();
        let err = StoredNetwork::open(&path, &keyed(b"secret")).unwrap_err();
        assert_eq!(err.code(), "journal.snapshot.digest", "{err}");
    }
}

#[test]
fn a_read_only_store_takes_no_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    StoredNetwork::open(&path, &options()).unwrap().execute(command_for(1)).unwrap();
    let read_only = StoredNetwork::open(&path, &StoreOptions { read_only: true, ..options() }).unwrap();
    assert_eq!(read_only.snapshot().unwrap_err().code(), "store.file.read_only");
    let conn = Connection::open(&path).unwrap();
    let count: i64 = conn.query_row("SELECT COUNT(*) FROM snapshots", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 0);
}

#[test]
fn a_binary_state_that_does_not_read_is_refused_by_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.coop");
    store_with_snapshot(&path, &options(), 5, 8);
    let conn = Connection::open(&path).unwrap();
    let (_, state, hash, _) = snapshot_row(&conn);
    // Cut short, its digest recomputed: the digest holds, the reading refuses.
    let cut = &state[..state.len() - 1];
    conn.execute("UPDATE snapshots SET state = ?1, digest = ?2 WHERE seq = 5", [cut, &digest(5, &hash, cut, None)])
        .unwrap();
    let err = StoredNetwork::open(&path, &options()).unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.encoding", "{err}");
    assert!(err.to_string().contains("cut short"), "{err}");
    // Another encoding version is named before any digest is checked.
    let mut newer = state.clone();
    newer[b"coop-state".len()] = 9;
    conn.execute("UPDATE snapshots SET state = ?1 WHERE seq = 5", [&newer]).unwrap();
    let err = StoredNetwork::open(&path, &options()).unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.encoding", "{err}");
    let this = coopetition::state_codec::STATE_ENCODING_VERSION;
    let oldest = coopetition::state_codec::STATE_ENCODING_OLDEST;
    assert!(
        err.to_string().contains(&format!("encoding version 9; this build reads versions {oldest} to {this}")),
        "{err}"
    );
    // An older encoding, written by an earlier build, is passed over: the
    // store opens by replaying all its events, and verifies.
    let mut older = state.clone();
    older[b"coop-state".len()] = this - 1;
    conn.execute("UPDATE snapshots SET state = ?1 WHERE seq = 5", [&older]).unwrap();
    let opened = StoredNetwork::open(&path, &options()).unwrap();
    assert_eq!(opened.read().state(), expected(8).state());
    assert_eq!(opened.read().journal().len(), 8, "every event replayed");
    assert!(Store::open(&path, &options()).unwrap().verify().is_ok());
    // Its next snapshot is written in this build's encoding.
    assert_eq!(opened.snapshot().unwrap(), 8);
    drop(opened);
    assert_eq!(StoredNetwork::open(&path, &options()).unwrap().read().journal().len(), 0);
}

#[test]
fn a_store_of_schema_version_1_keeps_its_json_snapshot_readable_until_the_next_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.coop");
    store_with_snapshot(&path, &options(), 5, 8);
    let conn = Connection::open(&path).unwrap();
    // The snapshot as a store of version 1 kept it: the state as JSON, keys sorted.
    let (_, _, hash, _) = snapshot_row(&conn);
    let json = expected(5).state_json();
    assert!(json.starts_with("{\"actors\":"));
    let json_digest = digest(5, &hash, json.as_bytes(), None);
    conn.execute("UPDATE snapshots SET state = ?1, digest = ?2 WHERE seq = 5", [json.as_bytes(), &json_digest[..]])
        .unwrap();
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'", []).unwrap();
    let version = |conn: &Connection| -> String {
        conn.query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| r.get(0)).unwrap()
    };
    let opened = StoredNetwork::open(&path, &options()).unwrap();
    assert_eq!(opened.read().state(), expected(8).state());
    assert_eq!(opened.read().journal().len(), 3, "opened from the JSON snapshot");
    assert_eq!(version(&conn), "1", "reading changes nothing");
    // An edited JSON state is still refused by its digest.
    let edited = json.replace("\"display_name\":\"Alice\"", "\"display_name\":\"Alicia\"");
    conn.execute("UPDATE snapshots SET state = ?1 WHERE seq = 5", [edited.as_bytes()]).unwrap();
    assert_eq!(StoredNetwork::open(&path, &options()).unwrap_err().code(), "journal.snapshot.digest");
    conn.execute("UPDATE snapshots SET state = ?1 WHERE seq = 5", [json.as_bytes()]).unwrap();
    // The next snapshot is binary, and raises the store to version 2.
    assert_eq!(opened.snapshot().unwrap(), 8);
    assert_eq!(version(&conn), "2");
    let (seq, state, _, _) = snapshot_row(&conn);
    assert_eq!(seq, 8);
    assert!(state.starts_with(b"coop-state"));
    drop(opened);
    assert_eq!(StoredNetwork::open(&path, &options()).unwrap().read().state(), expected(8).state());
}
