//! The follow-up commands (configuring the rules, sharing resources,
//! recording prior work, informations and attendances, hearings, standing
//! and level decisions): their checks and their effects on the state, the
//! follow-up facts the other commands record, and the network's queries of
//! the follow-up records.

use super::{Action, Event, Network, NetworkState};
use crate::actor::{Actor, InvolvementLevel};
use crate::calendar::not_before;
use crate::error::{Error, Result};
use crate::followup::{Attendance, DevelopedResource, FollowUp, Issued, ResourceUse, SharedResource};
use crate::ids::{ActorId, ContractId, MissionId};
use crate::mission::{Client, Mission, MissionStep, MissionUpdate};
use crate::prior_work::{local_actor_key, InformObligation, PriorWork};
use crate::recorded::Recorded;
use crate::standing::{Hearing, HearingAnswer, LevelDecision, Standing, StandingDecision};
use crate::text::non_empty;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

// ---- queries --------------------------------------------------------------------------

impl Network {
    /// A member's standing (good standing until a decision says otherwise).
    pub fn standing(&self, member: &ActorId) -> Standing {
        self.state().follow_up.standing_of(member)
    }

    /// The standing decisions about a member, oldest first.
    pub fn standing_decisions(&self, member: &ActorId) -> &[crate::standing::StandingDecision] {
        self.state().follow_up.standing.get(member).map_or(&[], |r| r.decisions.as_slice())
    }

    /// The hearings of a member, oldest first.
    pub fn hearings(&self, member: &ActorId) -> &[Hearing] {
        self.state().follow_up.hearings.get(member).map_or(&[], Vec::as_slice)
    }

    /// The registry entries about a local actor, oldest record first.
    pub fn prior_work_with(&self, local_actor: &Client) -> &[PriorWork] {
        self.state().follow_up.prior_work.get(&local_actor_key(local_actor)).map_or(&[], Vec::as_slice)
    }

    /// Every obligation to inform a member that is not discharged yet, by mission.
    pub fn open_obligations(&self) -> Vec<&InformObligation> {
        self.state()
            .follow_up
            .missions
            .values()
            .flat_map(|m| &m.obligations)
            .filter(|o| o.discharged.is_none())
            .collect()
    }
}

// ---- checks ---------------------------------------------------------------------------

