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

/// A non-negative number of cents as a decimal with two places.
#[inline]
fn decimal_cents(cents: u64) -> Decimal {
    // Split into the low and middle 32-bit words of the mantissa.
    Decimal::from_parts(cents as u32, (cents >> 32) as u32, 0, false, 2)
}

/// `m` divided by `10^places`, with the remainder and the divisor; the usual
/// place counts divide by a constant (a multiplication, not a division).
#[inline(always)]
fn div_pow10(m: u64, places: u32) -> Option<(u64, u64, u64)> {
    #[inline(always)]
    fn by(m: u64, p: u64) -> Option<(u64, u64, u64)> {
        Some((m / p, m % p, p))
    }
    match places {
        0 => Some((m, 0, 1)),
        1 => by(m, 10),
        2 => by(m, 100),
        3 => by(m, 1_000),
        4 => by(m, 10_000),
        _ => 10u64.checked_pow(places).and_then(|p| by(m, p)),
    }
}

/// [`round_cents`] and whether it changed the value: the same rule, worked
/// out in integers for a positive amount whose mantissa fits 64 bits with 2
/// to 21 decimals (the hot path of policies), by [`round_cents`] otherwise.
#[inline(always)]
pub(crate) fn round_cents_changed(exact: Decimal) -> (Decimal, bool) {
    let parts = exact.unpack();
    let m = low_words(parts.mid, parts.lo);
    let division = parts.scale.checked_sub(2).and_then(|places| div_pow10(m, places));
    if let (false, 0, Some((q, rem, p))) = (parts.negative, parts.hi, division) {
        // Half away from zero: up when the remainder is at least half the divisor
        // (q + 1 cannot overflow: p = 1 leaves no remainder, p ≥ 10 makes q small).
        let cents = q + u64::from(rem > 0 && rem >= p - p / 2);
        return (decimal_cents(cents), rem != 0);
    }
    let rounded = round_cents(exact);
    (rounded, rounded != exact)
}

/// [`round_cents`]'s rule in integers, for the batch kernels: `p / 10^S`
/// rounded half away from zero, and whether it was inexact, for `p >= 0`.
/// The divisor is a constant of each instantiation (no division
/// instruction), and unsigned (no sign fix-ups): a negative `p` only comes
/// from rows the kernels flag, whose values the per-row path replaces.
///
/// Rounding adds half the divisor before dividing (`10^S` is even for
/// `S >= 1`; for `S = 0` half is 0 and nothing is rounded): `p + d/2` cannot
/// wrap, as `p <= i64::MAX` for every row the kernels vouch for. Inexact is
/// `q·d != p`, which a caller that does not need it lets the compiler drop.
#[inline(always)]
pub(crate) fn div_round<const S: u32>(p: i64) -> (i64, bool) {
    let d: u64 = const { 10u64.pow(S) };
    let p = p as u64;
    let q = p.wrapping_add(d / 2) / d;
    (q as i64, q.wrapping_mul(d) != p)
}

/// An amount rounded to the cent by [`round_cents`], as a count of cents
/// (the value of a decimal column of scale 2, such as Arrow's `decimal128(38, 2)`).
///
/// ```
/// use coopetition::money::rounded_cents;
/// use rust_decimal::Decimal;
/// assert_eq!(rounded_cents(Decimal::new(1005, 3)), 101); // 1.005 -> 1.01
/// assert_eq!(rounded_cents(Decimal::new(600, 0)), 60_000);
/// assert_eq!(rounded_cents(Decimal::MAX), 7_922_816_251_426_433_759_354_395_033_500); // 2^96 - 1 euros
/// ```
pub fn rounded_cents(amount: Decimal) -> i128 {
    let cents = round_cents(amount);
    // `rescale` stops short of two decimals when the mantissa would leave 96
    // bits (beyond 7.9e26 €): the missing factor of ten is applied here, where
    // 128 bits hold it.
    let missing = 2_u32.saturating_sub(cents.scale());
    cents.mantissa() * 10_i128.pow(missing)
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

/// Splits a plain decimal (`-12.50`: an optional `-`, ASCII digits, optionally
/// a `.` and more digits) into its sign, digits and power of ten, or `None`.
fn plain_decimal(text: &str) -> Option<(bool, String, i64)> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let fraction = fraction.unwrap_or("");
    let exponent = -i64::try_from(fraction.len()).ok()?;
    Some((negative, format!("{whole}{fraction}"), exponent))
}

