//! The store's file: opening it, reading its events, appending new ones
//! under optimistic concurrency.

use crate::schema::{self, STORE_SCHEMA_VERSION};
use crate::sqlite::store_error;
use coopetition::chain::{chained_line, genesis, link_line, ChainHash, ChainKey, ChainPosition, Verification};
use coopetition::journal::{header_line, plain_line};
use coopetition::network::{Action, Event, Network};
use coopetition::snapshot_file::snapshot_digest_of;
use coopetition::state_codec::{encoded_version, is_encoded_state, STATE_ENCODING_VERSION};
use coopetition::{Error, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// When SQLite waits for the disk at a commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    /// Every commit is synced to disk before `execute` returns: an
    /// acknowledged event survives a crash of the process and a power loss.
    /// The default.
    #[default]
    Full,
    /// Commits are synced at checkpoints only: an acknowledged event survives
    /// a crash of the process, but the last ones may be lost if the machine
    /// stops. Faster.
    Normal,
}

/// How a store is opened.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// When commits are synced to disk; [`Synchronous::Full`] by default.
    pub synchronous: Synchronous,
    /// How long a write waits for another connection's write to finish
    /// before failing with `store.file.busy`; 5 seconds by default.
    pub busy_timeout: Duration,
    /// Opens an existing store for reading only: every write fails with
    /// `store.file.read_only`. Off by default.
    pub read_only: bool,
    /// The largest size the file may grow to, in bytes (rounded down to
    /// whole database pages); a write beyond it fails with `store.disk.full`
    /// as a full disk would. No limit by default.
    pub max_bytes: Option<u64>,
    /// The key that authenticates the store's chain (HMAC-SHA256), if the
    /// application holds one: a store written with a key opens only with it,
    /// and its export is a keyed journal. None by default.
    pub key: Option<ChainKey>,
}

impl Default for StoreOptions {
    fn default() -> StoreOptions {
        StoreOptions {
            synchronous: Synchronous::Full,
            busy_timeout: Duration::from_secs(5),
            read_only: false,
            max_bytes: None,
            key: None,
        }
    }
}

/// An open store: one SQLite file holding a network's events.
///
/// A store only reads and appends events; [`crate::StoredNetwork`] decides
/// which events to append.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    key: Option<ChainKey>,
    /// The journal header the chain starts from, and its hash.
    header: String,
    genesis: ChainHash,
    /// The last event this store read or wrote, and its link: a write checks
    /// that the file still ends with it.
    head: Option<(u64, ChainHash)>,
}

