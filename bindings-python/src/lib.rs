//! Python bindings of coopetition (pyo3). Thin: conversions only, no rule.
#![forbid(unsafe_code)]

mod arrow;
mod calls;
mod convert;
mod diagnostics;
mod display;
mod errors;
mod event;
mod followup;
mod format;
mod handle;
mod journal;
mod leads;
mod ledger;
mod network;
mod origins;
mod policy;
mod solve;
mod store;
mod streams;
mod summary;
mod sweep;
mod types;

use pyo3::prelude::*;

// The type stubs of the module, gathered from the `gen_stub` attributes (see
// `src/bin/stub_gen.rs`, which writes them).
pyo3_stub_gen::define_stub_info_gatherer!(stub_info);
pyo3_stub_gen::module_doc!(
    "coopetition",
    "The native module, re-exported by the `coopetition` package. Money is `decimal.Decimal` \
     (floats are refused), dates are `datetime.date`."
);

/// The native module, re-exported by the `coopetition` package.
#[pymodule]
fn _coopetition(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<handle::PyNetwork>()?;
    errors::register(m)?;
    policy::register(m)?;
    coopetition::python::add_records(m)?;
    arrow::register(m)?;
    format::register(m)?;
    diagnostics::register(m)?;
    solve::register(m)?;
    sweep::register(m)?;
    Ok(())
}
