//! Replays a journal (and checks a snapshot) written by another language,
//! with the Rust core alone: the Kotlin build runs it on what its tests wrote.
//!
//! ```text
//! cargo run -p coopetition-kotlin --example replay_journal -- JOURNAL.jsonl [SNAPSHOT.json]
//! ```
//!
//! Exits with a failure if the journal does not replay, or if the snapshot
//! does not describe the state the journal replays to.

use coopetition::network::Network;
use std::process::ExitCode;

fn run(journal_path: &str, snapshot_path: Option<&str>) -> Result<String, String> {
    let journal = std::fs::read_to_string(journal_path).map_err(|e| format!("{journal_path}: {e}"))?;
    let network = Network::replay(&journal).map_err(|e| format!("{journal_path}: {} ({e})", e.code()))?;
    if network.journal_jsonl() != journal {
        return Err(format!("{journal_path}: the replayed journal is written back differently"));
    }
    if let Some(path) = snapshot_path {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let restored = Network::from_snapshot_json(&text).map_err(|e| format!("{path}: {} ({e})", e.code()))?;
        if restored.state() != network.state() {
            return Err(format!("{path}: the snapshot differs from the state the journal replays to"));
        }
    }
    let state = network.state();
    Ok(format!(
        "{journal_path}: {} events, {} actors, {} contracts, {} missions replayed by Rust{}",
        network.journal().len(),
        state.actors.len(),
        state.contracts.len(),
        state.missions.len(),
        if snapshot_path.is_some() { "; the snapshot matches" } else { "" }
    ))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(journal) = args.first() else {
        eprintln!("usage: replay_journal JOURNAL.jsonl [SNAPSHOT.json]");
        return ExitCode::FAILURE;
    };
    match run(journal, args.get(1).map(String::as_str)) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
