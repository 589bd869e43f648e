//! Merging comparison summaries, as a cluster's reduction does: 1,000
//! partition summaries of the four policies merged into one.
//!
//! - `merge_1000_partitions_of_1000`: 1,000,000 missions in all, every rate
//!   kept (the merged figures are exact);
//! - `merge_1000_partitions_of_10000`: 10,000,000 missions in all, beyond
//!   the exact limit: the rates merge as histograms (each partition's kept
//!   rates are cut into buckets first).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::compare::{compare_summary, Summary};
use coopetition::policy::{BehaviourModel, ContributionPolicy, MissionFacts, Parameters};
use coopetition::prelude::*;
use criterion::{criterion_group, criterion_main, Criterion};

fn missions(n: usize, seed: u64) -> Vec<MissionFacts> {
    let mut x = seed;
    let mut next = move |m: u64| {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) % m
    };
    (0..n)
        .map(|i| {
            let revenue = 20_000 + next(5_000_000) as i64;
            let won_on = date(2020, 1, 1).unwrap() + chrono::Duration::days(next(2_000) as i64);
            let provider = ActorId::new(format!("p{}", (i as u64 * 7 + next(300)) % 300)).unwrap();
            let mut m =
                MissionFacts::new(provider, Money::from_cents(revenue), won_on, LeadOrigin::ALL[next(5) as usize]);
            m.partners = next(4) as u32;
            m.declared = (next(10) < 7).then(|| Money::from_cents(revenue / 1000 * (20 + next(50) as i64)));
            m
        })
        .collect()
}

fn partitions(size: usize, distinct: usize) -> Vec<Summary> {
    let policies = [
        BuiltinPolicy::Flat,
        BuiltinPolicy::Guide,
        BuiltinPolicy::SelfAssessed(Some(BehaviourModel::default())),
        BuiltinPolicy::Negotiated(Some(BehaviourModel::default())),
    ];
    let refs: Vec<&dyn ContributionPolicy> = policies.iter().map(|p| p as &dyn ContributionPolicy).collect();
    let made: Vec<Summary> = (0..distinct)
        .map(|s| compare_summary(&missions(size, s as u64), &refs, Parameters::shipped()).unwrap())
        .collect();
    (0..1_000).map(|i| made[i % distinct].clone()).collect()
}

fn bench(c: &mut Criterion) {
    let small = partitions(1_000, 1_000);
    let large = partitions(10_000, 20);
    let mut g = c.benchmark_group("summaries");
    g.sample_size(10);
    g.bench_function("merge_1000_partitions_of_1000", |b| b.iter(|| Summary::merge(&small).unwrap()));
    g.bench_function("merge_1000_partitions_of_10000", |b| b.iter(|| Summary::merge(&large).unwrap()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
