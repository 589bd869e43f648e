//! The targets: one per parser and entry point, each with its oracles.

use crate::mutate::mutate;
use crate::rng::Rng;
use crate::{Outcome, Target};
use coopetition::journal::Verification;
use coopetition::network::{Command, Network};
use coopetition::policy::{Guide, Parameters};
use coopetition::Error;
use serde_json::Value;
use std::collections::BTreeSet;

const SAMPLE_JOURNAL: &str = include_str!("../../tests/fixtures/sample_journal.jsonl");
const KOTLIN_JOURNAL: &str = include_str!("../../tests/fixtures/kotlin_journal.jsonl");
/// A journal without the hash chain (schema 1): mutations of its values reach
/// the strict reader and the rules, where a chained journal's stop at the chain.
const SAMPLE_JOURNAL_V1: &str = include_str!("../../tests/fixtures/sample_journal_v1.jsonl");
const SAMPLE_SNAPSHOT: &str = include_str!("../../tests/fixtures/sample_snapshot.json");
/// The same state as a schema-1 snapshot (no digest): mutations of its state
/// reach the invariant checks, where a schema-2 one stops at its digest.
const SAMPLE_SNAPSHOT_V1: &str = include_str!("../../tests/fixtures/sample_snapshot_v1.json");
const SHIPPED_GUIDE: &str = include_str!("../../core/data/guide.json");

/// The most accepted inputs a target keeps to mutate further.
const POOL: usize = 64;

/// Every target, with its seeds.
pub fn all() -> Result<Vec<Box<dyn Target>>, Error> {
    let base = Network::replay(SAMPLE_JOURNAL)?;
    let commands = commands_of(SAMPLE_JOURNAL);
    Ok(vec![
        Box::new(Text::new(
            "journal",
            vec![SAMPLE_JOURNAL.into(), KOTLIN_JOURNAL.into(), SAMPLE_JOURNAL_V1.into()],
            journal,
        )),
        Box::new(Text::new("snapshot", vec![SAMPLE_SNAPSHOT.into(), SAMPLE_SNAPSHOT_V1.into()], snapshot)),
        Box::new(Commands { text: Text::new("command", commands, |_| Outcome::Accepted), base }),
        Box::new(Commands {
            text: Text::new("referral", referral_commands(), |_| Outcome::Accepted),
            base: referral_base()?,
        }),
        Box::new(Text::new("parameters", vec![parameters_json(Parameters::shipped()), flat_periods()], parameters)),
        Box::new(Text::new("guide", vec![SHIPPED_GUIDE.into()], guide)),
        Box::new(crate::batch::Batch::new()),
        Box::new(crate::state::State::new()?),
    ])
}

/// A target whose input is one text, mutated from seeds and kept inputs.
struct Text {
    name: &'static str,
    seeds: Vec<String>,
    pool: Vec<String>,
    run: fn(&str) -> Outcome,
}

impl Text {
    fn new(name: &'static str, seeds: Vec<String>, run: fn(&str) -> Outcome) -> Text {
        Text { name, seeds, pool: Vec::new(), run }
    }

    fn next(&mut self, rng: &mut Rng) -> String {
        let from_pool = !self.pool.is_empty() && rng.one_in(3);
        let source = if from_pool { rng.pick(&self.pool) } else { rng.pick(&self.seeds) };
        let mut text = source.cloned().unwrap_or_default();
        for _ in 0..=rng.below(3) {
            text = mutate(rng, &text, &self.seeds);
        }
        text
    }

    fn keep(&mut self, input: String) {
        if self.pool.len() < POOL {
            self.pool.push(input);
        }
    }
}

impl Target for Text {
    fn name(&self) -> &'static str {
        self.name
    }
    fn next_input(&mut self, rng: &mut Rng) -> String {
        self.next(rng)
    }
    fn run(&mut self, input: &str) -> Outcome {
        (self.run)(input)
    }
    fn keep(&mut self, input: String) {
        Text::keep(self, input);
    }
}

/// The JSON documents of a text: one per line for a journal, else one.
fn documents(text: &str) -> Vec<Value> {
    let one = |t: &str| serde_json::from_str::<Value>(t).unwrap_or_else(|_| Value::String(t.to_owned()));
    if text.trim_start().starts_with("{\"format\":\"coopetition-journal\"") {
        text.lines().filter(|l| !l.trim().is_empty()).map(one).collect()
    } else {
        vec![one(text)]
    }
}

