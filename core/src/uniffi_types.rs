//! How the core's values cross uniffi's FFI as text, for the records the
//! core derives under its `uniffi` feature.
//!
//! Every one is `remote`: it serves the core's own records only (uniffi's
//! tag of this crate). The Kotlin binding declares its own conversions of
//! the same values for its functions' arguments, because uniffi hands a
//! failed conversion to Kotlin as a typed exception only when the error is
//! the called function's own error type, which this crate does not know.
//! The records derived here are read-only in Kotlin or hold none of these
//! values, so their conversions from Kotlin are never the first check of an
//! input; they still go through the core's parsers.

use crate::error::Error;
use crate::ids::{ActorId, ContractId, MissionId};
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn lift_error(e: Error) -> uniffi::deps::anyhow::Error {
    uniffi::deps::anyhow::Error::new(e)
}

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |text| text.parse::<NaiveDate>().map_err(|_| lift_error(Error::Parse { value: text, expected: "an ISO date" })),
});

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |text| crate::money::parse_exact_decimal(&text).map_err(lift_error),
});

uniffi::custom_type!(Money, String, {
    remote,
    lower: |m| m.amount().to_string(),
    try_lift: |text| Money::parse_eur(&text).map_err(lift_error),
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
