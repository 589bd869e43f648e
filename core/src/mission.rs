//! Missions won by providers, and their lifecycle.
//!
//! ```text
//! solicited → proposed → won → started → (progress reports) → completed
//!     └──────────┴─→ lost        any open step ─→ cancelled
//! ```
//! A mission is lost only before it is won (after that, it can only be
//! cancelled). Every step records when it happened and when it was reported,
//! which is what the charter's follow-up (article 1) measures.

use crate::actor::ActorKind;
use crate::error::{Error, Result};
use crate::ids::{ActorId, LeadId, MissionId};
use crate::labels::{labelled_enum, Labelled};
use crate::money::Money;
use crate::origin::{LeadOriginBasis, OriginRecord};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// How the lead came to the provider.
    LeadOrigin, "lead origin", {
        /// Met at an event organised by the network.
        NetworkEvent => "network_event",
        /// The client heard of the subject indirectly through a network action.
        NetworkAction => "network_action",
        /// The network referred the client to the provider.
        NetworkReferral => "network_referral",
        /// The provider's own network or prospecting.
        OwnNetwork => "own_network",
        /// Any other origin.
        Other => "other",
    }
);

labelled_enum!(
    /// Where a mission stands.
    MissionStatus, "mission status", {
        /// A client asked the provider.
        Solicited => "solicited",
        /// The provider made a proposal.
        Proposed => "proposed",
        /// The proposal was chosen: the mission is won.
        Won => "won",
        /// The work started.
        Started => "started",
        /// The work is finished.
        Completed => "completed",
        /// The client chose someone else or gave up before the mission was won.
        Lost => "lost",
        /// The mission was called off.
        Cancelled => "cancelled",
    }
);

impl MissionStatus {
    /// Whether the mission can still move on.
    pub fn is_open(self) -> bool {
        !matches!(self, MissionStatus::Completed | MissionStatus::Lost | MissionStatus::Cancelled)
    }

    /// Whether the mission was won (it is won, started or completed).
    pub fn is_won(self) -> bool {
        matches!(self, MissionStatus::Won | MissionStatus::Started | MissionStatus::Completed)
    }
}

/// Who the mission is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass_complex_enum,
    pyo3::pyclass(module = "coopetition", frozen, eq)
)]
pub enum Client {
    /// A member of the network.
    Member {
        /// The member.
        id: ActorId,
    },
    /// An actor outside the network.
    Outside {
        /// Its name.
        name: String,
        /// Its kind.
        kind: ActorKind,
    },
}

/// A resource used or developed during a mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all, from_py_object)
)]
pub struct Resource {
    /// What it is ("guide de programmation d'un tiers-lieu").
    pub name: String,
    /// Its open licence, if recorded (e.g. `CC-BY-SA-4.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub licence: Option<String>,
    /// The network workstream it serves, if any (a steward's chantier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub workstream: Option<String>,
}

impl Resource {
    /// A resource with its licence and workstream, if known.
    pub fn new(name: String, licence: Option<String>, workstream: Option<String>) -> Resource {
        Resource { name, licence, workstream }
    }

    /// A resource with a name only.
    pub fn named(name: impl Into<String>) -> Resource {
        Resource { name: name.into(), licence: None, workstream: None }
    }
}

/// Facts learnt along a mission, added by any report.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct MissionUpdate {
    /// Network members mobilised as partners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub partners: Vec<ActorId>,
    /// Shared (network) resources used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub shared_resources_used: Vec<Resource>,
    /// Resources developed or improved during the mission.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub resources_developed: Vec<Resource>,
    /// Whether the client was told how to take part in the network (charter art. 2).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub client_informed: bool,
}

/// A step of a mission's lifecycle, as reported by its provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "step", rename_all = "snake_case", deny_unknown_fields)]
pub enum MissionStep {
    /// A client asked: opens the mission.
    Solicited {
        /// The client.
        client: Client,
        /// How the lead came.
        lead_origin: LeadOrigin,
        /// A short title.
        title: String,
    },
    /// A proposal was sent.
    Proposed,
    /// The proposal was chosen, for this revenue (exact, EUR, not negative).
    Won {
        /// Amount invoiced for the mission.
        revenue: Money,
    },
    /// The work started.
    Started,
    /// A progress report.
    Progress {
        /// What happened.
        note: String,
    },
    /// The work is finished.
    Completed,
    /// Lost before being won.
    Lost {
        /// Why, if known.
        #[serde(default)]
        reason: String,
    },
    /// Called off.
    Cancelled {
        /// Why, if known.
        #[serde(default)]
        reason: String,
    },
}

