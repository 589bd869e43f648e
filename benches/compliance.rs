//! The network-wide compliance report for 10,000 members and
//! 1,000,000 mission events; target under one second.
//!
//! The network is built once through `Network::execute` (every check runs);
//! only the report is measured.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use chrono::{NaiveDate, TimeDelta};
use coopetition::mission::MissionUpdate;
use coopetition::prelude::*;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::{Duration, Instant};

const MEMBERS: usize = 10_000;
const MISSION_EVENTS: usize = 1_000_000;
const CLIENTS: usize = 20_011;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    date(y, m, day).unwrap()
}

fn run(n: &mut Network, by: &ActorId, on: NaiveDate, action: Action) {
    if let Err(e) = n.execute(Command::new(by, on, action)) {
        panic!("{e}");
    }
}

fn build() -> Network {
    let mut n = Network::new();
    let alice = ActorId::new("alice").unwrap();
    let founder = Actor {
        level: InvolvementLevel::Steward,
        ..Actor::new(alice.clone(), ActorKind::Association, "Alice", true).unwrap()
    };
    run(
        &mut n,
        &alice,
        d(2020, 1, 6),
        Action::FoundNetwork { settings: NetworkSettings::two_tier("La Compagnie"), founders: vec![founder] },
    );
    let terms = ContractTerms {
        needs: vec![Choice::item("network_work")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("revenue_share_5pct")],
        place: "Lille".into(),
        signatory: "Camille".into(),
    };
    let providers: Vec<ActorId> = (0..MEMBERS).map(|i| ActorId::new(format!("p{i:05}")).unwrap()).collect();
    for (i, p) in providers.iter().enumerate() {
        let actor = Actor::new(p.clone(), ActorKind::Provider, format!("Provider {i}"), i % 2 == 0).unwrap();
        run(&mut n, p, d(2020, 1, 7), Action::RegisterActor { actor });
        let contract = ContractId::new(format!("c{i:05}")).unwrap();
        run(&mut n, p, d(2020, 1, 8), Action::ProposeContract { contract: contract.clone(), terms: terms.clone() });
        run(&mut n, p, d(2020, 1, 9), Action::SignCharter { version: 1 });
        run(&mut n, &alice, d(2020, 1, 10), Action::ValidateContract { contract });
        if i % 3 == 0 {
            let attend = Action::RecordAttendance { member: p.clone(), year: 2020, meeting: String::new() };
            run(&mut n, &alice, d(2020, 11, 20), attend);
        }
    }
    let base = d(2020, 2, 1);
    let revenue = Money::parse_eur("8000").unwrap();
    let mut events = 0;
    let mut k = 0usize;
    while events < MISSION_EVENTS {
        let p = &providers[k % MEMBERS];
        let mission = MissionId::new(format!("m{k:07}")).unwrap();
        let start = base + TimeDelta::days((k % 900) as i64);
        let client =
            Client::Outside { name: format!("Client {}", (k * 7919) % CLIENTS), kind: ActorKind::LocalAuthority };
        let lag = if k % 5 == 0 { 25 } else { 2 };
        let steps: [(i64, MissionStep); 8] = [
            (0, MissionStep::Solicited { client, lead_origin: LeadOrigin::NetworkReferral, title: "Mission".into() }),
            (5, MissionStep::Proposed),
            (15, MissionStep::Won { revenue }),
            (20, MissionStep::Started),
            (60, MissionStep::Progress { note: "atelier".into() }),
            (100 + (k % 3) as i64 * 20, MissionStep::Progress { note: "bilan".into() }),
            (140 + (k % 3) as i64 * 20, MissionStep::Progress { note: "restitution".into() }),
            (160 + (k % 3) as i64 * 20, MissionStep::Completed),
        ];
        for (i, (offset, step)) in steps.into_iter().enumerate() {
            let occurred = start + TimeDelta::days(offset);
            let reported = occurred + TimeDelta::days(if i == 0 { lag } else { 1 });
            let update = MissionUpdate {
                client_informed: i == 4 && k % 4 != 0,
                shared_resources_used: if i == 4 {
                    vec![Resource {
                        name: "guide".into(),
                        licence: (k % 3 != 0).then(|| "CC-BY-SA-4.0".into()),
                        workstream: None,
                    }]
                } else {
                    vec![]
                },
                resources_developed: if i == 5 && k % 2 == 0 { vec![Resource::named("fiche")] } else { vec![] },
                ..Default::default()
            };
            let action = Action::ReportMission { mission: mission.clone(), occurred_on: occurred, step, update };
            run(&mut n, p, reported, action);
            events += 1;
        }
        if k % 4 == 0 {
            let share = Action::ShareResource {
                mission: mission.clone(),
                resource: "fiche".into(),
                licence: "CC-BY-4.0".into(),
                location: "https://ressources.example/fiche".into(),
            };
            run(&mut n, p, start + TimeDelta::days(250), share);
        }
        k += 1;
    }
    n
}

fn bench(c: &mut Criterion) {
    let started = Instant::now();
    let network = build();
    let as_of = d(2024, 1, 1);
    let report = network.compliance_report(as_of);
    let engagements: usize = report.members.iter().map(|m| m.engagements.len()).sum();
    eprintln!(
        "built {} members, {} missions, {} events in {:.1?}; report: {} engagements {:?}, {} open obligations",
        report.members.len(),
        network.state().missions.len(),
        network.journal().len(),
        started.elapsed(),
        engagements,
        report.counts,
        network.open_obligations().len(),
    );
    // The machine may be shared: the process's CPU time (all threads) says
    // what one report costs whatever the load (Linux only; 10 ms ticks).
    if let (Some(before), report, Some(after)) = (cpu_ticks(), network.compliance_report(as_of), cpu_ticks()) {
        eprintln!("one report: {} ms of CPU for {} members", (after - before) * 10, black_box(report).members.len());
    }
    let mut group = c.benchmark_group("compliance");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("network_report_10k_members_1m_mission_events", |b| {
        b.iter(|| black_box(network.compliance_report(black_box(as_of))));
    });
    group.finish();
}

/// User and system CPU time of this process, in clock ticks, from `/proc/self/stat`.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // After the command name: state is field 3, utime 14 and stime 15 (1-based).
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

criterion_group!(benches, bench);
criterion_main!(benches);
