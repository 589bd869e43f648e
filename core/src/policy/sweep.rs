//! Sweeps: one set of missions evaluated under many variants of the
//! parameters, to design a policy rather than compare four.
//!
//! A variant is the base parameters with a few settings changed (a flat
//! rate, a guide situation's rate, the whole guide scaled). Every variant is
//! built, and so checked, before any is evaluated: a bad setting fails the
//! sweep with nothing computed. The missions are read once; their guide
//! situations are matched once (variants change rates, never criteria); each
//! variant then costs one pass of the amounts kernel over the columns as
//! they are ([`super::batch::BatchEvaluator::append_amounts`]), or, for the rows the
//! kernel cannot vouch for, the per-row path, with the same results.
//!
//! Each variant gives its total due (exact, to the cent), the number of
//! missions priced, the totals by lead origin and by guide situation (exact),
//! and the distribution of effective rates (amount due over revenue, for the
//! priced missions with a revenue), kept as a [`RateDistribution`]: exact up
//! to [`super::compare::rates::EXACT_RATES`] missions, beyond as a histogram
//! whose quantiles and Gini coefficient are within
//! [`super::compare::rates::RATE_RELATIVE_ERROR`] of the exact ones (the
//! bounds of the mergeable summaries).

use super::batch::{
    evaluate_columns, guide_situations, situation_dictionary, BatchOutput, BuiltinPolicy, Clamp, MissionColumns,
    NoSink, RateSink, SweepRows, PRICED,
};
use super::compare::rates::{RateCounter, RateDistribution, EXACT_RATES};
use super::compare::RateStats;
use super::params::Parameters;
use crate::error::{Error, Result};
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::money::Money;
use crate::threads::Threads;
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One setting of a variant (more may come: match with a wildcard arm).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[non_exhaustive]
pub enum Setting {
    /// The flat rate, in every period of the flat rate.
    FlatRate(Decimal),
    /// The rate of one guide situation, in every guide that has it.
    SituationRate {
        /// The situation's id.
        situation: String,
        /// Its rate.
        rate: Decimal,
    },
    /// Every situation's rate of every guide multiplied by this factor.
    GuideScale(Decimal),
    /// The part of one guide situation's fair contribution recognised as
    /// given in kind, in every guide that has it (the in-kind valuation a
    /// mission carries: [`SweepRow::in_kind_credit`]).
    InKindRate {
        /// The situation's id.
        situation: String,
        /// Its in-kind rate.
        rate: Decimal,
    },
    /// Each amount due raised to at least this many euros (never above
    /// the mission's revenue), as the `Floor` combinator does.
    Floor(Decimal),
    /// Each amount due lowered to at most this many euros, after any floor,
    /// as the `Cap` combinator does.
    Cap(Decimal),
}

impl Setting {
    /// `params` with this setting (a floor or a cap leaves them as they are).
    ///
    /// # Errors
    /// As [`Parameters::with_flat_rate_everywhere`],
    /// [`Parameters::with_situation_rate`], [`Parameters::with_guide_scaled`],
    /// [`Parameters::with_situation_in_kind_rate`].
    pub fn apply(&self, params: &Parameters) -> Result<Parameters> {
        match self {
            Setting::FlatRate(rate) => params.with_flat_rate_everywhere(*rate),
            Setting::SituationRate { situation, rate } => params.with_situation_rate(situation, *rate),
            Setting::GuideScale(factor) => params.with_guide_scaled(*factor),
            Setting::InKindRate { situation, rate } => params.with_situation_in_kind_rate(situation, *rate),
            Setting::Floor(_) | Setting::Cap(_) => Ok(params.clone()),
        }
    }
}

impl Setting {
    /// The setting's name, as [`Setting::named`] reads it: `flat_rate`,
    /// `guide_scale`, `floor`, `cap`, the situation's id, or
    /// `in_kind:` and the situation's id.
    pub fn name(&self) -> String {
        match self {
            Setting::FlatRate(_) => "flat_rate".into(),
            Setting::SituationRate { situation, .. } => situation.clone(),
            Setting::InKindRate { situation, .. } => format!("{IN_KIND}{situation}"),
            Setting::GuideScale(_) => "guide_scale".into(),
            Setting::Floor(_) => "floor".into(),
            Setting::Cap(_) => "cap".into(),
        }
    }

