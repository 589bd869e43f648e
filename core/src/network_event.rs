//! Events the network held (a meeting, a visit, a fair), with who attended,
//! recorded by a steward (`record_network_event`). An event the provider and
//! the client of a mission attended gives the mission its recorded lead
//! origin, `network_event` (see [`crate::origin`]).

use crate::ids::{ActorId, NetworkEventId};
use crate::mission::Client;
use crate::origin::event_window;
use crate::recorded::Recorded;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An event the network held (a meeting, a visit, a fair), with who attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct NetworkEvent {
    /// Stable id.
    pub id: NetworkEventId,
    /// What it was ("Rencontre régionale des tiers-lieux").
    pub title: String,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Who attended, each once: members, and outside actors by name and
    /// kind (written as a mission's client is, so a client is found among them).
    pub attendees: Vec<Client>,
    /// The steward who recorded it.
    pub recorded_by: ActorId,
    /// The event of the journal that recorded it.
    pub recorded: Recorded,
}

impl NetworkEvent {
    /// Whether the member `id` attended.
    pub fn attended_by(&self, id: &ActorId) -> bool {
        self.attendees.iter().any(|a| matches!(a, Client::Member { id: m } if m == id))
    }

    /// Whether `client` attended.
    pub fn attended_by_client(&self, client: &Client) -> bool {
        self.attendees.contains(client)
    }

    /// Whether the event counts as where a client who asked on `asked_on`
    /// met the provider: held that day or in the [`crate::origin::EVENT_ORIGIN_DAYS`] days before.
    pub fn counts_on(&self, asked_on: NaiveDate) -> bool {
        event_window(asked_on).contains(&self.held_on)
    }
}
