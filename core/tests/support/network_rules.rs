//! The helpers of the network-rule tests (`network_rules*.rs`): build a
//! network, accept a command, or reject one and check nothing changed.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use coopetition::prelude::*;
use serde_json::Value;

pub fn id(raw: &str) -> ActorId {
    ActorId::new(raw).unwrap()
}

pub fn cid(raw: &str) -> ContractId {
    ContractId::new(raw).unwrap()
}

pub fn mid(raw: &str) -> MissionId {
    MissionId::new(raw).unwrap()
}

pub fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    date(year, month, day).unwrap()
}

pub fn cmd(by: &str, on: NaiveDate, action: Action) -> Command {
    Command::new(&id(by), on, action)
}

/// Founding date of every network in this file (the shipped charter is dated 2020-01-01).
pub fn founding_day() -> NaiveDate {
    d(2020, 1, 6)
}

pub fn actor(raw: &str, kind: ActorKind) -> Actor {
    Actor::new(id(raw), kind, raw.to_uppercase(), true).unwrap()
}

pub fn steward_actor(raw: &str, kind: ActorKind) -> Actor {
    Actor { level: InvolvementLevel::Steward, ..actor(raw, kind) }
}

pub fn accept(network: &mut Network, command: Command) -> Event {
    let label = command.action.label();
    match network.execute(command) {
        Ok(event) => event.clone(),
        Err(e) => panic!("`{label}` was rejected: {} ({e})", e.code()),
    }
}

/// Executes a command that must be rejected with `code`, and checks that it
/// changed nothing: state, journal length and the whole network are as before.
pub fn reject(network: &mut Network, command: Command, code: &str) -> Error {
    assert!(Error::CODES.contains(&code), "`{code}` is not a published code");
    let before = network.clone();
    let state = network.state().clone();
    let journal_len = network.journal().len();
    let checked = network.check(&command);
    let err = network.execute(command).expect_err("the command should be rejected");
    assert_eq!(err.code(), code, "unexpected error: {err}");
    assert_eq!(checked, Err(err.clone()), "check and execute disagree");
    assert_eq!(network.state(), &state, "a rejected command changed the state");
    assert_eq!(network.journal().len(), journal_len, "a rejected command was journalled");
    assert_eq!(network, &before, "a rejected command changed the network");
    err
}

/// A network founded by `alice`, an association and steward.
pub fn founded(settings: NetworkSettings) -> Network {
    let mut network = Network::new();
    accept(
        &mut network,
        cmd(
            "alice",
            founding_day(),
            Action::FoundNetwork { settings, founders: vec![steward_actor("alice", ActorKind::Association)] },
        ),
    );
    network
}

pub fn two_tier() -> Network {
    founded(NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"))
}

pub fn all_in_one() -> Network {
    founded(NetworkSettings::all_in_one("La Compagnie des Tiers-Lieux"))
}

/// The actor registers itself as a supporter.
pub fn register(network: &mut Network, raw: &str, kind: ActorKind, on: NaiveDate) {
    accept(network, cmd(raw, on, Action::RegisterActor { actor: actor(raw, kind) }));
}

pub fn provider_terms() -> ContractTerms {
    ContractTerms {
        needs: vec![Choice::item("team_up"), Choice::item("peer_mentoring")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("revenue_share_5pct")],
        place: "Lille".into(),
        signatory: "Paul".into(),
    }
}

pub fn citizen_terms() -> ContractTerms {
    ContractTerms {
        needs: vec![Choice::item("take_part_events")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("volunteering")],
        place: "Roubaix".into(),
        signatory: "Cécile".into(),
    }
}

pub fn propose(network: &mut Network, by: &str, contract: &str, terms: ContractTerms, on: NaiveDate) {
    accept(network, cmd(by, on, Action::ProposeContract { contract: cid(contract), terms }));
}

pub fn validate(network: &mut Network, contract: &str, on: NaiveDate) {
    accept(network, cmd("alice", on, Action::ValidateContract { contract: cid(contract) }));
}

pub fn sign(network: &mut Network, by: &str, version: u32, on: NaiveDate) {
    accept(network, cmd(by, on, Action::SignCharter { version }));
}

/// A two-tier network where provider `paul` holds the active contract `c-paul`
/// and has signed charter version 1, and citizen `cecile` is a mere supporter.
pub fn with_member_provider() -> Network {
    let mut network = two_tier();
    register(&mut network, "paul", ActorKind::Provider, d(2020, 1, 10));
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    propose(&mut network, "paul", "c-paul", provider_terms(), d(2020, 1, 12));
    validate(&mut network, "c-paul", d(2020, 1, 20));
    sign(&mut network, "paul", 1, d(2020, 1, 21));
    network
}

pub fn outside_client() -> Client {
    Client::Outside { name: "Mairie de Fives".into(), kind: ActorKind::LocalAuthority }
}

pub fn report(by: &str, on: NaiveDate, mission: &str, occurred_on: NaiveDate, step: MissionStep) -> Command {
    cmd(by, on, Action::ReportMission { mission: mid(mission), occurred_on, step, update: MissionUpdate::default() })
}

pub fn solicited() -> MissionStep {
    MissionStep::Solicited {
        client: outside_client(),
        lead_origin: LeadOrigin::NetworkEvent,
        title: "Programmation d'un tiers-lieu".into(),
    }
}

pub fn won(cents: i64) -> MissionStep {
    MissionStep::Won { revenue: Money::from_cents(cents) }
}

/// Mission `m1` of `paul`, reported up to `status` (solicited on 2020-02-01,
/// each later step one day after the previous one).
pub fn with_mission(status: MissionStatus) -> Network {
    let mut network = with_member_provider();
    let steps: Vec<MissionStep> = vec![
        solicited(),
        MissionStep::Proposed,
        won(1_200_000),
        MissionStep::Started,
        MissionStep::Progress { note: "atelier de préfiguration".into() },
        MissionStep::Completed,
    ];
    for (day, step) in (1u32..).zip(steps) {
        let target = step.target();
        accept(&mut network, report("paul", d(2020, 2, day), "m1", d(2020, 2, day), step));
        if target == status && network.mission(&mid("m1")).unwrap().status == status {
            break;
        }
    }
    assert_eq!(network.mission(&mid("m1")).unwrap().status, status);
    network
}

pub fn charter_v2(network: &Network, published_on: NaiveDate) -> CharterText {
    let mut text = network.charter().unwrap().clone();
    text.version += 1;
    text.published_on = published_on;
    text.engagements[4].en = "I attend at least twice a year a meeting on the quality of support.".into();
    text
}

/// The journal as JSON values, header first, as schema 1 wrote it (no hash
/// chain): an edit then meets the rule it breaks, not the chain.
pub fn journal_values(network: &Network) -> Vec<Value> {
    let mut values: Vec<Value> = network.journal_jsonl().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    values[0] = serde_json::json!({"format": "coopetition-journal", "schema_version": 1});
    for event in &mut values[1..] {
        event.as_object_mut().unwrap().remove("hash").unwrap();
    }
    values
}

pub fn jsonl(values: &[Value]) -> String {
    values.iter().map(|v| format!("{v}\n")).collect()
}
