//! The compliance report: article by article, is each engagement of the
//! charter met, pending, late or breached — and which journal events prove it.
//!
//! The charter binds a provider from its first signature (and until its
//! membership ends). Each engagement arises on a date, has a due date set by
//! the [`crate::followup::Deadlines`] in force on that date, and is done when
//! the network *records* it (the date of the command, which cannot be
//! backdated, rather than a date the provider states):
//!
//! | status | meaning |
//! | --- | --- |
//! | `met` | done by the due date |
//! | `late` | done after the due date |
//! | `pending` | not done, the due date is not past |
//! | `breached` | not done, the due date is past |
//!
//! The rules, one [`Rule`] each:
//! - **Art. 1** `solicitation_reported`: the solicitation is reported within
//!   N days of being received (its `occurred_on` against its `reported_on`);
//!   `start_reported`: within N days of the win, the start (or the
//!   cancellation) is reported; `progress_reported`: from the start until the
//!   completion, no more than M days pass without a report.
//! - **Art. 2** `client_informed`: the client is told how to take part within
//!   N days of the start, and at the latest by the completion report (a
//!   mission completed without it stays breached: a closed mission takes no
//!   more reports).
//! - **Art. 3** `resource_open`: a shared resource is reported with its open
//!   licence (late when the licence comes in a later report);
//!   `resource_shared`: a resource developed is shared within N days of the
//!   mission's end.
//! - **Art. 4** `prior_member_informed`: a member who worked with the client
//!   before is informed within N days of the start.
//! - **Art. 5** `quality_meeting`: an attendance at the yearly meeting is
//!   recorded for each calendar year the provider was bound on 1 July, at the
//!   latest N days after the year's end.
//!
//! A report at a date only sees what was recorded on or before that date.
//!
//! ```
//! use coopetition::prelude::*;
//! # fn main() -> coopetition::Result<()> {
//! let alice = ActorId::new("alice")?;
//! let mut network = Network::new();
//! let founder = Actor { level: InvolvementLevel::Steward, ..Actor::new(alice.clone(), ActorKind::Association, "Alice", true)? };
//! network.execute(Command::new(&alice, date(2020, 1, 6)?, Action::FoundNetwork {
//!     settings: NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"),
//!     founders: vec![founder],
//! }))?;
//! let report = network.compliance_report(date(2021, 1, 1)?);
//! assert!(report.members.is_empty()); // nobody signed the charter yet
//! # Ok(()) }
//! ```

use crate::calendar::plus_days;
use crate::error::{Error, Result};
use crate::followup::{rules_at, FollowUp, FollowUpRules, MissionFollowUp};
use crate::ids::{ActorId, MissionId};
use crate::labels::labelled_enum;
use crate::mission::{Mission, MissionRecord};
use crate::network::{Network, NetworkState};
use crate::policy::timeline::Timeline;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

labelled_enum!(
    /// Where an engagement stands on the date of a report.
    ComplianceStatus, "compliance status", {
        /// Done by the due date.
        Met => "met",
        /// Not done, and the due date is not past.
        Pending => "pending",
        /// Done after the due date.
        Late => "late",
        /// Not done, and the due date is past.
        Breached => "breached",
    }
);

labelled_enum!(
    /// The rule an engagement follows, one per measurable engagement of the charter.
    Rule as "ComplianceRule", "compliance rule", {
        /// Art. 1: the solicitation is reported within N days.
        SolicitationReported => "solicitation_reported",
        /// Art. 1: the start of a won mission is reported within N days of the win.
        StartReported => "start_reported",
        /// Art. 1: a progress report at least every M days while in progress.
        ProgressReported => "progress_reported",
        /// Art. 2: the client is told how to take part in the network.
        ClientInformed => "client_informed",
        /// Art. 3: a shared resource used is open (its licence is recorded).
        ResourceOpen => "resource_open",
        /// Art. 3: a resource developed is shared within N days of the mission's end.
        ResourceShared => "resource_shared",
        /// Art. 4: a member who worked with the client before is informed.
        PriorMemberInformed => "prior_member_informed",
        /// Art. 5: attendance at the yearly meeting on the quality of support.
        QualityMeeting => "quality_meeting",
    }
);

