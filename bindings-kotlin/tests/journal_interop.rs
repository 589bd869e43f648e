#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Journals written by the other languages replay with the Rust core.
//!
//! `tests/fixtures/kotlin_journal.jsonl` is written by the Kotlin test
//! `JournalInteropTest` through the bindings (which checks it still writes
//! exactly this); `tests/fixtures/sample_journal.jsonl` is written by the
//! Rust example `sample_network` and replayed by Kotlin.

use coopetition::ids::{ActorId, MissionId};
use coopetition::mission::MissionStatus;
use coopetition::network::Network;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("fixtures").join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn id(raw: &str) -> ActorId {
    ActorId::new(raw).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_journal_written_by_kotlin_replays_in_rust() {
    let journal = fixture("kotlin_journal.jsonl");
    let network = Network::replay(&journal).unwrap_or_else(|e| panic!("{} ({e})", e.code()));
    assert_eq!(network.journal_jsonl(), journal, "written back differently");
    let mission =
        network.mission(&MissionId::new("m-1").unwrap_or_else(|e| panic!("{e}"))).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mission.status, MissionStatus::Completed);
    assert_eq!(mission.provider, id("paul"));
    assert!(network.is_member(&id("paul")));
    assert_eq!(network.state().payments.len(), 1);
    assert_eq!(network.state().deliveries.len(), 1);
    assert_eq!(network.state().donations.len(), 1);
    assert!(!network.actor(&id("alice")).unwrap_or_else(|e| panic!("{e}")).public_listing);
    // A snapshot of the replayed state loads back to the same state.
    let restored = Network::from_snapshot_json(&network.snapshot_json()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(restored.state(), network.state());
}

#[test]
fn the_rust_sample_journal_still_replays() {
    let journal = fixture("sample_journal.jsonl");
    let network = Network::replay(&journal).unwrap_or_else(|e| panic!("{} ({e})", e.code()));
    assert_eq!(network.journal().len(), 45);
    assert_eq!(network.journal_jsonl(), journal);
}
