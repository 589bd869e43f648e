//! Standing and sanctions, and the involvement level suggested by activity.
//!
//! The ladder: good standing → reminder → warning → suspended → excluded.
//! Thresholds ([`crate::followup::SanctionThresholds`]) read the compliance
//! report and *propose* the next step ([`Network::standing_proposal`]); only a
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
//! ([`Network::level_suggestion`]), with hysteresis so that it does not
//! flicker; only a decision (`change_level` or `decide_level`) changes it.

use crate::actor::InvolvementLevel;
use crate::compliance::{ComplianceStatus, MemberCompliance};
use crate::error::Result;
use crate::followup::{plus_days, Recorded};
use crate::ids::ActorId;
use crate::labels::labelled_enum;
use crate::network::Network;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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
    pub reference: Option<String>,
}

impl Decision {
    /// A decision without reference.
    pub fn new(reason: impl Into<String>, taken_on: NaiveDate, venue: DecisionVenue) -> Decision {
        Decision { reason: reason.into(), taken_on, venue, reference: None }
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

/// What the thresholds propose for a member's standing. Shown, never applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

    /// What the thresholds propose for a member on `as_of`.
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn standing_proposal(&self, member: &ActorId, as_of: NaiveDate) -> Result<StandingProposal> {
        let compliance = self.member_compliance(member, as_of)?;
        Ok(self.propose(member, compliance.as_ref(), as_of))
    }

    /// The proposals for every member bound by the charter on `as_of` that
    /// propose a change, in id order.
    pub fn standing_proposals(&self, as_of: NaiveDate) -> Vec<StandingProposal> {
        let report = self.compliance_report(as_of);
        report
            .members
            .iter()
            .map(|m| self.propose(&m.member, Some(m), as_of))
            .filter(|p| p.proposed.is_some())
            .collect()
    }

    fn propose(&self, member: &ActorId, compliance: Option<&MemberCompliance>, as_of: NaiveDate) -> StandingProposal {
        let thresholds = &self.follow_up_rules(as_of).sanctions;
        let since = plus_days(as_of, thresholds.lookback_days.saturating_neg());
        let (mut breached, mut late, mut evidence) = (0u32, 0u32, BTreeSet::new());
        for e in compliance.iter().flat_map(|c| &c.engagements) {
            let counted = match e.status {
                ComplianceStatus::Breached => &mut breached,
                ComplianceStatus::Late => &mut late,
                _ => continue,
            };
            if e.due_on.is_some_and(|d| d > since && d <= as_of) {
                *counted = counted.saturating_add(1);
                evidence.extend(e.evidence.iter().copied());
            }
        }
        let current = self.standing(member);
        let severity = thresholds
            .steps()
            .iter()
            .rev()
            .find(|(_, t)| t.reached(breached, late))
            .map_or(Standing::GoodStanding, |(s, _)| *s);
        let proposed = if current == Standing::Excluded {
            None
        } else if severity > current {
            current.next()
        } else if severity == Standing::GoodStanding && current != Standing::GoodStanding && breached == 0 {
            Some(Standing::GoodStanding)
        } else {
            None
        };
        StandingProposal {
            member: member.clone(),
            current,
            proposed,
            breached,
            late,
            evidence: evidence.into_iter().collect(),
            hearing_required: proposed == Some(Standing::Excluded),
        }
    }

    /// The level that an actor's recorded activity suggests on `as_of`.
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn level_suggestion(&self, actor: &ActorId, as_of: NaiveDate) -> Result<LevelSuggestion> {
        let current = self.actor(actor)?.level;
        let months = self.active_months(as_of);
        Ok(self.suggest(actor, current, months.get(actor).map_or(0, BTreeSet::len), as_of))
    }

    /// The suggestions that differ from the current level, for every actor, in id order.
    pub fn level_suggestions(&self, as_of: NaiveDate) -> Vec<LevelSuggestion> {
        let months = self.active_months(as_of);
        self.state()
            .actors
            .values()
            .map(|a| self.suggest(&a.id, a.level, months.get(&a.id).map_or(0, BTreeSet::len), as_of))
            .filter(|s| s.suggested.is_some())
            .collect()
    }

    fn suggest(&self, actor: &ActorId, current: InvolvementLevel, active: usize, as_of: NaiveDate) -> LevelSuggestion {
        let rules = &self.follow_up_rules(as_of).levels;
        let active = u32::try_from(active).unwrap_or(u32::MAX);
        // Stewards carry the strategy: their level is a matter of governance, not of activity.
        let suggested = match current {
            InvolvementLevel::Supporter if active >= rules.promote_months => Some(InvolvementLevel::Contributor),
            InvolvementLevel::Contributor if active <= rules.demote_months => Some(InvolvementLevel::Supporter),
            _ => None,
        };
        LevelSuggestion {
            actor: actor.clone(),
            current,
            suggested,
            active_months: active,
            window_months: rules.window_months,
        }
    }

    /// The months (of the window ending with `as_of`'s month) in which each
    /// actor has recorded activity.
    fn active_months(&self, as_of: NaiveDate) -> BTreeMap<&ActorId, BTreeSet<i64>> {
        let state = self.state();
        let window = i64::from(self.follow_up_rules(as_of).levels.window_months);
        let month = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        let last = month(as_of);
        let shared = state.follow_up.missions.iter().flat_map(|(id, fu)| {
            let provider = state.missions.get(id).map(|m| &m.provider);
            fu.resources_developed.iter().filter_map(move |r| Some((provider?, r.shared.as_ref()?.recorded.on)))
        });
        let attended =
            state.follow_up.attendance.iter().flat_map(|(m, list)| list.iter().map(move |a| (m, a.recorded.on)));
        let activity = state
            .payments
            .iter()
            .map(|p| (&p.member, p.on))
            .chain(state.donations.iter().map(|d| (&d.member, d.on)))
            .chain(state.deliveries.iter().map(|d| (&d.member, d.on)))
            .chain(attended)
            .chain(shared);
        let mut out: BTreeMap<&ActorId, BTreeSet<i64>> = BTreeMap::new();
        for (actor, on) in activity {
            let m = month(on);
            if on <= as_of && m > last - window {
                out.entry(actor).or_default().insert(m);
            }
        }
        out
    }
}
