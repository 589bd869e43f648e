//! Leads the network receives and refers, and calls for partners, beyond the command vectors
//! (`leads.json`, `calls.json` in `tests/vectors/commands/`): suspended members receive none,
//! who sees a lead's details, leads in snapshots of both encodings, and
//! snapshots whose leads contradict the rest refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::ids::{ActorId, LeadId};
use coopetition::lead::{LeadOutcome, LeadStatus};
use coopetition::prelude::*;
use serde_json::{json, Value};

#[path = "support/vector_setup.rs"]
mod vector_setup;
use vector_setup::run;

/// The setup of the vectors: alice and bob founding stewards, the member
/// providers paul and zoe, and max, a provider who only applied.
fn setup() -> Network {
    vector_setup::setup("leads.json")
}

fn code(result: Result<u64>) -> &'static str {
    result.unwrap_err().code()
}

fn record(lead: &str, visibility: &str) -> Value {
    json!({"type": "record_lead", "lead": lead, "need": "Aménagement de l'espace", "received_on": "2021-03-01",
           "visibility": visibility, "client": {"type": "outside", "name": "Mairie de Lys", "kind": "local_authority"}})
}

fn referral(lead: &str, members: &[&str]) -> Value {
    json!({"type": "offer_lead", "lead": lead, "mode": "direct_referral", "members": members, "deadline": "2021-03-31"})
}

fn suspend(member: &str) -> Value {
    json!({"type": "decide_standing", "member": member, "standing": "suspended",
           "decision": {"reason": "aucun rapport", "taken_on": "2021-03-02", "venue": "coordination_meeting"}})
}

fn lead(network: &Network, id: &str) -> coopetition::lead::Lead {
    network.lead(&LeadId::new(id).unwrap()).unwrap().clone()
}

fn actor(raw: &str) -> ActorId {
    ActorId::new(raw).unwrap()
}

#[test]
fn suspended_members_receive_no_lead_and_cannot_take_one() {
    let mut network = setup();
    run(&mut network, "alice", "2021-03-02", suspend("zoe")).unwrap();
    run(&mut network, "alice", "2021-03-02", record("l-1", "offered")).unwrap();
    let err = run(&mut network, "alice", "2021-03-03", referral("l-1", &["zoe"])).unwrap_err();
    assert_eq!(err.code(), "lead.recipient.invalid");
    assert!(err.to_string().contains("a suspended member receives no lead"), "{err}");
    // An open call passes zoe over.
    let open = json!({"type": "offer_lead", "lead": "l-1", "mode": "open_call", "deadline": "2021-03-31"});
    run(&mut network, "alice", "2021-03-03", open).unwrap();
    assert_eq!(lead(&network, "l-1").offer.unwrap().members, vec![actor("paul")]);
    // paul answers, is suspended, and can no longer be chosen.
    let answer = json!({"type": "answer_lead", "lead": "l-1", "interested": true, "proposal": "Deux ateliers"});
    run(&mut network, "paul", "2021-03-04", answer).unwrap();
    run(&mut network, "alice", "2021-03-05", suspend("paul")).unwrap();
    let take = json!({"type": "close_lead", "lead": "l-1", "outcome":
        {"outcome": "taken", "member": "paul", "chosen_by": "network", "mission": "m-1", "title": "Aménagement"}});
    assert_eq!(code(run(&mut network, "alice", "2021-03-06", take)), "lead.recipient.invalid");
    assert_eq!(lead(&network, "l-1").status(), LeadStatus::Offered);
    // Only an acting steward records one.
    assert_eq!(code(run(&mut network, "paul", "2021-03-06", record("l-2", "offered"))), "auth.steward.required");
}

#[test]
fn a_lead_is_seen_by_the_stewards_and_the_members_it_was_offered_to() {
    let mut network = setup();
    run(&mut network, "alice", "2021-03-02", record("l-private", "offered")).unwrap();
    run(&mut network, "alice", "2021-03-02", record("l-open", "members")).unwrap();
    run(&mut network, "alice", "2021-03-03", referral("l-private", &["paul"])).unwrap();
    let seen = |network: &Network, viewer: &str| -> Vec<String> {
        network.leads_for(&actor(viewer)).iter().map(|l| l.id.to_string()).collect()
    };
    assert_eq!(seen(&network, "alice"), ["l-open", "l-private"]);
    assert_eq!(seen(&network, "bob"), ["l-open", "l-private"]);
    assert_eq!(seen(&network, "paul"), ["l-open", "l-private"]);
    assert_eq!(seen(&network, "zoe"), ["l-open"]);
    // max is not a member: not even the leads open to every member.
    assert!(seen(&network, "max").is_empty());
    assert!(seen(&network, "nobody").is_empty());
}

