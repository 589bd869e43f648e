//! The network aggregate as a thread-safe object.
//!
//! One method per action, each checked by the core and recorded in the
//! journal; a generic [`Network::execute`] and [`Network::execute_json`];
//! queries; the journal as JSON Lines and the state as a JSON snapshot, in
//! the very formats the Rust core and the Python binding read and write.

use crate::commands::{Action, Command, Event};
use crate::enums::{CharterStatus, InvolvementLevel, Lang, LeadOrigin};
use crate::error::Result;
use crate::followup::{
    ComplianceReport, Decision, FollowUpRules, LevelSuggestion, MemberCompliance, Standing, StandingProposal,
};
use crate::ledger::{AnnualStatement, MemberLedger, NetworkLedger};
use crate::policy::{Assessment, MissionFacts, Parameters, Policy, PreparedMission};
use crate::types::{
    Actor, CharterSignature, CharterText, Client, Contract, ContractTerms, ContractVersion, Declaration, Delivery,
    DirectoryEntry, Donation, Mission, MissionStep, MissionUpdate, Negotiation, NetworkSettings, Payment,
};
use chrono::NaiveDate;
use coopetition::ids::{ActorId, ContractId, MissionId};
use coopetition::network::{Command as CoreCommand, Network as CoreNetwork};
use coopetition::policy::facts::MissionFacts as CoreMissionFacts;
use coopetition::shared::SharedNetwork;
use coopetition::Error as CoreError;
use rust_decimal::Decimal;
use std::sync::Arc;

/// A network of third places and providers: its state and its journal.
///
/// Safe to share between threads: commands are applied one at a time under
/// a short lock that runs only the core's code; queries work on a copy of the
/// network (copy-on-write, so it is cheap) and hold no lock, so a Kotlin
/// policy asked for a ledger can read or change this very network.
#[derive(Debug, Default, uniffi::Object)]
pub struct Network {
    inner: SharedNetwork,
}

impl Network {
    fn wrap(network: CoreNetwork) -> Arc<Network> {
        Arc::new(Network { inner: SharedNetwork::new(network) })
    }

    /// The network as it is now; later commands do not change this copy.
    fn lock(&self) -> Arc<CoreNetwork> {
        self.inner.read()
    }

    fn run(&self, by: ActorId, on: NaiveDate, action: coopetition::network::Action) -> Result<Event> {
        Ok(self.inner.execute(CoreCommand { by, on, action })?.into())
    }

    fn act(&self, by: ActorId, on: NaiveDate, action: Action) -> Result<Event> {
        self.run(by, on, action.try_into()?)
    }
}

#[uniffi::export]
impl Network {
    /// An empty network, waiting for [`Network::found`].
    #[uniffi::constructor]
    pub fn new() -> Arc<Network> {
        Network::wrap(CoreNetwork::new())
    }

    /// Rebuilds a network by replaying a JSON Lines journal from its first event.
    /// Every event is checked again, so a tampered journal is refused.
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.line.truncated`, `journal.schema.unknown`,
    /// `journal.sequence.invalid`, or the code the live command would have met.
    #[uniffi::constructor]
    pub fn replay(journal: String) -> Result<Arc<Network>> {
        Ok(Network::wrap(CoreNetwork::replay(&journal)?))
    }

    /// A network from a JSON snapshot; its journal starts empty.
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.schema.unknown`,
    /// `journal.snapshot.inconsistent` (facts that contradict one another).
    #[uniffi::constructor]
    pub fn from_snapshot(snapshot: String) -> Result<Arc<Network>> {
        Ok(Network::wrap(CoreNetwork::from_snapshot_json(&snapshot)?))
    }

    /// A network from a snapshot, then the journal written since replayed on it.
    ///
    /// # Errors
    /// As [`Network::from_snapshot`] and [`Network::replay`].
    #[uniffi::constructor]
    pub fn resume(snapshot: String, journal: String) -> Result<Arc<Network>> {
        Ok(Network::wrap(CoreNetwork::resume(&snapshot, &journal)?))
    }

    // ---- generic commands ---------------------------------------------------------

    /// Checks a command and, if accepted, records and applies it.
    ///
    /// # Errors
    /// The rejection, with the state left untouched.
    pub fn execute(&self, command: Command) -> Result<Event> {
        let command = CoreCommand::try_from(command)?;
        self.run(command.by, command.on, command.action)
    }

