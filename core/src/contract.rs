//! Membership contracts (Annex 1): one structure for every kind of actor.
//!
//! A contract holds the member's chosen needs, engagements and contributions,
//! and the place, date and signatory of the signature block. Its lifecycle:
//! proposed by the applicant → in discussion (optional) → validated by a
//! steward (version 1, active) → amended by the member and validated again
//! (version 2, 3…) → ended by resignation or exclusion. Every validated version
//! is kept and can be retrieved with [`Contract::version`].

use crate::actor::ActorKind;
use crate::catalogue::KindCatalogue;
use crate::error::{Error, Result};
use crate::ids::{ActorId, ContractId};
use crate::labels::labelled_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A catalogue item chosen by the member, with free text where the item asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all, from_py_object)
)]
pub struct Choice {
    /// Id of the catalogue item.
    pub item: String,
    /// Free-text detail: required for "other" and "own proposal", optional otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub detail: Option<String>,
}

impl Choice {
    /// A choice without detail.
    pub fn item(id: impl Into<String>) -> Choice {
        Choice { item: id.into(), detail: None }
    }

    /// A choice with a free-text detail.
    pub fn with_detail(id: impl Into<String>, detail: impl Into<String>) -> Choice {
        Choice { item: id.into(), detail: Some(detail.into()) }
    }

    /// A choice of the item with this id, with a free-text detail or none.
    pub fn new(item: String, detail: Option<String>) -> Choice {
        Choice { item, detail }
    }
}

/// What a member proposes: sections 2 to 5 of Annex 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all, from_py_object)
)]
pub struct ContractTerms {
    /// Needs chosen from the kind's catalogue.
    pub needs: Vec<Choice>,
    /// Optional member engagements chosen beyond the required ones.
    #[serde(default)]
    pub extra_engagements: Vec<String>,
    /// Contribution options chosen (at least one).
    pub contributions: Vec<Choice>,
    /// Place of signature ("Lille").
    pub place: String,
    /// Name of the person who signs for the member.
    pub signatory: String,
}

impl ContractTerms {
    /// Terms from their parts; [`ContractTerms::check`] judges them against
    /// the catalogue when they are proposed.
    pub fn new(
        needs: Vec<Choice>,
        contributions: Vec<Choice>,
        place: String,
        signatory: String,
        extra_engagements: Vec<String>,
    ) -> ContractTerms {
        ContractTerms { needs, extra_engagements, contributions, place, signatory }
    }

    /// Checks the terms against the catalogue of the member's kind.
    ///
    /// # Errors
    /// `contract.item.unknown`, `contract.item.duplicate`,
    /// `contract.item.detail_missing`, `contract.contribution.missing`,
    /// `input.text.empty` (place or signatory).
    pub fn check(&self, kind: ActorKind, catalogue: &KindCatalogue) -> Result<()> {
        let unknown = |section: &'static str, item: &str| Error::UnknownCatalogueItem {
            kind: kind.to_string(),
            section,
            item: item.to_owned(),
        };
        check_choices("needs", &self.needs, |id| {
            catalogue.need(id).map(|i| i.free_text).ok_or_else(|| unknown("needs", id))
        })?;
        check_choices("contributions", &self.contributions, |id| {
            catalogue.contribution(id).map(|i| i.free_text).ok_or_else(|| unknown("contributions", id))
        })?;
        let mut seen = BTreeSet::new();
        for id in &self.extra_engagements {
            catalogue.member_engagement(id).ok_or_else(|| unknown("engagements", id))?;
            if !seen.insert(id) {
                return Err(Error::DuplicateCatalogueItem { section: "engagements", item: id.clone() });
            }
        }
        if self.contributions.is_empty() {
            return Err(Error::NoContribution);
        }
        crate::text::check_text(&self.place, "place")?;
        crate::text::check_text(&self.signatory, "signatory")
    }
}

fn check_choices(section: &'static str, choices: &[Choice], free_text_of: impl Fn(&str) -> Result<bool>) -> Result<()> {
    let mut seen = BTreeSet::new();
    for choice in choices {
        let free_text = free_text_of(&choice.item)?;
        if !seen.insert(choice.item.as_str()) {
            return Err(Error::DuplicateCatalogueItem { section, item: choice.item.clone() });
        }
        let blank = choice.detail.as_deref().is_none_or(|d| d.trim().is_empty());
        if free_text && blank {
            return Err(Error::MissingDetail(choice.item.clone()));
        }
        if let Some(detail) = choice.detail.as_deref().filter(|d| !d.trim().is_empty()) {
            crate::text::check_text(detail, "detail")?;
        }
    }
    Ok(())
}

labelled_enum!(
    /// Where a contract stands.
    ContractStatus, "contract status", {
        /// Proposed by the applicant, awaiting a steward.
        Proposed => "proposed",
        /// Under discussion between the applicant and the network.
        InDiscussion => "in_discussion",
        /// Validated: the member is a member.
        Active => "active",
        /// The initial proposal was declined.
        Declined => "declined",
        /// Ended by the member's resignation.
        Resigned => "resigned",
        /// Ended by exclusion.
        Excluded => "excluded",
    }
);

