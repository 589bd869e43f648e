//! Immutable value objects: thin wrappers of core values, compared by value.

use crate::convert::{actor_id, label, Str, UserText};
use crate::errors::IntoPy;
use coopetition::catalogue::{Catalogues, KindCatalogue};
use coopetition::charter::CharterText;
use coopetition::contract::{Contract, ContractVersion};
use coopetition::labels::Labelled;
use coopetition::mission::{Client, Mission, MissionRecord};
use coopetition::prelude::*;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

fn opt_repr<T: std::fmt::Debug>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "None".to_owned(), |x| format!("{x:?}").replace('"', "'"))
}

// ---- actors -----------------------------------------------------------------------

/// An actor of the network.
#[pyclass(module = "coopetition", name = "Actor", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyActor(pub Actor);

#[pymethods]
impl PyActor {
    #[new]
    #[pyo3(signature = (id, kind, display_name, level = "supporter", public_listing = false))]
    fn new(
        id: Str<'_>,
        kind: Str<'_>,
        display_name: UserText,
        #[pyo3(from_py_with = crate::convert::str_arg)] level: &str,
        public_listing: bool,
    ) -> PyResult<Self> {
        let mut actor = Actor::new(actor_id(&id)?, label(&kind)?, display_name.0, public_listing).py()?;
        actor.level = label(level)?;
        Ok(PyActor(actor))
    }
    /// Stable id.
    #[getter]
    fn id(&self) -> &str {
        self.0.id.as_str()
    }
    /// Kind label (`provider`, `third_place`…).
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.label()
    }
    /// Display name.
    #[getter]
    fn display_name(&self) -> &str {
        &self.0.display_name
    }
    /// Involvement level (`supporter`, `contributor`, `steward`).
    #[getter]
    fn level(&self) -> &'static str {
        self.0.level.label()
    }
    /// Consent to public listing.
    #[getter]
    fn public_listing(&self) -> bool {
        self.0.public_listing
    }
    fn __repr__(&self) -> String {
        format!(
            "Actor(id={:?}, kind={:?}, display_name={:?}, level={:?}, public_listing={})",
            self.id(),
            self.kind(),
            self.display_name(),
            self.level(),
            if self.0.public_listing { "True" } else { "False" }
        )
        .replace('"', "'")
    }
}

// ---- contracts ----------------------------------------------------------------------

/// A catalogue item chosen in a contract.
#[pyclass(module = "coopetition", name = "Choice", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyChoice(pub Choice);

#[pymethods]
impl PyChoice {
    #[new]
    #[pyo3(signature = (item, detail = None))]
    fn new(item: Str<'_>, detail: Option<UserText>) -> Self {
        PyChoice(Choice { item: item.0.to_owned(), detail: detail.map(String::from) })
    }
    /// Catalogue item id.
    #[getter]
    fn item(&self) -> &str {
        &self.0.item
    }
    /// Free-text detail, if any.
    #[getter]
    fn detail(&self) -> Option<&str> {
        self.0.detail.as_deref()
    }
    fn __repr__(&self) -> String {
        format!("Choice({:?}, detail={})", self.0.item, opt_repr(&self.0.detail)).replace('"', "'")
    }
}

fn choices(items: &Bound<'_, PyList>) -> PyResult<Vec<Choice>> {
    items
        .iter()
        .map(|item| {
            if let Ok(c) = item.cast::<PyChoice>() {
                Ok(c.get().0.clone())
            } else if let Ok(s) = item.cast::<PyString>() {
                Ok(Choice::item(crate::convert::text(s.as_any().as_borrowed())?))
            } else {
                Err(PyTypeError::new_err("a choice is a Choice or an item id (str)"))
            }
        })
        .collect()
}

/// The terms a member proposes: needs, engagements, contributions, signature.
#[pyclass(module = "coopetition", name = "ContractTerms", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyContractTerms(pub ContractTerms);

