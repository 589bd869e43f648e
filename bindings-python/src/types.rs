//! The binding's own value objects (those not yet the core's classes) and the
//! shorthands that build the core's.

use crate::convert::{actor_id, label, mission_id, money, opt_money, MoneyArg, Str, UserText};
use crate::errors::IntoPy;
use coopetition::catalogue::{CatalogueEntry, Catalogues};
use coopetition::labels::Labelled;
use coopetition::money::Money;
use coopetition::policy::{Assessment, MissionFacts, NegotiationStage, NegotiationState, Step};
use coopetition::prelude::*;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Extracts resources from a list of `Resource` or names.
pub fn resources(items: Option<&Bound<'_, PyList>>) -> PyResult<Vec<Resource>> {
    items.map_or_else(|| Ok(Vec::new()), |items| coopetition::python::resources(items.as_any()))
}

// ---- evaluation -------------------------------------------------------------------

/// The facts of a won mission a policy evaluates (a "prepared" mission).
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "MissionFacts", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyMissionFacts(pub MissionFacts);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyMissionFacts {
    #[new]
    #[pyo3(signature = (provider, revenue, won_on, lead_origin, *, partners = 0, shared_resources = 0,
        steward_workstream = false, client_informed = false, declared = None, negotiation = None,
        donations = None, mission = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        provider: Str<'_>,
        revenue: MoneyArg<'_>,
        won_on: chrono::NaiveDate,
        lead_origin: Str<'_>,
        #[gen_stub(override_type(type_repr = "builtins.int", imports = ("builtins")))] partners: u32,
        #[gen_stub(override_type(type_repr = "builtins.int", imports = ("builtins")))] shared_resources: u32,
        #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] steward_workstream: bool,
        #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] client_informed: bool,
        declared: Option<MoneyArg<'_>>,
        #[gen_stub(override_type(type_repr = "builtins.dict[builtins.str, typing.Any] | None", imports = ("builtins", "typing")))]
        negotiation: Option<&Bound<'_, PyDict>>,
        donations: Option<MoneyArg<'_>>,
        mission: Option<Str<'_>>,
    ) -> PyResult<Self> {
        let mut facts =
            MissionFacts::new(actor_id(&provider)?, money("revenue", &revenue)?, won_on, label(&lead_origin)?);
        facts.partners = partners;
        facts.shared_resources = shared_resources;
        facts.steward_workstream = steward_workstream;
        facts.client_informed = client_informed;
        facts.declared = opt_money("declared", declared.as_deref())?;
        facts.donations = opt_money("donations", donations.as_deref())?.unwrap_or(Money::ZERO);
        facts.mission = mission.map(|m| mission_id(&m)).transpose()?;
        if let Some(n) = negotiation {
            facts.negotiation = negotiation_state(n)?;
        }
        Ok(PyMissionFacts(facts))
    }

    /// Facts from the JSON shape used by `tests/vectors` and the Rust core.
    #[staticmethod]
    fn from_json(json: Str<'_>) -> PyResult<Self> {
        MissionFacts::from_json(&json).map(PyMissionFacts).py()
    }
    /// The facts as JSON.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    /// Provider id.
    #[getter]
    fn provider(&self) -> &str {
        self.0.provider.as_str()
    }
    /// Mission id, if any.
    #[getter]
    fn mission(&self) -> Option<&str> {
        self.0.mission.as_ref().map(|m| m.as_str())
    }
    /// Revenue.
    #[getter]
    fn revenue(&self) -> Decimal {
        self.0.revenue.amount()
    }
    /// Date won.
    #[getter]
    fn won_on(&self) -> chrono::NaiveDate {
        self.0.won_on
    }
    /// Lead origin label.
    #[getter]
    fn lead_origin(&self) -> &'static str {
        self.0.lead_origin.label()
    }
    /// Network partners mobilised.
    #[getter]
    fn partners(&self) -> u32 {
        self.0.partners
    }
    /// Shared resources used.
    #[getter]
    fn shared_resources(&self) -> u32 {
        self.0.shared_resources
    }
    /// A steward developing resources for a workstream.
    #[getter]
    fn steward_workstream(&self) -> bool {
        self.0.steward_workstream
    }
    /// Client connected to the network.
    #[getter]
    fn client_informed(&self) -> bool {
        self.0.client_informed
    }
    /// Self-assessed declaration.
    #[getter]
    fn declared(&self) -> Option<Decimal> {
        self.0.declared.map(|m| m.amount())
    }
    /// Donations recorded for the mission.
    #[getter]
    fn donations(&self) -> Decimal {
        self.0.donations.amount()
    }
    /// The negotiation as a dict (`{"state": "agreed", "amount": Decimal, …}`).
    #[getter]
    #[gen_stub(override_return_type(type_repr = "builtins.dict[builtins.str, typing.Any]", imports = ("builtins", "typing")))]
    fn negotiation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("state", self.0.negotiation.stage().label())?;
        match self.0.negotiation {
            NegotiationState::NotOpened => {}
            NegotiationState::Open { offers, last_offer } => {
                d.set_item("offers", offers)?;
                d.set_item("last_offer", last_offer.map(|m| m.amount()))?;
            }
            NegotiationState::Agreed { amount, on, offers } => {
                d.set_item("amount", amount.amount())?;
                d.set_item("on", on)?;
                d.set_item("offers", offers)?;
            }
            NegotiationState::Stalemate { on, offers } => {
                d.set_item("on", on)?;
                d.set_item("offers", offers)?;
            }
        }
        Ok(d)
    }
    fn __repr__(&self) -> String {
        format!(
            "MissionFacts(provider='{}', revenue=Decimal('{}'), won_on={}, lead_origin='{}', partners={}, shared_resources={})",
            self.0.provider,
            self.0.revenue.amount(),
            self.0.won_on,
            self.lead_origin(),
            self.0.partners,
            self.0.shared_resources
        )
    }
}

