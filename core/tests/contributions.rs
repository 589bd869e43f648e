#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Contributions in kind, donations and the ledger.
//!
//! The network is built through commands only. Every rejected command goes
//! through [`reject`], which checks its code and that the state, the journal
//! and the whole network are exactly as before. Every ledger figure is worked
//! out by hand in the test that checks it.

use chrono::NaiveDate;
use coopetition::fiscal_year::FiscalYearStart;
use coopetition::ledger::{annual_statement, member_year, network_year, MemberLedger, Settlement};
use coopetition::mission::Resource;
use coopetition::negotiation::{Agreement, Delivery, DeliveryUnit, Donation, Payment};
use coopetition::policy::{
    AssessmentStatus, ContributionPolicy, FlatRate, GuideRate, MissionFacts, Negotiated, Parameters, Provenance,
    SelfAssessed,
};
use coopetition::prelude::*;

// ---- helpers ------------------------------------------------------------------------

const NAME: &str = "La Compagnie des Tiers-Lieux";

fn id(raw: &str) -> ActorId {
    ActorId::new(raw).unwrap()
}

fn mid(raw: &str) -> MissionId {
    MissionId::new(raw).unwrap()
}

fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    date(year, month, day).unwrap()
}

fn eur(text: &str) -> Money {
    Money::parse_eur(text).unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn cmd(by: &str, on: NaiveDate, action: Action) -> Command {
    Command::new(&id(by), on, action)
}

fn accept(network: &mut Network, command: Command) {
    let label = command.action.label();
    if let Err(e) = network.execute(command) {
        panic!("`{label}` was rejected: {} ({e})", e.code());
    }
}

/// Executes a command that must be rejected with `code`, and checks that it
/// changed nothing.
fn reject(network: &mut Network, command: Command, code: &str) -> Error {
    assert!(Error::CODES.contains(&code), "`{code}` is not a published code");
    let before = network.clone();
    let state = network.state().clone();
    let journal = network.journal().len();
    let err = network.execute(command).expect_err("the command should be rejected");
    assert_eq!(err.code(), code, "unexpected error: {err}");
    assert_eq!(network.state(), &state, "a rejected command changed the state");
    assert_eq!(network.journal().len(), journal, "a rejected command was journalled");
    assert_eq!(network, &before, "a rejected command changed the network");
    err
}

fn actor(raw: &str, kind: ActorKind, level: InvolvementLevel) -> Actor {
    Actor { level, ..Actor::new(id(raw), kind, raw.to_uppercase(), true).unwrap() }
}

fn terms(contributions: &[&str]) -> ContractTerms {
    ContractTerms {
        needs: vec![Choice::item("peer_mentoring")],
        extra_engagements: vec![],
        contributions: contributions.iter().map(|c| Choice::item(*c)).collect(),
        place: "Lille".into(),
        signatory: "Paul".into(),
    }
}

/// A network founded by steward `alice`, with steward `sam` (registered by
/// alice; an association whose contract chooses `workstream`), provider `paul` (contract: `revenue_share_5pct` + `workstream`),
/// provider `peter` (contract: `revenue_share_5pct` only) and citizen
/// `cecile`, a supporter without a contract.
fn network() -> Network {
    let mut n = Network::new();
    let alice = actor("alice", ActorKind::Association, InvolvementLevel::Steward);
    accept(
        &mut n,
        cmd(
            "alice",
            d(2020, 1, 6),
            Action::FoundNetwork { settings: NetworkSettings::two_tier(NAME), founders: vec![alice] },
        ),
    );
    let sam = actor("sam", ActorKind::Association, InvolvementLevel::Steward);
    accept(&mut n, cmd("alice", d(2020, 1, 7), Action::RegisterActor { actor: sam }));
    join(&mut n, "sam", &["workstream"], d(2020, 1, 7), "alice", d(2020, 1, 8));
    for (raw, kind) in [("paul", ActorKind::Provider), ("peter", ActorKind::Provider), ("cecile", ActorKind::Citizen)] {
        let a = actor(raw, kind, InvolvementLevel::Supporter);
        accept(&mut n, cmd(raw, d(2020, 1, 10), Action::RegisterActor { actor: a }));
    }
    for (raw, contributions) in
        [("paul", &["revenue_share_5pct", "workstream"][..]), ("peter", &["revenue_share_5pct"])]
    {
        join(&mut n, raw, contributions, d(2020, 1, 12), "sam", d(2020, 1, 20));
    }
    n
}

/// `member` proposes a contract with these contributions; `steward` validates it.
fn join(n: &mut Network, member: &str, contributions: &[&str], on: NaiveDate, steward: &str, validated_on: NaiveDate) {
    let contract = ContractId::new(format!("c-{member}")).unwrap();
    accept(n, cmd(member, on, Action::ProposeContract { contract: contract.clone(), terms: terms(contributions) }));
    accept(n, cmd(steward, validated_on, Action::ValidateContract { contract }));
}

fn report(n: &mut Network, by: &str, mission: &str, on: NaiveDate, step: MissionStep, update: MissionUpdate) {
    accept(n, cmd(by, on, Action::ReportMission { mission: mid(mission), occurred_on: on, step, update }));
}

/// `by` reports mission `mission` solicited, proposed and won on `won_on` for `revenue`.
fn win(n: &mut Network, by: &str, mission: &str, won_on: NaiveDate, revenue: &str) {
    win_with(n, by, mission, won_on, revenue, MissionUpdate::default());
}

fn win_with(n: &mut Network, by: &str, mission: &str, won_on: NaiveDate, revenue: &str, update: MissionUpdate) {
    propose_mission(n, by, mission, won_on);
    report(n, by, mission, won_on, MissionStep::Won { revenue: eur(revenue) }, update);
}

/// `by` reports mission `mission` solicited and proposed on `on` (not won).
fn propose_mission(n: &mut Network, by: &str, mission: &str, on: NaiveDate) {
    let solicited = MissionStep::Solicited {
        client: Client::Outside { name: "Mairie de Fives".into(), kind: ActorKind::LocalAuthority },
        lead_origin: LeadOrigin::OwnNetwork,
        title: format!("Programmation du tiers-lieu {mission}"),
    };
    report(n, by, mission, on, solicited, MissionUpdate::default());
    report(n, by, mission, on, MissionStep::Proposed, MissionUpdate::default());
}

fn declare(by: &str, on: NaiveDate, mission: &str, amount: &str) -> Command {
    cmd(by, on, Action::DeclareContribution { mission: mid(mission), amount: eur(amount) })
}

fn offer(by: &str, on: NaiveDate, mission: &str, amount: &str) -> Command {
    cmd(by, on, Action::OfferContribution { mission: mid(mission), amount: eur(amount) })
}

fn agree(by: &str, on: NaiveDate, mission: &str) -> Command {
    cmd(by, on, Action::AcceptOffer { mission: mid(mission) })
}

fn stalemate(by: &str, on: NaiveDate, mission: &str) -> Command {
    cmd(by, on, Action::DeclareStalemate { mission: mid(mission) })
}

fn reopen(by: &str, on: NaiveDate, mission: &str) -> Command {
    cmd(by, on, Action::ReopenNegotiation { mission: mid(mission) })
}

fn payment(by: &str, member: &str, on: NaiveDate, amount: &str) -> Command {
    let payment = Payment { member: id(member), amount: eur(amount), on, reference: format!("virement {on}") };
    cmd(by, on, Action::RecordPayment { payment })
}

fn donation(by: &str, member: &str, on: NaiveDate, amount: &str, mission: Option<&str>) -> Command {
    let donation = Donation { member: id(member), amount: eur(amount), on, mission: mission.map(mid) };
    cmd(by, on, Action::RecordDonation { donation })
}

fn delivery(by: &str, member: &str, on: NaiveDate, contribution: &str, unit: DeliveryUnit, quantity: &str) -> Command {
    let delivery = Delivery {
        member: id(member),
        contribution: contribution.into(),
        unit,
        quantity: dec(quantity),
        on,
        note: "animation du chantier cartographie".into(),
    };
    cmd(by, on, Action::RecordDelivery { delivery })
}

fn assess(n: &Network, policy: &dyn ContributionPolicy, mission: &str) -> coopetition::policy::Assessment {
    let facts = MissionFacts::from_network(n, &mid(mission)).unwrap();
    policy.evaluate(&facts, Parameters::shipped()).unwrap()
}

fn ledger(n: &Network, member: &str, year: i32, policy: &dyn ContributionPolicy, params: &Parameters) -> MemberLedger {
    member_year(n, &id(member), year, policy, params).unwrap()
}

/// The valuation shipped, with `max_offset_share` set, loaded from JSON.
fn params_with_share(share: &str) -> Parameters {
    Parameters::load(&format!(
        r#"{{"in_kind": [{{"from": "2020-01-01", "value": {{
            "per_hour": {{"amount": "35.00", "currency": "EUR"}},
            "per_event": {{"amount": "150.00", "currency": "EUR"}},
            "per_project_holder": {{"amount": "50.00", "currency": "EUR"}},
            "max_offset_share": "{share}"}}}}]}}"#
    ))
    .unwrap()
}

