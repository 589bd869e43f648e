//! The pass of a sweep ([`crate::policy::sweep`]): the rows read once into
//! keys, then each variant's amounts computed and summed in one loop.
//!
//! A sweep's variants change rates (and floors and caps), never the periods
//! of the parameters nor the guide's criteria. So a row's segment (the
//! period it was won in), its guide situation and its lead origin are the
//! same under every variant: they are folded once into one small key per
//! row. A variant is then a table from key to rate numerator (over the
//! variant's common `10^scale`), and its pass reads two columns (revenue and
//! key): `due = round_half_away(revenue × numerator / 10^scale)`, exactly
//! as the amounts kernels compute it, raised to the floor (never above the
//! revenue) and lowered to the cap; each amount is summed into its key's
//! total and its effective rate handed to a [`RateSink`], without storing
//! the amounts.
//!
//! The rows qualify once, under the base parameters: the flat rate or the
//! guide, every row in the parameters' span, with a known lead origin, a
//! non-negative revenue and, for the guide, a situation. A variant qualifies
//! when its segments are the base's and its largest revenue is within its
//! kernels' limit ([`i64::MAX`] / `10^scale`). Anything else takes the
//! evaluator, row by row where needed, with the same results.

use super::columns::{MissionColumns, Span};
use super::integer::{by_scale, div_round, numerator, pow10, Bounds, Kernel, NoBound, SegSel};
use super::output::{BuiltinPolicy, Kind};
use super::segments::Segments;
use super::{MAX_FAST_SCALE, NO_SITUATION};
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::policy::guide::{Guide, Situation};
use crate::policy::params::Parameters;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Where a pass hands the effective rate (amount due over revenue) of each
/// row with a revenue.
pub(crate) trait RateSink {
    /// One rate.
    fn push(&mut self, rate: f64);
}

/// The lead origins a key tells apart.
const ORIGINS: usize = LeadOrigin::ALL.len();

/// The rows of a sweep, keyed once.
pub(crate) struct SweepRows<'c> {
    revenue: &'c [i64],
    /// Each row's key: `(segment × situations + situation) × ORIGINS + origin`,
    /// the situation [`NO_SITUATION`] counted as the last one.
    keys: Vec<u16>,
    /// The situations of the dictionary, plus one for none.
    situations: usize,
    kind: Kind,
    bounds: Vec<i32>,
    span: Span,
    /// The largest revenue.
    max_revenue: i64,
}

/// A floor and a cap on each amount, in cents (`0` and `i64::MAX`: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Clamp {
    /// Amounts are raised to this, never above the revenue.
    pub(crate) floor: i64,
    /// Then lowered to this.
    pub(crate) cap: i64,
}

impl Clamp {
    /// No floor, no cap.
    pub(crate) const NONE: Clamp = Clamp { floor: 0, cap: i64::MAX };
}

/// What a pass sums: the amounts of each key.
pub(crate) struct KeySums {
    sums: Vec<i128>,
}

