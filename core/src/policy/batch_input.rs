//! Reading columns of missions as columnar sources store them (Arrow and the
//! like) into the inputs of [`MissionColumns`]: each stored value becomes the
//! value the per-mission path would take, or its row is refused with a
//! `batch.row.invalid` error naming the column and the row (the message
//! starts with the code of the underlying refusal, as in [`super::batch`]).
//!
//! - Money becomes whole cents fitting 64 bits: text is read exactly as a
//!   decimal amount ([`cents_from_text`]); a decimal of any scale must be
//!   a whole number of cents ([`cents_from_decimal`], also for 256-bit
//!   decimals, [`cents_from_decimal256`]), an integer of any width holds cents
//!   ([`cents_from_integer`]), a float is read by the rule of
//!   [`crate::money_float`] ([`cents_from_f64`], [`cents_from_f32`]). A value
//!   that does not fit is refused, never wrapped nor taken for zero.
//! - Counts (partners, shared resources, offers) of any integer width must fit
//!   `0..=u32::MAX`, the range of [`MissionFacts`](super::MissionFacts) ([`count_from_integer`]).
//! - Dates stored as milliseconds must fall on a day ([`day_from_millis`]).
//!   A timestamp gives its day: the day on which it falls in its own time
//!   zone, the UTC day when it has none ([`day_from_ticks`],
//!   [`days_from_ticks`]); the time of day is not read.
//! - Dates written as ISO text are read as the per-mission path reads them
//!   ([`day_from_text`]).
//! - Labels stored as text are read by [`LabelIndex`], byte for byte as
//!   [`Labelled::from_label`](crate::labels::Labelled::from_label) reads them.
//! - Dictionary keys must index their dictionary ([`check_keys`]).
//! - Provider ids follow [`ActorId::new`], each distinct name checked once
//!   ([`actor_ids`]); mission ids follow [`MissionId::new`] ([`check_mission_ids`]).
//!
//! [`MissionColumns`]: super::batch::MissionColumns
//!
//! ```
//! use coopetition::policy::batch_input::{cents_from_integer, convert};
//! let mut cents = Vec::new();
//! let e = convert("revenue_cents", 0, &[12_u64, u64::MAX], |_| true, |v| cents_from_integer(v.into()), &mut cents)
//!     .unwrap_err();
//! assert_eq!(e.code(), "batch.row.invalid");
//! assert!(e.to_string().starts_with("column `revenue_cents`, row 1: money.amount.overflow"), "{e}");
//! ```

mod labels;
use crate::error::{Error, Result};
use crate::ids::{ActorId, MissionId};
use crate::money::Money;
use crate::money_float::{money_from_f32, money_from_f64};
pub use labels::LabelIndex;
use rust_decimal::Decimal;

/// Milliseconds in a day (Arrow `date64` stores days as milliseconds).
const MILLIS_PER_DAY: i64 = 86_400_000;

/// The error of row `row` of `column` for the refusal `e`.
pub fn row_refusal(column: &str, row: usize, e: &Error) -> Error {
    Error::BatchRow { column: column.to_owned(), row, message: format!("{}: {e}", e.code()) }
}

/// Converts `values` (rows `first_row..` of `column`) with `convert` and
/// appends them to `out`; a row where `is_valid` is false (a null) appends
/// `U::default()` unread.
///
/// # Errors
/// `batch.row.invalid` naming the first row `convert` refuses.
pub fn convert<T: Copy, U: Default>(
    column: &str,
    first_row: usize,
    values: &[T],
    is_valid: impl Fn(usize) -> bool,
    convert: impl Fn(T) -> Result<U>,
    out: &mut Vec<U>,
) -> Result<()> {
    out.reserve(values.len());
    for (i, &v) in values.iter().enumerate() {
        let value =
            if is_valid(i) { convert(v).map_err(|e| row_refusal(column, first_row + i, &e))? } else { U::default() };
        out.push(value);
    }
    Ok(())
}

