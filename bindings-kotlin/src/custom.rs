//! The core's values that cross as strings, with the core's own conversions
//! (declared once, in `coopetition`, under its `uniffi` feature): `Decimal` is
//! `java.math.BigDecimal` in Kotlin, `NaiveDate` is `java.time.LocalDate`, and
//! `ActorId`, `ContractId`, `MissionId`, `LeadId`, `CallId` and `NetworkEventId` are type aliases of `String`, all in
//! `org.coopetition.core`. A value the core refuses is a
//! [`crate::CoopetitionError`] (`input.parse.invalid`, `input.id.invalid`),
//! which Kotlin receives as a typed exception because every function taking
//! these types returns that error type.

use chrono::NaiveDate;
use coopetition::ids::{ActorId, CallId, ContractId, LeadId, MissionId, NetworkEventId};
use rust_decimal::Decimal;

uniffi::use_remote_type!(coopetition::Decimal);
uniffi::use_remote_type!(coopetition::NaiveDate);
uniffi::use_remote_type!(coopetition::ActorId);
uniffi::use_remote_type!(coopetition::ContractId);
uniffi::use_remote_type!(coopetition::MissionId);
uniffi::use_remote_type!(coopetition::LeadId);
uniffi::use_remote_type!(coopetition::CallId);
uniffi::use_remote_type!(coopetition::NetworkEventId);
