//! The benefits statement beyond the command vectors: the document in both
//! languages, text from users escaped in its tables, and its errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/vector_setup.rs"]
mod vector_setup;
use vector_setup::run;

use coopetition::benefits::LeadResult;
use coopetition::prelude::*;
use serde_json::json;

/// paul is referred a lead (taken, mission m-1), attends a forum, and finds
/// zoe as a partner through a call for m-1.
fn a_year_of_paul() -> Network {
    let mut n = vector_setup::setup("leads.json");
    let lys = json!({"type": "outside", "name": "Mairie de Lys", "kind": "local_authority"});
    run(
        &mut n,
        "alice",
        "2021-02-10",
        json!({"type": "record_network_event", "event": "e-forum",
        "title": "Forum | tiers-lieux", "held_on": "2021-02-09", "attendees": [{"type": "member", "id": "paul"}]}),
    )
    .unwrap();
    run(
        &mut n,
        "alice",
        "2021-03-02",
        json!({"type": "record_lead", "lead": "l-1", "client": lys,
        "need": "Programmation | usages", "received_on": "2021-03-01", "visibility": "offered"}),
    )
    .unwrap();
    run(
        &mut n,
        "alice",
        "2021-03-03",
        json!({"type": "offer_lead", "lead": "l-1", "mode": "direct_referral",
        "members": ["paul"], "deadline": "2021-03-15"}),
    )
    .unwrap();
    run(&mut n, "paul", "2021-03-04", json!({"type": "answer_lead", "lead": "l-1", "interested": true})).unwrap();
    run(
        &mut n,
        "alice",
        "2021-03-05",
        json!({"type": "close_lead", "lead": "l-1", "outcome": {"outcome": "taken",
        "member": "paul", "chosen_by": "network", "mission": "m-1", "title": "Programmation"}}),
    )
    .unwrap();
    run(
        &mut n,
        "paul",
        "2021-03-06",
        json!({"type": "call_for_partners", "call": "c-1", "mission": "m-1",
        "need": "skill", "what": "Aménagement"}),
    )
    .unwrap();
    run(&mut n, "zoe", "2021-03-07", json!({"type": "answer_call", "call": "c-1"})).unwrap();
    run(&mut n, "paul", "2021-03-08", json!({"type": "record_call_partner", "call": "c-1", "member": "zoe"})).unwrap();
    n
}

#[test]
fn the_statement_reads_in_english_and_in_french() {
    let n = a_year_of_paul();
    let paul = ActorId::new("paul").unwrap();
    let en = n.benefits_statement(&paul, 2021, Lang::En).unwrap();
    assert_eq!(en.leads_offered[0].result, LeadResult::Won);
    assert_eq!(en.partners_found.len(), 1);
    let doc = &en.document;
    assert!(doc.starts_with("# What the network brought me in 2021 — La Compagnie des Tiers-Lieux\n"), "{doc}");
    assert!(doc.contains("| `l-1` | Programmation \\| usages | 2021-03-03 | direct referral | won |"), "{doc}");
    assert!(doc.contains("Leads won in the year: **1**\n- `l-1` → mission `m-1` (2021-03-05)"), "{doc}");
    assert!(doc.contains("- `zoe` (mission `m-1`, call “Aménagement”, 2021-03-08)"), "{doc}");
    assert!(doc.contains("- 2021-02-09 — Forum \\| tiers-lieux (`e-forum`)"), "{doc}");
    let fr = n.benefits_statement(&paul, 2021, Lang::Fr).unwrap();
    assert_eq!(fr.document, en.to_markdown(Lang::Fr));
    let doc = &fr.document;
    assert!(doc.starts_with("# Ce que le réseau m'a apporté en 2021 — La Compagnie des Tiers-Lieux\n"), "{doc}");
    assert!(doc.contains("| orientation directe | remportée |"), "{doc}");
    assert!(doc.contains("Sollicitations remportées dans l'année : **1**"), "{doc}");
    assert!(doc.contains("appel « Aménagement »"), "{doc}");
    // The data does not depend on the language.
    assert_eq!(fr.leads_offered, en.leads_offered);
    assert_eq!(fr.events_attended, en.events_attended);
    // A year with nothing says so.
    let empty = n.benefits_statement(&paul, 2019, Lang::En).unwrap();
    assert!(empty.document.contains("## Leads the network referred to me\n\nNone."), "{}", empty.document);
}

#[test]
fn an_unknown_member_or_an_unfounded_network_is_a_typed_error() {
    let n = a_year_of_paul();
    let err = n.benefits_statement(&ActorId::new("ghost").unwrap(), 2021, Lang::En).unwrap_err();
    assert_eq!(err.code(), "actor.id.unknown");
    let err = Network::new().benefits_statement(&ActorId::new("paul").unwrap(), 2021, Lang::En).unwrap_err();
    assert_eq!(err.code(), "network.founding.invalid");
}
