//! Properties of the network aggregate over random command sequences.
//!
//! A scenario is a list of abstract operations. Each one becomes a concrete
//! [`Command`] when it is run: its issuer, contract or mission is either taken
//! from a small pool of ids (so unknown and duplicate ids happen) or chosen
//! "naturally" from the current state (a steward to validate, the member to
//! amend its contract, the next step of an open mission…), so that a good share
//! of the commands is accepted. Dates mostly move forward, sometimes back.
//!
//! Properties checked on every scenario:
//! (a) replaying the journal rebuilds an equal network (state and journal);
//! (b) a rejected command leaves the network exactly as it was;
//! (c) a snapshot round trip gives an equal state, and resuming a snapshot
//!     taken half-way with the rest of the journal gives the final state;
//! (d) commands, events, the state, missions, contracts and money survive JSON.

// clippy.toml's `allow-*-in-tests` covers `#[test]` functions only, not the
// helpers of an integration-test crate: allow them here, for the whole file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{NaiveDate, TimeDelta};
use coopetition::catalogue::{Catalogues, KindCatalogue};
use coopetition::journal::{write_journal, write_journal_after};
use coopetition::prelude::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Debug;

// ---- pools ----------------------------------------------------------------------------

/// The actors scenarios play with; `ghost` joins only if a scenario registers it.
const ACTORS: [(&str, ActorKind); 6] = [
    ("alice", ActorKind::Association),
    ("bob", ActorKind::ThirdPlace),
    ("cecile", ActorKind::Citizen),
    ("paul", ActorKind::Provider),
    ("nadia", ActorKind::Provider),
    ("ghost", ActorKind::Company),
];
const CONTRACTS: [&str; 4] = ["c1", "c2", "c3", "c4"];
const MISSIONS: [&str; 3] = ["m1", "m2", "m3"];
const RESOURCES: [&str; 3] = ["guide de programmation", "kit de concertation", " "];
const LEVELS: [InvolvementLevel; 3] =
    [InvolvementLevel::Supporter, InvolvementLevel::Contributor, InvolvementLevel::Steward];
const KINDS: [ActorKind; 6] = [
    ActorKind::ThirdPlace,
    ActorKind::LocalAuthority,
    ActorKind::Citizen,
    ActorKind::Association,
    ActorKind::Company,
    ActorKind::Provider,
];

fn actor_id(index: usize) -> ActorId {
    ActorId::new(ACTORS[index % ACTORS.len()].0).unwrap()
}

fn contract_id(index: usize) -> ContractId {
    ContractId::new(CONTRACTS[index % CONTRACTS.len()]).unwrap()
}

fn mission_id(index: usize) -> MissionId {
    MissionId::new(MISSIONS[index % MISSIONS.len()]).unwrap()
}

fn founding_day() -> NaiveDate {
    date(2020, 1, 6).unwrap()
}

// ---- abstract operations --------------------------------------------------------------

/// Who issues an operation, or which contract or mission it is about.
#[derive(Debug, Clone, Copy)]
enum Pick {
    /// Chosen from the state so that the command has a chance to be accepted.
    Natural,
    /// Taken from the pool, whatever the state.
    Pool(usize),
}

#[derive(Debug, Clone)]
struct TermsSpec {
    /// A kind whose catalogue the items come from; `None`: the member's own kind.
    kind: Option<usize>,
    needs: Vec<usize>,
    contributions: Vec<usize>,
    extra_engagements: Vec<usize>,
    /// Whether free-text items get their detail.
    detail: bool,
    blank_place: bool,
}

#[derive(Debug, Clone)]
enum StepSpec {
    /// The step that follows the mission's status (or a progress report).
    Next {
        complete: bool,
    },
    Solicited {
        client: Option<usize>,
        lead: usize,
        blank_title: bool,
    },
    Proposed,
    Won,
    Started,
    Progress {
        blank: bool,
    },
    Completed,
    Lost,
    Cancelled,
}

#[derive(Debug, Clone)]
struct UpdateSpec {
    partners: Vec<usize>,
    shared: Vec<usize>,
    developed: Option<(usize, bool)>,
    client_informed: bool,
}

