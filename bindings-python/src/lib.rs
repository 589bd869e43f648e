//! Python bindings of coopetition (pyo3). Thin: conversions only, no rule.
#![forbid(unsafe_code)]

mod arrow;
mod convert;
mod errors;
mod event;
mod followup;
mod handle;
mod ledger;
mod network;
mod policy;
mod records;
mod types;

use pyo3::prelude::*;

/// The native module, re-exported by the `coopetition` package.
#[pymodule]
fn _coopetition(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<handle::PyNetwork>()?;
    m.add_class::<types::PyActor>()?;
    m.add_class::<types::PyChoice>()?;
    m.add_class::<types::PyContractTerms>()?;
    m.add_class::<types::PyContractVersion>()?;
    m.add_class::<types::PyContract>()?;
    m.add_class::<types::PyResource>()?;
    m.add_class::<types::PyMissionRecord>()?;
    m.add_class::<types::PyMission>()?;
    m.add_class::<types::PyCatalogueItem>()?;
    m.add_class::<types::PyCharter>()?;
    errors::register(m)?;
    policy::register(m)?;
    records::register(m)?;
    arrow::register(m)?;
    Ok(())
}
