//! One test per rule of the network aggregate: the charter, missions, the
//! journal and snapshots (`network_rules.rs` has founding, actors and contracts).
//!
//! Every rejected command is executed through [`reject`], which asserts the
//! error code and that the network (state, journal and derived index) is
//! exactly as it was before the command.

// clippy.toml's `allow-*-in-tests` covers `#[test]` functions only, not the
// helpers of an integration-test crate: allow them here, for the whole file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::journal::{write_journal, write_journal_after, SCHEMA_VERSION};
use coopetition::prelude::*;
use serde_json::Value;

#[path = "support/network_rules.rs"]
mod support;
use support::*;

// ---- charter ------------------------------------------------------------------------

#[test]
fn an_outdated_charter_version_cannot_be_signed() {
    let mut network = two_tier();
    register(&mut network, "paul", ActorKind::Provider, d(2020, 1, 10));
    register(&mut network, "nadia", ActorKind::Provider, d(2020, 1, 10));
    propose(&mut network, "paul", "c-paul", provider_terms(), d(2020, 1, 12));
    propose(&mut network, "nadia", "c-nadia", provider_terms(), d(2020, 1, 12));
    sign(&mut network, "nadia", 1, d(2020, 1, 13));

    let v2 = charter_v2(&network, d(2021, 1, 1));
    reject(
        &mut network,
        cmd("paul", d(2021, 1, 1), Action::PublishCharter { text: v2.clone() }),
        "auth.steward.required",
    );
    let mut skipped = v2.clone();
    skipped.version = 3;
    reject(&mut network, cmd("alice", d(2021, 1, 1), Action::PublishCharter { text: skipped }), "catalogue.invalid");
    let mut backdated = v2.clone();
    backdated.published_on = d(2019, 12, 1);
    reject(&mut network, cmd("alice", d(2021, 1, 1), Action::PublishCharter { text: backdated }), "date.order.invalid");
    let mut incomplete = v2.clone();
    incomplete.engagements.pop();
    reject(&mut network, cmd("alice", d(2021, 1, 1), Action::PublishCharter { text: incomplete }), "catalogue.invalid");
    accept(&mut network, cmd("alice", d(2021, 1, 1), Action::PublishCharter { text: v2 }));
    assert_eq!(network.charter().unwrap().version, 2);
    assert_eq!(network.charter_status(&id("nadia")), CharterStatus::Outdated);

    let err = reject(
        &mut network,
        cmd("paul", d(2021, 1, 2), Action::SignCharter { version: 1 }),
        "charter.version.outdated",
    );
    assert!(err.to_string().contains("version 2 is in force"), "{err}");
    reject(&mut network, cmd("paul", d(2021, 1, 2), Action::SignCharter { version: 3 }), "charter.version.unknown");
    // Version 2 cannot be signed before it is published.
    reject(&mut network, cmd("paul", d(2020, 12, 31), Action::SignCharter { version: 2 }), "date.order.invalid");
    sign(&mut network, "paul", 2, d(2021, 1, 2));
    sign(&mut network, "nadia", 2, d(2021, 1, 2));
    assert_eq!(network.charter_status(&id("paul")), CharterStatus::Signed);
    assert_eq!(network.charter_status(&id("nadia")), CharterStatus::Signed);
    let nadia: Vec<u32> = network.state().signatures[&id("nadia")].iter().map(|s| s.version).collect();
    assert_eq!(nadia, vec![1, 2]);
    reject(&mut network, cmd("paul", d(2021, 1, 3), Action::SignCharter { version: 2 }), "charter.signature.duplicate");
}

#[test]
fn only_providers_with_a_live_contract_sign_the_charter() {
    let mut network = two_tier();
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    register(&mut network, "paul", ActorKind::Provider, d(2020, 1, 10));
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 1, 12));
    let err = reject(
        &mut network,
        cmd("cecile", d(2020, 1, 13), Action::SignCharter { version: 1 }),
        "charter.signatory.not_provider",
    );
    assert!(err.to_string().contains("citizen"));
    reject(
        &mut network,
        cmd("alice", d(2020, 1, 13), Action::SignCharter { version: 1 }),
        "charter.signatory.not_provider",
    );
    reject(&mut network, cmd("paul", d(2020, 1, 13), Action::SignCharter { version: 1 }), "membership.required");
}

