//! The consistency of a snapshot's state.
//!
//! A snapshot is the state as one document: unlike a journal, it is not
//! replayed, so its facts are not checked command by command. Before a state
//! is loaded, [`check`] verifies that its facts agree with one another: every
//! id points to an entity, a level or a standing equals its last recorded
//! decision, a level above supporter has the founding or a decision behind it,
//! a level decision, payment or donation was recorded by a steward who could
//! act for the network at that event number (and not on their own case), a
//! member holds at most one live contract, every sequence number cited is at
//! most the last one, no amount is negative, a standing decision was taken
//! by an acting steward (never on their own case), an excluded member holds
//! no live contract, a founded network has an acting steward, a lead was
//! answered only by the members it was offered to and a lead taken names the
//! mission created from it, which names it back, a partner or resource a
//! call found is its mission's…
//!
//! Membership itself (a founder or the holder of an active contract, not
//! excluded) is not stored: it is derived from these facts, so it cannot
//! contradict them. Nor is a consent to the public directory anything but
//! the actor's own flag.
//!
//! What this cannot catch is an edit that keeps the state consistent (a
//! consent flipped, a mission's title changed): the snapshot's digest
//! ([`crate::snapshot_file`]) refuses it, and only a keyed digest refuses it
//! from someone who recomputed the digest.

use crate::actor::{Actor, ActorKind, InvolvementLevel};
use crate::contract::ContractStatus;
use crate::error::{Error, Result};
use crate::followup::Recorded;
use crate::ids::{ActorId, MissionId};
use crate::lead::LeadOutcome;
use crate::mission::{Client, LeadOrigin, Mission};
use crate::money::Money;
use crate::negotiation::NegotiationStatus;
use crate::network::state::NetworkState;
use crate::origin::{LeadOriginBasis, OriginRecord};
use crate::prior_work::local_actor_key;
use crate::standing::Standing;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Checks that the facts of a state agree with one another.
///
/// # Errors
/// `journal.snapshot.inconsistent`, naming the broken rule and the offending
/// id; `compliance.deadline.invalid` or `standing.thresholds.invalid` for
/// follow-up rules no command could have configured.
pub fn check(state: &NetworkState) -> Result<()> {
    let state = &Facts::new(state);
    let first = || -> Result<()> {
        founding(state)?;
        actors(state)?;
        contracts(state)?;
        standing(state)?;
        charter(state)?;
        missions(state)?;
        money(state)?;
        recorders(state)?;
        leads(state)?;
        calls(state)?;
        events(state)
    };
    let second = || -> Result<()> {
        follow_up(state)?;
        crate::fiscal_year::check_changes(&state.fiscal_years)?;
        sequence_numbers(state)
    };
    // A large state is checked on two threads; the error reported is the
    // one the checks in this order meet first, as on one thread.
    let (first, second) = if state.missions.len() >= PARALLEL_CHECKS && crate::threads::Threads::for_engine().get() > 1
    {
        std::thread::scope(|scope| {
            let second = scope.spawn(second);
            let first = first();
            let second = second.join().unwrap_or_else(|_| Err(broken("the checks ran to their end", "follow_up")));
            (first, second)
        })
    } else {
        (first(), second())
    };
    first?;
    second?;
    stewards(state)
}

/// From this many missions, a state's checks run on two threads (unless
/// the thread setting, [`crate::threads::Threads`], is one).
const PARALLEL_CHECKS: usize = 10_000;

fn broken(rule: &'static str, id: impl ToString) -> Error {
    Error::SnapshotInconsistent { rule, id: id.to_string() }
}

fn ensure(holds: bool, rule: &'static str, id: impl ToString) -> Result<()> {
    if holds {
        Ok(())
    } else {
        Err(broken(rule, id))
    }
}

