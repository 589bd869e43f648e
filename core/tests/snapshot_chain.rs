//! Verified snapshots: a snapshot records its place in the journal's chain
//! and a digest of its state bound to it; an edit is refused by the digest,
//! and an edit whose digest was recomputed is still refused if it breaks a
//! rule; a keyed snapshot loads only with its key; a journal resumes a
//! snapshot only if it continues the snapshot's chain. Expected digests are
//! computed here from the format's definition ([`resign`]), not by the engine.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::chain::{ChainHash, ChainKey, ChainPosition, Verification};
use coopetition::journal::{read_journal, write_journal, write_journal_after, write_journal_keyed};
use coopetition::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;

#[path = "support/resign.rs"]
mod resign;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sample() -> Network {
    Network::replay(&fixture("sample_journal.jsonl")).unwrap()
}

/// The hash the journal's line of event `seq` carries, read from the text.
fn line_hash(journal: &str, seq: u64) -> String {
    let line = journal.lines().find(|l| l.starts_with(&format!("{{\"seq\":{seq},"))).unwrap();
    let value: Value = serde_json::from_str(line).unwrap();
    value["hash"].as_str().unwrap().to_owned()
}

fn code(result: Result<Network>) -> String {
    result.map(drop).unwrap_err().code().to_owned()
}

fn load(snapshot: &str) -> Result<Network> {
    Network::from_snapshot_json(snapshot)
}

const KEY: &[u8] = b"the network's secret";

fn key() -> ChainKey {
    ChainKey::new(KEY).unwrap()
}

// ---- the document -----------------------------------------------------------------------

#[test]
fn the_sample_snapshot_records_its_place_in_the_chain_and_its_digest() {
    let text = fixture("sample_snapshot.json");
    let snapshot: Value = serde_json::from_str(&text).unwrap();
    let journal = fixture("sample_journal.jsonl");
    let events = read_journal(&journal).unwrap();
    let last = events.last().unwrap().seq;
    assert_eq!(snapshot["schema_version"], json!(2));
    assert_eq!(snapshot["chain"], json!("sha256"));
    assert_eq!(snapshot["seq"], json!(last));
    assert_eq!(snapshot["hash"], json!(line_hash(&journal, last)));
    assert!(snapshot.get("key_check").is_none());
    let input = resign::digest_input("sha256", last, &line_hash(&journal, last), &snapshot["state"]);
    assert_eq!(snapshot["digest"], json!(resign::digest(&input, None)));
    // It loads, verified, and is what the replayed network writes.
    let (network, verification) = Network::from_snapshot_json_with_key(&text, None).unwrap();
    let head = ChainHash::from_hex(&line_hash(&journal, last)).unwrap();
    assert_eq!(verification, Verification::Sha256 { head });
    assert_eq!(network.state(), sample().state());
    assert_eq!(sample().snapshot_json().trim_end(), text.trim_end());
    assert_eq!(sample().chain_head(None), Some(ChainPosition { seq: last, hash: head }));
}

#[test]
fn a_schema_1_snapshot_still_loads_unverified() {
    let old = fixture("sample_snapshot_v1.json");
    let (network, verification) = Network::from_snapshot_json_with_key(&old, None).unwrap();
    assert_eq!(verification, Verification::Unverified);
    assert_eq!(network.state(), sample().state());
    // A reader holding a key accepts only what the key authenticates.
    assert_eq!(Network::from_snapshot_json_with_key(&old, Some(&key())).unwrap_err().code(), "store.key.invalid");
    // Its network knows no place in the chain: it writes schema 1 again, and no keyed snapshot.
    let written: Value = serde_json::from_str(&network.snapshot_json()).unwrap();
    assert_eq!(written["schema_version"], json!(1));
    assert_eq!(network.snapshot_json_keyed(&key()).unwrap_err().code(), "store.key.invalid");
    // A schema-1 document with a digest is malformed, not half verified.
    let mut mixed: Value = serde_json::from_str(&old).unwrap();
    mixed["digest"] = json!("00".repeat(32));
    assert_eq!(code(load(&mixed.to_string())), "journal.json.malformed");
}

