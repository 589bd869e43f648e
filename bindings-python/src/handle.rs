//! The Python `Network` object: the network handle shared with Kotlin (in
//! memory, or backed by a store), and the few steps every method takes (read
//! a copy, check or execute a command) with the GIL released. The methods
//! themselves are in `network`, `ledger`, `followup`, `store`.

use crate::convert::{actor_id, mission_id};
use crate::errors::IntoPy;
use coopetition::mission::{MissionStep, MissionUpdate};
use coopetition::prelude::*;
use coopetition_store::NetworkHandle;
use pyo3::prelude::*;
use std::sync::Arc;

/// A network: its state and its journal. Every method that changes it takes
/// the issuer `by` and the date `on`, and is checked first: a rejected
/// command raises and changes nothing.
///
/// Safe to share between threads. No lock is ever held while Python code
/// runs (a policy's callback, an import, building an exception): queries work
/// on a copy of the network taken under a short lock (copy-on-write, so the
/// copy is cheap), commands hold the lock only inside the core, and every wait
/// for the lock happens with the GIL released.
///
/// `Network()` is held in memory; `Network.open(path)` is backed by a store
/// file, where every accepted command is written before it is applied.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Network", frozen)]
pub struct PyNetwork {
    pub(crate) inner: NetworkHandle,
}

impl PyNetwork {
    pub(crate) fn wrap(network: Network) -> Self {
        PyNetwork { inner: NetworkHandle::from(network) }
    }

    /// The network as it is now (a copy later commands do not change),
    /// taken with the GIL released.
    pub(crate) fn read(&self) -> PyResult<Arc<Network>> {
        Ok(Python::attach(|py| py.detach(|| self.inner.read())))
    }

    /// Checks a command with the GIL released (a closed store refuses it).
    pub(crate) fn check_command(&self, command: &Command) -> PyResult<()> {
        Python::attach(|py| py.detach(|| self.inner.check(command))).py()
    }

    /// Executes a command with the GIL released; the error becomes a Python
    /// exception only once the lock is free.
    pub(crate) fn execute_command(&self, command: Command) -> PyResult<Event> {
        Python::attach(|py| py.detach(|| self.inner.execute(command))).py()
    }

    pub(crate) fn run(&self, by: &str, on: chrono::NaiveDate, action: Action) -> PyResult<Event> {
        self.execute_command(Command::new(&actor_id(by)?, on, action))
    }

    pub(crate) fn report(
        &self,
        by: &str,
        on: chrono::NaiveDate,
        mission: &str,
        occurred_on: Option<chrono::NaiveDate>,
        step: MissionStep,
        update: MissionUpdate,
    ) -> PyResult<Event> {
        let action = Action::ReportMission {
            mission: mission_id(mission)?,
            occurred_on: occurred_on.unwrap_or(on),
            step,
            update,
        };
        self.run(by, on, action)
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNetwork {
    /// The network as HTML for notebooks: its name, founding and journal
    /// length, its members and its missions (`coopetition._display.network_html`).
    #[pyo3(name = "_repr_html_")]
    fn repr_html(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("coopetition._display")?.call_method1("network_html", (slf,))?.extract()
    }
}