impl MissionStep {
    /// The status this step leads to.
    pub fn target(&self) -> MissionStatus {
        match self {
            MissionStep::Solicited { .. } => MissionStatus::Solicited,
            MissionStep::Proposed => MissionStatus::Proposed,
            MissionStep::Won { .. } => MissionStatus::Won,
            MissionStep::Started | MissionStep::Progress { .. } => MissionStatus::Started,
            MissionStep::Completed => MissionStatus::Completed,
            MissionStep::Lost { .. } => MissionStatus::Lost,
            MissionStep::Cancelled { .. } => MissionStatus::Cancelled,
        }
    }

    /// The label of the step (`solicited`, `progress`…).
    pub fn label(&self) -> &'static str {
        match self {
            MissionStep::Progress { .. } => "progress",
            other => other.target().label(),
        }
    }
}

/// One reported step in a mission's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct MissionRecord {
    /// The step label (`solicited`, `proposed`, `won`, `started`, `progress`…).
    pub step: String,
    /// When it happened.
    pub occurred_on: NaiveDate,
    /// When the provider reported it.
    pub reported_on: NaiveDate,
    /// Note or reason, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub note: String,
}

/// A mission and everything reported about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Mission {
    /// Stable id.
    pub id: MissionId,
    /// The provider who reports it.
    pub provider: ActorId,
    /// The client.
    pub client: Client,
    /// How the lead came.
    pub lead_origin: LeadOrigin,
    /// A short title.
    pub title: String,
    /// Current status.
    pub status: MissionStatus,
    /// Revenue, known once won.
    pub revenue: Option<Money>,
    /// Network members mobilised as partners.
    pub partners: Vec<ActorId>,
    /// Shared resources used.
    pub shared_resources_used: Vec<Resource>,
    /// Resources developed or improved.
    pub resources_developed: Vec<Resource>,
    /// Whether the client was told how to take part in the network.
    pub client_informed: bool,
    /// Every reported step, oldest first.
    pub history: Vec<MissionRecord>,
    /// The lead the mission was created from, when the network referred it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub lead: Option<LeadId>,
    /// Whether the lead origin follows from the network's records or from
    /// the provider's declaration.
    #[serde(default, skip_serializing_if = "LeadOriginBasis::is_declared")]
    pub lead_origin_basis: LeadOriginBasis,
    /// The record the lead origin follows from, when it is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub origin_record: Option<OriginRecord>,
}

impl Mission {
    /// A mission as it opens: its steps so far (the status of the last one),
    /// nothing won, no partner nor resource yet, the client not informed;
    /// its lead origin recorded when a record is given, declared otherwise.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn opened(
        id: MissionId,
        provider: ActorId,
        client: Client,
        lead_origin: LeadOrigin,
        title: String,
        status: MissionStatus,
        history: Vec<MissionRecord>,
        origin_record: Option<OriginRecord>,
    ) -> Mission {
        let lead_origin_basis =
            if origin_record.is_some() { LeadOriginBasis::Recorded } else { LeadOriginBasis::Declared };
        Mission {
            id,
            provider,
            client,
            lead_origin,
            title,
            status,
            revenue: None,
            partners: Vec::new(),
            shared_resources_used: Vec::new(),
            resources_developed: Vec::new(),
            client_informed: false,
            history,
            lead: None,
            lead_origin_basis,
            origin_record,
        }
    }

    /// When the mission was won.
    pub fn won_on(&self) -> Option<NaiveDate> {
        self.date_of("won")
    }

    /// When the step with this label last happened, if it did.
    pub fn date_of(&self, step: &str) -> Option<NaiveDate> {
        self.history.iter().rev().find(|r| r.step == step).map(|r| r.occurred_on)
    }

    /// The date of the latest step.
    pub fn last_step_on(&self) -> Option<NaiveDate> {
        self.history.last().map(|r| r.occurred_on)
    }

    /// Whether `step` may follow the mission's current status.
    pub fn allows(&self, step: &MissionStep) -> bool {
        use MissionStatus as S;
        matches!(
            (self.status, step),
            (S::Solicited, MissionStep::Proposed)
                | (S::Proposed, MissionStep::Won { .. })
                | (S::Won, MissionStep::Started)
                | (S::Started, MissionStep::Progress { .. } | MissionStep::Completed)
                | (S::Solicited | S::Proposed, MissionStep::Lost { .. })
                | (S::Solicited | S::Proposed | S::Won | S::Started, MissionStep::Cancelled { .. })
        )
    }

    /// Checks that `step` can be applied now, happening on `occurred_on`.
    ///
    /// # Errors
    /// `mission.transition.invalid`, `date.order.invalid`.
    pub fn check_step(&self, step: &MissionStep, occurred_on: NaiveDate) -> Result<()> {
        if !self.allows(step) {
            return Err(Error::MissionTransition {
                mission: self.id.to_string(),
                from: self.status.label(),
                to: step.label(),
            });
        }
        if let Some(last) = self.history.last() {
            if occurred_on < last.occurred_on {
                return Err(Error::DateOrder {
                    earlier: static_step(&last.step),
                    earlier_date: last.occurred_on,
                    later: step.label(),
                    later_date: occurred_on,
                });
            }
        }
        Ok(())
    }

    /// Applies an update (partners, resources, client information), keeping
    /// each partner and resource once.
    pub(crate) fn absorb(&mut self, update: &MissionUpdate) {
        for p in &update.partners {
            if !self.partners.contains(p) {
                self.partners.push(p.clone());
            }
        }
        for r in &update.shared_resources_used {
            if !self.shared_resources_used.contains(r) {
                self.shared_resources_used.push(r.clone());
            }
        }
        for r in &update.resources_developed {
            if !self.resources_developed.contains(r) {
                self.resources_developed.push(r.clone());
            }
        }
        self.client_informed |= update.client_informed;
    }
}

