//! The charter follow-up: its rules, compliance reports and standing.
//!
//! The core judges, article by article, whether each signatory meets the
//! charter's engagements ([`ComplianceReport`]); thresholds *propose* a step
//! of the standing ladder ([`StandingProposal`]) and recorded activity
//! *suggests* an involvement level ([`LevelSuggestion`]); only a steward's
//! recorded decision changes either.

use crate::enums::{ComplianceRule, ComplianceStatus, DecisionVenue, InvolvementLevel, Standing};
use chrono::NaiveDate;
use coopetition::compliance::{
    ComplianceReport as CoreComplianceReport, EngagementCheck as CoreEngagementCheck,
    MemberCompliance as CoreMemberCompliance, StatusCounts as CoreStatusCounts,
};
use coopetition::followup::{
    Deadlines as CoreDeadlines, FollowUpRules as CoreFollowUpRules, LevelRules as CoreLevelRules,
    SanctionThresholds as CoreSanctionThresholds, Threshold as CoreThreshold,
};
use coopetition::ids::{ActorId, MissionId};
use coopetition::standing::{
    Decision as CoreDecision, LevelSuggestion as CoreLevelSuggestion, StandingProposal as CoreStandingProposal,
};

/// A decision of the network, as a steward records it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Decision {
    /// Why.
    pub reason: String,
    /// When it was taken (on or before the day it is recorded).
    pub taken_on: NaiveDate,
    /// Where it was taken.
    pub venue: DecisionVenue,
    /// A reference to the minutes or the vote (a URL…), if any.
    #[uniffi(default = None)]
    pub reference: Option<String>,
}

impl From<CoreDecision> for Decision {
    fn from(d: CoreDecision) -> Decision {
        Decision { reason: d.reason, taken_on: d.taken_on, venue: d.venue, reference: d.reference }
    }
}

impl From<Decision> for CoreDecision {
    fn from(d: Decision) -> CoreDecision {
        CoreDecision { reason: d.reason, taken_on: d.taken_on, venue: d.venue, reference: d.reference }
    }
}

/// The deadlines of the charter's engagements, in days.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Deadlines {
    /// Art. 1: a solicitation is reported within this many days of being received.
    pub solicitation_report_days: i64,
    /// Art. 1: the start of a won mission is reported within this many days of the win.
    pub start_report_days: i64,
    /// Art. 1: while a mission is in progress, a report at least every this many days.
    pub progress_interval_days: i64,
    /// Art. 2: the client is told how to take part in the network within this many days of the start.
    pub client_information_days: i64,
    /// Art. 3: resources developed are shared within this many days of the mission's end.
    pub resource_share_days: i64,
    /// Art. 4: a member who worked with the client before is informed within this many days of the start.
    pub prior_member_inform_days: i64,
    /// Art. 5: the attendance at a year's meeting is recorded at the latest this many days after that year.
    pub attendance_grace_days: i64,
    /// A notified member may answer during this many days before an exclusion can be decided.
    pub hearing_answer_days: i64,
}

impl From<CoreDeadlines> for Deadlines {
    fn from(d: CoreDeadlines) -> Deadlines {
        Deadlines {
            solicitation_report_days: d.solicitation_report_days,
            start_report_days: d.start_report_days,
            progress_interval_days: d.progress_interval_days,
            client_information_days: d.client_information_days,
            resource_share_days: d.resource_share_days,
            prior_member_inform_days: d.prior_member_inform_days,
            attendance_grace_days: d.attendance_grace_days,
            hearing_answer_days: d.hearing_answer_days,
        }
    }
}

impl From<Deadlines> for CoreDeadlines {
    fn from(d: Deadlines) -> CoreDeadlines {
        CoreDeadlines {
            solicitation_report_days: d.solicitation_report_days,
            start_report_days: d.start_report_days,
            progress_interval_days: d.progress_interval_days,
            client_information_days: d.client_information_days,
            resource_share_days: d.resource_share_days,
            prior_member_inform_days: d.prior_member_inform_days,
            attendance_grace_days: d.attendance_grace_days,
            hearing_answer_days: d.hearing_answer_days,
        }
    }
}