    /// Executes a command given in its JSON form (as queued by an app or sent by a server).
    ///
    /// # Errors
    /// `journal.json.malformed` for JSON that is not a command; the rejection otherwise.
    pub fn execute_json(&self, command_json: String) -> Result<Event> {
        let command: CoreCommand = serde_json::from_str(&command_json)
            .map_err(|e| CoreError::MalformedJson { line: None, message: e.to_string() })?;
        self.run(command.by, command.on, command.action)
    }

    /// Checks a command without applying it: what an app calls before queueing it.
    ///
    /// # Errors
    /// The reason the command would be rejected.
    pub fn check(&self, command: Command) -> Result<()> {
        let command = CoreCommand::try_from(command)?;
        Ok(self.lock().check(&command)?)
    }

    // ---- one method per action ----------------------------------------------------

    /// Founds the network: the first command, issued by one of the founders (all stewards).
    ///
    /// # Errors
    /// `network.founding.invalid`, `auth.steward.required`, `auth.owner.required`,
    /// `actor.id.duplicate`, `input.text.empty`.
    pub fn found(&self, by: ActorId, on: NaiveDate, settings: NetworkSettings, founders: Vec<Actor>) -> Result<Event> {
        self.act(by, on, Action::FoundNetwork { settings, founders })
    }

    /// Registers an actor: by itself (as a supporter) or by a steward.
    ///
    /// # Errors
    /// `actor.id.duplicate`, `auth.steward.required`, `input.text.empty`, `actor.id.unknown`.
    pub fn register_actor(&self, by: ActorId, on: NaiveDate, actor: Actor) -> Result<Event> {
        self.act(by, on, Action::RegisterActor { actor })
    }

    /// The actor gives or withdraws its consent to public listing.
    ///
    /// # Errors
    /// `actor.id.unknown`, `auth.owner.required`.
    pub fn set_public_listing(
        &self,
        by: ActorId,
        on: NaiveDate,
        actor: ActorId,
        public_listing: bool,
    ) -> Result<Event> {
        self.act(by, on, Action::SetPublicListing { actor, public_listing })
    }

    /// A steward changes an actor's involvement level.
    ///
    /// # Errors
    /// `auth.steward.required`, `actor.id.unknown`, `actor.level.last_steward`, `input.text.empty`.
    pub fn change_level(
        &self,
        by: ActorId,
        on: NaiveDate,
        actor: ActorId,
        level: InvolvementLevel,
        reason: String,
    ) -> Result<Event> {
        self.act(by, on, Action::ChangeLevel { actor, level, reason })
    }

    /// The applicant proposes a membership contract.
    ///
    /// # Errors
    /// `contract.id.duplicate`, `contract.member.already_live`, `contract.item.*`,
    /// `contract.contribution.missing`, `input.text.empty`.
    pub fn propose_contract(
        &self,
        by: ActorId,
        on: NaiveDate,
        contract: ContractId,
        terms: ContractTerms,
    ) -> Result<Event> {
        self.act(by, on, Action::ProposeContract { contract, terms })
    }

    /// A steward or the member adds a note to the discussion of pending terms.
    ///
    /// # Errors
    /// `contract.id.unknown`, `auth.steward.required`, `contract.transition.invalid`, `date.order.invalid`.
    pub fn discuss_contract(&self, by: ActorId, on: NaiveDate, contract: ContractId, note: String) -> Result<Event> {
        self.act(by, on, Action::DiscussContract { contract, note })
    }

    /// The member replaces its pending terms (after a discussion).
    ///
    /// # Errors
    /// `contract.id.unknown`, `auth.owner.required`, `contract.transition.invalid`, `contract.item.*`.
    pub fn revise_proposal(
        &self,
        by: ActorId,
        on: NaiveDate,
        contract: ContractId,
        terms: ContractTerms,
    ) -> Result<Event> {
        self.act(by, on, Action::ReviseProposal { contract, terms })
    }

    /// A steward validates the pending terms: the first version, or an amendment.
    ///
    /// # Errors
    /// `auth.steward.required`, `contract.id.unknown`, `contract.transition.invalid`,
    /// `contract.charter.unsigned`, `date.order.invalid`.
    pub fn validate_contract(&self, by: ActorId, on: NaiveDate, contract: ContractId) -> Result<Event> {
        self.act(by, on, Action::ValidateContract { contract })
    }