/// Paul's 2021: mission `m1` won on 2021-03-01 for 12 000.00, 10 h of
/// workstream delivered on 2021-04-01, 200.00 paid on 2021-06-01.
fn paul_2021() -> Network {
    let mut n = network();
    win(&mut n, "paul", "m1", d(2021, 3, 1), "12000.00");
    accept(&mut n, delivery("paul", "paul", d(2021, 4, 1), "workstream", DeliveryUnit::Hours, "10"));
    accept(&mut n, payment("sam", "paul", d(2021, 6, 1), "200.00"));
    n
}

// ---- declarations --------------------------------------------------------------------

#[test]
fn declarations_are_checked() {
    let mut n = network();
    win(&mut n, "paul", "m1", d(2021, 3, 1), "12000.00");
    propose_mission(&mut n, "paul", "m2", d(2021, 3, 1));
    let policy = SelfAssessed::default();
    assert_eq!(assess(&n, &policy, "m1").status, AssessmentStatus::Undeclared);

    reject(&mut n, declare("paul", d(2021, 3, 2), "m1", "12000.01"), "policy.declaration.out_of_range");
    reject(&mut n, declare("paul", d(2021, 3, 2), "m1", "-1.00"), "policy.declaration.out_of_range");
    reject(&mut n, declare("peter", d(2021, 3, 2), "m1", "500.00"), "auth.owner.required");
    reject(&mut n, declare("sam", d(2021, 3, 2), "m1", "500.00"), "auth.owner.required");
    reject(&mut n, declare("paul", d(2021, 3, 2), "m2", "500.00"), "policy.mission.not_won");
    reject(&mut n, declare("paul", d(2021, 2, 28), "m1", "500.00"), "date.order.invalid");
    reject(&mut n, declare("paul", d(2021, 3, 2), "nope", "500.00"), "mission.id.unknown");

    accept(&mut n, declare("paul", d(2021, 3, 2), "m1", "500.00"));
    assert_eq!(n.state().declarations[&mid("m1")].amount, eur("500.00"));
    let a = assess(&n, &policy, "m1");
    assert_eq!(
        (a.status, a.amount, a.provenance),
        (AssessmentStatus::Priced, Some(eur("500.00")), Provenance::Declared)
    );

    // The whole revenue is in range; a later declaration replaces the earlier one.
    accept(&mut n, declare("paul", d(2021, 3, 3), "m1", "12000.00"));
    assert_eq!(assess(&n, &policy, "m1").amount, Some(eur("12000.00")));
}

// ---- negotiations --------------------------------------------------------------------

#[test]
fn offer_counter_offer_and_acceptance_agree() {
    let mut n = network();
    win(&mut n, "paul", "m1", d(2021, 3, 1), "12000.00");
    let policy = Negotiated::default();
    let a = assess(&n, &policy, "m1");
    assert_eq!((a.status, a.amount), (AssessmentStatus::Pending, None), "not opened: pending, not zero");

    // Offers by non-parties: another provider, a citizen who is not a steward.
    reject(&mut n, offer("peter", d(2021, 3, 5), "m1", "400.00"), "negotiation.party.invalid");
    reject(&mut n, offer("cecile", d(2021, 3, 5), "m1", "400.00"), "negotiation.party.invalid");
    reject(&mut n, offer("paul", d(2021, 3, 5), "m1", "12000.01"), "policy.declaration.out_of_range");
    reject(&mut n, agree("sam", d(2021, 3, 5), "m1"), "negotiation.state.invalid");

    accept(&mut n, offer("paul", d(2021, 3, 5), "m1", "400.00"));
    assert_eq!(assess(&n, &policy, "m1").status, AssessmentStatus::Pending);
    reject(&mut n, agree("paul", d(2021, 3, 6), "m1"), "negotiation.party.invalid");

    accept(&mut n, offer("sam", d(2021, 3, 10), "m1", "700.00"));
    assert_eq!(assess(&n, &policy, "m1").status, AssessmentStatus::Pending);
    // Both stewards speak for the network: neither may accept the network's offer.
    reject(&mut n, agree("sam", d(2021, 3, 12), "m1"), "negotiation.party.invalid");
    reject(&mut n, agree("alice", d(2021, 3, 12), "m1"), "negotiation.party.invalid");
    reject(&mut n, agree("peter", d(2021, 3, 12), "m1"), "negotiation.party.invalid");
    reject(&mut n, agree("paul", d(2021, 3, 9), "m1"), "date.order.invalid");

    accept(&mut n, agree("paul", d(2021, 3, 12), "m1"));
    let neg = &n.state().negotiations[&mid("m1")];
    assert_eq!(neg.agreed, Some(Agreement { amount: eur("700.00"), on: d(2021, 3, 12) }));
    // Snapshots written before the agreement was a record hold it as the pair
    // `[amount, date]`: it is still written and read so.
    let pair = serde_json::json!([{"amount": "700.00", "currency": "EUR"}, "2021-03-12"]);
    assert_eq!(serde_json::to_value(neg).unwrap()["agreed"], pair);
    assert_eq!(serde_json::from_value::<Agreement>(pair).unwrap(), neg.agreed.unwrap());
    assert_eq!(neg.offers.len(), 2);
    let a = assess(&n, &policy, "m1");
    assert_eq!(
        (a.status, a.amount, a.provenance),
        (AssessmentStatus::Priced, Some(eur("700.00")), Provenance::Negotiated)
    );

    reject(&mut n, offer("sam", d(2021, 3, 13), "m1", "800.00"), "negotiation.state.invalid");
    reject(&mut n, stalemate("sam", d(2021, 3, 13), "m1"), "negotiation.state.invalid");
    reject(&mut n, reopen("paul", d(2021, 3, 13), "m1"), "negotiation.state.invalid");
}