impl ContractStatus {
    /// Whether the contract is proposed, in discussion or active.
    pub fn is_live(self) -> bool {
        matches!(self, ContractStatus::Proposed | ContractStatus::InDiscussion | ContractStatus::Active)
    }
}

/// A validated version of a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub includes_charter: Option<u32>,
}

/// Terms proposed and not yet validated (a first proposal or an amendment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct PendingTerms {
    /// The proposed terms.
    pub terms: ContractTerms,
    /// When they were proposed.
    pub proposed_on: NaiveDate,
}

/// A note left during the discussion of a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct DiscussionNote {
    /// Who wrote it.
    pub by: ActorId,
    /// When.
    pub on: NaiveDate,
    /// What was said.
    pub note: String,
}

/// A membership contract and all its versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
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

impl Contract {
    /// The version in force (the last validated), if any.
    pub fn current(&self) -> Option<&ContractVersion> {
        self.versions.last()
    }

    /// The version in force on `on`: the last one validated on or before it.
    pub fn version_on(&self, on: NaiveDate) -> Option<&ContractVersion> {
        self.versions.iter().rev().find(|v| v.validated_on <= on)
    }

    /// A given version.
    ///
    /// # Errors
    /// `contract.version.unknown`.
    pub fn version(&self, version: u32) -> Result<&ContractVersion> {
        self.versions
            .iter()
            .find(|v| v.version == version)
            .ok_or_else(|| Error::UnknownContractVersion { contract: self.id.to_string(), version })
    }

    /// The date from which the latest step may be dated: nothing about this
    /// contract can be dated before it.
    pub fn last_step_on(&self) -> NaiveDate {
        let mut last = self.applied_on;
        if let Some(p) = &self.pending {
            last = last.max(p.proposed_on);
        }
        if let Some(v) = self.versions.last() {
            last = last.max(v.validated_on);
        }
        if let Some(n) = self.discussion.iter().map(|n| n.on).max() {
            last = last.max(n);
        }
        last
    }

    pub(crate) fn transition_error(&self, action: &'static str) -> Error {
        Error::ContractTransition { contract: self.id.to_string(), action, status: self.status.label_str() }
    }
}

impl ContractStatus {
    fn label_str(self) -> &'static str {
        crate::labels::Labelled::label(self)
    }
}

labelled_enum!(
    /// How the charter relates to membership, chosen per network. A network
    /// founded without saying is two-tier: the charter stays optional.
    #[derive(Default)]
    MembershipStructure, "membership structure", {
        /// One contract for all, plus a separate charter that providers may sign.
        #[default]
        TwoTier => "two_tier",
        /// One contract per kind; the provider's contract contains the charter.
        AllInOne => "all_in_one",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogues;

    fn provider_terms() -> ContractTerms {
        ContractTerms {
            needs: vec![Choice::item("other")],
            extra_engagements: vec![],
            contributions: vec![Choice::item("revenue_share_5pct")],
            place: "Lille".into(),
            signatory: "Camille".into(),
        }
    }

    #[test]
    fn terms_are_checked_against_the_kind() {
        let cat = Catalogues::shipped().kind(ActorKind::Provider).unwrap();
        let mut t = provider_terms();
        assert_eq!(t.check(ActorKind::Provider, cat).unwrap_err().code(), "contract.item.detail_missing");
        t.needs = vec![Choice::with_detail("other", "a peer group on pricing")];
        t.check(ActorKind::Provider, cat).unwrap();

        let mut bad = t.clone();
        bad.contributions.push(Choice::item("nonsense"));
        let err = bad.check(ActorKind::Provider, cat).unwrap_err();
        assert_eq!(err.code(), "contract.item.unknown");
        assert!(err.to_string().contains("nonsense"));

        let mut dup = t.clone();
        dup.contributions.push(Choice::item("revenue_share_5pct"));
        assert_eq!(dup.check(ActorKind::Provider, cat).unwrap_err().code(), "contract.item.duplicate");

        let mut none = t.clone();
        none.contributions.clear();
        assert_eq!(none.check(ActorKind::Provider, cat).unwrap_err().code(), "contract.contribution.missing");

        let mut place = t;
        place.place = " ".into();
        assert_eq!(place.check(ActorKind::Provider, cat).unwrap_err().code(), "input.text.empty");
    }

    #[test]
    fn a_provider_item_is_not_in_a_citizens_catalogue() {
        let cat = Catalogues::shipped().kind(ActorKind::Citizen).unwrap();
        let mut t = provider_terms();
        t.needs.clear();
        let err = t.check(ActorKind::Citizen, cat).unwrap_err();
        assert_eq!(err.code(), "contract.item.unknown");
    }
}
