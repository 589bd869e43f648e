//! The effective rates of a summary, kept so that summaries merge.
//!
//! A [`RateDistribution`] made from missions holds every rate: its figures
//! are exact, those [`RateStats`] documents. Merged with others, it keeps
//! every rate while there are at most [`EXACT_RATES`] in all; beyond, it
//! holds a histogram over the rate's
//! binary form cut to [`RATE_BUCKET_BITS`] bits of mantissa: each bucket
//! spans values within a factor `1 + 2⁻¹²` of each other, and stands for
//! its midpoint (kept within the exact minimum and maximum). Two
//! histograms merge by adding their counts, so merging is exact on the
//! histogram; the figures read from it are bounded:
//!
//! - count, minimum and maximum: exact;
//! - mean: the sum of the rates in `f64`, summed part by part (its last bits
//!   depend on how the missions were split);
//! - each quantile: within a relative error of [`RATE_RELATIVE_ERROR`]
//!   (`2⁻¹³`, about 0.012 %) of the exact one, since each order statistic
//!   is, and interpolating between two keeps the bound;
//! - the Gini coefficient: within [`RATE_RELATIVE_ERROR`] of the exact one,
//!   as an absolute difference: replacing each rate `x` by a value within
//!   `α·x` moves `Σᵢⱼ|xᵢ − xⱼ|` by at most `2α·n²·x̄`, and the coefficient
//!   divides it by `2n²·x̄` (the exact sum is kept).
//!
//! A histogram of a million rates of one policy takes a few thousand
//! buckets (the rates of a policy span a few powers of two); merging a
//! thousand of them adds counts into one dense array, and a part that keeps
//! its rates is cut into buckets on the way.

use super::RateStats;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Up to this many rates in all, merged distributions keep every rate and
/// their figures stay exact (a distribution made from missions keeps them
/// all, whatever their number).
pub const EXACT_RATES: usize = 1 << 16;

/// Bits of mantissa a histogram bucket keeps.
pub const RATE_BUCKET_BITS: u32 = 12;

/// The bound on the relative error of a quantile, and on the absolute error
/// of the Gini coefficient, read from a histogram: half a bucket, `2⁻¹³`.
pub const RATE_RELATIVE_ERROR: f64 = 1.0 / 8192.0;

/// The bits dropped from an `f64` to make a bucket key.
const SHIFT: u32 = 52 - RATE_BUCKET_BITS;

/// The widest span of keys merged in a dense array (32 MiB of counts): the
/// keys of 0 and of 5 % lie about 2²² apart.
const DENSE_SPAN: u64 = 1 << 22;

/// The effective rates of the priced missions of one policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateDistribution {
    count: u64,
    sum: f64,
    min: f64,
    max: f64,
    /// Every rate, sorted, when they are all kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exact: Option<Vec<f64>>,
    /// The histogram, always (so that merging never cuts rates into buckets
    /// again): bucket keys, increasing, and their counts.
    buckets: Vec<(u32, u64)>,
}

/// The sign bit of an `f64`.
const SIGN: u64 = 1 << 63;

/// The bits of `x` as an integer in the order of [`f64::total_cmp`].
fn ordered(x: f64) -> u64 {
    let b = x.to_bits();
    if b & SIGN != 0 {
        !b
    } else {
        b | SIGN
    }
}

/// The `f64` whose [`ordered`] bits are `k`.
fn from_ordered(k: u64) -> f64 {
    f64::from_bits(if k & SIGN != 0 { k & !SIGN } else { !k })
}

/// The key of an `f64` in the order of [`f64::total_cmp`], cut to its bucket.
fn key(x: f64) -> u32 {
    // 64 − SHIFT = 24 bits: the cut key fits.
    u32::try_from(ordered(x) >> SHIFT).unwrap_or(u32::MAX)
}

/// The lowest `f64` of a bucket (in the order of [`key`]).
fn lowest(key: u32) -> f64 {
    from_ordered(u64::from(key) << SHIFT)
}

impl RateDistribution {
    /// The distribution of `rates` (any order), every rate kept.
    pub(crate) fn of(mut rates: Vec<f64>) -> RateDistribution {
        sort_rates(&mut rates);
        let count = rates.len() as u64;
        let sum = rates.iter().sum();
        let (min, max) = (rates.first().copied().unwrap_or(0.0), rates.last().copied().unwrap_or(0.0));
        let buckets = histogram(&rates);
        RateDistribution { count, sum, min, max, exact: Some(rates), buckets }
    }

    /// The number of rates.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Whether the figures are exact (every rate is kept).
    pub fn is_exact(&self) -> bool {
        self.exact.is_some()
    }

