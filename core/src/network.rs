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

use crate::actor::{Actor, ActorKind, InvolvementLevel};
use crate::charter::{CharterSignature, CharterStatus, CharterText};
use crate::contract::{Contract, ContractTerms, MembershipStructure};
use crate::error::{Error, Result};
use crate::followup::{FollowUp, FollowUpRules};
use crate::ids::{ActorId, ContractId, MissionId};
use crate::mission::{Client, Mission, MissionStep, MissionUpdate};
use crate::money::Money;
use crate::negotiation::{Declaration, Delivery, Donation, Negotiation, Payment};
use crate::standing::{Decision, Standing};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod apply;
mod authority;
mod check;
pub(crate) use authority::member_in;
pub use authority::Capacity;

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

/// Checks that a text is visible (the rule of [`crate::text::check_text`]),
/// for the commands' checks and the follow-up's.
pub(crate) fn non_empty(text: &str, field: &'static str) -> Result<()> {
    crate::text::check_text(text, field)
}

/// Checks that `later_date` (of `later`) does not precede `earlier_date` (of `earlier`).
pub(crate) fn not_before(
    later_date: NaiveDate,
    earlier_date: NaiveDate,
    earlier: &'static str,
    later: &'static str,
) -> Result<()> {
    if later_date < earlier_date {
        Err(Error::DateOrder { earlier, earlier_date, later, later_date })
    } else {
        Ok(())
    }
}

/// Settings chosen when the network is founded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkSettings {
    /// The network's name.
    pub name: String,
    /// How the charter relates to membership.
    pub membership_structure: MembershipStructure,
}

impl NetworkSettings {
    /// Two-tier settings: a contract for all, a separate charter for providers.
    pub fn two_tier(name: impl Into<String>) -> NetworkSettings {
        NetworkSettings { name: name.into(), membership_structure: MembershipStructure::TwoTier }
    }

    /// All-in-one settings: the provider's contract contains the charter.
    pub fn all_in_one(name: impl Into<String>) -> NetworkSettings {
        NetworkSettings { name: name.into(), membership_structure: MembershipStructure::AllInOne }
    }
}

