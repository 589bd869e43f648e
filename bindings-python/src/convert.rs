//! Conversions of Python values into core values, with clear errors: the
//! core's own (its `python` feature) and the few shorthands the binding uses.

use coopetition::labels::Labelled;
use coopetition::prelude::*;
pub use coopetition::python::{computed_money, money, rate, str_arg, text, IntoPy, MoneyArg, Str, UserText};
use pyo3::prelude::*;

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

/// Builds a lead id.
pub fn lead_id(value: &str) -> PyResult<coopetition::ids::LeadId> {
    coopetition::ids::LeadId::new(value).py()
}

/// Builds a call-for-partners id.
pub fn call_id(value: &str) -> PyResult<coopetition::ids::CallId> {
    coopetition::ids::CallId::new(value).py()
}