/// A state with the indexes its checks look facts up in: each is built
/// once, so that checking a state costs in proportion to its size (looking
/// each decision up in the lists of decisions, or each id in a sorted map of
/// a hundred thousand missions, made a large state's checks quadratic or slow).
struct Facts<'a> {
    state: &'a NetworkState,
    actor_index: HashMap<&'a ActorId, &'a Actor>,
    mission_index: HashMap<&'a MissionId, &'a Mission>,
    /// Founders and the holders of a contract that was validated.
    members_once: HashSet<&'a ActorId>,
    /// Founders and the holders of an active contract.
    members_now: HashSet<&'a ActorId>,
    /// Each actor's level decisions, in journal order: (event number, level decided).
    levels: HashMap<&'a ActorId, Vec<(u64, InvolvementLevel)>>,
}

impl<'a> Facts<'a> {
    fn new(state: &'a NetworkState) -> Facts<'a> {
        let mut levels: HashMap<&ActorId, Vec<(u64, InvolvementLevel)>> = HashMap::new();
        for d in &state.follow_up.level_decisions {
            levels.entry(&d.actor).or_default().push((d.recorded.seq, d.to));
        }
        let validated = state.contracts.values().filter(|c| !c.versions.is_empty()).map(|c| &c.member);
        let active = state.contracts.values().filter(|c| c.status == ContractStatus::Active).map(|c| &c.member);
        Facts {
            state,
            actor_index: state.actors.iter().collect(),
            mission_index: state.missions.iter().collect(),
            members_once: state.founders.iter().chain(validated).collect(),
            members_now: state.founders.iter().chain(active).collect(),
            levels,
        }
    }

    fn actor(&self, id: &ActorId) -> Option<&'a Actor> {
        self.actor_index.get(id).copied()
    }

    fn mission(&self, id: &MissionId) -> Option<&'a Mission> {
        self.mission_index.get(id).copied()
    }
}

impl std::ops::Deref for Facts<'_> {
    type Target = NetworkState;
    fn deref(&self) -> &NetworkState {
        self.state
    }
}

/// The actor `id` points to, or the broken rule naming it.
fn known_actor<'a>(state: &Facts<'a>, id: &ActorId) -> Result<&'a Actor> {
    state.actor(id).ok_or_else(|| broken("an id points to no actor", id))
}

fn actor_exists(state: &Facts<'_>, id: &ActorId) -> Result<()> {
    known_actor(state, id).map(drop)
}

/// The mission `id` points to (looked up, or found beside it), or the broken
/// rule naming it.
fn known_mission<'a>(mission: Option<&'a Mission>, id: &MissionId) -> Result<&'a Mission> {
    mission.ok_or_else(|| broken("an id points to no mission", id))
}

fn founding(state: &Facts<'_>) -> Result<()> {
    let founded = state.founded_on.is_some();
    ensure(
        state.settings.is_some() == founded,
        "settings are present exactly when the network is founded",
        "settings",
    )?;
    if !founded {
        let empty = state.founders.is_empty()
            && state.actors.is_empty()
            && state.contracts.is_empty()
            && state.charter.is_empty()
            && state.missions.is_empty()
            && state.last_seq == 0;
        return ensure(empty, "a network not founded holds no fact", "founded_on");
    }
    ensure(!state.founders.is_empty(), "a founded network has founders", "founders")?;
    ensure(state.last_seq >= 1, "a founded network has recorded its founding", state.last_seq)?;
    let mut seen = BTreeSet::new();
    for f in &state.founders {
        actor_exists(state, f)?;
        ensure(seen.insert(f), "a founder is listed once", f)?;
    }
    Ok(())
}

/// No command removes the last acting steward: a founded network keeps one.
/// Checked after the other rules, on facts they have shown to agree.
fn stewards(state: &Facts<'_>) -> Result<()> {
    if state.founded_on.is_none() {
        return Ok(());
    }
    // Founders first: in a network as founded, the first one answers.
    let mut candidates = state.founders.iter().chain(state.actors.keys());
    ensure(candidates.any(|id| acting_steward_now(state, id)), "a founded network has an acting steward", "stewards")
}

