//! The network aggregate: commands, checks, events and state.
//!
//! Every change is a [`Command`] issued by an actor on a date. The network
//! checks it against its state and against who issues it; an accepted command
//! becomes an [`Event`] appended to the journal, then applied. A rejected
//! command changes nothing. Replaying the journal ([`crate::journal`]) runs
//! the very same checks, so an edited event that breaks a rule is refused
//! rather than trusted.
//!
//! ```
//! use coopetition::prelude::*;
//! # fn main() -> coopetition::Result<()> {
//! let alice = ActorId::new("alice")?;
//! let mut network = Network::new();
//! let founder = Actor { level: InvolvementLevel::Steward, ..Actor::new(alice.clone(), ActorKind::Association, "Alice", true)? };
//! network.execute(Command::new(&alice, date(2020, 1, 6)?, Action::FoundNetwork {
//!     settings: NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"),
//!     founders: vec![founder],
//! }))?;
//! assert_eq!(network.journal().len(), 1);
//! # Ok(()) }
//! ```

use crate::actor::{Actor, ActorKind};
use crate::charter::{CharterStatus, CharterText};
use crate::contract::{Contract, MembershipStructure};
use crate::error::{Error, Result};
use crate::fiscal_year::FiscalYear;
use crate::ids::{ActorId, ContractId, MissionId};
use crate::mission::Mission;
use chrono::NaiveDate;
use std::collections::BTreeMap;

mod apply;
mod authority;
mod check;
mod command;
mod follow_up;
mod leads;
mod origins;
mod partner_calls;
pub(crate) mod read;
pub(crate) mod state;
pub(crate) use authority::member_in;
pub use authority::Capacity;
pub use command::{Action, Command, Event};
pub use state::{NetworkSettings, NetworkState};

/// Builds a date, refusing impossible ones.
///
/// # Errors
/// `input.parse.invalid` for a date that does not exist.
pub fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| Error::Parse { value: format!("{year}-{month}-{day}"), expected: "a calendar date" })
}

/// Parses an ISO date (`2021-03-01`).
///
/// # Errors
/// `input.parse.invalid`.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::Parse { value: text.to_owned(), expected: "an ISO date" })
}

/// A network: its state and its journal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Network {
    state: NetworkState,
    journal: Vec<Event>,
    /// Derived index: the live (proposed, discussed or active) contract of each member.
    live: BTreeMap<ActorId, ContractId>,
    /// Derived index: the records a mission's lead origin may follow from.
    origins: origins::OriginIndex,
    /// Where the hash chain of the journal starts.
    pub(crate) chain: ChainBase,
}

/// Where a network's hash chain starts: what it knows of the chain before
/// its journal. Kept as plain bytes so that the network does not depend on
/// the chain's module (which depends on the network's events).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum ChainBase {
    /// Built from its first event: its journal is the whole chain, which it
    /// can write with or without a key.
    #[default]
    Genesis,
    /// Rebuilt from a verified snapshot: the chain up to event `seq` ends
    /// with `hash`, a keyed chain (with the key whose check is `key_check`)
    /// or a SHA-256 one (`None`). Only a chain of that kind continues it.
    After {
        /// The snapshot's last event.
        seq: u64,
        /// Its link.
        hash: [u8; 32],
        /// The check of the key of a keyed chain (see `chain::key_check`).
        key_check: Option<[u8; 32]>,
    },
    /// Rebuilt from a state without a chain position (a schema-1 snapshot,
    /// [`Network::from_state`]): the chain before its journal is unknown.
    Unverified,
}

/// What [`Network::restore`] puts back: the state and the indexes of live
/// contracts and of origin records as they were, and the journal's length (commands only append to it).
#[derive(Debug)]
pub(crate) struct SavePoint {
    state: NetworkState,
    live: BTreeMap<ActorId, ContractId>,
    origins: origins::OriginIndex,
    recorded: usize,
}

/// An event a network decided to record, not yet applied: made only by
/// [`Network::decide`], so that [`Network::commit`] applies nothing that was
/// not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    event: Event,
}

impl Decided {
    /// The event, as the journal will hold it.
    pub fn event(&self) -> &Event {
        &self.event
    }
}

