//! One test per authorisation rule (`core/src/network/authority.rs`): who
//! may act for the network, on whose case, in which state. The full matrix
//! (every action × every issuer state) is `tests/vectors/commands/`, run by
//! `command_vectors.rs` and the Python and Kotlin suites.
//!
//! Every refusal goes through [`reject`], which checks the code and that the
//! network is exactly as before.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::negotiation::Payment;
use coopetition::network::Capacity;
use coopetition::prelude::*;

fn id(raw: &str) -> ActorId {
    ActorId::new(raw).unwrap()
}

fn cid(raw: &str) -> ContractId {
    ContractId::new(raw).unwrap()
}

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    date(year, month, day).unwrap()
}

fn cmd(by: &str, on: NaiveDate, action: Action) -> Command {
    Command::new(&id(by), on, action)
}

fn actor(raw: &str, kind: ActorKind, level: InvolvementLevel) -> Actor {
    Actor { level, ..Actor::new(id(raw), kind, raw.to_uppercase(), true).unwrap() }
}

fn accept(network: &mut Network, command: Command) {
    let label = command.action.label();
    if let Err(e) = network.execute(command) {
        panic!("`{label}` was rejected: {} ({e})", e.code());
    }
}

fn reject(network: &mut Network, command: Command, code: &str) -> Error {
    assert!(Error::CODES.contains(&code), "`{code}` is not a published code");
    let before = network.clone();
    let err = network.execute(command).expect_err("the command should be rejected");
    assert_eq!(err.code(), code, "unexpected error: {err}");
    assert_eq!(network, &before, "a refused command changed the network");
    err
}

fn terms(signatory: &str) -> ContractTerms {
    ContractTerms {
        needs: vec![Choice::item("take_part_events")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("volunteering")],
        place: "Roubaix".into(),
        signatory: signatory.into(),
    }
}

fn decision(reason: &str, on: NaiveDate) -> Decision {
    Decision::new(reason, on, DecisionVenue::CoordinationMeeting)
}

fn payment(member: &str, on: NaiveDate) -> Action {
    Action::RecordPayment {
        payment: Payment { member: id(member), amount: Money::from_cents(2_000), on, reference: String::new() },
    }
}

/// Founders alice and fred (stewards); citizens bob and rita hold active
/// contracts and are named stewards on 2020-02-01; paul is a plain member.
fn network() -> Network {
    let mut n = Network::new();
    let founders = vec![
        actor("alice", ActorKind::Association, InvolvementLevel::Steward),
        actor("fred", ActorKind::Citizen, InvolvementLevel::Steward),
    ];
    accept(
        &mut n,
        cmd("alice", d(2020, 1, 6), Action::FoundNetwork { settings: NetworkSettings::two_tier("Réseau"), founders }),
    );
    for who in ["bob", "rita", "paul", "cecile"] {
        let a = actor(who, ActorKind::Citizen, InvolvementLevel::Supporter);
        accept(&mut n, cmd(who, d(2020, 1, 10), Action::RegisterActor { actor: a }));
        let contract = cid(&format!("c-{who}"));
        accept(&mut n, cmd(who, d(2020, 1, 10), Action::ProposeContract { contract, terms: terms(who) }));
    }
    for who in ["bob", "rita", "paul"] {
        accept(&mut n, cmd("alice", d(2020, 1, 20), Action::ValidateContract { contract: cid(&format!("c-{who}")) }));
    }
    for who in ["bob", "rita"] {
        let action = Action::ChangeLevel { actor: id(who), level: InvolvementLevel::Steward, reason: "élu".into() };
        accept(&mut n, cmd("alice", d(2020, 2, 1), action));
    }
    n
}

fn exclude_by_decision(n: &mut Network, member: &str) {
    let notify = Action::NotifyHearing { member: id(member), grounds: "manquements".into() };
    accept(n, cmd("alice", d(2020, 3, 1), notify));
    let decide = Action::DecideStanding {
        member: id(member),
        standing: Standing::Excluded,
        decision: decision("manquements", d(2020, 3, 20)),
    };
    accept(n, cmd("alice", d(2020, 3, 20), decide));
}

fn suspend(n: &mut Network, member: &str) {
    let decide = Action::DecideStanding {
        member: id(member),
        standing: Standing::Suspended,
        decision: decision("rapports manquants", d(2020, 3, 1)),
    };
    accept(n, cmd("alice", d(2020, 3, 1), decide));
}

#[test]
fn an_excluded_founder_is_no_member_and_no_steward() {
    let mut n = network();
    exclude_by_decision(&mut n, "fred");
    assert!(!n.is_member(&id("fred")), "an excluded founder is no member");
    assert_eq!(n.capacity(&id("fred")), Capacity::Excluded);
    let on = d(2020, 4, 1);
    reject(&mut n, cmd("fred", on, Action::ValidateContract { contract: cid("c-cecile") }), "standing.member.excluded");
    reject(&mut n, cmd("fred", on, payment("paul", on)), "standing.member.excluded");
    let notify = Action::NotifyHearing { member: id("paul"), grounds: "x".into() };
    reject(&mut n, cmd("fred", on, notify), "standing.member.excluded");
    // Reinstated by another steward, the founder is a member and a steward again.
    let back = Action::DecideStanding {
        member: id("fred"),
        standing: Standing::GoodStanding,
        decision: decision("repris", on),
    };
    accept(&mut n, cmd("bob", on, back));
    assert!(n.is_member(&id("fred")));
    assert_eq!(n.capacity(&id("fred")), Capacity::Steward);
}