/// The significant digits of `digits × 10^exponent` (no leading or trailing
/// zeros; empty for zero) and the exponent that goes with them.
///
/// # Errors
/// `input.parse.invalid` if `digits` is empty or holds anything but ASCII digits.
fn significant_digits<'a>(digits: &'a str, exponent: i64, shown: &str) -> Result<(&'a str, i64)> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::Parse { value: shown.to_owned(), expected: "a decimal amount" });
    }
    let trimmed = digits.trim_start_matches('0');
    let significant = trimmed.trim_end_matches('0');
    let zeros = i64::try_from(trimmed.len() - significant.len()).unwrap_or(i64::MAX);
    Ok((significant, exponent.saturating_add(zeros)))
}

/// A decimal given as input where any precision a decimal holds is fine (a
/// rate, a quantity), from the same parts as [`Money::from_digits`], exactly.
///
/// Trailing zeros beyond the 28 decimal places a decimal holds are dropped
/// (the value is unchanged); anything else that does not fit is refused,
/// never rounded.
///
/// # Errors
/// `input.parse.invalid` for bad digits or a value a decimal cannot hold exactly.
///
/// ```
/// use coopetition::money::exact_decimal;
/// use rust_decimal::Decimal;
/// assert_eq!(exact_decimal(false, "500", -4, "0.0500")?.to_string(), "0.0500");
/// assert_eq!(exact_decimal(false, "1", -29, "1E-29").unwrap_err().code(), "input.parse.invalid");
/// # Ok::<(), coopetition::Error>(())
/// ```
pub fn exact_decimal(negative: bool, digits: &str, exponent: i64, shown: &str) -> Result<Decimal> {
    let refuse = || Error::Parse { value: shown.to_owned(), expected: EXACT_DECIMAL };
    // As given when it fits, so that `0.0500` keeps its four places.
    let given = digits.trim_start_matches('0');
    if (-i64::from(MAX_SCALE)..=0).contains(&exponent) && given.len() <= 29 && given.bytes().all(|b| b.is_ascii_digit())
    {
        let mantissa: u128 = if given.is_empty() { 0 } else { given.parse().map_err(|_| refuse())? };
        if mantissa < MANTISSA_LIMIT && !digits.is_empty() {
            let magnitude = i128::try_from(mantissa).map_err(|_| refuse())?;
            let scale = u32::try_from(-exponent).map_err(|_| refuse())?;
            let signed = if negative { -magnitude } else { magnitude };
            return Decimal::try_from_i128_with_scale(signed, scale).map_err(|_| refuse());
        }
    }
    let (significant, exponent) = significant_digits(digits, exponent, shown)?;
    if significant.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let width = i64::try_from(significant.len()).map_err(|_| refuse())?;
    if width.saturating_add(exponent.max(0)) > 29 || exponent < -i64::from(MAX_SCALE) {
        return Err(refuse());
    }
    let mut mantissa: u128 = significant.parse().map_err(|_| refuse())?;
    for _ in 0..exponent.max(0) {
        mantissa *= 10;
    }
    if mantissa >= MANTISSA_LIMIT {
        return Err(refuse());
    }
    let magnitude = i128::try_from(mantissa).map_err(|_| refuse())?;
    let scale = u32::try_from((-exponent).max(0)).map_err(|_| refuse())?;
    Decimal::try_from_i128_with_scale(if negative { -magnitude } else { magnitude }, scale).map_err(|_| refuse())
}

/// Parses a plain decimal (see [`Money::parse_eur`] for the spelling) exactly,
/// as [`exact_decimal`]: for rates and quantities given as text.
///
/// # Errors
/// `input.parse.invalid`.
pub fn parse_exact_decimal(text: &str) -> Result<Decimal> {
    let (negative, digits, exponent) =
        plain_decimal(text.trim()).ok_or_else(|| Error::Parse { value: text.to_owned(), expected: EXACT_DECIMAL })?;
    exact_decimal(negative, &digits, exponent, text)
}

