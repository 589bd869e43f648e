//! The network aggregate as a thread-safe object.
//!
//! One method per action, each checked by the core and recorded in the
//! journal; a generic [`Network::execute`] and [`Network::execute_json`];
//! queries; the journal as JSON Lines and the state as a JSON snapshot, in
//! the very formats the Rust core and the Python binding read and write.

use crate::commands::{Action, Command, Event};
use crate::enums::{CharterStatus, DeliveryUnit, InvolvementLevel, Lang, LeadOrigin, MembershipStructure};
use crate::error::Result;
use crate::policy::{Assessment, MissionFacts, Parameters, Policy, PreparedMission};
use crate::types::{
    Actor, CharterSignature, CharterText, Client, Contract, ContractTerms, ContractVersion, Declaration, Delivery,
    Donation, Mission, MissionStep, MissionUpdate, Negotiation, NetworkSettings, Payment, Resource,
};
use chrono::NaiveDate;
use coopetition::ids::{ActorId, ContractId, MissionId};
use coopetition::journal::{ChainKey, Dropped};
use coopetition::money::Money;
use coopetition::network::{Command as CoreCommand, Network as CoreNetwork};
use coopetition::policy::facts::MissionFacts as CoreMissionFacts;
use coopetition_store::NetworkHandle;
use rust_decimal::Decimal;
use std::sync::Arc;

/// A network of third places and providers: its state and its journal.
///
/// Safe to share between threads: commands are applied one at a time under
/// a short lock that runs only the core's code; queries work on a copy of the
/// network (copy-on-write, so it is cheap) and hold no lock, so a Kotlin
/// policy asked for a ledger can read or change this very network.
///
/// `Network()` is held in memory; `Network.open(path)` is backed by a store
/// file, where every accepted command is written before it is applied.
#[derive(Debug, Default, uniffi::Object)]
pub struct Network {
    pub(crate) inner: NetworkHandle,
}

impl Network {
    fn wrap(network: CoreNetwork) -> Arc<Network> {
        Arc::new(Network { inner: NetworkHandle::from(network) })
    }

    /// The network as it is now; later commands do not change this copy.
    pub(crate) fn read(&self) -> Arc<CoreNetwork> {
        self.inner.read()
    }

    pub(crate) fn act(&self, by: ActorId, on: NaiveDate, action: Action) -> Result<Event> {
        Ok(self.inner.execute(CoreCommand { by, on, action })?)
    }

    /// Reports a mission step; the step happened on `occurred_on`, the day of the report by default.
    fn report(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        occurred_on: Option<NaiveDate>,
        step: MissionStep,
        update: MissionUpdate,
    ) -> Result<Event> {
        let occurred_on = occurred_on.unwrap_or(on);
        self.act(by, on, Action::ReportMission { mission, occurred_on, step, update })
    }
}

