//! A journal longer than one batch of the replay, which applies events while
//! the rest of the journal is still being read: what it decides is what
//! reading whole and then replaying decides. A defect of the journal anywhere
//! comes before the rejection of an earlier event; a rejection names its
//! event; a cut-off last line is dropped and the events before it replayed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::journal::write_journal;
use coopetition::prelude::*;

/// Events in the journals below: more than two batches of 4,096.
const EVENTS: usize = 9_000;

fn id(text: &str) -> ActorId {
    ActorId::new(text).unwrap()
}

/// A founding, then registrations by the steward: `EVENTS` events.
fn events() -> Vec<Event> {
    let mut n = Network::new();
    let founder = Actor {
        level: InvolvementLevel::Steward,
        ..Actor::new(id("alice"), ActorKind::Association, "Alice", true).unwrap()
    };
    let on = date(2020, 1, 6).unwrap();
    let found = Action::FoundNetwork { settings: NetworkSettings::two_tier("N"), founders: vec![founder] };
    n.execute(Command::new(&id("alice"), on, found)).unwrap();
    for i in 1..EVENTS {
        let actor = Actor::new(id(&format!("p{i}")), ActorKind::Provider, "P", false).unwrap();
        n.execute(Command::new(&id("alice"), on, Action::RegisterActor { actor })).unwrap();
    }
    n.journal().to_vec()
}

/// The events with the registration numbered `seq` registering `p1` again.
fn registering_p1_again(mut events: Vec<Event>, seq: usize) -> Vec<Event> {
    let Action::RegisterActor { actor } = &mut events[seq - 1].action else { panic!("not a registration") };
    actor.id = id("p1");
    events
}

#[test]
fn a_long_journal_replays_whole() {
    let events = events();
    let replayed = Network::replay(&write_journal(&events)).unwrap();
    assert_eq!(replayed.journal(), &events[..]);
    assert_eq!(replayed.state().actors.len(), EVENTS);
}

#[test]
fn a_rejected_event_beyond_the_first_batch_is_named() {
    let journal = write_journal(&registering_p1_again(events(), 8_500));
    match Network::replay(&journal).unwrap_err() {
        Error::Replay { seq, source } => assert_eq!((seq, source.code()), (8_500, "actor.id.duplicate")),
        other => panic!("{other}"),
    }
}

#[test]
fn a_defect_of_the_journal_comes_before_an_earlier_rejection() {
    let journal = write_journal(&registering_p1_again(events(), 10));
    // Line 8,901 holds event 8,900: an edit of its text breaks the chain there.
    let mut lines: Vec<String> = journal.lines().map(str::to_owned).collect();
    lines[8_900] = lines[8_900].replace("\"by\":\"alice\"", "\"by\":\"alicf\"");
    let edited = lines.join("\n") + "\n";
    let error = Network::replay(&edited).unwrap_err();
    assert_eq!(error.code(), "journal.chain.broken", "{error}");
    assert!(matches!(error, Error::ChainBroken { line: 8_901, .. }), "{error}");
    // Not edited, the rejection is what stops the replay.
    assert_eq!(Network::replay(&journal).unwrap_err().code(), "actor.id.duplicate");
}

#[test]
fn a_cut_off_last_line_is_dropped_and_an_earlier_rejection_still_stops_the_replay() {
    let journal = write_journal(&events());
    let cut = &journal[..journal.len() - 40];
    let (network, dropped) = Network::replay_prefix(cut).unwrap();
    assert_eq!(network.journal().len(), EVENTS - 1);
    let dropped = dropped.unwrap();
    assert_eq!((dropped.line, dropped.events), (EVENTS + 1, 1));
    assert_eq!(dropped.bytes, journal.lines().last().unwrap().len() + 1 - 40);
    let rejected = write_journal(&registering_p1_again(events(), 5_000));
    let cut = &rejected[..rejected.len() - 40];
    assert_eq!(Network::replay_prefix(cut).unwrap_err().code(), "actor.id.duplicate");
    // Replaying whole, the cut-off line is a defect of the journal: it comes first.
    assert_eq!(Network::replay(cut).unwrap_err().code(), "journal.line.truncated");
}