#[test]
fn a_signature_cannot_precede_the_application() {
    let mut network = two_tier();
    register(&mut network, "paul", ActorKind::Provider, d(2020, 1, 10));
    propose(&mut network, "paul", "c-paul", provider_terms(), d(2020, 1, 12));
    let err =
        reject(&mut network, cmd("paul", d(2020, 1, 11), Action::SignCharter { version: 1 }), "date.order.invalid");
    assert!(err.to_string().contains("application"), "{err}");
    sign(&mut network, "paul", 1, d(2020, 1, 12));
}

// ---- missions -----------------------------------------------------------------------

#[test]
fn unknown_and_duplicate_missions_are_refused() {
    let mut network = with_mission(MissionStatus::Solicited);
    reject(
        &mut network,
        report("paul", d(2020, 3, 1), "m9", d(2020, 3, 1), MissionStep::Proposed),
        "mission.id.unknown",
    );
    reject(&mut network, report("paul", d(2020, 3, 1), "m1", d(2020, 3, 1), solicited()), "mission.id.duplicate");
    assert_eq!(network.mission(&mid("m9")).unwrap_err().code(), "mission.id.unknown");
}

#[test]
fn only_providers_report_missions_and_only_their_own() {
    let mut network = with_mission(MissionStatus::Proposed);
    register(&mut network, "nadia", ActorKind::Provider, d(2020, 1, 10));
    // A provider who is not a member reports nothing.
    reject(&mut network, report("nadia", d(2020, 3, 1), "m9", d(2020, 3, 1), solicited()), "membership.required");
    propose(&mut network, "nadia", "k-nadia", provider_terms(), d(2020, 1, 12));
    validate(&mut network, "k-nadia", d(2020, 1, 13));
    let err =
        reject(&mut network, report("nadia", d(2020, 3, 1), "m1", d(2020, 3, 1), won(100)), "auth.owner.required");
    assert!(err.to_string().contains("paul"), "{err}");
    reject(
        &mut network,
        report("cecile", d(2020, 3, 1), "m2", d(2020, 3, 1), solicited()),
        "mission.provider.not_provider",
    );
    reject(
        &mut network,
        report("alice", d(2020, 3, 1), "m1", d(2020, 3, 1), won(100)),
        "mission.provider.not_provider",
    );
    reject(&mut network, report("ghost", d(2020, 3, 1), "m1", d(2020, 3, 1), won(100)), "actor.id.unknown");
}

#[test]
fn won_revenue_cannot_be_negative() {
    let mut network = with_mission(MissionStatus::Proposed);
    let err =
        reject(&mut network, report("paul", d(2020, 3, 1), "m1", d(2020, 3, 1), won(-1)), "money.amount.negative");
    assert!(err.to_string().contains("revenue"), "{err}");
    accept(&mut network, report("paul", d(2020, 3, 1), "m1", d(2020, 3, 1), won(0)));
    assert_eq!(network.mission(&mid("m1")).unwrap().revenue, Some(Money::ZERO));
}