/// Whether the actor acts for the network now: a steward, a member (a
/// founder, or the holder of an active contract) and neither suspended nor excluded.
fn acting_steward_now(state: &Facts<'_>, id: &ActorId) -> bool {
    let steward = state.actor(id).is_some_and(|a| a.level == InvolvementLevel::Steward);
    let standing = state.follow_up.standing_of(id);
    steward && state.members_now.contains(id) && !matches!(standing, Standing::Suspended | Standing::Excluded)
}

/// The level an actor starts at: a founder is a steward, anyone else a
/// supporter (a registration above it is recorded as a level decision).
fn starting_level(state: &Facts<'_>, id: &ActorId) -> InvolvementLevel {
    if state.founders.contains(id) {
        InvolvementLevel::Steward
    } else {
        InvolvementLevel::Supporter
    }
}

/// The actor's level just before event `seq`, from the recorded decisions.
fn level_at(state: &Facts<'_>, id: &ActorId, seq: u64) -> InvolvementLevel {
    let decisions = state.levels.get(id).map_or(&[][..], Vec::as_slice);
    // In journal order (checked by `sequence_numbers`): the last one before `seq`.
    let before = decisions.partition_point(|&(at, _)| at < seq);
    before.checked_sub(1).and_then(|i| decisions.get(i)).map_or_else(|| starting_level(state, id), |&(_, to)| to)
}

/// The member's standing just before event `seq`, from the recorded decisions.
fn standing_at(state: &Facts<'_>, id: &ActorId, seq: u64) -> Standing {
    let decisions = state.follow_up.standing.get(id).map_or(&[][..], |r| &r.decisions[..]);
    decisions.iter().rev().find(|d| d.recorded.seq < seq).map_or(Standing::GoodStanding, |d| d.to)
}

/// Whether the actor could act for the network at event `seq`: a steward by
/// the recorded decisions, neither suspended nor excluded then, and a member
/// (a founder, or the holder of a contract that was validated).
fn acting_steward_at(state: &Facts<'_>, id: &ActorId, seq: u64) -> bool {
    let member = state.members_once.contains(id);
    member
        && level_at(state, id, seq) == InvolvementLevel::Steward
        && !matches!(standing_at(state, id, seq), Standing::Suspended | Standing::Excluded)
}

fn actors(state: &Facts<'_>) -> Result<()> {
    let mut last_level: BTreeMap<&ActorId, InvolvementLevel> = BTreeMap::new();
    for d in &state.follow_up.level_decisions {
        actor_exists(state, &d.actor)?;
        actor_exists(state, &d.by)?;
        let previous = last_level.insert(&d.actor, d.to).unwrap_or_else(|| starting_level(state, &d.actor));
        ensure(previous == d.from, "a level decision starts from the level before it", &d.actor)?;
        ensure(d.by != d.actor, "a steward never decides their own level", &d.actor)?;
        ensure(acting_steward_at(state, &d.by, d.recorded.seq), "a level is decided by an acting steward", &d.by)?;
    }
    for (id, actor) in &state.actors {
        ensure(&actor.id == id, "an actor is filed under its own id", id)?;
        actor.check().map_err(|_| broken("an actor is valid", id))?;
        match last_level.get(id) {
            Some(level) => ensure(actor.level == *level, "a level equals the last level decision", id)?,
            // A founder leaves the steward level only through a recorded decision.
            None if state.founders.contains(id) => {
                ensure(actor.level == InvolvementLevel::Steward, "a founder is a steward until a decision", id)?;
            }
            None => ensure(
                actor.level == InvolvementLevel::Supporter,
                "a level above supporter has a founding or a recorded decision behind it",
                id,
            )?,
        }
    }
    Ok(())
}