    /// The setting's value: a rate, a factor, or euros.
    pub fn value(&self) -> Decimal {
        match self {
            Setting::FlatRate(v) | Setting::SituationRate { rate: v, .. } | Setting::InKindRate { rate: v, .. } => *v,
            Setting::GuideScale(v) | Setting::Floor(v) | Setting::Cap(v) => *v,
        }
    }
}

/// `name=value` (`flat_rate=0.05`, `network_referral=0.08`, `floor=50`).
impl std::fmt::Display for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.name(), self.value())
    }
}

/// A floor or a cap in euros as cents: non-negative, then money as any input
/// is ([`Money::from_input`]: whole cents, within range), within 64 bits.
fn clamp_cents(field: &'static str, euros: Decimal) -> Result<i64> {
    if euros.is_sign_negative() && !euros.is_zero() {
        return Err(Error::NegativeAmount { field, amount: euros.to_string() });
    }
    Money::from_input(euros)?.to_cents().ok_or_else(|| Error::AmountRange { amount: euros.to_string() })
}

/// A variant ready to evaluate: its parameters, floor and cap.
pub(crate) struct Variant {
    params: Parameters,
    clamp: Clamp,
}

impl Variant {
    /// `base` with `settings` applied in order (a later floor or cap
    /// replaces an earlier one).
    pub(crate) fn of(base: &Parameters, settings: &[Setting]) -> Result<Variant> {
        let mut clamp = Clamp::NONE;
        let mut params = base.clone();
        for setting in settings {
            match setting {
                Setting::Floor(euros) => clamp.floor = clamp_cents("floor", *euros)?,
                Setting::Cap(euros) => clamp.cap = clamp_cents("cap", *euros)?,
                other => params = other.apply(&params)?,
            }
        }
        Ok(Variant { params, clamp })
    }
}

/// The prefix of an in-kind rate's name: `in_kind:steward_workstream`.
pub const IN_KIND: &str = "in_kind:";

/// The most variants a grid may make.
pub const MAX_VARIANTS: usize = 1_000_000;

impl Setting {
    /// The setting named `name` at `value`: `flat_rate`, `guide_scale`,
    /// `floor`, `cap` (in euros), `in_kind:` and a situation's id (its
    /// in-kind rate), or else the id of a guide situation (its rate; the
    /// situation is checked when applied).
    pub fn named(name: &str, value: Decimal) -> Setting {
        match name {
            "flat_rate" => Setting::FlatRate(value),
            "guide_scale" => Setting::GuideScale(value),
            "floor" => Setting::Floor(value),
            "cap" => Setting::Cap(value),
            other => match other.strip_prefix(IN_KIND) {
                Some(situation) => Setting::InKindRate { situation: situation.to_owned(), rate: value },
                None => Setting::SituationRate { situation: other.to_owned(), rate: value },
            },
        }
    }
}

/// Every combination of the values of `axes` (each a setting's name, as
/// [`Setting::named`] reads it, and its values), the first axis varying
/// slowest; one variant with no setting when there is no axis.
///
/// # Errors
/// `input.parse.invalid` for an axis without values, or a grid of more than
/// [`MAX_VARIANTS`] variants.
pub fn grid(axes: &[(String, Vec<Decimal>)]) -> Result<Vec<Vec<Setting>>> {
    let mut size = 1usize;
    for (name, values) in axes {
        if values.is_empty() {
            return Err(Error::Parse { value: name.clone(), expected: "a setting with at least one value" });
        }
        size = size.saturating_mul(values.len());
    }
    if size > MAX_VARIANTS {
        return Err(Error::Parse {
            value: format!("a grid of {size} variants"),
            expected: "at most 1,000,000 variants",
        });
    }
    let mut variants: Vec<Vec<Setting>> = vec![Vec::new()];
    for (name, values) in axes {
        variants = variants
            .into_iter()
            .flat_map(|v| {
                values.iter().map(move |&x| {
                    let mut v = v.clone();
                    v.push(Setting::named(name, x));
                    v
                })
            })
            .collect();
    }
    Ok(variants)
}

