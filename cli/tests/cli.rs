//! The `coopetition` tool, run as an operator runs it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coopetition")).current_dir(dir).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Refused with exit status 1 and the code first on standard error.
fn refused(output: &Output, code: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    assert!(stderr(output).starts_with(&format!("error[{code}]: ")), "{}", stderr(output));
}

#[test]
fn a_journal_imports_into_a_store_that_exports_it_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let journal = fixture("sample_journal.jsonl");
    let imported = run(dir.path(), &["import", journal.to_str().unwrap(), "n.coop"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    // The sample journal has 45 events (its last line is event 45).
    assert_eq!(stdout(&imported), "n.coop: 45 events imported\n");
    let exported = run(dir.path(), &["export", "n.coop"]);
    assert_eq!(exported.stdout, std::fs::read(&journal).unwrap());
    assert!(run(dir.path(), &["export", "n.coop", "--output", "out.jsonl"]).status.success());
    assert_eq!(std::fs::read(dir.path().join("out.jsonl")).unwrap(), std::fs::read(&journal).unwrap());
    refused(&run(dir.path(), &["import", journal.to_str().unwrap(), "n.coop"]), "store.file.not_empty");
}

#[test]
fn verify_reports_how_a_store_or_a_journal_was_verified() {
    let dir = tempfile::tempdir().unwrap();
    let journal = fixture("sample_journal.jsonl");
    let text = std::fs::read_to_string(&journal).unwrap();
    // The head is the hash carried by the journal's last line.
    let head = &text.lines().last().unwrap().rsplit_once("\"hash\":\"").unwrap().1[..64];
    let verified = run(dir.path(), &["verify", journal.to_str().unwrap()]);
    assert!(verified.status.success());
    assert!(stdout(&verified).contains("45 events; chain verified (SHA-256, no key)"), "{}", stdout(&verified));
    assert!(stdout(&verified).trim_end().ends_with(head));
    run(dir.path(), &["import", journal.to_str().unwrap(), "n.coop"]);
    let store = run(dir.path(), &["verify", "n.coop"]);
    assert!(stdout(&store).trim_end().ends_with(head), "{}", stdout(&store));
    let old = run(dir.path(), &["verify", fixture("sample_journal_v1.jsonl").to_str().unwrap()]);
    assert!(old.status.success());
    assert!(stdout(&old).contains("UNVERIFIED"), "{}", stdout(&old));
}

#[test]
fn a_tampered_journal_or_store_is_refused_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("sample_journal.jsonl")).unwrap();
    let tampered = text.replacen("\"4500.00\"", "\"4501.00\"", 1);
    assert_ne!(tampered, text);
    std::fs::write(dir.path().join("t.jsonl"), tampered).unwrap();
    refused(&run(dir.path(), &["verify", "t.jsonl"]), "journal.chain.broken");
    refused(&run(dir.path(), &["replay", "t.jsonl"]), "journal.chain.broken");
    refused(&run(dir.path(), &["import", "t.jsonl", "t.coop"]), "journal.chain.broken");
    std::fs::write(dir.path().join("not.coop"), b"SQLite format 3\0but not a database at all").unwrap();
    let not_a_store = run(dir.path(), &["verify", "not.coop"]);
    assert_eq!(not_a_store.status.code(), Some(1));
    assert!(stderr(&not_a_store).starts_with("error[store."), "{}", stderr(&not_a_store));
    refused(&run(dir.path(), &["verify", "missing.jsonl"]), "store.io.failed");
    refused(&run(dir.path(), &["export", "t.jsonl"]), "store.file.not_store");
}

#[test]
fn a_keyed_store_needs_its_key_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("key"), b"a secret").unwrap();
    std::fs::write(dir.path().join("other"), b"another secret").unwrap();
    let journal = fixture("sample_journal.jsonl");
    // A journal written without a key is imported into a keyed store: the
    // store chains it with the key.
    let imported = run(dir.path(), &["--key-file", "key", "import", journal.to_str().unwrap(), "k.coop"]);
    refused(&imported, "store.key.invalid");
    let network = coopetition::network::Network::replay(&std::fs::read_to_string(&journal).unwrap()).unwrap();
    let keyed = network.journal_jsonl_keyed(&coopetition::chain::ChainKey::new(b"a secret").unwrap());
    std::fs::write(dir.path().join("k.jsonl"), &keyed).unwrap();
    assert!(run(dir.path(), &["--key-file", "key", "import", "k.jsonl", "k.coop"]).status.success());
    refused(&run(dir.path(), &["verify", "k.coop"]), "store.key.required");
    refused(&run(dir.path(), &["--key-file", "other", "verify", "k.coop"]), "store.key.invalid");
    let verified = run(dir.path(), &["--key-file", "key", "verify", "k.coop"]);
    assert!(stdout(&verified).contains("authenticated (HMAC-SHA256"), "{}", stdout(&verified));
    assert_eq!(run(dir.path(), &["--key-file", "key", "export", "k.coop"]).stdout, keyed.as_bytes());
}

#[test]
fn replay_summarises_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let journal = fixture("sample_journal_v1.jsonl");
    let replayed = run(dir.path(), &["replay", "--json", journal.to_str().unwrap()]);
    assert!(replayed.status.success(), "{}", stderr(&replayed));
    let summary: serde_json::Value = serde_json::from_slice(&replayed.stdout).unwrap();
    // The sample journal founds the network with two founders, registers 7
    // more actors and validates one contract: 9 actors, 3 members; 5 missions
    // are reported.
    assert_eq!(summary["network"], "La Compagnie des Tiers-Lieux");
    assert_eq!(summary["events"], 45);
    assert_eq!(summary["actors"], 9);
    assert_eq!(summary["members"], 3);
    assert_eq!(summary["missions"], 5);
    assert_eq!(summary["chain"], "unverified");
    assert_eq!(summary["head"], serde_json::Value::Null);
}

#[test]
fn help_and_misuse() {
    let dir = tempfile::tempdir().unwrap();
    let help = run(dir.path(), &["--help"]);
    assert!(help.status.success());
    for command in ["verify", "export", "replay", "import", "--key-file"] {
        assert!(stdout(&help).contains(command), "{command} missing from --help");
    }
    assert_eq!(run(dir.path(), &["verify"]).status.code(), Some(2));
    assert_eq!(run(dir.path(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_snapshot_is_verified_by_its_digest() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = std::fs::read_to_string(fixture("sample_snapshot.json")).unwrap();
    let verified = run(dir.path(), &["verify", fixture("sample_snapshot.json").to_str().unwrap()]);
    assert!(verified.status.success(), "{}", stderr(&verified));
    assert!(stdout(&verified).contains("45 events; chain verified (SHA-256, no key)"), "{}", stdout(&verified));
    std::fs::write(dir.path().join("s.json"), snapshot.replacen("Ville de Lys", "Ville de Lis", 1)).unwrap();
    refused(&run(dir.path(), &["verify", "s.json"]), "journal.snapshot.digest");
    refused(&run(dir.path(), &["export", "s.json"]), "store.file.not_store");
}