/// Who recorded each payment, donation and delivery: one record each, made
/// by an acting steward who is not the member (a member records its own
/// deliveries), on or after the day it concerns.
fn recorders(state: &Facts<'_>) -> Result<()> {
    let fu = &state.follow_up;
    ensure(fu.payments.len() == state.payments.len(), "a payment has its recorder", "payments")?;
    ensure(fu.donations.len() == state.donations.len(), "a donation has its recorder", "donations")?;
    ensure(fu.deliveries.len() == state.deliveries.len(), "a delivery has its recorder", "deliveries")?;
    let paid = state.payments.iter().map(|p| (&p.member, p.on));
    let given = state.donations.iter().map(|d| (&d.member, d.on));
    for ((member, on), r) in paid.zip(&fu.payments).chain(given.zip(&fu.donations)) {
        actor_exists(state, &r.by)?;
        ensure(&r.by != member, "a steward never records their own payment or donation", member)?;
        let steward = acting_steward_at(state, &r.by, r.recorded.seq);
        ensure(steward, "a payment or donation is recorded by an acting steward", &r.by)?;
        ensure(on <= r.recorded.on, "a payment or donation is recorded on or after it is received", member)?;
    }
    for (d, r) in state.deliveries.iter().zip(&fu.deliveries) {
        actor_exists(state, &r.by)?;
        let allowed = r.by == d.member || acting_steward_at(state, &r.by, r.recorded.seq);
        ensure(allowed, "a delivery is recorded by its member or an acting steward", &r.by)?;
        ensure(d.on <= r.recorded.on, "a delivery is recorded on or after it is made", &d.member)?;
    }
    Ok(())
}

fn contracts(state: &Facts<'_>) -> Result<()> {
    let mut live = BTreeSet::new();
    for (id, c) in &state.contracts {
        ensure(&c.id == id, "a contract is filed under its own id", id)?;
        let kind = known_actor(state, &c.member)?.kind;
        ensure(kind == c.kind, "a contract has its member's kind", id)?;
        if c.status.is_live() {
            ensure(live.insert(&c.member), "a member holds at most one live contract", &c.member)?;
            ensure(c.ended_on.is_none(), "a live contract has not ended", id)?;
        } else {
            ensure(
                c.ended_on.is_some() && c.pending.is_none(),
                "an ended contract has an end and nothing pending",
                id,
            )?;
        }
        match c.status {
            ContractStatus::Proposed | ContractStatus::InDiscussion => {
                ensure(c.pending.is_some() && c.versions.is_empty(), "a proposal has pending terms only", id)?;
            }
            ContractStatus::Active => ensure(!c.versions.is_empty(), "an active contract has a version", id)?,
            ContractStatus::Excluded => {
                let decided = state
                    .follow_up
                    .standing
                    .get(&c.member)
                    .is_some_and(|r| r.decisions.iter().any(|d| d.to == Standing::Excluded));
                ensure(decided, "an exclusion has a recorded decision", id)?;
            }
            ContractStatus::Declined | ContractStatus::Resigned => {}
        }
        for (n, v) in c.versions.iter().enumerate() {
            ensure(usize::try_from(v.version).ok() == n.checked_add(1), "contract versions are numbered 1, 2, 3…", id)?;
            actor_exists(state, &v.validated_by)?;
        }
        for note in &c.discussion {
            actor_exists(state, &note.by)?;
        }
    }
    Ok(())
}

fn standing(state: &Facts<'_>) -> Result<()> {
    let live_members: BTreeSet<&ActorId> =
        state.contracts.values().filter(|c| c.status.is_live()).map(|c| &c.member).collect();
    for (member, record) in &state.follow_up.standing {
        actor_exists(state, member)?;
        let mut current = Standing::GoodStanding;
        for d in &record.decisions {
            actor_exists(state, &d.by)?;
            ensure(&d.by != member, "a steward never decides their own standing", member)?;
            ensure(
                acting_steward_at(state, &d.by, d.recorded.seq),
                "a standing is decided by an acting steward",
                &d.by,
            )?;
            ensure(d.from == current, "a standing decision starts from the standing before it", member)?;
            current = d.to;
        }
        ensure(record.current == current, "a standing equals the last standing decision", member)?;
        if current == Standing::Excluded {
            ensure(!live_members.contains(member), "an excluded member holds no live contract", member)?;
        }
    }
    for (member, hearings) in &state.follow_up.hearings {
        actor_exists(state, member)?;
        for h in hearings {
            actor_exists(state, &h.notified_by)?;
        }
    }
    Ok(())
}