#[pymethods]
impl PyContractTerms {
    #[new]
    #[pyo3(signature = (needs, contributions, place, signatory, extra_engagements = Vec::new()))]
    fn new(
        needs: &Bound<'_, PyList>,
        contributions: &Bound<'_, PyList>,
        place: UserText,
        signatory: UserText,
        extra_engagements: Vec<UserText>,
    ) -> PyResult<Self> {
        Ok(PyContractTerms(ContractTerms {
            needs: choices(needs)?,
            extra_engagements: extra_engagements.into_iter().map(String::from).collect(),
            contributions: choices(contributions)?,
            place: place.into(),
            signatory: signatory.into(),
        }))
    }
    /// Needs chosen.
    #[getter]
    fn needs(&self) -> Vec<PyChoice> {
        self.0.needs.iter().cloned().map(PyChoice).collect()
    }
    /// Contributions chosen.
    #[getter]
    fn contributions(&self) -> Vec<PyChoice> {
        self.0.contributions.iter().cloned().map(PyChoice).collect()
    }
    /// Optional engagements chosen beyond the required ones.
    #[getter]
    fn extra_engagements(&self) -> Vec<String> {
        self.0.extra_engagements.clone()
    }
    /// Place of signature.
    #[getter]
    fn place(&self) -> &str {
        &self.0.place
    }
    /// Who signs.
    #[getter]
    fn signatory(&self) -> &str {
        &self.0.signatory
    }
    fn __repr__(&self) -> String {
        let ids = |c: &[Choice]| c.iter().map(|c| c.item.clone()).collect::<Vec<_>>().join(", ");
        format!(
            "ContractTerms(needs=[{}], contributions=[{}], place={:?}, signatory={:?})",
            ids(&self.0.needs),
            ids(&self.0.contributions),
            self.0.place,
            self.0.signatory
        )
        .replace('"', "'")
    }
}

/// A validated version of a contract.
#[pyclass(module = "coopetition", name = "ContractVersion", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyContractVersion(pub ContractVersion);

#[pymethods]
impl PyContractVersion {
    /// Version number, from 1.
    #[getter]
    fn version(&self) -> u32 {
        self.0.version
    }
    /// The terms.
    #[getter]
    fn terms(&self) -> PyContractTerms {
        PyContractTerms(self.0.terms.clone())
    }
    /// When proposed.
    #[getter]
    fn proposed_on(&self) -> chrono::NaiveDate {
        self.0.proposed_on
    }
    /// When validated.
    #[getter]
    fn validated_on(&self) -> chrono::NaiveDate {
        self.0.validated_on
    }
    /// The validating steward.
    #[getter]
    fn validated_by(&self) -> &str {
        self.0.validated_by.as_str()
    }
    /// Charter version included (all-in-one structure), if any.
    #[getter]
    fn includes_charter(&self) -> Option<u32> {
        self.0.includes_charter
    }
    fn __repr__(&self) -> String {
        format!(
            "ContractVersion(version={}, validated_on={}, validated_by='{}')",
            self.0.version, self.0.validated_on, self.0.validated_by
        )
    }
}

/// A membership contract and all its versions.
#[pyclass(module = "coopetition", name = "Contract", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyContract(pub Contract);

