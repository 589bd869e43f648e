//! Network events: the command `recordNetworkEvent` and the queries
//! `networkEvent` and `networkEvents`. The records, and the lead origins
//! that follow from them, are the core's (`coopetition::origin`).

use crate::commands::{Action, Event};
use crate::error::Result;
use crate::network::Network;
use crate::types::Client;
use chrono::NaiveDate;
use coopetition::ids::{ActorId, NetworkEventId};
use coopetition::network_event::NetworkEvent;

#[uniffi::export]
impl Network {
    /// A steward records an event the network held on `held_on`, with who
    /// attended: members, and outside actors by name and kind (as a
    /// mission's client is written). A mission a client asks an attending
    /// provider for within a year after the event has the recorded origin
    /// `network_event`.
    ///
    /// # Errors
    /// `auth.steward.required`, `event.id.duplicate`, `input.text.empty`,
    /// `event.attendee.invalid`, `date.order.invalid`.
    #[uniffi::method(default(attendees = []))]
    pub fn record_network_event(
        &self,
        by: ActorId,
        on: NaiveDate,
        event: NetworkEventId,
        title: String,
        held_on: NaiveDate,
        attendees: Vec<Client>,
    ) -> Result<Event> {
        self.act(by, on, Action::RecordNetworkEvent { event, title, held_on, attendees })
    }

    /// The network event with this id.
    ///
    /// # Errors
    /// `event.id.unknown`.
    pub fn network_event(&self, id: NetworkEventId) -> Result<NetworkEvent> {
        Ok(self.read().network_event(&id)?.clone())
    }

    /// The events the network held, in id order.
    pub fn network_events(&self) -> Vec<NetworkEvent> {
        self.read().network_events().cloned().collect()
    }
}
