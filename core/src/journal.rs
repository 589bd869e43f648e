//! The journal as JSON Lines, and snapshots as JSON.
//!
//! A journal starts with a header line carrying the schema version and the
//! kind of hash chain, then one event per line, each ending with its link of
//! the chain:
//!
//! ```text
//! {"format":"coopetition-journal","schema_version":2,"chain":"sha256"}
//! {"seq":1,"by":"alice","on":"2020-01-06","action":{"type":"found_network",…},"hash":"3f9a…"}
//! ```
//! Replaying it runs every check again, so replaying a journal rebuilds an
//! identical state, and an edited event that breaks a rule is refused with the
//! code the live command would have met. The format is strict: a value is
//! accepted only as this build writes it.
//!
//! # The hash chain
//! Each event line's `"hash"` is `SHA-256(previous ‖ line)`: `previous` is the
//! 32 bytes of the link before it, `line` the event's line without its
//! `"hash"` field (the line exactly as schema 1 writes it, without its line
//! ending); the first `previous` is `SHA-256(header line)`, so the chain binds
//! the header too ([`crate::chain`]). Reading verifies every link over the
//! bytes read, before the line is parsed: any change of a byte, a removed,
//! moved or appended line, is refused with `journal.chain.broken` naming the
//! first line that does not verify. What it protects:
//!
//! - **Without a key** (`"chain":"sha256"`) the chain detects accidental and
//!   naive edits (a revenue, a date, a name changed by hand), not a forger:
//!   anyone can recompute it after an edit.
//! - **With a key** (`"chain":"hmac-sha256"`, [`Network::journal_jsonl_keyed`])
//!   every link is HMAC-SHA256 with the key, so only a holder of the key can
//!   write a journal that verifies. A keyed journal cannot be read without
//!   its key (`store.key.required`); a key that does not verify the first
//!   link, or a key given for a journal without one (a `sha256` or schema-1
//!   journal: a reader that holds a key accepts only journals written with
//!   it) is `store.key.invalid`.
//! - **Schema-1 journals** (no chain) still load, marked
//!   [`Verification::Unverified`]: an edit that breaks no rule replays.
//! - A cut-off last line cannot be verified; [`read_valid_prefix`] drops it
//!   and verifies the lines before it. A journal truncated at a line boundary
//!   still verifies: the chain proves each line's past, not that none follows.
//!
//! # Continuation journals
//! A network rebuilt from a verified snapshot writes the journal that
//! continues it: its header names the position it continues,
//! `"continues":{"seq":118,"hash":"…"}` (the snapshot's last event and its
//! link), and its first event links from that hash, so each event line is
//! byte for byte the line the whole journal holds. Reading one checks that
//! its first event follows that number; replaying it alone is refused
//! (`journal.snapshot.continuation`): [`Network::resume`] reads it on its
//! snapshot.
//!
//! A snapshot is the state as one JSON document, read as strictly, with a
//! digest bound to its place in the chain, and checked for consistency
//! ([`crate::snapshot_file`], [`crate::snapshot`]).

use crate::chain::{chained_line, link_line, split_line_into};
pub use crate::chain::{genesis, link, plain_line, ChainHash, ChainKey, ChainPosition, Verification};
use crate::error::{Error, Result};
use crate::network::{Action, ChainBase, Command, Event, Network};
use serde::{Deserialize, Serialize};

mod pipeline;

/// The schema version of the journals this build writes; it also reads
/// version 1 (journals without a hash chain).
pub const SCHEMA_VERSION: u32 = 2;
/// The schema version of the snapshots this build writes; it also reads
/// version 1 (snapshots without a digest).
pub const SNAPSHOT_SCHEMA_VERSION: u32 = 2;
const JOURNAL_FORMAT: &str = "coopetition-journal";
pub(crate) const SNAPSHOT_FORMAT: &str = "coopetition-snapshot";
const CHAIN_SHA256: &str = "sha256";
const CHAIN_HMAC: &str = "hmac-sha256";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    schema_version: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chain: Option<String>,
    /// The position a continuation journal starts from (the last event of
    /// the snapshot it continues); absent from a whole journal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    continues: Option<Continues>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Continues {
    seq: u64,
    hash: String,
}

