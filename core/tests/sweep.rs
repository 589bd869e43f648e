//! Sweeps: every variant's row equals the comparison of the missions under
//! that variant's parameters, worked-out totals, and bad settings refused
//! before anything is evaluated.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/portfolio.rs"]
mod support;

use coopetition::labels::Labelled;
use coopetition::mission::LeadOrigin;
use coopetition::policy::batch::{BuiltinPolicy, MissionTable};
use coopetition::policy::compare::{compare, rates::RATE_RELATIVE_ERROR};
use coopetition::policy::sweep::{sweep_columns, Setting};
use coopetition::policy::{MissionFacts, Parameters};
use coopetition::prelude::*;
use coopetition::threads::Threads;
use rust_decimal::Decimal;
use support::portfolio;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn flat(rate: &str) -> Vec<Setting> {
    vec![Setting::FlatRate(d(rate))]
}

/// Three missions, worked out by hand under the flat rate and the shipped guide.
fn three() -> Vec<MissionFacts> {
    let m = |cents: i64, origin: LeadOrigin| {
        MissionFacts::new(ActorId::new("paul").unwrap(), Money::from_cents(cents), date(2021, 3, 1).unwrap(), origin)
    };
    vec![m(1_000_000, LeadOrigin::NetworkEvent), m(200_000, LeadOrigin::NetworkReferral), m(50_050, LeadOrigin::Other)]
}

#[test]
fn flat_rates_worked_out_by_hand() {
    let table = MissionTable::from_facts(&three()).unwrap();
    let variants = [flat("0.05"), flat("0.06"), flat("0"), vec![]];
    let s =
        sweep_columns(&table.columns(), &BuiltinPolicy::Flat, Parameters::shipped(), &variants, Threads::ONE).unwrap();
    assert_eq!((s.policy.as_str(), s.missions, s.revenue), ("flat", 3, d("12500.50")));
    // 5 %: 500.00 + 100.00 + 25.025 → 25.03 (half away from zero) = 625.03.
    // 6 %: 600.00 + 120.00 + 30.03 = 750.03. 0 %: 0. No setting: the shipped 5 %.
    let totals: Vec<Decimal> = s.rows.iter().map(|r| r.total_due).collect();
    assert_eq!(totals, [d("625.03"), d("750.03"), d("0.00"), d("625.03")]);
    let event = LeadOrigin::ALL.iter().position(|o| *o == LeadOrigin::NetworkEvent).unwrap();
    assert_eq!(s.rows[1].by_lead_origin[event], d("600.00"));
    assert_eq!(s.rows[0].settings, flat("0.05"));
    let stats = s.rows[1].rates.unwrap();
    assert_eq!((stats.count, stats.min), (3, 0.06));
    assert!((stats.max - 3003.0 / 50_050.0).abs() < 1e-15);
}

#[test]
fn a_situation_rate_moves_only_its_missions() {
    let table = MissionTable::from_facts(&three()).unwrap();
    // Shipped guide: the referral is `network_referral` at 8 %, the event
    // mission `event_solo` at 4 %, the other mission the default.
    let variants = [vec![], vec![Setting::SituationRate { situation: "network_referral".into(), rate: d("0.10") }]];
    let s =
        sweep_columns(&table.columns(), &BuiltinPolicy::Guide, Parameters::shipped(), &variants, Threads::ONE).unwrap();
    let at = |id: &str| s.situations.iter().position(|x| x == id).unwrap();
    assert_eq!(s.rows[0].by_situation[at("network_referral")], d("160.00"));
    assert_eq!(s.rows[1].by_situation[at("network_referral")], d("200.00"));
    assert_eq!(s.rows[0].by_situation[at("event_solo")], d("400.00"));
    assert_eq!(s.rows[1].by_situation[at("event_solo")], d("400.00"));
    assert_eq!(s.rows[1].total_due - s.rows[0].total_due, d("40.00"));
}

