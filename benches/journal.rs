//! Replaying a journal of 1,000,000 events with its hash chain verified
//! (target: under 3 s), against the same events without a chain (schema 1),
//! and the chain's hashing alone (target: at most 20% of a replay).
//!
//! The network is built once through `Network::execute`: 5,000 providers
//! (registration, contract, charter, validation) and missions of five steps
//! until the journal holds a million events.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use chrono::{NaiveDate, TimeDelta};
use coopetition::chain::link_line;
use coopetition::journal::{genesis, ChainHash};
use coopetition::mission::MissionUpdate;
use coopetition::prelude::*;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Instant;

const PROVIDERS: usize = 5_000;
const EVENTS: usize = 1_000_000;

fn day(offset: i64) -> NaiveDate {
    date(2020, 1, 6).unwrap() + TimeDelta::days(offset)
}

fn act(n: &mut Network, by: &ActorId, on: NaiveDate, action: Action) {
    n.execute(Command::new(by, on, action)).unwrap_or_else(|e| panic!("{e}"));
}

fn network_of_a_million_events() -> Network {
    let mut n = Network::new();
    let steward = ActorId::new("steward").unwrap();
    let founder = Actor {
        level: InvolvementLevel::Steward,
        ..Actor::new(steward.clone(), ActorKind::Association, "Steward", true).unwrap()
    };
    let settings = NetworkSettings::two_tier("Bench");
    act(&mut n, &steward, day(0), Action::FoundNetwork { settings, founders: vec![founder] });
    let terms = ContractTerms {
        needs: vec![Choice::item("network_work")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("revenue_share_5pct")],
        place: "Lille".into(),
        signatory: "Bench".into(),
    };
    let providers: Vec<ActorId> = (0..PROVIDERS).map(|i| ActorId::new(format!("prov-{i}")).unwrap()).collect();
    for (i, p) in providers.iter().enumerate() {
        let actor = Actor::new(p.clone(), ActorKind::Provider, format!("Provider {i}"), true).unwrap();
        act(&mut n, p, day(1), Action::RegisterActor { actor });
        let contract = ContractId::new(format!("contract-{i}")).unwrap();
        act(&mut n, p, day(2), Action::ProposeContract { contract: contract.clone(), terms: terms.clone() });
        act(&mut n, p, day(3), Action::SignCharter { version: 1 });
        act(&mut n, &steward, day(4), Action::ValidateContract { contract });
    }
    let revenue = Money::parse_eur("4500.00").unwrap();
    let mut k = 0usize;
    while n.journal().len() < EVENTS {
        let p = &providers[k % PROVIDERS];
        let mission = MissionId::new(format!("mission-{k}")).unwrap();
        let start = 10 + (k % 1000) as i64;
        let client = Client::Outside { name: format!("Client {}", k % 7919), kind: ActorKind::LocalAuthority };
        let steps = [
            MissionStep::Solicited { client, lead_origin: LeadOrigin::NetworkReferral, title: "Atelier".into() },
            MissionStep::Proposed,
            MissionStep::Won { revenue },
            MissionStep::Started,
            MissionStep::Completed,
        ];
        for (i, step) in steps.into_iter().enumerate() {
            if n.journal().len() == EVENTS {
                break;
            }
            let on = day(start + 10 * i as i64);
            let update = MissionUpdate::default();
            act(&mut n, p, on, Action::ReportMission { mission: mission.clone(), occurred_on: on, step, update });
        }
        k += 1;
    }
    n
}

/// The journal as schema 1 wrote it: no chain to verify.
fn unchained(journal: &str) -> String {
    let mut lines = journal.lines();
    lines.next();
    let mut out = String::from("{\"format\":\"coopetition-journal\",\"schema_version\":1}\n");
    for line in lines {
        let at = line.rfind(",\"hash\":\"").unwrap();
        out.push_str(&line[..at]);
        out.push_str("}\n");
    }
    out
}

/// The chain's hashing alone, over the lines of a schema-1 journal.
fn hash_chain(header: &str, plain: &str) -> ChainHash {
    let mut head = genesis(header, None);
    for line in plain.lines().skip(1) {
        head = link_line(&head, line, None);
    }
    head
}

fn bench(c: &mut Criterion) {
    let started = Instant::now();
    let network = network_of_a_million_events();
    let journal = network.journal_jsonl();
    let plain = unchained(&journal);
    let header = journal.lines().next().unwrap().to_owned();
    eprintln!(
        "built {} events ({} MB of journal) in {:.1?}",
        network.journal().len(),
        journal.len() / 1_000_000,
        started.elapsed()
    );
    for (what, text) in [("chained", &journal), ("schema 1", &plain)] {
        let at = Instant::now();
        let replayed = Network::replay(text).unwrap();
        eprintln!("one replay, {what}: {:.2?} ({} events)", at.elapsed(), replayed.journal().len());
    }
    let at = Instant::now();
    black_box(hash_chain(&header, &plain));
    eprintln!("the chain's hashing alone: {:.2?}", at.elapsed());

    let mut group = c.benchmark_group("journal");
    group.sample_size(10);
    group.bench_function("replay_1m_events_chain_verified", |b| {
        b.iter(|| black_box(Network::replay(black_box(&journal)).unwrap()));
    });
    group.bench_function("replay_1m_events_schema_1_unverified", |b| {
        b.iter(|| black_box(Network::replay(black_box(&plain)).unwrap()));
    });
    group.bench_function("hash_chain_1m_events", |b| {
        b.iter(|| black_box(hash_chain(&header, black_box(&plain))));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
