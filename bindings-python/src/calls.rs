//! Calls for partners, from Python: one method per command
//! (`call_for_partners`, `answer_call`, `record_call_partner`) and the
//! queries (`call`, `calls`). Conversions only: the records and their rules
//! are the core's (`coopetition::partner_call`).

use crate::convert::{actor_id, call_id, label, mission_id, Str, UserText};
use crate::errors::IntoPy;
use crate::handle::PyNetwork;
use coopetition::network::{Action, Event};
use coopetition::partner_call::PartnerCall;
use pyo3::prelude::*;

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNetwork {
    /// The provider of `mission` asks the network for a `"skill"` or a
    /// `"resource"` (`need`): `what` says which ("space design").
    #[pyo3(signature = (by, on, call, mission, need, what))]
    #[allow(clippy::too_many_arguments)]
    fn call_for_partners(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        call: Str<'_>,
        mission: Str<'_>,
        need: &str,
        what: UserText,
    ) -> PyResult<Event> {
        let action = Action::CallForPartners {
            call: call_id(&call)?,
            mission: mission_id(&mission)?,
            need: label(need)?,
            what: what.into(),
        };
        self.run(&by, on, action)
    }

    /// A member answers a call for partners, with what it offers.
    #[pyo3(signature = (by, on, call, *, note = UserText(String::new())))]
    fn answer_call(&self, by: Str<'_>, on: chrono::NaiveDate, call: Str<'_>, note: UserText) -> PyResult<Event> {
        self.run(&by, on, Action::AnswerCall { call: call_id(&call)?, note: note.into() })
    }

    /// The provider records a member who joined through its call: a partner
    /// (a call for a skill), or the shared `resource` it brings (a call for a
    /// resource).
    #[pyo3(signature = (by, on, call, member, *, resource = None))]
    fn record_call_partner(
        &self,
        by: Str<'_>,
        on: chrono::NaiveDate,
        call: Str<'_>,
        member: Str<'_>,
        resource: Option<UserText>,
    ) -> PyResult<Event> {
        let action = Action::RecordCallPartner {
            call: call_id(&call)?,
            member: actor_id(&member)?,
            resource: resource.map(Into::into),
        };
        self.run(&by, on, action)
    }

    /// The call for partners with this id.
    fn call(&self, id: Str<'_>) -> PyResult<PartnerCall> {
        self.read()?.call(&call_id(&id)?).cloned().py()
    }

    /// Every call for partners, or those of one mission, in id order.
    #[pyo3(signature = (mission = None))]
    fn calls(&self, mission: Option<Str<'_>>) -> PyResult<Vec<PartnerCall>> {
        let network = self.read()?;
        Ok(match mission.map(|m| mission_id(&m)).transpose()? {
            Some(m) => network.calls_of(&m).cloned().collect(),
            None => network.state().calls.values().cloned().collect(),
        })
    }
}