/// `what` does not fit 64-bit cents.
fn overflow(what: impl std::fmt::Display) -> Error {
    Error::AmountOverflow(format!("{what} as 64-bit cents"))
}

/// The cents of an amount written as text (`"12345.50"`), read as
/// [`Money::parse_eur`] reads it: exactly, never through a float.
///
/// # Errors
/// `input.parse.invalid` for text that is not a decimal amount;
/// `money.amount.precision` for more than two decimals;
/// `money.amount.overflow` if the cents do not fit 64 bits.
pub fn cents_from_text(text: &str) -> Result<i64> {
    let money = Money::parse_eur(text)?;
    money.to_cents().ok_or_else(|| match money.amount().checked_mul(Decimal::ONE_HUNDRED) {
        Some(c) if c.fract().is_zero() => overflow(format!("{text} €")),
        _ => Error::Parse { value: text.to_owned(), expected: "a whole number of cents" },
    })
}

/// The cents of a decimal `raw × 10^-scale`.
///
/// # Errors
/// `input.parse.invalid` if it is not a whole number of cents;
/// `money.amount.overflow` if the cents do not fit 64 bits.
pub fn cents_from_decimal(raw: i128, scale: i8) -> Result<i64> {
    let shown = || match u32::try_from(scale) {
        Ok(s) if s <= 28 => {
            Decimal::try_from_i128_with_scale(raw, s).map_or_else(|_| raw.to_string(), |d| d.to_string())
        }
        _ => format!("{raw}e{}", -i32::from(scale)),
    };
    let too_big = || overflow(format!("{} €", shown()));
    let cents = if scale <= 2 {
        let up = 10i128.checked_pow(u32::try_from(2 - i32::from(scale)).map_err(|_| too_big())?);
        up.and_then(|up| raw.checked_mul(up)).ok_or_else(too_big)?
    } else {
        // 10^39 exceeds every 128-bit value: only zero is whole then.
        match 10i128.checked_pow(u32::try_from(i32::from(scale) - 2).unwrap_or(u32::MAX)) {
            Some(div) if raw % div == 0 => raw / div,
            None if raw == 0 => 0,
            _ => return Err(Error::Parse { value: shown(), expected: "a whole number of cents" }),
        }
    };
    i64::try_from(cents).map_err(|_| too_big())
}

/// The cents of a 256-bit decimal given as its low 128 bits and its high
/// 128 bits (two's complement), with `scale`.
///
/// # Errors
/// As [`cents_from_decimal`]; a value beyond 128 bits does not fit.
pub fn cents_from_decimal256(low: u128, high: i128, scale: i8) -> Result<i64> {
    // It fits 128 bits when the high half only extends the low half's sign.
    let sign = if low >> 127 == 1 { -1 } else { 0 };
    if high != sign {
        return Err(overflow("a decimal of more than 38 digits"));
    }
    cents_from_decimal(low as i128, scale)
}

/// Cents stored as an integer of any width.
///
/// # Errors
/// `money.amount.overflow` if it does not fit 64 bits.
pub fn cents_from_integer(cents: i128) -> Result<i64> {
    i64::try_from(cents).map_err(|_| Error::AmountOverflow(format!("{cents} cents as a 64-bit integer")))
}

/// The cents of a float, by the rule of [`money_from_f64`].
///
/// # Errors
/// As [`money_from_f64`]; `money.amount.overflow` if the cents do not fit 64 bits.
pub fn cents_from_f64(x: f64) -> Result<i64> {
    money_cents(money_from_f64(x)?)
}

/// The cents of a 32-bit float, by the rule of [`money_from_f32`].
///
/// # Errors
/// As [`cents_from_f64`].
pub fn cents_from_f32(x: f32) -> Result<i64> {
    money_cents(money_from_f32(x)?)
}

fn money_cents(m: Money) -> Result<i64> {
    m.to_cents().ok_or_else(|| overflow(format!("{} €", m.amount())))
}

