//! Network events, and lead origins that follow from the network's records
//! ([`crate::origin`]): the checks of `record_network_event`, what it writes,
//! and the record a reported mission's lead origin follows from.

use super::state::NetworkState;
use super::{Action, Event, Network};
use crate::calendar::not_before;
use crate::error::{Error, Result};
use crate::ids::{ActorId, LeadId, MissionId, NetworkEventId};
use crate::labels::Labelled;
use crate::mission::{Client, LeadOrigin};
use crate::network_event::NetworkEvent;
use crate::origin::{event_window, OriginRecord};
use crate::recorded::Recorded;
use crate::text::non_empty;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::RangeInclusive;

/// The events an attendee attended, by the day they were held.
type Attended = BTreeMap<NaiveDate, BTreeSet<NetworkEventId>>;

/// Derived index of the records a lead origin may follow from, so that a
/// mission's report looks at the leads still open and at the days both its
/// provider and its client attended an event, rather than at every lead and
/// event the network ever recorded. Rebuilt from the state
/// ([`OriginIndex::of`]) and kept up to date by every event that changes it
/// ([`OriginIndex::after`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct OriginIndex {
    /// Leads offered and not closed.
    open_leads: BTreeSet<LeadId>,
    /// The events each attendee (a member, or an outside actor by name and
    /// kind) attended.
    attended: HashMap<Client, Attended>,
}

impl OriginIndex {
    /// The index of a state.
    pub(crate) fn of(state: &NetworkState) -> OriginIndex {
        let open_leads =
            state.leads.values().filter(|l| l.offer.is_some() && l.outcome.is_none()).map(|l| l.id.clone()).collect();
        let mut index = OriginIndex { open_leads, attended: HashMap::new() };
        for e in state.events.values() {
            index.attended(e);
        }
        index
    }

    /// Updates the index after an applied event.
    pub(crate) fn after(&mut self, event: &Event, state: &NetworkState) {
        match &event.action {
            Action::OfferLead { lead, .. } => {
                self.open_leads.insert(lead.clone());
            }
            Action::CloseLead { lead, .. } => {
                self.open_leads.remove(lead);
            }
            Action::RecordNetworkEvent { event: id, .. } => {
                if let Some(e) = state.events.get(id) {
                    self.attended(e);
                }
            }
            _ => {}
        }
    }

    fn attended(&mut self, e: &NetworkEvent) {
        for a in &e.attendees {
            self.attended.entry(a.clone()).or_default().entry(e.held_on).or_default().insert(e.id.clone());
        }
    }

    /// The latest event `provider` and `client` both attended, held on a
    /// day of `days` (the first by id on that day).
    fn met(&self, provider: &ActorId, client: &Client, days: RangeInclusive<NaiveDate>) -> Option<&NetworkEventId> {
        let mine = self.attended.get(&Client::Member { id: provider.clone() })?;
        let theirs = self.attended.get(client)?;
        // Walk the days of whoever attended fewer events, latest first.
        let (few, many) = if mine.len() <= theirs.len() { (mine, theirs) } else { (theirs, mine) };
        few.range(days).rev().find_map(|(day, ids)| {
            let also = many.get(day)?;
            ids.iter().find(|id| also.contains(*id))
        })
    }
}

impl Network {
    /// The network event with this id.
    ///
    /// # Errors
    /// `event.id.unknown`.
    pub fn network_event(&self, id: &NetworkEventId) -> Result<&NetworkEvent> {
        self.state.events.get(id).ok_or_else(|| Error::UnknownNetworkEvent(id.to_string()))
    }

    /// The events the network held, in id order.
    pub fn network_events(&self) -> impl Iterator<Item = &NetworkEvent> {
        self.state.events.values()
    }