// ---- edits ------------------------------------------------------------------------------

/// An edit of a snapshot's state: what it does, how, and the rule it breaks, if any.
type Edit = (&'static str, fn(&mut Value), Option<&'static str>);

/// Edits of the sample snapshot's state: those that break a rule, with the
/// rule named, and those that break none.
fn edits() -> Vec<Edit> {
    vec![
        (
            "a steward added",
            |s| s["actors"]["jeanne-roux"]["level"] = json!("steward"),
            Some("a level above supporter has a founding or a recorded decision behind it"),
        ),
        (
            "a standing flipped",
            |s| s["follow_up"]["standing"]["atelier-des-communs"] = json!({"current": "suspended", "decisions": []}),
            Some("a standing equals the last standing decision"),
        ),
        ("a consent flipped", |s| s["actors"]["jeanne-roux"]["public_listing"] = json!(true), None),
        ("a display name changed", |s| s["actors"]["la-grange"]["display_name"] = json!("La Grange (bis)"), None),
    ]
}

#[test]
fn an_edited_snapshot_is_refused_by_its_digest() {
    for (what, edit, _) in edits() {
        let mut snapshot: Value = serde_json::from_str(&fixture("sample_snapshot.json")).unwrap();
        edit(&mut snapshot["state"]);
        let err = load(&snapshot.to_string()).unwrap_err();
        assert_eq!(err.code(), "journal.snapshot.digest", "{what}: {err}");
    }
}

#[test]
fn an_edit_breaking_a_rule_is_refused_even_with_its_digest_recomputed() {
    for (what, edit, rule) in edits() {
        let mut snapshot: Value = serde_json::from_str(&fixture("sample_snapshot.json")).unwrap();
        edit(&mut snapshot["state"]);
        let result = load(&resign::resigned(snapshot));
        match rule {
            Some(rule) => {
                let err = result.unwrap_err();
                assert_eq!(err.code(), "journal.snapshot.inconsistent", "{what}: {err}");
                assert!(err.to_string().contains(rule), "{what}: {err}");
            }
            // Anyone can recompute a SHA-256 digest: only a key tells these from the truth.
            None => drop(result.unwrap()),
        }
    }
}

#[test]
fn a_digest_cannot_be_moved_to_another_place_in_the_chain() {
    let original: Value = serde_json::from_str(&fixture("sample_snapshot.json")).unwrap();
    let mut moved = original.clone();
    moved["hash"] = json!("ab".repeat(32));
    assert_eq!(code(load(&moved.to_string())), "journal.snapshot.digest");
    let mut moved = original.clone();
    moved["seq"] = json!(44);
    assert_eq!(code(load(&moved.to_string())), "journal.snapshot.digest");
    // A forger who recomputes the digest at another number meets the state's own last number.
    let mut renumbered = original.clone();
    renumbered["seq"] = json!(44);
    let input = resign::digest_input("sha256", 44, original["hash"].as_str().unwrap(), &original["state"]);
    renumbered["digest"] = json!(resign::digest(&input, None));
    let err = load(&renumbered.to_string()).unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.inconsistent", "{err}");
    // A digest spelt otherwise is malformed.
    let mut upper = original;
    upper["digest"] = json!(upper["digest"].as_str().unwrap().to_uppercase());
    assert_eq!(code(load(&upper.to_string())), "journal.json.malformed");
}

// ---- keys -------------------------------------------------------------------------------

