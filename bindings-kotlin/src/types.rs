//! Records mirroring the core's types, converted at the edge.
//!
//! Amounts are `Decimal` (Kotlin `BigDecimal`, euros), dates `NaiveDate`
//! (Kotlin `LocalDate`), ids checked strings. Conversions are plain field
//! copies: no rule lives here.

use crate::enums::{
    ActorKind, ContractStatus, ContributionForm, DeliveryUnit, InvolvementLevel, LeadOrigin, MembershipStructure,
    MissionStatus, NegotiationStatus, Party,
};
use chrono::NaiveDate;
use coopetition::ids::{ActorId, ContractId, MissionId};
use coopetition::money::Money;
use coopetition::{actor, catalogue, charter, contract, mission, negotiation, network, text};
use rust_decimal::Decimal;

/// Unchecked here: the network refuses a command whose amount is not money
/// given as input (whole cents, within range), with the core's code.
fn eur(amount: Decimal) -> Money {
    Money::eur(amount)
}

fn map<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(B::from).collect()
}

// ---- text, actors, settings ---------------------------------------------------------

/// A text in French and in English.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Text {
    /// The French text.
    pub fr: String,
    /// The English text.
    pub en: String,
}

impl From<text::Text> for Text {
    fn from(t: text::Text) -> Text {
        Text { fr: t.fr, en: t.en }
    }
}

impl From<Text> for text::Text {
    fn from(t: Text) -> text::Text {
        text::Text { fr: t.fr, en: t.en }
    }
}

/// An actor known to the network: a member, an applicant or a founder.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Actor {
    /// Stable identifier (1 to 64 characters from `[A-Za-z0-9._:-]`).
    pub id: ActorId,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Name shown to people.
    pub display_name: String,
    /// Involvement level; an actor registering itself is a supporter.
    pub level: InvolvementLevel,
    /// Whether the actor consents to being listed publicly.
    pub public_listing: bool,
}

impl From<actor::Actor> for Actor {
    fn from(a: actor::Actor) -> Actor {
        Actor { id: a.id, kind: a.kind, display_name: a.display_name, level: a.level, public_listing: a.public_listing }
    }
}

impl From<Actor> for actor::Actor {
    fn from(a: Actor) -> actor::Actor {
        actor::Actor {
            id: a.id,
            kind: a.kind,
            display_name: a.display_name,
            level: a.level,
            public_listing: a.public_listing,
        }
    }
}

/// Settings chosen when the network is founded.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NetworkSettings {
    /// The network's name.
    pub name: String,
    /// How the charter relates to membership.
    pub membership_structure: MembershipStructure,
}

impl From<network::NetworkSettings> for NetworkSettings {
    fn from(s: network::NetworkSettings) -> NetworkSettings {
        NetworkSettings { name: s.name, membership_structure: s.membership_structure }
    }
}

impl From<NetworkSettings> for network::NetworkSettings {
    fn from(s: NetworkSettings) -> network::NetworkSettings {
        network::NetworkSettings { name: s.name, membership_structure: s.membership_structure }
    }
}

// ---- contracts ----------------------------------------------------------------------

/// A catalogue item chosen by the member, with free text where the item asks for it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Choice {
    /// Id of the catalogue item.
    pub item: String,
    /// Free-text detail: required for "other" and "own proposal", optional otherwise.
    #[uniffi(default = None)]
    pub detail: Option<String>,
}

impl From<contract::Choice> for Choice {
    fn from(c: contract::Choice) -> Choice {
        Choice { item: c.item, detail: c.detail }
    }
}

impl From<Choice> for contract::Choice {
    fn from(c: Choice) -> contract::Choice {
        contract::Choice { item: c.item, detail: c.detail }
    }
}

/// What a member proposes: sections 2 to 5 of the membership contract.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContractTerms {
    /// Needs chosen from the kind's catalogue.
    pub needs: Vec<Choice>,
    /// Optional member engagements chosen beyond the required ones.
    pub extra_engagements: Vec<String>,
    /// Contribution options chosen (at least one).
    pub contributions: Vec<Choice>,
    /// Place of signature ("Lille").
    pub place: String,
    /// Name of the person who signs for the member.
    pub signatory: String,
}

