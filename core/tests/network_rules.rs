//! One test per rule of the network aggregate: founding, actors and
//! contracts (`network_rules_charter_missions.rs` has the charter, missions,
//! the journal and snapshots).
//!
//! Every rejected command is executed through [`reject`], which asserts the
//! error code and that the network (state, journal and derived index) is
//! exactly as it was before the command.

// clippy.toml's `allow-*-in-tests` covers `#[test]` functions only, not the
// helpers of an integration-test crate: allow them here, for the whole file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use coopetition::contract::ContractVersion;
use coopetition::prelude::*;

#[path = "support/network_rules.rs"]
mod support;
use support::*;

// ---- founding -----------------------------------------------------------------------

#[test]
fn founding_records_settings_founders_and_the_shipped_charter() {
    let network = two_tier();
    let state = network.state();
    assert_eq!(state.founded_on, Some(founding_day()));
    assert_eq!(state.founders, vec![id("alice")]);
    assert_eq!(state.settings.as_ref().unwrap().membership_structure, MembershipStructure::TwoTier);
    assert_eq!(state.last_seq, 1);
    assert_eq!(network.charter().unwrap().version, 1);
    assert!(network.is_member(&id("alice")));
    assert!(network.actor(&id("alice")).unwrap().is_steward());
}

#[test]
fn founding_twice_is_refused() {
    let mut network = two_tier();
    let again = cmd(
        "alice",
        d(2020, 2, 1),
        Action::FoundNetwork {
            settings: NetworkSettings::all_in_one("Une autre compagnie"),
            founders: vec![steward_actor("alice", ActorKind::Association)],
        },
    );
    reject(&mut network, again, "network.founding.invalid");
}

#[test]
fn nothing_happens_before_founding() {
    let mut network = Network::new();
    let register = cmd("paul", d(2020, 1, 6), Action::RegisterActor { actor: actor("paul", ActorKind::Provider) });
    reject(&mut network, register, "network.founding.invalid");
    reject(&mut network, cmd("paul", d(2020, 1, 6), Action::SignCharter { version: 1 }), "network.founding.invalid");
    assert!(network.journal().is_empty());
    assert_eq!(network.state(), &NetworkState::default());
}

#[test]
fn founders_must_be_stewards_and_include_the_issuer() {
    let mut network = Network::new();
    let settings = NetworkSettings::two_tier("La Compagnie");
    let found = |by: &str, founders: Vec<Actor>| {
        cmd(by, founding_day(), Action::FoundNetwork { settings: settings.clone(), founders })
    };
    let supporter = actor("bob", ActorKind::Association);
    reject(
        &mut network,
        found("alice", vec![steward_actor("alice", ActorKind::Association), supporter.clone()]),
        "auth.steward.required",
    );
    reject(&mut network, found("bob", vec![supporter]), "auth.steward.required");
    reject(&mut network, found("alice", vec![]), "network.founding.invalid");
    reject(&mut network, found("zoe", vec![steward_actor("alice", ActorKind::Association)]), "auth.owner.required");
    reject(
        &mut network,
        found(
            "alice",
            vec![steward_actor("alice", ActorKind::Association), steward_actor("alice", ActorKind::Citizen)],
        ),
        "actor.id.duplicate",
    );
    let blank = Actor { display_name: " ".into(), ..steward_actor("alice", ActorKind::Association) };
    reject(&mut network, found("alice", vec![blank]), "input.text.empty");
    // Two stewards found it together.
    accept(
        &mut network,
        found("bob", vec![steward_actor("alice", ActorKind::Association), steward_actor("bob", ActorKind::ThirdPlace)]),
    );
    assert_eq!(network.state().founders, vec![id("alice"), id("bob")]);
}

#[test]
fn commands_cannot_be_dated_before_the_founding() {
    let mut network = two_tier();
    let early = cmd("paul", d(2020, 1, 5), Action::RegisterActor { actor: actor("paul", ActorKind::Provider) });
    reject(&mut network, early, "date.order.invalid");
}

// ---- actors -------------------------------------------------------------------------

