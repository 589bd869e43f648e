//! Calls for partners ([`crate::partner_call`]): the checks of each call
//! command, and what an accepted one writes, the mission's partners and
//! shared resources included.

use super::check::owner;
use super::{Action, Capacity, Event, Network};
use crate::actor::Actor;
use crate::calendar::not_before;
use crate::error::{Error, Result};
use crate::followup::ResourceUse;
use crate::ids::{ActorId, CallId};
use crate::labels::Labelled;
use crate::mission::{Mission, Resource};
use crate::partner_call::{CallAnswer, CallNeed, CallPartner, PartnerCall};
use crate::recorded::Recorded;
use crate::text::non_empty;
use chrono::NaiveDate;

impl Network {
    /// The call for partners with this id.
    ///
    /// # Errors
    /// `call.id.unknown`.
    pub fn call(&self, id: &CallId) -> Result<&PartnerCall> {
        self.state.calls.get(id).ok_or_else(|| Error::UnknownCall(id.to_string()))
    }

    /// The calls for partners of a mission, in id order.
    pub fn calls_of<'a>(&'a self, mission: &'a crate::ids::MissionId) -> impl Iterator<Item = &'a PartnerCall> {
        self.state.calls.values().filter(move |c| &c.mission == mission)
    }

    /// The mission, if it still takes a call or a partner: not completed,
    /// lost nor cancelled.
    fn open_mission(&self, call: &PartnerCall, action: &'static str) -> Result<&Mission> {
        let mission = self.mission(&call.mission)?;
        still_open(mission, action)?;
        Ok(mission)
    }

    /// Checks the content of a call command (who issues it is checked here:
    /// the mission's provider calls and records, a member answers).
    pub(super) fn check_call(&self, issuer: &Actor, on: NaiveDate, action: &Action) -> Result<()> {
        match action {
            Action::CallForPartners { call, mission, need: _, what } => {
                let m = self.mission(mission)?;
                owner(&issuer.id, &m.provider, "call for partners for this mission")?;
                if !self.is_member(&issuer.id) {
                    return Err(Error::NotMember(issuer.id.to_string()));
                }
                still_open(m, "call_for_partners")?;
                if self.state.calls.contains_key(call) {
                    return Err(Error::DuplicateCall(call.to_string()));
                }
                non_empty(what, "what")?;
                not_before(on, m.last_step_on().unwrap_or(on), "last mission step", "call for partners")
            }
            Action::AnswerCall { call, note: _ } => {
                let c = self.call(call)?;
                let refuse =
                    |why| Err(Error::CallAnswer { call: call.to_string(), member: issuer.id.to_string(), why });
                if c.provider == issuer.id {
                    return refuse("a provider does not answer its own call");
                }
                match self.capacity(&issuer.id) {
                    Capacity::Member | Capacity::Steward => {}
                    Capacity::Suspended => return refuse("a suspended member acts on its own case only"),
                    Capacity::Excluded | Capacity::Outsider => return refuse("only a member answers a call"),
                }
                if c.answer_of(&issuer.id).is_some() {
                    return Err(Error::CallAnswered { call: call.to_string(), member: issuer.id.to_string() });
                }
                self.open_mission(c, "answer_call")?;
                not_before(on, c.recorded.on, "call for partners", "answer")
            }
            Action::RecordCallPartner { call, member, resource } => {
                let c = self.call(call)?;
                owner(&issuer.id, &c.provider, "record who joined this call")?;
                let refuse = |why| Err(Error::CallPartner { call: call.to_string(), member: member.to_string(), why });
                let Some(answer) = c.answer_of(member) else { return refuse("it did not answer the call") };
                if c.has_joined(member) {
                    return refuse("it joined through this call already");
                }
                if !matches!(self.capacity(member), Capacity::Member | Capacity::Steward) {
                    return refuse("only a member in good standing joins");
                }
                match (c.need, resource) {
                    (CallNeed::Skill, None) => {}
                    (CallNeed::Skill, Some(_)) => return refuse("a call for a skill brings a partner, not a resource"),
                    (CallNeed::Resource, None) => return refuse("a call for a resource names the resource brought"),
                    (CallNeed::Resource, Some(name)) => non_empty(name, "resource")?,
                }
                self.open_mission(c, "record_call_partner")?;
                not_before(on, answer.recorded.on, "answer", "record of the partner")
            }
            _ => Ok(()),
        }
    }

    /// Writes an accepted call command.
    pub(super) fn apply_call(&mut self, event: &Event) {
        let recorded = Recorded { on: event.on, seq: event.seq };
        match &event.action {
            Action::CallForPartners { call, mission, need, what } => {
                let c = PartnerCall {
                    id: call.clone(),
                    mission: mission.clone(),
                    provider: event.by.clone(),
                    need: *need,
                    what: what.clone(),
                    recorded,
                    answers: Vec::new(),
                    joined: Vec::new(),
                };
                self.state.calls.insert(call.clone(), c);
            }
            Action::AnswerCall { call, note } => {
                if let Some(c) = self.state.calls.get_mut(call) {
                    c.answers.push(CallAnswer { member: event.by.clone(), note: note.clone(), recorded });
                }
            }
            Action::RecordCallPartner { call, member, resource } => {
                let Some(c) = self.state.calls.get_mut(call) else { return };
                c.joined.push(CallPartner { member: member.clone(), resource: resource.clone(), recorded });
                let mission = c.mission.clone();
                self.joined_mission(&mission, member, resource.as_deref().map(str::trim), recorded);
            }
            _ => {}
        }
    }

    /// The mission gains what a call found: a partner, or a shared resource
    /// used (first mentioned by this event, as a report would).
    fn joined_mission(&mut self, id: &crate::ids::MissionId, member: &ActorId, resource: Option<&str>, at: Recorded) {
        let Some(m) = self.state.missions.get_mut(id) else { return };
        match resource {
            None => {
                if !m.partners.contains(member) {
                    m.partners.push(member.clone());
                }
            }
            Some(name) => {
                if !m.shared_resources_used.iter().any(|r| r.name == name) {
                    m.shared_resources_used.push(Resource { name: name.to_owned(), licence: None, workstream: None });
                }
                let fu = self.state.follow_up.missions.entry(id.clone()).or_default();
                if !fu.resources_used.iter().any(|u| u.name == name) {
                    fu.resources_used.push(ResourceUse { name: name.to_owned(), first: at, licence: None });
                }
            }
        }
    }
}

/// Checks that `mission` is not completed, lost nor cancelled.
fn still_open(mission: &Mission, action: &'static str) -> Result<()> {
    if mission.status.is_open() {
        Ok(())
    } else {
        Err(Error::MissionTransition { mission: mission.id.to_string(), from: mission.status.label(), to: action })
    }
}
