//! The aggregator both entry points of the comparison feed: exact sums in
//! cents (or in [`Decimal`] for amounts that are not whole cents), groups by
//! provider, lead origin and situation, and the statistics of the rates.

use super::{Group, ProvenanceMix, Unpriced};
use crate::error::{Error, Result};
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::money::Money;
use crate::origin::LeadOriginBasis;
use crate::policy::batch::{
    COMPUTED, DECLARED, MODELLED, NEGOTIATED, NO_SITUATION, PENDING, PRICED, STALEMATE, UNDECLARED,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

// ---- the aggregator --------------------------------------------------------------------

/// An amount as the aggregator sees it: whole cents (always, from columns) or exact.
#[derive(Debug, Clone, Copy)]
pub(super) enum Amount {
    Cents(i64),
    Exact(Decimal),
}

impl Amount {
    #[inline]
    pub(super) fn of(m: Money) -> Amount {
        match m.to_cents() {
            Some(c) => Amount::Cents(c),
            None => Amount::Exact(m.amount()),
        }
    }

    fn decimal(self) -> Decimal {
        match self {
            Amount::Cents(c) => Decimal::new(c, 2),
            Amount::Exact(d) => d,
        }
    }
}

/// An exact sum: whole cents in 128 bits, and the amounts that are not whole
/// cents in a [`Decimal`]. Written as `{"cents": "…", "exact": "…"}` (and
/// `"overflow": true` once a sum has left the decimal range).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Sum {
    #[serde(with = "i128_text")]
    cents: i128,
    #[serde(with = "rust_decimal::serde::str")]
    exact: Decimal,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    overflow: bool,
}

/// 128-bit integers as decimal strings (JSON numbers lose precision beyond 53 bits in most readers).
mod i128_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &i128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i128, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|_| serde::de::Error::custom(format!("not a whole number of cents: {text:?}")))
    }
}

impl Sum {
    #[inline]
    pub(super) fn add(&mut self, a: Amount) {
        match a {
            Amount::Cents(c) => match self.cents.checked_add(i128::from(c)) {
                Some(v) => self.cents = v,
                None => self.overflow = true,
            },
            Amount::Exact(d) => match self.exact.checked_add(d) {
                Some(v) => self.exact = v,
                None => self.overflow = true,
            },
        }
    }

    pub(super) fn merge(&mut self, other: &Sum) {
        match self.cents.checked_add(other.cents) {
            Some(v) => self.cents = v,
            None => self.overflow = true,
        }
        if !other.exact.is_zero() {
            self.add(Amount::Exact(other.exact));
        }
        self.overflow |= other.overflow;
    }

    pub(super) fn total(&self) -> Result<Decimal> {
        let overflow = || Error::AmountOverflow("a comparison total".into());
        if self.overflow {
            return Err(overflow());
        }
        let cents = Decimal::try_from_i128_with_scale(self.cents, 2).map_err(|_| overflow())?;
        let mut total = cents.checked_add(self.exact).ok_or_else(overflow)?;
        if total.scale() < 2 {
            // Euros with cents, `0.00` included.
            total.rescale(2);
        }
        Ok(total)
    }
}

/// The effective rate of a priced mission, if its revenue is above zero.
fn effective_rate(due: Amount, revenue: Amount) -> Option<f64> {
    match (due, revenue) {
        (Amount::Cents(d), Amount::Cents(r)) => (r > 0).then(|| d as f64 / r as f64),
        _ => {
            let r = revenue.decimal();
            if r <= Decimal::ZERO {
                return None;
            }
            due.decimal().checked_div(r)?.to_f64()
        }
    }
}

/// One mission under one policy.
#[derive(Debug, Clone, Copy)]
pub(super) struct Row {
    pub(super) provider: usize,
    pub(super) origin: usize,
    /// Index into [`LeadOriginBasis::ALL`].
    pub(super) basis: usize,
    pub(super) situation: u16,
    pub(super) revenue: Amount,
    pub(super) status: u8,
    pub(super) provenance: u8,
    pub(super) due: Amount,
    pub(super) in_kind: Amount,
    pub(super) donations: Amount,
}