/// When a step of the standing ladder is proposed: at least `breached`
/// breached or `late` late engagements (0: criterion not used).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Threshold {
    /// Breached engagements that call for this step (0: not used).
    pub breached: u32,
    /// Late engagements that call for this step (0: not used).
    pub late: u32,
}

impl From<CoreThreshold> for Threshold {
    fn from(t: CoreThreshold) -> Threshold {
        Threshold { breached: t.breached, late: t.late }
    }
}

impl From<Threshold> for CoreThreshold {
    fn from(t: Threshold) -> CoreThreshold {
        CoreThreshold { breached: t.breached, late: t.late }
    }
}

/// The thresholds that propose a step of the standing ladder.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
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

impl From<CoreSanctionThresholds> for SanctionThresholds {
    fn from(s: CoreSanctionThresholds) -> SanctionThresholds {
        SanctionThresholds {
            lookback_days: s.lookback_days,
            reminder: s.reminder.into(),
            warning: s.warning.into(),
            suspended: s.suspended.into(),
            excluded: s.excluded.into(),
        }
    }
}

impl From<SanctionThresholds> for CoreSanctionThresholds {
    fn from(s: SanctionThresholds) -> CoreSanctionThresholds {
        CoreSanctionThresholds {
            lookback_days: s.lookback_days,
            reminder: s.reminder.into(),
            warning: s.warning.into(),
            suspended: s.suspended.into(),
            excluded: s.excluded.into(),
        }
    }
}

/// How recorded activity suggests an involvement level, with hysteresis.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LevelRules {
    /// Length of the window, in months, ending with the month of the report.
    pub window_months: u32,
    /// Active months from which a supporter is suggested as contributor.
    pub promote_months: u32,
    /// Active months at or below which a contributor is suggested as supporter.
    pub demote_months: u32,
}

impl From<CoreLevelRules> for LevelRules {
    fn from(l: CoreLevelRules) -> LevelRules {
        LevelRules { window_months: l.window_months, promote_months: l.promote_months, demote_months: l.demote_months }
    }
}

impl From<LevelRules> for CoreLevelRules {
    fn from(l: LevelRules) -> CoreLevelRules {
        CoreLevelRules {
            window_months: l.window_months,
            promote_months: l.promote_months,
            demote_months: l.demote_months,
        }
    }
}

/// Every rule of the follow-up: deadlines, sanction thresholds, level rules.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FollowUpRules {
    /// Deadlines of the engagements.
    pub deadlines: Deadlines,
    /// Thresholds proposing steps of the standing ladder.
    pub sanctions: SanctionThresholds,
    /// Thresholds suggesting involvement levels.
    pub levels: LevelRules,
}

impl From<CoreFollowUpRules> for FollowUpRules {
    fn from(r: CoreFollowUpRules) -> FollowUpRules {
        FollowUpRules { deadlines: r.deadlines.into(), sanctions: r.sanctions.into(), levels: r.levels.into() }
    }
}

impl From<FollowUpRules> for CoreFollowUpRules {
    fn from(r: FollowUpRules) -> CoreFollowUpRules {
        CoreFollowUpRules { deadlines: r.deadlines.into(), sanctions: r.sanctions.into(), levels: r.levels.into() }
    }
}

/// The shipped follow-up rules (a documented proposal to tune).
#[uniffi::export]
pub fn default_follow_up_rules() -> FollowUpRules {
    CoreFollowUpRules::default().into()
}

/// One engagement of one member, judged on the report's date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EngagementCheck {
    /// The charter article, 1 to 5.
    pub article: u8,
    /// The rule.
    pub rule: ComplianceRule,
    /// Where it stands.
    pub status: ComplianceStatus,
    /// The mission it is about, if any.
    pub mission: Option<MissionId>,
    /// The resource it is about (art. 3).
    pub resource: Option<String>,
    /// The member to inform (art. 4).
    pub member_to_inform: Option<ActorId>,
    /// The calendar year (art. 5).
    pub year: Option<i32>,
    /// When the engagement arose.
    pub arose_on: NaiveDate,
    /// When it is (or was) due, once known.
    pub due_on: Option<NaiveDate>,
    /// When it was done, if it was.
    pub done_on: Option<NaiveDate>,
    /// Sequence numbers of the journal events that prove the status.
    pub evidence: Vec<u64>,
}

