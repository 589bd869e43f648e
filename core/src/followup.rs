//! The charter follow-up: its rules (deadlines and thresholds, time-versioned),
//! the facts the network records about engagements, and the checks and
//! effects of the follow-up commands.
//!
//! By signing the charter a provider "mandates the network to follow its
//! engagements up". What the follow-up needs beyond the missions themselves
//! lives in [`FollowUp`], a part of [`crate::network::NetworkState`]: the
//! journal sequence number of every mission step, when the client was
//! informed, the resources used and shared, the registry of prior work and
//! the obligations to inform other members, attendances at the yearly
//! meeting, hearings, standing and level decisions. [`crate::compliance`]
//! reads it to say, article by article, whether each engagement is met.
//!
//! The rules ([`FollowUpRules`]) are a [`Timeline`]: a network changes them
//! from a date with [`crate::network::Action::ConfigureFollowUp`], and each
//! engagement is judged with the rules in force on the day it arose. Before
//! any configuration the shipped defaults ([`FollowUpRules::default`]) apply.

use crate::actor::{Actor, InvolvementLevel};
use crate::error::{Error, Result};
use crate::ids::{ActorId, ContractId, MissionId};
use crate::mission::{Client, Mission, MissionStep, MissionUpdate};
use crate::network::{non_empty, not_before, Action, Event, Network, NetworkState};
use crate::policy::timeline::{Period, Timeline};
use crate::prior_work::{local_actor_key, InformObligation, PriorWork};
use crate::standing::{Decision, Hearing, HearingAnswer, LevelDecision, Standing, StandingDecision, StandingRecord};
use chrono::{Datelike, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The deadlines of the charter's engagements, in days.
///
/// Each is signed so that a negative value can be refused with a typed error
/// (`compliance.deadline.invalid`) rather than wrap around.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Deadlines {
    /// Art. 1: a solicitation is reported within this many days of being received.
    pub solicitation_report_days: i64,
    /// Art. 1: the start of a won mission is reported within this many days of the win.
    pub start_report_days: i64,
    /// Art. 1: while a mission is in progress, a report at least every this many days.
    pub progress_interval_days: i64,
    /// Art. 2: the client is told how to take part in the network within this
    /// many days of the start, and in any case by the mission's completion.
    pub client_information_days: i64,
    /// Art. 3: resources developed are shared within this many days of the mission's end.
    pub resource_share_days: i64,
    /// Art. 4: a member who worked with the client before is informed within
    /// this many days of the start of the mission.
    pub prior_member_inform_days: i64,
    /// Art. 5: the attendance at a year's meeting is recorded at the latest this
    /// many days after the end of that year.
    pub attendance_grace_days: i64,
    /// Sanctions: a notified member may answer during this many days before an
    /// exclusion can be decided without its answer.
    pub hearing_answer_days: i64,
}

impl Default for Deadlines {
    /// The shipped proposal: 15 days to report a solicitation, 30 to report
    /// the start, a progress report every 60 days, the client informed within
    /// 90 days, resources shared within 90 days of the end, a prior member
    /// informed within 15 days, attendances recorded by 31 January, 15 days to
    /// answer a notice.
    fn default() -> Deadlines {
        Deadlines {
            solicitation_report_days: 15,
            start_report_days: 30,
            progress_interval_days: 60,
            client_information_days: 90,
            resource_share_days: 90,
            prior_member_inform_days: 15,
            attendance_grace_days: 31,
            hearing_answer_days: 15,
        }
    }
}

impl Deadlines {
    fn check(&self) -> Result<()> {
        let fields = [
            ("solicitation_report_days", self.solicitation_report_days, 0),
            ("start_report_days", self.start_report_days, 0),
            ("progress_interval_days", self.progress_interval_days, 1),
            ("client_information_days", self.client_information_days, 0),
            ("resource_share_days", self.resource_share_days, 0),
            ("prior_member_inform_days", self.prior_member_inform_days, 0),
            ("attendance_grace_days", self.attendance_grace_days, 0),
            ("hearing_answer_days", self.hearing_answer_days, 0),
        ];
        check_days(&fields)
    }
}