    /// A steward declines the pending terms.
    ///
    /// # Errors
    /// `auth.steward.required`, `contract.id.unknown`, `contract.transition.invalid`, `input.text.empty`.
    pub fn decline_contract(&self, by: ActorId, on: NaiveDate, contract: ContractId, reason: String) -> Result<Event> {
        self.act(by, on, Action::DeclineContract { contract, reason })
    }

    /// The member proposes an amendment to its active contract.
    ///
    /// # Errors
    /// `contract.id.unknown`, `auth.owner.required`, `contract.transition.invalid`, `contract.item.*`.
    pub fn propose_amendment(
        &self,
        by: ActorId,
        on: NaiveDate,
        contract: ContractId,
        terms: ContractTerms,
    ) -> Result<Event> {
        self.act(by, on, Action::ProposeAmendment { contract, terms })
    }

    /// The member resigns (or withdraws its application).
    ///
    /// # Errors
    /// `contract.id.unknown`, `auth.owner.required`, `contract.transition.invalid`.
    pub fn resign(&self, by: ActorId, on: NaiveDate, contract: ContractId) -> Result<Event> {
        self.act(by, on, Action::Resign { contract })
    }

    /// A steward excludes a member.
    ///
    /// # Errors
    /// `auth.steward.required`, `contract.id.unknown`, `contract.transition.invalid`.
    pub fn exclude_member(&self, by: ActorId, on: NaiveDate, contract: ContractId, reason: String) -> Result<Event> {
        self.act(by, on, Action::ExcludeMember { contract, reason })
    }

    /// A steward publishes a new version of the charter.
    ///
    /// # Errors
    /// `auth.steward.required`, `catalogue.invalid`, `date.order.invalid`.
    pub fn publish_charter(&self, by: ActorId, on: NaiveDate, text: CharterText) -> Result<Event> {
        self.act(by, on, Action::PublishCharter { text })
    }

    /// A provider signs the charter version in force.
    ///
    /// # Errors
    /// `charter.signatory.not_provider`, `charter.version.unknown`, `charter.version.outdated`,
    /// `charter.signature.duplicate`, `membership.required`.
    pub fn sign_charter(&self, by: ActorId, on: NaiveDate, version: u32) -> Result<Event> {
        self.act(by, on, Action::SignCharter { version })
    }

    /// A provider reports a step of one of its missions, with what it learnt.
    ///
    /// # Errors
    /// `mission.*`, `date.order.invalid`, `money.amount.negative`, `actor.id.unknown`.
    #[uniffi::method(default(update = None))]
    pub fn report_mission(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        occurred_on: NaiveDate,
        step: MissionStep,
        update: Option<MissionUpdate>,
    ) -> Result<Event> {
        let update = update.unwrap_or_default();
        self.act(by, on, Action::ReportMission { mission, occurred_on, step, update })
    }

    /// A provider reports a solicitation: a client asked, which opens the mission
    /// (charter article 1). The step happened on the day of the report.
    ///
    /// # Errors
    /// As [`Network::report_mission`].
    #[uniffi::method(default(update = None))]
    // Kotlin calls it with named arguments; a parameter record would only add ceremony.
    #[allow(clippy::too_many_arguments)]
    pub fn report_solicitation(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        client: Client,
        lead_origin: LeadOrigin,
        title: String,
        update: Option<MissionUpdate>,
    ) -> Result<Event> {
        let step = MissionStep::Solicited { client, lead_origin, title };
        self.report_mission(by, on, mission, on, step, update)
    }

    /// A provider reports that its proposal was chosen, for this revenue in euros.
    ///
    /// # Errors
    /// As [`Network::report_mission`].
    #[uniffi::method(default(update = None))]
    pub fn report_win(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        revenue: Decimal,
        update: Option<MissionUpdate>,
    ) -> Result<Event> {
        self.report_mission(by, on, mission, on, MissionStep::Won { revenue }, update)
    }

    /// A provider reports that the work started (charter article 1).
    ///
    /// # Errors
    /// As [`Network::report_mission`].
    #[uniffi::method(default(update = None))]
    pub fn report_start(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        update: Option<MissionUpdate>,
    ) -> Result<Event> {
        self.report_mission(by, on, mission, on, MissionStep::Started, update)
    }

    /// The provider declares its self-assessed contribution for a won mission.
    ///
    /// # Errors
    /// `mission.id.unknown`, `policy.mission.not_won`, `auth.owner.required`,
    /// `policy.declaration.out_of_range`.
    pub fn declare_contribution(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        amount: Decimal,
    ) -> Result<Event> {
        self.act(by, on, Action::DeclareContribution { mission, amount })
    }

