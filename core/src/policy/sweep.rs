//! Sweeps: one set of missions evaluated under many variants of the
//! parameters, to design a policy rather than compare four.
//!
//! A variant is the base parameters with a few settings changed (a flat
//! rate, a guide situation's rate, the whole guide scaled). Every variant is
//! built, and so checked, before any is evaluated: a bad setting fails the
//! sweep with nothing computed. The missions are read once; their guide
//! situations are matched once (variants change rates, never criteria); each
//! variant then costs one pass of the amounts kernel over the columns as
//! they are ([`BatchEvaluator::append_amounts`]), or, for the rows the
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
    evaluate_columns, guide_situations, situation_dictionary, BatchEvaluator, BuiltinPolicy, MissionColumns, Outputs,
    WideColumns, WideMoney, PRICED,
};
use super::compare::rates::{RateCounter, RateDistribution, EXACT_RATES};
use super::params::Parameters;
use crate::error::{Error, Result};
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::threads::Threads;
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One setting of a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Setting {
    /// `params` with this setting.
    ///
    /// # Errors
    /// As [`Parameters::with_flat_rate_everywhere`],
    /// [`Parameters::with_situation_rate`], [`Parameters::with_guide_scaled`].
    pub fn apply(&self, params: &Parameters) -> Result<Parameters> {
        match self {
            Setting::FlatRate(rate) => params.with_flat_rate_everywhere(*rate),
            Setting::SituationRate { situation, rate } => params.with_situation_rate(situation, *rate),
            Setting::GuideScale(factor) => params.with_guide_scaled(*factor),
        }
    }
}

/// The most variants a grid may make.
pub const MAX_VARIANTS: usize = 1_000_000;