/// A count stored as an integer of any width.
///
/// # Errors
/// `input.parse.invalid` unless it is in `0..=4294967295`.
pub fn count_from_integer(value: i128) -> Result<u32> {
    u32::try_from(value).map_err(|_| Error::Parse { value: value.to_string(), expected: "a count (0 to 4294967295)" })
}

/// The day (since 1970-01-01) of a date stored in milliseconds.
///
/// # Errors
/// `input.parse.invalid` unless it is midnight of a day within 32-bit days.
pub fn day_from_millis(ms: i64) -> Result<i32> {
    let refused = || Error::Parse { value: format!("{ms} ms"), expected: "a date (midnight of a day)" };
    if ms % MILLIS_PER_DAY != 0 {
        return Err(refused());
    }
    i32::try_from(ms / MILLIS_PER_DAY).map_err(|_| refused())
}

/// The day (since 1970-01-01) of a date written as ISO text (`2021-03-01`),
/// as [`crate::network::parse_date`] reads it.
///
/// # Errors
/// `input.parse.invalid` for text that is not a calendar date.
pub fn day_from_text(text: &str) -> Result<i32> {
    crate::network::parse_date(text.trim()).map(super::batch::days_from_date)
}

/// The day (since 1970-01-01) on which a timestamp falls: `ticks` counted
/// in units of which `per_day` make a day, already shifted by the offset of
/// its time zone; earlier than midnight 1970-01-01 counts backwards (floor).
///
/// # Errors
/// `input.parse.invalid` for a zero or negative `per_day`, or a day beyond
/// 32-bit days.
pub fn day_from_ticks(ticks: i64, per_day: i64) -> Result<i32> {
    let day = ticks.checked_div_euclid(per_day).filter(|_| per_day > 0);
    day.and_then(|d| i32::try_from(d).ok())
        .ok_or_else(|| Error::Parse { value: format!("{ticks} / {per_day}"), expected: "a day within 32-bit days" })
}

/// [`day_from_ticks`] for a whole column, with `offset` ticks added to each
/// (a fixed time zone's offset): the days are appended to `out`; `false`
/// (and `out` is to be dropped) when a day is out of range, or with
/// `MIDNIGHT` when a value is not a midnight (a date stored in
/// milliseconds, [`day_from_millis`]). `PER_DAY` is a constant, so that the
/// division compiles to a multiplication.
pub fn days_from_ticks<const PER_DAY: i64, const MIDNIGHT: bool>(
    ticks: &[i64],
    offset: i64,
    out: &mut Vec<i32>,
) -> bool {
    // The ticks whose day fits 32 bits (all of them when a day has more
    // ticks than 64 bits can count 32-bit days of).
    let low = i64::from(i32::MIN).checked_mul(PER_DAY).unwrap_or(i64::MIN);
    let high = (i64::from(i32::MAX) + 1).checked_mul(PER_DAY).map_or(i64::MAX, |h| h - 1);
    let mut inside = PER_DAY > 0;
    out.reserve(ticks.len());
    for &t in ticks {
        // An overflow of the shift or a day beyond 32 bits is flagged; the
        // loop has no early exit, so that it vectorises.
        let (shifted, overflow) = t.overflowing_add(offset);
        inside &= !overflow & (low..=high).contains(&shifted);
        let day = shifted.div_euclid(PER_DAY);
        // A midnight is a whole number of days: checked by a multiplication.
        inside &= !MIDNIGHT || day.wrapping_mul(PER_DAY) == shifted;
        #[allow(clippy::cast_possible_truncation)] // in range unless flagged
        out.push(day as i32);
    }
    inside
}

