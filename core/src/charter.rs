//! The cooperation charter (Annex 2): versioned text and signatures.

use crate::error::{Error, Result};
use crate::ids::ActorId;
use crate::labels::labelled_enum;
use crate::text::{Lang, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One of the five engagements of the charter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CharterArticle {
    /// Article number, 1 to 5.
    pub article: u8,
    /// Stable id (`inform`, `equip_clients`, `open_resources`, `prior_work`, `quality_meeting`).
    pub id: String,
    /// French wording.
    pub fr: String,
    /// English wording.
    pub en: String,
}

/// One version of the charter's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", name = "Charter", frozen, eq, from_py_object)
)]
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

impl CharterText {
    /// Checks the text is complete.
    ///
    /// # Errors
    /// `catalogue.invalid` naming what is missing.
    pub fn check(&self) -> Result<()> {
        if self.engagements.len() != 5 {
            return Err(Error::InvalidCatalogue(format!(
                "charter version {} has {} engagements, expected 5",
                self.version,
                self.engagements.len()
            )));
        }
        for (i, art) in self.engagements.iter().enumerate() {
            if usize::from(art.article) != i + 1 || art.fr.trim().is_empty() || art.en.trim().is_empty() {
                return Err(Error::InvalidCatalogue(format!(
                    "charter version {}: article `{}` is misnumbered or blank",
                    self.version, art.id
                )));
            }
        }
        if [&self.title, &self.mandate, &self.consent, &self.exclusion].iter().any(|t| t.is_blank()) {
            return Err(Error::InvalidCatalogue(format!("charter version {} has a blank clause", self.version)));
        }
        Ok(())
    }
}

impl CharterText {
    /// The title in `lang`.
    pub fn title_in(&self, lang: Lang) -> &str {
        self.title.get(lang)
    }

    /// The five engagements in `lang`, as `(id, wording)`.
    pub fn engagements_in(&self, lang: Lang) -> Vec<(&str, &str)> {
        self.engagements
            .iter()
            .map(|a| {
                let wording = match lang {
                    Lang::Fr => &a.fr,
                    Lang::En => &a.en,
                };
                (a.id.as_str(), wording.as_str())
            })
            .collect()
    }

    /// The mandate, consent and exclusion clauses in `lang`.
    pub fn clauses(&self, lang: Lang) -> (&str, &str, &str) {
        (self.mandate.get(lang), self.consent.get(lang), self.exclusion.get(lang))
    }

    /// The version as JSON (the shape [`CharterText::from_json`] reads).
    pub fn to_json(&self) -> String {
        // Serialising these plain types cannot fail: no map has non-string keys.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A version from JSON, read strictly; it is checked when published.
    ///
    /// # Errors
    /// `journal.json.malformed` for bad JSON or a missing or unknown field.
    pub fn from_json(json: &str) -> Result<CharterText> {
        serde_json::from_str(json).map_err(|e| Error::MalformedJson { line: None, message: e.to_string() })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CharterFile {
    schema: u32,
    versions: Vec<CharterText>,
}

const SHIPPED: &str = include_str!("../data/charter.json");

/// The charter versions shipped with the crate (version 1, from the seed).
pub fn shipped_charter() -> &'static [CharterText] {
    static CELL: OnceLock<Vec<CharterText>> = OnceLock::new();
    CELL.get_or_init(|| load_charter(SHIPPED).unwrap_or_default())
}

/// Loads and checks charter versions from JSON (`{"schema":1,"versions":[…]}`).
///
/// # Errors
/// `journal.json.malformed` for bad JSON; `catalogue.invalid` for an incomplete
/// text or versions that are not 1, 2, 3… in date order.
pub fn load_charter(json: &str) -> Result<Vec<CharterText>> {
    let file: CharterFile =
        serde_json::from_str(json).map_err(|e| Error::MalformedJson { line: None, message: e.to_string() })?;
    if file.schema != 1 {
        return Err(Error::UnknownSchemaVersion { found: file.schema.to_string(), supported: 1 });
    }
    if file.versions.is_empty() {
        return Err(Error::InvalidCatalogue("the charter has no version".into()));
    }
    let mut previous: Option<&CharterText> = None;
    for (i, text) in file.versions.iter().enumerate() {
        text.check()?;
        let expected = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if text.version != expected || previous.is_some_and(|p| p.published_on > text.published_on) {
            return Err(Error::InvalidCatalogue(format!("charter version {} is out of sequence", text.version)));
        }
        previous = Some(text);
    }
    Ok(file.versions)
}

/// A provider's signature of the charter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct CharterSignature {
    /// The signatory provider.
    pub provider: ActorId,
    /// The charter version signed.
    pub version: u32,
    /// The date of signature.
    pub signed_on: NaiveDate,
}

labelled_enum!(
    /// Where a provider stands with regard to the charter.
    CharterStatus, "charter status", {
        /// Has signed the version in force.
        Signed => "signed",
        /// Has signed an earlier version only.
        Outdated => "outdated",
        /// Has never signed.
        Unsigned => "unsigned",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_reads_in_one_language_and_round_trips_through_json() {
        let v1 = &shipped_charter()[0];
        assert_eq!(
            v1.title_in(Lang::En),
            "Cooperation charter between the economic actors providing support on the subject of third places"
        );
        let ids: Vec<&str> = v1.engagements_in(Lang::Fr).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["inform", "equip_clients", "open_resources", "prior_work", "quality_meeting"]);
        assert_eq!(v1.engagements_in(Lang::En)[0].1, v1.engagements[0].en);
        let (mandate, consent, exclusion) = v1.clauses(Lang::Fr);
        assert_eq!((mandate, consent, exclusion), (&*v1.mandate.fr, &*v1.consent.fr, &*v1.exclusion.fr));
        assert_eq!(&CharterText::from_json(&v1.to_json()).unwrap(), v1);
        assert_eq!(CharterText::from_json(r#"{"version": 3}"#).unwrap_err().code(), "journal.json.malformed");
    }

    #[test]
    fn shipped_charter_is_complete() {
        let versions = load_charter(SHIPPED).unwrap();
        assert_eq!(versions.len(), 1);
        let v1 = &versions[0];
        assert_eq!(v1.version, 1);
        assert_eq!(v1.engagements.len(), 5);
        assert!(v1.engagements[0].fr.starts_with("Je m'engage à informer le réseau"));
        assert!(v1.exclusion.fr.contains("exclusion"));
    }

    #[test]
    fn incomplete_charter_is_refused() {
        let mut v = load_charter(SHIPPED).unwrap();
        v[0].engagements.pop();
        let json = serde_json::json!({"schema": 1, "versions": v}).to_string();
        assert_eq!(load_charter(&json).unwrap_err().code(), "catalogue.invalid");
        assert_eq!(load_charter("{").unwrap_err().code(), "journal.json.malformed");
    }
}