#[derive(Debug, Clone)]
enum OpKind {
    Found { two_tier: bool },
    Register { actor: usize, level: usize, other_kind: Option<usize> },
    Listing { actor: usize, public: bool },
    Level { actor: usize, level: usize, blank: bool },
    Propose { applicant: Pick, contract: Pick, terms: TermsSpec },
    Discuss { contract: Pick, blank: bool },
    Revise { contract: Pick, terms: TermsSpec },
    Validate { contract: Pick },
    Decline { contract: Pick, blank: bool },
    Amend { contract: Pick, terms: TermsSpec },
    Resign { contract: Pick },
    Exclude { contract: Pick, blank: bool },
    Publish { skip: bool, backdate: bool },
    Sign { version: Option<u32> },
    Report { mission: Pick, step: StepSpec, lag: i64, revenue_cents: i64, update: UpdateSpec },
}

#[derive(Debug, Clone)]
struct Op {
    by: Pick,
    /// Days since the previous operation (negative: back in time).
    days: i64,
    kind: OpKind,
}

// ---- strategies -----------------------------------------------------------------------

fn pick(pool: usize) -> impl Strategy<Value = Pick> {
    prop_oneof![3 => Just(Pick::Natural), 1 => (0..pool).prop_map(Pick::Pool)]
}

fn terms_spec() -> impl Strategy<Value = TermsSpec> {
    (
        prop_oneof![9 => Just(None), 1 => (0..KINDS.len()).prop_map(Some)],
        prop::collection::vec(0..6usize, 0..=2),
        prop_oneof![9 => prop::collection::vec(0..6usize, 1..=2), 1 => Just(Vec::new())],
        prop::collection::vec(0..3usize, 0..=1),
        prop::bool::weighted(0.9),
        prop::bool::weighted(0.03),
    )
        .prop_map(|(kind, needs, contributions, extra_engagements, detail, blank_place)| TermsSpec {
            kind,
            needs,
            contributions,
            extra_engagements,
            detail,
            blank_place,
        })
}

fn step_spec() -> impl Strategy<Value = StepSpec> {
    prop_oneof![
        30 => any::<bool>().prop_map(|complete| StepSpec::Next { complete }),
        1 => (prop::option::of(0..ACTORS.len()), 0..5usize, prop::bool::weighted(0.1))
            .prop_map(|(client, lead, blank_title)| StepSpec::Solicited { client, lead, blank_title }),
        1 => Just(StepSpec::Proposed),
        1 => Just(StepSpec::Won),
        1 => Just(StepSpec::Started),
        1 => prop::bool::weighted(0.2).prop_map(|blank| StepSpec::Progress { blank }),
        1 => Just(StepSpec::Completed),
        1 => Just(StepSpec::Lost),
        1 => Just(StepSpec::Cancelled),
    ]
}

fn update_spec() -> impl Strategy<Value = UpdateSpec> {
    (
        prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(0..ACTORS.len(), 1..=2)],
        prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(0..RESOURCES.len(), 1..=2)],
        prop::option::weighted(0.2, (0..RESOURCES.len(), any::<bool>())),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(partners, shared, developed, client_informed)| UpdateSpec {
            partners,
            shared,
            developed,
            client_informed,
        })
}

fn revenue_cents() -> impl Strategy<Value = i64> {
    prop_oneof![6 => 0..10_000_000i64, 1 => -1_000_000..0i64, 1 => Just(0i64)]
}