/// Checks that the keys of a dictionary-encoded column (rows `first_row..`
/// of `column`) index its `size` values; null keys are not read.
///
/// # Errors
/// `batch.row.invalid` naming the first key outside the dictionary.
pub fn check_keys<K: Copy + Into<i128>>(
    column: &str,
    first_row: usize,
    keys: &[K],
    is_valid: impl Fn(usize) -> bool,
    size: usize,
) -> Result<()> {
    let size = i128::try_from(size).unwrap_or(i128::MAX);
    let inside = |k: K| (0..size).contains(&k.into());
    // One pass without early exit, so that it vectorises; the row is only
    // searched for when some key is out (a null key's slot may hold anything).
    if keys.iter().fold(true, |all, &k| all & inside(k)) {
        return Ok(());
    }
    match keys.iter().enumerate().find(|&(i, &k)| is_valid(i) && !inside(k)) {
        Some((i, &k)) => Err(Error::BatchRow {
            column: column.to_owned(),
            row: first_row + i,
            message: format!("dictionary key {} is outside the dictionary of {size} values", k.into()),
        }),
        None => Ok(()),
    }
}

/// The actor ids of `names`, each checked once by [`ActorId::new`], the rule
/// of the per-mission path; `codes` index `names` row by row, and a name no
/// row uses is `None` (it is not a mission's).
///
/// # Errors
/// `batch.row.invalid` naming the first row whose name is refused, with the
/// code `input.id.invalid` in its message.
pub fn actor_ids(column: &str, codes: &[u32], names: &[String]) -> Result<Vec<Option<ActorId>>> {
    let ids: Vec<Result<ActorId>> = names.iter().map(|n| ActorId::new(n.as_str())).collect();
    if ids.iter().any(Result::is_err) {
        for (row, &code) in codes.iter().enumerate() {
            if let Some(Err(e)) = ids.get(code as usize) {
                return Err(row_refusal(column, row, e));
            }
        }
    }
    Ok(ids.into_iter().map(Result::ok).collect())
}