#[test]
fn unknown_actors_are_refused() {
    let mut network = two_tier();
    let ghost_validates = cmd("ghost", d(2020, 2, 1), Action::ValidateContract { contract: cid("c1") });
    reject(&mut network, ghost_validates, "actor.id.unknown");
    let promote_ghost = cmd(
        "alice",
        d(2020, 2, 1),
        Action::ChangeLevel { actor: id("ghost"), level: InvolvementLevel::Contributor, reason: "vote".into() },
    );
    reject(&mut network, promote_ghost, "actor.id.unknown");
    let steward_registers_for_ghost =
        cmd("ghost", d(2020, 2, 1), Action::RegisterActor { actor: actor("paul", ActorKind::Provider) });
    reject(&mut network, steward_registers_for_ghost, "actor.id.unknown");
    assert_eq!(network.actor(&id("ghost")).unwrap_err().code(), "actor.id.unknown");
}

#[test]
fn duplicate_actors_are_refused() {
    let mut network = two_tier();
    register(&mut network, "paul", ActorKind::Provider, d(2020, 1, 10));
    let again = cmd("paul", d(2020, 1, 11), Action::RegisterActor { actor: actor("paul", ActorKind::Citizen) });
    reject(&mut network, again, "actor.id.duplicate");
    let by_steward = cmd("alice", d(2020, 1, 11), Action::RegisterActor { actor: actor("alice", ActorKind::Citizen) });
    reject(&mut network, by_steward, "actor.id.duplicate");
}

#[test]
fn registration_levels_are_decided_by_stewards() {
    let mut network = two_tier();
    let self_steward =
        cmd("paul", d(2020, 1, 10), Action::RegisterActor { actor: steward_actor("paul", ActorKind::Provider) });
    reject(&mut network, self_steward, "auth.steward.required");
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    let by_supporter =
        cmd("cecile", d(2020, 1, 11), Action::RegisterActor { actor: actor("paul", ActorKind::Provider) });
    reject(&mut network, by_supporter, "auth.steward.required");
    accept(
        &mut network,
        cmd("alice", d(2020, 1, 11), Action::RegisterActor { actor: actor("paul", ActorKind::Provider) }),
    );
    assert_eq!(network.actor(&id("paul")).unwrap().level, InvolvementLevel::Supporter);
    assert!(!network.is_member(&id("paul")), "registering does not make a member");
}

#[test]
fn identifiers_are_checked() {
    assert_eq!(ActorId::new("paul dupont").unwrap_err().code(), "input.id.invalid");
    assert_eq!(ContractId::new("").unwrap_err().code(), "input.id.invalid");
    assert_eq!(MissionId::new("m/1").unwrap_err().code(), "input.id.invalid");
    let json = r#"{"by":"a b","on":"2020-02-01","action":{"type":"sign_charter","version":1}}"#;
    let err = serde_json::from_str::<Command>(json).unwrap_err();
    assert!(err.to_string().contains("invalid identifier `a b`"), "{err}");
}

#[test]
fn listing_consent_belongs_to_the_actor() {
    let mut network = with_member_provider();
    let by_other = cmd("cecile", d(2020, 2, 1), Action::SetPublicListing { actor: id("paul"), public_listing: false });
    reject(&mut network, by_other, "auth.owner.required");
    let unknown = cmd("paul", d(2020, 2, 1), Action::SetPublicListing { actor: id("ghost"), public_listing: false });
    reject(&mut network, unknown, "actor.id.unknown");
    accept(
        &mut network,
        cmd("paul", d(2020, 2, 1), Action::SetPublicListing { actor: id("paul"), public_listing: false }),
    );
    assert!(!network.actor(&id("paul")).unwrap().public_listing);
}

#[test]
fn levels_are_changed_by_stewards_with_a_reason() {
    let mut network = with_member_provider();
    let level = |by: &str, who: &str, level: InvolvementLevel, reason: &str| {
        cmd(by, d(2020, 2, 1), Action::ChangeLevel { actor: id(who), level, reason: reason.into() })
    };
    reject(&mut network, level("paul", "paul", InvolvementLevel::Steward, "je me nomme"), "auth.steward.required");
    reject(&mut network, level("alice", "paul", InvolvementLevel::Steward, "  "), "input.text.empty");
    accept(&mut network, level("alice", "paul", InvolvementLevel::Steward, "chantier ressources ouvertes"));
    assert!(network.actor(&id("paul")).unwrap().is_steward());
}

