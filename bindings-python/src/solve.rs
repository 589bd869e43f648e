//! `coopetition.solve`: the flat rate, or the guide's factor, whose total
//! due comes closest to a target (`coopetition::policy::solve`).

use crate::arrow::{options, read_table, requested};
use crate::convert::money;
use crate::errors::IntoPy;
use crate::policy::{params_or_shipped, PyParameters, PyPolicy};
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::solve::{Knob, Solution, Target};
use coopetition_arrow::Policy;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyModule, PyString};
use rust_decimal::Decimal;

/// The target: a policy's total (its name or a built-in `Policy`), or an amount in euros.
fn target(value: &Bound<'_, PyAny>) -> PyResult<Target> {
    // A string that is not a number names a policy.
    let named = match value.cast::<PyString>() {
        Ok(text) => text.to_str()?.parse::<Decimal>().is_err(),
        Err(_) => value.is_instance_of::<PyPolicy>(),
    };
    if named {
        return match requested(value, None)? {
            Policy::Builtin(p) => Ok(Target::PolicyTotal(p)),
            Policy::Other(_) => Err(PyTypeError::new_err("the target is an amount or a built-in policy's total")),
        };
    }
    Ok(Target::Amount(money("target", value)?.amount()))
}

/// Finds the flat rate (`setting="flat_rate"`, under the flat policy) or
/// the factor of every guide rate (`setting="guide_scale"`, under the
/// guide) whose total due over `missions` comes closest to `target`: an
/// amount in euros (`Decimal`, int or numeric string; floats are refused),
/// or another policy's total on the same missions (`"guide"`, a built-in
/// `Policy`).
///
/// The value is sought on a grid of steps of `precision` (`"0.0001"`, a
/// hundredth of a percentage point, by default): the flat rate from 0 to 1,
/// the factor from 0 to the largest that keeps every rate at most 1. Each
/// total is exact to the cent; of the two steps around the target the
/// closer wins (the lower on a tie). About twenty passes over the missions:
/// about 0.1 s for a million.
///
/// Returns a `Solution`: `setting`, `value`, `total_due`, `target`,
/// `residual` (`total_due − target`, exact), `precision`, `evaluations`.
/// A target below the total at 0 or above the total at the highest value
/// fails with `policy.target.unreachable`, whose message gives the closest
/// total and the value that reaches it.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(signature = (missions, setting, target, *, precision = None, parameters = None, round_floats = false, threads = None))]
#[allow(clippy::too_many_arguments)]
pub fn solve(
    py: Python<'_>,
    missions: &Bound<'_, PyAny>,
    #[gen_stub(override_type(type_repr = "typing.Literal['flat_rate', 'guide_scale']", imports = ("typing")))]
    setting: &str,
    #[gen_stub(override_type(type_repr = "Money | typing.Literal['flat', 'guide', 'self_assessed', 'negotiated'] | Policy", imports = ("typing")))]
    target: &Bound<'_, PyAny>,
    #[gen_stub(override_type(type_repr = "Money | None", imports = ()))] precision: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
    #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] round_floats: bool,
    threads: Option<i64>,
) -> PyResult<PySolution> {
    let knob = Knob::from_name(setting).py()?;
    let goal = self::target(target)?;
    let precision = match precision {
        Some(p) => crate::convert::rate("precision", p)?,
        None => Decimal::new(1, 4),
    };
    let params = params_or_shipped(parameters);
    let options = options(round_floats, false, threads)?;
    // The guide's columns too, whatever the setting, as for sweeps.
    let mut policies = vec![knob.policy(), BuiltinPolicy::Guide];
    if let Target::PolicyTotal(p) = &goal {
        policies.push(*p);
    }
    let wanted = coopetition_arrow::columns_read(&policies, false);
    let input = read_table(py, missions, &wanted)?;
    let solution =
        py.detach(move || coopetition_arrow::solve(&input, knob, &goal, precision, &params, &options)).py()?;
    Ok(PySolution { solution })
}

/// What `coopetition.solve` finds.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Solution", frozen)]
pub struct PySolution {
    solution: Solution,
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PySolution {
    /// The setting solved: `flat_rate` or `guide_scale`.
    #[getter]
    fn setting(&self) -> String {
        self.solution.setting.name()
    }

    /// The value found (a rate, or a factor).
    #[getter]
    fn value(&self) -> Decimal {
        self.solution.setting.value()
    }

    /// The total due at that value, exact, in euros.
    #[getter]
    fn total_due(&self) -> Decimal {
        self.solution.total_due
    }

    /// The target, in euros.
    #[getter]
    fn target(&self) -> Decimal {
        self.solution.target
    }

    /// `total_due − target`, exact.
    #[getter]
    fn residual(&self) -> Decimal {
        self.solution.residual
    }

    /// The step of the grid searched.
    #[getter]
    fn precision(&self) -> Decimal {
        self.solution.precision
    }

    /// The totals computed.
    #[getter]
    fn evaluations(&self) -> u32 {
        self.solution.evaluations
    }

    /// The solution as HTML for notebooks (`coopetition._display.solution_html`).
    #[pyo3(name = "_repr_html_")]
    fn repr_html(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("coopetition._display")?.call_method1("solution_html", (slf,))?.extract()
    }

    fn __repr__(&self) -> String {
        let s = &self.solution;
        format!(
            "Solution({}={}, total_due={}, target={}, residual={})",
            s.setting.name(),
            s.setting.value(),
            s.total_due,
            s.target,
            s.residual
        )
    }
}

/// Adds `solve` and `Solution` to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySolution>()?;
    m.add_function(wrap_pyfunction!(solve, m)?)
}