impl Store {
    /// Opens the store at `path`, creating it if the file does not exist or
    /// is empty.
    ///
    /// # Errors
    /// `store.file.not_store` for a file that is not a store (another
    /// database, or not a database), `store.schema.unknown` for a store
    /// written by a newer build, `store.file.read_only`, `store.file.busy`,
    /// `store.file.corrupt` or `store.io.failed` when SQLite fails.
    pub fn open(path: impl AsRef<Path>, options: &StoreOptions) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let failed = |e: rusqlite::Error| store_error(&path, &e);
        let flags = if options.read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        };
        let mut conn = Connection::open_with_flags(&path, flags).map_err(failed)?;
        conn.busy_timeout(options.busy_timeout).map_err(failed)?;
        schema::prepare(&mut conn, &path, options.read_only, options.key.as_ref())?;
        let (header, genesis) = chain_start(&conn, &path, options.key.as_ref())?;
        if !options.read_only {
            // WAL is recorded in the file: readers never block the writer, and a
            // commit is one append to the log.
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(failed)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::StoreFailed(format!("the store cannot use WAL mode (`{mode}`)")));
            }
        }
        let synchronous = match options.synchronous {
            Synchronous::Full => "FULL",
            Synchronous::Normal => "NORMAL",
        };
        conn.pragma_update(None, "synchronous", synchronous).map_err(failed)?;
        if let Some(bytes) = options.max_bytes {
            let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).map_err(failed)?;
            let pages = bytes.checked_div(u64::try_from(page).unwrap_or(u64::MAX)).unwrap_or(0);
            let _: i64 =
                conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| r.get(0)).map_err(failed)?;
        }
        Ok(Store { conn, path, key: options.key.clone(), header, genesis, head: None })
    }

    /// The file of this store.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn failed(&self, error: &rusqlite::Error) -> Error {
        store_error(&self.path, error)
    }

    /// The network's name, once the founding event is stored.
    ///
    /// # Errors
    /// SQLite's failure, as a `store.*` error.
    pub fn network_name(&self) -> Result<Option<String>> {
        schema::meta(&self.conn, &self.path, "network")
    }

    /// The sequence number of the last stored event, 0 for none.
    ///
    /// # Errors
    /// SQLite's failure, as a `store.*` error.
    pub fn last_seq(&self) -> Result<u64> {
        last_link(&self.conn, &self.path, &self.genesis).map(|(seq, _)| seq)
    }

    /// The stored events numbered after `seq`, in order, each read as
    /// strictly as a journal line and its link of the chain verified from
    /// the stored link of event `seq`.
    ///
    /// # Errors
    /// `journal.chain.broken` for a row whose link does not verify (its
    /// `line` is the event's line in the store's export);
    /// `store.file.corrupt` for a missing event or a row whose number is not
    /// its event's; the core's `journal.*` error for a line it would not
    /// read; or SQLite's failure.
    pub fn events_after(&mut self, seq: u64) -> Result<Vec<Event>> {
        let mut events = Vec::new();
        let head = self.rows_after(seq, |number, line, _| {
            events.push(stored_event(number, line)?);
            Ok(())
        })?;
        self.head = Some(head);
        Ok(events)
    }

    /// The stored link of event `seq` (the header's for 0).
    fn link_of(&self, seq: u64) -> Result<ChainHash> {
        if seq == 0 {
            return Ok(self.genesis);
        }
        let row = i64::try_from(seq).map_err(|_| Error::StoreCorrupt(format!("event {seq}")))?;
        let hash: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT hash FROM events WHERE seq = ?1", [row], |r| r.get(0))
            .optional()
            .map_err(|e| self.failed(&e))?;
        let hash = hash.ok_or_else(|| Error::StoreCorrupt(format!("event {seq} is missing")))?;
        stored_hash(seq, &hash)
    }

    /// Walks the rows after `seq` in order, verifying each link from the
    /// stored link of `seq`, and gives each one's number, line and link to
    /// `visit`; returns the last number and link.
    fn rows_after(
        &self,
        seq: u64,
        mut visit: impl FnMut(u64, &str, &ChainHash) -> Result<()>,
    ) -> Result<(u64, ChainHash)> {
        let mut previous = (seq, self.link_of(seq)?);
        let from = i64::try_from(seq).unwrap_or(i64::MAX);
        let mut statement = self
            .conn
            .prepare_cached("SELECT seq, line, hash FROM events WHERE seq > ?1 ORDER BY seq")
            .map_err(|e| self.failed(&e))?;
        let mut rows = statement.query([from]).map_err(|e| self.failed(&e))?;
        while let Some(row) = rows.next().map_err(|e| self.failed(&e))? {
            let number: i64 = row.get(0).map_err(|e| self.failed(&e))?;
            let expected = previous.0.checked_add(1).ok_or_else(|| Error::StoreCorrupt("event numbers".into()))?;
            if u64::try_from(number).ok() != Some(expected) {
                return Err(Error::StoreCorrupt(format!("event {expected} is missing (the next row is {number})")));
            }
            let corrupt = |what: &str| Error::StoreCorrupt(format!("event {expected}: {what}"));
            let line = std::str::from_utf8(column_bytes(row, 1).ok_or_else(|| corrupt("its line is not text"))?)
                .map_err(|_| corrupt("its line is not UTF-8"))?;
            let stored = column_bytes(row, 2).ok_or_else(|| corrupt("its hash is not bytes"))?;
            let link = link_line(&previous.1, line, self.key.as_ref());
            if stored_hash(expected, stored)? != link {
                return Err(Error::ChainBroken {
                    line: usize::try_from(expected).unwrap_or(usize::MAX).saturating_add(1),
                    seq: Some(expected),
                    reason: "the stored event does not carry the hash that continues the chain",
                });
            }
            visit(expected, line, &link)?;
            previous = (expected, link);
        }
        Ok(previous)
    }

    /// The whole journal of the store as JSON Lines, chained as the core's
    /// journal is (with the store's key, if it was written with one): the
    /// same bytes as the core's `journal_jsonl` of the same events, which
    /// [`coopetition::network::Network::replay`] or
    /// [`crate::StoredNetwork::import`] reads back on another machine. Each
    /// link is verified on the way.
    ///
    /// # Errors
    /// As [`Store::events_after`].
    pub fn export_jsonl(&self) -> Result<String> {
        let mut out = self.header.clone();
        out.push('\n');
        self.rows_after(0, |_, line, link| {
            out.push_str(&chained_line(line, link));
            out.push('\n');
            Ok(())
        })?;
        Ok(out)
    }

    /// Checks the whole store: its latest snapshot as opening checks it,
    /// then every event read back, its chain verified (with the store's key,
    /// if given) and every event replayed with its checks run again, and
    /// the snapshot's state compared with the state the events up to it
    /// rebuild. Says how the chain was verified.
    ///
    /// # Errors
    /// As [`Store::events_after`]; `journal.chain.broken`,
    /// `store.key.required`, `store.key.invalid`;
    /// `journal.snapshot.continuation`, `journal.snapshot.digest`,
    /// `journal.snapshot.inconsistent` for a snapshot that fails (its facts
    /// disagree, or its state is not the one its events rebuild); or the
    /// first event the core refuses to replay.
    pub fn verify(&self) -> Result<Verification> {
        self.replay_verified().map(|(_, verification)| verification)
    }

    /// As [`Store::verify`], keeping the network the events rebuild: every
    /// event replayed from the first, whatever snapshot the store holds.
    ///
    /// # Errors
    /// As [`Store::verify`].
    pub fn replay_verified(&self) -> Result<(Network, Verification)> {
        let journal = self.export_jsonl()?;
        let Some(snapshot) = self.latest_snapshot()? else {
            return Network::replay_verified(&journal, self.key.as_ref());
        };
        let seq = snapshot.position.seq;
        let from_snapshot = snapshot.rebuild(self.key())?;
        // The journal up to the snapshot's event (its header and `seq` lines),
        // replayed: the snapshot must hold the state its events rebuild. A
        // consistent edit of a snapshot written without a key, its digest
        // recomputed, opens; it does not verify.
        let end = usize::try_from(seq).ok().and_then(|n| journal.match_indices('\n').nth(n)).map(|(at, _)| at + 1);
        let end = end.ok_or_else(|| Error::StoreCorrupt(format!("the snapshot at event {seq}: no such event")))?;
        let (mut network, verification) = Network::replay_verified(&journal[..end], self.key.as_ref())?;
        if network.state() != from_snapshot.state() {
            return Err(Error::SnapshotInconsistent {
                rule: "a snapshot holds the state its events rebuild",
                id: seq.to_string(),
            });
        }
        drop(from_snapshot);
        // Then the events after it, on the same network.
        let (_, head) = self.rows_after(seq, |number, line, _| network.replay_event(stored_event(number, line)?))?;
        let verification = match verification {
            Verification::Unverified => Verification::Unverified,
            Verification::Sha256 { .. } => Verification::Sha256 { head },
            Verification::Keyed { .. } => Verification::Keyed { head },
        };
        Ok((network, verification))
    }

    /// Appends events in one transaction, all or nothing, if the store's last
    /// event is still `expected_last`: the optimistic concurrency that keeps
    /// two writers from both appending the same number.
    ///
    /// # Errors
    /// `store.write.conflict` if another writer appended since; the store's
    /// `store.*` error if the write fails. Nothing is written then.
    pub(crate) fn append(&mut self, expected_last: u64, events: &[Event]) -> Result<()> {
        let path = &self.path;
        let failed = |e: rusqlite::Error| store_error(path, &e);
        // IMMEDIATE takes the write lock before the check, so no other writer
        // can append between the check and the insert.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(failed)?;
        let (found, mut link) = last_link(&tx, path, &self.genesis)?;
        if found != expected_last {
            return Err(Error::StoreConflict { expected: expected_last, found });
        }
        if let Some((seq, known)) = self.head {
            if seq == found && known != link {
                return Err(Error::StoreCorrupt(format!(
                    "event {seq} is no longer the one this writer read: the file was rewritten"
                )));
            }
        }
        {
            let mut insert =
                tx.prepare_cached("INSERT INTO events (seq, line, hash) VALUES (?1, ?2, ?3)").map_err(failed)?;
            for event in events {
                let seq = i64::try_from(event.seq)
                    .map_err(|_| Error::StoreFailed(format!("event {} is beyond the store's numbers", event.seq)))?;
                let line = plain_line(event);
                link = link_line(&link, &line, self.key.as_ref());
                insert.execute(rusqlite::params![seq, line, &link.0[..]]).map_err(failed)?;
                if let Action::FoundNetwork { settings, .. } = &event.action {
                    tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('network', ?1)", [&settings.name])
                        .map_err(failed)?;
                }
            }
        }
        tx.commit().map_err(failed)?;
        if let Some(last) = events.last() {
            self.head = Some((last.seq, link));
        }
        Ok(())
    }
}

