//! Standing and sanctions, and the involvement level suggested by activity.
//!
//! The ladder: good standing → reminder → warning → suspended → excluded.
//! Thresholds ([`crate::followup::SanctionThresholds`]) read the compliance
//! report and *propose* the next step ([`crate::network::Network::standing_proposal`]); only a
//! steward's recorded decision ([`crate::network::Action::DecideStanding`])
//! changes a standing. A decision carries its reason, the date it was taken
//! and where: a coordination meeting or an online vote.
//!
//! An exclusion requires a hearing first: a steward notifies the member
//! ([`crate::network::Action::NotifyHearing`]), the member may answer
//! ([`crate::network::Action::AnswerHearing`]); the exclusion can then be
//! decided once the member answered or the answer period ended. The next
//! decision about the member closes the hearing. An exclusion also ends the
//! member's contract; [`crate::network::Action::ExcludeMember`] (the contract
//! step) follows the same hearing rule and records the same standing.
//! Reinstatement is a decision back to good standing; from excluded it is the
//! only decision allowed, and an excluded actor cannot apply again before it.
//!
//! A suspended member keeps its contract but leaves the public directory.
//!
//! Likewise, recorded activity (payments, donations, in-kind deliveries,
//! resources shared, attendances) *suggests* an involvement level
//! ([`crate::network::Network::level_suggestion`]), with hysteresis so that it does not
//! flicker; only a decision (`change_level` or `decide_level`) changes it.

use crate::actor::InvolvementLevel;
use crate::calendar::{not_before, plus_days};
use crate::error::{Error, Result};
use crate::ids::ActorId;
use crate::labels::labelled_enum;
use crate::recorded::Recorded;
use crate::text::non_empty;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// A member's standing on the ladder of sanctions.
    #[derive(Default)]
    Standing, "standing", {
        /// No sanction.
        #[default]
        GoodStanding => "good_standing",
        /// A reminder of the engagements.
        Reminder => "reminder",
        /// A formal warning.
        Warning => "warning",
        /// Suspended: still a member, but no longer shown in the public directory.
        Suspended => "suspended",
        /// Excluded: the contract is ended.
        Excluded => "excluded",
    }
);

impl Standing {
    /// The next step of the ladder (`None` from excluded).
    pub fn next(self) -> Option<Standing> {
        match self {
            Standing::GoodStanding => Some(Standing::Reminder),
            Standing::Reminder => Some(Standing::Warning),
            Standing::Warning => Some(Standing::Suspended),
            Standing::Suspended => Some(Standing::Excluded),
            Standing::Excluded => None,
        }
    }

    /// The step proposed from this standing when the thresholds call for
    /// `severity` (good standing: none reached) with `breached` engagements
    /// breached: the next step of the ladder when they call for more, good
    /// standing (a reinstatement) once none is reached and nothing is
    /// breached; nothing from excluded, which only a decision leaves.
    pub(crate) fn proposal(self, severity: Standing, breached: u32) -> Option<Standing> {
        if self == Standing::Excluded {
            None
        } else if severity > self {
            self.next()
        } else if severity == Standing::GoodStanding && self != Standing::GoodStanding && breached == 0 {
            Some(Standing::GoodStanding)
        } else {
            None
        }
    }
}

labelled_enum!(
    /// Where a decision was taken (the seed: "temps de coordination, framavox").
    DecisionVenue, "decision venue", {
        /// At a coordination meeting.
        CoordinationMeeting => "coordination_meeting",
        /// By an online vote.
        OnlineVote => "online_vote",
    }
);

/// A decision of the network, as a steward records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Why.
    pub reason: String,
    /// When it was taken (on or before the day it is recorded).
    pub taken_on: NaiveDate,
    /// Where it was taken.
    pub venue: DecisionVenue,
    /// A reference to the minutes or the vote (a URL…), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub reference: Option<String>,
}

