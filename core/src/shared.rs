//! A network shared between threads, for applications and bindings.
//!
//! Readers take a consistent copy of the network and work on it without any
//! lock held: a long report, or a ledger whose policy is code of the host
//! language that calls back into the same network, never blocks a command and
//! can never deadlock with it. A command holds the lock only while it is
//! checked and applied, which runs no code but the core's.
//!
//! The copy is cheap: the network sits behind an [`Arc`], and a command
//! clones it only while some reader still holds an earlier version
//! (copy-on-write), so readers keep the state they started with.
//!
//! ```
//! use coopetition::prelude::*;
//! use coopetition::shared::SharedNetwork;
//! # fn main() -> coopetition::Result<()> {
//! let alice = ActorId::new("alice")?;
//! let shared = SharedNetwork::new(Network::new());
//! let before = shared.read();
//! let founder = Actor { level: InvolvementLevel::Steward, ..Actor::new(alice.clone(), ActorKind::Association, "Alice", true)? };
//! let event = shared.execute(Command::new(&alice, date(2020, 1, 6)?, Action::FoundNetwork {
//!     settings: NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"),
//!     founders: vec![founder],
//! }))?;
//! assert_eq!(event.seq, 1);
//! assert!(before.settings().is_none()); // a reader keeps the version it took
//! assert!(shared.read().settings().is_some());
//! # Ok(()) }
//! ```

use crate::error::Result;
use crate::network::{Command, Event, Network};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// A network behind a lock, read by copy and changed one command at a time.
#[derive(Debug, Default)]
pub struct SharedNetwork {
    inner: Mutex<Arc<Network>>,
}

impl SharedNetwork {
    /// Shares a network.
    pub fn new(network: Network) -> SharedNetwork {
        SharedNetwork { inner: Mutex::new(Arc::new(network)) }
    }

    /// The lock. A command checks everything before it changes anything and
    /// applying a checked event cannot fail, so even a lock poisoned by a
    /// panic elsewhere holds a whole state, never a half-applied command.
    fn lock(&self) -> MutexGuard<'_, Arc<Network>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The network as it is now; later commands do not change this copy.
    pub fn read(&self) -> Arc<Network> {
        Arc::clone(&self.lock())
    }

    /// Checks a command and, if accepted, records and applies it.
    ///
    /// A refused command copies nothing and changes nothing.
    ///
    /// # Errors
    /// The rejection, as [`Network::execute`].
    pub fn execute(&self, command: Command) -> Result<Event> {
        let mut guard = self.lock();
        if Arc::get_mut(&mut guard).is_none() {
            // A reader holds the current version: check before paying for the copy.
            guard.check(&command)?;
        }
        Arc::make_mut(&mut guard).execute(command).cloned()
    }

    /// Decides, then commits: checks a command, hands the event it would
    /// record to `persist` (a store's durable write), and applies it only if
    /// `persist` succeeded. Commands are serialised: the lock is held while
    /// `persist` runs, so no other command is decided in between.
    ///
    /// # Errors
    /// The rejection, as [`Network::execute`] (then `persist` is not called),
    /// or `persist`'s own error (then the network is unchanged).
    pub fn execute_then(&self, command: Command, persist: impl FnOnce(&Event) -> Result<()>) -> Result<Event> {
        let mut guard = self.lock();
        let decided = guard.decide(command)?;
        persist(decided.event())?;
        Arc::make_mut(&mut guard).commit(decided).cloned()
    }

    /// As [`SharedNetwork::execute_then`] for several commands at once, all or
    /// nothing: each is checked on the state the previous ones leave, then
    /// `persist` receives every event (a store writes them in one
    /// transaction), and the network changes only if `persist` succeeded.
    ///
    /// # Errors
    /// The first rejection (then `persist` is not called), or `persist`'s
    /// own error; the network is then unchanged.
    pub fn execute_batch_then(
        &self,
        commands: Vec<Command>,
        persist: impl FnOnce(&[Event]) -> Result<()>,
    ) -> Result<Vec<Event>> {
        let mut guard = self.lock();
        let Some(network) = Arc::get_mut(&mut guard) else {
            // A reader holds the current version: the batch runs on a copy,
            // which replaces it only once written.
            let mut next = Network::clone(&guard);
            let events = execute_all(&mut next, commands)?;
            persist(&events)?;
            *guard = Arc::new(next);
            return Ok(events);
        };
        // No reader: the batch runs in place, the state saved first (not the
        // journal, which the batch only appends to) to be put back if a
        // command is refused or the write fails.
        let saved = network.save_point();
        let done = execute_all(network, commands).and_then(|events| persist(&events).map(|()| events));
        if done.is_err() {
            network.restore(saved);
        }
        done
    }

