//! Lead origins the network can prove, beyond the command vectors
//! (`origins.json` in `tests/vectors/commands/`): the guide's explanation
//! cites the record, comparisons break totals down by basis (per mission and
//! through columns alike), events and recorded origins survive the journal
//! and both snapshot encodings, and snapshots that contradict them are refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::ids::NetworkEventId;
use coopetition::origin::{LeadOriginBasis, OriginRecord};
use coopetition::policy::batch::{BuiltinPolicy, MissionTable};
use coopetition::policy::compare::{compare, compare_columns};
use coopetition::policy::{ContributionPolicy, GuideRate, MissionFacts, Parameters};
use coopetition::prelude::*;
use serde_json::{json, Value};

#[path = "support/vector_setup.rs"]
mod vector_setup;
use vector_setup::run;

/// The setup of the vectors: alice and bob founding stewards, the member
/// providers paul and zoe, and max, a provider who only applied.
fn setup() -> Network {
    vector_setup::setup("origins.json")
}

fn lys() -> Value {
    json!({"type": "outside", "name": "Mairie de Lys", "kind": "local_authority"})
}

fn solicited(mission: &str, on: &str, origin: &str) -> Value {
    json!({"type": "report_mission", "mission": mission, "occurred_on": on, "update": {},
           "step": {"step": "solicited", "client": lys(), "lead_origin": origin, "title": "Programmation"}})
}

fn step(mission: &str, on: &str, step: Value) -> Value {
    json!({"type": "report_mission", "mission": mission, "occurred_on": on, "step": step, "update": {}})
}

fn win(network: &mut Network, by: &str, mission: &str, on: &str, revenue: &str) {
    run(network, by, on, step(mission, on, json!({"step": "proposed"}))).unwrap();
    let won = json!({"step": "won", "revenue": {"amount": revenue, "currency": "EUR"}});
    run(network, by, on, step(mission, on, won)).unwrap();
}

/// paul met the Mairie de Lys at the forum and won m-lys (10,000.00); zoe,
/// who was not there, won m-zoe from her own network (4,000.00).
fn met_at_the_forum() -> Network {
    let mut network = setup();
    let forum = json!({"type": "record_network_event", "event": "e-forum", "title": "Forum des tiers-lieux",
                       "held_on": "2021-02-09", "attendees": [{"type": "member", "id": "paul"}, lys()]});
    run(&mut network, "alice", "2021-02-10", forum).unwrap();
    run(&mut network, "paul", "2021-03-01", solicited("m-lys", "2021-03-01", "network_event")).unwrap();
    win(&mut network, "paul", "m-lys", "2021-03-10", "10000.00");
    run(&mut network, "zoe", "2021-03-02", solicited("m-zoe", "2021-03-02", "own_network")).unwrap();
    win(&mut network, "zoe", "m-zoe", "2021-03-12", "4000.00");
    network
}

fn facts(network: &Network, mission: &str) -> MissionFacts {
    MissionFacts::from_network(network, &MissionId::new(mission).unwrap()).unwrap()
}

