//! Appending commands to a store with synchronous FULL: one command per
//! transaction (target: at least 2,000 commands/s) and batched, 1,000
//! commands per transaction (target: at least 50,000 commands/s).
//!
//! Each sample writes to a fresh store; the commands register new providers,
//! so every command runs the core's checks and grows the state.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use coopetition::prelude::*;
use coopetition_store::{StoreOptions, StoredNetwork};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::{Duration, Instant};

const BATCH: u64 = 1_000;

fn alice() -> ActorId {
    ActorId::new("alice").unwrap()
}

fn register(n: u64) -> Command {
    let actor = Actor::new(ActorId::new(format!("p{n}")).unwrap(), ActorKind::Provider, "P", false).unwrap();
    Command::new(&alice(), date(2020, 2, 1).unwrap(), Action::RegisterActor { actor })
}

/// A founded network in a fresh store (FULL, the default).
fn founded(dir: &tempfile::TempDir) -> StoredNetwork {
    let network = StoredNetwork::open(dir.path().join("bench.coop"), &StoreOptions::default()).unwrap();
    let founder = Actor {
        level: InvolvementLevel::Steward,
        ..Actor::new(alice(), ActorKind::Association, "Alice", true).unwrap()
    };
    network
        .execute(Command::new(
            &alice(),
            date(2020, 1, 6).unwrap(),
            Action::FoundNetwork { settings: NetworkSettings::two_tier("La Compagnie"), founders: vec![founder] },
        ))
        .unwrap();
    network
}

fn append(c: &mut Criterion) {
    let mut group = c.benchmark_group("store_append_full");
    group.throughput(Throughput::Elements(1));
    group.bench_function("one_per_transaction", |b| {
        b.iter_custom(|iters| {
            let dir = tempfile::tempdir().unwrap();
            let network = founded(&dir);
            let start = Instant::now();
            for n in 0..iters {
                network.execute(register(n)).unwrap();
            }
            start.elapsed()
        });
    });
    group.throughput(Throughput::Elements(BATCH));
    group.bench_function("batched_1000_per_transaction", |b| {
        b.iter_custom(|iters| {
            let dir = tempfile::tempdir().unwrap();
            let network = founded(&dir);
            let mut elapsed = Duration::ZERO;
            for batch in 0..iters {
                let commands = (batch * BATCH..(batch + 1) * BATCH).map(register).collect();
                let start = Instant::now();
                network.execute_batch(commands).unwrap();
                elapsed += start.elapsed();
            }
            elapsed
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = append
}
criterion_main!(benches);