#[test]
fn the_last_steward_cannot_be_demoted() {
    let mut network = with_member_provider();
    let demote = |by: &str, who: &str| {
        cmd(
            by,
            d(2020, 3, 1),
            Action::ChangeLevel {
                actor: id(who),
                level: InvolvementLevel::Contributor,
                reason: "passe la main".into(),
            },
        )
    };
    let err = reject(&mut network, demote("alice", "alice"), "actor.level.last_steward");
    assert!(err.to_string().contains("alice"));
    // Once another steward is named, alice may step down.
    accept(
        &mut network,
        cmd(
            "alice",
            d(2020, 3, 1),
            Action::ChangeLevel { actor: id("paul"), level: InvolvementLevel::Steward, reason: "élu".into() },
        ),
    );
    accept(&mut network, demote("paul", "alice"));
    assert_eq!(network.actor(&id("alice")).unwrap().level, InvolvementLevel::Contributor);
    // Now paul is the last one.
    reject(&mut network, demote("paul", "paul"), "actor.level.last_steward");
}

// ---- contracts ----------------------------------------------------------------------

#[test]
fn unknown_contracts_are_refused() {
    let mut network = with_member_provider();
    let on = d(2020, 3, 1);
    reject(&mut network, cmd("alice", on, Action::ValidateContract { contract: cid("nope") }), "contract.id.unknown");
    reject(&mut network, cmd("paul", on, Action::Resign { contract: cid("nope") }), "contract.id.unknown");
    let discuss = cmd("alice", on, Action::DiscussContract { contract: cid("nope"), note: "?".into() });
    reject(&mut network, discuss, "contract.id.unknown");
    let exclude = cmd("alice", on, Action::ExcludeMember { contract: cid("nope"), reason: "breach".into() });
    reject(&mut network, exclude, "contract.id.unknown");
    assert_eq!(network.contract(&cid("nope")).unwrap_err().code(), "contract.id.unknown");
}

#[test]
fn duplicate_contracts_are_refused() {
    let mut network = with_member_provider();
    // Another applicant reuses paul's contract id.
    let reuse =
        cmd("cecile", d(2020, 3, 1), Action::ProposeContract { contract: cid("c-paul"), terms: citizen_terms() });
    reject(&mut network, reuse, "contract.id.duplicate");
    // Paul cannot hold two live contracts.
    let second =
        cmd("paul", d(2020, 3, 1), Action::ProposeContract { contract: cid("c-paul-2"), terms: provider_terms() });
    reject(&mut network, second, "contract.member.already_live");
}

#[test]
fn items_must_come_from_the_catalogue_of_the_actors_kind() {
    let mut network = with_member_provider();
    let on = d(2020, 3, 1);
    let propose =
        |terms: ContractTerms| cmd("cecile", on, Action::ProposeContract { contract: cid("c-cecile"), terms });

    let mut provider_item = citizen_terms();
    provider_item.contributions = vec![Choice::item("revenue_share_5pct")];
    let err = reject(&mut network, propose(provider_item), "contract.item.unknown");
    assert!(err.to_string().contains("revenue_share_5pct") && err.to_string().contains("citizen"), "{err}");

    let mut provider_need = citizen_terms();
    provider_need.needs = vec![Choice::item("team_up")];
    reject(&mut network, propose(provider_need), "contract.item.unknown");

    let mut engagement = citizen_terms();
    engagement.extra_engagements = vec!["relay_calls".into()];
    reject(&mut network, propose(engagement), "contract.item.unknown");

    let mut twice = citizen_terms();
    twice.contributions.push(Choice::item("volunteering"));
    reject(&mut network, propose(twice), "contract.item.duplicate");

    let mut other = citizen_terms();
    other.needs.push(Choice::item("other"));
    reject(&mut network, propose(other.clone()), "contract.item.detail_missing");
    other.needs[1] = Choice::with_detail("other", "rencontrer des voisins");

    let mut nothing = citizen_terms();
    nothing.contributions.clear();
    reject(&mut network, propose(nothing), "contract.contribution.missing");

    let mut unsigned = citizen_terms();
    unsigned.signatory = String::new();
    reject(&mut network, propose(unsigned), "input.text.empty");

    accept(&mut network, propose(other));
    let contract = network.contract(&cid("c-cecile")).unwrap();
    assert_eq!(contract.status, ContractStatus::Proposed);
    assert_eq!(contract.kind, ActorKind::Citizen);
}