impl Decision {
    /// A decision without reference.
    pub fn new(reason: impl Into<String>, taken_on: NaiveDate, venue: DecisionVenue) -> Decision {
        Decision { reason: reason.into(), taken_on, venue, reference: None }
    }

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

/// A recorded change of standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandingDecision {
    /// The standing before.
    pub from: Standing,
    /// The standing decided.
    pub to: Standing,
    /// The steward who recorded it.
    pub by: ActorId,
    /// Why.
    pub reason: String,
    /// When it was taken.
    pub taken_on: NaiveDate,
    /// Where it was taken; `None` for an `exclude_member` command, which does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<DecisionVenue>,
    /// A reference to the minutes or the vote, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The event that recorded it.
    pub recorded: Recorded,
    /// Sequence number of the notice of the hearing the decision closed, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hearing: Option<u64>,
}

/// A member's standing and the decisions that led to it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandingRecord {
    /// The current standing.
    pub current: Standing,
    /// Every decision, oldest first.
    pub decisions: Vec<StandingDecision>,
}

impl StandingRecord {
    /// Records a decision, which leaves the current standing and closed the
    /// hearing noticed as event `hearing`, if any.
    pub(crate) fn record(&mut self, mut decision: StandingDecision, hearing: Option<u64>) {
        decision.hearing = hearing;
        decision.from = self.current;
        self.current = decision.to;
        self.decisions.push(decision);
    }
}

/// The member's answer to a notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HearingAnswer {
    /// What the member said.
    pub text: String,
    /// When it was recorded.
    pub recorded: Recorded,
}

/// A hearing: the member is notified of the grounds and may answer before a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hearing {
    /// The grounds notified.
    pub grounds: String,
    /// The steward who notified.
    pub notified_by: ActorId,
    /// When the notice was recorded.
    pub notice: Recorded,
    /// The member's answer, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<HearingAnswer>,
    /// Sequence number of the decision that closed the hearing, once taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_seq: Option<u64>,
}

impl Hearing {
    /// Closes the hearing by the decision recorded as event `seq`; returns
    /// the number of the notice it closes.
    pub(crate) fn close(&mut self, seq: u64) -> u64 {
        self.closed_seq = Some(seq);
        self.notice.seq
    }
}

/// A recorded change of involvement level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelDecision {
    /// The actor.
    pub actor: ActorId,
    /// The level before.
    pub from: InvolvementLevel,
    /// The level decided.
    pub to: InvolvementLevel,
    /// The steward who recorded it.
    pub by: ActorId,
    /// Why.
    pub reason: String,
    /// When it was taken.
    pub taken_on: NaiveDate,
    /// Where; `None` for a `change_level` command, which does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<DecisionVenue>,
    /// A reference to the minutes or the vote, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The event that recorded it.
    pub recorded: Recorded,
}

/// What the rules of standing read about one member: its standing record,
/// its open hearing, and the days the rules in force on the day of that
/// hearing's notice leave it to answer. The follow-up builds it from its
/// records ([`crate::followup::FollowUp::case`]); the checks of the commands
/// that apply, notify, answer, decide or exclude ask it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StandingCase<'a> {
    /// The member.
    pub member: &'a ActorId,
    /// Its standing and decisions, once a decision was taken.
    pub record: Option<&'a StandingRecord>,
    /// Its open hearing, if any.
    pub hearing: Option<&'a Hearing>,
    /// The days given to answer the open hearing's notice.
    pub answer_days: i64,
}

