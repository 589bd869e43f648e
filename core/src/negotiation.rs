//! Contributions recorded in the journal: declarations, negotiations,
//! payments, donations and in-kind deliveries.

use crate::error::{Error, Result};
use crate::ids::{ActorId, MissionId};
use crate::labels::labelled_enum;
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A provider's self-assessed contribution for a won mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Declaration {
    /// The declared amount, between 0 and the revenue.
    pub amount: Money,
    /// When it was declared.
    pub on: NaiveDate,
}

labelled_enum!(
    /// A party to a negotiation.
    Party, "negotiation party", {
        /// The provider who won the mission.
        Provider => "provider",
        /// The network, represented by a steward.
        Network => "network",
    }
);

/// A dated offer in a negotiation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Offer {
    /// Which side offered.
    pub party: Party,
    /// Who made it (the provider, or a steward for the network).
    pub by: ActorId,
    /// The amount offered.
    pub amount: Money,
    /// When.
    pub on: NaiveDate,
}

labelled_enum!(
    /// Where a negotiation stands.
    NegotiationStatus, "negotiation status", {
        /// Offers are being exchanged.
        Open => "open",
        /// The parties agreed on the last offer.
        Agreed => "agreed",
        /// The negotiation ended without agreement (it may be reopened).
        Stalemate => "stalemate",
    }
);

/// The agreement that closes a negotiation: the amount accepted, and when.
///
/// Written as the pair `[amount, date]`, the form journals and snapshots
/// have always held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(Money, NaiveDate)", into = "(Money, NaiveDate)")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Agreement {
    /// The amount agreed: the last offer, accepted.
    pub amount: Money,
    /// The date of the acceptance.
    pub on: NaiveDate,
}

impl From<(Money, NaiveDate)> for Agreement {
    fn from((amount, on): (Money, NaiveDate)) -> Agreement {
        Agreement { amount, on }
    }
}

impl From<Agreement> for (Money, NaiveDate) {
    fn from(a: Agreement) -> (Money, NaiveDate) {
        (a.amount, a.on)
    }
}

/// The negotiation of one won mission's contribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Negotiation {
    /// The mission.
    pub mission: MissionId,
    /// Where it stands.
    pub status: NegotiationStatus,
    /// Every offer, oldest first.
    pub offers: Vec<Offer>,
    /// The agreed amount and date, once agreed.
    pub agreed: Option<Agreement>,
    /// The date of the last stalemate, if any.
    pub stalemate_on: Option<NaiveDate>,
}

/// Where the negotiation of a mission's contribution stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass_complex_enum,
    pyo3::pyclass(module = "coopetition", frozen, eq, from_py_object)
)]
pub enum NegotiationState {
    /// No negotiation was opened. (Braces, not a unit variant: Python's
    /// classes of a data-carrying enumeration have no unit variant.)
    NotOpened {},
    /// Offers are being exchanged.
    Open {
        /// Number of offers so far.
        offers: u32,
        /// The last offer, if any.
        last_offer: Option<Money>,
    },
    /// The parties agreed.
    Agreed {
        /// The agreed contribution.
        amount: Money,
        /// When.
        on: NaiveDate,
        /// Number of offers made.
        offers: u32,
    },
    /// The negotiation ended without agreement.
    Stalemate {
        /// When.
        on: NaiveDate,
        /// Number of offers made.
        offers: u32,
    },
}

labelled_enum!(
    /// The stage of a [`NegotiationState`], without its figures. Its label is
    /// the `state` of the negotiation's JSON and binding forms; its position
    /// in [`Labelled::ALL`](crate::labels::Labelled::ALL) is the code of a batch's `negotiation_state`
    /// column (`NegotiationColumns` of the batch evaluation).
    NegotiationStage, "negotiation state", {
        /// No negotiation was opened.
        NotOpened => "not_opened",
        /// Offers are being exchanged.
        Open => "open",
        /// The parties agreed.
        Agreed => "agreed",
        /// The negotiation ended without agreement.
        Stalemate => "stalemate",
    }
);

impl Default for NegotiationState {
    fn default() -> NegotiationState {
        NegotiationState::NotOpened {}
    }
}

impl NegotiationState {
    /// The stage the negotiation is at.
    pub fn stage(&self) -> NegotiationStage {
        match self {
            NegotiationState::NotOpened {} => NegotiationStage::NotOpened,
            NegotiationState::Open { .. } => NegotiationStage::Open,
            NegotiationState::Agreed { .. } => NegotiationStage::Agreed,
            NegotiationState::Stalemate { .. } => NegotiationStage::Stalemate,
        }
    }
}

impl Negotiation {
    /// The summary policies use.
    pub fn state(&self) -> NegotiationState {
        let offers = u32::try_from(self.offers.len()).unwrap_or(u32::MAX);
        match (self.status, self.agreed, self.stalemate_on) {
            (NegotiationStatus::Agreed, Some(Agreement { amount, on }), _) => {
                NegotiationState::Agreed { amount, on, offers }
            }
            (NegotiationStatus::Stalemate, _, Some(on)) => NegotiationState::Stalemate { on, offers },
            _ => NegotiationState::Open { offers, last_offer: self.offers.last().map(|o| o.amount) },
        }
    }

    /// The last offer.
    pub fn last_offer(&self) -> Option<&Offer> {
        self.offers.last()
    }

    pub(crate) fn state_error(&self, action: &'static str) -> Error {
        Error::NegotiationState {
            mission: self.mission.to_string(),
            action,
            state: crate::labels::Labelled::label(self.status),
        }
    }
}

labelled_enum!(
    /// What an in-kind delivery counts.
    DeliveryUnit, "delivery unit", {
        /// Hours of work (a workstream, volunteering, an own proposal…).
        Hours => "hours",
        /// Events held.
        Events => "events",
        /// Project holders welcomed and guided.
        ProjectHolders => "project_holders",
    }
);

/// A payment of money to the network by a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Payment {
    /// The member who paid.
    pub member: ActorId,
    /// The amount (positive).
    pub amount: Money,
    /// When it was received.
    pub on: NaiveDate,
    /// A reference (invoice, transfer), free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub reference: String,
}

/// A voluntary donation, never counted as money due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Donation {
    /// The donor.
    pub member: ActorId,
    /// The amount (positive).
    pub amount: Money,
    /// When it was received.
    pub on: NaiveDate,
    /// The mission it thanks the network for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub mission: Option<MissionId>,
}

/// A delivery of an in-kind contribution chosen in the member's contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Delivery {
    /// The member.
    pub member: ActorId,
    /// The contribution option of the contract (`workstream`, `recurring_event`…).
    pub contribution: String,
    /// What is counted.
    pub unit: DeliveryUnit,
    /// How many (positive; hours may be fractional).
    #[serde(with = "rust_decimal::serde::str")]
    pub quantity: Decimal,
    /// When it was delivered.
    pub on: NaiveDate,
    /// What was done.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub note: String,
}

/// Checks an amount is positive (payments, donations).
///
/// # Errors
/// `money.amount.precision` or `money.amount.range` for an amount that is not
/// input money, `money.amount.negative` for a negative amount, `input.parse.invalid` for zero.
pub(crate) fn positive(amount: Money, field: &'static str) -> Result<()> {
    amount.ensure_input()?.ensure_not_negative(field)?;
    if amount.amount().is_zero() {
        return Err(Error::Parse { value: "0".into(), expected: "a positive amount" });
    }
    Ok(())
}