    /// The record a mission's lead origin follows from, for a client who
    /// asked `provider` on `asked_on`, and the origin it gives:
    ///
    /// 1. a lead with this client offered to the provider on or before that
    ///    day and not closed: `network_referral` (the first by id);
    /// 2. otherwise a network event the provider and the client attended,
    ///    held that day or in the [`crate::origin::EVENT_ORIGIN_DAYS`] days
    ///    before: `network_event` (the latest; the first by id on a tie).
    ///
    /// `None` when no record tells: the origin is the provider's to declare.
    pub fn recorded_origin(
        &self,
        provider: &ActorId,
        client: &Client,
        asked_on: NaiveDate,
    ) -> Option<(LeadOrigin, OriginRecord)> {
        let mut open = self.origins.open_leads.iter().filter_map(|id| self.state.leads.get(id));
        let lead = open.find(|l| {
            &l.client == client && l.offer.as_ref().is_some_and(|o| o.recorded.on <= asked_on) && l.offered_to(provider)
        });
        if let Some(l) = lead {
            return Some((LeadOrigin::NetworkReferral, OriginRecord::Lead { lead: l.id.clone() }));
        }
        let met = self.origins.met(provider, client, event_window(asked_on))?;
        Some((LeadOrigin::NetworkEvent, OriginRecord::NetworkEvent { event: met.clone() }))
    }

    /// Checks the lead origin a provider declares for a mission a client
    /// asked for on `asked_on`, and gives the record it follows from, if any.
    ///
    /// # Errors
    /// `mission.origin.lead_open` when a lead offered this client to the
    /// provider is still open (the mission comes from the lead);
    /// `mission.origin.contradicted` when a network event gives another origin.
    pub(super) fn check_declared_origin(
        &self,
        mission: &MissionId,
        provider: &ActorId,
        client: &Client,
        declared: LeadOrigin,
        asked_on: NaiveDate,
    ) -> Result<Option<OriginRecord>> {
        let Some((recorded, record)) = self.recorded_origin(provider, client, asked_on) else { return Ok(None) };
        match &record {
            OriginRecord::Lead { lead } if declared == recorded => Err(Error::OriginLeadOpen {
                mission: mission.to_string(),
                lead: lead.to_string(),
                provider: provider.to_string(),
            }),
            _ if declared == recorded => Ok(Some(record)),
            _ => Err(Error::OriginContradicted {
                mission: mission.to_string(),
                declared: declared.label(),
                recorded: recorded.label(),
                record: record.describe(),
            }),
        }
    }

    /// Checks `record_network_event`: a new id, a title, held on or before
    /// the command, each attendee an actor of the network or a named outside
    /// actor, listed once.
    pub(super) fn check_network_event(
        &self,
        on: NaiveDate,
        event: &NetworkEventId,
        title: &str,
        held_on: NaiveDate,
        attendees: &[Client],
    ) -> Result<()> {
        if self.state.events.contains_key(event) {
            return Err(Error::DuplicateNetworkEvent(event.to_string()));
        }
        non_empty(title, "title")?;
        not_before(on, held_on, "network event", "record of the event")?;
        let mut seen = std::collections::HashSet::with_capacity(attendees.len());
        for a in attendees {
            let refuse = |why| Error::EventAttendee { event: event.to_string(), attendee: attendee_name(a), why };
            match a {
                Client::Member { id } if self.actor(id).is_err() => return Err(refuse("not an actor of the network")),
                Client::Outside { name, .. } if name.trim().is_empty() => {
                    return Err(refuse("an outside attendee needs a name"))
                }
                _ => {}
            }
            if !seen.insert(a) {
                return Err(refuse("listed twice"));
            }
        }
        Ok(())
    }

    /// Writes an accepted `record_network_event`.
    pub(super) fn apply_network_event(&mut self, event: &Event) {
        if let super::Action::RecordNetworkEvent { event: id, title, held_on, attendees } = &event.action {
            let recorded = Recorded { on: event.on, seq: event.seq };
            let e = NetworkEvent {
                id: id.clone(),
                title: title.clone(),
                held_on: *held_on,
                attendees: attendees.clone(),
                recorded_by: event.by.clone(),
                recorded,
            };
            self.state.events.insert(id.clone(), e);
        }
    }
}

/// An attendee as named in an error: its id, or its name.
fn attendee_name(a: &Client) -> String {
    match a {
        Client::Member { id } => id.to_string(),
        Client::Outside { name, .. } if name.trim().is_empty() => "(no name)".to_owned(),
        Client::Outside { name, .. } => name.clone(),
    }
}