/// What a provider learnt during a mission, as reported with a step.
fn update(
    partners: Option<Vec<ActorId>>,
    shared_resources_used: Option<Vec<Resource>>,
    resources_developed: Option<Vec<Resource>>,
    client_informed: bool,
) -> MissionUpdate {
    MissionUpdate {
        partners: partners.unwrap_or_default(),
        shared_resources_used: shared_resources_used.unwrap_or_default(),
        resources_developed: resources_developed.unwrap_or_default(),
        client_informed,
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
    /// Its hash chain is verified (with `key` if it was written with one) and
    /// every event is checked again, so a tampered journal is refused.
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.line.truncated`, `journal.schema.unknown`,
    /// `journal.sequence.invalid`, `journal.chain.broken`, `store.key.required`,
    /// `store.key.invalid`, or the code the live command would have met.
    #[uniffi::constructor(default(key = None))]
    pub fn replay(journal: String, key: Option<Vec<u8>>) -> Result<Arc<Network>> {
        let key = chain_key(key)?;
        Ok(Network::wrap(CoreNetwork::replay_verified(&journal, key.as_ref())?.0))
    }

    /// A network from a JSON snapshot; its journal starts empty. Its digest
    /// is verified (with `key` if it was written with one), then its facts
    /// against one another.
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.schema.unknown`,
    /// `journal.snapshot.digest` (changed since it was written),
    /// `store.key.required`, `store.key.invalid`,
    /// `journal.snapshot.inconsistent` (facts that contradict one another).
    #[uniffi::constructor(default(key = None))]
    pub fn from_snapshot_json(json: String, key: Option<Vec<u8>>) -> Result<Arc<Network>> {
        let key = chain_key(key)?;
        Ok(Network::wrap(CoreNetwork::from_snapshot_json_with_key(&json, key.as_ref())?.0))
    }

    /// A network from a snapshot, then a journal that continues its chain
    /// (the journal written since, or the whole journal) replayed on it;
    /// verified with `key` if they were written with one.
    ///
    /// # Errors
    /// As [`Network::from_snapshot_json`] and [`Network::replay`];
    /// `journal.snapshot.continuation` for a journal that does not continue
    /// the snapshot's chain.
    #[uniffi::constructor(default(key = None))]
    pub fn resume(snapshot: String, journal: String, key: Option<Vec<u8>>) -> Result<Arc<Network>> {
        Ok(Network::wrap(CoreNetwork::resume_with(&snapshot, &journal, chain_key(key)?.as_ref())?))
    }

    // ---- generic commands ---------------------------------------------------------

    /// Checks a command and, if accepted, records and applies it.
    ///
    /// # Errors
    /// The rejection, with the state left untouched.
    pub fn execute(&self, command: Command) -> Result<Event> {
        self.act(command.by, command.on, command.action)
    }

    /// Executes a command given in its JSON form (as queued by an app or sent by a server),
    /// read as strictly as a journal line (as [`crate::command_from_json`]).
    ///
    /// # Errors
    /// `journal.json.malformed` for JSON that is not a command, or not spelt as
    /// the engine writes it; the rejection otherwise.
    pub fn execute_json(&self, command: String) -> Result<Event> {
        let command = CoreCommand::from_json(&command)?;
        self.act(command.by, command.on, command.action)
    }

    /// Checks a command without applying it: what an app calls before queueing it.
    ///
    /// # Errors
    /// The reason the command would be rejected.
    pub fn check(&self, command: Command) -> Result<()> {
        Ok(self.inner.check(&command)?)
    }

    // ---- one method per action ----------------------------------------------------

    /// Founds the network: the first command, issued by one of the founders (all stewards).
    /// Its structure is two-tier unless said otherwise.
    ///
    /// # Errors
    /// `network.founding.invalid`, `auth.steward.required`, `auth.owner.required`,
    /// `actor.id.duplicate`, `input.text.empty`.
    #[uniffi::method(default(structure = None))]
    pub fn found(
        &self,
        by: ActorId,
        on: NaiveDate,
        name: String,
        founders: Vec<Actor>,
        structure: Option<MembershipStructure>,
    ) -> Result<Event> {
        let membership_structure = structure.unwrap_or_default();
        self.act(by, on, Action::FoundNetwork { settings: NetworkSettings { name, membership_structure }, founders })
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

    /// A provider reports a solicitation: a client asked, which opens the mission
    /// (charter article 1). The step happened on `occurred_on`, the day of the report by default.
    ///
    /// # Errors
    /// `mission.*`, `date.order.invalid`, `actor.id.unknown`, `input.text.empty`.
    #[uniffi::method(default(occurred_on = None))]
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
        occurred_on: Option<NaiveDate>,
    ) -> Result<Event> {
        let step = MissionStep::Solicited { client, lead_origin, title };
        self.report(by, on, mission, occurred_on, step, MissionUpdate::default())
    }

    /// A provider reports a proposal.
    ///
    /// # Errors
    /// `mission.*`, `date.order.invalid`.
    #[uniffi::method(default(occurred_on = None))]
    pub fn report_proposal(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        occurred_on: Option<NaiveDate>,
    ) -> Result<Event> {
        self.report(by, on, mission, occurred_on, MissionStep::Proposed, MissionUpdate::default())
    }

    /// A provider reports that its proposal was chosen, for this revenue in euros.
    ///
    /// # Errors
    /// `mission.*`, `date.order.invalid`, `money.amount.negative`.
    #[uniffi::method(default(occurred_on = None))]
    pub fn report_won(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        revenue: Decimal,
        occurred_on: Option<NaiveDate>,
    ) -> Result<Event> {
        self.report(
            by,
            on,
            mission,
            occurred_on,
            MissionStep::Won { revenue: Money::eur(revenue) },
            MissionUpdate::default(),
        )
    }

    /// A provider reports that the work started (charter article 1), with partners and shared resources.
    ///
    /// # Errors
    /// `mission.*`, `date.order.invalid`, `actor.id.unknown`, `mission.partner.invalid`.
    #[uniffi::method(default(
        occurred_on = None,
        partners = None,
        shared_resources_used = None,
        resources_developed = None,
        client_informed = false
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn report_start(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        occurred_on: Option<NaiveDate>,
        partners: Option<Vec<ActorId>>,
        shared_resources_used: Option<Vec<Resource>>,
        resources_developed: Option<Vec<Resource>>,
        client_informed: bool,
    ) -> Result<Event> {
        let u = update(partners, shared_resources_used, resources_developed, client_informed);
        self.report(by, on, mission, occurred_on, MissionStep::Started, u)
    }

    /// A provider reports progress, with partners and resources.
    ///
    /// # Errors
    /// As [`Network::report_start`], and `input.text.empty`.
    #[uniffi::method(default(
        occurred_on = None,
        partners = None,
        shared_resources_used = None,
        resources_developed = None,
        client_informed = false
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn report_progress(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        note: String,
        occurred_on: Option<NaiveDate>,
        partners: Option<Vec<ActorId>>,
        shared_resources_used: Option<Vec<Resource>>,
        resources_developed: Option<Vec<Resource>>,
        client_informed: bool,
    ) -> Result<Event> {
        let u = update(partners, shared_resources_used, resources_developed, client_informed);
        self.report(by, on, mission, occurred_on, MissionStep::Progress { note }, u)
    }

    /// A provider reports completion, with partners and resources.
    ///
    /// # Errors
    /// As [`Network::report_start`].
    #[uniffi::method(default(
        occurred_on = None,
        partners = None,
        shared_resources_used = None,
        resources_developed = None,
        client_informed = false
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn report_completion(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        occurred_on: Option<NaiveDate>,
        partners: Option<Vec<ActorId>>,
        shared_resources_used: Option<Vec<Resource>>,
        resources_developed: Option<Vec<Resource>>,
        client_informed: bool,
    ) -> Result<Event> {
        let u = update(partners, shared_resources_used, resources_developed, client_informed);
        self.report(by, on, mission, occurred_on, MissionStep::Completed, u)
    }

    /// A provider reports a mission lost (before it is won).
    ///
    /// # Errors
    /// `mission.*`, `date.order.invalid`.
    #[uniffi::method(default(reason = "", occurred_on = None))]
    pub fn report_lost(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        reason: String,
        occurred_on: Option<NaiveDate>,
    ) -> Result<Event> {
        self.report(by, on, mission, occurred_on, MissionStep::Lost { reason }, MissionUpdate::default())
    }

    /// A provider reports a mission cancelled.
    ///
    /// # Errors
    /// `mission.*`, `date.order.invalid`.
    #[uniffi::method(default(reason = "", occurred_on = None))]
    pub fn report_cancelled(
        &self,
        by: ActorId,
        on: NaiveDate,
        mission: MissionId,
        reason: String,
        occurred_on: Option<NaiveDate>,
    ) -> Result<Event> {
        self.report(by, on, mission, occurred_on, MissionStep::Cancelled { reason }, MissionUpdate::default())
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
        self.act(by, on, Action::DeclareContribution { mission, amount: Money::from_input(amount)? })
    }

    /// The provider, or a steward for the network, offers an amount in the negotiation.
    ///
    /// # Errors
    /// `policy.mission.not_won`, `negotiation.party.invalid`, `negotiation.state.invalid`,
    /// `policy.declaration.out_of_range`.
    pub fn offer_contribution(&self, by: ActorId, on: NaiveDate, mission: MissionId, amount: Decimal) -> Result<Event> {
        self.act(by, on, Action::OfferContribution { mission, amount: Money::from_input(amount)? })
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
    /// It was received on `paid_on`, the day of the record by default.
    ///
    /// # Errors
    /// `auth.steward.required`, `actor.id.unknown`, `money.amount.negative`, `input.parse.invalid`.
    #[uniffi::method(default(paid_on = None, reference = ""))]
    pub fn record_payment(
        &self,
        by: ActorId,
        on: NaiveDate,
        member: ActorId,
        amount: Decimal,
        paid_on: Option<NaiveDate>,
        reference: String,
    ) -> Result<Event> {
        let payment = Payment { member, amount: Money::eur(amount), on: paid_on.unwrap_or(on), reference };
        self.act(by, on, Action::RecordPayment { payment })
    }

    /// A steward records a donation received.
    /// It was given on `given_on`, the day of the record by default, for `mission` if any.
    ///
    /// # Errors
    /// `auth.steward.required`, `actor.id.unknown`, `mission.id.unknown`, `money.amount.negative`.
    #[uniffi::method(default(given_on = None, mission = None))]
    pub fn record_donation(
        &self,
        by: ActorId,
        on: NaiveDate,
        member: ActorId,
        amount: Decimal,
        given_on: Option<NaiveDate>,
        mission: Option<MissionId>,
    ) -> Result<Event> {
        let donation = Donation { member, amount: Money::eur(amount), on: given_on.unwrap_or(on), mission };
        self.act(by, on, Action::RecordDonation { donation })
    }

    /// The member, or a steward, records an in-kind delivery.
    /// It was delivered on `delivered_on`, the day of the record by default.
    ///
    /// # Errors
    /// `auth.steward.required`, `ledger.delivery.not_chosen`, `input.parse.invalid`.
    #[uniffi::method(default(delivered_on = None, note = ""))]
    #[allow(clippy::too_many_arguments)]
    pub fn record_delivery(
        &self,
        by: ActorId,
        on: NaiveDate,
        member: ActorId,
        contribution: String,
        unit: DeliveryUnit,
        quantity: Decimal,
        delivered_on: Option<NaiveDate>,
        note: String,
    ) -> Result<Event> {
        let delivery = Delivery { member, contribution, unit, quantity, on: delivered_on.unwrap_or(on), note };
        self.act(by, on, Action::RecordDelivery { delivery })
    }

    // ---- queries ------------------------------------------------------------------

    /// The network's name; `null` before founding.
    pub fn name(&self) -> Option<String> {
        self.read().settings().map(|s| s.name.clone())
    }

    /// The membership structure; `null` before founding.
    pub fn structure(&self) -> Option<MembershipStructure> {
        self.read().settings().map(|s| s.membership_structure)
    }

    /// The founding date; `null` before founding.
    pub fn founded_on(&self) -> Option<NaiveDate> {
        self.read().state().founded_on
    }

    /// The actor with this id.
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn actor(&self, id: ActorId) -> Result<Actor> {
        Ok(self.read().actor(&id)?.clone())
    }

    /// Every actor, by id.
    pub fn actors(&self) -> Vec<Actor> {
        self.read().state().actors.values().cloned().collect()
    }

    /// Whether the actor is a member: a founder or the holder of an active contract.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn is_member(&self, actor: ActorId) -> Result<bool> {
        Ok(self.read().is_member(&actor))
    }

    /// The contract with this id, with every validated version.
    ///
    /// # Errors
    /// `contract.id.unknown`.
    pub fn contract(&self, id: ContractId) -> Result<Contract> {
        Ok(self.read().contract(&id)?.clone())
    }

    /// A given version of a contract.
    ///
    /// # Errors
    /// `contract.id.unknown`, `contract.version.unknown`.
    pub fn contract_version(&self, id: ContractId, version: u32) -> Result<ContractVersion> {
        Ok(self.read().contract(&id)?.version(version)?.clone())
    }

    /// Every contract, by id.
    pub fn contracts(&self) -> Vec<Contract> {
        self.read().state().contracts.values().cloned().collect()
    }

    /// The member's live contract (proposed, in discussion or active), if any.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn live_contract(&self, member: ActorId) -> Result<Option<Contract>> {
        Ok(self.read().live_contract(&member).cloned())
    }

    /// The charter version in force; `null` before founding.
    pub fn charter(&self) -> Option<CharterText> {
        self.read().charter().cloned()
    }

    /// Every charter version, oldest first.
    pub fn charter_versions(&self) -> Vec<CharterText> {
        self.read().state().charter.to_vec()
    }

    /// Where a provider stands with regard to the charter.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn charter_status(&self, provider: ActorId) -> Result<CharterStatus> {
        Ok(self.read().charter_status(&provider))
    }

    /// A provider's charter signatures, oldest first.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn charter_signatures(&self, provider: ActorId) -> Result<Vec<CharterSignature>> {
        let network = self.read();
        let signatures = network.state().signatures.get(&provider);
        Ok(signatures.map(|s| s.to_vec()).unwrap_or_default())
    }

    /// The mission with this id.
    ///
    /// # Errors
    /// `mission.id.unknown`.
    pub fn mission(&self, id: MissionId) -> Result<Mission> {
        Ok(self.read().mission(&id)?.clone())
    }

    /// Every mission by id, or those of one provider.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    #[uniffi::method(default(provider = None))]
    pub fn missions(&self, provider: Option<ActorId>) -> Result<Vec<Mission>> {
        let network = self.read();
        Ok(match provider {
            Some(p) => network.missions_of(&p).cloned().collect(),
            None => network.state().missions.values().cloned().collect(),
        })
    }

    /// The self-assessed declaration of a mission, if any.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn declaration(&self, mission: MissionId) -> Result<Option<Declaration>> {
        Ok(self.read().state().declarations.get(&mission).cloned())
    }

    /// The negotiation of a mission's contribution, if one was opened.
    ///
    /// # Errors
    /// Typed errors for an invalid id.
    pub fn negotiation(&self, mission: MissionId) -> Result<Option<Negotiation>> {
        Ok(self.read().state().negotiations.get(&mission).cloned())
    }

    /// Payments received, in journal order.
    pub fn payments(&self) -> Vec<Payment> {
        self.read().state().payments.to_vec()
    }

    /// Donations received, in journal order.
    pub fn donations(&self) -> Vec<Donation> {
        self.read().state().donations.to_vec()
    }

    /// In-kind deliveries, in journal order.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.read().state().deliveries.to_vec()
    }

    /// Sequence number of the last applied event (0 before founding).
    pub fn last_seq(&self) -> u64 {
        self.read().state().last_seq
    }

    /// The events recorded since this network was created or loaded.
    pub fn journal(&self) -> Vec<Event> {
        self.read().journal().to_vec()
    }

    /// The journal as JSON Lines: a header line, then one event per line, each
    /// carrying its link of the hash chain; with `key`, the chain is
    /// HMAC-SHA256 and only a holder of the key can write one that verifies.
    ///
    /// # Errors
    /// `store.key.invalid` for an empty key.
    #[uniffi::method(default(key = None))]
    pub fn journal_jsonl(&self, key: Option<Vec<u8>>) -> Result<String> {
        Ok(self.read().journal_jsonl_with(chain_key(key)?.as_ref()))
    }

    /// The state as a JSON snapshot: the position and link of its last event
    /// in the journal's hash chain, and a digest of the state bound to them;
    /// with `key`, the digest is HMAC-SHA256 and only a holder of the key can
    /// write one that verifies.
    ///
    /// # Errors
    /// `store.key.invalid` for an empty key, or for a network rebuilt from a
    /// snapshot whose chain was not written with this key.
    #[uniffi::method(default(key = None))]
    pub fn snapshot_json(&self, key: Option<Vec<u8>>) -> Result<String> {
        Ok(self.read().snapshot_json_with(chain_key(key)?.as_ref())?)
    }

    /// Whether two networks have the same state.
    pub fn same_state(&self, other: Arc<Network>) -> bool {
        let (a, b) = (self.read(), other.read());
        Arc::ptr_eq(&a, &b) || a.state() == b.state()
    }

    // ---- policies -----------------------------------------------------------------

    /// The facts of a reported mission that policies evaluate, with its
    /// declaration, negotiation and donations.
    ///
    /// # Errors
    /// `mission.id.unknown`, `policy.mission.not_won`, `money.amount.overflow`.
    pub fn mission_facts(&self, mission: MissionId) -> Result<MissionFacts> {
        Ok(CoreMissionFacts::from_network(&self.read(), &mission)?)
    }

    /// A reported mission's facts, prepared for repeated evaluations
    /// ([`Policy::evaluate_prepared`]); they do not follow later events.
    ///
    /// # Errors
    /// As [`Network::mission_facts`].
    pub fn prepare_mission(&self, mission: MissionId) -> Result<Arc<PreparedMission>> {
        let facts = CoreMissionFacts::from_network(&self.read(), &mission)?;
        Ok(Arc::new(PreparedMission { facts }))
    }

    /// The facts of every won (won, started or completed) mission, by id:
    /// what [`crate::compare_policies`] compares over a network.
    ///
    /// # Errors
    /// `money.amount.overflow` (donations of a mission).
    pub fn won_mission_facts(&self) -> Result<Vec<MissionFacts>> {
        let network = self.read();
        let won = network.state().missions.values().filter(|m| m.status.is_won());
        Ok(won.map(|m| CoreMissionFacts::from_network(&network, &m.id)).collect::<coopetition::Result<Vec<_>>>()?)
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
        let facts = CoreMissionFacts::from_network(&self.read(), &mission)?;
        policy.evaluate_core(&facts, &parameters, lang)
    }
}

