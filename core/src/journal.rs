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
//! identical state, and an edited event that breaks a rule is refused with the
//! code the live command would have met (an edit that breaks no rule replays:
//! only a digest kept apart could reveal it). The format is strict: a value is
//! accepted only as this build writes it. A snapshot is the state as one JSON
//! document, read as strictly and checked for consistency ([`crate::snapshot`]).

use crate::error::{Error, Result};
use crate::network::{Action, Command, Event, Network, NetworkState};
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
    Error::MalformedJson { line, message: e.to_string() }
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
        out.push_str(&event_line(event));
        out.push('\n');
    }
    out
}

/// One event as its journal line (without the line break), exactly as
/// [`write_journal`] writes it: a store keeps each event in this form.
pub fn event_line(event: &Event) -> String {
    // Serialising these plain types cannot fail: no map has non-string keys.
    serde_json::to_string(event).unwrap_or_default()
}

/// The non-empty lines of a journal: 1-based number, byte offset, text.
fn lines(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').enumerate().filter_map(move |(index, raw)| {
        let at = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').map_or(raw, |l| l.strip_suffix('\r').unwrap_or(l));
        (!line.trim().is_empty()).then_some((index + 1, at, line))
    })
}

/// Reads one line as `T`. A line that ends inside its JSON value is
/// truncated if it is the journal's last line (a write cut off), corrupt
/// otherwise (good lines follow it: it was damaged, not cut).
fn read_line<T: Serialize + serde::de::DeserializeOwned>(line: &str, number: usize, last: bool) -> Result<T> {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(line) {
        return Err(match (e.is_eof(), last) {
            (true, true) => Error::TruncatedLine(number),
            (true, false) => Error::CorruptLine(number),
            _ => json_error(Some(number), &e),
        });
    }
    crate::canonical::from_str(line, Some(number))
}

/// The sequence number that must follow `previous`.
fn next_seq(previous: u64, line: usize) -> Result<u64> {
    previous.checked_add(1).ok_or(Error::SequenceExhausted { line: Some(line), last: previous })
}

/// Reads the events of a journal without applying them.
///
/// The format is strict: unknown fields, another spelling of a value (a date
/// with padded fields, a tag given as a number, an amount in scientific
/// notation) are refused, so that what is accepted is what the engine writes.
///
/// # Errors
/// `journal.json.malformed`, `journal.line.truncated` (the last line ends
/// inside its JSON value: a write was cut off), `journal.line.corrupt` (a
/// line before the last one ends inside its JSON value), `journal.schema.unknown`,
/// `journal.sequence.invalid`.
pub fn read_journal(text: &str) -> Result<Vec<Event>> {
    let prefix = read_journal_until(text)?;
    match prefix.stopped {
        Some(error) => Err(error),
        None => Ok(prefix.events),
    }
}

/// What [`read_valid_prefix`] dropped: the cut-off last line of a journal.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Dropped {
    /// The 1-based number of the cut-off line.
    pub line: usize,
    /// The bytes dropped, from the start of that line to the end of the text.
    pub bytes: usize,
    /// Events dropped: the one whose line was cut off (0 if it was the header's).
    pub events: usize,
}

/// The events of a journal up to a cut-off last line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalPrefix {
    /// The events read, all complete and in sequence.
    pub events: Vec<Event>,
    /// The cut-off last line, if there was one.
    pub dropped: Option<Dropped>,
}

/// The events read up to a cut-off last line, if any.
struct Partial {
    events: Vec<Event>,
    /// Byte offset of the line that stopped the reading.
    stopped_at: usize,
    stopped: Option<Error>,
}

fn read_journal_until(text: &str) -> Result<Partial> {
    let all: Vec<(usize, usize, &str)> = lines(text).collect();
    let last_number = all.last().map_or(0, |l| l.0);
    let mut rows = all.into_iter();
    let (number, _, first) =
        rows.next().ok_or(Error::MalformedJson { line: Some(1), message: "empty journal".into() })?;
    // A cut-off header is an error for every reader: nothing of the journal can be read.
    let header: Header = read_line(first, number, number == last_number)?;
    check_header(&header.format, JOURNAL_FORMAT, &header.schema_version, Some(number))?;
    let mut events: Vec<Event> = Vec::new();
    for (number, at, line) in rows {
        let event: Event = match read_line(line, number, number == last_number) {
            Ok(event) => event,
            Err(e @ Error::TruncatedLine(_)) => return Ok(Partial { events, stopped_at: at, stopped: Some(e) }),
            Err(e) => return Err(e),
        };
        if let Some(p) = events.last() {
            let expected = next_seq(p.seq, number)?;
            if event.seq != expected {
                return Err(Error::JournalSequence { line: number, found: event.seq, expected });
            }
        }
        events.push(event);
    }
    Ok(Partial { events, stopped_at: text.len(), stopped: None })
}

