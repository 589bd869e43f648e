//! The words of the annual statement: contribution forms, units, provenances,
//! statuses, amounts, quantities and shares, in French or English.

use crate::catalogue::ContributionForm;
use crate::money::Money;
use crate::negotiation::DeliveryUnit;
use crate::policy::{AssessmentStatus, Provenance};
use crate::text::Lang;

pub(crate) fn form_text(form: ContributionForm, lang: Lang) -> &'static str {
    use ContributionForm as F;
    match (form, lang) {
        (F::RevenueShare, Lang::Fr) => "part du chiffre d'affaires",
        (F::RevenueShare, Lang::En) => "revenue share",
        (F::Fee, Lang::Fr) => "cotisation",
        (F::Fee, Lang::En) => "membership fee",
        (F::Funding, Lang::Fr) => "financement",
        (F::Funding, Lang::En) => "funding",
        (F::Workstream, Lang::Fr) => "chantier",
        (F::Workstream, Lang::En) => "workstream",
        (F::RecurringEvent, Lang::Fr) => "événement récurrent",
        (F::RecurringEvent, Lang::En) => "recurring event",
        (F::ProjectHolders, Lang::Fr) => "accueil de porteurs de projet",
        (F::ProjectHolders, Lang::En) => "welcoming project holders",
        (F::Hosting, Lang::Fr) => "accueil",
        (F::Hosting, Lang::En) => "hosting",
        (F::Volunteering, Lang::Fr) => "bénévolat",
        (F::Volunteering, Lang::En) => "volunteering",
        (F::Resources, Lang::Fr) => "ressources ouvertes",
        (F::Resources, Lang::En) => "open resources",
        (F::OwnProposal, Lang::Fr) => "proposition propre",
        (F::OwnProposal, Lang::En) => "own proposal",
    }
}

pub(crate) fn unit_text(unit: DeliveryUnit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (DeliveryUnit::Hours, Lang::Fr) => "heures",
        (DeliveryUnit::Hours, Lang::En) => "hours",
        (DeliveryUnit::Events, Lang::Fr) => "événements",
        (DeliveryUnit::Events, Lang::En) => "events",
        (DeliveryUnit::ProjectHolders, Lang::Fr) => "porteurs de projet",
        (DeliveryUnit::ProjectHolders, Lang::En) => "project holders",
    }
}

pub(crate) fn provenance_text(p: Provenance, lang: Lang) -> &'static str {
    match (p, lang) {
        (Provenance::Computed, Lang::Fr) => "calculé",
        (Provenance::Computed, Lang::En) => "computed",
        (Provenance::Declared, Lang::Fr) => "déclaré",
        (Provenance::Declared, Lang::En) => "declared",
        (Provenance::Negotiated, Lang::Fr) => "négocié",
        (Provenance::Negotiated, Lang::En) => "negotiated",
        (Provenance::Modelled, Lang::Fr) => "modélisé",
        (Provenance::Modelled, Lang::En) => "modelled",
    }
}

pub(crate) fn status_text(s: AssessmentStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (AssessmentStatus::Priced, Lang::Fr) => "chiffrée",
        (AssessmentStatus::Priced, Lang::En) => "priced",
        (AssessmentStatus::Pending, Lang::Fr) => "négociation en cours",
        (AssessmentStatus::Pending, Lang::En) => "negotiation pending",
        (AssessmentStatus::Undeclared, Lang::Fr) => "contribution non déclarée",
        (AssessmentStatus::Undeclared, Lang::En) => "contribution not declared",
        (AssessmentStatus::Stalemate, Lang::Fr) => "négociation sans accord",
        (AssessmentStatus::Stalemate, Lang::En) => "negotiation without agreement",
    }
}

/// An amount with at least two decimals, exact, as [`crate::format::money`]
/// writes it: `€1,234.50` or `1 234,50 €`.
pub fn money_text(amount: Money, lang: Lang) -> String {
    crate::format::money(amount, lang)
}

/// Text safe inside a Markdown table cell: pipes escaped, line breaks flattened.
pub(crate) fn cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|").replace(['\r', '\n'], " ")
}