fn op_kind() -> impl Strategy<Value = OpKind> {
    let contract = || pick(CONTRACTS.len());
    prop_oneof![
        1 => any::<bool>().prop_map(|two_tier| OpKind::Found { two_tier }),
        4 => (0..ACTORS.len(), prop_oneof![4 => Just(0usize), 1 => 0..3usize], prop::option::weighted(0.1, 0..KINDS.len()))
            .prop_map(|(actor, level, other_kind)| OpKind::Register { actor, level, other_kind }),
        1 => (0..ACTORS.len(), any::<bool>()).prop_map(|(actor, public)| OpKind::Listing { actor, public }),
        2 => (0..ACTORS.len(), 0..3usize, prop::bool::weighted(0.1))
            .prop_map(|(actor, level, blank)| OpKind::Level { actor, level, blank }),
        5 => (pick(ACTORS.len()), contract(), terms_spec())
            .prop_map(|(applicant, contract, terms)| OpKind::Propose { applicant, contract, terms }),
        2 => (contract(), prop::bool::weighted(0.1)).prop_map(|(contract, blank)| OpKind::Discuss { contract, blank }),
        1 => (contract(), terms_spec()).prop_map(|(contract, terms)| OpKind::Revise { contract, terms }),
        6 => contract().prop_map(|contract| OpKind::Validate { contract }),
        1 => (contract(), prop::bool::weighted(0.1)).prop_map(|(contract, blank)| OpKind::Decline { contract, blank }),
        2 => (contract(), terms_spec()).prop_map(|(contract, terms)| OpKind::Amend { contract, terms }),
        1 => contract().prop_map(|contract| OpKind::Resign { contract }),
        // Weighted up: an exclusion takes three operations (notice, answer, exclusion).
        3 => (contract(), prop::bool::weighted(0.1)).prop_map(|(contract, blank)| OpKind::Exclude { contract, blank }),
        1 => (prop::bool::weighted(0.1), prop::bool::weighted(0.1))
            .prop_map(|(skip, backdate)| OpKind::Publish { skip, backdate }),
        3 => prop::option::weighted(0.2, 1..=3u32).prop_map(|version| OpKind::Sign { version }),
        14 => (
            pick(MISSIONS.len()),
            step_spec(),
            prop_oneof![12 => Just(0i64), 3 => 1..4i64, 1 => -3..0i64],
            revenue_cents(),
            update_spec(),
        )
            .prop_map(|(mission, step, lag, revenue_cents, update)| OpKind::Report {
                mission,
                step,
                lag,
                revenue_cents,
                update,
            }),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let by = prop_oneof![6 => Just(Pick::Natural), 1 => (0..ACTORS.len()).prop_map(Pick::Pool)];
    (by, prop_oneof![30 => 0..4i64, 1 => -10..0i64], op_kind()).prop_map(|(by, days, kind)| Op { by, days, kind })
}

/// A scenario: usually the founding and a few self-registrations, then random operations.
fn scenario() -> impl Strategy<Value = Vec<Op>> {
    (
        prop::option::weighted(0.97, any::<bool>()),
        prop::sample::subsequence((1..ACTORS.len()).collect::<Vec<_>>(), 2..=5),
        prop::collection::vec(op(), 5..=33),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(found, joiners, ops, member_first)| {
            let mut all = Vec::new();
            if let Some(two_tier) = found {
                all.push(Op { by: Pick::Natural, days: 0, kind: OpKind::Found { two_tier } });
            }
            for actor in joiners {
                let kind = OpKind::Register { actor, level: 0, other_kind: None };
                all.push(Op { by: Pick::Natural, days: 1, kind });
            }
            // Most scenarios start with a member provider (missions need one):
            // the first joiner applies, signs the charter and is validated.
            if member_first {
                let terms = TermsSpec {
                    kind: None,
                    needs: vec![0],
                    contributions: vec![0],
                    extra_engagements: vec![],
                    detail: true,
                    blank_place: false,
                };
                let prefix = [
                    OpKind::Propose { applicant: Pick::Natural, contract: Pick::Natural, terms },
                    OpKind::Sign { version: None },
                    OpKind::Validate { contract: Pick::Natural },
                ];
                all.extend(prefix.into_iter().map(|kind| Op { by: Pick::Natural, days: 1, kind }));
            }
            all.extend(ops);
            all
        })
}

// ---- from operations to commands ------------------------------------------------------

fn first_steward(network: &Network) -> ActorId {
    // A steward acts for the network only while a member (a founder or an active contract).
    let stewards = || network.state().actors.values().filter(|a| a.is_steward());
    stewards()
        .find(|a| network.is_member(&a.id))
        .or_else(|| stewards().next())
        .map_or_else(|| actor_id(0), |a| a.id.clone())
}

fn kind_of(network: &Network, actor: &ActorId) -> ActorKind {
    network.actor(actor).map_or(ActorKind::Company, |a| a.kind)
}

/// The first contract (in id order) that satisfies `wanted`, or `c1`.
fn natural_contract(network: &Network, wanted: impl Fn(&Contract) -> bool) -> ContractId {
    network.state().contracts.values().find(|c| wanted(c)).map_or_else(|| contract_id(0), |c| c.id.clone())
}

fn resolve_contract(network: &Network, p: Pick, wanted: impl Fn(&Contract) -> bool) -> ContractId {
    match p {
        Pick::Natural => natural_contract(network, wanted),
        Pick::Pool(i) => contract_id(i),
    }
}

fn member_of(network: &Network, contract: &ContractId) -> ActorId {
    network.contract(contract).map_or_else(|_| actor_id(3), |c| c.member.clone())
}

fn choices(items: &[(&str, bool)], picks: &[usize], detail: bool) -> Vec<Choice> {
    picks
        .iter()
        .filter(|_| !items.is_empty())
        .map(|i| {
            let (id, free_text) = items[i % items.len()];
            if free_text && detail {
                Choice::with_detail(id, "précisions")
            } else {
                Choice::item(id)
            }
        })
        .collect()
}

fn terms(spec: &TermsSpec, member_kind: ActorKind) -> ContractTerms {
    let kind = spec.kind.map_or(member_kind, |k| KINDS[k]);
    let catalogue: &KindCatalogue = Catalogues::shipped().kind(kind).unwrap();
    let needs: Vec<(&str, bool)> = catalogue.needs.iter().map(|i| (i.id.as_str(), i.free_text)).collect();
    let contributions: Vec<(&str, bool)> =
        catalogue.contributions.iter().map(|i| (i.id.as_str(), i.free_text)).collect();
    let engagements: Vec<(&str, bool)> = catalogue.member_engagements.iter().map(|e| (e.id.as_str(), false)).collect();
    ContractTerms {
        needs: choices(&needs, &spec.needs, spec.detail),
        extra_engagements: choices(&engagements, &spec.extra_engagements, false).into_iter().map(|c| c.item).collect(),
        contributions: choices(&contributions, &spec.contributions, spec.detail),
        place: if spec.blank_place { " ".into() } else { "Lille".into() },
        signatory: "Camille".into(),
    }
}

fn mission_step(spec: &StepSpec, current: Option<MissionStatus>, revenue: Money) -> MissionStep {
    let solicited = |client: &Option<usize>, lead: usize, blank_title: bool| MissionStep::Solicited {
        client: match client {
            Some(i) => Client::Member { id: actor_id(*i) },
            None => Client::Outside { name: "Mairie de Fives".into(), kind: ActorKind::LocalAuthority },
        },
        lead_origin: LeadOrigin::ALL[lead % LeadOrigin::ALL.len()],
        title: if blank_title { String::new() } else { "Préfiguration d'un tiers-lieu".into() },
    };
    match spec {
        StepSpec::Next { complete } => match current {
            None => solicited(&None, usize::from(*complete), false),
            Some(MissionStatus::Solicited) => MissionStep::Proposed,
            Some(MissionStatus::Proposed) => MissionStep::Won { revenue },
            Some(MissionStatus::Won) => MissionStep::Started,
            Some(MissionStatus::Started) if *complete => MissionStep::Completed,
            Some(_) => MissionStep::Progress { note: "atelier".into() },
        },
        StepSpec::Solicited { client, lead, blank_title } => solicited(client, *lead, *blank_title),
        StepSpec::Proposed => MissionStep::Proposed,
        StepSpec::Won => MissionStep::Won { revenue },
        StepSpec::Started => MissionStep::Started,
        StepSpec::Progress { blank } => MissionStep::Progress { note: if *blank { " " } else { "bilan" }.into() },
        StepSpec::Completed => MissionStep::Completed,
        StepSpec::Lost => MissionStep::Lost { reason: "autre prestataire".into() },
        StepSpec::Cancelled => MissionStep::Cancelled { reason: String::new() },
    }
}

fn mission_update(spec: &UpdateSpec) -> MissionUpdate {
    MissionUpdate {
        partners: spec.partners.iter().map(|i| actor_id(*i)).collect(),
        shared_resources_used: spec.shared.iter().map(|i| Resource::named(RESOURCES[*i])).collect(),
        resources_developed: spec
            .developed
            .iter()
            .map(|(i, workstream)| Resource {
                name: RESOURCES[*i].into(),
                licence: Some("CC-BY-SA-4.0".into()),
                workstream: workstream.then(|| "ressources-ouvertes".into()),
            })
            .collect(),
        client_informed: spec.client_informed,
    }
}

/// Turns an operation into a command against the current state.
fn command(network: &Network, op: &Op, today: NaiveDate) -> Command {
    // The natural issuer and the action.
    let (natural, action) = match &op.kind {
        OpKind::Found { two_tier } => {
            let alice = Actor {
                level: InvolvementLevel::Steward,
                ..Actor::new(actor_id(0), ACTORS[0].1, "Alice", true).unwrap()
            };
            let name = "La Compagnie des Tiers-Lieux";
            let settings = if *two_tier { NetworkSettings::two_tier(name) } else { NetworkSettings::all_in_one(name) };
            (actor_id(0), Action::FoundNetwork { settings, founders: vec![alice] })
        }
        OpKind::Register { actor, level, other_kind } => {
            let id = actor_id(*actor);
            let kind = other_kind.map_or(ACTORS[*actor].1, |k| KINDS[k]);
            let new = Actor { level: LEVELS[*level], ..Actor::new(id.clone(), kind, ACTORS[*actor].0, true).unwrap() };
            let natural = if *level == 0 { id } else { first_steward(network) };
            (natural, Action::RegisterActor { actor: new })
        }
        OpKind::Listing { actor, public } => {
            (actor_id(*actor), Action::SetPublicListing { actor: actor_id(*actor), public_listing: *public })
        }
        OpKind::Level { actor, level, blank } => (
            first_steward(network),
            Action::ChangeLevel {
                actor: actor_id(*actor),
                level: LEVELS[*level],
                reason: if *blank { String::new() } else { "décision du temps de coordination".into() },
            },
        ),
        OpKind::Propose { applicant, contract, terms: spec } => {
            // Naturally, a registered actor (not a founder, providers first) without a live contract.
            let applicant = match applicant {
                Pick::Natural => {
                    let mut candidates: Vec<&Actor> = network
                        .state()
                        .actors
                        .values()
                        .filter(|a| !network.state().founders.contains(&a.id) && network.live_contract(&a.id).is_none())
                        .collect();
                    candidates.sort_by_key(|a| a.kind != ActorKind::Provider);
                    candidates.first().map_or_else(|| actor_id(3), |a| a.id.clone())
                }
                Pick::Pool(i) => actor_id(*i),
            };
            let contract = match contract {
                Pick::Natural => CONTRACTS
                    .iter()
                    .map(|c| ContractId::new(*c).unwrap())
                    .find(|c| network.contract(c).is_err())
                    .unwrap_or_else(|| contract_id(0)),
                Pick::Pool(i) => contract_id(*i),
            };
            let terms = terms(spec, kind_of(network, &applicant));
            (applicant, Action::ProposeContract { contract, terms })
        }
        OpKind::Discuss { contract, blank } => {
            let contract = resolve_contract(network, *contract, |c| c.pending.is_some());
            let note = if *blank { " ".into() } else { "Pouvez-vous préciser ?".into() };
            (first_steward(network), Action::DiscussContract { contract, note })
        }
        OpKind::Revise { contract, terms: spec } => {
            let contract = resolve_contract(network, *contract, |c| c.pending.is_some());
            let member = member_of(network, &contract);
            let terms = terms(spec, kind_of(network, &member));
            (member, Action::ReviseProposal { contract, terms })
        }
        OpKind::Validate { contract } => {
            let contract = resolve_contract(network, *contract, |c| c.pending.is_some());
            (first_steward(network), Action::ValidateContract { contract })
        }
        OpKind::Decline { contract, blank } => {
            let contract = resolve_contract(network, *contract, |c| c.pending.is_some());
            let reason = if *blank { String::new() } else { "hors du champ du réseau".into() };
            (first_steward(network), Action::DeclineContract { contract, reason })
        }
        OpKind::Amend { contract, terms: spec } => {
            let contract =
                resolve_contract(network, *contract, |c| c.status == ContractStatus::Active && c.pending.is_none());
            let member = member_of(network, &contract);
            let terms = terms(spec, kind_of(network, &member));
            (member, Action::ProposeAmendment { contract, terms })
        }
        OpKind::Resign { contract } => {
            let contract = resolve_contract(network, *contract, |c| c.status.is_live());
            (member_of(network, &contract), Action::Resign { contract })
        }
        OpKind::Exclude { contract, blank } => {
            let contract = resolve_contract(network, *contract, |c| c.status == ContractStatus::Active);
            let reason: String = if *blank { " ".into() } else { "manquement à la charte".into() };
            // An exclusion follows a hearing: notify, let the member answer, then exclude.
            let member = network.contract(&contract).ok().map(|c| c.member.clone());
            let open = member.as_ref().and_then(|m| network.hearings(m).last().filter(|h| h.closed_seq.is_none()));
            match (member.clone(), open) {
                (Some(member), None) => (first_steward(network), Action::NotifyHearing { member, grounds: reason }),
                (Some(member), Some(h)) if h.answer.is_none() => {
                    (member.clone(), Action::AnswerHearing { member, answer: "je conteste".into() })
                }
                _ => (first_steward(network), Action::ExcludeMember { contract, reason }),
            }
        }
        OpKind::Publish { skip, backdate } => {
            let mut text = match network.charter() {
                Some(current) => current.clone(),
                None => coopetition::charter::shipped_charter()[0].clone(),
            };
            text.version += if *skip { 2 } else { 1 };
            text.published_on = if *backdate { today - TimeDelta::days(1000) } else { today };
            (first_steward(network), Action::PublishCharter { text })
        }
        OpKind::Sign { version } => {
            let provider = network
                .state()
                .actors
                .values()
                .find(|a| {
                    a.kind == ActorKind::Provider
                        && network.live_contract(&a.id).is_some()
                        && network.charter_status(&a.id) != CharterStatus::Signed
                })
                .map_or_else(|| actor_id(3), |a| a.id.clone());
            let version = version.unwrap_or_else(|| network.charter().map_or(1, |c| c.version));
            (provider, Action::SignCharter { version })
        }
        OpKind::Report { mission, step, lag, revenue_cents, update } => {
            let mission = match mission {
                Pick::Natural => {
                    let open = network
                        .state()
                        .missions
                        .values()
                        .find(|m| m.status.is_open() && network.is_member(&m.provider))
                        .map(|m| m.id.clone());
                    let fresh =
                        MISSIONS.iter().map(|m| MissionId::new(*m).unwrap()).find(|m| network.mission(m).is_err());
                    open.or(fresh).unwrap_or_else(|| mission_id(0))
                }
                Pick::Pool(i) => mission_id(*i),
            };
            let existing = network.mission(&mission).ok();
            let natural = existing.map_or_else(
                || {
                    let providers = || network.state().actors.values().filter(|a| a.kind == ActorKind::Provider);
                    let member = providers().find(|a| network.is_member(&a.id));
                    member.or_else(|| providers().next()).map_or_else(|| actor_id(3), |a| a.id.clone())
                },
                |m| m.provider.clone(),
            );
            let step = mission_step(step, existing.map(|m| m.status), Money::from_cents(*revenue_cents));
            let action = Action::ReportMission {
                mission,
                occurred_on: today - TimeDelta::days(*lag),
                step,
                update: mission_update(update),
            };
            (natural, action)
        }
    };
    let by = match op.by {
        Pick::Natural => natural,
        Pick::Pool(i) => actor_id(i),
    };
    Command::new(&by, today, action)
}

// ---- properties -----------------------------------------------------------------------

fn json_round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(&back, value, "JSON round trip changed {}", json);
    Ok(())
}