fn negotiation_state(d: &Bound<'_, PyDict>) -> PyResult<NegotiationState> {
    let get = |k: &str| d.get_item(k);
    let stage = match get("state")? {
        Some(v) => label::<NegotiationStage>(&v.extract::<UserText>()?.0)?,
        None => NegotiationStage::NotOpened,
    };
    let offers: u32 = get("offers")?.map(|v| v.extract()).transpose()?.unwrap_or(0);
    let on = || -> PyResult<chrono::NaiveDate> {
        get("on")?.ok_or_else(|| PyTypeError::new_err("negotiation needs `on`"))?.extract()
    };
    Ok(match stage {
        NegotiationStage::NotOpened => NegotiationState::NotOpened,
        NegotiationStage::Open => {
            NegotiationState::Open { offers, last_offer: opt_money("last_offer", get("last_offer")?.as_ref())? }
        }
        NegotiationStage::Agreed => NegotiationState::Agreed {
            amount: money("amount", &get("amount")?.ok_or_else(|| PyTypeError::new_err("agreed needs `amount`"))?)?,
            on: on()?,
            offers,
        },
        NegotiationStage::Stalemate => NegotiationState::Stalemate { on: on()?, offers },
    })
}

/// One step of an explanation.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Step", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyStep(pub Step);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyStep {
    /// Stable code (`flat.rate`…).
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code.label()
    }
    /// Parameters used, as plain strings (rates as fractions, ISO dates).
    #[getter]
    fn params(&self) -> Vec<(&'static str, String)> {
        self.0.named_params().map(|(n, p)| (n, p.to_plain())).collect()
    }
    /// The sentence in English.
    #[getter]
    fn en(&self) -> String {
        self.0.sentence(Lang::En)
    }
    /// The sentence in French.
    #[getter]
    fn fr(&self) -> String {
        self.0.sentence(Lang::Fr)
    }
    /// The sentence in `lang` (`"fr"` or `"en"`).
    #[pyo3(signature = (lang = "en"))]
    fn sentence(
        &self,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        lang: &str,
    ) -> PyResult<String> {
        Ok(self.0.sentence(crate::convert::lang(lang)?))
    }
    fn __repr__(&self) -> String {
        format!("Step('{}', {:?})", self.code(), self.params())
    }
}

/// What a policy says a mission owes, and why.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Assessment", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyAssessment(pub Assessment);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyAssessment {
    /// `priced`, `pending`, `undeclared` or `stalemate`.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.label()
    }
    /// Money due (rounded to the cent), or None when not priced.
    #[getter]
    fn amount(&self) -> Option<Decimal> {
        self.0.amount.map(|m| m.amount())
    }
    /// Value recognised in kind.
    #[getter]
    fn in_kind_credit(&self) -> Decimal {
        self.0.in_kind_credit.amount()
    }
    /// Donations recorded beside the amount due.
    #[getter]
    fn donations(&self) -> Decimal {
        self.0.donations.amount()
    }
    /// `computed`, `declared`, `negotiated` or `modelled`.
    #[getter]
    fn provenance(&self) -> &'static str {
        self.0.provenance.label()
    }
    /// The guide situation matched, if any.
    #[getter]
    fn situation(&self) -> Option<String> {
        self.0.situation.as_deref().map(str::to_owned)
    }
    /// The explanation's steps.
    #[getter]
    fn steps(&self) -> Vec<PyStep> {
        self.0.explanation.steps().map(PyStep).collect()
    }
    /// The explanation's codes, in order.
    #[getter]
    fn codes(&self) -> Vec<&'static str> {
        self.0.explanation.codes()
    }
    /// The explanation as numbered sentences in `lang`.
    #[pyo3(signature = (lang = "en"))]
    fn explain(
        &self,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        lang: &str,
    ) -> PyResult<String> {
        Ok(self.0.explanation.render(crate::convert::lang(lang)?))
    }
    /// The assessment as the core's JSON (see the Rust `Assessment::to_json`).
    fn to_json(&self) -> String {
        self.0.to_json()
    }
    /// An assessment from the core's JSON, read strictly.
    #[staticmethod]
    fn from_json(text: Str<'_>) -> PyResult<Self> {
        Assessment::from_json(&text).map(PyAssessment).py()
    }
    fn __repr__(&self) -> String {
        format!(
            "Assessment(status='{}', amount={}, provenance='{}', situation={}, codes={:?})",
            self.status(),
            self.0.amount.map_or("None".into(), |m| format!("Decimal('{}')", m.amount())),
            self.provenance(),
            self.0.situation.as_deref().map_or("None".into(), |s| format!("'{s}'")),
            self.codes()
        )
        .replace('"', "'")
    }
}

// ---- catalogues ---------------------------------------------------------------------

/// The catalogue entries of one actor kind, in order.
pub fn catalogue_items(kind: &str) -> PyResult<Vec<CatalogueEntry>> {
    Ok(Catalogues::shipped().kind(label(kind)?).py()?.entries())
}
