//! `coopetition.Summary`: a comparison's mergeable summary, and the tables
//! a comparison and a summary share.

use crate::errors::IntoPy;
use arrow_array::RecordBatch;
use coopetition::policy::compare::rates::EXACT_RATES;
use coopetition::policy::compare::{Comparison, Summary};
use coopetition::prelude::*;
use coopetition_arrow::Breakdown;
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3_arrow::PyTable;

/// pyarrow, imported; without it, an `ImportError` that names the extra to
/// install (the package itself needs no pyarrow: only its tables do).
pub(crate) fn pyarrow(py: Python<'_>) -> PyResult<Bound<'_, pyo3::types::PyModule>> {
    py.import("pyarrow").map_err(|e| {
        if e.is_instance_of::<pyo3::exceptions::PyModuleNotFoundError>(py) {
            pyo3::exceptions::PyImportError::new_err(
                "this returns pyarrow tables, and pyarrow is not installed: pip install 'coopetition[arrow]'",
            )
        } else {
            e
        }
    })
}

/// One record batch as a pyarrow Table.
pub(crate) fn to_pyarrow<'py>(py: Python<'py>, batch: RecordBatch) -> PyResult<Bound<'py, PyAny>> {
    pyarrow(py)?;
    let schema = batch.schema();
    PyTable::try_new(vec![batch], schema)?.into_pyarrow(py)
}

/// The summary table of a comparison: one row per policy.
pub(crate) fn summary_table<'py>(py: Python<'py>, c: &Comparison) -> PyResult<Bound<'py, PyAny>> {
    to_pyarrow(py, coopetition_arrow::summary_batch(c).py()?)
}

/// A breakdown table of a comparison.
pub(crate) fn breakdown_table<'py>(py: Python<'py>, c: &Comparison, by: Breakdown) -> PyResult<Bound<'py, PyAny>> {
    to_pyarrow(py, coopetition_arrow::breakdown_batch(c, by).py()?)
}

/// The mergeable summary of a comparison (`compare(...).state()`): sent
/// between processes (`to_json`/`from_json`, pickling) and merged with the
/// summaries of other missions compared the same way (`Summary.merge`).
/// Totals, counts, the provenance mix and every breakdown merge exactly, to
/// the cent. The effective-rate figures are exact while the merged
/// summaries hold at most 1,048,576 rates per policy; beyond, they come from
/// a histogram of the rates: each quantile within 0.0122 % (2⁻¹³) of the
/// exact one, the Gini coefficient within 2⁻¹³ (`rates_exact` says which).
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Summary", frozen, eq)]
pub struct PySummary {
    summary: Summary,
    comparison: Comparison,
}

impl PartialEq for PySummary {
    fn eq(&self, other: &PySummary) -> bool {
        self.summary == other.summary
    }
}

impl PySummary {
    /// The summary and the comparison it gives.
    pub(crate) fn new(summary: Summary) -> PyResult<PySummary> {
        let comparison = summary.comparison().py()?;
        Ok(PySummary::of(summary, comparison))
    }

    /// The comparison the summary gives.
    pub(crate) fn comparison(&self) -> &Comparison {
        &self.comparison
    }

