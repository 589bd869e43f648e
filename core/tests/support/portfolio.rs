//! Generated portfolios for the comparison-summary tests and benchmark.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::policy::{MissionFacts, NegotiationState};
use coopetition::prelude::*;

/// `n` missions from `seed`, won from 2020 on: `providers` providers, every origin, declarations, negotiations, donations.
pub fn portfolio(n: usize, providers: u64, seed: u64) -> Vec<MissionFacts> {
    let mut x = seed;
    let mut next = move |m: u64| {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) % m
    };
    (0..n)
        .map(|i| {
            let revenue = (next(5) * 777 + next(3_000_000)) as i64;
            let won_on = date(2020, 1, 1).unwrap() + chrono::Duration::days(next(1_800) as i64);
            let origin = LeadOrigin::ALL[next(5) as usize];
            let provider = ActorId::new(format!("p{}", (i as u64 + next(3)) % providers)).unwrap();
            let mut m = MissionFacts::new(provider, Money::from_cents(revenue), won_on, origin);
            m.partners = next(4) as u32;
            m.shared_resources = next(3) as u32;
            m.client_informed = next(2) == 0;
            m.declared = (next(10) < 6).then(|| Money::from_cents(revenue / 1000 * next(90) as i64));
            m.negotiation = match next(3) {
                0 => NegotiationState::NotOpened {},
                1 => NegotiationState::Agreed { amount: Money::from_cents(revenue / 30), on: won_on, offers: 2 },
                _ => NegotiationState::Stalemate { on: won_on, offers: 1 },
            };
            if next(10) == 0 {
                m.donations = Money::from_cents(next(50_000) as i64);
            }
            m
        })
        .collect()
}
