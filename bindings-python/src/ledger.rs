//! The ledger: per member and year, what is due, paid, given in kind and donated.
//! The ledgers are the core's records; this module runs the queries.

use crate::convert::{actor_id, lang, Str};
use crate::errors::IntoPy;
use crate::handle::PyNetwork;
use crate::policy::{params_or_shipped, PyParameters, PyPolicy};
use coopetition::fiscal_year::{FiscalYear, FiscalYearStart};
use coopetition::ledger::{self, MemberLedger, NetworkLedger};
use coopetition::policy::{ContributionPolicy, Parameters};
use coopetition::prelude::*;
use pyo3::prelude::*;
use pyo3::types::PyAny;

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNetwork {
    /// A steward sets the fiscal year's first day (`month`, `day`: a day every
    /// year has, so not 29 February), in force from the next fiscal year: the
    /// fiscal year in force on `on` ends the day before the new first day in
    /// the following calendar year (`date.order.invalid` if that day is past).
    fn set_fiscal_year(&self, by: Str<'_>, on: chrono::NaiveDate, month: u32, day: u32) -> PyResult<Event> {
        let start = FiscalYearStart::new(month, day).py()?;
        self.run(&by, on, Action::SetFiscalYear { start })
    }

    /// Fiscal year `year` (named after the calendar year it starts in): the
    /// days its ledger and annual statement cover.
    fn fiscal_year(&self, year: i32) -> PyResult<FiscalYear> {
        self.read()?.fiscal_year(year).py()
    }

    /// The fiscal year `on` falls in.
    fn fiscal_year_containing(&self, on: chrono::NaiveDate) -> PyResult<FiscalYear> {
        self.read()?.fiscal_year_containing(on).py()
    }

    /// A member's ledger for a fiscal year (see `fiscal_year`), under a policy (flat by default):
    /// due, paid, in kind, offset, donations, balance.
    #[pyo3(signature = (member, year, policy = None, parameters = None))]
    fn ledger(
        &self,
        member: Str<'_>,
        year: i32,
        #[gen_stub(override_type(type_repr = "Policy | PolicyProtocol | None", imports = ("coopetition._types.PolicyProtocol")))]
        policy: Option<&Bound<'_, PyAny>>,
        parameters: Option<PyRef<'_, PyParameters>>,
    ) -> PyResult<MemberLedger> {
        self::member(self, &member, year, policy, parameters)
    }

    /// What a reported mission owes under a policy (flat by default), with its explanation.
    #[pyo3(signature = (mission, policy = None, parameters = None))]
    fn assess(
        &self,
        mission: Str<'_>,
        #[gen_stub(override_type(type_repr = "Policy | PolicyProtocol | None", imports = ("coopetition._types.PolicyProtocol")))]
        policy: Option<&Bound<'_, PyAny>>,
        parameters: Option<PyRef<'_, PyParameters>>,
    ) -> PyResult<coopetition::policy::Assessment> {
        assess(self, &mission, policy, parameters)
    }

    /// The whole network's ledger for a fiscal year (see `fiscal_year`).
    #[pyo3(signature = (year, policy = None, parameters = None))]
    fn network_ledger(
        &self,
        year: i32,
        #[gen_stub(override_type(type_repr = "Policy | PolicyProtocol | None", imports = ("coopetition._types.PolicyProtocol")))]
        policy: Option<&Bound<'_, PyAny>>,
        parameters: Option<PyRef<'_, PyParameters>>,
    ) -> PyResult<NetworkLedger> {
        whole(self, year, policy, parameters)
    }

    /// A member's annual statement, as Markdown in `lang` (`"fr"` or `"en"`).
    #[pyo3(signature = (member, year, lang = "fr", policy = None, parameters = None))]
    fn annual_statement(
        &self,
        member: Str<'_>,
        year: i32,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        lang: &str,
        #[gen_stub(override_type(type_repr = "Policy | PolicyProtocol | None", imports = ("coopetition._types.PolicyProtocol")))]
        policy: Option<&Bound<'_, PyAny>>,
        parameters: Option<PyRef<'_, PyParameters>>,
    ) -> PyResult<String> {
        statement(self, &member, year, lang, policy, parameters)
    }

    /// The accounting export: one row per fact dated from `start` (included)
    /// to `end` (excluded), as a pyarrow table: `on`, `member`, `kind`
    /// (`due` for each mission won, priced by `policy`, flat by default;
    /// `paid`; `in_kind`, each delivery valued on its date; `donation`),
    /// `mission`, `amount` (exact; null only for a mission not priced yet,
    /// never a zero), `status`, `detail`. The yearly offset of in-kind value
    /// is in the annual statement, not a row.
    #[pyo3(signature = (start, end, policy = None, parameters = None))]
    fn ledger_entries<'py>(
        &self,
        py: Python<'py>,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
        #[gen_stub(override_type(type_repr = "Policy | PolicyProtocol | None", imports = ("coopetition._types.PolicyProtocol")))]
        policy: Option<&Bound<'_, PyAny>>,
        parameters: Option<PyRef<'_, PyParameters>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        entries(py, self, start, end, policy, parameters)
    }

    /// Writes the accounting export (see `ledger_entries`) to `path`: CSV
    /// for a name ending in `.csv`, Parquet for `.parquet` (with pyarrow).
    #[pyo3(signature = (path, start, end, policy = None, parameters = None))]
    fn export_ledger<'py>(
        &self,
        py: Python<'py>,
        #[gen_stub(override_type(type_repr = "str | os.PathLike[str]", imports = ("os")))] path: &Bound<'py, PyAny>,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
        #[gen_stub(override_type(type_repr = "Policy | PolicyProtocol | None", imports = ("coopetition._types.PolicyProtocol")))]
        policy: Option<&Bound<'_, PyAny>>,
        parameters: Option<PyRef<'_, PyParameters>>,
    ) -> PyResult<()> {
        let table = entries(py, self, start, end, policy, parameters)?;
        py.import("coopetition._export")?.call_method1("write_table", (table, path))?;
        Ok(())
    }
}

