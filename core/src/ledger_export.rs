//! Accounting exports: the ledger's lines over any range of dates, one per
//! fact, for an accountant's tools (the Arrow front end writes them as a
//! table, the bindings as CSV or Parquet).
//!
//! Over the days `from` (included) to `until` (excluded), per member:
//!
//! - **due**: each mission won in the range, as the policy prices it (the
//!   same amounts as the ledger: the member's missions of the range priced
//!   together, in the order they were won). A mission the policy cannot
//!   price yet (pending, undeclared, stalemate) has a line without amount,
//!   its status saying why: never a zero;
//! - **paid**: each payment dated in the range;
//! - **in_kind**: each delivery dated in the range, valued with the
//!   valuation in force on its date (quantity × unit value, rounded to the
//!   cent), its detail naming the contribution, quantity and unit;
//! - **donation**: each donation dated in the range.
//!
//! The offset of in-kind value against money due is a yearly figure (a
//! share of the year's total due), so it is not a line: the annual statement
//! gives it. Lines come by date, then member, then kind in the order above,
//! then mission.

use crate::calendar::not_before;
use crate::error::Result;
use crate::ids::{ActorId, MissionId};
use crate::labels::{labelled_enum, Labelled};
use crate::ledger::{buckets, mission_lines, valued};
use crate::money::Money;
use crate::network::Network;
use crate::policy::{AssessmentStatus, ContributionPolicy, Parameters};
use chrono::NaiveDate;
use serde::Serialize;

labelled_enum!(
    /// What a line of the accounting export records (more kinds may come:
    /// match with a wildcard arm).
    #[non_exhaustive]
    EntryKind, "ledger entry kind", {
        /// Money due for a mission won.
        Due => "due",
        /// A payment received.
        Paid => "paid",
        /// A contribution delivered in kind, valued.
        InKind => "in_kind",
        /// A donation, recorded beside what is due.
        Donation => "donation",
    }
);

/// One line of the accounting export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LedgerEntry {
    /// The fact's date: the day the mission was won, the payment, delivery or donation's date.
    pub on: NaiveDate,
    /// The member.
    pub member: ActorId,
    /// What the line records.
    pub kind: EntryKind,
    /// The mission, for money due and for a donation made for a mission.
    pub mission: Option<MissionId>,
    /// The amount in euros; `None` only for a mission the policy cannot price yet.
    pub amount: Option<Money>,
    /// For money due, whether the policy could price the mission.
    pub status: Option<AssessmentStatus>,
    /// What the line is about: the provenance of an amount due (and its
    /// guide situation), the payment's reference, the contribution, quantity
    /// and unit of a delivery (empty for a donation).
    pub detail: String,
}

/// The accounting export of `network` over the days `from` (included) to
/// `until` (excluded), missions priced with `policy` under `params` (see the
/// module docs).
///
/// # Errors
/// `date.order.invalid` when `until` precedes `from`;
/// `policy.parameters.not_in_force` when no valuation covers a delivery's
/// date; any error the policy returns for one of the missions;
/// `money.amount.overflow`.
pub fn ledger_entries(
    network: &Network,
    from: NaiveDate,
    until: NaiveDate,
    policy: &dyn ContributionPolicy,
    params: &Parameters,
) -> Result<Vec<LedgerEntry>> {
    not_before(until, from, "from", "until")?;
    let mut entries = Vec::new();
    // Grouped as the ledger groups a year: each member's missions priced together.
    for (member, bucket) in buckets(network, |on| from <= on && on < until, None) {
        for line in mission_lines(network, &bucket.missions, policy, params)? {
            let mut detail = line.provenance.label().to_owned();
            if let Some(situation) = &line.situation {
                detail = format!("{detail} ({situation})");
            }
            entries.push(LedgerEntry {
                on: line.won_on,
                member: member.clone(),
                kind: EntryKind::Due,
                mission: Some(line.mission),
                amount: line.amount,
                status: Some(line.status),
                detail,
            });
        }
        for p in &bucket.payments {
            entries.push(LedgerEntry {
                on: p.on,
                member: member.clone(),
                kind: EntryKind::Paid,
                mission: None,
                amount: Some(p.amount),
                status: None,
                detail: p.reference.clone(),
            });
        }
        for v in valued(&bucket.deliveries, params)? {
            let d = &v.delivery;
            entries.push(LedgerEntry {
                on: d.on,
                member: member.clone(),
                kind: EntryKind::InKind,
                mission: None,
                amount: Some(v.value),
                status: None,
                detail: format!("{} {} {}", d.contribution, d.quantity.normalize(), d.unit.label()),
            });
        }
        for d in &bucket.donations {
            entries.push(LedgerEntry {
                on: d.on,
                member: member.clone(),
                kind: EntryKind::Donation,
                mission: d.mission.clone(),
                amount: Some(d.amount),
                status: None,
                detail: String::new(),
            });
        }
    }
    entries
        .sort_by(|a, b| (a.on, &a.member, a.kind as u8, &a.mission).cmp(&(b.on, &b.member, b.kind as u8, &b.mission)));
    Ok(entries)
}
