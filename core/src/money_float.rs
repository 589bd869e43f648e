//! Money from binary floating-point numbers, for callers who opt in to rounding.
//!
//! A float such as `3.3` does not hold the decimal 3.3 but the nearest binary
//! fraction, 3.29999999999999982…; rounding that to the cent under a rate
//! would give other cents than the amount its author typed. The rule, the
//! same on every path: a float is read as its *shortest decimal form* (the
//! fewest digits that convert back to the same float: `3.3`), which is then
//! rounded to the cent by [`round_cents`], half away from zero. NaN and the
//! infinities are refused, and so is a value beyond the decimal range.
//!
//! ```
//! use coopetition::money_float::money_from_f64;
//! use coopetition::prelude::*;
//! assert_eq!(money_from_f64(3.3)?.amount(), Decimal::new(330, 2));
//! assert_eq!(money_from_f64(0.145)?.amount(), Decimal::new(15, 2)); // the binary value is 0.14499…
//! assert_eq!(money_from_f64(f64::NAN).unwrap_err().code(), "input.parse.invalid");
//! assert_eq!(money_from_f64(1e300).unwrap_err().code(), "money.amount.overflow");
//! # Ok::<(), coopetition::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::money::{round_cents, Money};
use rust_decimal::Decimal;

/// The amount a 64-bit float stands for: its shortest decimal form, rounded
/// to the cent half away from zero.
///
/// # Errors
/// `input.parse.invalid` for NaN or an infinity; `money.amount.overflow`
/// beyond the decimal range.
pub fn money_from_f64(x: f64) -> Result<Money> {
    if !x.is_finite() {
        return Err(not_finite(x));
    }
    // `Display` of a float is its shortest round-trip form, without exponent.
    from_shortest(&format!("{x}"))
}

/// The amount a 32-bit float stands for: its own shortest decimal form (the
/// `0.145` of a float32 column, not the `0.14499999582767487` of its 64-bit
/// widening), rounded to the cent half away from zero.
///
/// # Errors
/// As [`money_from_f64`].
pub fn money_from_f32(x: f32) -> Result<Money> {
    if !x.is_finite() {
        return Err(not_finite(f64::from(x)));
    }
    from_shortest(&format!("{x}"))
}

fn not_finite(x: f64) -> Error {
    Error::Parse { value: x.to_string(), expected: "a finite amount of money" }
}

/// Rounds a decimal form to the cent. Only three decimals matter to rounding
/// half away from zero at two (the rest is below half a cent either way), so
/// longer fractions are cut there first: tiny floats have hundreds of digits.
fn from_shortest(text: &str) -> Result<Money> {
    let cut = match text.find('.') {
        Some(dot) => text.get(..(dot + 4).min(text.len())).unwrap_or(text),
        None => text,
    };
    let d: Decimal = cut.parse().map_err(|_| Error::AmountOverflow(format!("{text} as an amount of money")))?;
    Ok(Money::eur(round_cents(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(x: f64) -> Decimal {
        money_from_f64(x).unwrap().amount()
    }

    #[test]
    fn shortest_form_then_half_away_from_zero() {
        assert_eq!(cents(3.3), Decimal::new(330, 2));
        assert_eq!(cents(0.005), Decimal::new(1, 2));
        assert_eq!(cents(-0.005), Decimal::new(-1, 2));
        assert_eq!(cents(0.0049999), Decimal::ZERO);
        assert_eq!(cents(1.015), Decimal::new(102, 2)); // binary 1.01499999…
        assert_eq!(cents(12345.675), Decimal::new(1234568, 2));
        assert_eq!(cents(5e-324), Decimal::ZERO);
        assert_eq!(cents(-0.0), Decimal::ZERO);
        assert_eq!(cents(1e20), Decimal::from_i128_with_scale(10_i128.pow(22), 2));
        assert_eq!(money_from_f32(0.145).unwrap().amount(), Decimal::new(15, 2));
        assert_eq!(money_from_f32(3.3).unwrap().amount(), Decimal::new(330, 2));
    }

    #[test]
    fn not_finite_or_beyond_the_range_is_refused() {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(money_from_f64(x).unwrap_err().code(), "input.parse.invalid");
        }
        assert_eq!(money_from_f32(f32::NAN).unwrap_err().code(), "input.parse.invalid");
        assert_eq!(money_from_f64(1e29).unwrap_err().code(), "money.amount.overflow");
        assert_eq!(money_from_f64(-f64::MAX).unwrap_err().code(), "money.amount.overflow");
    }
}
