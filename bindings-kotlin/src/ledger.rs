//! The ledger: per member and year, what is due, paid, given in kind and
//! donated, and the annual statement. Computed by the core from the
//! network's state with a policy and its parameters.

use crate::enums::ActorKind;
use crate::types::{Delivery, Donation, Payment};
use coopetition::ids::{ActorId, MissionId};
use coopetition::ledger::{
    AnnualStatement as CoreAnnualStatement, MemberLedger as CoreMemberLedger, NetworkLedger as CoreNetworkLedger,
    Settlement as CoreSettlement, ValuedDelivery as CoreValuedDelivery,
};
use rust_decimal::Decimal;

pub use coopetition::ledger::{InKindTotal, MissionLine};

fn map<A, B: From<A>>(items: Vec<A>) -> Vec<B> {
    items.into_iter().map(B::from).collect()
}

/// Whether a balance is still owed, settled or overpaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Settlement {
    /// The balance is positive: money is still owed.
    Owed,
    /// The balance is zero.
    Settled,
    /// The balance is negative: more was paid than due.
    Overpaid,
}

impl From<CoreSettlement> for Settlement {
    fn from(s: CoreSettlement) -> Settlement {
        match s {
            CoreSettlement::Owed => Settlement::Owed,
            CoreSettlement::Settled => Settlement::Settled,
            CoreSettlement::Overpaid => Settlement::Overpaid,
        }
    }
}

/// An in-kind delivery with its value.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ValuedDelivery {
    /// The delivery as recorded.
    pub delivery: Delivery,
    /// The value of one unit in euros, in force on the delivery date.
    pub unit_value: Decimal,
    /// Quantity × unit value, rounded to the cent.
    pub value: Decimal,
}

impl From<CoreValuedDelivery> for ValuedDelivery {
    fn from(v: CoreValuedDelivery) -> ValuedDelivery {
        ValuedDelivery { delivery: v.delivery, unit_value: v.unit_value.amount(), value: v.value.amount() }
    }
}

/// One member's ledger for one calendar year (amounts in euros).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MemberLedger {
    /// The member.
    pub member: ActorId,
    /// The calendar year.
    pub year: i32,
    /// The name of the policy that priced the missions.
    pub policy: String,
    /// The missions won that year, priced or not, by date won then id.
    pub missions: Vec<MissionLine>,
    /// The sum of the priced amounts.
    pub due: Decimal,
    /// The missions the policy could not price, by date won then id.
    pub unpriced: Vec<MissionId>,
    /// Payments received that year, in journal order.
    pub payments: Vec<Payment>,
    /// Their sum.
    pub paid: Decimal,
    /// In-kind deliveries of that year, valued, in journal order.
    pub deliveries: Vec<ValuedDelivery>,
    /// The deliveries per contribution and unit.
    pub in_kind: Vec<InKindTotal>,
    /// The value of every delivery of the year.
    pub in_kind_value: Decimal,
    /// The in-kind credit the policy recognised in its assessments (shown, never offset).
    pub policy_in_kind_credit: Decimal,
    /// The share of the money due that in-kind value may offset, in force on 31 December.
    pub max_offset_share: Option<Decimal>,
    /// The most that may be offset: share × due, rounded to the cent.
    pub offset_cap: Decimal,
    /// The in-kind value applied against the money due: min(value, cap).
    pub offset: Decimal,
    /// Donations received that year, in journal order.
    pub donations: Vec<Donation>,
    /// Their sum, recorded beside the money due.
    pub donated: Decimal,
    /// due − offset − paid: positive, still owed; negative, overpaid.
    pub balance: Decimal,
    /// Whether the balance is owed, settled or overpaid.
    pub settlement: Settlement,
}

impl From<CoreMemberLedger> for MemberLedger {
    fn from(l: CoreMemberLedger) -> MemberLedger {
        let settlement = l.settlement().into();
        MemberLedger {
            member: l.member,
            year: l.year,
            policy: l.policy,
            missions: l.missions,
            due: l.due.amount(),
            unpriced: l.unpriced,
            payments: map(l.payments),
            paid: l.paid.amount(),
            deliveries: map(l.deliveries),
            in_kind: l.in_kind,
            in_kind_value: l.in_kind_value.amount(),
            policy_in_kind_credit: l.policy_in_kind_credit.amount(),
            max_offset_share: l.max_offset_share,
            offset_cap: l.offset_cap.amount(),
            offset: l.offset.amount(),
            donations: map(l.donations),
            donated: l.donated.amount(),
            balance: l.balance.amount(),
            settlement,
        }
    }
}

/// The whole network's ledger for one calendar year (amounts in euros).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NetworkLedger {
    /// The network's name.
    pub network: String,
    /// The calendar year.
    pub year: i32,
    /// The name of the policy that priced the missions.
    pub policy: String,
    /// One ledger per member with activity that year.
    pub members: Vec<MemberLedger>,
    /// Total due.
    pub due: Decimal,
    /// Every mission the policy could not price.
    pub unpriced: Vec<MissionId>,
    /// Total paid.
    pub paid: Decimal,
    /// Total in-kind value delivered.
    pub in_kind_value: Decimal,
    /// Total in-kind credit recognised by the policy.
    pub policy_in_kind_credit: Decimal,
    /// Total offset.
    pub offset: Decimal,
    /// Total donated.
    pub donated: Decimal,
    /// Total balance.
    pub balance: Decimal,
}

impl From<CoreNetworkLedger> for NetworkLedger {
    fn from(l: CoreNetworkLedger) -> NetworkLedger {
        NetworkLedger {
            network: l.network,
            year: l.year,
            policy: l.policy,
            members: map(l.members),
            due: l.due.amount(),
            unpriced: l.unpriced,
            paid: l.paid.amount(),
            in_kind_value: l.in_kind_value.amount(),
            policy_in_kind_credit: l.policy_in_kind_credit.amount(),
            offset: l.offset.amount(),
            donated: l.donated.amount(),
            balance: l.balance.amount(),
        }
    }
}

/// A member's annual statement: its ledger, the names it is shown with, and
/// the statement rendered in the requested language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AnnualStatement {
    /// The network's name.
    pub network: String,
    /// The member's display name.
    pub member_name: String,
    /// The member's kind.
    pub member_kind: ActorKind,
    /// The ledger.
    pub ledger: MemberLedger,
    /// The sentence that states the balance.
    pub balance_sentence: String,
    /// The whole statement as Markdown.
    pub markdown: String,
}

impl AnnualStatement {
    pub(crate) fn new(s: CoreAnnualStatement, lang: coopetition::text::Lang) -> AnnualStatement {
        let balance_sentence = s.balance_sentence(lang);
        let markdown = s.to_markdown(lang);
        AnnualStatement {
            network: s.network,
            member_name: s.member_name,
            member_kind: s.member_kind,
            ledger: s.ledger.into(),
            balance_sentence,
            markdown,
        }
    }
}