#[test]
fn a_stalemate_must_be_reopened_before_agreement() {
    let mut n = network();
    win(&mut n, "paul", "m1", d(2021, 3, 1), "12000.00");
    let policy = Negotiated::default();
    reject(&mut n, reopen("paul", d(2021, 3, 2), "m1"), "negotiation.state.invalid");
    accept(&mut n, offer("paul", d(2021, 3, 5), "m1", "300.00"));
    reject(&mut n, stalemate("peter", d(2021, 3, 20), "m1"), "negotiation.party.invalid");
    accept(&mut n, stalemate("sam", d(2021, 3, 20), "m1"));
    assert_eq!(assess(&n, &policy, "m1").status, AssessmentStatus::Stalemate);

    reject(&mut n, agree("sam", d(2021, 3, 21), "m1"), "negotiation.state.invalid");
    reject(&mut n, offer("sam", d(2021, 3, 21), "m1", "500.00"), "negotiation.state.invalid");
    reject(&mut n, stalemate("paul", d(2021, 3, 21), "m1"), "negotiation.state.invalid");
    reject(&mut n, reopen("peter", d(2021, 3, 25), "m1"), "negotiation.party.invalid");
    reject(&mut n, reopen("paul", d(2021, 3, 19), "m1"), "date.order.invalid");

    accept(&mut n, reopen("paul", d(2021, 3, 25), "m1"));
    assert_eq!(assess(&n, &policy, "m1").status, AssessmentStatus::Pending);
    // An agreement cannot be dated before the stalemate it follows.
    reject(&mut n, agree("sam", d(2021, 3, 15), "m1"), "date.order.invalid");
    reject(&mut n, offer("sam", d(2021, 3, 15), "m1", "500.00"), "date.order.invalid");
    accept(&mut n, agree("sam", d(2021, 3, 26), "m1"));
    let a = assess(&n, &policy, "m1");
    assert_eq!((a.status, a.amount), (AssessmentStatus::Priced, Some(eur("300.00"))));
}

// ---- payments, donations, deliveries --------------------------------------------------

#[test]
fn payments_and_donations_are_recorded_by_stewards() {
    let mut n = network();
    win(&mut n, "paul", "m1", d(2021, 3, 1), "12000.00");
    for code_and_cmd in [
        ("auth.steward.required", payment("paul", "paul", d(2021, 4, 1), "100.00")),
        ("auth.steward.required", payment("cecile", "paul", d(2021, 4, 1), "100.00")),
        ("input.parse.invalid", payment("sam", "paul", d(2021, 4, 1), "0.00")),
        ("money.amount.negative", payment("sam", "paul", d(2021, 4, 1), "-100.00")),
        ("actor.id.unknown", payment("sam", "nobody", d(2021, 4, 1), "100.00")),
        ("auth.steward.required", donation("paul", "paul", d(2021, 4, 1), "50.00", None)),
        ("auth.steward.required", donation("peter", "paul", d(2021, 4, 1), "50.00", Some("m1"))),
        ("input.parse.invalid", donation("sam", "paul", d(2021, 4, 1), "0", None)),
        ("money.amount.negative", donation("sam", "paul", d(2021, 4, 1), "-50.00", None)),
        ("mission.id.unknown", donation("sam", "paul", d(2021, 4, 1), "50.00", Some("nope"))),
        // m1 is paul's mission: cecile's donation cannot be tied to it.
        ("auth.owner.required", donation("sam", "cecile", d(2021, 4, 1), "50.00", Some("m1"))),
    ] {
        let (code, command) = code_and_cmd;
        reject(&mut n, command, code);
    }
    // Recorded before it was received.
    let mut late = payment("sam", "paul", d(2021, 4, 2), "100.00");
    late.on = d(2021, 4, 1);
    reject(&mut n, late, "date.order.invalid");

    accept(&mut n, payment("sam", "paul", d(2021, 4, 1), "100.00"));
    accept(&mut n, payment("alice", "paul", d(2021, 5, 1), "0.01"));
    accept(&mut n, donation("sam", "paul", d(2021, 4, 1), "50.00", Some("m1")));
    accept(&mut n, donation("sam", "cecile", d(2021, 4, 2), "20.00", None));
    assert_eq!(n.state().payments.len(), 2);
    assert_eq!(n.state().donations.len(), 2);
    // The mission's donation is beside the amount due, never in it.
    let a = assess(&n, &FlatRate, "m1");
    assert_eq!((a.amount, a.donations), (Some(eur("600.00")), eur("50.00")));
}