impl From<contract::ContractTerms> for ContractTerms {
    fn from(t: contract::ContractTerms) -> ContractTerms {
        ContractTerms {
            needs: map(t.needs),
            extra_engagements: t.extra_engagements,
            contributions: map(t.contributions),
            place: t.place,
            signatory: t.signatory,
        }
    }
}

impl From<ContractTerms> for contract::ContractTerms {
    fn from(t: ContractTerms) -> contract::ContractTerms {
        contract::ContractTerms {
            needs: map(t.needs),
            extra_engagements: t.extra_engagements,
            contributions: map(t.contributions),
            place: t.place,
            signatory: t.signatory,
        }
    }
}

/// A validated version of a contract.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContractVersion {
    /// Version number, from 1.
    pub version: u32,
    /// The terms of this version.
    pub terms: ContractTerms,
    /// When the member proposed these terms (the date of signature).
    pub proposed_on: NaiveDate,
    /// When a steward validated them.
    pub validated_on: NaiveDate,
    /// The steward who validated them.
    pub validated_by: ActorId,
    /// Under the all-in-one structure, the charter version this contract includes.
    pub includes_charter: Option<u32>,
}

impl From<contract::ContractVersion> for ContractVersion {
    fn from(v: contract::ContractVersion) -> ContractVersion {
        ContractVersion {
            version: v.version,
            terms: v.terms.into(),
            proposed_on: v.proposed_on,
            validated_on: v.validated_on,
            validated_by: v.validated_by,
            includes_charter: v.includes_charter,
        }
    }
}

/// Terms proposed and not yet validated (a first proposal or an amendment).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PendingTerms {
    /// The proposed terms.
    pub terms: ContractTerms,
    /// When they were proposed.
    pub proposed_on: NaiveDate,
}

impl From<contract::PendingTerms> for PendingTerms {
    fn from(p: contract::PendingTerms) -> PendingTerms {
        PendingTerms { terms: p.terms.into(), proposed_on: p.proposed_on }
    }
}

/// A note left during the discussion of a proposal.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DiscussionNote {
    /// Who wrote it.
    pub by: ActorId,
    /// When.
    pub on: NaiveDate,
    /// What was said.
    pub note: String,
}

impl From<contract::DiscussionNote> for DiscussionNote {
    fn from(n: contract::DiscussionNote) -> DiscussionNote {
        DiscussionNote { by: n.by, on: n.on, note: n.note }
    }
}

/// A membership contract and all its versions.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Contract {
    /// Stable id.
    pub id: ContractId,
    /// The member (or applicant).
    pub member: ActorId,
    /// The member's kind, which selects the catalogue.
    pub kind: ActorKind,
    /// Current status.
    pub status: ContractStatus,
    /// When the application was made.
    pub applied_on: NaiveDate,
    /// Terms awaiting validation, if any.
    pub pending: Option<PendingTerms>,
    /// Validated versions, oldest first.
    pub versions: Vec<ContractVersion>,
    /// Notes of the discussions.
    pub discussion: Vec<DiscussionNote>,
    /// When the contract ended, if it did.
    pub ended_on: Option<NaiveDate>,
    /// Why it ended or was declined, if it did.
    pub end_reason: Option<String>,
}

impl From<contract::Contract> for Contract {
    fn from(c: contract::Contract) -> Contract {
        Contract {
            id: c.id,
            member: c.member,
            kind: c.kind,
            status: c.status,
            applied_on: c.applied_on,
            pending: c.pending.map(PendingTerms::from),
            versions: map(c.versions),
            discussion: map(c.discussion),
            ended_on: c.ended_on,
            end_reason: c.end_reason,
        }
    }
}

// ---- charter ------------------------------------------------------------------------

/// One of the five engagements of the charter.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CharterArticle {
    /// Article number, 1 to 5.
    pub article: u8,
    /// Stable id (`inform`, `equip_clients`, `open_resources`, `prior_work`, `quality_meeting`).
    pub id: String,
    /// French wording.
    pub fr: String,
    /// English wording.
    pub en: String,
}

impl From<charter::CharterArticle> for CharterArticle {
    fn from(a: charter::CharterArticle) -> CharterArticle {
        CharterArticle { article: a.article, id: a.id, fr: a.fr, en: a.en }
    }
}

