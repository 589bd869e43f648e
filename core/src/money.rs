//! Exact amounts of money, in euros.
//!
//! Amounts are [`rust_decimal::Decimal`], never floats. The network works in
//! euros only: any other currency is refused with `money.currency.unsupported`.
//! Rounding to the cent is done in one place, [`round_cents`], half away from
//! zero (0.005 € becomes 0.01 €), the rule of French commercial invoicing.

use crate::error::{Error, Result};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The only currency the network accepts.
pub const CURRENCY: &str = "EUR";

/// Rounds an amount to the cent, half away from zero.
///
/// This is the one rounding rule of the crate: every amount due is computed
/// exactly and rounded by this function once, at the end.
///
/// ```
/// use coopetition::money::round_cents;
/// use rust_decimal::Decimal;
/// assert_eq!(round_cents(Decimal::new(1005, 3)), Decimal::new(101, 2)); // 1.005 -> 1.01
/// assert_eq!(round_cents(Decimal::new(-1005, 3)), Decimal::new(-101, 2));
/// assert_eq!(round_cents(Decimal::new(600, 0)).to_string(), "600.00");
/// ```
pub fn round_cents(amount: Decimal) -> Decimal {
    let mut cents = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    // Always two decimals (`600.00`, not `600`), so amounts print alike
    // everywhere; rescaling up never changes the value.
    cents.rescale(2);
    cents
}

/// One past the largest mantissa a decimal holds (96 bits).
const MANTISSA_LIMIT: u128 = 1 << 96;
/// The most decimal places a decimal holds.
const MAX_SCALE: u32 = 28;

/// The 64-bit value of a mantissa's middle and low 32-bit words.
#[inline(always)]
pub(crate) fn low_words(mid: u32, lo: u32) -> u64 {
    (u64::from(mid) << 32) | u64::from(lo)
}

/// Multiplies two decimals exactly, or fails.
///
/// `rust_decimal` silently rounds a product whose digits do not fit its
/// 96-bit mantissa; money must never be rounded that way. This computes the
/// exact product and accepts it only if it fits (dropping trailing zeros only).
///
/// # Errors
/// `money.amount.overflow` when the exact product does not fit the decimal range.
///
/// ```
/// use coopetition::money::exact_mul;
/// use rust_decimal::Decimal;
/// assert_eq!(exact_mul(Decimal::new(1234550, 2), Decimal::new(5, 2))?, Decimal::new(6172750, 4));
/// assert_eq!(exact_mul(Decimal::MAX, Decimal::new(5, 2)).unwrap_err().code(), "money.amount.overflow");
/// # Ok::<(), coopetition::Error>(())
/// ```
#[inline]
pub fn exact_mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    let (x, y) = (a.unpack(), b.unpack());
    if x.hi == 0 && y.hi == 0 {
        // Fast path: two 64-bit mantissas multiply exactly in 128 bits.
        let product = u128::from(low_words(x.mid, x.lo)) * u128::from(low_words(y.mid, y.lo));
        let scale = x.scale + y.scale;
        if product < MANTISSA_LIMIT && scale <= MAX_SCALE {
            // The three 32-bit words of a mantissa below 2^96.
            let (lo, mid, hi) = (product as u32, (product >> 32) as u32, (product >> 64) as u32);
            return Ok(Decimal::from_parts(lo, mid, hi, x.negative != y.negative, scale));
        }
    }
    exact_mul_wide(a, b)
}

/// [`exact_mul`] beyond 64-bit mantissas: drops trailing zeros until the
/// product fits, or fails.
#[cold]
fn exact_mul_wide(a: Decimal, b: Decimal) -> Result<Decimal> {
    let overflow = || Error::AmountOverflow(format!("{a} × {b}"));
    let mut mantissa = a.mantissa().unsigned_abs().checked_mul(b.mantissa().unsigned_abs()).ok_or_else(overflow)?;
    let mut scale = a.scale() + b.scale();
    while mantissa >= MANTISSA_LIMIT || scale > MAX_SCALE {
        if scale == 0 || mantissa % 10 != 0 {
            return Err(overflow());
        }
        mantissa /= 10;
        scale -= 1;
    }
    let magnitude = i128::try_from(mantissa).map_err(|_| overflow())?;
    let signed = if a.is_sign_negative() != b.is_sign_negative() { -magnitude } else { magnitude };
    Decimal::try_from_i128_with_scale(signed, scale).map_err(|_| overflow())
}

/// An exact amount in euros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "MoneyRepr", into = "MoneyRepr")]
pub struct Money(Decimal);

impl Money {
    /// Zero euros.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// An amount in euros.
    pub fn eur(amount: Decimal) -> Money {
        Money(amount)
    }

    /// An amount in `currency`, which must be `EUR`.
    ///
    /// # Errors
    /// `money.currency.unsupported` for any other currency.
    pub fn new(amount: Decimal, currency: &str) -> Result<Money> {
        if currency == CURRENCY {
            Ok(Money(amount))
        } else {
            Err(Error::UnsupportedCurrency(currency.to_owned()))
        }
    }

    /// Parses an amount such as `1250.50` (euros).
    ///
    /// # Errors
    /// `input.parse.invalid` when the text is not a decimal number.
    pub fn parse_eur(text: &str) -> Result<Money> {
        text.trim()
            .parse::<Decimal>()
            .map(Money)
            .map_err(|_| Error::Parse { value: text.to_owned(), expected: "a decimal amount" })
    }

    /// An amount from a whole number of cents.
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// The amount in euros.
    pub fn amount(&self) -> Decimal {
        self.0
    }