#[test]
fn money_is_in_euros_only() {
    assert_eq!(Money::new(Decimal::new(150_000, 2), "USD").unwrap_err().code(), "money.currency.unsupported");
    assert_eq!(Money::new(Decimal::ONE, "eur").unwrap_err().code(), "money.currency.unsupported");
    assert_eq!(Money::new(Decimal::ONE, "EUR").unwrap(), Money::eur(Decimal::ONE));
    let usd = serde_json::from_str::<Money>(r#"{"amount":"1500.00","currency":"USD"}"#).unwrap_err();
    assert!(usd.to_string().contains("unsupported currency `USD`"), "{usd}");
    assert_eq!(Money::parse_eur("12,50").unwrap_err().code(), "input.parse.invalid");

    // A command whose revenue is in dollars does not parse.
    let mut network = with_mission(MissionStatus::Proposed);
    let command = report("paul", d(2020, 3, 1), "m1", d(2020, 3, 1), won(150_000));
    let json = serde_json::to_string(&command).unwrap().replace("\"EUR\"", "\"USD\"");
    assert!(json.contains("USD"));
    let err = serde_json::from_str::<Command>(&json).unwrap_err();
    assert!(err.to_string().contains("unsupported currency `USD`"), "{err}");

    // Nor does a journal holding it.
    accept(&mut network, command);
    let journal = jsonl(&journal_values(&network)).replace("\"EUR\"", "\"USD\"");
    let err = Network::replay(&journal).unwrap_err();
    assert_eq!(err.code(), "journal.json.malformed");
    assert!(err.to_string().contains("unsupported currency `USD`"), "{err}");
}

#[test]
fn steps_are_dated_in_order() {
    let mut network = with_mission(MissionStatus::Started);
    // Started on 2020-02-04: completing it on 2020-02-03 is refused.
    let err = reject(
        &mut network,
        report("paul", d(2020, 2, 10), "m1", d(2020, 2, 3), MissionStep::Completed),
        "date.order.invalid",
    );
    assert!(err.to_string().contains("started"), "{err}");
    // A step cannot be reported before it happens.
    reject(
        &mut network,
        report("paul", d(2020, 2, 10), "m1", d(2020, 2, 11), MissionStep::Completed),
        "date.order.invalid",
    );
    reject(&mut network, report("paul", d(2020, 2, 10), "m2", d(2020, 2, 11), solicited()), "date.order.invalid");
    accept(&mut network, report("paul", d(2020, 2, 10), "m1", d(2020, 2, 4), MissionStep::Completed));
    let mission = network.mission(&mid("m1")).unwrap();
    assert_eq!(mission.status, MissionStatus::Completed);
    assert_eq!(mission.date_of("completed"), Some(d(2020, 2, 4)));
    assert_eq!(mission.history.last().unwrap().reported_on, d(2020, 2, 10));
}

#[test]
fn invalid_mission_transitions_are_refused() {
    let on = d(2020, 3, 1);
    let cases: Vec<(MissionStatus, MissionStep)> = vec![
        (MissionStatus::Solicited, won(100)),
        (MissionStatus::Solicited, MissionStep::Started),
        (MissionStatus::Solicited, MissionStep::Completed),
        (MissionStatus::Proposed, MissionStep::Proposed),
        (MissionStatus::Won, MissionStep::Lost { reason: "trop tard".into() }),
        (MissionStatus::Won, won(100)),
        (MissionStatus::Started, MissionStep::Lost { reason: String::new() }),
        (MissionStatus::Completed, MissionStep::Progress { note: "encore".into() }),
        (MissionStatus::Completed, MissionStep::Cancelled { reason: String::new() }),
        (MissionStatus::Completed, MissionStep::Started),
    ];
    for (status, step) in cases {
        let mut network = with_mission(status);
        let label = step.label();
        let err = reject(&mut network, report("paul", on, "m1", on, step), "mission.transition.invalid");
        assert!(err.to_string().contains(label), "{status} -> {label}: {err}");
    }
    // Lost and cancelled are terminal.
    let mut network = with_mission(MissionStatus::Proposed);
    accept(&mut network, report("paul", on, "m1", on, MissionStep::Lost { reason: "autre prestataire".into() }));
    reject(&mut network, report("paul", on, "m1", on, won(100)), "mission.transition.invalid");
    let mut network = with_mission(MissionStatus::Started);
    accept(&mut network, report("paul", on, "m1", on, MissionStep::Cancelled { reason: "budget".into() }));
    reject(
        &mut network,
        report("paul", on, "m1", on, MissionStep::Progress { note: "x".into() }),
        "mission.transition.invalid",
    );
}

#[test]
fn mission_texts_and_partners_are_checked() {
    let mut network = with_mission(MissionStatus::Won);
    let on = d(2020, 3, 1);
    let untitled =
        MissionStep::Solicited { client: outside_client(), lead_origin: LeadOrigin::Other, title: " ".into() };
    reject(&mut network, report("paul", on, "m2", on, untitled), "input.text.empty");
    let unknown_client = MissionStep::Solicited {
        client: Client::Member { id: id("ghost") },
        lead_origin: LeadOrigin::Other,
        title: "t".into(),
    };
    reject(&mut network, report("paul", on, "m2", on, unknown_client), "actor.id.unknown");
    let with_update = |partners: &[&str], resource: &str| {
        cmd(
            "paul",
            on,
            Action::ReportMission {
                mission: mid("m1"),
                occurred_on: on,
                step: MissionStep::Started,
                update: MissionUpdate {
                    partners: partners.iter().map(|p| id(p)).collect(),
                    shared_resources_used: vec![Resource::named(resource)],
                    ..MissionUpdate::default()
                },
            },
        )
    };
    reject(&mut network, with_update(&["paul"], "guide"), "mission.partner.invalid");
    reject(&mut network, with_update(&["cecile", "cecile"], "guide"), "mission.partner.invalid");
    reject(&mut network, with_update(&["ghost"], "guide"), "actor.id.unknown");
    reject(&mut network, with_update(&["cecile"], ""), "input.text.empty");
    accept(&mut network, with_update(&["cecile"], "guide"));
    assert_eq!(network.mission(&mid("m1")).unwrap().partners, vec![id("cecile")]);
}

// ---- journal ------------------------------------------------------------------------

/// A network with a bit of everything, journalled.
fn busy_network() -> Network {
    let mut network = with_mission(MissionStatus::Completed);
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 3, 1));
    accept(
        &mut network,
        cmd("alice", d(2020, 3, 2), Action::DiscussContract { contract: cid("c-cecile"), note: "Bienvenue".into() }),
    );
    validate(&mut network, "c-cecile", d(2020, 3, 3));
    let mut amended = provider_terms();
    amended.contributions.push(Choice::item("recurring_event"));
    accept(
        &mut network,
        cmd("paul", d(2020, 4, 1), Action::ProposeAmendment { contract: cid("c-paul"), terms: amended }),
    );
    validate(&mut network, "c-paul", d(2020, 4, 2));
    network
}

