//! The shared text vectors (`tests/vectors/text/formatting.json`): amounts,
//! numbers, shares, counts and dates as the formatter writes them, and the
//! sentences of explanations that use them, in French and English. Python
//! and Kotlin run the same file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use coopetition::format;
use coopetition::policy::{builtin, MissionFacts, Parameters};
use coopetition::text::Lang;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/text/formatting.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn cases<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    let cases = v[key].as_array().unwrap();
    assert!(!cases.is_empty(), "{key}");
    cases
}

fn decimal(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap()).unwrap()
}

const LANGS: [(Lang, &str); 2] = [(Lang::Fr, "fr"), (Lang::En, "en")];

#[test]
fn values_are_written_as_each_language_writes_them() {
    let v = vectors();
    for (lang, key) in LANGS {
        for case in cases(&v, "amounts") {
            assert_eq!(format::amount(decimal(&case["value"]), lang), case[key].as_str().unwrap(), "{case}");
        }
        for case in cases(&v, "numbers") {
            assert_eq!(format::number(decimal(&case["value"]), lang), case[key].as_str().unwrap(), "{case}");
        }
        for case in cases(&v, "percents") {
            assert_eq!(format::percent(decimal(&case["share"]), lang), case[key].as_str().unwrap(), "{case}");
        }
        for case in cases(&v, "counts") {
            let (one, many) = (case["singular"][key].as_str().unwrap(), case["plural"][key].as_str().unwrap());
            assert_eq!(format::count(case["n"].as_u64().unwrap(), lang, one, many), case[key].as_str().unwrap());
        }
        for case in cases(&v, "dates") {
            let on = NaiveDate::from_str(case["on"].as_str().unwrap()).unwrap();
            assert_eq!(format::date(on, lang), case[key].as_str().unwrap(), "{case}");
        }
    }
}

#[test]
fn explanations_use_them() {
    let v = vectors();
    for case in cases(&v, "explanations") {
        let policy = builtin(case["policy"].as_str().unwrap(), None).unwrap();
        let mission = MissionFacts::from_json(&case["mission"].to_string()).unwrap();
        let assessment = policy.evaluate(&mission, Parameters::shipped()).unwrap();
        for (lang, key) in LANGS {
            let got: Vec<String> = assessment.explanation.steps().map(|s| s.sentence(lang)).collect();
            let expected: Vec<&str> = case[key].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
            assert_eq!(got, expected, "{} in {key}", case["name"]);
        }
        // Each step's source, cited as data (`null`: the step applies no text of the network).
        let got: Vec<Option<&str>> =
            assessment.explanation.steps().map(|s| s.source().map(|x| x.code.as_str())).collect();
        let expected: Vec<Option<&str>> = case["sources"].as_array().unwrap().iter().map(Value::as_str).collect();
        assert_eq!(got, expected, "{} sources", case["name"]);
    }
}
