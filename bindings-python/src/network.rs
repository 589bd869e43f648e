//! The network aggregate, as a Python object safe to share between threads.

use crate::convert::{actor_id, contract_id, label, mission_id, money, MoneyArg, Str, UserText};
use crate::errors::IntoPy;
use crate::event::{client, command_json, update};
use crate::handle::PyNetwork;

use coopetition::charter::CharterSignature;
use coopetition::charter::CharterStatus;
use coopetition::charter::CharterText;
use coopetition::compliance::{ComplianceReport, MemberCompliance};
use coopetition::contract::{Contract, ContractTerms, ContractVersion};
use coopetition::directory::DirectoryEntry;

use coopetition::mission::Mission;
use coopetition::mission::{MissionStep, MissionUpdate};
use coopetition::negotiation::{Declaration, Negotiation};
use coopetition::negotiation::{Delivery, DeliveryUnit, Donation, Payment};
use coopetition::policy::MissionFacts;
use coopetition::prelude::*;
use coopetition::standing::{LevelSuggestion, StandingProposal};
use pyo3::prelude::*;
use pyo3::types::PyList;
use std::sync::Arc;

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNetwork {
    /// An empty network, to be founded with `found`.
    #[new]
    fn new() -> Self {
        PyNetwork::wrap(Network::new())
    }

    // ---- commands ---------------------------------------------------------------

    /// Founds the network (first command): its name, structure and founding stewards.
    #[pyo3(signature = (by, on, name, founders, structure = None))]
    fn found(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        name: UserText,
        founders: Vec<Actor>,
        structure: Option<Str<'_>>,
    ) -> PyResult<Event> {
        let membership_structure = structure.map(|s| label(&s)).transpose()?.unwrap_or_default();
        let settings = NetworkSettings { name: name.into(), membership_structure };
        self.run(&by, on, Action::FoundNetwork { settings, founders })
    }

    /// Registers an actor (by itself as a supporter, or by a steward).
    fn register_actor(&self, by: Str<'_>, on: chrono::NaiveDate, actor: Actor) -> PyResult<Event> {
        self.run(&by, on, Action::RegisterActor { actor })
    }

    /// The actor gives or withdraws its consent to public listing.
    fn set_public_listing(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        actor: Str<'_>,
        public_listing: bool,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::SetPublicListing { actor: actor_id(&actor)?, public_listing })
    }

    /// A steward changes an actor's involvement level.
    fn change_level(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        actor: Str<'_>,
        level: Str<'_>,
        reason: UserText,
    ) -> PyResult<Event> {
        self.run(
            &by,
            on,
            Action::ChangeLevel { actor: actor_id(&actor)?, level: label(&level)?, reason: reason.into() },
        )
    }

    /// The applicant proposes a membership contract.
    fn propose_contract(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        contract: Str<'_>,
        terms: ContractTerms,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::ProposeContract { contract: contract_id(&contract)?, terms })
    }

    /// A steward or the member adds a note to the discussion of pending terms.
    fn discuss_contract(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        contract: Str<'_>,
        note: UserText,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::DiscussContract { contract: contract_id(&contract)?, note: note.into() })
    }

    /// The member replaces its pending terms.
    fn revise_proposal(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        contract: Str<'_>,
        terms: ContractTerms,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::ReviseProposal { contract: contract_id(&contract)?, terms })
    }

    /// A steward validates the pending terms (first version or amendment).
    fn validate_contract(&self, by: Str<'_>, on: chrono::NaiveDate, contract: Str<'_>) -> PyResult<Event> {
        self.run(&by, on, Action::ValidateContract { contract: contract_id(&contract)? })
    }

    /// A steward declines the pending terms.
    fn decline_contract(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        contract: Str<'_>,
        reason: UserText,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::DeclineContract { contract: contract_id(&contract)?, reason: reason.into() })
    }

    /// The member proposes an amendment to its active contract.
    fn propose_amendment(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        contract: Str<'_>,
        terms: ContractTerms,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::ProposeAmendment { contract: contract_id(&contract)?, terms })
    }

    /// The member resigns.
    fn resign(&self, by: Str<'_>, on: chrono::NaiveDate, contract: Str<'_>) -> PyResult<Event> {
        self.run(&by, on, Action::Resign { contract: contract_id(&contract)? })
    }

    /// A steward excludes a member.
    fn exclude_member(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        contract: Str<'_>,
        reason: UserText,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::ExcludeMember { contract: contract_id(&contract)?, reason: reason.into() })
    }

    /// A steward publishes a new version of the charter (a `Charter`, e.g. from `Charter.from_json`).
    fn publish_charter(&self, by: Str<'_>, on: chrono::NaiveDate, text: CharterText) -> PyResult<Event> {
        self.run(&by, on, Action::PublishCharter { text })
    }

    /// A provider signs the charter version in force.
    fn sign_charter(&self, by: Str<'_>, on: chrono::NaiveDate, version: u32) -> PyResult<Event> {
        self.run(&by, on, Action::SignCharter { version })
    }

    /// A provider reports a solicitation: opens a mission.
    #[pyo3(signature = (by, on, mission, client, lead_origin, title, *, occurred_on = None))]
    #[allow(clippy::too_many_arguments)]
    fn report_solicitation(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        #[gen_stub(override_type(type_repr = "builtins.str | builtins.tuple[builtins.str, builtins.str]", imports = ("builtins")))]
        client: &Bound<'_, PyAny>,
        lead_origin: Str<'_>,
        title: UserText,
        occurred_on: Option<chrono::NaiveDate>,
    ) -> PyResult<Event> {
        let step = MissionStep::Solicited {
            client: crate::event::client(client)?,
            lead_origin: label(&lead_origin)?,
            title: title.into(),
        };
        self.report(&by, on, &mission, occurred_on, step, MissionUpdate::default())
    }

    /// A provider reports a proposal.
    #[pyo3(signature = (by, on, mission, *, occurred_on = None))]
    fn report_proposal(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        occurred_on: Option<chrono::NaiveDate>,
    ) -> PyResult<Event> {
        self.report(&by, on, &mission, occurred_on, MissionStep::Proposed, MissionUpdate::default())
    }

    /// A provider reports a mission won, with its revenue.
    #[pyo3(signature = (by, on, mission, revenue, *, occurred_on = None))]
    fn report_won(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        revenue: MoneyArg<'_>,
        occurred_on: Option<chrono::NaiveDate>,
    ) -> PyResult<Event> {
        let step = MissionStep::Won { revenue: money("revenue", &revenue)? };
        self.report(&by, on, &mission, occurred_on, step, MissionUpdate::default())
    }

    /// A provider reports the start, with partners and shared resources.
    #[pyo3(signature = (by, on, mission, *, occurred_on = None, partners = None, shared_resources_used = None,
        resources_developed = None, client_informed = false))]
    #[allow(clippy::too_many_arguments)]
    fn report_start(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        occurred_on: Option<chrono::NaiveDate>,
        partners: Option<Vec<UserText>>,
        #[gen_stub(override_type(type_repr = "builtins.list[Resource | builtins.str] | None", imports = ("builtins")))]
        shared_resources_used: Option<&Bound<'_, PyList>>,
        #[gen_stub(override_type(type_repr = "builtins.list[Resource | builtins.str] | None", imports = ("builtins")))]
        resources_developed: Option<&Bound<'_, PyList>>,
        #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] client_informed: bool,
    ) -> PyResult<Event> {
        let u = update(partners, shared_resources_used, resources_developed, client_informed)?;
        self.report(&by, on, &mission, occurred_on, MissionStep::Started, u)
    }

    /// A provider reports progress.
    #[pyo3(signature = (by, on, mission, note, *, occurred_on = None, partners = None, shared_resources_used = None,
        resources_developed = None, client_informed = false))]
    #[allow(clippy::too_many_arguments)]
    fn report_progress(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        note: UserText,
        occurred_on: Option<chrono::NaiveDate>,
        partners: Option<Vec<UserText>>,
        #[gen_stub(override_type(type_repr = "builtins.list[Resource | builtins.str] | None", imports = ("builtins")))]
        shared_resources_used: Option<&Bound<'_, PyList>>,
        #[gen_stub(override_type(type_repr = "builtins.list[Resource | builtins.str] | None", imports = ("builtins")))]
        resources_developed: Option<&Bound<'_, PyList>>,
        #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] client_informed: bool,
    ) -> PyResult<Event> {
        let u = update(partners, shared_resources_used, resources_developed, client_informed)?;
        self.report(&by, on, &mission, occurred_on, MissionStep::Progress { note: note.into() }, u)
    }

    /// A provider reports completion.
    #[pyo3(signature = (by, on, mission, *, occurred_on = None, partners = None, shared_resources_used = None,
        resources_developed = None, client_informed = false))]
    #[allow(clippy::too_many_arguments)]
    fn report_completion(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        occurred_on: Option<chrono::NaiveDate>,
        partners: Option<Vec<UserText>>,
        #[gen_stub(override_type(type_repr = "builtins.list[Resource | builtins.str] | None", imports = ("builtins")))]
        shared_resources_used: Option<&Bound<'_, PyList>>,
        #[gen_stub(override_type(type_repr = "builtins.list[Resource | builtins.str] | None", imports = ("builtins")))]
        resources_developed: Option<&Bound<'_, PyList>>,
        #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] client_informed: bool,
    ) -> PyResult<Event> {
        let u = update(partners, shared_resources_used, resources_developed, client_informed)?;
        self.report(&by, on, &mission, occurred_on, MissionStep::Completed, u)
    }

    /// A provider reports a mission lost (before it is won).
    #[pyo3(signature = (by, on, mission, reason = UserText(String::new()), *, occurred_on = None))]
    fn report_lost(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        reason: UserText,
        occurred_on: Option<chrono::NaiveDate>,
    ) -> PyResult<Event> {
        self.report(
            &by,
            on,
            &mission,
            occurred_on,
            MissionStep::Lost { reason: reason.into() },
            MissionUpdate::default(),
        )
    }

    /// A provider reports a mission cancelled.
    #[pyo3(signature = (by, on, mission, reason = UserText(String::new()), *, occurred_on = None))]
    fn report_cancelled(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        reason: UserText,
        occurred_on: Option<chrono::NaiveDate>,
    ) -> PyResult<Event> {
        self.report(
            &by,
            on,
            &mission,
            occurred_on,
            MissionStep::Cancelled { reason: reason.into() },
            MissionUpdate::default(),
        )
    }

    /// The provider declares its self-assessed contribution for a won mission.
    fn declare_contribution(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        amount: MoneyArg<'_>,
    ) -> PyResult<Event> {
        self.run(
            &by,
            on,
            Action::DeclareContribution { mission: mission_id(&mission)?, amount: money("amount", &amount)? },
        )
    }

    /// The provider, or a steward for the network, makes an offer in a negotiation.
    fn offer_contribution(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        amount: MoneyArg<'_>,
    ) -> PyResult<Event> {
        self.run(
            &by,
            on,
            Action::OfferContribution { mission: mission_id(&mission)?, amount: money("amount", &amount)? },
        )
    }

    /// The other party accepts the last offer.
    fn accept_offer(&self, by: Str<'_>, on: chrono::NaiveDate, mission: Str<'_>) -> PyResult<Event> {
        self.run(&by, on, Action::AcceptOffer { mission: mission_id(&mission)? })
    }

    /// Either party records a stalemate.
    fn declare_stalemate(&self, by: Str<'_>, on: chrono::NaiveDate, mission: Str<'_>) -> PyResult<Event> {
        self.run(&by, on, Action::DeclareStalemate { mission: mission_id(&mission)? })
    }

    /// Either party reopens a negotiation after a stalemate.
    fn reopen_negotiation(&self, by: Str<'_>, on: chrono::NaiveDate, mission: Str<'_>) -> PyResult<Event> {
        self.run(&by, on, Action::ReopenNegotiation { mission: mission_id(&mission)? })
    }

    /// A steward records a payment received from a member.
    #[pyo3(signature = (by, on, member, amount, *, paid_on = None, reference = UserText(String::new())))]
    #[allow(clippy::too_many_arguments)]
    fn record_payment(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        member: Str<'_>,
        amount: MoneyArg<'_>,
        paid_on: Option<chrono::NaiveDate>,
        reference: UserText,
    ) -> PyResult<Event> {
        let payment = Payment {
            member: actor_id(&member)?,
            amount: money("amount", &amount)?,
            on: paid_on.unwrap_or(on),
            reference: reference.into(),
        };
        self.run(&by, on, Action::RecordPayment { payment })
    }

    /// A steward records a donation (never counted as money due).
    #[pyo3(signature = (by, on, member, amount, *, given_on = None, mission = None))]
    #[allow(clippy::too_many_arguments)]
    fn record_donation(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        member: Str<'_>,
        amount: MoneyArg<'_>,
        given_on: Option<chrono::NaiveDate>,
        mission: Option<Str<'_>>,
    ) -> PyResult<Event> {
        let donation = Donation {
            member: actor_id(&member)?,
            amount: money("amount", &amount)?,
            on: given_on.unwrap_or(on),
            mission: mission.map(|m| mission_id(&m)).transpose()?,
        };
        self.run(&by, on, Action::RecordDonation { donation })
    }

    /// The member, or a steward, records an in-kind delivery of a chosen contribution.
    #[pyo3(signature = (by, on, member, contribution, unit, quantity, *, delivered_on = None, note = UserText(String::new())))]
    #[allow(clippy::too_many_arguments)]
    fn record_delivery(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        member: Str<'_>,
        contribution: UserText,
        unit: Str<'_>,
        quantity: MoneyArg<'_>,
        delivered_on: Option<chrono::NaiveDate>,
        note: UserText,
    ) -> PyResult<Event> {
        let delivery = Delivery {
            member: actor_id(&member)?,
            contribution: contribution.into(),
            unit: label::<DeliveryUnit>(&unit)?,
            quantity: crate::convert::rate("quantity", &quantity)?,
            on: delivered_on.unwrap_or(on),
            note: note.into(),
        };
        self.run(&by, on, Action::RecordDelivery { delivery })
    }

    /// Executes a command given as JSON (`{"by": …, "on": …, "action": {"type": …}}`),
    /// the same shape as a journal line without `seq`.
    fn execute_json(&self, command: Str<'_>) -> PyResult<Event> {
        let command = Command::from_json(&command).py()?;
        self.execute_command(command)
    }

    /// Executes a command given as a dict of that same shape (or its JSON text).
    fn execute(
        &self,
        #[gen_stub(override_type(type_repr = "builtins.dict[builtins.str, typing.Any] | builtins.str", imports = ("builtins", "typing")))]
        command: &Bound<'_, PyAny>,
    ) -> PyResult<Event> {
        let command = Command::from_json(&command_json(command)?).py()?;
        self.execute_command(command)
    }

    /// Checks a command (a dict or its JSON text) without applying it: what
    /// an app calls before queueing it. Raises the reason it would be refused.
    fn check(
        &self,
        #[gen_stub(override_type(type_repr = "builtins.dict[builtins.str, typing.Any] | builtins.str", imports = ("builtins", "typing")))]
        command: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let command = Command::from_json(&command_json(command)?).py()?;
        self.check_command(&command)
    }

    // ---- queries ----------------------------------------------------------------

    /// The network's name, once founded.
    #[getter]
    fn name(&self) -> PyResult<Option<String>> {
        Ok(self.read()?.settings().map(|s| s.name.clone()))
    }

    /// The membership structure (`two_tier` or `all_in_one`), once founded.
    #[getter]
    fn structure(&self) -> PyResult<Option<&'static str>> {
        Ok(self.read()?.settings().map(|s| s.membership_structure.label()))
    }

    /// The founding date, once founded.
    #[getter]
    fn founded_on(&self) -> PyResult<Option<chrono::NaiveDate>> {
        Ok(self.read()?.state().founded_on)
    }

    /// Sequence number of the last applied event (0 before founding).
    #[getter]
    fn last_seq(&self) -> PyResult<u64> {
        Ok(self.read()?.state().last_seq)
    }

    /// The events recorded since this network was created or loaded.
    fn journal(&self) -> PyResult<Vec<Event>> {
        Ok(self.read()?.journal().to_vec())
    }

    /// An actor.
    fn actor(&self, id: Str<'_>) -> PyResult<Actor> {
        self.read()?.actor(&actor_id(&id)?).cloned().py()
    }

    /// Every actor, by id order.
    fn actors(&self) -> PyResult<Vec<Actor>> {
        Ok(self.read()?.state().actors.values().cloned().collect())
    }

    /// A contract.
    fn contract(&self, id: Str<'_>) -> PyResult<Contract> {
        self.read()?.contract(&contract_id(&id)?).cloned().py()
    }

    /// A given version of a contract.
    fn contract_version(&self, id: Str<'_>, version: u32) -> PyResult<ContractVersion> {
        let network = self.read()?;
        let contract = network.contract(&contract_id(&id)?).py()?;
        contract.version(version).cloned().py()
    }

    /// Every contract, by id order.
    fn contracts(&self) -> PyResult<Vec<Contract>> {
        Ok(self.read()?.state().contracts.values().cloned().collect())
    }

    /// The member's live contract, if any.
    fn live_contract(&self, member: Str<'_>) -> PyResult<Option<Contract>> {
        Ok(self.read()?.live_contract(&actor_id(&member)?).cloned())
    }

    /// Whether the actor is a member (founder or active contract).
    fn is_member(&self, actor: Str<'_>) -> PyResult<bool> {
        Ok(self.read()?.is_member(&actor_id(&actor)?))
    }

    /// A mission.
    fn mission(&self, id: Str<'_>) -> PyResult<Mission> {
        self.read()?.mission(&mission_id(&id)?).cloned().py()
    }

    /// Every mission, or those of one provider.
    #[pyo3(signature = (provider = None))]
    fn missions(&self, provider: Option<Str<'_>>) -> PyResult<Vec<Mission>> {
        let network = self.read()?;
        let provider = provider.map(|p| actor_id(&p)).transpose()?;
        Ok(network
            .state()
            .missions
            .values()
            .filter(|m| provider.as_ref().is_none_or(|p| &m.provider == p))
            .cloned()
            .collect())
    }

    /// The self-assessed declaration of a mission, if any.
    fn declaration(&self, mission: Str<'_>) -> PyResult<Option<Declaration>> {
        Ok(self.read()?.state().declarations.get(&mission_id(&mission)?).cloned())
    }

    /// The negotiation of a mission's contribution, if one was opened.
    fn negotiation(&self, mission: Str<'_>) -> PyResult<Option<Negotiation>> {
        Ok(self.read()?.state().negotiations.get(&mission_id(&mission)?).cloned())
    }

    /// Payments received, in journal order.
    fn payments(&self) -> PyResult<Vec<Payment>> {
        Ok(self.read()?.state().payments.to_vec())
    }

    /// Donations received, in journal order.
    fn donations(&self) -> PyResult<Vec<Donation>> {
        Ok(self.read()?.state().donations.to_vec())
    }

    /// In-kind deliveries, in journal order.
    fn deliveries(&self) -> PyResult<Vec<Delivery>> {
        Ok(self.read()?.state().deliveries.to_vec())
    }

    /// The facts a policy evaluates for a won mission (with its declaration,
    /// negotiation and donations).
    fn mission_facts(&self, mission: Str<'_>) -> PyResult<MissionFacts> {
        MissionFacts::from_network(&*self.read()?, &mission_id(&mission)?).py()
    }

    /// The facts of every won (won, started or completed) mission, by id.
    fn won_mission_facts(&self) -> PyResult<Vec<MissionFacts>> {
        let network = self.read()?;
        let won = network.state().missions.values().filter(|m| m.status.is_won());
        won.map(|m| MissionFacts::from_network(&network, &m.id)).collect::<coopetition::Result<_>>().py()
    }

    /// The charter version in force.
    fn charter(&self) -> PyResult<Option<CharterText>> {
        Ok(self.read()?.charter().cloned())
    }

    /// Every charter version, oldest first.
    fn charter_versions(&self) -> PyResult<Vec<CharterText>> {
        Ok(self.read()?.state().charter.to_vec())
    }

    /// A provider's charter signatures, oldest first.
    fn charter_signatures(&self, provider: Str<'_>) -> PyResult<Vec<CharterSignature>> {
        let (network, provider) = (self.read()?, actor_id(&provider)?);
        let signatures = network.state().signatures.get(&provider).into_iter().flatten();
        Ok(signatures.cloned().collect())
    }

    /// `signed`, `outdated` or `unsigned`.
    fn charter_status(&self, provider: Str<'_>) -> PyResult<&'static str> {
        Ok(match self.read()?.charter_status(&actor_id(&provider)?) {
            CharterStatus::Signed => "signed",
            CharterStatus::Outdated => "outdated",
            CharterStatus::Unsigned => "unsigned",
        })
    }

    /// Number of events in the journal held in memory: those after the
    /// snapshot the network was rebuilt from, if any (`last_seq` counts them all).
    fn __len__(&self) -> PyResult<usize> {
        Ok(self.read()?.journal().len())
    }

    // ---- charter follow-up ---------------------------------------------------------

    /// A steward sets the follow-up rules (deadlines, thresholds) from a date, as JSON.
    fn configure_follow_up(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        from_date: chrono::NaiveDate,
        rules: Str<'_>,
    ) -> PyResult<Event> {
        let rules = coopetition::compliance::parse_rules(&rules).py()?;
        self.run(&by, on, Action::ConfigureFollowUp { from: from_date, rules })
    }

    /// The provider records that a resource developed in a mission was shared (art. 3).
    fn share_resource(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        resource: UserText,
        licence: UserText,
        location: UserText,
    ) -> PyResult<Event> {
        self.run(
            &by,
            on,
            Action::ShareResource {
                mission: mission_id(&mission)?,
                resource: resource.into(),
                licence: licence.into(),
                location: location.into(),
            },
        )
    }

    /// A member records prior work with a local actor (art. 4).
    fn record_prior_work(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        member: Str<'_>,
        #[gen_stub(override_type(type_repr = "builtins.str | builtins.tuple[builtins.str, builtins.str]", imports = ("builtins")))]
        local_actor: &Bound<'_, PyAny>,
        since: chrono::NaiveDate,
    ) -> PyResult<Event> {
        self.run(
            &by,
            on,
            Action::RecordPriorWork { member: actor_id(&member)?, local_actor: client(local_actor)?, since },
        )
    }

    /// The provider records that it informed a member who worked with the client before (art. 4).
    fn record_member_informed(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        mission: Str<'_>,
        member: Str<'_>,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::RecordMemberInformed { mission: mission_id(&mission)?, member: actor_id(&member)? })
    }

    /// A steward records attendance at the yearly meeting on the quality of support (art. 5).
    #[pyo3(signature = (by, on, member, year, meeting = UserText(String::new())))]
    fn record_attendance(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        member: Str<'_>,
        year: i32,
        meeting: UserText,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::RecordAttendance { member: actor_id(&member)?, year, meeting: meeting.into() })
    }

    /// A steward notifies a member of the grounds of a possible exclusion: the hearing opens.
    fn notify_hearing(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        member: Str<'_>,
        grounds: UserText,
    ) -> PyResult<Event> {
        self.run(&by, on, Action::NotifyHearing { member: actor_id(&member)?, grounds: grounds.into() })
    }

    /// The member answers the notice.
    fn answer_hearing(&self, by: Str<'_>, on: chrono::NaiveDate, member: Str<'_>, answer: UserText) -> PyResult<Event> {
        self.run(&by, on, Action::AnswerHearing { member: actor_id(&member)?, answer: answer.into() })
    }

    /// A steward records a standing decision (reminder, warning, suspended, excluded, good_standing).
    #[pyo3(signature = (by, on, member, standing, reason, venue, *, taken_on = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn decide_standing(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        member: Str<'_>,
        standing: Str<'_>,
        reason: UserText,
        venue: Str<'_>,
        taken_on: Option<chrono::NaiveDate>,
        reference: Option<UserText>,
    ) -> PyResult<Event> {
        let decision = crate::followup::queries::decision(
            reason.into(),
            taken_on.unwrap_or(on),
            &venue,
            reference.map(String::from),
        )?;
        self.run(&by, on, Action::DecideStanding { member: actor_id(&member)?, standing: label(&standing)?, decision })
    }

    /// A steward records a decision on an actor's involvement level.
    #[pyo3(signature = (by, on, actor, level, reason, venue, *, taken_on = None, reference = None))]
    #[allow(clippy::too_many_arguments)]
    fn decide_level(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        actor: Str<'_>,
        level: Str<'_>,
        reason: UserText,
        venue: Str<'_>,
        taken_on: Option<chrono::NaiveDate>,
        reference: Option<UserText>,
    ) -> PyResult<Event> {
        let decision = crate::followup::queries::decision(
            reason.into(),
            taken_on.unwrap_or(on),
            &venue,
            reference.map(String::from),
        )?;
        self.run(&by, on, Action::DecideLevel { actor: actor_id(&actor)?, level: label(&level)?, decision })
    }

    /// The compliance report of the whole network at a date.
    fn compliance_report(&self, as_of: chrono::NaiveDate) -> PyResult<ComplianceReport> {
        Ok(crate::followup::queries::report(&*self.read()?, as_of))
    }

    /// One member's compliance at a date (None if the charter never bound it).
    fn member_compliance(&self, member: Str<'_>, as_of: chrono::NaiveDate) -> PyResult<Option<MemberCompliance>> {
        crate::followup::queries::member(&*self.read()?, &member, as_of)
    }

    /// A member's standing (`good_standing`, `reminder`, `warning`, `suspended`, `excluded`).
    fn standing(&self, member: Str<'_>) -> PyResult<&'static str> {
        crate::followup::queries::standing(&*self.read()?, &member)
    }

    /// What the thresholds propose for a member's standing; never applied by itself.
    fn standing_proposal(&self, member: Str<'_>, as_of: chrono::NaiveDate) -> PyResult<StandingProposal> {
        crate::followup::queries::proposal(&*self.read()?, &member, as_of)
    }

    /// The standing proposals of every member bound by the charter.
    fn standing_proposals(&self, as_of: chrono::NaiveDate) -> PyResult<Vec<StandingProposal>> {
        Ok(self.read()?.standing_proposals(as_of))
    }

    /// The level suggestions of every actor.
    fn level_suggestions(&self, as_of: chrono::NaiveDate) -> PyResult<Vec<LevelSuggestion>> {
        Ok(self.read()?.level_suggestions(as_of))
    }

    /// The follow-up rules in force on a date, as the JSON `configure_follow_up` takes.
    fn follow_up_rules(&self, on: chrono::NaiveDate) -> PyResult<String> {
        // Serialising these plain types cannot fail: no map has non-string keys.
        Ok(serde_json::to_string(self.read()?.follow_up_rules(on)).unwrap_or_default())
    }

    /// The involvement level the member's activity suggests; never applied by itself.
    fn level_suggestion(&self, actor: Str<'_>, as_of: chrono::NaiveDate) -> PyResult<LevelSuggestion> {
        crate::followup::queries::suggestion(&*self.read()?, &actor, as_of)
    }

    /// The public directory: consenting members only.
    fn public_directory(&self) -> PyResult<Vec<DirectoryEntry>> {
        Ok(crate::followup::queries::directory(&*self.read()?))
    }

    /// The public directory as Markdown in `lang`.
    #[pyo3(signature = (lang = "fr"))]
    fn directory_markdown(
        &self,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        lang: &str,
    ) -> PyResult<String> {
        crate::followup::queries::directory_markdown(&*self.read()?, lang)
    }

    /// A contract (a version, or the current one) as a Markdown document in `lang`.
    #[pyo3(signature = (contract, version = None, lang = "fr"))]
    fn contract_document(
        &self,
        contract: Str<'_>,
        version: Option<u32>,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        lang: &str,
    ) -> PyResult<String> {
        crate::followup::queries::contract_document(&*self.read()?, &contract, version, lang)
    }

    /// The charter (a version, or the one in force) as a Markdown document in `lang`.
    #[pyo3(signature = (version = None, lang = "fr"))]
    fn charter_document(
        &self,
        version: Option<u32>,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        lang: &str,
    ) -> PyResult<String> {
        crate::followup::queries::charter_document(&*self.read()?, version, lang)
    }

    /// The charter a provider signed last, as Markdown in `lang`, followed by its signature.
    #[pyo3(signature = (provider, lang = "fr"))]
    fn signed_charter_document(
        &self,
        provider: Str<'_>,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        lang: &str,
    ) -> PyResult<String> {
        let language = crate::convert::lang(lang)?;
        self.read()?.signed_charter_markdown(&actor_id(&provider)?, language).py()
    }

    /// Whether two networks have the same state.
    fn same_state(&self, other: PyRef<'_, PyNetwork>) -> PyResult<bool> {
        let (a, b) = (self.read()?, other.read()?);
        Ok(Arc::ptr_eq(&a, &b) || a.state() == b.state())
    }

    fn __repr__(&self) -> PyResult<String> {
        let n = self.read()?;
        Ok(format!(
            "Network(name={}, actors={}, contracts={}, missions={}, events={})",
            n.settings().map_or("None".into(), |s| format!("'{}'", s.name)),
            n.state().actors.len(),
            n.state().contracts.len(),
            n.state().missions.len(),
            n.state().last_seq
        ))
    }
}
