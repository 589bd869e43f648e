//! A network backed by a store: every accepted command is written before it
//! is applied.

use crate::store::{Store, StoreOptions};
use coopetition::network::{Command, Event, Network};
use coopetition::shared::SharedNetwork;
use coopetition::{Error, Result};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

/// A network whose events live in a [`Store`], usable from several threads.
///
/// Readers take a consistent copy ([`StoredNetwork::read`]) as with the
/// core's [`SharedNetwork`]; commands are written one transaction each, in
/// the order they are decided, and applied in memory only once written.
#[derive(Debug)]
pub struct StoredNetwork {
    /// Held for a whole command or reload, before the network's own lock, so
    /// that the store and the network move together; `None` once closed.
    store: Mutex<Option<Store>>,
    /// The file, kept to name it once the store is closed.
    path: std::path::PathBuf,
    network: SharedNetwork,
}

impl StoredNetwork {
    /// Opens (or creates) the store at `path` and rebuilds its network.
    ///
    /// # Errors
    /// As [`Store::open`] and [`StoredNetwork::load`].
    pub fn open(path: impl AsRef<Path>, options: &StoreOptions) -> Result<StoredNetwork> {
        StoredNetwork::load(Store::open(path, options)?)
    }

    /// Rebuilds the network of a store: from its latest snapshot, if it has
    /// one, then by replaying the events after it, every check run again.
    ///
    /// The snapshot is verified before it is used: its hash must be the
    /// stored link of its event (from which the links of the events after
    /// it are verified), its digest must match its state (keyed with the
    /// store's key), and its state must keep the invariants. A snapshot that
    /// fails is an error, never skipped for a replay from the first event:
    /// the store is left as it is, for [`crate::Store::verify`] or an export
    /// to say more.
    ///
    /// # Errors
    /// The store's failure; `journal.snapshot.continuation`,
    /// `journal.snapshot.digest`, `journal.snapshot.inconsistent` for a
    /// snapshot that fails; or the first event the core refuses to replay.
    pub fn load(mut store: Store) -> Result<StoredNetwork> {
        let path = store.path().to_path_buf();
        let mut network = match store.latest_snapshot()? {
            None => Network::new(),
            Some(s) => s.rebuild(store.key())?,
        };
        // Replayed on the network owned here, not on a copy as a reload does:
        // a large state costs as much to copy as to read.
        for event in store.events_after(network.state().last_seq)? {
            network.replay_event(event)?;
        }
        Ok(StoredNetwork { store: Mutex::new(Some(store)), path, network: SharedNetwork::new(network) })
    }

    /// Takes a snapshot of the network as it is now (its last event stored)
    /// into the store, so that opening the store later rebuilds it from
    /// there instead of replaying every event; returns its event number.
    /// The events stay in the store: its export and check still cover the
    /// whole journal.
    ///
    /// # Errors
    /// `store.file.closed`; the store's failure to write
    /// (`store.file.read_only`, `store.disk.full`…), with nothing written.
    pub fn snapshot(&self) -> Result<u64> {
        self.with_store(|store| store.write_snapshot(&self.network.read()))
    }

    /// Creates a store at `path` holding the events of a JSON Lines journal
    /// (as [`Store::export_jsonl`] writes it), after verifying its chain
    /// (with `options.key` if given) and replaying every event with its
    /// checks: all or nothing.
    ///
    /// # Errors
    /// Any error of [`Network::replay_verified`]; `store.file.not_empty` if
    /// the file already holds events; as [`Store::open`].
    pub fn import(path: impl AsRef<Path>, journal: &str, options: &StoreOptions) -> Result<StoredNetwork> {
        // Read and replayed once: the network replayed is the one the store's
        // events rebuild, so it is kept rather than rebuilt from the file.
        let (network, _) = Network::replay_verified(journal, options.key.as_ref())?;
        let mut store = Store::open(path, options)?;
        let held = store.last_seq()?;
        if held != 0 {
            return Err(Error::StoreNotEmpty { path: store.path().display().to_string(), events: held });
        }
        store.append(0, network.journal())?;
        let path = store.path().to_path_buf();
        Ok(StoredNetwork { store: Mutex::new(Some(store)), path, network: SharedNetwork::new(network) })
    }