#[test]
fn the_guide_explanation_cites_the_record_or_says_the_origin_is_declared() {
    let network = met_at_the_forum();
    let recorded = facts(&network, "m-lys");
    assert_eq!(recorded.lead_origin_basis, LeadOriginBasis::Recorded);
    assert_eq!(
        recorded.origin_record,
        Some(OriginRecord::NetworkEvent { event: NetworkEventId::new("e-forum").unwrap() })
    );
    let a = GuideRate.evaluate(&recorded, Parameters::shipped()).unwrap();
    let first = a.explanation.steps().next().unwrap();
    assert_eq!(first.code.label(), "guide.origin");
    let params: Vec<String> = first.params.iter().map(|p| p.to_plain()).collect();
    assert_eq!(params, ["network_event", "recorded", "e-forum"]);
    assert_eq!(
        first.sentence(Lang::En),
        "The lead origin, met at a network event, is recorded by the network: network event e-forum."
    );
    assert_eq!(
        first.sentence(Lang::Fr),
        "L'origine du contact, rencontre lors d'un événement du réseau, est établie par le réseau : \
         l'événement du réseau e-forum."
    );
    // The assessment's JSON keeps the basis as a basis.
    let json = a.to_json();
    assert!(json.contains(r#"{"basis":"recorded"}"#), "{json}");
    assert_eq!(coopetition::policy::Assessment::from_json(&json).unwrap(), a);

    let declared = facts(&network, "m-zoe");
    assert_eq!(declared.lead_origin_basis, LeadOriginBasis::Declared);
    let a = GuideRate.evaluate(&declared, Parameters::shipped()).unwrap();
    let first = a.explanation.steps().next().unwrap();
    assert_eq!(
        first.sentence(Lang::En),
        "The lead origin, the provider's own network or prospecting, is as the provider declared it."
    );
}

#[test]
fn comparisons_break_totals_down_by_basis_per_mission_and_through_columns() {
    let network = met_at_the_forum();
    let missions = vec![facts(&network, "m-lys"), facts(&network, "m-zoe")];
    let params = Parameters::shipped();
    let flat = BuiltinPolicy::Flat;
    let c = compare(&missions, &[&flat], params).unwrap();
    let groups = &c.policies[0].by_lead_origin_basis;
    let line = |i: usize| {
        (groups[i].key.as_str(), groups[i].missions, groups[i].revenue.to_string(), groups[i].due.to_string())
    };
    // 5% of 10,000.00 and of 4,000.00.
    assert_eq!(line(0), ("recorded", 1, "10000.00".into(), "500.00".into()));
    assert_eq!(line(1), ("declared", 1, "4000.00".into(), "200.00".into()));
    let table = MissionTable::from_facts(&missions).unwrap();
    let (by_columns, _) =
        compare_columns(&table.columns(), &[0, 1], &["paul".into(), "zoe".into()], &[flat], params).unwrap();
    assert_eq!(by_columns.policies[0].by_lead_origin_basis, *groups);
    // Columns that do not give a basis are declared; a basis index out of range is a typed error.
    let mut columns = table.columns();
    columns.lead_origin_basis = None;
    let (undeclared, _) = compare_columns(&columns, &[0, 1], &["paul".into(), "zoe".into()], &[flat], params).unwrap();
    assert_eq!(undeclared.policies[0].by_lead_origin_basis[0].missions, 0);
    assert_eq!(undeclared.policies[0].by_lead_origin_basis[1].missions, 2);
    columns.lead_origin_basis = Some(&[1, 2]);
    let err = compare_columns(&columns, &[0, 1], &["paul".into(), "zoe".into()], &[flat], params).unwrap_err();
    assert_eq!(err.code(), "batch.row.invalid");
    assert!(err.to_string().contains("lead_origin_basis"), "{err}");
}

#[test]
fn events_and_recorded_origins_survive_the_journal_and_both_snapshot_encodings() {
    let network = met_at_the_forum();
    vector_setup::reads_back(&network);
    let event = network.network_event(&NetworkEventId::new("e-forum").unwrap()).unwrap();
    assert_eq!(event.attendees.len(), 2);
    assert_eq!(network.network_events().count(), 1);
    let err = network.network_event(&NetworkEventId::new("e-none").unwrap()).unwrap_err();
    assert_eq!(err.code(), "event.id.unknown");
}

#[test]
fn a_snapshot_whose_origins_contradict_its_records_is_refused() {
    let network = met_at_the_forum();
    coopetition::snapshot::check(network.state()).unwrap();
    let m = MissionId::new("m-lys").unwrap();
    let e = NetworkEventId::new("e-forum").unwrap();
    let refused = |edit: &dyn Fn(&mut NetworkState)| {
        let mut state = network.state().clone();
        edit(&mut state);
        let err = coopetition::snapshot::check(&state).unwrap_err();
        assert_eq!(err.code(), "journal.snapshot.inconsistent");
        err.to_string()
    };
    let message = refused(&|s| s.missions.get_mut(&m).unwrap().lead_origin_basis = LeadOriginBasis::Declared);
    assert!(message.contains("a recorded lead origin names its record"), "{message}");
    let message = refused(&|s| s.missions.get_mut(&m).unwrap().lead_origin = LeadOrigin::NetworkReferral);
    assert!(message.contains("a network event gives the origin network_event"), "{message}");
    let message = refused(&|s| s.events.get_mut(&e).unwrap().attendees.truncate(1));
    assert!(message.contains("attended by the provider and the client"), "{message}");
    let message = refused(&|s| {
        let attendees = &mut s.events.get_mut(&e).unwrap().attendees;
        attendees.push(attendees[0].clone());
    });
    assert!(message.contains("lists each attendee once"), "{message}");
    let message = refused(&|s| s.events.get_mut(&e).unwrap().held_on = date(2021, 2, 11).unwrap());
    assert!(message.contains("recorded once held"), "{message}");
}

#[test]
fn a_declaration_contradicting_the_records_names_the_record_and_changes_nothing() {
    let mut network = met_at_the_forum();
    let before = network.state().clone();
    let err = run(&mut network, "paul", "2021-04-01", solicited("m-2", "2021-04-01", "network_action")).unwrap_err();
    assert_eq!(err.code(), "mission.origin.contradicted");
    assert_eq!(
        err.to_string(),
        "mission `m-2`: the network's records give the lead origin network_event (network event e-forum), \
         not the declared network_action"
    );
    assert_eq!(network.state(), &before);
}

#[test]
fn a_network_read_back_knows_the_same_records_of_origin() {
    let mut network = met_at_the_forum();
    let lead = json!({"type": "record_lead", "lead": "l-1", "client": {"type": "member", "id": "zoe"},
                      "need": "Un diagnostic", "received_on": "2021-04-01", "visibility": "offered"});
    run(&mut network, "alice", "2021-04-01", lead).unwrap();
    let offer = json!({"type": "offer_lead", "lead": "l-1", "mode": "direct_referral", "members": ["paul"],
                       "deadline": "2021-04-30"});
    run(&mut network, "alice", "2021-04-02", offer).unwrap();
    let for_zoe = json!({"type": "report_mission", "mission": "m-zoe-2", "occurred_on": "2021-04-03", "update": {},
        "step": {"step": "solicited", "client": {"type": "member", "id": "zoe"}, "lead_origin": "other", "title": "t"}});
    let copies = [
        Network::replay(&network.journal_jsonl()).unwrap(),
        Network::from_snapshot_json(&network.snapshot_json()).unwrap(),
        Network::from_state(coopetition::state_codec::decode_state(&network.state_bytes()).unwrap()).unwrap(),
    ];
    for mut copy in copies {
        let met = solicited("m-2", "2021-04-03", "own_network");
        assert_eq!(run(&mut copy, "paul", "2021-04-03", met).unwrap_err().code(), "mission.origin.contradicted");
        assert_eq!(
            run(&mut copy, "paul", "2021-04-03", for_zoe.clone()).unwrap_err().code(),
            "mission.origin.contradicted"
        );
        // Once the lead is closed, the client is the provider's to declare again.
        let close =
            json!({"type": "close_lead", "lead": "l-1", "outcome": {"outcome": "not_taken", "reason": "annulé"}});
        run(&mut copy, "alice", "2021-04-04", close).unwrap();
        run(&mut copy, "paul", "2021-04-05", for_zoe.clone()).unwrap();
    }
}