/// Where `written` reads otherwise than `given`, if anywhere. Encodings do
/// not count (escapes, key order, whitespace), nor an empty value given for
/// a field the writer leaves out, nor the scale of a decimal (`1000` and
/// `1000.00`); any other difference is a value the engine read in another
/// spelling, or changed, on the way in.
fn spelling(given: &str, written: &str) -> Option<String> {
    let (g, w) = (documents(given), documents(written));
    if g.len() != w.len() {
        return Some(format!("{} documents given, {} written", g.len(), w.len()));
    }
    g.iter().zip(&w).enumerate().find_map(|(i, (g, w))| differ(g, w, &format!("document {}", i + 1)))
}

fn differ(given: &Value, written: &Value, path: &str) -> Option<String> {
    match (given, written) {
        (Value::Object(g), Value::Object(w)) => {
            let keys: BTreeSet<&String> = g.keys().chain(w.keys()).collect();
            keys.into_iter().find_map(|k| {
                let at = format!("{path}.{k}");
                match (g.get(k), w.get(k)) {
                    (Some(g), Some(w)) => differ(g, w, &at),
                    (Some(v), None) | (None, Some(v)) if empty(v) => None,
                    (g, w) => Some(format!("`{at}` given {g:?}, written {w:?}")),
                }
            })
        }
        (Value::Array(g), Value::Array(w)) if g.len() == w.len() => {
            g.iter().zip(w).enumerate().find_map(|(i, (g, w))| differ(g, w, &format!("{path}[{i}]")))
        }
        (Value::String(g), Value::String(w)) if g == w || same_decimal(g, w) => None,
        (g, w) if g == w => None,
        (g, w) => Some(format!("`{path}` given `{g}`, written `{w}`")),
    }
}

fn empty(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Number(_) | Value::Bool(true) => false,
    }
}

/// Two plain decimals (digits, one optional `.`, an optional leading `-`)
/// of equal value, compared as text so that no decimal type rounds them.
fn same_decimal(a: &str, b: &str) -> bool {
    matches!((plain(a), plain(b)), (Some(x), Some(y)) if x == y)
}

/// A plain decimal without its redundant zeros, or `None` if not plain.
fn plain(s: &str) -> Option<String> {
    let (negative, digits) = s.strip_prefix('-').map_or((false, s), |rest| (true, rest));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let digits_only = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits_only(whole) || !digits_only(fraction) {
        return None;
    }
    let (whole, fraction) = (whole.trim_start_matches('0'), fraction.trim_end_matches('0'));
    let zero = whole.is_empty() && fraction.is_empty();
    Some(format!("{}{whole}.{fraction}", if negative && !zero { "-" } else { "" }))
}

fn refused(e: &Error) -> Outcome {
    Outcome::Refused(e.code())
}

/// A journal replays; what it rebuilds replays again and snapshots identically,
/// and was written in the one spelling the engine writes.
fn journal(text: &str) -> Outcome {
    let (network, verification) = match Network::replay_verified(text, None) {
        Ok(read) => read,
        Err(e) => return refused(&e),
    };
    let written = network.journal_jsonl();
    let compared = match verification {
        Verification::Unverified => as_schema_1(&written),
        _ => written.clone(),
    };
    if let Some(why) = spelling(text, &compared) {
        return Outcome::Wrong(format!("accepted a journal in another spelling than it writes: {why}"));
    }
    match Network::replay(&written) {
        Ok(again) if again.state() == network.state() => {}
        Ok(_) => return Outcome::Wrong("the journal it wrote replays to another state".into()),
        Err(e) => return Outcome::Wrong(format!("the journal it wrote does not replay: {e} ({})", e.code())),
    }
    snapshot_round_trip(&network)
}

/// A journal this build wrote, as schema 1 wrote it: its header without the
/// chain, its lines without their hash.
fn as_schema_1(written: &str) -> String {
    let mut lines = written.lines();
    let mut out = String::from("{\"format\":\"coopetition-journal\",\"schema_version\":1}\n");
    lines.next();
    for line in lines {
        match line.rfind(",\"hash\":\"").and_then(|at| line.get(..at)) {
            Some(plain) => out.push_str(&format!("{plain}}}\n")),
            None => out.push_str(&format!("{line}\n")),
        }
    }
    out
}

