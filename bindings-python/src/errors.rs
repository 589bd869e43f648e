//! Core errors become instances of the Python classes of `coopetition.errors`.

use coopetition::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

/// The Python class name for a core error: by family, with an input variant
/// where the family also has errors of state or authorisation.
fn class_name(err: &Error) -> &'static str {
    let input = err.is_input_error();
    match (err.family(), input) {
        ("input", _) => "InputError",
        ("money", _) => "MoneyError",
        ("date", _) => "DateError",
        ("journal", _) => "JournalError",
        ("catalogue", _) => "CatalogueError",
        ("batch", _) => "BatchError",
        ("network", _) => "NetworkError",
        ("actor", _) => "ActorError",
        ("auth", _) => "AuthorizationError",
        ("membership", _) => "MembershipError",
        ("contract", true) => "ContractInputError",
        ("contract", false) => "ContractError",
        ("charter", _) => "CharterError",
        ("mission", true) => "MissionInputError",
        ("mission", false) => "MissionError",
        ("policy", true) => "PolicyInputError",
        ("policy", false) => "PolicyError",
        ("negotiation", _) => "NegotiationError",
        ("ledger", _) => "LedgerError",
        (_, true) => "InputError",
        _ => "CoopetitionError",
    }
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
        let name = if err.family() == "compliance" || err.family() == "standing" {
            if err.is_input_error() {
                "ComplianceInputError"
            } else {
                "ComplianceError"
            }
        } else {
            class_name(&err)
        };
        match module.getattr(name).and_then(|cls| cls.call1((err.to_string(), err.code()))) {
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

/// A `TypeError` for a float given where money is expected.
pub fn float_money(field: &str, value: f64) -> PyErr {
    PyTypeError::new_err(format!(
        "`{field}` is money and cannot be a float ({value} is inexact); pass decimal.Decimal(\"{value}\") or a string such as \"{value}\", or an int"
    ))
}
