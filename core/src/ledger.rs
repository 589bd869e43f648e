//! The ledger: per member and fiscal year, what is due, paid, given in kind and donated.
//!
//! The ledger is computed, never stored: it reads the network's state (missions,
//! declarations, negotiations, payments, donations, deliveries) and prices the
//! missions with a [`ContributionPolicy`] and its [`Parameters`]. The same
//! network, policy and parameters always give the same ledger, so a replayed
//! journal gives an equal ledger.
//!
//! For one member and one fiscal year (the calendar year, unless a steward
//! set another first day: see [`crate::fiscal_year`]; "the year" below):
//!
//! - **due**: the sum of the priced assessments of the member's missions won
//!   that year (a mission counts in the year of its `won` step; a mission
//!   cancelled after being won is no longer won and owes nothing). Missions the
//!   policy cannot price yet (pending, undeclared, stalemate) are listed in
//!   [`MemberLedger::unpriced`] and never counted as zero;
//! - **paid**: the payments received that year (their own date, not the date
//!   they were recorded), whatever mission they settle;
//! - **in kind**: the deliveries of that year, per contribution and unit, each
//!   valued with the [`InKindValuation`] in force on its delivery date
//!   (quantity × unit value, rounded to the cent per delivery); and, beside
//!   them, the in-kind credit the policy itself recognised in its assessments
//!   (the guide's steward-workstream situation). That credit is already
//!   reflected in the money due (the policy asks less money because it
//!   recognises the rest in kind), so it is shown but never offsets money a
//!   second time;
//! - **offset**: the delivered in-kind value applied against the money due, at
//!   most `max_offset_share` × due (rounded to the cent), with the valuation
//!   in force on the **last day** of the year (31 December for a calendar
//!   year): the share applies to the year's
//!   total, which is known only at the end of the year. In-kind value beyond
//!   the cap is recorded but neither carried over to another year nor refunded;
//! - **donations**: recorded beside, never reducing what is due;
//! - **balance** = due − offset − paid: positive, still owed; negative, overpaid.
//!
//! ```
//! use coopetition::ledger::member_year;
//! use coopetition::policy::{FlatRate, Parameters};
//! use coopetition::prelude::*;
//! # fn main() -> coopetition::Result<()> {
//! let alice = ActorId::new("alice")?;
//! let mut network = Network::new();
//! let founder = Actor { level: InvolvementLevel::Steward, ..Actor::new(alice.clone(), ActorKind::Association, "Alice", true)? };
//! network.execute(Command::new(&alice, date(2020, 1, 6)?, Action::FoundNetwork {
//!     settings: NetworkSettings::two_tier("La Compagnie des Tiers-Lieux"),
//!     founders: vec![founder],
//! }))?;
//! let ledger = member_year(&network, &alice, 2021, &FlatRate, Parameters::shipped())?;
//! assert_eq!(ledger.balance, Money::ZERO);
//! assert!(ledger.is_empty());
//! # Ok(()) }
//! ```

use crate::error::{Error, Result};
use crate::fiscal_year::FiscalYear;
use crate::ids::{ActorId, MissionId};
use crate::mission::Mission;
use crate::money::{round_cents, Money};
use crate::negotiation::{Delivery, DeliveryUnit, Donation, Payment};
use crate::network::Network;
use crate::policy::{AssessmentStatus, ContributionPolicy, InKindValuation, MissionFacts, Parameters, Provenance};
pub use crate::statement_text::money_text;
use crate::text::Text;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// One mission won in the year, as the policy assessed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", name = "LedgerLine", frozen, eq, get_all)
)]
pub struct MissionLine {
    /// The mission.
    pub mission: MissionId,
    /// Its title.
    pub title: String,
    /// The day it was won: the year it counts in.
    pub won_on: NaiveDate,
    /// Its revenue.
    pub revenue: Money,
    /// Whether the policy could price it.
    pub status: AssessmentStatus,
    /// The money due, when priced; `None` otherwise (never zero by default).
    pub amount: Option<Money>,
    /// The value the policy recognised as given in kind for this mission.
    pub in_kind_credit: Money,
    /// Where the amount comes from.
    pub provenance: Provenance,
    /// The guide situation the policy used, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub situation: Option<String>,
    /// The title of that situation, from the guide in force on the day it was won.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub situation_title: Option<Text>,
}

