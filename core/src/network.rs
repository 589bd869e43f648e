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
use crate::catalogue::Catalogues;
use crate::charter::{shipped_charter, CharterSignature, CharterStatus, CharterText};
use crate::contract::{
    Contract, ContractStatus, ContractTerms, ContractVersion, DiscussionNote, MembershipStructure, PendingTerms,
};
use crate::error::{Error, Result};
use crate::followup::{FollowUp, FollowUpRules};
use crate::ids::{ActorId, ContractId, MissionId};
use crate::mission::{Client, Mission, MissionRecord, MissionStatus, MissionStep, MissionUpdate};
use crate::money::Money;
use crate::negotiation::{
    positive, Declaration, Delivery, Donation, Negotiation, NegotiationStatus, Offer, Party, Payment,
};
use crate::standing::{Decision, Standing};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod authority;
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
        /// The new text; its version must follow the current one.
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
        /// First day the rules are in force; after the start of the rules in force.
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

    // ---- checks -----------------------------------------------------------------

    /// Checks a command without applying it: who may issue it first
    /// ([`Network::authorise`]), then its content against the state.
    ///
    /// # Errors
    /// The reason the command would be rejected.
    pub fn check(&self, command: &Command) -> Result<()> {
        let Command { by, on, action } = command;
        let on = *on;
        match (self.state.founded_on, action) {
            (None, Action::FoundNetwork { founders, .. }) => return check_founding(by, founders),
            (None, _) => return Err(Error::Founding("the network must be founded first")),
            (Some(_), Action::FoundNetwork { .. }) => return Err(Error::Founding("the network is already founded")),
            (Some(founded), _) if on < founded => {
                return Err(Error::DateOrder {
                    earlier: "founding",
                    earlier_date: founded,
                    later: action.label(),
                    later_date: on,
                })
            }
            _ => {}
        }
        if let Action::RegisterActor { actor } = action {
            return self.check_register(by, actor);
        }
        let issuer = self.actor(by)?;
        self.authorise(issuer, action)?;
        match action {
            Action::FoundNetwork { .. } | Action::RegisterActor { .. } => Ok(()),
            Action::SetPublicListing { actor, .. } => {
                self.actor(actor)?;
                owner(by, actor, "change the listing consent")
            }
            Action::ChangeLevel { actor, level: _, reason } => {
                self.actor(actor)?;
                non_empty(reason, "reason")
            }
            Action::ProposeContract { contract, terms } => {
                if self.state.contracts.contains_key(contract) {
                    return Err(Error::DuplicateContract(contract.to_string()));
                }
                if let Some(live) = self.live_contract(by) {
                    return Err(Error::ContractAlreadyLive { member: by.to_string(), contract: live.id.to_string() });
                }
                crate::followup::check_not_excluded(self, by)?;
                terms.check(issuer.kind, Catalogues::shipped().kind(issuer.kind)?)
            }
            Action::DiscussContract { contract, note } => {
                let c = self.contract(contract)?;
                non_empty(note, "note")?;
                c.pending.as_ref().ok_or_else(|| c.transition_error("discuss"))?;
                not_before(on, c.last_step_on(), "last contract step", "discussion")
            }
            Action::ReviseProposal { contract, terms } => {
                let c = self.contract(contract)?;
                owner(by, &c.member, "revise the contract")?;
                let pending = c.pending.as_ref().ok_or_else(|| c.transition_error("revise"))?;
                not_before(on, pending.proposed_on, "proposal", "revision")?;
                terms.check(c.kind, Catalogues::shipped().kind(c.kind)?)
            }
            Action::ValidateContract { contract } => {
                let c = self.contract(contract)?;
                let pending = c.pending.as_ref().ok_or_else(|| c.transition_error("validate"))?;
                not_before(on, c.last_step_on().max(pending.proposed_on), "proposal", "validation")?;
                if self.charter_required(c) && self.charter_status(&c.member) != CharterStatus::Signed {
                    return Err(Error::CharterUnsigned {
                        contract: c.id.to_string(),
                        provider: c.member.to_string(),
                        version: self.charter().map_or(1, |t| t.version),
                    });
                }
                Ok(())
            }
            Action::DeclineContract { contract, reason } => {
                non_empty(reason, "reason")?;
                let c = self.contract(contract)?;
                let pending = c.pending.as_ref().ok_or_else(|| c.transition_error("decline"))?;
                not_before(on, pending.proposed_on, "proposal", "decline")
            }
            Action::ProposeAmendment { contract, terms } => {
                let c = self.contract(contract)?;
                owner(by, &c.member, "amend the contract")?;
                if c.status != ContractStatus::Active || c.pending.is_some() {
                    return Err(c.transition_error("amend"));
                }
                not_before(on, c.last_step_on(), "last validation", "amendment")?;
                terms.check(c.kind, Catalogues::shipped().kind(c.kind)?)
            }
            Action::Resign { contract } => {
                let c = self.contract(contract)?;
                owner(by, &c.member, "resign")?;
                if !c.status.is_live() {
                    return Err(c.transition_error("resign"));
                }
                not_before(on, c.last_step_on(), "last contract step", "resignation")
            }
            Action::ExcludeMember { contract, reason } => {
                non_empty(reason, "reason")?;
                let c = self.contract(contract)?;
                if c.status != ContractStatus::Active {
                    return Err(c.transition_error("exclude"));
                }
                not_before(on, c.last_step_on(), "last contract step", "exclusion")?;
                // An exclusion is a standing decision too: the member is heard first.
                crate::followup::check_hearing(self, &c.member, on)
            }
            Action::PublishCharter { text } => {
                text.check()?;
                let current = self.charter().map_or(0, |c| c.version);
                if text.version != current + 1 {
                    return Err(Error::InvalidCatalogue(format!(
                        "charter version {} does not follow version {current}",
                        text.version
                    )));
                }
                match self.charter() {
                    Some(c) => not_before(text.published_on, c.published_on, "previous charter", "new charter"),
                    None => Ok(()),
                }
            }
            Action::SignCharter { version } => self.check_signature(issuer, on, *version),
            Action::ReportMission { mission, occurred_on, step, update } => {
                self.check_report(issuer, on, mission, *occurred_on, step, update)
            }
            Action::DeclareContribution { mission, amount } => {
                let m = self.won_mission(mission, on)?;
                owner(by, &m.provider, "declare a contribution for this mission")?;
                within_revenue(m, *amount)
            }
            Action::OfferContribution { mission, amount } => {
                let m = self.won_mission(mission, on)?;
                self.party(issuer, m)?;
                within_revenue(m, *amount)?;
                match self.state.negotiations.get(mission) {
                    Some(n) if n.status != NegotiationStatus::Open => Err(n.state_error("offer in")),
                    Some(n) => after_last_step(on, n, "offer"),
                    None => Ok(()),
                }
            }
            Action::AcceptOffer { mission } => {
                let m = self.won_mission(mission, on)?;
                let party = self.party(issuer, m)?;
                let n = self.open_negotiation(mission, "accept an offer in")?;
                let last = n.last_offer().ok_or_else(|| n.state_error("accept an offer in"))?;
                if last.party == party {
                    return Err(Error::NotAParty { actor: by.to_string(), mission: mission.to_string() });
                }
                after_last_step(on, n, "agreement")
            }
            Action::DeclareStalemate { mission } => {
                let m = self.won_mission(mission, on)?;
                self.party(issuer, m)?;
                let n = self.open_negotiation(mission, "declare a stalemate in")?;
                after_last_step(on, n, "stalemate")
            }
            Action::ReopenNegotiation { mission } => {
                let m = self.won_mission(mission, on)?;
                self.party(issuer, m)?;
                match self.state.negotiations.get(mission) {
                    Some(n) if n.status == NegotiationStatus::Stalemate => {
                        not_before(on, n.stalemate_on.unwrap_or(on), "stalemate", "reopening")
                    }
                    Some(n) => Err(n.state_error("reopen")),
                    None => Err(Error::NegotiationState {
                        mission: mission.to_string(),
                        action: "reopen",
                        state: "not opened",
                    }),
                }
            }
            Action::RecordPayment { payment } => {
                self.actor(&payment.member)?;
                positive(payment.amount, "payment")?;
                not_before(on, payment.on, "payment", "record")
            }
            Action::RecordDonation { donation } => {
                self.actor(&donation.member)?;
                positive(donation.amount, "donation")?;
                if let Some(m) = &donation.mission {
                    // A donation tied to a mission comes from the mission's provider.
                    owner(&donation.member, &self.mission(m)?.provider, "give a donation for this mission")?;
                }
                not_before(on, donation.on, "donation", "record")
            }
            Action::RecordDelivery { delivery } => {
                if delivery.quantity <= rust_decimal::Decimal::ZERO {
                    return Err(Error::Parse { value: delivery.quantity.to_string(), expected: "a positive quantity" });
                }
                not_before(on, delivery.on, "delivery", "record")?;
                // Chosen in the version of the contract in force on the day of the delivery
                // (a delivery recorded after an amendment is judged by the terms it was made under).
                let chosen = self
                    .live_contract(&delivery.member)
                    .filter(|c| c.status == ContractStatus::Active)
                    .and_then(|c| c.version_on(delivery.on))
                    .is_some_and(|v| v.terms.contributions.iter().any(|c| c.item == delivery.contribution));
                let kind = self.actor(&delivery.member)?.kind;
                let form = Catalogues::shipped().kind(kind)?.contribution(&delivery.contribution).map(|o| o.form);
                let in_kind = form.is_some_and(|f| !f.is_money());
                if !(chosen && in_kind) {
                    return Err(Error::DeliveryNotChosen {
                        member: delivery.member.to_string(),
                        contribution: delivery.contribution.clone(),
                    });
                }
                match form {
                    Some(f) if !f.counts_in(delivery.unit) => Err(Error::UnknownLabel {
                        what: "delivery unit for this contribution",
                        value: crate::labels::Labelled::label(delivery.unit).to_owned(),
                        expected: f
                            .delivery_units()
                            .iter()
                            .map(|u| crate::labels::Labelled::label(*u))
                            .collect::<Vec<_>>()
                            .join(", "),
                    }),
                    _ => Ok(()),
                }
            }
            Action::ConfigureFollowUp { .. }
            | Action::ShareResource { .. }
            | Action::RecordPriorWork { .. }
            | Action::RecordMemberInformed { .. }
            | Action::RecordAttendance { .. }
            | Action::NotifyHearing { .. }
            | Action::AnswerHearing { .. }
            | Action::DecideStanding { .. }
            | Action::DecideLevel { .. } => crate::followup::check(self, issuer, on, action),
        }
    }

    /// The mission, which must be won, won on or before `on`.
    fn won_mission(&self, id: &MissionId, on: NaiveDate) -> Result<&Mission> {
        let m = self.mission(id)?;
        let won_on = m.won_on().filter(|_| m.status.is_won()).ok_or_else(|| Error::MissionNotWon(id.to_string()))?;
        not_before(on, won_on, "won", "contribution step")?;
        Ok(m)
    }

    /// The party the issuer represents in the negotiation of a mission.
    fn party(&self, issuer: &Actor, mission: &Mission) -> Result<Party> {
        if issuer.id == mission.provider {
            Ok(Party::Provider)
        } else if self.capacity(&issuer.id) == Capacity::Steward {
            // Like every act for the network, only an acting steward.
            Ok(Party::Network)
        } else {
            Err(Error::NotAParty { actor: issuer.id.to_string(), mission: mission.id.to_string() })
        }
    }

    fn open_negotiation(&self, mission: &MissionId, action: &'static str) -> Result<&Negotiation> {
        match self.state.negotiations.get(mission) {
            Some(n) if n.status == NegotiationStatus::Open => Ok(n),
            Some(n) => Err(n.state_error(action)),
            None => Err(Error::NegotiationState { mission: mission.to_string(), action, state: "not opened" }),
        }
    }

    fn check_register(&self, by: &ActorId, actor: &Actor) -> Result<()> {
        actor.check()?;
        if self.state.actors.contains_key(&actor.id) {
            return Err(Error::DuplicateActor(actor.id.to_string()));
        }
        if by == &actor.id {
            if actor.level != InvolvementLevel::Supporter {
                return Err(Error::NotSteward { actor: by.to_string(), action: "register above the supporter level" });
            }
            return Ok(());
        }
        self.for_network(self.actor(by)?, "register another actor")
    }

    fn charter_required(&self, contract: &Contract) -> bool {
        contract.kind == ActorKind::Provider
            && self.settings().is_some_and(|s| s.membership_structure == MembershipStructure::AllInOne)
    }

    fn check_signature(&self, issuer: &Actor, on: NaiveDate, version: u32) -> Result<()> {
        if issuer.kind != ActorKind::Provider {
            return Err(Error::CharterNotProvider { actor: issuer.id.to_string(), kind: issuer.kind.to_string() });
        }
        let text =
            self.state.charter.iter().find(|t| t.version == version).ok_or(Error::UnknownCharterVersion(version))?;
        let current = self.charter().map_or(version, |c| c.version);
        if version != current {
            return Err(Error::OutdatedCharterVersion { signed: version, current });
        }
        // A founder signs without a contract; an applicant signs from its application on.
        match self.live_contract(&issuer.id) {
            Some(contract) => not_before(on, contract.applied_on, "application", "charter signature")?,
            None if self.is_founder(&issuer.id) && self.is_member(&issuer.id) => {}
            None => return Err(Error::NotMember(issuer.id.to_string())),
        }
        not_before(on, text.published_on, "charter publication", "charter signature")?;
        if self.charter_status(&issuer.id) == CharterStatus::Signed {
            return Err(Error::CharterAlreadySigned { actor: issuer.id.to_string(), version });
        }
        Ok(())
    }

    fn check_report(
        &self,
        issuer: &Actor,
        on: NaiveDate,
        id: &MissionId,
        occurred_on: NaiveDate,
        step: &MissionStep,
        update: &MissionUpdate,
    ) -> Result<()> {
        if issuer.kind != ActorKind::Provider {
            return Err(Error::MissionNotProvider { actor: issuer.id.to_string(), kind: issuer.kind.to_string() });
        }
        // Missions are reported to the network by its members only.
        if !self.is_member(&issuer.id) {
            return Err(Error::NotMember(issuer.id.to_string()));
        }
        match (self.state.missions.get(id), step) {
            (Some(_), MissionStep::Solicited { .. }) => return Err(Error::DuplicateMission(id.to_string())),
            (None, MissionStep::Solicited { client, title, .. }) => {
                non_empty(title, "title")?;
                match client {
                    Client::Member { id } => {
                        self.actor(id)?;
                        if id == &issuer.id {
                            return Err(Error::InvalidPartner(id.to_string()));
                        }
                    }
                    Client::Outside { name, .. } => non_empty(name, "client name")?,
                }
            }
            (None, _) => return Err(Error::UnknownMission(id.to_string())),
            (Some(mission), step) => {
                owner(&issuer.id, &mission.provider, "report this mission")?;
                mission.check_step(step, occurred_on)?;
            }
        }
        not_before(on, occurred_on, step.label(), "report")?;
        match step {
            MissionStep::Won { revenue } => {
                revenue.ensure_not_negative("revenue")?;
            }
            MissionStep::Progress { note } => non_empty(note, "note")?,
            _ => {}
        }
        let mut seen = BTreeSet::new();
        for partner in &update.partners {
            self.actor(partner)?;
            if partner == &issuer.id || !seen.insert(partner) {
                return Err(Error::InvalidPartner(partner.to_string()));
            }
        }
        for r in update.shared_resources_used.iter().chain(&update.resources_developed) {
            non_empty(&r.name, "resource name")?;
        }
        Ok(())
    }

    // ---- application ------------------------------------------------------------

    /// Applies a checked event. Never fails: every condition was checked.
    fn apply(&mut self, event: &Event) {
        let Event { seq, by, on, action } = event;
        let on = *on;
        self.state.last_seq = *seq;
        match action {
            Action::FoundNetwork { settings, founders } => {
                self.state.settings = Some(settings.clone());
                self.state.founded_on = Some(on);
                self.state.charter = shipped_charter().to_vec();
                for f in founders {
                    self.state.founders.push(f.id.clone());
                    self.state.actors.insert(f.id.clone(), f.clone());
                }
            }
            Action::RegisterActor { actor } => {
                self.state.actors.insert(actor.id.clone(), actor.clone());
                crate::followup::record_registration(&mut self.state, event);
            }
            Action::SetPublicListing { actor, public_listing } => {
                if let Some(a) = self.state.actors.get_mut(actor) {
                    a.public_listing = *public_listing;
                }
            }
            Action::ChangeLevel { actor, level, reason } => {
                let from = self.state.actors.get_mut(actor).map(|a| std::mem::replace(&mut a.level, *level));
                if let Some(from) = from {
                    crate::followup::record_level_change(&mut self.state, event, actor, from, reason);
                }
            }
            Action::ProposeContract { contract, terms } => {
                let kind = self.state.actors.get(by).map_or(ActorKind::Citizen, |a| a.kind);
                self.state.contracts.insert(
                    contract.clone(),
                    Contract {
                        id: contract.clone(),
                        member: by.clone(),
                        kind,
                        status: ContractStatus::Proposed,
                        applied_on: on,
                        pending: Some(PendingTerms { terms: terms.clone(), proposed_on: on }),
                        versions: Vec::new(),
                        discussion: Vec::new(),
                        ended_on: None,
                        end_reason: None,
                    },
                );
                self.live.insert(by.clone(), contract.clone());
            }
            Action::DiscussContract { contract, note } => {
                if let Some(c) = self.state.contracts.get_mut(contract) {
                    c.discussion.push(DiscussionNote { by: by.clone(), on, note: note.clone() });
                    if c.status == ContractStatus::Proposed {
                        c.status = ContractStatus::InDiscussion;
                    }
                }
            }
            Action::ReviseProposal { contract, terms } | Action::ProposeAmendment { contract, terms } => {
                if let Some(c) = self.state.contracts.get_mut(contract) {
                    c.pending = Some(PendingTerms { terms: terms.clone(), proposed_on: on });
                }
            }
            Action::ValidateContract { contract } => {
                let includes_charter = self
                    .state
                    .contracts
                    .get(contract)
                    .filter(|c| self.charter_required(c))
                    .and_then(|_| self.charter().map(|t| t.version));
                if let Some(c) = self.state.contracts.get_mut(contract) {
                    if let Some(p) = c.pending.take() {
                        let version = u32::try_from(c.versions.len()).unwrap_or(u32::MAX - 1) + 1;
                        c.versions.push(ContractVersion {
                            version,
                            terms: p.terms,
                            proposed_on: p.proposed_on,
                            validated_on: on,
                            validated_by: by.clone(),
                            includes_charter,
                        });
                        c.status = ContractStatus::Active;
                    }
                }
            }
            Action::DeclineContract { contract, reason } => {
                if let Some(c) = self.state.contracts.get_mut(contract) {
                    c.pending = None;
                    if c.status != ContractStatus::Active {
                        c.status = ContractStatus::Declined;
                        c.ended_on = Some(on);
                        c.end_reason = Some(reason.clone());
                        self.live.remove(&c.member);
                    }
                }
            }
            Action::Resign { contract } => self.end_contract(contract, ContractStatus::Resigned, on, None),
            Action::ExcludeMember { contract, reason } => {
                if let Some(member) = self.state.contracts.get(contract).map(|c| c.member.clone()) {
                    crate::followup::record_exclusion(&mut self.state, event, &member, reason);
                }
                self.end_contract(contract, ContractStatus::Excluded, on, Some(reason.clone()));
            }
            Action::PublishCharter { text } => self.state.charter.push(text.clone()),
            Action::SignCharter { version } => {
                self.state.signatures.entry(by.clone()).or_default().push(CharterSignature {
                    provider: by.clone(),
                    version: *version,
                    signed_on: on,
                });
            }
            Action::ReportMission { mission, occurred_on, step, update } => {
                self.apply_report(by, on, mission, *occurred_on, step, update);
                crate::followup::after_report(&mut self.state, &self.live, event, mission, step, update);
            }
            Action::DeclareContribution { mission, amount } => {
                self.state.declarations.insert(mission.clone(), Declaration { amount: *amount, on });
            }
            Action::OfferContribution { mission, amount } => {
                let party = match self.state.missions.get(mission) {
                    Some(m) if &m.provider == by => Party::Provider,
                    _ => Party::Network,
                };
                let n = self.state.negotiations.entry(mission.clone()).or_insert_with(|| Negotiation {
                    mission: mission.clone(),
                    status: NegotiationStatus::Open,
                    offers: Vec::new(),
                    agreed: None,
                    stalemate_on: None,
                });
                n.offers.push(Offer { party, by: by.clone(), amount: *amount, on });
            }
            Action::AcceptOffer { mission } => {
                if let Some(n) = self.state.negotiations.get_mut(mission) {
                    n.agreed = n.offers.last().map(|o| (o.amount, on));
                    n.status = NegotiationStatus::Agreed;
                }
            }
            Action::DeclareStalemate { mission } => {
                if let Some(n) = self.state.negotiations.get_mut(mission) {
                    n.status = NegotiationStatus::Stalemate;
                    n.stalemate_on = Some(on);
                }
            }
            Action::ReopenNegotiation { mission } => {
                if let Some(n) = self.state.negotiations.get_mut(mission) {
                    n.status = NegotiationStatus::Open;
                }
            }
            Action::RecordPayment { payment } => {
                self.state.payments.push(payment.clone());
                crate::followup::record_issuer(&mut self.state, event);
            }
            Action::RecordDonation { donation } => {
                self.state.donations.push(donation.clone());
                crate::followup::record_issuer(&mut self.state, event);
            }
            Action::RecordDelivery { delivery } => {
                self.state.deliveries.push(delivery.clone());
                crate::followup::record_issuer(&mut self.state, event);
            }
            Action::ConfigureFollowUp { .. }
            | Action::ShareResource { .. }
            | Action::RecordPriorWork { .. }
            | Action::RecordMemberInformed { .. }
            | Action::RecordAttendance { .. }
            | Action::NotifyHearing { .. }
            | Action::AnswerHearing { .. }
            | Action::DecideStanding { .. }
            | Action::DecideLevel { .. } => {
                if let Some(end) = crate::followup::apply(&mut self.state, &self.live, event) {
                    self.end_contract(&end.contract, ContractStatus::Excluded, end.on, Some(end.reason));
                }
            }
        }
    }

    fn end_contract(&mut self, contract: &ContractId, status: ContractStatus, on: NaiveDate, reason: Option<String>) {
        if let Some(c) = self.state.contracts.get_mut(contract) {
            c.status = status;
            c.pending = None;
            c.ended_on = Some(on);
            c.end_reason = reason;
            self.live.remove(&c.member);
        }
    }

    fn apply_report(
        &mut self,
        by: &ActorId,
        on: NaiveDate,
        id: &MissionId,
        occurred_on: NaiveDate,
        step: &MissionStep,
        update: &MissionUpdate,
    ) {
        let record = |note: &str| MissionRecord {
            step: step.label().to_owned(),
            occurred_on,
            reported_on: on,
            note: note.to_owned(),
        };
        if let MissionStep::Solicited { client, lead_origin, title } = step {
            let mut mission = Mission {
                id: id.clone(),
                provider: by.clone(),
                client: client.clone(),
                lead_origin: *lead_origin,
                title: title.clone(),
                status: MissionStatus::Solicited,
                revenue: None,
                partners: Vec::new(),
                shared_resources_used: Vec::new(),
                resources_developed: Vec::new(),
                client_informed: false,
                history: vec![record("")],
            };
            mission.absorb(update);
            self.state.missions.insert(id.clone(), mission);
            return;
        }
        if let Some(m) = self.state.missions.get_mut(id) {
            let note = match step {
                MissionStep::Progress { note } => note.as_str(),
                MissionStep::Lost { reason } | MissionStep::Cancelled { reason } => reason.as_str(),
                _ => "",
            };
            m.history.push(record(note));
            if let MissionStep::Won { revenue } = step {
                m.revenue = Some(*revenue);
            }
            m.status = step.target();
            m.absorb(update);
        }
    }
}