fn charter(state: &Facts<'_>) -> Result<()> {
    for (n, text) in state.charter.iter().enumerate() {
        ensure(
            usize::try_from(text.version).ok() == n.checked_add(1),
            "charter versions are numbered 1, 2, 3…",
            text.version,
        )?;
    }
    for (provider, signatures) in &state.signatures {
        let kind = known_actor(state, provider)?.kind;
        ensure(kind == ActorKind::Provider, "only a provider signs the charter", provider)?;
        for s in signatures {
            ensure(&s.provider == provider, "a signature is filed under its provider", provider)?;
            let known = usize::try_from(s.version).is_ok_and(|v| v >= 1 && v <= state.charter.len());
            ensure(known, "a signature names a published charter version", provider)?;
        }
    }
    Ok(())
}

fn missions(state: &Facts<'_>) -> Result<()> {
    for (id, m) in &state.missions {
        ensure(&m.id == id, "a mission is filed under its own id", id)?;
        let kind = known_actor(state, &m.provider)?.kind;
        ensure(kind == ActorKind::Provider, "a mission's provider is a provider", id)?;
        if let Client::Member { id: client } = &m.client {
            actor_exists(state, client)?;
        }
        for p in &m.partners {
            actor_exists(state, p)?;
        }
        ensure(!m.history.is_empty(), "a mission has a history", id)?;
        if let Some(revenue) = m.revenue {
            ensure(!revenue.is_negative(), "a revenue is not negative", id)?;
        }
    }
    Ok(())
}

/// Each fact of a map filed by mission with its mission, if the state holds
/// it: both maps are sorted by id and walked once, side by side (a lookup
/// per fact in a hundred thousand missions costs several times more).
fn by_mission<'a, T>(
    missions: &'a BTreeMap<MissionId, Mission>,
    facts: &'a BTreeMap<MissionId, T>,
) -> impl Iterator<Item = (&'a MissionId, &'a T, Option<&'a Mission>)> {
    let mut missions = missions.iter().peekable();
    facts.iter().map(move |(id, fact)| {
        while missions.next_if(|&(m, _)| m < id).is_some() {}
        (id, fact, missions.peek().filter(|&&(m, _)| m == id).map(|&(_, m)| m))
    })
}

/// A contribution to `mission` (found or not) of `amount`.
fn within_revenue(mission: Option<&Mission>, id: &MissionId, amount: Money) -> Result<()> {
    let revenue = known_mission(mission, id)?.revenue;
    let fits = revenue.is_some_and(|r| !amount.is_negative() && amount <= r);
    ensure(fits, "a contribution lies between 0 and the mission's revenue", id)
}

fn money(state: &Facts<'_>) -> Result<()> {
    for (id, d, mission) in by_mission(&state.missions, &state.declarations) {
        within_revenue(mission, id, d.amount)?;
    }
    for (id, n, mission) in by_mission(&state.missions, &state.negotiations) {
        ensure(&n.mission == id, "a negotiation is filed under its mission", id)?;
        for o in &n.offers {
            actor_exists(state, &o.by)?;
            within_revenue(mission, id, o.amount)?;
        }
        ensure(
            (n.status == NegotiationStatus::Agreed) == n.agreed.is_some(),
            "a negotiation is agreed exactly when it records an agreement",
            id,
        )?;
    }
    for p in &state.payments {
        actor_exists(state, &p.member)?;
        ensure(!p.amount.is_negative() && !p.amount.amount().is_zero(), "a payment is positive", &p.member)?;
    }
    for d in &state.donations {
        actor_exists(state, &d.member)?;
        ensure(!d.amount.is_negative() && !d.amount.amount().is_zero(), "a donation is positive", &d.member)?;
        if let Some(m) = &d.mission {
            known_mission(state.mission(m), m)?;
        }
    }
    for d in &state.deliveries {
        actor_exists(state, &d.member)?;
        ensure(d.quantity.is_sign_positive() && !d.quantity.is_zero(), "a delivery is positive", &d.member)?;
    }
    Ok(())
}