pub(crate) fn json_error(line: Option<usize>, e: &serde_json::Error) -> Error {
    Error::MalformedJson { line, message: e.to_string() }
}

/// Checks a header's format and returns its schema version, one of `versions`.
pub(crate) fn check_header(
    format: &str,
    expected_format: &str,
    version: &serde_json::Value,
    versions: &[u32],
    line: Option<usize>,
) -> Result<u32> {
    if format != expected_format {
        return Err(Error::MalformedJson {
            line,
            message: format!("expected format `{expected_format}`, found `{format}`"),
        });
    }
    let supported = versions.iter().copied().max().unwrap_or_default();
    match version.as_u64().and_then(|v| versions.iter().copied().find(|&known| u64::from(known) == v)) {
        Some(known) => Ok(known),
        None => Err(Error::UnknownSchemaVersion { found: version.to_string(), supported }),
    }
}

/// The header line of a journal this build writes (without its line ending):
/// its chain is `hmac-sha256` if `keyed`, `sha256` otherwise.
pub fn header_line(keyed: bool) -> String {
    header_text(keyed, None)
}

/// The header line of a journal that continues a chain after `position`
/// (the last event of a snapshot): its events link from `position.hash`,
/// exactly as they do in the whole journal.
pub fn continuation_header_line(keyed: bool, position: &ChainPosition) -> String {
    header_text(keyed, Some(position))
}

fn header_text(keyed: bool, continues: Option<&ChainPosition>) -> String {
    let header = Header {
        format: JOURNAL_FORMAT.into(),
        schema_version: SCHEMA_VERSION.into(),
        chain: Some(chain_name(keyed).into()),
        continues: continues.map(|p| Continues { seq: p.seq, hash: p.hash.to_hex() }),
    };
    // Serialising these plain types cannot fail: no map has non-string keys.
    serde_json::to_string(&header).unwrap_or_default()
}

/// The name of a chain's kind in a header: `hmac-sha256` if `keyed`, `sha256` otherwise.
pub(crate) fn chain_name(keyed: bool) -> &'static str {
    if keyed {
        CHAIN_HMAC
    } else {
        CHAIN_SHA256
    }
}

/// An event's line in a journal (without its line ending), carrying `hash`,
/// its link of the chain (see [`link`]).
pub fn event_line(event: &Event, hash: &ChainHash) -> String {
    chained_line(&plain_line(event), hash)
}

fn write_chained(events: &[Event], key: Option<&ChainKey>, continues: Option<&ChainPosition>) -> String {
    let header = header_text(key.is_some(), continues);
    let mut head = continues.map_or_else(|| genesis(&header, key), |p| p.hash);
    let mut out = header;
    out.push('\n');
    for event in events {
        let plain = plain_line(event);
        head = link_line(&head, &plain, key);
        out.push_str(&chained_line(&plain, &head));
        out.push('\n');
    }
    out
}

/// Writes events as a journal in JSON Lines, header first, chained with SHA-256.
pub fn write_journal(events: &[Event]) -> String {
    write_chained(events, None, None)
}

/// Writes events as a journal in JSON Lines, header first, chained with
/// HMAC-SHA256 and `key`: only a holder of the key can write one that verifies.
pub fn write_journal_keyed(events: &[Event], key: &ChainKey) -> String {
    write_chained(events, Some(key), None)
}