#[test]
fn only_chosen_in_kind_options_can_be_delivered() {
    let mut n = network();
    let hours = DeliveryUnit::Hours;
    reject(
        &mut n,
        delivery("paul", "paul", d(2021, 4, 1), "recurring_event", DeliveryUnit::Events, "1"),
        "ledger.delivery.not_chosen",
    );
    reject(
        &mut n,
        delivery("paul", "paul", d(2021, 4, 1), "revenue_share_5pct", hours, "10"),
        "ledger.delivery.not_chosen",
    );
    reject(
        &mut n,
        delivery("paul", "paul", d(2021, 4, 1), "no_such_option", hours, "10"),
        "ledger.delivery.not_chosen",
    );
    reject(&mut n, delivery("peter", "peter", d(2021, 4, 1), "workstream", hours, "10"), "ledger.delivery.not_chosen");
    reject(
        &mut n,
        delivery("cecile", "cecile", d(2021, 4, 1), "workstream", hours, "10"),
        "ledger.delivery.not_chosen",
    );
    reject(&mut n, delivery("peter", "paul", d(2021, 4, 1), "workstream", hours, "10"), "auth.steward.required");
    reject(&mut n, delivery("paul", "paul", d(2021, 4, 1), "workstream", hours, "0"), "input.parse.invalid");
    reject(&mut n, delivery("paul", "paul", d(2021, 4, 1), "workstream", hours, "-2"), "input.parse.invalid");
    let mut late = delivery("paul", "paul", d(2021, 4, 1), "workstream", hours, "2");
    late.on = d(2021, 3, 31);
    reject(&mut n, late, "date.order.invalid");

    accept(&mut n, delivery("paul", "paul", d(2021, 4, 1), "workstream", hours, "10"));
    accept(&mut n, delivery("sam", "paul", d(2021, 4, 8), "workstream", hours, "2.5"));
    assert_eq!(n.state().deliveries.len(), 2);
    assert_eq!(n.state().deliveries[1].quantity, dec("2.5"));
}

// ---- the ledger ------------------------------------------------------------------------

#[test]
fn a_delivery_is_judged_by_the_contract_version_in_force_on_its_day() {
    let mut n = network();
    let hours = DeliveryUnit::Hours;
    // paul's first version (validated 2020-01-20) chooses the workstream; an
    // amendment validated on 2021-06-01 drops it.
    let contract = ContractId::new("c-paul").unwrap();
    let amended = terms(&["revenue_share_5pct"]);
    accept(
        &mut n,
        cmd("paul", d(2021, 5, 20), Action::ProposeAmendment { contract: contract.clone(), terms: amended }),
    );
    accept(&mut n, cmd("sam", d(2021, 6, 1), Action::ValidateContract { contract }));
    // Ten hours delivered in May, recorded in June: chosen then, accepted now.
    let mut may = delivery("paul", "paul", d(2021, 6, 15), "workstream", hours, "10");
    if let Action::RecordDelivery { delivery } = &mut may.action {
        delivery.on = d(2021, 5, 10);
    }
    accept(&mut n, may);
    // Delivered after the amendment: no longer chosen.
    reject(&mut n, delivery("paul", "paul", d(2021, 6, 15), "workstream", hours, "2"), "ledger.delivery.not_chosen");
    // Before the first version was validated, nothing was chosen yet.
    let mut early = delivery("paul", "paul", d(2021, 6, 15), "workstream", hours, "2");
    if let Action::RecordDelivery { delivery } = &mut early.action {
        delivery.on = d(2020, 1, 15);
    }
    reject(&mut n, early, "ledger.delivery.not_chosen");
}

#[test]
fn ledger_worked_out_by_hand() {
    let mut n = paul_2021();
    // 5% of 12 000.00 = 600.00 due; 10 h × 35.00 = 350.00 in kind, all of it
    // offset (the shipped share is 1, cap 600.00); paid 200.00;
    // balance 600.00 − 350.00 − 200.00 = 50.00.
    let l = ledger(&n, "paul", 2021, &FlatRate, Parameters::shipped());
    assert_eq!(l.policy, "flat");
    assert_eq!(l.missions.len(), 1);
    assert_eq!(l.missions[0].amount, Some(eur("600.00")));
    assert_eq!(l.missions[0].revenue, eur("12000.00"));
    assert_eq!(l.due, eur("600.00"));
    assert!(l.unpriced.is_empty());
    assert_eq!(l.in_kind.len(), 1);
    assert_eq!(
        (l.in_kind[0].contribution.as_str(), l.in_kind[0].unit, l.in_kind[0].quantity, l.in_kind[0].value),
        ("workstream", DeliveryUnit::Hours, dec("10"), eur("350.00"))
    );
    assert_eq!(l.deliveries[0].unit_value, eur("35.00"));
    assert_eq!(l.in_kind_value, eur("350.00"));
    assert_eq!(l.policy_in_kind_credit, Money::ZERO);
    assert_eq!(l.max_offset_share, Some(Decimal::ONE));
    assert_eq!(l.offset_cap, eur("600.00"));
    assert_eq!(l.offset, eur("350.00"));
    assert_eq!(l.paid, eur("200.00"));
    assert_eq!(l.balance, eur("50.00"));
    assert_eq!(l.settlement(), Settlement::Owed);

    // max_offset_share 0.5: cap 0.5 × 600.00 = 300.00 < 350.00, so the offset
    // is 300.00 and the balance 600.00 − 300.00 − 200.00 = 100.00.
    let half = params_with_share("0.5");
    let l = ledger(&n, "paul", 2021, &FlatRate, &half);
    assert_eq!((l.max_offset_share, l.offset_cap, l.offset), (Some(dec("0.5")), eur("300.00"), eur("300.00")));
    assert_eq!(l.in_kind_value, eur("350.00"), "the value is recorded even beyond the cap");
    assert_eq!(l.balance, eur("100.00"));

    // Donations never change the balance.
    let before =
        (ledger(&n, "paul", 2021, &FlatRate, Parameters::shipped()), ledger(&n, "paul", 2021, &FlatRate, &half));
    accept(&mut n, donation("sam", "paul", d(2021, 7, 1), "80.00", Some("m1")));
    accept(&mut n, donation("sam", "paul", d(2021, 8, 1), "20.00", None));
    for (params, was) in [(Parameters::shipped(), &before.0), (&half, &before.1)] {
        let l = ledger(&n, "paul", 2021, &FlatRate, params);
        assert_eq!((l.donated, l.donations.len()), (eur("100.00"), 2));
        assert_eq!((l.due, l.offset, l.paid, l.balance), (was.due, was.offset, was.paid, was.balance));
    }

    // Paying 300.00 more overpays: 600.00 − 350.00 − 500.00 = −250.00.
    accept(&mut n, payment("sam", "paul", d(2021, 9, 1), "300.00"));
    let l = ledger(&n, "paul", 2021, &FlatRate, Parameters::shipped());
    assert_eq!((l.paid, l.balance, l.settlement()), (eur("500.00"), eur("-250.00"), Settlement::Overpaid));
    // A payment of 2022 does not count in 2021.
    accept(&mut n, payment("sam", "paul", d(2022, 1, 1), "250.00"));
    assert_eq!(ledger(&n, "paul", 2021, &FlatRate, Parameters::shipped()).balance, eur("-250.00"));
}

