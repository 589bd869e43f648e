//! The ledger: per member and year, what is due, paid, given in kind and donated.
//! The ledgers are the core's records; this module runs the queries.

use crate::convert::{actor_id, lang};
use crate::errors::IntoPy;
use crate::handle::PyNetwork;
use crate::policy::{params_or_shipped, PyParameters, PyPolicy};
use coopetition::ledger::{self, MemberLedger, NetworkLedger};
use coopetition::policy::{ContributionPolicy, Parameters};
use coopetition::prelude::*;
use pyo3::prelude::*;
use pyo3::types::PyAny;

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
