#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The shared command sequences of `tests/vectors/commands/` (format in
//! `tests/vectors/README.md`, section "Command sequences"), run against the
//! Rust engine. The Python and Kotlin suites run the same files.
//!
//! Every issuer of every case runs on a fresh network built from the case's
//! setup; an accepted command must be journalled, a refused one must carry
//! the expected code and leave the network exactly as it was. The test fails
//! once, listing every mismatch.

use coopetition::prelude::*;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The least number of (case, issuer) runs the files must hold.
const MIN_RUNS: usize = 150;

fn commands_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("vectors").join("commands")
}

fn command(value: &Value) -> Command {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("not a command: {e}\n{value}"))
}

/// The networks of a file's setups, each built once and cloned per run.
fn setups(file: &str, top: &Map<String, Value>) -> BTreeMap<String, Network> {
    let mut out = BTreeMap::new();
    for (name, commands) in top["setups"].as_object().unwrap() {
        let mut network = Network::new();
        for (i, value) in commands.as_array().unwrap().iter().enumerate() {
            if let Err(e) = network.execute(command(value)) {
                panic!("{file}: setup `{name}`, command {}: {} ({e})", i + 1, e.code());
            }
        }
        out.insert(name.clone(), network);
    }
    out
}

/// What happened, in the words of the files: `accepted` or the error's code.
fn outcome(network: &mut Network, command: Command) -> String {
    let before = network.clone();
    let checked = network.check(&command);
    match network.execute(command) {
        Ok(_) => {
            assert!(checked.is_ok(), "check refused what execute accepted");
            assert_eq!(network.journal().len(), before.journal().len() + 1, "an accepted command was not journalled");
            "accepted".into()
        }
        Err(e) => {
            assert_eq!(checked, Err(e.clone()), "check and execute disagree");
            assert_eq!(network, &before, "a refused command changed the network");
            assert!(Error::CODES.contains(&e.code()), "`{}` is not a published code", e.code());
            e.code().into()
        }
    }
}

fn expected(value: &Value) -> String {
    match (value.get("accepted"), value.get("error")) {
        (Some(Value::Bool(true)), None) => "accepted".into(),
        (None, Some(Value::String(code))) => code.clone(),
        _ => panic!("an expectation is {{\"accepted\": true}} or {{\"error\": code}}, not {value}"),
    }
}

#[test]
fn command_sequences_give_the_documented_results() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(commands_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let verbose = std::env::var_os("VECTORS_VERBOSE").is_some();
    let (mut runs, mut failures) = (0usize, Vec::new());
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let top: Map<String, Value> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let networks = setups(&file, &top);
        for case in top["cases"].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            let base = &networks[case["setup"].as_str().unwrap()];
            for (by, want) in case["expected"].as_object().unwrap() {
                let value = serde_json::json!({"by": by, "on": case["on"], "action": case["action"]});
                let got = outcome(&mut base.clone(), command(&value));
                let want = expected(want);
                runs += 1;
                if verbose {
                    println!("{file} {name} by {by}: {got}");
                }
                if got != want {
                    failures.push(format!("{file} {name} by {by}: expected {want}, got {got}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {runs} runs differ:\n{}", failures.len(), failures.join("\n"));
    assert!(runs >= MIN_RUNS, "only {runs} runs");
}
