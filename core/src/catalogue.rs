//! Catalogues of needs, engagements and contribution options, per actor kind.
//!
//! The catalogues are data (`core/data/catalogues.json`, compiled in): the
//! provider's is taken item by item from Annex 1 of the seed; the other kinds
//! follow the same spirit. [`Catalogues::load`] accepts a network's own file.

use crate::actor::ActorKind;
use crate::error::{Error, Result};
use crate::labels::{labelled_enum, Labelled};
use crate::negotiation::DeliveryUnit;
use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

labelled_enum!(
    /// The form a contribution option takes.
    ContributionForm, "contribution form", {
        /// A share of the revenue of third-place missions (money).
        RevenueShare => "revenue_share",
        /// A membership fee (money).
        Fee => "fee",
        /// A grant, subsidy or sponsorship (money).
        Funding => "funding",
        /// Taking on a workstream of the network, unpaid (in kind).
        Workstream => "workstream",
        /// Organising a recurring event (in kind).
        RecurringEvent => "recurring_event",
        /// Welcoming and guiding project holders (in kind).
        ProjectHolders => "project_holders",
        /// Hosting events, people or resources (in kind).
        Hosting => "hosting",
        /// Volunteer time (in kind).
        Volunteering => "volunteering",
        /// Developing or sharing open resources (in kind).
        Resources => "resources",
        /// A proposal of the member's own, described in free text.
        OwnProposal => "own_proposal",
    }
);

impl ContributionForm {
    /// The units in which a delivery of this form is counted: time always;
    /// events for events and hosting; project holders for welcoming them.
    pub fn delivery_units(self) -> &'static [DeliveryUnit] {
        match self {
            ContributionForm::RecurringEvent | ContributionForm::Hosting => {
                &[DeliveryUnit::Events, DeliveryUnit::Hours]
            }
            ContributionForm::ProjectHolders => &[DeliveryUnit::ProjectHolders, DeliveryUnit::Hours],
            ContributionForm::RevenueShare | ContributionForm::Fee | ContributionForm::Funding => &[],
            _ => &[DeliveryUnit::Hours],
        }
    }

    /// Whether a delivery of this form may be counted in `unit`.
    pub fn counts_in(self, unit: DeliveryUnit) -> bool {
        self.delivery_units().contains(&unit)
    }

    /// Whether the form is a payment of money.
    pub fn is_money(self) -> bool {
        matches!(self, ContributionForm::RevenueShare | ContributionForm::Fee | ContributionForm::Funding)
    }
}

/// An item of a catalogue: a need or a member engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "uniffi", uniffi(name = "CatalogueItem"))]
pub struct Item {
    /// Stable id, unique within its list.
    pub id: String,
    /// French wording.
    pub fr: String,
    /// English wording.
    pub en: String,
    /// Whether choosing it requires a free-text detail ("other").
    #[serde(default)]
    pub free_text: bool,
}

/// An engagement of the network or of the member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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

/// A contribution option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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
    #[serde(default)]
    pub free_text: bool,
}

/// The catalogue of one actor kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KindCatalogue {
    /// The sentence that opens the needs section ("As a …, you wish to").
    pub intro: Text,
    /// What the member may expect.
    pub needs: Vec<Item>,
    /// What the network commits to.
    pub network_engagements: Vec<Engagement>,
    /// What the member commits to.
    pub member_engagements: Vec<Engagement>,
    /// How the member may give back.
    pub contributions: Vec<ContributionOption>,
}

impl KindCatalogue {
    /// The need with this id.
    pub fn need(&self, id: &str) -> Option<&Item> {
        self.needs.iter().find(|i| i.id == id)
    }

    /// The member engagement with this id.
    pub fn member_engagement(&self, id: &str) -> Option<&Engagement> {
        self.member_engagements.iter().find(|i| i.id == id)
    }

    /// The contribution option with this id.
    pub fn contribution(&self, id: &str) -> Option<&ContributionOption> {
        self.contributions.iter().find(|i| i.id == id)
    }
}

labelled_enum!(
    /// The section of a kind's catalogue an entry belongs to.
    CatalogueSection, "catalogue section", {
        /// What the member may expect.
        Needs => "needs",
        /// What the network commits to.
        NetworkEngagements => "network_engagements",
        /// What the member commits to.
        MemberEngagements => "member_engagements",
        /// How the member may give back.
        Contributions => "contributions",
    }
);