    /// The provider, or a steward for the network, offers an amount in the negotiation.
    ///
    /// # Errors
    /// `policy.mission.not_won`, `negotiation.party.invalid`, `negotiation.state.invalid`,
    /// `policy.declaration.out_of_range`.
    pub fn offer_contribution(&self, by: ActorId, on: NaiveDate, mission: MissionId, amount: Decimal) -> Result<Event> {
        self.act(by, on, Action::OfferContribution { mission, amount })
    }

    /// The other party accepts the last offer: the negotiation is agreed.
    ///
    /// # Errors
    /// `negotiation.party.invalid`, `negotiation.state.invalid`.
    pub fn accept_offer(&self, by: ActorId, on: NaiveDate, mission: MissionId) -> Result<Event> {
        self.act(by, on, Action::AcceptOffer { mission })
    }

    /// Either party records that the negotiation ended without agreement.
    ///
    /// # Errors
    /// `negotiation.party.invalid`, `negotiation.state.invalid`.
    pub fn declare_stalemate(&self, by: ActorId, on: NaiveDate, mission: MissionId) -> Result<Event> {
        self.act(by, on, Action::DeclareStalemate { mission })
    }

    /// Either party reopens a negotiation that ended in a stalemate.
    ///
    /// # Errors
    /// `negotiation.party.invalid`, `negotiation.state.invalid`.
    pub fn reopen_negotiation(&self, by: ActorId, on: NaiveDate, mission: MissionId) -> Result<Event> {
        self.act(by, on, Action::ReopenNegotiation { mission })
    }

    /// A steward records a payment received from a member.
    ///
    /// # Errors
    /// `auth.steward.required`, `actor.id.unknown`, `money.amount.negative`, `input.parse.invalid`.
    pub fn record_payment(&self, by: ActorId, on: NaiveDate, payment: Payment) -> Result<Event> {
        self.act(by, on, Action::RecordPayment { payment })
    }

    /// A steward records a donation received.
    ///
    /// # Errors
    /// `auth.steward.required`, `actor.id.unknown`, `mission.id.unknown`, `money.amount.negative`.
    pub fn record_donation(&self, by: ActorId, on: NaiveDate, donation: Donation) -> Result<Event> {
        self.act(by, on, Action::RecordDonation { donation })
    }

    /// The member, or a steward, records an in-kind delivery.
    ///
    /// # Errors
    /// `auth.steward.required`, `ledger.delivery.not_chosen`, `input.parse.invalid`.
    pub fn record_delivery(&self, by: ActorId, on: NaiveDate, delivery: Delivery) -> Result<Event> {
        self.act(by, on, Action::RecordDelivery { delivery })
    }

    // ---- queries ------------------------------------------------------------------

    /// The settings; `null` before founding.
    pub fn settings(&self) -> Option<NetworkSettings> {
        self.lock().settings().cloned().map(Into::into)
    }

    /// The founding date; `null` before founding.
    pub fn founded_on(&self) -> Option<NaiveDate> {
        self.lock().state().founded_on
    }

    /// The actor with this id.
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn actor(&self, id: ActorId) -> Result<Actor> {
        Ok(self.lock().actor(&id)?.clone().into())
    }

    /// Every actor, by id.
    pub fn actors(&self) -> Vec<Actor> {
        self.lock().state().actors.values().cloned().map(Into::into).collect()
    }

