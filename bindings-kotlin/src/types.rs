//! The core's records as Kotlin sees them.
//!
//! Most are the core's own, derived there under its `uniffi` feature (Kotlin
//! package `org.coopetition.core`) and re-exported below. The records still
//! declared here differ from the core's for a reason:
//!
//! - Kotlin builds them (they are arguments) and their core form holds
//!   `Money` where Kotlin hands a plain `Decimal`, or a shape Kotlin cannot
//!   build: [`CharterText`], [`Client`], [`MissionUpdate`], [`MissionStep`],
//!   [`Payment`], [`Donation`], [`Delivery`]. An amount is a `Decimal` that
//!   the network refuses with the core's code if it is not money given as
//!   input. Ids and dates go through the core's conversions, which fail with
//!   [`crate::CoopetitionError`], so Kotlin gets a typed exception.
//! - Their shape differs: [`Mission`] holds a [`Client`]; [`Negotiation`]'s
//!   agreed amount and day are a tuple in the core, two fields here;
//!   [`KindCatalogue`] gathers a kind's catalogue from several core tables.
//!
//! Conversions are plain field copies: no rule lives here.

use crate::enums::{ActorKind, DeliveryUnit, LeadOrigin, MissionStatus, NegotiationStatus};
use chrono::NaiveDate;
use coopetition::ids::{ActorId, MissionId};
use coopetition::money::Money;
use coopetition::{catalogue, charter, mission, negotiation};
use rust_decimal::Decimal;

pub use coopetition::actor::Actor;
pub use coopetition::catalogue::{ContributionOption, Engagement, Item as CatalogueItem};
pub use coopetition::charter::{CharterArticle, CharterSignature};
pub use coopetition::contract::{Choice, Contract, ContractTerms, ContractVersion, DiscussionNote, PendingTerms};
pub use coopetition::directory::DirectoryEntry;
pub use coopetition::mission::{MissionRecord, Resource};
pub use coopetition::negotiation::{Declaration, Offer};
pub use coopetition::network::NetworkSettings;
pub use coopetition::text::Text;

/// Unchecked here: the network refuses a command whose amount is not money
/// given as input (whole cents, within range), with the core's code.
fn eur(amount: Decimal) -> Money {
    Money::eur(amount)
}

// ---- text, actors, settings ---------------------------------------------------------

// ---- contracts ----------------------------------------------------------------------

// ---- charter ------------------------------------------------------------------------

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
            title: t.title,
            engagements: t.engagements,
            mandate: t.mandate,
            consent: t.consent,
            exclusion: t.exclusion,
        }
    }
}

impl From<CharterText> for charter::CharterText {
    fn from(t: CharterText) -> charter::CharterText {
        charter::CharterText {
            version: t.version,
            published_on: t.published_on,
            title: t.title,
            engagements: t.engagements,
            mandate: t.mandate,
            consent: t.consent,
            exclusion: t.exclusion,
        }
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
            shared_resources_used: u.shared_resources_used,
            resources_developed: u.resources_developed,
            client_informed: u.client_informed,
        }
    }
}

impl From<MissionUpdate> for mission::MissionUpdate {
    fn from(u: MissionUpdate) -> mission::MissionUpdate {
        mission::MissionUpdate {
            partners: u.partners,
            shared_resources_used: u.shared_resources_used,
            resources_developed: u.resources_developed,
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
            shared_resources_used: m.shared_resources_used,
            resources_developed: m.resources_developed,
            client_informed: m.client_informed,
            history: m.history,
        }
    }
}

// ---- contributions ------------------------------------------------------------------

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
            offers: n.offers,
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
            intro: c.intro,
            needs: c.needs,
            network_engagements: c.network_engagements,
            member_engagements: c.member_engagements,
            contributions: c.contributions,
        }
    }
}

// ---- public directory ---------------------------------------------------------------