fn follow_up(state: &Facts<'_>) -> Result<()> {
    let fu = &state.follow_up;
    // Rules a command could not have configured (a deadline of a million
    // years) are refused with the code the command would have met.
    if let Some(rules) = &fu.rules {
        for period in rules.periods() {
            period.value.check()?;
        }
    }
    for (id, f, mission) in by_mission(&state.missions, &fu.missions) {
        let mission = known_mission(mission, id)?;
        ensure(f.seqs.len() == mission.history.len(), "a mission step has its event number", id)?;
        ensure(f.seqs.windows(2).all(|w| w[0] < w[1]), "a mission's event numbers increase", id)?;
        for o in &f.obligations {
            ensure(&o.mission == id, "an obligation is filed under its mission", id)?;
            ensure(o.provider == mission.provider, "an obligation names its mission's provider", id)?;
            actor_exists(state, &o.member)?;
        }
    }
    for (key, entries) in &fu.prior_work {
        // The entries of a key mostly name one local actor alike: its key is
        // worked out once for them.
        let mut keyed: Option<&Client> = None;
        for p in entries {
            if keyed != Some(&p.local_actor) {
                ensure(&local_actor_key(&p.local_actor) == key, "prior work is filed under its local actor", key)?;
                keyed = Some(&p.local_actor);
            }
            actor_exists(state, &p.member)?;
            if let Some(m) = &p.mission {
                let provider = &known_mission(state.mission(m), m)?.provider;
                ensure(provider == &p.member, "prior work of a mission is its provider's", m)?;
            }
        }
    }
    for member in fu.attendance.keys() {
        actor_exists(state, member)?;
    }
    Ok(())
}

/// Checks every sequence number the facts cite with `check`, given the id
/// it belongs to (visited rather than collected: a large state cites millions).
fn each_cited_seq(state: &Facts<'_>, mut check: impl FnMut(u64, &dyn ToString) -> Result<()>) -> Result<()> {
    let fu = &state.follow_up;
    let mut add = |r: &Recorded, id: &dyn ToString| check(r.seq, id);
    for (id, f) in &fu.missions {
        for &seq in &f.seqs {
            add(&Recorded { on: chrono::NaiveDate::MIN, seq }, id)?;
        }
        for r in f.client_informed.iter() {
            add(r, id)?;
        }
        for u in &f.resources_used {
            add(&u.first, id)?;
            if let Some((_, r)) = &u.licence {
                add(r, id)?;
            }
        }
        for d in &f.resources_developed {
            add(&d.first, id)?;
            if let Some(s) = &d.shared {
                add(&s.recorded, id)?;
            }
        }
        for o in &f.obligations {
            add(&o.created, id)?;
            add(&Recorded { on: o.arises_on, seq: o.prior_work }, id)?;
            if let Some(r) = &o.discharged {
                add(r, id)?;
            }
        }
    }
    for entries in fu.prior_work.values() {
        for p in entries {
            add(&p.recorded, &p.member)?;
        }
    }
    for (member, list) in &fu.attendance {
        for a in list {
            add(&a.recorded, member)?;
        }
    }
    for (member, record) in &fu.standing {
        for d in &record.decisions {
            add(&d.recorded, member)?;
            if let Some(seq) = d.hearing {
                add(&Recorded { on: d.taken_on, seq }, member)?;
            }
        }
    }
    for (member, hearings) in &fu.hearings {
        for h in hearings {
            add(&h.notice, member)?;
            if let Some(a) = &h.answer {
                add(&a.recorded, member)?;
            }
            if let Some(seq) = h.closed_seq {
                add(&Recorded { on: h.notice.on, seq }, member)?;
            }
        }
    }
    for d in &fu.level_decisions {
        add(&d.recorded, &d.actor)?;
    }
    for r in fu.payments.iter().chain(&fu.donations).chain(&fu.deliveries) {
        add(&r.recorded, &r.by)?;
    }
    for (id, call) in &state.calls {
        add(&call.recorded, id)?;
        for r in call.answers.iter().map(|a| &a.recorded).chain(call.joined.iter().map(|j| &j.recorded)) {
            add(r, id)?;
        }
    }
    for (id, event) in &state.events {
        add(&event.recorded, id)?;
    }
    for (id, lead) in &state.leads {
        add(&lead.recorded, id)?;
        if let Some(offer) = &lead.offer {
            add(&offer.recorded, id)?;
        }
        for a in &lead.answers {
            add(&a.recorded, id)?;
        }
        if let Some(outcome) = &lead.outcome {
            add(outcome.recorded(), id)?;
        }
    }
    Ok(())
}