    /// Runs `f` on the open store, holding its lock. A poisoned lock still
    /// holds a whole store: a transaction interrupted by a panic is rolled
    /// back when it is dropped.
    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        match guard.as_mut() {
            Some(store) => f(store),
            None => Err(Error::StoreClosed(self.path.display().to_string())),
        }
    }

    /// Closes the store's file: every later command, reload, export or
    /// check fails with `store.file.closed`; [`StoredNetwork::read`] still
    /// gives the network as it was. Closing twice is harmless.
    pub fn close(&self) {
        let mut guard = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        *guard = None;
    }

    /// Whether [`StoredNetwork::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.store.lock().unwrap_or_else(PoisonError::into_inner).is_none()
    }

    /// The whole journal as JSON Lines (see [`Store::export_jsonl`]).
    ///
    /// # Errors
    /// `store.file.closed`, or as [`Store::export_jsonl`].
    pub fn export_jsonl(&self) -> Result<String> {
        self.with_store(|store| store.export_jsonl())
    }

    /// Checks the whole store (see [`Store::verify`]).
    ///
    /// # Errors
    /// `store.file.closed`, or as [`Store::verify`].
    pub fn verify(&self) -> Result<coopetition::chain::Verification> {
        self.with_store(|store| store.verify())
    }

    /// The network as it is now; later commands do not change this copy.
    /// Once the store is closed, the network as it was then.
    pub fn read(&self) -> Arc<Network> {
        self.network.read()
    }

    /// Checks a command without applying or writing it.
    ///
    /// # Errors
    /// `store.file.closed`, or the reason the command would be rejected.
    pub fn check(&self, command: &Command) -> Result<()> {
        self.with_store(|_| self.network.check(command))
    }

    /// Checks a command, writes its event, then applies it: the event
    /// returned is on disk (as [`crate::Synchronous`] says).
    ///
    /// # Errors
    /// The rejection of the command (nothing is written); or
    /// `store.write.conflict` when another writer appended to the file since
    /// this network last read it ([`StoredNetwork::reload`], then retry); or
    /// the store's failure to write (`store.file.read_only`,
    /// `store.disk.full`, `store.file.busy`…). The network is then unchanged.
    pub fn execute(&self, command: Command) -> Result<Event> {
        self.with_store(|store| {
            self.network
                .execute_then(command, |event| store.append(event.seq.saturating_sub(1), std::slice::from_ref(event)))
        })
    }

    /// Checks commands in order, each on the state the previous ones leave,
    /// and writes their events in one transaction: all or nothing. Much
    /// faster than one [`StoredNetwork::execute`] each, as a sync needs.
    ///
    /// # Errors
    /// The first rejection (nothing is written), or as
    /// [`StoredNetwork::execute`]. The network is then unchanged.
    pub fn execute_batch(&self, commands: Vec<Command>) -> Result<Vec<Event>> {
        self.with_store(|store| {
            let last = self.network.read().state().last_seq;
            self.network.execute_batch_then(commands, |events| store.append(last, events))
        })
    }

    /// Reads the events other writers appended to the file since this network
    /// last read it, and applies them; returns how many.
    ///
    /// # Errors
    /// The store's failure, or an event the core refuses to replay; the
    /// network is then unchanged.
    pub fn reload(&self) -> Result<usize> {
        self.with_store(|store| {
            let current = self.network.read();
            let events = store.events_after(current.state().last_seq)?;
            if events.is_empty() {
                return Ok(0);
            }
            let count = events.len();
            let mut next = Network::clone(&current);
            for event in events {
                next.replay_event(event)?;
            }
            self.network.replace(next);
            Ok(count)
        })
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
