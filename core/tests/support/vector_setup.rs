//! The helpers of the tests that start from a command-vector file's setup
//! (`leads.rs`, `origins.rs`): build its network, and run one command given
//! as the journal writes it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::prelude::*;
use serde_json::{json, Value};

/// The network of the setup `network` of `tests/vectors/commands/<file>`.
pub fn setup(file: &str) -> Network {
    let path = format!("{}/../tests/vectors/commands/{file}", env!("CARGO_MANIFEST_DIR"));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut network = Network::new();
    for command in file["setups"]["network"].as_array().unwrap() {
        network.execute(serde_json::from_value(command.clone()).unwrap()).unwrap();
    }
    network
}

/// Executes `action` by `by` on `on`: the event's number, or the error.
pub fn run(network: &mut Network, by: &str, on: &str, action: Value) -> Result<u64> {
    let command: Command = serde_json::from_value(json!({"by": by, "on": on, "action": action})).unwrap();
    network.execute(command).map(|e| e.seq)
}

/// Asserts that the network's journal, its JSON snapshot and its binary
/// state each read back to the same state.
pub fn reads_back(network: &Network) {
    let replayed = Network::replay(&network.journal_jsonl()).unwrap();
    assert_eq!(replayed.state(), network.state());
    let from_json = Network::from_snapshot_json(&network.snapshot_json()).unwrap();
    assert_eq!(from_json.state(), network.state());
    let bytes = network.state_bytes();
    assert_eq!(&coopetition::state_codec::decode_state(&bytes).unwrap(), network.state());
}