    /// The distribution of the rates of all `parts`: exact when every part
    /// is and there are at most `limit` rates in all, else a histogram.
    pub(super) fn merge(parts: &[&RateDistribution], limit: usize) -> RateDistribution {
        let count: u64 = parts.iter().map(|p| p.count).sum();
        let sum = parts.iter().map(|p| p.sum).sum();
        let filled = parts.iter().filter(|p| p.count > 0);
        let min = filled.clone().map(|p| p.min).reduce(f64::min).unwrap_or(0.0);
        let max = filled.map(|p| p.max).reduce(f64::max).unwrap_or(0.0);
        let lists: Vec<&[(u32, u64)]> = parts.iter().map(|p| p.buckets.as_slice()).collect();
        let buckets = add_buckets(&lists);
        let exact = (count <= limit as u64 && parts.iter().all(|p| p.exact.is_some())).then(|| {
            let mut rates: Vec<f64> = parts.iter().flat_map(|p| p.exact.iter().flatten().copied()).collect();
            sort_rates(&mut rates);
            rates
        });
        RateDistribution { count, sum, min, max, exact, buckets }
    }

    /// The statistics of the rates: exact when every rate is kept, else read
    /// from the histogram within the bounds of this module.
    pub fn stats(&self) -> Option<RateStats> {
        if let Some(rates) = &self.exact {
            return sorted_rate_stats(rates);
        }
        if self.count == 0 {
            return None;
        }
        let n = self.count;
        let value = |key: u32| {
            let (lo, hi) = (lowest(key), lowest(key.saturating_add(1)));
            let mid = lo + (hi - lo) / 2.0;
            if mid.is_finite() {
                mid.clamp(self.min, self.max)
            } else {
                lo.clamp(self.min, self.max)
            }
        };
        // The value of the rate of rank `r` (0-based).
        let at = |r: u64| {
            let mut seen = 0;
            for &(k, c) in &self.buckets {
                seen += c;
                if r < seen {
                    return value(k);
                }
            }
            self.max
        };
        let quantile = |p: f64| {
            let h = (n - 1) as f64 * p;
            let lo = h.floor();
            let i = lo as u64;
            let (a, b) = (at(i), if i + 1 < n { at(i + 1) } else { at(i) });
            a + (h - lo) * (b - a)
        };
        // Σᵢ (2i − n − 1)·x₍ᵢ₎ over ranks i = 1..n, a bucket of c rates
        // starting after rank r0 giving c(2·r0 + c − n)·x.
        let mut weighted = 0.0;
        let mut before = 0u64;
        for &(k, c) in &self.buckets {
            let w = c as f64 * (2.0 * before as f64 + c as f64 - n as f64);
            weighted += w * value(k);
            before += c;
        }
        let gini = if self.sum > 0.0 { (weighted / (n as f64 * self.sum)).max(0.0) } else { 0.0 };
        Some(RateStats {
            count: n,
            mean: self.sum / n as f64,
            min: self.min,
            p10: quantile(0.1),
            median: quantile(0.5),
            p90: quantile(0.9),
            max: self.max,
            gini,
        })
    }

    /// Checks a distribution read from outside: counts, order, finite values.
    pub(super) fn check(&self) -> Result<(), String> {
        let finite = [self.sum, self.min, self.max].iter().all(|x| x.is_finite());
        if !finite || self.min > self.max {
            return Err("a rate distribution has a sum, minimum or maximum that is not a finite range".into());
        }
        let increasing = self.buckets.windows(2).all(|w| matches!(w, [(a, _), (b, _)] if a < b));
        let total = self.buckets.iter().try_fold(0u64, |t, (_, c)| t.checked_add(*c).filter(|_| *c > 0));
        if !increasing || total != Some(self.count) {
            return Err("a rate histogram's buckets are not increasing, or do not count its rates".into());
        }
        let inside = |k: u32| (key(self.min)..=key(self.max)).contains(&k);
        if self.count > 0
            && !self.buckets.first().zip(self.buckets.last()).is_some_and(|(a, b)| inside(a.0) && inside(b.0))
        {
            return Err("a rate histogram's buckets lie outside its minimum and maximum".into());
        }
        if let Some(rates) = &self.exact {
            let sorted = rates.windows(2).all(|w| matches!(w, [a, b] if a.total_cmp(b).is_le()));
            if rates.len() as u64 != self.count || !sorted {
                return Err("a rate distribution's rates are not its count of sorted rates".into());
            }
            if rates.iter().any(|x| !x.is_finite()) {
                return Err("a rate distribution holds a rate that is not finite".into());
            }
            if rates.first().is_some_and(|m| *m != self.min) || rates.last().is_some_and(|m| *m != self.max) {
                return Err("a rate distribution's minimum or maximum is not its rates'".into());
            }
            if histogram(rates) != self.buckets {
                return Err("a rate distribution's histogram is not that of its rates".into());
            }
        }
        Ok(())
    }
}