/// A snapshot as a store keeps it: its state written as the digest covers
/// it (the compact binary encoding; JSON in a store of schema version 1),
/// its place in the chain and its digest.
#[derive(Debug)]
pub(crate) struct StoredSnapshot {
    pub(crate) position: ChainPosition,
    pub(crate) state: Vec<u8>,
    pub(crate) digest: ChainHash,
}

impl StoredSnapshot {
    /// The network the snapshot holds, its digest verified and its state
    /// checked, read in the encoding its bytes start with.
    ///
    /// # Errors
    /// `journal.snapshot.digest`, `journal.snapshot.encoding`,
    /// `journal.json.malformed`, `journal.snapshot.inconsistent`;
    /// `store.file.corrupt` for a JSON state that is not UTF-8.
    pub(crate) fn rebuild(&self, key: Option<&ChainKey>) -> Result<Network> {
        if is_encoded_state(&self.state) {
            return Network::from_state_bytes(&self.state, &self.position, &self.digest, key);
        }
        let json = std::str::from_utf8(&self.state).map_err(|_| {
            Error::StoreCorrupt(format!("the snapshot at event {}: its state is not UTF-8", self.position.seq))
        })?;
        Network::from_state_json(json, &self.position, &self.digest, key)
    }
}

impl Store {
    /// The key the store's chain is authenticated with, if any.
    pub(crate) fn key(&self) -> Option<&ChainKey> {
        self.key.as_ref()
    }

