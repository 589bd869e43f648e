//! Comparing policies over many missions: the comparison summary.
//!
//! The core evaluates one set of missions under several policies (built in,
//! combined or written in Kotlin) and summarises each: totals, unpriced
//! missions by status (never taken for zero), effective-rate statistics, the
//! provenance mix, and the amount due by provider, lead origin and situation.

use crate::enums::Lang;
use crate::error::Result;
use crate::policy::{parameters_or_shipped, MissionFacts, Parameters, Policy};
use coopetition::policy::compare::{compare, Comparison as CoreComparison, PolicySummary as CorePolicySummary};
use coopetition::policy::ContributionPolicy as CorePolicy;
use rust_decimal::Decimal;
use std::sync::Arc;

pub use coopetition::policy::compare::{Group, ProvenanceMix, RateStats};

/// How many missions a policy could not price, by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Unpriced {
    /// A negotiation not concluded.
    pub pending: u64,
    /// No self-assessed declaration.
    pub undeclared: u64,
    /// A negotiation ended without agreement.
    pub stalemate: u64,
    /// All of them.
    pub total: u64,
}

fn groups(items: Vec<Group>) -> Vec<Group> {
    items.into_iter().collect()
}

/// One policy's summary over the compared missions (amounts in euros).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct PolicySummary {
    /// The policy's name.
    pub policy: String,
    /// Missions priced.
    pub priced: u64,
    /// Missions not priced, by status.
    pub unpriced: Unpriced,
    /// The revenue of the unpriced missions.
    pub unpriced_revenue: Decimal,
    /// The total due over the priced missions.
    pub total_due: Decimal,
    /// The in-kind credit the policy recognised.
    pub in_kind_credit: Decimal,
    /// The donations recorded beside.
    pub donations: Decimal,
    /// The effective-rate statistics, when some priced mission has a revenue.
    pub effective_rate: Option<RateStats>,
    /// Where the amounts come from.
    pub provenance: ProvenanceMix,
    /// The amount due by provider.
    pub by_provider: Vec<Group>,
    /// The amount due by lead origin.
    pub by_lead_origin: Vec<Group>,
    /// The amount due by guide situation.
    pub by_situation: Vec<Group>,
}

impl From<CorePolicySummary> for PolicySummary {
    fn from(s: CorePolicySummary) -> PolicySummary {
        PolicySummary {
            policy: s.policy,
            priced: s.priced,
            unpriced: Unpriced {
                pending: s.unpriced.pending,
                undeclared: s.unpriced.undeclared,
                stalemate: s.unpriced.stalemate,
                total: s.unpriced.total(),
            },
            unpriced_revenue: s.unpriced_revenue,
            total_due: s.total_due,
            in_kind_credit: s.in_kind_credit,
            donations: s.donations,
            effective_rate: s.effective_rate,
            provenance: ProvenanceMix {
                computed: s.provenance.computed,
                declared: s.provenance.declared,
                negotiated: s.provenance.negotiated,
                modelled: s.provenance.modelled,
            },
            by_provider: groups(s.by_provider),
            by_lead_origin: groups(s.by_lead_origin),
            by_situation: groups(s.by_situation),
        }
    }
}

/// The comparison of several policies over one set of missions.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Comparison {
    /// The number of missions compared.
    pub missions: u64,
    /// Their total revenue, in euros.
    pub revenue: Decimal,
    /// One summary per policy, in the order given.
    pub policies: Vec<PolicySummary>,
    /// The policies side by side as a text table, in the requested language.
    pub table: String,
}

impl Comparison {
    fn new(c: CoreComparison, lang: Lang) -> Comparison {
        let table = c.to_table(lang);
        Comparison {
            missions: c.missions,
            revenue: c.revenue,
            policies: c.policies.into_iter().map(Into::into).collect(),
            table,
        }
    }
}

/// Compares `policies` over `missions` (parameters shipped by default), with
/// the side-by-side table in `lang`. Policies whose amounts depend on other
/// missions (a yearly cap) evaluate the whole set together.
///
/// # Errors
/// The first error of the first policy that fails (policies in order, then
/// missions in order); `money.amount.overflow` if a total leaves the decimal range.
#[uniffi::export(default(parameters = None))]
pub fn compare_policies(
    missions: Vec<MissionFacts>,
    policies: Vec<Arc<Policy>>,
    lang: Lang,
    parameters: Option<Arc<Parameters>>,
) -> Result<Comparison> {
    let policies: Vec<&dyn CorePolicy> = policies.iter().map(|p| p.core()).collect();
    let comparison = compare(&missions, &policies, parameters_or_shipped(parameters.as_ref()))?;
    Ok(Comparison::new(comparison, lang))
}
