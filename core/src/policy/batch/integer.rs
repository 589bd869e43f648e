//! Exact integer arithmetic over a common `10^scale`, and the choice of a
//! row's period: what each kernel is instantiated for (one instantiation per
//! scale and per way of finding the period).

pub(super) use crate::money::div_round;
use rust_decimal::Decimal;

// ---- integer arithmetic ----------------------------------------------------------------

pub(super) const fn pow10(scale: u32) -> i64 {
    10i64.pow(scale)
}

/// A non-negative decimal as `(mantissa, scale)`, normalised.
pub(super) fn split(d: Decimal) -> Option<(i128, u32)> {
    if d.is_sign_negative() && !d.is_zero() {
        return None;
    }
    let n = d.normalize();
    Some((n.mantissa(), n.scale()))
}

/// The numerator of `d` over `10^scale`, if exact, in `0..=10^scale`.
pub(super) fn numerator(d: Decimal, scale: u32) -> Option<i64> {
    let (m, s) = split(d)?;
    let factor = 10i128.checked_pow(scale.checked_sub(s)?)?;
    let n = i64::try_from(m.checked_mul(factor)?).ok()?;
    (n <= pow10(scale)).then_some(n)
}

// ---- period selection ------------------------------------------------------------------

/// Maps a day to its segment: the number of segment bounds at or before it.
/// A day is `i32` days since 1970-01-01, or `i64` ticks of a timestamp with
/// the bounds expressed in ticks ([`super::columns::Span::in_ticks`]).
pub(super) trait SegSel<D = i32>: Copy {
    fn seg(self, day: D) -> usize;
}

#[derive(Clone, Copy)]
pub(super) struct NoBound;
impl<D> SegSel<D> for NoBound {
    #[inline(always)]
    fn seg(self, _: D) -> usize {
        0
    }
}

#[derive(Clone, Copy)]
pub(super) struct OneBound<D = i32>(D);
impl<D: Copy + PartialOrd> SegSel<D> for OneBound<D> {
    #[inline(always)]
    fn seg(self, day: D) -> usize {
        usize::from(day >= self.0)
    }
}

#[derive(Clone, Copy)]
pub(super) struct TwoBounds<D = i32>(D, D);
impl<D: Copy + PartialOrd> SegSel<D> for TwoBounds<D> {
    #[inline(always)]
    fn seg(self, day: D) -> usize {
        usize::from(day >= self.0) + usize::from(day >= self.1)
    }
}

#[derive(Clone, Copy)]
pub(super) struct Bounds<'a, D = i32>(pub(super) &'a [D]);
impl<D: Copy + PartialOrd> SegSel<D> for Bounds<'_, D> {
    #[inline(always)]
    fn seg(self, day: D) -> usize {
        self.0.partition_point(|&b| b <= day)
    }
}

/// A day that is more than its day: `true` when the row must be flagged
/// (a `date64` tick that is not a midnight).
pub(super) trait DayCheck<D>: Copy {
    fn odd(self, day: D) -> bool;
}

/// Every day is a day.
#[derive(Clone, Copy)]
pub(super) struct AnyDay;
impl<D> DayCheck<D> for AnyDay {
    #[inline(always)]
    fn odd(self, _: D) -> bool {
        false
    }
}

/// Milliseconds that must be a midnight (Arrow `date64`).
#[derive(Clone, Copy)]
pub(super) struct Midnights;
impl DayCheck<i64> for Midnights {
    #[inline(always)]
    fn odd(self, ms: i64) -> bool {
        ms % 86_400_000 != 0
    }
}

/// A kernel, instantiated per scale and segment selector. Returns whether a
/// row may be invalid or needs the per-row path.
pub(super) trait Kernel<D = i32> {
    fn run<const S: u32, Sel: SegSel<D>>(&mut self, sel: Sel) -> bool;
}

/// Runs `k` with the instantiation for `scale` and `bounds`; `None` if the scale has none.
pub(super) fn dispatch<D: Copy + PartialOrd, K: Kernel<D>>(k: &mut K, scale: u32, bounds: &[D]) -> Option<bool> {
    match *bounds {
        [] => by_scale(k, scale, NoBound),
        [a] => by_scale(k, scale, OneBound(a)),
        [a, b] => by_scale(k, scale, TwoBounds(a, b)),
        _ => by_scale(k, scale, Bounds(bounds)),
    }
}

pub(super) fn by_scale<D, K: Kernel<D>, Sel: SegSel<D>>(k: &mut K, scale: u32, sel: Sel) -> Option<bool> {
    Some(match scale {
        0 => k.run::<0, Sel>(sel),
        1 => k.run::<1, Sel>(sel),
        2 => k.run::<2, Sel>(sel),
        3 => k.run::<3, Sel>(sel),
        4 => k.run::<4, Sel>(sel),
        5 => k.run::<5, Sel>(sel),
        6 => k.run::<6, Sel>(sel),
        7 => k.run::<7, Sel>(sel),
        8 => k.run::<8, Sel>(sel),
        9 => k.run::<9, Sel>(sel),
        10 => k.run::<10, Sel>(sel),
        11 => k.run::<11, Sel>(sel),
        12 => k.run::<12, Sel>(sel),
        _ => return None,
    })
}
