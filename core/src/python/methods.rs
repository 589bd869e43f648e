//! The core's constructors and methods as Python sees them. Each calls the
//! core's own method and adds only what Python needs: argument defaults and
//! the text read without lone surrogates, and a copy where the Rust method
//! borrows from the record (Python cannot hold a borrow).

use super::lists::choices;
use crate::actor::{Actor, ActorKind, InvolvementLevel};
use crate::catalogue::CatalogueEntry;
use crate::charter::CharterText;
use crate::contract::{Choice, Contract, ContractTerms, ContractVersion};
use crate::ids::ActorId;
use crate::mission::{Mission, Resource};
use crate::python_values::{opt_user_text, str_arg, user_text, user_texts};
use crate::text::Lang;
use crate::Result;
use chrono::NaiveDate;
use pyo3::prelude::*;

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl Actor {
    #[new]
    #[pyo3(
        signature = (id, kind, display_name, level = InvolvementLevel::Supporter, public_listing = false),
        text_signature = "(id, kind, display_name, level='supporter', public_listing=False)"
    )]
    fn py_new(
        id: ActorId,
        kind: ActorKind,
        #[pyo3(from_py_with = user_text)] display_name: String,
        level: InvolvementLevel,
        public_listing: bool,
    ) -> Result<Actor> {
        Actor::at_level(id, kind, display_name, level, public_listing)
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl Choice {
    #[new]
    #[pyo3(signature = (item, detail = None))]
    fn py_new(
        #[pyo3(from_py_with = user_text)] item: String,
        #[pyo3(from_py_with = opt_user_text)] detail: Option<String>,
    ) -> Choice {
        Choice::new(item, detail)
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl ContractTerms {
    #[new]
    #[pyo3(signature = (needs, contributions, place, signatory, extra_engagements = Vec::new()))]
    fn py_new(
        #[gen_stub(override_type(type_repr = "builtins.list[Choice | builtins.str]", imports = ("builtins")))]
        #[pyo3(from_py_with = choices)]
        needs: Vec<Choice>,
        #[gen_stub(override_type(type_repr = "builtins.list[Choice | builtins.str]", imports = ("builtins")))]
        #[pyo3(from_py_with = choices)]
        contributions: Vec<Choice>,
        #[pyo3(from_py_with = user_text)] place: String,
        #[pyo3(from_py_with = user_text)] signatory: String,
        #[pyo3(from_py_with = user_texts)] extra_engagements: Vec<String>,
    ) -> ContractTerms {
        ContractTerms::new(needs, contributions, place, signatory, extra_engagements)
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl Contract {
    /// The version in force (the last validated), if any.
    #[getter(current)]
    fn current_version(&self) -> Option<ContractVersion> {
        self.current().cloned()
    }

    /// A given version (`contract.version.unknown` if it has none of that number).
    #[pyo3(name = "version")]
    fn numbered_version(&self, number: u32) -> Result<ContractVersion> {
        self.version(number).cloned()
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl Resource {
    #[new]
    #[pyo3(signature = (name, licence = None, workstream = None))]
    fn py_new(
        #[pyo3(from_py_with = user_text)] name: String,
        #[pyo3(from_py_with = opt_user_text)] licence: Option<String>,
        #[pyo3(from_py_with = opt_user_text)] workstream: Option<String>,
    ) -> Resource {
        Resource::new(name, licence, workstream)
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl Mission {
    /// When the mission was won, if it was.
    #[getter(won_on)]
    fn won_on_date(&self) -> Option<NaiveDate> {
        self.won_on()
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl CatalogueEntry {
    /// The wording in `lang`.
    #[pyo3(name = "text", signature = (lang = Lang::En), text_signature = "($self, lang='en')")]
    fn text_in(&self, lang: Lang) -> String {
        self.text(lang).to_owned()
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl CharterText {
    /// Version number, from 1, consecutive.
    #[getter(version)]
    fn version_number(&self) -> u32 {
        self.version
    }

    /// Date from which this version is in force.
    #[getter(published_on)]
    fn in_force_from(&self) -> NaiveDate {
        self.published_on
    }

    /// The title in `lang`.
    #[pyo3(name = "title", signature = (lang = Lang::Fr), text_signature = "($self, lang='fr')")]
    fn py_title(&self, lang: Lang) -> String {
        self.title_in(lang).to_owned()
    }

    /// The five engagements in `lang`, as `(id, wording)`.
    #[pyo3(name = "engagements", signature = (lang = Lang::Fr), text_signature = "($self, lang='fr')")]
    fn py_engagements(&self, lang: Lang) -> Vec<(String, String)> {
        self.engagements_in(lang).into_iter().map(|(id, w)| (id.to_owned(), w.to_owned())).collect()
    }

    /// The mandate, consent and exclusion clauses in `lang`.
    #[pyo3(name = "clauses", signature = (lang = Lang::Fr), text_signature = "($self, lang='fr')")]
    fn py_clauses(&self, lang: Lang) -> (String, String, String) {
        let (mandate, consent, exclusion) = self.clauses(lang);
        (mandate.to_owned(), consent.to_owned(), exclusion.to_owned())
    }

    /// The version as JSON (the shape `Charter.from_json` reads).
    #[pyo3(name = "to_json")]
    fn py_to_json(&self) -> String {
        self.to_json()
    }

    /// A version from JSON, read strictly; it is checked when published.
    #[staticmethod]
    #[pyo3(name = "from_json")]
    fn py_from_json(#[pyo3(from_py_with = str_arg)] json: &str) -> Result<CharterText> {
        CharterText::from_json(json)
    }
}
