#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The compatibility promise: every journal, snapshot and encoded state an
//! earlier version wrote is read by this one, to the same network. Each
//! fixture of `tests/fixtures/` was written by the version it is named after
//! (the version-3 state by the build before the fiscal year, commit 95739f3),
//! and is never regenerated: a reader that stops reading one fails here.

use coopetition::journal::{SCHEMA_VERSION, SNAPSHOT_SCHEMA_VERSION};
use coopetition::ledger::network_year;
use coopetition::network::Network;
use coopetition::policy::{FlatRate, Parameters};
use coopetition::state_codec::{decode_state, encoded_version, STATE_ENCODING_OLDEST, STATE_ENCODING_VERSION};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}

/// The network every fixture holds, from the current journal.
fn sample() -> Network {
    Network::replay(&text("sample_journal.jsonl")).unwrap()
}

#[test]
fn every_journal_version_replays_to_the_same_network() {
    assert_eq!(SCHEMA_VERSION, 2, "a new journal version needs its fixture here");
    let sample = sample();
    for name in ["sample_journal_v1.jsonl", "sample_journal.jsonl"] {
        let network = Network::replay(&text(name)).unwrap();
        assert_eq!(network.state(), sample.state(), "{name}");
    }
}

#[test]
fn every_snapshot_version_loads_the_same_network() {
    assert_eq!(SNAPSHOT_SCHEMA_VERSION, 2, "a new snapshot version needs its fixture here");
    let sample = sample();
    for name in ["sample_snapshot_v1.json", "sample_snapshot.json"] {
        let network = Network::from_snapshot_json(&text(name)).unwrap();
        assert_eq!(network.state(), sample.state(), "{name}");
    }
}

#[test]
fn every_state_encoding_version_decodes_to_the_same_state() {
    assert_eq!((STATE_ENCODING_OLDEST, STATE_ENCODING_VERSION), (3, 4), "a new encoding needs its fixture here");
    let sample = sample();
    let v3 = fixture("sample_state_v3.bin");
    assert_eq!(encoded_version(&v3), Some(3));
    let state = decode_state(&v3).unwrap();
    assert_eq!(&state, sample.state());
    // And what it decodes to gives the same answers: the calendar year.
    let network = Network::from_state(state).unwrap();
    let year = network.fiscal_year(2020).unwrap();
    assert!(year.is_calendar_year());
    let (a, b) = (&network, &sample);
    let params = Parameters::shipped();
    assert_eq!(network_year(a, 2020, &FlatRate, params).unwrap(), network_year(b, 2020, &FlatRate, params).unwrap());
    // This version writes version 4, which it reads back.
    let v4 = sample.state_bytes();
    assert_eq!(encoded_version(&v4), Some(4));
    assert_eq!(&decode_state(&v4).unwrap(), sample.state());
}
