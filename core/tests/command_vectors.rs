#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The shared command vectors of `tests/vectors/commands/` (format in
//! `tests/vectors/README.md`, section "Command vectors"), run against the
//! Rust engine. The Python and Kotlin suites run the same files.
//!
//! Two shapes of case:
//!
//! - an issuer matrix (`setup`, `on`, `action`, `expected` per issuer): every
//!   issuer runs the action on a fresh network built from the setup;
//! - a sequence (`commands`, `expected.results`, `expected.facts`): the
//!   commands run in order on one network (after the setup, if the case names
//!   one), each accepted with its expected sequence number or refused with its
//!   expected code, then the facts are read.
//!
//! An accepted command must be journalled, a refused one must leave the
//! network exactly as it was. Every action label of the core must appear in an
//! accepted and in a refused command. The test fails once, listing every mismatch.

use coopetition::ledger::member_year;
use coopetition::ledger_export::ledger_entries;
use coopetition::policy::{builtin, Parameters};
use coopetition::prelude::*;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The least number of cases (matrices and sequences) the files must hold.
const MIN_CASES: usize = 85;
/// The least number of (case, issuer) runs of the issuer matrices.
const MIN_RUNS: usize = 150;

fn commands_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("vectors").join("commands")
}

fn command(value: &Value) -> Command {
    Command::from_json(&value.to_string()).unwrap_or_else(|e| panic!("not a command: {e}\n{value}"))
}

/// Every action label the core accepts, read from the core itself: the
/// journal's reader names them all when it meets a type it does not know, so
/// a label added to the core is required here without any list to update.
fn core_labels() -> BTreeSet<String> {
    let probe = serde_json::json!({"by": "a", "on": "2020-01-01", "action": {"type": "no such action"}});
    let message = serde_json::from_value::<Command>(probe).unwrap_err().to_string();
    let list = message.split("expected one of").nth(1).unwrap_or_else(|| panic!("no label list in `{message}`"));
    let labels: BTreeSet<String> = list.split('`').skip(1).step_by(2).map(str::to_owned).collect();
    // Each label read that way must be one the core's `Action::label` gives back.
    for label in &labels {
        let value = serde_json::json!({"type": label});
        if let Ok(action) = serde_json::from_value::<Action>(value) {
            assert_eq!(action.label(), label, "serde and Action::label disagree");
        }
    }
    assert!(labels.len() > 1, "no label list in `{message}`");
    labels
}

/// What the files say of each label: seen accepted, seen refused.
#[derive(Default)]
struct Coverage(BTreeMap<String, (bool, bool)>);

impl Coverage {
    fn note(&mut self, command: &Command, accepted: bool) {
        let entry = self.0.entry(command.action.label().to_owned()).or_default();
        if accepted {
            entry.0 = true;
        } else {
            entry.1 = true;
        }
    }

    fn missing(&self, labels: &BTreeSet<String>) -> Vec<String> {
        let mut out = Vec::new();
        for label in labels {
            let (accepted, refused) = self.0.get(label).copied().unwrap_or_default();
            if !accepted {
                out.push(format!("`{label}` is in no accepted command"));
            }
            if !refused {
                out.push(format!("`{label}` is in no refused command"));
            }
        }
        out
    }
}

/// The networks of a file's setups, each built once and cloned per run.
fn setups(file: &str, top: &Map<String, Value>, coverage: &mut Coverage) -> BTreeMap<String, Network> {
    let mut out = BTreeMap::new();
    let Some(setups) = top.get("setups") else { return out };
    for (name, commands) in setups.as_object().unwrap() {
        let mut network = Network::new();
        for (i, value) in commands.as_array().unwrap().iter().enumerate() {
            let c = command(value);
            coverage.note(&c, true);
            if let Err(e) = network.execute(c) {
                panic!("{file}: setup `{name}`, command {}: {} ({e})", i + 1, e.code());
            }
        }
        out.insert(name.clone(), network);
    }
    out
}

/// What happened, in the words of the files: `seq n` or the error's code.
fn outcome(network: &mut Network, command: Command) -> String {
    let before = network.clone();
    let checked = network.check(&command);
    match network.execute(command) {
        Ok(event) => {
            let seq = event.seq;
            assert!(checked.is_ok(), "check refused what execute accepted");
            assert_eq!(network.journal().len(), before.journal().len() + 1, "an accepted command was not journalled");
            format!("seq {seq}")
        }
        Err(e) => {
            assert_eq!(checked, Err(e.clone()), "check and execute disagree");
            assert_eq!(network, &before, "a refused command changed the network");
            assert!(Error::CODES.contains(&e.code()), "`{}` is not a published code", e.code());
            e.code().into()
        }
    }
}

