//! The journal as JSON Lines, and snapshots as JSON.
//!
//! A journal starts with a header line carrying the schema version, then one
//! event per line:
//!
//! ```text
//! {"format":"coopetition-journal","schema_version":1}
//! {"seq":1,"by":"alice","on":"2020-01-06","action":{"type":"found_network",…}}
//! ```
//! Replaying it runs every check again, so replaying a journal rebuilds an
//! identical state, and a tampered journal is refused with the code the live
//! command would have met. A snapshot is the state as one JSON document.

use crate::error::{Error, Result};
use crate::network::{Event, Network, NetworkState};
use serde::{Deserialize, Serialize};

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;
const JOURNAL_FORMAT: &str = "coopetition-journal";
const SNAPSHOT_FORMAT: &str = "coopetition-snapshot";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    schema_version: serde_json::Value,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot {
    format: String,
    schema_version: serde_json::Value,
    state: serde_json::Value,
}

fn json_error(line: Option<usize>, e: &serde_json::Error) -> Error {
    if e.is_eof() {
        Error::TruncatedLine(line.unwrap_or(1))
    } else {
        Error::MalformedJson { line, message: e.to_string() }
    }
}

fn check_header(format: &str, expected_format: &str, version: &serde_json::Value, line: Option<usize>) -> Result<()> {
    if format != expected_format {
        return Err(Error::MalformedJson {
            line,
            message: format!("expected format `{expected_format}`, found `{format}`"),
        });
    }
    if version.as_u64() != Some(u64::from(SCHEMA_VERSION)) {
        return Err(Error::UnknownSchemaVersion { found: version.to_string(), supported: SCHEMA_VERSION });
    }
    Ok(())
}

/// Writes events as a journal in JSON Lines, header first.
pub fn write_journal(events: &[Event]) -> String {
    let header = Header { format: JOURNAL_FORMAT.into(), schema_version: SCHEMA_VERSION.into() };
    let mut out = serde_json::to_string(&header).unwrap_or_default();
    out.push('\n');
    for event in events {
        // Serialising these plain types cannot fail: no map has non-string keys.
        out.push_str(&serde_json::to_string(event).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Reads the events of a journal without applying them.
///
/// # Errors
/// `journal.json.malformed`, `journal.line.truncated` (a line that ends inside
/// its JSON value), `journal.schema.unknown`, `journal.sequence.invalid`.
pub fn read_journal(text: &str) -> Result<Vec<Event>> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let (_, first) = lines.next().ok_or(Error::MalformedJson { line: Some(1), message: "empty journal".into() })?;
    let header: Header = serde_json::from_str(first).map_err(|e| json_error(Some(1), &e))?;
    check_header(&header.format, JOURNAL_FORMAT, &header.schema_version, Some(1))?;
    let mut events = Vec::new();
    let mut previous: Option<u64> = None;
    for (index, line) in lines {
        let number = index + 1;
        let event: Event = serde_json::from_str(line).map_err(|e| json_error(Some(number), &e))?;
        if let Some(p) = previous {
            if event.seq != p + 1 {
                return Err(Error::JournalSequence { line: number, found: event.seq, expected: p + 1 });
            }
        }
        previous = Some(event.seq);
        events.push(event);
    }
    Ok(events)
}

impl Network {
    /// The journal of this network as JSON Lines.
    pub fn journal_jsonl(&self) -> String {
        write_journal(self.journal())
    }

    /// Rebuilds a network by replaying a journal from its first event.
    ///
    /// # Errors
    /// Any journal format error, or the rejection of an event, with its sequence number.
    pub fn replay(journal: &str) -> Result<Network> {
        let mut network = Network::new();
        network.replay_all(read_journal(journal)?)?;
        Ok(network)
    }

    /// Rebuilds a network from a snapshot, then replays the journal written since.
    ///
    /// # Errors
    /// As [`Network::from_snapshot_json`] and [`Network::replay`].
    pub fn resume(snapshot: &str, journal: &str) -> Result<Network> {
        let mut network = Network::from_snapshot_json(snapshot)?;
        network.replay_all(read_journal(journal)?)?;
        Ok(network)
    }

    fn replay_all(&mut self, events: Vec<Event>) -> Result<()> {
        for (i, event) in events.into_iter().enumerate() {
            self.replay_event(event).map_err(|e| match e {
                Error::JournalSequence { found, expected, .. } => {
                    Error::JournalSequence { line: i + 2, found, expected }
                }
                other => other,
            })?;
        }
        Ok(())
    }

    /// The state as a JSON snapshot.
    pub fn snapshot_json(&self) -> String {
        let state = serde_json::to_value(self.state()).unwrap_or_default();
        let snapshot = Snapshot { format: SNAPSHOT_FORMAT.into(), schema_version: SCHEMA_VERSION.into(), state };
        serde_json::to_string_pretty(&snapshot).unwrap_or_default()
    }

    /// A network from a JSON snapshot; its journal starts empty.
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.schema.unknown`.
    pub fn from_snapshot_json(json: &str) -> Result<Network> {
        let snapshot: Snapshot = serde_json::from_str(json).map_err(|e| json_error(None, &e))?;
        check_header(&snapshot.format, SNAPSHOT_FORMAT, &snapshot.schema_version, None)?;
        let state: NetworkState = serde_json::from_value(snapshot.state)
            .map_err(|e| Error::MalformedJson { line: None, message: e.to_string() })?;
        Ok(Network::from_state(state))
    }
}