#[test]
fn each_delivery_is_valued_on_its_date_and_the_share_on_31_december() {
    let mut n = paul_2021();
    accept(&mut n, delivery("sam", "paul", d(2021, 9, 1), "workstream", DeliveryUnit::Hours, "5"));
    accept(&mut n, delivery("sam", "paul", d(2021, 9, 2), "workstream", DeliveryUnit::Hours, "0.25"));
    let money = |a: &str| format!(r#"{{"amount": "{a}", "currency": "EUR"}}"#);
    let params = Parameters::load(&format!(
        r#"{{"in_kind": [
            {{"from": "2020-01-01", "until": "2021-07-01", "value": {{"per_hour": {}, "per_event": {}, "per_project_holder": {}, "max_offset_share": "1"}}}},
            {{"from": "2021-07-01", "value": {{"per_hour": {}, "per_event": {}, "per_project_holder": {}, "max_offset_share": "0.25"}}}}
        ]}}"#,
        money("35.00"),
        money("150.00"),
        money("50.00"),
        money("40.00"),
        money("150.00"),
        money("50.00")
    ))
    .unwrap();
    // 10 h × 35.00 (April) + 5 h × 40.00 + 0.25 h × 40.00 (September)
    // = 350.00 + 200.00 + 10.00 = 560.00 for 15.25 h; the share in force on
    // 31 December is 0.25: cap 0.25 × 600.00 = 150.00; balance 600 − 150 − 200 = 250.00.
    let l = ledger(&n, "paul", 2021, &FlatRate, &params);
    let values: Vec<Money> = l.deliveries.iter().map(|v| v.value).collect();
    assert_eq!(values, [eur("350.00"), eur("200.00"), eur("10.00")]);
    assert_eq!((l.in_kind[0].quantity, l.in_kind_value), (dec("15.25"), eur("560.00")));
    assert_eq!((l.max_offset_share, l.offset_cap, l.offset), (Some(dec("0.25")), eur("150.00"), eur("150.00")));
    assert_eq!(l.balance, eur("250.00"));

    // Without a valuation in force on a delivery's date, the ledger says so.
    let late = Parameters::load(
        r#"{"in_kind": [{"from": "2021-06-01", "value": {"per_hour": {"amount": "35.00", "currency": "EUR"},
            "per_event": {"amount": "150.00", "currency": "EUR"},
            "per_project_holder": {"amount": "50.00", "currency": "EUR"}, "max_offset_share": "1"}}]}"#,
    )
    .unwrap();
    let err = member_year(&n, &id("paul"), 2021, &FlatRate, &late).unwrap_err();
    assert_eq!(err.code(), "policy.parameters.not_in_force");
}

#[test]
fn missions_count_in_the_year_they_were_won() {
    let mut n = network();
    win(&mut n, "paul", "m-dec", d(2021, 12, 31), "1000.00");
    win(&mut n, "paul", "m-jan", d(2022, 1, 1), "2000.00");
    accept(&mut n, delivery("paul", "paul", d(2021, 12, 31), "workstream", DeliveryUnit::Hours, "1"));
    accept(&mut n, delivery("paul", "paul", d(2022, 1, 1), "workstream", DeliveryUnit::Hours, "2"));
    let l21 = ledger(&n, "paul", 2021, &FlatRate, Parameters::shipped());
    let l22 = ledger(&n, "paul", 2022, &FlatRate, Parameters::shipped());
    assert_eq!(l21.missions.iter().map(|m| m.mission.as_str()).collect::<Vec<_>>(), ["m-dec"]);
    assert_eq!(l22.missions.iter().map(|m| m.mission.as_str()).collect::<Vec<_>>(), ["m-jan"]);
    // 5% of 1 000.00 = 50.00 less 1 h = 35.00; 5% of 2 000.00 = 100.00 less 2 h = 70.00.
    assert_eq!((l21.due, l21.in_kind_value, l21.balance), (eur("50.00"), eur("35.00"), eur("15.00")));
    assert_eq!((l22.due, l22.in_kind_value, l22.balance), (eur("100.00"), eur("70.00"), eur("30.00")));
    assert!(ledger(&n, "paul", 2020, &FlatRate, Parameters::shipped()).is_empty());

    // A mission cancelled after being won no longer counts.
    report(
        &mut n,
        "paul",
        "m-jan",
        d(2022, 2, 1),
        MissionStep::Cancelled { reason: "budget".into() },
        MissionUpdate::default(),
    );
    let l22 = ledger(&n, "paul", 2022, &FlatRate, Parameters::shipped());
    assert!(l22.missions.is_empty());
    assert_eq!((l22.due, l22.offset, l22.balance), (Money::ZERO, Money::ZERO, Money::ZERO));
}

#[test]
fn missions_the_policy_cannot_price_are_listed_never_zero() {
    let mut n = paul_2021();
    win(&mut n, "paul", "m2", d(2021, 5, 1), "4000.00");
    win(&mut n, "paul", "m3", d(2021, 6, 1), "8000.00");
    accept(&mut n, offer("paul", d(2021, 5, 2), "m2", "100.00"));
    accept(&mut n, offer("paul", d(2021, 6, 2), "m3", "100.00"));
    accept(&mut n, stalemate("sam", d(2021, 6, 3), "m3"));
    let policy = Negotiated::default();
    let l = ledger(&n, "paul", 2021, &policy, Parameters::shipped());
    assert_eq!(l.unpriced, [mid("m1"), mid("m2"), mid("m3")]);
    assert_eq!(l.unpriced_count(), 3);
    let statuses: Vec<_> = l.missions.iter().map(|m| (m.status, m.amount)).collect();
    assert_eq!(
        statuses,
        [(AssessmentStatus::Pending, None), (AssessmentStatus::Pending, None), (AssessmentStatus::Stalemate, None)]
    );
    // Nothing priced: nothing due, nothing to offset; the payment stands.
    assert_eq!(
        (l.due, l.offset, l.in_kind_value, l.balance),
        (Money::ZERO, Money::ZERO, eur("350.00"), eur("-200.00"))
    );

    accept(&mut n, agree("sam", d(2021, 5, 3), "m2"));
    let l = ledger(&n, "paul", 2021, &policy, Parameters::shipped());
    assert_eq!(l.unpriced, [mid("m1"), mid("m3")]);
    // 100.00 due, offset min(350.00, 100.00) = 100.00, paid 200.00: −200.00.
    assert_eq!((l.due, l.offset, l.balance), (eur("100.00"), eur("100.00"), eur("-200.00")));

    let l = ledger(&n, "paul", 2021, &SelfAssessed::default(), Parameters::shipped());
    assert_eq!(l.unpriced.len(), 3);
    assert!(l.missions.iter().all(|m| m.status == AssessmentStatus::Undeclared));
}

