//! The journal and snapshot fixtures shared with the Python and Kotlin suites
//! are current: the journal replays to the snapshot, and writes back identically.
//! Regenerate them with `make fixtures` when the state's shape changes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::network::Network;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn sample_journal_replays_to_sample_snapshot() {
    let journal = fixture("sample_journal.jsonl");
    let replayed = Network::replay(&journal).unwrap();
    let snapshot = Network::from_snapshot_json(&fixture("sample_snapshot.json")).unwrap();
    assert_eq!(replayed.state(), snapshot.state(), "fixtures are stale: run `make fixtures`");
    assert_eq!(replayed.journal_jsonl(), journal);
}