/// One entry of a kind's catalogue, whatever its section: a need, an
/// engagement or a contribution option, in one shape for listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", name = "CatalogueItem", frozen, eq, get_all)
)]
pub struct CatalogueEntry {
    /// Its section: `needs`, `network_engagements`, `member_engagements` or `contributions`.
    pub section: CatalogueSection,
    /// Stable id, unique within its section.
    pub id: String,
    /// French wording.
    pub fr: String,
    /// English wording.
    pub en: String,
    /// Whether choosing it requires a free-text detail (needs and contributions).
    pub free_text: bool,
    /// Whether every contract of the kind includes it (engagements).
    pub required: bool,
    /// The form of the contribution (contributions only).
    pub form: Option<ContributionForm>,
}

impl CatalogueEntry {
    /// The wording in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

impl KindCatalogue {
    /// Every entry, section by section in the order of the contract (needs,
    /// network engagements, member engagements, contributions), each in its
    /// catalogue's order.
    pub fn entries(&self) -> Vec<CatalogueEntry> {
        let entry = |section, id: &String, fr: &String, en: &String| CatalogueEntry {
            section,
            id: id.clone(),
            fr: fr.clone(),
            en: en.clone(),
            free_text: false,
            required: false,
            form: None,
        };
        let needs = self
            .needs
            .iter()
            .map(|i| CatalogueEntry { free_text: i.free_text, ..entry(CatalogueSection::Needs, &i.id, &i.fr, &i.en) });
        let engagements = [
            (CatalogueSection::NetworkEngagements, &self.network_engagements),
            (CatalogueSection::MemberEngagements, &self.member_engagements),
        ]
        .into_iter()
        .flat_map(|(section, list)| {
            list.iter().map(move |e| CatalogueEntry { required: e.required, ..entry(section, &e.id, &e.fr, &e.en) })
        });
        let contributions = self.contributions.iter().map(|c| CatalogueEntry {
            free_text: c.free_text,
            form: Some(c.form),
            ..entry(CatalogueSection::Contributions, &c.id, &c.fr, &c.en)
        });
        needs.chain(engagements).chain(contributions).collect()
    }
}

/// The catalogues of every actor kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogues {
    /// Schema version of the file, 1.
    pub schema: u32,
    /// One catalogue per kind, keyed by the kind's label.
    pub kinds: BTreeMap<ActorKind, KindCatalogue>,
}

const SHIPPED: &str = include_str!("../data/catalogues.json");

impl Catalogues {
    /// The catalogues shipped with the crate.
    pub fn shipped() -> &'static Catalogues {
        static CELL: OnceLock<Catalogues> = OnceLock::new();
        CELL.get_or_init(|| {
            // The shipped file is checked by a unit test; an invalid build would
            // fail that test, so falling back to an empty catalogue never ships.
            Catalogues::load(SHIPPED).unwrap_or_else(|_| Catalogues { schema: 1, kinds: BTreeMap::new() })
        })
    }

    /// Loads and checks catalogues from JSON.
    ///
    /// # Errors
    /// `journal.json.malformed` for bad JSON, `catalogue.invalid` when a kind is
    /// missing, an id repeats, a text is blank or a kind offers no contribution.
    pub fn load(json: &str) -> Result<Catalogues> {
        let cat: Catalogues =
            serde_json::from_str(json).map_err(|e| Error::MalformedJson { line: None, message: e.to_string() })?;
        cat.check()?;
        Ok(cat)
    }

    fn check(&self) -> Result<()> {
        if self.schema != 1 {
            return Err(Error::UnknownSchemaVersion { found: self.schema.to_string(), supported: 1 });
        }
        for kind in ActorKind::ALL {
            let c = self
                .kinds
                .get(kind)
                .ok_or_else(|| Error::InvalidCatalogue(format!("no catalogue for kind `{kind}`")))?;
            check_list(*kind, "needs", c.needs.iter().map(|i| (&i.id, &i.fr, &i.en)))?;
            check_list(*kind, "network_engagements", c.network_engagements.iter().map(|i| (&i.id, &i.fr, &i.en)))?;
            check_list(*kind, "member_engagements", c.member_engagements.iter().map(|i| (&i.id, &i.fr, &i.en)))?;
            check_list(*kind, "contributions", c.contributions.iter().map(|i| (&i.id, &i.fr, &i.en)))?;
            if c.contributions.is_empty() {
                return Err(Error::InvalidCatalogue(format!("kind `{kind}` offers no contribution")));
            }
            if c.intro.is_blank() {
                return Err(Error::InvalidCatalogue(format!("kind `{kind}` has a blank intro")));
            }
        }
        Ok(())
    }

    /// The catalogue of `kind`.
    ///
    /// # Errors
    /// `catalogue.invalid` if the kind has no catalogue (never for checked catalogues).
    pub fn kind(&self, kind: ActorKind) -> Result<&KindCatalogue> {
        self.kinds.get(&kind).ok_or_else(|| Error::InvalidCatalogue(format!("no catalogue for kind `{kind}`")))
    }
}

