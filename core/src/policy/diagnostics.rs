//! Fairness diagnostics: who pays what share of their revenue under each
//! policy of a [`Comparison`], read from the comparison's own totals (so
//! they serve a summary merged from streams or a cluster as well).
//!
//! For each policy:
//!
//! - the **effective rate** (amount due over revenue) by lead origin and by
//!   guide situation: how much the network contributed to the deal, as the
//!   emblematic situations tell it;
//! - the effective rate by **provider size**: the providers in ten bands of
//!   (about) equal count by revenue, the smallest first;
//! - the **concentration curve** of contributions against revenue (the
//!   Lorenz curve of what is due, the providers taken from the lowest
//!   effective rate to the highest): each point the share of the revenue and
//!   the share of the total due of the providers so far; and its
//!   **concentration index** (a Gini coefficient), `1 − Σ (xᵢ − xᵢ₋₁)(yᵢ +
//!   yᵢ₋₁)`: 0 when every provider pays the same share of their revenue, up to
//!   1 when one provider with a sliver of the revenue pays it all;
//! - the **gap** between what each provider pays under the policy and under
//!   the guide, when the comparison holds the guide (`guide`): who pays more
//!   than the guide suggests, the largest gap first.
//!
//! Amounts are exact; rates and shares are `f64` ratios of exact amounts
//! (each share computed from exact running totals, so no error accumulates).
//! A group's revenue counts all its missions and its due the priced ones: a
//! policy that leaves missions unpriced (a negotiation still open) shows a
//! lower rate, and each row carries `missions` and `priced` to show it.

use super::compare::{Comparison, Group, PolicySummary};
use crate::error::{Error, Result};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The effective rate of a group of missions.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RateGroup {
    /// The lead-origin label or situation id.
    pub key: String,
    /// The number of missions.
    pub missions: u64,
    /// How many of them are priced.
    pub priced: u64,
    /// Their revenue, in euros.
    pub revenue: Decimal,
    /// The total due over the priced ones, in euros.
    pub due: Decimal,
    /// `due / revenue`; `None` without revenue.
    pub rate: Option<f64>,
}

/// The providers of one band of revenue.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SizeBand {
    /// The band, 1 (the smallest providers) to 10.
    pub band: u32,
    /// The providers in it.
    pub providers: u64,
    /// The lowest revenue of a provider in it, in euros.
    pub revenue_min: Decimal,
    /// The highest.
    pub revenue_max: Decimal,
    /// Their revenue, in euros.
    pub revenue: Decimal,
    /// Their total due, in euros.
    pub due: Decimal,
    /// `due / revenue`; `None` without revenue.
    pub rate: Option<f64>,
}

/// A point of the concentration curve.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LorenzPoint {
    /// The share of the revenue of the providers so far (0 to 1).
    pub revenue_share: f64,
    /// The share of the total due they pay (0 to 1).
    pub due_share: f64,
}

/// What one provider pays under a policy and under the guide.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProviderGap {
    /// The provider's id.
    pub provider: String,
    /// Their revenue, in euros.
    pub revenue: Decimal,
    /// What they pay under the policy, in euros.
    pub due: Decimal,
    /// What they pay under the guide, in euros.
    pub guide_due: Decimal,
    /// `due − guide_due`: above zero, more than the guide suggests.
    pub gap: Decimal,
}

/// The diagnostics of one policy.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyDiagnostics {
    /// The policy's name.
    pub policy: String,
    /// The effective rate by lead origin, in the comparison's order.
    pub by_lead_origin: Vec<RateGroup>,
    /// The effective rate by guide situation, in the comparison's order.
    pub by_situation: Vec<RateGroup>,
    /// The effective rate by provider size, the smallest band first (empty
    /// bands left out: fewer than ten providers make fewer bands).
    pub by_size: Vec<SizeBand>,
    /// The concentration curve, from (0, 0) to (1, 1); empty when nothing
    /// is due or no provider has a revenue.
    pub lorenz: Vec<LorenzPoint>,
    /// The concentration index of the curve; `None` when it is empty.
    pub concentration: Option<f64>,
    /// Each provider's gap to the guide, the largest first (ties by
    /// provider id); empty when the comparison holds no `guide` policy.
    pub gaps: Vec<ProviderGap>,
}

/// The name of the policy the gaps are measured against.
pub const GUIDE: &str = "guide";

/// `a / b` as a ratio; `None` when `b` is zero.
fn ratio(a: Decimal, b: Decimal) -> Option<f64> {
    if b.is_zero() {
        return None;
    }
    a.checked_div(b).and_then(|r| r.to_f64())
}

fn rates(groups: &[Group]) -> Vec<RateGroup> {
    groups
        .iter()
        .map(|g| RateGroup {
            key: g.key.clone(),
            missions: g.missions,
            priced: g.priced,
            revenue: g.revenue,
            due: g.due,
            rate: ratio(g.due, g.revenue),
        })
        .collect()
}