fn snapshot_round_trip(network: &Network) -> Outcome {
    match Network::from_snapshot_json(&network.snapshot_json()) {
        Ok(again) if again.state() == network.state() => Outcome::Accepted,
        Ok(_) => Outcome::Wrong("its snapshot loads to another state".into()),
        Err(e) => Outcome::Wrong(format!("its snapshot does not load: {e} ({})", e.code())),
    }
}

/// A snapshot loads only if consistent, in the engine's spelling, and the
/// network it gives takes commands without failing.
fn snapshot(text: &str) -> Outcome {
    let network = match Network::from_snapshot_json(text) {
        Ok(n) => n,
        Err(e) => return refused(&e),
    };
    let written = network.snapshot_json();
    if let Some(why) = spelling(text, &written) {
        return Outcome::Wrong(format!("accepted a snapshot in another spelling than it writes: {why}"));
    }
    let round = snapshot_round_trip(&network);
    if !matches!(round, Outcome::Accepted) {
        return round;
    }
    // Every actor tries to register one more: numbering must not overflow, and
    // whatever is accepted must resume from the snapshot.
    let mut network = network;
    for by in network.state().actors.keys().cloned().collect::<Vec<_>>() {
        let Ok(id) = coopetition::ids::ActorId::new(format!("{by}-fuzz")) else { continue };
        let Ok(actor) = coopetition::actor::Actor::new(id, coopetition::actor::ActorKind::Citizen, "Fuzz", false)
        else {
            continue;
        };
        let on = network.state().founded_on.unwrap_or_default();
        let command = Command::new(&by, on, coopetition::network::Action::RegisterActor { actor });
        if network.execute(command).is_ok() {
            match Network::resume(&written, &network.journal_jsonl()) {
                Ok(again) if again.state() == network.state() => {}
                Ok(_) => return Outcome::Wrong("snapshot + journal resume to another state".into()),
                Err(e) => return Outcome::Wrong(format!("snapshot + journal do not resume: {e} ({})", e.code())),
            }
        }
    }
    Outcome::Accepted
}

/// The journal's events as commands (no sequence number), to mutate; the
/// text is kept as written, fields in the writer's order.
fn commands_of(journal: &str) -> Vec<String> {
    journal
        .lines()
        .skip(1)
        .filter_map(|line| {
            let rest = line.strip_prefix("{\"seq\":")?;
            let digits = rest.find(',')?;
            // A command carries no hash: that is the journal's.
            let end = rest.rfind(",\"hash\":\"").unwrap_or(rest.len().saturating_sub(1));
            Some(format!("{{{}}}", rest.get(digits + 1..end)?))
        })
        .collect()
}

/// Commands against the sample network: what is accepted must replay from
/// the journal it leaves, and be read in the spelling it is written.
struct Commands {
    text: Text,
    base: Network,
}

/// The command vectors of leads and calls for partners: their setup, and
/// every command of their cases (accepted and refused alike).
const LEADS_VECTORS: &str = include_str!("../../tests/vectors/commands/leads.json");
const CALLS_VECTORS: &str = include_str!("../../tests/vectors/commands/calls.json");
const ORIGINS_VECTORS: &str = include_str!("../../tests/vectors/commands/origins.json");

