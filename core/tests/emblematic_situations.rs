//! The five emblematic situations of the seed ("L'ambition de notre démarche"),
//! reported as missions by one provider in one network.
//!
//! Paul, a provider, applies, is validated and signs the charter. He then
//! reports each situation step by step, as article 1 of the charter asks
//! (solicitation, start, progress), with the lead origin, partners, resources
//! and client information that the situation describes.

// clippy.toml's `allow-*-in-tests` covers `#[test]` functions only, not the
// helpers of an integration-test crate: allow them here, for the whole file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use coopetition::prelude::*;

fn id(raw: &str) -> ActorId {
    ActorId::new(raw).unwrap()
}

fn mid(raw: &str) -> MissionId {
    MissionId::new(raw).unwrap()
}

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    date(year, month, day).unwrap()
}

fn run(network: &mut Network, by: &str, on: NaiveDate, action: Action) {
    let label = action.label();
    if let Err(e) = network.execute(Command::new(&id(by), on, action)) {
        panic!("`{label}` by {by} on {on} was rejected: {} ({e})", e.code());
    }
}

fn register(network: &mut Network, raw: &str, kind: ActorKind, name: &str, on: NaiveDate) {
    let actor = Actor::new(id(raw), kind, name, true).unwrap();
    run(network, raw, on, Action::RegisterActor { actor });
}

fn provider_terms(signatory: &str) -> ContractTerms {
    ContractTerms {
        needs: vec![Choice::item("network_work"), Choice::item("team_up"), Choice::item("resources_and_members")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("revenue_share_5pct")],
        place: "Lille".into(),
        signatory: signatory.into(),
    }
}

/// A provider applies, is validated by alice and signs charter version 1.
fn join_as_provider(network: &mut Network, raw: &str, name: &str, applied_on: NaiveDate) {
    register(network, raw, ActorKind::Provider, name, applied_on);
    let contract = ContractId::new(format!("contract-{raw}")).unwrap();
    run(network, raw, applied_on, Action::ProposeContract { contract: contract.clone(), terms: provider_terms(name) });
    run(network, "alice", applied_on + chrono::Days::new(7), Action::ValidateContract { contract });
    run(network, raw, applied_on + chrono::Days::new(8), Action::SignCharter { version: 1 });
}

fn open_resource(name: &str) -> Resource {
    Resource { name: name.into(), licence: Some("CC-BY-SA-4.0".into()), workstream: None }
}

/// One reported step, with what was learnt at that step.
struct Step {
    step: MissionStep,
    update: MissionUpdate,
}

impl Step {
    fn plain(step: MissionStep) -> Step {
        Step { step, update: MissionUpdate::default() }
    }

    fn with(step: MissionStep, update: MissionUpdate) -> Step {
        Step { step, update }
    }
}

/// Paul reports the steps of a mission, one week apart from `start`, each
/// reported two days after it happened.
fn report_all(network: &mut Network, mission: &str, start: NaiveDate, steps: Vec<Step>) {
    for (week, Step { step, update }) in (0u64..).zip(steps) {
        let occurred_on = start + chrono::Days::new(7 * week);
        let action = Action::ReportMission { mission: mid(mission), occurred_on, step, update };
        run(network, "paul", occurred_on + chrono::Days::new(2), action);
    }
}

fn solicited(client: Client, lead_origin: LeadOrigin, title: &str) -> MissionStep {
    MissionStep::Solicited { client, lead_origin, title: title.into() }
}

fn won(euros: i64) -> MissionStep {
    MissionStep::Won { revenue: Money::from_cents(euros * 100) }
}

fn progress(note: &str) -> MissionStep {
    MissionStep::Progress { note: note.into() }
}

fn outside(name: &str, kind: ActorKind) -> Client {
    Client::Outside { name: name.into(), kind }
}