impl MissionLine {
    /// Whether the mission counts in the money due: priced, with an amount.
    pub fn is_priced(&self) -> bool {
        self.status == AssessmentStatus::Priced && self.amount.is_some()
    }
}

/// An in-kind delivery with its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct ValuedDelivery {
    /// The delivery as recorded.
    pub delivery: Delivery,
    /// The value of one unit, in force on the delivery date.
    pub unit_value: Money,
    /// Quantity × unit value, rounded to the cent.
    pub value: Money,
}

/// The deliveries of one contribution in one unit over the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct InKindTotal {
    /// The contribution option (`workstream`, `recurring_event`…).
    pub contribution: String,
    /// What is counted.
    pub unit: DeliveryUnit,
    /// The quantity delivered.
    #[serde(with = "rust_decimal::serde::str")]
    pub quantity: Decimal,
    /// The value of those deliveries.
    pub value: Money,
}

/// Whether a balance is still owed, settled or overpaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Settlement {
    /// The balance is positive: money is still owed.
    Owed,
    /// The balance is zero.
    Settled,
    /// The balance is negative: more was paid than due.
    Overpaid,
}

/// One member's ledger for one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct MemberLedger {
    /// The member.
    pub member: ActorId,
    /// The fiscal year, named after the calendar year it starts in.
    pub year: i32,
    /// The fiscal year's first day.
    pub first_day: NaiveDate,
    /// Its last day, on which the in-kind valuation of the offset is read.
    pub last_day: NaiveDate,
    /// The name of the policy that priced the missions.
    pub policy: String,
    /// The missions won that year, priced or not, by date won then id.
    pub missions: Vec<MissionLine>,
    /// The sum of the priced amounts.
    pub due: Money,
    /// The missions the policy could not price, by date won then id.
    pub unpriced: Vec<MissionId>,
    /// Payments received that year, in journal order.
    pub payments: Vec<Payment>,
    /// Their sum.
    pub paid: Money,
    /// In-kind deliveries of that year, valued, in journal order.
    pub deliveries: Vec<ValuedDelivery>,
    /// The deliveries per contribution and unit, by contribution then unit.
    pub in_kind: Vec<InKindTotal>,
    /// The value of every delivery of the year.
    pub in_kind_value: Money,
    /// The in-kind credit the policy recognised in its assessments (shown,
    /// already reflected in the money due, never offset).
    pub policy_in_kind_credit: Money,
    /// The share of the money due that in-kind value may offset, in force on
    /// the fiscal year's last day; `None` when no offset had to be computed and no valuation
    /// is in force that day.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub max_offset_share: Option<Decimal>,
    /// The most that may be offset: share × due, rounded to the cent.
    pub offset_cap: Money,
    /// The in-kind value applied against the money due: min(value, cap).
    pub offset: Money,
    /// Donations received that year, in journal order.
    pub donations: Vec<Donation>,
    /// Their sum, recorded beside the money due.
    pub donated: Money,
    /// due − offset − paid.
    pub balance: Money,
}

impl MemberLedger {
    /// How many missions the policy could not price.
    pub fn unpriced_count(&self) -> usize {
        self.unpriced.len()
    }

    /// Whether nothing happened that year: no mission won, no payment, no
    /// delivery, no donation.
    pub fn is_empty(&self) -> bool {
        self.missions.is_empty() && self.payments.is_empty() && self.deliveries.is_empty() && self.donations.is_empty()
    }

    /// The fiscal year this ledger covers.
    pub fn fiscal_year(&self) -> FiscalYear {
        FiscalYear { year: self.year, first_day: self.first_day, last_day: self.last_day }
    }

    /// The missions that count in the money due.
    pub fn priced(&self) -> impl Iterator<Item = &MissionLine> {
        self.missions.iter().filter(|m| m.is_priced())
    }

