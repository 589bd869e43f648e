//! One test per rule of the network aggregate.
//!
//! Every rejected command is executed through [`reject`], which asserts the
//! error code and that the network (state, journal and derived index) is
//! exactly as it was before the command.

// clippy.toml's `allow-*-in-tests` covers `#[test]` functions only, not the
// helpers of an integration-test crate: allow them here, for the whole file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use coopetition::contract::ContractVersion;
use coopetition::journal::{write_journal, SCHEMA_VERSION};
use coopetition::prelude::*;
use serde_json::Value;

// ---- helpers ------------------------------------------------------------------------

fn id(raw: &str) -> ActorId {
    ActorId::new(raw).unwrap()
}

fn cid(raw: &str) -> ContractId {
    ContractId::new(raw).unwrap()
}

fn mid(raw: &str) -> MissionId {
    MissionId::new(raw).unwrap()
}

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    date(year, month, day).unwrap()
}

fn cmd(by: &str, on: NaiveDate, action: Action) -> Command {
    Command::new(&id(by), on, action)
}

/// Founding date of every network in this file (the shipped charter is dated 2020-01-01).
fn founding_day() -> NaiveDate {
    d(2020, 1, 6)
}

fn actor(raw: &str, kind: ActorKind) -> Actor {
    Actor::new(id(raw), kind, raw.to_uppercase(), true).unwrap()
}

fn steward_actor(raw: &str, kind: ActorKind) -> Actor {
    Actor { level: InvolvementLevel::Steward, ..actor(raw, kind) }
}

fn accept(network: &mut Network, command: Command) -> Event {
    let label = command.action.label();
    match network.execute(command) {
        Ok(event) => event.clone(),
        Err(e) => panic!("`{label}` was rejected: {} ({e})", e.code()),
    }
}

/// Executes a command that must be rejected with `code`, and checks that it
/// changed nothing: state, journal length and the whole network are as before.
fn reject(network: &mut Network, command: Command, code: &str) -> Error {
    assert!(Error::CODES.contains(&code), "`{code}` is not a published code");
    let before = network.clone();
    let state = network.state().clone();
    let journal_len = network.journal().len();
    let checked = network.check(&command);
    let err = network.execute(command).expect_err("the command should be rejected");
    assert_eq!(err.code(), code, "unexpected error: {err}");
    assert_eq!(checked, Err(err.clone()), "check and execute disagree");
    assert_eq!(network.state(), &state, "a rejected command changed the state");
    assert_eq!(network.journal().len(), journal_len, "a rejected command was journalled");
    assert_eq!(network, &before, "a rejected command changed the network");
    err
}

/// A network founded by `alice`, an association and steward.
fn founded(settings: NetworkSettings) -> Network {
    let mut network = Network::new();
    accept(
        &mut network,
        cmd(
            "alice",
            founding_day(),
            Action::FoundNetwork { settings, founders: vec![steward_actor("alice", ActorKind::Association)] },
        ),
    );
    network
}

