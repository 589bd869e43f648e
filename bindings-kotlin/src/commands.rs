//! Commands, actions and journal events, and their JSON form.
//!
//! The JSON is the core's: the same text a Rust or Python program writes and
//! reads, so commands can be queued on a phone and replayed on a server.
//! [`Action`], [`Command`] and [`Event`] are the core's, derived there (an
//! event's label is `event.action.label()`, exported by the core).

use crate::error::{malformed, Result};
use coopetition::network;

pub use coopetition::network::{Action, Command, Event};

/// A command read from its JSON form (`{"by":…,"on":…,"action":{"type":…}}`).
///
/// # Errors
/// `journal.json.malformed` for JSON that is not a command (an unknown
/// action type or label, a missing field, a value not spelt as the engine
/// writes it…); typed errors for ids.
#[uniffi::export]
pub fn command_from_json(json: String) -> Result<Command> {
    Ok(network::Command::from_json(&json)?)
}

/// The JSON form of a command, as Rust and Python write it.
///
/// # Errors
/// `journal.json.malformed` if it cannot be written (never for valid values).
#[uniffi::export]
pub fn command_to_json(command: Command) -> Result<String> {
    serde_json::to_string(&command).map_err(|e| malformed(&e))
}

/// The JSON form of a journal event (one line of a journal).
///
/// # Errors
/// `journal.json.malformed` if it cannot be written (never for valid values).
#[uniffi::export]
pub fn event_to_json(event: Event) -> Result<String> {
    serde_json::to_string(&event).map_err(|e| malformed(&e))
}

/// The events of a JSON Lines journal, read and checked for format and
/// sequence but not applied.
///
/// # Errors
/// `journal.json.malformed`, `journal.line.truncated` (a cut-off last line),
/// `journal.line.corrupt` (a damaged line before the last), `journal.schema.unknown`,
/// `journal.sequence.invalid`.
#[uniffi::export]
pub fn read_journal(jsonl: String) -> Result<Vec<Event>> {
    Ok(coopetition::journal::read_journal(&jsonl)?)
}

/// A journal (header line, then one event per line) written from events.
///
/// # Errors
/// Typed errors for values that cannot be lifted.
#[uniffi::export]
pub fn write_journal(events: Vec<Event>) -> Result<String> {
    Ok(coopetition::journal::write_journal(&events))
}
