//! Conversions of Python values into core values, with clear errors: the
//! core's own (its `python` feature) and the few shorthands the binding uses.

use coopetition::labels::Labelled;
use coopetition::prelude::*;
pub use coopetition::python::{computed_money, money, rate, str_arg, text, IntoPy, Str, UserText};
use pyo3::prelude::*;

/// A money (or rate) argument, any Python object: read by [`money`] or
/// [`rate`] under the argument's own name, so that an error names it. The stubs
/// type it as the package's `Money` (`Decimal | int | str`).
pub struct MoneyArg<'py>(Bound<'py, PyAny>);

impl<'py> FromPyObject<'_, 'py> for MoneyArg<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        Ok(MoneyArg(obj.to_owned()))
    }
}

impl<'py> std::ops::Deref for MoneyArg<'py> {
    type Target = Bound<'py, PyAny>;

    fn deref(&self) -> &Bound<'py, PyAny> {
        &self.0
    }
}

impl pyo3_stub_gen::PyStubType for MoneyArg<'_> {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        pyo3_stub_gen::TypeInfo {
            name: "Money".into(),
            source_module: None,
            // Written `from coopetition._types import Money` (a dotted name in
            // the package is imported from its parent).
            import: [pyo3_stub_gen::ImportRef::from("coopetition._types.Money")].into_iter().collect(),
            type_refs: Default::default(),
        }
    }
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
