//! How a member's ledger reads from Python: whether its balance is owed,
//! settled or overpaid crosses as that word, as in the ledger's JSON.

use crate::ledger::{MemberLedger, Settlement};
use pyo3::prelude::*;
use pyo3::types::PyString;

/// The words of [`Settlement`], as its serde form writes them.
fn word(settlement: Settlement) -> &'static str {
    match settlement {
        Settlement::Owed => "owed",
        Settlement::Settled => "settled",
        Settlement::Overpaid => "overpaid",
    }
}

/// A settlement crosses out as its word.
impl<'py> IntoPyObject<'py> for Settlement {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = std::convert::Infallible;
    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyString::intern(py, word(self)))
    }
}

impl pyo3_stub_gen::PyStubType for Settlement {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        crate::python_values::literal(&["owed", "settled", "overpaid"])
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl MemberLedger {
    /// Whether the balance is owed, settled or overpaid.
    #[getter(settlement)]
    fn settlement_word(&self) -> Settlement {
        self.settlement()
    }
    /// The annual statement as HTML for notebooks: the missions won in the
    /// year as the policy priced them, then due, paid, offset and balance
    /// (`coopetition._display.ledger_html`).
    #[pyo3(name = "_repr_html_")]
    fn repr_html(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("coopetition._display")?.call_method1("ledger_html", (slf,))?.extract()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_are_those_of_the_json() {
        for s in [Settlement::Owed, Settlement::Settled, Settlement::Overpaid] {
            assert_eq!(serde_json::to_string(&s).ok(), Some(format!("\"{}\"", word(s))));
        }
    }
}
