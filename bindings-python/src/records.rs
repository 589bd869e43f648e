//! The network's money and charter records, read-only: payments, donations,
//! in-kind deliveries, declarations, negotiations and charter signatures.

use coopetition::charter::CharterSignature;
use coopetition::labels::Labelled;
use coopetition::negotiation::{Declaration, Delivery, Donation, Negotiation, Offer, Payment};
use coopetition::prelude::*;
use pyo3::prelude::*;

/// A payment of money to the network by a member.
#[pyclass(module = "coopetition", name = "Payment", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyPayment(pub Payment);

#[pymethods]
impl PyPayment {
    /// The member who paid.
    #[getter]
    fn member(&self) -> &str {
        self.0.member.as_str()
    }
    /// The amount.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }
    /// When it was received.
    #[getter]
    fn on(&self) -> chrono::NaiveDate {
        self.0.on
    }
    /// A reference (invoice, transfer), free text.
    #[getter]
    fn reference(&self) -> &str {
        &self.0.reference
    }
    fn __repr__(&self) -> String {
        format!("Payment(member='{}', amount=Decimal('{}'), on={})", self.0.member, self.0.amount.amount(), self.0.on)
    }
}

/// A donation to the network (never counted as money due).
#[pyclass(module = "coopetition", name = "Donation", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyDonation(pub Donation);

#[pymethods]
impl PyDonation {
    /// The donor.
    #[getter]
    fn member(&self) -> &str {
        self.0.member.as_str()
    }
    /// The amount.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }
    /// When it was received.
    #[getter]
    fn on(&self) -> chrono::NaiveDate {
        self.0.on
    }
    /// The mission it thanks the network for, if any.
    #[getter]
    fn mission(&self) -> Option<&str> {
        self.0.mission.as_ref().map(|m| m.as_str())
    }
    fn __repr__(&self) -> String {
        format!("Donation(member='{}', amount=Decimal('{}'), on={})", self.0.member, self.0.amount.amount(), self.0.on)
    }
}

/// An in-kind delivery of a contribution chosen in a contract.
#[pyclass(module = "coopetition", name = "Delivery", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyDelivery(pub Delivery);

#[pymethods]
impl PyDelivery {
    /// The member.
    #[getter]
    fn member(&self) -> &str {
        self.0.member.as_str()
    }
    /// The contribution option (`workstream`, `recurring_event`…).
    #[getter]
    fn contribution(&self) -> &str {
        &self.0.contribution
    }
    /// What is counted (`hours`, `days`, `events`…).
    #[getter]
    fn unit(&self) -> &'static str {
        self.0.unit.label()
    }
    /// How many.
    #[getter]
    fn quantity(&self) -> Decimal {
        self.0.quantity
    }
    /// When it was delivered.
    #[getter]
    fn on(&self) -> chrono::NaiveDate {
        self.0.on
    }
    /// What was done.
    #[getter]
    fn note(&self) -> &str {
        &self.0.note
    }
    fn __repr__(&self) -> String {
        format!(
            "Delivery(member='{}', contribution='{}', unit='{}', quantity=Decimal('{}'), on={})",
            self.0.member,
            self.0.contribution,
            self.unit(),
            self.0.quantity,
            self.0.on
        )
    }
}

/// A provider's self-assessed contribution for a won mission.
#[pyclass(module = "coopetition", name = "Declaration", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyDeclaration(pub Declaration);

#[pymethods]
impl PyDeclaration {
    /// The declared amount.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }
    /// When it was declared.
    #[getter]
    fn on(&self) -> chrono::NaiveDate {
        self.0.on
    }
    fn __repr__(&self) -> String {
        format!("Declaration(amount=Decimal('{}'), on={})", self.0.amount.amount(), self.0.on)
    }
}

/// A dated offer in a negotiation.
#[pyclass(module = "coopetition", name = "Offer", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyOffer(pub Offer);

#[pymethods]
impl PyOffer {
    /// Which side offered (`provider` or `network`).
    #[getter]
    fn party(&self) -> &'static str {
        self.0.party.label()
    }
    /// Who made it.
    #[getter]
    fn by(&self) -> &str {
        self.0.by.as_str()
    }
    /// The amount offered.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }
    /// When.
    #[getter]
    fn on(&self) -> chrono::NaiveDate {
        self.0.on
    }
    fn __repr__(&self) -> String {
        format!("Offer(party='{}', amount=Decimal('{}'), on={})", self.party(), self.0.amount.amount(), self.0.on)
    }
}

/// The negotiation of one won mission's contribution.
#[pyclass(module = "coopetition", name = "Negotiation", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyNegotiation(pub Negotiation);

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
    fn offers(&self) -> Vec<PyOffer> {
        self.0.offers.iter().cloned().map(PyOffer).collect()
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

/// A provider's signature of a charter version.
#[pyclass(module = "coopetition", name = "CharterSignature", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyCharterSignature(pub CharterSignature);

#[pymethods]
impl PyCharterSignature {
    /// The signatory provider.
    #[getter]
    fn provider(&self) -> &str {
        self.0.provider.as_str()
    }
    /// The charter version signed.
    #[getter]
    fn version(&self) -> u32 {
        self.0.version
    }
    /// The date of signature.
    #[getter]
    fn signed_on(&self) -> chrono::NaiveDate {
        self.0.signed_on
    }
    fn __repr__(&self) -> String {
        format!(
            "CharterSignature(provider='{}', version={}, signed_on={})",
            self.0.provider, self.0.version, self.0.signed_on
        )
    }
}

/// Registers the record classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPayment>()?;
    m.add_class::<PyDonation>()?;
    m.add_class::<PyDelivery>()?;
    m.add_class::<PyDeclaration>()?;
    m.add_class::<PyOffer>()?;
    m.add_class::<PyNegotiation>()?;
    m.add_class::<PyCharterSignature>()?;
    Ok(())
}