/// Leads: their people exist, an offer lists its members once and in
/// order, only members it was offered to answered (once each, after it),
/// a lead taken went to a member who answered with interest and names the
/// mission created from it, which names the lead back.
fn leads(state: &Facts<'_>) -> Result<()> {
    for (id, lead) in &state.leads {
        ensure(&lead.id == id, "a lead is filed under its own id", id)?;
        actor_exists(state, &lead.recorded_by)?;
        if let Client::Member { id: client } = &lead.client {
            actor_exists(state, client)?;
        }
        let mut last = lead.recorded.seq;
        if let Some(offer) = &lead.offer {
            ensure(offer.recorded.seq > last, "a lead is offered after it is recorded", id)?;
            last = offer.recorded.seq;
            ensure(offer.members.windows(2).all(|w| w[0] < w[1]), "an offer names its members once, in order", id)?;
            for m in offer.members.iter().chain(&offer.prior_work).chain([&offer.by]) {
                actor_exists(state, m)?;
            }
        }
        let mut answered = BTreeSet::new();
        for a in &lead.answers {
            ensure(lead.offered_to(&a.member), "a lead is answered by the members it was offered to", id)?;
            ensure(answered.insert(&a.member), "a member answers a lead once", id)?;
            ensure(a.recorded.seq > last, "a lead's steps follow one another", id)?;
            last = a.recorded.seq;
        }
        match &lead.outcome {
            None => {}
            Some(outcome) => ensure(outcome.recorded().seq > last, "a lead's steps follow one another", id)?,
        }
        if let Some(LeadOutcome::Taken { member, mission, .. }) = &lead.outcome {
            ensure(lead.answer_of(member).is_some_and(|a| a.interested), "a lead goes to a member who wanted it", id)?;
            let created = state.mission(mission);
            let linked = created.is_some_and(|m| m.lead.as_ref() == Some(id) && &m.provider == member);
            ensure(linked, "a lead taken names the mission created from it", id)?;
        }
    }
    for (id, m) in &state.missions {
        if let Some(lead) = &m.lead {
            let taken = state.leads.get(lead).and_then(|l| l.outcome.as_ref());
            let names = matches!(taken, Some(LeadOutcome::Taken { mission, .. }) if mission == id);
            ensure(names, "a mission created from a lead is the one the lead names", id)?;
        }
    }
    Ok(())
}

