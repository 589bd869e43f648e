//! Replays journals written by other languages and checks them against their snapshots.
//!
//! ```text
//! cargo run --example replay_check -- JOURNAL SNAPSHOT [JOURNAL SNAPSHOT …]
//! ```
//! Each journal is replayed by the Rust core (every event checked again) and
//! the state must equal the snapshot written beside it. `make test` runs it on
//! the journals the Python and Kotlin suites write, proving that a journal
//! written in one language is read identically in another.

use coopetition::network::Network;
use std::process::ExitCode;

fn check(journal_path: &str, snapshot_path: &str) -> Result<usize, String> {
    let journal = std::fs::read_to_string(journal_path).map_err(|e| format!("{journal_path}: {e}"))?;
    let snapshot = std::fs::read_to_string(snapshot_path).map_err(|e| format!("{snapshot_path}: {e}"))?;
    let replayed = Network::replay(&journal).map_err(|e| format!("{journal_path}: {e} [{}]", e.code()))?;
    let expected =
        Network::from_snapshot_json(&snapshot).map_err(|e| format!("{snapshot_path}: {e} [{}]", e.code()))?;
    if replayed.state() != expected.state() {
        return Err(format!("{journal_path} replays to a state that differs from {snapshot_path}"));
    }
    if replayed.journal_jsonl() != journal {
        return Err(format!("{journal_path} does not write back byte for byte"));
    }
    Ok(replayed.journal().len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.len() % 2 != 0 {
        eprintln!("usage: replay_check JOURNAL SNAPSHOT [JOURNAL SNAPSHOT …]");
        return ExitCode::from(2);
    }
    let mut failed = 0;
    for pair in args.chunks(2) {
        if let [journal, snapshot] = pair {
            match check(journal, snapshot) {
                Ok(n) => println!("ok: {journal} ({n} events) replays to {snapshot}"),
                Err(e) => {
                    eprintln!("FAILED: {e}");
                    failed += 1;
                }
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
