//! The leads the network receives and refers ([`crate::lead`]): the checks
//! of each lead command, and what an accepted one writes. Who may issue
//! them (a steward records, offers and closes a lead) is the authorisation
//! rule's; here is everything about their content.

use super::{Action, Capacity, Event, Network};
use crate::actor::{Actor, ActorKind};
use crate::calendar::not_before;
use crate::error::{Error, Result};
use crate::ids::{ActorId, LeadId};
use crate::labels::Labelled;
use crate::lead::{Lead, LeadAnswer, LeadClosing, LeadOffer, LeadOutcome, LeadStatus, OfferMode};
use crate::mission::{Client, LeadOrigin, Mission, MissionRecord, MissionStatus};
use crate::origin::OriginRecord;
use crate::recorded::Recorded;
use crate::text::non_empty;
use chrono::NaiveDate;
use std::collections::BTreeSet;

impl Network {
    /// The lead with this id.
    ///
    /// # Errors
    /// `lead.id.unknown`.
    pub fn lead(&self, id: &LeadId) -> Result<&Lead> {
        self.state.leads.get(id).ok_or_else(|| Error::UnknownLead(id.to_string()))
    }

    /// The leads whose details `viewer` may see, in id order: every lead for
    /// an acting steward; for a member, the leads offered to it and those
    /// open to every member; none for anyone else.
    pub fn leads_for(&self, viewer: &ActorId) -> Vec<&Lead> {
        let capacity = self.capacity(viewer);
        let steward = capacity == Capacity::Steward;
        let member = matches!(capacity, Capacity::Member | Capacity::Steward | Capacity::Suspended);
        self.state.leads.values().filter(|l| l.visible_to(viewer, steward, member)).collect()
    }

    /// The providers who may receive `lead` now, in id order: members,
    /// neither suspended nor excluded, other than the lead's client.
    pub fn lead_recipients(&self, lead: &Lead) -> Vec<ActorId> {
        let providers = self.state.actors.values().filter(|a| a.kind == ActorKind::Provider);
        providers.filter(|a| self.may_receive(lead, a).is_ok()).map(|a| a.id.clone()).collect()
    }

    /// Why `actor` may not receive `lead`, if it may not.
    fn may_receive(&self, lead: &Lead, actor: &Actor) -> Result<()> {
        let refuse = |why| Err(Error::LeadRecipient { lead: lead.id.to_string(), member: actor.id.to_string(), why });
        if actor.kind != ActorKind::Provider {
            return refuse("only a provider takes a lead");
        }
        if matches!(&lead.client, Client::Member { id } if id == &actor.id) {
            return refuse("a lead does not go to its own client");
        }
        match self.capacity(&actor.id) {
            Capacity::Member | Capacity::Steward => Ok(()),
            Capacity::Suspended => refuse("a suspended member receives no lead"),
            Capacity::Excluded => refuse("an excluded member receives no lead"),
            Capacity::Outsider => refuse("only a member receives a lead"),
        }
    }

    /// The members with prior work with `client` (charter article 4), in id order.
    fn members_with_prior_work(&self, client: &Client) -> Vec<ActorId> {
        let members: BTreeSet<&ActorId> = self.prior_work_with(client).iter().map(|p| &p.member).collect();
        members.into_iter().filter(|m| self.is_member(m)).cloned().collect()
    }

    /// Checks the content of a lead command (`issuer` is authorised).
    pub(super) fn check_lead(&self, issuer: &Actor, on: NaiveDate, action: &Action) -> Result<()> {
        match action {
            Action::RecordLead { lead, client, need, received_on, visibility: _ } => {
                if self.state.leads.contains_key(lead) {
                    return Err(Error::DuplicateLead(lead.to_string()));
                }
                non_empty(need, "need")?;
                self.check_client(client)?;
                not_before(on, *received_on, "receipt of the lead", "lead record")
            }
            Action::OfferLead { lead, mode, members, deadline } => {
                let l = self.lead(lead)?;
                expect_status(l, &[LeadStatus::Received], "offer")?;
                not_before(on, l.last_step_on(), "lead record", "offer")?;
                not_before(*deadline, on, "offer", "deadline to answer")?;
                let refuse = |member: &str, why| {
                    Err(Error::LeadRecipient { lead: lead.to_string(), member: member.to_owned(), why })
                };
                match mode {
                    OfferMode::OpenCall => match members.first() {
                        Some(m) => refuse(
                            m.as_str(),
                            "an open call goes to every provider who may receive it: it names no member",
                        ),
                        None if self.lead_recipients(l).is_empty() => refuse("", "no provider may receive it"),
                        None => Ok(()),
                    },
                    OfferMode::DirectReferral => {
                        if members.is_empty() {
                            return refuse("", "a direct referral names at least one member");
                        }
                        let mut named = BTreeSet::new();
                        for m in members {
                            if !named.insert(m) {
                                return refuse(m.as_str(), "a member is named once");
                            }
                            self.may_receive(l, self.actor(m)?)?;
                        }
                        Ok(())
                    }
                }
            }
            Action::AnswerLead { lead, interested: _, proposal: _ } => {
                let l = self.lead(lead)?;
                expect_status(l, &[LeadStatus::Offered], "answer")?;
                let offer = l.offer.as_ref().ok_or_else(|| state_error(l, "answer"))?;
                if !l.offered_to(&issuer.id) {
                    return Err(Error::LeadNotOffered { lead: lead.to_string(), member: issuer.id.to_string() });
                }
                if l.answer_of(&issuer.id).is_some() {
                    return Err(Error::LeadAnswered { lead: lead.to_string(), member: issuer.id.to_string() });
                }
                if on > offer.deadline {
                    return Err(Error::LeadAnswerLate { lead: lead.to_string(), deadline: offer.deadline, on });
                }
                not_before(on, offer.recorded.on, "offer", "answer")?;
                self.may_receive(l, issuer)
            }
            Action::CloseLead { lead, outcome } => {
                let l = self.lead(lead)?;
                match outcome {
                    LeadClosing::Taken { member, chosen_by: _, mission, title } => {
                        expect_status(l, &[LeadStatus::Offered], "close as taken")?;
                        not_before(on, l.last_step_on(), "last step of the lead", "closing")?;
                        if !l.answer_of(member).is_some_and(|a| a.interested) {
                            return Err(Error::LeadChoice { lead: lead.to_string(), member: member.to_string() });
                        }
                        self.may_receive(l, self.actor(member)?)?;
                        if self.state.missions.contains_key(mission) {
                            return Err(Error::DuplicateMission(mission.to_string()));
                        }
                        non_empty(title, "title")
                    }
                    LeadClosing::NotTaken { reason } => {
                        expect_status(l, &[LeadStatus::Received, LeadStatus::Offered], "close")?;
                        not_before(on, l.last_step_on(), "last step of the lead", "closing")?;
                        non_empty(reason, "reason")
                    }
                }
            }
            _ => Ok(()),
        }
    }