impl Rule {
    /// The charter article the rule belongs to, 1 to 5.
    pub fn article(self) -> u8 {
        match self {
            Rule::SolicitationReported | Rule::StartReported | Rule::ProgressReported => 1,
            Rule::ClientInformed => 2,
            Rule::ResourceOpen | Rule::ResourceShared => 3,
            Rule::PriorMemberInformed => 4,
            Rule::QualityMeeting => 5,
        }
    }
}

/// One engagement of one member, judged on the report's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct EngagementCheck {
    /// The charter article, 1 to 5.
    pub article: u8,
    /// The rule.
    pub rule: Rule,
    /// Where it stands.
    pub status: ComplianceStatus,
    /// The mission it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<MissionId>,
    /// The resource it is about (art. 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The member to inform (art. 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_to_inform: Option<ActorId>,
    /// The calendar year (art. 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// When the engagement arose.
    pub arose_on: NaiveDate,
    /// When it is (or was) due; `None` while it cannot be known (a resource
    /// developed in a mission not ended yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
    /// When it was done, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
    /// Sequence numbers of the journal events that prove the status, in journal order.
    pub evidence: Vec<u64>,
}

/// How many engagements are in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
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

impl StatusCounts {
    fn add(&mut self, status: ComplianceStatus) {
        let n = match status {
            ComplianceStatus::Met => &mut self.met,
            ComplianceStatus::Pending => &mut self.pending,
            ComplianceStatus::Late => &mut self.late,
            ComplianceStatus::Breached => &mut self.breached,
        };
        *n = n.saturating_add(1);
    }

    fn merge(&mut self, other: StatusCounts) {
        self.met = self.met.saturating_add(other.met);
        self.pending = self.pending.saturating_add(other.pending);
        self.late = self.late.saturating_add(other.late);
        self.breached = self.breached.saturating_add(other.breached);
    }
}

/// The engagements of one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct MemberCompliance {
    /// The member (a provider who signed the charter).
    pub member: ActorId,
    /// Bound by the charter from its first signature.
    pub bound_from: NaiveDate,
    /// Until its membership ended, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_until: Option<NaiveDate>,
    /// Every engagement, missions in id order then years.
    pub engagements: Vec<EngagementCheck>,
    /// Counts per status.
    pub counts: StatusCounts,
}

impl MemberCompliance {
    /// The engagements in a status.
    pub fn with_status(&self, status: ComplianceStatus) -> impl Iterator<Item = &EngagementCheck> {
        self.engagements.iter().filter(move |e| e.status == status)
    }

    /// The engagements under one article.
    pub fn article(&self, article: u8) -> impl Iterator<Item = &EngagementCheck> {
        self.engagements.iter().filter(move |e| e.article == article)
    }
}

/// The compliance of the whole network, or of one member, on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct ComplianceReport {
    /// The date of the report.
    pub as_of: NaiveDate,
    /// One entry per bound member, in id order.
    pub members: Vec<MemberCompliance>,
    /// Counts over every member.
    pub counts: StatusCounts,
}

impl ComplianceReport {
    /// The entry of a member, if it is bound by the charter.
    pub fn member(&self, member: &ActorId) -> Option<&MemberCompliance> {
        self.members.binary_search_by(|m| m.member.cmp(member)).ok().and_then(|i| self.members.get(i))
    }
}

/// What the rules need to know of a member: its window, the date, the rules.
struct Ctx<'a> {
    rules: &'a Timeline<FollowUpRules>,
    as_of: NaiveDate,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