#[test]
fn only_stewards_validate_decline_and_exclude() {
    let mut network = two_tier();
    register(&mut network, "paul", ActorKind::Provider, d(2020, 1, 10));
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 1, 12));
    let on = d(2020, 1, 20);
    let err = reject(
        &mut network,
        cmd("paul", on, Action::ValidateContract { contract: cid("c-cecile") }),
        "auth.steward.required",
    );
    assert!(err.to_string().contains("validate a contract"));
    // Not even the applicant validates its own contract.
    reject(
        &mut network,
        cmd("cecile", on, Action::ValidateContract { contract: cid("c-cecile") }),
        "auth.steward.required",
    );
    let decline = cmd("paul", on, Action::DeclineContract { contract: cid("c-cecile"), reason: "non".into() });
    reject(&mut network, decline, "auth.steward.required");
    validate(&mut network, "c-cecile", on);
    let exclude = cmd("paul", on, Action::ExcludeMember { contract: cid("c-cecile"), reason: "non".into() });
    reject(&mut network, exclude, "auth.steward.required");
}

#[test]
fn a_validation_cannot_precede_the_proposal() {
    let mut network = two_tier();
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 1, 12));
    let early = cmd("alice", d(2020, 1, 11), Action::ValidateContract { contract: cid("c-cecile") });
    reject(&mut network, early, "date.order.invalid");
}

#[test]
fn discussion_revision_and_decline() {
    let mut network = two_tier();
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    register(&mut network, "bob", ActorKind::Association, d(2020, 1, 10));
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 1, 12));
    let c = cid("c-cecile");

    let by_stranger = cmd("bob", d(2020, 1, 13), Action::DiscussContract { contract: c.clone(), note: "?".into() });
    reject(&mut network, by_stranger, "auth.steward.required");
    accept(
        &mut network,
        cmd(
            "alice",
            d(2020, 1, 14),
            Action::DiscussContract { contract: c.clone(), note: "Un atelier par an ?".into() },
        ),
    );
    assert_eq!(network.contract(&c).unwrap().status, ContractStatus::InDiscussion);

    let mut revised = citizen_terms();
    revised.contributions.push(Choice::item("open_resources"));
    let by_other = cmd("bob", d(2020, 1, 15), Action::ReviseProposal { contract: c.clone(), terms: revised.clone() });
    reject(&mut network, by_other, "auth.owner.required");
    accept(&mut network, cmd("cecile", d(2020, 1, 15), Action::ReviseProposal { contract: c.clone(), terms: revised }));
    assert_eq!(network.contract(&c).unwrap().pending.as_ref().unwrap().terms.contributions.len(), 2);

    let blank = cmd("alice", d(2020, 1, 16), Action::DeclineContract { contract: c.clone(), reason: " ".into() });
    reject(&mut network, blank, "input.text.empty");
    accept(
        &mut network,
        cmd("alice", d(2020, 1, 16), Action::DeclineContract { contract: c.clone(), reason: "hors champ".into() }),
    );
    let contract = network.contract(&c).unwrap();
    assert_eq!(contract.status, ContractStatus::Declined);
    assert_eq!(contract.end_reason.as_deref(), Some("hors champ"));
    assert!(network.live_contract(&id("cecile")).is_none());
    reject(
        &mut network,
        cmd("alice", d(2020, 1, 17), Action::ValidateContract { contract: c }),
        "contract.transition.invalid",
    );
    // A declined applicant may apply again under a new id.
    propose(&mut network, "cecile", "c-cecile-2", citizen_terms(), d(2020, 1, 18));
}

#[test]
fn two_tier_providers_are_validated_without_signing() {
    let mut network = two_tier();
    register(&mut network, "paul", ActorKind::Provider, d(2020, 1, 10));
    propose(&mut network, "paul", "c-paul", provider_terms(), d(2020, 1, 12));
    validate(&mut network, "c-paul", d(2020, 1, 20));
    let contract = network.contract(&cid("c-paul")).unwrap();
    assert_eq!(contract.status, ContractStatus::Active);
    assert_eq!(contract.current().unwrap().includes_charter, None);
    assert_eq!(network.charter_status(&id("paul")), CharterStatus::Unsigned);
    assert!(network.is_member(&id("paul")));
    // The charter remains open to sign separately.
    sign(&mut network, "paul", 1, d(2020, 2, 1));
    assert_eq!(network.charter_status(&id("paul")), CharterStatus::Signed);
    assert_eq!(network.contract(&cid("c-paul")).unwrap().current().unwrap().includes_charter, None);
}