    /// Whether the actor is a member: a founder or the holder of an active contract.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn is_member(&self, actor: ActorId) -> Result<bool> {
        Ok(self.lock().is_member(&actor))
    }

    /// The contract with this id, with every validated version.
    ///
    /// # Errors
    /// `contract.id.unknown`.
    pub fn contract(&self, id: ContractId) -> Result<Contract> {
        Ok(self.lock().contract(&id)?.clone().into())
    }

    /// A given version of a contract.
    ///
    /// # Errors
    /// `contract.id.unknown`, `contract.version.unknown`.
    pub fn contract_version(&self, id: ContractId, version: u32) -> Result<ContractVersion> {
        Ok(self.lock().contract(&id)?.version(version)?.clone().into())
    }

    /// Every contract, by id.
    pub fn contracts(&self) -> Vec<Contract> {
        self.lock().state().contracts.values().cloned().map(Into::into).collect()
    }

    /// The member's live contract (proposed, in discussion or active), if any.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn live_contract(&self, member: ActorId) -> Result<Option<Contract>> {
        Ok(self.lock().live_contract(&member).cloned().map(Into::into))
    }

    /// The charter version in force; `null` before founding.
    pub fn charter(&self) -> Option<CharterText> {
        self.lock().charter().cloned().map(Into::into)
    }

    /// Every charter version, oldest first.
    pub fn charter_versions(&self) -> Vec<CharterText> {
        self.lock().state().charter.iter().cloned().map(Into::into).collect()
    }

    /// Where a provider stands with regard to the charter.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn charter_status(&self, provider: ActorId) -> Result<CharterStatus> {
        Ok(self.lock().charter_status(&provider).into())
    }

    /// A provider's charter signatures, oldest first.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn charter_signatures(&self, provider: ActorId) -> Result<Vec<CharterSignature>> {
        let network = self.lock();
        let signatures = network.state().signatures.get(&provider);
        Ok(signatures.map(|s| s.iter().cloned().map(Into::into).collect()).unwrap_or_default())
    }

    /// The mission with this id.
    ///
    /// # Errors
    /// `mission.id.unknown`.
    pub fn mission(&self, id: MissionId) -> Result<Mission> {
        Ok(self.lock().mission(&id)?.clone().into())
    }

    /// The missions reported by a provider.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn missions_of(&self, provider: ActorId) -> Result<Vec<Mission>> {
        Ok(self.lock().missions_of(&provider).cloned().map(Into::into).collect())
    }

    /// Every mission, by id.
    pub fn missions(&self) -> Vec<Mission> {
        self.lock().state().missions.values().cloned().map(Into::into).collect()
    }

    /// The self-assessed declaration of a mission, if any.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn declaration(&self, mission: MissionId) -> Result<Option<Declaration>> {
        Ok(self.lock().state().declarations.get(&mission).cloned().map(Into::into))
    }

    /// The negotiation of a mission's contribution, if one was opened.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn negotiation(&self, mission: MissionId) -> Result<Option<Negotiation>> {
        Ok(self.lock().state().negotiations.get(&mission).cloned().map(Into::into))
    }

    /// Payments received, in journal order.
    pub fn payments(&self) -> Vec<Payment> {
        self.lock().state().payments.iter().cloned().map(Into::into).collect()
    }

    /// Donations received, in journal order.
    pub fn donations(&self) -> Vec<Donation> {
        self.lock().state().donations.iter().cloned().map(Into::into).collect()
    }

    /// In-kind deliveries, in journal order.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.lock().state().deliveries.iter().cloned().map(Into::into).collect()
    }

    /// Sequence number of the last applied event (0 before founding).
    pub fn last_seq(&self) -> u64 {
        self.lock().state().last_seq
    }

    /// The events recorded since this network was created or loaded.
    pub fn journal(&self) -> Vec<Event> {
        self.lock().journal().iter().cloned().map(Into::into).collect()
    }

    /// The journal as JSON Lines: a header line, then one event per line.
    pub fn journal_jsonl(&self) -> String {
        self.lock().journal_jsonl()
    }

    /// The state as a JSON snapshot.
    pub fn snapshot_json(&self) -> String {
        self.lock().snapshot_json()
    }

    // ---- charter follow-up: one method per action ----------------------------------

    /// A steward sets the follow-up rules (deadlines, thresholds) in force from a date.
    ///
    /// # Errors
    /// `auth.steward.required`, `compliance.deadline.invalid`, `standing.thresholds.invalid`,
    /// `policy.parameters.overlap`, `date.order.invalid` (a first day before the command's date).
    pub fn configure_follow_up(
        &self,
        by: ActorId,
        on: NaiveDate,
        from: NaiveDate,
        rules: FollowUpRules,
    ) -> Result<Event> {
        self.act(by, on, Action::ConfigureFollowUp { from, rules })
    }

    /// The provider records that a resource developed during a mission was shared (charter art. 3).
    ///
    /// # Errors
    /// `mission.id.unknown`, `auth.owner.required`, `input.text.empty`,
    /// `compliance.resource.not_developed`, `compliance.resource.already_shared`.
    pub fn share_resource(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        resource: String,
        licence: String,
        location: String,
    ) -> Result<Event> {
        self.act(by, on, Action::ShareResource { mission, resource, licence, location })
    }

    /// A member (or a steward for it) records prior work with a local actor (charter art. 4).
    ///
    /// # Errors
    /// `actor.id.unknown`, `auth.steward.required`, `mission.partner.invalid`, `input.text.empty`.
    pub fn record_prior_work(
        &self,
        by: ActorId,
        on: NaiveDate,
        member: ActorId,
        local_actor: Client,
        since: NaiveDate,
    ) -> Result<Event> {
        self.act(by, on, Action::RecordPriorWork { member, local_actor, since })
    }

    /// The provider records that it informed a member who worked with the client before (art. 4).
    ///
    /// # Errors
    /// `mission.id.unknown`, `auth.owner.required`, `compliance.obligation.not_open`.
    pub fn record_member_informed(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        member: ActorId,
    ) -> Result<Event> {
        self.act(by, on, Action::RecordMemberInformed { mission, member })
    }

    /// A steward records a member's attendance at the yearly meeting on the quality of support (art. 5).
    ///
    /// # Errors
    /// `auth.steward.required`, `actor.id.unknown`, `compliance.attendance.future_year`,
    /// `compliance.attendance.duplicate`.
    #[uniffi::method(default(meeting = ""))]
    pub fn record_attendance(
        &self,
        by: ActorId,
        on: NaiveDate,
        member: ActorId,
        year: i32,
        meeting: String,
    ) -> Result<Event> {
        self.act(by, on, Action::RecordAttendance { member, year, meeting })
    }

    /// A steward notifies a member of the grounds of a possible exclusion: the hearing opens.
    ///
    /// # Errors
    /// `auth.steward.required`, `standing.decision.self`, `standing.member.excluded`,
    /// `standing.hearing.already_open`.
    pub fn notify_hearing(&self, by: ActorId, on: NaiveDate, member: ActorId, grounds: String) -> Result<Event> {
        self.act(by, on, Action::NotifyHearing { member, grounds })
    }

    /// The member (or a steward recording it) answers the notice.
    ///
    /// # Errors
    /// `standing.hearing.not_open`, `standing.hearing.answered`, `auth.steward.required`.
    pub fn answer_hearing(&self, by: ActorId, on: NaiveDate, member: ActorId, answer: String) -> Result<Event> {
        self.act(by, on, Action::AnswerHearing { member, answer })
    }

    /// A steward records a decision on a member's standing (a sanction or a reinstatement).
    ///
    /// # Errors
    /// `auth.steward.required`, `standing.decision.self`, `standing.decision.unchanged`,
    /// `standing.transition.invalid`, `standing.hearing.required`, `standing.hearing.pending`.
    pub fn decide_standing(
        &self,
        by: ActorId,
        on: NaiveDate,
        member: ActorId,
        standing: Standing,
        decision: Decision,
    ) -> Result<Event> {
        self.act(by, on, Action::DecideStanding { member, standing, decision })
    }

    /// A steward records a decision on an actor's involvement level.
    ///
    /// # Errors
    /// As [`Network::change_level`], and `input.text.empty`, `date.order.invalid` for the decision.
    pub fn decide_level(
        &self,
        by: ActorId,
        on: NaiveDate,
        actor: ActorId,
        level: InvolvementLevel,
        decision: Decision,
    ) -> Result<Event> {
        self.act(by, on, Action::DecideLevel { actor, level, decision })
    }

    // ---- charter follow-up: queries -------------------------------------------------

    /// The compliance of every provider bound by the charter, article by article, on `as_of`.
    pub fn compliance_report(&self, as_of: NaiveDate) -> Result<ComplianceReport> {
        Ok(self.lock().compliance_report(as_of).into())
    }

    /// The compliance of one member on `as_of`; `null` if the charter does not bind it then.
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn member_compliance(&self, member: ActorId, as_of: NaiveDate) -> Result<Option<MemberCompliance>> {
        Ok(self.lock().member_compliance(&member, as_of)?.map(Into::into))
    }

    /// The follow-up rules in force on a date.
    ///
    /// # Errors
    /// Typed errors for a date that cannot be lifted.
    pub fn follow_up_rules(&self, on: NaiveDate) -> Result<FollowUpRules> {
        Ok(self.lock().follow_up_rules(on).clone().into())
    }

    /// A member's standing (good standing until a decision says otherwise).
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn standing(&self, member: ActorId) -> Result<Standing> {
        Ok(self.lock().standing(&member).into())
    }

    /// What the thresholds propose for a member's standing on `as_of` (shown, never applied).
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn standing_proposal(&self, member: ActorId, as_of: NaiveDate) -> Result<StandingProposal> {
        Ok(self.lock().standing_proposal(&member, as_of)?.into())
    }

    /// The standing proposals of every member bound by the charter.
    ///
    /// # Errors
    /// Typed errors for a date that cannot be lifted.
    pub fn standing_proposals(&self, as_of: NaiveDate) -> Result<Vec<StandingProposal>> {
        Ok(self.lock().standing_proposals(as_of).into_iter().map(Into::into).collect())
    }

    /// The involvement level recorded activity suggests for an actor (shown, never applied).
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn level_suggestion(&self, actor: ActorId, as_of: NaiveDate) -> Result<LevelSuggestion> {
        Ok(self.lock().level_suggestion(&actor, as_of)?.into())
    }

    /// The level suggestions of every actor.
    ///
    /// # Errors
    /// Typed errors for a date that cannot be lifted.
    pub fn level_suggestions(&self, as_of: NaiveDate) -> Result<Vec<LevelSuggestion>> {
        Ok(self.lock().level_suggestions(as_of).into_iter().map(Into::into).collect())
    }

    /// The public directory: consenting members in good standing, in id order.
    pub fn public_directory(&self) -> Vec<DirectoryEntry> {
        self.lock().public_directory().entries.into_iter().map(Into::into).collect()
    }

    /// The public directory as a Markdown table.
    pub fn public_directory_markdown(&self, lang: Lang) -> String {
        self.lock().public_directory().to_markdown(lang.into())
    }

    // ---- documents ------------------------------------------------------------------

    /// A member's contract (the version in force, or `version`) as Markdown.
    ///
    /// # Errors
    /// `contract.id.unknown`, `contract.version.unknown`.
    #[uniffi::method(default(version = None))]
    pub fn contract_markdown(&self, contract: ContractId, lang: Lang, version: Option<u32>) -> Result<String> {
        Ok(self.lock().contract_markdown(&contract, version, lang.into())?)
    }

    /// A charter version (the one in force by default) as Markdown.
    ///
    /// # Errors
    /// `charter.version.unknown`.
    #[uniffi::method(default(version = None))]
    pub fn charter_markdown(&self, lang: Lang, version: Option<u32>) -> Result<String> {
        Ok(self.lock().charter_markdown(version, lang.into())?)
    }

    /// The charter a provider signed last, as Markdown, followed by its signature.
    ///
    /// # Errors
    /// `actor.id.unknown`; `charter.version.unknown` if it never signed.
    pub fn signed_charter_markdown(&self, provider: ActorId, lang: Lang) -> Result<String> {
        Ok(self.lock().signed_charter_markdown(&provider, lang.into())?)
    }

    // ---- ledger ---------------------------------------------------------------------

    /// One member's ledger for one calendar year, its missions priced by `policy`.
    ///
    /// # Errors
    /// `actor.id.unknown`, `input.parse.invalid` (a year without a 31 December),
    /// `policy.parameters.not_in_force`, any error of the policy, `money.amount.overflow`.
    #[uniffi::method(default(parameters = None))]
    pub fn member_ledger(
        &self,
        member: ActorId,
        year: i32,
        policy: Arc<Policy>,
        parameters: Option<Arc<Parameters>>,
    ) -> Result<MemberLedger> {
        let network = self.lock();
        let params = crate::policy::parameters_or_shipped(parameters.as_ref());
        Ok(coopetition::ledger::member_year(&network, &member, year, policy.core(), params)?.into())
    }

    /// The whole network's ledger for one calendar year.
    ///
    /// # Errors
    /// As [`Network::member_ledger`].
    #[uniffi::method(default(parameters = None))]
    pub fn network_ledger(
        &self,
        year: i32,
        policy: Arc<Policy>,
        parameters: Option<Arc<Parameters>>,
    ) -> Result<NetworkLedger> {
        let network = self.lock();
        let params = crate::policy::parameters_or_shipped(parameters.as_ref());
        Ok(coopetition::ledger::network_year(&network, year, policy.core(), params)?.into())
    }

    /// A member's annual statement, rendered in `lang`.
    ///
    /// # Errors
    /// `network.founding.invalid` before founding; as [`Network::member_ledger`].
    #[uniffi::method(default(parameters = None))]
    pub fn annual_statement(
        &self,
        member: ActorId,
        year: i32,
        policy: Arc<Policy>,
        lang: Lang,
        parameters: Option<Arc<Parameters>>,
    ) -> Result<AnnualStatement> {
        let network = self.lock();
        let params = crate::policy::parameters_or_shipped(parameters.as_ref());
        let statement = coopetition::ledger::AnnualStatement::new(&network, &member, year, policy.core(), params)?;
        Ok(AnnualStatement::new(statement, lang.into()))
    }

    // ---- policies -----------------------------------------------------------------

    /// The facts of a reported mission that policies evaluate, with its
    /// declaration, negotiation and donations.
    ///
    /// # Errors
    /// `mission.id.unknown`, `policy.mission.not_won`, `money.amount.overflow`.
    pub fn mission_facts(&self, mission: MissionId) -> Result<MissionFacts> {
        Ok(CoreMissionFacts::from_network(&self.lock(), &mission)?.into())
    }

    /// A reported mission's facts, prepared for repeated evaluations
    /// ([`Policy::evaluate_prepared`]); they do not follow later events.
    ///
    /// # Errors
    /// As [`Network::mission_facts`].
    pub fn prepare_mission(&self, mission: MissionId) -> Result<Arc<PreparedMission>> {
        let facts = CoreMissionFacts::from_network(&self.lock(), &mission)?;
        Ok(Arc::new(PreparedMission { facts }))
    }

    /// The facts of every won (won, started or completed) mission, by id:
    /// what [`crate::compare_policies`] compares over a network.
    ///
    /// # Errors
    /// `money.amount.overflow` (donations of a mission).
    pub fn won_mission_facts(&self) -> Result<Vec<MissionFacts>> {
        let network = self.lock();
        let won = network.state().missions.values().filter(|m| m.status.is_won());
        Ok(won
            .map(|m| CoreMissionFacts::from_network(&network, &m.id).map(Into::into))
            .collect::<coopetition::Result<Vec<_>>>()?)
    }

    /// What a reported mission owes under a policy, with its explanation in `lang`.
    ///
    /// # Errors
    /// As [`Network::mission_facts`] and [`Policy::evaluate`].
    #[uniffi::method(default(parameters = None))]
    pub fn assess(
        &self,
        mission: MissionId,
        policy: Arc<Policy>,
        lang: Lang,
        parameters: Option<Arc<Parameters>>,
    ) -> Result<Assessment> {
        let facts = CoreMissionFacts::from_network(&self.lock(), &mission)?;
        policy.evaluate_core(&facts, &parameters, lang)
    }
}

