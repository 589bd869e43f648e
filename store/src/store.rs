//! The store's file: opening it, reading its events, appending new ones
//! under optimistic concurrency.

use crate::schema;
use crate::sqlite::store_error;
use coopetition::chain::{ChainKey, Verification};
use coopetition::journal::{plain_line, write_journal, write_journal_keyed};
use coopetition::network::{Action, Event, Network};
use coopetition::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
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
        schema::prepare(&mut conn, &path, options.read_only)?;
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
        Ok(Store { conn, path, key: options.key.clone() })
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
        last_seq(&self.conn, &self.path)
    }

    /// The stored events numbered after `seq`, in order, each read as
    /// strictly as a journal line.
    ///
    /// # Errors
    /// `store.file.corrupt` for a row whose number is not its event's, the
    /// core's `journal.*` error for a line it would not read, or SQLite's
    /// failure.
    pub fn events_after(&self, seq: u64) -> Result<Vec<Event>> {
        let from = i64::try_from(seq).unwrap_or(i64::MAX);
        let mut statement = self
            .conn
            .prepare_cached("SELECT seq, line FROM events WHERE seq > ?1 ORDER BY seq")
            .map_err(|e| self.failed(&e))?;
        let rows = statement
            .query_map([from], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.failed(&e))?;
        let mut events = Vec::new();
        for row in rows {
            let (seq, line) = row.map_err(|e| self.failed(&e))?;
            let event = Event::from_json(&line)?;
            if u64::try_from(seq).ok() != Some(event.seq) {
                return Err(Error::StoreCorrupt(format!("row {seq} holds event {}", event.seq)));
            }
            events.push(event);
        }
        Ok(events)
    }

    /// The whole journal of the store as JSON Lines, chained as the core's
    /// journal is (with the store's key, if it was opened with one): a file
    /// that [`coopetition::network::Network::replay`] or
    /// [`crate::StoredNetwork::import`] reads back on another machine.
    ///
    /// # Errors
    /// As [`Store::events_after`].
    pub fn export_jsonl(&self) -> Result<String> {
        let events = self.events_after(0)?;
        Ok(match &self.key {
            Some(key) => write_journal_keyed(&events, key),
            None => write_journal(&events),
        })
    }

    /// Checks the whole store: every event read back, its chain verified
    /// (with the store's key, if given) and every event replayed with its
    /// checks run again. Says how the chain was verified.
    ///
    /// # Errors
    /// As [`Store::events_after`]; `journal.chain.broken`,
    /// `store.key.required`, `store.key.invalid`; or the first event the
    /// core refuses to replay.
    pub fn verify(&self) -> Result<Verification> {
        Network::replay_verified(&self.export_jsonl()?, self.key.as_ref()).map(|(_, verification)| verification)
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
        let found = last_seq(&tx, path)?;
        if found != expected_last {
            return Err(Error::StoreConflict { expected: expected_last, found });
        }
        {
            let mut insert =
                tx.prepare_cached("INSERT INTO events (seq, line, hash) VALUES (?1, ?2, NULL)").map_err(failed)?;
            for event in events {
                let seq = i64::try_from(event.seq)
                    .map_err(|_| Error::StoreFailed(format!("event {} is beyond the store's numbers", event.seq)))?;
                insert.execute(rusqlite::params![seq, plain_line(event)]).map_err(failed)?;
                if let Action::FoundNetwork { settings, .. } = &event.action {
                    tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('network', ?1)", [&settings.name])
                        .map_err(failed)?;
                }
            }
        }
        tx.commit().map_err(failed)
    }
}

fn last_seq(conn: &Connection, path: &Path) -> Result<u64> {
    let last: i64 = conn
        .query_row("SELECT COALESCE(MAX(seq), 0) FROM events", [], |r| r.get(0))
        .map_err(|e| store_error(path, &e))?;
    u64::try_from(last).map_err(|_| Error::StoreCorrupt(format!("event number {last}")))
}