    /// The missions listed apart: not priced yet.
    pub fn pending(&self) -> impl Iterator<Item = &MissionLine> {
        self.missions.iter().filter(|m| !m.is_priced())
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl MemberLedger {
    /// Whether the balance is owed, settled or overpaid.
    pub fn settlement(&self) -> Settlement {
        settlement(self.balance)
    }
}

fn settlement(balance: Money) -> Settlement {
    if balance.is_negative() {
        Settlement::Overpaid
    } else if balance.amount().is_zero() {
        Settlement::Settled
    } else {
        Settlement::Owed
    }
}

/// The whole network's ledger for one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct NetworkLedger {
    /// The network's name (empty before founding).
    pub network: String,
    /// The fiscal year, named after the calendar year it starts in.
    pub year: i32,
    /// The fiscal year's first day.
    pub first_day: NaiveDate,
    /// Its last day.
    pub last_day: NaiveDate,
    /// The name of the policy that priced the missions.
    pub policy: String,
    /// One ledger per member with anything that year, by member id.
    pub members: Vec<MemberLedger>,
    /// Total money due.
    pub due: Money,
    /// Every mission not priced, by member then date won.
    pub unpriced: Vec<MissionId>,
    /// Total paid.
    pub paid: Money,
    /// Total value delivered in kind.
    pub in_kind_value: Money,
    /// Total in-kind credit recognised by the policy.
    pub policy_in_kind_credit: Money,
    /// Total offset.
    pub offset: Money,
    /// Total donated.
    pub donated: Money,
    /// Sum of the members' balances.
    pub balance: Money,
}

/// What one member did over a range of days, gathered in one pass.
#[derive(Default)]
pub(crate) struct Bucket<'a> {
    pub(crate) missions: Vec<&'a Mission>,
    pub(crate) payments: Vec<&'a Payment>,
    pub(crate) deliveries: Vec<&'a Delivery>,
    pub(crate) donations: Vec<&'a Donation>,
}

/// Groups by member the missions won, and the payments, deliveries and
/// donations dated, on the days `within` accepts, keeping only `only` when given.
pub(crate) fn buckets<'a>(
    network: &'a Network,
    within: impl Fn(NaiveDate) -> bool,
    only: Option<&ActorId>,
) -> BTreeMap<&'a ActorId, Bucket<'a>> {
    let keep = |id: &ActorId| only.is_none_or(|o| o == id);
    let state = network.state();
    let mut out: BTreeMap<&'a ActorId, Bucket<'a>> = BTreeMap::new();
    let won = |m: &Mission| m.status.is_won() && m.won_on().is_some_and(&within);
    for m in state.missions.values().filter(|m| keep(&m.provider) && won(m)) {
        out.entry(&m.provider).or_default().missions.push(m);
    }
    for p in state.payments.iter().filter(|p| keep(&p.member) && within(p.on)) {
        out.entry(&p.member).or_default().payments.push(p);
    }
    for d in state.deliveries.iter().filter(|d| keep(&d.member) && within(d.on)) {
        out.entry(&d.member).or_default().deliveries.push(d);
    }
    for d in state.donations.iter().filter(|d| keep(&d.member) && within(d.on)) {
        out.entry(&d.member).or_default().donations.push(d);
    }
    out
}

/// Zero written with cents (`0.00`), so that sums read alike in JSON.
fn zero() -> Money {
    Money::from_cents(0)
}

fn sum<'a>(amounts: impl IntoIterator<Item = &'a Money>) -> Result<Money> {
    amounts.into_iter().try_fold(zero(), |acc, m| acc.checked_add(*m))
}

fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_mul(b).ok_or_else(|| Error::AmountOverflow(format!("{a} × {b}")))
}

/// Prices the missions of one member's bucket with the policy, in won order.
pub(crate) fn mission_lines(
    network: &Network,
    missions: &[&Mission],
    policy: &dyn ContributionPolicy,
    params: &Parameters,
) -> Result<Vec<MissionLine>> {
    let mut missions = missions.to_vec();
    missions.sort_by(|a, b| (a.won_on(), &a.id).cmp(&(b.won_on(), &b.id)));
    let facts = missions.iter().map(|m| MissionFacts::from_network(network, &m.id)).collect::<Result<Vec<_>>>()?;
    let assessments = policy.evaluate_all(&facts, params);
    let mut lines = Vec::with_capacity(missions.len());
    for ((m, f), a) in missions.iter().zip(&facts).zip(assessments) {
        let a = a?;
        let situation = a.situation.as_deref().map(str::to_owned);
        let situation_title = situation.as_deref().and_then(|id| {
            let guide = params.guide_at(f.won_on).ok()?;
            guide.situations().iter().find(|s| s.id == id).map(|s| s.title.clone())
        });
        lines.push(MissionLine {
            mission: m.id.clone(),
            title: m.title.clone(),
            won_on: f.won_on,
            revenue: f.revenue,
            status: a.status,
            amount: a.amount.filter(|_| a.status == AssessmentStatus::Priced),
            in_kind_credit: a.in_kind_credit,
            provenance: a.provenance,
            situation,
            situation_title,
        });
    }
    Ok(lines)
}

