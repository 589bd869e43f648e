//! The classes of `coopetition.errors`, from the core's table of families.

pub use coopetition::python::IntoPy;
use pyo3::prelude::*;
use pyo3::types::PyModule;

/// The classes of `coopetition.errors` as `(name, bases, doc, codes)`, which
/// `tools/generate_errors.py` writes out and the tests check.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
fn error_classes() -> Vec<coopetition::python::ErrorClass> {
    coopetition::python::error_classes()
}

/// Adds the error table to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(error_classes, m)?)
}
