//! Properties of the charter follow-up over random command sequences:
//! (a) a standing changes only by a steward's decision (`decide_standing`, or
//!     `exclude_member` for an exclusion), and a level only by `change_level`
//!     or `decide_level`;
//! (b) no exclusion is accepted without a prior hearing (a notice, then the
//!     member's answer or the end of the answer period);
//! (c) the public directory never contains a member who did not consent, in any form;
//! (d) a rejected command changes nothing;
//! (e) replaying the journal, with the new events, rebuilds the same network.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{NaiveDate, TimeDelta};
use coopetition::mission::MissionUpdate;
use coopetition::negotiation::Payment;
use coopetition::prelude::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Founders alice and bob are stewards; the others join with a contract.
const POOL: [(&str, &str, ActorKind, bool); 6] = [
    ("alice", "Alice Fondatrice", ActorKind::Association, true),
    ("bob", "Bob Soucieux", ActorKind::ThirdPlace, true),
    ("paul", "Paul Accompagnement", ActorKind::Provider, true),
    ("nadia", "Nadia Conseil", ActorKind::Provider, false),
    ("cecile", "Cécile Discrète", ActorKind::Citizen, false),
    ("dora", "Dora Entreprise", ActorKind::Company, true),
];
const STANDINGS: [Standing; 5] =
    [Standing::GoodStanding, Standing::Reminder, Standing::Warning, Standing::Suspended, Standing::Excluded];
const LEVELS: [InvolvementLevel; 3] =
    [InvolvementLevel::Supporter, InvolvementLevel::Contributor, InvolvementLevel::Steward];

fn id(i: usize) -> ActorId {
    ActorId::new(POOL[i % POOL.len()].0).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    date(y, m, day).unwrap()
}

fn terms(kind: ActorKind) -> ContractTerms {
    let catalogue = Catalogues::shipped().kind(kind).unwrap();
    let contribution = catalogue.contributions.iter().find(|c| !c.free_text).unwrap();
    ContractTerms {
        needs: vec![],
        extra_engagements: vec![],
        contributions: vec![Choice::item(contribution.id.clone())],
        place: "Lille".into(),
        signatory: "Camille".into(),
    }
}

fn fixture() -> Network {
    let mut n = Network::new();
    let founder = |i: usize| Actor {
        level: InvolvementLevel::Steward,
        ..Actor::new(id(i), POOL[i].2, POOL[i].1, POOL[i].3).unwrap()
    };
    let found = Action::FoundNetwork {
        settings: NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"),
        founders: vec![founder(0), founder(1)],
    };
    n.execute(Command::new(&id(0), d(2020, 1, 6), found)).unwrap();
    for (i, &(name, display, kind, public)) in POOL.iter().enumerate().skip(2) {
        let actor = Actor::new(id(i), kind, display, public).unwrap();
        n.execute(Command::new(&id(i), d(2020, 1, 7), Action::RegisterActor { actor })).unwrap();
        let contract = ContractId::new(format!("c-{name}")).unwrap();
        let propose = Action::ProposeContract { contract: contract.clone(), terms: terms(kind) };
        n.execute(Command::new(&id(i), d(2020, 1, 8), propose)).unwrap();
        if kind == ActorKind::Provider {
            n.execute(Command::new(&id(i), d(2020, 1, 9), Action::SignCharter { version: 1 })).unwrap();
        }
        n.execute(Command::new(&id(0), d(2020, 1, 10), Action::ValidateContract { contract })).unwrap();
    }
    n
}

#[derive(Debug, Clone)]
enum Op {
    Decide { by: usize, member: usize, standing: usize, online: bool, backdate: i64 },
    Notify { by: usize, member: usize },
    Answer { by_member: bool, member: usize },
    Exclude { by: usize, member: usize },
    Listing { by_self: bool, member: usize, public: bool },
    Level { by: usize, member: usize, level: usize, full: bool },
    Pay { member: usize },
    Report { provider: bool, mission: usize },
    Attend { member: usize, ahead: i32 },
    Propose { member: usize },
}