/// Values each delivery with the valuation in force on its date.
pub(crate) fn valued(deliveries: &[&Delivery], params: &Parameters) -> Result<Vec<ValuedDelivery>> {
    deliveries
        .iter()
        .map(|d| {
            let unit_value = params.in_kind_at(d.on)?.unit_value(d.unit);
            let value = Money::eur(round_cents(mul(d.quantity, unit_value.amount())?));
            Ok(ValuedDelivery { delivery: (*d).clone(), unit_value, value })
        })
        .collect()
}

fn totals(deliveries: &[ValuedDelivery]) -> Result<Vec<InKindTotal>> {
    let mut by_key: BTreeMap<(&str, DeliveryUnit), (Decimal, Money)> = BTreeMap::new();
    for v in deliveries {
        let entry = by_key.entry((v.delivery.contribution.as_str(), v.delivery.unit)).or_default();
        entry.0 = entry.0.checked_add(v.delivery.quantity).ok_or_else(|| Error::AmountOverflow("a quantity".into()))?;
        entry.1 = entry.1.checked_add(v.value)?;
    }
    Ok(by_key
        .into_iter()
        .map(|((contribution, unit), (quantity, value))| InKindTotal {
            contribution: contribution.to_owned(),
            unit,
            quantity,
            value,
        })
        .collect())
}

/// The offset rule: at most `share` × due (rounded to the cent) of the
/// delivered value is applied against the money due. Returns (cap, offset).
///
/// # Errors
/// `money.amount.overflow`.
pub fn offset(due: Money, in_kind_value: Money, share: Decimal) -> Result<(Money, Money)> {
    if due.is_negative() || due.amount().is_zero() {
        return Ok((zero(), zero()));
    }
    let cap = Money::eur(round_cents(mul(due.amount(), share)?));
    let applied = if in_kind_value.is_negative() { zero() } else { in_kind_value.min(cap) };
    Ok((cap, applied))
}

fn build(
    network: &Network,
    member: &ActorId,
    period: &FiscalYear,
    bucket: &Bucket<'_>,
    policy: &dyn ContributionPolicy,
    params: &Parameters,
) -> Result<MemberLedger> {
    let missions = mission_lines(network, &bucket.missions, policy, params)?;
    let due = sum(missions.iter().filter_map(|m| m.amount.as_ref()))?;
    let unpriced = missions.iter().filter(|m| !m.is_priced()).map(|m| m.mission.clone()).collect();
    let policy_in_kind_credit = sum(missions.iter().map(|m| &m.in_kind_credit))?;
    let payments: Vec<Payment> = bucket.payments.iter().map(|p| (*p).clone()).collect();
    let paid = sum(payments.iter().map(|p| &p.amount))?;
    let deliveries = valued(&bucket.deliveries, params)?;
    let in_kind = totals(&deliveries)?;
    let in_kind_value = sum(deliveries.iter().map(|d| &d.value))?;
    let needs_offset = !due.amount().is_zero() && !in_kind_value.amount().is_zero();
    let valuation: Option<&InKindValuation> = match params.in_kind_at(period.last_day) {
        Ok(v) => Some(v),
        Err(e) if needs_offset => return Err(e),
        Err(_) => None,
    };
    let max_offset_share = valuation.map(|v| v.max_offset_share);
    let (offset_cap, offset) = offset(due, in_kind_value, max_offset_share.unwrap_or(Decimal::ZERO))?;
    let donations: Vec<Donation> = bucket.donations.iter().map(|d| (*d).clone()).collect();
    let donated = sum(donations.iter().map(|d| &d.amount))?;
    let balance = due.checked_sub(offset)?.checked_sub(paid)?;
    Ok(MemberLedger {
        member: member.clone(),
        year: period.year,
        first_day: period.first_day,
        last_day: period.last_day,
        policy: policy.name().to_owned(),
        missions,
        due,
        unpriced,
        payments,
        paid,
        deliveries,
        in_kind,
        in_kind_value,
        policy_in_kind_credit,
        max_offset_share,
        offset_cap,
        offset,
        donations,
        donated,
        balance,
    })
}

