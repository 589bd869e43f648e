//! Charter follow-up from Python: compliance, standing, directory, documents.

use crate::convert::{actor_id, contract_id, label, lang};
use crate::errors::IntoPy;
use coopetition::compliance::{ComplianceReport, EngagementCheck, MemberCompliance, StatusCounts};
use coopetition::directory::DirectoryEntry;
use coopetition::labels::Labelled;
use coopetition::standing::{LevelSuggestion, StandingProposal};
use pyo3::prelude::*;

fn counts_tuple(c: &StatusCounts) -> (u32, u32, u32, u32) {
    (c.met, c.pending, c.late, c.breached)
}

/// One engagement judged: article, rule, status and the journal events that prove it.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "EngagementCheck", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyEngagementCheck(pub EngagementCheck);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyEngagementCheck {
    /// Charter article, 1 to 5.
    #[getter]
    fn article(&self) -> u8 {
        self.0.article
    }
    /// The rule (`solicitation_reported`, `start_reported`…).
    #[getter]
    fn rule(&self) -> &'static str {
        self.0.rule.label()
    }
    /// `met`, `pending`, `late` or `breached`.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.label()
    }
    /// The mission concerned, if any.
    #[getter]
    fn mission(&self) -> Option<&str> {
        self.0.mission.as_ref().map(|m| m.as_str())
    }
    /// The resource concerned, if any.
    #[getter]
    fn resource(&self) -> Option<&str> {
        self.0.resource.as_deref()
    }
    /// The member to inform (article 4), if any.
    #[getter]
    fn member_to_inform(&self) -> Option<&str> {
        self.0.member_to_inform.as_ref().map(|m| m.as_str())
    }
    /// The year (article 5), if any.
    #[getter]
    fn year(&self) -> Option<i32> {
        self.0.year
    }
    /// When the engagement arose.
    #[getter]
    fn arose_on(&self) -> chrono::NaiveDate {
        self.0.arose_on
    }
    /// When it is due, if it has a deadline.
    #[getter]
    fn due_on(&self) -> Option<chrono::NaiveDate> {
        self.0.due_on
    }
    /// When it was done, if it was.
    #[getter]
    fn done_on(&self) -> Option<chrono::NaiveDate> {
        self.0.done_on
    }
    /// Sequence numbers of the journal events that prove the status.
    #[getter]
    fn evidence(&self) -> Vec<u64> {
        self.0.evidence.clone()
    }
    fn __repr__(&self) -> String {
        format!(
            "EngagementCheck(article={}, rule='{}', status='{}', mission={:?}, evidence={:?})",
            self.0.article,
            self.rule(),
            self.status(),
            self.mission(),
            self.0.evidence
        )
        .replace('"', "'")
    }
}

/// One member's engagements at a date.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "MemberCompliance", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyMemberCompliance(pub MemberCompliance);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyMemberCompliance {
    /// The member.
    #[getter]
    fn member(&self) -> &str {
        self.0.member.as_str()
    }
    /// Every engagement judged.
    #[getter]
    fn engagements(&self) -> Vec<PyEngagementCheck> {
        self.0.engagements.iter().cloned().map(PyEngagementCheck).collect()
    }
    /// Counts as `(met, pending, late, breached)`.
    #[getter]
    fn counts(&self) -> (u32, u32, u32, u32) {
        counts_tuple(&self.0.counts)
    }
    fn __repr__(&self) -> String {
        let (m, p, l, b) = self.counts();
        format!("MemberCompliance(member='{}', met={m}, pending={p}, late={l}, breached={b})", self.0.member)
    }
}

/// The compliance report of the whole network at a date.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "ComplianceReport", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyComplianceReport(pub ComplianceReport);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyComplianceReport {
    /// The date of the report.
    #[getter]
    fn as_of(&self) -> chrono::NaiveDate {
        self.0.as_of
    }
    /// One entry per bound provider.
    #[getter]
    fn members(&self) -> Vec<PyMemberCompliance> {
        self.0.members.iter().cloned().map(PyMemberCompliance).collect()
    }
    /// Counts as `(met, pending, late, breached)`.
    #[getter]
    fn counts(&self) -> (u32, u32, u32, u32) {
        counts_tuple(&self.0.counts)
    }
    /// The whole report as JSON.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
    fn __repr__(&self) -> String {
        let (m, p, l, b) = self.counts();
        format!(
            "ComplianceReport(as_of={}, members={}, met={m}, pending={p}, late={l}, breached={b})",
            self.0.as_of,
            self.0.members.len()
        )
    }
}

/// What the thresholds propose for a member's standing (never applied by itself).
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "StandingProposal", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyStandingProposal(pub StandingProposal);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyStandingProposal {
    /// The member.
    #[getter]
    fn member(&self) -> &str {
        self.0.member.as_str()
    }
    /// Current standing.
    #[getter]
    fn current(&self) -> &'static str {
        self.0.current.label()
    }
    /// Proposed next standing, if any.
    #[getter]
    fn proposed(&self) -> Option<&'static str> {
        self.0.proposed.map(|s| s.label())
    }
    /// Breached engagements counted.
    #[getter]
    fn breached(&self) -> u32 {
        self.0.breached
    }
    /// Late engagements counted.
    #[getter]
    fn late(&self) -> u32 {
        self.0.late
    }
    /// Whether the proposal needs a hearing first (exclusion).
    #[getter]
    fn hearing_required(&self) -> bool {
        self.0.hearing_required
    }
    /// Journal events behind the proposal.
    #[getter]
    fn evidence(&self) -> Vec<u64> {
        self.0.evidence.clone()
    }
    fn __repr__(&self) -> String {
        format!(
            "StandingProposal(member='{}', current='{}', proposed={:?})",
            self.0.member,
            self.current(),
            self.proposed()
        )
        .replace('"', "'")
    }
}