#[test]
fn every_variant_equals_the_comparison_under_its_parameters() {
    let missions = portfolio(3_000, 7, 11);
    let table = MissionTable::from_facts(&missions).unwrap();
    let scaled = vec![Setting::GuideScale(d("1.5"))];
    let both = vec![
        Setting::FlatRate(d("0.0725")),
        Setting::SituationRate { situation: "event_solo".into(), rate: d("0.03") },
    ];
    let variants = [flat("0.045"), flat("0.1234"), scaled.clone(), both.clone(), vec![]];
    for policy in [BuiltinPolicy::Flat, BuiltinPolicy::Guide] {
        let s = sweep_columns(&table.columns(), &policy, Parameters::shipped(), &variants, Threads::new(2).unwrap())
            .unwrap();
        for (row, settings) in s.rows.iter().zip(&variants) {
            let params = settings.iter().fold(Parameters::shipped().clone(), |p, x| x.apply(&p).unwrap());
            let c = compare(&missions, &[&policy], &params).unwrap();
            let expected = &c.policies[0];
            assert_eq!(row.total_due, expected.total_due, "{policy:?} {settings:?}");
            assert_eq!(row.priced, expected.priced);
            for g in &expected.by_lead_origin {
                let i = LeadOrigin::ALL.iter().position(|o| o.label() == g.key).unwrap();
                assert_eq!(row.by_lead_origin[i], g.due, "{policy:?} {settings:?} {}", g.key);
            }
            for g in &expected.by_situation {
                let i = s.situations.iter().position(|x| *x == g.key).unwrap();
                assert_eq!(row.by_situation[i], g.due, "{policy:?} {settings:?} {}", g.key);
            }
            // 3,000 rates: kept exactly, so the figures are the comparison's.
            assert_eq!(row.rates, expected.effective_rate, "{policy:?} {settings:?}");
        }
    }
}

#[test]
fn beyond_the_exact_rates_the_figures_hold_within_the_bound() {
    let missions = portfolio(70_000, 50, 3);
    let table = MissionTable::from_facts(&missions).unwrap();
    let s = sweep_columns(
        &table.columns(),
        &BuiltinPolicy::Guide,
        Parameters::shipped(),
        &[vec![]],
        Threads::new(2).unwrap(),
    )
    .unwrap();
    let exact = compare(&missions, &[&BuiltinPolicy::Guide], Parameters::shipped()).unwrap().policies[0]
        .effective_rate
        .unwrap();
    let got = s.rows[0].rates.unwrap();
    assert!(!s.rows[0].rates_exact);
    assert_eq!((got.count, got.min, got.max), (exact.count, exact.min, exact.max));
    for (g, e) in [(got.p10, exact.p10), (got.median, exact.median), (got.p90, exact.p90)] {
        assert!((g - e).abs() <= e * RATE_RELATIVE_ERROR, "{g} {e}");
    }
    assert!((got.gini - exact.gini).abs() <= RATE_RELATIVE_ERROR, "{} {}", got.gini, exact.gini);
}

#[test]
fn bad_settings_are_refused_before_anything_is_evaluated() {
    let table = MissionTable::from_facts(&three()).unwrap();
    let cols = table.columns();
    let run = |variants: &[Vec<Setting>]| {
        sweep_columns(&cols, &BuiltinPolicy::Guide, Parameters::shipped(), variants, Threads::ONE).unwrap_err()
    };
    for rate in ["-0.01", "1.01"] {
        assert_eq!(run(&[flat("0.05"), flat(rate)]).code(), "policy.rate.invalid", "{rate}");
    }
    let unknown = run(&[vec![Setting::SituationRate { situation: "word_of_mouth".into(), rate: d("0.02") }]]);
    assert_eq!(unknown.code(), "policy.situation.unknown");
    let message = unknown.to_string();
    assert!(
        message.contains("word_of_mouth") && message.contains("event_solo") && message.contains("network_referral")
    );
    assert_eq!(run(&[vec![Setting::GuideScale(d("-1"))]]).code(), "policy.rate.invalid");
    // Scaled beyond 100 % for the highest rate (8 % × 13 = 104 %).
    assert_eq!(run(&[vec![Setting::GuideScale(d("13"))]]).code(), "policy.rate.invalid");
    // No variant: no row.
    let empty = sweep_columns(&cols, &BuiltinPolicy::Flat, Parameters::shipped(), &[], Threads::ONE).unwrap();
    assert!(empty.rows.is_empty());
}

