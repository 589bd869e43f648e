//! Throughput of the contribution policies: the per-mission
//! path, the columnar batch path and `compare_columns`, on 1,000,000
//! generated missions. See `benches/README.md`.
//!
//! Times are the bench thread's time on a CPU (`/proc/thread-self/schedstat`),
//! so that other work on a shared machine does not count; `BENCH_CLOCK=wall`
//! measures wall-clock time instead (also the fallback off Linux).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::policy::batch::{BatchEvaluator, BatchOutput, BuiltinPolicy, MissionTable, Outputs, WideColumns};
use coopetition::policy::compare::compare_columns;
use coopetition::policy::{BehaviourModel, ContributionPolicy, FlatRate, MissionFacts, NegotiationState, Parameters};
use coopetition::prelude::*;
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};

const MISSIONS: usize = 1_000_000;
const PROVIDERS: u64 = 300;

/// SplitMix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// An index drawn with the given weights (percentages).
    fn pick(&mut self, weights: &[u64]) -> usize {
        let mut x = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

/// Missions won from 2020 to 2024: a third from the providers' own network,
/// a fifth met at network events, the rest through network actions,
/// referrals and other ways; revenues from 500 € to about 60,000 € with
/// random cents; 70% declared, 55% agreed, 5% with a donation.
fn generate(n: usize) -> Vec<MissionFacts> {
    let mut rng = Rng(0x5EED);
    let start = date(2020, 1, 1).unwrap();
    let providers: Vec<ActorId> = (0..PROVIDERS).map(|i| ActorId::new(format!("provider-{i:03}")).unwrap()).collect();
    (0..n)
        .map(|_| {
            let origin = LeadOrigin::ALL[rng.pick(&[20, 15, 15, 35, 15])];
            // Roughly log-uniform revenue: 500 € × 2^(0..7) plus noise, in cents.
            let revenue = 50_000 * (1 << rng.below(7)) + rng.below(50_000 * 8) as i64;
            let won_on = start + chrono::Days::new(rng.below(5 * 365));
            let provider = providers[rng.below(PROVIDERS) as usize].clone();
            let mut m = MissionFacts::new(provider, Money::from_cents(revenue), won_on, origin);
            m.partners = [0, 1, 2, 3][rng.pick(&[55, 30, 10, 5])];
            m.shared_resources = [0, 1, 2, 3][rng.pick(&[40, 30, 20, 10])];
            m.steward_workstream = rng.below(100) < 8;
            m.client_informed = rng.below(2) == 0;
            let share =
                |rng: &mut Rng, lo: u64, hi: u64| Money::from_cents(revenue * (lo + rng.below(hi - lo)) as i64 / 1000);
            if rng.below(100) < 70 {
                m.declared = Some(share(&mut rng, 20, 80));
            }
            let on = won_on + chrono::Days::new(30);
            m.negotiation = match rng.pick(&[55, 10, 10, 15, 10]) {
                0 => NegotiationState::Agreed { amount: share(&mut rng, 30, 70), on, offers: 2 },
                1 => NegotiationState::Open { offers: 1, last_offer: Some(share(&mut rng, 30, 70)) },
                2 => NegotiationState::Open { offers: 0, last_offer: None },
                3 => NegotiationState::NotOpened {},
                _ => NegotiationState::Stalemate { on, offers: 3 },
            };
            if rng.below(100) < 5 {
                m.donations = Money::from_cents(1_000 + rng.below(49_000) as i64);
            }
            m
        })
        .collect()
}

fn policies() -> Vec<BuiltinPolicy> {
    let model = Some(BehaviourModel::default());
    vec![
        BuiltinPolicy::Flat,
        BuiltinPolicy::Guide,
        BuiltinPolicy::SelfAssessed(None),
        BuiltinPolicy::SelfAssessed(model),
        BuiltinPolicy::Negotiated(None),
        BuiltinPolicy::Negotiated(model),
    ]
}

/// Time on a CPU of the calling thread, or wall-clock time.
struct CpuTime {
    wall: WallTime,
    use_wall: bool,
}

impl CpuTime {
    fn new() -> CpuTime {
        let use_wall = std::env::var("BENCH_CLOCK").is_ok_and(|v| v == "wall") || Self::on_cpu().is_none();
        CpuTime { wall: WallTime, use_wall }
    }

    /// Nanoseconds this thread has run (updated at each scheduler tick, a
    /// few milliseconds: criterion's samples last far longer).
    fn on_cpu() -> Option<u64> {
        std::fs::read_to_string("/proc/thread-self/schedstat").ok()?.split_whitespace().next()?.parse().ok()
    }
}

impl Measurement for CpuTime {
    type Intermediate = (Instant, u64);
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        (Instant::now(), if self.use_wall { 0 } else { Self::on_cpu().unwrap_or(0) })
    }

    fn end(&self, (wall, cpu): Self::Intermediate) -> Duration {
        if self.use_wall {
            wall.elapsed()
        } else {
            Duration::from_nanos(Self::on_cpu().unwrap_or(cpu).saturating_sub(cpu))
        }
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

fn config() -> Criterion<CpuTime> {
    Criterion::default()
        .with_measurement(CpuTime::new())
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

fn per_mission(c: &mut Criterion<CpuTime>) {
    let missions = generate(MISSIONS);
    let params = Parameters::shipped();
    let mut group = c.benchmark_group("per_mission");
    group.throughput(Throughput::Elements(MISSIONS as u64));
    // The flat policy itself (target: ≥ 15 million missions/s).
    group.bench_function("flat_rate", |b| {
        b.iter(|| {
            for m in &missions {
                black_box(FlatRate.evaluate(black_box(m), params).unwrap());
            }
        })
    });
    for policy in policies() {
        group.bench_with_input(BenchmarkId::from_parameter(policy.name()), &policy, |b, policy| {
            b.iter(|| {
                for m in &missions {
                    black_box(policy.evaluate(black_box(m), params).unwrap());
                }
            })
        });
    }
    group.finish();
}

fn columnar(c: &mut Criterion<CpuTime>) {
    let table = MissionTable::from_facts(&generate(MISSIONS)).unwrap();
    let cols = table.columns();
    // Flat and guide read no declaration nor negotiation: leave them out, as a binding would.
    let mut lean = cols;
    lean.declared_cents = None;
    lean.negotiation = None;
    let params = Parameters::shipped();
    let mut group = c.benchmark_group("columnar");
    group.throughput(Throughput::Elements(MISSIONS as u64));
    for policy in policies() {
        let evaluator = BatchEvaluator::new(&policy, params).unwrap();
        assert!(evaluator.is_fast());
        let input = if matches!(policy, BuiltinPolicy::Flat | BuiltinPolicy::Guide) { &lean } else { &cols };
        let mut out = BatchOutput::default();
        group.bench_function(BenchmarkId::from_parameter(policy.name()), |b| {
            b.iter(|| evaluator.evaluate_into(black_box(input), &mut out).unwrap())
        });
    }
    // The amounts alone (`Outputs::Amounts`), as `evaluate_batch(details=False)` in Python.
    for policy in [BuiltinPolicy::Flat, BuiltinPolicy::Guide] {
        let evaluator = BatchEvaluator::new(&policy, params).unwrap().with_outputs(Outputs::Amounts);
        let mut out = BatchOutput::default();
        group.bench_function(format!("{}_amounts_only", policy.name()), |b| {
            b.iter(|| evaluator.evaluate_into(black_box(&lean), &mut out).unwrap())
        });
    }
    // The same from 128-bit money (`append_amounts`, as Python reads decimal128 columns), into a reused buffer.
    let wide = |v: &[i64]| v.iter().map(|&c| i128::from(c)).collect::<Vec<i128>>();
    let (revenue, donations) = (wide(lean.revenue_cents), lean.donations_cents.map(wide));
    let wide_cols = WideColumns::with_money(&lean, &revenue, donations.as_deref());
    for policy in [BuiltinPolicy::Flat, BuiltinPolicy::Guide] {
        let evaluator = BatchEvaluator::new(&policy, params).unwrap();
        let mut due = Vec::with_capacity(MISSIONS);
        group.bench_function(format!("{}_amounts_128", policy.name()), |b| {
            b.iter(|| {
                due.clear();
                assert!(evaluator.append_amounts(black_box(&wide_cols), &mut due));
            })
        });
    }
    // Every column present, into fresh buffers each time.
    let evaluator = BatchEvaluator::new(&BuiltinPolicy::Flat, params).unwrap();
    group.bench_function("flat_all_columns_allocating", |b| b.iter(|| evaluator.evaluate(black_box(&cols)).unwrap()));
    group.finish();
}

fn comparison(c: &mut Criterion<CpuTime>) {
    let table = MissionTable::from_facts(&generate(MISSIONS)).unwrap();
    let cols = table.columns();
    let params = Parameters::shipped();
    let mut group = c.benchmark_group("compare_columns");
    group.throughput(Throughput::Elements(MISSIONS as u64));
    group.bench_function("four_policies", |b| {
        b.iter(|| {
            compare_columns(black_box(&cols), &table.provider, &table.provider_names, &BuiltinPolicy::ALL, params)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = per_mission, columnar, comparison
}
criterion_main!(benches);
