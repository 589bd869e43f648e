//! Calls for partners: one method per command (`callForPartners`,
//! `answerCall`, `recordCallPartner`) and the queries (`call`, `calls`).
//! The records and their rules are the core's (`coopetition::partner_call`).

use crate::commands::{Action, Event};
use crate::error::Result;
use crate::network::Network;
use chrono::NaiveDate;
use coopetition::ids::{ActorId, CallId, MissionId};
use coopetition::partner_call::{CallNeed, PartnerCall};

#[uniffi::export]
impl Network {
    /// The provider of `mission` asks the network for a skill or a resource
    /// (`need`): `what` says which ("space design").
    ///
    /// # Errors
    /// `mission.id.unknown`, `auth.owner.required`, `membership.required`,
    /// `mission.transition.invalid` (a closed mission), `call.id.duplicate`, `input.text.empty`.
    pub fn call_for_partners(
        &self,
        by: ActorId,
        on: NaiveDate,
        call: CallId,
        mission: MissionId,
        need: CallNeed,
        what: String,
    ) -> Result<Event> {
        self.act(by, on, Action::CallForPartners { call, mission, need, what })
    }

    /// A member answers a call for partners, with what it offers.
    ///
    /// # Errors
    /// `call.id.unknown`, `call.answer.invalid`, `call.answer.duplicate`, `mission.transition.invalid`.
    #[uniffi::method(default(note = ""))]
    pub fn answer_call(&self, by: ActorId, on: NaiveDate, call: CallId, note: String) -> Result<Event> {
        self.act(by, on, Action::AnswerCall { call, note })
    }

    /// The provider records a member who joined through its call: a partner
    /// (a call for a skill), or the shared `resource` it brings (a call for a resource).
    ///
    /// # Errors
    /// `call.id.unknown`, `auth.owner.required`, `call.partner.invalid`, `mission.transition.invalid`.
    #[uniffi::method(default(resource = None))]
    pub fn record_call_partner(
        &self,
        by: ActorId,
        on: NaiveDate,
        call: CallId,
        member: ActorId,
        resource: Option<String>,
    ) -> Result<Event> {
        self.act(by, on, Action::RecordCallPartner { call, member, resource })
    }

    /// The call for partners with this id.
    ///
    /// # Errors
    /// `call.id.unknown`.
    pub fn call(&self, id: CallId) -> Result<PartnerCall> {
        Ok(self.read().call(&id)?.clone())
    }

    /// Every call for partners, or those of one mission, in id order.
    #[uniffi::method(default(mission = None))]
    pub fn calls(&self, mission: Option<MissionId>) -> Vec<PartnerCall> {
        let network = self.read();
        match mission {
            Some(m) => network.calls_of(&m).cloned().collect(),
            None => network.state().calls.values().cloned().collect(),
        }
    }
}