// ---- the valid prefix of a cut-off journal ----------------------------------------

/// A network rebuilt from the valid prefix of a journal, and what was dropped.
#[derive(uniffi::Record)]
pub struct ReplayedPrefix {
    /// The network.
    pub network: Arc<Network>,
    /// The cut-off last line, if there was one.
    pub dropped: Option<Dropped>,
}

/// Rebuilds a network from the valid prefix of a journal whose last line may
/// have been cut off (a crash during a write). Only a cut-off last line is
/// dropped: a damaged line followed by good ones is an error.
///
/// # Errors
/// As [`Network::replay`]; `journal.line.truncated` only for a cut-off header.
#[uniffi::export(default(key = None))]
pub fn replay_prefix(journal: String, key: Option<Vec<u8>>) -> Result<ReplayedPrefix> {
    let (network, dropped) = CoreNetwork::replay_prefix_with(&journal, chain_key(key)?.as_ref())?;
    Ok(ReplayedPrefix { network: Network::wrap(network), dropped })
}

/// As [`replay_prefix`], on a snapshot: the journal written since it, up to a cut-off last line.
///
/// # Errors
/// As [`Network::resume`]; `journal.line.truncated` only for a cut-off header.
#[uniffi::export(default(key = None))]
pub fn resume_prefix(snapshot: String, journal: String, key: Option<Vec<u8>>) -> Result<ReplayedPrefix> {
    let (network, dropped) = CoreNetwork::resume_prefix_with(&snapshot, &journal, chain_key(key)?.as_ref())?;
    Ok(ReplayedPrefix { network: Network::wrap(network), dropped })
}

/// A chain key from the bytes Kotlin gives, if any.
///
/// # Errors
/// `store.key.invalid` for an empty key.
pub(crate) fn chain_key(key: Option<Vec<u8>>) -> Result<Option<ChainKey>> {
    Ok(key.map(|k| ChainKey::new(&k)).transpose()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_as_json_is_read_as_strictly_as_a_journal_line() {
        // chrono alone reads the padded date; the core's reader refuses any spelling it would not write.
        let padded = r#"{"by":"alice","on":"2020- 1-06","action":{"type":"set_public_listing","actor":"alice","public_listing":false}}"#;
        let err = Network::new().execute_json(padded.into()).unwrap_err();
        assert_eq!(err.code(), "journal.json.malformed", "{err}");
        assert_eq!(crate::command_from_json(padded.into()).unwrap_err(), err);
    }
}
