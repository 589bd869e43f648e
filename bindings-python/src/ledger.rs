//! The ledger: per member and year, what is due, paid, given in kind and donated.

use crate::convert::{actor_id, lang};
use crate::errors::IntoPy;
use crate::handle::PyNetwork;
use crate::policy::{params_or_shipped, PyParameters, PyPolicy};
use coopetition::labels::Labelled;
use coopetition::ledger::{self, MemberLedger, MissionLine, NetworkLedger, Settlement};
use coopetition::policy::{ContributionPolicy, Parameters};
use coopetition::prelude::*;
use pyo3::prelude::*;
use pyo3::types::PyAny;

/// One mission in a member's ledger.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "LedgerLine", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyLedgerLine(pub MissionLine);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyLedgerLine {
    /// Mission id.
    #[getter]
    fn mission(&self) -> &str {
        self.0.mission.as_str()
    }
    /// Mission title.
    #[getter]
    fn title(&self) -> &str {
        &self.0.title
    }
    /// Date won.
    #[getter]
    fn won_on(&self) -> chrono::NaiveDate {
        self.0.won_on
    }
    /// Revenue.
    #[getter]
    fn revenue(&self) -> Decimal {
        self.0.revenue.amount()
    }
    /// Assessment status.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.label()
    }
    /// Amount due, when priced.
    #[getter]
    fn amount(&self) -> Option<Decimal> {
        self.0.amount.map(|m| m.amount())
    }
    /// Provenance of the amount.
    #[getter]
    fn provenance(&self) -> &'static str {
        self.0.provenance.label()
    }
    /// Guide situation, if any.
    #[getter]
    fn situation(&self) -> Option<&str> {
        self.0.situation.as_deref()
    }
    fn __repr__(&self) -> String {
        format!(
            "LedgerLine(mission='{}', won_on={}, status='{}', amount={})",
            self.0.mission,
            self.0.won_on,
            self.status(),
            self.0.amount.map_or("None".into(), |m| format!("Decimal('{}')", m.amount()))
        )
    }
}

/// A member's ledger for one calendar year.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "MemberLedger", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyMemberLedger(pub MemberLedger);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyMemberLedger {
    /// The member.
    #[getter]
    fn member(&self) -> &str {
        self.0.member.as_str()
    }
    /// The year.
    #[getter]
    fn year(&self) -> i32 {
        self.0.year
    }
    /// The policy that priced the missions.
    #[getter]
    fn policy(&self) -> &str {
        &self.0.policy
    }
    /// The missions won that year.
    #[getter]
    fn missions(&self) -> Vec<PyLedgerLine> {
        self.0.missions.iter().cloned().map(PyLedgerLine).collect()
    }
    /// Money due (priced missions only).
    #[getter]
    fn due(&self) -> Decimal {
        self.0.due.amount()
    }
    /// Missions the policy could not price (never counted as zero).
    #[getter]
    fn unpriced(&self) -> Vec<String> {
        self.0.unpriced.iter().map(|m| m.to_string()).collect()
    }
    /// Money paid that year.
    #[getter]
    fn paid(&self) -> Decimal {
        self.0.paid.amount()
    }
    /// In-kind deliveries per contribution and unit: `(contribution, unit, quantity, value)`.
    #[getter]
    fn in_kind(&self) -> Vec<(String, &'static str, Decimal, Decimal)> {
        self.0.in_kind.iter().map(|t| (t.contribution.clone(), t.unit.label(), t.quantity, t.value.amount())).collect()
    }
    /// Value of the in-kind deliveries.
    #[getter]
    fn in_kind_value(&self) -> Decimal {
        self.0.in_kind_value.amount()
    }
    /// In-kind credit the policy itself recognised (shown, never offset).
    #[getter]
    fn policy_in_kind_credit(&self) -> Decimal {
        self.0.policy_in_kind_credit.amount()
    }
    /// The most in-kind value may offset.
    #[getter]
    fn offset_cap(&self) -> Decimal {
        self.0.offset_cap.amount()
    }
    /// In-kind value applied against money due.
    #[getter]
    fn offset(&self) -> Decimal {
        self.0.offset.amount()
    }
    /// Donations (beside, never reducing the amount due).
    #[getter]
    fn donated(&self) -> Decimal {
        self.0.donated.amount()
    }
    /// Due − offset − paid: positive is still owed, negative overpaid.
    #[getter]
    fn balance(&self) -> Decimal {
        self.0.balance.amount()
    }
    /// `owed`, `settled` or `overpaid`.
    #[getter]
    fn settlement(&self) -> &'static str {
        match self.0.settlement() {
            Settlement::Owed => "owed",
            Settlement::Settled => "settled",
            Settlement::Overpaid => "overpaid",
        }
    }
    /// The whole ledger as plain data (money as decimal strings).
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    fn __repr__(&self) -> String {
        format!(
            "MemberLedger(member='{}', year={}, due=Decimal('{}'), paid=Decimal('{}'), offset=Decimal('{}'), balance=Decimal('{}'), unpriced={})",
            self.0.member,
            self.0.year,
            self.0.due.amount(),
            self.0.paid.amount(),
            self.0.offset.amount(),
            self.0.balance.amount(),
            self.0.unpriced.len()
        )
    }
}

