//! Replaying a journal of 1,000,000 events with its hash chain verified
//! (target: under 3 s), against the same events without a chain (schema 1),
//! and the chain's hashing alone (target: at most 20% of a replay). The
//! one-shot timings printed first add the reading alone (a replay reads on a
//! second thread while it applies, so it takes about the longer of the two).
//!
//! The network is built once through `Network::execute`: the sample
//! network's mix scaled up to about 10,000 members and 100,000 missions
//! (`scaled_network.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use coopetition::chain::link_line;
use coopetition::journal::{genesis, read_journal, ChainHash};
use coopetition::prelude::*;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Instant;

#[path = "scaled_network.rs"]
mod scaled_network;

use scaled_network::network_of;

const EVENTS: usize = 1_000_000;

/// The journal as schema 1 wrote it: no chain to verify.
fn unchained(journal: &str) -> String {
    let mut lines = journal.lines();
    lines.next();
    let mut out = String::from("{\"format\":\"coopetition-journal\",\"schema_version\":1}\n");
    for line in lines {
        let at = line.rfind(",\"hash\":\"").unwrap();
        out.push_str(&line[..at]);
        out.push_str("}\n");
    }
    out
}

/// The chain's hashing alone, over the lines of a schema-1 journal.
fn hash_chain(header: &str, plain: &str) -> ChainHash {
    let mut head = genesis(header, None);
    for line in plain.lines().skip(1) {
        head = link_line(&head, line, None);
    }
    head
}

fn bench(c: &mut Criterion) {
    let started = Instant::now();
    let network = network_of(EVENTS);
    let journal = network.journal_jsonl();
    let plain = unchained(&journal);
    let header = journal.lines().next().unwrap().to_owned();
    eprintln!(
        "built {} events ({} actors, {} missions, {} MB of journal) in {:.1?}",
        network.journal().len(),
        network.state().actors.len(),
        network.state().missions.len(),
        journal.len() / 1_000_000,
        started.elapsed()
    );
    for (what, text) in [("chained", &journal), ("schema 1", &plain)] {
        let at = Instant::now();
        let replayed = Network::replay(text).unwrap();
        eprintln!("one replay, {what}: {:.2?} ({} events)", at.elapsed(), replayed.journal().len());
    }
    for (what, text) in [("chained", &journal), ("schema 1", &plain)] {
        let at = Instant::now();
        let events = read_journal(text).unwrap();
        eprintln!("reading alone, {what} (not applied): {:.2?} ({} events)", at.elapsed(), events.len());
    }
    let at = Instant::now();
    black_box(hash_chain(&header, &plain));
    eprintln!("the chain's hashing alone: {:.2?}", at.elapsed());

    let mut group = c.benchmark_group("journal");
    group.sample_size(10);
    group.bench_function("replay_1m_events_chain_verified", |b| {
        b.iter_with_large_drop(|| Network::replay(black_box(&journal)).unwrap());
    });
    group.bench_function("replay_1m_events_schema_1_unverified", |b| {
        b.iter_with_large_drop(|| Network::replay(black_box(&plain)).unwrap());
    });
    group.bench_function("hash_chain_1m_events", |b| {
        b.iter(|| black_box(hash_chain(&header, black_box(&plain))));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