/// Writes events as a journal that continues a chain after `position` (the
/// last event of a snapshot; see [`continuation_header_line`]), with
/// HMAC-SHA256 and `key` if given, SHA-256 otherwise. The events should be
/// numbered from `position.seq + 1`: a reader refuses them otherwise.
pub fn write_journal_after(position: &ChainPosition, events: &[Event], key: Option<&ChainKey>) -> String {
    write_chained(events, key, Some(position))
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
    // A line as the engine writes it is one whole JSON value: read it in one parse.
    if let Some(value) = crate::canonical::as_written(line) {
        return Ok(value);
    }
    check_json(line, number, last)?;
    crate::canonical::from_str(line, Some(number))
}

/// Reads an event's line as [`read_line`] does, in one pass when it is
/// spelt as the engine writes it ([`crate::network::read`]).
fn read_event_line(line: &str, number: usize, last: bool) -> Result<Event> {
    match crate::canonical::as_written_by(line, crate::network::read::event) {
        Some(event) => Ok(event),
        None => read_line(line, number, last),
    }
}

/// Refuses a line that is not one JSON value (see [`read_line`]).
fn check_json(line: &str, number: usize, last: bool) -> Result<()> {
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(_) => Ok(()),
        Err(e) => Err(match (e.is_eof(), last) {
            (true, true) => Error::TruncatedLine(number),
            (true, false) => Error::CorruptLine(number),
            _ => json_error(Some(number), &e),
        }),
    }
}

/// The chain being verified while a journal is read.
struct Chained<'k> {
    head: ChainHash,
    key: Option<&'k ChainKey>,
    /// No event verified yet: a keyed link failing here says the key is wrong.
    first: bool,
    /// Where the chain starts: the header's `hash_0`, or the position a
    /// continuation journal continues.
    start: ChainPosition,
    /// The line being read, without its hash.
    plain: String,
}

impl Chained<'_> {
    fn verification(&self) -> Verification {
        match self.key {
            None => Verification::Sha256 { head: self.head },
            Some(_) => Verification::Keyed { head: self.head },
        }
    }
}

fn broken(line: usize, text: &str, reason: &'static str) -> Error {
    let seq = serde_json::from_str::<serde_json::Value>(text).ok().and_then(|v| v.get("seq")?.as_u64());
    Error::ChainBroken { line, seq, reason }
}

/// Reads one event line, verifying its link first if the journal is chained:
/// a changed byte is refused as a broken chain whatever the line says.
fn read_event(line: &str, number: usize, last: bool, chain: Option<&mut Chained<'_>>) -> Result<Event> {
    let Some(chain) = chain else { return read_event_line(line, number, last) };
    let Some(given) = split_line_into(line, &mut chain.plain) else {
        // A cut-off line has lost its hash: say it was cut off, not tampered with.
        check_json(line, number, last)?;
        return Err(broken(number, line, "the line does not end with its hash"));
    };
    let plain = chain.plain.as_str();
    let expected = link_line(&chain.head, plain, chain.key);
    // The link as the writer spells it is the one spelling that verifies:
    // only a line that does not verify needs its hash decoded, to say why.
    if hex_digits(&expected) != given.as_bytes() {
        if ChainHash::from_hex(given).is_none() {
            return Err(broken(number, plain, "its hash is not 64 lowercase hexadecimal digits"));
        }
        return Err(if chain.first && chain.key.is_some() {
            Error::KeyInvalid(format!(
                "the first event (line {number}) does not verify with it: the journal was written with another key, or that line was changed"
            ))
        } else {
            broken(
                number,
                plain,
                "its hash does not continue the chain: this line, or one before it, was changed, removed or moved",
            )
        });
    }
    let event = read_event_line(plain, number, last)?;
    chain.head = expected;
    chain.first = false;
    Ok(event)
}

/// A link's 64 lowercase hexadecimal digits, as [`ChainHash::to_hex`] writes them.
fn hex_digits(hash: &ChainHash) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (pair, byte) in out.chunks_exact_mut(2).zip(hash.0) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    out
}

