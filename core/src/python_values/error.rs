//! Core errors become instances of the Python classes of `coopetition.errors`,
//! which are generated from the same table of families.

use crate::error::{family_of, Family, FamilyInput};
use crate::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

/// The family of a code, from the core's table.
fn family(code: &str) -> Option<&'static Family> {
    Error::FAMILIES.iter().find(|f| f.name == family_of(code))
}

/// The class of a family's codes that come from bad input, when the family
/// also has others: `PolicyError` has `PolicyInputError`.
fn input_class(family: &Family) -> String {
    format!("{}InputError", family.python_class.trim_end_matches("Error"))
}

/// The name of the Python class of errors of `code` in `coopetition.errors`:
/// its family's class, or that class's input variant for a code from bad
/// input in a family that also has others.
fn class_name(code: &str) -> String {
    match family(code) {
        Some(f) if f.input() == FamilyInput::Some && Error::is_input_code(code) => input_class(f),
        Some(f) => f.python_class.to_owned(),
        None => "CoopetitionError".to_owned(),
    }
}

/// One class of `coopetition.errors`: name, base classes, docstring, codes.
pub type ErrorClass = (String, Vec<&'static str>, String, Vec<&'static str>);

/// The classes of `coopetition.errors`, bases first, from the core's table of
/// families: each family's class (two families may share one), and the input
/// variant of a family with codes from bad input and others. Errors from bad
/// input are `ValueError`s: the `input` family's class is also a
/// `ValueError`, and the other classes of such codes derive from it.
pub fn error_classes() -> Vec<ErrorClass> {
    let mut classes: Vec<ErrorClass> = Vec::new();
    let mut add = |name: String, bases: Vec<&'static str>, doc: String| match classes.iter_mut().find(|c| c.0 == name) {
        Some(class) => class.2 = format!("{}\n\n{doc}", class.2),
        None => classes.push((name, bases, doc, Vec::new())),
    };
    for f in Error::FAMILIES {
        let doc = format!("{} (``{}.*``).", f.doc, f.name);
        let bases = match (f.name, f.input()) {
            ("input", _) => vec!["CoopetitionError", "ValueError"],
            (_, FamilyInput::All) => vec!["InputError"],
            _ => vec!["CoopetitionError"],
        };
        add(f.python_class.to_owned(), bases, doc.clone());
        if f.input() == FamilyInput::Some {
            let doc = format!("{}: the errors caused by bad input.", doc.trim_end_matches('.'));
            add(input_class(f), vec![f.python_class, "InputError"], doc);
        }
    }
    for code in Error::CODES {
        let name = class_name(code);
        if let Some(class) = classes.iter_mut().find(|c| c.0 == name) {
            class.3.push(code);
        }
    }
    classes
}

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// Converts a core error into the matching Python exception.
pub fn to_py(err: Error) -> PyErr {
    Python::attach(|py| {
        let module = match ERRORS.get_or_try_init(py, || PyModule::import(py, "coopetition.errors").map(|m| m.unbind()))
        {
            Ok(m) => m.bind(py),
            Err(e) => return e,
        };
        match module.getattr(class_name(err.code())).and_then(|cls| cls.call1((err.to_string(), err.code()))) {
            Ok(instance) => PyErr::from_value(instance),
            Err(e) => e,
        }
    })
}

/// Result of a binding function: core errors are converted by `?`.
pub trait IntoPy<T> {
    /// Converts the error side.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}

impl From<Error> for PyErr {
    fn from(err: Error) -> PyErr {
        to_py(err)
    }
}

/// A `TypeError` for a float given where money is expected.
pub(super) fn float_money(field: &str, value: f64) -> PyErr {
    PyTypeError::new_err(format!(
        "`{field}` is money and cannot be a float ({value} is inexact); pass decimal.Decimal(\"{value}\") or a string such as \"{value}\", or an int"
    ))
}