/// What [`exact_decimal`] expects, for messages.
const EXACT_DECIMAL: &str = "a plain decimal within ±79228162514264337593543950335 with at most 28 decimal places";

/// Whether `sum` is exactly `a + b`.
///
/// `rust_decimal` drops the last digits of a sum that does not fit its
/// mantissa at the larger scale (a sum of two amounts near the top of the
/// range loses its cents); money never loses digits silently. Such a sum has
/// a smaller scale than its terms: only then is it checked, in 128 bits.
fn exact_sum(a: Decimal, b: Decimal, sum: Decimal) -> bool {
    let scale = a.scale().max(b.scale());
    if sum.scale() >= scale {
        return true;
    }
    let at_scale = |d: Decimal| 10i128.checked_pow(scale - d.scale()).and_then(|f| d.mantissa().checked_mul(f));
    match (at_scale(a), at_scale(b), at_scale(sum)) {
        (Some(x), Some(y), Some(z)) => x.checked_add(y) == Some(z),
        _ => false,
    }
}

/// An exact amount in euros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "MoneyRepr", into = "MoneyRepr")]
pub struct Money(Decimal);

impl Money {
    /// Zero euros.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// An amount in euros as computed, NOT checked against the input rule.
    ///
    /// For amounts worked out from valid money (sums, rounded products) and for
    /// the results of custom policies, which are rounded to the cent afterwards.
    /// An amount given from outside goes through [`Money::from_input`] instead.
    pub fn eur(amount: Decimal) -> Money {
        Money(amount)
    }

    /// An amount of money given as input (a revenue, payment, donation, offer
    /// or declaration): a whole number of cents within the range of money.
    ///
    /// Nothing is rounded on the way in. Trailing zeros beyond the cents are
    /// dropped (`1.230` is `1.23`, the same value); fewer decimals are kept as
    /// given (`1.5` stays `1.5`).
    ///
    /// # Errors
    /// `money.amount.precision` for a value that is not a whole number of
    /// cents (`1.005`), `money.amount.range` beyond ±[`Money::MAX_INPUT`].
    ///
    /// ```
    /// use coopetition::money::Money;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Money::from_input(Decimal::new(1230, 3))?.amount().to_string(), "1.23");
    /// assert_eq!(Money::from_input(Decimal::new(1005, 3)).unwrap_err().code(), "money.amount.precision");
    /// assert_eq!(Money::from_input(Decimal::MAX).unwrap_err().code(), "money.amount.range");
    /// # Ok::<(), coopetition::Error>(())
    /// ```
    pub fn from_input(amount: Decimal) -> Result<Money> {
        let digits = amount.mantissa().unsigned_abs().to_string();
        Money::from_digits(amount.is_sign_negative(), &digits, -i64::from(amount.scale()), &amount.to_string())
    }