/// The calls vectors' network (members, an applicant, a won mission) with a
/// lead offered to two providers, a call for partners answered and a network
/// event paul attended with the Ville de Roubaix, so that mutated lead, call
/// and mission commands meet every state and both records of origin.
fn referral_base() -> Result<Network, Error> {
    let mut network = Network::new();
    let file: Value = serde_json::from_str(CALLS_VECTORS).unwrap_or_default();
    let more = [
        r#"{"by":"alice","on":"2021-03-12","action":{"type":"record_lead","lead":"l-lys","client":{"type":"outside","name":"Mairie de Lys","kind":"local_authority"},"need":"Programmation","received_on":"2021-03-11","visibility":"offered"}}"#,
        r#"{"by":"alice","on":"2021-03-13","action":{"type":"offer_lead","lead":"l-lys","mode":"direct_referral","members":["paul","zoe"],"deadline":"2021-03-31"}}"#,
        r#"{"by":"paul","on":"2021-03-14","action":{"type":"answer_lead","lead":"l-lys","interested":true,"proposal":"Deux ateliers"}}"#,
        r#"{"by":"paul","on":"2021-03-14","action":{"type":"call_for_partners","call":"c-1","mission":"m-1","need":"skill","what":"Aménagement"}}"#,
        r#"{"by":"zoe","on":"2021-03-15","action":{"type":"answer_call","call":"c-1","note":"Architecte"}}"#,
        r#"{"by":"alice","on":"2021-03-15","action":{"type":"record_network_event","event":"e-forum","title":"Forum","held_on":"2021-03-15","attendees":[{"type":"member","id":"paul"},{"type":"outside","name":"Ville de Roubaix","kind":"local_authority"}]}}"#,
    ];
    let setup = file["setups"]["network"].as_array().cloned().unwrap_or_default();
    for command in setup.iter().map(Value::to_string).chain(more.iter().map(|c| (*c).to_owned())) {
        network.execute(Command::from_json(&command)?)?;
    }
    Ok(network)
}

/// Every command of the leads, calls and origins vectors' cases, as JSON.
fn referral_commands() -> Vec<String> {
    let mut out = Vec::new();
    for text in [LEADS_VECTORS, CALLS_VECTORS, ORIGINS_VECTORS] {
        let file: Value = serde_json::from_str(text).unwrap_or_default();
        for case in file["cases"].as_array().into_iter().flatten() {
            out.extend(case["commands"].as_array().into_iter().flatten().map(Value::to_string));
        }
    }
    out
}

impl Target for Commands {
    fn name(&self) -> &'static str {
        self.text.name
    }
    fn next_input(&mut self, rng: &mut Rng) -> String {
        self.text.next(rng)
    }
    fn keep(&mut self, input: String) {
        self.text.keep(input);
    }
    fn run(&mut self, input: &str) -> Outcome {
        let command = match Command::from_json(input) {
            Ok(c) => c,
            Err(e) => return refused(&e),
        };
        let mut network = self.base.clone();
        let event = match network.execute(command.clone()) {
            Ok(e) => e.clone(),
            Err(e) => return refused(&e),
        };
        let written = serde_json::to_string(&command).unwrap_or_default();
        if let Some(why) = spelling(input, &written) {
            return Outcome::Wrong(format!("accepted a command in another spelling than it writes: {why}"));
        }
        match Network::replay(&network.journal_jsonl()) {
            Ok(again) if again.state() == network.state() => Outcome::Accepted,
            Ok(_) => Outcome::Wrong(format!("event {} replays to another state", event.seq)),
            Err(e) => Outcome::Wrong(format!("the accepted command does not replay: {e} ({})", e.code())),
        }
    }
}

fn parameters_json(p: &Parameters) -> String {
    serde_json::to_string(p).unwrap_or_default()
}

fn flat_periods() -> String {
    r#"{"flat_rate":[{"from":"2020-01-01","until":"2023-01-01","value":"0.05"},{"from":"2023-01-01","value":"0.04"}]}"#
        .into()
}

/// Parameters load only if their own JSON loads back to the same parameters.
fn parameters(text: &str) -> Outcome {
    let p = match Parameters::load(text) {
        Ok(p) => p,
        Err(e) => return refused(&e),
    };
    match Parameters::load(&parameters_json(&p)) {
        Ok(again) if again == p => Outcome::Accepted,
        Ok(_) => Outcome::Wrong("its JSON loads to other parameters".into()),
        Err(e) => Outcome::Wrong(format!("its JSON does not load: {e} ({})", e.code())),
    }
}

/// A guide loads only if its own JSON loads back to the same guide.
fn guide(text: &str) -> Outcome {
    let g = match Guide::load(text) {
        Ok(g) => g,
        Err(e) => return refused(&e),
    };
    let json = serde_json::to_string(&g).unwrap_or_default();
    match Guide::load(&json) {
        Ok(again) if again == g => Outcome::Accepted,
        Ok(_) => Outcome::Wrong("its JSON loads to another guide".into()),
        Err(e) => Outcome::Wrong(format!("its JSON does not load: {e} ({})", e.code())),
    }
}