/// When the compliance report proposes a step of the standing ladder: when
/// at least `breached` engagements are breached, or at least `late` were met
/// late, within the lookback window. A criterion set to 0 is not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// Breached engagements that call for this step (0: not used).
    pub breached: u32,
    /// Late engagements that call for this step (0: not used).
    pub late: u32,
}

impl Threshold {
    /// Whether these counts reach the threshold.
    pub fn reached(self, breached: u32, late: u32) -> bool {
        (self.breached > 0 && breached >= self.breached) || (self.late > 0 && late >= self.late)
    }
}

/// The thresholds that *propose* a step of the standing ladder. Only a
/// steward's decision changes a standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SanctionThresholds {
    /// Only engagements due within this many days before the report date count.
    pub lookback_days: i64,
    /// Calls for a reminder.
    pub reminder: Threshold,
    /// Calls for a warning.
    pub warning: Threshold,
    /// Calls for a suspension.
    pub suspended: Threshold,
    /// Calls for an exclusion (after a hearing).
    pub excluded: Threshold,
}

impl Default for SanctionThresholds {
    /// Over the last 365 days: a reminder from 1 breach or 2 late engagements,
    /// a warning from 2 breaches or 4 late, a suspension from 4 breaches or 8
    /// late, an exclusion from 6 breaches.
    fn default() -> SanctionThresholds {
        SanctionThresholds {
            lookback_days: 365,
            reminder: Threshold { breached: 1, late: 2 },
            warning: Threshold { breached: 2, late: 4 },
            suspended: Threshold { breached: 4, late: 8 },
            excluded: Threshold { breached: 6, late: 0 },
        }
    }
}

impl SanctionThresholds {
    /// The thresholds of the steps above good standing, lowest first.
    pub fn steps(&self) -> [(Standing, Threshold); 4] {
        [
            (Standing::Reminder, self.reminder),
            (Standing::Warning, self.warning),
            (Standing::Suspended, self.suspended),
            (Standing::Excluded, self.excluded),
        ]
    }

    fn check(&self) -> Result<()> {
        check_days(&[("lookback_days", self.lookback_days, 1)])?;
        let steps = self.steps();
        for (standing, t) in &steps {
            if t.breached == 0 && t.late == 0 {
                return Err(Error::InvalidThresholds(format!("the {standing} step has no criterion")));
            }
        }
        // A higher step never asks for less than a lower one.
        for pair in steps.windows(2) {
            if let [(low, a), (high, b)] = pair {
                let fewer = |x: u32, y: u32| x > 0 && y > 0 && y < x;
                if fewer(a.breached, b.breached) || fewer(a.late, b.late) {
                    return Err(Error::InvalidThresholds(format!("the {high} step asks for less than the {low} step")));
                }
            }
        }
        Ok(())
    }
}

/// How recorded activity suggests an involvement level, with hysteresis: a
/// supporter is suggested as contributor once active in `promote_months` of
/// the last `window_months` months; a contributor is suggested back as
/// supporter only when active in `demote_months` months or fewer. In between,
/// the suggestion is to keep the level, so it does not flicker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LevelRules {
    /// Length of the window, in months, ending with the month of the report.
    pub window_months: u32,
    /// Active months from which a supporter is suggested as contributor.
    pub promote_months: u32,
    /// Active months at or below which a contributor is suggested as supporter.
    pub demote_months: u32,
}

impl Default for LevelRules {
    /// Over 12 months: contributor from 4 active months, back to supporter at 1 or fewer.
    fn default() -> LevelRules {
        LevelRules { window_months: 12, promote_months: 4, demote_months: 1 }
    }
}

impl LevelRules {
    fn check(&self) -> Result<()> {
        if self.window_months == 0 || self.promote_months == 0 || self.promote_months > self.window_months {
            return Err(Error::InvalidThresholds(format!(
                "levels: promotion after {} of {} months is impossible",
                self.promote_months, self.window_months
            )));
        }
        if self.demote_months >= self.promote_months {
            return Err(Error::InvalidThresholds(format!(
                "levels: demotion at {} months must stay below promotion at {} months (hysteresis)",
                self.demote_months, self.promote_months
            )));
        }
        Ok(())
    }
}