/// The involvement level recorded activity suggests (changed only by decision).
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "LevelSuggestion", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyLevelSuggestion(pub LevelSuggestion);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyLevelSuggestion {
    /// The actor.
    #[getter]
    fn actor(&self) -> &str {
        self.0.actor.as_str()
    }
    /// Current level.
    #[getter]
    fn current(&self) -> &'static str {
        self.0.current.label()
    }
    /// Suggested level, if different.
    #[getter]
    fn suggested(&self) -> Option<&'static str> {
        self.0.suggested.map(|l| l.label())
    }
    /// Months with recorded activity over the window.
    #[getter]
    fn active_months(&self) -> u32 {
        self.0.active_months
    }
    fn __repr__(&self) -> String {
        format!(
            "LevelSuggestion(actor='{}', current='{}', suggested={:?})",
            self.0.actor,
            self.current(),
            self.suggested()
        )
        .replace('"', "'")
    }
}

/// A member listed in the public directory.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "DirectoryEntry", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyDirectoryEntry(pub DirectoryEntry);

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyDirectoryEntry {
    /// Member id.
    #[getter]
    fn id(&self) -> &str {
        self.0.id.as_str()
    }
    /// Display name.
    #[getter]
    fn display_name(&self) -> &str {
        &self.0.display_name
    }
    /// Kind.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.label()
    }
    /// Involvement level.
    #[getter]
    fn level(&self) -> &'static str {
        self.0.level.label()
    }
    /// Charter status, for providers.
    #[getter]
    fn charter(&self) -> Option<&'static str> {
        self.0.charter.map(|c| c.label())
    }
    /// Member since.
    #[getter]
    fn member_since(&self) -> Option<chrono::NaiveDate> {
        self.0.member_since
    }
    fn __repr__(&self) -> String {
        format!("DirectoryEntry(id='{}', kind='{}', level='{}')", self.0.id, self.kind(), self.level())
    }
}

/// Queries used by `Network`'s methods (kept here to keep network.rs short).
pub mod queries {
    use super::*;
    use coopetition::network::Network;

    /// The network-wide compliance report.
    pub fn report(n: &Network, as_of: chrono::NaiveDate) -> PyComplianceReport {
        PyComplianceReport(n.compliance_report(as_of))
    }

    /// One member's compliance.
    pub fn member(n: &Network, member: &str, as_of: chrono::NaiveDate) -> PyResult<Option<PyMemberCompliance>> {
        Ok(n.member_compliance(&actor_id(member)?, as_of).py()?.map(PyMemberCompliance))
    }

    /// Standing label.
    pub fn standing(n: &Network, member: &str) -> PyResult<&'static str> {
        Ok(n.standing(&actor_id(member)?).label())
    }

    /// Standing proposal.
    pub fn proposal(n: &Network, member: &str, as_of: chrono::NaiveDate) -> PyResult<PyStandingProposal> {
        n.standing_proposal(&actor_id(member)?, as_of).map(PyStandingProposal).py()
    }

    /// Level suggestion.
    pub fn suggestion(n: &Network, actor: &str, as_of: chrono::NaiveDate) -> PyResult<PyLevelSuggestion> {
        n.level_suggestion(&actor_id(actor)?, as_of).map(PyLevelSuggestion).py()
    }

    /// Directory entries.
    pub fn directory(n: &Network) -> Vec<PyDirectoryEntry> {
        n.public_directory().entries.into_iter().map(PyDirectoryEntry).collect()
    }

    /// Directory as Markdown.
    pub fn directory_markdown(n: &Network, language: &str) -> PyResult<String> {
        Ok(n.public_directory().to_markdown(lang(language)?))
    }

    /// Contract document.
    pub fn contract_document(n: &Network, contract: &str, version: Option<u32>, language: &str) -> PyResult<String> {
        n.contract_markdown(&contract_id(contract)?, version, lang(language)?).py()
    }

    /// Charter document.
    pub fn charter_document(n: &Network, version: Option<u32>, language: &str) -> PyResult<String> {
        n.charter_markdown(version, lang(language)?).py()
    }

    /// A decision record from Python arguments.
    pub fn decision(
        reason: String,
        taken_on: chrono::NaiveDate,
        venue: &str,
        reference: Option<String>,
    ) -> PyResult<coopetition::standing::Decision> {
        Ok(coopetition::standing::Decision { reason, taken_on, venue: label(venue)?, reference })
    }
}

/// Registers the follow-up classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEngagementCheck>()?;
    m.add_class::<PyMemberCompliance>()?;
    m.add_class::<PyComplianceReport>()?;
    m.add_class::<PyStandingProposal>()?;
    m.add_class::<PyLevelSuggestion>()?;
    m.add_class::<PyDirectoryEntry>()?;
    Ok(())
}