// ---- the valid prefix of a cut-off journal ----------------------------------------

/// What a prefix reader dropped: the cut-off last line of a journal.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DroppedLine {
    /// The 1-based number of the cut-off line.
    pub line: u64,
    /// The bytes dropped, from the start of that line to the end of the text.
    pub bytes: u64,
    /// Events dropped: the one whose line was cut off.
    pub events: u64,
}

impl From<coopetition::journal::Dropped> for DroppedLine {
    fn from(d: coopetition::journal::Dropped) -> DroppedLine {
        let wide = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
        DroppedLine { line: wide(d.line), bytes: wide(d.bytes), events: wide(d.events) }
    }
}

/// A network rebuilt from the valid prefix of a journal, and what was dropped.
#[derive(uniffi::Record)]
pub struct ReplayedPrefix {
    /// The network.
    pub network: Arc<Network>,
    /// The cut-off last line, if there was one.
    pub dropped: Option<DroppedLine>,
}

/// Rebuilds a network from the valid prefix of a journal whose last line may
/// have been cut off (a crash during a write). Only a cut-off last line is
/// dropped: a damaged line followed by good ones is an error.
///
/// # Errors
/// As [`Network::replay`]; `journal.line.truncated` only for a cut-off header.
#[uniffi::export]
pub fn replay_prefix(journal: String) -> Result<ReplayedPrefix> {
    let (network, dropped) = CoreNetwork::replay_prefix(&journal)?;
    Ok(ReplayedPrefix { network: Network::wrap(network), dropped: dropped.map(DroppedLine::from) })
}

/// As [`replay_prefix`], on a snapshot: the journal written since it, up to a cut-off last line.
///
/// # Errors
/// As [`Network::resume`]; `journal.line.truncated` only for a cut-off header.
#[uniffi::export]
pub fn resume_prefix(snapshot: String, journal: String) -> Result<ReplayedPrefix> {
    let (network, dropped) = CoreNetwork::resume_prefix(&snapshot, &journal)?;
    Ok(ReplayedPrefix { network: Network::wrap(network), dropped: dropped.map(DroppedLine::from) })
}