impl From<CoreEngagementCheck> for EngagementCheck {
    fn from(e: CoreEngagementCheck) -> EngagementCheck {
        EngagementCheck {
            article: e.article,
            rule: e.rule,
            status: e.status,
            mission: e.mission,
            resource: e.resource,
            member_to_inform: e.member_to_inform,
            year: e.year,
            arose_on: e.arose_on,
            due_on: e.due_on,
            done_on: e.done_on,
            evidence: e.evidence,
        }
    }
}

/// How many engagements are in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct StatusCounts {
    /// Met.
    pub met: u32,
    /// Pending.
    pub pending: u32,
    /// Late.
    pub late: u32,
    /// Breached.
    pub breached: u32,
}

impl From<CoreStatusCounts> for StatusCounts {
    fn from(c: CoreStatusCounts) -> StatusCounts {
        StatusCounts { met: c.met, pending: c.pending, late: c.late, breached: c.breached }
    }
}

/// The engagements of one member bound by the charter.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MemberCompliance {
    /// The member (a provider who signed the charter).
    pub member: ActorId,
    /// Bound by the charter from its first signature.
    pub bound_from: NaiveDate,
    /// Until its membership ended, if it did.
    pub bound_until: Option<NaiveDate>,
    /// Every engagement, missions in id order then years.
    pub engagements: Vec<EngagementCheck>,
    /// Counts per status.
    pub counts: StatusCounts,
}

impl From<CoreMemberCompliance> for MemberCompliance {
    fn from(m: CoreMemberCompliance) -> MemberCompliance {
        MemberCompliance {
            member: m.member,
            bound_from: m.bound_from,
            bound_until: m.bound_until,
            engagements: m.engagements.into_iter().map(Into::into).collect(),
            counts: m.counts.into(),
        }
    }
}

/// The compliance of the whole network on a date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ComplianceReport {
    /// The date of the report.
    pub as_of: NaiveDate,
    /// One entry per bound member, in id order.
    pub members: Vec<MemberCompliance>,
    /// Counts over every member.
    pub counts: StatusCounts,
}

impl From<CoreComplianceReport> for ComplianceReport {
    fn from(r: CoreComplianceReport) -> ComplianceReport {
        ComplianceReport {
            as_of: r.as_of,
            members: r.members.into_iter().map(Into::into).collect(),
            counts: r.counts.into(),
        }
    }
}

/// What the thresholds propose for a member's standing. Shown, never applied.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StandingProposal {
    /// The member.
    pub member: ActorId,
    /// Its standing now.
    pub current: Standing,
    /// The step proposed, if any.
    pub proposed: Option<Standing>,
    /// Breached engagements due within the lookback window.
    pub breached: u32,
    /// Late engagements due within the lookback window.
    pub late: u32,
    /// The journal events behind those engagements.
    pub evidence: Vec<u64>,
    /// Whether the proposal is an exclusion, which needs a hearing first.
    pub hearing_required: bool,
}

impl From<CoreStandingProposal> for StandingProposal {
    fn from(p: CoreStandingProposal) -> StandingProposal {
        StandingProposal {
            member: p.member,
            current: p.current,
            proposed: p.proposed,
            breached: p.breached,
            late: p.late,
            evidence: p.evidence,
            hearing_required: p.hearing_required,
        }
    }
}

/// The level that recorded activity suggests. Shown, never applied.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LevelSuggestion {
    /// The actor.
    pub actor: ActorId,
    /// Its level now.
    pub current: InvolvementLevel,
    /// The level suggested, when it differs from the current one.
    pub suggested: Option<InvolvementLevel>,
    /// Months of the window with recorded activity.
    pub active_months: u32,
    /// Length of the window in months.
    pub window_months: u32,
}

impl From<CoreLevelSuggestion> for LevelSuggestion {
    fn from(s: CoreLevelSuggestion) -> LevelSuggestion {
        LevelSuggestion {
            actor: s.actor,
            current: s.current,
            suggested: s.suggested,
            active_months: s.active_months,
            window_months: s.window_months,
        }
    }
}
