//! SQLite's errors as the core's typed `store.*` errors.

use coopetition::Error;
use rusqlite::ErrorCode;
use std::path::Path;

/// The core's error for a failure of SQLite on the store at `path`.
pub(crate) fn store_error(path: &Path, error: &rusqlite::Error) -> Error {
    let message = error.to_string();
    match error.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => Error::StoreReadOnly(message),
        Some(ErrorCode::DiskFull) => Error::StoreFull(message),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::StoreBusy(message),
        Some(ErrorCode::DatabaseCorrupt) => Error::StoreCorrupt(message),
        Some(ErrorCode::NotADatabase) => not_a_store(path, message),
        _ => Error::StoreFailed(message),
    }
}

/// The error for a file that is not a store.
pub(crate) fn not_a_store(path: &Path, reason: impl Into<String>) -> Error {
    Error::NotAStore { path: path.display().to_string(), reason: reason.into() }
}