    /// Money from the parts of a decimal number: `digits` (ASCII digits, any
    /// number of them) times ten to the power `exponent`, negative if
    /// `negative`. `shown` is the value as the user wrote it, for messages.
    ///
    /// This is how bindings hand over a decimal of their language (Python's
    /// `Decimal.as_tuple()`) without a lossy conversion on the way; the input
    /// rule is that of [`Money::from_input`].
    ///
    /// # Errors
    /// `input.parse.invalid` if `digits` holds anything but ASCII digits;
    /// `money.amount.precision`, `money.amount.range` as [`Money::from_input`].
    pub fn from_digits(negative: bool, digits: &str, exponent: i64, shown: &str) -> Result<Money> {
        // Keep the decimals as given (`1.50`, `100`), at most two.
        let scale = u32::try_from(exponent.saturating_neg().clamp(0, 2)).unwrap_or(2);
        let (significant, exponent) = significant_digits(digits, exponent, shown)?;
        if significant.is_empty() {
            return Ok(Money(Decimal::new(0, scale)));
        }
        let range = || Error::AmountRange { amount: shown.to_owned() };
        // The value in cents is `significant × 10^(exponent + 2)`.
        let shift = exponent.checked_add(2).ok_or_else(range)?;
        if shift < 0 {
            return Err(Error::AmountPrecision { amount: shown.to_owned() });
        }
        // 2^96 has 29 digits: more cannot fit, and the guard keeps the
        // multiplication below from overflowing.
        let width = i64::try_from(significant.len()).map_err(|_| range())?;
        if width.saturating_add(shift) > 29 {
            return Err(range());
        }
        let mut cents: u128 = significant.parse().map_err(|_| range())?;
        for _ in 0..shift {
            cents *= 10;
        }
        if cents >= MANTISSA_LIMIT {
            return Err(range());
        }
        // Exact: with fewer than two decimals given, the cents end in zeros.
        let mantissa = cents / 10u128.pow(2 - scale);
        let magnitude = i128::try_from(mantissa).map_err(|_| range())?;
        let signed = if negative { -magnitude } else { magnitude };
        Decimal::try_from_i128_with_scale(signed, scale).map(Money).map_err(|_| range())
    }

    /// An amount in `currency`, which must be `EUR`, checked as [`Money::from_input`].
    ///
    /// # Errors
    /// `money.currency.unsupported` for any other currency;
    /// `money.amount.precision`, `money.amount.range`.
    pub fn new(amount: Decimal, currency: &str) -> Result<Money> {
        if currency == CURRENCY {
            Money::from_input(amount)
        } else {
            Err(Error::UnsupportedCurrency(currency.to_owned()))
        }
    }

    /// Parses an amount such as `1250.50` (euros) given as input.
    ///
    /// The text is a plain decimal (an optional `-`, digits, optionally a `.`
    /// and digits), surrounding white space aside: no exponent, sign `+`,
    /// separator or bare `.`. The value must then meet [`Money::from_input`].
    ///
    /// # Errors
    /// `input.parse.invalid` when the text is not a plain decimal number;
    /// `money.amount.precision`, `money.amount.range`.
    ///
    /// ```
    /// use coopetition::money::Money;
    /// assert_eq!(Money::parse_eur("1250.5")?.amount().to_string(), "1250.5");
    /// assert_eq!(Money::parse_eur("1e5").unwrap_err().code(), "input.parse.invalid");
    /// assert_eq!(Money::parse_eur("12345678901234567890123456789.5").unwrap_err().code(), "money.amount.range");
    /// # Ok::<(), coopetition::Error>(())
    /// ```
    pub fn parse_eur(text: &str) -> Result<Money> {
        let (negative, digits, exponent) = plain_decimal(text.trim())
            .ok_or_else(|| Error::Parse { value: text.to_owned(), expected: "a decimal amount" })?;
        Money::from_digits(negative, &digits, exponent, text)
    }