#[test]
fn a_grid_makes_every_combination_first_axis_slowest() {
    use coopetition::policy::sweep::grid;
    let axes = vec![
        ("flat_rate".to_owned(), vec![d("0.04"), d("0.05")]),
        ("event_solo".to_owned(), vec![d("0.01"), d("0.02"), d("0.03")]),
    ];
    let variants = grid(&axes).unwrap();
    assert_eq!(variants.len(), 6);
    assert_eq!(
        variants[0],
        vec![Setting::FlatRate(d("0.04")), Setting::SituationRate { situation: "event_solo".into(), rate: d("0.01") }]
    );
    assert_eq!(
        variants[5],
        vec![Setting::FlatRate(d("0.05")), Setting::SituationRate { situation: "event_solo".into(), rate: d("0.03") }]
    );
    assert_eq!(grid(&[]).unwrap(), vec![Vec::<Setting>::new()]);
    assert_eq!(grid(&[("flat_rate".into(), vec![])]).unwrap_err().code(), "input.parse.invalid");
    let wide = vec![d("0.01"); 1_001];
    let too_big = grid(&[("a".into(), wide.clone()), ("b".into(), wide)]).unwrap_err();
    assert_eq!(too_big.code(), "input.parse.invalid");
    assert!(too_big.to_string().contains("1002001"), "{too_big}");
}

#[test]
fn floors_and_caps_worked_out_by_hand() {
    let table = MissionTable::from_facts(&three()).unwrap();
    let euros = |text: &str| d(text);
    let variants = [
        // 5 %: 500.00, 100.00, 25.03.
        vec![Setting::Floor(euros("50"))], // 500.00 + 100.00 + 50.00
        vec![Setting::Cap(euros("300"))],  // 300.00 + 100.00 + 25.03
        vec![Setting::Floor(euros("200")), Setting::Cap(euros("300"))], // 300.00 + 200.00 + 200.00
        vec![Setting::Floor(euros("600"))], // 600.00 + 600.00 + 500.50 (its revenue)
        vec![Setting::Cap(euros("0"))],    // nothing
        vec![Setting::Floor(euros("600")), Setting::Floor(euros("10.50"))], // the last floor: 500 + 100 + 25.03
    ];
    let s =
        sweep_columns(&table.columns(), &BuiltinPolicy::Flat, Parameters::shipped(), &variants, Threads::ONE).unwrap();
    let totals: Vec<Decimal> = s.rows.iter().map(|r| r.total_due).collect();
    assert_eq!(totals, [d("650.00"), d("425.03"), d("700.00"), d("1700.50"), d("0.00"), d("625.03")]);
    // The mission of 500.50 € pays all of it under a floor of 600 €: an effective rate of 1.
    assert_eq!(s.rows[3].rates.unwrap().max, 1.0);
    let other = LeadOrigin::ALL.iter().position(|o| *o == LeadOrigin::Other).unwrap();
    assert_eq!(s.rows[2].by_lead_origin[other], d("200.00"));
}

#[test]
fn bad_floors_and_caps_are_refused() {
    let table = MissionTable::from_facts(&three()).unwrap();
    let code = |setting: Setting| {
        let variants = [flat("0.05"), vec![setting]];
        sweep_columns(&table.columns(), &BuiltinPolicy::Flat, Parameters::shipped(), &variants, Threads::ONE)
            .unwrap_err()
            .code()
    };
    assert_eq!(code(Setting::Floor(d("-1"))), "money.amount.negative");
    assert_eq!(code(Setting::Cap(d("10.005"))), "money.amount.precision");
    assert_eq!(code(Setting::Cap(d("100000000000000000"))), "money.amount.range");
}
