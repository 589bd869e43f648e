//! Snapshots as JSON documents, with a digest bound to their place in the
//! chain, and resuming a network from a snapshot and the journal after it.
//!
//! # The document (schema 2)
//!
//! ```text
//! {
//!   "format": "coopetition-snapshot",
//!   "schema_version": 2,
//!   "chain": "sha256",            // or "hmac-sha256"
//!   "seq": 118,                   // the last event the state includes
//!   "hash": "3f9a…",              // that event's link of the journal's chain
//!   "key_check": "…",             // keyed snapshots only (see chain::key_check)
//!   "digest": "c01d…",            // see below
//!   "state": { … }
//! }
//! ```
//!
//! `hash` is the link of event `seq` in the chain of the journal the
//! snapshot belongs to (for `seq` 0, the header's `hash_0`), so that a
//! journal is checked to continue it. The digest is SHA-256 (HMAC-SHA256
//! with the key for a keyed snapshot) of the bytes
//!
//! ```text
//! coopetition-snapshot/2\n{chain}\n{seq}\n{hash}\n{state}
//! ```
//!
//! where `{chain}` is the chain's name, `{seq}` the number in decimal,
//! `{hash}` its 64 lowercase hexadecimal digits and `{state}` the `state`
//! value written compactly: no whitespace, the keys of every object in
//! sorted (byte) order, strings escaped as serde_json escapes them (only `"`,
//! `\` and control characters; other characters as UTF-8), numbers as
//! serde_json writes them ([`canonical_json`]). The digest binds the state to its
//! position: it cannot be moved to another number or chain.
//!
//! # Loading
//! The digest is checked first, over the state as given: a keyed snapshot
//! without a key is `store.key.required`; a key that is not the snapshot's
//! (its `key_check` differs), or a key given for a snapshot written without
//! one, is `store.key.invalid`; any other change is `journal.snapshot.digest`.
//! Then the state is read as strictly as a journal and checked against the
//! invariants ([`crate::snapshot`]), so that an edit whose digest was
//! recomputed (anyone can recompute a SHA-256 digest) is still refused if it
//! breaks a rule. Without a key, the digest detects accidental and naive
//! edits; with one, only a key holder can write a snapshot that loads.
//!
//! Schema-1 snapshots (no chain position, no digest) still load without a
//! key, marked [`Verification::Unverified`]; a reader that holds a key
//! refuses them (`store.key.invalid`), as it refuses schema-1 journals.
//!
//! # Keyed and unkeyed chains
//! A network built from its first event can write its snapshot and journal
//! with or without a key. A network rebuilt from a snapshot continues that
//! snapshot's chain only: a `sha256` one without a key, a keyed one with the
//! same key. [`Network::snapshot_json`] of a network whose chain it cannot
//! continue without a key (rebuilt from a keyed or a schema-1 snapshot)
//! writes a schema-1 snapshot; [`Network::snapshot_json_keyed`] refuses
//! with `store.key.invalid`.

use crate::chain::{digest, key_check, ChainHash, ChainKey, ChainPosition, Verification};
use crate::error::{Error, Result};
use crate::journal::{
    chain_name, check_header, json_error, link, read_valid_prefix_verified, read_verified, Dropped, SNAPSHOT_FORMAT,
    SNAPSHOT_SCHEMA_VERSION,
};
use crate::network::{ChainBase, Event, Network, NetworkState};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot {
    format: String,
    schema_version: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    chain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seq: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key_check: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    digest: Option<String>,
    state: serde_json::Value,
}

/// The digest of a snapshot's state at `position` of a chain with `key`
/// (SHA-256 without one): see the module's documentation for its input.
/// `state` is the state written compactly, keys in sorted order.
pub fn snapshot_digest(position: &ChainPosition, state: &str, key: Option<&ChainKey>) -> ChainHash {
    snapshot_digest_of(position, state.as_bytes(), key)
}

/// [`snapshot_digest`] over a state's bytes in any encoding: the JSON one,
/// or the compact binary one a store keeps ([`Network::state_bytes`]). The
/// two encodings start differently (`{`, `coop-state`), so a digest
/// covers one spelling of one state.
pub fn snapshot_digest_of(position: &ChainPosition, state: &[u8], key: Option<&ChainKey>) -> ChainHash {
    let head = format!(
        "{SNAPSHOT_FORMAT}/{SNAPSHOT_SCHEMA_VERSION}\n{}\n{}\n{}\n",
        chain_name(key.is_some()),
        position.seq,
        position.hash
    );
    digest(key, &[head.as_bytes(), state])
}