/// The network after the five situations.
fn the_five_situations() -> Network {
    let mut network = Network::new();
    let alice = Actor {
        level: InvolvementLevel::Steward,
        ..Actor::new(id("alice"), ActorKind::Association, "La Compagnie des Tiers-Lieux", true).unwrap()
    };
    run(
        &mut network,
        "alice",
        d(2020, 1, 6),
        Action::FoundNetwork {
            settings: NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"),
            founders: vec![alice],
        },
    );

    // Paul, the narrator of the five situations, and the members he will team up with.
    join_as_provider(&mut network, "paul", "Paul Accompagnement", d(2020, 1, 10));
    join_as_provider(&mut network, "nadia", "Nadia Conseil", d(2020, 1, 13));
    join_as_provider(&mut network, "lea", "Léa, architecte d'intérieur", d(2020, 1, 15));
    register(&mut network, "la-coroutine", ActorKind::ThirdPlace, "La Coroutine", d(2020, 1, 16));

    // 1. I meet someone at a network event; we meet again and sign; I do the
    //    mission alone with resources I developed myself.
    report_all(
        &mut network,
        "s1-event",
        d(2020, 2, 3),
        vec![
            Step::plain(solicited(
                outside("Café-atelier des Bois-Blancs", ActorKind::ThirdPlace),
                LeadOrigin::NetworkEvent,
                "Modèle économique d'un café-atelier",
            )),
            Step::plain(MissionStep::Proposed),
            Step::plain(won(4_500)),
            Step::plain(MissionStep::Started),
            Step::plain(progress("mission menée seul, avec mes propres outils de diagnostic")),
            Step::plain(MissionStep::Completed),
        ],
    );

    // 2. I prospect a client who heard of third places indirectly through a
    //    network action; we sign; I bring in a partner from the network; we use
    //    two shared resources.
    report_all(
        &mut network,
        "s2-action",
        d(2020, 3, 2),
        vec![
            Step::plain(solicited(
                outside("Mairie de Loos", ActorKind::LocalAuthority),
                LeadOrigin::NetworkAction,
                "Étude d'opportunité d'un tiers-lieu communal",
            )),
            Step::plain(MissionStep::Proposed),
            Step::with(won(12_000), MissionUpdate { partners: vec![id("nadia")], ..MissionUpdate::default() }),
            Step::with(
                MissionStep::Started,
                MissionUpdate {
                    shared_resources_used: vec![
                        open_resource("Guide de la gouvernance partagée"),
                        open_resource("Kit d'animation de concertation"),
                    ],
                    ..MissionUpdate::default()
                },
            ),
            Step::plain(MissionStep::Completed),
        ],
    );

    // 3. The network tells me a client is looking for support; my proposal is
    //    chosen; I ask the network for space-design skills and find a partner.
    report_all(
        &mut network,
        "s3-referral",
        d(2020, 4, 6),
        vec![
            Step::plain(solicited(
                outside("Collectif du Quai", ActorKind::Association),
                LeadOrigin::NetworkReferral,
                "Accompagnement à l'ouverture d'un lieu partagé",
            )),
            Step::plain(MissionStep::Proposed),
            Step::plain(won(8_000)),
            Step::plain(MissionStep::Started),
            Step::with(
                progress("besoin de compétences en aménagement d'espace : partenaire trouvé via le réseau"),
                MissionUpdate { partners: vec![id("lea")], ..MissionUpdate::default() },
            ),
            Step::plain(MissionStep::Completed),
        ],
    );

    // 4. Someone reaches me through another of my networks; I qualify the need,
    //    sign, and during the mission raise awareness and connect the client
    //    with the network.
    report_all(
        &mut network,
        "s4-own",
        d(2020, 5, 4),
        vec![
            Step::plain(solicited(
                outside("Projet de tiers-lieu à Wazemmes", ActorKind::ThirdPlace),
                LeadOrigin::OwnNetwork,
                "Qualification du besoin et préfiguration",
            )),
            Step::plain(MissionStep::Proposed),
            Step::plain(won(6_000)),
            Step::plain(MissionStep::Started),
            Step::with(
                progress("présentation de la Compagnie et de ses rencontres au porteur de projet"),
                MissionUpdate { client_informed: true, ..MissionUpdate::default() },
            ),
            Step::plain(MissionStep::Completed),
        ],
    );
    // The client, connected with the network, joins it.
    register(&mut network, "wazemmes", ActorKind::ThirdPlace, "Tiers-lieu de Wazemmes", d(2020, 6, 20));

    // 5. I sign a mission; I am a steward of the network and use the mission to
    //    develop or improve resources that serve my workstreams in the network.
    run(
        &mut network,
        "alice",
        d(2020, 6, 25),
        Action::ChangeLevel {
            actor: id("paul"),
            level: InvolvementLevel::Steward,
            reason: "porte le chantier « ressources ouvertes » (vote framavox)".into(),
        },
    );
    let mut with_workstream = provider_terms("Paul Accompagnement");
    with_workstream.contributions.push(Choice::with_detail("workstream", "chantier ressources ouvertes"));
    let contract = ContractId::new("contract-paul").unwrap();
    run(
        &mut network,
        "paul",
        d(2020, 6, 26),
        Action::ProposeAmendment { contract: contract.clone(), terms: with_workstream },
    );
    run(&mut network, "alice", d(2020, 6, 29), Action::ValidateContract { contract });
    report_all(
        &mut network,
        "s5-steward",
        d(2020, 7, 6),
        vec![
            // The seed does not say where this lead came from.
            Step::plain(solicited(
                Client::Member { id: id("la-coroutine") },
                LeadOrigin::Other,
                "Programmation des usages de La Coroutine",
            )),
            Step::plain(MissionStep::Proposed),
            Step::plain(won(10_000)),
            Step::with(
                MissionStep::Started,
                MissionUpdate {
                    shared_resources_used: vec![open_resource("Guide de programmation d'un tiers-lieu")],
                    ..MissionUpdate::default()
                },
            ),
            Step::with(
                progress("nouvelle version du guide, versée au chantier ressources ouvertes"),
                MissionUpdate {
                    resources_developed: vec![Resource {
                        name: "Guide de programmation d'un tiers-lieu, v2".into(),
                        licence: Some("CC-BY-SA-4.0".into()),
                        workstream: Some("ressources-ouvertes".into()),
                    }],
                    ..MissionUpdate::default()
                },
            ),
            Step::plain(MissionStep::Completed),
        ],
    );
    network
}

