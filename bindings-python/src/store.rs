//! A `Network` backed by a store file: opening, importing, closing, reloading,
//! exporting and verifying it. Conversions only: what a store does is the
//! `coopetition-store` crate's, shared with Kotlin.

use crate::convert::Str;
use crate::errors::IntoPy;
use crate::event::command_json;
use crate::handle::PyNetwork;
use coopetition::network::{Command, Event};
use coopetition_store::{seconds, NetworkHandle, StoreOptions, Synchronous};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How a store is opened, from the keyword arguments of `open` and `import_jsonl`.
fn options(
    synchronous: &str,
    key: Option<Bound<'_, PyBytes>>,
    read_only: bool,
    busy_timeout: f64,
    max_bytes: Option<u64>,
) -> PyResult<StoreOptions> {
    Ok(StoreOptions {
        synchronous: Synchronous::from_label(synchronous).py()?,
        busy_timeout: seconds(busy_timeout).py()?,
        read_only,
        max_bytes,
        key: crate::journal::chain_key(key)?,
    })
}

/// What `verify` found, as a dictionary `{"chain", "head"}`.
pub type Verified = BTreeMap<&'static str, Option<String>>;

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNetwork {
    /// Opens the store file at `path` (a `str` or `os.PathLike`), creating it
    /// if it does not exist, and rebuilds its network by replaying its events.
    ///
    /// The network returned has every command and query of an in-memory one;
    /// each accepted command is written to the file before it is applied, so
    /// what a command returned survives a restart. `synchronous` is `"full"`
    /// (the default: every commit is synced to disk, an acknowledged event
    /// survives a power loss) or `"normal"` (faster; the last events may be
    /// lost if the machine stops, not if the process crashes). `key` (bytes)
    /// authenticates the store's chain: a store written with a key opens only
    /// with it. `read_only` refuses every write with `store.file.read_only`.
    /// A write waits up to `busy_timeout` seconds for another writer before
    /// failing with `store.file.busy`; `max_bytes` caps the file's size
    /// (`store.disk.full` beyond it). Use it as a context manager to close the
    /// file on exit.
    #[staticmethod]
    #[pyo3(signature = (path, *, synchronous = "full", key = None, read_only = false, busy_timeout = 5.0, max_bytes = None))]
    fn open(
        py: Python<'_>,
        path: PathBuf,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        synchronous: &str,
        key: Option<Bound<'_, PyBytes>>,
        read_only: bool,
        busy_timeout: f64,
        max_bytes: Option<u64>,
    ) -> PyResult<PyNetwork> {
        let options = options(synchronous, key, read_only, busy_timeout, max_bytes)?;
        let inner = py.detach(|| NetworkHandle::open(&path, &options)).py()?;
        Ok(PyNetwork { inner })
    }

    /// Creates a store file at `path` holding a JSON Lines journal (as
    /// `export_jsonl` or `journal_jsonl` writes it), after verifying its hash
    /// chain (with `key`, bytes, if it was written with one) and replaying
    /// every event with its checks: all or nothing. The store keeps `key`.
    /// Raises `store.file.not_empty` if the file already holds events. The
    /// other arguments are `open`'s.
    #[staticmethod]
    #[pyo3(signature = (path, journal, *, synchronous = "full", key = None, busy_timeout = 5.0, max_bytes = None))]
    fn import_jsonl(
        py: Python<'_>,
        path: PathBuf,
        journal: Str<'_>,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        synchronous: &str,
        key: Option<Bound<'_, PyBytes>>,
        busy_timeout: f64,
        max_bytes: Option<u64>,
    ) -> PyResult<PyNetwork> {
        let options = options(synchronous, key, false, busy_timeout, max_bytes)?;
        let inner = py.detach(|| NetworkHandle::import(&path, &journal, &options)).py()?;
        Ok(PyNetwork { inner })
    }

    /// Closes the store's file: later commands, `check`, `reload`,
    /// `export_jsonl` and `verify` raise `store.file.closed`; queries still
    /// answer on the network as it was. Closing twice is harmless; a network
    /// held in memory has no file, and closing it does nothing.
    fn close(&self, py: Python<'_>) {
        py.detach(|| self.inner.close());
    }

    /// Whether the store's file was closed (never, for a network held in memory).
    #[getter]
    fn is_closed(&self, py: Python<'_>) -> bool {
        py.detach(|| self.inner.is_closed())
    }

    /// The store's file; `None` for a network held in memory.
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.inner.path().map(PathBuf::from)
    }

    /// Applies the events another writer (another `Network.open` of the same
    /// file, in this process or another) appended since this network last
    /// read the file; returns how many. What to do after `store.write.conflict`,
    /// before retrying. Raises `store.file.none` for a network held in memory.
    fn reload(&self, py: Python<'_>) -> PyResult<usize> {
        py.detach(|| self.inner.reload()).py()
    }

    /// The store's whole journal as JSON Lines, its hash chain authenticated
    /// with the store's key if it was opened with one: what `import_jsonl`
    /// (or `replay`) reads on another machine. Raises `store.file.none` for
    /// a network held in memory (use `journal_jsonl`).
    fn export_jsonl(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| self.inner.export_jsonl()).py()
    }

    /// Writes a snapshot of the network in the store (its state, the
    /// position and link of its last event, and a digest, keyed with the
    /// store's key) and returns its sequence number: later opens load it and
    /// replay only the events after it. Raises `store.file.none` for a
    /// network held in memory (use `snapshot_json`).
    fn snapshot(&self, py: Python<'_>) -> PyResult<u64> {
        py.detach(|| self.inner.snapshot()).py()
    }

    /// Checks the whole store: every event read back, its hash chain verified
    /// (with the store's key, if given) and replayed with every check. Returns
    /// `{"chain": "unverified" | "sha256" | "keyed", "head": <the last link in
    /// hex, or None>}`; raises the first fault found, or `store.file.none`
    /// for a network held in memory.
    fn verify(&self, py: Python<'_>) -> PyResult<Verified> {
        let verified = py.detach(|| self.inner.verify()).py()?;
        Ok(Verified::from([("chain", Some(verified.chain.to_owned())), ("head", verified.head)]))
    }

    /// Executes commands (each a dict or its JSON text, as `execute` takes
    /// them) in order, each checked on the state the previous ones leave:
    /// all or none. A store writes them in one transaction, much faster than
    /// one `execute` each, as a sync needs. Returns their events; raises the
    /// first refusal (or the store's failure), nothing then changed.
    fn execute_batch(
        &self,
        py: Python<'_>,
        #[gen_stub(override_type(type_repr = "typing.Sequence[builtins.dict[builtins.str, typing.Any] | builtins.str]", imports = ("builtins", "typing")))]
        commands: Vec<Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Event>> {
        let commands =
            commands.iter().map(|c| Command::from_json(&command_json(c)?).py()).collect::<PyResult<Vec<_>>>()?;
        py.detach(|| self.inner.execute_batch(commands)).py()
    }

    /// `with Network.open(path) as network:` gives the network itself.
    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// Closes the store's file on leaving the `with` block; an exception
    /// raised inside the block propagates.
    #[pyo3(signature = (_exc_type = None, _exc_value = None, _traceback = None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        _exc_type: Option<Bound<'_, PyAny>>,
        _exc_value: Option<Bound<'_, PyAny>>,
        _traceback: Option<Bound<'_, PyAny>>,
    ) -> bool {
        self.close(py);
        false
    }
}
