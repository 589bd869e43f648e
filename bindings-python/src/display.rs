//! How a comparison shows in a notebook and draws: as its summary does,
//! from the same tables (`coopetition._display`, `coopetition._plots`).

use crate::arrow::PyComparison;
use pyo3::prelude::*;

// A comparison shows and draws as its summary does: the same tables.
#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyComparison {
    /// The comparison as HTML for notebooks: its summary table, one row per
    /// policy (`coopetition._display.summary_html`).
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
}
