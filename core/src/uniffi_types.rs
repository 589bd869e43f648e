//! How the core's values cross uniffi's FFI as text, for the records the
//! core derives under its `uniffi` feature.
//!
//! Every one is `remote` (uniffi's tag of this crate); the Kotlin binding
//! uses them for its functions' arguments too (`uniffi::use_remote_type!`).
//! A failed conversion is a [`CoopetitionError`], the error type of every
//! fallible function of the binding, so uniffi hands it to Kotlin as a typed
//! exception (`input.id.invalid`, `input.parse.invalid`…), never as an
//! internal error.

use crate::error::Error;
use crate::ids::{ActorId, CallId, ContractId, LeadId, MissionId, NetworkEventId};
use crate::money::Money;
use crate::uniffi_error::CoopetitionError;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn lift_error(e: Error) -> uniffi::deps::anyhow::Error {
    uniffi::deps::anyhow::Error::new(CoopetitionError::from(e))
}

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |text| crate::network::parse_date(&text).map_err(lift_error),
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

uniffi::custom_type!(LeadId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |text| LeadId::new(text).map_err(lift_error),
});

uniffi::custom_type!(CallId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |text| CallId::new(text).map_err(lift_error),
});

uniffi::custom_type!(NetworkEventId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |text| NetworkEventId::new(text).map_err(lift_error),
});

// A count or a position (`usize` in the core) crosses as a `ULong`; one beyond it
// (never, on the 64-bit targets uniffi serves) would be refused, not truncated.
uniffi::custom_type!(usize, u64, {
    remote,
    lower: |n| u64::try_from(n).unwrap_or(u64::MAX),
    try_lift: |n| {
        usize::try_from(n).map_err(|_| lift_error(Error::Parse { value: n.to_string(), expected: "a count" }))
    },
});