/// Checks that a negotiation step is not dated before the negotiation's latest
/// step: its last offer, or its last stalemate (a negotiation reopened after a
/// stalemate cannot agree, offer or fail again on a date before that stalemate).
fn after_last_step(on: NaiveDate, n: &Negotiation, later: &'static str) -> Result<()> {
    if let Some(last) = n.last_offer() {
        not_before(on, last.on, "last offer", later)?;
    }
    match n.stalemate_on {
        Some(stalemate) => not_before(on, stalemate, "stalemate", later),
        None => Ok(()),
    }
}

fn within_revenue(mission: &Mission, amount: Money) -> Result<()> {
    amount.ensure_within(mission.revenue.unwrap_or(Money::ZERO)).map(drop)
}

fn check_founding(by: &ActorId, founders: &[Actor]) -> Result<()> {
    if founders.is_empty() {
        return Err(Error::Founding("a network needs at least one founding steward"));
    }
    let mut seen = BTreeSet::new();
    for f in founders {
        f.check()?;
        if !seen.insert(&f.id) {
            return Err(Error::DuplicateActor(f.id.to_string()));
        }
        if !f.is_steward() {
            return Err(Error::NotSteward { actor: f.id.to_string(), action: "found the network" });
        }
    }
    if !seen.contains(by) {
        return Err(Error::NotOwner {
            actor: by.to_string(),
            owner: "the founders".into(),
            action: "found the network",
        });
    }
    Ok(())
}

fn owner(by: &ActorId, owner: &ActorId, action: &'static str) -> Result<()> {
    if by == owner {
        Ok(())
    } else {
        Err(Error::NotOwner { actor: by.to_string(), owner: owner.to_string(), action })
    }
}

fn non_empty(text: &str, field: &'static str) -> Result<()> {
    if text.trim().is_empty() {
        Err(Error::EmptyText { field })
    } else {
        Ok(())
    }
}

fn not_before(
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