impl StandingCase<'_> {
    /// The member's standing (good standing without any decision).
    pub fn standing(&self) -> Standing {
        self.record.map_or(Standing::GoodStanding, |r| r.current)
    }

    /// Checks that an actor excluded by decision does not apply again before a reinstatement.
    ///
    /// # Errors
    /// `standing.member.excluded`.
    pub fn check_not_excluded(&self) -> Result<()> {
        if self.standing() == Standing::Excluded {
            Err(Error::MemberExcluded(self.member.to_string()))
        } else {
            Ok(())
        }
    }

    /// Checks a notice of hearing: grounds given, a member not excluded, no
    /// hearing already open.
    ///
    /// # Errors
    /// `input.text.empty` (or `input.text.invalid`), `standing.member.excluded`,
    /// `standing.hearing.already_open`.
    pub fn check_notice(&self, grounds: &str) -> Result<()> {
        non_empty(grounds, "grounds")?;
        if self.standing() == Standing::Excluded {
            return Err(Error::MemberExcluded(self.member.to_string()));
        }
        if self.hearing.is_some() {
            return Err(Error::HearingAlreadyOpen(self.member.to_string()));
        }
        Ok(())
    }

    /// Checks an answer recorded on `on`: given, to an open hearing not
    /// answered yet, not before its notice.
    ///
    /// # Errors
    /// `input.text.empty` (or `input.text.invalid`), `standing.hearing.not_open`,
    /// `standing.hearing.answered`, `date.order.invalid`.
    pub fn check_answer(&self, answer: &str, on: NaiveDate) -> Result<()> {
        non_empty(answer, "answer")?;
        let hearing = self.hearing.ok_or_else(|| Error::NoOpenHearing(self.member.to_string()))?;
        if hearing.answer.is_some() {
            return Err(Error::HearingAlreadyAnswered(self.member.to_string()));
        }
        not_before(on, hearing.notice.on, "notice", "answer")
    }

    /// Checks that an exclusion decided on `on` follows a hearing: a notice,
    /// then the member's answer or the end of the answer period.
    ///
    /// # Errors
    /// `standing.hearing.required` without an open hearing,
    /// `standing.hearing.pending` while the member may still answer,
    /// `date.order.invalid` for a decision before the notice or the answer.
    pub fn check_hearing(&self, on: NaiveDate) -> Result<()> {
        let hearing = self.hearing.ok_or_else(|| Error::HearingRequired(self.member.to_string()))?;
        not_before(on, hearing.notice.on, "notice", "exclusion")?;
        match &hearing.answer {
            Some(answer) => not_before(on, answer.recorded.on, "answer", "exclusion"),
            None => {
                let until = plus_days(hearing.notice.on, self.answer_days);
                if on < until {
                    Err(Error::HearingPending { member: self.member.to_string(), until })
                } else {
                    Ok(())
                }
            }
        }
    }

    /// Checks a decision moving the member to `to`, recorded on `on`: taken
    /// after the founding and the previous decision, a change, only a
    /// reinstatement from excluded; an exclusion follows a hearing and the
    /// last step of the member's live contract, if any.
    ///
    /// # Errors
    /// As [`Decision::check`], `date.order.invalid`, `standing.decision.unchanged`,
    /// `standing.transition.invalid`, then as [`StandingCase::check_hearing`].
    pub fn check_decision(
        &self,
        to: Standing,
        decision: &Decision,
        on: NaiveDate,
        founded_on: Option<NaiveDate>,
        last_contract_step: Option<NaiveDate>,
    ) -> Result<()> {
        let member = self.member;
        decision.check(on)?;
        if let Some(founded) = founded_on {
            not_before(decision.taken_on, founded, "founding", "decision")?;
        }
        let from = self.standing();
        if let Some(last) = self.record.and_then(|r| r.decisions.last()) {
            not_before(decision.taken_on, last.taken_on, "previous decision", "decision")?;
        }
        if from == to {
            return Err(Error::StandingUnchanged { member: member.to_string(), standing: label(to) });
        }
        if from == Standing::Excluded && to != Standing::GoodStanding {
            return Err(Error::StandingTransition { member: member.to_string(), from: label(from), to: label(to) });
        }
        if to == Standing::Excluded {
            self.check_hearing(decision.taken_on)?;
            if let Some(step) = last_contract_step {
                not_before(decision.taken_on, step, "last contract step", "exclusion")?;
            }
        }
        Ok(())
    }
}

fn label(s: Standing) -> &'static str {
    crate::labels::Labelled::label(s)
}

/// What the thresholds propose for a member's standing. Shown, never applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct StandingProposal {
    /// The member.
    pub member: ActorId,
    /// Its standing now.
    pub current: Standing,
    /// The step proposed, if any: the next step of the ladder, or good
    /// standing (reinstatement) once nothing is late or breached any more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// The level that recorded activity suggests. Shown, never applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct LevelSuggestion {
    /// The actor.
    pub actor: ActorId,
    /// Its level now.
    pub current: InvolvementLevel,
    /// The level suggested, when it differs from the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<InvolvementLevel>,
    /// Months of the window with recorded activity.
    pub active_months: u32,
    /// Length of the window in months.
    pub window_months: u32,
}