fn op() -> impl Strategy<Value = Op> {
    let who = || 0..POOL.len();
    prop_oneof![
        4 => (prop_oneof![4 => Just(0usize), 1 => who()], who(), 0..5usize, any::<bool>(), prop_oneof![4 => Just(0i64), 1 => 0..30i64])
            .prop_map(|(by, member, standing, online, backdate)| Op::Decide { by, member, standing, online, backdate }),
        3 => (prop_oneof![4 => Just(1usize), 1 => who()], who()).prop_map(|(by, member)| Op::Notify { by, member }),
        3 => (prop::bool::weighted(0.8), who()).prop_map(|(by_member, member)| Op::Answer { by_member, member }),
        2 => (prop_oneof![4 => Just(0usize), 1 => who()], who()).prop_map(|(by, member)| Op::Exclude { by, member }),
        2 => (prop::bool::weighted(0.8), who(), any::<bool>()).prop_map(|(by_self, member, public)| Op::Listing { by_self, member, public }),
        2 => (prop_oneof![4 => Just(0usize), 1 => who()], who(), 0..3usize, any::<bool>())
            .prop_map(|(by, member, level, full)| Op::Level { by, member, level, full }),
        2 => who().prop_map(|member| Op::Pay { member }),
        4 => (any::<bool>(), 0..3usize).prop_map(|(provider, mission)| Op::Report { provider, mission }),
        1 => (who(), -1..2i32).prop_map(|(member, ahead)| Op::Attend { member, ahead }),
        1 => who().prop_map(|member| Op::Propose { member }),
    ]
}

/// The next step of a mission, as its provider would report it.
fn next_step(n: &Network, mission: &MissionId) -> MissionStep {
    match n.mission(mission).map(|m| m.status) {
        Err(_) => MissionStep::Solicited {
            client: Client::Outside { name: "Mairie de Fives".into(), kind: ActorKind::LocalAuthority },
            lead_origin: LeadOrigin::NetworkReferral,
            title: "Préfiguration".into(),
        },
        Ok(MissionStatus::Solicited) => MissionStep::Proposed,
        Ok(MissionStatus::Proposed) => MissionStep::Won { revenue: Money::parse_eur("1000").unwrap() },
        Ok(MissionStatus::Won) => MissionStep::Started,
        Ok(MissionStatus::Started) => MissionStep::Progress { note: "atelier".into() },
        Ok(_) => MissionStep::Completed,
    }
}

fn command(n: &Network, op: &Op, today: NaiveDate) -> Command {
    let contract = |i: usize| ContractId::new(format!("c-{}", POOL[i % POOL.len()].0)).unwrap();
    let (by, action) = match op {
        Op::Decide { by, member, standing, online, backdate } => {
            let venue = if *online { DecisionVenue::OnlineVote } else { DecisionVenue::CoordinationMeeting };
            let taken_on = today - TimeDelta::days(*backdate);
            let decision = Decision::new("décision du collectif", taken_on, venue);
            (id(*by), Action::DecideStanding { member: id(*member), standing: STANDINGS[*standing], decision })
        }
        Op::Notify { by, member } => {
            (id(*by), Action::NotifyHearing { member: id(*member), grounds: "manquement à la charte".into() })
        }
        Op::Answer { by_member, member } => {
            let by = if *by_member { id(*member) } else { id(1) };
            (by, Action::AnswerHearing { member: id(*member), answer: "je m'explique".into() })
        }
        Op::Exclude { by, member } => {
            (id(*by), Action::ExcludeMember { contract: contract(*member), reason: "manquement".into() })
        }
        Op::Listing { by_self, member, public } => {
            let by = if *by_self { id(*member) } else { id(0) };
            (by, Action::SetPublicListing { actor: id(*member), public_listing: *public })
        }
        Op::Level { by, member, level, full } => {
            let level = LEVELS[*level];
            let action = if *full {
                let decision = Decision::new("vote", today, DecisionVenue::OnlineVote);
                Action::DecideLevel { actor: id(*member), level, decision }
            } else {
                Action::ChangeLevel { actor: id(*member), level, reason: "temps de coordination".into() }
            };
            (id(*by), action)
        }
        Op::Pay { member } => {
            let payment = Payment {
                member: id(*member),
                amount: Money::parse_eur("20").unwrap(),
                on: today,
                reference: String::new(),
            };
            (id(0), Action::RecordPayment { payment })
        }
        Op::Report { provider, mission } => {
            let by = if *provider { id(2) } else { id(3) };
            let mission = MissionId::new(format!("m-{by}-{mission}")).unwrap();
            let step = next_step(n, &mission);
            let update = MissionUpdate { client_informed: *provider, ..Default::default() };
            (by, Action::ReportMission { mission, occurred_on: today, step, update })
        }
        Op::Attend { member, ahead } => (
            id(0),
            Action::RecordAttendance {
                member: id(*member),
                year: chrono::Datelike::year(&today) + ahead,
                meeting: String::new(),
            },
        ),
        Op::Propose { member } => {
            let i = *member % POOL.len();
            let c = ContractId::new(format!("c-{}-again", POOL[i].0)).unwrap();
            (id(i), Action::ProposeContract { contract: c, terms: terms(POOL[i].2) })
        }
    };
    Command::new(&by, today, action)
}

