//! [`MissionTable`]: owned columns of missions, converted from
//! [`MissionFacts`] (tests, benchmarks, bindings that start from JSON).

use super::{days_from_date, row_error, MissionColumns, NegotiationColumns};
use crate::error::Result;
use crate::labels::Labelled;
use crate::money::Money;
use crate::policy::facts::{MissionFacts, NegotiationState};

/// Owned columns of missions, with a provider dictionary: converts
/// [`MissionFacts`] into the columnar form (tests, benchmarks, bindings that
/// start from JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissionTable {
    /// Provider of each row, as an index into `provider_names`.
    pub provider: Vec<u32>,
    /// The provider dictionary.
    pub provider_names: Vec<String>,
    /// See [`MissionColumns::revenue_cents`].
    pub revenue_cents: Vec<i64>,
    /// See [`MissionColumns::won_on`].
    pub won_on: Vec<i32>,
    /// See [`MissionColumns::lead_origin`].
    pub lead_origin: Vec<u8>,
    /// See [`MissionColumns::lead_origin_basis`]; empty: every origin declared.
    pub lead_origin_basis: Vec<u8>,
    /// See [`MissionColumns::partners`].
    pub partners: Vec<u32>,
    /// See [`MissionColumns::shared_resources`].
    pub shared_resources: Vec<u32>,
    /// See [`MissionColumns::steward_workstream`].
    pub steward_workstream: Vec<bool>,
    /// See [`MissionColumns::client_informed`].
    pub client_informed: Vec<bool>,
    /// Declared contributions in cents (0 when not declared).
    pub declared_cents: Vec<i64>,
    /// Whether a contribution was declared.
    pub declared_valid: Vec<bool>,
    /// See [`NegotiationColumns::status`].
    pub negotiation_status: Vec<u8>,
    /// See [`NegotiationColumns::amount_cents`].
    pub negotiation_amount_cents: Vec<i64>,
    /// See [`NegotiationColumns::amount_valid`].
    pub negotiation_amount_valid: Vec<bool>,
    /// See [`NegotiationColumns::offers`].
    pub negotiation_offers: Vec<u32>,
    /// See [`NegotiationColumns::on`].
    pub negotiation_on: Vec<i32>,
    /// Donations in cents.
    pub donations_cents: Vec<i64>,
}

impl MissionTable {
    /// The table of `missions`, in order.
    ///
    /// # Errors
    /// `batch.row.invalid` when an amount is not a whole number of cents
    /// fitting 64 bits.
    pub fn from_facts(missions: &[MissionFacts]) -> Result<MissionTable> {
        let mut t = MissionTable::default();
        for m in missions {
            t.push(m)?;
        }
        Ok(t)
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.revenue_cents.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.revenue_cents.is_empty()
    }

    /// Appends a mission (nothing is appended on error).
    ///
    /// # Errors
    /// As [`MissionTable::from_facts`].
    pub fn push(&mut self, m: &MissionFacts) -> Result<()> {
        let row = self.len();
        let cents = |column: &str, money: Money| {
            money
                .to_cents()
                .ok_or_else(|| row_error(column, row, format!("`{}` is not a whole number of cents", money.amount())))
        };
        let revenue = cents("revenue", m.revenue)?;
        let declared = m.declared.map(|d| cents("declared", d)).transpose()?;
        let donations = cents("donations", m.donations)?;
        let (status, amount, offers, on) = match m.negotiation {
            NegotiationState::NotOpened {} => (NegotiationColumns::NOT_OPENED, None, 0, 0),
            NegotiationState::Open { offers, last_offer } => {
                (NegotiationColumns::OPEN, last_offer.map(|a| cents("negotiation_amount", a)).transpose()?, offers, 0)
            }
            NegotiationState::Agreed { amount, on, offers } => {
                (NegotiationColumns::AGREED, Some(cents("negotiation_amount", amount)?), offers, days_from_date(on))
            }
            NegotiationState::Stalemate { on, offers } => {
                (NegotiationColumns::STALEMATE, None, offers, days_from_date(on))
            }
        };
        let provider = match self.provider_names.iter().position(|p| p == m.provider.as_str()) {
            Some(i) => i,
            None => {
                self.provider_names.push(m.provider.as_str().to_owned());
                self.provider_names.len() - 1
            }
        };
        self.provider.push(u32::try_from(provider).unwrap_or(u32::MAX));
        self.revenue_cents.push(revenue);
        self.won_on.push(days_from_date(m.won_on));
        self.lead_origin.push(u8::try_from(m.lead_origin.index()).unwrap_or(u8::MAX));
        self.lead_origin_basis.push(u8::try_from(m.lead_origin_basis.index()).unwrap_or(u8::MAX));
        self.partners.push(m.partners);
        self.shared_resources.push(m.shared_resources);
        self.steward_workstream.push(m.steward_workstream);
        self.client_informed.push(m.client_informed);
        self.declared_cents.push(declared.unwrap_or(0));
        self.declared_valid.push(declared.is_some());
        self.negotiation_status.push(status);
        self.negotiation_amount_cents.push(amount.unwrap_or(0));
        self.negotiation_amount_valid.push(amount.is_some());
        self.negotiation_offers.push(offers);
        self.negotiation_on.push(on);
        self.donations_cents.push(donations);
        Ok(())
    }

    /// The table as borrowed columns, every optional column present (the
    /// lead-origin basis when it is not empty).
    pub fn columns(&self) -> MissionColumns<'_> {
        MissionColumns {
            revenue_cents: &self.revenue_cents,
            won_on: &self.won_on,
            lead_origin: &self.lead_origin,
            lead_origin_basis: (!self.lead_origin_basis.is_empty()).then_some(&self.lead_origin_basis[..]),
            partners: &self.partners,
            shared_resources: &self.shared_resources,
            steward_workstream: &self.steward_workstream,
            client_informed: &self.client_informed,
            declared_cents: Some((&self.declared_cents, &self.declared_valid)),
            negotiation: Some(NegotiationColumns {
                status: &self.negotiation_status,
                amount_cents: &self.negotiation_amount_cents,
                amount_valid: Some(&self.negotiation_amount_valid),
                offers: &self.negotiation_offers,
                on: &self.negotiation_on,
                on_valid: None,
            }),
            donations_cents: Some(&self.donations_cents),
        }
    }
}
