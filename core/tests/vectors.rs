#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The shared test vectors of `tests/vectors/`, run against the
//! Rust engine. The Python and Kotlin suites run the same files; the format
//! and the parsing rules are in `tests/vectors/README.md`.
//!
//! Each case is parsed (policy, then parameters, then mission), evaluated,
//! and every expected field is compared. The test fails once, listing every
//! mismatching case with expected and actual values.

use coopetition::labels::Labelled;
use coopetition::money::Money;
use coopetition::policy::{builtin, Assessment, BehaviourModel, ContributionPolicy, MissionFacts, Parameters};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The code a runner reports when a JSON value has the wrong structure.
const MALFORMED: &str = "journal.json.malformed";

/// The fields of an expected assessment, all required.
const EXPECTED_FIELDS: [&str; 7] =
    ["status", "amount", "provenance", "situation", "in_kind_credit", "donations", "codes"];

/// The least number of cases the suite must hold.
const MIN_CASES: usize = 40;

struct Case {
    file: String,
    name: String,
    body: Map<String, Value>,
}

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("vectors")
}

/// Every case of every `*.json` file, files in name order, cases in file order.
fn load_cases() -> Vec<Case> {
    let dir = vectors_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: invalid JSON: {e}"));
        let bodies = match value {
            Value::Object(mut top) => match top.remove("cases") {
                Some(Value::Array(items)) => items,
                Some(_) => panic!("{file}: `cases` must be an array"),
                None => vec![Value::Object(top)],
            },
            _ => panic!("{file}: the top level must be an object"),
        };
        for (i, body) in bodies.into_iter().enumerate() {
            let Value::Object(body) = body else { panic!("{file}: case {i} is not an object") };
            let name = body
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("{file}: case {i} has no name"))
                .to_owned();
            for field in ["description", "policy", "mission", "expected"] {
                assert!(body.contains_key(field), "{file}: case `{name}` has no `{field}`");
            }
            cases.push(Case { file: file.clone(), name, body });
        }
    }
    cases
}

// ---- parsing, each failure mapped to the stable code a runner reports -----------

/// Why a case did not produce an assessment: a stable code and a message.
#[derive(Debug)]
struct Failure {
    code: String,
    message: String,
}

impl From<coopetition::Error> for Failure {
    fn from(e: coopetition::Error) -> Failure {
        Failure { code: e.code().to_owned(), message: e.to_string() }
    }
}

fn malformed(what: impl std::fmt::Display) -> Failure {
    Failure { code: MALFORMED.to_owned(), message: what.to_string() }
}

/// Checks the fields that carry values (ids, money, dates, labels) with the
/// crate's own constructors, so that each fault gets its own code; then reads
/// the whole object as `MissionFacts`, any remaining fault being structural.
fn parse_mission(v: &Value) -> Result<MissionFacts, Failure> {
    Ok(MissionFacts::from_json(&v.to_string())?)
}

fn parse_policy(v: &Value) -> Result<Box<dyn ContributionPolicy>, Failure> {
    let obj = v.as_object().ok_or_else(|| malformed("`policy` is not an object"))?;
    let name = obj.get("name").and_then(Value::as_str).ok_or_else(|| malformed("`policy.name`"))?;
    let model = match obj.get("model") {
        None | Some(Value::Null) => None,
        Some(m) => {
            let model: BehaviourModel =
                serde_json::from_value(m.clone()).map_err(|e| malformed(format!("`policy.model`: {e}")))?;
            model.check()?;
            Some(model)
        }
    };
    Ok(builtin(name, model)?)
}

fn parse_parameters(v: Option<&Value>) -> Result<Parameters, Failure> {
    match v {
        None | Some(Value::Null) => Ok(Parameters::shipped().clone()),
        Some(p) => Ok(Parameters::load(&p.to_string())?),
    }
}

/// Runs a case: policy, parameters, mission, then evaluation; the first failure.
fn run(case: &Case) -> Result<Assessment, Failure> {
    let policy = parse_policy(&case.body["policy"])?;
    let params = parse_parameters(case.body.get("parameters"))?;
    let mission = parse_mission(&case.body["mission"])?;
    Ok(policy.evaluate(&mission, &params)?)
}

// ---- comparison -------------------------------------------------------------------

fn show_amount(m: Option<Money>) -> String {
    m.map_or_else(|| "null".to_owned(), |m| m.amount().to_string())
}

