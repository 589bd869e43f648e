//! Enumerations mirroring the core's, with their stable labels.
//!
//! Kotlin cannot send a value outside these enums, but an app may hold an
//! older or newer label in its storage: the `…FromLabel` functions turn a
//! label into a value, refusing an unknown one with `input.label.unknown`.

use coopetition::actor::{ActorKind as CoreActorKind, InvolvementLevel as CoreInvolvementLevel};
use coopetition::catalogue::ContributionForm as CoreContributionForm;
use coopetition::charter::CharterStatus as CoreCharterStatus;
use coopetition::contract::{ContractStatus as CoreContractStatus, MembershipStructure as CoreMembershipStructure};
use coopetition::mission::{LeadOrigin as CoreLeadOrigin, MissionStatus as CoreMissionStatus};
use coopetition::negotiation::{
    DeliveryUnit as CoreDeliveryUnit, NegotiationStatus as CoreNegotiationStatus, Party as CoreParty,
};
use coopetition::policy::{AssessmentStatus as CoreAssessmentStatus, Provenance as CoreProvenance};
use coopetition::text::Lang as CoreLang;

/// Declares an enum mirroring a core enum, the conversions both ways and,
/// for labelled enums, `label()` and a `…FromLabel` function.
macro_rules! mirror_enum {
    (
        $(#[$doc:meta])*
        $name:ident = $core:ident $(, from_label = $from_label:ident)? {
            $($(#[$vdoc:meta])* $variant:ident),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl From<$core> for $name {
            fn from(v: $core) -> $name {
                match v {
                    $($core::$variant => $name::$variant),+
                }
            }
        }

        impl From<$name> for $core {
            fn from(v: $name) -> $core {
                match v {
                    $($name::$variant => $core::$variant),+
                }
            }
        }

        $(
            #[uniffi::export]
            impl $name {
                /// The stable snake_case label of this value, as in JSON and in the other bindings.
                pub fn label(&self) -> String {
                    coopetition::labels::Labelled::label($core::from(*self)).to_owned()
                }
            }

            /// The value of this enumeration with this stable label.
            ///
            /// # Errors
            /// `input.label.unknown`, listing the accepted labels.
            #[uniffi::export]
            pub fn $from_label(label: String) -> $crate::error::Result<$name> {
                Ok(<$core as coopetition::labels::Labelled>::from_label(&label)?.into())
            }
        )?
    };
}
pub(crate) use mirror_enum;

mirror_enum!(
    /// The six kinds of actor named by the seed.
    ActorKind = CoreActorKind, from_label = actor_kind_from_label {
        /// A third place (tiers-lieu): coworking, fablab, café-atelier…
        ThirdPlace,
        /// A local authority (collectivité): municipality, region…
        LocalAuthority,
        /// A citizen.
        Citizen,
        /// An association.
        Association,
        /// A company.
        Company,
        /// A service provider (accompagnateur) selling support missions.
        Provider,
    }
);

mirror_enum!(
    /// How involved a member is: supporter < contributor < steward.
    InvolvementLevel = CoreInvolvementLevel, from_label = involvement_level_from_label {
        /// Sympathisant: supports the network.
        Supporter,
        /// Contributeur: contributes to the network's work.
        Contributor,
        /// Soucieux: carries the network's strategy; validates contracts.
        Steward,
    }
);

mirror_enum!(
    /// How the charter relates to membership, chosen per network.
    MembershipStructure = CoreMembershipStructure, from_label = membership_structure_from_label {
        /// One contract for all, plus a separate charter that providers may sign.
        TwoTier,
        /// One contract per kind; the provider's contract contains the charter.
        AllInOne,
    }
);

mirror_enum!(
    /// Where a contract stands.
    ContractStatus = CoreContractStatus, from_label = contract_status_from_label {
        /// Proposed by the applicant, awaiting a steward.
        Proposed,
        /// Under discussion between the applicant and the network.
        InDiscussion,
        /// Validated: the member is a member.
        Active,
        /// The initial proposal was declined.
        Declined,
        /// Ended by the member's resignation.
        Resigned,
        /// Ended by exclusion.
        Excluded,
    }
);

mirror_enum!(
    /// Where a provider stands with regard to the charter.
    CharterStatus = CoreCharterStatus {
        /// Has signed the version in force.
        Signed,
        /// Has signed an earlier version only.
        Outdated,
        /// Has never signed.
        Unsigned,
    }
);

mirror_enum!(
    /// How the lead came to the provider.
    LeadOrigin = CoreLeadOrigin, from_label = lead_origin_from_label {
        /// Met at an event organised by the network.
        NetworkEvent,
        /// The client heard of the subject indirectly through a network action.
        NetworkAction,
        /// The network referred the client to the provider.
        NetworkReferral,
        /// The provider's own network or prospecting.
        OwnNetwork,
        /// Any other origin.
        Other,
    }
);

mirror_enum!(
    /// Where a mission stands.
    MissionStatus = CoreMissionStatus, from_label = mission_status_from_label {
        /// A client asked the provider.
        Solicited,
        /// The provider made a proposal.
        Proposed,
        /// The proposal was chosen: the mission is won.
        Won,
        /// The work started.
        Started,
        /// The work is finished.
        Completed,
        /// The client chose someone else or gave up before the mission was won.
        Lost,
        /// The mission was called off.
        Cancelled,
    }
);

mirror_enum!(
    /// A language of the network's texts and explanations.
    Lang = CoreLang, from_label = lang_from_label {
        /// French, the network's own language.
        Fr,
        /// English.
        En,
    }
);

mirror_enum!(
    /// Where an amount comes from.
    Provenance = CoreProvenance, from_label = provenance_from_label {
        /// Computed by a rule (flat rate, guide, a custom policy).
        Computed,
        /// Declared by the provider.
        Declared,
        /// Agreed in a negotiation.
        Negotiated,
        /// Stood in for by a behaviour model, for want of real data.
        Modelled,
    }
);

mirror_enum!(
    /// Whether a policy could price a mission.
    AssessmentStatus = CoreAssessmentStatus, from_label = assessment_status_from_label {
        /// An amount is due.
        Priced,
        /// A negotiation is not concluded: the amount is pending, not zero.
        Pending,
        /// The provider has not declared its contribution.
        Undeclared,
        /// The negotiation ended without agreement.
        Stalemate,
    }
);

mirror_enum!(
    /// Where a negotiation stands.
    NegotiationStatus = CoreNegotiationStatus, from_label = negotiation_status_from_label {
        /// Offers are being exchanged.
        Open,
        /// The parties agreed on the last offer.
        Agreed,
        /// The negotiation ended without agreement (it may be reopened).
        Stalemate,
    }
);

mirror_enum!(
    /// A party to a negotiation.
    Party = CoreParty, from_label = party_from_label {
        /// The provider who won the mission.
        Provider,
        /// The network, represented by a steward.
        Network,
    }
);

mirror_enum!(
    /// What an in-kind delivery counts.
    DeliveryUnit = CoreDeliveryUnit, from_label = delivery_unit_from_label {
        /// Hours of work.
        Hours,
        /// Events held.
        Events,
        /// Project holders welcomed and guided.
        ProjectHolders,
    }
);

mirror_enum!(
    /// The form a contribution option takes.
    ContributionForm = CoreContributionForm, from_label = contribution_form_from_label {
        /// A share of the revenue of third-place missions (money).
        RevenueShare,
        /// A membership fee (money).
        Fee,
        /// A grant, subsidy or sponsorship (money).
        Funding,
        /// Taking on a workstream of the network, unpaid (in kind).
        Workstream,
        /// Organising a recurring event (in kind).
        RecurringEvent,
        /// Welcoming and guiding project holders (in kind).
        ProjectHolders,
        /// Hosting events, people or resources (in kind).
        Hosting,
        /// Volunteer time (in kind).
        Volunteering,
        /// Developing or sharing open resources (in kind).
        Resources,
        /// A proposal of the member's own, described in free text.
        OwnProposal,
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use coopetition::labels::Labelled;

    #[test]
    fn labels_round_trip_and_unknown_labels_are_typed() {
        for kind in CoreActorKind::ALL {
            let mirrored = ActorKind::from(*kind);
            assert_eq!(actor_kind_from_label(mirrored.label()).unwrap(), mirrored);
        }
        let err = lead_origin_from_label("carrier_pigeon".into()).unwrap_err();
        assert_eq!(err.code(), "input.label.unknown");
        assert!(err.reason().contains("network_event"));
    }
}
