//! The network behind a binding's `Network` object: held in memory only, or
//! backed by a store. Python and Kotlin wrap this one type, so that an
//! in-memory network and a stored one answer every command and query alike,
//! and what only a store can do is decided here, not in a binding.

use crate::store::{StoreOptions, Synchronous};
use crate::stored::StoredNetwork;
use coopetition::chain::Verification;
use coopetition::network::{Command, Event, Network};
use coopetition::shared::SharedNetwork;
use coopetition::{Error, Result};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// A network shared between threads, in memory or in a store.
#[derive(Debug)]
pub enum NetworkHandle {
    /// Held in memory only: the application saves its journal itself.
    Memory(SharedNetwork),
    /// Backed by a store: every accepted command is written before it is applied.
    Stored(Box<StoredNetwork>),
}

impl Default for NetworkHandle {
    fn default() -> NetworkHandle {
        NetworkHandle::Memory(SharedNetwork::default())
    }
}

impl From<Network> for NetworkHandle {
    fn from(network: Network) -> NetworkHandle {
        NetworkHandle::Memory(SharedNetwork::new(network))
    }
}

impl NetworkHandle {
    /// Opens (or creates) the store at `path` (see [`StoredNetwork::open`]).
    ///
    /// # Errors
    /// As [`StoredNetwork::open`].
    pub fn open(path: impl AsRef<Path>, options: &StoreOptions) -> Result<NetworkHandle> {
        StoredNetwork::open(path, options).map(|stored| NetworkHandle::Stored(Box::new(stored)))
    }

    /// Creates a store at `path` holding a JSON Lines journal (see
    /// [`StoredNetwork::import`]).
    ///
    /// # Errors
    /// As [`StoredNetwork::import`].
    pub fn import(path: impl AsRef<Path>, journal: &str, options: &StoreOptions) -> Result<NetworkHandle> {
        StoredNetwork::import(path, journal, options).map(|stored| NetworkHandle::Stored(Box::new(stored)))
    }

    /// The network as it is now; later commands do not change this copy.
    /// Once a store is closed, the network as it was then.
    pub fn read(&self) -> Arc<Network> {
        match self {
            NetworkHandle::Memory(shared) => shared.read(),
            NetworkHandle::Stored(stored) => stored.read(),
        }
    }

    /// Checks a command without applying (or writing) it.
    ///
    /// # Errors
    /// The reason the command would be rejected; `store.file.closed` for a
    /// closed store.
    pub fn check(&self, command: &Command) -> Result<()> {
        match self {
            NetworkHandle::Memory(shared) => shared.check(command),
            NetworkHandle::Stored(stored) => stored.check(command),
        }
    }

    /// Checks a command and applies it; a store writes its event first.
    ///
    /// # Errors
    /// The rejection (nothing changes), or the store's failure to write (see
    /// [`StoredNetwork::execute`]).
    pub fn execute(&self, command: Command) -> Result<Event> {
        match self {
            NetworkHandle::Memory(shared) => shared.execute(command),
            NetworkHandle::Stored(stored) => stored.execute(command),
        }
    }

    /// Checks commands in order, each on the state the previous ones leave,
    /// and applies them all or none; a store writes them in one transaction.
    ///
    /// # Errors
    /// The first rejection, or the store's failure; the network is then unchanged.
    pub fn execute_batch(&self, commands: Vec<Command>) -> Result<Vec<Event>> {
        match self {
            NetworkHandle::Memory(shared) => shared.execute_batch_then(commands, |_| Ok(())),
            NetworkHandle::Stored(stored) => stored.execute_batch(commands),
        }
    }

    fn stored(&self) -> Result<&StoredNetwork> {
        match self {
            NetworkHandle::Memory(_) => Err(Error::NotStored),
            NetworkHandle::Stored(stored) => Ok(stored.as_ref()),
        }
    }

    /// Applies the events other writers appended to the store since this
    /// network last read it; returns how many.
    ///
    /// # Errors
    /// `store.file.none` for a network held in memory; as [`StoredNetwork::reload`].
    pub fn reload(&self) -> Result<usize> {
        self.stored()?.reload()
    }

    /// The store's whole journal as JSON Lines, chained (with the store's key
    /// if it has one).
    ///
    /// # Errors
    /// `store.file.none` for a network held in memory; as [`StoredNetwork::export_jsonl`].
    pub fn export_jsonl(&self) -> Result<String> {
        self.stored()?.export_jsonl()
    }

