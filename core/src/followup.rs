//! The charter follow-up: its rules (deadlines and thresholds, time-versioned)
//! and the facts the network records about engagements. The checks and
//! effects of the follow-up commands belong to the network, which records
//! these facts (`network/follow_up.rs`).
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

use crate::error::{Error, Result};
use crate::ids::{ActorId, MissionId};
use crate::policy::timeline::{Period, Timeline};
#[cfg(doc)]
use crate::prior_work::local_actor_key;
use crate::prior_work::{InformObligation, PriorWork};
pub use crate::recorded::Recorded;
use crate::standing::{Hearing, LevelDecision, Standing, StandingCase, StandingRecord};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The deadlines of the charter's engagements, in days.
///
/// Each is signed so that a negative value can be refused with a typed error
/// (`compliance.deadline.invalid`) rather than wrap around.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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

    /// What the rules of standing read about a member (see [`StandingCase`]).
    pub(crate) fn case<'a>(&'a self, member: &'a ActorId) -> StandingCase<'a> {
        let hearing = self.open_hearing(member);
        StandingCase {
            member,
            record: self.standing.get(member),
            hearing,
            answer_days: hearing.map_or(0, |h| rules_at(self.rules(), h.notice.on).deadlines.hearing_answer_days),
        }
    }

    /// The member's open hearing, if any.
    pub fn open_hearing(&self, member: &ActorId) -> Option<&Hearing> {
        self.hearings.get(member).and_then(|h| h.last()).filter(|h| h.closed_seq.is_none())
    }

    pub(crate) fn open_hearing_mut(&mut self, member: &ActorId) -> Option<&mut Hearing> {
        self.hearings.get_mut(member).and_then(|h| h.last_mut()).filter(|h| h.closed_seq.is_none())
    }

    /// The rules timeline with a new period from `from`.
    pub(crate) fn with_period(&self, from: NaiveDate, rules: &FollowUpRules) -> Result<Timeline<FollowUpRules>> {
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
