//! Kotlin bindings of coopetition, through uniffi proc-macros (no UDL).
//!
//! Thin: a thread-safe [`Network`] object; policies, built in or
//! implemented in Kotlin; the rendered [`Assessment`] (see `policy.rs`). The
//! error type ([`CoopetitionError`], from the core's table of error
//! families), the conversions of ids, dates and amounts, the enumerations,
//! the commands, events and records are the core's own, derived or generated
//! there under its `uniffi` feature. Every rule lives in the `coopetition`
//! crate, so Rust, Python and Kotlin give the same answers.
//!
//! The Kotlin package is `org.coopetition` (see `uniffi.toml`); the generated
//! file is `org/coopetition/coopetition.kt`. The core's types are in
//! `org.coopetition.core` (`core/uniffi.toml`), file
//! `org/coopetition/core/coopetition_core.kt`.

mod calls;
mod catalogue;
mod commands;
mod compare;
mod custom;
mod enums;
mod error;
mod followup;
mod format;
mod leads;
mod ledger;
mod network;
mod network_followup;
mod origins;
mod policy;
mod store;
mod types;
mod values;

pub use catalogue::*;
pub use commands::*;
pub use compare::*;
pub use enums::*;
pub use error::{error_codes, error_family, CoopetitionError, Result};
pub use followup::*;
pub use format::*;
pub use ledger::*;
pub use network::Network;
pub use policy::*;
pub use store::{StoreVerification, Synchronous};
pub use types::*;
pub use values::*;

uniffi::setup_scaffolding!("coopetition");

/// Does nothing: one call from Kotlin and back, the floor under every other
/// call's cost (see `EvaluationBenchmark`).
#[uniffi::export]
pub fn noop() {}
