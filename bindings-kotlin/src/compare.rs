//! Comparing policies over many missions: the comparison summary; sweeps
//! of many variants of the parameters, and solving a setting for a target.
//!
//! The core evaluates one set of missions under several policies (built in,
//! combined or written in Kotlin) and summarises each: totals, unpriced
//! missions by status (never taken for zero), effective-rate statistics, the
//! provenance mix, and the amount due by provider, lead origin and situation.
//! The records are the core's, derived there (`comparison.toTable(lang)` and
//! `unpriced.total()` are the core's, exported).

use crate::error::Result;
use crate::policy::{parameters_or_shipped, MissionFacts, Parameters, Policy};
use coopetition::policy::batch::{BuiltinPolicy, MissionTable};
use coopetition::policy::compare::compare;
use coopetition::policy::solve::{solve_columns, Target};
use coopetition::policy::sweep::sweep_columns;
use coopetition::policy::ContributionPolicy as CorePolicy;
use coopetition::threads::Threads;
use rust_decimal::Decimal;
use std::sync::Arc;

pub use coopetition::policy::compare::{Comparison, Group, PolicySummary, ProvenanceMix, RateStats, Unpriced};

/// Compares `policies` over `missions` (parameters shipped by default).
/// Policies whose amounts depend on other missions (a yearly cap) evaluate
/// the whole set together.
///
/// # Errors
/// The first error of the first policy that fails (policies in order, then
/// missions in order); `money.amount.overflow` if a total leaves the decimal range.
#[uniffi::export(default(parameters = None))]
pub fn compare_policies(
    missions: Vec<MissionFacts>,
    policies: Vec<Arc<Policy>>,
    parameters: Option<Arc<Parameters>>,
) -> Result<Comparison> {
    let policies: Vec<&dyn CorePolicy> = policies.iter().map(|p| p.core()).collect();
    Ok(compare(&missions, &policies, parameters_or_shipped(parameters.as_ref()))?)
}

pub use coopetition::policy::solve::{Knob, Solution};
pub use coopetition::policy::sweep::{Setting, Sweep, SweepRow};

/// Evaluates `missions` under `policy` (`flat`, `guide`, `self_assessed`,
/// `negotiated`) and each variant of the parameters (shipped by default):
/// each variant a list of settings applied in order (an empty list is the
/// parameters themselves). The missions are read once; one row per variant,
/// in order.
///
/// # Errors
/// `input.label.unknown` for another policy; a setting's error
/// (`policy.rate.invalid`, `policy.situation.unknown`, `money.amount.negative`,
/// `money.amount.precision`) before anything is evaluated; the missions'
/// errors (`batch.row.invalid`).
#[uniffi::export(default(parameters = None))]
pub fn sweep_policy(
    missions: Vec<MissionFacts>,
    policy: String,
    variants: Vec<Vec<Setting>>,
    parameters: Option<Arc<Parameters>>,
) -> Result<Sweep> {
    let policy = BuiltinPolicy::from_name(&policy, None)?;
    let table = MissionTable::from_facts(&missions)?;
    let params = parameters_or_shipped(parameters.as_ref());
    Ok(sweep_columns(&table.columns(), &policy, params, &variants, Threads::for_engine())?)
}

/// Finds the value of `knob` whose total due over `missions` comes closest
/// to `amount` euros, on a grid of steps of `precision` (`0.0001`: a
/// hundredth of a percentage point for a rate).
///
/// # Errors
/// `policy.target.unreachable` (the message gives the closest total),
/// `input.parse.invalid` for a precision not above zero or finer than
/// 10⁻¹², the missions' errors.
#[uniffi::export(default(parameters = None))]
pub fn solve_for_amount(
    missions: Vec<MissionFacts>,
    knob: Knob,
    amount: Decimal,
    precision: Decimal,
    parameters: Option<Arc<Parameters>>,
) -> Result<Solution> {
    solve(&missions, knob, &Target::Amount(amount), precision, parameters.as_ref())
}

/// Solves `knob` over `missions` for `target` (parameters shipped by default).
fn solve(
    missions: &[MissionFacts],
    knob: Knob,
    target: &Target,
    precision: Decimal,
    parameters: Option<&Arc<Parameters>>,
) -> Result<Solution> {
    let table = MissionTable::from_facts(missions)?;
    Ok(solve_columns(&table.columns(), parameters_or_shipped(parameters), knob, target, precision)?)
}

/// Finds the value of `knob` whose total due over `missions` comes closest
/// to the total of `policy` (`flat`, `guide`, `self_assessed`, `negotiated`)
/// on the same missions, on a grid of steps of `precision`.
///
/// # Errors
/// As [`solve_for_amount`]; `input.label.unknown` for another policy.
#[uniffi::export(default(parameters = None))]
pub fn solve_for_policy_total(
    missions: Vec<MissionFacts>,
    knob: Knob,
    policy: String,
    precision: Decimal,
    parameters: Option<Arc<Parameters>>,
) -> Result<Solution> {
    let policy = BuiltinPolicy::from_name(&policy, None)?;
    solve(&missions, knob, &Target::PolicyTotal(policy), precision, parameters.as_ref())
}

/// The setting named `name` at `value`: `flat_rate`, `guide_scale`,
/// `floor`, `cap` (in euros), or else the id of a guide situation (checked
/// when a sweep applies it).
#[uniffi::export]
pub fn setting_named(name: String, value: Decimal) -> Setting {
    Setting::named(&name, value)
}

pub use coopetition::policy::diagnostics::{LorenzPoint, PolicyDiagnostics, ProviderGap, RateGroup, SizeBand};

/// Fairness diagnostics of each policy of `comparison`: the effective rate
/// by lead origin, situation and provider size, the concentration curve of
/// contributions against revenue and its index, and each provider's gap to
/// the guide (when the comparison holds `guide`).
///
/// # Errors
/// `money.amount.overflow` if a total leaves the decimal range.
#[uniffi::export]
pub fn diagnose_comparison(comparison: Comparison) -> Result<Vec<PolicyDiagnostics>> {
    Ok(coopetition::policy::diagnostics::diagnose(&comparison)?)
}
