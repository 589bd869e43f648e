//! The core's records as Kotlin sees them.
//!
//! Every one is the core's own, derived there under its `uniffi` feature
//! (Kotlin package `org.coopetition.core`) and re-exported below; the records
//! Kotlin builds hold ids, dates and amounts that the core's conversions
//! check, failing with [`crate::CoopetitionError`], so Kotlin gets a typed
//! exception. An amount of money crosses as a `BigDecimal`.

pub use coopetition::actor::Actor;
pub use coopetition::catalogue::{ContributionOption, Engagement, Item as CatalogueItem, KindCatalogue};
pub use coopetition::charter::{CharterArticle, CharterSignature, CharterText};
pub use coopetition::contract::{Choice, Contract, ContractTerms, ContractVersion, DiscussionNote, PendingTerms};
pub use coopetition::directory::DirectoryEntry;
pub use coopetition::lead::{Lead, LeadAnswer, LeadClosing, LeadOffer, LeadOutcome};
pub use coopetition::mission::{Client, Mission, MissionRecord, MissionStep, MissionUpdate, Resource};
pub use coopetition::negotiation::{Agreement, Declaration, Delivery, Donation, Negotiation, Offer, Payment};
pub use coopetition::network::NetworkSettings;
pub use coopetition::partner_call::{CallAnswer, CallPartner, PartnerCall};
pub use coopetition::referrals::{ProviderReferrals, ReferralReport};
pub use coopetition::text::Text;