    /// Writes a snapshot of `network`, which holds the store's events up to
    /// its last one: its state, the number and stored link of that event,
    /// and the digest binding them (keyed with the store's key). A snapshot
    /// already taken at that number is replaced by the same one.
    ///
    /// # Errors
    /// `store.file.corrupt` if the store does not hold the network's last
    /// event; the store's `store.*` error if the write fails (nothing is
    /// written then).
    pub(crate) fn write_snapshot(&mut self, network: &Network) -> Result<u64> {
        let seq = network.state().last_seq;
        let position = ChainPosition { seq, hash: self.link_of(seq)? };
        let state = network.state_bytes();
        let digest = snapshot_digest_of(&position, &state, self.key.as_ref());
        let row = i64::try_from(seq).map_err(|_| Error::StoreCorrupt(format!("event {seq}")))?;
        let path = &self.path;
        let failed = |e: rusqlite::Error| store_error(path, &e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(failed)?;
        tx.execute(
            "INSERT OR REPLACE INTO snapshots (seq, state, hash, digest) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![row, state, &position.hash.0[..], &digest.0[..]],
        )
        .map_err(failed)?;
        // A binary state is read from schema version 2 on: a store of version
        // 1 is raised to it with its first binary snapshot, so that a build
        // reading version 1 only refuses it by its version.
        tx.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'schema_version' AND value = '1'",
            [STORE_SCHEMA_VERSION.to_string()],
        )
        .map_err(failed)?;
        tx.commit().map_err(failed)?;
        Ok(seq)
    }

