//! Documents: a member's contract and the charter as Markdown, in French
//! (following the seed's wording) or in English.
//!
//! The texts are data: the fixed sections about the network come from
//! `core/data/network_sections.json`, the items from the catalogues
//! (`catalogues.json`), the charter from its versions (`charter.json` or a
//! published version), and the headings and phrases of the documents from
//! `core/data/documents.json`.
//!
//! A contract follows Annex 1: the network's sections (community, governance,
//! resources, costs, revenues, needs), then the contribution with the
//! member's needs, the engagements (the network's, then the member's), and
//! its contribution, each chosen item with its free-text detail; under the
//! all-in-one structure the charter the version includes; then the signature
//! block: place, date and signatory.
//!
//! ```
//! use coopetition::prelude::*;
//! use coopetition::documents::charter_markdown;
//! let text = &coopetition::charter::shipped_charter()[0];
//! let fr = charter_markdown(text, Lang::Fr, 1);
//! assert!(fr.contains("Je m'engage à informer le réseau"));
//! assert!(fr.contains("en vigueur depuis le 1er janvier 2020"));
//! ```

use crate::actor::ActorKind;
use crate::catalogue::Catalogues;
use crate::charter::CharterText;
use crate::contract::{Choice, ContractTerms};
use crate::directory::kind_label;
use crate::error::{Error, Result};
use crate::ids::{ActorId, ContractId};
use crate::network::Network;
use crate::text::{Lang, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt::Write;
use std::sync::OnceLock;

/// One of the fixed sections of Annex 1 about the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkSection {
    /// Stable id (`community`, `governance`, `resources`, `costs`, `revenues`, `needs`).
    pub id: String,
    /// Its heading.
    pub title: Text,
    /// Its text.
    pub body: Text,
}

/// The fixed part of every contract: the network's sections, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkSections {
    /// Schema version of the file, 1.
    pub schema: u32,
    /// The network's name.
    pub network_name: String,
    /// The usual place of signature.
    pub place: String,
    /// The sections, in order.
    pub sections: Vec<NetworkSection>,
    /// The text that opens the member's contribution.
    pub contribution_preamble: Text,
}

/// The headings and phrases of the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentPhrases {
    /// Schema version of the file, 1.
    pub schema: u32,
    /// Title of a contract.
    pub contract_title: Text,
    /// "Member".
    pub member: Text,
    /// The line naming a validated version (`{contract}`, `{version}`, `{date}`, `{steward}`).
    pub contract_line: Text,
    /// The line naming terms not validated yet (`{contract}`, `{date}`).
    pub draft_line: Text,
    /// Heading of the contribution part.
    pub contribution_heading: Text,
    /// Heading of the needs.
    pub need_heading: Text,
    /// Heading of the engagements.
    pub engagement_heading: Text,
    /// Heading of the member's contribution.
    pub your_contribution_heading: Text,
    /// Said of a list with no item chosen.
    pub nothing_chosen: Text,
    /// Introduces the charter inside a contract (`{version}`).
    pub charter_included: Text,
    /// The charter's version line (`{version}`, `{date}`).
    pub charter_version: Text,
    /// Place and date of signature (`{place}`, `{date}`).
    pub place_date: Text,
    /// "Signature".
    pub signature: Text,
}

const SECTIONS: &str = include_str!("../data/network_sections.json");
const PHRASES: &str = include_str!("../data/documents.json");

fn parse<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::MalformedJson { line: None, message: e.to_string() })
}

impl NetworkSections {
    /// Loads and checks the sections from JSON.
    ///
    /// # Errors
    /// `journal.json.malformed`, `catalogue.invalid` for a blank or missing text.
    pub fn load(json: &str) -> Result<NetworkSections> {
        let s: NetworkSections = parse(json)?;
        if s.schema != 1 {
            return Err(Error::UnknownSchemaVersion { found: s.schema.to_string(), supported: 1 });
        }
        if s.sections.is_empty() || s.sections.iter().any(|x| x.title.is_blank() || x.body.is_blank()) {
            return Err(Error::InvalidCatalogue("network sections are missing or blank".into()));
        }
        if s.contribution_preamble.is_blank() || s.network_name.trim().is_empty() {
            return Err(Error::InvalidCatalogue("the contribution preamble or network name is blank".into()));
        }
        Ok(s)
    }

    /// The sections shipped with the crate (Annex 1 of the seed).
    ///
    /// # Errors
    /// Never for the shipped file (a unit test checks it).
    pub fn shipped() -> Result<&'static NetworkSections> {
        static CELL: OnceLock<Result<NetworkSections>> = OnceLock::new();
        CELL.get_or_init(|| NetworkSections::load(SECTIONS)).as_ref().map_err(Clone::clone)
    }
}

impl DocumentPhrases {
    /// The phrases shipped with the crate.
    ///
    /// # Errors
    /// Never for the shipped file (a unit test checks it).
    pub fn shipped() -> Result<&'static DocumentPhrases> {
        static CELL: OnceLock<Result<DocumentPhrases>> = OnceLock::new();
        CELL.get_or_init(|| parse(PHRASES)).as_ref().map_err(Clone::clone)
    }
}

