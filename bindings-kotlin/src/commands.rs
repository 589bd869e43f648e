//! Commands, actions and journal events, and their JSON form.
//!
//! The JSON is the core's: the same text a Rust or Python program writes and
//! reads, so commands can be queued on a phone and replayed on a server.

use crate::enums::InvolvementLevel;
use crate::enums::Standing;
use crate::error::{CoopetitionError, Result};
use crate::followup::{Decision, FollowUpRules};
use crate::types::{
    Actor, CharterText, Client, ContractTerms, Delivery, Donation, MissionStep, MissionUpdate, NetworkSettings, Payment,
};
use chrono::NaiveDate;
use coopetition::ids::{ActorId, ContractId, MissionId};
use coopetition::money::Money;
use coopetition::network;
use coopetition::Error as CoreError;
use rust_decimal::Decimal;

/// What a command asks for: every change the network knows.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Action {
    /// Founds the network with its settings and founding stewards (the first command).
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
        update: MissionUpdate,
    },
    /// The provider declares its self-assessed contribution for a won mission.
    DeclareContribution {
        /// The mission.
        mission: MissionId,
        /// The amount in euros, between 0 and the revenue.
        amount: Decimal,
    },
    /// The provider, or a steward for the network, offers an amount in the negotiation.
    OfferContribution {
        /// The mission.
        mission: MissionId,
        /// The amount in euros, between 0 and the revenue.
        amount: Decimal,
    },
    /// The other party accepts the last offer.
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
        /// First day the rules are in force.
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
    /// The provider records that it informed a member who worked with the client before (charter art. 4).
    RecordMemberInformed {
        /// The mission.
        mission: MissionId,
        /// The member informed.
        member: ActorId,
    },
    /// A steward records a member's attendance at the yearly meeting on the quality of support (art. 5).
    RecordAttendance {
        /// The member.
        member: ActorId,
        /// The calendar year of the meeting.
        year: i32,
        /// What the meeting was, if given.
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
    /// An action this version of the binding has no typed form for (a newer
    /// core), kept as its JSON so that it still crosses intact.
    Other {
        /// The action's label (`configure_follow_up`…).
        label: String,
        /// The action as JSON (`{"type": …, …}`).
        json: String,
    },
}

impl TryFrom<Action> for network::Action {
    type Error = CoreError;

    fn try_from(a: Action) -> Result<network::Action, CoreError> {
        use network::Action as A;
        Ok(match a {
            Action::FoundNetwork { settings, founders } => A::FoundNetwork { settings, founders },
            Action::RegisterActor { actor } => A::RegisterActor { actor },
            Action::SetPublicListing { actor, public_listing } => A::SetPublicListing { actor, public_listing },
            Action::ChangeLevel { actor, level, reason } => A::ChangeLevel { actor, level, reason },
            Action::ProposeContract { contract, terms } => A::ProposeContract { contract, terms },
            Action::DiscussContract { contract, note } => A::DiscussContract { contract, note },
            Action::ReviseProposal { contract, terms } => A::ReviseProposal { contract, terms },
            Action::ValidateContract { contract } => A::ValidateContract { contract },
            Action::DeclineContract { contract, reason } => A::DeclineContract { contract, reason },
            Action::ProposeAmendment { contract, terms } => A::ProposeAmendment { contract, terms },
            Action::Resign { contract } => A::Resign { contract },
            Action::ExcludeMember { contract, reason } => A::ExcludeMember { contract, reason },
            Action::PublishCharter { text } => A::PublishCharter { text },
            Action::SignCharter { version } => A::SignCharter { version },
            Action::ReportMission { mission, occurred_on, step, update } => {
                A::ReportMission { mission, occurred_on, step, update }
            }
            Action::DeclareContribution { mission, amount } => {
                A::DeclareContribution { mission, amount: Money::from_input(amount)? }
            }
            Action::OfferContribution { mission, amount } => {
                A::OfferContribution { mission, amount: Money::from_input(amount)? }
            }
            Action::AcceptOffer { mission } => A::AcceptOffer { mission },
            Action::DeclareStalemate { mission } => A::DeclareStalemate { mission },
            Action::ReopenNegotiation { mission } => A::ReopenNegotiation { mission },
            Action::RecordPayment { payment } => A::RecordPayment { payment },
            Action::RecordDonation { donation } => A::RecordDonation { donation },
            Action::RecordDelivery { delivery } => A::RecordDelivery { delivery },
            Action::ConfigureFollowUp { from, rules } => A::ConfigureFollowUp { from, rules },
            Action::ShareResource { mission, resource, licence, location } => {
                A::ShareResource { mission, resource, licence, location }
            }
            Action::RecordPriorWork { member, local_actor, since } => A::RecordPriorWork { member, local_actor, since },
            Action::RecordMemberInformed { mission, member } => A::RecordMemberInformed { mission, member },
            Action::RecordAttendance { member, year, meeting } => A::RecordAttendance { member, year, meeting },
            Action::NotifyHearing { member, grounds } => A::NotifyHearing { member, grounds },
            Action::AnswerHearing { member, answer } => A::AnswerHearing { member, answer },
            Action::DecideStanding { member, standing, decision } => A::DecideStanding { member, standing, decision },
            Action::DecideLevel { actor, level, decision } => A::DecideLevel { actor, level, decision },
            Action::Other { json, .. } => network::Action::from_json(&json)?,
        })
    }
}