#[test]
fn all_in_one_provider_contracts_need_the_charter_signed() {
    let mut network = all_in_one();
    register(&mut network, "paul", ActorKind::Provider, d(2020, 1, 10));
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    propose(&mut network, "paul", "c-paul", provider_terms(), d(2020, 1, 12));
    let err = reject(
        &mut network,
        cmd("alice", d(2020, 1, 20), Action::ValidateContract { contract: cid("c-paul") }),
        "contract.charter.unsigned",
    );
    assert!(err.to_string().contains("charter version 1"), "{err}");

    sign(&mut network, "paul", 1, d(2020, 1, 21));
    validate(&mut network, "c-paul", d(2020, 1, 22));
    let contract = network.contract(&cid("c-paul")).unwrap();
    assert_eq!(contract.status, ContractStatus::Active);
    assert_eq!(contract.version(1).unwrap().includes_charter, Some(1));

    // Other kinds are not concerned by the charter.
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 1, 12));
    validate(&mut network, "c-cecile", d(2020, 1, 22));
    assert_eq!(network.contract(&cid("c-cecile")).unwrap().current().unwrap().includes_charter, None);
}

#[test]
fn amendments_make_new_versions_and_keep_the_old_ones() {
    let mut network = with_member_provider();
    let c = cid("c-paul");
    let mut amended = provider_terms();
    amended.contributions.push(Choice::with_detail("workstream", "chantier ressources ouvertes"));

    let by_other =
        cmd("cecile", d(2020, 6, 1), Action::ProposeAmendment { contract: c.clone(), terms: amended.clone() });
    reject(&mut network, by_other, "auth.owner.required");
    accept(
        &mut network,
        cmd("paul", d(2020, 6, 1), Action::ProposeAmendment { contract: c.clone(), terms: amended.clone() }),
    );
    let twice = cmd("paul", d(2020, 6, 2), Action::ProposeAmendment { contract: c.clone(), terms: amended.clone() });
    reject(&mut network, twice, "contract.transition.invalid");
    // Still active under version 1 while the amendment waits.
    assert!(network.is_member(&id("paul")));
    assert_eq!(network.contract(&c).unwrap().current().unwrap().version, 1);

    validate(&mut network, "c-paul", d(2020, 6, 10));
    let contract = network.contract(&c).unwrap();
    assert_eq!(contract.status, ContractStatus::Active);
    assert_eq!(contract.versions.len(), 2);
    assert!(contract.pending.is_none());
    let v1: &ContractVersion = contract.version(1).unwrap();
    let v2 = contract.version(2).unwrap();
    assert_eq!(v1.terms, provider_terms());
    assert_eq!((v1.proposed_on, v1.validated_on), (d(2020, 1, 12), d(2020, 1, 20)));
    assert_eq!(v2.terms, amended);
    assert_eq!((v2.proposed_on, v2.validated_on), (d(2020, 6, 1), d(2020, 6, 10)));
    assert_eq!(v2.validated_by, id("alice"));
    assert_eq!(contract.current(), Some(v2));
    assert_eq!(contract.version(3).unwrap_err().code(), "contract.version.unknown");
    assert_eq!(contract.version(0).unwrap_err().code(), "contract.version.unknown");
}

#[test]
fn an_amendment_needs_an_active_contract() {
    let mut network = two_tier();
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 1, 12));
    let amend =
        cmd("cecile", d(2020, 1, 13), Action::ProposeAmendment { contract: cid("c-cecile"), terms: citizen_terms() });
    reject(&mut network, amend, "contract.transition.invalid");
    validate(&mut network, "c-cecile", d(2020, 1, 20));
    let early =
        cmd("cecile", d(2020, 1, 19), Action::ProposeAmendment { contract: cid("c-cecile"), terms: citizen_terms() });
    reject(&mut network, early, "date.order.invalid");
}

