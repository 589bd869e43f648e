//! Solving for a target: worked out by hand on three missions, the closest
//! step on a portfolio checked against its neighbours, and targets out of reach.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/portfolio.rs"]
mod support;

use coopetition::mission::LeadOrigin;
use coopetition::policy::batch::{BuiltinPolicy, MissionTable};
use coopetition::policy::solve::{solve_columns, Knob, Target};
use coopetition::policy::sweep::{sweep_columns, Setting};
use coopetition::policy::{MissionFacts, Parameters};
use coopetition::prelude::*;
use coopetition::threads::Threads;
use rust_decimal::Decimal;
use support::portfolio;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// 10,000.00 € from a network event, 2,000.00 € from a referral, 500.50 € from elsewhere.
fn three() -> MissionTable {
    let m = |cents: i64, origin: LeadOrigin| {
        MissionFacts::new(ActorId::new("paul").unwrap(), Money::from_cents(cents), date(2021, 3, 1).unwrap(), origin)
    };
    let missions =
        [m(1_000_000, LeadOrigin::NetworkEvent), m(200_000, LeadOrigin::NetworkReferral), m(50_050, LeadOrigin::Other)];
    MissionTable::from_facts(&missions).unwrap()
}

#[test]
fn the_flat_rate_worked_out_by_hand() {
    let table = three();
    let solve = |target: Target| {
        solve_columns(&table.columns(), Parameters::shipped(), Knob::FlatRate, &target, d("0.0001")).unwrap()
    };
    // 5 %: 500.00 + 100.00 + 25.03 = 625.03, reached exactly.
    let s = solve(Target::Amount(d("625.03")));
    assert_eq!((s.setting, s.total_due, s.residual), (Setting::FlatRate(d("0.05")), d("625.03"), d("0")));
    // 700 €: 5.60 % gives 560.00 + 112.00 + 28.03 = 700.03; 5.59 % gives 559.00 + 111.80 + 27.98 = 698.78.
    let s = solve(Target::Amount(d("700")));
    assert_eq!((s.setting, s.total_due, s.residual), (Setting::FlatRate(d("0.056")), d("700.03"), d("0.03")));
    // The guide's total: 4 % of 10,000 + 8 % of 2,000 + 5 % of 500.50 = 400 + 160 + 25.03 = 585.03.
    // 4.68 % gives 468.00 + 93.60 + 23.42 = 585.02; 4.69 % gives 469.00 + 93.80 + 23.47 = 586.27.
    let s = solve(Target::PolicyTotal(BuiltinPolicy::Guide));
    assert_eq!(
        (s.setting, s.total_due, s.target, s.residual),
        (Setting::FlatRate(d("0.0468")), d("585.02"), d("585.03"), d("-0.01"))
    );
    assert!(s.evaluations <= 20, "{} totals", s.evaluations);
    // Nothing due: the rate 0.
    let s = solve(Target::Amount(d("0")));
    assert_eq!((s.setting, s.total_due), (Setting::FlatRate(d("0")), d("0")));
}

#[test]
fn the_guide_scale_worked_out_by_hand() {
    let table = three();
    // 700 €: × 1.1965 gives 478.60 + 191.44 + 29.94 = 699.98; × 1.1966 gives 478.64 + 191.46 + 29.94 = 700.04.
    let s = solve_columns(
        &table.columns(),
        Parameters::shipped(),
        Knob::GuideScale,
        &Target::Amount(d("700")),
        d("0.0001"),
    )
    .unwrap();
    assert_eq!((s.setting, s.total_due, s.residual), (Setting::GuideScale(d("1.1965")), d("699.98"), d("-0.02")));
}

#[test]
fn targets_out_of_reach_name_the_closest_total() {
    let table = three();
    let err = |knob: Knob, target: &str| {
        solve_columns(&table.columns(), Parameters::shipped(), knob, &Target::Amount(d(target)), d("0.0001"))
            .unwrap_err()
    };
    // At 100 % the missions pay their revenue, 12,500.50 €.
    let e = err(Knob::FlatRate, "20000");
    assert_eq!(e.code(), "policy.target.unreachable");
    assert!(e.to_string().contains("the closest is 12500.50 €, at flat_rate 1"), "{e}");
    // The guide's highest rate is 8 %: its factor stops at 12.5, where it gives
    // 5,000.00 + 2,000.00 + 312.81 = 7,312.81 €.
    let e = err(Knob::GuideScale, "10000");
    assert!(e.to_string().contains("the closest is 7312.81 €, at guide_scale 12.5"), "{e}");
    let e = err(Knob::FlatRate, "-1");
    assert!(e.to_string().contains("the closest is 0.00 €, at flat_rate 0"), "{e}");
    for precision in ["0", "-0.01", "0.0000000000001"] {
        let e = solve_columns(
            &table.columns(),
            Parameters::shipped(),
            Knob::FlatRate,
            &Target::Amount(d("1")),
            d(precision),
        )
        .unwrap_err();
        assert_eq!(e.code(), "input.parse.invalid", "{precision}");
    }
}

#[test]
fn the_step_found_is_closer_than_its_neighbours() {
    let table = MissionTable::from_facts(&portfolio(5_000, 30, 3)).unwrap();
    let cols = table.columns();
    for (knob, target) in [
        (Knob::FlatRate, Target::PolicyTotal(BuiltinPolicy::Guide)),
        (Knob::GuideScale, Target::Amount(d("123456.78"))),
    ] {
        let s = solve_columns(&cols, Parameters::shipped(), knob, &target, d("0.0001")).unwrap();
        let value = match s.setting {
            Setting::FlatRate(v) | Setting::GuideScale(v) => v,
            _ => unreachable!(),
        };
        let setting = |v: Decimal| if knob == Knob::FlatRate { Setting::FlatRate(v) } else { Setting::GuideScale(v) };
        let variants = [vec![setting(value - d("0.0001"))], vec![setting(value)], vec![setting(value + d("0.0001"))]];
        let sweep = sweep_columns(&cols, &knob.policy(), Parameters::shipped(), &variants, Threads::ONE).unwrap();
        let totals: Vec<Decimal> = sweep.rows.iter().map(|r| r.total_due).collect();
        assert_eq!(totals[1], s.total_due);
        assert_eq!(s.residual, s.total_due - s.target);
        assert!((totals[0] - s.target).abs() >= s.residual.abs(), "{totals:?} {s:?}");
        assert!((totals[2] - s.target).abs() >= s.residual.abs(), "{totals:?} {s:?}");
        // The totals cross the target around the step found.
        assert!(totals[0] <= s.target && s.target <= totals[2], "{totals:?} {s:?}");
    }
}
