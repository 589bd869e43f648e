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
use coopetition::policy::{BehaviourModel, ContributionPolicy, Parameters};
use criterion::{criterion_group, criterion_main, Criterion};

#[path = "../core/tests/support/portfolio.rs"]
mod support;
use support::portfolio;

fn partitions(size: usize, distinct: usize) -> Vec<Summary> {
    let policies = [
        BuiltinPolicy::Flat,
        BuiltinPolicy::Guide,
        BuiltinPolicy::SelfAssessed(Some(BehaviourModel::default())),
        BuiltinPolicy::Negotiated(Some(BehaviourModel::default())),
    ];
    let refs: Vec<&dyn ContributionPolicy> = policies.iter().map(|p| p as &dyn ContributionPolicy).collect();
    let made: Vec<Summary> = (0..distinct)
        .map(|s| compare_summary(&portfolio(size, 300, s as u64), &refs, Parameters::shipped()).unwrap())
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