#[test]
fn the_policys_own_in_kind_credit_is_shown_not_offset_again() {
    let mut n = network();
    let sophie = actor("sophie", ActorKind::Provider, InvolvementLevel::Steward);
    accept(&mut n, cmd("alice", d(2020, 2, 1), Action::RegisterActor { actor: sophie }));
    join(&mut n, "sophie", &["revenue_share_5pct"], d(2020, 2, 1), "alice", d(2020, 2, 2));
    let update = MissionUpdate {
        resources_developed: vec![Resource {
            name: "Guide de programmation".into(),
            licence: Some("CC-BY-SA-4.0".into()),
            workstream: Some("ressources".into()),
        }],
        ..MissionUpdate::default()
    };
    win_with(&mut n, "sophie", "m-s", d(2021, 4, 1), "10000.00", update);
    // The guide's steward-workstream situation: 1% of 10 000.00 = 100.00 in
    // money, 4% = 400.00 recognised in kind, already out of the money due.
    let l = ledger(&n, "sophie", 2021, &GuideRate, Parameters::shipped());
    assert_eq!(l.missions[0].situation.as_deref(), Some("steward_workstream"));
    assert_eq!(
        l.missions[0].situation_title.as_ref().map(|t| t.en.as_str()),
        Some("Steward developing resources for a workstream")
    );
    assert_eq!((l.due, l.policy_in_kind_credit), (eur("100.00"), eur("400.00")));
    assert_eq!((l.in_kind_value, l.offset, l.balance), (Money::ZERO, Money::ZERO, eur("100.00")));
}

#[test]
fn the_network_ledger_has_one_line_per_member_with_anything() {
    let mut n = paul_2021();
    win(&mut n, "peter", "m-p", d(2021, 10, 1), "3000.00");
    accept(&mut n, donation("alice", "cecile", d(2021, 11, 1), "30.00", None));
    win(&mut n, "peter", "m-p2", d(2022, 2, 1), "5000.00");
    let year = network_year(&n, 2021, &FlatRate, Parameters::shipped()).unwrap();
    assert_eq!((year.network.as_str(), year.year, year.policy.as_str()), (NAME, 2021, "flat"));
    let members: Vec<&str> = year.members.iter().map(|m| m.member.as_str()).collect();
    assert_eq!(members, ["cecile", "paul", "peter"]);
    // paul 600.00 due, peter 5% of 3 000.00 = 150.00; cecile only donated.
    assert_eq!(
        (year.due, year.paid, year.offset, year.donated),
        (eur("750.00"), eur("200.00"), eur("350.00"), eur("30.00"))
    );
    assert_eq!(year.balance, eur("200.00"));
    assert_eq!(year.members[0].balance, Money::ZERO);
    for m in &year.members {
        assert_eq!(m, &ledger(&n, m.member.as_str(), 2021, &FlatRate, Parameters::shipped()));
    }
    let y2022 = network_year(&n, 2022, &FlatRate, Parameters::shipped()).unwrap();
    assert_eq!(y2022.members.iter().map(|m| m.member.as_str()).collect::<Vec<_>>(), ["peter"]);
    assert!(network_year(&n, 2019, &FlatRate, Parameters::shipped()).unwrap().members.is_empty());
    assert_eq!(
        member_year(&n, &id("nobody"), 2021, &FlatRate, Parameters::shipped()).unwrap_err().code(),
        "actor.id.unknown"
    );
}

#[test]
fn replaying_the_journal_gives_the_same_state_and_ledger() {
    let mut n = paul_2021();
    win(&mut n, "paul", "m2", d(2021, 5, 1), "4000.00");
    accept(&mut n, offer("paul", d(2021, 5, 2), "m2", "100.00"));
    accept(&mut n, offer("sam", d(2021, 5, 3), "m2", "150.00"));
    accept(&mut n, stalemate("paul", d(2021, 5, 4), "m2"));
    accept(&mut n, reopen("sam", d(2021, 5, 5), "m2"));
    accept(&mut n, agree("paul", d(2021, 5, 6), "m2"));
    accept(&mut n, declare("paul", d(2021, 3, 2), "m1", "450.00"));
    accept(&mut n, donation("sam", "paul", d(2021, 7, 1), "80.00", Some("m1")));
    accept(&mut n, delivery("sam", "paul", d(2021, 8, 1), "workstream", DeliveryUnit::Hours, "1.5"));

    let replayed = Network::replay(&n.journal_jsonl()).unwrap();
    assert_eq!(replayed.state(), n.state());
    let policies: [&dyn ContributionPolicy; 4] =
        [&FlatRate, &GuideRate, &SelfAssessed::default(), &Negotiated::default()];
    let half = params_with_share("0.5");
    for policy in policies {
        for params in [Parameters::shipped(), &half] {
            assert_eq!(ledger(&replayed, "paul", 2021, policy, params), ledger(&n, "paul", 2021, policy, params));
            assert_eq!(
                network_year(&replayed, 2021, policy, params).unwrap(),
                network_year(&n, 2021, policy, params).unwrap()
            );
            for lang in [Lang::Fr, Lang::En] {
                assert_eq!(
                    annual_statement(&replayed, &id("paul"), 2021, policy, params, lang).unwrap(),
                    annual_statement(&n, &id("paul"), 2021, policy, params, lang).unwrap()
                );
            }
        }
    }
    // Negotiated: m1 is pending, m2 agreed at 150.00; offset 150.00 (value 350 + 52.50).
    let l = ledger(&n, "paul", 2021, &Negotiated::default(), Parameters::shipped());
    assert_eq!((l.due, l.in_kind_value, l.offset, l.unpriced.len()), (eur("150.00"), eur("402.50"), eur("150.00"), 1));
}

// ---- the annual statement ------------------------------------------------------------

