//! The core's records as Kotlin sees them.
//!
//! Most are the core's own, derived there under its `uniffi` feature (Kotlin
//! package `org.coopetition.core`) and re-exported below; the records Kotlin
//! builds among them hold ids, dates and amounts that the core's conversions
//! check, failing with [`crate::CoopetitionError`], so Kotlin gets a typed
//! exception. An amount of money crosses as a `BigDecimal`. The records still
//! declared here differ from the core's in shape: [`Negotiation`]'s agreed amount and day are a tuple in the
//! core, two fields here; [`KindCatalogue`] gathers a kind's catalogue from
//! several core tables.
//!
//! Conversions are plain field copies: no rule lives here.

use crate::enums::{ActorKind, NegotiationStatus};
use chrono::NaiveDate;
use coopetition::ids::MissionId;
use coopetition::{catalogue, negotiation};
use rust_decimal::Decimal;

pub use coopetition::actor::Actor;
pub use coopetition::catalogue::{ContributionOption, Engagement, Item as CatalogueItem};
pub use coopetition::charter::{CharterArticle, CharterSignature, CharterText};
pub use coopetition::contract::{Choice, Contract, ContractTerms, ContractVersion, DiscussionNote, PendingTerms};
pub use coopetition::directory::DirectoryEntry;
pub use coopetition::mission::{Client, Mission, MissionRecord, MissionStep, MissionUpdate, Resource};
pub use coopetition::negotiation::{Declaration, Delivery, Donation, Offer, Payment};
pub use coopetition::network::NetworkSettings;
pub use coopetition::text::Text;

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