fn describe(a: &Assessment) -> String {
    format!(
        "status {}, amount {}, provenance {}, situation {}, in_kind_credit {}, donations {}, codes {:?}",
        a.status.label(),
        show_amount(a.amount),
        a.provenance.label(),
        a.situation.as_deref().unwrap_or("null"),
        a.in_kind_credit.amount(),
        a.donations.amount(),
        a.explanation.codes()
    )
}

/// Compares a decimal field numerically (`600.00` equals `600`); `null` is no amount.
fn same_amount(expected: &Value, actual: Option<Money>) -> Result<bool, String> {
    match (expected, actual) {
        (Value::Null, None) => Ok(true),
        (Value::String(text), Some(m)) => {
            Ok(Decimal::from_str(text).map_err(|e| format!("`{text}`: {e}"))? == m.amount())
        }
        (Value::Null | Value::String(_), _) => Ok(false),
        (other, _) => Err(format!("an amount must be a string or null, not {other}")),
    }
}

/// Every difference between the expected block and the outcome.
fn compare(expected: &Value, actual: &Result<Assessment, Failure>) -> Vec<String> {
    let Some(exp) = expected.as_object() else { return vec!["`expected` is not an object".into()] };
    if let Some(code) = exp.get("error") {
        let code = code.as_str().unwrap_or("<not a string>");
        return match actual {
            Err(got) if got.code == code => vec![],
            Err(got) => vec![format!("error: expected `{code}`, got `{}` ({})", got.code, got.message)],
            Ok(a) => vec![format!("error: expected `{code}`, got an assessment: {}", describe(a))],
        };
    }
    let a = match actual {
        Ok(a) => a,
        Err(got) => return vec![format!("expected an assessment, got error `{}` ({})", got.code, got.message)],
    };
    let mut diffs: Vec<String> = EXPECTED_FIELDS
        .iter()
        .filter(|f| !exp.contains_key(**f))
        .map(|f| format!("the expected block has no `{f}`"))
        .collect();
    let field = |name: &str| exp.get(name).unwrap_or(&Value::Null);
    let mut text = |name: &str, got: Option<&str>| {
        let want = field(name).as_str();
        if want != got {
            diffs.push(format!("{name}: expected {}, got {}", want.unwrap_or("null"), got.unwrap_or("null")));
        }
    };
    text("status", Some(a.status.label()));
    text("provenance", Some(a.provenance.label()));
    text("situation", a.situation.as_deref());
    for (name, got) in
        [("amount", a.amount), ("in_kind_credit", Some(a.in_kind_credit)), ("donations", Some(a.donations))]
    {
        match same_amount(field(name), got) {
            Ok(true) => {}
            Ok(false) => diffs.push(format!("{name}: expected {}, got {}", field(name), show_amount(got))),
            Err(e) => diffs.push(format!("{name}: {e}")),
        }
    }
    let want: Option<Vec<&str>> = field("codes").as_array().map(|c| c.iter().filter_map(Value::as_str).collect());
    let got = a.explanation.codes();
    match want {
        Some(w) if w == got => {}
        Some(w) => diffs.push(format!("codes: expected {w:?}, got {got:?}")),
        None => diffs.push("codes: expected block has no `codes` array".into()),
    }
    diffs
}

#[test]
fn shared_vectors() {
    let cases = load_cases();
    assert!(
        cases.len() >= MIN_CASES,
        "only {} vectors in {}; at least {MIN_CASES} expected",
        cases.len(),
        vectors_dir().display()
    );
    let mut names = BTreeSet::new();
    for c in &cases {
        assert!(names.insert(c.name.as_str()), "{}: case name `{}` is repeated", c.file, c.name);
    }
    let mut failures = Vec::new();
    // `VECTORS_VERBOSE=1 cargo test --test vectors -- --nocapture` prints every outcome.
    let verbose = std::env::var_os("VECTORS_VERBOSE").is_some();
    for case in &cases {
        let outcome = run(case);
        if verbose {
            match &outcome {
                Ok(a) => println!("{} / {}: {}", case.file, case.name, describe(a)),
                Err(f) => println!("{} / {}: error `{}`: {}", case.file, case.name, f.code, f.message),
            }
        }
        let diffs = compare(&case.body["expected"], &outcome);
        if !diffs.is_empty() {
            failures.push(format!("{} / {}:\n    {}", case.file, case.name, diffs.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
