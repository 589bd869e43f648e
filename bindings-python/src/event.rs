//! Commands from Python arguments; what an accepted one returns is the core's `Event`.

use crate::convert::{actor_id, label, UserText};
use coopetition::mission::{Client, MissionUpdate};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

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
