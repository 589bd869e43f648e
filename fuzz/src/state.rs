//! The binary state target: the compact encoding a store keeps its snapshots
//! in, mutated byte by byte (bits flipped, ranges cut, repeated or moved,
//! lengths and tags overwritten). Every state it reads must encode back to
//! the bytes given (one encoding per state), write a JSON state that reads
//! back equal (what the binary reader accepts, the JSON one accepts too),
//! and, if its facts agree, load as a snapshot whose digest covers them.

use crate::rng::Rng;
use crate::{Outcome, Target};
use coopetition::chain::{ChainHash, ChainPosition};
use coopetition::network::{Network, NetworkState};
use coopetition::snapshot_file::snapshot_digest_of;
use coopetition::state_codec::{decode_state, encode_state};

const SAMPLE_JOURNAL: &str = include_str!("../../tests/fixtures/sample_journal.jsonl");

/// The most accepted inputs kept to mutate further.
const POOL: usize = 64;

pub struct State {
    seeds: Vec<Vec<u8>>,
    pool: Vec<Vec<u8>>,
    last: Vec<u8>,
}

impl State {
    pub fn new() -> Result<State, coopetition::Error> {
        let sample = Network::replay(SAMPLE_JOURNAL)?;
        Ok(State {
            seeds: vec![sample.state_bytes(), encode_state(&NetworkState::default())],
            pool: Vec::new(),
            last: Vec::new(),
        })
    }
}

/// One mutation of `bytes`, the way a damaged or hostile file differs.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let len = bytes.len().max(1);
    let at = rng.below(len).min(bytes.len());
    let span = (1 + rng.below(16)).min(bytes.len() - at);
    match rng.below(7) {
        0 => {
            if let Some(b) = bytes.get_mut(at) {
                *b ^= 1 << rng.below(8);
            }
        }
        1 => {
            if let Some(b) = bytes.get_mut(at) {
                // The values a length, a tag or a flag takes at its edges.
                *b = [0, 1, 2, 0x7f, 0x80, 0xff][rng.below(6)];
            }
        }
        2 => {
            bytes.drain(at..at + span);
        }
        3 => {
            let copy: Vec<u8> = bytes[at..at + span].to_vec();
            bytes.splice(at..at, copy);
        }
        4 => {
            let to = rng.below(len).min(bytes.len());
            let copy: Vec<u8> = bytes[at..at + span].to_vec();
            bytes.splice(to..to, copy);
        }
        5 => {
            // A long varint: a length or a number beyond every bound.
            let run = [0xffu8; 10];
            bytes.splice(at..at, run[..1 + rng.below(10)].iter().copied());
        }
        _ => bytes.truncate(at),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if digits.len() % 2 != 0 {
        return None;
    }
    digits.chunks(2).map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()).collect()
}

impl Target for State {
    fn name(&self) -> &'static str {
        "state"
    }

    fn next_input(&mut self, rng: &mut Rng) -> String {
        let from_pool = !self.pool.is_empty() && rng.one_in(3);
        let source = if from_pool { rng.pick(&self.pool) } else { rng.pick(&self.seeds) };
        let mut bytes = source.cloned().unwrap_or_default();
        for _ in 0..=rng.below(3) {
            mutate(rng, &mut bytes);
        }
        self.last = bytes;
        hex(&self.last)
    }

    fn run(&mut self, input: &str) -> Outcome {
        // The input is the bytes in hexadecimal: what `next_input` gave, or
        // a failure written out and replayed with `--input`.
        match unhex(input.trim()) {
            Some(bytes) => self.last = bytes,
            None => return Outcome::Wrong("the input is not bytes in hexadecimal".into()),
        }
        let state = match decode_state(&self.last) {
            Ok(state) => state,
            Err(e) => return Outcome::Refused(e.code()),
        };
        if encode_state(&state) != self.last {
            return Outcome::Wrong("a state read from bytes encodes to other bytes".into());
        }
        let json = match serde_json::to_string(&state) {
            Ok(json) => json,
            Err(e) => return Outcome::Wrong(format!("a state read from bytes does not write as JSON: {e}")),
        };
        match serde_json::from_str::<NetworkState>(&json) {
            Ok(again) if again == state => {}
            Ok(_) => return Outcome::Wrong("its JSON reads back as another state".into()),
            Err(e) => return Outcome::Wrong(format!("the binary reader accepted what the JSON one refuses: {e}")),
        }
        let position = ChainPosition { seq: state.last_seq, hash: ChainHash([7; 32]) };
        let digest = snapshot_digest_of(&position, &self.last, None);
        match Network::from_state_bytes(&self.last, &position, &digest, None) {
            Ok(network) if network.state() == &state => Outcome::Accepted,
            Ok(_) => Outcome::Wrong("the snapshot loads to another state than the bytes read".into()),
            Err(e) => Outcome::Refused(e.code()),
        }
    }

    fn keep(&mut self, _input: String) {
        if self.pool.len() < POOL {
            self.pool.push(self.last.clone());
        }
    }
}