/// Checks a follow-up command. `action` must be one of the follow-up actions.
pub(crate) fn check(network: &Network, issuer: &Actor, on: NaiveDate, action: &Action) -> Result<()> {
    let state = network.state();
    let fu = &state.follow_up;
    match action {
        Action::ConfigureFollowUp { from, rules } => {
            rules.check()?;
            fu.with_period(*from, rules)?;
            // Rules from a past day would judge anew engagements already judged,
            // and cut the answer period of a member already notified.
            not_before(*from, on, "configuration", "first day in force")
        }
        Action::ShareResource { mission, resource, licence, location } => {
            let m = network.mission(mission)?;
            if m.provider != issuer.id {
                return Err(Error::NotOwner {
                    actor: issuer.id.to_string(),
                    owner: m.provider.to_string(),
                    action: "share this mission's resources",
                });
            }
            non_empty(licence, "licence")?;
            non_empty(location, "location")?;
            let developed = fu
                .missions
                .get(mission)
                .and_then(|f| f.resources_developed.iter().find(|r| r.name == resource.trim()))
                .ok_or_else(|| Error::UnknownDevelopedResource {
                    mission: mission.to_string(),
                    resource: resource.clone(),
                })?;
            if developed.shared.is_some() {
                return Err(Error::ResourceAlreadyShared { mission: mission.to_string(), resource: resource.clone() });
            }
            not_before(on, developed.first.on, "resource report", "sharing")
        }
        Action::RecordPriorWork { member, local_actor, since } => {
            network.actor(member)?;
            match local_actor {
                Client::Member { id } => {
                    network.actor(id)?;
                    if id == member {
                        return Err(Error::InvalidPartner(id.to_string()));
                    }
                }
                Client::Outside { name, .. } => non_empty(name, "local actor name")?,
            }
            not_before(on, *since, "prior work", "record")
        }
        Action::RecordMemberInformed { mission, member } => {
            let m = network.mission(mission)?;
            if m.provider != issuer.id {
                return Err(Error::NotOwner {
                    actor: issuer.id.to_string(),
                    owner: m.provider.to_string(),
                    action: "record who was informed about this mission",
                });
            }
            let obligation = fu
                .missions
                .get(mission)
                .and_then(|f| f.obligations.iter().find(|o| &o.member == member && o.discharged.is_none()))
                .ok_or_else(|| Error::NoOpenObligation { mission: mission.to_string(), member: member.to_string() })?;
            not_before(on, obligation.created.on, "start of the mission", "information")
        }
        Action::RecordAttendance { member, year, meeting: _ } => {
            network.actor(member)?;
            if *year > on.year() {
                return Err(Error::FutureAttendance { year: *year, current: on.year() });
            }
            if fu.attendance.get(member).is_some_and(|a| a.iter().any(|a| a.year == *year)) {
                return Err(Error::DuplicateAttendance { member: member.to_string(), year: *year });
            }
            Ok(())
        }
        Action::NotifyHearing { member, grounds } => {
            network.actor(member)?;
            fu.case(member).check_notice(grounds)
        }
        Action::AnswerHearing { member, answer } => {
            network.actor(member)?;
            fu.case(member).check_answer(answer, on)
        }
        Action::DecideStanding { member, standing, decision } => {
            network.actor(member)?;
            let last_contract_step = network.live_contract(member).map(|c| c.last_step_on());
            fu.case(member).check_decision(*standing, decision, on, state.founded_on, last_contract_step)
        }
        Action::DecideLevel { actor, level, decision } => {
            decision.check(on)?;
            // The same rules as a plain level change (steward, last steward…).
            let plain = Action::ChangeLevel { actor: actor.clone(), level: *level, reason: decision.reason.clone() };
            network.check(&crate::network::Command { by: issuer.id.clone(), on, action: plain })
        }
        _ => Ok(()),
    }
}

// ---- application ----------------------------------------------------------------------

/// A contract to end as the effect of an exclusion decision.
pub(crate) struct ContractEnd {
    /// The contract.
    pub contract: ContractId,
    /// When it ends.
    pub on: NaiveDate,
    /// Why.
    pub reason: String,
}