/// What a command asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Founds the network with its settings and founding stewards. Only the
    /// first command; issued by one of the founders.
    FoundNetwork {
        /// The settings.
        settings: NetworkSettings,
        /// Founding members, all stewards.
        founders: Vec<Actor>,
    },
    /// Registers an actor: by itself (as a supporter) or by a steward.
    RegisterActor {
        /// The actor.
        actor: Actor,
    },
    /// The actor gives or withdraws its consent to public listing.
    SetPublicListing {
        /// The actor (must be the issuer).
        actor: ActorId,
        /// Whether it consents.
        public_listing: bool,
    },
    /// A steward changes an actor's involvement level.
    ChangeLevel {
        /// The actor.
        actor: ActorId,
        /// The new level.
        level: InvolvementLevel,
        /// Why.
        reason: String,
    },
    /// The applicant proposes a membership contract.
    ProposeContract {
        /// The new contract's id.
        contract: ContractId,
        /// The proposed terms.
        terms: ContractTerms,
    },
    /// A steward or the member adds a note to the discussion of pending terms.
    DiscussContract {
        /// The contract.
        contract: ContractId,
        /// The note.
        note: String,
    },
    /// The member replaces its pending terms (after a discussion).
    ReviseProposal {
        /// The contract.
        contract: ContractId,
        /// The new terms.
        terms: ContractTerms,
    },
    /// A steward validates the pending terms: the first version, or an amendment.
    ValidateContract {
        /// The contract.
        contract: ContractId,
    },
    /// A steward declines the pending terms.
    DeclineContract {
        /// The contract.
        contract: ContractId,
        /// Why.
        reason: String,
    },
    /// The member proposes an amendment to its active contract.
    ProposeAmendment {
        /// The contract.
        contract: ContractId,
        /// The amended terms.
        terms: ContractTerms,
    },
    /// The member resigns (or withdraws its application).
    Resign {
        /// The contract.
        contract: ContractId,
    },
    /// A steward excludes a member.
    ExcludeMember {
        /// The contract.
        contract: ContractId,
        /// Why.
        reason: String,
    },
    /// A steward publishes a new version of the charter.
    PublishCharter {
        /// The new text; its version must follow the current one, and it is in
        /// force from its date, which is neither before the current version's
        /// nor after the command's.
        text: CharterText,
    },
    /// A provider signs the charter version in force.
    SignCharter {
        /// The version signed.
        version: u32,
    },
    /// A provider reports a step of one of its missions.
    ReportMission {
        /// The mission.
        mission: MissionId,
        /// When the step happened (on or before the report).
        occurred_on: NaiveDate,
        /// The step.
        step: MissionStep,
        /// Facts learnt (partners, resources, client informed).
        #[serde(default)]
        update: MissionUpdate,
    },
    /// The provider declares its self-assessed contribution for a won mission
    /// (a later declaration replaces an earlier one).
    DeclareContribution {
        /// The mission.
        mission: MissionId,
        /// The amount, between 0 and the revenue.
        amount: Money,
    },
    /// The provider, or a steward for the network, offers an amount in the
    /// negotiation of a won mission's contribution (opening it if needed).
    OfferContribution {
        /// The mission.
        mission: MissionId,
        /// The amount, between 0 and the revenue.
        amount: Money,
    },
    /// The other party accepts the last offer: the negotiation is agreed.
    AcceptOffer {
        /// The mission.
        mission: MissionId,
    },
    /// Either party records that the negotiation ended without agreement.
    DeclareStalemate {
        /// The mission.
        mission: MissionId,
    },
    /// Either party reopens a negotiation that ended in a stalemate.
    ReopenNegotiation {
        /// The mission.
        mission: MissionId,
    },
    /// A steward records a payment received from a member.
    RecordPayment {
        /// The payment.
        payment: Payment,
    },
    /// A steward records a donation received.
    RecordDonation {
        /// The donation.
        donation: Donation,
    },
    /// The member, or a steward, records an in-kind delivery.
    RecordDelivery {
        /// The delivery.
        delivery: Delivery,
    },
    /// A steward sets the follow-up rules (deadlines, thresholds) in force from a date.
    ConfigureFollowUp {
        /// First day the rules are in force; after the start of the rules in
        /// force, and not before the command's date (rules never apply retroactively).
        from: NaiveDate,
        /// The rules.
        rules: FollowUpRules,
    },
    /// The provider records that a resource developed during a mission was shared (charter art. 3).
    ShareResource {
        /// The mission.
        mission: MissionId,
        /// The resource, by the name the mission reported.
        resource: String,
        /// Its open licence.
        licence: String,
        /// Where it can be found.
        location: String,
    },
    /// A member (or a steward for it) records prior work with a local actor (charter art. 4).
    RecordPriorWork {
        /// The member who did the work.
        member: ActorId,
        /// The local actor.
        local_actor: Client,
        /// Since when.
        since: NaiveDate,
    },
    /// The provider records that it informed a member who worked with the
    /// client before (charter art. 4), discharging the obligation.
    RecordMemberInformed {
        /// The mission.
        mission: MissionId,
        /// The member informed.
        member: ActorId,
    },
    /// A steward records a member's attendance at the yearly meeting on the
    /// quality of support (charter art. 5).
    RecordAttendance {
        /// The member.
        member: ActorId,
        /// The calendar year of the meeting; not after the command's year.
        year: i32,
        /// What the meeting was, if given.
        #[serde(default)]
        meeting: String,
    },
    /// A steward notifies a member of the grounds of a possible exclusion: the hearing opens.
    NotifyHearing {
        /// The member.
        member: ActorId,
        /// The grounds.
        grounds: String,
    },
    /// The member (or a steward recording it) answers the notice.
    AnswerHearing {
        /// The member.
        member: ActorId,
        /// The answer.
        answer: String,
    },
    /// A steward records a decision on a member's standing (a sanction or a reinstatement).
    DecideStanding {
        /// The member.
        member: ActorId,
        /// The standing decided.
        standing: Standing,
        /// The decision: reason, date, venue.
        decision: Decision,
    },
    /// A steward records a decision on an actor's involvement level.
    DecideLevel {
        /// The actor.
        actor: ActorId,
        /// The level decided.
        level: InvolvementLevel,
        /// The decision: reason, date, venue.
        decision: Decision,
    },
}

