//! The referral report: how the leads the network received were spread
//! among its providers in a year, so that stewards and members can see that
//! referrals are fair (the report: neutrality "displayed but above all
//! perceived").
//!
//! Each event counts in the year of its own date: a lead is received in the
//! year it was recorded, offered in the year of its offer, answered in the
//! year of the answer, won or lost in the year it was closed. A provider
//! *wins* a lead closed as taken by it; it *loses* one it answered with
//! interest that was closed otherwise (taken by another, or not taken).
//!
//! Shares are fractions of the year's leads won, rounded to four decimals
//! (half away from zero); the Herfindahl–Hirschman index of leads won is
//! 10,000 × Σ (wonᵢ / won)², from 0 (spread evenly among infinitely many)
//! to 10,000 (one provider won them all), worked out exactly from the counts
//! and rounded to two decimals (half away from zero). With no lead won in
//! the year it is `None`.

use crate::ids::ActorId;
use crate::lead::LeadOutcome;
use crate::network::Network;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use std::collections::BTreeMap;

/// One provider's line of the referral report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct ProviderReferrals {
    /// The provider.
    pub provider: ActorId,
    /// Leads offered to it in the year.
    pub offered: u32,
    /// Leads it answered in the year.
    pub answered: u32,
    /// Of those, the answers with interest.
    pub interested: u32,
    /// Leads closed in the year as taken by it.
    pub won: u32,
    /// Leads it wanted, closed in the year otherwise.
    pub lost: u32,
    /// Its share of the year's leads won (four decimals).
    pub share_of_won: Decimal,
}

/// How the year's leads were spread among the providers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct ReferralReport {
    /// The calendar year.
    pub year: i32,
    /// Leads the network recorded in the year.
    pub leads_received: u32,
    /// Leads offered in the year (open calls and direct referrals).
    pub leads_offered: u32,
    /// Leads closed in the year as taken by a member.
    pub leads_taken: u32,
    /// Leads closed in the year as taken by nobody.
    pub leads_not_taken: u32,
    /// Every provider a lead was offered to, or that answered, won or lost
    /// one, in the year, in id order.
    pub providers: Vec<ProviderReferrals>,
    /// The Herfindahl–Hirschman index of leads won (0 to 10,000, two
    /// decimals); `None` when no lead was won in the year.
    pub hhi_won: Option<Decimal>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn add(n: &mut u32) {
    *n = n.saturating_add(1);
}

impl Network {
    /// The referral report of a calendar year (see the module's documentation).
    pub fn referral_report(&self, year: i32) -> ReferralReport {
        let in_year = |d: NaiveDate| crate::calendar::in_year(d, year);
        let leads = self.state().leads.values();
        let mut lines: BTreeMap<ActorId, ProviderReferrals> = BTreeMap::new();
        fn line<'m>(lines: &'m mut BTreeMap<ActorId, ProviderReferrals>, id: &ActorId) -> &'m mut ProviderReferrals {
            lines.entry(id.clone()).or_insert_with(|| ProviderReferrals {
                provider: id.clone(),
                offered: 0,
                answered: 0,
                interested: 0,
                won: 0,
                lost: 0,
                share_of_won: Decimal::ZERO,
            })
        }
        let (mut received, mut offered, mut taken, mut not_taken) = (0usize, 0usize, 0usize, 0usize);
        for lead in leads {
            if in_year(lead.recorded.on) {
                received += 1;
            }
            if let Some(offer) = lead.offer.as_ref().filter(|o| in_year(o.recorded.on)) {
                offered += 1;
                for m in &offer.members {
                    add(&mut line(&mut lines, m).offered);
                }
            }
            for a in lead.answers.iter().filter(|a| in_year(a.recorded.on)) {
                let l = line(&mut lines, &a.member);
                add(&mut l.answered);
                if a.interested {
                    add(&mut l.interested);
                }
            }
            let Some(outcome) = lead.outcome.as_ref().filter(|o| in_year(o.recorded().on)) else { continue };
            let winner = match outcome {
                LeadOutcome::Taken { member, .. } => {
                    taken += 1;
                    add(&mut line(&mut lines, member).won);
                    Some(member)
                }
                LeadOutcome::NotTaken { .. } => {
                    not_taken += 1;
                    None
                }
            };
            for a in lead.answers.iter().filter(|a| a.interested && Some(&a.member) != winner) {
                add(&mut line(&mut lines, &a.member).lost);
            }
        }
        let total = u64::try_from(taken).unwrap_or(u64::MAX);
        let mut providers: Vec<ProviderReferrals> = lines.into_values().collect();
        for p in &mut providers {
            p.share_of_won = fraction(u128::from(p.won), u128::from(total), 4);
        }
        let squares: u128 = providers.iter().map(|p| u128::from(p.won) * u128::from(p.won)).sum();
        let hhi_won = (total > 0).then(|| {
            let (num, den) = (squares * 10_000, u128::from(total) * u128::from(total));
            fraction(num, den, 2)
        });
        ReferralReport {
            year,
            leads_received: count(received),
            leads_offered: count(offered),
            leads_taken: count(taken),
            leads_not_taken: count(not_taken),
            providers,
            hhi_won,
        }
    }
}

/// `num / den` rounded to `dp` decimals (half away from zero), from the
/// exact counts; 0 for a zero `den` (no lead won). The division keeps 28 digits; a quotient of counts whose
/// denominator is below 10²⁶ (here at most (2³²)²) cannot lie closer than
/// that to a midpoint without being on it, so the rounding is the exact one.
fn fraction(num: u128, den: u128, dp: u32) -> Decimal {
    let (Ok(num), Ok(den)) = (i128::try_from(num), i128::try_from(den)) else { return Decimal::ZERO };
    match (Decimal::try_from_i128_with_scale(num, 0), Decimal::try_from_i128_with_scale(den, 0)) {
        (Ok(n), Ok(d)) if !d.is_zero() => {
            n.checked_div(d).unwrap_or(Decimal::ZERO).round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        }
        _ => Decimal::ZERO,
    }
}
