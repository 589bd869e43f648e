//! A `Network` backed by a store file: opening, importing, closing,
//! reloading, exporting and verifying it. Conversions only: what a store does
//! is the `coopetition-store` crate's, shared with Python.
//!
//! Kotlin's `close()` (and so `use { }`) is the one uniffi generates for every
//! object: it frees the Rust object, and with it the store's connection, as
//! soon as no call is running on it — the file is closed when `use` returns.
//! [`Network::close_store`] closes the file but keeps the object, whose
//! queries still answer on the network as it was.

use crate::commands::{Command, Event};
use crate::error::Result;
use crate::network::Network;
use coopetition_store::{NetworkHandle, StoreOptions, Verified};
use std::sync::Arc;
use std::time::Duration;

/// When a store waits for the disk at a commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Synchronous {
    /// Every commit is synced to disk before the command returns: an
    /// acknowledged event survives a crash of the process and a power loss.
    /// The default.
    Full,
    /// Commits are synced at checkpoints only: an acknowledged event survives
    /// a crash of the process, but the last ones may be lost if the machine
    /// stops. Faster.
    Normal,
}

impl From<Synchronous> for coopetition_store::Synchronous {
    fn from(value: Synchronous) -> Self {
        match value {
            Synchronous::Full => coopetition_store::Synchronous::Full,
            Synchronous::Normal => coopetition_store::Synchronous::Normal,
        }
    }
}

/// How a store's chain was verified ([`Network::verify`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StoreVerification {
    /// `unverified` (a journal of schema version 1, without a chain),
    /// `sha256` (every link verified) or `keyed` (every link verified with
    /// HMAC-SHA256 and the store's key).
    pub chain: String,
    /// The last link verified, in lowercase hexadecimal; null when unverified.
    pub head: Option<String>,
}

impl From<Verified> for StoreVerification {
    fn from(verified: Verified) -> Self {
        StoreVerification { chain: verified.chain.to_owned(), head: verified.head }
    }
}

/// The options of [`Network::open`] and [`Network::import_jsonl`]; a `None` keeps the store's default.
fn options(
    synchronous: Option<Synchronous>,
    key: Option<Vec<u8>>,
    read_only: bool,
    busy_timeout: Option<Duration>,
    max_bytes: Option<u64>,
) -> Result<StoreOptions> {
    let defaults = StoreOptions::default();
    Ok(StoreOptions {
        synchronous: synchronous.map_or(defaults.synchronous, Into::into),
        busy_timeout: busy_timeout.unwrap_or(defaults.busy_timeout),
        read_only,
        max_bytes,
        key: crate::network::chain_key(key)?,
    })
}

#[uniffi::export]
impl Network {
    /// Opens the store file at `path`, creating it if it does not exist, and
    /// rebuilds its network by replaying its events.
    ///
    /// The network has every command and query of an in-memory one; each
    /// accepted command is written to the file before it is applied, so what
    /// a command returned survives a restart. `synchronous` is
    /// [`Synchronous::Full`] when null. `key` authenticates the store's
    /// chain: a store written with a key opens only with it. `read_only`
    /// refuses every write with `store.file.read_only`. A write waits up to
    /// `busy_timeout` (5 seconds when null) for another writer before failing
    /// with `store.file.busy`; `max_bytes` caps the file's size
    /// (`store.disk.full` beyond it). `use { }` closes the file on exit.
    ///
    /// # Errors
    /// `store.file.not_store`, `store.schema.unknown`, `store.key.required`,
    /// `store.key.invalid`, `store.file.read_only`, `store.file.busy`,
    /// `store.file.corrupt`, `store.io.failed`, or the first stored event
    /// the core refuses to replay.
    #[uniffi::constructor(default(synchronous = None, key = None, read_only = false, busy_timeout = None, max_bytes = None))]
    pub fn open(
        path: String,
        synchronous: Option<Synchronous>,
        key: Option<Vec<u8>>,
        read_only: bool,
        busy_timeout: Option<Duration>,
        max_bytes: Option<u64>,
    ) -> Result<Arc<Network>> {
        let options = options(synchronous, key, read_only, busy_timeout, max_bytes)?;
        Ok(Arc::new(Network { inner: NetworkHandle::open(path, &options)? }))
    }

