//! A network backed by a store: every accepted command is written before it
//! is applied.

use crate::store::{Store, StoreOptions};
use coopetition::network::{Command, Event, Network};
use coopetition::shared::SharedNetwork;
use coopetition::Result;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A network whose events live in a [`Store`], usable from several threads.
///
/// Readers take a consistent copy ([`StoredNetwork::read`]) as with the
/// core's [`SharedNetwork`]; commands are written one transaction each, in
/// the order they are decided, and applied in memory only once written.
#[derive(Debug)]
pub struct StoredNetwork {
    /// Held for a whole command or reload, before the network's own lock, so
    /// that the store and the network move together.
    store: Mutex<Store>,
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

    /// Rebuilds the network of a store by replaying its events, every check
    /// run again.
    ///
    /// # Errors
    /// The store's failure, or the first event the core refuses to replay.
    pub fn load(store: Store) -> Result<StoredNetwork> {
        let stored = StoredNetwork { store: Mutex::new(store), network: SharedNetwork::new(Network::new()) };
        stored.reload()?;
        Ok(stored)
    }

    /// A poisoned lock still holds a whole store: a transaction interrupted
    /// by a panic is rolled back when it is dropped.
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The network as it is now; later commands do not change this copy.
    pub fn read(&self) -> Arc<Network> {
        self.network.read()
    }

    /// Checks a command without applying or writing it.
    ///
    /// # Errors
    /// The reason the command would be rejected.
    pub fn check(&self, command: &Command) -> Result<()> {
        self.network.check(command)
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
        let mut store = self.store();
        self.network
            .execute_then(command, |event| store.append(event.seq.saturating_sub(1), std::slice::from_ref(event)))
    }

    /// Checks commands in order, each on the state the previous ones leave,
    /// and writes their events in one transaction: all or nothing. Much
    /// faster than one [`StoredNetwork::execute`] each, as a sync needs.
    ///
    /// # Errors
    /// The first rejection (nothing is written), or as
    /// [`StoredNetwork::execute`]. The network is then unchanged.
    pub fn execute_batch(&self, commands: Vec<Command>) -> Result<Vec<Event>> {
        let mut store = self.store();
        let last = self.network.read().state().last_seq;
        self.network.execute_batch_then(commands, |events| store.append(last, events))
    }

    /// Reads the events other writers appended to the file since this network
    /// last read it, and applies them; returns how many.
    ///
    /// # Errors
    /// The store's failure, or an event the core refuses to replay; the
    /// network is then unchanged.
    pub fn reload(&self) -> Result<usize> {
        let store = self.store();
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
    }

    /// The store's file.
    pub fn path(&self) -> std::path::PathBuf {
        self.store().path().to_path_buf()
    }
}