/// Applies a checked follow-up event; returns the contract an exclusion ends, if any.
pub(crate) fn apply(
    state: &mut NetworkState,
    live: &BTreeMap<ActorId, ContractId>,
    event: &Event,
) -> Option<ContractEnd> {
    let Event { seq, by, on, action } = event;
    let recorded = Recorded { on: *on, seq: *seq };
    let fu = &mut state.follow_up;
    match action {
        Action::ConfigureFollowUp { from, rules } => {
            if let Ok(timeline) = fu.with_period(*from, rules) {
                fu.rules = Some(timeline);
            }
        }
        Action::ShareResource { mission, resource, licence, location } => {
            let developed = fu
                .missions
                .get_mut(mission)
                .and_then(|f| f.resources_developed.iter_mut().find(|r| r.name == resource.trim()));
            if let Some(r) = developed {
                r.shared = Some(SharedResource {
                    licence: licence.trim().to_owned(),
                    location: location.trim().to_owned(),
                    recorded,
                });
            }
        }
        Action::RecordPriorWork { member, local_actor, since } => {
            fu.prior_work.entry(local_actor_key(local_actor)).or_default().push(PriorWork {
                member: member.clone(),
                local_actor: local_actor.clone(),
                since: *since,
                mission: None,
                recorded,
            });
        }
        Action::RecordMemberInformed { mission, member } => {
            let open = fu
                .missions
                .get_mut(mission)
                .and_then(|f| f.obligations.iter_mut().find(|o| &o.member == member && o.discharged.is_none()));
            if let Some(o) = open {
                o.discharged = Some(recorded);
            }
        }
        Action::RecordAttendance { member, year, meeting } => {
            let list = fu.attendance.entry(member.clone()).or_default();
            list.push(Attendance { year: *year, meeting: meeting.trim().to_owned(), recorded });
            list.sort_by_key(|a| a.year);
        }
        Action::NotifyHearing { member, grounds } => {
            fu.hearings.entry(member.clone()).or_default().push(Hearing {
                grounds: grounds.clone(),
                notified_by: by.clone(),
                notice: recorded,
                answer: None,
                closed_seq: None,
            });
        }
        Action::AnswerHearing { member, answer } => {
            if let Some(h) = fu.open_hearing_mut(member) {
                h.answer = Some(HearingAnswer { text: answer.clone(), recorded });
            }
        }
        Action::DecideStanding { member, standing, decision } => {
            let d = StandingDecision {
                from: Standing::GoodStanding,
                to: *standing,
                by: by.clone(),
                reason: decision.reason.clone(),
                taken_on: decision.taken_on,
                venue: Some(decision.venue),
                reference: decision.reference.clone(),
                recorded,
                hearing: None,
            };
            record_standing(fu, member, d);
            if *standing == Standing::Excluded {
                return live.get(member).map(|contract| ContractEnd {
                    contract: contract.clone(),
                    on: decision.taken_on,
                    reason: decision.reason.clone(),
                });
            }
        }
        Action::DecideLevel { actor, level, decision } => {
            let from = state.actors.get(actor).map_or(*level, |a| a.level);
            if let Some(a) = state.actors.get_mut(actor) {
                a.level = *level;
            }
            state.follow_up.level_decisions.push(LevelDecision {
                actor: actor.clone(),
                from,
                to: *level,
                by: by.clone(),
                reason: decision.reason.clone(),
                taken_on: decision.taken_on,
                venue: Some(decision.venue),
                reference: decision.reference.clone(),
                recorded,
            });
        }
        _ => {}
    }
    None
}

/// Records a plain level change (`change_level`): a decision whose venue was not recorded.
pub(crate) fn record_level_change(
    state: &mut NetworkState,
    event: &Event,
    actor: &ActorId,
    from: InvolvementLevel,
    reason: &str,
) {
    if let Action::ChangeLevel { level, .. } = &event.action {
        state.follow_up.level_decisions.push(LevelDecision {
            actor: actor.clone(),
            from,
            to: *level,
            by: event.by.clone(),
            reason: reason.to_owned(),
            taken_on: event.on,
            venue: None,
            reference: None,
            recorded: Recorded { on: event.on, seq: event.seq },
        });
    }
}

/// The reason recorded for a registration above the supporter level.
const REGISTRATION: &str = "registration";

/// Records a registration above the supporter level as a level change from
/// the supporter level, so that every level above it has a recorded decision
/// (or the founding) behind it.
pub(crate) fn record_registration(state: &mut NetworkState, event: &Event) {
    if let Action::RegisterActor { actor } = &event.action {
        if actor.level != InvolvementLevel::Supporter {
            state.follow_up.level_decisions.push(LevelDecision {
                actor: actor.id.clone(),
                from: InvolvementLevel::Supporter,
                to: actor.level,
                by: event.by.clone(),
                reason: REGISTRATION.to_owned(),
                taken_on: event.on,
                venue: None,
                reference: None,
                recorded: Recorded { on: event.on, seq: event.seq },
            });
        }
    }
}

/// Records who recorded a payment, a donation or a delivery.
pub(crate) fn record_issuer(state: &mut NetworkState, event: &Event) {
    let issued = Issued { by: event.by.clone(), recorded: Recorded { on: event.on, seq: event.seq } };
    let fu = &mut state.follow_up;
    match &event.action {
        Action::RecordPayment { .. } => fu.payments.push(issued),
        Action::RecordDonation { .. } => fu.donations.push(issued),
        Action::RecordDelivery { .. } => fu.deliveries.push(issued),
        _ => {}
    }
}