impl Network {
    /// An empty network, waiting for [`Action::FoundNetwork`].
    pub fn new() -> Network {
        Network::default()
    }

    /// A network rebuilt from a state (a snapshot), with an empty journal
    /// whose next event will be numbered `state.last_seq + 1`.
    ///
    /// # Errors
    /// `journal.snapshot.inconsistent` when facts of the state contradict one
    /// another (see [`crate::snapshot`]).
    pub fn from_state(state: NetworkState) -> Result<Network> {
        Network::from_checked_state(state)
    }

    pub(crate) fn from_checked_state(state: NetworkState) -> Result<Network> {
        crate::snapshot::check(&state)?;
        let live =
            state.contracts.values().filter(|c| c.status.is_live()).map(|c| (c.member.clone(), c.id.clone())).collect();
        let origins = origins::OriginIndex::of(&state);
        Ok(Network { state, journal: Vec::new(), live, origins, chain: ChainBase::Unverified })
    }

    /// The state.
    pub fn state(&self) -> &NetworkState {
        &self.state
    }

    /// The events recorded since this network was created or loaded.
    pub fn journal(&self) -> &[Event] {
        &self.journal
    }

    /// Checks a command and, if accepted, records and applies it.
    ///
    /// # Errors
    /// Any rejection, with the state left untouched.
    pub fn execute(&mut self, command: Command) -> Result<&Event> {
        let decided = self.decide(command)?;
        self.commit(decided)
    }

    /// Checks a command and returns the event it would record, changing
    /// nothing: the first half of *decide, then commit*. A store writes the
    /// event durably, then hands the decision to [`Network::commit`]; if the
    /// write fails, the decision is dropped and the network is as it was.
    ///
    /// # Errors
    /// Any rejection [`Network::execute`] would give.
    pub fn decide(&self, command: Command) -> Result<Decided> {
        self.check(&command)?;
        let seq = self.next_seq()?;
        Ok(Decided { event: Event { seq, by: command.by, on: command.on, action: command.action } })
    }

    /// Applies and records an event this network decided: the second half of
    /// *decide, then commit*.
    ///
    /// # Errors
    /// `journal.sequence.invalid` if another event was recorded since the
    /// decision (it was decided on a state that is no longer this one); the
    /// network is then unchanged.
    pub fn commit(&mut self, decided: Decided) -> Result<&Event> {
        let event = decided.event;
        let expected = self.next_seq()?;
        if event.seq != expected {
            return Err(Error::JournalSequence { line: 0, found: event.seq, expected });
        }
        self.apply(&event);
        self.journal.push(event);
        let last = self.journal.len() - 1;
        self.journal.get(last).ok_or(Error::Founding("journal is empty"))
    }

    /// Checks and applies an event read from a journal.
    ///
    /// # Errors
    /// `journal.sequence.invalid` if it does not follow the last event; any
    /// rejection the live command would have met.
    pub fn replay_event(&mut self, event: Event) -> Result<()> {
        self.replay_unrecorded(&event)?;
        self.journal.push(event);
        Ok(())
    }

    /// [`Network::replay_event`] without recording the event: the caller
    /// records it with [`Network::record_replayed`] (no check reads the journal).
    pub(crate) fn replay_unrecorded(&mut self, event: &Event) -> Result<()> {
        let expected = self.next_seq()?;
        if event.seq != expected {
            return Err(Error::JournalSequence { line: 0, found: event.seq, expected });
        }
        self.check_action(&event.by, event.on, &event.action)
            .map_err(|e| Error::Replay { seq: event.seq, source: Box::new(e) })?;
        self.apply(event);
        Ok(())
    }

    /// Records events replayed by [`Network::replay_unrecorded`], in order:
    /// a journal of a million events read whole is taken as it is, not moved
    /// event by event.
    pub(crate) fn record_replayed(&mut self, events: Vec<Event>) {
        if self.journal.is_empty() {
            self.journal = events;
        } else {
            self.journal.extend(events);
        }
    }

    /// The state as it is, to [`Network::restore`] after commands that must
    /// not stay: a copy of the state, not of the journal.
    pub(crate) fn save_point(&self) -> SavePoint {
        SavePoint {
            state: self.state.clone(),
            live: self.live.clone(),
            origins: self.origins.clone(),
            recorded: self.journal.len(),
        }
    }

