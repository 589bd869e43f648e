//! The network's money and charter records, read-only: payments, donations,
//! in-kind deliveries, declarations, negotiations and charter signatures.

use coopetition::labels::Labelled;
use coopetition::negotiation::{Negotiation, Offer};
use coopetition::prelude::*;
use pyo3::prelude::*;

/// The negotiation of one won mission's contribution.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Negotiation", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyNegotiation(pub Negotiation);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNegotiation {
    /// The mission.
    #[getter]
    fn mission(&self) -> &str {
        self.0.mission.as_str()
    }
    /// Where it stands (`open`, `agreed`, `stalemate`).
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.label()
    }
    /// Every offer, oldest first.
    #[getter]
    fn offers(&self) -> Vec<Offer> {
        self.0.offers.clone()
    }
    /// The agreed amount, once agreed.
    #[getter]
    fn agreed_amount(&self) -> Option<Decimal> {
        self.0.agreed.map(|a| a.amount.amount())
    }
    /// The date of the agreement, once agreed.
    #[getter]
    fn agreed_on(&self) -> Option<chrono::NaiveDate> {
        self.0.agreed.map(|a| a.on)
    }
    /// The date of the last stalemate, if any.
    #[getter]
    fn stalemate_on(&self) -> Option<chrono::NaiveDate> {
        self.0.stalemate_on
    }
    fn __repr__(&self) -> String {
        format!("Negotiation(mission='{}', status='{}', offers={})", self.0.mission, self.status(), self.0.offers.len())
    }
}

/// Registers the record classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    coopetition::python::add_records(m)?;
    m.add_class::<PyNegotiation>()?;
    Ok(())
}