/// Every rule of the follow-up, as one value of a [`Timeline`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FollowUpRules {
    /// Deadlines of the engagements.
    pub deadlines: Deadlines,
    /// Thresholds proposing steps of the standing ladder.
    pub sanctions: SanctionThresholds,
    /// Thresholds suggesting involvement levels.
    pub levels: LevelRules,
}

impl FollowUpRules {
    /// Checks every deadline and threshold.
    ///
    /// # Errors
    /// `compliance.deadline.invalid` for a negative deadline (or a zero
    /// progress interval or lookback) or one above [`MAX_DEADLINE_DAYS`],
    /// `standing.thresholds.invalid` for
    /// inconsistent thresholds.
    pub fn check(&self) -> Result<()> {
        self.deadlines.check()?;
        self.sanctions.check()?;
        self.levels.check()
    }

    /// The shipped rules, in force since the earliest date.
    pub fn shipped() -> &'static Timeline<FollowUpRules> {
        static CELL: OnceLock<Timeline<FollowUpRules>> = OnceLock::new();
        // From 2000: earlier than any network; earlier dates fall back to the defaults too.
        let from = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
        CELL.get_or_init(|| Timeline::from_date(from, FollowUpRules::default()))
    }
}

const RULES: &str = "follow-up rules";

/// The longest deadline or period of the follow-up rules: a century. Longer
/// ones mean nothing for a network, and would leave the calendar.
pub const MAX_DEADLINE_DAYS: i64 = 36_500;

fn check_days(fields: &[(&'static str, i64, i64)]) -> Result<()> {
    for &(field, days, minimum) in fields {
        if days < minimum || days > MAX_DEADLINE_DAYS {
            return Err(Error::InvalidDeadline { field, days, minimum, maximum: MAX_DEADLINE_DAYS });
        }
    }
    Ok(())
}

/// The rules in force on `on` (the shipped ones where none is configured).
pub(crate) fn rules_at(timeline: &Timeline<FollowUpRules>, on: NaiveDate) -> &FollowUpRules {
    static DEFAULT: OnceLock<FollowUpRules> = OnceLock::new();
    timeline.at(RULES, on).unwrap_or_else(|_| DEFAULT.get_or_init(FollowUpRules::default))
}

/// Adds `days` to a date, saturating at the calendar's ends (rules read from
/// a snapshot may hold any number of days: the sum is checked, never assumed).
pub(crate) fn plus_days(on: NaiveDate, days: i64) -> NaiveDate {
    let end = if days < 0 { NaiveDate::MIN } else { NaiveDate::MAX };
    TimeDelta::try_days(days).and_then(|d| on.checked_add_signed(d)).unwrap_or(end)
}

/// When something was recorded: the command's date and its journal sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    /// Date of the command that recorded it.
    pub on: NaiveDate,
    /// Sequence number of that event in the journal.
    pub seq: u64,
}

/// Who recorded a fact, and when: kept beside the payments, donations and
/// deliveries so that a snapshot shows the recorder had the power to record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issued {
    /// The issuer of the command that recorded it.
    pub by: ActorId,
    /// When it was recorded.
    pub recorded: Recorded,
}

/// A shared resource used in a mission, and when its licence became known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceUse {
    /// The resource's name.
    pub name: String,
    /// The report that first mentioned it.
    pub first: Recorded,
    /// The report that recorded its open licence, if any did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<(String, Recorded)>,
}

/// A resource developed during a mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DevelopedResource {
    /// The resource's name.
    pub name: String,
    /// The report that first mentioned it.
    pub first: Recorded,
    /// Its sharing, once recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<SharedResource>,
}

/// The record that a developed resource was shared with the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedResource {
    /// Its open licence.
    pub licence: String,
    /// Where it can be found (a URL, a shared drive…).
    pub location: String,
    /// When the sharing was recorded.
    pub recorded: Recorded,
}

/// What the follow-up records about one mission.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MissionFollowUp {
    /// The journal sequence number of each step of the mission's history, in order.
    pub seqs: Vec<u64>,
    /// The report that said the client was told how to take part in the network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_informed: Option<Recorded>,
    /// Shared resources used, in order of first mention.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources_used: Vec<ResourceUse>,
    /// Resources developed, in order of first mention.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources_developed: Vec<DevelopedResource>,
    /// Obligations to inform members who worked with the client before (art. 4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub obligations: Vec<InformObligation>,
}