/// A snapshot's digest that does not match its state at `position`.
fn digest_mismatch(position: &ChainPosition) -> Error {
    Error::SnapshotDigest(format!(
        "the snapshot at event {} was changed since it was written, or written with another key",
        position.seq
    ))
}

/// A JSON value written compactly with the keys of every object in sorted
/// (byte) order, whatever order the map keeps: the `{state}` the digest
/// covers. The same bytes as serde_json's compact writer when its maps are
/// sorted, which they are unless its `preserve_order` feature is on.
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                // A string always serialises.
                out.push_str(&serde_json::to_string(key).unwrap_or_default());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        leaf => out.push_str(&leaf.to_string()),
    }
}

fn malformed(message: impl Into<String>) -> Error {
    Error::MalformedJson { line: None, message: message.into() }
}

fn hex_field(value: Option<&str>, name: &str) -> Result<ChainHash> {
    let text = value.ok_or_else(|| malformed(format!("a schema-2 snapshot has its `{name}`")))?;
    ChainHash::from_hex(text).ok_or_else(|| malformed(format!("`{name}` is not 64 lowercase hexadecimal digits")))
}

/// Checks the chain fields and the digest of a schema-2 snapshot; returns
/// its position.
fn verify(snapshot: &Snapshot, key: Option<&ChainKey>) -> Result<ChainPosition> {
    let keyed = match snapshot.chain.as_deref() {
        Some(name) if name == chain_name(false) => false,
        Some(name) if name == chain_name(true) => true,
        Some(other) => return Err(malformed(format!("unknown chain `{other}`"))),
        None => return Err(malformed("a schema-2 snapshot names its `chain`")),
    };
    let seq = snapshot.seq.ok_or_else(|| malformed("a schema-2 snapshot has its `seq`"))?;
    let position = ChainPosition { seq, hash: hex_field(snapshot.hash.as_deref(), "hash")? };
    let given = hex_field(snapshot.digest.as_deref(), "digest")?;
    if !keyed && snapshot.key_check.is_some() {
        return Err(malformed("a `sha256` snapshot has no `key_check`"));
    }
    match (keyed, key) {
        (true, None) => return Err(Error::KeyRequired),
        (false, Some(_)) => {
            return Err(Error::KeyInvalid("the snapshot's chain is `sha256`: it was written without a key".into()))
        }
        (true, Some(key)) => {
            if hex_field(snapshot.key_check.as_deref(), "key_check")? != key_check(key) {
                return Err(Error::KeyInvalid("the snapshot was written with another key".into()));
            }
        }
        (false, None) => {}
    }
    if snapshot_digest(&position, &canonical_json(&snapshot.state), key) != given {
        return Err(Error::SnapshotDigest(format!(
            "the state, its event number {seq} or its hash was changed since the snapshot was written"
        )));
    }
    Ok(position)
}

fn write(state: &NetworkState, position: Option<&ChainPosition>, key: Option<&ChainKey>) -> String {
    // Serialising these plain types cannot fail: no map has non-string keys.
    let state = serde_json::to_value(state).unwrap_or_default();
    let snapshot = match position {
        None => Snapshot {
            format: SNAPSHOT_FORMAT.into(),
            schema_version: 1.into(),
            chain: None,
            seq: None,
            hash: None,
            key_check: None,
            digest: None,
            state,
        },
        Some(position) => {
            let digest = snapshot_digest(position, &canonical_json(&state), key);
            Snapshot {
                format: SNAPSHOT_FORMAT.into(),
                schema_version: SNAPSHOT_SCHEMA_VERSION.into(),
                chain: Some(chain_name(key.is_some()).into()),
                seq: Some(position.seq),
                hash: Some(position.hash.to_hex()),
                key_check: key.map(|k| key_check(k).to_hex()),
                digest: Some(digest.to_hex()),
                state,
            }
        }
    };
    serde_json::to_string_pretty(&snapshot).unwrap_or_default()
}

fn continuation(message: String) -> Error {
    Error::SnapshotContinuation(message)
}

impl Network {
    /// The state as a JSON snapshot (schema 2, SHA-256 digest; see the
    /// module's documentation). A network whose chain cannot be continued
    /// without a key (rebuilt from a keyed or a schema-1 snapshot) has no
    /// SHA-256 position to record: its snapshot is schema 1, unverified.
    pub fn snapshot_json(&self) -> String {
        write(self.state(), self.chain_head(None).as_ref(), None)
    }

