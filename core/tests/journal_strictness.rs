//! The journal and snapshot formats are strict: what the engine accepts is
//! what it writes, a cut-off journal is told apart from a corrupt one,
//! sequence numbers never wrap, and a snapshot whose facts contradict one
//! another is refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::journal::{read_journal, read_valid_prefix, write_journal, write_journal_after, Dropped};
use coopetition::negotiation::{Donation, Payment};
use coopetition::prelude::*;
use serde_json::{json, Value};
use std::path::PathBuf;

#[path = "support/journal_v1.rs"]
mod journal_v1;
#[path = "support/resign.rs"]
mod resign;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sample journal as the previous schema wrote it (no hash chain): the
/// rules of the strict reader are met there, where an edit does not break a
/// chain first.
fn journal_lines() -> Vec<String> {
    fixture("sample_journal_v1.jsonl").lines().map(str::to_owned).collect()
}

/// The sample journal with the line of event `seq` (0: the header) edited by `edit`.
fn edited_journal(seq: usize, edit: impl FnOnce(&str) -> String) -> String {
    let mut lines = journal_lines();
    let line = &mut lines[seq];
    let new = edit(line);
    assert_ne!(&new, line, "the edit changed nothing");
    *line = new;
    lines.join("\n") + "\n"
}

fn refused(journal: &str, code: &str) -> Error {
    let err = Network::replay(journal).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    err
}

// ---- one spelling of each value ---------------------------------------------------

#[test]
fn the_sample_journal_is_accepted_as_written() {
    let journal = fixture("sample_journal.jsonl");
    assert_eq!(Network::replay(&journal).unwrap().journal_jsonl(), journal);
}