/// The chain a journal's header announces, checked against the key given.
fn open_chain<'k>(
    header: &Header,
    line: &str,
    number: usize,
    key: Option<&'k ChainKey>,
) -> Result<Option<Chained<'k>>> {
    let version =
        check_header(&header.format, JOURNAL_FORMAT, &header.schema_version, &[1, SCHEMA_VERSION], Some(number))?;
    let malformed = |message: String| Error::MalformedJson { line: Some(number), message };
    if version == 1 && header.continues.is_some() {
        return Err(malformed("a schema-1 journal has no `continues`".into()));
    }
    let keyed = match (version, header.chain.as_deref()) {
        (1, None) => {
            return match key {
                None => Ok(None),
                Some(_) => {
                    Err(Error::KeyInvalid("a schema-1 journal carries no chain for a key to authenticate".into()))
                }
            }
        }
        (1, Some(_)) => return Err(malformed("a schema-1 journal has no `chain`".into())),
        (_, Some(CHAIN_SHA256)) => false,
        (_, Some(CHAIN_HMAC)) => true,
        (_, Some(other)) => {
            return Err(malformed(format!("unknown chain `{other}`; expected `{CHAIN_SHA256}` or `{CHAIN_HMAC}`")))
        }
        (_, None) => return Err(malformed(format!("a schema-{version} journal names its `chain`"))),
    };
    match (keyed, key) {
        (true, None) => Err(Error::KeyRequired),
        (false, Some(_)) => {
            Err(Error::KeyInvalid(format!("the journal's chain is `{CHAIN_SHA256}`: it was written without a key")))
        }
        _ => {
            let start = match &header.continues {
                None => ChainPosition { seq: 0, hash: genesis(line, key) },
                Some(c) => {
                    let hash = ChainHash::from_hex(&c.hash)
                        .ok_or_else(|| malformed("`continues.hash` is not 64 lowercase hexadecimal digits".into()))?;
                    ChainPosition { seq: c.seq, hash }
                }
            };
            Ok(Some(Chained { head: start.hash, key, first: true, start, plain: String::new() }))
        }
    }
}

/// The sequence number that must follow `previous`.
fn next_seq(previous: u64, line: usize) -> Result<u64> {
    previous.checked_add(1).ok_or(Error::SequenceExhausted { line: Some(line), last: previous })
}

/// The events of a journal, and how they were verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    /// The events read, all complete and in sequence.
    pub events: Vec<Event>,
    /// The chain verified (`Unverified` for a schema-1 journal).
    pub verification: Verification,
    /// Where the chain starts (`None` for a schema-1 journal): event 0 and
    /// the header's `hash_0` for a whole journal, the position it continues
    /// for a continuation journal ([`write_journal_after`]).
    pub start: Option<ChainPosition>,
}

/// Reads the events of a journal without applying them; a chained journal
/// is verified link by link (without a key: see [`read_verified`]).
///
/// The format is strict: unknown fields, another spelling of a value (a date
/// with padded fields, a tag given as a number, an amount in scientific
/// notation) are refused, so that what is accepted is what the engine writes.
///
/// # Errors
/// `journal.json.malformed`, `journal.line.truncated` (the last line ends
/// inside its JSON value: a write was cut off), `journal.line.corrupt` (a
/// line before the last one ends inside its JSON value), `journal.schema.unknown`,
/// `journal.sequence.invalid`, `journal.chain.broken`, `store.key.required`.
pub fn read_journal(text: &str) -> Result<Vec<Event>> {
    read_verified(text, None).map(|journal| journal.events)
}

