//! The core's labelled enumerations, as Kotlin sees them.
//!
//! They are declared once, in the core (`labelled_enum!`), which derives
//! uniffi's traits and exports `label()` under its `uniffi` feature: Kotlin
//! gets them in the package `org.coopetition.core`. What stays here is the
//! way back from a stored label: an app may hold an older or newer label in
//! its storage, and the `…FromLabel` functions turn a label into a value,
//! refusing an unknown one with `input.label.unknown` (exported functions,
//! which the core's `uniffi` feature does not hold: only derives and
//! generated items live there).

pub use coopetition::actor::{ActorKind, InvolvementLevel};
pub use coopetition::benefits::LeadResult;
pub use coopetition::catalogue::ContributionForm;
pub use coopetition::charter::CharterStatus;
pub use coopetition::compliance::{ComplianceStatus, Rule as ComplianceRule};
pub use coopetition::contract::{ContractStatus, MembershipStructure};
pub use coopetition::lead::{ChosenBy, LeadStatus, LeadVisibility, OfferMode};
pub use coopetition::mission::{LeadOrigin, MissionStatus};
pub use coopetition::negotiation::{DeliveryUnit, NegotiationStatus, Party};
pub use coopetition::origin::LeadOriginBasis;
pub use coopetition::partner_call::CallNeed;
pub use coopetition::policy::{AssessmentStatus, Provenance};
pub use coopetition::standing::{DecisionVenue, Standing};
pub use coopetition::text::Lang;

/// Exports, for each enumeration, the function reading one of its labels.
macro_rules! from_label {
    ($($enum:ident => $from_label:ident),+ $(,)?) => {$(
        /// The value of this enumeration with this stable label.
        ///
        /// # Errors
        /// `input.label.unknown`, listing the accepted labels.
        #[uniffi::export]
        pub fn $from_label(label: String) -> $crate::error::Result<$enum> {
            Ok(<$enum as coopetition::labels::Labelled>::from_label(&label)?)
        }
    )+};
}

from_label! {
    ActorKind => actor_kind_from_label,
    InvolvementLevel => involvement_level_from_label,
    MembershipStructure => membership_structure_from_label,
    ContractStatus => contract_status_from_label,
    LeadOrigin => lead_origin_from_label,
    MissionStatus => mission_status_from_label,
    Lang => lang_from_label,
    Provenance => provenance_from_label,
    AssessmentStatus => assessment_status_from_label,
    NegotiationStatus => negotiation_status_from_label,
    Party => party_from_label,
    DeliveryUnit => delivery_unit_from_label,
    ContributionForm => contribution_form_from_label,
    Standing => standing_from_label,
    DecisionVenue => decision_venue_from_label,
    ComplianceStatus => compliance_status_from_label,
    ComplianceRule => compliance_rule_from_label,
    LeadVisibility => lead_visibility_from_label,
    OfferMode => offer_mode_from_label,
    ChosenBy => chosen_by_from_label,
    LeadStatus => lead_status_from_label,
    CallNeed => call_need_from_label,
    LeadOriginBasis => lead_origin_basis_from_label,
    LeadResult => lead_result_from_label,
}

#[cfg(test)]
mod tests {
    use super::*;
    use coopetition::labels::Labelled;

    #[test]
    fn labels_round_trip_and_unknown_labels_are_typed() {
        for kind in ActorKind::ALL {
            assert_eq!(actor_kind_from_label(kind.uniffi_label()).unwrap(), *kind);
        }
        let err = lead_origin_from_label("carrier_pigeon".into()).unwrap_err();
        assert_eq!(err.code(), "input.label.unknown");
        assert!(err.reason().contains("network_event"));
    }
}