impl<'c> SweepRows<'c> {
    /// The rows of `cols` keyed under `policy` and `base`, whose guide
    /// situations are `situations` (codes into a dictionary of
    /// `dictionary` entries); `None` when a row or the policy does not
    /// qualify (see the module docs). The caller has checked that the rows
    /// evaluate without error under `base`.
    pub(crate) fn new(
        policy: &BuiltinPolicy,
        base: &Parameters,
        cols: &MissionColumns<'c>,
        situations: &[u16],
        dictionary: usize,
    ) -> Option<SweepRows<'c>> {
        let kind = policy.kind();
        if !matches!(kind, Kind::Flat | Kind::Guide) {
            return None;
        }
        let segments = Segments::new(kind, base);
        segments.scale?;
        let n = cols.len();
        if [cols.won_on.len(), cols.lead_origin.len(), situations.len()].iter().any(|&len| len != n) {
            return None;
        }
        let per_segment = (dictionary + 1).checked_mul(ORIGINS)?;
        let count = per_segment.checked_mul(segments.bounds.len() + 1)?;
        if count > usize::from(u16::MAX) + 1 {
            return None;
        }
        let (span, bounds) = (segments.span, Bounds(&segments.bounds));
        let guide = matches!(kind, Kind::Guide);
        let mut keys = Vec::with_capacity(n);
        let mut bad = false;
        let mut max_revenue = 0i64;
        let rows = cols.revenue_cents.iter().zip(cols.won_on).zip(cols.lead_origin).zip(situations);
        for (((&r, &day), &origin), &situation) in rows {
            let none = situation == NO_SITUATION;
            bad |= r < 0 || span.outside(day) || usize::from(origin) >= ORIGINS || (guide && none);
            max_revenue = max_revenue.max(r);
            let situation = if none { dictionary } else { usize::from(situation).min(dictionary) };
            let key = bounds.seg(day) * per_segment + situation * ORIGINS + usize::from(origin).min(ORIGINS - 1);
            keys.push(u16::try_from(key).unwrap_or(0));
        }
        if bad {
            return None;
        }
        Some(SweepRows {
            revenue: cols.revenue_cents,
            keys,
            situations: dictionary + 1,
            kind,
            bounds: segments.bounds,
            span,
            max_revenue,
        })
    }

    /// The segments of `params`, when they are the rows' (a variant changes
    /// rates, never periods) and `dictionary` is the rows' own.
    fn segments<'p>(&self, params: &'p Parameters, dictionary: &[String]) -> Option<Segments<'p>> {
        let segments = Segments::new(self.kind, params);
        let same = segments.bounds == self.bounds && segments.span == self.span;
        (same && dictionary.len() + 1 == self.situations).then_some(segments)
    }

    /// The numerator of each key under `params`, and the scale; `None`
    /// when the variant does not qualify.
    fn numerators(&self, params: &Parameters, dictionary: &[String]) -> Option<(Vec<i64>, u32)> {
        let segments = self.segments(params, dictionary)?;
        let scale = segments.scale?;
        if self.max_revenue > i64::MAX / pow10(scale) {
            return None;
        }
        let at_scale = |d: Decimal| numerator(d, scale);
        let mut nums = Vec::with_capacity((self.bounds.len() + 1) * self.situations * ORIGINS);
        for (flat, guide) in segments.flat_rates.iter().zip(&segments.guides) {
            for situation in dictionary.iter().map(Some).chain([None]) {
                let num = match (self.kind, situation) {
                    (Kind::Flat, _) => flat.and_then(at_scale).unwrap_or(0),
                    (_, id) => situation_in(*guide, id).and_then(|s| at_scale(s.rate)).unwrap_or(0),
                };
                nums.extend([num; ORIGINS]);
            }
        }
        Some((nums, scale))
    }

    /// One variant's pass: the amounts under `params` (rates, with the
    /// situations of `dictionary`), clamped by `clamp`, summed by key, and
    /// their effective rates handed to `rates`; `None` (nothing summed,
    /// nothing handed) when the variant does not qualify.
    pub(crate) fn pass<R: RateSink>(
        &self,
        params: &Parameters,
        dictionary: &[String],
        clamp: Clamp,
        rates: &mut R,
    ) -> Option<KeySums> {
        let (nums, scale) = self.numerators(params, dictionary)?;
        let mut sums = vec![0i128; nums.len()];
        let mut pass = Pass { revenue: self.revenue, keys: &self.keys, nums: &nums, clamp, sums: &mut sums, rates };
        // The segment is in the key: no bound to look up.
        by_scale(&mut pass, scale, NoBound)?;
        Some(KeySums { sums })
    }

    /// The in-kind rate of each segment and situation under `params`, the
    /// key of [`SweepRows::in_kind_total`] (zeros under the flat rate, which
    /// recognises nothing in kind); `None` when the variant does not qualify.
    pub(crate) fn in_kind_rates(&self, params: &Parameters, dictionary: &[String]) -> Option<Vec<Decimal>> {
        let segments = self.segments(params, dictionary)?;
        let guide = matches!(self.kind, Kind::Guide);
        let mut rates = Vec::with_capacity(segments.guides.len() * self.situations);
        for g in &segments.guides {
            for situation in dictionary.iter().map(Some).chain([None]) {
                let rate = situation_in(*g, situation).filter(|_| guide).map_or(Decimal::ZERO, |s| s.in_kind_rate);
                rates.push(rate.normalize());
            }
        }
        Some(rates)
    }

    /// The in-kind credit of every row under `rates` (as
    /// [`SweepRows::in_kind_rates`] gives them), in cents: each row's
    /// `round_half_away(revenue × rate)`, as the guide computes it; `None`
    /// when a rate has too many decimals for the kernels, or a revenue is
    /// beyond their limit.
    pub(crate) fn in_kind_total(&self, rates: &[Decimal]) -> Option<i128> {
        if rates.iter().all(Decimal::is_zero) {
            return Some(0);
        }
        let scale = rates.iter().map(Decimal::scale).max()?;
        if scale > MAX_FAST_SCALE || self.max_revenue > i64::MAX / pow10(scale) {
            return None;
        }
        let nums = rates.iter().flat_map(|&rate| [numerator(rate, scale); ORIGINS]).collect::<Option<Vec<i64>>>()?;
        let mut sums = vec![0i128; nums.len()];
        let mut pass = Pass {
            revenue: self.revenue,
            keys: &self.keys,
            nums: &nums,
            clamp: Clamp::NONE,
            sums: &mut sums,
            rates: &mut NoSink,
        };
        by_scale(&mut pass, scale, NoBound)?;
        Some(sums.iter().sum())
    }

    /// The total of `sums`, by lead origin (in the order of
    /// [`LeadOrigin::ALL`]) and by situation (in the dictionary's order;
    /// rows without one are in none), in cents.
    pub(crate) fn totals(&self, sums: &KeySums) -> (i128, Vec<i128>, Vec<i128>) {
        let mut by_origin = vec![0i128; ORIGINS];
        let mut by_situation = vec![0i128; self.situations];
        for (key, &sum) in sums.sums.iter().enumerate() {
            if let Some(slot) = by_origin.get_mut(key % ORIGINS) {
                *slot += sum;
            }
            if let Some(slot) = by_situation.get_mut(key / ORIGINS % self.situations) {
                *slot += sum;
            }
        }
        by_situation.pop();
        (sums.sums.iter().sum(), by_origin, by_situation)
    }
}