/// The whole network's ledger for a year.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "NetworkLedger", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyNetworkLedger(pub NetworkLedger);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyNetworkLedger {
    /// The year.
    #[getter]
    fn year(&self) -> i32 {
        self.0.year
    }
    /// One ledger per member with anything that year.
    #[getter]
    fn members(&self) -> Vec<PyMemberLedger> {
        self.0.members.iter().cloned().map(PyMemberLedger).collect()
    }
    /// Total due.
    #[getter]
    fn due(&self) -> Decimal {
        self.0.due.amount()
    }
    /// Total paid.
    #[getter]
    fn paid(&self) -> Decimal {
        self.0.paid.amount()
    }
    /// Total in-kind offset.
    #[getter]
    fn offset(&self) -> Decimal {
        self.0.offset.amount()
    }
    /// Total donated.
    #[getter]
    fn donated(&self) -> Decimal {
        self.0.donated.amount()
    }
    /// Total balance.
    #[getter]
    fn balance(&self) -> Decimal {
        self.0.balance.amount()
    }
    /// Every unpriced mission.
    #[getter]
    fn unpriced(&self) -> Vec<String> {
        self.0.unpriced.iter().map(|m| m.to_string()).collect()
    }
    /// The whole ledger as plain data.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    fn __repr__(&self) -> String {
        format!(
            "NetworkLedger(year={}, members={}, due=Decimal('{}'), balance=Decimal('{}'))",
            self.0.year,
            self.0.members.len(),
            self.0.due.amount(),
            self.0.balance.amount()
        )
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
) -> PyResult<PyMemberLedger> {
    let member = actor_id(member)?;
    query(network, policy, parameters, |n, policy, params| ledger::member_year(n, &member, year, policy, params))
        .map(PyMemberLedger)
}

/// The network's ledger for a year (see `Network.network_ledger`).
pub fn whole(
    network: &PyNetwork,
    year: i32,
    policy: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
) -> PyResult<PyNetworkLedger> {
    query(network, policy, parameters, |n, policy, params| ledger::network_year(n, year, policy, params))
        .map(PyNetworkLedger)
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
) -> PyResult<crate::types::PyAssessment> {
    let mission = crate::convert::mission_id(mission)?;
    query(network, policy, parameters, |n, policy, params| {
        policy.evaluate(&coopetition::policy::MissionFacts::from_network(n, &mission)?, params)
    })
    .map(crate::types::PyAssessment)
}

/// Registers the ledger classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyLedgerLine>()?;
    m.add_class::<PyMemberLedger>()?;
    m.add_class::<PyNetworkLedger>()?;
    Ok(())
}