    /// The latest snapshot, if any, once its hash is shown to be the stored
    /// link of its event (the events after it continue its chain). Its
    /// digest is verified when the network is rebuilt from it.
    ///
    /// # Errors
    /// `journal.snapshot.continuation` if the stored link of its event is
    /// another; `store.file.corrupt` for a row of another shape or a
    /// snapshot of an event the store does not hold; SQLite's failure.
    pub(crate) fn latest_snapshot(&self) -> Result<Option<StoredSnapshot>> {
        type Row = (i64, Option<Vec<u8>>, Option<Vec<u8>>, Option<Vec<u8>>);
        let bytes = |r: &rusqlite::Row<'_>, i: usize| column_bytes(r, i).map(<[u8]>::to_vec);
        let row: Option<Row> = self
            .conn
            .query_row("SELECT seq, state, hash, digest FROM snapshots ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok((r.get(0)?, bytes(r, 1), bytes(r, 2), bytes(r, 3)))
            })
            .optional()
            .map_err(|e| self.failed(&e))?;
        let Some((seq, state, hash, digest)) = row else { return Ok(None) };
        let corrupt = |what: &str| Error::StoreCorrupt(format!("the snapshot at event {seq}: {what}"));
        let seq = u64::try_from(seq).map_err(|_| corrupt("its number"))?;
        let hash = stored_hash(seq, hash.as_deref().unwrap_or_default()).map_err(|_| corrupt("its hash"))?;
        let digest = stored_hash(seq, digest.as_deref().unwrap_or_default()).map_err(|_| corrupt("its digest"))?;
        let state = state.ok_or_else(|| corrupt("its state is not text or bytes"))?;
        // A snapshot in an older binary encoding, written by an earlier build,
        // is passed over: the events it summed up are all in the store, so the
        // network is rebuilt from them (slower, never different); the next
        // snapshot is written in this build's encoding.
        if encoded_version(&state).is_some_and(|v| v < STATE_ENCODING_VERSION) {
            return Ok(None);
        }
        if self.link_of(seq)? != hash {
            return Err(Error::SnapshotContinuation(format!(
                "the stored event {seq} does not carry the snapshot's hash: the snapshot belongs to another chain"
            )));
        }
        Ok(Some(StoredSnapshot { position: ChainPosition { seq, hash }, state, digest }))
    }
}

/// The event a stored row holds, which must be the event of its number.
fn stored_event(number: u64, line: &str) -> Result<Event> {
    let event = Event::from_json(line)?;
    if event.seq != number {
        return Err(Error::StoreCorrupt(format!("row {number} holds event {}", event.seq)));
    }
    Ok(event)
}

/// A column's bytes, whether SQLite holds them as text or as a blob (an edit
/// made with SQL may turn one into the other); `None` for a number or NULL.
fn column_bytes<'a>(row: &'a rusqlite::Row<'_>, column: usize) -> Option<&'a [u8]> {
    match row.get_ref(column) {
        Ok(rusqlite::types::ValueRef::Text(bytes) | rusqlite::types::ValueRef::Blob(bytes)) => Some(bytes),
        _ => None,
    }
}

/// The last stored event's number and link (0 and the header's link for none).
fn last_link(conn: &Connection, path: &Path, genesis: &ChainHash) -> Result<(u64, ChainHash)> {
    let last: Option<(i64, Vec<u8>)> = conn
        .query_row("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, column_bytes(r, 1).map(<[u8]>::to_vec).unwrap_or_default()))
        })
        .optional()
        .map_err(|e| store_error(path, &e))?;
    match last {
        None => Ok((0, *genesis)),
        Some((seq, hash)) => {
            let seq = u64::try_from(seq).map_err(|_| Error::StoreCorrupt(format!("event number {seq}")))?;
            Ok((seq, stored_hash(seq, &hash)?))
        }
    }
}

/// A link as a row stores it: 32 bytes.
fn stored_hash(seq: u64, bytes: &[u8]) -> Result<ChainHash> {
    let bytes: [u8; 32] =
        bytes.try_into().map_err(|_| Error::StoreCorrupt(format!("event {seq}'s hash is not 32 bytes")))?;
    Ok(ChainHash(bytes))
}

/// The header the store's chain starts from and its link, checked against
/// the key: a store written with a key opens only with it, and one written
/// without a key opens only without.
fn chain_start(conn: &Connection, path: &Path, key: Option<&ChainKey>) -> Result<(String, ChainHash)> {
    let corrupt = |what: &str| Error::StoreCorrupt(format!("the store's {what} is missing or misspelt"));
    let header = schema::meta(conn, path, schema::HEADER_KEY)?.ok_or_else(|| corrupt("journal header"))?;
    let stored = schema::meta(conn, path, schema::GENESIS_KEY)?
        .and_then(|hex| ChainHash::from_hex(&hex))
        .ok_or_else(|| corrupt("first link"))?;
    let keyed = if header == header_line(true) {
        true
    } else if header == header_line(false) {
        false
    } else {
        return Err(corrupt("journal header"));
    };
    match (keyed, key) {
        (true, None) => return Err(Error::KeyRequired),
        (false, Some(_)) => return Err(Error::KeyInvalid("the store was written without a key".into())),
        _ => {}
    }
    if genesis(&header, key) != stored {
        return Err(match key {
            Some(_) => Error::KeyInvalid("the key does not authenticate this store".into()),
            None => Error::ChainBroken { line: 1, seq: None, reason: "the header's hash does not match" },
        });
    }
    Ok((header, stored))
}
