//! Policies, parameters and evaluation; Python-implemented policies plug in.

use crate::convert::{money, rate, MoneyArg, Str, UserText};
use crate::errors::IntoPy;
use crate::types::catalogue_items;
use coopetition::charter::shipped_charter;
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::{
    builtin, Assessment, BehaviourModel, Cap, ContributionPolicy, Floor, MissionFacts, Parameters, Provenance,
    YearlyCap,
};
use coopetition::prelude::*;
use coopetition::Error;
use pyo3::prelude::*;
use std::sync::Arc;

/// Time-versioned parameters of the policies (flat rate, guide, in-kind valuation).
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Parameters", frozen)]
#[derive(Clone)]
pub struct PyParameters(pub Arc<Parameters>);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyParameters {
    /// The shipped parameters: 5% from 2020-01-01, the shipped guide, the default valuation.
    #[staticmethod]
    fn shipped() -> Self {
        PyParameters(Arc::new(Parameters::shipped().clone()))
    }
    /// Parameters from JSON (see the Rust `Parameters::load`); absent sections keep the shipped values.
    #[staticmethod]
    fn load(json: Str<'_>) -> PyResult<Self> {
        Ok(PyParameters(Arc::new(Parameters::load(&json).py()?)))
    }
    /// The shipped parameters with another flat rate from 2020-01-01.
    #[staticmethod]
    fn with_flat_rate(value: MoneyArg<'_>) -> PyResult<Self> {
        Ok(PyParameters(Arc::new(Parameters::with_flat_rate(rate("rate", &value)?).py()?)))
    }
    /// The flat rate in force on a date.
    fn flat_rate_at(&self, on: chrono::NaiveDate) -> PyResult<Decimal> {
        Ok(self.0.flat_rate_at(on).py()?.0)
    }
    /// The guide's situations in force on a date, as `(id, rate, in_kind_rate)`.
    fn guide_at(&self, on: chrono::NaiveDate) -> PyResult<Vec<(String, Decimal, Decimal)>> {
        Ok(self.0.guide_at(on).py()?.situations().iter().map(|s| (s.id.clone(), s.rate, s.in_kind_rate)).collect())
    }
    /// The parameters as JSON.
    fn to_json(&self) -> String {
        self.0.to_json()
    }
    // Typed as `object.__eq__` (pyo3 answers `NotImplemented` to anything but a `Parameters`).
    #[gen_stub(skip)]
    fn __eq__(&self, other: PyRef<'_, PyParameters>) -> bool {
        self.0 == other.0
    }
    fn __repr__(&self) -> String {
        format!(
            "Parameters(flat_rate_periods={}, guide_periods={}, in_kind_periods={})",
            self.0.flat_rate.periods().len(),
            self.0.guide.periods().len(),
            self.0.in_kind.periods().len()
        )
    }
}

/// A policy implemented in Python: an object with a `name` and an
/// `evaluate(mission, parameters)` method returning the amount due.
pub struct ForeignPolicy {
    object: Py<PyAny>,
    name: String,
}

impl ContributionPolicy for ForeignPolicy {
    fn name(&self) -> &str {
        &self.name
    }

    fn evaluate(&self, mission: &MissionFacts, params: &Parameters) -> coopetition::Result<Assessment> {
        let failed =
            |message: String| Error::PolicyFailed { policy: self.name.clone(), mission: mission.describe(), message };
        Python::attach(|py| {
            let facts = mission.clone();
            let parameters = PyParameters(Arc::new(params.clone()));
            let result = self
                .object
                .bind(py)
                .call_method1("evaluate", (facts, parameters))
                .map_err(|e| failed(e.to_string()))?;
            let amount = crate::convert::computed_money("amount", &result).map_err(|e| failed(e.to_string()))?;
            Assessment::custom(&self.name, mission, amount, Provenance::Computed)
        })
    }
}

/// A contribution policy: one of the seed's four, a Python one, or a
/// combination (floor, cap, yearly cap).
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Policy", frozen)]
#[derive(Clone)]
pub struct PyPolicy {
    pub inner: Arc<dyn ContributionPolicy>,
    /// The built-in policy it is, if any (evaluated in columnar form over Arrow tables).
    pub builtin: Option<BuiltinPolicy>,
}

impl PyPolicy {
    fn named(name: &str, model: Option<BehaviourModel>) -> PyResult<Self> {
        let inner: Arc<dyn ContributionPolicy> = Arc::from(builtin(name, model).py()?);
        Ok(PyPolicy { inner, builtin: Some(BuiltinPolicy::from_name(name, model).py()?) })
    }

    /// The flat-rate policy, the default of ledgers.
    pub fn flat_default() -> Self {
        PyPolicy { inner: Arc::new(coopetition::policy::FlatRate), builtin: Some(BuiltinPolicy::Flat) }
    }

    /// A policy from a `Policy` or any object following the protocol.
    pub fn from_object(object: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(p) = object.cast::<PyPolicy>() {
            return Ok(p.get().clone());
        }
        if !object.hasattr("evaluate")? {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "a policy is a coopetition.Policy or an object with `name` and `evaluate(mission, parameters)`",
            ));
        }
        let name = match object.getattr("name") {
            Ok(n) => n.extract::<UserText>()?.into(),
            Err(_) => object.get_type().name()?.to_string(),
        };
        Ok(PyPolicy { inner: Arc::new(ForeignPolicy { object: object.clone().unbind(), name }), builtin: None })
    }
}

