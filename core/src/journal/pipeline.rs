//! Replaying a journal while it is read.
//!
//! Reading (checking each link of the chain, parsing each line) and replaying
//! (checking each event against the state and applying it) each take about
//! half the time of a replay, and neither needs the other's work until an
//! event is handed over: the reading runs on a second thread, handing events
//! over in batches, and the replay applies them as they come. What is decided
//! is exactly what reading whole and then replaying decides: the reading goes
//! on to the end even after an event is refused, so that a defect of the
//! journal anywhere comes first, and the network of a failed replay is
//! dropped by every caller. Where no thread can be started, both run in turn.

use super::{read_each, read_journal_until, Ended};
use crate::chain::ChainKey;
use crate::error::{Error, Result};
use crate::network::{Event, Network};
use std::sync::mpsc::sync_channel;

/// Events handed over at once: enough to make the hand-over cheap, few
/// enough that the replay starts at once.
const BATCH: usize = 4096;
/// Batches read ahead of the replay at most.
const AHEAD: usize = 8;

impl Network {
    /// Replays onto this network the events of a journal while it is read.
    /// Returns how the reading ended, and the replay's outcome.
    ///
    /// # Errors
    /// A defect of the journal (as [`super::read_verified`]); then the
    /// network is to be dropped.
    pub(super) fn replay_while_reading(&mut self, text: &str, key: Option<&ChainKey>) -> Result<(Ended, Result<()>)> {
        if crate::threads::Threads::for_engine().get() == 1 {
            return self.replay_after_reading(text, key);
        }
        std::thread::scope(|scope| {
            let (send, receive) = sync_channel::<Vec<Event>>(AHEAD);
            let reader =
                std::thread::Builder::new().name("coopetition-journal-reader".into()).spawn_scoped(scope, move || {
                    let mut batch = Vec::with_capacity(BATCH);
                    let ended = read_each(text, key, |event| {
                        batch.push(event);
                        if batch.len() == BATCH {
                            // The replay stops receiving only once the reading has ended.
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                            let _ = send.send(full);
                        }
                    });
                    let _ = send.send(batch);
                    ended
                });
            let Ok(reader) = reader else { return self.replay_after_reading(text, key) };
            let mut replayed = Ok(());
            let mut index = 0;
            for batch in receive {
                if replayed.is_ok() {
                    let count = batch.len();
                    replayed = self.replay_from(batch, index);
                    index += count;
                }
            }
            let ended = reader
                .join()
                .unwrap_or_else(|_| Err(Error::MalformedJson { line: None, message: "the reading failed".into() }))?;
            Ok((ended, replayed))
        })
    }

    /// [`Network::replay_while_reading`] on one thread: reading whole, then replaying.
    fn replay_after_reading(&mut self, text: &str, key: Option<&ChainKey>) -> Result<(Ended, Result<()>)> {
        let partial = read_journal_until(text, key)?;
        let replayed = self.replay_from(partial.events, 0);
        Ok((partial.ended, replayed))
    }
}