/// One member's ledger for fiscal year `year` (see [`Network::fiscal_year`]).
///
/// # Errors
/// `actor.id.unknown`; `input.parse.invalid` for a year at the calendar's
/// ends; `policy.parameters.not_in_force` when no valuation covers a
/// delivery's date (or the year's last day, when an offset is needed); any error the
/// policy returns for one of the missions; `money.amount.overflow`.
pub fn member_year(
    network: &Network,
    member: &ActorId,
    year: i32,
    policy: &dyn ContributionPolicy,
    params: &Parameters,
) -> Result<MemberLedger> {
    network.actor(member)?;
    let period = network.fiscal_year(year)?;
    let all = buckets(network, |d| period.contains(d), Some(member));
    let empty = Bucket::default();
    let bucket = all.get(member).unwrap_or(&empty);
    build(network, member, &period, bucket, policy, params)
}

/// The whole network's ledger for fiscal year `year`: one line per member
/// with a mission won, a payment, a delivery or a donation that year.
///
/// # Errors
/// As [`member_year`].
pub fn network_year(
    network: &Network,
    year: i32,
    policy: &dyn ContributionPolicy,
    params: &Parameters,
) -> Result<NetworkLedger> {
    let period = network.fiscal_year(year)?;
    let mut members = Vec::new();
    for (member, bucket) in buckets(network, |d| period.contains(d), None) {
        members.push(build(network, member, &period, &bucket, policy, params)?);
    }
    let total = |f: fn(&MemberLedger) -> &Money| sum(members.iter().map(f));
    Ok(NetworkLedger {
        network: network.settings().map(|s| s.name.clone()).unwrap_or_default(),
        year,
        first_day: period.first_day,
        last_day: period.last_day,
        policy: policy.name().to_owned(),
        due: total(|m| &m.due)?,
        unpriced: members.iter().flat_map(|m| m.unpriced.iter().cloned()).collect(),
        paid: total(|m| &m.paid)?,
        in_kind_value: total(|m| &m.in_kind_value)?,
        policy_in_kind_credit: total(|m| &m.policy_in_kind_credit)?,
        offset: total(|m| &m.offset)?,
        donated: total(|m| &m.donated)?,
        balance: total(|m| &m.balance)?,
        members,
    })
}

