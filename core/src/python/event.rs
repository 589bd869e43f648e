//! How a journal event reads from Python: what was done crosses as the
//! journal's JSON object (`{"type": …, …}`) turned into a `dict`, its label
//! and JSON line through the core's own methods.

use crate::network::{Action, Event};
use crate::python_values::Str;
use crate::Result;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// An action crosses out as the `dict` of its journal JSON.
impl<'py> IntoPyObject<'py> for &Action {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        // Serialising these plain types cannot fail: no map has non-string keys.
        let json = serde_json::to_string(self).unwrap_or_default();
        LOADS.import(py, "json", "loads")?.call1((json,))
    }
}

impl pyo3_stub_gen::PyStubType for Action {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        pyo3_stub_gen::TypeInfo {
            name: "builtins.dict[builtins.str, typing.Any]".into(),
            source_module: None,
            import: [pyo3_stub_gen::ImportRef::from("builtins"), pyo3_stub_gen::ImportRef::from("typing")]
                .into_iter()
                .collect(),
            type_refs: Default::default(),
        }
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl Event {
    /// The short label of the action (`found_network`, `propose_contract`…).
    #[getter]
    fn label(&self) -> &'static str {
        self.action.label()
    }
    /// The event as JSON: its journal line without the chain's hash.
    fn to_json(&self) -> String {
        crate::chain::plain_line(self)
    }
    /// An event from one journal line, read as strictly as a journal.
    #[staticmethod]
    #[pyo3(name = "from_json")]
    fn py_from_json(json: Str<'_>) -> Result<Event> {
        Event::from_json(&json)
    }
}
