//! The crash test: a child process writes commands to a store in a loop and
//! prints each sequence number once `execute` returned; the parent kills it
//! (SIGKILL) at random points, many times, then checks the file: every
//! acknowledged event is there, nothing beyond what was attempted, and the
//! network equals a replay of the events kept.
//!
//! `cargo test` kills 200 times with short delays (under a minute in a debug
//! build); `COOPETITION_CRASH_KILLS=2000` runs a longer campaign.
//!
//! This binary is its own child: with `COOPETITION_CRASH_CHILD` set to a
//! store's path, it is the writer.
// A test binary without the test harness: failing is panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{command_for, expected};
use coopetition::journal::write_journal;
use coopetition::network::Network;
use coopetition_store::{Store, StoreOptions, StoredNetwork};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const CHILD: &str = "COOPETITION_CRASH_CHILD";

fn main() {
    if let Ok(path) = std::env::var(CHILD) {
        write_forever(&path);
    }
    // `cargo test -- --list` and filters: this binary has one test.
    if std::env::args().any(|a| a == "--list") {
        println!("crash: test");
        return;
    }
    let kills = std::env::var("COOPETITION_CRASH_KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(200);
    crash_test(kills);
}

/// The child: reopens the store, then executes the next command forever,
/// saying which event it attempts and which one was acknowledged.
fn write_forever(path: &str) -> ! {
    let network = StoredNetwork::open(path, &StoreOptions::default()).expect("the store opens after a kill");
    let mut out = std::io::stdout().lock();
    loop {
        let seq = network.read().state().last_seq + 1;
        writeln!(out, "try {seq}").and_then(|()| out.flush()).expect("the parent reads");
        let event = network.execute(command_for(seq)).expect("the command is accepted and written");
        assert_eq!(event.seq, seq);
        writeln!(out, "ok {seq}").and_then(|()| out.flush()).expect("the parent reads");
    }
}

/// A small generator of delays (xorshift), seeded from the clock and printed
/// so that a failing run can be told apart.
struct Delays(u64);

impl Delays {
    fn next_below(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// Kills per store file: a fresh file now and then keeps the replay at each
/// reopening short, so the kills land among the writes, not in the replay.
const KILLS_PER_FILE: usize = 50;

/// What the kills of one file found.
#[derive(Default)]
struct Tally {
    kills: usize,
    after_a_write: usize,
    events: u64,
}

fn crash_test(kills: usize) {
    let started = Instant::now();
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1;
    let mut delays = Delays(seed);
    let dir = tempfile::tempdir().unwrap();
    let mut total = Tally::default();
    let mut file = 0;
    while total.kills < kills {
        let path = dir.path().join(format!("crash-{file}.coop"));
        let tally = kill_writers(&path, KILLS_PER_FILE.min(kills - total.kills), &mut delays, seed);
        total.kills += tally.kills;
        total.after_a_write += tally.after_a_write;
        total.events += tally.events;
        file += 1;
    }
    assert!(total.after_a_write * 2 >= kills, "only {} of {kills} kills came after a write", total.after_a_write);
    println!(
        "crash: {} kills ({} after at least one acknowledged write) over {file} store files, {} events kept and \
         checked, seed {seed}, {:.1} s",
        total.kills,
        total.after_a_write,
        total.events,
        started.elapsed().as_secs_f64()
    );
}

/// Kills the writer of one store `kills` times, then checks the file.
fn kill_writers(path: &std::path::Path, kills: usize, delays: &mut Delays, seed: u64) -> Tally {
    let exe = std::env::current_exe().unwrap();
    let (mut acknowledged, mut attempted, mut after_a_write) = (0u64, 0u64, 0usize);
    for round in 0..kills {
        let mut child =
            Command::new(&exe).env(CHILD, path).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut seen = Vec::new();
        if delays.next_below(5) == 0 {
            // One kill in five lands anywhere from the start: opening, replay, first writes.
            std::thread::sleep(Duration::from_millis(delays.next_below(40)));
        } else {
            // The others among the writes: once the writer has acknowledged one, within a few commits.
            while let Ok(line) = lines.recv_timeout(Duration::from_secs(30)) {
                let acknowledged = line.starts_with("ok ");
                seen.push(line);
                if acknowledged {
                    break;
                }
            }
            std::thread::sleep(Duration::from_micros(delays.next_below(10_000)));
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        reader.join().unwrap();
        seen.extend(lines.try_iter());
        assert!(status.code().is_none(), "round {round}: the writer stopped by itself ({status}): {seen:?}");
        let number = |prefix: &str| seen.iter().filter_map(|l| l.strip_prefix(prefix)?.parse::<u64>().ok()).max();
        if let Some(ok) = number("ok ") {
            acknowledged = acknowledged.max(ok);
            after_a_write += 1;
        }
        attempted = attempted.max(number("try ").unwrap_or(0));
        // Checked after every kill: a later writer would otherwise write a lost
        // event again and hide the loss.
        let stored = Store::open(path, &StoreOptions::default()).unwrap().last_seq().unwrap();
        assert!(
            stored >= acknowledged,
            "round {round} (seed {seed}): event {acknowledged} acknowledged, {stored} stored"
        );
        assert!(stored <= attempted, "round {round} (seed {seed}): {stored} stored, only {attempted} attempted");
    }
    let mut store = Store::open(path, &StoreOptions::default()).unwrap();
    assert!(matches!(store.verify().unwrap(), coopetition::chain::Verification::Sha256 { .. }), "the chain verifies");
    let events = store.events_after(0).unwrap();
    let kept = events.len() as u64;
    assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=kept).collect::<Vec<_>>());
    let reopened = StoredNetwork::open(path, &StoreOptions::default()).unwrap();
    let replayed = Network::replay(&write_journal(&events)).unwrap();
    assert_eq!(*reopened.read(), replayed, "the stored network is the replay of its events");
    assert_eq!(replayed, expected(kept), "the events are the commands attempted, in order");
    Tally { kills, after_a_write, events: kept }
}