fn two_tier() -> Network {
    founded(NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"))
}

fn all_in_one() -> Network {
    founded(NetworkSettings::all_in_one("La Compagnie des Tiers-Lieux"))
}

/// The actor registers itself as a supporter.
fn register(network: &mut Network, raw: &str, kind: ActorKind, on: NaiveDate) {
    accept(network, cmd(raw, on, Action::RegisterActor { actor: actor(raw, kind) }));
}

fn provider_terms() -> ContractTerms {
    ContractTerms {
        needs: vec![Choice::item("team_up"), Choice::item("peer_mentoring")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("revenue_share_5pct")],
        place: "Lille".into(),
        signatory: "Paul".into(),
    }
}

fn citizen_terms() -> ContractTerms {
    ContractTerms {
        needs: vec![Choice::item("take_part_events")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("volunteering")],
        place: "Roubaix".into(),
        signatory: "Cécile".into(),
    }
}

fn propose(network: &mut Network, by: &str, contract: &str, terms: ContractTerms, on: NaiveDate) {
    accept(network, cmd(by, on, Action::ProposeContract { contract: cid(contract), terms }));
}

fn validate(network: &mut Network, contract: &str, on: NaiveDate) {
    accept(network, cmd("alice", on, Action::ValidateContract { contract: cid(contract) }));
}

fn sign(network: &mut Network, by: &str, version: u32, on: NaiveDate) {
    accept(network, cmd(by, on, Action::SignCharter { version }));
}

/// A two-tier network where provider `paul` holds the active contract `c-paul`
/// and has signed charter version 1, and citizen `cecile` is a mere supporter.
fn with_member_provider() -> Network {
    let mut network = two_tier();
    register(&mut network, "paul", ActorKind::Provider, d(2020, 1, 10));
    register(&mut network, "cecile", ActorKind::Citizen, d(2020, 1, 10));
    propose(&mut network, "paul", "c-paul", provider_terms(), d(2020, 1, 12));
    validate(&mut network, "c-paul", d(2020, 1, 20));
    sign(&mut network, "paul", 1, d(2020, 1, 21));
    network
}

fn outside_client() -> Client {
    Client::Outside { name: "Mairie de Fives".into(), kind: ActorKind::LocalAuthority }
}

fn report(by: &str, on: NaiveDate, mission: &str, occurred_on: NaiveDate, step: MissionStep) -> Command {
    cmd(by, on, Action::ReportMission { mission: mid(mission), occurred_on, step, update: MissionUpdate::default() })
}

fn solicited() -> MissionStep {
    MissionStep::Solicited {
        client: outside_client(),
        lead_origin: LeadOrigin::NetworkEvent,
        title: "Programmation d'un tiers-lieu".into(),
    }
}

fn won(cents: i64) -> MissionStep {
    MissionStep::Won { revenue: Money::from_cents(cents) }
}

/// Mission `m1` of `paul`, reported up to `status` (solicited on 2020-02-01,
/// each later step one day after the previous one).
fn with_mission(status: MissionStatus) -> Network {
    let mut network = with_member_provider();
    let steps: Vec<MissionStep> = vec![
        solicited(),
        MissionStep::Proposed,
        won(1_200_000),
        MissionStep::Started,
        MissionStep::Progress { note: "atelier de préfiguration".into() },
        MissionStep::Completed,
    ];
    for (day, step) in (1u32..).zip(steps) {
        let target = step.target();
        accept(&mut network, report("paul", d(2020, 2, day), "m1", d(2020, 2, day), step));
        if target == status && network.mission(&mid("m1")).unwrap().status == status {
            break;
        }
    }
    assert_eq!(network.mission(&mid("m1")).unwrap().status, status);
    network
}

fn charter_v2(network: &Network, published_on: NaiveDate) -> CharterText {
    let mut text = network.charter().unwrap().clone();
    text.version += 1;
    text.published_on = published_on;
    text.engagements[4].en = "I attend at least twice a year a meeting on the quality of support.".into();
    text
}

/// The journal as JSON values, header first.
fn journal_values(network: &Network) -> Vec<Value> {
    network.journal_jsonl().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn jsonl(values: &[Value]) -> String {
    values.iter().map(|v| format!("{v}\n")).collect()
}

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
    let journal = network.journal_jsonl().replace("\"EUR\"", "\"USD\"");
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
    for version in [Value::from(2), Value::from(0), Value::from("1"), Value::Null] {
        let mut values = journal_values(&network);
        values[0]["schema_version"] = version.clone();
        let err = Network::replay(&jsonl(&values)).unwrap_err();
        assert_eq!(err.code(), "journal.schema.unknown", "{version}");
    }
    assert_eq!(SCHEMA_VERSION, 1);
    let mut snapshot: Value = serde_json::from_str(&network.snapshot_json()).unwrap();
    snapshot["schema_version"] = Value::from(2);
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
    let after = write_journal(&network.journal()[already..]);

    let resumed = Network::resume(&snapshot, &after).unwrap();
    assert_eq!(resumed.state(), network.state());
    assert_eq!(resumed.journal(), &network.journal()[already..]);
    assert_eq!(resumed.state().last_seq, network.state().last_seq);

    // The resumed network goes on numbering its events.
    let mut resumed = resumed;
    let event = accept(&mut resumed, report("paul", d(2020, 3, 6), "m1", d(2020, 3, 6), MissionStep::Proposed));
    assert_eq!(event.seq, network.state().last_seq + 1);

    // A network loaded from the snapshot writes the same continuation.
    let mut loaded = Network::from_snapshot_json(&snapshot).unwrap();
    for event in &network.journal()[already..] {
        accept(&mut loaded, Command::new(&event.by, event.on, event.action.clone()));
    }
    assert_eq!(loaded.journal_jsonl(), after);

    // The whole journal cannot be resumed on top of the snapshot: its numbers restart at 1.
    let err = Network::resume(&snapshot, &network.journal_jsonl()).unwrap_err();
    assert_eq!(err.code(), "journal.sequence.invalid");
    // Nor can a continuation that skips an event.
    let gap = write_journal(&network.journal()[already + 1..]);
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