fn static_step(label: &str) -> &'static str {
    match label {
        "solicited" => "solicited",
        "proposed" => "proposed",
        "won" => "won",
        "started" => "started",
        "progress" => "progress",
        "completed" => "completed",
        "lost" => "lost",
        _ => "cancelled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mission(status: MissionStatus) -> Mission {
        Mission {
            id: MissionId::new("m").unwrap(),
            provider: ActorId::new("p").unwrap(),
            client: Client::Outside { name: "Mairie".into(), kind: ActorKind::LocalAuthority },
            lead_origin: LeadOrigin::NetworkEvent,
            title: "t".into(),
            status,
            revenue: None,
            partners: vec![],
            shared_resources_used: vec![],
            resources_developed: vec![],
            client_informed: false,
            history: vec![MissionRecord {
                step: "solicited".into(),
                occurred_on: NaiveDate::from_ymd_opt(2020, 3, 1).unwrap(),
                reported_on: NaiveDate::from_ymd_opt(2020, 3, 1).unwrap(),
                note: String::new(),
            }],
            lead: None,
            lead_origin_basis: LeadOriginBasis::Declared,
            origin_record: None,
        }
    }

    #[test]
    fn lifecycle_table() {
        let won = MissionStep::Won { revenue: Money::ZERO };
        let lost = MissionStep::Lost { reason: String::new() };
        let cancel = MissionStep::Cancelled { reason: String::new() };
        assert!(mission(MissionStatus::Solicited).allows(&MissionStep::Proposed));
        assert!(!mission(MissionStatus::Solicited).allows(&won));
        assert!(mission(MissionStatus::Proposed).allows(&won));
        assert!(mission(MissionStatus::Proposed).allows(&lost));
        assert!(!mission(MissionStatus::Won).allows(&lost));
        assert!(mission(MissionStatus::Won).allows(&cancel));
        assert!(mission(MissionStatus::Started).allows(&MissionStep::Progress { note: "x".into() }));
        assert!(!mission(MissionStatus::Completed).allows(&cancel));
        assert!(!mission(MissionStatus::Completed).allows(&MissionStep::Progress { note: "x".into() }));
    }

    #[test]
    fn steps_cannot_go_back_in_time() {
        let m = mission(MissionStatus::Solicited);
        let err = m.check_step(&MissionStep::Proposed, NaiveDate::from_ymd_opt(2020, 2, 1).unwrap()).unwrap_err();
        assert_eq!(err.code(), "date.order.invalid");
        let err = m.check_step(&MissionStep::Completed, NaiveDate::from_ymd_opt(2020, 4, 1).unwrap()).unwrap_err();
        assert_eq!(err.code(), "mission.transition.invalid");
        assert!(err.to_string().contains("solicited"));
    }
}
