//! `coopetition`: check a network's store or journal without writing code.
//!
//! An operator verifies a store file or a JSON Lines journal (its hash chain
//! and every rule, replayed), exports a store as a journal, replays either
//! into a summary, or imports a journal into a new store. Every failure is
//! printed with the engine's stable error code; the exit status is 0 on
//! success, 1 when the file is refused, 2 for a misused command line.

#![forbid(unsafe_code)]

mod input;

use clap::{Parser, Subcommand};
use coopetition::chain::{ChainKey, Verification};
use coopetition::network::Network;
use coopetition::{Error, Result};
use coopetition_store::{Store, StoreOptions, StoredNetwork};
use input::{read_key, Source};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Verify, export, replay or import a coopetition network's store (an SQLite
/// file written by coopetition-store) or journal (JSON Lines).
///
/// A file is recognised by its content: an SQLite database is read as a
/// store, a JSON snapshot as a snapshot (`verify` and `replay` check its
/// digest and its facts), anything else as a journal. Stores are opened read-only, except by
/// `import`, which creates one.
#[derive(Debug, Parser)]
#[command(name = "coopetition", version, about, long_about)]
struct Cli {
    /// A file holding the key that authenticates the chain (HMAC-SHA256), for
    /// a store or journal written with one: its bytes are the key, as they
    /// are (a trailing line break is part of the key).
    #[arg(long, global = true, value_name = "KEY_FILE")]
    key_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Verifies a store, a journal or a snapshot: every link of its hash chain, then every
    /// event replayed with the checks its command met. Prints how it was
    /// verified; exit status 1 and the error's code if it is refused.
    Verify {
        /// The store or journal.
        file: PathBuf,
    },
    /// Writes a store's journal as JSON Lines (the chain verified on the
    /// way), to standard output or to `--output`.
    Export {
        /// The store.
        file: PathBuf,
        /// The journal file to write (replaced whole, never half-written);
        /// standard output if absent.
        #[arg(short, long, value_name = "JOURNAL")]
        output: Option<PathBuf>,
    },
    /// Replays a store or a journal (verified as `verify` does) and prints a
    /// summary of the network it rebuilds.
    Replay {
        /// The store or journal.
        file: PathBuf,
        /// Prints the summary as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Creates a store from a journal, after verifying its chain and replaying
    /// every event; refuses a store file that already holds events.
    Import {
        /// The JSON Lines journal.
        journal: PathBuf,
        /// The store to create.
        store: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error[{}]: {error}", error.code());
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli, out: &mut impl Write) -> Result<()> {
    let key = cli.key_file.as_deref().map(read_key).transpose()?;
    match cli.command {
        Command::Verify { file } => {
            let (network, verification) = open(&file, key)?;
            let events = network.state().last_seq;
            write(out, &format!("{}: {events} events; {}", file.display(), describe(&verification)))
        }
        Command::Export { file, output } => {
            let journal = match Source::detect(&file)? {
                Source::Store => read_store(&file, key)?.export_jsonl()?,
                Source::Journal(_) | Source::Snapshot(_) => {
                    return Err(Error::NotAStore {
                        path: file.display().to_string(),
                        reason: "a journal or a snapshot already; `export` reads a store".into(),
                    })
                }
            };
            match output {
                Some(path) => input::write_whole(&path, journal.as_bytes()),
                None => out.write_all(journal.as_bytes()).map_err(|e| Error::StoreFailed(e.to_string())),
            }
        }
        Command::Replay { file, json } => {
            let (network, verification) = open(&file, key)?;
            let summary = Summary::of(&network, &verification);
            let text = if json { summary.json() } else { summary.text() };
            write(out, &text)
        }
        Command::Import { journal, store } => {
            let text = match Source::detect(&journal)? {
                Source::Journal(text) => text,
                Source::Store | Source::Snapshot(_) => {
                    return Err(Error::MalformedJson {
                        line: None,
                        message: format!("`{}` is not a journal", journal.display()),
                    })
                }
            };
            let options = StoreOptions { key, ..StoreOptions::default() };
            let network = StoredNetwork::import(&store, &text, &options)?;
            let events = network.read().state().last_seq;
            write(out, &format!("{}: {events} events imported", store.display()))
        }
    }
}

fn write(out: &mut impl Write, line: &str) -> Result<()> {
    writeln!(out, "{line}").map_err(|e| Error::StoreFailed(e.to_string()))
}

/// A store opened for reading only: its events are read (and verified) by
/// the command that needs them, not replayed on opening.
fn read_store(path: &Path, key: Option<ChainKey>) -> Result<Store> {
    Store::open(path, &StoreOptions { key, read_only: true, ..StoreOptions::default() })
}

/// The network of a store or a journal, verified, and how.
fn open(path: &Path, key: Option<ChainKey>) -> Result<(Network, Verification)> {
    match Source::detect(path)? {
        Source::Store => read_store(path, key)?.replay_verified(),
        Source::Journal(text) => Network::replay_verified(&text, key.as_ref()),
        Source::Snapshot(text) => Network::from_snapshot_json_with_key(&text, key.as_ref()),
    }
}

fn describe(verification: &Verification) -> String {
    match verification {
        Verification::Unverified => {
            "replayed, every rule checked; UNVERIFIED: a schema-1 journal carries no hash chain".into()
        }
        Verification::Sha256 { head } => format!("chain verified (SHA-256, no key), every rule checked; head {head}"),
        Verification::Keyed { head } => {
            format!("chain verified and authenticated (HMAC-SHA256 with the key), every rule checked; head {head}")
        }
    }
}

/// What `replay` prints.
struct Summary {
    name: Option<String>,
    events: u64,
    actors: usize,
    members: usize,
    missions: usize,
    verification: String,
    head: Option<String>,
}

impl Summary {
    fn of(network: &Network, verification: &Verification) -> Summary {
        let state = network.state();
        let (kind, head) = match verification {
            Verification::Unverified => ("unverified", None),
            Verification::Sha256 { head } => ("sha256", Some(head.to_hex())),
            Verification::Keyed { head } => ("hmac-sha256", Some(head.to_hex())),
        };
        Summary {
            name: network.settings().map(|s| s.name.clone()),
            events: state.last_seq,
            actors: state.actors.len(),
            members: state.actors.keys().filter(|a| network.is_member(a)).count(),
            missions: state.missions.len(),
            verification: kind.into(),
            head,
        }
    }

    fn text(&self) -> String {
        format!(
            "network: {}\nevents: {}\nactors: {}\nmembers: {}\nmissions: {}\nchain: {}{}",
            self.name.as_deref().unwrap_or("(not founded)"),
            self.events,
            self.actors,
            self.members,
            self.missions,
            self.verification,
            self.head.as_deref().map(|h| format!("\nhead: {h}")).unwrap_or_default()
        )
    }

    fn json(&self) -> String {
        serde_json::json!({
            "network": self.name,
            "events": self.events,
            "actors": self.actors,
            "members": self.members,
            "missions": self.missions,
            "chain": self.verification,
            "head": self.head,
        })
        .to_string()
    }
}