/// Runs a ledger query with the given policy (the flat rate by default) and
/// parameters (the shipped ones by default), on a copy of the network and
/// with the GIL released: a Python policy takes the GIL back for each mission
/// and may read, or change, the same network without deadlock.
fn query<T: Send>(
    network: &PyNetwork,
    policy: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
    f: impl FnOnce(&Network, &dyn ContributionPolicy, &Parameters) -> coopetition::Result<T> + Send,
) -> PyResult<T> {
    let policy = policy.map_or_else(|| Ok(PyPolicy::flat_default()), PyPolicy::from_object)?;
    let params = params_or_shipped(parameters);
    let network = network.read()?;
    Python::attach(|py| py.detach(|| f(&network, policy.inner.as_ref(), &params))).py()
}

/// A member's ledger for a year (see `Network.ledger`).
pub fn member(
    network: &PyNetwork,
    member: &str,
    year: i32,
    policy: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
) -> PyResult<MemberLedger> {
    let member = actor_id(member)?;
    query(network, policy, parameters, |n, policy, params| ledger::member_year(n, &member, year, policy, params))
}

/// The network's ledger for a year (see `Network.network_ledger`).
pub fn whole(
    network: &PyNetwork,
    year: i32,
    policy: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
) -> PyResult<NetworkLedger> {
    query(network, policy, parameters, |n, policy, params| ledger::network_year(n, year, policy, params))
}

/// A member's annual statement as Markdown (see `Network.annual_statement`).
pub fn statement(
    network: &PyNetwork,
    member: &str,
    year: i32,
    language: &str,
    policy: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
) -> PyResult<String> {
    let (member, l) = (actor_id(member)?, lang(language)?);
    query(network, policy, parameters, |n, policy, params| {
        ledger::annual_statement(n, &member, year, policy, params, l)
    })
}

/// What a reported mission owes under a policy (see `Network.assess`).
pub fn assess(
    network: &PyNetwork,
    mission: &str,
    policy: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
) -> PyResult<coopetition::policy::Assessment> {
    let mission = crate::convert::mission_id(mission)?;
    query(network, policy, parameters, |n, policy, params| {
        policy.evaluate(&coopetition::policy::MissionFacts::from_network(n, &mission)?, params)
    })
}

/// The accounting export over `[start, end)` as a pyarrow table (see `Network.ledger_entries`).
pub fn entries<'py>(
    py: Python<'py>,
    network: &PyNetwork,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    policy: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
) -> PyResult<Bound<'py, PyAny>> {
    let entries = query(network, policy, parameters, |n, policy, params| {
        coopetition::ledger_export::ledger_entries(n, start, end, policy, params)
    })?;
    crate::summary::to_pyarrow(py, coopetition_arrow::ledger_batch(&entries).py()?)
}
