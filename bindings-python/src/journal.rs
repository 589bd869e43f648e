//! The journal and snapshots of a `Network`: writing them, and rebuilding a
//! network from them, with the hash chain's key when there is one.
//! Conversions only: the formats and their checks are the core's.

use crate::convert::Str;
use crate::errors::IntoPy;
use crate::event::{dropped_dict, Dropped};
use crate::handle::PyNetwork;
use coopetition::journal::ChainKey;
use coopetition::network::Network;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNetwork {
    /// The journal as JSON Lines (header with schema version, one event a
    /// line, each carrying its link of the hash chain); with `key` (bytes),
    /// the chain is HMAC-SHA256 and only a holder of the key can write one
    /// that verifies.
    #[pyo3(signature = (key=None))]
    fn journal_jsonl(&self, py: Python<'_>, key: Option<Bound<'_, PyBytes>>) -> PyResult<String> {
        let key = chain_key(key)?;
        let network = self.read()?;
        Ok(py.detach(|| network.journal_jsonl_with(key.as_ref())))
    }

    /// Rebuilds a network by replaying a journal; its hash chain is verified
    /// (with `key`, bytes, if it was written with one) and every event is
    /// checked again.
    #[staticmethod]
    #[pyo3(signature = (journal, key=None))]
    fn replay(py: Python<'_>, journal: Str<'_>, key: Option<Bound<'_, PyBytes>>) -> PyResult<Self> {
        let key = chain_key(key)?;
        py.detach(|| Network::replay_verified(&journal, key.as_ref())).map(|(n, _)| PyNetwork::wrap(n)).py()
    }

    /// Rebuilds a network from the valid prefix of a journal whose last line
    /// may have been cut off (a crash during a write), its chain verified
    /// (with `key` if it was written with one). Returns the network and what
    /// was dropped: `None`, or `{"line": …, "bytes": …, "events": …}`. Only a
    /// cut-off last line is dropped; a corrupt line followed by good ones
    /// raises `journal.line.corrupt`.
    #[staticmethod]
    #[pyo3(signature = (journal, key=None))]
    fn replay_prefix(
        py: Python<'_>,
        journal: Str<'_>,
        key: Option<Bound<'_, PyBytes>>,
    ) -> PyResult<(PyNetwork, Option<Dropped>)> {
        let key = chain_key(key)?;
        let (network, dropped) = py.detach(|| Network::replay_prefix_with(&journal, key.as_ref())).py()?;
        Ok((PyNetwork::wrap(network), dropped.map(dropped_dict)))
    }

    /// As `resume`, with the valid prefix of a journal whose last line may
    /// have been cut off; returns the network and what was dropped (see `replay_prefix`).
    #[staticmethod]
    #[pyo3(signature = (snapshot, journal, key=None))]
    fn resume_prefix(
        py: Python<'_>,
        snapshot: Str<'_>,
        journal: Str<'_>,
        key: Option<Bound<'_, PyBytes>>,
    ) -> PyResult<(PyNetwork, Option<Dropped>)> {
        let key = chain_key(key)?;
        let (network, dropped) = py.detach(|| Network::resume_prefix_with(&snapshot, &journal, key.as_ref())).py()?;
        Ok((PyNetwork::wrap(network), dropped.map(dropped_dict)))
    }

    /// The state as a JSON snapshot: the position and link of its last event
    /// in the journal's hash chain, and a digest of the state bound to them;
    /// with `key` (bytes), the digest is HMAC-SHA256 and only a holder of the
    /// key can write one that verifies.
    #[pyo3(signature = (key=None))]
    fn snapshot_json(&self, py: Python<'_>, key: Option<Bound<'_, PyBytes>>) -> PyResult<String> {
        let key = chain_key(key)?;
        let network = self.read()?;
        py.detach(|| network.snapshot_json_with(key.as_ref())).py()
    }

    /// A network from a snapshot (its journal starts empty): its digest is
    /// verified (with `key` if it was written with one), then its facts
    /// against one another.
    #[staticmethod]
    #[pyo3(signature = (json, key=None))]
    fn from_snapshot_json(py: Python<'_>, json: Str<'_>, key: Option<Bound<'_, PyBytes>>) -> PyResult<Self> {
        let key = chain_key(key)?;
        py.detach(|| Network::from_snapshot_json_with_key(&json, key.as_ref())).map(|(n, _)| PyNetwork::wrap(n)).py()
    }

    /// A network from a snapshot plus a journal that continues its chain
    /// (the journal written since, or the whole journal), verified with `key`
    /// if they were written with one.
    #[staticmethod]
    #[pyo3(signature = (snapshot, journal, key=None))]
    fn resume(py: Python<'_>, snapshot: Str<'_>, journal: Str<'_>, key: Option<Bound<'_, PyBytes>>) -> PyResult<Self> {
        let key = chain_key(key)?;
        py.detach(|| Network::resume_with(&snapshot, &journal, key.as_ref())).map(PyNetwork::wrap).py()
    }
}

/// A chain key from optional Python bytes.
pub(crate) fn chain_key(key: Option<Bound<'_, PyBytes>>) -> PyResult<Option<ChainKey>> {
    key.map(|k| ChainKey::new(k.as_bytes())).transpose().py()
}