impl From<network::Action> for Action {
    fn from(a: network::Action) -> Action {
        use network::Action as A;
        match a {
            A::FoundNetwork { settings, founders } => Action::FoundNetwork { settings, founders },
            A::RegisterActor { actor } => Action::RegisterActor { actor },
            A::SetPublicListing { actor, public_listing } => Action::SetPublicListing { actor, public_listing },
            A::ChangeLevel { actor, level, reason } => Action::ChangeLevel { actor, level, reason },
            A::ProposeContract { contract, terms } => Action::ProposeContract { contract, terms },
            A::DiscussContract { contract, note } => Action::DiscussContract { contract, note },
            A::ReviseProposal { contract, terms } => Action::ReviseProposal { contract, terms },
            A::ValidateContract { contract } => Action::ValidateContract { contract },
            A::DeclineContract { contract, reason } => Action::DeclineContract { contract, reason },
            A::ProposeAmendment { contract, terms } => Action::ProposeAmendment { contract, terms },
            A::Resign { contract } => Action::Resign { contract },
            A::ExcludeMember { contract, reason } => Action::ExcludeMember { contract, reason },
            A::PublishCharter { text } => Action::PublishCharter { text },
            A::SignCharter { version } => Action::SignCharter { version },
            A::ReportMission { mission, occurred_on, step, update } => {
                Action::ReportMission { mission, occurred_on, step, update }
            }
            A::DeclareContribution { mission, amount } => {
                Action::DeclareContribution { mission, amount: amount.amount() }
            }
            A::OfferContribution { mission, amount } => Action::OfferContribution { mission, amount: amount.amount() },
            A::AcceptOffer { mission } => Action::AcceptOffer { mission },
            A::DeclareStalemate { mission } => Action::DeclareStalemate { mission },
            A::ReopenNegotiation { mission } => Action::ReopenNegotiation { mission },
            A::RecordPayment { payment } => Action::RecordPayment { payment },
            A::RecordDonation { donation } => Action::RecordDonation { donation },
            A::RecordDelivery { delivery } => Action::RecordDelivery { delivery },
            A::ConfigureFollowUp { from, rules } => Action::ConfigureFollowUp { from, rules },
            A::ShareResource { mission, resource, licence, location } => {
                Action::ShareResource { mission, resource, licence, location }
            }
            A::RecordPriorWork { member, local_actor, since } => Action::RecordPriorWork { member, local_actor, since },
            A::RecordMemberInformed { mission, member } => Action::RecordMemberInformed { mission, member },
            A::RecordAttendance { member, year, meeting } => Action::RecordAttendance { member, year, meeting },
            A::NotifyHearing { member, grounds } => Action::NotifyHearing { member, grounds },
            A::AnswerHearing { member, answer } => Action::AnswerHearing { member, answer },
            A::DecideStanding { member, standing, decision } => Action::DecideStanding { member, standing, decision },
            A::DecideLevel { actor, level, decision } => Action::DecideLevel { actor, level, decision },
            // Actions added to the core after this binding: carried as JSON.
            #[allow(unreachable_patterns)]
            other => Action::Other {
                label: other.label().to_owned(),
                json: serde_json::to_string(&other).unwrap_or_default(),
            },
        }
    }
}

