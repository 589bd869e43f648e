//! Calls for partners: a provider asks the network for a skill or a
//! resource for one of its missions ("I ask the network whether someone has
//! space-design skills and I find a partner", the seed's situation 3).
//!
//! The mission's provider issues the call (`call_for_partners`); members
//! answer (`answer_call`); the provider records who joined
//! (`record_call_partner`). A member who joins a call for a skill becomes a
//! partner of the mission; one who joins a call for a resource brings a
//! shared resource, which the mission then uses. Either way the call keeps
//! the link: the mission's partners and shared resources found through the
//! network are the ones its calls name ([`PartnerCall::joined`]).

use crate::ids::{ActorId, CallId, MissionId};
use crate::labels::labelled_enum;
use crate::recorded::Recorded;
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// What a call for partners asks for.
    CallNeed, "call need", {
        /// A skill: who joins becomes a partner of the mission.
        Skill => "skill",
        /// A resource: who joins brings a shared resource the mission uses.
        Resource => "resource",
    }
);

/// A member's answer to a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct CallAnswer {
    /// The member.
    pub member: ActorId,
    /// What it offers (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub note: String,
    /// The event that recorded it.
    pub recorded: Recorded,
}

/// A member who joined through a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct CallPartner {
    /// The member.
    pub member: ActorId,
    /// The shared resource it brought, for a call for a resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub resource: Option<String>,
    /// The event that recorded it.
    pub recorded: Recorded,
}

/// A call for partners and what came of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct PartnerCall {
    /// Stable id.
    pub id: CallId,
    /// The mission it is for.
    pub mission: MissionId,
    /// The mission's provider, who issued it.
    pub provider: ActorId,
    /// A skill or a resource.
    pub need: CallNeed,
    /// What is asked for ("space design").
    pub what: String,
    /// The event that recorded it.
    pub recorded: Recorded,
    /// The answers, in the order they came.
    pub answers: Vec<CallAnswer>,
    /// Who joined, in the order recorded.
    pub joined: Vec<CallPartner>,
}

impl PartnerCall {
    /// The answer of `member`, if it answered.
    pub fn answer_of(&self, member: &ActorId) -> Option<&CallAnswer> {
        self.answers.iter().find(|a| &a.member == member)
    }

    /// Whether `member` joined through this call.
    pub fn has_joined(&self, member: &ActorId) -> bool {
        self.joined.iter().any(|j| &j.member == member)
    }
}
