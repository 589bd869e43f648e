//! `coopetition.sweep`: one set of missions under many variants of the
//! parameters (`coopetition::policy::sweep`), as a pyarrow table.

use crate::arrow::{options, read_table, requested};
use crate::convert::rate;
use crate::errors::IntoPy;
use crate::policy::{params_or_shipped, PyParameters};
use crate::summary::to_pyarrow;
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::sweep::{grid, Setting, Sweep as CoreSweep};
use coopetition_arrow::Policy;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyModule};
use rust_decimal::Decimal;

/// The values of one setting: a Decimal, an int or a numeric string, or a
/// sequence of them (floats are refused, as everywhere).
fn values(name: &str, value: &Bound<'_, PyAny>) -> PyResult<Vec<Decimal>> {
    if value.is_instance_of::<pyo3::types::PyString>() || !value.hasattr("__iter__")? {
        return Ok(vec![rate(name, value)?]);
    }
    value.try_iter()?.map(|v| rate(name, &v?)).collect()
}

/// The variants `settings` describes: a dict of settings and their values
/// (every combination: a grid), or a list of dicts (one variant each).
fn variants(settings: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<Setting>>> {
    if let Ok(dict) = settings.cast::<PyDict>() {
        let mut axes = Vec::with_capacity(dict.len());
        for (name, value) in dict.iter() {
            let name: String = name.extract()?;
            let values = values(&name, &value)?;
            axes.push((name, values));
        }
        return grid(&axes).py();
    }
    let mut out = Vec::new();
    for variant in settings.try_iter()? {
        let variant = variant?;
        let dict = variant.cast::<PyDict>().map_err(|_| {
            PyTypeError::new_err("settings is a dict of settings and their values, or a list of dicts, one per variant")
        })?;
        let mut one = Vec::with_capacity(dict.len());
        for (name, value) in dict.iter() {
            let name: String = name.extract()?;
            one.push(Setting::named(&name, rate(&name, &value)?));
        }
        out.push(one);
    }
    Ok(out)
}

/// Evaluates one set of missions under many variants of the parameters, in
/// one call: the missions are read and their guide situations matched once;
/// each variant then costs one pass of the amounts kernel.
///
/// `settings` is a dict of settings and their values, every combination of
/// which is a variant (a grid: `{"network_referral": ["0.06", "0.08"],
/// "event_solo": ["0.03", "0.04"]}` makes four), or a list of dicts, one per
/// variant. A setting is `flat_rate` (in every period), `guide_scale` (every
/// situation's rate multiplied), the id of a guide situation (its rate),
/// `in_kind:` and the id of a guide situation (the part of its fair
/// contribution recognised in kind; the rate and it add up to at most 1),
/// `floor` (each amount raised to at least this many euros, never above the
/// mission's revenue) or `cap` (each amount lowered to at most this many
/// euros, after the floor). Values are `Decimal`, int or numeric strings;
/// floats are refused.
///
/// Returns a `Sweep`, whose `table` is a pyarrow table, one row per variant
/// in order: `settings` (text),
/// `priced`, `total_due` (decimal128, exact), `in_kind_credit` (what the
/// guide recognised in kind, beside the money due), the effective rates'
/// `rate_mean`, `rate_p10`, `rate_median`, `rate_p90` and `gini` (exact up
/// to 65,536 missions, beyond within 2⁻¹³ of the exact figures), then
/// `due_origin_<lead origin>` and `due_situation_<situation>` (exact).
/// A bad rate (`policy.rate.invalid`), situation
/// (`policy.situation.unknown`, listing the known ones) or floor or cap
/// (`money.amount.negative`, `money.amount.precision`: whole cents) fails
/// the call before anything is evaluated.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(signature = (missions, policy, settings, *, parameters = None, round_floats = false, threads = None))]
pub fn sweep<'py>(
    py: Python<'py>,
    missions: &Bound<'py, PyAny>,
    #[gen_stub(override_type(type_repr = "typing.Literal['flat', 'guide', 'self_assessed', 'negotiated']", imports = ("typing")))]
    policy: &Bound<'py, PyAny>,
    #[gen_stub(override_type(type_repr = "collections.abc.Mapping[builtins.str, Money | collections.abc.Sequence[Money]] | collections.abc.Sequence[collections.abc.Mapping[builtins.str, Money]]", imports = ("collections.abc", "builtins")))]
    settings: &Bound<'py, PyAny>,
    parameters: Option<PyRef<'_, PyParameters>>,
    #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] round_floats: bool,
    threads: Option<i64>,
) -> PyResult<PySweep> {
    let Policy::Builtin(policy) = requested(policy, None)? else {
        return Err(PyTypeError::new_err("sweep takes a built-in policy: flat, guide, self_assessed or negotiated"));
    };
    let variants = variants(settings)?;
    let params = params_or_shipped(parameters);
    let options = options(round_floats, false, threads)?;
    // The guide's columns too, whatever the policy: every variant's totals are broken down by situation.
    let wanted = coopetition_arrow::columns_read(&[policy, BuiltinPolicy::Guide], false);
    let input = read_table(py, missions, &wanted)?;
    let swept = py.detach(move || coopetition_arrow::sweep(&input, policy, &params, &variants, &options)).py()?;
    Ok(PySweep { sweep: swept })
}