/// What one variant gives.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SweepRow {
    /// The variant's settings, as given.
    pub settings: Vec<Setting>,
    /// The missions priced (all of them under the flat rate and the guide).
    pub priced: u64,
    /// The total due, exact, in euros.
    pub total_due: Decimal,
    /// The total the policy recognised as given in kind (the guide's
    /// in-kind rates; none under the flat rate), exact, in euros: beside the
    /// money due, never in it.
    pub in_kind_credit: Decimal,
    /// The total due by lead origin, in the order of [`LeadOrigin::ALL`].
    pub by_lead_origin: Vec<Decimal>,
    /// The total due by guide situation, in the order of [`Sweep::situations`]
    /// (missions matching no situation are in none).
    pub by_situation: Vec<Decimal>,
    /// The statistics of the effective rates (amount due over revenue) of
    /// the priced missions with a revenue; `None` without one.
    pub rates: Option<RateStats>,
    /// Whether those statistics are exact (every rate kept: at most
    /// [`EXACT_RATES`] missions); else within the histogram's bounds.
    pub rates_exact: bool,
}

/// A sweep's results: one row per variant, in the order given.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Sweep {
    /// The policy evaluated.
    pub policy: String,
    /// The missions.
    pub missions: u64,
    /// Their revenue, exact, in euros.
    pub revenue: Decimal,
    /// The guide situations of the base parameters, the keys of
    /// [`SweepRow::by_situation`].
    pub situations: Vec<String>,
    /// One row per variant.
    pub rows: Vec<SweepRow>,
}

/// Euros from a sum of cents.
pub(crate) fn euros(cents: i128) -> Result<Decimal> {
    Decimal::try_from_i128_with_scale(cents, 2).map_err(|_| Error::AmountOverflow(format!("{cents} cents")))
}

/// The columns shared by every variant, read once.
pub(crate) struct Shared<'c> {
    cols: &'c MissionColumns<'c>,
    policy: BuiltinPolicy,
    /// Each row's guide situation under the base parameters, an index into `dictionary`.
    situations: Vec<u16>,
    dictionary: Vec<String>,
    /// The rows keyed for the sweeps' pass, when they qualify.
    keyed: Option<SweepRows<'c>>,
}

impl<'c> Shared<'c> {
    /// The columns read once for variants of `base` under `policy`.
    ///
    /// # Errors
    /// The columns' errors (`batch.column.invalid`, `batch.row.invalid`) as
    /// [`super::batch::evaluate_columns`] gives them under `base`: variants
    /// change rates, never what makes a row invalid.
    pub(crate) fn new(cols: &'c MissionColumns<'c>, policy: &BuiltinPolicy, base: &Parameters) -> Result<Shared<'c>> {
        cols.check_lengths()?;
        evaluate_columns(policy, base, cols)?;
        let dictionary = situation_dictionary(base);
        let situations = guide_situations(base, cols)?;
        let keyed = SweepRows::new(policy, base, cols, &situations, dictionary.len())
            .filter(|_| cols.donations_cents.is_none_or(|d| d.iter().all(|&c| c >= 0)));
        Ok(Shared { cols, policy: *policy, situations, dictionary, keyed })
    }

    /// The total due of `variant`, in cents.
    ///
    /// # Errors
    /// As [`super::batch::evaluate_columns`], for a variant the pass declines.
    pub(crate) fn total(&self, variant: &Variant) -> Result<i128> {
        Ok(totals(self, variant, &mut NoSink)?.total)
    }
}

/// Every rate kept (a sweep over at most [`EXACT_RATES`] missions).
struct Exact<'s>(&'s mut Vec<f64>);

impl RateSink for Exact<'_> {
    #[inline(always)]
    fn push(&mut self, rate: f64) {
        self.0.push(rate);
    }
}

/// Rates counted into a histogram: count, sum, extremes and the current run
/// of rates in one bucket kept here, where the pass's loop holds them in
/// registers (the rates of a flat rate mostly share a bucket).
struct Histogram<'s> {
    counter: &'s mut RateCounter,
    count: u64,
    sum: f64,
    min: f64,
    max: f64,
    bucket: u32,
    run: u64,
}