/// The rates from 2⁻²⁴ (about 6·10⁻⁸) up to and including 1, where a
/// [`RateCounter`] counts in a dense array: 24 powers of two, 4,096 keys
/// each (768 KiB of counts).
const WINDOW_FLOOR: f64 = 1.0 / 16_777_216.0;

/// Counts rates one at a time into the histogram of a [`RateDistribution`],
/// without keeping them (a sweep makes one per variant). Rates in the
/// window of effective rates (2⁻²⁴ to 1) go to a dense array; zeros and any
/// other rate to a map. The caller keeps the count, sum, minimum and
/// maximum (in registers, where a loop keeps them best) and hands them to
/// [`RateCounter::take`]. Rates are finite.
#[derive(Debug, Clone)]
pub(crate) struct RateCounter {
    /// The key of [`WINDOW_FLOOR`]: the first slot of `window`.
    first: u32,
    window: Vec<u64>,
    outside: BTreeMap<u32, u64>,
}

impl RateCounter {
    /// An empty counter.
    pub(crate) fn new() -> RateCounter {
        let first = key(WINDOW_FLOOR);
        let len = (key(1.0) - first) as usize + 1;
        RateCounter { first, window: vec![0; len], outside: BTreeMap::new() }
    }

    /// The bucket of a rate.
    #[inline(always)]
    pub(crate) fn bucket(rate: f64) -> u32 {
        key(rate)
    }

    /// Counts `n` rates in bucket `k` (the caller counts a run of rates of
    /// one bucket in a register: the rates of a flat rate mostly share one).
    #[inline(always)]
    pub(crate) fn add(&mut self, k: u32, n: u64) {
        if n == 0 {
            return;
        }
        match self.window.get_mut(k.wrapping_sub(self.first) as usize) {
            Some(slot) => *slot += n,
            None => *self.outside.entry(k).or_default() += n,
        }
    }

    /// The distribution of the `count` rates counted, of sum `sum`, lowest
    /// `min` and highest `max`: the histogram alone. The counter is left
    /// empty, its array kept for the next.
    pub(crate) fn take(&mut self, count: u64, sum: f64, min: f64, max: f64) -> RateDistribution {
        let first = self.first;
        let below = self.outside.range(..first).map(|(&k, &c)| (k, c));
        let inside =
            (first..).zip(self.window.iter_mut()).filter(|(_, c)| **c > 0).map(|(k, c)| (k, std::mem::take(c)));
        let above = self.outside.range(first..).map(|(&k, &c)| (k, c));
        let buckets: Vec<(u32, u64)> = below.chain(inside).chain(above).collect();
        let (min, max) = if count == 0 { (0.0, 0.0) } else { (min, max) };
        self.outside.clear();
        RateDistribution { count, sum, min, max, exact: None, buckets }
    }
}

/// The histogram of sorted rates.
fn histogram(sorted: &[f64]) -> Vec<(u32, u64)> {
    let mut buckets: Vec<(u32, u64)> = Vec::new();
    for &x in sorted {
        let k = key(x);
        match buckets.last_mut() {
            Some((last, c)) if *last == k => *c += 1,
            _ => buckets.push((k, 1)),
        }
    }
    buckets
}

/// The sum of histograms: in a dense array over their span of keys when it
/// is narrow enough, else in a map.
fn add_buckets(lists: &[&[(u32, u64)]]) -> Vec<(u32, u64)> {
    let keys = lists.iter().flat_map(|l| l.first().into_iter().chain(l.last())).map(|(k, _)| *k);
    let (Some(lo), Some(hi)) = (keys.clone().min(), keys.max()) else { return Vec::new() };
    let span = u64::from(hi - lo) + 1;
    let entries: usize = lists.iter().map(|l| l.len()).sum();
    // Dense when the array is not much larger than the entries added into it.
    if span <= DENSE_SPAN && span <= (entries as u64).saturating_mul(8).max(1 << 16) {
        let mut counts = vec![0u64; usize::try_from(span).unwrap_or(0)];
        for list in lists {
            for &(k, c) in list.iter() {
                if let Some(slot) = counts.get_mut((k - lo) as usize) {
                    *slot += c;
                }
            }
        }
        return (lo..=hi).zip(counts).filter(|(_, c)| *c > 0).collect();
    }
    let mut map: BTreeMap<u32, u64> = BTreeMap::new();
    for list in lists {
        for &(k, c) in list.iter() {
            *map.entry(k).or_default() += c;
        }
    }
    map.into_iter().collect()
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
    let mut keys: Vec<u64> = rates.iter().map(|&x| ordered(x)).collect();
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
        *x = from_ordered(k);
    }
}

