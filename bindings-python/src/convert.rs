//! Conversions of Python values into core values, with clear errors.

use crate::errors::{float_money, IntoPy};
use coopetition::labels::Labelled;
use coopetition::money::Money;
use coopetition::prelude::*;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyString};

/// Money from a `decimal.Decimal`, an `int` or a numeric string; floats are refused.
pub fn money(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Money> {
    if let Ok(f) = value.cast::<PyFloat>() {
        return Err(float_money(field, f.value()));
    }
    if let Ok(d) = value.extract::<Decimal>() {
        return Ok(Money::eur(d));
    }
    if value.is_instance_of::<PyInt>() {
        let i: i64 = value.extract()?;
        return Ok(Money::eur(Decimal::from(i)));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Money::parse_eur(&s.to_cow()?).py();
    }
    Err(PyTypeError::new_err(format!(
        "`{field}` is money: pass a decimal.Decimal, an int or a numeric string, not {}",
        value.get_type().name()?
    )))
}

/// Optional money.
pub fn opt_money(field: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Money>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => money(field, v).map(Some),
    }
}

/// A rate (a fraction) from a Decimal, an int or a string; floats are refused.
pub fn rate(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    if let Ok(f) = value.cast::<PyFloat>() {
        return Err(PyTypeError::new_err(format!(
            "`{field}` is an exact rate and cannot be a float ({}); pass decimal.Decimal(\"{}\") or a string",
            f.value(),
            f.value()
        )));
    }
    money(field, value).map(|m| m.amount())
}

/// A label of a core enumeration.
pub fn label<T: Labelled>(value: &str) -> PyResult<T> {
    T::from_label(value).py()
}

/// Builds an actor id.
pub fn actor_id(value: &str) -> PyResult<ActorId> {
    ActorId::new(value).py()
}

/// Builds a contract id.
pub fn contract_id(value: &str) -> PyResult<ContractId> {
    ContractId::new(value).py()
}

/// Builds a mission id.
pub fn mission_id(value: &str) -> PyResult<MissionId> {
    MissionId::new(value).py()
}

/// A language from `"fr"` or `"en"`.
pub fn lang(value: &str) -> PyResult<Lang> {
    label::<Lang>(value)
}