    /// Creates a store file at `path` holding a JSON Lines journal (as
    /// [`Network::export_jsonl`] or [`Network::journal_jsonl`] writes it),
    /// after verifying its hash chain (with `key` if it was written with one)
    /// and replaying every event with its checks: all or nothing. The store
    /// keeps `key`. The other arguments are [`Network::open`]'s.
    ///
    /// # Errors
    /// `store.file.not_empty` if the file already holds events; as
    /// [`Network::replay`] and [`Network::open`].
    #[uniffi::constructor(default(synchronous = None, key = None, busy_timeout = None, max_bytes = None))]
    pub fn import_jsonl(
        path: String,
        journal: String,
        synchronous: Option<Synchronous>,
        key: Option<Vec<u8>>,
        busy_timeout: Option<Duration>,
        max_bytes: Option<u64>,
    ) -> Result<Arc<Network>> {
        let options = options(synchronous, key, false, busy_timeout, max_bytes)?;
        Ok(Arc::new(Network { inner: NetworkHandle::import(path, &journal, &options)? }))
    }

    /// Executes commands in order, each checked on the state the previous
    /// ones leave: all or none. A store writes them in one transaction, much
    /// faster than one [`Network::execute`] each, as a sync needs.
    ///
    /// # Errors
    /// The first refusal, or the store's failure; nothing has changed then.
    pub fn execute_batch(&self, commands: Vec<Command>) -> Result<Vec<Event>> {
        Ok(self.inner.execute_batch(commands)?)
    }

    /// Closes the store's file but keeps this object: later commands,
    /// `check`, `reload`, `exportJsonl` and `verify` fail with
    /// `store.file.closed`; queries still answer on the network as it was.
    /// Closing twice is harmless; a network held in memory has no file, and
    /// closing it does nothing. (`close()`, and `use { }`, free the object
    /// itself, which closes its file too.)
    pub fn close_store(&self) {
        self.inner.close();
    }

    /// Whether the store's file was closed by [`Network::close_store`] (never,
    /// for a network held in memory).
    pub fn is_closed(&self) -> bool {
        self.inner.is_closed()
    }

    /// The store's file; null for a network held in memory.
    pub fn path(&self) -> Option<String> {
        self.inner.path().map(|p| p.display().to_string())
    }

    /// Applies the events another writer (another `Network.open` of the same
    /// file, in this process or another) appended since this network last
    /// read the file; returns how many. What to do after
    /// `store.write.conflict`, before retrying.
    ///
    /// # Errors
    /// `store.file.none` for a network held in memory, `store.file.closed`,
    /// the store's failure, or an event the core refuses to replay.
    pub fn reload(&self) -> Result<u64> {
        Ok(u64::try_from(self.inner.reload()?).unwrap_or(u64::MAX))
    }

    /// The store's whole journal as JSON Lines, its hash chain authenticated
    /// with the store's key if it was opened with one: what
    /// [`Network::import_jsonl`] (or [`Network::replay`]) reads on another
    /// machine.
    ///
    /// # Errors
    /// `store.file.none` for a network held in memory (use
    /// [`Network::journal_jsonl`]), `store.file.closed`, the store's failure.
    pub fn export_jsonl(&self) -> Result<String> {
        Ok(self.inner.export_jsonl()?)
    }

    /// Writes a snapshot of the network in the store (its state, the
    /// position and link of its last event, and a digest, keyed with the
    /// store's key) and returns its sequence number: later opens load it and
    /// replay only the events after it.
    ///
    /// # Errors
    /// `store.file.none` for a network held in memory (use
    /// [`Network::snapshot_json`]), `store.file.closed`, the store's failure.
    pub fn snapshot(&self) -> Result<u64> {
        Ok(self.inner.snapshot()?)
    }

    /// Checks the whole store: every event read back, its hash chain verified
    /// (with the store's key, if given) and replayed with every check.
    ///
    /// # Errors
    /// The first fault found (`journal.chain.broken`, `store.key.invalid`…),
    /// `store.file.none` for a network held in memory, `store.file.closed`.
    pub fn verify(&self) -> Result<StoreVerification> {
        Ok(self.inner.verify()?.into())
    }
}