    /// Writes a snapshot of the network in the store and returns its sequence
    /// number: later opens start from it (see [`StoredNetwork::snapshot`]).
    ///
    /// # Errors
    /// `store.file.none` for a network held in memory; as [`StoredNetwork::snapshot`].
    pub fn snapshot(&self) -> Result<u64> {
        self.stored()?.snapshot()
    }

    /// Checks the whole store: its chain, and every event replayed.
    ///
    /// # Errors
    /// `store.file.none` for a network held in memory; as [`StoredNetwork::verify`].
    pub fn verify(&self) -> Result<Verified> {
        self.stored()?.verify().map(Verified::from)
    }

    /// Closes the store's file (see [`StoredNetwork::close`]). A network held
    /// in memory has no file: closing it does nothing, and it stays usable.
    pub fn close(&self) {
        if let NetworkHandle::Stored(stored) = self {
            stored.close();
        }
    }

    /// Whether the store was closed; never for a network held in memory.
    pub fn is_closed(&self) -> bool {
        matches!(self, NetworkHandle::Stored(stored) if stored.is_closed())
    }

    /// The store's file, none for a network held in memory.
    pub fn path(&self) -> Option<&Path> {
        match self {
            NetworkHandle::Memory(_) => None,
            NetworkHandle::Stored(stored) => Some(stored.path()),
        }
    }
}

/// How a store's chain was verified, in the plain terms bindings give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// `unverified` (a journal of schema version 1, without a chain),
    /// `sha256` (every link verified) or `keyed` (every link verified with
    /// HMAC-SHA256 and the store's key).
    pub chain: &'static str,
    /// The last link verified, in lowercase hexadecimal; none when unverified.
    pub head: Option<String>,
}

impl From<Verification> for Verified {
    fn from(verification: Verification) -> Verified {
        match verification {
            Verification::Unverified => Verified { chain: "unverified", head: None },
            Verification::Sha256 { head } => Verified { chain: "sha256", head: Some(head.to_hex()) },
            Verification::Keyed { head } => Verified { chain: "keyed", head: Some(head.to_hex()) },
        }
    }
}

impl Synchronous {
    /// The durability settings by name, as bindings take them.
    pub const LABELS: [&'static str; 2] = ["full", "normal"];

    /// The setting named `label` (`full` or `normal`).
    ///
    /// # Errors
    /// `input.label.unknown` for any other name.
    pub fn from_label(label: &str) -> Result<Synchronous> {
        match label {
            "full" => Ok(Synchronous::Full),
            "normal" => Ok(Synchronous::Normal),
            _ => Err(Error::UnknownLabel {
                what: "synchronous setting",
                value: label.to_owned(),
                expected: Synchronous::LABELS.join(", "),
            }),
        }
    }

    /// The setting's name.
    pub fn label(self) -> &'static str {
        match self {
            Synchronous::Full => "full",
            Synchronous::Normal => "normal",
        }
    }
}

/// A wait given in seconds, as bindings take it (a store's busy timeout).
///
/// # Errors
/// `input.parse.invalid` for a negative, infinite or not-a-number count.
pub fn seconds(value: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(value)
        .map_err(|_| Error::Parse { value: value.to_string(), expected: "a number of seconds, 0 or more" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_durability_settings_are_named_and_nothing_else_is_one() {
        for label in Synchronous::LABELS {
            assert_eq!(Synchronous::from_label(label).unwrap().label(), label);
        }
        for bad in ["FULL", "off", "", "extra"] {
            assert_eq!(Synchronous::from_label(bad).unwrap_err().code(), "input.label.unknown", "{bad}");
        }
    }

    #[test]
    fn a_wait_is_zero_seconds_or_more() {
        assert_eq!(seconds(2.5).unwrap(), Duration::from_millis(2500));
        assert_eq!(seconds(0.0).unwrap(), Duration::ZERO);
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            assert_eq!(seconds(bad).unwrap_err().code(), "input.parse.invalid", "{bad}");
        }
    }

    #[test]
    fn a_network_in_memory_has_no_store_to_reload_export_or_verify() {
        let memory = NetworkHandle::default();
        assert_eq!(memory.reload().unwrap_err().code(), "store.file.none");
        assert_eq!(memory.export_jsonl().unwrap_err().code(), "store.file.none");
        assert_eq!(memory.verify().unwrap_err().code(), "store.file.none");
        memory.close();
        assert!(!memory.is_closed(), "closing a network held in memory does nothing");
        assert_eq!(memory.path(), None);
    }
}
