//! Leads the network receives and refers to its members.
//!
//! The meeting report starts from the network's role: La Compagnie "receives
//! a number of requests" from places and local authorities, and its stewards
//! chose "not to take support missions in the network's name if a member of
//! the network can take them". So a steward records a request as a
//! [`Lead`] (`record_lead`), then offers it (`offer_lead`): as an open call
//! to every provider who may receive one, or as a direct referral to chosen
//! members, with a deadline to answer. The members it was offered to answer
//! (`answer_lead`: interested, with a proposal, or not), and a steward closes
//! it (`close_lead`): the member chosen (by the client or by the network),
//! whose mission is then created from the lead at the proposal step with the
//! lead origin `network_referral`; or that nobody took it, and why.
//!
//! A lead is offered only to providers who are members and neither suspended
//! nor excluded (a reminder or a warning does not withhold leads), and never
//! to its own client. The members with prior work with the client (charter
//! article 4) are named in the offer, so that they are told.
//!
//! A lead's details are for the stewards and the members it was offered to
//! ([`Lead::visible_to`]); `LeadVisibility::Members` opens them to every
//! member.

use crate::ids::{ActorId, LeadId, MissionId};
use crate::labels::labelled_enum;
use crate::mission::Client;
use crate::recorded::Recorded;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// Who may see a lead's details besides the stewards.
    LeadVisibility, "lead visibility", {
        /// The members it was offered to.
        Offered => "offered",
        /// Every member.
        Members => "members",
    }
);

/// A lead's details go to the members it was offered to unless a steward
/// says otherwise.
impl Default for LeadVisibility {
    fn default() -> LeadVisibility {
        LeadVisibility::Offered
    }
}

labelled_enum!(
    /// How a lead is offered.
    OfferMode, "offer mode", {
        /// To every provider who may receive a lead.
        OpenCall => "open_call",
        /// To members the stewards chose.
        DirectReferral => "direct_referral",
    }
);

labelled_enum!(
    /// Who chose the member a lead went to.
    ChosenBy, "chooser", {
        /// The client, among the proposals.
        Client => "client",
        /// The network, for the client.
        Network => "network",
    }
);

labelled_enum!(
    /// Where a lead stands.
    LeadStatus, "lead status", {
        /// Recorded, not offered yet.
        Received => "received",
        /// Offered to members, awaiting the outcome.
        Offered => "offered",
        /// A member took it: its mission was created.
        Taken => "taken",
        /// Nobody took it.
        NotTaken => "not_taken",
    }
);

/// How a lead was offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct LeadOffer {
    /// An open call or a direct referral.
    pub mode: OfferMode,
    /// The members it was offered to, in id order: the ones chosen, or for
    /// an open call every provider who could receive it that day.
    pub members: Vec<ActorId>,
    /// The last day to answer.
    pub deadline: NaiveDate,
    /// Members with prior work with the client (charter article 4), told of
    /// the lead, in id order.
    pub prior_work: Vec<ActorId>,
    /// The steward who offered it.
    pub by: ActorId,
    /// The event that offered it.
    pub recorded: Recorded,
}

/// A member's answer to a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct LeadAnswer {
    /// The member.
    pub member: ActorId,
    /// Whether it wants the lead.
    pub interested: bool,
    /// Its proposal, or why not (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default = ""))]
    pub proposal: String,
    /// The event that recorded it.
    pub recorded: Recorded,
}

/// How a lead ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "outcome", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass_complex_enum,
    pyo3::pyclass(module = "coopetition", frozen, eq)
)]
pub enum LeadOutcome {
    /// A member took it; its mission was created from the lead.
    Taken {
        /// The member.
        member: ActorId,
        /// Who chose it.
        chosen_by: ChosenBy,
        /// The mission created.
        mission: MissionId,
        /// The steward who closed the lead.
        by: ActorId,
        /// The event that closed it.
        recorded: Recorded,
    },
    /// Nobody took it.
    NotTaken {
        /// Why.
        reason: String,
        /// The steward who closed the lead.
        by: ActorId,
        /// The event that closed it.
        recorded: Recorded,
    },
}

impl LeadOutcome {
    /// The event that closed the lead.
    pub fn recorded(&self) -> &Recorded {
        match self {
            LeadOutcome::Taken { recorded, .. } | LeadOutcome::NotTaken { recorded, .. } => recorded,
        }
    }
}

/// How a steward closes a lead (the command's part of [`LeadOutcome`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "outcome", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass_complex_enum,
    pyo3::pyclass(module = "coopetition", frozen, eq, from_py_object)
)]
pub enum LeadClosing {
    /// A member took it: its mission is created at the proposal step.
    Taken {
        /// The member chosen, who answered with interest.
        member: ActorId,
        /// Who chose it.
        chosen_by: ChosenBy,
        /// The id of the mission to create.
        mission: MissionId,
        /// The mission's title.
        title: String,
    },
    /// Nobody took it.
    NotTaken {
        /// Why.
        reason: String,
    },
}

/// A request the network received, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Lead {
    /// Stable id.
    pub id: LeadId,
    /// The client: a member or an outside actor.
    pub client: Client,
    /// What the client needs.
    pub need: String,
    /// When the network received the request.
    pub received_on: NaiveDate,
    /// Who may see its details besides the stewards.
    pub visibility: LeadVisibility,
    /// The steward who recorded it.
    pub recorded_by: ActorId,
    /// The event that recorded it.
    pub recorded: Recorded,
    /// How it was offered, once it was.
    pub offer: Option<LeadOffer>,
    /// The answers, in the order they came.
    pub answers: Vec<LeadAnswer>,
    /// How it ended, once closed.
    pub outcome: Option<LeadOutcome>,
}

impl Lead {
    /// Where the lead stands.
    pub fn status(&self) -> LeadStatus {
        match (&self.outcome, &self.offer) {
            (Some(LeadOutcome::Taken { .. }), _) => LeadStatus::Taken,
            (Some(LeadOutcome::NotTaken { .. }), _) => LeadStatus::NotTaken,
            (None, Some(_)) => LeadStatus::Offered,
            (None, None) => LeadStatus::Received,
        }
    }

    /// Whether the lead was offered to `member`.
    pub fn offered_to(&self, member: &ActorId) -> bool {
        self.offer.as_ref().is_some_and(|o| o.members.binary_search(member).is_ok())
    }

    /// The answer of `member`, if it answered.
    pub fn answer_of(&self, member: &ActorId) -> Option<&LeadAnswer> {
        self.answers.iter().find(|a| &a.member == member)
    }

    /// The date of the lead's latest step.
    pub fn last_step_on(&self) -> NaiveDate {
        let offered = self.offer.as_ref().map(|o| o.recorded.on);
        let answered = self.answers.iter().map(|a| a.recorded.on).max();
        [Some(self.recorded.on), offered, answered].into_iter().flatten().max().unwrap_or(self.received_on)
    }

    /// Whether `viewer` may see the lead's details: a steward (`steward`
    /// says whether the viewer acts for the network), a member it was
    /// offered to, or any member when its visibility is `members`.
    pub fn visible_to(&self, viewer: &ActorId, steward: bool, member: bool) -> bool {
        steward || self.offered_to(viewer) || (member && self.visibility == LeadVisibility::Members)
    }
}