/// Calls for partners: for a mission of their provider; answered once by
/// members other than the provider, after the call; joined only by members
/// who answered, once, each partner or resource found now the mission's.
fn calls(state: &Facts<'_>) -> Result<()> {
    for (id, call) in &state.calls {
        ensure(&call.id == id, "a call is filed under its own id", id)?;
        let mission = known_mission(state.mission(&call.mission), &call.mission)?;
        ensure(mission.provider == call.provider, "a call is its mission's provider's", id)?;
        let mut answered = BTreeSet::new();
        for a in &call.answers {
            actor_exists(state, &a.member)?;
            ensure(a.member != call.provider && answered.insert(&a.member), "a member answers a call once", id)?;
            ensure(a.recorded.seq > call.recorded.seq, "a call is answered after it is made", id)?;
        }
        let mut joined = BTreeSet::new();
        for j in &call.joined {
            let answer = call.answer_of(&j.member).map(|a| a.recorded.seq);
            ensure(answer.is_some_and(|seq| seq < j.recorded.seq), "a member joins a call it answered", id)?;
            ensure(joined.insert(&j.member), "a member joins a call once", id)?;
            let found = match &j.resource {
                None => mission.partners.contains(&j.member),
                Some(name) => mission.shared_resources_used.iter().any(|r| &r.name == name),
            };
            ensure(found, "what a call found is its mission's", id)?;
        }
    }
    Ok(())
}

/// Network events and the lead origins that follow from records: an
/// event's attendees exist and are listed once, it was held on or before it
/// was recorded; a mission's origin is recorded exactly when it names a
/// record, a lead for the mission created from it (`network_referral`), an
/// event its provider and client attended (`network_event`).
fn events(state: &Facts<'_>) -> Result<()> {
    for (id, e) in &state.events {
        ensure(&e.id == id, "an event is filed under its own id", id)?;
        actor_exists(state, &e.recorded_by)?;
        ensure(e.held_on <= e.recorded.on, "an event is recorded once held", id)?;
        let mut seen = HashSet::with_capacity(e.attendees.len());
        for a in &e.attendees {
            if let Client::Member { id: member } = a {
                actor_exists(state, member)?;
            }
            ensure(seen.insert(a), "an event lists each attendee once", id)?;
        }
    }
    for (id, m) in &state.missions {
        let recorded = m.lead_origin_basis == LeadOriginBasis::Recorded;
        ensure(recorded == m.origin_record.is_some(), "a recorded lead origin names its record", id)?;
        match &m.origin_record {
            None => ensure(m.lead.is_none(), "a mission created from a lead names it as its origin", id)?,
            Some(OriginRecord::Lead { lead }) => {
                ensure(m.lead.as_ref() == Some(lead), "a lead is the origin of the mission created from it", id)?;
                ensure(m.lead_origin == LeadOrigin::NetworkReferral, "a lead gives the origin network_referral", id)?;
            }
            Some(OriginRecord::NetworkEvent { event }) => {
                let e = state.events.get(event);
                let met = e.is_some_and(|e| e.attended_by(&m.provider) && e.attended_by_client(&m.client));
                ensure(met, "a network event of origin was attended by the provider and the client", id)?;
                ensure(
                    m.lead_origin == LeadOrigin::NetworkEvent,
                    "a network event gives the origin network_event",
                    id,
                )?;
            }
        }
    }
    Ok(())
}

fn sequence_numbers(state: &Facts<'_>) -> Result<()> {
    each_cited_seq(state, |seq, id| {
        if seq < 1 {
            return Err(broken("a fact cites an event number from 1", id.to_string()));
        }
        if seq > state.last_seq {
            return Err(broken("the last event number is at least every number a fact cites", id.to_string()));
        }
        Ok(())
    })?;
    let mut previous = 0;
    for d in &state.follow_up.level_decisions {
        ensure(d.recorded.seq > previous, "level decisions are in journal order", &d.actor)?;
        previous = d.recorded.seq;
    }
    let fu = &state.follow_up;
    for records in [&fu.payments, &fu.donations, &fu.deliveries] {
        let ordered = records.windows(2).all(|w| w[0].recorded.seq < w[1].recorded.seq);
        ensure(ordered, "payments, donations and deliveries are in journal order", "follow_up")?;
    }
    Ok(())
}