/// What `coopetition.sweep` gives: one row per variant of the parameters.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Sweep", frozen)]
pub struct PySweep {
    sweep: CoreSweep,
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PySweep {
    /// A pyarrow table, one row per variant in order: `settings` (text),
    /// `priced`, `total_due` (decimal128, exact), `in_kind_credit` (exact),
    /// the effective rates'
    /// `rate_mean`, `rate_p10`, `rate_median`, `rate_p90` and `gini`, then
    /// `due_origin_<lead origin>` and `due_situation_<situation>` (exact).
    #[getter]
    fn table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, coopetition_arrow::sweep_batch(&self.sweep).py()?)
    }

    /// The policy evaluated.
    #[getter]
    fn policy(&self) -> String {
        self.sweep.policy.clone()
    }

    /// The number of missions.
    #[getter]
    fn missions(&self) -> u64 {
        self.sweep.missions
    }

    /// Their revenue, exact, in euros.
    #[getter]
    fn revenue(&self) -> Decimal {
        self.sweep.revenue
    }

    /// The guide situations the `due_situation_<situation>` columns name.
    #[getter]
    fn situations(&self) -> Vec<String> {
        self.sweep.situations.clone()
    }

    /// Each variant's settings, as `(name, value)` pairs in the order given.
    #[getter]
    fn settings(&self) -> Vec<Vec<(String, Decimal)>> {
        self.sweep.rows.iter().map(|r| r.settings.iter().map(|s| (s.name(), s.value())).collect()).collect()
    }

    /// Each variant's total due, exact, in euros.
    #[getter]
    fn totals(&self) -> Vec<Decimal> {
        self.sweep.rows.iter().map(|r| r.total_due).collect()
    }

    /// The number of variants.
    fn __len__(&self) -> usize {
        self.sweep.rows.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Sweep(policy={:?}, missions={}, variants={})",
            self.sweep.policy,
            self.sweep.missions,
            self.sweep.rows.len()
        )
    }

    /// The sweep as HTML for notebooks: its policy, missions and revenue,
    /// then its first 20 variants (`coopetition._display.sweep_html`).
    #[pyo3(name = "_repr_html_")]
    fn repr_html(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("coopetition._display")?.call_method1("sweep_html", (slf,))?.extract()
    }

    /// Draws the columns `y` (default `("total_due", "gini")`: the first on
    /// the left axis, the second on a right one) against the setting `x`
    /// (default: the one setting that varies; the variant's number when
    /// several do) with matplotlib (`pip install 'coopetition[plots]'`), on
    /// `ax` or a new figure's Axes, tick labels in `lang`; returns the Axes.
    #[pyo3(signature = (x = None, y = None, ax = None, lang = "fr"))]
    fn plot<'py>(
        slf: &Bound<'py, Self>,
        x: Option<&str>,
        #[gen_stub(override_type(type_repr = "builtins.str | typing.Sequence[builtins.str] | None", imports = ("builtins", "typing")))]
        y: Option<Bound<'py, PyAny>>,
        ax: Option<Bound<'py, PyAny>>,
        #[gen_stub(override_type(type_repr = "typing.Literal[\"fr\", \"en\"]", imports = ("typing")))] lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("coopetition._plots")?.call_method1("plot_sweep", (slf, x, y, ax, lang))
    }
}

/// Adds `sweep` to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySweep>()?;
    m.add_function(wrap_pyfunction!(sweep, m)?)
}
