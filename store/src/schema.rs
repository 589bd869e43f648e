//! The layout of a store's file: its tables, and how an existing file is
//! recognised as a store of a version this build reads.

use crate::sqlite::{not_a_store, store_error};
use coopetition::chain::{genesis, ChainKey};
use coopetition::journal::header_line;
use coopetition::{Error, Result};
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// The `format` recorded in a store's `meta` table.
pub const STORE_FORMAT: &str = "coopetition-store";

/// The schema version this build writes, and the newest it reads. Version
/// 2 keeps snapshots in the compact binary encoding
/// ([`coopetition::state_codec`]); version 1 kept them as JSON, and is read
/// still (a snapshot's encoding is told by its first bytes). A store of
/// version 1 becomes version 2 when a snapshot is written into it.
pub const STORE_SCHEMA_VERSION: u32 = 2;

/// SQLite's `application_id` of a store ("Coop" in ASCII), so that tools such
/// as `file(1)` and this crate tell a store from another SQLite database.
const APPLICATION_ID: i32 = 0x436F_6F70;

/// The tables of schema versions 1 and 2. `events.line` is the event's journal line
/// without its hash (the text its link hashes); `events.hash` is its link of
/// the chain (32 bytes), as the JSON Lines journal of the same events carries
/// it; `snapshots` holds verified snapshots.
const CREATE: &str = "
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE events (seq INTEGER PRIMARY KEY, line TEXT NOT NULL, hash BLOB NOT NULL);
    CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, state BLOB NOT NULL, hash BLOB, digest BLOB);
";

/// What an opened file holds.
enum Found {
    /// An empty database: a new store to create.
    Empty,
    /// A store (its schema version checked).
    Store,
}

/// The `meta` key of the journal header the store's chain starts from.
pub(crate) const HEADER_KEY: &str = "journal_header";

/// The `meta` key of the chain's first link, the header's hash (hex): with a
/// key, what tells the right key from a wrong one before any event.
pub(crate) const GENESIS_KEY: &str = "genesis";

/// Checks that the file is a store this build reads, or creates the tables in
/// an empty file (unless `read_only`), its chain keyed if `key` is given.
///
/// # Errors
/// `store.file.not_store`, `store.schema.unknown`, or SQLite's failure.
pub(crate) fn prepare(conn: &mut Connection, path: &Path, read_only: bool, key: Option<&ChainKey>) -> Result<()> {
    if let Found::Store = inspect(conn, path)? {
        return Ok(());
    }
    if read_only {
        return Err(not_a_store(path, "the file is empty"));
    }
    let failed = |e: rusqlite::Error| store_error(path, &e);
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(failed)?;
    // Another process may have created the store between the look and the lock.
    if let Found::Empty = inspect(&tx, path)? {
        tx.execute_batch(CREATE).map_err(failed)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(failed)?;
        let mut insert = tx.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)").map_err(failed)?;
        insert.execute(["format", STORE_FORMAT]).map_err(failed)?;
        insert.execute(["schema_version", &STORE_SCHEMA_VERSION.to_string()]).map_err(failed)?;
        let header = header_line(key.is_some());
        insert.execute([GENESIS_KEY, &genesis(&header, key).to_hex()]).map_err(failed)?;
        insert.execute([HEADER_KEY, &header]).map_err(failed)?;
    }
    tx.commit().map_err(failed)
}

fn inspect(conn: &Connection, path: &Path) -> Result<Found> {
    let failed = |e: rusqlite::Error| store_error(path, &e);
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(failed)?;
    let objects: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get(0)).map_err(failed)?;
    if application_id == 0 && objects == 0 {
        return Ok(Found::Empty);
    }
    if application_id != APPLICATION_ID {
        return Err(not_a_store(path, "another SQLite database"));
    }
    let format = meta(conn, path, "format")?;
    if format.as_deref() != Some(STORE_FORMAT) {
        return Err(not_a_store(path, format!("format `{}`", format.unwrap_or_default())));
    }
    let version = meta(conn, path, "schema_version")?.unwrap_or_default();
    match version.parse::<u32>() {
        Ok(v) if (1..=STORE_SCHEMA_VERSION).contains(&v) => Ok(Found::Store),
        Ok(v) if v > STORE_SCHEMA_VERSION => {
            Err(Error::StoreSchema { found: version, supported: STORE_SCHEMA_VERSION })
        }
        _ => Err(not_a_store(path, format!("schema version `{version}`"))),
    }
}

/// A value of the `meta` table; a store without that table is not a store.
pub(crate) fn meta(conn: &Connection, path: &Path, key: &str) -> Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional().map_err(|e| {
        match e.sqlite_error_code() {
            // No `meta` table, or one of another shape.
            Some(rusqlite::ErrorCode::Unknown) => not_a_store(path, e.to_string()),
            _ => store_error(path, &e),
        }
    })
}
