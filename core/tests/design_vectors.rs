//! The shared vectors of sweeps and solving (`tests/vectors/design/sweeps.json`),
//! whose expected values are worked out by hand; Python and Kotlin run the same file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::policy::batch::{BuiltinPolicy, MissionTable};
use coopetition::policy::solve::{solve_columns, Knob, Target};
use coopetition::policy::sweep::{sweep_columns, Setting};
use coopetition::policy::{MissionFacts, Parameters};
use coopetition::threads::Threads;
use rust_decimal::Decimal;
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/design/sweeps.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

fn table(v: &Value) -> MissionTable {
    let missions: Vec<MissionFacts> =
        v["missions"].as_array().unwrap().iter().map(|m| MissionFacts::from_json(&m.to_string()).unwrap()).collect();
    MissionTable::from_facts(&missions).unwrap()
}

#[test]
fn sweeps() {
    let v = vectors();
    let table = table(&v);
    let cases = v["sweeps"].as_array().unwrap();
    assert!(cases.len() >= 7);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let policy = BuiltinPolicy::from_name(case["policy"].as_str().unwrap(), None).unwrap();
        let variants: Vec<Vec<Setting>> = case["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|variant| {
                let settings = variant.as_array().unwrap().iter();
                settings.map(|s| Setting::named(s["setting"].as_str().unwrap(), dec(&s["value"]))).collect()
            })
            .collect();
        let got = sweep_columns(&table.columns(), &policy, Parameters::shipped(), &variants, Threads::ONE);
        let expected = &case["expected"];
        match (got, expected["error"].as_str()) {
            (Ok(s), None) => {
                let totals: Vec<Decimal> = expected["totals"].as_array().unwrap().iter().map(dec).collect();
                assert_eq!(s.rows.iter().map(|r| r.total_due).collect::<Vec<_>>(), totals, "{name}");
                let priced: Vec<u64> =
                    expected["priced"].as_array().unwrap().iter().map(|p| p.as_u64().unwrap()).collect();
                assert_eq!(s.rows.iter().map(|r| r.priced).collect::<Vec<_>>(), priced, "{name}");
                if let Some(in_kind) = expected["in_kind"].as_array() {
                    let in_kind: Vec<Decimal> = in_kind.iter().map(dec).collect();
                    assert_eq!(s.rows.iter().map(|r| r.in_kind_credit).collect::<Vec<_>>(), in_kind, "{name}");
                }
                assert_eq!(s.rows.iter().map(|r| r.settings.clone()).collect::<Vec<_>>(), variants, "{name}");
            }
            (Err(e), Some(code)) => assert_eq!(e.code(), code, "{name}: {e}"),
            (got, _) => panic!("{name}: got {got:?}, expected {expected}"),
        }
    }
}

#[test]
fn solves() {
    let v = vectors();
    let table = table(&v);
    let cases = v["solves"].as_array().unwrap();
    assert!(cases.len() >= 8);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let knob = Knob::from_name(case["setting"].as_str().unwrap()).unwrap();
        let target = match (case["target"].get("amount"), case["target"].get("policy")) {
            (Some(amount), None) => Target::Amount(dec(amount)),
            (None, Some(policy)) => {
                Target::PolicyTotal(BuiltinPolicy::from_name(policy.as_str().unwrap(), None).unwrap())
            }
            _ => panic!("{name}: a target is an amount or a policy"),
        };
        let got = solve_columns(&table.columns(), Parameters::shipped(), knob, &target, dec(&case["precision"]));
        let expected = &case["expected"];
        match (got, expected["error"].as_str()) {
            (Ok(s), None) => {
                assert_eq!(s.setting.name(), knob.name(), "{name}");
                assert_eq!(s.setting.value(), dec(&expected["value"]), "{name}");
                assert_eq!(s.total_due, dec(&expected["total_due"]), "{name}");
                assert_eq!(s.target, dec(&expected["target"]), "{name}");
                assert_eq!(s.residual, dec(&expected["residual"]), "{name}");
            }
            (Err(e), Some(code)) => {
                assert_eq!(e.code(), code, "{name}: {e}");
                if let Some(text) = expected["message_contains"].as_str() {
                    assert!(e.to_string().contains(text), "{name}: {e}");
                }
            }
            (got, _) => panic!("{name}: got {got:?}, expected {expected}"),
        }
    }
}