#[test]
fn replaying_the_journal_rebuilds_the_network() {
    let network = busy_network();
    let replayed = Network::replay(&network.journal_jsonl()).unwrap();
    assert_eq!(replayed.state(), network.state());
    assert_eq!(replayed.journal(), network.journal());
    assert_eq!(replayed, network);
    assert_eq!(replayed.journal_jsonl(), network.journal_jsonl());
}

#[test]
fn a_malformed_journal_is_refused() {
    let network = busy_network();
    let mut lines: Vec<String> = network.journal_jsonl().lines().map(str::to_owned).collect();
    lines[3] = r#"{"seq": oops}"#.into();
    let err = Network::replay(&(lines.join("\n") + "\n")).unwrap_err();
    assert_eq!(err.code(), "journal.json.malformed");
    assert!(err.to_string().contains("line 4"), "{err}");

    assert_eq!(Network::replay("").unwrap_err().code(), "journal.json.malformed");
    assert_eq!(Network::replay("not json\n").unwrap_err().code(), "journal.json.malformed");
    let wrong_format = r#"{"format":"coopetition-snapshot","schema_version":1}"#;
    assert_eq!(Network::replay(wrong_format).unwrap_err().code(), "journal.json.malformed");
    // An event with a field the schema does not know.
    let mut values = journal_values(&network);
    values[2]["colour"] = Value::from("blue");
    assert_eq!(Network::replay(&jsonl(&values)).unwrap_err().code(), "journal.json.malformed");
    // A header alone is an empty, unfounded network.
    let empty = Network::replay(&format!("{}\n", journal_values(&network)[0])).unwrap();
    assert_eq!(empty, Network::new());
}

#[test]
fn an_unknown_schema_version_is_refused() {
    let network = busy_network();
    for version in [Value::from(3), Value::from(0), Value::from("1"), Value::Null] {
        let mut values = journal_values(&network);
        values[0]["schema_version"] = version.clone();
        let err = Network::replay(&jsonl(&values)).unwrap_err();
        assert_eq!(err.code(), "journal.schema.unknown", "{version}");
    }
    assert_eq!(SCHEMA_VERSION, 2);
    let mut snapshot: Value = serde_json::from_str(&network.snapshot_json()).unwrap();
    snapshot["schema_version"] = Value::from(3);
    assert_eq!(Network::from_snapshot_json(&snapshot.to_string()).unwrap_err().code(), "journal.schema.unknown");
}

#[test]
fn a_truncated_last_line_is_refused() {
    let network = busy_network();
    let journal = network.journal_jsonl();
    let body = journal.trim_end_matches('\n');
    let last_start = body.rfind('\n').unwrap() + 1;
    let last_len = body.len() - last_start;
    assert!(last_len > 20);

    let middle = last_start + last_len / 2;
    let err = Network::replay(&journal[..middle]).unwrap_err();
    assert_eq!(err.code(), "journal.line.truncated");
    let lines = body.lines().count();
    assert!(err.to_string().contains(&format!("line {lines}")), "{err}");

    // Wherever the last line is cut, the cut is reported as a truncation.
    for cut in (last_start + 1)..body.len() {
        if !journal.is_char_boundary(cut) {
            continue;
        }
        let err = Network::replay(&journal[..cut]).unwrap_err();
        assert_eq!(err.code(), "journal.line.truncated", "cut at {cut}: {err}");
    }
    // Cut exactly at a line end, the journal is simply shorter.
    let shorter = Network::replay(&journal[..last_start]).unwrap();
    assert_eq!(shorter.journal(), &network.journal()[..network.journal().len() - 1]);
    assert_eq!(Network::replay(body).unwrap(), network);
}

