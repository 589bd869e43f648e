//! # coopetition
//!
//! The rules engine of a network of competing consultants who cooperate:
//! *La Compagnie des Tiers-Lieux* and the providers who sell support missions
//! to third places. It encodes actors and their involvement, membership
//! contracts and their versions, the cooperation charter, missions, and the
//! event journal that records every change.
//!
//! Start with [`network::Network`]: every change is a [`network::Command`],
//! checked, recorded as an [`network::Event`] and applied. Errors carry a
//! stable code ([`Error::code`]) shared by the Python and Kotlin bindings.
//!
//! # A guide to the crate
//!
//! - **The network.** [`network::Network`] holds the state a journal rebuilds;
//!   [`network::Action`] lists every command (found, register, contracts,
//!   charter, missions, contributions, payments, leads, follow-up…). Read
//!   [`prelude`] for the everyday names. [`journal`] writes and reads the
//!   journal (JSON Lines, hash-chained, optionally keyed); [`snapshot_file`]
//!   and [`state_codec`] the snapshots a store opens from.
//! - **The charter follow-up.** [`compliance`] judges each engagement,
//!   [`standing`] the ladder from good standing to exclusion, [`followup`]
//!   the rules in force; [`directory`] and [`documents`] what members read.
//! - **Contribution policies.** [`policy`]: the [`policy::ContributionPolicy`]
//!   trait, the seed's four policies, combinators (floors, caps), explanations
//!   citing their sources, and [`policy::Parameters`] (rates, guides and
//!   in-kind valuations, each versioned in time).
//! - **Money over time.** [`ledger`] per member and [`fiscal_year`], the annual
//!   statement, [`ledger_export`] for the accountant. [`money::Money`] is exact
//!   (a decimal, never a float), rounded once, half away from zero.
//! - **Analysts.** [`policy::batch`] evaluates millions of missions held as
//!   columns; [`policy::compare`] compares policies, [`policy::sweep`] tries
//!   variants of the parameters, [`policy::solve`] finds a setting for a
//!   target, [`policy::diagnostics`] tells who pays what share.
//! - **Text.** [`mod@format`] writes amounts, numbers and dates in French and
//!   English; [`text::Lang`] chooses.
//!
//! # Compatibility
//!
//! Every journal, snapshot and encoded state an earlier version wrote is read
//! by this one ([`journal::SCHEMA_VERSION`], [`journal::SNAPSHOT_SCHEMA_VERSION`],
//! [`state_codec::STATE_ENCODING_VERSION`] and the oldest each still reads);
//! error codes never change meaning once published. The enumerations that
//! grow with the rules ([`network::Action`], [`Error`], [`policy::StepCode`], …) are
//! `#[non_exhaustive]`: match them with a wildcard arm.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// The README's examples, compiled and run as documentation tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub mod actor;
pub mod benefits;
mod calendar;
mod canonical;
pub mod catalogue;
pub mod chain;
pub mod charter;
pub mod compliance;
pub mod contract;
pub mod directory;
pub mod documents;
pub mod error;
pub mod fiscal_year;
pub mod followup;
pub mod format;
pub mod ids;
pub mod journal;
pub mod labels;
pub mod lead;
pub mod ledger;
pub mod ledger_export;
pub mod mission;
pub mod money;
pub mod money_float;
pub mod negotiation;
pub mod network;
pub mod network_event;
pub mod origin;
pub mod partner_call;
pub mod policy;
pub mod prior_work;
mod proposals;
mod recorded;
pub mod referrals;
pub mod shared;
pub mod snapshot;
pub mod snapshot_file;
pub mod standing;
pub mod state_codec;
mod statement_text;
pub mod text;
pub mod threads;

// The Kotlin binding's uniffi derives on the core's types need this crate's own
// scaffolding (its `UniFfiTag` and FFI helpers); nothing else of uniffi is here.
// Its namespace is not `coopetition`, which the binding's crate already takes.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("coopetition_core");
#[cfg(feature = "uniffi")]
mod uniffi_error;
#[cfg(feature = "uniffi")]
mod uniffi_types;

#[cfg(feature = "uniffi")]
pub use uniffi_error::CoopetitionError;

#[cfg(feature = "python")]
pub mod python;
#[cfg(feature = "python")]
mod python_values;

pub use error::{Error, Result};

/// The names most programs need, in one import.
pub mod prelude {
    pub use crate::actor::{Actor, ActorKind, InvolvementLevel};
    pub use crate::catalogue::{Catalogues, ContributionForm};
    pub use crate::charter::{CharterStatus, CharterText};
    pub use crate::compliance::{ComplianceReport, ComplianceStatus, EngagementCheck, MemberCompliance, Rule};
    pub use crate::contract::{Choice, Contract, ContractStatus, ContractTerms, MembershipStructure};
    pub use crate::directory::{Directory, DirectoryEntry};
    pub use crate::error::{Error, Result};
    pub use crate::followup::{Deadlines, FollowUpRules, LevelRules, SanctionThresholds, Threshold};
    pub use crate::ids::{ActorId, ContractId, MissionId};
    pub use crate::labels::Labelled;
    pub use crate::mission::{Client, LeadOrigin, Mission, MissionStatus, MissionStep, MissionUpdate, Resource};
    pub use crate::money::Money;
    pub use crate::network::{date, parse_date, Action, Command, Event, Network, NetworkSettings, NetworkState};
    pub use crate::standing::{Decision, DecisionVenue, Standing};
    pub use crate::text::{Lang, Text};
    pub use chrono::NaiveDate;
    pub use rust_decimal::Decimal;
}