/// A date in words: "1er janvier 2020", "12 January 2020" ([`crate::format::date`]).
pub fn long_date(on: NaiveDate, lang: Lang) -> String {
    crate::format::date(on, lang)
}

fn fill(template: &Text, lang: Lang, values: &[(&str, &str)]) -> String {
    let mut out = template.get(lang).to_owned();
    for (key, value) in values {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        Lang::En => ": ",
    }
}

fn choice_line(label: &str, free_text: bool, choice: &Choice, lang: Lang) -> String {
    match choice.detail.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(detail) if free_text => format!("- {label}{}{detail}", colon(lang)),
        Some(detail) => format!("- {label} — {detail}"),
        None => format!("- {label}"),
    }
}

/// The charter as Markdown, its title at heading level `level` (1 for `#`).
pub fn charter_markdown(text: &CharterText, lang: Lang, level: usize) -> String {
    let hashes = "#".repeat(level.max(1));
    let mut out = format!("{hashes} {}\n\n", text.title.get(lang));
    if let Ok(p) = DocumentPhrases::shipped() {
        let version = text.version.to_string();
        let date = long_date(text.published_on, lang);
        let _ = writeln!(out, "*{}*\n", fill(&p.charter_version, lang, &[("version", &version), ("date", &date)]));
    }
    for article in &text.engagements {
        let wording = match lang {
            Lang::Fr => &article.fr,
            Lang::En => &article.en,
        };
        let _ = writeln!(out, "{}. {wording}", article.article);
    }
    let _ = write!(out, "\n{} {} {}\n", text.mandate.get(lang), text.consent.get(lang), text.exclusion.get(lang));
    out
}

fn render_terms(
    out: &mut String,
    kind: ActorKind,
    terms: &ContractTerms,
    lang: Lang,
    sections: &NetworkSections,
    p: &DocumentPhrases,
) -> Result<()> {
    let catalogue = Catalogues::shipped().kind(kind)?;
    let pick = |fr: &str, en: &str| match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    };
    let _ = writeln!(
        out,
        "## {}\n\n### {}\n\n{}\n",
        p.contribution_heading.get(lang),
        p.need_heading.get(lang),
        catalogue.intro.get(lang)
    );
    let mut needs = Vec::new();
    for c in &terms.needs {
        if let Some(i) = catalogue.need(&c.item) {
            needs.push(choice_line(&pick(&i.fr, &i.en), i.free_text, c, lang));
        }
    }
    list(out, &needs, p, lang);

    let _ = writeln!(out, "### {}\n", p.engagement_heading.get(lang));
    for e in &catalogue.network_engagements {
        let _ = writeln!(out, "{}\n", pick(&e.fr, &e.en));
    }
    for e in &catalogue.member_engagements {
        if e.required || terms.extra_engagements.contains(&e.id) {
            let _ = writeln!(out, "{}\n", pick(&e.fr, &e.en));
        }
    }

    let _ = writeln!(
        out,
        "### {}\n\n{}\n",
        p.your_contribution_heading.get(lang),
        sections.contribution_preamble.get(lang)
    );
    let mut contributions = Vec::new();
    for c in &terms.contributions {
        if let Some(o) = catalogue.contribution(&c.item) {
            contributions.push(choice_line(&pick(&o.fr, &o.en), o.free_text, c, lang));
        }
    }
    list(out, &contributions, p, lang);
    Ok(())
}

fn list(out: &mut String, lines: &[String], p: &DocumentPhrases, lang: Lang) {
    if lines.is_empty() {
        let _ = writeln!(out, "{}\n", p.nothing_chosen.get(lang));
    } else {
        let _ = writeln!(out, "{}\n", lines.join("\n"));
    }
}

