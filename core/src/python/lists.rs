//! Lists a Python user may write with a shorthand: a catalogue item id (`str`)
//! for a [`Choice`] without detail, a name (`str`) for a [`Resource`] with a
//! name only.

use crate::contract::Choice;
use crate::mission::Resource;
use crate::python_values::text;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

/// Each item of a `list` as a `T`, or the shorthand `str` read by `from_str`.
fn items<T: Clone + pyo3::PyClass>(
    value: &Bound<'_, PyAny>,
    from_str: fn(&str) -> T,
    refused: &'static str,
) -> PyResult<Vec<T>> {
    let list = value.cast::<PyList>().map_err(PyErr::from)?;
    list.iter()
        .map(|item| {
            if let Ok(v) = item.cast::<T>() {
                Ok(v.borrow().clone())
            } else if let Ok(s) = item.cast::<PyString>() {
                Ok(from_str(text(s.as_any().as_borrowed())?))
            } else {
                Err(PyTypeError::new_err(refused))
            }
        })
        .collect()
}

/// Choices from a list of `Choice` or item ids (`str`).
pub fn choices(value: &Bound<'_, PyAny>) -> PyResult<Vec<Choice>> {
    items(value, |s| Choice::item(s), "a choice is a Choice or an item id (str)")
}

/// Resources from a list of `Resource` or names (`str`).
pub fn resources(value: &Bound<'_, PyAny>) -> PyResult<Vec<Resource>> {
    items(value, |s| Resource::named(s), "a resource is a Resource or a name (str)")
}