#[test]
fn a_sequence_gap_is_refused() {
    let network = busy_network();
    // Drop the fourth event: 1, 2, 3, 5…
    let mut values = journal_values(&network);
    values.remove(4);
    let err = Network::replay(&jsonl(&values)).unwrap_err();
    assert_eq!(err.code(), "journal.sequence.invalid");
    assert!(err.to_string().contains("line 5"), "{err}");

    // Two events with the same number.
    let mut values = journal_values(&network);
    values[3]["seq"] = Value::from(2);
    assert_eq!(Network::replay(&jsonl(&values)).unwrap_err().code(), "journal.sequence.invalid");

    // A journal that does not start at 1.
    let mut values = journal_values(&network);
    values.remove(1);
    let err = Network::replay(&jsonl(&values)).unwrap_err();
    assert_eq!(err.code(), "journal.sequence.invalid");
    assert!(err.to_string().contains("expected 1"), "{err}");
}

#[test]
fn a_tampered_event_is_refused_with_the_live_code() {
    let mut network = with_member_provider();
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 3, 1));
    validate(&mut network, "c-cecile", d(2020, 3, 2));
    let seq = network.journal().last().unwrap().seq;

    // The same validation, issued live by a non-steward, is refused…
    let events = network.journal();
    let mut before_validation = Network::replay(&write_journal(&events[..events.len() - 1])).unwrap();
    let by_paul = cmd("paul", d(2020, 3, 2), Action::ValidateContract { contract: cid("c-cecile") });
    let live_err = reject(&mut before_validation, by_paul, "auth.steward.required");
    // …and so is the journal where the validation was rewritten as paul's.
    let mut values = journal_values(&network);
    let last = values.len() - 1;
    assert_eq!(values[last]["action"]["type"], "validate_contract");
    values[last]["by"] = Value::from("paul");
    let err = Network::replay(&jsonl(&values)).unwrap_err();
    assert_eq!(err.code(), live_err.code());
    assert_eq!(err.code(), "auth.steward.required");
    assert!(matches!(&err, Error::Replay { seq: s, .. } if *s == seq), "{err:?}");
    assert!(err.to_string().contains(&format!("event {seq}")), "{err}");

    // Other tampering: a mission reported before it is won.
    let mut values = journal_values(&with_mission(MissionStatus::Completed));
    let won_line = values.iter().position(|v| v["action"]["step"]["step"] == "won").unwrap();
    values[won_line]["action"]["step"] = serde_json::json!({"step": "started"});
    let err = Network::replay(&jsonl(&values)).unwrap_err();
    assert_eq!(err.code(), "mission.transition.invalid");
}

// ---- snapshots ----------------------------------------------------------------------

#[test]
fn a_snapshot_round_trips() {
    let network = busy_network();
    let loaded = Network::from_snapshot_json(&network.snapshot_json()).unwrap();
    assert_eq!(loaded.state(), network.state());
    assert!(loaded.journal().is_empty());
    assert_eq!(loaded.live_contract(&id("paul")).unwrap().id, cid("c-paul"));
    assert_eq!(loaded.snapshot_json(), network.snapshot_json());
    // A cut snapshot is refused (as `journal.line.truncated`, though a snapshot has no lines).
    assert_eq!(Network::from_snapshot_json("{").unwrap_err().family(), "journal");
    assert_eq!(Network::from_snapshot_json("[]").unwrap_err().code(), "journal.json.malformed");
}

