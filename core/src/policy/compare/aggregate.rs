//! The aggregator both entry points of the comparison feed: exact sums in
//! cents (or in [`Decimal`] for amounts that are not whole cents), groups by
//! provider, lead origin and situation, and the statistics of the rates.

use super::{Group, PolicySummary, ProvenanceMix, RateStats, Unpriced, NO_SITUATION_KEY};
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
use std::collections::BTreeMap;

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

/// An exact sum.
#[derive(Debug, Clone, Default)]
pub(super) struct Sum {
    cents: i128,
    exact: Decimal,
    overflow: bool,
}

impl Sum {
    #[inline]
    pub(super) fn add(&mut self, a: Amount) {
        match a {
            Amount::Cents(c) => self.cents += i128::from(c),
            Amount::Exact(d) => match self.exact.checked_add(d) {
                Some(v) => self.exact = v,
                None => self.overflow = true,
            },
        }
    }

    fn merge(&mut self, other: &Sum) {
        self.cents += other.cents;
        self.add(Amount::Exact(other.exact));
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

#[derive(Debug, Clone, Default)]
struct GroupAcc {
    missions: u64,
    priced: u64,
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

    fn merge(&mut self, other: &GroupAcc) {
        self.missions += other.missions;
        self.priced += other.priced;
        self.revenue.merge(&other.revenue);
        self.due.merge(&other.due);
    }

    fn finish(&self, key: &str) -> Result<Group> {
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
    name: String,
    priced: u64,
    unpriced: Unpriced,
    unpriced_revenue: Sum,
    due: Sum,
    in_kind: Sum,
    donations: Sum,
    provenance: ProvenanceMix,
    rates: Vec<f64>,
    providers: Vec<GroupAcc>,
    origins: Vec<GroupAcc>,
    bases: Vec<GroupAcc>,
    /// One per dictionary situation, then one for "no situation".
    situations: Vec<GroupAcc>,
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

    pub(super) fn finish(mut self, providers: &[String], dictionary: &[String]) -> Result<PolicySummary> {
        // Providers by id; a dictionary may name one provider twice.
        let mut by_name: BTreeMap<&str, GroupAcc> = BTreeMap::new();
        for (name, g) in providers.iter().zip(&self.providers) {
            if g.missions > 0 {
                by_name.entry(name.as_str()).or_default().merge(g);
            }
        }
        let by_provider = by_name.iter().map(|(name, g)| g.finish(name)).collect::<Result<Vec<_>>>()?;
        let by_lead_origin =
            LeadOrigin::ALL.iter().zip(&self.origins).map(|(o, g)| g.finish(o.label())).collect::<Result<Vec<_>>>()?;
        let by_lead_origin_basis = LeadOriginBasis::ALL
            .iter()
            .zip(&self.bases)
            .map(|(b, g)| g.finish(b.label()))
            .collect::<Result<Vec<_>>>()?;
        let mut by_situation = Vec::with_capacity(self.situations.len());
        for (i, g) in self.situations.iter().enumerate() {
            match dictionary.get(i) {
                Some(id) => by_situation.push(g.finish(id)?),
                None if g.missions > 0 => by_situation.push(g.finish(NO_SITUATION_KEY)?),
                None => {}
            }
        }
        Ok(PolicySummary {
            policy: self.name,
            priced: self.priced,
            unpriced: self.unpriced,
            unpriced_revenue: self.unpriced_revenue.total()?,
            total_due: self.due.total()?,
            in_kind_credit: self.in_kind.total()?,
            donations: self.donations.total()?,
            effective_rate: rate_stats(&mut self.rates),
            provenance: self.provenance,
            by_provider,
            by_lead_origin,
            by_lead_origin_basis,
            by_situation,
        })
    }
}

/// The `p` quantile of sorted values, interpolated linearly (numpy's default).
pub(super) fn quantile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor();
    let i = lo as usize;
    let a = sorted.get(i).copied().unwrap_or(0.0);
    let b = sorted.get(i + 1).copied().unwrap_or(a);
    a + (h - lo) * (b - a)
}

/// Sorts in the order of [`f64::total_cmp`]: a least-significant-digit radix
/// sort on order-preserving keys for long lists (millions of rates sort in a
/// few passes, skipping the bytes all keys share), a comparison sort otherwise.
pub(super) fn sort_rates(rates: &mut [f64]) {
    if rates.len() < 4096 {
        rates.sort_unstable_by(f64::total_cmp);
        return;
    }
    const SIGN: u64 = 1 << 63;
    let key = |x: f64| {
        let b = x.to_bits();
        if b & SIGN != 0 {
            !b
        } else {
            b | SIGN
        }
    };
    let mut keys: Vec<u64> = rates.iter().map(|&x| key(x)).collect();
    // Every byte's histogram in one scan.
    let mut histograms = [[0usize; 256]; 8];
    for &k in &keys {
        for (byte, h) in k.to_le_bytes().iter().zip(histograms.iter_mut()) {
            if let Some(c) = h.get_mut(usize::from(*byte)) {
                *c += 1;
            }
        }
    }
    let mut sorted = vec![0u64; keys.len()];
    for (shift, counts) in (0..64).step_by(8).zip(histograms.iter_mut()) {
        if counts.contains(&keys.len()) {
            continue; // every key has this byte: the pass would not move anything
        }
        let mut next = 0;
        for c in counts.iter_mut() {
            (*c, next) = (next, next + *c);
        }
        for &k in &keys {
            if let Some(at) = counts.get_mut(usize::from((k >> shift) as u8)) {
                if let Some(slot) = sorted.get_mut(*at) {
                    *slot = k;
                }
                *at += 1;
            }
        }
        std::mem::swap(&mut keys, &mut sorted);
    }
    for (x, k) in rates.iter_mut().zip(keys) {
        *x = f64::from_bits(if k & SIGN != 0 { k & !SIGN } else { !k });
    }
}

/// Statistics of the rates (sorted in place). Every figure depends only on
/// the multiset of rates, not on their order.
pub(super) fn rate_stats(rates: &mut [f64]) -> Option<RateStats> {
    sort_rates(rates);
    let (&min, &max) = (rates.first()?, rates.last()?);
    let n = rates.len() as f64;
    let sum: f64 = rates.iter().sum();
    let gini = if sum > 0.0 {
        let weighted: f64 = rates.iter().enumerate().map(|(i, x)| (2.0 * (i as f64 + 1.0) - n - 1.0) * (x - min)).sum();
        weighted / (n * sum)
    } else {
        0.0
    };
    Some(RateStats {
        count: rates.len() as u64,
        mean: sum / n,
        min,
        p10: quantile(rates, 0.1),
        median: quantile(rates, 0.5),
        p90: quantile(rates, 0.9),
        max,
        gini,
    })
}