impl From<CharterArticle> for charter::CharterArticle {
    fn from(a: CharterArticle) -> charter::CharterArticle {
        charter::CharterArticle { article: a.article, id: a.id, fr: a.fr, en: a.en }
    }
}

/// One version of the cooperation charter's text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CharterText {
    /// Version number, from 1, consecutive.
    pub version: u32,
    /// Date from which this version is in force.
    pub published_on: NaiveDate,
    /// Title.
    pub title: Text,
    /// The five engagements.
    pub engagements: Vec<CharterArticle>,
    /// The signatory mandates the network to follow the engagements up.
    pub mandate: Text,
    /// The signatory consents to membership being made public.
    pub consent: Text,
    /// A breach may lead to exclusion.
    pub exclusion: Text,
}

impl From<charter::CharterText> for CharterText {
    fn from(t: charter::CharterText) -> CharterText {
        CharterText {
            version: t.version,
            published_on: t.published_on,
            title: t.title.into(),
            engagements: map(t.engagements),
            mandate: t.mandate.into(),
            consent: t.consent.into(),
            exclusion: t.exclusion.into(),
        }
    }
}

impl From<CharterText> for charter::CharterText {
    fn from(t: CharterText) -> charter::CharterText {
        charter::CharterText {
            version: t.version,
            published_on: t.published_on,
            title: t.title.into(),
            engagements: map(t.engagements),
            mandate: t.mandate.into(),
            consent: t.consent.into(),
            exclusion: t.exclusion.into(),
        }
    }
}

/// A provider's signature of the charter.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CharterSignature {
    /// The signatory provider.
    pub provider: ActorId,
    /// The charter version signed.
    pub version: u32,
    /// The date of signature.
    pub signed_on: NaiveDate,
}

impl From<charter::CharterSignature> for CharterSignature {
    fn from(s: charter::CharterSignature) -> CharterSignature {
        CharterSignature { provider: s.provider, version: s.version, signed_on: s.signed_on }
    }
}

// ---- missions -----------------------------------------------------------------------

/// Who a mission is for.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Client {
    /// A member of the network.
    Member {
        /// The member.
        id: ActorId,
    },
    /// An actor outside the network.
    Outside {
        /// Its name.
        name: String,
        /// Its kind.
        kind: ActorKind,
    },
}

impl From<mission::Client> for Client {
    fn from(c: mission::Client) -> Client {
        match c {
            mission::Client::Member { id } => Client::Member { id },
            mission::Client::Outside { name, kind } => Client::Outside { name, kind },
        }
    }
}

impl From<Client> for mission::Client {
    fn from(c: Client) -> mission::Client {
        match c {
            Client::Member { id } => mission::Client::Member { id },
            Client::Outside { name, kind } => mission::Client::Outside { name, kind },
        }
    }
}

/// A resource used or developed during a mission.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Resource {
    /// What it is ("guide de programmation d'un tiers-lieu").
    pub name: String,
    /// Its open licence, if recorded (e.g. `CC-BY-SA-4.0`).
    #[uniffi(default = None)]
    pub licence: Option<String>,
    /// The network workstream it serves, if any.
    #[uniffi(default = None)]
    pub workstream: Option<String>,
}

impl From<mission::Resource> for Resource {
    fn from(r: mission::Resource) -> Resource {
        Resource { name: r.name, licence: r.licence, workstream: r.workstream }
    }
}

impl From<Resource> for mission::Resource {
    fn from(r: Resource) -> mission::Resource {
        mission::Resource { name: r.name, licence: r.licence, workstream: r.workstream }
    }
}

/// Facts learnt along a mission, added by any report.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct MissionUpdate {
    /// Network members mobilised as partners.
    #[uniffi(default)]
    pub partners: Vec<ActorId>,
    /// Shared (network) resources used.
    #[uniffi(default)]
    pub shared_resources_used: Vec<Resource>,
    /// Resources developed or improved during the mission.
    #[uniffi(default)]
    pub resources_developed: Vec<Resource>,
    /// Whether the client was told how to take part in the network (charter art. 2).
    #[uniffi(default = false)]
    pub client_informed: bool,
}

impl From<mission::MissionUpdate> for MissionUpdate {
    fn from(u: mission::MissionUpdate) -> MissionUpdate {
        MissionUpdate {
            partners: u.partners,
            shared_resources_used: map(u.shared_resources_used),
            resources_developed: map(u.resources_developed),
            client_informed: u.client_informed,
        }
    }
}