#[test]
fn a_keyed_snapshot_loads_only_with_its_key() {
    let network = sample();
    let text = network.snapshot_json_keyed(&key()).unwrap();
    let snapshot: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(snapshot["chain"], json!("hmac-sha256"));
    // The keyed chain's link of the last event, from the keyed journal.
    let journal = network.journal_jsonl_keyed(&key());
    let last = network.state().last_seq;
    assert_eq!(snapshot["hash"], json!(line_hash(&journal, last)));
    assert_eq!(snapshot["key_check"], json!(resign::digest("coopetition chain key", Some(KEY))));
    let input = resign::digest_input("hmac-sha256", last, &line_hash(&journal, last), &snapshot["state"]);
    assert_eq!(snapshot["digest"], json!(resign::digest(&input, Some(KEY))));

    let (loaded, verification) = Network::from_snapshot_json_with_key(&text, Some(&key())).unwrap();
    assert!(matches!(verification, Verification::Keyed { .. }));
    assert_eq!(loaded.state(), network.state());
    assert_eq!(code(load(&text)), "store.key.required");
    let other = ChainKey::new(b"another key").unwrap();
    assert_eq!(Network::from_snapshot_json_with_key(&text, Some(&other)).unwrap_err().code(), "store.key.invalid");
    // A key given for a snapshot written without one.
    let plain = network.snapshot_json();
    assert_eq!(Network::from_snapshot_json_with_key(&plain, Some(&key())).unwrap_err().code(), "store.key.invalid");
    // A network rebuilt from a keyed snapshot goes on with that key only.
    assert_eq!(loaded.snapshot_json_keyed(&other).unwrap_err().code(), "store.key.invalid");
    assert_eq!(loaded.snapshot_json_keyed(&key()).unwrap(), text);
    assert_eq!(serde_json::from_str::<Value>(&loaded.snapshot_json()).unwrap()["schema_version"], json!(1));
}

#[test]
fn an_edit_of_a_keyed_snapshot_is_refused_whoever_recomputes_its_digest() {
    let text = sample().snapshot_json_keyed(&key()).unwrap();
    for (what, edit, _) in edits() {
        let mut snapshot: Value = serde_json::from_str(&text).unwrap();
        edit(&mut snapshot["state"]);
        let load = |s: &str| Network::from_snapshot_json_with_key(s, Some(&key())).map(|(n, _)| n);
        assert_eq!(code(load(&snapshot.to_string())), "journal.snapshot.digest", "{what}");
        // A digest recomputed without the key (another key) does not verify with it.
        let forged = resign::resigned_with(snapshot.clone(), Some(b"a guess"));
        assert_eq!(code(load(&forged)), "journal.snapshot.digest", "{what}");
        // A forger claiming another key is told the key is not the snapshot's.
        snapshot["key_check"] = json!(resign::digest("coopetition chain key", Some(b"a guess")));
        assert_eq!(code(load(&resign::resigned_with(snapshot, Some(b"a guess")))), "store.key.invalid", "{what}");
    }
}

// ---- resuming ---------------------------------------------------------------------------

/// The sample network as a snapshot at event `at` and the journal that
/// continues it (written by a network loaded from that snapshot).
fn split_at(at: usize) -> (String, String) {
    let events = sample().journal().to_vec();
    let head = Network::replay(&write_journal(&events[..at])).unwrap();
    let snapshot = head.snapshot_json();
    let mut loaded = load(&snapshot).unwrap();
    for event in &events[at..] {
        loaded.execute(Command::new(&event.by, event.on, event.action.clone())).unwrap();
    }
    (snapshot, loaded.journal_jsonl())
}