impl Ctx<'_> {
    fn covers(&self, on: NaiveDate) -> bool {
        on >= self.from && self.until.is_none_or(|u| on < u)
    }

    fn rules(&self, on: NaiveDate) -> &FollowUpRules {
        rules_at(self.rules, on)
    }

    fn status(&self, done: Option<NaiveDate>, due: NaiveDate) -> ComplianceStatus {
        match done {
            Some(d) if d <= due => ComplianceStatus::Met,
            Some(_) => ComplianceStatus::Late,
            None if self.as_of > due => ComplianceStatus::Breached,
            None => ComplianceStatus::Pending,
        }
    }
}

fn check(rule: Rule, status: ComplianceStatus, arose_on: NaiveDate) -> EngagementCheck {
    EngagementCheck {
        article: rule.article(),
        rule,
        status,
        mission: None,
        resource: None,
        member_to_inform: None,
        year: None,
        arose_on,
        due_on: None,
        done_on: None,
        evidence: Vec::new(),
    }
}

/// A visible step of a mission: its position, record and sequence number.
type Step<'a> = (usize, &'a MissionRecord, Option<u64>);

fn mission_checks(ctx: &Ctx<'_>, m: &Mission, fu: Option<&MissionFollowUp>, out: &mut Vec<EngagementCheck>) {
    let as_of = ctx.as_of;
    let steps = || {
        m.history
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.reported_on <= as_of)
            .map(|(i, r)| (i, r, fu.and_then(|f| f.seqs.get(i)).copied()))
    };
    let Some((_, solicited, solicited_seq)) = steps().next() else { return };
    let find = |step: &str| steps().find(|(_, r, _)| r.step == step);
    let after = |from: usize, wanted: &[&str]| steps().find(|(i, r, _)| *i > from && wanted.contains(&r.step.as_str()));
    let for_mission = |mut c: EngagementCheck, evidence: &[Option<u64>]| {
        c.mission = Some(m.id.clone());
        c.evidence = evidence.iter().flatten().copied().collect();
        c.evidence.sort_unstable();
        c.evidence.dedup();
        c
    };

    // Art. 1: the solicitation.
    if ctx.covers(solicited.occurred_on) {
        let due = plus_days(solicited.occurred_on, ctx.rules(solicited.occurred_on).deadlines.solicitation_report_days);
        let mut c =
            check(Rule::SolicitationReported, ctx.status(Some(solicited.reported_on), due), solicited.occurred_on);
        c.due_on = Some(due);
        c.done_on = Some(solicited.reported_on);
        out.push(for_mission(c, &[solicited_seq]));
    }

    // Art. 1: the start of a won mission (or its cancellation) is reported.
    if let Some((w, won, won_seq)) = find("won") {
        if ctx.covers(won.occurred_on) {
            let due = plus_days(won.occurred_on, ctx.rules(won.occurred_on).deadlines.start_report_days);
            let outcome = after(w, &["started", "cancelled"]);
            let done = outcome.map(|(_, r, _)| r.reported_on);
            let mut c = check(Rule::StartReported, ctx.status(done, due), won.occurred_on);
            c.due_on = Some(due);
            c.done_on = done;
            out.push(for_mission(c, &[won_seq, outcome.and_then(|o| o.2)]));
        }
    }

    let Some(start @ (s, started, _)) = find("started") else {
        developed_checks(ctx, m, fu, None, out);
        return;
    };
    let end = after(s, &["completed", "cancelled"]);
    if ctx.covers(started.occurred_on) {
        out.push(progress_check(ctx, start, steps().filter(|(i, _, _)| *i > s), &for_mission));
        client_check(ctx, start, end, fu, &for_mission, out);
    }
    developed_checks(ctx, m, fu, end, out);
}

