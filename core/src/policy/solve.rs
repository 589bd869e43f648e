//! Solving for a target: the flat rate, or the factor that scales every
//! rate of the guide, whose total due over a set of missions comes closest
//! to a target amount or to another policy's total on the same missions.
//!
//! The value is sought on a grid of steps of `precision` (`0.0001`: a
//! hundredth of a percentage point for a rate): the flat rate from 0 to 1,
//! the guide's factor from 0 to the largest that keeps every rate at most 1.
//! Each mission's amount grows with the value (a rate times the revenue,
//! rounded half away from zero to the cent), so the total does too, and a
//! search by halves finds the step where the total crosses the target; of
//! that step and the one below, the one whose total is closer wins (the
//! lower on a tie). Totals are exact cents and the residual (the total
//! minus the target) exact: no float on the way. Each total is one pass of
//! the sweeps ([`super::sweep`]): about twenty passes in all.

use super::batch::{BuiltinPolicy, MissionColumns};
use super::params::Parameters;
use super::sweep::{euros, Setting, Shared, Variant};
use crate::error::{Error, Result};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// What is solved (more may come: match with a wildcard arm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[non_exhaustive]
pub enum Knob {
    /// The flat rate, in every period ([`Setting::FlatRate`]), under the flat policy.
    FlatRate,
    /// The factor of every guide rate ([`Setting::GuideScale`]), under the guide.
    GuideScale,
}

impl Knob {
    /// The knob named `name`: `flat_rate` or `guide_scale`.
    ///
    /// # Errors
    /// `input.label.unknown` for any other name.
    pub fn from_name(name: &str) -> Result<Knob> {
        match name {
            "flat_rate" => Ok(Knob::FlatRate),
            "guide_scale" => Ok(Knob::GuideScale),
            other => Err(Error::UnknownLabel {
                what: "setting to solve",
                value: other.to_owned(),
                expected: "flat_rate, guide_scale".into(),
            }),
        }
    }

    /// The knob's name, as [`Setting::named`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            Knob::FlatRate => "flat_rate",
            Knob::GuideScale => "guide_scale",
        }
    }

    /// The policy whose total the knob moves.
    pub fn policy(self) -> BuiltinPolicy {
        match self {
            Knob::FlatRate => BuiltinPolicy::Flat,
            Knob::GuideScale => BuiltinPolicy::Guide,
        }
    }

    fn setting(self, value: Decimal) -> Setting {
        match self {
            Knob::FlatRate => Setting::FlatRate(value),
            Knob::GuideScale => Setting::GuideScale(value),
        }
    }
}

/// The total to reach.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An amount, in euros.
    Amount(Decimal),
    /// The total due of a policy on the same missions, under the base parameters.
    PolicyTotal(BuiltinPolicy),
}

/// The value found, with what it gives.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Solution {
    /// The setting found ([`Setting::FlatRate`] or [`Setting::GuideScale`]).
    pub setting: Setting,
    /// The total due it gives, exact, in euros.
    pub total_due: Decimal,
    /// The target, in euros.
    pub target: Decimal,
    /// `total_due − target`, exact.
    pub residual: Decimal,
    /// The step of the grid searched.
    pub precision: Decimal,
    /// The totals computed.
    pub evaluations: u32,
}

/// The finest precision accepted: the kernels work to 12 decimals.
const FINEST: Decimal = Decimal::from_parts(1, 0, 0, false, 12);

/// The number of steps of `precision` from 0 to the knob's highest value.
fn steps(knob: Knob, base: &Parameters, precision: Decimal) -> Result<u64> {
    // The highest rate a step may bring to 1 (the flat rate itself, or the guide's highest rate).
    let top = match knob {
        Knob::FlatRate => Decimal::ONE,
        // Every factor gives 0 when every rate is 0: the grid is 0 alone.
        Knob::GuideScale => match top_rate(base).filter(|r| !r.is_zero()) {
            None => return Ok(0),
            Some(top) => top,
        },
    };
    let highest = Decimal::ONE.checked_div(top).unwrap_or(Decimal::MAX);
    let count = highest.checked_div(precision).map(|d| d.floor()).and_then(|d| d.to_u64());
    let mut count =
        count.ok_or_else(|| Error::Parse { value: precision.to_string(), expected: "a coarser precision" })?;
    // `1 / top` is rounded at its 28th digit, possibly up: the last step keeps every rate at most 1.
    while count > 0 && Decimal::from(count).checked_mul(precision).and_then(|k| k.checked_mul(top)) > Some(Decimal::ONE)
    {
        count -= 1;
    }
    Ok(count)
}

/// The highest rate of the base's guides.
fn top_rate(base: &Parameters) -> Option<Decimal> {
    base.guide.periods().iter().flat_map(|p| p.value.situations().iter().map(|s| s.rate)).max()
}

/// Solves `knob` over `cols` so that the total due comes closest to
/// `target`, on a grid of steps of `precision` (see the module docs).
///
/// # Errors
/// `input.parse.invalid` for a precision that is not above zero, or finer
/// than 10⁻¹²; the columns' errors (`batch.column.invalid`,
/// `batch.row.invalid`) under `base`; `policy.target.unreachable` when the
/// target is below the total at 0 or above the total at the highest value
/// (the message gives the closest total and the value that reaches it).
pub fn solve_columns(
    cols: &MissionColumns,
    base: &Parameters,
    knob: Knob,
    target: &Target,
    precision: Decimal,
) -> Result<Solution> {
    if precision <= Decimal::ZERO || precision < FINEST {
        return Err(Error::Parse {
            value: precision.to_string(),
            expected: "a precision above zero, at least 0.000000000001",
        });
    }
    let shared = Shared::new(cols, &knob.policy(), base)?;
    let target = match target {
        Target::Amount(euros) => *euros,
        Target::PolicyTotal(policy) => {
            let other = Shared::new(cols, policy, base)?;
            euros(other.total(&Variant::of(base, &[])?)?)?
        }
    };
    let last = steps(knob, base, precision)?;
    let value = |i: u64| Decimal::from(i).checked_mul(precision).unwrap_or(Decimal::MAX);
    let mut evaluations = 0u32;
    let mut total = |i: u64| -> Result<Decimal> {
        evaluations += 1;
        euros(shared.total(&Variant::of(base, &[knob.setting(value(i))])?)?)
    };
    let (low, high) = (total(0)?, total(last)?);
    let unreachable = |closest: Decimal, at: u64| Error::TargetUnreachable {
        setting: knob.name().to_owned(),
        range: format!("{} to {}", value(0).normalize(), value(last).normalize()),
        target: target.to_string(),
        closest: format!("{closest} €, at {} {}", knob.name(), value(at).normalize()),
    };
    if target < low {
        return Err(unreachable(low, 0));
    }
    if target > high {
        return Err(unreachable(high, last));
    }
    // The first step whose total reaches the target: in (lo, hi], with total(lo) < target <= total(hi).
    let (mut lo, mut hi, mut at_hi) = (0u64, last, high);
    if low >= target {
        (hi, at_hi) = (0, low);
    } else {
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let t = total(mid)?;
            if t >= target {
                (hi, at_hi) = (mid, t);
            } else {
                lo = mid;
            }
        }
    }
    let (mut best, mut best_total) = (hi, at_hi);
    if hi > 0 && at_hi > target {
        let below = total(hi - 1)?;
        if target - below <= at_hi - target {
            (best, best_total) = (hi - 1, below);
        }
    }
    Ok(Solution {
        setting: knob.setting(value(best).normalize()),
        total_due: best_total,
        target,
        residual: best_total - target,
        precision,
        evaluations,
    })
}