/// The situation `id` of `guide`, if both are there.
fn situation_in<'g>(guide: Option<&'g Arc<Guide>>, id: Option<&String>) -> Option<&'g Situation> {
    guide?.situations().iter().find(|s| Some(&s.id) == id)
}

/// Rates not wanted (a total alone).
pub(crate) struct NoSink;

impl RateSink for NoSink {
    #[inline(always)]
    fn push(&mut self, _: f64) {}
}

/// The loop of [`SweepRows::pass`], one instantiation per scale.
struct Pass<'a, R> {
    revenue: &'a [i64],
    keys: &'a [u16],
    nums: &'a [i64],
    clamp: Clamp,
    sums: &'a mut [i128],
    rates: &'a mut R,
}

impl<R: RateSink> Kernel for Pass<'_, R> {
    #[inline(never)]
    fn run<const S: u32, Sel: SegSel>(&mut self, _: Sel) -> bool {
        // Everything the loop touches in locals: the compiler keeps them in registers.
        let (revenue, keys, nums, clamp) = (self.revenue, self.keys, self.nums, self.clamp);
        let (sums, rates) = (&mut *self.sums, &mut *self.rates);
        for (&r, &k) in revenue.iter().zip(keys) {
            let num = nums.get(usize::from(k)).copied().unwrap_or(0);
            // Within the limit: the product fits, and the amount is at most the revenue.
            let (d, _) = div_round::<S>(r.wrapping_mul(num));
            let d = d.max(clamp.floor.min(r)).min(clamp.cap);
            if let Some(slot) = sums.get_mut(usize::from(k)) {
                *slot += i128::from(d);
            }
            if r > 0 {
                rates.push(d as f64 / r as f64);
            }
        }
        false
    }
}