/// Renders a member's contract as Markdown.
///
/// `version` picks a validated version (the one in force by default; the
/// pending proposal, marked as such, when none is validated yet).
///
/// # Errors
/// `contract.id.unknown`, `contract.version.unknown`.
pub fn contract_markdown(network: &Network, id: &ContractId, version: Option<u32>, lang: Lang) -> Result<String> {
    let contract = network.contract(id)?;
    let sections = NetworkSections::shipped()?;
    let p = DocumentPhrases::shipped()?;
    let (terms, line, signed_on, charter) = match (version, contract.current(), &contract.pending) {
        (Some(v), _, _) => {
            let v = contract.version(v)?;
            (&v.terms, validated_line(id, v, lang, p), v.proposed_on, v.includes_charter)
        }
        (None, Some(v), _) => (&v.terms, validated_line(id, v, lang, p), v.proposed_on, v.includes_charter),
        (None, None, Some(pending)) => {
            let date = long_date(pending.proposed_on, lang);
            let line = fill(&p.draft_line, lang, &[("contract", id.as_str()), ("date", &date)]);
            (&pending.terms, line, pending.proposed_on, None)
        }
        (None, None, None) => {
            return Err(Error::UnknownContractVersion { contract: id.to_string(), version: 0 });
        }
    };
    let member =
        network.actor(&contract.member).map(|a| a.display_name.clone()).unwrap_or_else(|_| contract.member.to_string());
    let mut out = format!("# {} — {}\n\n", p.contract_title.get(lang), sections.network_name);
    let _ = writeln!(
        out,
        "**{}{}**{member} ({})  ",
        p.member.get(lang),
        colon(lang).trim_end(),
        kind_label(contract.kind, lang)
    );
    let _ = writeln!(out, "{line}\n");
    for s in &sections.sections {
        let _ = writeln!(out, "## {}\n\n{}\n", s.title.get(lang), s.body.get(lang));
    }
    render_terms(&mut out, contract.kind, terms, lang, sections, p)?;
    if let Some(text) = charter.and_then(|v| network.state().charter.iter().find(|t| t.version == v)) {
        let version = text.version.to_string();
        let _ = writeln!(out, "{}\n", fill(&p.charter_included, lang, &[("version", &version)]));
        out.push_str(&charter_markdown(text, lang, 2));
        out.push('\n');
    }
    let date = long_date(signed_on, lang);
    let _ = writeln!(out, "---\n\n{}\n", fill(&p.place_date, lang, &[("place", terms.place.trim()), ("date", &date)]));
    let _ = writeln!(out, "{}{}{}", p.signature.get(lang), colon(lang), terms.signatory.trim());
    Ok(out)
}

fn validated_line(id: &ContractId, v: &crate::contract::ContractVersion, lang: Lang, p: &DocumentPhrases) -> String {
    let version = v.version.to_string();
    let date = long_date(v.validated_on, lang);
    fill(
        &p.contract_line,
        lang,
        &[("contract", id.as_str()), ("version", &version), ("date", &date), ("steward", v.validated_by.as_str())],
    )
}

impl Network {
    /// A member's contract as Markdown; see [`contract_markdown`].
    ///
    /// # Errors
    /// `contract.id.unknown`, `contract.version.unknown`.
    pub fn contract_markdown(&self, contract: &ContractId, version: Option<u32>, lang: Lang) -> Result<String> {
        contract_markdown(self, contract, version, lang)
    }

    /// A charter version (the one in force by default) as Markdown.
    ///
    /// # Errors
    /// `charter.version.unknown`.
    pub fn charter_markdown(&self, version: Option<u32>, lang: Lang) -> Result<String> {
        let text = match version {
            Some(v) => self.state().charter.iter().find(|t| t.version == v),
            None => self.charter(),
        };
        text.map(|t| charter_markdown(t, lang, 1)).ok_or(Error::UnknownCharterVersion(version.unwrap_or(0)))
    }

    /// The charter a provider signed last, as Markdown, followed by its signature.
    ///
    /// # Errors
    /// `actor.id.unknown`; `charter.version.unknown` if it never signed.
    pub fn signed_charter_markdown(&self, provider: &ActorId, lang: Lang) -> Result<String> {
        let actor = self.actor(provider)?;
        let signature =
            self.state().signatures.get(provider).and_then(|s| s.last()).ok_or(Error::UnknownCharterVersion(0))?;
        let mut out = self.charter_markdown(Some(signature.version), lang)?;
        let p = DocumentPhrases::shipped()?;
        let place = NetworkSections::shipped()?.place.clone();
        let date = long_date(signature.signed_on, lang);
        let _ = writeln!(out, "\n---\n\n{}\n", fill(&p.place_date, lang, &[("place", &place), ("date", &date)]));
        let _ = writeln!(out, "{}{}{}", p.signature.get(lang), colon(lang), actor.display_name);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_texts_load() {
        let s = NetworkSections::shipped().unwrap();
        let ids: Vec<&str> = s.sections.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["community", "governance", "resources", "costs", "revenues", "needs"]);
        let p = DocumentPhrases::shipped().unwrap();
        assert!(!p.signature.is_blank());
    }

    #[test]
    fn long_dates() {
        let d = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        assert_eq!(long_date(d, Lang::Fr), "1er janvier 2020");
        assert_eq!(long_date(d, Lang::En), "1 January 2020");
        let d = NaiveDate::from_ymd_opt(2019, 12, 10).unwrap();
        assert_eq!(long_date(d, Lang::Fr), "10 décembre 2019");
    }

    #[test]
    fn charter_in_both_languages() {
        let text = &crate::charter::shipped_charter()[0];
        let fr = charter_markdown(text, Lang::Fr, 1);
        assert!(fr.starts_with("# Charte de coopération"));
        assert!(fr.contains("5. Je m'engage à participer au moins une fois par an"));
        assert!(fr.contains("pourra entraîner une exclusion"));
        let en = charter_markdown(text, Lang::En, 2);
        assert!(en.starts_with("## Cooperation charter"));
        assert!(en.contains("in force since 1 January 2020"));
    }
}