/// Whether the member had a hearing that allows an exclusion on `on`.
fn heard(before: &Network, member: &ActorId, on: NaiveDate) -> bool {
    let Some(h) = before.hearings(member).last().filter(|h| h.closed_seq.is_none()) else { return false };
    let answer_days = before.follow_up_rules(h.notice.on).deadlines.hearing_answer_days;
    h.notice.on <= on
        && match &h.answer {
            Some(a) => a.recorded.on <= on,
            None => h.notice.on + TimeDelta::days(answer_days) <= on,
        }
}

#[derive(Default)]
struct Tally {
    accepted: BTreeMap<&'static str, usize>,
    exclusions: usize,
}

fn run(ops: &[(i64, Op)], tally: &RefCell<Tally>) -> Result<(), TestCaseError> {
    let mut n = fixture();
    let mut today = d(2020, 2, 1);
    for (days, op) in ops {
        today += TimeDelta::days(*days);
        let command = command(&n, op, today);
        let before = n.clone();
        let action = command.action.clone();
        let issuer = command.by.clone();
        if n.execute(command).is_err() {
            // (d) a rejected command changes nothing.
            prop_assert_eq!(&n, &before);
            continue;
        }
        *tally.borrow_mut().accepted.entry(action.label()).or_default() += 1;
        let steward = before.actor(&issuer).is_ok_and(|a| a.is_steward()) && before.is_member(&issuer);
        for (i, _) in POOL.iter().enumerate() {
            let a = id(i);
            // (a) standing changes only by a decision about that member, by a steward.
            if before.standing(&a) != n.standing(&a) {
                let about = match &action {
                    Action::DecideStanding { member, .. } => member == &a,
                    Action::ExcludeMember { contract, .. } => before.contract(contract).is_ok_and(|c| c.member == a),
                    _ => false,
                };
                prop_assert!(about && steward, "standing of {} changed by {:?}", a, action);
            }
            let level = |net: &Network| net.actor(&a).map(|x| x.level).ok();
            if level(&before) != level(&n) {
                let about = matches!(&action, Action::ChangeLevel { actor, .. } | Action::DecideLevel { actor, .. } if actor == &a);
                prop_assert!(about && steward, "level of {} changed by {:?}", a, action);
            }
        }
        // (b) no exclusion without a prior hearing.
        let excluded = match &action {
            Action::DecideStanding { member, standing: Standing::Excluded, decision } => {
                Some((member.clone(), decision.taken_on))
            }
            Action::ExcludeMember { contract, .. } => before.contract(contract).ok().map(|c| (c.member.clone(), today)),
            _ => None,
        };
        if let Some((member, on)) = excluded {
            prop_assert!(heard(&before, &member, on), "{} excluded without a hearing", member);
            tally.borrow_mut().exclusions += 1;
        }
        // (c) the directory never shows a member who did not consent, in any form.
        let directory = n.public_directory();
        let rendered = [
            serde_json::to_string(&directory).unwrap(),
            directory.to_markdown(Lang::Fr),
            directory.to_markdown(Lang::En),
        ];
        for actor in n.state().actors.values().filter(|a| !a.public_listing) {
            prop_assert!(directory.entries.iter().all(|e| e.id != actor.id));
            for text in &rendered {
                prop_assert!(
                    !text.contains(actor.id.as_str()) && !text.contains(&actor.display_name),
                    "{} appears",
                    actor.id
                );
            }
        }
    }
    // (e) replay identity with the new events; snapshots round-trip.
    let replayed = Network::replay(&n.journal_jsonl()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&replayed, &n);
    let loaded = Network::from_snapshot_json(&n.snapshot_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(loaded.state(), n.state());
    prop_assert_eq!(replayed.compliance_report(today), n.compliance_report(today));
    Ok(())
}

#[test]
fn standing_hearings_and_directory_keep_their_invariants() {
    let config = Config { failure_persistence: None, ..Config::with_cases(1000) };
    let mut runner = TestRunner::new(config);
    let tally = RefCell::new(Tally::default());
    let strategy = prop::collection::vec((prop_oneof![3 => 0..6i64, 1 => 6..25i64], op()), 1..40);
    if let Err(e) = runner.run(&strategy, |ops| run(&ops, &tally)) {
        panic!("{e}");
    }
    // Not vacuous: decisions, hearings and exclusions were accepted.
    let tally = tally.into_inner();
    let summary = format!("{:?}, {} exclusions", tally.accepted, tally.exclusions);
    for label in [
        "decide_standing",
        "notify_hearing",
        "answer_hearing",
        "set_public_listing",
        "decide_level",
        "change_level",
        "report_mission",
    ] {
        assert!(tally.accepted.get(label).copied().unwrap_or(0) >= 20, "{label}: {summary}");
    }
    assert!(tally.exclusions >= 20, "{summary}");
}