/// An attendance at the yearly meeting on the quality of support (art. 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// The calendar year of the meeting.
    pub year: i32,
    /// What the meeting was, if given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meeting: String,
    /// When it was recorded.
    pub recorded: Recorded,
}

/// Everything the charter follow-up records, part of the network's state.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FollowUp {
    /// The configured rules; `None` until a steward configures them (the
    /// shipped rules apply).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<Timeline<FollowUpRules>>,
    /// Per mission.
    pub missions: BTreeMap<MissionId, MissionFollowUp>,
    /// The registry of prior work, by local actor (see [`local_actor_key`]).
    pub prior_work: BTreeMap<String, Vec<PriorWork>>,
    /// Attendances at the yearly meeting, per member, oldest year first.
    pub attendance: BTreeMap<ActorId, Vec<Attendance>>,
    /// Standing of members with at least one decision.
    pub standing: BTreeMap<ActorId, StandingRecord>,
    /// Hearings, per member, oldest first.
    pub hearings: BTreeMap<ActorId, Vec<Hearing>>,
    /// Decisions on involvement levels, in journal order, registrations
    /// above the supporter level included (recorded when the actor is registered).
    pub level_decisions: Vec<LevelDecision>,
    /// Who recorded each payment of the state, in the same order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<Issued>,
    /// Who recorded each donation of the state, in the same order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub donations: Vec<Issued>,
    /// Who recorded each delivery of the state, in the same order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deliveries: Vec<Issued>,
}

impl FollowUp {
    /// The rules timeline in force (the shipped one if none is configured).
    pub fn rules(&self) -> &Timeline<FollowUpRules> {
        self.rules.as_ref().unwrap_or_else(|| FollowUpRules::shipped())
    }

    /// The standing of a member (good standing without any decision).
    pub fn standing_of(&self, member: &ActorId) -> Standing {
        self.standing.get(member).map_or(Standing::GoodStanding, |r| r.current)
    }

    /// The member's open hearing, if any.
    pub fn open_hearing(&self, member: &ActorId) -> Option<&Hearing> {
        self.hearings.get(member).and_then(|h| h.last()).filter(|h| h.closed_seq.is_none())
    }

    fn open_hearing_mut(&mut self, member: &ActorId) -> Option<&mut Hearing> {
        self.hearings.get_mut(member).and_then(|h| h.last_mut()).filter(|h| h.closed_seq.is_none())
    }

    /// The rules timeline with a new period from `from`.
    fn with_period(&self, from: NaiveDate, rules: &FollowUpRules) -> Result<Timeline<FollowUpRules>> {
        let mut periods: Vec<Period<FollowUpRules>> = self.rules().periods().to_vec();
        if let Some(last) = periods.last_mut() {
            if last.until.is_none() && last.from < from {
                last.until = Some(from);
            }
        }
        periods.push(Period { from, until: None, value: rules.clone() });
        Timeline::new(RULES, periods)
    }
}

// ---- checks ---------------------------------------------------------------------------