fn progress_check<'a>(
    ctx: &Ctx<'_>,
    (_, started, started_seq): Step<'a>,
    later: impl Iterator<Item = Step<'a>>,
    for_mission: &dyn Fn(EngagementCheck, &[Option<u64>]) -> EngagementCheck,
) -> EngagementCheck {
    let interval = ctx.rules(started.occurred_on).deadlines.progress_interval_days;
    let mut last = started.occurred_on;
    let mut first_missed: Option<NaiveDate> = None;
    let mut ended = false;
    let mut evidence = vec![started_seq];
    let mut done = None;
    for (_, r, seq) in later {
        if !matches!(r.step.as_str(), "progress" | "completed" | "cancelled") {
            continue;
        }
        let due = plus_days(last, interval);
        if r.reported_on > due && first_missed.is_none() {
            first_missed = Some(due);
        }
        last = last.max(r.reported_on);
        evidence.push(seq);
        done = Some(r.reported_on);
        if r.step != "progress" {
            ended = true;
            break;
        }
    }
    let next_due = plus_days(last, interval);
    let (status, due) = match (ended, first_missed) {
        (true, None) => (ComplianceStatus::Met, last),
        (true, Some(missed)) => (ComplianceStatus::Late, missed),
        (false, _) if ctx.as_of > next_due => (ComplianceStatus::Breached, next_due),
        (false, Some(missed)) => (ComplianceStatus::Late, missed),
        (false, None) => (ComplianceStatus::Pending, next_due),
    };
    let mut c = check(Rule::ProgressReported, status, started.occurred_on);
    c.due_on = Some(due);
    c.done_on = done;
    for_mission(c, &evidence)
}

fn client_check(
    ctx: &Ctx<'_>,
    (_, started, started_seq): Step<'_>,
    end: Option<Step<'_>>,
    fu: Option<&MissionFollowUp>,
    for_mission: &dyn Fn(EngagementCheck, &[Option<u64>]) -> EngagementCheck,
    out: &mut Vec<EngagementCheck>,
) {
    let deadline = plus_days(started.occurred_on, ctx.rules(started.occurred_on).deadlines.client_information_days);
    let informed = fu.and_then(|f| f.client_informed).filter(|r| r.on <= ctx.as_of);
    let completed = end.filter(|(_, r, _)| r.step == "completed");
    let (status, due) = match (informed, completed) {
        (Some(i), _) => (ctx.status(Some(i.on), deadline), deadline),
        // Completed without it: breached for good, a closed mission takes no report.
        (None, Some((_, r, _))) => (ComplianceStatus::Breached, deadline.min(r.reported_on)),
        // Cancelled: the support stopped, nothing more is owed.
        (None, None) if end.is_some() => return,
        (None, None) => (ctx.status(None, deadline), deadline),
    };
    let mut c = check(Rule::ClientInformed, status, started.occurred_on);
    c.due_on = Some(due);
    c.done_on = informed.map(|i| i.on);
    out.push(for_mission(c, &[started_seq, informed.map(|i| i.seq), completed.and_then(|c| c.2)]));
}