    /// Puts back the network as it was at `saved`, taken on this network:
    /// every command since only changed the state and the index, and
    /// appended to the journal.
    pub(crate) fn restore(&mut self, saved: SavePoint) {
        self.state = saved.state;
        self.live = saved.live;
        self.origins = saved.origins;
        self.journal.truncate(saved.recorded);
    }

    /// The number of the next event; refused once the numbers are exhausted
    /// (a snapshot may claim any last number), never wrapped.
    fn next_seq(&self) -> Result<u64> {
        self.state.last_seq.checked_add(1).ok_or(Error::SequenceExhausted { line: None, last: self.state.last_seq })
    }

    // ---- queries ----------------------------------------------------------------

    /// The settings; `None` before founding.
    pub fn settings(&self) -> Option<&NetworkSettings> {
        self.state.settings.as_ref()
    }

    /// The actor with this id.
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn actor(&self, id: &ActorId) -> Result<&Actor> {
        self.state.actors.get(id).ok_or_else(|| Error::UnknownActor(id.to_string()))
    }

    /// The contract with this id.
    ///
    /// # Errors
    /// `contract.id.unknown`.
    pub fn contract(&self, id: &ContractId) -> Result<&Contract> {
        self.state.contracts.get(id).ok_or_else(|| Error::UnknownContract(id.to_string()))
    }

    /// The mission with this id.
    ///
    /// # Errors
    /// `mission.id.unknown`.
    pub fn mission(&self, id: &MissionId) -> Result<&Mission> {
        self.state.missions.get(id).ok_or_else(|| Error::UnknownMission(id.to_string()))
    }

    /// The member's live contract (proposed, in discussion or active), if any.
    pub fn live_contract(&self, member: &ActorId) -> Option<&Contract> {
        self.live.get(member).and_then(|id| self.state.contracts.get(id))
    }

    /// The charter version in force, if the network is founded.
    pub fn charter(&self) -> Option<&CharterText> {
        self.state.charter.last()
    }

    /// Where a provider stands with regard to the charter.
    pub fn charter_status(&self, provider: &ActorId) -> CharterStatus {
        let current = self.charter().map(|c| c.version);
        match self.state.signatures.get(provider).and_then(|s| s.last()) {
            None => CharterStatus::Unsigned,
            Some(s) if Some(s.version) == current => CharterStatus::Signed,
            Some(_) => CharterStatus::Outdated,
        }
    }

    /// The missions reported by a provider.
    pub fn missions_of<'a>(&'a self, provider: &ActorId) -> impl Iterator<Item = &'a Mission> + 'a {
        let provider = provider.clone();
        self.state.missions.values().filter(move |m| m.provider == provider)
    }

    /// Fiscal year `year`: the days the ledger and the annual statement of
    /// that year cover (see [`crate::fiscal_year`]).
    ///
    /// # Errors
    /// `input.parse.invalid` for a year at the calendar's ends.
    pub fn fiscal_year(&self, year: i32) -> Result<FiscalYear> {
        crate::fiscal_year::fiscal_year(&self.state.fiscal_years, year)
    }

    /// The fiscal year `on` falls in.
    ///
    /// # Errors
    /// As [`Network::fiscal_year`].
    pub fn fiscal_year_containing(&self, on: NaiveDate) -> Result<FiscalYear> {
        crate::fiscal_year::fiscal_year_containing(&self.state.fiscal_years, on)
    }

    fn charter_required(&self, contract: &Contract) -> bool {
        contract.kind == ActorKind::Provider
            && self.settings().is_some_and(|s| s.membership_structure == MembershipStructure::AllInOne)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_with_a_sign_beyond_9999() {
        assert_eq!(parse_date("2020-01-06").unwrap(), NaiveDate::from_ymd_opt(2020, 1, 6).unwrap());
        assert_eq!(parse_date("+10000-01-01").unwrap(), NaiveDate::from_ymd_opt(10000, 1, 1).unwrap());
        for bad in ["2020-02-30", "+999999999-12-31", "06/01/2020", ""] {
            assert_eq!(parse_date(bad).unwrap_err().code(), "input.parse.invalid", "{bad}");
        }
    }
}