impl Action {
    /// A short label of the action (`propose_contract`…).
    pub fn label(&self) -> &'static str {
        match self {
            Action::FoundNetwork { .. } => "found_network",
            Action::RegisterActor { .. } => "register_actor",
            Action::SetPublicListing { .. } => "set_public_listing",
            Action::ChangeLevel { .. } => "change_level",
            Action::ProposeContract { .. } => "propose_contract",
            Action::DiscussContract { .. } => "discuss_contract",
            Action::ReviseProposal { .. } => "revise_proposal",
            Action::ValidateContract { .. } => "validate_contract",
            Action::DeclineContract { .. } => "decline_contract",
            Action::ProposeAmendment { .. } => "propose_amendment",
            Action::Resign { .. } => "resign",
            Action::ExcludeMember { .. } => "exclude_member",
            Action::PublishCharter { .. } => "publish_charter",
            Action::SignCharter { .. } => "sign_charter",
            Action::ReportMission { .. } => "report_mission",
            Action::DeclareContribution { .. } => "declare_contribution",
            Action::OfferContribution { .. } => "offer_contribution",
            Action::AcceptOffer { .. } => "accept_offer",
            Action::DeclareStalemate { .. } => "declare_stalemate",
            Action::ReopenNegotiation { .. } => "reopen_negotiation",
            Action::RecordPayment { .. } => "record_payment",
            Action::RecordDonation { .. } => "record_donation",
            Action::RecordDelivery { .. } => "record_delivery",
            Action::ConfigureFollowUp { .. } => "configure_follow_up",
            Action::ShareResource { .. } => "share_resource",
            Action::RecordPriorWork { .. } => "record_prior_work",
            Action::RecordMemberInformed { .. } => "record_member_informed",
            Action::RecordAttendance { .. } => "record_attendance",
            Action::NotifyHearing { .. } => "notify_hearing",
            Action::AnswerHearing { .. } => "answer_hearing",
            Action::DecideStanding { .. } => "decide_standing",
            Action::DecideLevel { .. } => "decide_level",
        }
    }
}

/// A request to change the network: who asks, on which date, for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Command {
    /// The issuer.
    pub by: ActorId,
    /// The date of the command.
    pub on: NaiveDate,
    /// What is asked.
    pub action: Action,
}

impl Command {
    /// A command issued by `by` on `on`.
    pub fn new(by: &ActorId, on: NaiveDate, action: Action) -> Command {
        Command { by: by.clone(), on, action }
    }
}

/// An accepted command, as recorded in the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Position in the journal, from 1.
    pub seq: u64,
    /// The issuer.
    pub by: ActorId,
    /// The date of the command.
    pub on: NaiveDate,
    /// What was done.
    pub action: Action,
}

/// The state of a network: everything a replayed journal rebuilds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkState {
    /// Settings, once founded.
    pub settings: Option<NetworkSettings>,
    /// Founding date.
    pub founded_on: Option<NaiveDate>,
    /// The founding stewards, members without a contract.
    pub founders: Vec<ActorId>,
    /// Every actor known, by id.
    pub actors: BTreeMap<ActorId, Actor>,
    /// Every contract, by id.
    pub contracts: BTreeMap<ContractId, Contract>,
    /// Charter versions, oldest first.
    pub charter: Vec<CharterText>,
    /// Charter signatures per provider, oldest first.
    pub signatures: BTreeMap<ActorId, Vec<CharterSignature>>,
    /// Every mission, by id.
    pub missions: BTreeMap<MissionId, Mission>,
    /// Self-assessed declarations, by mission.
    #[serde(default)]
    pub declarations: BTreeMap<MissionId, Declaration>,
    /// Negotiations of contributions, by mission.
    #[serde(default)]
    pub negotiations: BTreeMap<MissionId, Negotiation>,
    /// Payments received, in journal order.
    #[serde(default)]
    pub payments: Vec<Payment>,
    /// Donations received, in journal order.
    #[serde(default)]
    pub donations: Vec<Donation>,
    /// In-kind deliveries, in journal order.
    #[serde(default)]
    pub deliveries: Vec<Delivery>,
    /// The charter follow-up: event numbers, prior work, hearings, standing…
    #[serde(default)]
    pub follow_up: FollowUp,
    /// Sequence number of the last applied event.
    pub last_seq: u64,
}

/// A network: its state and its journal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Network {
    state: NetworkState,
    journal: Vec<Event>,
    /// Derived index: the live (proposed, discussed or active) contract of each member.
    live: BTreeMap<ActorId, ContractId>,
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
        Ok(Network { state, journal: Vec::new(), live })
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
        self.check(&command)?;
        let seq = self.next_seq()?;
        let event = Event { seq, by: command.by, on: command.on, action: command.action };
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
        let expected = self.next_seq()?;
        if event.seq != expected {
            return Err(Error::JournalSequence { line: 0, found: event.seq, expected });
        }
        let command = Command { by: event.by.clone(), on: event.on, action: event.action.clone() };
        self.check(&command).map_err(|e| Error::Replay { seq: event.seq, source: Box::new(e) })?;
        self.apply(&event);
        self.journal.push(event);
        Ok(())
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

    fn charter_required(&self, contract: &Contract) -> bool {
        contract.kind == ActorKind::Provider
            && self.settings().is_some_and(|s| s.membership_structure == MembershipStructure::AllInOne)
    }
}
