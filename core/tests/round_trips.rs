//! Every serialised type loads back: written, read, equal, written again identically.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::journal::{read_journal, write_journal};
use coopetition::policy::guide::Guide;
use coopetition::policy::params::Parameters;
use coopetition::prelude::*;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_shipped_parameters_load_back() {
    let json = Parameters::shipped().to_json();
    let loaded = Parameters::load(&json).unwrap();
    assert_eq!(&loaded, Parameters::shipped());
    assert_eq!(loaded.to_json(), json);
}

#[test]
fn parameters_with_several_periods_load_back() {
    let json = r#"{"flat_rate": [{"from": "2020-01-01", "until": "2023-01-01", "value": "0.05"},
                                 {"from": "2023-01-01", "value": "0.04"}]}"#;
    let params = Parameters::load(json).unwrap();
    let loaded = Parameters::load(&params.to_json()).unwrap();
    assert_eq!(loaded, params);
    assert_eq!(loaded.to_json(), params.to_json());
    assert_eq!(loaded.flat_rate_at(date(2024, 1, 1).unwrap()).unwrap().0, Decimal::new(4, 2));
}

#[test]
fn parameters_are_an_object() {
    for json in ["[]", "[null, null, null]", "1", "\"x\"", "null"] {
        let err = Parameters::load(json).unwrap_err();
        assert_eq!(err.code(), "journal.json.malformed", "{json}: {err}");
    }
}

#[test]
fn the_shipped_guide_loads_back() {
    let json = Guide::shipped().to_json();
    let loaded = Guide::load(&json).unwrap();
    assert_eq!(&loaded, &**Guide::shipped());
    assert_eq!(loaded.to_json(), json);
}

#[test]
fn a_guide_is_an_object() {
    let shipped: serde_json::Value = serde_json::from_str(&Guide::shipped().to_json()).unwrap();
    let as_array = serde_json::json!([shipped["schema"], shipped["name"], shipped["situations"]]).to_string();
    assert_eq!(Guide::load(&as_array).unwrap_err().code(), "journal.json.malformed");
}

#[test]
fn a_snapshot_loads_back() {
    let json = fixture("sample_snapshot.json");
    let network = Network::from_snapshot_json(&json).unwrap();
    assert_eq!(network.snapshot_json().trim_end(), json.trim_end());
    let again = Network::from_snapshot_json(&network.snapshot_json()).unwrap();
    assert_eq!(again.state(), network.state());
}

#[test]
fn a_journal_and_its_events_load_back() {
    let journal = fixture("sample_journal.jsonl");
    let events = read_journal(&journal).unwrap();
    assert_eq!(write_journal(&events), journal);
    for event in &events {
        let json = serde_json::to_string(event).unwrap();
        let back = Event::from_json(&json).unwrap();
        assert_eq!(&back, event);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        let command = Command::new(&event.by, event.on, event.action.clone());
        let json = serde_json::to_string(&command).unwrap();
        assert_eq!(Command::from_json(&json).unwrap(), command);
    }
}

#[test]
fn a_command_is_read_as_strictly_as_a_journal_line() {
    let json = r#"{"by":"a","on":"2020- 1-06","action":{"type":"sign_charter","version":1}}"#;
    assert_eq!(Command::from_json(json).unwrap_err().code(), "journal.json.malformed");
    let json = r#"{"type":"sign_charter","version":1,"x":1}"#;
    assert_eq!(Action::from_json(json).unwrap_err().code(), "journal.json.malformed");
}
