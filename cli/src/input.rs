//! The files the tool reads and writes.

use coopetition::chain::ChainKey;
use coopetition::{Error, Result};
use std::io::{Read, Write};
use std::path::Path;

/// The first bytes of every SQLite database.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// What a file holds.
pub(crate) enum Source {
    /// An SQLite database, read as a store.
    Store,
    /// A JSON snapshot (its `format` is `coopetition-snapshot`).
    Snapshot(String),
    /// Anything else, read as a JSON Lines journal.
    Journal(String),
}

impl Source {
    /// Tells a store from a journal by the file's first bytes; reads a
    /// journal whole.
    pub(crate) fn detect(path: &Path) -> Result<Source> {
        let mut start = Vec::with_capacity(SQLITE_MAGIC.len());
        let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
        file.take(SQLITE_MAGIC.len() as u64).read_to_end(&mut start).map_err(|e| io_error(path, &e))?;
        if start == SQLITE_MAGIC {
            return Ok(Source::Store);
        }
        let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
        let text = String::from_utf8(bytes).map_err(|e| Error::MalformedJson {
            line: None,
            message: format!("`{}` is neither a store nor a UTF-8 journal: {e}", path.display()),
        })?;
        // A journal's first line is its header, one compact object; a
        // snapshot is one document, pretty-printed, whose first field is its
        // format. Either way the reader that follows checks it strictly.
        let first = text.lines().next().unwrap_or_default();
        let opening: String = text.chars().take(64).filter(|c| !c.is_whitespace()).collect();
        if !first.contains("coopetition-journal") && opening.starts_with("{\"format\":\"coopetition-snapshot\"") {
            return Ok(Source::Snapshot(text));
        }
        Ok(Source::Journal(text))
    }
}

/// The key in a file: its bytes, as they are.
pub(crate) fn read_key(path: &Path) -> Result<ChainKey> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    ChainKey::new(&bytes)
}

/// Writes a whole file or nothing: a temporary file beside it, synced, then
/// renamed over it.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| io_error(dir, &e))?;
    file.write_all(bytes).and_then(|()| file.as_file().sync_all()).map_err(|e| io_error(path, &e))?;
    file.persist(path).map_err(|e| io_error(path, &e.error))?;
    Ok(())
}

fn io_error(path: &Path, error: &std::io::Error) -> Error {
    let message = format!("`{}`: {error}", path.display());
    match error.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => Error::StoreReadOnly(message),
        std::io::ErrorKind::StorageFull => Error::StoreFull(message),
        _ => Error::StoreFailed(message),
    }
}
