//! A network of the size the store and the journal are measured on, shared by
//! the core's and the store's benchmarks (included with `#[path]`).
//!
//! The sample network's mix scaled up: for a million events, about 10,000
//! members and 100,000 missions. Each provider registers itself, proposes its
//! contract (one in five discussed first), signs the charter and is
//! validated; one in ten is then raised to contributor. Each mission goes
//! through its steps (solicited, proposed, won, started, a progress report,
//! a second one for one in two, completed; one in ten is lost after its proposal), and each won mission
//! brings what a network records around it: the provider's declaration, a
//! payment, for one in two a negotiation (an offer and its acceptance), for
//! one in five an in-kind delivery, for one in ten a donation. Clients are
//! outside actors met by about four missions each, so prior work and the
//! obligations to inform other members arise as they do in a real network.
#![allow(
    clippy::manual_is_multiple_of,
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    missing_docs
)]

// Only the core as a dependency (the store's benchmark includes this file):
// chrono's date and rust_decimal's decimal come from its prelude.
use coopetition::mission::MissionUpdate;
use coopetition::negotiation::{Delivery, DeliveryUnit, Donation, Payment};
use coopetition::prelude::*;

/// Events per member: a million events make 10,000 members.
pub const EVENTS_PER_MEMBER: usize = 100;
/// Missions per outside client.
const MISSIONS_PER_CLIENT: usize = 4;

/// 2020-01-06 as days from the common era (0001-01-01 is day 1).
const FIRST_DAY: i64 = 737_430;

/// The day `offset` days after 2020-01-06.
pub fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(FIRST_DAY + offset).unwrap()).unwrap()
}

/// Executes commands until the journal holds the events asked for.
struct Builder {
    n: Network,
    events: usize,
}

impl Builder {
    fn full(&self) -> bool {
        self.n.journal().len() >= self.events
    }

    fn act(&mut self, by: &ActorId, on: NaiveDate, action: Action) {
        if !self.full() {
            self.n.execute(Command::new(by, on, action)).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

fn eur(text: &str) -> Money {
    Money::parse_eur(text).unwrap()
}

/// A network whose journal holds exactly `events` events, built through
/// `Network::execute` so that every event is one the engine accepts.
pub fn network_of(events: usize) -> Network {
    assert_eq!(day(0), date(2020, 1, 6).unwrap());
    let mut b = Builder { n: Network::new(), events };
    let steward = ActorId::new("steward").unwrap();
    let founder = Actor {
        level: InvolvementLevel::Steward,
        ..Actor::new(steward.clone(), ActorKind::Association, "Steward", true).unwrap()
    };
    let settings = NetworkSettings::two_tier("Bench");
    b.act(&steward, day(0), Action::FoundNetwork { settings, founders: vec![founder] });
    let terms = ContractTerms {
        needs: vec![Choice::item("network_work")],
        extra_engagements: vec![],
        contributions: vec![Choice::item("revenue_share_5pct"), Choice::item("workstream")],
        place: "Lille".into(),
        signatory: "Bench".into(),
    };
    let members = (events / EVENTS_PER_MEMBER).max(1);
    let providers: Vec<ActorId> = (0..members).map(|i| ActorId::new(format!("prov-{i}")).unwrap()).collect();
    for (i, p) in providers.iter().enumerate() {
        let joins = i64::try_from(i / 50).unwrap();
        let actor = Actor::new(p.clone(), ActorKind::Provider, format!("Provider {i}"), true).unwrap();
        b.act(p, day(joins + 1), Action::RegisterActor { actor });
        let contract = ContractId::new(format!("contract-{i}")).unwrap();
        b.act(p, day(joins + 2), Action::ProposeContract { contract: contract.clone(), terms: terms.clone() });
        if i % 5 == 0 {
            let note = "Could you say which workstream you would take on?".to_owned();
            b.act(&steward, day(joins + 3), Action::DiscussContract { contract: contract.clone(), note });
        }
        b.act(p, day(joins + 3), Action::SignCharter { version: 1 });
        b.act(&steward, day(joins + 4), Action::ValidateContract { contract });
        if i % 10 == 0 {
            let reason = "Takes on the observatory workstream".to_owned();
            let level = InvolvementLevel::Contributor;
            b.act(&steward, day(joins + 5), Action::ChangeLevel { actor: p.clone(), level, reason });
        }
    }
    // Missions start once every member has joined, about a hundred a day.
    let opening = i64::try_from(members / 50).unwrap() + 10;
    let mut k = 0usize;
    while !b.full() {
        mission(&mut b, &steward, &providers[k % members], k, opening + i64::try_from(k / 100).unwrap());
        k += 1;
    }
    b.n
}

/// One mission of `provider` from `start`, with what a won mission brings.
fn mission(b: &mut Builder, steward: &ActorId, provider: &ActorId, k: usize, start: i64) {
    let id = MissionId::new(format!("mission-{k}")).unwrap();
    let revenue = eur(["4500.00", "12000.00", "3200.00", "9600.00"][k % 4]);
    let client = Client::Outside {
        name: format!("Client {}", k / MISSIONS_PER_CLIENT % 25_000),
        kind: ActorKind::LocalAuthority,
    };
    let lead_origin = [LeadOrigin::NetworkReferral, LeadOrigin::OwnNetwork, LeadOrigin::NetworkEvent][k % 3];
    let lost = k % 10 == 9;
    let mut steps =
        vec![MissionStep::Solicited { client, lead_origin, title: "Workshop".into() }, MissionStep::Proposed];
    if lost {
        steps.push(MissionStep::Lost { reason: "Another offer was chosen".into() });
    } else {
        steps.extend([
            MissionStep::Won { revenue },
            MissionStep::Started,
            MissionStep::Progress { note: "Three workshops held".into() },
        ]);
        if k % 2 == 0 {
            steps.push(MissionStep::Progress { note: "Findings presented to the client".into() });
        }
        steps.push(MissionStep::Completed);
    }
    let mut on = day(start);
    for (i, step) in steps.into_iter().enumerate() {
        on = day(start + 7 * i64::try_from(i).unwrap());
        let informed = matches!(&step, MissionStep::Progress { note } if note.starts_with("Findings"));
        let update = MissionUpdate { client_informed: informed, ..MissionUpdate::default() };
        let action = Action::ReportMission { mission: id.clone(), occurred_on: on, step, update };
        b.act(provider, on, action);
    }
    if lost {
        return;
    }
    let due = (revenue.amount() * Decimal::new(5, 2)).round_dp(2);
    let share = Money::eur(due);
    b.act(provider, on, Action::DeclareContribution { mission: id.clone(), amount: share });
    if k % 2 == 0 {
        b.act(provider, on, Action::OfferContribution { mission: id.clone(), amount: share });
        b.act(steward, on, Action::AcceptOffer { mission: id.clone() });
    }
    let payment = Payment { member: provider.clone(), amount: share, on, reference: format!("INV-{k}") };
    b.act(steward, on, Action::RecordPayment { payment });
    if k % 5 == 0 {
        let delivery = Delivery {
            member: provider.clone(),
            contribution: "workstream".into(),
            unit: DeliveryUnit::Hours,
            quantity: Decimal::new(35, 1),
            on,
            note: "Observatory workshop".into(),
        };
        b.act(provider, on, Action::RecordDelivery { delivery });
    }
    if k % 10 == 0 {
        let donation = Donation { member: provider.clone(), amount: eur("50.00"), on, mission: Some(id) };
        b.act(steward, on, Action::RecordDonation { donation });
    }
}