impl From<MissionUpdate> for mission::MissionUpdate {
    fn from(u: MissionUpdate) -> mission::MissionUpdate {
        mission::MissionUpdate {
            partners: u.partners,
            shared_resources_used: map(u.shared_resources_used),
            resources_developed: map(u.resources_developed),
            client_informed: u.client_informed,
        }
    }
}

/// A step of a mission's lifecycle, as reported by its provider.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum MissionStep {
    /// A client asked: opens the mission.
    Solicited {
        /// The client.
        client: Client,
        /// How the lead came.
        lead_origin: LeadOrigin,
        /// A short title.
        title: String,
    },
    /// A proposal was sent.
    Proposed,
    /// The proposal was chosen, for this revenue (euros, not negative).
    Won {
        /// Amount invoiced for the mission.
        revenue: Decimal,
    },
    /// The work started.
    Started,
    /// A progress report.
    Progress {
        /// What happened.
        note: String,
    },
    /// The work is finished.
    Completed,
    /// Lost before being won.
    Lost {
        /// Why, if known.
        reason: String,
    },
    /// Called off.
    Cancelled {
        /// Why, if known.
        reason: String,
    },
}

impl From<mission::MissionStep> for MissionStep {
    fn from(s: mission::MissionStep) -> MissionStep {
        use mission::MissionStep as S;
        match s {
            S::Solicited { client, lead_origin, title } => {
                MissionStep::Solicited { client: client.into(), lead_origin, title }
            }
            S::Proposed => MissionStep::Proposed,
            S::Won { revenue } => MissionStep::Won { revenue: revenue.amount() },
            S::Started => MissionStep::Started,
            S::Progress { note } => MissionStep::Progress { note },
            S::Completed => MissionStep::Completed,
            S::Lost { reason } => MissionStep::Lost { reason },
            S::Cancelled { reason } => MissionStep::Cancelled { reason },
        }
    }
}

impl From<MissionStep> for mission::MissionStep {
    fn from(s: MissionStep) -> mission::MissionStep {
        use mission::MissionStep as S;
        match s {
            MissionStep::Solicited { client, lead_origin, title } => {
                S::Solicited { client: client.into(), lead_origin, title }
            }
            MissionStep::Proposed => S::Proposed,
            MissionStep::Won { revenue } => S::Won { revenue: eur(revenue) },
            MissionStep::Started => S::Started,
            MissionStep::Progress { note } => S::Progress { note },
            MissionStep::Completed => S::Completed,
            MissionStep::Lost { reason } => S::Lost { reason },
            MissionStep::Cancelled { reason } => S::Cancelled { reason },
        }
    }
}

/// One reported step in a mission's history.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MissionRecord {
    /// The step label (`solicited`, `proposed`, `won`, `started`, `progress`…).
    pub step: String,
    /// When it happened.
    pub occurred_on: NaiveDate,
    /// When the provider reported it.
    pub reported_on: NaiveDate,
    /// Note or reason, if any (empty otherwise).
    pub note: String,
}

impl From<mission::MissionRecord> for MissionRecord {
    fn from(r: mission::MissionRecord) -> MissionRecord {
        MissionRecord { step: r.step, occurred_on: r.occurred_on, reported_on: r.reported_on, note: r.note }
    }
}

/// A mission and everything reported about it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Mission {
    /// Stable id.
    pub id: MissionId,
    /// The provider who reports it.
    pub provider: ActorId,
    /// The client.
    pub client: Client,
    /// How the lead came.
    pub lead_origin: LeadOrigin,
    /// A short title.
    pub title: String,
    /// Current status.
    pub status: MissionStatus,
    /// Revenue in euros, known once won.
    pub revenue: Option<Decimal>,
    /// Network members mobilised as partners.
    pub partners: Vec<ActorId>,
    /// Shared resources used.
    pub shared_resources_used: Vec<Resource>,
    /// Resources developed or improved.
    pub resources_developed: Vec<Resource>,
    /// Whether the client was told how to take part in the network.
    pub client_informed: bool,
    /// Every reported step, oldest first.
    pub history: Vec<MissionRecord>,
}