#[test]
fn a_field_beside_a_unit_step_is_refused() {
    let journal = edited_journal(15, |l| l.replace(r#"{"step":"proposed"}"#, r#"{"step":"proposed","x":1}"#));
    let err = refused(&journal, "journal.json.malformed");
    assert!(err.to_string().contains("line 16"), "{err}");
    // Even an empty value: the step is written as its tag alone.
    let journal = edited_journal(15, |l| l.replace(r#"{"step":"proposed"}"#, r#"{"step":"proposed","x":null}"#));
    refused(&journal, "journal.json.malformed");
}

#[test]
fn a_tag_given_as_a_number_is_refused() {
    // `1` is the index of the `outside` client: serde alone would read it.
    let journal = edited_journal(14, |l| l.replace(r#"{"type":"outside""#, r#"{"type":1"#));
    refused(&journal, "journal.json.malformed");
    let journal = edited_journal(2, |l| l.replace(r#""type":"register_actor""#, r#""type":1"#));
    refused(&journal, "journal.json.malformed");
    let journal = edited_journal(15, |l| l.replace(r#"{"step":"proposed"}"#, r#"{"step":1}"#));
    refused(&journal, "journal.json.malformed");
}

#[test]
fn a_date_with_padded_fields_is_refused() {
    let journal = edited_journal(2, |l| l.replace(r#""on":"2020-01-13""#, r#""on":"2020- 1-13""#));
    refused(&journal, "journal.json.malformed");
    let journal = edited_journal(2, |l| l.replace(r#""on":"2020-01-13""#, r#""on":"2020-1-13""#));
    refused(&journal, "journal.json.malformed");
    let journal = edited_journal(14, |l| l.replace(r#""occurred_on":"2020-02-14""#, r#""occurred_on":" 2020-02-14""#));
    refused(&journal, "journal.json.malformed");
}

#[test]
fn an_amount_in_scientific_notation_is_refused() {
    let journal = edited_journal(17, |l| l.replace(r#""amount":"4500.00""#, r#""amount":"45e2""#));
    let err = Network::replay(&journal).unwrap_err();
    assert!(matches!(err.code(), "journal.json.malformed" | "input.parse.invalid"), "{err}");
}

#[test]
fn a_quantity_with_more_digits_than_a_decimal_holds_is_refused_not_rounded() {
    // rust_decimal reads `…789.5` as `…790`: the journal would replay another delivery.
    let journal = journal_v1::schema_1(&fixture("kotlin_journal.jsonl"));
    assert!(journal.contains(r#""quantity":"6.5""#));
    let edited = journal.replace(r#""quantity":"6.5""#, r#""quantity":"12345678901234567890123456789.5""#);
    let err = Network::replay(&edited).unwrap_err();
    assert_eq!(err.code(), "journal.json.malformed", "{err}");
    // The same digits with redundant zeros are the same number, written alike.
    let padded = journal.replace(r#""quantity":"6.5""#, r#""quantity":"6.50""#);
    assert!(Network::replay(&padded).is_ok());
}

#[test]
fn a_struct_given_as_an_array_is_refused() {
    let journal = edited_journal(17, |l| l.replace(r#"{"amount":"4500.00","currency":"EUR"}"#, r#"["4500.00","EUR"]"#));
    refused(&journal, "journal.json.malformed");
}

#[test]
fn an_unknown_field_is_refused_everywhere() {
    for (n, from, to) in [
        (0, r#""schema_version":1"#, r#""schema_version":1,"x":1"#),
        (2, r#""seq":2,"#, r#""seq":2,"x":1,"#),
        (2, r#""public_listing":true}"#, r#""public_listing":true,"x":1}"#),
        (17, r#""currency":"EUR"}"#, r#""currency":"EUR","x":1}"#),
        (14, r#""kind":"third_place"}"#, r#""kind":"third_place","x":1}"#),
    ] {
        let journal = edited_journal(n, |l| l.replacen(from, to, 1));
        refused(&journal, "journal.json.malformed");
    }
}

#[test]
fn a_repeated_field_is_refused() {
    let journal = edited_journal(2, |l| l.replace(r#""seq":2,"#, r#""seq":2,"seq":2,"#));
    refused(&journal, "journal.json.malformed");
}

#[test]
fn a_snapshot_is_read_as_strictly() {
    let snapshot = edited_snapshot(|s| s["founded_on"] = json!("2020- 1-06"));
    let err = Network::from_snapshot_json(&snapshot).unwrap_err();
    assert_eq!(err.code(), "journal.json.malformed", "{err}");
}

#[test]
fn a_key_repeated_in_a_snapshot_is_refused() {
    // A JSON value, and a map, keep the last of two equal keys: the first would vanish unseen.
    let snapshot = fixture("sample_snapshot.json");
    let field = "\"on\": \"2020-01-13\",";
    assert!(snapshot.contains(field));
    let repeated_field = snapshot.replacen(field, &format!("{field} {field}"), 1);
    let err = Network::from_snapshot_json(&repeated_field).unwrap_err();
    assert_eq!(err.code(), "journal.json.malformed", "{err}");
    assert!(err.to_string().contains("repeated"), "{err}");
    // An actor given twice under its id: the second would replace the first.
    let actor = "\"camille-lefort\": {";
    let at = snapshot.find(actor).unwrap();
    let end = at + snapshot[at..].find("},").unwrap() + 2;
    let twice = format!("{}{}{}", &snapshot[..end], &snapshot[at..end], &snapshot[end..]);
    let err = Network::from_snapshot_json(&twice).unwrap_err();
    assert_eq!(err.code(), "journal.json.malformed", "{err}");
}

// ---- cut-off and corrupt lines ------------------------------------------------------

#[test]
fn a_corrupt_line_in_the_middle_is_not_a_truncation() {
    let journal = edited_journal(10, |l| l[..l.len() / 2].to_owned());
    let err = refused(&journal, "journal.line.corrupt");
    assert!(err.to_string().contains("line 11"), "{err}");
    // Nor does the prefix reader drop the good events after it.
    assert_eq!(read_valid_prefix(&journal).unwrap_err().code(), "journal.line.corrupt");
}

#[test]
fn a_cut_off_last_line_is_a_truncation_and_its_prefix_can_be_read() {
    let full = fixture("sample_journal.jsonl");
    let last_start = full.trim_end().rfind('\n').unwrap() + 1;
    let cut = &full[..last_start + 20];
    refused(cut, "journal.line.truncated");
    let prefix = read_valid_prefix(cut).unwrap();
    let lines = full.lines().count();
    assert_eq!(prefix.events.len(), lines - 2, "the header and the cut event are not events");
    assert_eq!(prefix.dropped, Some(Dropped { line: lines, bytes: 20, events: 1 }));
    let (network, dropped) = Network::replay_prefix(cut).unwrap();
    assert_eq!(dropped, prefix.dropped);
    assert_eq!(network.journal(), &prefix.events[..]);
    // A whole journal drops nothing.
    let whole = read_valid_prefix(&full).unwrap();
    assert_eq!((whole.events.len(), whole.dropped), (lines - 1, None));
}

#[test]
fn a_malformed_last_line_is_not_a_truncation() {
    let journal = edited_journal(journal_lines().len() - 1, |l| l.replacen('{', "[", 1));
    refused(&journal, "journal.json.malformed");
    assert_eq!(read_valid_prefix(&journal).unwrap_err().code(), "journal.json.malformed");
}

#[test]
fn resume_prefix_reads_the_rest_of_a_cut_journal() {
    let network = Network::replay(&fixture("sample_journal.jsonl")).unwrap();
    let events = network.journal();
    let head = Network::replay(&write_journal(&events[..20])).unwrap();
    let rest = write_journal_after(&head.chain_head(None).unwrap(), &events[20..], None);
    let cut = &rest[..rest.len() - 5];
    let (resumed, dropped) = Network::resume_prefix(&head.snapshot_json(), cut).unwrap();
    assert_eq!(resumed.journal(), &events[20..events.len() - 1]);
    assert_eq!(
        dropped.map(|d| (d.bytes, d.events)),
        Some((cut.len() - rest[..rest.len() - 1].rfind('\n').unwrap() - 1, 1))
    );
}

// ---- sequence numbers never wrap -----------------------------------------------------

fn event_line(seq: u64) -> String {
    format!(
        r#"{{"seq":{seq},"by":"alice","on":"2020-01-06","action":{{"type":"set_public_listing","actor":"alice","public_listing":true}}}}"#
    )
}

#[test]
fn the_largest_sequence_number_followed_by_another_is_refused() {
    let header = journal_lines()[0].clone();
    let journal = format!("{header}\n{}\n{}\n", event_line(u64::MAX), event_line(0));
    let err = read_journal(&journal).unwrap_err();
    assert_eq!(err.code(), "journal.sequence.invalid", "{err}");
    assert!(err.to_string().contains("line 3"), "{err}");
}

/// The sample snapshot with its state edited and its digest recomputed (as
/// anyone can without a key): the facts alone must refuse what is wrong.
fn edited_snapshot(edit: impl FnOnce(&mut Value)) -> String {
    let mut snapshot: Value = serde_json::from_str(&fixture("sample_snapshot.json")).unwrap();
    edit(&mut snapshot["state"]);
    resign::resigned(snapshot)
}

#[test]
fn no_event_follows_the_largest_sequence_number() {
    let snapshot = edited_snapshot(|s| s["last_seq"] = json!(u64::MAX));
    let mut network = Network::from_snapshot_json(&snapshot).unwrap();
    let before = network.clone();
    let by = ActorId::new("jeanne-roux").unwrap();
    let command = Command::new(
        &by,
        date(2021, 3, 1).unwrap(),
        Action::SetPublicListing { actor: by.clone(), public_listing: true },
    );
    let err = network.execute(command).unwrap_err();
    assert_eq!(err.code(), "journal.sequence.invalid", "{err}");
    assert_eq!(network, before);
    // Nor does a journal resume it with a wrapped number: a continuation of
    // its chain whose event after the last number is numbered 0.
    let event = Event::from_json(
        r#"{"seq":0,"by":"jeanne-roux","on":"2021-03-01","action":{"type":"set_public_listing","actor":"jeanne-roux","public_listing":true}}"#,
    )
    .unwrap();
    let (loaded, _) = Network::from_snapshot_json_with_key(&snapshot, None).unwrap();
    let wrapped = write_journal_after(&loaded.chain_head(None).unwrap(), &[event], None);
    assert_eq!(Network::resume(&snapshot, &wrapped).unwrap_err().code(), "journal.sequence.invalid");
}

// ---- follow-up deadlines are bounded ------------------------------------------------

#[test]
fn an_absurd_deadline_is_refused_and_leaves_the_network_usable() {
    let mut network = Network::replay(&fixture("sample_journal.jsonl")).unwrap();
    let before = network.clone();
    let steward = ActorId::new("camille-lefort").unwrap();
    let mut rules = FollowUpRules::default();
    rules.deadlines.hearing_answer_days = 106_751_991_167_300;
    let configure = |rules: FollowUpRules| {
        Command::new(
            &steward,
            date(2021, 2, 1).unwrap(),
            Action::ConfigureFollowUp { from: date(2021, 2, 1).unwrap(), rules },
        )
    };
    let err = network.execute(configure(rules.clone())).unwrap_err();
    assert_eq!(err.code(), "compliance.deadline.invalid", "{err}");
    assert_eq!(network, before);
    rules.deadlines.hearing_answer_days = 36_501;
    assert_eq!(network.execute(configure(rules.clone())).unwrap_err().code(), "compliance.deadline.invalid");
    rules.deadlines.hearing_answer_days = 36_500;
    rules.sanctions.lookback_days = i64::MAX;
    assert_eq!(network.execute(configure(rules.clone())).unwrap_err().code(), "compliance.deadline.invalid");
    rules.sanctions.lookback_days = 36_500;
    network.execute(configure(rules)).unwrap();
}

// ---- snapshot invariants --------------------------------------------------------------

fn inconsistent(snapshot: &str, rule: &str) {
    let err = Network::from_snapshot_json(snapshot).unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.inconsistent", "{err}");
    assert!(err.to_string().contains(rule), "{err} does not name `{rule}`");
}

#[test]
fn the_sample_snapshot_is_consistent() {
    Network::from_snapshot_json(&fixture("sample_snapshot.json")).unwrap();
}

#[test]
fn a_level_differing_from_its_last_decision_is_refused() {
    // atelier-des-communs became a steward by a recorded decision (event 33).
    inconsistent(
        &edited_snapshot(|s| s["actors"]["atelier-des-communs"]["level"] = json!("supporter")),
        "a level equals the last level decision",
    );
}

#[test]
fn a_founder_demoted_without_a_decision_is_refused() {
    inconsistent(
        &edited_snapshot(|s| s["actors"]["camille-lefort"]["level"] = json!("supporter")),
        "a founder is a steward until a decision",
    );
}

#[test]
fn a_founder_who_is_no_actor_is_refused() {
    inconsistent(
        &edited_snapshot(|s| s["founders"].as_array_mut().unwrap().push(json!("ghost"))),
        "an id points to no actor",
    );
}

#[test]
fn a_mission_whose_provider_does_not_exist_is_refused() {
    inconsistent(
        &edited_snapshot(|s| s["missions"]["s1-cafe-atelier-comptoir"]["provider"] = json!("ghost")),
        "an id points to no actor",
    );
}

#[test]
fn a_mission_moved_to_a_non_provider_is_refused() {
    inconsistent(
        &edited_snapshot(|s| s["missions"]["s1-cafe-atelier-comptoir"]["provider"] = json!("jeanne-roux")),
        "a mission's provider is a provider",
    );
}

#[test]
fn a_negative_revenue_is_refused() {
    inconsistent(
        &edited_snapshot(|s| {
            s["missions"]["s1-cafe-atelier-comptoir"]["revenue"] = json!({"amount": "-4500.00", "currency": "EUR"});
        }),
        "a revenue is not negative",
    );
}

#[test]
fn a_second_live_contract_is_refused() {
    inconsistent(
        &edited_snapshot(|s| {
            let mut copy = s["contracts"]["contrat-atelier-des-communs"].clone();
            copy["id"] = json!("contrat-bis");
            s["contracts"]["contrat-bis"] = copy;
        }),
        "a member holds at most one live contract",
    );
}

#[test]
fn a_contract_of_an_unknown_member_is_refused() {
    inconsistent(
        &edited_snapshot(|s| s["contracts"]["contrat-atelier-des-communs"]["member"] = json!("ghost")),
        "an id points to no actor",
    );
}

#[test]
fn a_last_seq_below_the_numbers_cited_is_refused() {
    inconsistent(&edited_snapshot(|s| s["last_seq"] = json!(0)), "a founded network has recorded its founding");
    inconsistent(
        &edited_snapshot(|s| s["last_seq"] = json!(40)),
        "the last event number is at least every number a fact cites",
    );
}

#[test]
fn settings_without_a_founding_are_refused() {
    inconsistent(
        &edited_snapshot(|s| s["founded_on"] = Value::Null),
        "settings are present exactly when the network is founded",
    );
}

/// The sample network after a steward recorded a payment and a
/// donation of its provider member.
fn paid_network() -> Network {
    let mut network = Network::replay(&fixture("sample_journal.jsonl")).unwrap();
    let steward = ActorId::new("camille-lefort").unwrap();
    let member = ActorId::new("atelier-des-communs").unwrap();
    let on = date(2021, 3, 1).unwrap();
    let amount = Money::eur(Decimal::new(1000, 2));
    let payment = Payment { member: member.clone(), amount, on, reference: String::new() };
    network.execute(Command::new(&steward, on, Action::RecordPayment { payment })).unwrap();
    let donation = Donation { member: member.clone(), amount, on, mission: None };
    network.execute(Command::new(&steward, on, Action::RecordDonation { donation })).unwrap();
    network
}

#[test]
fn a_payment_of_an_unknown_member_or_not_positive_is_refused() {
    let network = paid_network();
    Network::from_snapshot_json(&network.snapshot_json()).unwrap();
    inconsistent(&edited(&network, |s| s["payments"][0]["member"] = json!("ghost")), "an id points to no actor");
    inconsistent(
        &edited(&network, |s| s["payments"][0]["amount"]["amount"] = json!("-10.00")),
        "a payment is positive",
    );
}

#[test]
fn a_payment_recorded_by_a_non_steward_is_refused() {
    let network = paid_network();
    let err = Network::from_snapshot_json(&edited(&network, |s| {
        s["follow_up"]["payments"][0]["by"] = json!("jeanne-roux");
    }))
    .unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.inconsistent", "{err}");
    assert!(err.to_string().contains("a payment or donation is recorded by an acting steward"), "{err}");
    assert!(err.to_string().contains("jeanne-roux"), "{err}");
    // Nor by a steward who became one only later: atelier-des-communs, a
    // steward since event 33, may record la-grange's payment now, not at event 10.
    let recorded_by_atelier = |seq: u64, on: &str| {
        edited(&network, |s| {
            s["payments"][0]["member"] = json!("la-grange");
            s["payments"][0]["on"] = json!(on);
            s["follow_up"]["payments"][0]["by"] = json!("atelier-des-communs");
            s["follow_up"]["payments"][0]["recorded"] = json!({"on": on, "seq": seq});
        })
    };
    let last = network.state().last_seq;
    Network::from_snapshot_json(&recorded_by_atelier(last - 1, "2021-03-01")).unwrap();
    inconsistent(&recorded_by_atelier(10, "2020-01-28"), "a payment or donation is recorded by an acting steward");
}

#[test]
fn a_payment_recorded_by_its_own_member_is_refused() {
    // atelier-des-communs is an acting steward since event 33, but never on its own payment.
    let err = Network::from_snapshot_json(&edited(&paid_network(), |s| {
        s["follow_up"]["payments"][0]["by"] = json!("atelier-des-communs");
    }))
    .unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.inconsistent", "{err}");
    assert!(err.to_string().contains("a steward never records their own payment or donation"), "{err}");
    assert!(err.to_string().contains("atelier-des-communs"), "{err}");
}

#[test]
fn a_payment_without_its_recorder_or_recorded_later_than_the_last_event_is_refused() {
    let network = paid_network();
    inconsistent(&edited(&network, |s| s["follow_up"]["payments"] = json!([])), "a payment has its recorder");
    let last = network.state().last_seq;
    inconsistent(
        &edited(&network, |s| s["follow_up"]["donations"][0]["recorded"]["seq"] = json!(last + 1)),
        "the last event number is at least every number a fact cites",
    );
}

#[test]
fn a_steward_with_nothing_behind_it_is_refused() {
    // jeanne-roux registered herself as a supporter and was never promoted.
    let err = Network::from_snapshot_json(&edited_snapshot(|s| s["actors"]["jeanne-roux"]["level"] = json!("steward")))
        .unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.inconsistent", "{err}");
    assert!(err.to_string().contains("a level above supporter has a founding or a recorded decision behind it"));
    assert!(err.to_string().contains("jeanne-roux"), "{err}");
    // A steward added outright.
    inconsistent(
        &edited_snapshot(|s| {
            let mut ghost = s["actors"]["jeanne-roux"].clone();
            ghost["id"] = json!("ghost");
            ghost["level"] = json!("steward");
            s["actors"]["ghost"] = ghost;
        }),
        "a level above supporter has a founding or a recorded decision behind it",
    );
    // A contributor whose registration at that level was erased (asso-pollen, event 3).
    inconsistent(
        &edited_snapshot(|s| {
            s["follow_up"]["level_decisions"].as_array_mut().unwrap().retain(|d| d["actor"] != "asso-pollen");
        }),
        "a level above supporter has a founding or a recorded decision behind it",
    );
}

#[test]
fn a_registration_above_supporter_is_recorded_as_a_level_change() {
    let network = Network::replay(&fixture("sample_journal.jsonl")).unwrap();
    let pollen: Vec<_> =
        network.state().follow_up.level_decisions.iter().filter(|d| d.actor.as_str() == "asso-pollen").collect();
    assert_eq!(pollen.len(), 1);
    let d = pollen[0];
    assert_eq!(
        (d.from, d.to, d.by.as_str(), d.recorded.seq),
        (InvolvementLevel::Supporter, InvolvementLevel::Contributor, "camille-lefort", 3)
    );
    // A self-registration at the supporter level records nothing.
    assert!(network.state().follow_up.level_decisions.iter().all(|d| d.actor.as_str() != "jeanne-roux"));
}

#[test]
fn a_level_decided_by_a_non_steward_is_refused() {
    // Event 33 promoted atelier-des-communs; jeanne-roux was no steward then.
    inconsistent(
        &edited_snapshot(|s| {
            for d in s["follow_up"]["level_decisions"].as_array_mut().unwrap() {
                if d["actor"] == "atelier-des-communs" {
                    d["by"] = json!("jeanne-roux");
                }
            }
        }),
        "a level is decided by an acting steward",
    );
}

#[test]
fn a_signature_of_an_unpublished_version_is_refused() {
    inconsistent(
        &edited_snapshot(|s| s["signatures"]["atelier-des-communs"][0]["version"] = json!(7)),
        "a signature names a published charter version",
    );
}

/// The sample network after a hearing and the exclusion of its provider member.
fn excluded_network() -> Network {
    let mut network = Network::replay(&fixture("sample_journal.jsonl")).unwrap();
    let steward = ActorId::new("camille-lefort").unwrap();
    let member = ActorId::new("atelier-des-communs").unwrap();
    let on = date(2021, 3, 1).unwrap();
    network
        .execute(Command::new(&steward, on, Action::NotifyHearing { member: member.clone(), grounds: "g".into() }))
        .unwrap();
    network
        .execute(Command::new(&member, on, Action::AnswerHearing { member: member.clone(), answer: "a".into() }))
        .unwrap();
    let contract = ContractId::new("contrat-atelier-des-communs").unwrap();
    network.execute(Command::new(&steward, on, Action::ExcludeMember { contract, reason: "r".into() })).unwrap();
    network
}

fn edited(network: &Network, edit: impl FnOnce(&mut Value)) -> String {
    let mut snapshot: Value = serde_json::from_str(&network.snapshot_json()).unwrap();
    edit(&mut snapshot["state"]);
    resign::resigned(snapshot)
}

#[test]
fn an_erased_exclusion_is_refused() {
    let network = excluded_network();
    Network::from_snapshot_json(&network.snapshot_json()).unwrap();
    inconsistent(
        &edited(&network, |s| {
            s["follow_up"]["standing"].as_object_mut().unwrap().remove("atelier-des-communs");
        }),
        "an exclusion has a recorded decision",
    );
}

#[test]
fn a_standing_differing_from_its_last_decision_is_refused() {
    inconsistent(
        &edited(&excluded_network(), |s| {
            s["follow_up"]["standing"]["atelier-des-communs"]["current"] = json!("good_standing")
        }),
        "a standing equals the last standing decision",
    );
}

#[test]
fn an_excluded_member_with_a_live_contract_is_refused() {
    inconsistent(
        &edited(&excluded_network(), |s| {
            let c = &mut s["contracts"]["contrat-atelier-des-communs"];
            c["status"] = json!("active");
            c["ended_on"] = Value::Null;
            c["end_reason"] = Value::Null;
        }),
        "an excluded member holds no live contract",
    );
}

#[test]
fn a_consistent_edit_is_detected_by_the_digest_only() {
    // A consent flipped contradicts no other fact: the digest refuses it…
    let mut snapshot: Value = serde_json::from_str(&fixture("sample_snapshot.json")).unwrap();
    snapshot["state"]["actors"]["jeanne-roux"]["public_listing"] = json!(true);
    let err = Network::from_snapshot_json(&snapshot.to_string()).unwrap_err();
    assert_eq!(err.code(), "journal.snapshot.digest", "{err}");
    // …but anyone can recompute a digest without a key: only a keyed
    // snapshot tells such an edit from the truth.
    Network::from_snapshot_json(&resign::resigned(snapshot)).unwrap();
}

// ---- anything accepted replays ----------------------------------------------------------

mod accepted_replays {
    use super::*;
    use proptest::prelude::*;

    fn any_money() -> impl Strategy<Value = Money> {
        (any::<i64>(), 0u32..=28, any::<bool>()).prop_map(|(mantissa, scale, wide)| {
            let m = if wide { i128::from(mantissa) * i128::from(u32::MAX) } else { i128::from(mantissa) };
            Money::eur(Decimal::try_from_i128_with_scale(m, scale).unwrap_or(Decimal::MAX))
        })
    }

    /// Reports a mission with these texts, wins it for `revenue`, then checks
    /// that whatever was accepted replays and its snapshot loads back.
    fn report_replays(title: String, note: String, revenue: Money) -> Result<Network, TestCaseError> {
        let mut network = Network::replay(&fixture("sample_journal.jsonl")).unwrap();
        let provider = ActorId::new("atelier-des-communs").unwrap();
        let mission = MissionId::new("m-extreme").unwrap();
        let on = date(2021, 3, 1).unwrap();
        let report = |step: MissionStep| {
            Command::new(
                &provider,
                on,
                Action::ReportMission {
                    mission: mission.clone(),
                    occurred_on: on,
                    step,
                    update: MissionUpdate::default(),
                },
            )
        };
        let client = Client::Outside { name: title.clone(), kind: ActorKind::Association };
        let steps = [
            MissionStep::Solicited { client, lead_origin: LeadOrigin::Other, title: title.clone() },
            MissionStep::Proposed,
            MissionStep::Won { revenue },
            MissionStep::Started,
            MissionStep::Progress { note },
        ];
        for step in steps {
            let _ = network.execute(report(step));
        }
        let replayed = Network::replay(&network.journal_jsonl())
            .map_err(|e| TestCaseError::fail(format!("an accepted journal does not replay: {e}")))?;
        prop_assert_eq!(&replayed, &network);
        let loaded = Network::from_snapshot_json(&network.snapshot_json())
            .map_err(|e| TestCaseError::fail(format!("a written snapshot does not load: {e}")))?;
        prop_assert_eq!(loaded.state(), network.state());
        Ok(network)
    }

    #[test]
    fn an_amount_held_with_a_trailing_zero_replays() {
        // Whole cents written with three decimals (`…289.700`): accepted, so
        // the journal must write it in a form its reader takes.
        let revenue = Money::eur(Decimal::new(2_116_818_904_592_289_700, 3));
        let network = report_replays("A".into(), String::new(), revenue).unwrap();
        assert!(network.journal_jsonl().contains(r#""amount":"2116818904592289.70""#));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A mission reported with any text and won for any amount: if the
        /// commands are accepted, the journal replays to the same network and
        /// the snapshot loads back.
        #[test]
        fn any_accepted_report_replays(title in "\\PC*|[\\x00-\\x1f\"\\\\\u{2028}\u{2029}]{0,8}", note in any::<String>(), revenue in any_money()) {
            report_replays(title, note, revenue).map(drop)?;
        }
    }
}