/// Statistics of the rates (sorted in place). Every figure depends only on
/// the multiset of rates, not on their order.
#[cfg(test)]
pub(super) fn rate_stats(rates: &mut [f64]) -> Option<RateStats> {
    sort_rates(rates);
    sorted_rate_stats(rates)
}

/// Statistics of rates sorted in the order of [`f64::total_cmp`].
pub(super) fn sorted_rate_stats(rates: &[f64]) -> Option<RateStats> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rates(n: usize, seed: u64) -> Vec<f64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                // Rates between 0 and 9%, some exactly 0, some repeated.
                let r = (x >> 40) as f64 / (1u64 << 24) as f64 * 0.09;
                if x % 17 == 0 {
                    0.0
                } else if x % 5 == 0 {
                    0.05
                } else {
                    r
                }
            })
            .collect()
    }

    fn close(a: f64, b: f64, relative: f64) -> bool {
        (a - b).abs() <= relative * b.abs().max(1e-300)
    }

    #[test]
    fn a_bucket_holds_values_within_its_bound_of_its_midpoint() {
        for x in [1e-9, 0.0123, 0.05, 0.0799, 0.5, 1.0, 3.7] {
            let k = key(x);
            let (lo, hi) = (lowest(k), lowest(k + 1));
            assert!(lo <= x && x < hi, "{x}: {lo}..{hi}");
            let mid = lo + (hi - lo) / 2.0;
            assert!((mid - x).abs() <= RATE_RELATIVE_ERROR * x, "{x}");
        }
        assert_eq!(key(0.0), key(0.0));
        assert!(key(0.0) < key(1e-300) && key(0.05) < key(0.0501));
    }

    #[test]
    fn the_histogram_keeps_its_figures_within_the_bound() {
        let all = rates(50_000, 3);
        let exact = RateDistribution::of(all.clone()).stats().unwrap();
        let parts: Vec<RateDistribution> = all.chunks(7_000).map(|c| RateDistribution::of(c.to_vec())).collect();
        let refs: Vec<&RateDistribution> = parts.iter().collect();
        // Merged within the exact limit: the very figures of the whole.
        let merged = RateDistribution::merge(&refs, EXACT_RATES);
        assert!(merged.is_exact());
        let stats = merged.stats().unwrap();
        assert_eq!(
            (stats.count, stats.min, stats.max, stats.median, stats.p10, stats.p90, stats.gini),
            (exact.count, exact.min, exact.max, exact.median, exact.p10, exact.p90, exact.gini)
        );
        assert!(close(stats.mean, exact.mean, 1e-12));
        // Merged beyond a small limit: a histogram, within the bound.
        let sketched = RateDistribution::merge(&refs, 10_000);
        assert!(!sketched.is_exact());
        let s = sketched.stats().unwrap();
        assert_eq!((s.count, s.min, s.max), (exact.count, exact.min, exact.max));
        for (got, want) in [(s.p10, exact.p10), (s.median, exact.median), (s.p90, exact.p90)] {
            assert!(close(got, want, RATE_RELATIVE_ERROR), "{got} {want}");
        }
        assert!((s.gini - exact.gini).abs() <= RATE_RELATIVE_ERROR, "{} {}", s.gini, exact.gini);
        assert!(close(s.mean, exact.mean, 1e-12));
        // A histogram merged with more parts stays one.
        let again = RateDistribution::merge(&[&sketched, &parts[0]], EXACT_RATES);
        assert_eq!(again.count(), exact.count + parts[0].count());
        assert!(!again.is_exact());
        assert!(sketched.check().is_ok() && merged.check().is_ok());
    }

    #[test]
    fn equal_rates_give_a_gini_of_zero_and_empty_parts_change_nothing() {
        let flat = RateDistribution::of(vec![0.05; 1000]);
        let empty = RateDistribution::of(Vec::new());
        let merged = RateDistribution::merge(&[&flat, &empty, &flat], 100);
        let s = merged.stats().unwrap();
        assert_eq!((s.count, s.min, s.max, s.median, s.gini), (2000, 0.05, 0.05, 0.05, 0.0));
        assert!(empty.stats().is_none());
        let zeros = RateDistribution::merge(&[&RateDistribution::of(vec![0.0; 10])], 1);
        assert_eq!(zeros.stats().unwrap().gini, 0.0);
    }
}
