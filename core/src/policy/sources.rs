//! The texts an explanation step applies, cited as data: the meeting
//! report's four propositions and five emblematic situations, the membership
//! contract's contribution clause, the charter's articles
//! (`core/data/sources.json`). Each source is a stable code and a short
//! title in French and English; each step code names its source, and a step
//! naming one of the report's emblematic situations (by its guide id) cites
//! that situation instead. Steps that apply no text of the network (the
//! rounding to the cent, a behaviour model, a floor or a cap, a policy
//! written elsewhere) cite none.

use super::explanation::{Param, Step, StepCode};
use crate::error::{Error, Result};
use crate::labels::Labelled;
use crate::text::{Lang, Text};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A text an explanation step applies.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Its stable code (`report.radical`, `report.situation.3`, `charter.article.1`…).
    pub code: String,
    /// A short title, in French and English.
    pub title: Text,
}

impl Source {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        self.title.get(lang)
    }
}

/// The sources and which step cites which.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    schema: u32,
    sources: Vec<Source>,
    /// Step code → source code.
    steps: BTreeMap<String, String>,
    /// Guide situation id → source code.
    situations: BTreeMap<String, String>,
}

const SHIPPED: &str = include_str!("../../data/sources.json");

/// Reads and checks the sources file: every step and situation names a
/// source the file holds, every step code is one the engine writes.
fn load(json: &str) -> Result<SourcesFile> {
    let file: SourcesFile =
        serde_json::from_str(json).map_err(|e| Error::MalformedJson { line: None, message: e.to_string() })?;
    if file.schema != 1 {
        return Err(Error::UnknownSchemaVersion { found: file.schema.to_string(), supported: 1 });
    }
    let known = |code: &String| file.sources.iter().any(|s| &s.code == code);
    for (step, source) in &file.steps {
        StepCode::from_label(step)?;
        if !known(source) {
            return Err(Error::InvalidCatalogue(format!("step `{step}` cites the unknown source `{source}`")));
        }
    }
    if let Some((situation, source)) = file.situations.iter().find(|(_, source)| !known(source)) {
        return Err(Error::InvalidCatalogue(format!("situation `{situation}` cites the unknown source `{source}`")));
    }
    Ok(file)
}

fn shipped() -> &'static SourcesFile {
    static CELL: OnceLock<SourcesFile> = OnceLock::new();
    CELL.get_or_init(|| {
        load(SHIPPED).unwrap_or(SourcesFile {
            schema: 1,
            sources: Vec::new(),
            steps: BTreeMap::new(),
            situations: BTreeMap::new(),
        })
    })
}

/// Every source, in the file's order.
pub fn sources() -> &'static [Source] {
    &shipped().sources
}

/// The source with `code`.
pub fn source(code: &str) -> Option<&'static Source> {
    sources().iter().find(|s| s.code == code)
}

impl Step {
    /// The text this step applies, if any (see the module docs).
    pub fn source(&self) -> Option<&'static Source> {
        let file = shipped();
        let situation = match (self.code, self.params.first()) {
            (StepCode::GuideMatch | StepCode::GuideDefault | StepCode::SelfSuggestion, Some(Param::Name(id))) => {
                file.situations.get(&**id)
            }
            _ => None,
        };
        situation.or_else(|| file.steps.get(self.code.label())).and_then(|code| source(code))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use std::sync::Arc;

    #[test]
    fn the_shipped_file_loads_and_every_citation_resolves() {
        let file = load(SHIPPED).unwrap();
        assert_eq!(file.sources.len(), 12);
        assert_eq!(sources().len(), 12);
        // Every step code that applies a text of the network cites one.
        for code in StepCode::ALL {
            let cited = file.steps.contains_key(code.label());
            let none = matches!(
                code,
                StepCode::Rounding
                    | StepCode::Modelled
                    | StepCode::Floor
                    | StepCode::Cap
                    | StepCode::YearlyCap
                    | StepCode::Custom
            );
            assert_eq!(cited, !none, "{}", code.label());
        }
    }

    #[test]
    fn a_situation_of_the_report_is_cited_as_itself() {
        let matched = |id: &str| Step::new(StepCode::GuideMatch, [Param::Name(Arc::from(id))]);
        assert_eq!(matched("network_referral").source().unwrap().code, "report.situation.3");
        assert_eq!(matched("my_own").source().unwrap().code, "report.optimistic");
        let flat = Step::new(StepCode::FlatRate, []);
        assert_eq!(
            flat.source().unwrap().title(Lang::En),
            "Meeting report, radical proposition: 5% every time, donations to give more"
        );
        assert!(Step::new(StepCode::Rounding, []).source().is_none());
    }

    #[test]
    fn a_file_citing_what_it_lacks_is_refused() {
        let bad = r#"{"schema":1,"sources":[],"steps":{"flat.rate":"report.radical"},"situations":{}}"#;
        assert_eq!(load(bad).unwrap_err().code(), "catalogue.invalid");
        let unknown_step = r#"{"schema":1,"sources":[],"steps":{"flat.speed":"x"},"situations":{}}"#;
        assert_eq!(load(unknown_step).unwrap_err().code(), "input.label.unknown");
    }
}