impl RateSink for Histogram<'_> {
    #[inline(always)]
    fn push(&mut self, rate: f64) {
        self.count += 1;
        self.sum += rate;
        self.min = self.min.min(rate);
        self.max = self.max.max(rate);
        let k = RateCounter::bucket(rate);
        if k == self.bucket {
            self.run += 1;
        } else {
            self.counter.add(self.bucket, self.run);
            (self.bucket, self.run) = (k, 1);
        }
    }
}

impl<'s> Histogram<'s> {
    fn new(counter: &'s mut RateCounter) -> Histogram<'s> {
        Histogram { counter, count: 0, sum: 0.0, min: f64::INFINITY, max: f64::NEG_INFINITY, bucket: 0, run: 0 }
    }

    fn finish(self) -> RateDistribution {
        self.counter.add(self.bucket, self.run);
        self.counter.take(self.count, self.sum, self.min, self.max)
    }
}

/// What a worker reuses from one variant to the next.
struct Scratch {
    counter: RateCounter,
    exact: Vec<f64>,
    /// The last in-kind rates met and their total: most variants change
    /// other rates, and keep the in-kind credit of the one before.
    in_kind: Option<(Vec<Decimal>, i128)>,
}

/// The sums of one variant, in cents.
struct Totals {
    priced: u64,
    total: i128,
    /// The in-kind credit, when the evaluator computed it (the pass leaves it
    /// to [`in_kind`]).
    in_kind: Option<i128>,
    by_origin: Vec<i128>,
    by_situation: Vec<i128>,
}

/// One variant's totals, its effective rates handed to `rates`: by the
/// sweeps' pass when the rows and the variant qualify, else from the
/// evaluator's amounts.
fn totals(shared: &Shared, variant: &Variant, rates: &mut impl RateSink) -> Result<Totals> {
    let cols = shared.cols;
    if let Some(keyed) = &shared.keyed {
        if let Some(sums) = keyed.pass(&variant.params, &shared.dictionary, variant.clamp, rates) {
            let (total, by_origin, by_situation) = keyed.totals(&sums);
            return Ok(Totals { priced: cols.len() as u64, total, in_kind: None, by_origin, by_situation });
        }
    }
    let out = evaluate_columns(&shared.policy, &variant.params, cols)?;
    let n = cols.len();
    let lengths = [out.due_cents.len(), out.status.len(), out.in_kind_cents.len(), cols.lead_origin.len()];
    if lengths.iter().chain([&shared.situations.len()]).any(|&l| l != n) {
        return Err(Error::BatchColumn { column: "sweep".into(), message: "columns of different lengths".into() });
    }
    let Clamp { floor, cap } = variant.clamp;
    let mut t = Totals {
        priced: 0,
        total: 0,
        in_kind: Some(priced_in_kind(&out)),
        by_origin: vec![0; LeadOrigin::ALL.len()],
        by_situation: vec![0; shared.dictionary.len()],
    };
    let rows = out.due_cents.iter().zip(&out.status).zip(cols.revenue_cents).zip(cols.lead_origin);
    for ((((&due, &status), &revenue), &origin), &situation) in rows.zip(&shared.situations) {
        if status != PRICED {
            continue;
        }
        // As the `Floor` then `Cap` combinators: never above the revenue, then the cap.
        let d = due.max(floor.min(revenue)).min(cap);
        t.priced += 1;
        t.total += i128::from(d);
        if let Some(slot) = t.by_origin.get_mut(usize::from(origin)) {
            *slot += i128::from(d);
        }
        if let Some(slot) = t.by_situation.get_mut(usize::from(situation)) {
            *slot += i128::from(d);
        }
        if revenue > 0 {
            rates.push(d as f64 / revenue as f64);
        }
    }
    Ok(t)
}

/// The in-kind credit of `variant` by the sweeps' pass, the last total
/// reused when its in-kind rates are the last ones met; else by the evaluator.
fn in_kind(shared: &Shared, variant: &Variant, last: &mut Option<(Vec<Decimal>, i128)>) -> Result<i128> {
    let keyed = shared.keyed.as_ref();
    if let Some((keyed, rates)) = keyed.and_then(|k| Some((k, k.in_kind_rates(&variant.params, &shared.dictionary)?))) {
        if let Some((_, total)) = last.as_ref().filter(|(seen, _)| *seen == rates) {
            return Ok(*total);
        }
        if let Some(total) = keyed.in_kind_total(&rates) {
            *last = Some((rates, total));
            return Ok(total);
        }
    }
    Ok(priced_in_kind(&evaluate_columns(&shared.policy, &variant.params, shared.cols)?))
}

/// The in-kind credit of the priced rows of an evaluator's output, in cents.
fn priced_in_kind(out: &BatchOutput) -> i128 {
    let priced = out.in_kind_cents.iter().zip(&out.status).filter(|(_, &s)| s == PRICED);
    priced.map(|(&c, _)| i128::from(c)).sum()
}

/// One variant's row.
fn row(shared: &Shared, settings: &[Setting], variant: &Variant, scratch: &mut Scratch) -> Result<SweepRow> {
    let (t, rates) = if shared.cols.len() <= EXACT_RATES {
        scratch.exact.clear();
        let t = totals(shared, variant, &mut Exact(&mut scratch.exact))?;
        (t, RateDistribution::of(scratch.exact.clone()))
    } else {
        let mut histogram = Histogram::new(&mut scratch.counter);
        let t = totals(shared, variant, &mut histogram)?;
        (t, histogram.finish())
    };
    let in_kind_credit = match t.in_kind {
        Some(cents) => cents,
        None => in_kind(shared, variant, &mut scratch.in_kind)?,
    };
    Ok(SweepRow {
        settings: settings.to_vec(),
        priced: t.priced,
        total_due: euros(t.total)?,
        in_kind_credit: euros(in_kind_credit)?,
        by_lead_origin: t.by_origin.into_iter().map(euros).collect::<Result<_>>()?,
        by_situation: t.by_situation.into_iter().map(euros).collect::<Result<_>>()?,
        rates: rates.stats(),
        rates_exact: rates.is_exact(),
    })
}

/// Evaluates `policy` over `cols` under each variant of `base` (each a list
/// of [`Setting`]s applied in order; an empty list is `base` itself), the
/// variants shared by at most `threads` threads.
///
/// # Errors
/// A setting's error (`policy.rate.invalid`, `policy.situation.unknown`,
/// `policy.guide.invalid`, `money.amount.negative`, `money.amount.precision`,
/// `money.amount.range`) before anything is evaluated; the columns' errors
/// (`batch.column.invalid`, `batch.row.invalid`) as
/// [`super::batch::evaluate_columns`] gives them under `base`;
/// `money.amount.overflow` if a total leaves the decimal range.
pub fn sweep_columns(
    cols: &MissionColumns,
    policy: &BuiltinPolicy,
    base: &Parameters,
    variants: &[Vec<Setting>],
    threads: Threads,
) -> Result<Sweep> {
    cols.check_lengths()?;
    let prepared: Vec<Variant> = variants.iter().map(|settings| Variant::of(base, settings)).collect::<Result<_>>()?;
    let shared = Shared::new(cols, policy, base)?;
    let revenue = euros(cols.revenue_cents.iter().map(|&c| i128::from(c)).sum())?;
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Result<SweepRow>)>> = Mutex::new(Vec::with_capacity(variants.len()));
    let work = || {
        let mut scratch = Scratch { counter: RateCounter::new(), exact: Vec::new(), in_kind: None };
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let (Some(settings), Some(v)) = (variants.get(i), prepared.get(i)) else { break };
            let result = row(&shared, settings, v, &mut scratch);
            let failed = result.is_err();
            if let Ok(mut done) = done.lock() {
                done.push((i, result));
            }
            if failed {
                // The others stop at their next variant.
                next.store(usize::MAX / 2, Ordering::Relaxed);
                break;
            }
        }
    };
    let workers = threads.get().min(variants.len()).max(1);
    std::thread::scope(|s| {
        for _ in 1..workers {
            s.spawn(work);
        }
        work();
    });
    let mut done = done.into_inner().map_err(|_| Error::BatchColumn {
        column: "sweep".into(),
        message: "a worker stopped while holding the results".into(),
    })?;
    done.sort_by_key(|(i, _)| *i);
    let rows = done.into_iter().map(|(_, r)| r).collect::<Result<Vec<_>>>()?;
    if rows.len() != variants.len() {
        return Err(Error::BatchColumn { column: "sweep".into(), message: "a variant was not evaluated".into() });
    }
    Ok(Sweep {
        policy: policy.name().to_owned(),
        missions: cols.len() as u64,
        revenue,
        situations: shared.dictionary,
        rows,
    })
}