/// What the runs did, to check that the properties are not vacuous.
#[derive(Default)]
struct Tally {
    accepted: BTreeMap<&'static str, usize>,
    rejected: BTreeMap<&'static str, usize>,
    commands: usize,
}

fn accepted_label(action: &Action) -> &'static str {
    match action {
        Action::ReportMission { step, .. } => match step {
            MissionStep::Solicited { .. } => "report_mission:solicited",
            MissionStep::Proposed => "report_mission:proposed",
            MissionStep::Won { .. } => "report_mission:won",
            MissionStep::Started => "report_mission:started",
            MissionStep::Progress { .. } => "report_mission:progress",
            MissionStep::Completed => "report_mission:completed",
            MissionStep::Lost { .. } => "report_mission:lost",
            MissionStep::Cancelled { .. } => "report_mission:cancelled",
        },
        other => other.label(),
    }
}

/// Runs a scenario, checking (b) and (d) on every command; returns the network.
fn run_scenario(ops: &[Op], tally: Option<&RefCell<Tally>>) -> Result<Network, TestCaseError> {
    let mut network = Network::new();
    let mut today = founding_day();
    for op in ops {
        today += TimeDelta::days(op.days);
        let command = command(&network, op, today);
        json_round_trip(&command)?;
        let before = network.clone();
        let checked = network.check(&command);
        let label = accepted_label(&command.action);
        match network.execute(command) {
            Ok(event) => {
                let event = event.clone();
                prop_assert!(checked.is_ok(), "check refused what execute accepted: {:?}", checked);
                prop_assert_eq!(event.seq, before.state().last_seq + 1);
                prop_assert_eq!(network.journal().len(), before.journal().len() + 1);
                json_round_trip(&event)?;
                if let Action::ReportMission { step: MissionStep::Won { revenue }, .. } = &event.action {
                    json_round_trip(revenue)?;
                }
                if let Some(t) = tally {
                    *t.borrow_mut().accepted.entry(label).or_default() += 1;
                }
            }
            Err(err) => {
                prop_assert_eq!(&checked, &Err(err.clone()), "check and execute disagree");
                prop_assert!(Error::CODES.contains(&err.code()), "unlisted code {}", err.code());
                // (b) nothing changed: state, journal length, and the whole network.
                prop_assert_eq!(network.state(), before.state());
                prop_assert_eq!(network.journal().len(), before.journal().len());
                prop_assert_eq!(&network, &before);
                if let Some(t) = tally {
                    *t.borrow_mut().rejected.entry(err.code()).or_default() += 1;
                }
            }
        }
        if let Some(t) = tally {
            t.borrow_mut().commands += 1;
        }
    }
    Ok(network)
}