/// A network whose lead was taken: the mission created from it, then won.
fn taken() -> Network {
    let mut network = setup();
    run(&mut network, "alice", "2021-03-02", record("l-1", "offered")).unwrap();
    run(&mut network, "alice", "2021-03-03", referral("l-1", &["paul", "zoe"])).unwrap();
    let yes = json!({"type": "answer_lead", "lead": "l-1", "interested": true, "proposal": "Deux ateliers"});
    run(&mut network, "paul", "2021-03-04", yes).unwrap();
    let no = json!({"type": "answer_lead", "lead": "l-1", "interested": false});
    run(&mut network, "zoe", "2021-03-04", no).unwrap();
    let take = json!({"type": "close_lead", "lead": "l-1", "outcome":
        {"outcome": "taken", "member": "paul", "chosen_by": "client", "mission": "m-1", "title": "Aménagement"}});
    run(&mut network, "alice", "2021-03-10", take).unwrap();
    let won = json!({"type": "report_mission", "mission": "m-1", "occurred_on": "2021-03-20",
        "step": {"step": "won", "revenue": {"amount": "8000.00", "currency": "EUR"}}});
    run(&mut network, "paul", "2021-03-20", won).unwrap();
    network
}

#[test]
fn leads_survive_the_journal_and_snapshots_of_both_encodings() {
    let network = taken();
    vector_setup::reads_back(&network);
    let mission = network.mission(&MissionId::new("m-1").unwrap()).unwrap();
    assert_eq!(mission.lead, Some(LeadId::new("l-1").unwrap()));
    assert_eq!(mission.lead_origin, LeadOrigin::NetworkReferral);
}

#[test]
fn a_snapshot_whose_leads_contradict_the_rest_is_refused() {
    let network = taken();
    coopetition::snapshot::check(network.state()).unwrap();
    let refused = |edit: &dyn Fn(&mut NetworkState)| {
        let mut state = network.state().clone();
        edit(&mut state);
        let err = coopetition::snapshot::check(&state).unwrap_err();
        assert_eq!(err.code(), "journal.snapshot.inconsistent");
        err.to_string()
    };
    let l1 = LeadId::new("l-1").unwrap();
    let m1 = MissionId::new("m-1").unwrap();
    // Taken by zoe, who declined.
    let why = refused(&|s| {
        if let Some(LeadOutcome::Taken { member, .. }) = &mut s.leads.get_mut(&l1).unwrap().outcome {
            *member = actor("zoe");
        }
    });
    assert!(why.contains("a lead goes to a member who wanted it"), "{why}");
    // A mission claiming a lead that names another mission.
    let why = refused(&|s| s.missions.get_mut(&m1).unwrap().lead = Some(LeadId::new("l-2").unwrap()));
    assert!(why.contains("a lead taken names the mission created from it"), "{why}");
    // An answer from a member it was not offered to.
    let why = refused(&|s| s.leads.get_mut(&l1).unwrap().answers[1].member = actor("max"));
    assert!(why.contains("answered by the members it was offered to"), "{why}");
    // The offer's members out of order (a lookup relies on the order).
    let why = refused(&|s| s.leads.get_mut(&l1).unwrap().offer.as_mut().unwrap().members.reverse());
    assert!(why.contains("names its members once, in order"), "{why}");
    // Steps out of order, and an event number beyond the last.
    let why = refused(&|s| s.leads.get_mut(&l1).unwrap().recorded.seq = 999);
    assert!(why.contains("a lead is offered after it is recorded"), "{why}");
    let why = refused(&|s| {
        if let Some(LeadOutcome::Taken { recorded, .. }) = &mut s.leads.get_mut(&l1).unwrap().outcome {
            recorded.seq = 999;
        }
    });
    assert!(why.contains("the last event number"), "{why}");
}

