//! Charter follow-up from Python: the queries `Network`'s methods delegate to.
//! The records they return (compliance, standing, directory) are the core's.

/// Queries used by `Network`'s methods (kept here to keep network.rs short).
pub mod queries {
    use crate::convert::{actor_id, contract_id, label, lang};
    use crate::errors::IntoPy;
    use coopetition::compliance::{ComplianceReport, MemberCompliance};
    use coopetition::directory::DirectoryEntry;
    use coopetition::labels::Labelled;
    use coopetition::network::Network;
    use coopetition::standing::{LevelSuggestion, StandingProposal};
    use pyo3::prelude::*;

    /// The network-wide compliance report.
    pub fn report(n: &Network, as_of: chrono::NaiveDate) -> ComplianceReport {
        n.compliance_report(as_of)
    }

    /// One member's compliance.
    pub fn member(n: &Network, member: &str, as_of: chrono::NaiveDate) -> PyResult<Option<MemberCompliance>> {
        n.member_compliance(&actor_id(member)?, as_of).py()
    }

    /// Standing label.
    pub fn standing(n: &Network, member: &str) -> PyResult<&'static str> {
        Ok(n.standing(&actor_id(member)?).label())
    }

    /// Standing proposal.
    pub fn proposal(n: &Network, member: &str, as_of: chrono::NaiveDate) -> PyResult<StandingProposal> {
        n.standing_proposal(&actor_id(member)?, as_of).py()
    }

    /// Level suggestion.
    pub fn suggestion(n: &Network, actor: &str, as_of: chrono::NaiveDate) -> PyResult<LevelSuggestion> {
        n.level_suggestion(&actor_id(actor)?, as_of).py()
    }

    /// Directory entries.
    pub fn directory(n: &Network) -> Vec<DirectoryEntry> {
        n.public_directory().entries
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
