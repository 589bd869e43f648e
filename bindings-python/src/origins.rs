//! Network events, from Python: the command `record_network_event` and the
//! queries `network_event` and `network_events`. Conversions only: the
//! records, and the lead origins that follow from them, are the core's
//! (`coopetition::origin`).

use crate::convert::{Str, UserText};
use crate::errors::IntoPy;
use crate::handle::PyNetwork;
use coopetition::ids::NetworkEventId;
use coopetition::network::{Action, Event};
use coopetition::network_event::NetworkEvent;
use pyo3::prelude::*;

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNetwork {
    /// A steward records an event the network held on `held_on`, with who
    /// attended: each a member's id, or `(name, kind)` for an outside actor
    /// (as a mission's client is written, so that a client is found among
    /// them). A mission a client asks an attending provider for within a
    /// year after the event has the recorded origin `network_event`.
    #[pyo3(signature = (by, on, event, title, held_on, *, attendees = None))]
    #[allow(clippy::too_many_arguments)]
    fn record_network_event(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        event: Str<'_>,
        title: UserText,
        held_on: chrono::NaiveDate,
        #[gen_stub(override_type(type_repr = "collections.abc.Sequence[builtins.str | builtins.tuple[builtins.str, builtins.str]] | None", imports = ("builtins", "collections.abc")))]
        attendees: Option<Vec<Bound<'_, PyAny>>>,
    ) -> PyResult<Event> {
        let attendees = attendees.unwrap_or_default().iter().map(crate::event::client).collect::<PyResult<Vec<_>>>()?;
        let action = Action::RecordNetworkEvent { event: event_id(&event)?, title: title.into(), held_on, attendees };
        self.run(&by, on, action)
    }

    /// The network event with this id.
    fn network_event(&self, id: Str<'_>) -> PyResult<NetworkEvent> {
        self.read()?.network_event(&event_id(&id)?).cloned().py()
    }

    /// The events the network held, in id order.
    fn network_events(&self) -> PyResult<Vec<NetworkEvent>> {
        Ok(self.read()?.network_events().cloned().collect())
    }
}

fn event_id(value: &str) -> PyResult<NetworkEventId> {
    NetworkEventId::new(value).py()
}