/// Checks that ids are set and unique and that texts are not blank.
fn check_list<'a>(
    kind: ActorKind,
    section: &str,
    items: impl Iterator<Item = (&'a String, &'a String, &'a String)>,
) -> Result<()> {
    let mut seen = BTreeSet::new();
    for (id, fr, en) in items {
        if id.is_empty() || !seen.insert(id) {
            return Err(Error::InvalidCatalogue(format!("kind `{kind}`: {section} item `{id}` is empty or repeated")));
        }
        if fr.trim().is_empty() || en.trim().is_empty() {
            return Err(Error::InvalidCatalogue(format!("kind `{kind}`: {section} item `{id}` has a blank text")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_list_every_section_in_contract_order() {
        let citizen = Catalogues::shipped().kind(ActorKind::Citizen).unwrap();
        let entries = citizen.entries();
        let ids: Vec<(CatalogueSection, &str)> = entries.iter().map(|e| (e.section, e.id.as_str())).collect();
        use CatalogueSection::*;
        assert_eq!(
            ids,
            [
                (Needs, "discover_places"),
                (Needs, "take_part_events"),
                (Needs, "get_involved"),
                (Needs, "project_guidance"),
                (Needs, "other"),
                (NetworkEngagements, "network_access"),
                (NetworkEngagements, "open_resources_access"),
                (MemberEngagements, "honour_engagements"),
                (MemberEngagements, "propose_updates"),
                (Contributions, "membership_fee"),
                (Contributions, "volunteering"),
                (Contributions, "workstream"),
                (Contributions, "open_resources"),
                (Contributions, "own_proposal"),
            ]
        );
        let free: Vec<&str> = entries.iter().filter(|e| e.free_text).map(|e| e.id.as_str()).collect();
        assert_eq!(free, ["other", "own_proposal"]);
        let required: Vec<&str> = entries.iter().filter(|e| e.required).map(|e| e.id.as_str()).collect();
        assert_eq!(required, ["network_access", "open_resources_access", "honour_engagements", "propose_updates"]);
        assert_eq!(entries[9].form, Some(ContributionForm::Fee));
        assert!(entries[..9].iter().all(|e| e.form.is_none()));
        assert_eq!(entries[0].text(Lang::Fr), entries[0].fr);
        assert_eq!(entries[0].text(Lang::En), entries[0].en);
    }

    #[test]
    fn shipped_catalogues_are_valid_and_complete() {
        let cat = Catalogues::load(SHIPPED).unwrap();
        assert_eq!(cat.kinds.len(), 6);
        for (kind, c) in &cat.kinds {
            assert!(c.contributions.iter().any(|o| o.form.is_money()), "{kind}: no money option");
            assert!(c.contributions.iter().any(|o| !o.form.is_money()), "{kind}: no in-kind option");
            assert!(c.needs.iter().any(|i| i.free_text), "{kind}: no free-text need");
            assert!(c.contributions.iter().any(|i| i.free_text), "{kind}: no own proposal");
        }
    }

    #[test]
    fn provider_catalogue_follows_the_seed() {
        let p = Catalogues::shipped().kind(ActorKind::Provider).unwrap();
        assert_eq!(p.needs.len(), 6);
        let share = p.contribution("revenue_share_5pct").unwrap();
        assert_eq!(share.form, ContributionForm::RevenueShare);
        assert!(share.fr.contains("5%"));
        for id in ["workstream", "recurring_event", "project_holders", "own_proposal"] {
            assert!(p.contribution(id).is_some(), "{id}");
        }
        assert!(p.need("other").unwrap().free_text);
    }

    #[test]
    fn deliveries_count_in_the_units_of_their_form() {
        assert!(ContributionForm::Workstream.counts_in(DeliveryUnit::Hours));
        assert!(!ContributionForm::Workstream.counts_in(DeliveryUnit::Events));
        assert!(ContributionForm::RecurringEvent.counts_in(DeliveryUnit::Events));
        assert!(ContributionForm::ProjectHolders.counts_in(DeliveryUnit::ProjectHolders));
        assert!(ContributionForm::RevenueShare.delivery_units().is_empty());
    }

    #[test]
    fn a_missing_kind_is_refused() {
        let mut cat = Catalogues::load(SHIPPED).unwrap();
        cat.kinds.remove(&ActorKind::Citizen);
        let json = serde_json::to_string(&cat).unwrap();
        let err = Catalogues::load(&json).unwrap_err();
        assert_eq!(err.code(), "catalogue.invalid");
        assert!(err.to_string().contains("citizen"));
    }
}
