//! The journal's hash chain: each event line carries SHA-256 of the previous
//! link and its own text (HMAC-SHA256 with a key), starting from the header,
//! so an edit that breaks no rule is refused too, naming the first line that
//! does not verify. The expected hashes are computed here with the `sha2` and
//! `hmac` crates directly, from the format's definition.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::journal::{
    event_line, genesis, header_line, link, read_valid_prefix, read_valid_prefix_verified, read_verified, ChainHash,
    ChainKey, Verification,
};
use coopetition::prelude::*;
use hmac::{Hmac, Mac};
use proptest::prelude::*;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

#[path = "support/journal_v1.rs"]
mod journal_v1;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const HEADER: &str = r#"{"format":"coopetition-journal","schema_version":2,"chain":"sha256"}"#;
const KEYED_HEADER: &str = r#"{"format":"coopetition-journal","schema_version":2,"chain":"hmac-sha256"}"#;

/// An event line split into its text without the hash, and the hash's digits.
fn split(line: &str) -> (String, String) {
    let at = line.rfind(r#","hash":""#).unwrap();
    let hash = &line[at + 9..line.len() - 2];
    (format!("{}}}", &line[..at]), hash.to_owned())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The links of a journal, computed from the definition: `hash_0` = f(header),
/// `hash_n` = f(hash_{n-1} ‖ line without hash), f = SHA-256 or HMAC-SHA256.
fn expected_links(journal: &str, key: Option<&[u8]>) -> Vec<String> {
    let f = |parts: &[&[u8]]| -> Vec<u8> {
        match key {
            None => {
                let mut h = Sha256::new();
                parts.iter().for_each(|p| h.update(p));
                h.finalize().to_vec()
            }
            Some(key) => {
                let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
                parts.iter().for_each(|p| m.update(p));
                m.finalize().into_bytes().to_vec()
            }
        }
    };
    let mut lines = journal.lines();
    let mut previous = f(&[lines.next().unwrap().as_bytes()]);
    let mut links = vec![hex(&previous)];
    for line in lines {
        let (plain, _) = split(line);
        previous = f(&[&previous, plain.as_bytes()]);
        links.push(hex(&previous));
    }
    links
}

fn lines_of(journal: &str) -> Vec<String> {
    journal.lines().map(str::to_owned).collect()
}

fn join(lines: &[String]) -> String {
    lines.join("\n") + "\n"
}

fn broken_at(journal: &str, line: usize, seq: Option<u64>) {
    let err = Network::replay(journal).unwrap_err();
    assert_eq!(err.code(), "journal.chain.broken", "{err}");
    assert_eq!(err, Error::ChainBroken { line, seq, reason: reason(&err) }, "{err}");
    assert!(err.to_string().contains(&format!("line {line}")), "{err}");
}

fn reason(err: &Error) -> &'static str {
    match err {
        Error::ChainBroken { reason, .. } => reason,
        _ => "",
    }
}

#[test]
fn the_sample_journal_carries_the_chain_of_its_definition() {
    let journal = fixture("sample_journal.jsonl");
    let lines = lines_of(&journal);
    assert_eq!(lines[0], HEADER);
    let links = expected_links(&journal, None);
    for (line, link) in lines[1..].iter().zip(&links[1..]) {
        assert_eq!(&split(line).1, link, "{line}");
    }
    // Each line without its hash is the line schema 1 wrote.
    let v1 = lines_of(&fixture("sample_journal_v1.jsonl"));
    for (line, old) in lines[1..].iter().zip(&v1[1..]) {
        assert_eq!(&split(line).0, old);
    }
    let read = read_verified(&journal, None).unwrap();
    assert_eq!(read.events.len(), 45);
    assert_eq!(read.verification, Verification::Sha256 { head: ChainHash::from_hex(links.last().unwrap()).unwrap() });
}

#[test]
fn the_issues_silent_edits_are_refused_naming_the_line() {
    let journal = fixture("sample_journal.jsonl");
    let original = Network::replay(&journal).unwrap();
    // Line 18 is event 17, line 6 event 5, line 2 event 1.
    let edits: [(usize, &str, &str); 3] = [
        (18, r#""amount":"4500.00""#, r#""amount":"4501.00""#),
        (6, r#""on":"2020-01-15""#, r#""on":"2020-01-14""#),
        (2, r#""display_name":"Camille Lefort""#, r#""display_name":"Camille Lafort""#),
    ];
    for (line, from, to) in edits {
        let mut lines = lines_of(&journal);
        assert!(lines[line - 1].contains(from), "{from}");
        lines[line - 1] = lines[line - 1].replace(from, to);
        broken_at(&join(&lines), line, Some(line as u64 - 1));
        // Without the chain (schema 1) the same edit breaks no rule: it replays to another state.
        let unchained = journal_v1::schema_1(&journal).replace(from, to);
        let replayed = Network::replay(&unchained).unwrap();
        assert_ne!(replayed, original, "{from}");
    }
}

#[test]
fn moved_removed_and_forged_lines_are_refused() {
    let journal = fixture("sample_journal.jsonl");
    let lines = lines_of(&journal);
    // A removed line: the next one no longer continues the chain.
    let mut removed = lines.clone();
    removed.remove(10);
    broken_at(&join(&removed), 11, Some(11));
    // A swapped pair: the first of them is refused.
    let mut swapped = lines.clone();
    swapped.swap(20, 21);
    broken_at(&join(&swapped), 21, Some(21));
    // An appended line with a copied hash.
    let mut forged = lines.clone();
    let last = forged.last().unwrap().clone();
    forged.push(last.replacen(r#"{"seq":45,"#, r#"{"seq":46,"#, 1));
    broken_at(&join(&forged), 47, Some(46));
    // A changed header (the same fields in another order) breaks the first link.
    let mut header = lines.clone();
    header[0] = r#"{"schema_version":2,"format":"coopetition-journal","chain":"sha256"}"#.into();
    broken_at(&join(&header), 2, Some(1));
    // A line without its hash, and a hash spelt otherwise than the writer does.
    let mut bare = lines.clone();
    bare[4] = split(&bare[4]).0;
    broken_at(&join(&bare), 5, Some(4));
    let mut upper = lines.clone();
    let (plain, hash) = split(&upper[4]);
    upper[4] = format!("{},\"hash\":\"{}\"}}", &plain[..plain.len() - 1], hash.to_uppercase());
    broken_at(&join(&upper), 5, Some(4));
    // A hash field placed elsewhere in the line is not the chain's.
    let mut moved = lines;
    moved[4] = moved[4].replacen(r#"{"seq":4,"#, &format!("{{\"hash\":\"{hash}\",\"seq\":4,"), 1);
    let (plain, _) = split(&moved[4]);
    moved[4] = plain;
    broken_at(&join(&moved), 5, Some(4));
}

#[test]
fn a_cut_off_last_line_is_dropped_and_the_prefix_before_it_verified() {
    let journal = fixture("sample_journal.jsonl");
    let links = expected_links(&journal, None);
    let cut = &journal[..journal.len() - 30];
    assert_eq!(Network::replay(cut).unwrap_err().code(), "journal.line.truncated");
    let prefix = read_valid_prefix(cut).unwrap();
    assert_eq!(prefix.events.len(), 44);
    assert_eq!(prefix.dropped.map(|d| d.line), Some(46));
    assert_eq!(prefix.verification, Verification::Sha256 { head: ChainHash::from_hex(&links[44]).unwrap() });
    // The lines before the cut are still verified.
    let tampered = cut.replace(r#""amount":"4500.00""#, r#""amount":"4501.00""#);
    assert_eq!(read_valid_prefix(&tampered).unwrap_err().code(), "journal.chain.broken");
}

#[test]
fn a_keyed_journal_needs_its_key() {
    let network = Network::replay(&fixture("sample_journal.jsonl")).unwrap();
    let key = ChainKey::new(b"the steward's secret").unwrap();
    let journal = network.journal_jsonl_keyed(&key);
    let lines = lines_of(&journal);
    assert_eq!(lines[0], KEYED_HEADER);
    let links = expected_links(&journal, Some(b"the steward's secret"));
    for (line, link) in lines[1..].iter().zip(&links[1..]) {
        assert_eq!(&split(line).1, link);
    }
    // The right key replays it.
    assert_eq!(Network::replay_with_key(&journal, &key).unwrap(), network);
    let (_, verification) = Network::replay_verified(&journal, Some(&key)).unwrap();
    assert_eq!(verification, Verification::Keyed { head: ChainHash::from_hex(links.last().unwrap()).unwrap() });
    // No key, another key.
    assert_eq!(Network::replay(&journal).unwrap_err().code(), "store.key.required");
    assert_eq!(Network::replay_prefix(&journal).unwrap_err().code(), "store.key.required");
    let other = ChainKey::new(b"the steward's secreT").unwrap();
    assert_eq!(Network::replay_with_key(&journal, &other).unwrap_err().code(), "store.key.invalid");
    // A key given for a journal written without one, or for a schema-1 journal.
    let unkeyed = network.journal_jsonl();
    assert_eq!(Network::replay_with_key(&unkeyed, &key).unwrap_err().code(), "store.key.invalid");
    let old = fixture("sample_journal_v1.jsonl");
    assert_eq!(Network::replay_with_key(&old, &key).unwrap_err().code(), "store.key.invalid");
    // Stripped of its key (the header says sha256): the links do not verify without it.
    let relabelled = journal.replacen(KEYED_HEADER, HEADER, 1);
    broken_at(&relabelled, 2, Some(1));
    // An edit further on is a broken chain, with the key.
    let edited = journal.replace(r#""amount":"4500.00""#, r#""amount":"4501.00""#);
    let err = Network::replay_with_key(&edited, &key).unwrap_err();
    assert_eq!((err.code(), err.to_string().contains("line 18 (event 17)")), ("journal.chain.broken", true), "{err}");
    // A cut-off keyed journal: its prefix, with the key.
    let (prefix, dropped) = Network::replay_prefix_with_key(&journal[..journal.len() - 3], &key).unwrap();
    assert_eq!((prefix.journal().len(), dropped.map(|d| d.events)), (44, Some(1)));
    let prefix = read_valid_prefix_verified(&journal[..journal.len() - 3], Some(&key)).unwrap();
    assert_eq!(prefix.verification, Verification::Keyed { head: ChainHash::from_hex(&links[44]).unwrap() });
    assert_eq!(ChainKey::new(b"").unwrap_err().code(), "store.key.invalid");
}

#[test]
fn a_schema_1_journal_still_replays_unverified() {
    let old = fixture("sample_journal_v1.jsonl");
    let read = read_verified(&old, None).unwrap();
    assert_eq!(read.verification, Verification::Unverified);
    let network = Network::replay(&old).unwrap();
    assert_eq!(network, Network::replay(&fixture("sample_journal.jsonl")).unwrap());
    // Written back, it carries the chain.
    assert_eq!(network.journal_jsonl(), fixture("sample_journal.jsonl"));
    // A header that mixes the schemas is refused.
    let chained_v1 = old.replacen(r#""schema_version":1}"#, r#""schema_version":1,"chain":"sha256"}"#, 1);
    assert_eq!(Network::replay(&chained_v1).unwrap_err().code(), "journal.json.malformed");
    let unchained_v2 = old.replacen(r#""schema_version":1}"#, r#""schema_version":2}"#, 1);
    assert_eq!(Network::replay(&unchained_v2).unwrap_err().code(), "journal.json.malformed");
    let unknown_chain = fixture("sample_journal.jsonl").replacen(r#""chain":"sha256""#, r#""chain":"md5""#, 1);
    assert_eq!(Network::replay(&unknown_chain).unwrap_err().code(), "journal.json.malformed");
}

#[test]
fn a_store_appending_one_event_at_a_time_writes_the_same_journal() {
    let network = Network::replay(&fixture("kotlin_journal.jsonl")).unwrap();
    for key in [None, Some(ChainKey::new(b"k").unwrap())] {
        let header = header_line(key.is_some());
        let mut head = genesis(&header, key.as_ref());
        let mut text = format!("{header}\n");
        for event in network.journal() {
            head = link(&head, event, key.as_ref());
            text.push_str(&event_line(event, &head));
            text.push('\n');
        }
        let expected = match &key {
            None => network.journal_jsonl(),
            Some(key) => network.journal_jsonl_keyed(key),
        };
        assert_eq!(text, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any one byte changed in a chained journal is refused, never replayed
    /// to another state; read as a prefix, it at most drops a last line that
    /// the change made look cut off, and says so.
    #[test]
    fn any_changed_byte_is_refused(at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let journal = fixture("kotlin_journal.jsonl");
        let at = at.index(journal.len());
        prop_assume!(journal.as_bytes()[at] != byte);
        let mut bytes = journal.clone().into_bytes();
        bytes[at] = byte;
        let Ok(edited) = String::from_utf8(bytes) else { return Ok(()) };
        prop_assert!(Network::replay(&edited).is_err(), "byte {} changed to {:?} replayed", at, byte as char);
        let original = Network::replay(&journal).unwrap();
        if let Ok((network, dropped)) = Network::replay_prefix(&edited) {
            prop_assert!(dropped.is_some());
            let kept = network.journal().len();
            prop_assert_eq!(network.journal(), &original.journal()[..kept]);
        }
    }
}