impl From<mission::Mission> for Mission {
    fn from(m: mission::Mission) -> Mission {
        Mission {
            id: m.id,
            provider: m.provider,
            client: m.client.into(),
            lead_origin: m.lead_origin,
            title: m.title,
            status: m.status,
            revenue: m.revenue.map(|r| r.amount()),
            partners: m.partners,
            shared_resources_used: map(m.shared_resources_used),
            resources_developed: map(m.resources_developed),
            client_informed: m.client_informed,
            history: map(m.history),
        }
    }
}

// ---- contributions ------------------------------------------------------------------

/// A provider's self-assessed contribution for a won mission.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Declaration {
    /// The declared amount in euros, between 0 and the revenue.
    pub amount: Decimal,
    /// When it was declared.
    pub on: NaiveDate,
}

impl From<negotiation::Declaration> for Declaration {
    fn from(d: negotiation::Declaration) -> Declaration {
        Declaration { amount: d.amount.amount(), on: d.on }
    }
}

/// A dated offer in a negotiation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Offer {
    /// Which side offered.
    pub party: Party,
    /// Who made it (the provider, or a steward for the network).
    pub by: ActorId,
    /// The amount offered, in euros.
    pub amount: Decimal,
    /// When.
    pub on: NaiveDate,
}

impl From<negotiation::Offer> for Offer {
    fn from(o: negotiation::Offer) -> Offer {
        Offer { party: o.party, by: o.by, amount: o.amount.amount(), on: o.on }
    }
}

/// The negotiation of one won mission's contribution.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Negotiation {
    /// The mission.
    pub mission: MissionId,
    /// Where it stands.
    pub status: NegotiationStatus,
    /// Every offer, oldest first.
    pub offers: Vec<Offer>,
    /// The agreed amount, once agreed.
    pub agreed_amount: Option<Decimal>,
    /// The date of the agreement, once agreed.
    pub agreed_on: Option<NaiveDate>,
    /// The date of the last stalemate, if any.
    pub stalemate_on: Option<NaiveDate>,
}

impl From<negotiation::Negotiation> for Negotiation {
    fn from(n: negotiation::Negotiation) -> Negotiation {
        Negotiation {
            mission: n.mission,
            status: n.status,
            offers: map(n.offers),
            agreed_amount: n.agreed.map(|(m, _)| m.amount()),
            agreed_on: n.agreed.map(|(_, on)| on),
            stalemate_on: n.stalemate_on,
        }
    }
}

/// A payment of money to the network by a member.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Payment {
    /// The member who paid.
    pub member: ActorId,
    /// The amount in euros (positive).
    pub amount: Decimal,
    /// When it was received.
    pub on: NaiveDate,
    /// A reference (invoice, transfer), free text.
    #[uniffi(default = "")]
    pub reference: String,
}

impl From<negotiation::Payment> for Payment {
    fn from(p: negotiation::Payment) -> Payment {
        Payment { member: p.member, amount: p.amount.amount(), on: p.on, reference: p.reference }
    }
}

impl From<Payment> for negotiation::Payment {
    fn from(p: Payment) -> negotiation::Payment {
        negotiation::Payment { member: p.member, amount: eur(p.amount), on: p.on, reference: p.reference }
    }
}

/// A voluntary donation, never counted as money due.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Donation {
    /// The donor.
    pub member: ActorId,
    /// The amount in euros (positive).
    pub amount: Decimal,
    /// When it was received.
    pub on: NaiveDate,
    /// The mission it thanks the network for, if any.
    #[uniffi(default = None)]
    pub mission: Option<MissionId>,
}

impl From<negotiation::Donation> for Donation {
    fn from(d: negotiation::Donation) -> Donation {
        Donation { member: d.member, amount: d.amount.amount(), on: d.on, mission: d.mission }
    }
}

impl From<Donation> for negotiation::Donation {
    fn from(d: Donation) -> negotiation::Donation {
        negotiation::Donation { member: d.member, amount: eur(d.amount), on: d.on, mission: d.mission }
    }
}

/// A delivery of an in-kind contribution chosen in the member's contract.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Delivery {
    /// The member.
    pub member: ActorId,
    /// The contribution option of the contract (`workstream`, `recurring_event`…).
    pub contribution: String,
    /// What is counted.
    pub unit: DeliveryUnit,
    /// How many (positive; hours may be fractional).
    pub quantity: Decimal,
    /// When it was delivered.
    pub on: NaiveDate,
    /// What was done.
    #[uniffi(default = "")]
    pub note: String,
}