impl Decision {
    /// Checks a decision recorded on `on`.
    ///
    /// # Errors
    /// `input.text.empty` for a blank reason, `date.order.invalid` for a
    /// decision taken after it is recorded.
    pub fn check(&self, on: NaiveDate) -> Result<()> {
        non_empty(&self.reason, "reason")?;
        not_before(on, self.taken_on, "decision", "record")
    }
}

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
            non_empty(grounds, "grounds")?;
            if fu.standing_of(member) == Standing::Excluded {
                return Err(Error::MemberExcluded(member.to_string()));
            }
            if fu.open_hearing(member).is_some() {
                return Err(Error::HearingAlreadyOpen(member.to_string()));
            }
            Ok(())
        }
        Action::AnswerHearing { member, answer } => {
            network.actor(member)?;
            non_empty(answer, "answer")?;
            let hearing = fu.open_hearing(member).ok_or_else(|| Error::NoOpenHearing(member.to_string()))?;
            if hearing.answer.is_some() {
                return Err(Error::HearingAlreadyAnswered(member.to_string()));
            }
            not_before(on, hearing.notice.on, "notice", "answer")
        }
        Action::DecideStanding { member, standing, decision } => {
            check_standing_decision(network, on, member, *standing, decision)
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

fn check_standing_decision(
    network: &Network,
    on: NaiveDate,
    member: &ActorId,
    to: Standing,
    decision: &Decision,
) -> Result<()> {
    network.actor(member)?;
    decision.check(on)?;
    if let Some(founded) = network.state().founded_on {
        not_before(decision.taken_on, founded, "founding", "decision")?;
    }
    let fu = &network.state().follow_up;
    let from = fu.standing_of(member);
    if let Some(last) = fu.standing.get(member).and_then(|r| r.decisions.last()) {
        not_before(decision.taken_on, last.taken_on, "previous decision", "decision")?;
    }
    if from == to {
        return Err(Error::StandingUnchanged { member: member.to_string(), standing: label(to) });
    }
    if from == Standing::Excluded && to != Standing::GoodStanding {
        return Err(Error::StandingTransition { member: member.to_string(), from: label(from), to: label(to) });
    }
    if to == Standing::Excluded {
        check_hearing(network, member, decision.taken_on)?;
        if let Some(c) = network.live_contract(member) {
            not_before(decision.taken_on, c.last_step_on(), "last contract step", "exclusion")?;
        }
    }
    Ok(())
}

fn label(s: Standing) -> &'static str {
    crate::labels::Labelled::label(s)
}

/// Checks that an exclusion of `member` decided on `on` follows a hearing:
/// a notice, then the member's answer or the end of the answer period.
///
/// # Errors
/// `standing.hearing.required` without an open hearing,
/// `standing.hearing.pending` while the member may still answer,
/// `date.order.invalid` for a decision before the notice or the answer.
pub(crate) fn check_hearing(network: &Network, member: &ActorId, on: NaiveDate) -> Result<()> {
    let fu = &network.state().follow_up;
    let hearing = fu.open_hearing(member).ok_or_else(|| Error::HearingRequired(member.to_string()))?;
    not_before(on, hearing.notice.on, "notice", "exclusion")?;
    match &hearing.answer {
        Some(answer) => not_before(on, answer.recorded.on, "answer", "exclusion"),
        None => {
            let days = rules_at(fu.rules(), hearing.notice.on).deadlines.hearing_answer_days;
            let until = plus_days(hearing.notice.on, days);
            if on < until {
                Err(Error::HearingPending { member: member.to_string(), until })
            } else {
                Ok(())
            }
        }
    }
}

/// Checks that an actor excluded by decision does not apply again before a reinstatement.
pub(crate) fn check_not_excluded(network: &Network, actor: &ActorId) -> Result<()> {
    if network.state().follow_up.standing_of(actor) == Standing::Excluded {
        Err(Error::MemberExcluded(actor.to_string()))
    } else {
        Ok(())
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

/// Records a standing decision; fills in the standing it leaves and the
/// hearing it closes.
fn record_standing(fu: &mut FollowUp, member: &ActorId, mut decision: StandingDecision) {
    // The decision closes the member's open hearing, whatever it decides.
    decision.hearing = fu.open_hearing_mut(member).map(|h| {
        h.closed_seq = Some(decision.recorded.seq);
        h.notice.seq
    });
    let record = fu.standing.entry(member.clone()).or_default();
    decision.from = record.current;
    record.current = decision.to;
    record.decisions.push(decision);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sum_of_days_saturates_at_the_calendars_ends() {
        let on = NaiveDate::from_ymd_opt(2021, 3, 20).unwrap();
        assert_eq!(plus_days(on, 11), NaiveDate::from_ymd_opt(2021, 3, 31).unwrap());
        assert_eq!(plus_days(on, i64::MAX), NaiveDate::MAX);
        assert_eq!(plus_days(on, i64::MIN), NaiveDate::MIN);
        assert_eq!(plus_days(on, 106_751_991_167_300), NaiveDate::MAX);
    }
}