#[test]
fn a_snapshot_resumes_with_the_journal_that_continues_it_or_the_whole_journal() {
    let (snapshot, rest) = split_at(20);
    let header: Value = serde_json::from_str(rest.lines().next().unwrap()).unwrap();
    let whole = fixture("sample_journal.jsonl");
    assert_eq!(header["continues"], json!({"seq": 20, "hash": line_hash(&whole, 20)}));
    let resumed = Network::resume(&snapshot, &rest).unwrap();
    assert_eq!(resumed.state(), sample().state());
    assert_eq!(resumed.journal(), &sample().journal()[20..]);
    // Its chain goes on: its head is the whole journal's.
    assert_eq!(resumed.chain_head(None), sample().chain_head(None));
    // The whole journal: verified up to the snapshot, only the rest replayed.
    let from_whole = Network::resume(&snapshot, &whole).unwrap();
    assert_eq!(from_whole, resumed);
    // A header alone adds nothing, whichever it is.
    let header = whole.lines().next().unwrap().to_owned() + "\n";
    assert_eq!(Network::resume(&snapshot, &header).unwrap().state(), load(&snapshot).unwrap().state());
    let nothing_since = load(&snapshot).unwrap().journal_jsonl();
    assert!(nothing_since.contains("\"continues\""));
    assert_eq!(Network::resume(&snapshot, &nothing_since).unwrap().journal(), &[]);
    // A continuation alone is not a journal to replay from nothing.
    assert_eq!(code(Network::replay(&rest)), "journal.snapshot.continuation");
}

#[test]
fn a_journal_that_does_not_continue_the_snapshot_is_refused() {
    let (snapshot, _) = split_at(20);
    let events = sample().journal().to_vec();
    let whole = fixture("sample_journal.jsonl");
    let hash = |seq| ChainHash::from_hex(&line_hash(&whole, seq)).unwrap();
    let continuation = |code_: &str, journal: String| {
        let err = Network::resume(&snapshot, &journal).unwrap_err();
        assert_eq!(err.code(), code_, "{err}");
    };
    // The journal of a later snapshot: the events between are missing.
    let (_, later) = split_at(21);
    continuation("journal.snapshot.continuation", later);
    // Shifted by one event: the position of event 20 claimed with event 19's hash.
    let shifted = write_journal_after(&ChainPosition { seq: 20, hash: hash(19) }, &events[20..], None);
    continuation("journal.snapshot.continuation", shifted);
    // A continuation that skips its first event.
    continuation(
        "journal.sequence.invalid",
        write_journal_after(&ChainPosition { seq: 20, hash: hash(20) }, &events[21..], None),
    );
    // The journal of another network with the same numbers: one event differs before the snapshot's.
    let mut other = events.clone();
    other[4].on = other[4].on.succ_opt().unwrap();
    continuation("journal.snapshot.continuation", write_journal(&other));
    // A whole journal that ends before the snapshot's event.
    continuation("journal.snapshot.continuation", write_journal(&events[..19]));
    // The events after the snapshot chained from their own header, as journals were before.
    continuation("journal.snapshot.continuation", write_journal(&events[20..]));
    // A journal with no chain.
    let v1 = fixture("sample_journal_v1.jsonl");
    continuation("journal.snapshot.continuation", v1);
    // A keyed journal after a snapshot written without a key.
    let keyed = write_journal_keyed(&events, &key());
    assert_eq!(Network::resume_with_key(&snapshot, &keyed, &key()).unwrap_err().code(), "store.key.invalid");
}

#[test]
fn a_keyed_snapshot_resumes_with_its_keyed_journal() {
    let events = sample().journal().to_vec();
    let head = Network::replay(&write_journal(&events[..20])).unwrap();
    let snapshot = head.snapshot_json_keyed(&key()).unwrap();
    let (mut loaded, _) = Network::from_snapshot_json_with_key(&snapshot, Some(&key())).unwrap();
    for event in &events[20..] {
        loaded.execute(Command::new(&event.by, event.on, event.action.clone())).unwrap();
    }
    let rest = loaded.journal_jsonl_keyed(&key());
    let resumed = Network::resume_with_key(&snapshot, &rest, &key()).unwrap();
    assert_eq!(resumed.state(), sample().state());
    let whole = write_journal_keyed(&events, &key());
    assert_eq!(Network::resume_with_key(&snapshot, &whole, &key()).unwrap().state(), sample().state());
    assert_eq!(code(Network::resume(&snapshot, &rest)), "store.key.required");
    let other = ChainKey::new(b"another key").unwrap();
    assert_eq!(code(Network::resume_with_key(&snapshot, &rest, &other)), "store.key.invalid");
    // Without the key, the loaded network cannot write a continuation of its chain.
    assert!(!loaded.journal_jsonl().contains("\"continues\""));
}