/// Reads the events of a journal, verifying its chain with `key` if given,
/// and says what was verified.
///
/// # Errors
/// As [`read_journal`]; `store.key.required` (a keyed journal, no key),
/// `store.key.invalid` (a key that does not verify the first link, or a key
/// given for a journal written without one).
pub fn read_verified(text: &str, key: Option<&ChainKey>) -> Result<Journal> {
    let partial = read_journal_until(text, key)?;
    match partial.ended.stopped {
        Some(error) => Err(error),
        None => {
            Ok(Journal { events: partial.events, verification: partial.ended.verification, start: partial.ended.start })
        }
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
    /// The chain verified up to the cut-off line.
    pub verification: Verification,
    /// Where the chain starts (see [`Journal::start`]).
    pub start: Option<ChainPosition>,
}

/// The events read up to a cut-off last line, if any.
struct Partial {
    events: Vec<Event>,
    ended: Ended,
}

/// How the reading of a journal ended.
struct Ended {
    verification: Verification,
    /// Where the chain starts (see [`Journal::start`]).
    start: Option<ChainPosition>,
    /// Byte offset of the line that stopped the reading.
    stopped_at: usize,
    /// Why it stopped before the end: a cut-off last line.
    stopped: Option<Error>,
}

impl Ended {
    /// The cut-off last line a reader of a valid prefix drops.
    ///
    /// # Errors
    /// Why the reading stopped, if it was not a cut-off last line.
    fn dropped(self, text: &str) -> Result<Option<Dropped>> {
        match self.stopped {
            None => Ok(None),
            Some(Error::TruncatedLine(line)) => {
                Ok(Some(Dropped { line, bytes: text.len().saturating_sub(self.stopped_at), events: 1 }))
            }
            Some(other) => Err(other),
        }
    }
}

fn read_journal_until(text: &str, key: Option<&ChainKey>) -> Result<Partial> {
    let mut events: Vec<Event> = Vec::new();
    let ended = read_each(text, key, |event| events.push(event))?;
    Ok(Partial { events, ended })
}

/// Reads a journal's events in order, handing each to `take`.
fn read_each(text: &str, key: Option<&ChainKey>, mut take: impl FnMut(Event)) -> Result<Ended> {
    // Lines found as they are read: a replay starts on the first events at once.
    let mut rows = lines(text).peekable();
    let (number, _, first) =
        rows.next().ok_or(Error::MalformedJson { line: Some(1), message: "empty journal".into() })?;
    // A cut-off header is an error for every reader: nothing of the journal can be read.
    let header: Header = read_line(first, number, rows.peek().is_none())?;
    let mut chain = open_chain(&header, first, number, key)?;
    let start = chain.as_ref().map(|c| c.start);
    let verification =
        |chain: &Option<Chained<'_>>| chain.as_ref().map_or(Verification::Unverified, Chained::verification);
    // A continuation's first event follows the position it continues; a
    // whole journal's first number is checked when it is replayed.
    let mut previous: Option<u64> = header.continues.as_ref().map(|c| c.seq);
    while let Some((number, at, line)) = rows.next() {
        let last = rows.peek().is_none();
        let event: Event = match read_event(line, number, last, chain.as_mut()) {
            Ok(event) => event,
            Err(e @ Error::TruncatedLine(_)) => {
                return Ok(Ended { verification: verification(&chain), start, stopped_at: at, stopped: Some(e) });
            }
            Err(e) => return Err(e),
        };
        if let Some(p) = previous {
            let expected = next_seq(p, number)?;
            if event.seq != expected {
                return Err(Error::JournalSequence { line: number, found: event.seq, expected });
            }
        }
        previous = Some(event.seq);
        take(event);
    }
    Ok(Ended { verification: verification(&chain), start, stopped_at: text.len(), stopped: None })
}

/// Reads the valid prefix of a journal whose last line may have been cut off
/// (a crash during a write): the complete events, and what was dropped.
///
/// Only a cut-off *last* line is dropped. Any other defect (a corrupt line
/// followed by good ones, a bad sequence number, a malformed line, a broken
/// chain) is an error, so that no good event is ever dropped silently. The
/// lines before a cut-off one are verified.
///
/// # Errors
/// As [`read_journal`]; `journal.line.truncated` only for a cut-off header
/// (nothing of the journal can be read).
pub fn read_valid_prefix(text: &str) -> Result<JournalPrefix> {
    read_valid_prefix_verified(text, None)
}

/// As [`read_valid_prefix`], verifying the chain with `key` if given.
///
/// # Errors
/// As [`read_valid_prefix`] and [`read_verified`].
pub fn read_valid_prefix_verified(text: &str, key: Option<&ChainKey>) -> Result<JournalPrefix> {
    let Partial { events, ended } = read_journal_until(text, key)?;
    let (verification, start) = (ended.verification, ended.start);
    Ok(JournalPrefix { events, dropped: ended.dropped(text)?, verification, start })
}

impl Network {
    /// The journal of this network as JSON Lines, chained with SHA-256: a
    /// whole journal for a network built from its first event; for a network
    /// rebuilt from a verified `sha256` snapshot, the journal that continues
    /// it ([`write_journal_after`]). A network rebuilt from a state without a
    /// chain position (a schema-1 snapshot, [`Network::from_state`]) or from
    /// a keyed snapshot writes its events chained from their own header, a
    /// journal that resumes only an unverified snapshot.
    pub fn journal_jsonl(&self) -> String {
        self.journal_jsonl_with(None)
    }

    /// The journal of this network as JSON Lines, chained with HMAC-SHA256
    /// and `key`: it can be read only with the key. As
    /// [`Network::journal_jsonl`], it continues a snapshot written with the
    /// same key.
    pub fn journal_jsonl_keyed(&self, key: &ChainKey) -> String {
        self.journal_jsonl_with(Some(key))
    }

    /// [`Network::journal_jsonl`] without a key, [`Network::journal_jsonl_keyed`] with one.
    pub fn journal_jsonl_with(&self, key: Option<&ChainKey>) -> String {
        match self.chain_base(key) {
            Some(base) if base.seq > 0 => write_chained(self.journal(), key, Some(&base)),
            _ => write_chained(self.journal(), key, None),
        }
    }

    /// Where this network's own journal starts in a chain with `key` (SHA-256
    /// without one): event 0 and `hash_0` for a network built from its first
    /// event, the snapshot's position for a network rebuilt from a verified
    /// snapshot of that chain; `None` if the chain before the journal is
    /// unknown (no position, or a chain of another kind or key).
    fn chain_base(&self, key: Option<&ChainKey>) -> Option<ChainPosition> {
        match &self.chain {
            ChainBase::Genesis => Some(ChainPosition { seq: 0, hash: genesis(&header_line(key.is_some()), key) }),
            ChainBase::After { seq, hash, key_check } => {
                let same_chain = match (key_check, key) {
                    (None, None) => true,
                    (Some(check), Some(key)) => crate::chain::key_check(key).0 == *check,
                    _ => false,
                };
                same_chain.then_some(ChainPosition { seq: *seq, hash: ChainHash(*hash) })
            }
            ChainBase::Unverified => None,
        }
    }

    /// The position of this network's last event in its chain with `key`
    /// (SHA-256 without one): what a snapshot of it records. `None` if the
    /// chain before its journal is unknown (see [`Network::journal_jsonl`]).
    pub fn chain_head(&self, key: Option<&ChainKey>) -> Option<ChainPosition> {
        let base = self.chain_base(key)?;
        let hash = self.journal().iter().fold(base.hash, |head, event| link(&head, event, key));
        Some(ChainPosition { seq: self.state().last_seq, hash })
    }

    /// Rebuilds a network by replaying a journal from its first event.
    ///
    /// The journal is read on a second thread while its events are replayed
    /// (on one thread where none can be started); the outcome is the same as
    /// reading it whole, then replaying: a defect of the journal anywhere is
    /// reported before the rejection of an event.
    ///
    /// # Errors
    /// Any journal format error (a broken chain included), or the rejection
    /// of an event, with its sequence number; `journal.snapshot.continuation`
    /// for a journal that continues a snapshot ([`Network::resume`] reads it).
    pub fn replay(journal: &str) -> Result<Network> {
        Network::replay_verified(journal, None).map(|(network, _)| network)
    }

    /// As [`Network::replay`], for a journal written with `key`.
    ///
    /// # Errors
    /// As [`Network::replay`]; `store.key.invalid` if `key` does not
    /// authenticate the journal.
    pub fn replay_with_key(journal: &str, key: &ChainKey) -> Result<Network> {
        Network::replay_verified(journal, Some(key)).map(|(network, _)| network)
    }

    /// As [`Network::replay`], with the key if given, and says how the
    /// journal was verified.
    ///
    /// # Errors
    /// As [`Network::replay_with_key`].
    pub fn replay_verified(journal: &str, key: Option<&ChainKey>) -> Result<(Network, Verification)> {
        let mut network = Network::new();
        // As reading whole then replaying: a defect of the journal anywhere
        // comes before the rejection of an event.
        let (ended, replayed) = network.replay_while_reading(journal, key)?;
        if let Some(error) = ended.stopped {
            return Err(error);
        }
        whole(ended.start)?;
        replayed?;
        Ok((network, ended.verification))
    }

    /// Rebuilds a network by replaying the valid prefix of a journal whose
    /// last line may have been cut off (see [`read_valid_prefix`]); says what
    /// was dropped.
    ///
    /// # Errors
    /// As [`read_valid_prefix`], or the rejection of an event.
    pub fn replay_prefix(journal: &str) -> Result<(Network, Option<Dropped>)> {
        Network::replay_prefix_with(journal, None)
    }

    /// As [`Network::replay_prefix`], for a journal written with `key`.
    ///
    /// # Errors
    /// As [`Network::replay_prefix`] and [`Network::replay_with_key`].
    pub fn replay_prefix_with_key(journal: &str, key: &ChainKey) -> Result<(Network, Option<Dropped>)> {
        Network::replay_prefix_with(journal, Some(key))
    }

    /// [`Network::replay_prefix`] without a key, [`Network::replay_prefix_with_key`] with one.
    ///
    /// # Errors
    /// As [`Network::replay_prefix_with_key`].
    pub fn replay_prefix_with(journal: &str, key: Option<&ChainKey>) -> Result<(Network, Option<Dropped>)> {
        let mut network = Network::new();
        let (ended, replayed) = network.replay_while_reading(journal, key)?;
        let start = ended.start;
        let dropped = ended.dropped(journal)?;
        whole(start)?;
        replayed?;
        Ok((network, dropped))
    }

    /// Replays events read whole. Every caller drops the network on an
    /// error, so the events applied before it need not be recorded.
    pub(crate) fn replay_all(&mut self, events: Vec<Event>) -> Result<()> {
        self.replay_from(events, 0)
    }

    /// Replays events, the first being the journal's event at `index` (from 0).
    fn replay_from(&mut self, events: Vec<Event>, index: usize) -> Result<()> {
        for (i, event) in events.iter().enumerate() {
            let line = index + i + 2;
            self.replay_unrecorded(event).map_err(|e| match e {
                Error::JournalSequence { found, expected, .. } => Error::JournalSequence { line, found, expected },
                Error::SequenceExhausted { last, .. } => Error::SequenceExhausted { line: Some(line), last },
                other => other,
            })?;
        }
        self.record_replayed(events);
        Ok(())
    }
}

/// Refuses a continuation journal where a whole one is replayed.
fn whole(start: Option<ChainPosition>) -> Result<()> {
    match start {
        Some(position) if position.seq > 0 => Err(Error::SnapshotContinuation(format!(
            "the journal continues event {}: it is replayed on its snapshot (resume), not alone",
            position.seq
        ))),
        _ => Ok(()),
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