fn expected_result(value: &Value) -> String {
    match (value.get("seq"), value.get("error")) {
        (Some(Value::Number(n)), None) => format!("seq {n}"),
        (None, Some(Value::String(code))) => code.clone(),
        _ => panic!("a result is {{\"seq\": n}} or {{\"error\": code}}, not {value}"),
    }
}

fn expected_issuer(value: &Value) -> String {
    match (value.get("accepted"), value.get("error")) {
        (Some(Value::Bool(true)), None) => "accepted".into(),
        (None, Some(Value::String(code))) => code.clone(),
        _ => panic!("an expectation is {{\"accepted\": true}} or {{\"error\": code}}, not {value}"),
    }
}

fn decimal(value: &Value) -> Decimal {
    value.as_str().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("not a decimal string: {value}"))
}

fn actor(value: &Value) -> ActorId {
    ActorId::new(value.as_str().unwrap()).unwrap()
}

/// The ledger's fields a fact may check, as the files write them.
fn ledger_field(ledger: &coopetition::ledger::MemberLedger, field: &str) -> Value {
    let money = |m: Money| Value::String(m.amount().to_string());
    match field {
        "due" => money(ledger.due),
        "paid" => money(ledger.paid),
        "in_kind_value" => money(ledger.in_kind_value),
        "offset" => money(ledger.offset),
        "donated" => money(ledger.donated),
        "balance" => money(ledger.balance),
        "unpriced" => Value::Array(ledger.unpriced.iter().map(|m| Value::String(m.to_string())).collect()),
        other => panic!("unknown ledger field `{other}`"),
    }
}

/// Checks one fact; `Err` says what differs.
fn check_fact(network: &Network, fact: &Value) -> Result<(), String> {
    let want = &fact["equals"];
    let differ = |got: &Value| if got == want { Ok(()) } else { Err(format!("{fact}: got {got}")) };
    if let Some(pointer) = fact.get("state") {
        let state = serde_json::to_value(network.state()).unwrap();
        return differ(state.pointer(pointer.as_str().unwrap()).unwrap_or(&Value::Null));
    }
    if let Some(member) = fact.get("standing") {
        return differ(&Value::String(network.state().follow_up.standing_of(&actor(member)).label().into()));
    }
    if let Some(member) = fact.get("member") {
        return differ(&Value::Bool(network.is_member(&actor(member))));
    }
    if let Some(provider) = fact.get("charter_status") {
        return differ(&Value::String(network.charter_status(&actor(provider)).label().into()));
    }
    if let Some(query) = fact.get("ledger") {
        let policy = builtin(query["policy"].as_str().unwrap(), None).unwrap();
        let year = i32::try_from(query["year"].as_i64().unwrap()).unwrap();
        let ledger = member_year(network, &actor(&query["member"]), year, policy.as_ref(), Parameters::shipped())
            .map_err(|e| format!("{fact}: {}", e.code()))?;
        let mut wrong = Vec::new();
        for (field, value) in want.as_object().unwrap() {
            let got = ledger_field(&ledger, field);
            let same = match value {
                Value::String(_) => decimal(value) == decimal(&got),
                _ => value == &got,
            };
            if !same {
                wrong.push(format!("{field} {got}"));
            }
        }
        return if wrong.is_empty() { Ok(()) } else { Err(format!("{fact}: got {}", wrong.join(", "))) };
    }
    if let Some(year) = fact.get("fiscal_year") {
        let year = network
            .fiscal_year(i32::try_from(year.as_i64().unwrap()).unwrap())
            .map_err(|e| format!("{fact}: {}", e.code()))?;
        return differ(&serde_json::json!([year.first_day.to_string(), year.last_day.to_string()]));
    }
    if let Some(query) = fact.get("ledger_entries") {
        let policy = builtin(query["policy"].as_str().unwrap(), None).unwrap();
        let day = |key: &str| query[key].as_str().unwrap().parse::<chrono::NaiveDate>().unwrap();
        let entries = ledger_entries(network, day("start"), day("end"), policy.as_ref(), Parameters::shipped())
            .map_err(|e| format!("{fact}: {}", e.code()))?;
        let text = |s: Option<String>| s.map_or(Value::Null, Value::String);
        let got: Vec<Value> = entries
            .iter()
            .map(|e| {
                Value::Array(vec![
                    Value::String(e.on.to_string()),
                    Value::String(e.member.to_string()),
                    Value::String(e.kind.label().into()),
                    text(e.mission.as_ref().map(ToString::to_string)),
                    text(e.amount.map(|m| m.amount().to_string())),
                    text(e.status.map(|s| s.label().to_owned())),
                    Value::String(e.detail.clone()),
                ])
            })
            .collect();
        return differ(&Value::Array(got));
    }
    if let Some(query) = fact.get("referral_report") {
        let year = i32::try_from(query["year"].as_i64().unwrap()).unwrap();
        let got = serde_json::to_value(network.referral_report(year)).unwrap();
        return if alike(want, &got) { Ok(()) } else { Err(format!("{fact}: got {got}")) };
    }
    if let Some(query) = fact.get("benefits_statement") {
        let member = ActorId::new(query["member"].as_str().unwrap()).unwrap();
        let year = i32::try_from(query["year"].as_i64().unwrap()).unwrap();
        let statement =
            network.benefits_statement(&member, year, Lang::En).map_err(|e| format!("{fact}: {}", e.code()))?;
        let got = serde_json::to_value(statement).unwrap();
        return if alike(want, &got) { Ok(()) } else { Err(format!("{fact}: got {got}")) };
    }
    panic!("unknown fact {fact}")
}