    /// Writes an accepted lead command.
    pub(super) fn apply_lead(&mut self, event: &Event) {
        let recorded = Recorded { on: event.on, seq: event.seq };
        match &event.action {
            Action::RecordLead { lead, client, need, received_on, visibility } => {
                let l = Lead {
                    id: lead.clone(),
                    client: client.clone(),
                    need: need.clone(),
                    received_on: *received_on,
                    visibility: *visibility,
                    recorded_by: event.by.clone(),
                    recorded,
                    offer: None,
                    answers: Vec::new(),
                    outcome: None,
                };
                self.state.leads.insert(lead.clone(), l);
            }
            Action::OfferLead { lead, mode, members, deadline } => {
                let Some(l) = self.state.leads.get(lead) else { return };
                let members = match mode {
                    OfferMode::OpenCall => self.lead_recipients(l),
                    OfferMode::DirectReferral => members.iter().cloned().collect::<BTreeSet<_>>().into_iter().collect(),
                };
                let prior_work = self.members_with_prior_work(&l.client);
                let offer =
                    LeadOffer { mode: *mode, members, deadline: *deadline, prior_work, by: event.by.clone(), recorded };
                if let Some(l) = self.state.leads.get_mut(lead) {
                    l.offer = Some(offer);
                }
            }
            Action::AnswerLead { lead, interested, proposal } => {
                if let Some(l) = self.state.leads.get_mut(lead) {
                    let answer = LeadAnswer {
                        member: event.by.clone(),
                        interested: *interested,
                        proposal: proposal.clone(),
                        recorded,
                    };
                    l.answers.push(answer);
                }
            }
            Action::CloseLead { lead, outcome } => self.apply_closing(event, lead, outcome),
            _ => {}
        }
    }

    /// Closes a lead; a lead taken creates its mission at the proposal step:
    /// solicited when the network recorded the lead, proposed when the
    /// member answered, both steps numbered by the events that recorded them.
    fn apply_closing(&mut self, event: &Event, lead: &LeadId, outcome: &LeadClosing) {
        let recorded = Recorded { on: event.on, seq: event.seq };
        let Some(l) = self.state.leads.get(lead) else { return };
        let by = event.by.clone();
        let closed = match outcome {
            LeadClosing::NotTaken { reason } => LeadOutcome::NotTaken { reason: reason.clone(), by, recorded },
            LeadClosing::Taken { member, chosen_by, mission, title } => {
                let proposed_on = l.answer_of(member).map_or(event.on, |a| a.recorded.on);
                let step = |step: &str, occurred_on, reported_on| MissionRecord {
                    step: step.to_owned(),
                    occurred_on,
                    reported_on,
                    note: String::new(),
                };
                let history = vec![
                    step(MissionStatus::Solicited.label(), l.recorded.on, l.recorded.on),
                    step(MissionStatus::Proposed.label(), proposed_on, event.on),
                ];
                let origin = LeadOrigin::NetworkReferral;
                let created = Mission {
                    lead: Some(lead.clone()),
                    ..Mission::opened(
                        mission.clone(),
                        member.clone(),
                        l.client.clone(),
                        origin,
                        title.clone(),
                        MissionStatus::Proposed,
                        history,
                        Some(OriginRecord::Lead { lead: lead.clone() }),
                    )
                };
                let seqs = vec![l.recorded.seq, event.seq];
                self.state.missions.insert(mission.clone(), created);
                self.state.follow_up.missions.entry(mission.clone()).or_default().seqs = seqs;
                LeadOutcome::Taken {
                    member: member.clone(),
                    chosen_by: *chosen_by,
                    mission: mission.clone(),
                    by,
                    recorded,
                }
            }
        };
        if let Some(l) = self.state.leads.get_mut(lead) {
            l.outcome = Some(closed);
        }
    }
}

fn state_error(lead: &Lead, action: &'static str) -> Error {
    Error::LeadState { lead: lead.id.to_string(), action, status: lead.status().label() }
}

fn expect_status(lead: &Lead, allowed: &[LeadStatus], action: &'static str) -> Result<()> {
    if allowed.contains(&lead.status()) {
        Ok(())
    } else {
        Err(state_error(lead, action))
    }
}