/// A request to change the network: who asks, on which date, for what.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Command {
    /// The issuer.
    pub by: ActorId,
    /// The date of the command.
    pub on: NaiveDate,
    /// What is asked.
    pub action: Action,
}

impl TryFrom<Command> for network::Command {
    type Error = CoreError;

    fn try_from(c: Command) -> Result<network::Command, CoreError> {
        Ok(network::Command { by: c.by, on: c.on, action: c.action.try_into()? })
    }
}

impl From<network::Command> for Command {
    fn from(c: network::Command) -> Command {
        Command { by: c.by, on: c.on, action: c.action.into() }
    }
}

/// An accepted command, as recorded in the journal.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Event {
    /// Position in the journal, from 1.
    pub seq: u64,
    /// The issuer.
    pub by: ActorId,
    /// The date of the command.
    pub on: NaiveDate,
    /// What was done.
    pub action: Action,
    /// The short label of the action (`propose_contract`…).
    pub label: String,
}

impl From<network::Event> for Event {
    fn from(e: network::Event) -> Event {
        let label = e.action.label().to_owned();
        Event { seq: e.seq, by: e.by, on: e.on, action: e.action.into(), label }
    }
}

impl TryFrom<Event> for network::Event {
    type Error = CoreError;

    fn try_from(e: Event) -> Result<network::Event, CoreError> {
        Ok(network::Event { seq: e.seq, by: e.by, on: e.on, action: e.action.try_into()? })
    }
}

fn malformed_core(e: &serde_json::Error) -> CoreError {
    CoreError::MalformedJson { line: None, message: e.to_string() }
}

fn malformed(e: &serde_json::Error) -> CoopetitionError {
    malformed_core(e).into()
}

/// A command read from its JSON form (`{"by":…,"on":…,"action":{"type":…}}`).
///
/// # Errors
/// `journal.json.malformed` for JSON that is not a command (an unknown
/// action type or label, a missing field, a value not spelt as the engine
/// writes it…); typed errors for ids.
#[uniffi::export]
pub fn command_from_json(json: String) -> Result<Command> {
    Ok(network::Command::from_json(&json)?.into())
}

/// The JSON form of a command, as Rust and Python write it.
///
/// # Errors
/// `journal.json.malformed` if it cannot be written (never for valid values).
#[uniffi::export]
pub fn command_to_json(command: Command) -> Result<String> {
    serde_json::to_string(&network::Command::try_from(command)?).map_err(|e| malformed(&e))
}

/// The JSON form of a journal event (one line of a journal).
///
/// # Errors
/// `journal.json.malformed` if it cannot be written (never for valid values).
#[uniffi::export]
pub fn event_to_json(event: Event) -> Result<String> {
    serde_json::to_string(&network::Event::try_from(event)?).map_err(|e| malformed(&e))
}

/// The events of a JSON Lines journal, read and checked for format and
/// sequence but not applied.
///
/// # Errors
/// `journal.json.malformed`, `journal.line.truncated` (a cut-off last line),
/// `journal.line.corrupt` (a damaged line before the last), `journal.schema.unknown`,
/// `journal.sequence.invalid`.
#[uniffi::export]
pub fn read_journal(jsonl: String) -> Result<Vec<Event>> {
    Ok(coopetition::journal::read_journal(&jsonl)?.into_iter().map(Event::from).collect())
}

/// A journal (header line, then one event per line) written from events.
///
/// # Errors
/// Typed errors for values that cannot be lifted.
#[uniffi::export]
pub fn write_journal(events: Vec<Event>) -> Result<String> {
    let events = events.into_iter().map(network::Event::try_from).collect::<Result<Vec<_>, CoreError>>()?;
    Ok(coopetition::journal::write_journal(&events))
}
