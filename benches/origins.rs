//! The lead-origin rule on a network with many records: checking a provider's
//! report of a solicited mission in a network that recorded 5,000 leads
//! (closed) and 500 network events of 51 attendees each, all attended by the
//! provider in the month before. `check_unmet_client`: a client the records
//! do not name (what most reports are); `check_client_met_at_events`: a
//! client who attended every one of the events (the worst case: the latest
//! is found first).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use coopetition::prelude::*;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

fn command(by: &str, on: &str, action: Value) -> Command {
    serde_json::from_value(json!({"by": by, "on": on, "action": action})).unwrap()
}

fn network() -> Network {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/commands/leads.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut n = Network::new();
    for c in file["setups"]["network"].as_array().unwrap() {
        n.execute(serde_json::from_value(c.clone()).unwrap()).unwrap();
    }
    for i in 0..5_000 {
        let client = json!({"type": "outside", "name": format!("Client {i}"), "kind": "local_authority"});
        let lead = format!("l-{i}");
        n.execute(command(
            "alice",
            "2021-01-02",
            json!({"type": "record_lead", "lead": lead, "client": client,
            "need": "x", "received_on": "2021-01-01", "visibility": "offered"}),
        ))
        .unwrap();
        n.execute(command(
            "alice",
            "2021-01-02",
            json!({"type": "offer_lead", "lead": lead, "mode": "open_call",
            "deadline": "2021-01-30"}),
        ))
        .unwrap();
        n.execute(command(
            "alice",
            "2021-01-03",
            json!({"type": "close_lead", "lead": lead,
            "outcome": {"outcome": "not_taken", "reason": "x"}}),
        ))
        .unwrap();
    }
    for i in 0..500 {
        let mut attendees: Vec<Value> =
            (0..49).map(|k| json!({"type": "outside", "name": format!("Guest {i} {k}"), "kind": "company"})).collect();
        attendees.push(json!({"type": "member", "id": "paul"}));
        attendees.push(json!({"type": "outside", "name": "Mairie de Lys", "kind": "local_authority"}));
        n.execute(command(
            "alice",
            "2021-01-04",
            json!({"type": "record_network_event", "event": format!("e-{i}"),
            "title": "Forum", "held_on": "2021-01-04", "attendees": attendees}),
        ))
        .unwrap();
    }
    n
}

fn report(client: Value, origin: &str) -> Command {
    command(
        "paul",
        "2021-02-01",
        json!({"type": "report_mission", "mission": "m-new", "occurred_on": "2021-02-01",
        "update": {}, "step": {"step": "solicited", "client": client, "lead_origin": origin, "title": "t"}}),
    )
}

fn bench(c: &mut Criterion) {
    let n = network();
    let unmet =
        report(json!({"type": "outside", "name": "Ville de Roubaix", "kind": "local_authority"}), "own_network");
    let met = report(json!({"type": "outside", "name": "Mairie de Lys", "kind": "local_authority"}), "network_event");
    n.check(&unmet).unwrap();
    n.check(&met).unwrap();
    let mut group = c.benchmark_group("origins");
    group.bench_function("check_unmet_client", |b| b.iter(|| n.check(&unmet)));
    group.bench_function("check_client_met_at_events", |b| b.iter(|| n.check(&met)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