    /// The state as a JSON snapshot authenticated with `key`
    /// (HMAC-SHA256): only a holder of the key can write one that loads.
    ///
    /// # Errors
    /// `store.key.invalid` if this network continues a chain written
    /// without this key (rebuilt from a `sha256` or schema-1 snapshot, or a
    /// snapshot keyed with another key).
    pub fn snapshot_json_keyed(&self, key: &ChainKey) -> Result<String> {
        let position = self.chain_head(Some(key)).ok_or_else(|| {
            Error::KeyInvalid(
                "the network continues a snapshot that was not written with this key: its chain cannot go on with it"
                    .into(),
            )
        })?;
        Ok(write(self.state(), Some(&position), Some(key)))
    }

    /// [`Network::snapshot_json`] without a key, [`Network::snapshot_json_keyed`] with one.
    ///
    /// # Errors
    /// As [`Network::snapshot_json_keyed`].
    pub fn snapshot_json_with(&self, key: Option<&ChainKey>) -> Result<String> {
        match key {
            None => Ok(self.snapshot_json()),
            Some(key) => self.snapshot_json_keyed(key),
        }
    }

    /// The state as a snapshot's digest covers it ([`canonical_json`]): what
    /// a store keeps beside the position and digest of its snapshot.
    pub fn state_json(&self) -> String {
        // Serialising these plain types cannot fail: no map has non-string keys.
        canonical_json(&serde_json::to_value(self.state()).unwrap_or_default())
    }

    /// A network from a state written as [`Network::state_json`] writes it,
    /// taken at `position` of a chain with `key` (SHA-256 without one), whose
    /// `digest` ([`snapshot_digest`]) is verified over the very bytes given,
    /// before the state is read and checked against the invariants. Its
    /// journal starts empty and continues the chain from `position`. A store
    /// keeps its snapshots so (the position's hash is the stored link of its
    /// event, which the store checks). Unlike a JSON snapshot, the state is
    /// not written back to check its spelling: what a large state costs to
    /// read is what opening a store costs, and the digest already covers
    /// every byte given.
    ///
    /// # Errors
    /// `journal.snapshot.digest`, `journal.json.malformed` (a state that
    /// does not read as a state), `journal.snapshot.inconsistent`.
    pub fn from_state_json(
        state: &str,
        position: &ChainPosition,
        digest: &ChainHash,
        key: Option<&ChainKey>,
    ) -> Result<Network> {
        if snapshot_digest(position, state, key) != *digest {
            return Err(digest_mismatch(position));
        }
        let parsed: NetworkState = serde_json::from_str(state).map_err(|e| json_error(None, &e))?;
        Network::at_position(parsed, position, key)
    }

    /// The state in the compact binary encoding ([`crate::state_codec`]):
    /// what a store keeps of its snapshots, several times smaller and faster
    /// to read than [`Network::state_json`].
    pub fn state_bytes(&self) -> Vec<u8> {
        crate::state_codec::encode_state(self.state())
    }

    /// A network from a state written as [`Network::state_bytes`] writes
    /// it, as [`Network::from_state_json`] reads the JSON one: the `digest`
    /// ([`snapshot_digest_of`]) verified over the very bytes given (on a
    /// second thread while the bytes are read, unless the thread setting,
    /// [`crate::threads::Threads`], is one: a state whose digest fails is
    /// dropped unused), every value checked as the JSON reader checks
    /// it, then the invariants. The encoding's magic and version are read
    /// first, as a JSON snapshot's format and schema version are.
    ///
    /// # Errors
    /// `journal.snapshot.digest`, `journal.snapshot.encoding` (bytes that
    /// do not read as a state), `journal.snapshot.inconsistent`.
    pub fn from_state_bytes(
        state: &[u8],
        position: &ChainPosition,
        digest: &ChainHash,
        key: Option<&ChainKey>,
    ) -> Result<Network> {
        crate::state_codec::check_header(state)?;
        let verify = || snapshot_digest_of(position, state, key) == *digest;
        let (verified, parsed) = if crate::threads::Threads::for_engine().get() > 1 {
            std::thread::scope(|scope| {
                let verifying = scope.spawn(verify);
                let parsed = crate::state_codec::decode_state(state);
                // A digest thread cannot panic; were it to, the state is refused.
                (verifying.join().unwrap_or(false), parsed)
            })
        } else {
            (verify(), crate::state_codec::decode_state(state))
        };
        if !verified {
            return Err(digest_mismatch(position));
        }
        Network::at_position(parsed?, position, key)
    }

