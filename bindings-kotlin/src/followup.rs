//! The charter follow-up: its rules, compliance reports and standing.
//!
//! The core judges, article by article, whether each signatory meets the
//! charter's engagements ([`ComplianceReport`]); thresholds *propose* a step
//! of the standing ladder ([`StandingProposal`]) and recorded activity
//! *suggests* an involvement level ([`LevelSuggestion`]); only a steward's
//! recorded decision changes either.

use crate::enums::DecisionVenue;
use chrono::NaiveDate;
use coopetition::standing::Decision as CoreDecision;

pub use coopetition::compliance::{ComplianceReport, EngagementCheck, MemberCompliance, StatusCounts};
pub use coopetition::followup::{Deadlines, FollowUpRules, LevelRules, SanctionThresholds, Threshold};
pub use coopetition::standing::{LevelSuggestion, StandingProposal};

/// A decision of the network, as a steward records it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Decision {
    /// Why.
    pub reason: String,
    /// When it was taken (on or before the day it is recorded).
    pub taken_on: NaiveDate,
    /// Where it was taken.
    pub venue: DecisionVenue,
    /// A reference to the minutes or the vote (a URL…), if any.
    #[uniffi(default = None)]
    pub reference: Option<String>,
}

impl From<CoreDecision> for Decision {
    fn from(d: CoreDecision) -> Decision {
        Decision { reason: d.reason, taken_on: d.taken_on, venue: d.venue, reference: d.reference }
    }
}

impl From<Decision> for CoreDecision {
    fn from(d: Decision) -> CoreDecision {
        CoreDecision { reason: d.reason, taken_on: d.taken_on, venue: d.venue, reference: d.reference }
    }
}

/// The shipped follow-up rules (a documented proposal to tune).
#[uniffi::export]
pub fn default_follow_up_rules() -> FollowUpRules {
    FollowUpRules::default()
}