/// Reads the valid prefix of a journal whose last line may have been cut off
/// (a crash during a write): the complete events, and what was dropped.
///
/// Only a cut-off *last* line is dropped. Any other defect (a corrupt line
/// followed by good ones, a bad sequence number, a malformed line) is an
/// error, so that no good event is ever dropped silently.
///
/// # Errors
/// As [`read_journal`]; `journal.line.truncated` only for a cut-off header
/// (nothing of the journal can be read).
pub fn read_valid_prefix(text: &str) -> Result<JournalPrefix> {
    let partial = read_journal_until(text)?;
    match partial.stopped {
        None => Ok(JournalPrefix { events: partial.events, dropped: None }),
        Some(Error::TruncatedLine(line)) => {
            let bytes = text.len().saturating_sub(partial.stopped_at);
            Ok(JournalPrefix { events: partial.events, dropped: Some(Dropped { line, bytes, events: 1 }) })
        }
        Some(other) => Err(other),
    }
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

    /// Rebuilds a network by replaying the valid prefix of a journal whose
    /// last line may have been cut off (see [`read_valid_prefix`]); says what
    /// was dropped.
    ///
    /// # Errors
    /// As [`read_valid_prefix`], or the rejection of an event.
    pub fn replay_prefix(journal: &str) -> Result<(Network, Option<Dropped>)> {
        let prefix = read_valid_prefix(journal)?;
        let mut network = Network::new();
        network.replay_all(prefix.events)?;
        Ok((network, prefix.dropped))
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

    /// As [`Network::resume`], with the valid prefix of a journal whose last
    /// line may have been cut off; says what was dropped.
    ///
    /// # Errors
    /// As [`Network::from_snapshot_json`] and [`Network::replay_prefix`].
    pub fn resume_prefix(snapshot: &str, journal: &str) -> Result<(Network, Option<Dropped>)> {
        let mut network = Network::from_snapshot_json(snapshot)?;
        let prefix = read_valid_prefix(journal)?;
        network.replay_all(prefix.events)?;
        Ok((network, prefix.dropped))
    }

    fn replay_all(&mut self, events: Vec<Event>) -> Result<()> {
        for (i, event) in events.into_iter().enumerate() {
            self.replay_event(event).map_err(|e| match e {
                Error::JournalSequence { found, expected, .. } => {
                    Error::JournalSequence { line: i + 2, found, expected }
                }
                Error::SequenceExhausted { last, .. } => Error::SequenceExhausted { line: Some(i + 2), last },
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
    /// The snapshot is read as strictly as a journal, and its state must be
    /// consistent (see [`crate::snapshot`]): facts that contradict one
    /// another are refused. A consistent edit (a consent flipped) cannot be
    /// told from the truth without a digest of the snapshot.
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.schema.unknown`, `journal.snapshot.inconsistent`.
    pub fn from_snapshot_json(json: &str) -> Result<Network> {
        crate::canonical::reject_repeated_keys(json, None)?;
        let snapshot: Snapshot = serde_json::from_str(json).map_err(|e| json_error(None, &e))?;
        check_header(&snapshot.format, SNAPSHOT_FORMAT, &snapshot.schema_version, None)?;
        let state: NetworkState = crate::canonical::from_value(&snapshot.state, None)?;
        Network::from_checked_state(state)
    }
}

impl Command {
    /// A command from its JSON (a journal line without `seq`), read as
    /// strictly as a journal line.
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.line.truncated`.
    pub fn from_json(json: &str) -> Result<Command> {
        read_line(json, 1, true)
    }
}

impl Action {
    /// An action from its JSON (`{"type": "…", …}`), read as strictly as a journal line.
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.line.truncated`.
    pub fn from_json(json: &str) -> Result<Action> {
        read_line(json, 1, true)
    }
}

impl Event {
    /// An event from its JSON (one journal line), read as strictly as a journal line.
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.line.truncated`.
    pub fn from_json(json: &str) -> Result<Event> {
        read_line(json, 1, true)
    }
}