    /// The largest amount of money accepted as input: (2^96 - 1) cents, so that
    /// every amount holds its two decimals in a decimal's 96-bit mantissa.
    pub const MAX_INPUT: Decimal = Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 2);

    /// An amount from a whole number of cents.
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// An amount from a whole number of cents held in 128 bits (an Arrow
    /// `decimal128` column of scale 2), checked like [`Money::from_input`].
    ///
    /// # Errors
    /// `money.amount.range` beyond ±(2^96 - 1) cents.
    pub fn from_cents_i128(cents: i128) -> Result<Money> {
        if cents.unsigned_abs() >= MANTISSA_LIMIT {
            return Err(Error::AmountRange { amount: format!("{cents} cents") });
        }
        Decimal::try_from_i128_with_scale(cents, 2)
            .map(Money)
            .map_err(|_| Error::AmountRange { amount: format!("{cents} cents") })
    }

    /// An amount from a decimal's mantissa and scale, as a compact state
    /// holds it, checked as the JSON reader checks an amount: at most two
    /// decimals, within [`Money::MAX_INPUT`]. `None` otherwise.
    pub(crate) fn from_mantissa(mantissa: i128, scale: u32) -> Option<Money> {
        let factor = 10i128.checked_pow(2u32.checked_sub(scale)?)?;
        let cents = mantissa.checked_mul(factor)?;
        if cents.unsigned_abs() >= MANTISSA_LIMIT {
            return None;
        }
        Decimal::try_from_i128_with_scale(mantissa, scale).ok().map(Money)
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

    /// Fails unless the amount meets the input rule of [`Money::from_input`]:
    /// commands check their amounts with it, since an amount built by
    /// [`Money::eur`] was not checked, and a journal must read back every
    /// amount it holds.
    ///
    /// # Errors
    /// `money.amount.precision`, `money.amount.range`.
    pub fn ensure_input(self) -> Result<Money> {
        Money::from_input(self.0).map(|_| self)
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
        let overflow = || Error::AmountOverflow(format!("{} + {}", self.0, other.0));
        let sum = self.0.checked_add(other.0).ok_or_else(overflow)?;
        exact_sum(self.0, other.0, sum).then_some(Money(sum)).ok_or_else(overflow)
    }

    /// Subtracts an amount.
    ///
    /// # Errors
    /// `money.amount.overflow` when the result leaves the decimal range.
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        let overflow = || Error::AmountOverflow(format!("{} - {}", self.0, other.0));
        let difference = self.0.checked_sub(other.0).ok_or_else(overflow)?;
        exact_sum(self.0, -other.0, difference).then_some(Money(difference)).ok_or_else(overflow)
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
    amount: String,
    currency: String,
}

impl TryFrom<MoneyRepr> for Money {
    type Error = Error;
    /// One spelling of each amount, the one written: a `-` before an amount
    /// below zero only (never `-0.00`), the digits without leading zeros, and
    /// at most two decimals.
    fn try_from(repr: MoneyRepr) -> Result<Money> {
        if repr.currency != CURRENCY {
            return Err(Error::UnsupportedCurrency(repr.currency));
        }
        let text = repr.amount.as_str();
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
        let signed_zero = unsigned.len() < text.len() && unsigned.bytes().all(|b| b == b'0' || b == b'.');
        if whole.len() > 1 && whole.starts_with('0')
            || fraction.is_empty()
            || fraction.len() > 2
            || text != text.trim()
            || signed_zero
        {
            return Err(Error::Parse { value: repr.amount, expected: "an amount written `-1234.50`" });
        }
        Money::parse_eur(text)
    }
}

/// The one spelling [`Money`]'s reader accepts: no sign on zero, and
/// trailing zeros beyond the cents dropped (an amount checked as input but
/// held as `1.700` is written `1.70`). An amount finer than the cent, which
/// no command accepts, keeps its digits and is refused on reading.
fn written(amount: Decimal) -> String {
    let mut amount = amount;
    if amount.is_zero() {
        amount.set_sign_positive(true);
    }
    if amount.scale() > 2 {
        let mut cents = amount;
        cents.rescale(2);
        if cents == amount {
            amount = cents;
        }
    }
    amount.to_string()
}