#[test]
fn resignation_ends_the_contract() {
    let mut network = with_member_provider();
    let c = cid("c-paul");
    reject(&mut network, cmd("cecile", d(2020, 5, 1), Action::Resign { contract: c.clone() }), "auth.owner.required");
    reject(&mut network, cmd("paul", d(2020, 1, 19), Action::Resign { contract: c.clone() }), "date.order.invalid");
    accept(&mut network, cmd("paul", d(2020, 5, 1), Action::Resign { contract: c.clone() }));
    let contract = network.contract(&c).unwrap();
    assert_eq!(contract.status, ContractStatus::Resigned);
    assert_eq!(contract.ended_on, Some(d(2020, 5, 1)));
    assert_eq!(contract.versions.len(), 1, "the history is kept");
    assert!(!network.is_member(&id("paul")));
    assert!(network.live_contract(&id("paul")).is_none());
    reject(
        &mut network,
        cmd("paul", d(2020, 5, 2), Action::Resign { contract: c.clone() }),
        "contract.transition.invalid",
    );
    let amend = cmd("paul", d(2020, 5, 2), Action::ProposeAmendment { contract: c, terms: provider_terms() });
    reject(&mut network, amend, "contract.transition.invalid");
    // The former member may apply again.
    propose(&mut network, "paul", "c-paul-2", provider_terms(), d(2020, 9, 1));
    assert_eq!(network.live_contract(&id("paul")).unwrap().id, cid("c-paul-2"));
}

#[test]
fn an_applicant_may_withdraw() {
    let mut network = two_tier();
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    propose(&mut network, "cecile", "c-cecile", citizen_terms(), d(2020, 1, 12));
    accept(&mut network, cmd("cecile", d(2020, 1, 13), Action::Resign { contract: cid("c-cecile") }));
    let contract = network.contract(&cid("c-cecile")).unwrap();
    assert_eq!(contract.status, ContractStatus::Resigned);
    assert!(contract.pending.is_none() && contract.versions.is_empty());
}

#[test]
fn exclusion_ends_the_contract() {
    let mut network = with_member_provider();
    let c = cid("c-paul");
    let exclude = |reason: &str, on: NaiveDate| {
        cmd("alice", on, Action::ExcludeMember { contract: c.clone(), reason: reason.into() })
    };
    reject(&mut network, exclude("", d(2020, 5, 1)), "input.text.empty");
    reject(&mut network, exclude("manquement à la charte", d(2020, 1, 19)), "date.order.invalid");
    // An exclusion follows a hearing: the member is notified and may answer first.
    reject(&mut network, exclude("manquement à la charte", d(2020, 5, 1)), "standing.hearing.required");
    let grounds = "manquement à l'article 4 de la charte".to_owned();
    accept(&mut network, cmd("alice", d(2020, 4, 10), Action::NotifyHearing { member: id("paul"), grounds }));
    let answer = "je n'ai pas prévenu Nadia".to_owned();
    accept(&mut network, cmd("paul", d(2020, 4, 12), Action::AnswerHearing { member: id("paul"), answer }));
    accept(&mut network, exclude("manquement à l'article 4 de la charte", d(2020, 5, 1)));
    let contract = network.contract(&c).unwrap();
    assert_eq!(contract.status, ContractStatus::Excluded);
    assert_eq!(contract.ended_on, Some(d(2020, 5, 1)));
    assert_eq!(contract.end_reason.as_deref(), Some("manquement à l'article 4 de la charte"));
    assert!(!network.is_member(&id("paul")));
    assert!(network.live_contract(&id("paul")).is_none());
    reject(&mut network, exclude("encore", d(2020, 5, 2)), "contract.transition.invalid");
    reject(
        &mut network,
        cmd("paul", d(2020, 5, 2), Action::Resign { contract: c.clone() }),
        "contract.transition.invalid",
    );
    // An excluded provider can no longer sign the charter.
    let v2 = charter_v2(&network, d(2020, 6, 1));
    accept(&mut network, cmd("alice", d(2020, 6, 1), Action::PublishCharter { text: v2 }));
    reject(&mut network, cmd("paul", d(2020, 6, 2), Action::SignCharter { version: 2 }), "membership.required");
}