#[test]
fn a_schema_1_snapshot_resumes_as_before() {
    let events = sample().journal().to_vec();
    let old_head = Network::replay(&write_journal(&events[..20])).unwrap();
    let mut old: Value = serde_json::from_str(&old_head.snapshot_json()).unwrap();
    for field in ["chain", "seq", "hash", "digest"] {
        old.as_object_mut().unwrap().remove(field);
    }
    old["schema_version"] = json!(1);
    let resumed = Network::resume(&old.to_string(), &write_journal(&events[20..])).unwrap();
    assert_eq!(resumed.state(), sample().state());
}

// ---- rules a snapshot's facts keep ------------------------------------------------------

fn edited(network: &Network, edit: impl FnOnce(&mut Value)) -> String {
    let mut snapshot: Value = serde_json::from_str(&network.snapshot_json()).unwrap();
    edit(&mut snapshot["state"]);
    resign::resigned(snapshot)
}

fn inconsistent(snapshot: &str, rule: &str) {
    let err = load(snapshot).unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.inconsistent", "{err}");
    assert!(err.to_string().contains(rule), "{err} does not name `{rule}`");
}

fn act(network: &mut Network, by: &str, action: Action) {
    let by = ActorId::new(by).unwrap();
    network.execute(Command::new(&by, date(2021, 3, 1).unwrap(), action)).unwrap();
}

#[test]
fn a_standing_decided_by_a_non_steward_or_on_their_own_case_is_refused() {
    let mut network = sample();
    let member = ActorId::new("atelier-des-communs").unwrap();
    act(&mut network, "camille-lefort", Action::NotifyHearing { member: member.clone(), grounds: "g".into() });
    act(&mut network, "atelier-des-communs", Action::AnswerHearing { member: member.clone(), answer: "a".into() });
    let contract = ContractId::new("contrat-atelier-des-communs").unwrap();
    act(&mut network, "camille-lefort", Action::ExcludeMember { contract, reason: "r".into() });
    load(&network.snapshot_json()).unwrap();
    let decided_by = |by: &'static str| {
        edited(&network, move |s| s["follow_up"]["standing"]["atelier-des-communs"]["decisions"][0]["by"] = json!(by))
    };
    // jeanne-roux is a supporter, no steward.
    inconsistent(&decided_by("jeanne-roux"), "a standing is decided by an acting steward");
    inconsistent(&decided_by("atelier-des-communs"), "a steward never decides their own standing");
    // la-grange, a founder and steward, could have.
    load(&decided_by("la-grange")).unwrap();
}

#[test]
fn a_network_without_an_acting_steward_is_refused() {
    // The founders hand over to atelier-des-communs, the last acting steward…
    let mut network = sample();
    let demote = |who: &str| Action::ChangeLevel {
        actor: ActorId::new(who).unwrap(),
        level: InvolvementLevel::Contributor,
        reason: "relais".into(),
    };
    act(&mut network, "camille-lefort", demote("la-grange"));
    act(&mut network, "atelier-des-communs", demote("camille-lefort"));
    load(&network.snapshot_json()).unwrap();
    // …whose contract an edit ends: nobody could act for the network any more.
    let resigned = edited(&network, |s| {
        let c = &mut s["contracts"]["contrat-atelier-des-communs"];
        c["status"] = json!("resigned");
        c["ended_on"] = json!("2021-03-01");
    });
    inconsistent(&resigned, "a founded network has an acting steward");
}