/// Checks mission ids (rows `first_row..` of `column`) by [`MissionId::new`];
/// a null is a mission without id.
///
/// # Errors
/// `batch.row.invalid` naming the first row whose id is refused.
pub fn check_mission_ids<'a>(
    column: &str,
    first_row: usize,
    ids: impl IntoIterator<Item = Option<&'a str>>,
) -> Result<()> {
    for (i, id) in ids.into_iter().enumerate() {
        if let Some(id) = id {
            MissionId::new(id).map_err(|e| row_refusal(column, first_row + i, &e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row_of(e: &Error) -> (String, usize, String) {
        match e {
            Error::BatchRow { column, row, message } => (column.clone(), *row, message.clone()),
            other => panic!("not a row error: {other}"),
        }
    }

    #[test]
    fn decimals_are_whole_cents_that_fit() {
        assert_eq!(cents_from_decimal(123_456, 2).unwrap(), 123_456);
        assert_eq!(cents_from_decimal(1_234_560, 3).unwrap(), 123_456);
        assert_eq!(cents_from_decimal(12, 0).unwrap(), 1_200);
        assert_eq!(cents_from_decimal(12, -1).unwrap(), 12_000);
        assert_eq!(cents_from_decimal(1_005, 3).unwrap_err().code(), "input.parse.invalid");
        assert!(cents_from_decimal(1_005, 3).unwrap_err().to_string().contains("`1.005`"));
        assert_eq!(cents_from_decimal(0, 40).unwrap(), 0);
        assert_eq!(cents_from_decimal(1, 40).unwrap_err().code(), "input.parse.invalid");
        assert_eq!(cents_from_decimal(i128::from(i64::MAX), 2).unwrap(), i64::MAX);
        assert_eq!(cents_from_decimal(i128::from(i64::MAX) + 1, 2).unwrap_err().code(), "money.amount.overflow");
        assert_eq!(cents_from_decimal(i128::MAX, 0).unwrap_err().code(), "money.amount.overflow");
        assert_eq!(cents_from_decimal(1, -127).unwrap_err().code(), "money.amount.overflow");
    }

    #[test]
    fn wide_decimals_fit_or_are_refused() {
        assert_eq!(cents_from_decimal256(500, 0, 2).unwrap(), 500);
        assert_eq!(cents_from_decimal256((-500_i128) as u128, -1, 2).unwrap(), -500);
        // 10^45 at scale 2: beyond 128 bits.
        assert_eq!(cents_from_decimal256(0, 1, 2).unwrap_err().code(), "money.amount.overflow");
        assert_eq!(cents_from_decimal256(u128::MAX, 0, 2).unwrap_err().code(), "money.amount.overflow");
    }

    #[test]
    fn integers_and_counts_never_wrap() {
        assert_eq!(cents_from_integer(i128::from(u64::MAX)).unwrap_err().code(), "money.amount.overflow");
        assert_eq!(cents_from_integer(-5).unwrap(), -5);
        assert_eq!(count_from_integer(i128::from(u32::MAX)).unwrap(), u32::MAX);
        assert_eq!(count_from_integer(i128::from(u64::MAX)).unwrap_err().code(), "input.parse.invalid");
        assert_eq!(count_from_integer(-1).unwrap_err().code(), "input.parse.invalid");
    }

    #[test]
    fn floats_follow_the_money_rule() {
        assert_eq!(cents_from_f64(3.3).unwrap(), 330);
        assert_eq!(cents_from_f32(0.145).unwrap(), 15);
        assert_eq!(cents_from_f64(1e17).unwrap_err().code(), "money.amount.overflow");
        assert_eq!(cents_from_f64(f64::NAN).unwrap_err().code(), "input.parse.invalid");
    }

    #[test]
    fn dates_in_milliseconds_fall_on_a_day() {
        assert_eq!(day_from_millis(2 * MILLIS_PER_DAY).unwrap(), 2);
        assert_eq!(day_from_millis(-MILLIS_PER_DAY).unwrap(), -1);
        assert!(day_from_millis(1).is_err());
        assert!(day_from_millis(i64::MAX / MILLIS_PER_DAY * MILLIS_PER_DAY).is_err());
    }

    #[test]
    fn the_first_bad_value_names_its_row() {
        let mut out = Vec::new();
        let e =
            convert("revenue_cents", 10, &[1_u64, 2, u64::MAX], |_| true, |v| cents_from_integer(v.into()), &mut out)
                .unwrap_err();
        let (column, row, message) = row_of(&e);
        assert_eq!((column.as_str(), row), ("revenue_cents", 12));
        assert!(message.starts_with("money.amount.overflow: "), "{message}");
        // A null is not read.
        let mut out = Vec::new();
        convert("revenue_cents", 0, &[u64::MAX, 7], |i| i == 1, |v| cents_from_integer(v.into()), &mut out).unwrap();
        assert_eq!(out, [0, 7]);
    }

    #[test]
    fn keys_outside_the_dictionary_are_named() {
        assert!(check_keys("lead_origin", 0, &[0_i8, 2, 1], |_| true, 3).is_ok());
        let e = check_keys("lead_origin", 5, &[0_i8, 7, -1], |_| true, 3).unwrap_err();
        assert_eq!(row_of(&e).1, 6);
        assert!(e.to_string().contains("key 7"), "{e}");
        // A null key's slot is not read.
        assert!(check_keys("lead_origin", 0, &[0_i32, 99], |i| i == 0, 3).is_ok());
    }

    #[test]
    fn ids_follow_the_per_mission_rule() {
        let names = vec!["ana".to_owned(), "b b".to_owned(), "".to_owned()];
        // `b b` is refused at the first row that uses it; the unused empty name is not a mission's.
        let e = actor_ids("provider", &[0, 0, 1, 1], &names).unwrap_err();
        assert_eq!(row_of(&e).1, 2);
        assert!(row_of(&e).2.starts_with("input.id.invalid: "));
        let ids = actor_ids("provider", &[0, 0], &names[..1]).unwrap();
        assert_eq!(ids[0].as_ref().map(ActorId::as_str), Some("ana"));
        let e = check_mission_ids("mission", 3, [Some("m1"), None, Some("m 3")]).unwrap_err();
        assert_eq!(row_of(&e).1, 5);
    }
}