#[test]
fn the_annual_statement_reads_in_french_and_in_english() {
    let mut n = paul_2021();
    win(&mut n, "paul", "m2", d(2021, 5, 1), "4000.00");
    accept(&mut n, donation("sam", "paul", d(2021, 7, 1), "80.00", Some("m1")));
    let policy = SelfAssessed::default();
    accept(&mut n, declare("paul", d(2021, 3, 2), "m1", "600.00"));
    let fr = annual_statement(&n, &id("paul"), 2021, &policy, Parameters::shipped(), Lang::Fr).unwrap();
    let en = annual_statement(&n, &id("paul"), 2021, &policy, Parameters::shipped(), Lang::En).unwrap();

    for expected in [
        "# Relevé annuel 2021 — La Compagnie des Tiers-Lieux",
        "- Membre : PAUL (`paul`)",
        "- Année : 2021",
        "| `m1` | Programmation du tiers-lieu m1 | 1er mars 2021 | 12\u{202F}000,00\u{A0}€ | 600,00\u{A0}€ | déclaré |",
        "## Missions en attente",
        "| `m2` | Programmation du tiers-lieu m2 | 1er mai 2021 | 4\u{202F}000,00\u{A0}€ | contribution non déclarée |",
        "1 mission en attente : son montant n'est pas encore connu, il n'est pas compté comme nul.",
        "| 1er juin 2021 | virement 2021-06-01 | 200,00\u{A0}€ |",
        "| 1er avril 2021 | chantier (`workstream`) | 10 | heures | 35,00\u{A0}€ | 350,00\u{A0}€ |",
        "Compensation : **350,00\u{A0}€** (au plus 100\u{202F}% du montant dû, soit 600,00\u{A0}€",
        "| 1er juillet 2021 | `m1` | 80,00\u{A0}€ |",
        "ne réduisent jamais le montant dû",
        "Solde 2021 : **50,00\u{A0}€ restent dus** (dû 600,00\u{A0}€ − compensation en nature 350,00\u{A0}€ − versé 200,00\u{A0}€).",
        "Ce solde ne compte pas la mission en attente.",
    ] {
        assert!(fr.contains(expected), "missing `{expected}` in:\n{fr}");
    }
    for expected in [
        "# Annual statement 2021 — La Compagnie des Tiers-Lieux",
        "- Member: PAUL (`paul`)",
        "| `m1` | Programmation du tiers-lieu m1 | 1 March 2021 | €12,000.00 | €600.00 | declared |",
        "## Pending missions",
        "| 1 April 2021 | workstream (`workstream`) | 10 | hours | €35.00 | €350.00 |",
        "1 pending mission: its amount is not known yet; it is not counted as zero.",
        "This balance leaves out the pending mission.",
        "Offset: **€350.00** (at most 100% of the amount due, that is €600.00",
        "Balance for 2021: **€50.00 still owed** (due €600.00 − in-kind offset €350.00 − paid €200.00).",
    ] {
        assert!(en.contains(expected), "missing `{expected}` in:\n{en}");
    }

    // Settled and overpaid wordings; the guide situation's title in the table.
    accept(&mut n, payment("sam", "paul", d(2021, 12, 1), "50.00"));
    let en = annual_statement(&n, &id("paul"), 2021, &policy, Parameters::shipped(), Lang::En).unwrap();
    assert!(en.contains("Balance for 2021: **settled**"), "{en}");
    accept(&mut n, payment("sam", "paul", d(2021, 12, 2), "10.00"));
    let fr = annual_statement(&n, &id("paul"), 2021, &GuideRate, Parameters::shipped(), Lang::Fr).unwrap();
    assert!(fr.contains("| calculé | Autre situation |"), "{fr}");
    // Guide: 5% of 12 000.00 + 5% of 4 000.00 = 800.00 − 350.00 − 260.00 = 190.00.
    assert!(fr.contains("**190,00\u{A0}€ restent dus**"), "{fr}");
    let l = ledger(&n, "paul", 2021, &FlatRate, Parameters::shipped());
    assert_eq!(l.balance, eur("190.00"));

    let mut quiet = network();
    let fr = annual_statement(&quiet, &id("cecile"), 2021, &FlatRate, Parameters::shipped(), Lang::Fr).unwrap();
    assert!(fr.contains("Aucune mission chiffrée.") && fr.contains("**soldé**"), "{fr}");
    accept(&mut quiet, payment("sam", "cecile", d(2021, 2, 1), "10.00"));
    let en = annual_statement(&quiet, &id("cecile"), 2021, &FlatRate, Parameters::shipped(), Lang::En).unwrap();
    assert!(en.contains("**overpaid by €10.00**"), "{en}");
}

