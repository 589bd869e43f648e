//! What the follow-up proposes, shown and never applied: a step of the
//! standing ladder from the compliance report ([`Network::standing_proposal`]),
//! an involvement level from recorded activity ([`Network::level_suggestion`]).
//! Only a steward's recorded decision changes either.

use crate::actor::InvolvementLevel;
use crate::calendar::plus_days;
use crate::compliance::{ComplianceStatus, MemberCompliance};
use crate::error::Result;
use crate::ids::ActorId;
use crate::network::Network;
use crate::standing::{LevelSuggestion, Standing, StandingProposal};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

impl Network {
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
        let proposed = current.proposal(severity, breached);
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