/// Parameters or the shipped ones.
pub fn params_or_shipped(parameters: Option<PyRef<'_, PyParameters>>) -> Arc<Parameters> {
    parameters.map_or_else(|| Arc::new(Parameters::shipped().clone()), |p| p.0.clone())
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyPolicy {
    /// Flat rate: the rate in force (5% by default) of the revenue.
    #[staticmethod]
    fn flat() -> PyResult<Self> {
        PyPolicy::named("flat", None)
    }
    /// Guide of emblematic situations.
    #[staticmethod]
    fn guide() -> PyResult<Self> {
        PyPolicy::named("guide", None)
    }
    /// Self-assessed, optionally with a behaviour model for missing declarations.
    #[staticmethod]
    #[pyo3(signature = (model = None))]
    fn self_assessed(model: Option<PyRef<'_, BehaviourModel>>) -> PyResult<Self> {
        PyPolicy::named("self_assessed", model.map(|m| *m))
    }
    /// Negotiated, optionally with a behaviour model for missing agreements.
    #[staticmethod]
    #[pyo3(signature = (model = None))]
    fn negotiated(model: Option<PyRef<'_, BehaviourModel>>) -> PyResult<Self> {
        PyPolicy::named("negotiated", model.map(|m| *m))
    }
    /// A built-in policy by name: `flat`, `guide`, `self_assessed`, `negotiated`.
    #[staticmethod]
    #[pyo3(signature = (name, model = None))]
    fn builtin(name: Str<'_>, model: Option<PyRef<'_, BehaviourModel>>) -> PyResult<Self> {
        PyPolicy::named(&name, model.map(|m| *m))
    }
    /// Wraps a Python object with `name` and `evaluate(mission, parameters) -> Decimal`.
    #[staticmethod]
    fn custom(
        #[gen_stub(override_type(type_repr = "PolicyProtocol", imports = ("coopetition._types.PolicyProtocol")))]
        object: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        PyPolicy::from_object(object)
    }
    /// This policy with a floor per mission (never above the revenue).
    fn with_floor(&self, floor: MoneyArg<'_>) -> PyResult<Self> {
        let inner = Arc::new(Floor { inner: self.inner.clone(), floor: money("floor", &floor)? });
        Ok(PyPolicy { inner, builtin: None })
    }
    /// This policy with a cap per mission.
    fn with_cap(&self, cap: MoneyArg<'_>) -> PyResult<Self> {
        let inner = Arc::new(Cap { inner: self.inner.clone(), cap: money("cap", &cap)? });
        Ok(PyPolicy { inner, builtin: None })
    }
    /// This policy with a cap per provider and calendar year (applies across missions in comparisons).
    fn with_yearly_cap(&self, cap: MoneyArg<'_>) -> PyResult<Self> {
        let inner = Arc::new(YearlyCap { inner: self.inner.clone(), cap: money("cap", &cap)? });
        Ok(PyPolicy { inner, builtin: None })
    }
    /// The policy's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_owned()
    }
    /// Evaluates one mission with the given (or shipped) parameters.
    #[pyo3(signature = (mission, parameters = None))]
    fn evaluate(
        &self,
        mission: PyRef<'_, MissionFacts>,
        parameters: Option<PyRef<'_, PyParameters>>,
    ) -> PyResult<Assessment> {
        let result = match &parameters {
            Some(p) => self.inner.evaluate(&mission, &p.0),
            None => self.inner.evaluate(&mission, Parameters::shipped()),
        };
        result.py()
    }
    /// Evaluates many missions (combinators across missions, like a yearly cap, apply).
    #[pyo3(signature = (missions, parameters = None))]
    fn evaluate_all(
        &self,
        py: Python<'_>,
        #[gen_stub(override_type(type_repr = "collections.abc.Sequence[MissionFacts]", imports = ("collections.abc")))]
        missions: Vec<PyRef<'_, MissionFacts>>,
        parameters: Option<PyRef<'_, PyParameters>>,
    ) -> PyResult<Vec<Assessment>> {
        let facts: Vec<MissionFacts> = missions.iter().map(|m| MissionFacts::clone(m)).collect();
        let params = params_or_shipped(parameters);
        let inner = self.inner.clone();
        let results = py.detach(move || inner.evaluate_all(&facts, &params));
        results.into_iter().map(|r| r.py()).collect()
    }
    fn __repr__(&self) -> String {
        format!("Policy('{}')", self.inner.name())
    }
}

/// Evaluates a mission under a policy (a `Policy` or a Python object with `evaluate`).
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(signature = (policy, mission, parameters = None))]
fn evaluate(
    #[gen_stub(override_type(type_repr = "Policy | PolicyProtocol", imports = ("coopetition._types.PolicyProtocol")))]
    policy: &Bound<'_, PyAny>,
    mission: PyRef<'_, MissionFacts>,
    parameters: Option<PyRef<'_, PyParameters>>,
) -> PyResult<Assessment> {
    PyPolicy::from_object(policy)?.evaluate(mission, parameters)
}

/// The catalogue items of an actor kind.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
fn catalogue(kind: Str<'_>) -> PyResult<Vec<coopetition::catalogue::CatalogueEntry>> {
    catalogue_items(&kind)
}

/// The charter versions shipped with the library.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
fn shipped_charter_versions() -> Vec<coopetition::charter::CharterText> {
    shipped_charter().to_vec()
}

/// Every stable error code of the core.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
fn error_codes() -> Vec<&'static str> {
    Error::CODES.to_vec()
}

/// Registers the policy classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyParameters>()?;
    m.add_class::<PyPolicy>()?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(shipped_charter_versions, m)?)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    Ok(())
}