/// The totals of a group of missions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupAcc {
    pub(super) missions: u64,
    pub(super) priced: u64,
    revenue: Sum,
    due: Sum,
}

impl GroupAcc {
    #[inline]
    fn add(&mut self, row: &Row, priced: bool) {
        self.missions += 1;
        self.revenue.add(row.revenue);
        if priced {
            self.priced += 1;
            self.due.add(row.due);
        }
    }

    /// Adds `other`'s totals; `None` if a count overflows.
    pub(super) fn merge(&mut self, other: &GroupAcc) -> Option<()> {
        self.missions = self.missions.checked_add(other.missions)?;
        self.priced = self.priced.checked_add(other.priced)?;
        self.revenue.merge(&other.revenue);
        self.due.merge(&other.due);
        Some(())
    }

    pub(super) fn finish(&self, key: &str) -> Result<Group> {
        Ok(Group {
            key: key.to_owned(),
            missions: self.missions,
            priced: self.priced,
            revenue: self.revenue.total()?,
            due: self.due.total()?,
        })
    }
}

/// The aggregator both entry points feed, one per policy.
#[derive(Debug, Clone)]
pub(super) struct PolicyAcc {
    pub(super) name: String,
    pub(super) priced: u64,
    pub(super) unpriced: Unpriced,
    pub(super) unpriced_revenue: Sum,
    pub(super) due: Sum,
    pub(super) in_kind: Sum,
    pub(super) donations: Sum,
    pub(super) provenance: ProvenanceMix,
    pub(super) rates: Vec<f64>,
    pub(super) providers: Vec<GroupAcc>,
    pub(super) origins: Vec<GroupAcc>,
    pub(super) bases: Vec<GroupAcc>,
    /// One per dictionary situation, then one for "no situation".
    pub(super) situations: Vec<GroupAcc>,
}

impl PolicyAcc {
    pub(super) fn new(name: &str, providers: usize, situations: usize, rows: usize) -> PolicyAcc {
        PolicyAcc {
            name: name.to_owned(),
            priced: 0,
            unpriced: Unpriced::default(),
            unpriced_revenue: Sum::default(),
            due: Sum::default(),
            in_kind: Sum::default(),
            donations: Sum::default(),
            provenance: ProvenanceMix::default(),
            rates: Vec::with_capacity(rows),
            providers: vec![GroupAcc::default(); providers],
            origins: vec![GroupAcc::default(); LeadOrigin::ALL.len()],
            bases: vec![GroupAcc::default(); LeadOriginBasis::ALL.len()],
            situations: vec![GroupAcc::default(); situations + 1],
        }
    }

    #[inline]
    pub(super) fn add(&mut self, row: &Row) {
        let priced = row.status == PRICED;
        if priced {
            self.priced += 1;
            self.due.add(row.due);
            match row.provenance {
                COMPUTED => self.provenance.computed += 1,
                DECLARED => self.provenance.declared += 1,
                NEGOTIATED => self.provenance.negotiated += 1,
                MODELLED => self.provenance.modelled += 1,
                _ => {}
            }
            if let Some(rate) = effective_rate(row.due, row.revenue) {
                self.rates.push(rate);
            }
        } else {
            self.unpriced_revenue.add(row.revenue);
            match row.status {
                PENDING => self.unpriced.pending += 1,
                UNDECLARED => self.unpriced.undeclared += 1,
                STALEMATE => self.unpriced.stalemate += 1,
                _ => {}
            }
        }
        self.in_kind.add(row.in_kind);
        self.donations.add(row.donations);
        if let Some(g) = self.providers.get_mut(row.provider) {
            g.add(row, priced);
        }
        if let Some(g) = self.origins.get_mut(row.origin) {
            g.add(row, priced);
        }
        if let Some(g) = self.bases.get_mut(row.basis) {
            g.add(row, priced);
        }
        let last = self.situations.len().saturating_sub(1);
        let s = if row.situation == NO_SITUATION { last } else { usize::from(row.situation).min(last) };
        if let Some(g) = self.situations.get_mut(s) {
            g.add(row, priced);
        }
    }
}

/// The error of counts that do not fit 64 bits.
pub(super) fn counts_overflow() -> Error {
    Error::SummaryInvalid("a count of missions does not fit 64 bits".into())
}