/// Records an exclusion through `exclude_member`: a standing decision whose
/// venue was not recorded, taken on the date of the command.
pub(crate) fn record_exclusion(state: &mut NetworkState, event: &Event, member: &ActorId, reason: &str) {
    let decision = StandingDecision {
        from: Standing::GoodStanding,
        to: Standing::Excluded,
        by: event.by.clone(),
        reason: reason.to_owned(),
        taken_on: event.on,
        venue: None,
        reference: None,
        recorded: Recorded { on: event.on, seq: event.seq },
        hearing: None,
    };
    record_standing(&mut state.follow_up, member, decision);
}

/// Records a standing decision; it closes the member's open hearing, whatever it decides.
fn record_standing(fu: &mut FollowUp, member: &ActorId, decision: StandingDecision) {
    let hearing = fu.open_hearing_mut(member).map(|h| h.close(decision.recorded.seq));
    fu.standing.entry(member.clone()).or_default().record(decision, hearing);
}

/// Records what a mission report means for the follow-up: the step's sequence
/// number, the client informed, resources used and developed, and, when the
/// mission starts, the prior work it creates and the obligations to inform
/// other members who worked with the same client.
pub(crate) fn after_report(
    state: &mut NetworkState,
    live: &BTreeMap<ActorId, ContractId>,
    event: &Event,
    id: &MissionId,
    step: &MissionStep,
    update: &MissionUpdate,
) {
    let recorded = Recorded { on: event.on, seq: event.seq };
    let Some(mission) = state.missions.get(id) else { return };
    let started = matches!(step, MissionStep::Started).then(|| mission.date_of("started")).flatten();
    let obligations = match started {
        Some(start) => obligations_at_start(state, live, mission, start, recorded),
        None => Vec::new(),
    };
    let prior = started.map(|since| PriorWork {
        member: mission.provider.clone(),
        local_actor: mission.client.clone(),
        since,
        mission: Some(mission.id.clone()),
        recorded,
    });
    let fu = state.follow_up.missions.entry(id.clone()).or_default();
    fu.seqs.push(event.seq);
    if update.client_informed && fu.client_informed.is_none() {
        fu.client_informed = Some(recorded);
    }
    for r in &update.shared_resources_used {
        let name = r.name.trim();
        let licence = r.licence.as_deref().map(str::trim).filter(|l| !l.is_empty());
        match fu.resources_used.iter_mut().find(|u| u.name == name) {
            Some(u) => {
                if u.licence.is_none() {
                    u.licence = licence.map(|l| (l.to_owned(), recorded));
                }
            }
            None => fu.resources_used.push(ResourceUse {
                name: name.to_owned(),
                first: recorded,
                licence: licence.map(|l| (l.to_owned(), recorded)),
            }),
        }
    }
    for r in &update.resources_developed {
        let name = r.name.trim();
        if !fu.resources_developed.iter().any(|d| d.name == name) {
            fu.resources_developed.push(DevelopedResource { name: name.to_owned(), first: recorded, shared: None });
        }
    }
    fu.obligations.extend(obligations);
    if let Some(p) = prior {
        state.follow_up.prior_work.entry(local_actor_key(&p.local_actor)).or_default().push(p);
    }
}

/// The members to inform when `mission` starts on `start`: every other member
/// (still a member) who worked with the same local actor since on or before
/// the start, except the client itself and the mission's partners, once each.
fn obligations_at_start(
    state: &NetworkState,
    live: &BTreeMap<ActorId, ContractId>,
    mission: &Mission,
    start: NaiveDate,
    created: Recorded,
) -> Vec<InformObligation> {
    let Some(entries) = state.follow_up.prior_work.get(&local_actor_key(&mission.client)) else { return Vec::new() };
    let is_member = |a: &ActorId| crate::network::member_in(state, live, a);
    let client = match &mission.client {
        Client::Member { id } => Some(id),
        Client::Outside { .. } => None,
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for p in entries {
        let other = &p.member;
        if other == &mission.provider
            || Some(other) == client
            || mission.partners.contains(other)
            || p.since > start
            || !is_member(other)
            || !seen.insert(other)
        {
            continue;
        }
        out.push(InformObligation {
            mission: mission.id.clone(),
            provider: mission.provider.clone(),
            member: other.clone(),
            arises_on: start,
            prior_work: p.recorded.seq,
            created,
            discharged: None,
        });
    }
    out
}
