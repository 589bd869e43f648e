//! Fairness diagnostics worked out by hand on three providers under the
//! flat rate and the shipped guide.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::mission::LeadOrigin;
use coopetition::policy::compare::compare;
use coopetition::policy::diagnostics::diagnose;
use coopetition::policy::{ContributionPolicy, FlatRate, GuideRate, MissionFacts, Parameters};
use coopetition::prelude::*;
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// ana: 10,000.00 € from a network event (guide 4 %: 400.00); ben: 2,000.00 €
/// from a referral (8 %: 160.00); lea: 500.50 € from elsewhere (5 %: 25.03).
fn missions() -> Vec<MissionFacts> {
    let m = |who: &str, cents: i64, origin: LeadOrigin| {
        MissionFacts::new(ActorId::new(who).unwrap(), Money::from_cents(cents), date(2021, 3, 1).unwrap(), origin)
    };
    vec![
        m("ana", 1_000_000, LeadOrigin::NetworkEvent),
        m("ben", 200_000, LeadOrigin::NetworkReferral),
        m("lea", 50_050, LeadOrigin::Other),
    ]
}

#[test]
fn three_providers_worked_out_by_hand() {
    let policies: [&dyn ContributionPolicy; 2] = [&FlatRate, &GuideRate];
    let c = compare(&missions(), &policies, Parameters::shipped()).unwrap();
    let [flat, guide] = <[_; 2]>::try_from(diagnose(&c).unwrap()).unwrap();
    assert_eq!((flat.policy.as_str(), guide.policy.as_str()), ("flat", "guide"));

    // By lead origin under the guide: 400 / 10,000 = 4 %, 160 / 2,000 = 8 %; no revenue, no rate.
    let origin = |key: &str| guide.by_lead_origin.iter().find(|g| g.key == key).unwrap();
    assert_eq!(origin("network_event").rate, Some(0.04));
    assert_eq!(origin("network_referral").rate, Some(0.08));
    assert_eq!(origin("own_network").rate, None);
    let situation = guide.by_situation.iter().find(|g| g.key == "default").unwrap();
    assert_eq!((situation.due, situation.missions), (d("25.03"), 1));

    // Three providers by revenue: lea (rank 0) in band 1, ben (rank 1) in band ⌊10/3⌋ + 1 = 4, ana in band 7.
    let bands: Vec<(u32, u64, Decimal, Decimal)> =
        guide.by_size.iter().map(|b| (b.band, b.providers, b.revenue_min, b.due)).collect();
    assert_eq!(
        bands,
        [(1, 1, d("500.50"), d("25.03")), (4, 1, d("2000.00"), d("160.00")), (7, 1, d("10000.00"), d("400.00"))]
    );

    // The guide's curve, from the lowest rate: ana (4 %), lea (25.03 / 500.50 ≈ 5.001 %), ben (8 %).
    // x = 0, 10,000 / 12,500.50, 10,500.50 / 12,500.50, 1; y = 0, 400 / 585.03, 425.03 / 585.03, 1;
    // index 1 − Σ Δx (y + y₋₁) = 0.1203473048… (with exact fractions).
    let shares: Vec<(f64, f64)> = guide.lorenz.iter().map(|p| (p.revenue_share, p.due_share)).collect();
    assert_eq!(shares.len(), 4);
    assert_eq!(shares[0], (0.0, 0.0));
    assert!((shares[1].0 - 10_000.0 / 12_500.5).abs() < 1e-15 && (shares[1].1 - 400.0 / 585.03).abs() < 1e-15);
    assert!((shares[2].0 - 10_500.5 / 12_500.5).abs() < 1e-15 && (shares[2].1 - 425.03 / 585.03).abs() < 1e-15);
    assert_eq!(shares[3], (1.0, 1.0));
    assert!((guide.concentration.unwrap() - 0.120_347_304_802_575_7).abs() < 1e-12);
    // The flat rate: everyone 5 %, but lea's 25.025 rounds up to 25.03: an index of about 7.68e-6.
    assert!((flat.concentration.unwrap() - 7.679_324_204_725_682e-6).abs() < 1e-12);

    // The gap to the guide, the largest first: ana 500 − 400, lea 25.03 − 25.03, ben 100 − 160.
    let gaps: Vec<(&str, Decimal)> = flat.gaps.iter().map(|g| (g.provider.as_str(), g.gap)).collect();
    assert_eq!(gaps, [("ana", d("100.00")), ("lea", d("0.00")), ("ben", d("-60.00"))]);
    assert!(guide.gaps.iter().all(|g| g.gap.is_zero()));
}

#[test]
fn without_the_guide_there_is_no_gap_and_without_dues_no_curve() {
    let params = Parameters::with_flat_rate(d("0")).unwrap();
    let policies: [&dyn ContributionPolicy; 1] = [&FlatRate];
    let c = compare(&missions(), &policies, &params).unwrap();
    let [flat] = <[_; 1]>::try_from(diagnose(&c).unwrap()).unwrap();
    assert!(flat.gaps.is_empty());
    assert!(flat.lorenz.is_empty() && flat.concentration.is_none());
    assert_eq!(flat.by_size.iter().map(|b| b.rate).collect::<Vec<_>>(), [Some(0.0); 3]);
}