#[pymethods]
impl PyContract {
    /// Stable id.
    #[getter]
    fn id(&self) -> &str {
        self.0.id.as_str()
    }
    /// The member.
    #[getter]
    fn member(&self) -> &str {
        self.0.member.as_str()
    }
    /// The member's kind.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.label()
    }
    /// Status label (`proposed`, `in_discussion`, `active`, `declined`, `resigned`, `excluded`).
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.label()
    }
    /// Date of application.
    #[getter]
    fn applied_on(&self) -> chrono::NaiveDate {
        self.0.applied_on
    }
    /// Terms awaiting validation, if any.
    #[getter]
    fn pending(&self) -> Option<PyContractTerms> {
        self.0.pending.as_ref().map(|p| PyContractTerms(p.terms.clone()))
    }
    /// Every validated version, oldest first.
    #[getter]
    fn versions(&self) -> Vec<PyContractVersion> {
        self.0.versions.iter().cloned().map(PyContractVersion).collect()
    }
    /// The version in force, if any.
    #[getter]
    fn current(&self) -> Option<PyContractVersion> {
        self.0.current().cloned().map(PyContractVersion)
    }
    /// A given version.
    fn version(&self, number: u32) -> PyResult<PyContractVersion> {
        self.0.version(number).cloned().map(PyContractVersion).py()
    }
    /// Discussion notes as `(by, on, note)`.
    #[getter]
    fn discussion(&self) -> Vec<(String, chrono::NaiveDate, String)> {
        self.0.discussion.iter().map(|n| (n.by.to_string(), n.on, n.note.clone())).collect()
    }
    /// When it ended.
    #[getter]
    fn ended_on(&self) -> Option<chrono::NaiveDate> {
        self.0.ended_on
    }
    /// Why it ended.
    #[getter]
    fn end_reason(&self) -> Option<&str> {
        self.0.end_reason.as_deref()
    }
    fn __repr__(&self) -> String {
        format!(
            "Contract(id='{}', member='{}', status='{}', versions={})",
            self.0.id,
            self.0.member,
            self.status(),
            self.0.versions.len()
        )
    }
}

// ---- missions -----------------------------------------------------------------------

/// A resource used or developed in a mission.
#[pyclass(module = "coopetition", name = "Resource", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyResource(pub Resource);

#[pymethods]
impl PyResource {
    #[new]
    #[pyo3(signature = (name, licence = None, workstream = None))]
    fn new(name: UserText, licence: Option<UserText>, workstream: Option<UserText>) -> Self {
        PyResource(Resource {
            name: name.into(),
            licence: licence.map(String::from),
            workstream: workstream.map(String::from),
        })
    }
    /// Name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Open licence, if recorded.
    #[getter]
    fn licence(&self) -> Option<&str> {
        self.0.licence.as_deref()
    }
    /// Workstream it serves, if any.
    #[getter]
    fn workstream(&self) -> Option<&str> {
        self.0.workstream.as_deref()
    }
    fn __repr__(&self) -> String {
        format!(
            "Resource({:?}, licence={}, workstream={})",
            self.0.name,
            opt_repr(&self.0.licence),
            opt_repr(&self.0.workstream)
        )
        .replace('"', "'")
    }
}

/// Extracts resources from a list of `Resource` or names.
pub fn resources(items: Option<&Bound<'_, PyList>>) -> PyResult<Vec<Resource>> {
    let Some(items) = items else { return Ok(Vec::new()) };
    items
        .iter()
        .map(|item| {
            if let Ok(r) = item.cast::<PyResource>() {
                Ok(r.get().0.clone())
            } else if let Ok(s) = item.cast::<PyString>() {
                Ok(Resource::named(crate::convert::text(s.as_any().as_borrowed())?))
            } else {
                Err(PyTypeError::new_err("a resource is a Resource or a name (str)"))
            }
        })
        .collect()
}

/// One reported step of a mission.
#[pyclass(module = "coopetition", name = "MissionRecord", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyMissionRecord(pub MissionRecord);

#[pymethods]
impl PyMissionRecord {
    /// Step label.
    #[getter]
    fn step(&self) -> &str {
        &self.0.step
    }
    /// When it happened.
    #[getter]
    fn occurred_on(&self) -> chrono::NaiveDate {
        self.0.occurred_on
    }
    /// When it was reported.
    #[getter]
    fn reported_on(&self) -> chrono::NaiveDate {
        self.0.reported_on
    }
    /// Note or reason.
    #[getter]
    fn note(&self) -> &str {
        &self.0.note
    }
    fn __repr__(&self) -> String {
        format!(
            "MissionRecord('{}', occurred_on={}, reported_on={})",
            self.0.step, self.0.occurred_on, self.0.reported_on
        )
    }
}