impl From<negotiation::Delivery> for Delivery {
    fn from(d: negotiation::Delivery) -> Delivery {
        Delivery {
            member: d.member,
            contribution: d.contribution,
            unit: d.unit,
            quantity: d.quantity,
            on: d.on,
            note: d.note,
        }
    }
}

impl From<Delivery> for negotiation::Delivery {
    fn from(d: Delivery) -> negotiation::Delivery {
        negotiation::Delivery {
            member: d.member,
            contribution: d.contribution,
            unit: d.unit,
            quantity: d.quantity,
            on: d.on,
            note: d.note,
        }
    }
}

// ---- catalogues ---------------------------------------------------------------------

/// An item of a catalogue: a need.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CatalogueItem {
    /// Stable id, unique within its list.
    pub id: String,
    /// French wording.
    pub fr: String,
    /// English wording.
    pub en: String,
    /// Whether choosing it requires a free-text detail ("other").
    pub free_text: bool,
}

impl From<catalogue::Item> for CatalogueItem {
    fn from(i: catalogue::Item) -> CatalogueItem {
        CatalogueItem { id: i.id, fr: i.fr, en: i.en, free_text: i.free_text }
    }
}

/// An engagement of the network or of the member.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Engagement {
    /// Stable id, unique within its list.
    pub id: String,
    /// French wording.
    pub fr: String,
    /// English wording.
    pub en: String,
    /// Whether every contract of the kind includes it.
    pub required: bool,
}

impl From<catalogue::Engagement> for Engagement {
    fn from(e: catalogue::Engagement) -> Engagement {
        Engagement { id: e.id, fr: e.fr, en: e.en, required: e.required }
    }
}

/// A contribution option.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContributionOption {
    /// Stable id, unique within its list.
    pub id: String,
    /// French wording.
    pub fr: String,
    /// English wording.
    pub en: String,
    /// The form of the contribution.
    pub form: ContributionForm,
    /// Whether choosing it requires a free-text detail ("own proposal").
    pub free_text: bool,
}

impl From<catalogue::ContributionOption> for ContributionOption {
    fn from(o: catalogue::ContributionOption) -> ContributionOption {
        ContributionOption { id: o.id, fr: o.fr, en: o.en, form: o.form, free_text: o.free_text }
    }
}

/// The catalogue of one actor kind: what a membership contract can choose.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KindCatalogue {
    /// The kind.
    pub kind: ActorKind,
    /// The sentence that opens the needs section ("As a …, you wish to").
    pub intro: Text,
    /// What the member may expect.
    pub needs: Vec<CatalogueItem>,
    /// What the network commits to.
    pub network_engagements: Vec<Engagement>,
    /// What the member commits to.
    pub member_engagements: Vec<Engagement>,
    /// How the member may give back.
    pub contributions: Vec<ContributionOption>,
}

impl KindCatalogue {
    pub(crate) fn new(kind: ActorKind, c: catalogue::KindCatalogue) -> KindCatalogue {
        KindCatalogue {
            kind,
            intro: c.intro.into(),
            needs: map(c.needs),
            network_engagements: map(c.network_engagements),
            member_engagements: map(c.member_engagements),
            contributions: map(c.contributions),
        }
    }
}

// ---- public directory ---------------------------------------------------------------

/// One member in the public directory (only members who consented, in good standing).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DirectoryEntry {
    /// The member's id.
    pub id: ActorId,
    /// Its name.
    pub display_name: String,
    /// Its kind.
    pub kind: ActorKind,
    /// Its involvement level.
    pub level: InvolvementLevel,
    /// For a provider, where it stands with the charter; `null` for other kinds.
    pub charter: Option<crate::enums::CharterStatus>,
    /// Member since (the first validation of its contract, or the founding).
    pub member_since: Option<NaiveDate>,
}

impl From<coopetition::directory::DirectoryEntry> for DirectoryEntry {
    fn from(e: coopetition::directory::DirectoryEntry) -> DirectoryEntry {
        DirectoryEntry {
            id: e.id,
            display_name: e.display_name,
            kind: e.kind,
            level: e.level,
            charter: e.charter,
            member_since: e.member_since,
        }
    }
}