#[test]
fn a_suspended_steward_has_no_steward_power() {
    let mut n = network();
    suspend(&mut n, "bob");
    assert!(n.is_member(&id("bob")), "a suspended member stays a member");
    assert_eq!(n.capacity(&id("bob")), Capacity::Suspended);
    let on = d(2020, 4, 1);
    reject(&mut n, cmd("bob", on, Action::ValidateContract { contract: cid("c-cecile") }), "auth.steward.suspended");
    // Against the steward who suspended him.
    let notify = Action::NotifyHearing { member: id("alice"), grounds: "décision injuste".into() };
    reject(&mut n, cmd("bob", on, notify), "auth.steward.suspended");
    let reinstate = Action::DecideStanding {
        member: id("bob"),
        standing: Standing::GoodStanding,
        decision: decision("rapports repris", on),
    };
    reject(&mut n, cmd("bob", on, reinstate.clone()), "auth.steward.suspended");
    accept(&mut n, cmd("alice", on, reinstate));
    accept(&mut n, cmd("bob", on, Action::ValidateContract { contract: cid("c-cecile") }));
}

#[test]
fn a_suspended_member_acts_on_its_own_case() {
    let mut n = network();
    suspend(&mut n, "bob");
    let on = d(2020, 4, 1);
    accept(&mut n, cmd("alice", on, Action::NotifyHearing { member: id("bob"), grounds: "rapports".into() }));
    accept(&mut n, cmd("bob", on, Action::AnswerHearing { member: id("bob"), answer: "je reprends".into() }));
    accept(&mut n, cmd("bob", on, Action::SetPublicListing { actor: id("bob"), public_listing: false }));
    let note = Action::DiscussContract { contract: cid("c-cecile"), note: "bienvenue".into() };
    reject(&mut n, cmd("bob", on, note), "auth.steward.suspended");
    accept(&mut n, cmd("bob", on, Action::Resign { contract: cid("c-bob") }));
}

#[test]
fn a_steward_does_not_act_on_their_own_case() {
    let mut n = network();
    let on = d(2020, 4, 1);
    accept(&mut n, cmd("bob", on, Action::ProposeAmendment { contract: cid("c-bob"), terms: terms("Bob B.") }));
    let own = Action::ValidateContract { contract: cid("c-bob") };
    let err = reject(&mut n, cmd("bob", on, own.clone()), "auth.own_case.refused");
    assert!(err.to_string().contains("validate a contract"), "{err}");
    let decline = Action::DeclineContract { contract: cid("c-bob"), reason: "non".into() };
    reject(&mut n, cmd("bob", on, decline), "auth.own_case.refused");
    reject(&mut n, cmd("bob", on, payment("bob", on)), "auth.own_case.refused");
    let attend = Action::RecordAttendance { member: id("bob"), year: 2020, meeting: String::new() };
    reject(&mut n, cmd("bob", on, attend), "auth.own_case.refused");
    let level = Action::ChangeLevel { actor: id("bob"), level: InvolvementLevel::Contributor, reason: "x".into() };
    reject(&mut n, cmd("bob", on, level), "auth.own_case.refused");
    // Another steward may.
    accept(&mut n, cmd("alice", on, own));
    accept(&mut n, cmd("alice", on, payment("bob", on)));
}

#[test]
fn a_single_steward_is_refused_their_own_case_too() {
    let mut n = Network::new();
    let founders = vec![actor("alice", ActorKind::Association, InvolvementLevel::Steward)];
    accept(
        &mut n,
        cmd("alice", d(2020, 1, 6), Action::FoundNetwork { settings: NetworkSettings::two_tier("R"), founders }),
    );
    let on = d(2020, 2, 1);
    reject(&mut n, cmd("alice", on, payment("alice", on)), "auth.own_case.refused");
}

#[test]
fn the_last_steward_cannot_resign() {
    let mut n = network();
    let on = d(2020, 4, 1);
    // bob demotes alice and fred; rita resigns: bob is the last acting steward.
    for who in ["alice", "fred"] {
        let a = Action::ChangeLevel { actor: id(who), level: InvolvementLevel::Contributor, reason: "relais".into() };
        accept(&mut n, cmd("bob", on, a));
    }
    accept(&mut n, cmd("rita", on, Action::Resign { contract: cid("c-rita") }));
    assert_eq!(n.acting_stewards(), vec![&id("bob")]);
    let err = reject(&mut n, cmd("bob", on, Action::Resign { contract: cid("c-bob") }), "actor.level.last_steward");
    assert!(err.to_string().contains("bob"));
    // Once another steward is named, bob may leave.
    let name = Action::ChangeLevel { actor: id("paul"), level: InvolvementLevel::Steward, reason: "élu".into() };
    accept(&mut n, cmd("bob", on, name));
    accept(&mut n, cmd("bob", on, Action::Resign { contract: cid("c-bob") }));
}

#[test]
fn a_resigned_steward_has_no_steward_power() {
    let mut n = network();
    let on = d(2020, 4, 1);
    accept(&mut n, cmd("rita", on, Action::Resign { contract: cid("c-rita") }));
    assert_eq!(n.capacity(&id("rita")), Capacity::Outsider);
    reject(&mut n, cmd("rita", on, Action::ValidateContract { contract: cid("c-cecile") }), "auth.steward.required");
}
