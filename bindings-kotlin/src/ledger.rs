//! The ledger: per member and fiscal year, what is due, paid, given in kind and
//! donated. Computed by the core from the network's state with a policy and
//! its parameters; the records are the core's, derived there (a ledger's
//! settlement is `ledger.settlement()`, exported by the core).

pub use coopetition::fiscal_year::{FiscalYear, FiscalYearChange, FiscalYearStart};
pub use coopetition::ledger::{InKindTotal, MemberLedger, MissionLine, NetworkLedger, Settlement, ValuedDelivery};

use crate::commands::{Action, Event};
use crate::enums::Lang;
use crate::error::Result;
use crate::network::Network;
use crate::policy::{Parameters, Policy};
use chrono::NaiveDate;
use coopetition::ids::ActorId;
use std::sync::Arc;

#[uniffi::export]
impl Network {
    /// A steward sets the fiscal year's first day, `day` of `month` (a day
    /// every year has, so not 29 February), in force from the next fiscal year: the fiscal year
    /// in force on `on` ends the day before the new first day in the
    /// following calendar year.
    ///
    /// # Errors
    /// `auth.steward.required`; `input.parse.invalid` for a day not every
    /// year has; `date.order.invalid` when the fiscal year in force would end
    /// before `on`.
    pub fn set_fiscal_year(&self, by: ActorId, on: NaiveDate, month: u32, day: u32) -> Result<Event> {
        let start = FiscalYearStart::new(month, day)?;
        self.act(by, on, Action::SetFiscalYear { start })
    }

    /// Fiscal year `year` (named after the calendar year it starts in): the
    /// days its ledger and annual statement cover.
    ///
    /// # Errors
    /// `input.parse.invalid` for a year at the calendar's ends.
    pub fn fiscal_year(&self, year: i32) -> Result<FiscalYear> {
        Ok(self.read().fiscal_year(year)?)
    }

    /// The fiscal year `on` falls in.
    ///
    /// # Errors
    /// As [`Network::fiscal_year`].
    pub fn fiscal_year_containing(&self, on: NaiveDate) -> Result<FiscalYear> {
        Ok(self.read().fiscal_year_containing(on)?)
    }

    /// One member's ledger for one fiscal year (see [`Network::fiscal_year`]), its missions priced by `policy`.
    ///
    /// # Errors
    /// `actor.id.unknown`, `input.parse.invalid` (a year at the calendar's ends),
    /// `policy.parameters.not_in_force`, any error of the policy, `money.amount.overflow`.
    #[uniffi::method(default(parameters = None))]
    pub fn ledger(
        &self,
        member: ActorId,
        year: i32,
        policy: Arc<Policy>,
        parameters: Option<Arc<Parameters>>,
    ) -> Result<MemberLedger> {
        let network = self.read();
        let params = crate::policy::parameters_or_shipped(parameters.as_ref());
        Ok(coopetition::ledger::member_year(&network, &member, year, policy.core(), params)?)
    }

    /// The whole network's ledger for one fiscal year.
    ///
    /// # Errors
    /// As [`Network::ledger`].
    #[uniffi::method(default(parameters = None))]
    pub fn network_ledger(
        &self,
        year: i32,
        policy: Arc<Policy>,
        parameters: Option<Arc<Parameters>>,
    ) -> Result<NetworkLedger> {
        let network = self.read();
        let params = crate::policy::parameters_or_shipped(parameters.as_ref());
        Ok(coopetition::ledger::network_year(&network, year, policy.core(), params)?)
    }

    /// A member's annual statement as Markdown in `lang` (its figures are [`Network::ledger`]'s).
    ///
    /// # Errors
    /// `network.founding.invalid` before founding; as [`Network::ledger`].
    #[uniffi::method(default(parameters = None))]
    pub fn annual_statement(
        &self,
        member: ActorId,
        year: i32,
        lang: Lang,
        policy: Arc<Policy>,
        parameters: Option<Arc<Parameters>>,
    ) -> Result<String> {
        let params = crate::policy::parameters_or_shipped(parameters.as_ref());
        Ok(coopetition::ledger::annual_statement(&self.read(), &member, year, policy.core(), params, lang)?)
    }

    /// The accounting export: one entry per fact dated from `start`
    /// (included) to `end` (excluded): money due for each mission won, priced
    /// by `policy` (no amount for a mission not priced yet, never a zero),
    /// payments, deliveries in kind valued on their dates, donations.
    ///
    /// # Errors
    /// `date.order.invalid` when `end` precedes `start`;
    /// `policy.parameters.not_in_force`, any error of the policy, `money.amount.overflow`.
    #[uniffi::method(default(parameters = None))]
    pub fn ledger_entries(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        policy: Arc<Policy>,
        parameters: Option<Arc<Parameters>>,
    ) -> Result<Vec<coopetition::ledger_export::LedgerEntry>> {
        let params = crate::policy::parameters_or_shipped(parameters.as_ref());
        Ok(coopetition::ledger_export::ledger_entries(&self.read(), start, end, policy.core(), params)?)
    }
}