/// A mission as reported.
#[pyclass(module = "coopetition", name = "Mission", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyMission(pub Mission);

#[pymethods]
impl PyMission {
    /// Stable id.
    #[getter]
    fn id(&self) -> &str {
        self.0.id.as_str()
    }
    /// The provider.
    #[getter]
    fn provider(&self) -> &str {
        self.0.provider.as_str()
    }
    /// The client: a member id, or `(name, kind)` for an outside actor.
    #[getter]
    fn client<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.0.client {
            Client::Member { id } => Ok(PyString::new(py, id.as_str()).into_any()),
            Client::Outside { name, kind } => Ok((name.clone(), kind.label()).into_pyobject(py)?.into_any()),
        }
    }
    /// Lead origin label.
    #[getter]
    fn lead_origin(&self) -> &'static str {
        self.0.lead_origin.label()
    }
    /// Title.
    #[getter]
    fn title(&self) -> &str {
        &self.0.title
    }
    /// Status label.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.label()
    }
    /// Revenue, once won.
    #[getter]
    fn revenue(&self) -> Option<Decimal> {
        self.0.revenue.map(|m| m.amount())
    }
    /// Network partners mobilised.
    #[getter]
    fn partners(&self) -> Vec<String> {
        self.0.partners.iter().map(|p| p.to_string()).collect()
    }
    /// Shared resources used.
    #[getter]
    fn shared_resources_used(&self) -> Vec<PyResource> {
        self.0.shared_resources_used.iter().cloned().map(PyResource).collect()
    }
    /// Resources developed.
    #[getter]
    fn resources_developed(&self) -> Vec<PyResource> {
        self.0.resources_developed.iter().cloned().map(PyResource).collect()
    }
    /// Whether the client was told how to take part in the network.
    #[getter]
    fn client_informed(&self) -> bool {
        self.0.client_informed
    }
    /// Every reported step.
    #[getter]
    fn history(&self) -> Vec<PyMissionRecord> {
        self.0.history.iter().cloned().map(PyMissionRecord).collect()
    }
    /// Date the mission was won, if it was.
    #[getter]
    fn won_on(&self) -> Option<chrono::NaiveDate> {
        self.0.won_on()
    }
    fn __repr__(&self) -> String {
        format!(
            "Mission(id='{}', provider='{}', status='{}', lead_origin='{}', revenue={})",
            self.0.id,
            self.0.provider,
            self.status(),
            self.lead_origin(),
            self.0.revenue.map_or("None".into(), |m| format!("Decimal('{}')", m.amount()))
        )
    }
}

// ---- catalogues and charter ---------------------------------------------------------

/// An item of a catalogue.
#[pyclass(module = "coopetition", name = "CatalogueItem", frozen, eq, get_all)]
#[derive(Clone, PartialEq)]
pub struct PyCatalogueItem {
    /// Section: `needs`, `network_engagements`, `member_engagements` or `contributions`.
    pub section: &'static str,
    /// Stable id.
    pub id: String,
    /// French wording.
    pub fr: String,
    /// English wording.
    pub en: String,
    /// Whether choosing it needs a free-text detail.
    pub free_text: bool,
    /// Whether every contract includes it (engagements).
    pub required: bool,
    /// Contribution form label, for contributions.
    pub form: Option<&'static str>,
}

#[pymethods]
impl PyCatalogueItem {
    /// The wording in `lang`.
    #[pyo3(signature = (lang = "en"))]
    fn text(&self, #[pyo3(from_py_with = crate::convert::str_arg)] lang: &str) -> PyResult<String> {
        Ok(match crate::convert::lang(lang)? {
            Lang::Fr => self.fr.clone(),
            Lang::En => self.en.clone(),
        })
    }
    fn __repr__(&self) -> String {
        format!("CatalogueItem('{}', '{}')", self.section, self.id)
    }
}

