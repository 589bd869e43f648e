//! Commands and what an accepted one returns: its event, as the journal records it.

use crate::convert::{actor_id, label, UserText};
use crate::errors::IntoPy;
use coopetition::mission::{Client, MissionUpdate};
use coopetition::network::Event;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

/// An accepted command as recorded in the journal: its sequence number, its
/// issuer, its date and what was done (`label`, and the whole event as JSON).
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Event", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyEvent(pub Event);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyEvent {
    /// Position in the journal, from 1.
    #[getter]
    fn seq(&self) -> u64 {
        self.0.seq
    }
    /// The issuer.
    #[getter]
    fn by(&self) -> &str {
        self.0.by.as_str()
    }
    /// The date of the command.
    #[getter]
    fn on(&self) -> chrono::NaiveDate {
        self.0.on
    }
    /// The short label of the action (`found_network`, `propose_contract`…).
    #[getter]
    fn label(&self) -> &'static str {
        self.0.action.label()
    }
    /// What was done, as the journal's JSON object (`{"type": …, …}`) turned into a dict.
    #[getter]
    #[gen_stub(override_return_type(type_repr = "builtins.dict[builtins.str, typing.Any]", imports = ("builtins", "typing")))]
    fn action<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // Serialising these plain types cannot fail: no map has non-string keys.
        let json = serde_json::to_string(&self.0.action).unwrap_or_default();
        py.import("json")?.call_method1("loads", (json,))
    }
    /// The event as one journal line (JSON).
    fn to_json(&self) -> String {
        // Serialising these plain types cannot fail: no map has non-string keys.
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    /// An event from one journal line, read as strictly as a journal.
    #[staticmethod]
    fn from_json(json: crate::convert::Str<'_>) -> PyResult<Self> {
        Event::from_json(&json).map(PyEvent).py()
    }
    fn __repr__(&self) -> String {
        format!("Event(seq={}, by='{}', on={}, label='{}')", self.0.seq, self.0.by, self.0.on, self.label())
    }
}

/// The command given to `execute` or `check` as JSON text: a `str` as it is,
/// anything else (a `dict`) through `json.dumps`.
pub fn command_json(command: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = command.cast::<PyString>() {
        return Ok(crate::convert::text(s.as_any().as_borrowed())?.to_owned());
    }
    let json = command.py().import("json")?;
    json.call_method1("dumps", (command,))?.extract()
}

/// The update reported with a mission step, from Python arguments.
pub fn update(
    partners: Option<Vec<UserText>>,
    shared_resources_used: Option<&Bound<'_, PyList>>,
    resources_developed: Option<&Bound<'_, PyList>>,
    client_informed: bool,
) -> PyResult<MissionUpdate> {
    Ok(MissionUpdate {
        partners: partners.unwrap_or_default().iter().map(|p| actor_id(p)).collect::<PyResult<_>>()?,
        shared_resources_used: crate::types::resources(shared_resources_used)?,
        resources_developed: crate::types::resources(resources_developed)?,
        client_informed,
    })
}

/// A client: a member id (`str`) or an outside actor (`(name, kind)`).
pub fn client(value: &Bound<'_, PyAny>) -> PyResult<Client> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Client::Member { id: actor_id(crate::convert::text(s.as_any().as_borrowed())?)? });
    }
    if let Ok(t) = value.cast::<PyTuple>() {
        let (name, kind): (UserText, UserText) = t.extract()?;
        return Ok(Client::Outside { name: name.into(), kind: label(&kind)? });
    }
    Err(PyTypeError::new_err("a client is a member id (str) or a (name, kind) tuple for an outside actor"))
}

/// What a prefix reader dropped, as a dictionary `{"line", "bytes", "events"}`.
pub type Dropped = std::collections::BTreeMap<&'static str, usize>;

/// The dictionary form of what was dropped (a conversion only).
pub fn dropped_dict(d: coopetition::journal::Dropped) -> Dropped {
    Dropped::from([("line", d.line), ("bytes", d.bytes), ("events", d.events)])
}