    /// A network from a verified state at `position`, its invariants checked.
    fn at_position(state: NetworkState, position: &ChainPosition, key: Option<&ChainKey>) -> Result<Network> {
        if position.seq != state.last_seq {
            return Err(Error::SnapshotInconsistent {
                rule: "a snapshot's event number is its state's last one",
                id: position.seq.to_string(),
            });
        }
        let mut network = Network::from_checked_state(state)?;
        network.chain =
            ChainBase::After { seq: position.seq, hash: position.hash.0, key_check: key.map(|k| key_check(k).0) };
        Ok(network)
    }

    /// A network from a JSON snapshot written without a key; its journal
    /// starts empty. See [`Network::from_snapshot_json_with_key`].
    ///
    /// # Errors
    /// As [`Network::from_snapshot_json_with_key`].
    pub fn from_snapshot_json(json: &str) -> Result<Network> {
        Network::from_snapshot_json_with_key(json, None).map(|(network, _)| network)
    }

    /// A network from a JSON snapshot, verified with `key` if given (see
    /// the module's documentation); says how it was verified (`Unverified`
    /// for a schema-1 snapshot). Its journal starts empty and continues the
    /// snapshot's chain.
    ///
    /// The snapshot is read as strictly as a journal, and its state must be
    /// consistent (see [`crate::snapshot`]).
    ///
    /// # Errors
    /// `journal.json.malformed`, `journal.schema.unknown`,
    /// `store.key.required`, `store.key.invalid`, `journal.snapshot.digest`,
    /// `journal.snapshot.inconsistent`.
    pub fn from_snapshot_json_with_key(json: &str, key: Option<&ChainKey>) -> Result<(Network, Verification)> {
        crate::canonical::reject_repeated_keys(json, None)?;
        let snapshot: Snapshot = serde_json::from_str(json).map_err(|e| json_error(None, &e))?;
        let version = check_header(
            &snapshot.format,
            SNAPSHOT_FORMAT,
            &snapshot.schema_version,
            &[1, SNAPSHOT_SCHEMA_VERSION],
            None,
        )?;
        let position = if version == 1 {
            let chained = [&snapshot.hash, &snapshot.key_check, &snapshot.digest, &snapshot.chain]
                .iter()
                .any(|field| field.is_some())
                || snapshot.seq.is_some();
            if chained {
                return Err(malformed("a schema-1 snapshot has no chain position nor digest"));
            }
            if key.is_some() {
                return Err(Error::KeyInvalid(
                    "a schema-1 snapshot carries no digest for a key to authenticate".into(),
                ));
            }
            None
        } else {
            Some(verify(&snapshot, key)?)
        };
        let state: NetworkState = crate::canonical::from_value(&snapshot.state, None)?;
        let Some(position) = position else {
            return Ok((Network::from_checked_state(state)?, Verification::Unverified));
        };
        let network = Network::at_position(state, &position, key)?;
        let verification = match key {
            None => Verification::Sha256 { head: position.hash },
            Some(_) => Verification::Keyed { head: position.hash },
        };
        Ok((network, verification))
    }

    /// Rebuilds a network from a snapshot, then replays the journal written
    /// since. The journal is either the continuation the snapshot's network
    /// wrote ([`Network::journal_jsonl`]), or any journal of the same chain
    /// that starts at or before the snapshot (the whole journal, say): its
    /// chain is verified, its link at the snapshot's event must be the
    /// snapshot's hash, and only the events after it are replayed. A whole
    /// journal without an event (a header alone) adds nothing. A schema-1
    /// snapshot carries no chain to check: its journal's events are
    /// replayed on it as they are.
    ///
    /// # Errors
    /// As [`Network::from_snapshot_json`] and [`Network::replay`];
    /// `journal.snapshot.continuation` for a journal that does not continue
    /// the snapshot's chain (it starts after the snapshot's event, or its
    /// link there is another, or it carries no chain).
    pub fn resume(snapshot: &str, journal: &str) -> Result<Network> {
        Network::resume_with(snapshot, journal, None)
    }

