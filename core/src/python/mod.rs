//! The core's records as Python classes, under the `python` feature.
//!
//! The Python binding turns this feature on; with it off (the default) the core
//! has no pyo3 at all. The records themselves carry feature-gated derives where
//! they are declared (`#[pyclass]` with `get_all`, and the stub generator's
//! `gen_stub_pyclass`), so a field added to a record reaches Python, and its
//! documentation the generated type stubs, with nothing to copy. How values
//! cross (money as `decimal.Decimal`, ids and labels as `str`, text without
//! lone surrogates, errors as the classes of `coopetition.errors`) is
//! `python_values`, below every record; this module, above them, lists the
//! records for the binding's module with the one `repr` they share, reads lists
//! with their `str` shorthands, and gives the Python face of the core's
//! constructors and methods (`methods`, `policy`, `event`, `ledger`): each calls
//! the core's own, adding only defaults and copies of borrowed results.
//! Attributes inside a record or an `impl` cannot be gated by `cfg_attr` (the
//! pyo3 macros read them before the compiler configures them), and pyo3's
//! methods must be declared in the crate of their type: so these live here
//! rather than on the core's methods.

mod event;
mod ledger;
mod lists;
mod methods;
mod policy;
pub(crate) mod record;

pub use crate::python_values::{
    computed_money, error_classes, money, opt_money, opt_user_text, rate, str_arg, text, to_py, user_text, user_texts,
    ErrorClass, IntoPy, MoneyArg, Str, UserText,
};
pub use lists::{choices, resources};
pub use record::record_repr;

record::python_records!(
    crate::actor::Actor,
    crate::catalogue::CatalogueEntry,
    crate::charter::CharterSignature,
    crate::charter::CharterText,
    crate::contract::Choice,
    crate::contract::Contract,
    crate::contract::ContractTerms,
    crate::contract::ContractVersion,
    crate::contract::DiscussionNote,
    crate::contract::PendingTerms,
    crate::lead::Lead,
    crate::lead::LeadAnswer,
    crate::lead::LeadClosing,
    crate::lead::LeadOffer,
    crate::lead::LeadOutcome,
    crate::recorded::Recorded,
    crate::partner_call::PartnerCall,
    crate::partner_call::CallAnswer,
    crate::partner_call::CallPartner,
    crate::referrals::ProviderReferrals,
    crate::referrals::ReferralReport,
    crate::benefits::BenefitsStatement,
    crate::benefits::EventAttended,
    crate::benefits::FoundThroughCall,
    crate::benefits::LeadOffered,
    crate::benefits::LeadWon,
    crate::benefits::ResourceUsed,
    crate::mission::Client,
    crate::network_event::NetworkEvent,
    crate::origin::OriginRecord,
    crate::mission::Mission,
    crate::mission::MissionRecord,
    crate::mission::Resource,
    crate::compliance::ComplianceReport,
    crate::compliance::EngagementCheck,
    crate::compliance::MemberCompliance,
    crate::compliance::StatusCounts,
    crate::directory::DirectoryEntry,
    crate::fiscal_year::FiscalYear,
    crate::ledger::InKindTotal,
    crate::ledger::MemberLedger,
    crate::ledger::MissionLine,
    crate::ledger::NetworkLedger,
    crate::ledger::ValuedDelivery,
    crate::negotiation::Agreement,
    crate::policy::BehaviourModel,
    crate::negotiation::Declaration,
    crate::negotiation::Delivery,
    crate::negotiation::Donation,
    crate::negotiation::Negotiation,
    crate::negotiation::Offer,
    crate::negotiation::NegotiationState,
    crate::negotiation::Payment,
    crate::network::Event,
    crate::policy::Assessment,
    crate::policy::MissionFacts,
    crate::policy::Step,
    crate::standing::LevelSuggestion,
    crate::standing::StandingProposal,
    crate::text::Text,
);
