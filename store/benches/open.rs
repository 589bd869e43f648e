//! Opening a store of 1,000,000 events (the scaled network's mix) with a
//! snapshot at event 990,000: the snapshot's digest verified, its binary
//! state read and checked, then the 10,000 events after it read, their links verified
//! and replayed (target: under 500 ms in release).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

#[path = "../../benches/scaled_network.rs"]
mod scaled_network;

use coopetition::chain::ChainHash;
use coopetition::network::Command;
use coopetition_store::{StoreOptions, StoredNetwork};
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::{Duration, Instant};

const EVENTS: usize = 1_000_000;
const SNAPSHOT_AT: usize = 990_000;

fn open(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scaled.coop");
    let options = StoreOptions::default();
    let start = Instant::now();
    let network = scaled_network::network_of(EVENTS);
    let events = network.journal();
    let head = coopetition::journal::write_journal(&events[..SNAPSHOT_AT]);
    let stored = StoredNetwork::import(&path, &head, &options).unwrap();
    assert_eq!(stored.snapshot().unwrap(), SNAPSHOT_AT as u64);
    let rest: Vec<Command> =
        events[SNAPSHOT_AT..].iter().map(|e| Command::new(&e.by, e.on, e.action.clone())).collect();
    stored.execute_batch(rest).unwrap();
    drop(stored);
    eprintln!("store of {EVENTS} events, snapshot at {SNAPSHOT_AT}, built in {:.1?}", start.elapsed());
    // Where the time goes: the snapshot's state alone (digest, reading,
    // invariants), in the binary encoding the store keeps and in JSON.
    let position = coopetition::chain::ChainPosition { seq: network.state().last_seq, hash: ChainHash([0; 32]) };
    let bytes = network.state_bytes();
    let digest = coopetition::snapshot_file::snapshot_digest_of(&position, &bytes, None);
    let start = Instant::now();
    let rebuilt = coopetition::network::Network::from_state_bytes(&bytes, &position, &digest, None).unwrap();
    eprintln!("the binary state alone ({} bytes): {:.1?} (digest, reading, invariants)", bytes.len(), start.elapsed());
    drop(rebuilt);
    let state = network.state_json();
    let digest = coopetition::snapshot_file::snapshot_digest(&position, &state, None);
    let start = Instant::now();
    let rebuilt = coopetition::network::Network::from_state_json(&state, &position, &digest, None).unwrap();
    eprintln!("the JSON state alone ({} bytes): {:.1?} (digest, reading, invariants)", state.len(), start.elapsed());
    drop(rebuilt);
    let opened = StoredNetwork::open(&path, &options).unwrap();
    assert_eq!(opened.read().state(), network.state());
    assert_eq!(opened.read().journal().len(), EVENTS - SNAPSHOT_AT);
    drop(opened);

    let mut group = c.benchmark_group("store_open");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("1m_events_snapshot_at_990k", |b| {
        b.iter(|| StoredNetwork::open(&path, &options).unwrap());
    });
    group.finish();
}

criterion_group!(benches, open);
criterion_main!(benches);
