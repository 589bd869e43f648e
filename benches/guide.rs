//! Loading a guide of many situations without a default: the overlap and
//! coverage checks. `GUIDE_SITUATIONS` (default 1,000, the cap) sets the size.
//!
//! The guide is the hard case for the coverage check: partners = i alone
//! (i < n/2) or ≥ n/2, and, more specific, shared resources = j alone, so
//! every lead origin and pair of flags has a grid of about (n/2)² cells.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use coopetition::policy::guide::Guide;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Duration;

fn wide_guide(n: usize) -> String {
    let half = n / 2;
    let situation = |id: String, criteria: Value| json!({"id": id, "title": {"fr": "s", "en": "s"}, "criteria": criteria, "rate": "0.05"});
    let mut v: Vec<Value> =
        (0..half).map(|i| situation(format!("p{i}"), json!({"partners": {"min": i, "max": i}}))).collect();
    v.push(situation("p-many".into(), json!({"partners": {"min": half}})));
    let mut j = 0;
    while v.len() < n {
        v.push(situation(format!("s{j}"), json!({"partners": {"min": 0}, "shared_resources": {"min": j, "max": j}})));
        j += 1;
    }
    json!({"schema": 1, "name": "wide", "situations": v}).to_string()
}

fn load(c: &mut Criterion) {
    let n = std::env::var("GUIDE_SITUATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000);
    let json = wide_guide(n);
    let mut group = c.benchmark_group("guide");
    group.sample_size(10).measurement_time(Duration::from_secs(5));
    group.bench_function(format!("load_{n}_situations_without_default"), |b| {
        b.iter(|| Guide::load(black_box(&json)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