/// Whether `got` has every field `want` names, equal, decimals (strings)
/// compared as numbers, lists item by item.
fn alike(want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().all(|(k, v)| g.get(k).is_some_and(|x| alike(v, x))),
        (Value::Array(w), Value::Array(g)) => w.len() == g.len() && w.iter().zip(g).all(|(a, b)| alike(a, b)),
        (Value::String(w), Value::String(g)) => match (w.parse::<Decimal>(), g.parse::<Decimal>()) {
            (Ok(a), Ok(b)) => a == b,
            _ => w == g,
        },
        _ => want == got,
    }
}

/// Runs a sequence case; returns its mismatches.
fn run_sequence(
    id: &str,
    case: &Value,
    networks: &BTreeMap<String, Network>,
    coverage: &mut Coverage,
    verbose: bool,
) -> Vec<String> {
    let mut network = match case.get("setup") {
        Some(name) => networks[name.as_str().unwrap()].clone(),
        None => Network::new(),
    };
    let commands = case["commands"].as_array().unwrap();
    let results = case["expected"]["results"].as_array().unwrap();
    assert_eq!(commands.len(), results.len(), "{id}: one result per command");
    let mut failures = Vec::new();
    for (i, (value, want)) in commands.iter().zip(results).enumerate() {
        // A command the journal's reader refuses is refused with the reader's
        // code, as the bindings' `execute_json` refuses it; it covers no label.
        let (label, got) = match Command::from_json(&value.to_string()) {
            Ok(c) => {
                let got = outcome(&mut network, c.clone());
                coverage.note(&c, got.starts_with("seq "));
                (c.action.label(), got)
            }
            Err(e) => ("unread", e.code().to_owned()),
        };
        let want = expected_result(want);
        if verbose {
            println!("{id} command {} ({label}): {got}", i + 1);
        }
        if got != want {
            failures.push(format!("{id} command {} ({label}): expected {want}, got {got}", i + 1));
        }
    }
    for fact in case["expected"]["facts"].as_array().unwrap() {
        if let Err(e) = check_fact(&network, fact) {
            failures.push(format!("{id} fact {e}"));
        }
    }
    failures
}

#[test]
fn command_vectors_give_the_documented_results() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(commands_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let verbose = std::env::var_os("VECTORS_VERBOSE").is_some();
    let (mut runs, mut failures, mut coverage) = (0usize, Vec::new(), Coverage::default());
    let mut names = BTreeSet::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let top: Map<String, Value> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let networks = setups(&file, &top, &mut coverage);
        for case in top["cases"].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            assert!(names.insert(name.to_owned()), "case `{name}` is named twice");
            let id = format!("{file} {name}");
            if case.get("commands").is_some() {
                failures.extend(run_sequence(&id, case, &networks, &mut coverage, verbose));
                continue;
            }
            let base = &networks[case["setup"].as_str().unwrap()];
            for (by, want) in case["expected"].as_object().unwrap() {
                let value = serde_json::json!({"by": by, "on": case["on"], "action": case["action"]});
                let c = command(&value);
                let got = outcome(&mut base.clone(), c.clone());
                coverage.note(&c, got.starts_with("seq "));
                let got = if got.starts_with("seq ") { "accepted".to_owned() } else { got };
                let want = expected_issuer(want);
                runs += 1;
                if verbose {
                    println!("{id} by {by}: {got}");
                }
                if got != want {
                    failures.push(format!("{id} by {by}: expected {want}, got {got}"));
                }
            }
        }
    }
    failures.extend(coverage.missing(&core_labels()));
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    assert!(runs >= MIN_RUNS, "only {runs} issuer runs");
    assert!(names.len() >= MIN_CASES, "only {} cases", names.len());
}

#[test]
fn the_core_labels_are_read_whole() {
    // The probe must find the labels the authorisation matrix already uses.
    let labels = core_labels();
    for label in ["found_network", "record_member_informed", "decide_level"] {
        assert!(labels.contains(label), "`{label}` not read from the core: {labels:?}");
    }
}
