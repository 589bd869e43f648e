//! `Comparison.diagnostics()` and `Summary.diagnostics()`: fairness
//! diagnostics (`coopetition::policy::diagnostics`) as pyarrow tables.

use crate::arrow::PyComparison;
use crate::errors::IntoPy;
use crate::summary::{to_pyarrow, PySummary};
use coopetition::policy::compare::Comparison;
use coopetition::policy::diagnostics::{diagnose, PolicyDiagnostics};
use pyo3::prelude::*;
use pyo3::types::PyModule;

/// Fairness diagnostics of each policy of a comparison: the effective rate
/// (due over revenue) by lead origin, by situation and by provider size
/// (providers ranked by revenue in ten bands of about equal count), the
/// concentration curve of contributions against revenue (providers from
/// the lowest effective rate to the highest) and its index, and each
/// provider's gap to the guide (when the comparison holds `guide`).
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Diagnostics", frozen)]
pub struct PyDiagnostics {
    policies: Vec<PolicyDiagnostics>,
}

impl PyDiagnostics {
    fn of(comparison: &Comparison) -> PyResult<PyDiagnostics> {
        Ok(PyDiagnostics { policies: diagnose(comparison).py()? })
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyDiagnostics {
    /// The policies, in the comparison's order.
    #[getter]
    fn policies(&self) -> Vec<String> {
        self.policies.iter().map(|p| p.policy.clone()).collect()
    }

    /// `policy`, `key` (lead origin), `missions`, `priced`, `revenue`, `due`
    /// (exact), `rate` (null without revenue).
    #[getter]
    fn by_lead_origin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, coopetition_arrow::rate_groups_batch(&self.policies, |p| &p.by_lead_origin).py()?)
    }

    /// The same columns by guide situation (`key`).
    #[getter]
    fn by_situation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, coopetition_arrow::rate_groups_batch(&self.policies, |p| &p.by_situation).py()?)
    }

    /// `policy`, `band` (1, the smallest providers, to 10), `providers`,
    /// `revenue_min`, `revenue_max`, `revenue`, `due` (exact), `rate`.
    #[getter]
    fn by_size<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, coopetition_arrow::size_batch(&self.policies).py()?)
    }

    /// The concentration curves: `policy`, `revenue_share`, `due_share`,
    /// from (0, 0) to (1, 1) (no row for a policy under which nothing is due).
    #[getter]
    fn lorenz<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, coopetition_arrow::lorenz_batch(&self.policies).py()?)
    }

    /// `policy`, `concentration`: the index of each curve, 0 when every
    /// provider pays the same share of their revenue.
    #[getter]
    fn concentration<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, coopetition_arrow::concentration_batch(&self.policies).py()?)
    }

    /// `policy`, `provider`, `revenue`, `due`, `guide_due`, `gap` (`due −
    /// guide_due`, exact): who pays more than the guide suggests, the
    /// largest gap first; no row without a `guide` policy in the comparison.
    #[getter]
    fn gaps<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, coopetition_arrow::gaps_batch(&self.policies).py()?)
    }

    /// The concentration curves side by side, with the line of equal
    /// shares, drawn with matplotlib (`pip install 'coopetition[plots]'`)
    /// on `ax` or a new figure's Axes, labels in `lang`; returns the Axes.
    #[pyo3(signature = (ax = None, lang = "fr"))]
    fn plot_lorenz<'py>(
        slf: &Bound<'py, Self>,
        ax: Option<Bound<'py, PyAny>>,
        #[gen_stub(override_type(type_repr = "typing.Literal[\"fr\", \"en\"]", imports = ("typing")))] lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("coopetition._plots")?.call_method1("plot_lorenz", (slf, ax, lang))
    }

    /// The diagnostics as HTML for notebooks: each policy's concentration
    /// index, rate by size band and the provider most above the guide
    /// (`coopetition._display.diagnostics_html`).
    #[pyo3(name = "_repr_html_")]
    fn repr_html(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("coopetition._display")?.call_method1("diagnostics_html", (slf,))?.extract()
    }

    fn __repr__(&self) -> String {
        let index: Vec<String> = self
            .policies
            .iter()
            .map(|p| format!("{}: {}", p.policy, p.concentration.map_or("None".into(), |c| format!("{c:.4}"))))
            .collect();
        format!("Diagnostics(concentration={{{}}})", index.join(", "))
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyComparison {
    /// Fairness diagnostics of each policy (see `Diagnostics`).
    fn diagnostics(&self) -> PyResult<PyDiagnostics> {
        PyDiagnostics::of(self.comparison())
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PySummary {
    /// Fairness diagnostics of each policy (see `Diagnostics`), from the
    /// merged totals.
    fn diagnostics(&self) -> PyResult<PyDiagnostics> {
        PyDiagnostics::of(self.comparison())
    }
}

/// Adds `Diagnostics` to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDiagnostics>()
}