fn developed_checks(
    ctx: &Ctx<'_>,
    m: &Mission,
    fu: Option<&MissionFollowUp>,
    end: Option<Step<'_>>,
    out: &mut Vec<EngagementCheck>,
) {
    let Some(fu) = fu else { return };
    let with = |rule, status, arose_on, name: &str, evidence: &[Option<u64>]| {
        let mut c = check(rule, status, arose_on);
        c.mission = Some(m.id.clone());
        c.resource = Some(name.to_owned());
        c.evidence = evidence.iter().flatten().copied().collect();
        c.evidence.sort_unstable();
        c.evidence.dedup();
        c
    };
    for used in fu.resources_used.iter().filter(|u| u.first.on <= ctx.as_of && ctx.covers(u.first.on)) {
        let licence = used.licence.as_ref().map(|(_, r)| *r).filter(|r| r.on <= ctx.as_of);
        let status = match licence {
            Some(l) if l.seq == used.first.seq => ComplianceStatus::Met,
            Some(_) => ComplianceStatus::Late,
            None => ComplianceStatus::Breached,
        };
        let mut c = with(
            Rule::ResourceOpen,
            status,
            used.first.on,
            &used.name,
            &[Some(used.first.seq), licence.map(|l| l.seq)],
        );
        c.due_on = Some(used.first.on);
        c.done_on = licence.map(|l| l.on);
        out.push(c);
    }
    for dev in fu.resources_developed.iter().filter(|d| d.first.on <= ctx.as_of && ctx.covers(d.first.on)) {
        let shared = dev.shared.as_ref().map(|s| s.recorded).filter(|r| r.on <= ctx.as_of);
        let due = end.map(|(_, r, _)| plus_days(r.occurred_on, ctx.rules(r.occurred_on).deadlines.resource_share_days));
        let status = match (due, shared) {
            (Some(due), _) => ctx.status(shared.map(|s| s.on), due),
            (None, Some(_)) => ComplianceStatus::Met,
            (None, None) => ComplianceStatus::Pending,
        };
        let evidence = [Some(dev.first.seq), end.and_then(|e| e.2), shared.map(|s| s.seq)];
        let mut c = with(Rule::ResourceShared, status, dev.first.on, &dev.name, &evidence);
        c.due_on = due;
        c.done_on = shared.map(|s| s.on);
        out.push(c);
    }
    for o in fu.obligations.iter().filter(|o| o.created.on <= ctx.as_of && ctx.covers(o.arises_on)) {
        let due = plus_days(o.arises_on, ctx.rules(o.arises_on).deadlines.prior_member_inform_days);
        let done = o.discharged.filter(|d| d.on <= ctx.as_of);
        let mut c = check(Rule::PriorMemberInformed, ctx.status(done.map(|d| d.on), due), o.arises_on);
        c.mission = Some(m.id.clone());
        c.member_to_inform = Some(o.member.clone());
        c.due_on = Some(due);
        c.done_on = done.map(|d| d.on);
        c.evidence = [Some(o.prior_work), Some(o.created.seq), done.map(|d| d.seq)].into_iter().flatten().collect();
        c.evidence.sort_unstable();
        c.evidence.dedup();
        out.push(c);
    }
}

fn attendance_checks(ctx: &Ctx<'_>, member: &ActorId, fu: &FollowUp, out: &mut Vec<EngagementCheck>) {
    let attended = fu.attendance.get(member).map_or(&[][..], Vec::as_slice);
    for year in ctx.from.year()..=ctx.as_of.year() {
        let (Some(mid_year), Some(year_end)) =
            (NaiveDate::from_ymd_opt(year, 7, 1), NaiveDate::from_ymd_opt(year, 12, 31))
        else {
            continue;
        };
        if !ctx.covers(mid_year) {
            continue;
        }
        let due = plus_days(year_end, ctx.rules(year_end).deadlines.attendance_grace_days);
        let record = attended.iter().find(|a| a.year == year).map(|a| a.recorded).filter(|r| r.on <= ctx.as_of);
        let arose = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(mid_year).max(ctx.from);
        let mut c = check(Rule::QualityMeeting, ctx.status(record.map(|r| r.on), due), arose);
        c.year = Some(year);
        c.due_on = Some(due);
        c.done_on = record.map(|r| r.on);
        c.evidence = record.map(|r| r.seq).into_iter().collect();
        out.push(c);
    }
}

/// Below this many missions the report runs on the calling thread.
const PARALLEL_FROM: usize = 20_000;

/// Judges the engagements of `members` (sorted by id) on `as_of`.
fn fill(state: &NetworkState, as_of: NaiveDate, members: &mut [MemberCompliance]) {
    let fu = &state.follow_up;
    let index: HashMap<&ActorId, usize> = members.iter().enumerate().map(|(i, m)| (&m.member, i)).collect();
    let mut slots: Vec<Vec<EngagementCheck>> = members.iter().map(|_| Vec::new()).collect();
    // Both maps are sorted by mission id: walk them side by side rather than look each up.
    let mut follow_ups = fu.missions.iter().peekable();
    for (id, m) in &state.missions {
        while follow_ups.next_if(|(k, _)| *k < id).is_some() {}
        let Some(&i) = index.get(&m.provider) else { continue };
        let (Some(entry), Some(slot)) = (members.get(i), slots.get_mut(i)) else { continue };
        let follow_up = follow_ups.peek().filter(|(k, _)| *k == id).map(|(_, f)| *f);
        let ctx = Ctx { rules: fu.rules(), as_of, from: entry.bound_from, until: entry.bound_until };
        mission_checks(&ctx, m, follow_up, slot);
    }
    for (entry, mut engagements) in members.iter_mut().zip(slots) {
        let ctx = Ctx { rules: fu.rules(), as_of, from: entry.bound_from, until: entry.bound_until };
        attendance_checks(&ctx, &entry.member, fu, &mut engagements);
        for e in &engagements {
            entry.counts.add(e.status);
        }
        entry.engagements = engagements;
    }
}

