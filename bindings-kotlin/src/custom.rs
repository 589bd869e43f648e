//! Custom types: core values that cross as strings.
//!
//! - `Decimal` crosses as its plain decimal text and is `java.math.BigDecimal`
//!   in Kotlin (`uniffi.toml`); a value with more than 28 decimal places that
//!   cannot be reduced exactly, or beyond ±79228162514264337593543950335, is
//!   refused with `input.parse.invalid`.
//! - `NaiveDate` crosses as an ISO date and is `java.time.LocalDate`; a date
//!   beyond chrono's range (±262142 years) is refused with `input.parse.invalid`.
//! - `ActorId`, `ContractId` and `MissionId` cross as strings (Kotlin type
//!   aliases of `String`), checked on the way in: `input.id.invalid`.
//!
//! Every lift failure is a [`crate::CoopetitionError`], which uniffi hands to
//! Kotlin as a typed exception because every function taking these types
//! returns that error type.

use crate::error::lift_error;
use chrono::NaiveDate;
use coopetition::ids::{ActorId, ContractId, MissionId};
use coopetition::Error as CoreError;
use rust_decimal::Decimal;

/// Parses the plain text of a `BigDecimal` exactly, by the core's rule for
/// decimals given as input ([`coopetition::money::parse_exact_decimal`]).
///
/// # Errors
/// `input.parse.invalid`.
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, CoreError> {
    coopetition::money::parse_exact_decimal(text)
}

/// Parses an ISO date (`2020-01-06`; years beyond 9999 with a sign, as
/// `java.time.LocalDate` writes them).
///
/// # Errors
/// `input.parse.invalid`.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, CoreError> {
    text.parse::<NaiveDate>().map_err(|_| CoreError::Parse { value: text.to_owned(), expected: "an ISO date" })
}

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |text| parse_decimal(&text).map_err(lift_error),
});

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |text| parse_date(&text).map_err(lift_error),
});

uniffi::custom_type!(ActorId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |text| ActorId::new(text).map_err(lift_error),
});

uniffi::custom_type!(ContractId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |text| ContractId::new(text).map_err(lift_error),
});

uniffi::custom_type!(MissionId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |text| MissionId::new(text).map_err(lift_error),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact_or_refused() {
        assert_eq!(parse_decimal("617.28").unwrap(), Decimal::new(61728, 2));
        assert_eq!(parse_decimal("-0.05").unwrap(), Decimal::new(-5, 2));
        assert_eq!(parse_decimal("79228162514264337593543950335").unwrap(), Decimal::MAX);
        // 30 decimal places, the last two zeros: reduced exactly.
        assert_eq!(parse_decimal("0.100000000000000000000000000000").unwrap(), Decimal::new(1, 1));
        for bad in ["79228162514264337593543950336", "0.00000000000000000000000000001", "1e3", "abc", ""] {
            assert_eq!(parse_decimal(bad).unwrap_err().code(), "input.parse.invalid", "{bad}");
        }
    }

    #[test]
    fn dates_are_iso() {
        assert_eq!(parse_date("2020-01-06").unwrap(), NaiveDate::from_ymd_opt(2020, 1, 6).unwrap());
        assert_eq!(parse_date("+10000-01-01").unwrap(), NaiveDate::from_ymd_opt(10000, 1, 1).unwrap());
        for bad in ["2020-02-30", "+999999999-12-31", "06/01/2020", ""] {
            assert_eq!(parse_date(bad).unwrap_err().code(), "input.parse.invalid", "{bad}");
        }
    }
}