fn check_scenario(ops: &[Op], split: prop::sample::Index, tally: &RefCell<Tally>) -> Result<(), TestCaseError> {
    let network = run_scenario(ops, Some(tally))?;
    let journal = network.journal_jsonl();

    // (a) the journal replays to an equal network.
    let replayed = Network::replay(&journal).map_err(|e| TestCaseError::fail(format!("replay: {e}")))?;
    prop_assert_eq!(replayed.state(), network.state());
    prop_assert_eq!(replayed.journal(), network.journal());
    prop_assert_eq!(&replayed, &network);
    prop_assert_eq!(&replayed.journal_jsonl(), &journal);

    // (c) a snapshot round trip gives an equal state…
    let loaded = Network::from_snapshot_json(&network.snapshot_json())
        .map_err(|e| TestCaseError::fail(format!("snapshot: {e}")))?;
    prop_assert_eq!(loaded.state(), network.state());
    // (A state alone has no place in the chain: only the states and journals compare.)
    let from_state = Network::from_state(network.state().clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(from_state.state(), loaded.state());
    prop_assert_eq!(from_state.journal(), loaded.journal());
    // …and a snapshot taken half-way, resumed with the rest of the journal, the final one.
    let events = network.journal();
    let at = split.index(events.len() + 1);
    let head = Network::replay(&write_journal(&events[..at])).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let resumed = Network::resume(&head.snapshot_json(), &journal)
        .map_err(|e| TestCaseError::fail(format!("resume at {at}: {e}")))?;
    prop_assert_eq!(resumed.state(), network.state());
    prop_assert_eq!(resumed.journal(), &events[at..]);
    // The journal that continues the snapshot gives the same network.
    let rest = head.chain_head(None).map(|p| write_journal_after(&p, &events[at..], None)).unwrap_or_default();
    let continued = Network::resume(&head.snapshot_json(), &rest)
        .map_err(|e| TestCaseError::fail(format!("resume after {at}: {e}")))?;
    prop_assert_eq!(continued, resumed);

    // (d) the state and its parts survive JSON.
    json_round_trip(network.state())?;
    for mission in network.state().missions.values() {
        json_round_trip(mission)?;
        if let Some(revenue) = &mission.revenue {
            json_round_trip(revenue)?;
        }
    }
    for contract in network.state().contracts.values() {
        json_round_trip(contract)?;
    }
    Ok(())
}

#[test]
fn random_command_sequences_keep_the_invariants() {
    let config = Config { failure_persistence: None, ..Config::with_cases(1000) };
    let mut runner = TestRunner::new(config);
    let tally = RefCell::new(Tally::default());
    let strategy = (scenario(), any::<prop::sample::Index>());
    let result = runner.run(&strategy, |(ops, split)| check_scenario(&ops, split, &tally));
    if let Err(e) = result {
        panic!("{e}");
    }

    // The properties are not vacuous: every major kind of command was accepted,
    // and many kinds of rejection were met.
    let tally = tally.into_inner();
    let accepted: usize = tally.accepted.values().sum();
    let summary = format!("accepted {:?}\nrejected {:?}", tally.accepted, tally.rejected);
    // Shown with `cargo test -- --nocapture`.
    println!("{} commands\n{summary}", tally.commands);
    assert!(accepted * 3 >= tally.commands, "only {accepted} of {} commands accepted\n{summary}", tally.commands);
    for label in [
        "found_network",
        "register_actor",
        "set_public_listing",
        "change_level",
        "propose_contract",
        "discuss_contract",
        "revise_proposal",
        "validate_contract",
        "decline_contract",
        "propose_amendment",
        "resign",
        "exclude_member",
        "publish_charter",
        "sign_charter",
        "report_mission:solicited",
        "report_mission:proposed",
        "report_mission:won",
        "report_mission:started",
        "report_mission:progress",
        "report_mission:completed",
        "report_mission:lost",
        "report_mission:cancelled",
    ] {
        let n = tally.accepted.get(label).copied().unwrap_or(0);
        assert!(n >= 5, "`{label}` accepted only {n} times\n{summary}");
    }
    for code in [
        "network.founding.invalid",
        "actor.id.unknown",
        "actor.id.duplicate",
        "contract.id.unknown",
        "contract.id.duplicate",
        "mission.id.unknown",
        "mission.id.duplicate",
        "money.amount.negative",
        "date.order.invalid",
        "contract.item.unknown",
        "auth.steward.required",
        "auth.owner.required",
        "mission.transition.invalid",
        "contract.transition.invalid",
    ] {
        let n = tally.rejected.get(code).copied().unwrap_or(0);
        assert!(n >= 5, "`{code}` met only {n} times\n{summary}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Any amount in euros accepted as input survives JSON with its exact
    /// value; an amount that is not whole cents is refused, never rounded;
    /// other currencies are refused.
    #[test]
    fn money_survives_json(mantissa in any::<i64>(), scale in 0u32..=28, currency in "[A-Z]{3}") {
        let decimal = Decimal::new(mantissa, scale);
        let whole_cents = (decimal * Decimal::ONE_HUNDRED).fract().is_zero();
        let money = match Money::new(decimal, "EUR") {
            Ok(money) => money,
            Err(e) => {
                prop_assert!(!whole_cents, "{decimal}: {e}");
                prop_assert_eq!(e.code(), "money.amount.precision");
                return Ok(());
            }
        };
        prop_assert!(whole_cents, "{} accepted", decimal);
        prop_assert_eq!(money.amount(), decimal);
        json_round_trip(&money)?;
        let json = serde_json::to_string(&money).unwrap();
        prop_assert!(json.ends_with(r#","currency":"EUR"}"#), "{}", json);
        prop_assert_eq!(money.is_negative(), mantissa < 0);
        let other = json.replace("\"EUR\"", &format!("\"{currency}\""));
        let parsed = serde_json::from_str::<Money>(&other);
        let direct = Money::new(money.amount(), &currency);
        if currency == "EUR" {
            prop_assert_eq!(parsed.unwrap(), money);
            prop_assert_eq!(direct.unwrap(), money);
        } else {
            prop_assert!(parsed.is_err());
            prop_assert_eq!(direct.unwrap_err().code(), "money.currency.unsupported");
        }
    }

    /// Any cut of a journal either replays to a prefix of it (cut at a line end)
    /// or is refused as a truncated line.
    #[test]
    fn a_cut_journal_is_a_prefix_or_a_truncation(ops in scenario(), cut in any::<prop::sample::Index>()) {
        let network = run_scenario(&ops, None)?;
        let journal = network.journal_jsonl();
        let mut at = 1 + cut.index(journal.len());
        while !journal.is_char_boundary(at) {
            at -= 1;
        }
        match Network::replay(&journal[..at]) {
            Ok(prefix) => {
                let n = prefix.journal().len();
                prop_assert_eq!(prefix.journal(), &network.journal()[..n]);
                let whole_lines = journal[..at].ends_with('}') || journal[..at].ends_with('\n');
                prop_assert!(whole_lines, "a journal cut at {} inside a line was accepted", at);
            }
            Err(e) => prop_assert_eq!(e.code(), "journal.line.truncated", "cut at {}: {}", at, e),
        }
    }
}