/// The catalogue items of one actor kind, in order.
pub fn catalogue_items(kind: &str) -> PyResult<Vec<PyCatalogueItem>> {
    let k: ActorKind = label(kind)?;
    let c: &KindCatalogue = Catalogues::shipped().kind(k).py()?;
    let mut out = Vec::new();
    for i in &c.needs {
        out.push(PyCatalogueItem {
            section: "needs",
            id: i.id.clone(),
            fr: i.fr.clone(),
            en: i.en.clone(),
            free_text: i.free_text,
            required: false,
            form: None,
        });
    }
    for (section, list) in
        [("network_engagements", &c.network_engagements), ("member_engagements", &c.member_engagements)]
    {
        for i in list {
            out.push(PyCatalogueItem {
                section,
                id: i.id.clone(),
                fr: i.fr.clone(),
                en: i.en.clone(),
                free_text: false,
                required: i.required,
                form: None,
            });
        }
    }
    for i in &c.contributions {
        out.push(PyCatalogueItem {
            section: "contributions",
            id: i.id.clone(),
            fr: i.fr.clone(),
            en: i.en.clone(),
            free_text: i.free_text,
            required: false,
            form: Some(i.form.label()),
        });
    }
    Ok(out)
}

/// A version of the cooperation charter.
#[pyclass(module = "coopetition", name = "Charter", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyCharter(pub CharterText);

#[pymethods]
impl PyCharter {
    /// Version number.
    #[getter]
    fn version(&self) -> u32 {
        self.0.version
    }
    /// In force from.
    #[getter]
    fn published_on(&self) -> chrono::NaiveDate {
        self.0.published_on
    }
    /// Title in `lang`.
    #[pyo3(signature = (lang = "fr"))]
    fn title(&self, #[pyo3(from_py_with = crate::convert::str_arg)] lang: &str) -> PyResult<String> {
        Ok(self.0.title.get(crate::convert::lang(lang)?).to_owned())
    }
    /// The five engagements in `lang`, as `(id, text)`.
    #[pyo3(signature = (lang = "fr"))]
    fn engagements(
        &self,
        #[pyo3(from_py_with = crate::convert::str_arg)] lang: &str,
    ) -> PyResult<Vec<(String, String)>> {
        let l = crate::convert::lang(lang)?;
        Ok(self
            .0
            .engagements
            .iter()
            .map(|a| {
                (
                    a.id.clone(),
                    match l {
                        Lang::Fr => a.fr.clone(),
                        Lang::En => a.en.clone(),
                    },
                )
            })
            .collect())
    }
    /// The mandate, consent and exclusion clauses in `lang`.
    #[pyo3(signature = (lang = "fr"))]
    fn clauses(
        &self,
        #[pyo3(from_py_with = crate::convert::str_arg)] lang: &str,
    ) -> PyResult<(String, String, String)> {
        let l = crate::convert::lang(lang)?;
        Ok((self.0.mandate.get(l).to_owned(), self.0.consent.get(l).to_owned(), self.0.exclusion.get(l).to_owned()))
    }
    /// The charter version as JSON (the shape `Charter.from_json` reads).
    fn to_json(&self) -> String {
        // Serialising these plain types cannot fail: no map has non-string keys.
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    /// A charter version from JSON, for `Network.publish_charter`; checked when published.
    #[staticmethod]
    fn from_json(json: Str<'_>) -> PyResult<Self> {
        serde_json::from_str(&json)
            .map(PyCharter)
            .map_err(|e| coopetition::Error::MalformedJson { line: None, message: e.to_string() })
            .py()
    }
    fn __repr__(&self) -> String {
        format!("Charter(version={}, published_on={})", self.0.version, self.0.published_on)
    }
}
