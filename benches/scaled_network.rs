//! A network of the size the store and the journal are measured on, shared by
//! the core's and the store's benchmarks (included with `#[path]`).
//!
//! 5,000 providers (registration, contract, charter, validation), then
//! missions of five steps until the journal holds the events asked for.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use chrono::{NaiveDate, TimeDelta};
use coopetition::mission::MissionUpdate;
use coopetition::prelude::*;

/// Providers registered before the missions.
pub const PROVIDERS: usize = 5_000;

pub fn day(offset: i64) -> NaiveDate {
    date(2020, 1, 6).unwrap() + TimeDelta::days(offset)
}

fn act(n: &mut Network, by: &ActorId, on: NaiveDate, action: Action) {
    n.execute(Command::new(by, on, action)).unwrap_or_else(|e| panic!("{e}"));
}

/// A network whose journal holds exactly `events` events, built through
/// `Network::execute` so that every event is one the engine accepts.
pub fn network_of(events: usize) -> Network {
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
    while n.journal().len() < events {
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
            if n.journal().len() == events {
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