fn steps_of(mission: &Mission) -> Vec<&str> {
    mission.history.iter().map(|r| r.step.as_str()).collect()
}

const WITH_PROGRESS: [&str; 6] = ["solicited", "proposed", "won", "started", "progress", "completed"];
const WITHOUT_PROGRESS: [&str; 5] = ["solicited", "proposed", "won", "started", "completed"];

#[test]
fn paul_is_a_validated_member_who_signed_the_charter() {
    let network = the_five_situations();
    let paul = id("paul");
    assert!(network.is_member(&paul));
    assert_eq!(network.charter_status(&paul), CharterStatus::Signed);
    let contract = network.live_contract(&paul).unwrap();
    assert_eq!(contract.status, ContractStatus::Active);
    assert_eq!(contract.version(1).unwrap().validated_on, d(2020, 1, 17));
    assert!(contract.version(2).unwrap().terms.contributions.iter().any(|c| c.item == "workstream"));
    assert_eq!(network.actor(&paul).unwrap().level, InvolvementLevel::Steward);
    assert_eq!(network.missions_of(&paul).count(), 5);
    assert!(network.missions_of(&paul).all(|m| m.status == MissionStatus::Completed && m.provider == paul));
    let total: Money =
        network.missions_of(&paul).filter_map(|m| m.revenue).try_fold(Money::ZERO, Money::checked_add).unwrap();
    assert_eq!(total, Money::from_cents(4_050_000));
}

#[test]
fn situation_1_network_event_alone_with_own_resources() {
    let network = the_five_situations();
    let m = network.mission(&mid("s1-event")).unwrap();
    assert_eq!(m.lead_origin, LeadOrigin::NetworkEvent);
    assert_eq!(m.client, outside("Café-atelier des Bois-Blancs", ActorKind::ThirdPlace));
    assert_eq!(m.status, MissionStatus::Completed);
    assert_eq!(m.revenue, Some(Money::from_cents(450_000)));
    assert!(m.partners.is_empty(), "done alone");
    assert!(m.shared_resources_used.is_empty(), "with his own resources");
    assert!(m.resources_developed.is_empty());
    assert!(!m.client_informed);
    assert_eq!(steps_of(m), WITH_PROGRESS);
    assert_eq!(m.won_on(), Some(d(2020, 2, 17)));
    assert_eq!(m.date_of("completed"), Some(d(2020, 3, 9)));
    assert!(m.history[4].note.contains("seul"));
}

#[test]
fn situation_2_network_action_with_a_partner_and_two_shared_resources() {
    let network = the_five_situations();
    let m = network.mission(&mid("s2-action")).unwrap();
    assert_eq!(m.lead_origin, LeadOrigin::NetworkAction);
    assert_eq!(m.client, outside("Mairie de Loos", ActorKind::LocalAuthority));
    assert_eq!(m.status, MissionStatus::Completed);
    assert_eq!(m.revenue, Some(Money::from_cents(1_200_000)));
    assert_eq!(m.partners, vec![id("nadia")]);
    assert!(network.is_member(&m.partners[0]), "the partner comes from the network");
    assert_eq!(m.shared_resources_used.len(), 2);
    assert!(m.shared_resources_used.iter().all(|r| r.licence.as_deref() == Some("CC-BY-SA-4.0")));
    assert_eq!(m.shared_resources_used[0].name, "Guide de la gouvernance partagée");
    assert!(m.resources_developed.is_empty());
    assert!(!m.client_informed);
    assert_eq!(steps_of(m), WITHOUT_PROGRESS);
}

