//! The charter follow-up: its rules, compliance reports and standing.
//!
//! The core judges, article by article, whether each signatory meets the
//! charter's engagements ([`ComplianceReport`]); thresholds *propose* a step
//! of the standing ladder ([`StandingProposal`]) and recorded activity
//! *suggests* an involvement level ([`LevelSuggestion`]); only a steward's
//! recorded decision changes either.

pub use coopetition::compliance::{ComplianceReport, EngagementCheck, MemberCompliance, StatusCounts};
pub use coopetition::followup::{Deadlines, FollowUpRules, LevelRules, SanctionThresholds, Threshold};
pub use coopetition::standing::{Decision, LevelSuggestion, StandingProposal};

/// The shipped follow-up rules (a documented proposal to tune).
#[uniffi::export]
pub fn default_follow_up_rules() -> FollowUpRules {
    FollowUpRules::default()
}