#[cfg(test)]
mod tests {
    //! The sweeps' pass against the evaluator's amounts, on random rows and
    //! variants: the same totals and the same rates, bit for bit.
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::policy::batch::MissionColumns;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use std::sync::OnceLock;

    const SHIPPED_GUIDE: &str = include_str!("../../data/guide.json");

    /// Three flat-rate periods and two guides of different situations.
    fn custom() -> &'static Parameters {
        static CELL: OnceLock<Parameters> = OnceLock::new();
        CELL.get_or_init(|| {
            let guide = r#"{"schema":1,"name":"custom","situations":[
                {"id":"default","title":{"fr":"d","en":"d"},"rate":"0.0333333"},
                {"id":"event_small","title":{"fr":"e","en":"e"},"criteria":{"lead_origin":["network_event"],"partners":{"max":1}},"rate":"0.045"},
                {"id":"shared","title":{"fr":"s","en":"s"},"criteria":{"shared_resources":{"min":3}},"rate":"0.0125"}
            ]}"#;
            let json = format!(
                r#"{{"flat_rate":[{{"from":"2020-01-01","until":"2022-01-01","value":"0.045"}},
                                 {{"from":"2022-01-01","until":"2023-07-01","value":"0.0125"}},
                                 {{"from":"2023-07-01","value":"0.0333333"}}],
                    "guide":[{{"from":"2020-01-01","until":"2022-06-01","value":{SHIPPED_GUIDE}}},
                             {{"from":"2022-06-01","value":{guide}}}]}}"#
            );
            Parameters::load(&json).unwrap()
        })
    }

    /// A rate of up to 8 decimals in 0..=1.
    fn rate() -> impl Strategy<Value = Decimal> {
        (0u32..=8).prop_flat_map(|scale| (0..=10i64.pow(scale)).prop_map(move |m| Decimal::new(m, scale)))
    }

    fn setting() -> impl Strategy<Value = Setting> {
        let situations = ["default", "event_small", "shared", "network_referral", "event_solo"];
        prop_oneof![
            rate().prop_map(Setting::FlatRate),
            (0..situations.len(), rate())
                .prop_map(move |(i, rate)| Setting::SituationRate { situation: situations[i].into(), rate }),
            (0u32..300).prop_map(|k| Setting::GuideScale(Decimal::new(i64::from(k), 2))),
            (0..situations.len(), rate())
                .prop_map(move |(i, rate)| Setting::InKindRate { situation: situations[i].into(), rate }),
            (0i64..2_000_000).prop_map(|c| Setting::Floor(Decimal::new(c, 2))),
            (0i64..2_000_000).prop_map(|c| Setting::Cap(Decimal::new(c, 2))),
        ]
    }

    /// Revenue in cents: everyday amounts, zero, and amounts at the kernels' limits.
    fn revenue() -> impl Strategy<Value = i64> {
        prop_oneof![
            4 => 0i64..100_000_000,
            1 => Just(0i64),
            1 => (0u32..=12).prop_map(|s| i64::MAX / 10i64.pow(s)),
            1 => (0u32..=12, 0i64..3).prop_map(|(s, k)| i64::MAX / 10i64.pow(s) - k),
        ]
    }

    #[derive(Debug, Clone)]
    struct Rows {
        revenue: Vec<i64>,
        won_on: Vec<i32>,
        origin: Vec<u8>,
        partners: Vec<u32>,
        shared: Vec<u32>,
        steward: Vec<bool>,
        informed: Vec<bool>,
    }

    fn rows() -> impl Strategy<Value = Rows> {
        // 2020-01-01 (18,262) to 2025-12-31.
        let row = (revenue(), 18_262i32..20_454, 0u8..5, 0u32..5, 0u32..5, any::<bool>(), any::<bool>());
        proptest::collection::vec(row, 1..200).prop_map(|v| Rows {
            revenue: v.iter().map(|r| r.0).collect(),
            won_on: v.iter().map(|r| r.1).collect(),
            origin: v.iter().map(|r| r.2).collect(),
            partners: v.iter().map(|r| r.3).collect(),
            shared: v.iter().map(|r| r.4).collect(),
            steward: v.iter().map(|r| r.5).collect(),
            informed: v.iter().map(|r| r.6).collect(),
        })
    }

    #[test]
    fn the_pass_gives_what_the_evaluator_gives() {
        let mut runner = TestRunner::new(Config { cases: 96, ..Config::default() });
        let variant = proptest::collection::vec(setting(), 0..4);
        let strategy = (rows(), proptest::bool::ANY, variant);
        runner
            .run(&strategy, |(r, guide, settings)| {
                let cols = MissionColumns {
                    revenue_cents: &r.revenue,
                    won_on: &r.won_on,
                    lead_origin: &r.origin,
                    lead_origin_basis: None,
                    partners: &r.partners,
                    shared_resources: &r.shared,
                    steward_workstream: &r.steward,
                    client_informed: &r.informed,
                    declared_cents: None,
                    negotiation: None,
                    donations_cents: None,
                };
                let policy = if guide { BuiltinPolicy::Guide } else { BuiltinPolicy::Flat };
                let base = custom();
                let Ok(variant) = Variant::of(base, &settings) else { return Ok(()) };
                let dictionary = situation_dictionary(base);
                let situations = guide_situations(base, &cols).unwrap();
                let keyed = SweepRows::new(&policy, base, &cols, &situations, dictionary.len());
                prop_assert!(keyed.is_some(), "every row qualifies");
                let keyed = Shared {
                    cols: &cols,
                    policy,
                    situations: situations.clone(),
                    dictionary: dictionary.clone(),
                    keyed,
                };
                let plain = Shared { cols: &cols, policy, situations, dictionary, keyed: None };
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                let a = totals(&keyed, &variant, &mut Exact(&mut fast));
                let b = totals(&plain, &variant, &mut Exact(&mut slow));
                // A rate of more than 12 decimals on a revenue near 2^63 cents leaves
                // the decimal range on both paths (the pass declines such a variant).
                let (a, b) = match (a, b) {
                    (Ok(a), Ok(b)) => (a, b),
                    (a, b) => {
                        let code = |r: &Result<Totals>| r.as_ref().err().map(Error::code);
                        prop_assert_eq!(code(&a), code(&b));
                        return Ok(());
                    }
                };
                prop_assert_eq!(
                    (a.priced, a.total, &a.by_origin, &a.by_situation),
                    (b.priced, b.total, &b.by_origin, &b.by_situation)
                );
                let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                prop_assert_eq!(bits(&fast), bits(&slow));
                // The in-kind credit: by the pass (twice: the second from the
                // last total kept) and by the evaluator.
                let mut last = None;
                let by_pass = in_kind(&keyed, &variant, &mut last);
                let again = in_kind(&keyed, &variant, &mut last);
                let by_evaluator = in_kind(&plain, &variant, &mut None);
                match (by_pass, again, by_evaluator) {
                    (Ok(p), Ok(q), Ok(e)) => {
                        prop_assert_eq!((p, q, Some(p)), (e, e, b.in_kind));
                        prop_assert!(a.in_kind.is_none() || a.in_kind == Some(p));
                    }
                    (p, _, e) => {
                        let code = |r: &Result<i128>| r.as_ref().err().map(Error::code);
                        prop_assert_eq!(code(&p), code(&e));
                    }
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn floors_and_caps_in_whole_cents() {
        assert_eq!(clamp_cents("floor", Decimal::new(1050, 2)).unwrap(), 1050);
        assert_eq!(clamp_cents("cap", Decimal::new(7, 0)).unwrap(), 700);
        assert_eq!(clamp_cents("floor", Decimal::new(-1, 2)).unwrap_err().code(), "money.amount.negative");
        assert_eq!(clamp_cents("floor", Decimal::new(1005, 3)).unwrap_err().code(), "money.amount.precision");
        assert_eq!(clamp_cents("cap", Decimal::MAX).unwrap_err().code(), "money.amount.range");
        assert_eq!(clamp_cents("cap", Decimal::new(i64::MAX, 0)).unwrap_err().code(), "money.amount.range");
    }
}