    /// As [`Network::resume`], for a snapshot and a journal written with `key`.
    ///
    /// # Errors
    /// As [`Network::resume`] and [`Network::replay_with_key`].
    pub fn resume_with_key(snapshot: &str, journal: &str, key: &ChainKey) -> Result<Network> {
        Network::resume_with(snapshot, journal, Some(key))
    }

    /// [`Network::resume`] without a key, [`Network::resume_with_key`] with one.
    ///
    /// # Errors
    /// As [`Network::resume_with_key`].
    pub fn resume_with(snapshot: &str, journal: &str, key: Option<&ChainKey>) -> Result<Network> {
        let (mut network, _) = Network::from_snapshot_json_with_key(snapshot, key)?;
        let read = read_verified(journal, key)?;
        let events = network.events_after_snapshot(read.events, read.start, key)?;
        network.replay_all(events)?;
        Ok(network)
    }

    /// As [`Network::resume`], with the valid prefix of a journal whose last
    /// line may have been cut off; says what was dropped.
    ///
    /// # Errors
    /// As [`Network::resume`] and [`Network::replay_prefix`].
    pub fn resume_prefix(snapshot: &str, journal: &str) -> Result<(Network, Option<Dropped>)> {
        Network::resume_prefix_with(snapshot, journal, None)
    }

    /// As [`Network::resume_prefix`], for a snapshot and a journal written with `key`.
    ///
    /// # Errors
    /// As [`Network::resume_prefix`] and [`Network::replay_with_key`].
    pub fn resume_prefix_with_key(snapshot: &str, journal: &str, key: &ChainKey) -> Result<(Network, Option<Dropped>)> {
        Network::resume_prefix_with(snapshot, journal, Some(key))
    }

    /// [`Network::resume_prefix`] without a key, [`Network::resume_prefix_with_key`] with one.
    ///
    /// # Errors
    /// As [`Network::resume_prefix_with_key`].
    pub fn resume_prefix_with(
        snapshot: &str,
        journal: &str,
        key: Option<&ChainKey>,
    ) -> Result<(Network, Option<Dropped>)> {
        let (mut network, _) = Network::from_snapshot_json_with_key(snapshot, key)?;
        let prefix = read_valid_prefix_verified(journal, key)?;
        let events = network.events_after_snapshot(prefix.events, prefix.start, key)?;
        network.replay_all(events)?;
        Ok((network, prefix.dropped))
    }

    /// The events of a journal that come after this network's snapshot,
    /// once the journal is shown to continue the snapshot's chain: it starts
    /// at or before the snapshot's event, and its link there is the
    /// snapshot's hash. A network rebuilt without a chain position takes
    /// every event, as schema-1 snapshots always did.
    fn events_after_snapshot(
        &self,
        mut events: Vec<Event>,
        start: Option<ChainPosition>,
        key: Option<&ChainKey>,
    ) -> Result<Vec<Event>> {
        let ChainBase::After { seq, hash, .. } = &self.chain else { return Ok(events) };
        let base = ChainPosition { seq: *seq, hash: ChainHash(*hash) };
        let Some(start) = start else {
            return Err(continuation("a schema-1 journal carries no chain to continue the snapshot's".into()));
        };
        // A whole journal without an event (its header alone) claims nothing
        // about the chain and adds nothing to the snapshot.
        if start.seq == 0 && events.is_empty() {
            return Ok(events);
        }
        let Some(before) = base.seq.checked_sub(start.seq) else {
            return Err(continuation(format!(
                "the journal continues event {}, after the snapshot's last event {}: the events between are missing",
                start.seq, base.seq
            )));
        };
        let skip = usize::try_from(before).unwrap_or(usize::MAX);
        if events.len() < skip {
            let last = events.last().map_or(start.seq, |e| e.seq);
            return Err(continuation(format!(
                "the journal ends at event {last}, before the snapshot's last event {}",
                base.seq
            )));
        }
        let mut head = start.hash;
        for (expected, event) in (start.seq..).skip(1).zip(&events[..skip]) {
            if event.seq != expected {
                return Err(continuation(format!(
                    "the journal's event {expected} is numbered {}: it is not the chain the snapshot belongs to",
                    event.seq
                )));
            }
            head = link(&head, event, key);
        }
        if head != base.hash {
            return Err(continuation(if skip == 0 {
                format!("the journal continues event {} from another hash: it follows another snapshot", base.seq)
            } else {
                format!(
                    "the journal's link at event {} is not the snapshot's hash: they belong to different chains",
                    base.seq
                )
            }));
        }
        Ok(events.split_off(skip))
    }
}