mod statement;
pub use statement::{annual_statement, AnnualStatement};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::{Actor, ActorKind, InvolvementLevel};
    use crate::format;
    use crate::network::{date, Action, Command, NetworkSettings};
    use crate::policy::FlatRate;
    use crate::statement_text::cell;
    use crate::text::Lang;

    fn eur(text: &str) -> Money {
        Money::parse_eur(text).unwrap()
    }

    #[test]
    fn offset_is_capped_by_the_share_of_the_money_due() {
        let one = Decimal::ONE;
        let half = Decimal::new(5, 1);
        assert_eq!(offset(eur("600.00"), eur("350.00"), one).unwrap(), (eur("600.00"), eur("350.00")));
        assert_eq!(offset(eur("600.00"), eur("350.00"), half).unwrap(), (eur("300.00"), eur("300.00")));
        assert_eq!(offset(eur("600.00"), eur("350.00"), Decimal::ZERO).unwrap(), (eur("0.00"), eur("0.00")));
        // Nothing due: nothing to offset, whatever was given in kind.
        assert_eq!(offset(Money::ZERO, eur("350.00"), one).unwrap(), (Money::ZERO, Money::ZERO));
        // The cap is rounded to the cent, half away from zero: 0.333 × 100.01 = 33.30333.
        let third = Decimal::new(333, 3);
        assert_eq!(offset(eur("100.01"), eur("1000.00"), third).unwrap().1, eur("33.30"));
        assert_eq!(offset(eur("0.03"), eur("1.00"), half).unwrap().1, eur("0.02"));
    }

    #[test]
    fn amounts_are_written_exactly_in_each_language() {
        // French: a narrow no-break space between digit groups, a no-break
        // space before €, a narrow one before %, the minus sign U+2212.
        assert_eq!(money_text(eur("600"), Lang::En), "€600.00");
        assert_eq!(money_text(eur("600"), Lang::Fr), "600,00\u{A0}€");
        assert_eq!(money_text(eur("18500"), Lang::Fr), "18\u{202F}500,00\u{A0}€");
        assert_eq!(money_text(eur("18500"), Lang::En), "€18,500.00");
        assert_eq!(money_text(eur("-250.5"), Lang::En), "\u{2212}€250.50");
        assert_eq!(money_text(eur("-250.5"), Lang::Fr), "\u{2212}250,50\u{A0}€");
        assert_eq!(money_text(Money::eur(Decimal::new(125, 3)), Lang::En), "€0.125", "never rounded for display");
        assert_eq!(format::number(Decimal::new(250, 2), Lang::Fr), "2,5");
        assert_eq!(format::percent(Decimal::new(5, 1), Lang::Fr), "50\u{202F}%");
        assert_eq!(format::percent(Decimal::new(5, 1), Lang::En), "50%");
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }

    #[test]
    fn settlement_follows_the_sign_of_the_balance() {
        assert_eq!(settlement(eur("0.01")), Settlement::Owed);
        assert_eq!(settlement(eur("0.00")), Settlement::Settled);
        assert_eq!(settlement(eur("-0.01")), Settlement::Overpaid);
    }

    #[test]
    fn a_year_without_anything_is_empty_and_settled() {
        let alice = ActorId::new("alice").unwrap();
        let mut network = Network::new();
        let params = Parameters::shipped();
        assert_eq!(
            AnnualStatement::new(&network, &alice, 2021, &FlatRate, params).unwrap_err().code(),
            "network.founding.invalid"
        );
        let founder = Actor {
            level: InvolvementLevel::Steward,
            ..Actor::new(alice.clone(), ActorKind::Association, "Alice", true).unwrap()
        };
        let found =
            Action::FoundNetwork { settings: NetworkSettings::two_tier("Réseau | test"), founders: vec![founder] };
        network.execute(Command::new(&alice, date(2020, 1, 6).unwrap(), found)).unwrap();

        let l = member_year(&network, &alice, 2021, &FlatRate, params).unwrap();
        assert!(l.is_empty());
        assert_eq!((l.due, l.paid, l.offset, l.donated, l.balance), (zero(), zero(), zero(), zero(), zero()));
        assert_eq!(l.settlement(), Settlement::Settled);
        assert_eq!(l.max_offset_share, Some(Decimal::ONE));
        // Before the shipped valuation starts, nothing needs it: no error, no share.
        assert_eq!(member_year(&network, &alice, 2019, &FlatRate, params).unwrap().max_offset_share, None);
        assert_eq!(network_year(&network, 2021, &FlatRate, params).unwrap().members, vec![]);
        assert_eq!(network_year(&network, i32::MAX, &FlatRate, params).unwrap_err().code(), "input.parse.invalid");

        let statement = AnnualStatement::new(&network, &alice, 2021, &FlatRate, params).unwrap();
        let md = statement.to_markdown(Lang::En);
        assert!(md.starts_with("# Annual statement 2021 — Réseau \\| test\n"), "{md}");
        assert!(md.contains("No priced mission.") && md.contains("No payment received."), "{md}");
        assert!(md.contains("No in-kind contribution.") && md.contains("No donation."), "{md}");
        assert_eq!(
            statement.balance_sentence(Lang::Fr),
            "Solde 2021 : **soldé** (dû 0,00\u{A0}€ − compensation en nature 0,00\u{A0}€ − versé 0,00\u{A0}€)."
        );
        let json = serde_json::to_value(&statement).unwrap();
        assert_eq!(json["ledger"]["balance"]["amount"], "0.00");
        assert_eq!(json["member_kind"], "association");
    }
}
