//! Replaying a journal of 1,000,000 events with its hash chain verified
//! (target: under 3 s), against the same events without a chain (schema 1),
//! and the chain's hashing alone (target: at most 20% of a replay).
//!
//! The network is built once through `Network::execute`: 5,000 providers
//! (registration, contract, charter, validation) and missions of five steps
//! until the journal holds a million events.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use coopetition::chain::link_line;
use coopetition::journal::{genesis, ChainHash};
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
        "built {} events ({} MB of journal) in {:.1?}",
        network.journal().len(),
        journal.len() / 1_000_000,
        started.elapsed()
    );
    for (what, text) in [("chained", &journal), ("schema 1", &plain)] {
        let at = Instant::now();
        let replayed = Network::replay(text).unwrap();
        eprintln!("one replay, {what}: {:.2?} ({} events)", at.elapsed(), replayed.journal().len());
    }
    let at = Instant::now();
    black_box(hash_chain(&header, &plain));
    eprintln!("the chain's hashing alone: {:.2?}", at.elapsed());

    let mut group = c.benchmark_group("journal");
    group.sample_size(10);
    group.bench_function("replay_1m_events_chain_verified", |b| {
        b.iter(|| black_box(Network::replay(black_box(&journal)).unwrap()));
    });
    group.bench_function("replay_1m_events_schema_1_unverified", |b| {
        b.iter(|| black_box(Network::replay(black_box(&plain)).unwrap()));
    });
    group.bench_function("hash_chain_1m_events", |b| {
        b.iter(|| black_box(hash_chain(&header, black_box(&plain))));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