impl Network {
    /// The providers bound by the charter on `as_of`, with their window:
    /// from their first signature, until their membership ended (if it did).
    fn bound_members(&self, as_of: NaiveDate) -> BTreeMap<&ActorId, (NaiveDate, Option<NaiveDate>)> {
        let state = self.state();
        let mut ended: BTreeMap<&ActorId, NaiveDate> = BTreeMap::new();
        for c in state.contracts.values() {
            if let Some(end) = c.ended_on {
                let e = ended.entry(&c.member).or_insert(end);
                *e = (*e).max(end);
            }
        }
        state
            .signatures
            .iter()
            .filter_map(|(member, signatures)| {
                let from = signatures.iter().map(|s| s.signed_on).min().filter(|f| *f <= as_of)?;
                let until =
                    if self.is_member(member) { None } else { ended.get(member).copied().filter(|u| *u >= from) };
                Some((member, (from, until)))
            })
            .collect()
    }

    /// The compliance of every provider bound by the charter, on `as_of`.
    pub fn compliance_report(&self, as_of: NaiveDate) -> ComplianceReport {
        // Members are independent: a large network is shared out between the
        // threads the setting allows (`Threads::for_engine`), each walking
        // every mission but judging only its own members'.
        let threads =
            if self.state().missions.len() < PARALLEL_FROM { 1 } else { crate::threads::Threads::for_engine().get() };
        self.compliance_report_on(as_of, threads)
    }

    /// The report computed by `threads` threads (1: on the calling thread).
    pub(crate) fn compliance_report_on(&self, as_of: NaiveDate, threads: usize) -> ComplianceReport {
        let state = self.state();
        let bound = self.bound_members(as_of);
        let mut members: Vec<MemberCompliance> = bound
            .iter()
            .map(|(member, (from, until))| MemberCompliance {
                member: (*member).clone(),
                bound_from: *from,
                bound_until: *until,
                engagements: Vec::new(),
                counts: StatusCounts::default(),
            })
            .collect();
        let chunk = members.len().div_ceil(threads.max(1)).max(1);
        if threads <= 1 {
            fill(state, as_of, &mut members);
        } else {
            std::thread::scope(|scope| {
                for part in members.chunks_mut(chunk) {
                    scope.spawn(move || fill(state, as_of, part));
                }
            });
        }
        let mut counts = StatusCounts::default();
        for entry in &members {
            counts.merge(entry.counts);
        }
        ComplianceReport { as_of, members, counts }
    }

    /// The compliance of one member on `as_of`; `None` if the charter does not
    /// bind it on that date (it never signed, or signed later).
    ///
    /// # Errors
    /// `actor.id.unknown`.
    pub fn member_compliance(&self, member: &ActorId, as_of: NaiveDate) -> Result<Option<MemberCompliance>> {
        self.actor(member)?;
        let bound = self.bound_members(as_of);
        let Some((from, until)) = bound.get(member).copied() else { return Ok(None) };
        let state = self.state();
        let fu = &state.follow_up;
        let ctx = Ctx { rules: fu.rules(), as_of, from, until };
        let mut engagements = Vec::new();
        for m in self.missions_of(member) {
            mission_checks(&ctx, m, fu.missions.get(&m.id), &mut engagements);
        }
        attendance_checks(&ctx, member, fu, &mut engagements);
        let mut counts = StatusCounts::default();
        for e in &engagements {
            counts.add(e.status);
        }
        Ok(Some(MemberCompliance { member: member.clone(), bound_from: from, bound_until: until, engagements, counts }))
    }

