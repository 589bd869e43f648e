//! A durable store for coopetition networks: one SQLite file (embedded, built
//! from source with the crate) holds a network's journal, so that what
//! `execute` accepted survives a restart or a crash.
//!
//! The core keeps no I/O; this crate adds it around the core's *decide, then
//! commit*: a command is checked, its event is written in a SQLite
//! transaction, and only once the transaction committed is the event applied
//! in memory. A failed write (a read-only file, a full disk, another writer
//! that appended first) leaves the network in memory as it was, with a typed
//! `store.*` error.
//!
//! ```
//! use coopetition::prelude::*;
//! use coopetition_store::{StoreOptions, StoredNetwork};
//! # fn main() -> coopetition::Result<()> {
//! # let dir = tempfile::tempdir().map_err(|e| Error::StoreFailed(e.to_string()))?;
//! let path = dir.path().join("network.coop");
//! let alice = ActorId::new("alice")?;
//! let network = StoredNetwork::open(&path, &StoreOptions::default())?;
//! let founder = Actor { level: InvolvementLevel::Steward, ..Actor::new(alice.clone(), ActorKind::Association, "Alice", true)? };
//! let event = network.execute(Command::new(&alice, date(2020, 1, 6)?, Action::FoundNetwork {
//!     settings: NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"),
//!     founders: vec![founder],
//! }))?;
//! assert_eq!(event.seq, 1);
//! drop(network);
//! // After a restart: the network is rebuilt by replaying the stored events.
//! let reopened = StoredNetwork::open(&path, &StoreOptions::default())?;
//! assert_eq!(reopened.read().state().last_seq, 1);
//! # Ok(()) }
//! ```
//!
//! # The file
//!
//! Three tables: `meta` (the format, the schema version, the network's
//! name once founded, the journal header the chain starts from and its
//! link), `events` (one row per event: its sequence number as the primary
//! key, its journal line without the hash, and `hash`, its link of the
//! chain, the same 32 bytes the core's JSON Lines journal of the same events
//! carries) and `snapshots` (one row per snapshot taken by
//! [`StoredNetwork::snapshot`]: the number of its last event, `state` (the
//! state written as the core's `Network::state_json` writes it), `hash` (the
//! link of that event) and `digest`, the same digest a schema-2 JSON
//! snapshot of that state carries, keyed with the store's key if it has
//! one). The events stay in `events` when a snapshot is taken. The database
//! runs in WAL mode.
//!
//! # Tamper evidence
//!
//! A store opens from its latest snapshot, if any: the snapshot's hash must
//! be the stored link of its event (`journal.snapshot.continuation`), its
//! digest must match its state (`journal.snapshot.digest`) and its state
//! must keep the invariants (`journal.snapshot.inconsistent`); a snapshot
//! that fails is an error, never skipped. Every event replayed after it has
//! its link verified from the snapshot's hash: an edited, removed or moved
//! row is refused (`journal.chain.broken`, `store.file.corrupt`). The events
//! before the snapshot are not read on opening: [`Store::verify`] and the
//! export check them. With [`StoreOptions::key`] the chain and the
//! snapshots' digests are HMAC-SHA256 and only a key holder can write a row
//! or a snapshot that verifies.
//!
//! # Durability
//!
//! [`Synchronous::Full`] (the default) syncs the write-ahead log at every
//! commit: an event whose `execute` returned is on disk, even if the machine
//! loses power right after. [`Synchronous::Normal`] syncs less often: an
//! acknowledged event survives a crash of the process, but the last ones may
//! be lost if the machine itself stops.

#![forbid(unsafe_code)]

mod handle;
mod schema;
mod sqlite;
mod store;
mod stored;

pub use handle::{seconds, NetworkHandle, Verified};
pub use schema::{STORE_FORMAT, STORE_SCHEMA_VERSION};
pub use store::{Store, StoreOptions, Synchronous};
pub use stored::StoredNetwork;