/// A sum of amounts, exact.
fn sum<'a>(mut amounts: impl Iterator<Item = &'a Decimal>) -> Result<Decimal> {
    amounts.try_fold(Decimal::ZERO, |acc, a| {
        acc.checked_add(*a).ok_or_else(|| Error::AmountOverflow("a diagnostics total".into()))
    })
}

fn by_size(providers: &[Group]) -> Result<Vec<SizeBand>> {
    let mut sorted: Vec<&Group> = providers.iter().collect();
    sorted.sort_by(|a, b| a.revenue.cmp(&b.revenue).then_with(|| a.key.cmp(&b.key)));
    let n = sorted.len();
    // The provider of rank r (from 0, by revenue) is in band ⌊10 r / n⌋ + 1:
    // the smallest always in band 1, ten bands of equal count when n is a multiple of ten.
    let mut bands: Vec<SizeBand> = Vec::new();
    let mut start = 0;
    while let Some(first) = sorted.get(start) {
        let band = start * 10 / n;
        let end = (start..n).find(|&r| r * 10 / n != band).unwrap_or(n);
        let part = sorted.get(start..end).unwrap_or(&[]);
        let last = part.last().copied().unwrap_or(first);
        let revenue = sum(part.iter().map(|g| &g.revenue))?;
        let due = sum(part.iter().map(|g| &g.due))?;
        bands.push(SizeBand {
            band: u32::try_from(band + 1).unwrap_or(u32::MAX),
            providers: part.len() as u64,
            revenue_min: first.revenue,
            revenue_max: last.revenue,
            revenue,
            due,
            rate: ratio(due, revenue),
        });
        start = end;
    }
    Ok(bands)
}

/// The concentration curve and its index.
fn lorenz(providers: &[Group]) -> Result<(Vec<LorenzPoint>, Option<f64>)> {
    let mut paying: Vec<(&Group, Decimal)> = providers
        .iter()
        .filter(|g| g.revenue > Decimal::ZERO)
        .filter_map(|g| g.due.checked_div(g.revenue).map(|r| (g, r)))
        .collect();
    paying.sort_by(|(a, ra), (b, rb)| ra.cmp(rb).then_with(|| a.key.cmp(&b.key)));
    let revenue = sum(paying.iter().map(|(g, _)| &g.revenue))?;
    let due = sum(paying.iter().map(|(g, _)| &g.due))?;
    if revenue.is_zero() || due.is_zero() {
        return Ok((Vec::new(), None));
    }
    let mut points = vec![LorenzPoint { revenue_share: 0.0, due_share: 0.0 }];
    let (mut cum_revenue, mut cum_due) = (Decimal::ZERO, Decimal::ZERO);
    let overflow = || Error::AmountOverflow("a diagnostics total".into());
    for (g, _) in &paying {
        cum_revenue = cum_revenue.checked_add(g.revenue).ok_or_else(overflow)?;
        cum_due = cum_due.checked_add(g.due).ok_or_else(overflow)?;
        points.push(LorenzPoint {
            revenue_share: ratio(cum_revenue, revenue).unwrap_or(0.0),
            due_share: ratio(cum_due, due).unwrap_or(0.0),
        });
    }
    let area: f64 = points
        .windows(2)
        .map(|w| match w {
            [a, b] => (b.revenue_share - a.revenue_share) * (b.due_share + a.due_share),
            _ => 0.0,
        })
        .sum();
    Ok((points, Some(1.0 - area)))
}

fn gaps(policy: &PolicySummary, guide: Option<&PolicySummary>) -> Result<Vec<ProviderGap>> {
    let Some(guide) = guide else { return Ok(Vec::new()) };
    let mut gaps = Vec::with_capacity(policy.by_provider.len());
    for g in &policy.by_provider {
        let guide_due = guide.by_provider.iter().find(|h| h.key == g.key).map(|h| h.due).unwrap_or_default();
        let gap = g.due.checked_sub(guide_due).ok_or_else(|| Error::AmountOverflow("a gap to the guide".into()))?;
        gaps.push(ProviderGap { provider: g.key.clone(), revenue: g.revenue, due: g.due, guide_due, gap });
    }
    gaps.sort_by(|a, b| b.gap.cmp(&a.gap).then_with(|| a.provider.cmp(&b.provider)));
    Ok(gaps)
}

/// The diagnostics of each policy of `comparison`, in its order (see the
/// module docs). The bands, the curve and the gaps read the comparison's
/// totals by provider: without them (missions without a provider) they are
/// empty.
///
/// # Errors
/// `money.amount.overflow` if a total leaves the decimal range.
pub fn diagnose(comparison: &Comparison) -> Result<Vec<PolicyDiagnostics>> {
    let guide = comparison.policies.iter().find(|p| p.policy == GUIDE);
    comparison
        .policies
        .iter()
        .map(|p| {
            let (lorenz, concentration) = lorenz(&p.by_provider)?;
            Ok(PolicyDiagnostics {
                policy: p.policy.clone(),
                by_lead_origin: rates(&p.by_lead_origin),
                by_situation: rates(&p.by_situation),
                by_size: by_size(&p.by_provider)?,
                lorenz,
                concentration,
                gaps: gaps(p, guide)?,
            })
        })
        .collect()
}