    /// The currency code, always `EUR`.
    pub fn currency(&self) -> &'static str {
        CURRENCY
    }

    /// Whether the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// Fails with `policy.declaration.out_of_range` unless `0 ≤ self ≤ revenue`
    /// (a declared, offered or agreed contribution for a mission of that revenue).
    ///
    /// # Errors
    /// `policy.declaration.out_of_range`.
    pub fn ensure_within(self, revenue: Money) -> Result<Money> {
        if self.is_negative() || self > revenue {
            Err(Error::DeclarationOutOfRange { declared: self.0.to_string(), revenue: revenue.0.to_string() })
        } else {
            Ok(self)
        }
    }

    /// Fails with `money.amount.negative` naming `field` if the amount is below zero.
    ///
    /// # Errors
    /// `money.amount.negative`.
    #[inline]
    pub fn ensure_not_negative(self, field: &'static str) -> Result<Money> {
        if self.is_negative() {
            Err(Error::NegativeAmount { field, amount: self.0.to_string() })
        } else {
            Ok(self)
        }
    }

    /// This amount rounded to the cent by [`round_cents`].
    pub fn rounded(self) -> Money {
        Money(round_cents(self.0))
    }

    /// Adds two amounts.
    ///
    /// # Errors
    /// `money.amount.overflow` when the sum leaves the decimal range.
    pub fn checked_add(self, other: Money) -> Result<Money> {
        self.0.checked_add(other.0).map(Money).ok_or_else(|| Error::AmountOverflow("a sum".into()))
    }

    /// Subtracts an amount.
    ///
    /// # Errors
    /// `money.amount.overflow` when the result leaves the decimal range.
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        self.0.checked_sub(other.0).map(Money).ok_or_else(|| Error::AmountOverflow("a difference".into()))
    }

    /// The amount in cents, if it is a whole number of cents that fits an `i64`.
    pub fn to_cents(&self) -> Option<i64> {
        let scaled = self.0.checked_mul(Decimal::ONE_HUNDRED)?;
        if scaled.fract().is_zero() {
            i64::try_from(scaled).ok()
        } else {
            None
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} EUR", self.0)
    }
}

/// How money looks in JSON: `{"amount": "1250.50", "currency": "EUR"}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyRepr {
    #[serde(with = "rust_decimal::serde::str")]
    amount: Decimal,
    currency: String,
}

impl TryFrom<MoneyRepr> for Money {
    type Error = Error;
    fn try_from(repr: MoneyRepr) -> Result<Money> {
        Money::new(repr.amount, &repr.currency)
    }
}

impl From<Money> for MoneyRepr {
    fn from(money: Money) -> MoneyRepr {
        MoneyRepr { amount: money.0, currency: CURRENCY.to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_euros() {
        assert!(Money::new(Decimal::ONE, "EUR").is_ok());
        assert_eq!(Money::new(Decimal::ONE, "USD").unwrap_err().code(), "money.currency.unsupported");
        let err = serde_json::from_str::<Money>(r#"{"amount":"1.00","currency":"GBP"}"#).unwrap_err();
        assert!(err.to_string().contains("GBP"));
    }

    #[test]
    fn json_keeps_exact_digits() {
        let m = Money::parse_eur("1234.50").unwrap();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"amount":"1234.50","currency":"EUR"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_cents(Decimal::new(12345, 3)), Decimal::new(1235, 2));
        assert_eq!(round_cents(Decimal::new(12344, 3)), Decimal::new(1234, 2));
        assert_eq!(round_cents(Decimal::new(-12345, 3)), Decimal::new(-1235, 2));
    }

    #[test]
    fn exact_products_or_overflow() {
        let max = Decimal::MAX;
        // 5% of the largest decimal needs more digits than fit: refused, not rounded.
        assert_eq!(exact_mul(max, Decimal::new(5, 2)).unwrap_err().code(), "money.amount.overflow");
        // 8% of 79228162514264337593543950335 is …026.80: exact once the trailing zero goes.
        let p = exact_mul(max, Decimal::new(8, 2)).unwrap();
        assert_eq!(p.to_string(), "6338253001141147007483516026.8");
        assert_eq!(exact_mul(Decimal::new(-15, 1), Decimal::new(2, 0)).unwrap(), Decimal::new(-30, 1));
        assert_eq!(exact_mul(Decimal::ZERO, Decimal::new(-2, 0)).unwrap(), Decimal::ZERO);
    }

    proptest::proptest! {
        /// The 64-bit fast path of `exact_mul` agrees with the general one.
        #[test]
        fn exact_mul_fast_path_agrees(
            x in proptest::num::i64::ANY, xs in 0u32..=28, y in proptest::num::i64::ANY, ys in 0u32..=28,
        ) {
            let (a, b) = (Decimal::new(x, xs), Decimal::new(y, ys));
            let (fast, wide) = (exact_mul(a, b), exact_mul_wide(a, b));
            match (&fast, &wide) {
                (Ok(f), Ok(w)) => {
                    proptest::prop_assert_eq!(f, w);
                    proptest::prop_assert_eq!(f.to_string(), w.to_string());
                }
                (Err(f), Err(w)) => proptest::prop_assert_eq!(f.code(), w.code()),
                _ => proptest::prop_assert!(false, "{a} × {b}: {fast:?} vs {wide:?}"),
            }
        }
    }

    #[test]
    fn negative_and_cents() {
        assert!(Money::from_cents(-1).is_negative());
        assert!(!Money::ZERO.is_negative());
        assert_eq!(Money::from_cents(-1).ensure_not_negative("revenue").unwrap_err().code(), "money.amount.negative");
        assert_eq!(Money::parse_eur("12.34").unwrap().to_cents(), Some(1234));
        assert_eq!(Money::parse_eur("12.345").unwrap().to_cents(), None);
    }
}