    /// Puts another network in place of this one (a store reloaded after
    /// another writer appended); readers keep the version they took.
    pub fn replace(&self, network: Network) {
        *self.lock() = Arc::new(network);
    }

    /// Checks a command without applying it.
    ///
    /// # Errors
    /// The reason the command would be rejected.
    pub fn check(&self, command: &Command) -> Result<()> {
        self.read().check(command)
    }
}

/// Executes commands in order, each on the state the previous ones leave;
/// stops at the first refused.
fn execute_all(network: &mut Network, commands: Vec<Command>) -> Result<Vec<Event>> {
    let mut events = Vec::with_capacity(commands.len());
    for command in commands {
        events.push(network.execute(command)?.clone());
    }
    Ok(events)
}

impl From<Network> for SharedNetwork {
    fn from(network: Network) -> SharedNetwork {
        SharedNetwork::new(network)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;
    use crate::Error;

    fn founded() -> (SharedNetwork, ActorId) {
        let alice = ActorId::new("alice").unwrap();
        let founder = Actor {
            level: InvolvementLevel::Steward,
            ..Actor::new(alice.clone(), ActorKind::Association, "Alice", true).unwrap()
        };
        let shared = SharedNetwork::default();
        shared
            .execute(Command::new(
                &alice,
                date(2020, 1, 6).unwrap(),
                Action::FoundNetwork { settings: NetworkSettings::two_tier("N"), founders: vec![founder] },
            ))
            .unwrap();
        (shared, alice)
    }

    #[test]
    fn a_refused_command_while_read_changes_nothing() {
        let (shared, alice) = founded();
        let reader = shared.read();
        let again = Command::new(
            &alice,
            date(2020, 1, 7).unwrap(),
            Action::FoundNetwork { settings: NetworkSettings::two_tier("N"), founders: vec![] },
        );
        assert_eq!(shared.execute(again).unwrap_err().code(), "network.founding.invalid");
        // No copy was made: the reader and the network are still one version.
        assert!(Arc::ptr_eq(&reader, &shared.read()));
    }

    #[test]
    fn commands_from_many_threads_all_apply_once() {
        let (shared, alice) = founded();
        std::thread::scope(|s| {
            for t in 0..8 {
                let (shared, alice) = (&shared, &alice);
                s.spawn(move || {
                    for i in 0..20 {
                        let id = ActorId::new(format!("p{t}-{i}")).unwrap();
                        let actor = Actor::new(id, ActorKind::Provider, "P", false).unwrap();
                        let held = shared.read();
                        shared
                            .execute(Command::new(alice, date(2020, 2, 1).unwrap(), Action::RegisterActor { actor }))
                            .unwrap();
                        drop(held);
                    }
                });
            }
        });
        let network = shared.read();
        assert_eq!(network.state().actors.len(), 1 + 8 * 20);
        assert_eq!(network.state().last_seq, 1 + 8 * 20);
    }

    fn register(alice: &ActorId, id: &str) -> Command {
        let actor = Actor::new(ActorId::new(id).unwrap(), ActorKind::Provider, "P", false).unwrap();
        Command::new(alice, date(2020, 2, 1).unwrap(), Action::RegisterActor { actor })
    }

    #[test]
    fn a_failed_write_leaves_the_network_as_it_was() {
        let (shared, alice) = founded();
        let before = shared.read();
        let failed = shared.execute_then(register(&alice, "paul"), |event| {
            assert_eq!(event.seq, 2, "the event handed to the write is the one to record");
            Err(Error::Founding("disk full"))
        });
        assert_eq!(failed.unwrap_err().to_string(), Error::Founding("disk full").to_string());
        assert_eq!(*shared.read(), *before);
        assert_eq!(shared.read().state().last_seq, 1);
    }

    #[test]
    fn a_written_event_is_applied_and_a_refused_command_is_never_written() {
        let (shared, alice) = founded();
        let mut written = Vec::new();
        let event = shared
            .execute_then(register(&alice, "paul"), |e| {
                written.push(e.clone());
                Ok(())
            })
            .unwrap();
        assert_eq!((event.seq, written.len()), (2, 1));
        assert_eq!(shared.read().journal().last(), Some(&written[0]));
        let again = shared.execute_then(register(&alice, "paul"), |_| panic!("a refused command reached the write"));
        assert_eq!(again.unwrap_err().code(), "actor.id.duplicate");
    }

    #[test]
    fn a_batch_is_written_whole_and_applied_only_after_its_write() {
        let (shared, alice) = founded();
        let before = shared.read();
        let failed = shared.execute_batch_then(vec![register(&alice, "paul"), register(&alice, "rita")], |events| {
            assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![2, 3]);
            Err(Error::Founding("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(*shared.read(), *before);
        // The second command is refused (paul twice): nothing is written, nothing applied.
        let refused = shared.execute_batch_then(vec![register(&alice, "paul"), register(&alice, "paul")], |_| {
            panic!("a batch with a refused command reached the write")
        });
        assert_eq!(refused.unwrap_err().code(), "actor.id.duplicate");
        assert_eq!(*shared.read(), *before);
        let written = shared.execute_batch_then(vec![register(&alice, "paul"), register(&alice, "rita")], |_| Ok(()));
        assert_eq!(written.unwrap().len(), 2);
        assert_eq!(shared.read().state().last_seq, 3);
    }

    #[test]
    fn a_batch_run_in_place_is_undone_whole_when_refused_or_not_written() {
        let (shared, alice) = founded();
        shared.execute(register(&alice, "paul")).unwrap();
        // A copy, not a reader: the batches below run in place.
        let before = Network::clone(&shared.read());
        let contract = ContractId::new("c-rita").unwrap();
        let terms = ContractTerms {
            needs: vec![Choice::item("network_work")],
            extra_engagements: vec![],
            contributions: vec![Choice::item("revenue_share_5pct")],
            place: "Lille".into(),
            signatory: "Rita".into(),
        };
        let rita = ActorId::new("rita").unwrap();
        let propose = Action::ProposeContract { contract: contract.clone(), terms };
        let batch = || {
            vec![
                register(&alice, "rita"),
                Command::new(&rita, date(2020, 2, 2).unwrap(), propose.clone()),
                register(&alice, "sam"),
            ]
        };
        let failed = shared.execute_batch_then(batch(), |events| {
            assert_eq!(events.len(), 3);
            Err(Error::Founding("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(*shared.read(), before);
        // The third command is refused (paul again): the first two are undone.
        let mut refused = batch();
        refused[2] = register(&alice, "paul");
        let refused = shared.execute_batch_then(refused, |_| panic!("a refused batch reached the write"));
        assert_eq!(refused.unwrap_err().code(), "actor.id.duplicate");
        assert_eq!(*shared.read(), before);
        // Written, the batch stays, its second command having seen the first.
        let written = shared.execute_batch_then(batch(), |_| Ok(())).unwrap();
        assert_eq!(written.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![3, 4, 5]);
        let after = shared.read();
        assert_eq!((after.journal().len(), after.state().actors.len()), (5, 4));
        assert_eq!(after.live_contract(&rita).map(|c| c.id.clone()), Some(contract));
    }

    #[test]
    fn a_decision_taken_on_an_older_state_is_not_committed() {
        let (shared, alice) = founded();
        let mut network = (*shared.read()).clone();
        let stale = network.decide(register(&alice, "paul")).unwrap();
        let fresh = network.decide(register(&alice, "rita")).unwrap();
        network.commit(fresh).unwrap();
        let before = network.clone();
        assert_eq!(network.commit(stale).unwrap_err().code(), "journal.sequence.invalid");
        assert_eq!(network, before);
    }
}