    /// The follow-up rules in force on a date.
    pub fn follow_up_rules(&self, on: NaiveDate) -> &FollowUpRules {
        rules_at(self.state().follow_up.rules(), on)
    }

    /// The follow-up rules over time.
    pub fn follow_up_timeline(&self) -> &Timeline<FollowUpRules> {
        self.state().follow_up.rules()
    }
}

/// Parses follow-up rules from JSON and checks them.
///
/// # Errors
/// `journal.json.malformed` for bad JSON, then as [`FollowUpRules::check`].
pub fn parse_rules(json: &str) -> Result<FollowUpRules> {
    let rules: FollowUpRules =
        serde_json::from_str(json).map_err(|e| Error::MalformedJson { line: None, message: e.to_string() })?;
    rules.check()?;
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{Actor, ActorKind, InvolvementLevel};
    use crate::contract::{Choice, ContractTerms};
    use crate::ids::{ContractId, MissionId};
    use crate::mission::{Client, LeadOrigin, MissionStep, MissionUpdate};
    use crate::money::Money;
    use crate::network::{date, Action, Command, NetworkSettings};

    #[test]
    fn threads_share_the_report_without_changing_it() {
        let d = |m: u32, day: u32| date(2020, m, day).unwrap();
        let alice = ActorId::new("alice").unwrap();
        let mut n = Network::new();
        let founder = Actor {
            level: InvolvementLevel::Steward,
            ..Actor::new(alice.clone(), ActorKind::Association, "Alice", true).unwrap()
        };
        let found = Action::FoundNetwork { settings: NetworkSettings::two_tier("N"), founders: vec![founder] };
        n.execute(Command::new(&alice, d(1, 6), found)).unwrap();
        let terms = ContractTerms {
            needs: vec![],
            extra_engagements: vec![],
            contributions: vec![Choice::item("revenue_share_5pct")],
            place: "Lille".into(),
            signatory: "S".into(),
        };
        for i in 0..7usize {
            let p = ActorId::new(format!("p{i}")).unwrap();
            let c = ContractId::new(format!("c{i}")).unwrap();
            let actor = Actor::new(p.clone(), ActorKind::Provider, "P", true).unwrap();
            n.execute(Command::new(&p, d(1, 7), Action::RegisterActor { actor })).unwrap();
            n.execute(Command::new(&p, d(1, 8), Action::ProposeContract { contract: c.clone(), terms: terms.clone() }))
                .unwrap();
            n.execute(Command::new(&p, d(1, 9), Action::SignCharter { version: 1 })).unwrap();
            n.execute(Command::new(&alice, d(1, 10), Action::ValidateContract { contract: c })).unwrap();
            for k in 0..3u32 {
                let m = MissionId::new(format!("m{i}-{k}")).unwrap();
                let client = Client::Outside {
                    name: format!("client {}", (i + k as usize) % 4),
                    kind: ActorKind::LocalAuthority,
                };
                let steps = [
                    MissionStep::Solicited { client, lead_origin: LeadOrigin::Other, title: "t".into() },
                    MissionStep::Proposed,
                    MissionStep::Won { revenue: Money::from_cents(100) },
                    MissionStep::Started,
                ];
                for (j, step) in steps.into_iter().enumerate().take(1 + (i + k as usize) % 4) {
                    let on = d(2 + k, 1 + j as u32 * 3);
                    let action = Action::ReportMission {
                        mission: m.clone(),
                        occurred_on: on,
                        step,
                        update: MissionUpdate::default(),
                    };
                    n.execute(Command::new(&p, on, action)).unwrap();
                }
            }
        }
        let as_of = d(12, 31);
        let one = n.compliance_report_on(as_of, 1);
        assert_eq!(one.members.len(), 7);
        assert!(one.counts.breached > 0 && one.counts.met > 0);
        for threads in [2, 3, 8] {
            assert_eq!(n.compliance_report_on(as_of, threads), one);
        }
    }
}