#[test]
fn a_call_for_partners_links_the_partner_it_found_and_snapshots_check_the_link() {
    let mut network = taken();
    let call = json!({"type": "call_for_partners", "call": "c-1", "mission": "m-1", "need": "skill",
                      "what": "Aménagement de l'espace"});
    run(&mut network, "paul", "2021-03-21", call).unwrap();
    run(&mut network, "zoe", "2021-03-22", json!({"type": "answer_call", "call": "c-1", "note": "Architecte"}))
        .unwrap();
    let join = json!({"type": "record_call_partner", "call": "c-1", "member": "zoe"});
    run(&mut network, "paul", "2021-03-23", join).unwrap();
    let m1 = MissionId::new("m-1").unwrap();
    assert_eq!(network.mission(&m1).unwrap().partners, vec![actor("zoe")]);
    assert_eq!(network.calls_of(&m1).map(|c| c.id.to_string()).collect::<Vec<_>>(), ["c-1"]);
    assert_eq!(&coopetition::state_codec::decode_state(&network.state_bytes()).unwrap(), network.state());
    coopetition::snapshot::check(network.state()).unwrap();
    // A partner a call found, removed from its mission: the snapshot no longer agrees.
    let mut state = network.state().clone();
    state.missions.get_mut(&m1).unwrap().partners.clear();
    let err = coopetition::snapshot::check(&state).unwrap_err();
    assert!(err.to_string().contains("what a call found is its mission's"), "{err}");
    // A suspended member cannot answer another call.
    run(&mut network, "alice", "2021-03-24", suspend("zoe")).unwrap();
    let call =
        json!({"type": "call_for_partners", "call": "c-2", "mission": "m-1", "need": "resource", "what": "Un guide"});
    run(&mut network, "paul", "2021-03-25", call).unwrap();
    let err = run(&mut network, "zoe", "2021-03-26", json!({"type": "answer_call", "call": "c-2"})).unwrap_err();
    assert_eq!(err.code(), "call.answer.invalid");
    assert!(err.to_string().contains("a suspended member acts on its own case only"), "{err}");
}

#[test]
fn the_referral_report_spreads_the_leads_won_and_rounds_from_exact_counts() {
    let mut network = setup();
    // paul wins two leads, zoe one; zoe wanted the first one too.
    for (lead, winner, wanted) in
        [("l-1", "paul", ["paul", "zoe"]), ("l-2", "paul", ["paul", "paul"]), ("l-3", "zoe", ["zoe", "zoe"])]
    {
        run(&mut network, "alice", "2021-03-02", record(lead, "offered")).unwrap();
        run(&mut network, "alice", "2021-03-03", referral(lead, &["paul", "zoe"])).unwrap();
        for member in wanted.iter().collect::<std::collections::BTreeSet<_>>() {
            let yes = json!({"type": "answer_lead", "lead": lead, "interested": true});
            run(&mut network, member, "2021-03-04", yes).unwrap();
        }
        let mission = format!("m-{lead}");
        let take = json!({"type": "close_lead", "lead": lead, "outcome":
            {"outcome": "taken", "member": winner, "chosen_by": "client", "mission": mission, "title": "Mission"}});
        run(&mut network, "alice", "2021-03-10", take).unwrap();
    }
    let report = network.referral_report(2021);
    assert_eq!((report.leads_received, report.leads_offered, report.leads_taken), (3, 3, 3));
    let lines: Vec<(String, u32, u32, u32, u32, String)> = report
        .providers
        .iter()
        .map(|p| (p.provider.to_string(), p.offered, p.answered, p.won, p.lost, p.share_of_won.to_string()))
        .collect();
    // 2/3 = 0.66666… → 0.6667 and 1/3 → 0.3333; zoe lost l-1 to paul.
    assert_eq!(lines, [("paul".into(), 3, 2, 2, 0, "0.6667".into()), ("zoe".into(), 3, 2, 1, 1, "0.3333".into())]);
    // 10,000 × (2² + 1²) / 3² = 50,000 / 9 = 5,555.555… → 5,555.56.
    assert_eq!(report.hhi_won.map(|h| h.to_string()), Some("5555.56".into()));
    assert!(network.referral_report(2022).providers.is_empty());
    assert_eq!(network.referral_report(2022).hhi_won, None);
}