#[test]
fn situation_3_network_referral_and_a_partner_found_through_the_network() {
    let network = the_five_situations();
    let m = network.mission(&mid("s3-referral")).unwrap();
    assert_eq!(m.lead_origin, LeadOrigin::NetworkReferral);
    assert_eq!(m.client, outside("Collectif du Quai", ActorKind::Association));
    assert_eq!(m.status, MissionStatus::Completed);
    assert_eq!(m.revenue, Some(Money::from_cents(800_000)));
    assert_eq!(m.partners, vec![id("lea")]);
    assert_eq!(network.actor(&id("lea")).unwrap().kind, ActorKind::Provider);
    assert!(network.is_member(&id("lea")));
    assert!(m.shared_resources_used.is_empty() && m.resources_developed.is_empty());
    assert!(!m.client_informed);
    assert_eq!(steps_of(m), WITH_PROGRESS);
    // The partner was found during the mission, after it was won.
    assert!(m.date_of("progress") > m.won_on());
}

#[test]
fn situation_4_own_network_and_the_client_connected_with_the_network() {
    let network = the_five_situations();
    let m = network.mission(&mid("s4-own")).unwrap();
    assert_eq!(m.lead_origin, LeadOrigin::OwnNetwork);
    assert_eq!(m.client, outside("Projet de tiers-lieu à Wazemmes", ActorKind::ThirdPlace));
    assert_eq!(m.status, MissionStatus::Completed);
    assert_eq!(m.revenue, Some(Money::from_cents(600_000)));
    assert!(m.partners.is_empty());
    assert!(m.shared_resources_used.is_empty() && m.resources_developed.is_empty());
    assert!(m.client_informed, "charter article 2: the client was told how to take part");
    assert_eq!(steps_of(m), WITH_PROGRESS);
    assert_eq!(network.actor(&id("wazemmes")).unwrap().kind, ActorKind::ThirdPlace);
    // Only this situation informed its client.
    // `missions_of` ties its items to the borrow of the provider id: keep it alive.
    let paul = id("paul");
    let informed: Vec<&str> = network.missions_of(&paul).filter(|m| m.client_informed).map(|m| m.id.as_str()).collect();
    assert_eq!(informed, ["s4-own"]);
}

#[test]
fn situation_5_a_steward_develops_resources_for_a_workstream() {
    let network = the_five_situations();
    let m = network.mission(&mid("s5-steward")).unwrap();
    assert_eq!(m.lead_origin, LeadOrigin::Other);
    assert_eq!(m.client, Client::Member { id: id("la-coroutine") });
    assert_eq!(m.status, MissionStatus::Completed);
    assert_eq!(m.revenue, Some(Money::from_cents(1_000_000)));
    assert!(m.partners.is_empty());
    assert_eq!(m.shared_resources_used, vec![open_resource("Guide de programmation d'un tiers-lieu")]);
    assert_eq!(m.resources_developed.len(), 1);
    let developed = &m.resources_developed[0];
    assert_eq!(developed.workstream.as_deref(), Some("ressources-ouvertes"));
    assert_eq!(developed.licence.as_deref(), Some("CC-BY-SA-4.0"));
    assert!(!m.client_informed);
    assert_eq!(steps_of(m), WITH_PROGRESS);
    // The provider was a steward when the mission was solicited.
    let promoted = network
        .journal()
        .iter()
        .find(|e| matches!(&e.action, Action::ChangeLevel { actor, level: InvolvementLevel::Steward, .. } if actor.as_str() == "paul"))
        .unwrap();
    assert!(promoted.on <= m.date_of("solicited").unwrap());
    // Only this situation serves a workstream.
    let for_workstreams = network
        .missions_of(&id("paul"))
        .filter(|m| m.resources_developed.iter().chain(&m.shared_resources_used).any(|r| r.workstream.is_some()))
        .count();
    assert_eq!(for_workstreams, 1);
}

#[test]
fn every_step_is_reported_after_it_happened() {
    let network = the_five_situations();
    for m in network.missions_of(&id("paul")) {
        let mut previous = None;
        for record in &m.history {
            assert_eq!((record.reported_on - record.occurred_on).num_days(), 2, "{}: {}", m.id, record.step);
            assert!(previous <= Some(record.occurred_on), "{} goes back in time", m.id);
            previous = Some(record.occurred_on);
        }
    }
}

#[test]
fn the_five_situations_replay_and_snapshot_identically() {
    let network = the_five_situations();
    let replayed = Network::replay(&network.journal_jsonl()).unwrap();
    assert_eq!(replayed, network);
    let loaded = Network::from_snapshot_json(&network.snapshot_json()).unwrap();
    assert_eq!(loaded.state(), network.state());
    for m in network.state().missions.values() {
        let json = serde_json::to_string(m).unwrap();
        assert_eq!(&serde_json::from_str::<Mission>(&json).unwrap(), m);
    }
}
