//! The commands: what an issuer asks for ([`Action`]), the request
//! ([`Command`]) and the accepted command as the journal records it
//! ([`Event`]).

use super::state::NetworkSettings;
use crate::actor::{Actor, InvolvementLevel};
use crate::charter::CharterText;
use crate::contract::ContractTerms;
use crate::fiscal_year::FiscalYearStart;
use crate::followup::FollowUpRules;
use crate::ids::{ActorId, CallId, ContractId, LeadId, MissionId, NetworkEventId};
use crate::lead::{LeadClosing, LeadVisibility, OfferMode};
use crate::mission::{Client, MissionStep, MissionUpdate};
use crate::money::Money;
use crate::negotiation::{Delivery, Donation, Payment};
use crate::partner_call::CallNeed;
use crate::standing::{Decision, Standing};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};

/// What a command asks for. New rules bring new actions: match with a
/// wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
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
        #[serde(serialize_with = "iso_date")]
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
    /// A steward records a request the network received.
    RecordLead {
        /// The new lead's id.
        lead: LeadId,
        /// The client: a member or an outside actor.
        client: Client,
        /// What the client needs.
        need: String,
        /// When the network received it (on or before the command).
        received_on: NaiveDate,
        /// Who may see its details besides the stewards.
        visibility: LeadVisibility,
    },
    /// A steward offers a lead: as an open call to every provider who may
    /// receive one, or as a direct referral to chosen members.
    OfferLead {
        /// The lead.
        lead: LeadId,
        /// An open call or a direct referral.
        mode: OfferMode,
        /// The members chosen, for a direct referral (none for an open call).
        #[serde(default)]
        members: Vec<ActorId>,
        /// The last day to answer (on or after the command).
        deadline: NaiveDate,
    },
    /// A member the lead was offered to answers it.
    AnswerLead {
        /// The lead.
        lead: LeadId,
        /// Whether it wants the lead.
        interested: bool,
        /// Its proposal, or why not.
        #[serde(default)]
        proposal: String,
    },
    /// A steward closes a lead: the member chosen (its mission is created
    /// from the lead), or that nobody took it.
    CloseLead {
        /// The lead.
        lead: LeadId,
        /// How it ended.
        outcome: LeadClosing,
    },
    /// A provider asks the network for a skill or a resource for one of its
    /// missions.
    CallForPartners {
        /// The new call's id.
        call: CallId,
        /// The mission (the issuer's, not closed).
        mission: MissionId,
        /// A skill or a resource.
        need: CallNeed,
        /// What is asked for ("space design").
        what: String,
    },
    /// A member answers a call for partners.
    AnswerCall {
        /// The call.
        call: CallId,
        /// What it offers.
        #[serde(default)]
        note: String,
    },
    /// The provider records a member who joined through its call: a partner
    /// for a skill, or the shared resource it brings for a resource.
    RecordCallPartner {
        /// The call.
        call: CallId,
        /// The member, who answered the call.
        member: ActorId,
        /// The shared resource it brings, for a call for a resource.
        #[serde(default)]
        resource: Option<String>,
    },
    /// A steward records an event the network held, with who attended.
    RecordNetworkEvent {
        /// The new event's id.
        event: NetworkEventId,
        /// What it was.
        title: String,
        /// The day it was held (on or before the command).
        held_on: NaiveDate,
        /// Who attended: members, and outside actors by name and kind.
        #[serde(default)]
        attendees: Vec<Client>,
    },
    /// A steward sets the fiscal year's first day, in force from the next
    /// fiscal year (see [`crate::fiscal_year`]: the fiscal year in force on the
    /// command's date ends the day before the new first day).
    SetFiscalYear {
        /// The new first day.
        start: FiscalYearStart,
    },
}

// Kotlin reads the label as `action.label()`, as the labelled enums' labels.
#[cfg(feature = "uniffi")]
#[uniffi::export]
impl Action {
    /// The short label of the action (`propose_contract`…), as in JSON and in the other bindings.
    #[uniffi::method(name = "label")]
    pub fn uniffi_label(&self) -> String {
        self.label().to_owned()
    }
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
            Action::RecordLead { .. } => "record_lead",
            Action::OfferLead { .. } => "offer_lead",
            Action::AnswerLead { .. } => "answer_lead",
            Action::CloseLead { .. } => "close_lead",
            Action::CallForPartners { .. } => "call_for_partners",
            Action::AnswerCall { .. } => "answer_call",
            Action::RecordCallPartner { .. } => "record_call_partner",
            Action::RecordNetworkEvent { .. } => "record_network_event",
            Action::SetFiscalYear { .. } => "set_fiscal_year",
        }
    }
}

/// A request to change the network: who asks, on which date, for what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Event {
    /// Position in the journal, from 1.
    pub seq: u64,
    /// The issuer.
    pub by: ActorId,
    /// The date of the command.
    #[serde(serialize_with = "iso_date")]
    pub on: NaiveDate,
    /// What was done.
    pub action: Action,
}

/// Writes a date as chrono writes it (`2020-01-06`), digit by digit for the
/// years of four digits: every event carries a date, and chrono's general
/// formatting is a large part of writing (and of reading back) a journal.
fn iso_date<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    let (year, month, day) = (date.year(), date.month(), date.day());
    let Ok(year @ 0..=9999) = u32::try_from(year) else { return date.serialize(serializer) };
    let digit = |n: u32| b'0' + u8::try_from(n % 10).unwrap_or_default();
    let text = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ];
    serializer.serialize_str(std::str::from_utf8(&text).map_err(serde::ser::Error::custom)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Dated(#[serde(serialize_with = "iso_date")] NaiveDate);

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut dates = vec![ymd(0, 1, 1), ymd(9999, 12, 31), ymd(10000, 1, 1), ymd(-1, 12, 31), ymd(-10000, 3, 4)];
        dates.extend(ymd(1999, 12, 25).iter_days().step_by(13).take(2000));
        for date in dates {
            assert_eq!(serde_json::to_string(&Dated(date)).unwrap(), serde_json::to_string(&date).unwrap());
        }
        assert_eq!(serde_json::to_string(&Dated(ymd(2020, 1, 6))).unwrap(), "\"2020-01-06\"");
        assert_eq!(serde_json::to_string(&Dated(ymd(12, 3, 4))).unwrap(), "\"0012-03-04\"");
        assert_eq!(serde_json::to_string(&Dated(ymd(10000, 1, 1))).unwrap(), "\"+10000-01-01\"");
    }
}
