//! Lead origins the network can prove: the events it held, and the records
//! a mission's lead origin follows from.
//!
//! A mission's lead origin (how the client came to the provider) sets the
//! guide's rate, so the network does not take it on the provider's word when
//! its own records tell:
//!
//! - **a lead** the network offered to the provider, with the same client,
//!   still open when the client asked: the origin is `network_referral`
//!   (the mission comes from the lead, and is created when a steward records
//!   its outcome);
//! - **a network event** ([`crate::network_event`]) both the provider and the
//!   client attended, held in the [`EVENT_ORIGIN_DAYS`] days up to the day
//!   the client asked: the origin is `network_event`.
//!
//! A mission whose origin follows from a record is [`LeadOriginBasis::Recorded`]
//! and names the record ([`OriginRecord`]); a declaration that contradicts
//! the record is refused (`mission.origin.contradicted`). Origins the network
//! cannot know (the provider's own network, a network action, another
//! origin) stay [`LeadOriginBasis::Declared`], as do missions reported before
//! the network kept such records.

use crate::ids::{LeadId, NetworkEventId};
use crate::labels::labelled_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How many days a network event counts as where a provider met a client:
/// an event held on the day the client asked, or up to 365 days before.
pub const EVENT_ORIGIN_DAYS: u32 = 365;

/// The days a network event counts as where a client who asked on
/// `asked_on` met the provider: from [`EVENT_ORIGIN_DAYS`] days before to
/// that day (from the first day chrono knows, near its limit).
pub fn event_window(asked_on: NaiveDate) -> std::ops::RangeInclusive<NaiveDate> {
    let earliest = asked_on.checked_sub_days(chrono::Days::new(u64::from(EVENT_ORIGIN_DAYS))).unwrap_or(NaiveDate::MIN);
    earliest..=asked_on
}

labelled_enum!(
    /// Whether a mission's lead origin follows from the network's records or
    /// from the provider's declaration.
    LeadOriginBasis, "lead origin basis", {
        /// The network's records (a lead, a network event) give the origin.
        Recorded => "recorded",
        /// The provider declared the origin; the network has no record of it.
        Declared => "declared",
    }
);

impl Default for LeadOriginBasis {
    /// A declared origin: what a mission has when no record names it.
    fn default() -> LeadOriginBasis {
        LeadOriginBasis::Declared
    }
}

impl LeadOriginBasis {
    /// Whether the basis is the default, declared (to leave it out of JSON).
    pub fn is_declared(&self) -> bool {
        *self == LeadOriginBasis::Declared
    }
}

/// The record of the network a mission's lead origin follows from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "record", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass_complex_enum,
    pyo3::pyclass(module = "coopetition", frozen, eq, from_py_object)
)]
pub enum OriginRecord {
    /// A lead the network offered to the provider: `network_referral`.
    Lead {
        /// The lead.
        lead: LeadId,
    },
    /// A network event the provider and the client attended: `network_event`.
    NetworkEvent {
        /// The event.
        event: NetworkEventId,
    },
}

impl OriginRecord {
    /// The record named in a sentence: `lead L-12`, `network event E-3`.
    pub fn describe(&self) -> String {
        match self {
            OriginRecord::Lead { lead } => format!("lead {lead}"),
            OriginRecord::NetworkEvent { event } => format!("network event {event}"),
        }
    }
}