impl Setting {
    /// The setting named `name` at `value`: `flat_rate`, `guide_scale`, or
    /// else the id of a guide situation (checked when applied).
    pub fn named(name: &str, value: Decimal) -> Setting {
        match name {
            "flat_rate" => Setting::FlatRate(value),
            "guide_scale" => Setting::GuideScale(value),
            situation => Setting::SituationRate { situation: situation.to_owned(), rate: value },
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
pub struct SweepRow {
    /// The variant's settings, as given.
    pub settings: Vec<Setting>,
    /// The missions priced (all of them under the flat rate and the guide).
    pub priced: u64,
    /// The total due, exact, in euros.
    pub total_due: Decimal,
    /// The total due by lead origin, in the order of [`LeadOrigin::ALL`].
    pub by_lead_origin: Vec<Decimal>,
    /// The total due by guide situation, in the order of [`Sweep::situations`]
    /// (missions matching no situation are in none).
    pub by_situation: Vec<Decimal>,
    /// The effective rates of the priced missions with a revenue.
    pub rates: RateDistribution,
}

/// A sweep's results: one row per variant, in the order given.
#[derive(Debug, Clone, PartialEq)]
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
fn euros(cents: i128) -> Result<Decimal> {
    Decimal::try_from_i128_with_scale(cents, 2).map_err(|_| Error::AmountOverflow(format!("{cents} cents")))
}

/// The columns shared by every variant, read once.
struct Shared<'c> {
    cols: &'c MissionColumns<'c>,
    /// Each row's guide situation under the base parameters, an index into `dictionary`.
    situations: Vec<u16>,
    dictionary: &'c [String],
    /// Whether the amounts kernel may read the columns (no donation below zero).
    fast: bool,
}

/// The amounts due of one variant, with whether each row is priced.
fn amounts(shared: &Shared, policy: &BuiltinPolicy, params: &Parameters) -> Result<(Vec<i128>, Option<Vec<u8>>)> {
    let cols = shared.cols;
    if shared.fast {
        let evaluator = BatchEvaluator::new(policy, params)?.with_outputs(Outputs::Amounts);
        // The columns as they are: 64-bit cents, days (donations change no amount).
        let wide = WideColumns {
            revenue_cents: WideMoney::I64(cols.revenue_cents),
            ..WideColumns::with_money(cols, &[], None)
        };
        let mut due = Vec::with_capacity(cols.len());
        if evaluator.append_amounts(&wide, &mut due) {
            return Ok((due, None));
        }
    }
    let out = evaluate_columns(policy, params, cols)?;
    Ok((out.due_cents.iter().map(|&c| i128::from(c)).collect(), Some(out.status)))
}

/// What a worker reuses from one variant to the next.
struct Scratch {
    counter: RateCounter,
    exact: Vec<f64>,
}

/// One variant's row: its amounts, then one pass over them that sums them
/// by lead origin and situation and counts their effective rates.
fn row(
    shared: &Shared,
    policy: &BuiltinPolicy,
    settings: &[Setting],
    params: &Parameters,
    scratch: &mut Scratch,
) -> Result<SweepRow> {
    let (due, status) = amounts(shared, policy, params)?;
    let cols = shared.cols;
    let n = cols.len();
    if [due.len(), cols.lead_origin.len(), shared.situations.len()].iter().any(|&len| len != n) {
        return Err(Error::BatchColumn { column: "sweep".into(), message: "columns of different lengths".into() });
    }
    let exact = n <= EXACT_RATES;
    scratch.exact.clear();
    let mut by_origin = [0i128; LeadOrigin::ALL.len()];
    let mut by_situation = vec![0i128; shared.dictionary.len()];
    let (mut total, mut priced) = (0i128, 0u64);
    let (mut count, mut sum, mut min, mut max) = (0u64, 0.0f64, f64::INFINITY, f64::NEG_INFINITY);
    // The current run of rates in one bucket.
    let (mut bucket, mut run) = (0u32, 0u64);
    let rows = due.iter().zip(cols.revenue_cents).zip(cols.lead_origin).zip(&shared.situations);
    for (i, (((&d, &revenue), &origin), &situation)) in rows.enumerate() {
        if status.as_ref().is_some_and(|s| s.get(i) != Some(&PRICED)) {
            continue;
        }
        priced += 1;
        // 64-bit amounts: a million of them cannot leave 128 bits.
        total += d;
        if let Some(slot) = by_origin.get_mut(usize::from(origin)) {
            *slot += d;
        }
        if let Some(slot) = by_situation.get_mut(usize::from(situation)) {
            *slot += d;
        }
        if revenue > 0 {
            // An amount due is at most its revenue: 64 bits (i128 to f64 is a slow routine).
            #[allow(clippy::cast_possible_truncation)]
            let rate = d as i64 as f64 / revenue as f64;
            if exact {
                scratch.exact.push(rate);
            } else {
                (count, sum, min, max) = (count + 1, sum + rate, min.min(rate), max.max(rate));
                let k = RateCounter::bucket(rate);
                if k == bucket {
                    run += 1;
                } else {
                    scratch.counter.add(bucket, run);
                    (bucket, run) = (k, 1);
                }
            }
        }
    }
    scratch.counter.add(bucket, run);
    let rates =
        if exact { RateDistribution::of(scratch.exact.clone()) } else { scratch.counter.take(count, sum, min, max) };
    Ok(SweepRow {
        settings: settings.to_vec(),
        priced,
        total_due: euros(total)?,
        by_lead_origin: by_origin.into_iter().map(euros).collect::<Result<_>>()?,
        by_situation: by_situation.into_iter().map(euros).collect::<Result<_>>()?,
        rates,
    })
}

/// Evaluates `policy` over `cols` under each variant of `base` (each a list
/// of [`Setting`]s applied in order; an empty list is `base` itself), the
/// variants shared by at most `threads` threads.
///
/// # Errors
/// A setting's error (`policy.rate.invalid`, `policy.situation.unknown`,
/// `policy.guide.invalid`) before anything is evaluated; the columns' errors
/// (`batch.column.invalid`, `batch.row.invalid`) as
/// [`super::batch::evaluate_columns`] gives them, for the first variant that
/// meets one; `money.amount.overflow` if a total leaves the decimal range.
pub fn sweep_columns(
    cols: &MissionColumns,
    policy: &BuiltinPolicy,
    base: &Parameters,
    variants: &[Vec<Setting>],
    threads: Threads,
) -> Result<Sweep> {
    cols.check_lengths()?;
    let params: Vec<Parameters> = variants
        .iter()
        .map(|settings| settings.iter().try_fold(base.clone(), |p, s| s.apply(&p)))
        .collect::<Result<_>>()?;
    let situations = situation_dictionary(base);
    let shared = Shared {
        cols,
        situations: guide_situations(base, cols)?,
        dictionary: &situations,
        fast: cols.donations_cents.is_none_or(|d| d.iter().all(|&c| c >= 0)),
    };
    let revenue = euros(cols.revenue_cents.iter().map(|&c| i128::from(c)).sum())?;
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Result<SweepRow>)>> = Mutex::new(Vec::with_capacity(variants.len()));
    let work = || {
        let mut scratch = Scratch { counter: RateCounter::new(), exact: Vec::new() };
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let (Some(settings), Some(p)) = (variants.get(i), params.get(i)) else { break };
            let result = row(&shared, policy, settings, p, &mut scratch);
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
    Ok(Sweep { policy: policy.name().to_owned(), missions: cols.len() as u64, revenue, situations, rows })
}
