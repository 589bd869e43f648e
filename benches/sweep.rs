//! Sweeps over 1,000,000 missions: 1,000 flat-rate variants (0.01 % to
//! 10 %) and 1,000 guide variants (one situation's rate, 0.01 % to 10 %),
//! on every core the process may use. Targets: under 5 s and 10 s. And the
//! flat rate whose total equals the guide's, to 0.01 percentage point, over
//! the same missions: under 1 s. And 1,000 variants of one situation's
//! in-kind rate (0.01 % to 10 %; each a pass for the money due and one for
//! the in-kind credit), for the record.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use coopetition::policy::batch::{BuiltinPolicy, MissionTable};
use coopetition::policy::solve::{solve_columns, Knob, Target};
use coopetition::policy::sweep::{sweep_columns, Setting};
use coopetition::policy::Parameters;
use coopetition::threads::Threads;
use criterion::{criterion_group, criterion_main, Criterion};
use rust_decimal::Decimal;

#[path = "../core/tests/support/portfolio.rs"]
mod support;
use support::portfolio;

fn bench(c: &mut Criterion) {
    let table = MissionTable::from_facts(&portfolio(1_000_000, 300, 7)).unwrap();
    let cols = table.columns();
    let rates = (1..=1_000).map(|i| Decimal::new(i, 4));
    let flat: Vec<Vec<Setting>> = rates.clone().map(|r| vec![Setting::FlatRate(r)]).collect();
    let guide: Vec<Vec<Setting>> =
        rates.clone().map(|r| vec![Setting::SituationRate { situation: "network_referral".into(), rate: r }]).collect();
    let in_kind: Vec<Vec<Setting>> =
        rates.map(|r| vec![Setting::InKindRate { situation: "steward_workstream".into(), rate: r }]).collect();
    let threads = Threads::for_engine();
    let mut g = c.benchmark_group("sweep");
    g.sample_size(10);
    g.bench_function("flat_1000_variants_1m_missions", |b| {
        b.iter(|| sweep_columns(&cols, &BuiltinPolicy::Flat, Parameters::shipped(), &flat, threads).unwrap())
    });
    g.bench_function("guide_1000_variants_1m_missions", |b| {
        b.iter(|| sweep_columns(&cols, &BuiltinPolicy::Guide, Parameters::shipped(), &guide, threads).unwrap())
    });
    g.bench_function("in_kind_1000_variants_1m_missions", |b| {
        b.iter(|| sweep_columns(&cols, &BuiltinPolicy::Guide, Parameters::shipped(), &in_kind, threads).unwrap())
    });
    let guide_total = Target::PolicyTotal(BuiltinPolicy::Guide);
    let precision = Decimal::new(1, 4);
    g.bench_function("solve_flat_rate_to_the_guide_total_1m_missions", |b| {
        b.iter(|| solve_columns(&cols, Parameters::shipped(), Knob::FlatRate, &guide_total, precision).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