#[test]
fn resume_continues_from_a_snapshot() {
    let mut network = with_member_provider();
    let snapshot = network.snapshot_json();
    let already = network.journal().len();

    // Life goes on after the snapshot.
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 3, 1));
    validate(&mut network, "c-cecile", d(2020, 3, 2));
    accept(&mut network, report("paul", d(2020, 3, 5), "m1", d(2020, 3, 4), solicited()));

    // A network loaded from the snapshot writes the journal that continues it.
    let mut loaded = Network::from_snapshot_json(&snapshot).unwrap();
    for event in &network.journal()[already..] {
        accept(&mut loaded, Command::new(&event.by, event.on, event.action.clone()));
    }
    let after = loaded.journal_jsonl();
    assert!(after.lines().next().unwrap().contains(&format!("\"continues\":{{\"seq\":{already},")), "{after}");
    // Its event lines are those of the whole journal.
    let whole = network.journal_jsonl();
    assert!(after.lines().skip(1).eq(whole.lines().skip(1 + already)));

    let resumed = Network::resume(&snapshot, &after).unwrap();
    assert_eq!(resumed.state(), network.state());
    assert_eq!(resumed.journal(), &network.journal()[already..]);
    assert_eq!(resumed.state().last_seq, network.state().last_seq);

    // The resumed network goes on numbering its events.
    let mut resumed = resumed;
    let event = accept(&mut resumed, report("paul", d(2020, 3, 6), "m1", d(2020, 3, 6), MissionStep::Proposed));
    assert_eq!(event.seq, network.state().last_seq + 1);

    // The whole journal resumes it too: its events up to the snapshot's are
    // checked against the snapshot's hash, and only the rest replayed.
    let from_whole = Network::resume(&snapshot, &whole).unwrap();
    assert_eq!(from_whole.state(), network.state());
    assert_eq!(from_whole.journal(), &network.journal()[already..]);
    // A continuation that skips an event is refused.
    let base = Network::from_snapshot_json(&snapshot).unwrap().chain_head(None).unwrap();
    let gap = write_journal_after(&base, &network.journal()[already + 1..], None);
    assert_eq!(Network::resume(&snapshot, &gap).unwrap_err().code(), "journal.sequence.invalid");
}

/// Texts that look blank or read differently on screen than what they hold.
const INVISIBLE_TEXTS: [(&str, &str); 5] = [
    ("\u{0}", "input.text.invalid"),
    ("\u{200B}", "input.text.invalid"),
    ("Alice\u{202E}ecilA", "input.text.invalid"),
    ("\u{FEFF}", "input.text.invalid"),
    ("   ", "input.text.empty"),
];

#[test]
fn names_and_reasons_are_visible_text() {
    let mut network = with_member_provider();
    for (text, code) in INVISIBLE_TEXTS {
        let mut ghost = actor("ghost", ActorKind::Citizen);
        ghost.display_name = text.into();
        reject(&mut network, cmd("ghost", d(2020, 2, 1), Action::RegisterActor { actor: ghost }), code);
        let level =
            Action::ChangeLevel { actor: id("cecile"), level: InvolvementLevel::Contributor, reason: text.into() };
        reject(&mut network, cmd("alice", d(2020, 2, 1), level), code);
    }
    let mut zoe = actor("zoe", ActorKind::Citizen);
    zoe.display_name = "Zoé 🌱".into();
    accept(&mut network, cmd("zoe", d(2020, 2, 1), Action::RegisterActor { actor: zoe }));
    let level =
        Action::ChangeLevel { actor: id("cecile"), level: InvolvementLevel::Contributor, reason: "élue ✔".into() };
    accept(&mut network, cmd("alice", d(2020, 2, 1), level));
    assert_eq!(Actor::new(id("x"), ActorKind::Citizen, "\u{AD}", true).unwrap_err().code(), "input.text.invalid");
}

#[test]
fn commands_take_money_in_whole_cents_only() {
    let mut network = with_mission(MissionStatus::Proposed);
    // Built unchecked, as a Rust caller could: the command still refuses it,
    // so the journal never holds an amount it could not read back.
    let tiny = Money::eur(Decimal::new(1, 28));
    let payment = |amount: Money| Action::RecordPayment {
        payment: coopetition::negotiation::Payment {
            member: id("paul"),
            amount,
            on: d(2020, 3, 1),
            reference: String::new(),
        },
    };
    reject(&mut network, cmd("alice", d(2020, 3, 1), payment(tiny)), "money.amount.precision");
    let huge = Money::eur(Decimal::MAX);
    reject(
        &mut network,
        report("paul", d(2020, 3, 1), "m1", d(2020, 3, 1), MissionStep::Won { revenue: huge }),
        "money.amount.range",
    );
    let revenue = Money::eur(Decimal::new(1005, 3));
    reject(
        &mut network,
        report("paul", d(2020, 3, 1), "m1", d(2020, 3, 1), MissionStep::Won { revenue }),
        "money.amount.precision",
    );
    accept(&mut network, report("paul", d(2020, 3, 1), "m1", d(2020, 3, 1), won(100_000)));
    let declare = Action::DeclareContribution { mission: mid("m1"), amount: Money::eur(Decimal::new(12345, 3)) };
    reject(&mut network, cmd("paul", d(2020, 3, 2), declare), "money.amount.precision");
    accept(&mut network, cmd("alice", d(2020, 3, 2), payment(Money::from_cents(1))));
    let replayed = Network::replay(&network.journal_jsonl()).unwrap();
    assert_eq!(replayed.state(), network.state());
}