    /// The summary with the comparison it gives, already computed.
    pub(crate) fn of(summary: Summary, comparison: Comparison) -> PySummary {
        PySummary { summary, comparison }
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PySummary {
    /// The summary of all the missions of `summaries` (compared under the
    /// same parameters and policies: else a `BatchError`
    /// `batch.summary.mismatch`).
    #[classmethod]
    fn merge(
        _cls: &Bound<'_, PyType>,
        #[gen_stub(override_type(type_repr = "collections.abc.Sequence[Summary]", imports = ("collections.abc")))]
        summaries: Vec<PyRef<'_, PySummary>>,
    ) -> PyResult<PySummary> {
        let parts: Vec<&Summary> = summaries.iter().map(|s| &s.summary).collect();
        PySummary::new(Summary::merge_within(&parts, EXACT_RATES).py()?)
    }
    /// A summary written by `to_json` (else a `BatchError` `batch.summary.invalid`).
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<PySummary> {
        PySummary::new(Summary::from_json(text).py()?)
    }
    /// The summary as JSON, complete: `Summary.from_json` reads it back.
    fn to_json(&self) -> String {
        self.summary.to_json()
    }
    /// The summary table (pyarrow Table, one row per policy), as `Comparison.summary`.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        summary_table(py, &self.comparison)
    }
    /// The summary table (pyarrow Table, one row per policy).
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        summary_table(py, &self.comparison)
    }
    /// Amount due by lead origin, per policy (pyarrow Table).
    #[getter]
    fn by_lead_origin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        breakdown_table(py, &self.comparison, Breakdown::LeadOrigin)
    }
    /// Amount due by lead-origin basis, per policy (pyarrow Table).
    #[getter]
    fn by_lead_origin_basis<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        breakdown_table(py, &self.comparison, Breakdown::LeadOriginBasis)
    }
    /// Amount due by guide situation, per policy (pyarrow Table).
    #[getter]
    fn by_situation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        breakdown_table(py, &self.comparison, Breakdown::Situation)
    }
    /// Amount due by provider, per policy (pyarrow Table).
    #[getter]
    fn by_provider<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        breakdown_table(py, &self.comparison, Breakdown::Provider)
    }
    /// The number of missions summarised.
    #[getter]
    fn missions(&self) -> u64 {
        self.summary.missions()
    }
    /// The policies' names, in order.
    #[getter]
    fn policies(&self) -> Vec<String> {
        self.summary.policy_names()
    }
    /// Whether the effective-rate figures are exact (every rate kept).
    #[getter]
    fn rates_exact(&self) -> bool {
        self.summary.rates_exact()
    }
    /// Total due per policy, exact.
    fn totals(&self) -> Vec<(String, Decimal)> {
        self.comparison.policies.iter().map(|p| (p.policy.clone(), p.total_due)).collect()
    }
    /// The whole comparison as JSON (money as decimal strings), as `Comparison.to_json`.
    fn comparison_json(&self) -> String {
        serde_json::to_string(&self.comparison).unwrap_or_default()
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py.get_type::<PySummary>().getattr("from_json")?;
        Ok((from_json, (self.summary.to_json(),)))
    }
    /// The summary as HTML for notebooks: one row per policy
    /// (`coopetition._display.summary_html`).
    #[pyo3(name = "_repr_html_")]
    fn repr_html(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("coopetition._display")?.call_method1("summary_html", (slf,))?.extract()
    }
    /// Grouped bars of each policy by lead origin (or `by` another breakdown:
    /// `lead_origin_basis`, `situation`, `provider`): the share of the
    /// group's revenue due (`y="rate"`) or the amount due (`y="due"`), drawn
    /// with matplotlib (`pip install 'coopetition[plots]'`) on `ax` or a new
    /// figure's Axes, tick labels in `lang`; returns the Axes.
    #[pyo3(signature = (by = "lead_origin", y = "rate", ax = None, lang = "fr"))]
    fn plot<'py>(
        slf: &Bound<'py, Self>,
        #[gen_stub(override_type(type_repr = "typing.Literal[\"lead_origin\", \"lead_origin_basis\", \"situation\", \"provider\"]", imports = ("typing")))]
        by: &str,
        #[gen_stub(override_type(type_repr = "typing.Literal[\"rate\", \"due\"]", imports = ("typing")))] y: &str,
        ax: Option<Bound<'py, PyAny>>,
        #[gen_stub(override_type(type_repr = "typing.Literal[\"fr\", \"en\"]", imports = ("typing")))] lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("coopetition._plots")?.call_method1("plot_comparison", (slf, by, y, ax, lang))
    }
    fn __repr__(&self) -> String {
        format!(
            "Summary(missions={}, policies={:?}, rates_exact={})",
            self.summary.missions(),
            self.comparison.policies.iter().map(|p| (p.policy.as_str(), p.total_due.to_string())).collect::<Vec<_>>(),
            if self.summary.rates_exact() { "True" } else { "False" }
        )
    }
}
