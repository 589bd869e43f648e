//! Comparing policies over many missions: the comparison summary.
//!
//! The core evaluates one set of missions under several policies (built in,
//! combined or written in Kotlin) and summarises each: totals, unpriced
//! missions by status (never taken for zero), effective-rate statistics, the
//! provenance mix, and the amount due by provider, lead origin and situation.
//! The records are the core's, derived there (`comparison.toTable(lang)` and
//! `unpriced.total()` are the core's, exported).

use crate::error::Result;
use crate::policy::{parameters_or_shipped, MissionFacts, Parameters, Policy};
use coopetition::policy::compare::compare;
use coopetition::policy::ContributionPolicy as CorePolicy;
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