impl From<Money> for MoneyRepr {
    fn from(money: Money) -> MoneyRepr {
        MoneyRepr { amount: written(money.0), currency: CURRENCY.to_owned() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_amount_has_no_sign_in_json() {
        let minus_zero = r#"{"amount":"-0.00","currency":"EUR"}"#;
        assert!(serde_json::from_str::<Money>(minus_zero).unwrap_err().to_string().contains("-0.00"));
        assert!(serde_json::from_str::<Money>(r#"{"amount":"0.00","currency":"EUR"}"#).is_ok());
        assert!(serde_json::from_str::<Money>(r#"{"amount":"-0.01","currency":"EUR"}"#).is_ok());
    }

    #[test]
    fn only_euros() {
        assert!(Money::new(Decimal::ONE, "EUR").is_ok());
        assert_eq!(Money::new(Decimal::ONE, "USD").unwrap_err().code(), "money.currency.unsupported");
        let err = serde_json::from_str::<Money>(r#"{"amount":"1.00","currency":"GBP"}"#).unwrap_err();
        assert!(err.to_string().contains("GBP"));
    }

    #[test]
    fn trailing_zeros_beyond_the_cents_are_not_written() {
        for (held, shown) in
            [(Decimal::new(17_000, 4), "1.70"), (Decimal::new(-0, 3), "0.00"), (Decimal::new(5, 0), "5")]
        {
            let json = serde_json::to_string(&Money::eur(held)).unwrap();
            assert_eq!(json, format!(r#"{{"amount":"{shown}","currency":"EUR"}}"#));
            assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), Money::eur(held));
        }
        let mut minus_zero = Decimal::new(0, 2);
        minus_zero.set_sign_negative(true);
        assert_eq!(written(minus_zero), "0.00");
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

        /// The integer rounding path agrees with `round_cents` digit for digit.
        #[test]
        fn fast_rounding_agrees(m in proptest::num::i64::ANY, scale in 0u32..=28) {
            let exact = Decimal::new(m, scale);
            let (rounded, changed) = round_cents_changed(exact);
            let reference = round_cents(exact);
            proptest::prop_assert_eq!(rounded.to_string(), reference.to_string());
            proptest::prop_assert_eq!(changed, reference != exact);
        }
    }

    fn code(r: Result<Money>) -> &'static str {
        r.map_or_else(|e| e.code(), |m| panic!("accepted as {m}"))
    }

    #[test]
    fn input_money_is_whole_cents_never_rounded() {
        // More digits than a decimal holds: rust_decimal would round to …790.
        assert_eq!(code(Money::parse_eur("12345678901234567890123456789.5")), "money.amount.range");
        assert_eq!(code(Money::parse_eur("1.2345678901234567890123456789012")), "money.amount.precision");
        assert_eq!(code(Money::parse_eur("1.005")), "money.amount.precision");
        assert_eq!(code(Money::parse_eur("0.00000000000000000000000000001")), "money.amount.precision");
        // 7.9e28 euros is 7.9e30 cents: beyond 2^96 - 1 cents.
        assert_eq!(code(Money::parse_eur("79000000000000000000000000000")), "money.amount.range");
        assert_eq!(code(Money::from_digits(false, "1", -30, "1E-30")), "money.amount.precision");
        assert_eq!(code(Money::from_digits(false, "79", 28, "7.9E+29")), "money.amount.range");
        assert_eq!(code(Money::from_digits(true, "1", i64::MAX, "-1E+huge")), "money.amount.range");
        assert_eq!(code(Money::from_digits(false, "1", i64::MIN, "1E-huge")), "money.amount.precision");
        assert_eq!(code(Money::from_digits(false, "1a", 0, "1a")), "input.parse.invalid");
        // The largest amount: (2^96 - 1) cents; one cent more is refused.
        let max = Money::parse_eur("792281625142643375935439503.35").unwrap();
        assert_eq!(max.amount(), Money::MAX_INPUT);
        assert_eq!(Money::parse_eur("-792281625142643375935439503.35").unwrap().amount(), -Money::MAX_INPUT);
        assert_eq!(code(Money::parse_eur("792281625142643375935439503.36")), "money.amount.range");
        assert_eq!(code(Money::from_input(Decimal::MAX)), "money.amount.range");
        // Zeros beyond the cents are no decimals: 1.230 is 1.23; fewer decimals stay as given.
        for (text, shown) in [("1.230", "1.23"), ("1.5", "1.5"), ("100", "100"), ("0.00", "0.00"), ("-0", "0")] {
            assert_eq!(Money::parse_eur(text).unwrap().amount().to_string(), shown, "{text}");
        }
        assert_eq!(Money::from_digits(false, "12300", -4, "1.2300").unwrap().amount().to_string(), "1.23");
        assert_eq!(Money::from_digits(false, "15", 2, "1.5E+3").unwrap().amount().to_string(), "1500");
        assert_eq!(Money::from_digits(false, "1", 26, "1E+26").unwrap().amount(), Decimal::from(10u128.pow(26)));
        // Only the plain spelling.
        for bad in ["1e5", "+1", ".5", "5.", "1_000", "1 000", "", "-", "NaN", "inf", "12,50", "--1", "0x10"] {
            assert_eq!(code(Money::parse_eur(bad)), "input.parse.invalid", "{bad}");
        }
        assert_eq!(Money::parse_eur(" 12.50 ").unwrap().amount(), Decimal::new(1250, 2));
    }

    #[test]
    fn sums_never_drop_cents() {
        let max = Money::from_input(Money::MAX_INPUT).unwrap();
        // 2 × …503.35 = …006.70: exact once its trailing zero goes.
        assert_eq!(max.checked_add(max).unwrap().amount().to_string(), "1584563250285286751870879006.7");
        // 3 × …503.35 = …510.05: 30 digits; rust_decimal would round to …510.0.
        let twice = max.checked_add(max).unwrap();
        assert_eq!(twice.checked_add(max).unwrap_err().code(), "money.amount.overflow");
        assert_eq!(
            Money::ZERO.checked_sub(twice).unwrap().checked_sub(max).unwrap_err().code(),
            "money.amount.overflow"
        );
        assert_eq!(Money::from_cents(150).checked_sub(Money::from_cents(25)).unwrap(), Money::from_cents(125));
    }

    #[test]
    fn cents_in_128_bits_are_checked() {
        assert_eq!(Money::from_cents_i128(-1250).unwrap().amount(), Decimal::new(-1250, 2));
        let max = (1i128 << 96) - 1;
        assert_eq!(Money::from_cents_i128(max).unwrap().amount(), Money::MAX_INPUT);
        assert_eq!(Money::from_cents_i128(-max).unwrap().amount(), -Money::MAX_INPUT);
        assert_eq!(code(Money::from_cents_i128(max + 1)), "money.amount.range");
        assert_eq!(code(Money::from_cents_i128(i128::MIN)), "money.amount.range");
    }

    #[test]
    fn json_has_one_spelling_of_each_amount() {
        let read =
            |amount: &str| serde_json::from_str::<Money>(&format!(r#"{{"amount":"{amount}","currency":"EUR"}}"#));
        for ok in ["0", "0.5", "-0.50", "1234.50", "1234", "792281625142643375935439503.35"] {
            let m = read(ok).unwrap();
            assert_eq!(serde_json::to_string(&m).unwrap(), format!(r#"{{"amount":"{ok}","currency":"EUR"}}"#));
        }
        for bad in [
            "1e5",
            "+1",
            " 1",
            "1 ",
            ".5",
            "1.",
            "01",
            "00.5",
            "1.230",
            "1.005",
            "1E-29",
            "1_0",
            "792281625142643375935439503.36",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn exact_decimals_for_rates() {
        assert_eq!(parse_exact_decimal("0.05").unwrap(), Decimal::new(5, 2));
        assert_eq!(parse_exact_decimal("0.1234567890123456789012345678").unwrap().scale(), 28);
        assert_eq!(parse_exact_decimal("0.100000000000000000000000000000").unwrap(), Decimal::new(1, 1));
        assert_eq!(parse_exact_decimal("12000.00").unwrap().to_string(), "12000.00");
        assert_eq!(parse_exact_decimal("-0.0").unwrap(), Decimal::ZERO);
        assert_eq!(parse_exact_decimal("79228162514264337593543950335").unwrap(), Decimal::MAX);
        for bad in [
            "79228162514264337593543950336",
            "0.00000000000000000000000000001",
            "1e3",
            "NaN",
            "1.2345678901234567890123456789012",
        ] {
            assert_eq!(parse_exact_decimal(bad).unwrap_err().code(), "input.parse.invalid", "{bad}");
        }
        assert_eq!(exact_decimal(true, "5", 2, "-5E+2").unwrap(), Decimal::from(-500));
    }

    #[test]
    fn negative_and_cents() {
        assert!(Money::from_cents(-1).is_negative());
        assert!(!Money::ZERO.is_negative());
        assert_eq!(Money::from_cents(-1).ensure_not_negative("revenue").unwrap_err().code(), "money.amount.negative");
        assert_eq!(Money::parse_eur("12.34").unwrap().to_cents(), Some(1234));
        assert_eq!(Money::eur(Decimal::new(12345, 3)).to_cents(), None);
    }
}