#[test]
fn a_fiscal_year_from_1_july_covers_its_own_days_values_its_offset_on_its_last_day_and_says_so() {
    let mut n = paul_2021();
    let july = FiscalYearStart::new(7, 1).unwrap();
    // Only a steward sets it; 29 February is not a day every year has.
    reject(&mut n, cmd("paul", d(2021, 6, 15), Action::SetFiscalYear { start: july }), "auth.steward.required");
    let leap = FiscalYearStart { month: 2, day: 29 };
    reject(&mut n, cmd("sam", d(2021, 6, 15), Action::SetFiscalYear { start: leap }), "input.parse.invalid");
    // Set during calendar year 2021: fiscal year 2021 ends on 30 June 2022.
    accept(&mut n, cmd("sam", d(2021, 6, 15), Action::SetFiscalYear { start: july }));
    let y2021 = n.fiscal_year(2021).unwrap();
    assert_eq!((y2021.first_day, y2021.last_day), (d(2021, 1, 1), d(2022, 6, 30)));
    assert_eq!(n.fiscal_year_containing(d(2022, 7, 1)).unwrap().year, 2022);
    win(&mut n, "paul", "m2", d(2022, 3, 1), "4000.00");
    // On 2 March 2022, 1 February would end fiscal year 2021 on 31 January
    // 2022, a day past.
    let february = FiscalYearStart::new(2, 1).unwrap();
    reject(&mut n, cmd("sam", d(2022, 3, 2), Action::SetFiscalYear { start: february }), "date.order.invalid");
    accept(&mut n, payment("sam", "paul", d(2022, 7, 1), "100.00"));

    // The share of the offset falls to 0.25 on 1 January 2022.
    let money = |a: &str| format!(r#"{{"amount": "{a}", "currency": "EUR"}}"#);
    let value = |share: &str| {
        format!(
            r#"{{"per_hour": {}, "per_event": {}, "per_project_holder": {}, "max_offset_share": "{share}"}}"#,
            money("35.00"),
            money("150.00"),
            money("50.00")
        )
    };
    let params = Parameters::load(&format!(
        r#"{{"in_kind": [{{"from": "2020-01-01", "until": "2022-01-01", "value": {}}}, {{"from": "2022-01-01", "value": {}}}]}}"#,
        value("1"),
        value("0.25")
    ))
    .unwrap();
    // Fiscal year 2021: 5% × 12 000.00 + 5% × 4 000.00 = 800.00 due; 200.00
    // paid (the 100.00 of 1 July 2022 is fiscal year 2022's); 10 h × 35.00 =
    // 350.00 in kind; the share in force on 30 June 2022 is 0.25: cap
    // 0.25 × 800.00 = 200.00, offset 200.00; balance 800 − 200 − 200 = 400.00.
    let l = ledger(&n, "paul", 2021, &FlatRate, &params);
    assert_eq!((l.first_day, l.last_day), (d(2021, 1, 1), d(2022, 6, 30)));
    assert_eq!((l.due, l.paid, l.in_kind_value), (eur("800.00"), eur("200.00"), eur("350.00")));
    assert_eq!((l.max_offset_share, l.offset_cap, l.offset), (Some(dec("0.25")), eur("200.00"), eur("200.00")));
    assert_eq!(l.balance, eur("400.00"));
    // Fiscal year 2022, from 1 July 2022 to 30 June 2023: 100.00 paid, overpaid.
    let l = ledger(&n, "paul", 2022, &FlatRate, &params);
    assert_eq!((l.first_day, l.last_day, l.due, l.paid), (d(2022, 7, 1), d(2023, 6, 30), eur("0.00"), eur("100.00")));
    assert_eq!(l.settlement(), Settlement::Overpaid);
    let whole = network_year(&n, 2021, &FlatRate, &params).unwrap();
    assert_eq!((whole.first_day, whole.last_day, whole.balance), (d(2021, 1, 1), d(2022, 6, 30), eur("400.00")));

    let en = annual_statement(&n, &id("paul"), 2021, &FlatRate, &params, Lang::En).unwrap();
    for expected in [
        "# Annual statement 2021 — La Compagnie des Tiers-Lieux",
        "- Fiscal year: 2021 (1 January 2021 to 30 June 2022)",
        "## Missions won in fiscal year 2021",
        "| `m2` | Programmation du tiers-lieu m2 | 1 March 2022 | €4,000.00 | €200.00 |",
        "(at most 25% of the amount due, that is €200.00, with the valuation in force on 30 June 2022).",
        "Balance for 2021: **€400.00 still owed**",
    ] {
        assert!(en.contains(expected), "missing `{expected}` in:\n{en}");
    }
    let fr = annual_statement(&n, &id("paul"), 2021, &FlatRate, &params, Lang::Fr).unwrap();
    for expected in [
        "- Exercice : 2021 (du 1er janvier 2021 au 30 juin 2022)",
        "## Missions remportées pendant l'exercice 2021",
        "selon la valorisation en vigueur le 30 juin 2022).",
    ] {
        assert!(fr.contains(expected), "missing `{expected}` in:\n{fr}");
    }
    // A calendar year keeps its plain wording.
    let calendar = annual_statement(&paul_2021(), &id("paul"), 2021, &FlatRate, &params, Lang::En).unwrap();
    assert!(calendar.contains("- Year: 2021\n") && calendar.contains("## Missions won in 2021\n"), "{calendar}");
    assert!(calendar.contains("with the valuation in force on 31 December 2021)."), "{calendar}");

    // The journal replays to the same fiscal years and ledgers.
    let replayed = Network::replay(&n.journal_jsonl()).unwrap();
    assert_eq!(replayed.state(), n.state());
    assert_eq!(ledger(&replayed, "paul", 2021, &FlatRate, &params), ledger(&n, "paul", 2021, &FlatRate, &params));
    let state: coopetition::network::NetworkState = serde_json::from_str(&n.state_json()).unwrap();
    assert_eq!(&state, n.state());
}

#[test]
fn a_steward_who_left_no_longer_speaks_for_the_network() {
    let mut n = network();
    win(&mut n, "paul", "m1", d(2021, 3, 1), "12000.00");
    accept(&mut n, offer("paul", d(2021, 3, 5), "m1", "400.00"));
    accept(&mut n, cmd("sam", d(2021, 3, 6), Action::Resign { contract: ContractId::new("c-sam").unwrap() }));
    reject(&mut n, offer("sam", d(2021, 3, 7), "m1", "700.00"), "negotiation.party.invalid");
    reject(&mut n, agree("sam", d(2021, 3, 7), "m1"), "negotiation.party.invalid");
    reject(&mut n, stalemate("sam", d(2021, 3, 7), "m1"), "negotiation.party.invalid");
    reject(&mut n, payment("sam", "paul", d(2021, 3, 7), "100.00"), "auth.steward.required");
    // A founder still speaks for the network.
    accept(&mut n, agree("alice", d(2021, 3, 7), "m1"));
    assert_eq!(assess(&n, &Negotiated::default(), "m1").amount, Some(eur("400.00")));
}

#[test]
fn the_accounting_export_lists_every_fact_of_the_range() {
    use coopetition::ledger_export::{ledger_entries, EntryKind};
    let mut n = paul_2021();
    win(&mut n, "peter", "m-p", d(2021, 10, 1), "3000.00");
    accept(&mut n, donation("alice", "cecile", d(2021, 11, 1), "30.00", None));
    win(&mut n, "peter", "m-p2", d(2022, 2, 1), "5000.00");
    let entries = ledger_entries(&n, d(2021, 3, 1), d(2021, 12, 1), &FlatRate, Parameters::shipped()).unwrap();
    type Line<'a> = (NaiveDate, &'a str, EntryKind, Option<&'a str>, Option<Money>, &'a str);
    let lines: Vec<Line> = entries
        .iter()
        .map(|e| (e.on, e.member.as_str(), e.kind, e.mission.as_ref().map(|m| m.as_str()), e.amount, e.detail.as_str()))
        .collect();
    // 5 % of 12,000.00 = 600.00; 10 hours at the shipped 35.00 € = 350.00; 5 % of 3,000.00 = 150.00.
    // The mission of 2022 is after the range (its end, 1 December 2021, excluded).
    assert_eq!(
        lines,
        [
            (d(2021, 3, 1), "paul", EntryKind::Due, Some("m1"), Some(eur("600.00")), "computed"),
            (d(2021, 4, 1), "paul", EntryKind::InKind, None, Some(eur("350.00")), "workstream 10 hours"),
            (d(2021, 6, 1), "paul", EntryKind::Paid, None, Some(eur("200.00")), "virement 2021-06-01"),
            (d(2021, 10, 1), "peter", EntryKind::Due, Some("m-p"), Some(eur("150.00")), "computed"),
            (d(2021, 11, 1), "cecile", EntryKind::Donation, None, Some(eur("30.00")), ""),
        ]
    );
    // A mission the policy cannot price yet has a line without amount, never a zero.
    let undeclared =
        ledger_entries(&n, d(2021, 3, 1), d(2021, 3, 2), &SelfAssessed::default(), Parameters::shipped()).unwrap();
    assert_eq!(undeclared.len(), 1);
    assert_eq!((undeclared[0].amount, undeclared[0].status), (None, Some(AssessmentStatus::Undeclared)));
    assert!(ledger_entries(&n, d(2021, 3, 1), d(2021, 3, 1), &FlatRate, Parameters::shipped()).unwrap().is_empty());
    let err = ledger_entries(&n, d(2021, 3, 2), d(2021, 3, 1), &FlatRate, Parameters::shipped()).unwrap_err();
    assert_eq!(err.code(), "date.order.invalid");
}
