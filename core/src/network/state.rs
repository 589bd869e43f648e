//! The state of a network: its settings and every fact a replayed journal
//! rebuilds. The aggregate ([`super::Network`]) checks commands against it
//! and applies events to it; [`crate::snapshot`] checks that its facts agree.

use crate::actor::Actor;
use crate::charter::{CharterSignature, CharterText};
use crate::contract::{Contract, MembershipStructure};
use crate::fiscal_year::FiscalYearChange;
use crate::followup::FollowUp;
use crate::ids::{ActorId, CallId, ContractId, LeadId, MissionId, NetworkEventId};
use crate::lead::Lead;
use crate::mission::Mission;
use crate::negotiation::{Declaration, Delivery, Donation, Negotiation, Payment};
use crate::network_event::NetworkEvent;
use crate::partner_call::PartnerCall;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Settings chosen when the network is founded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NetworkSettings {
    /// The network's name.
    pub name: String,
    /// How the charter relates to membership.
    pub membership_structure: MembershipStructure,
}

impl NetworkSettings {
    /// Two-tier settings: a contract for all, a separate charter for providers.
    pub fn two_tier(name: impl Into<String>) -> NetworkSettings {
        NetworkSettings { name: name.into(), membership_structure: MembershipStructure::TwoTier }
    }

    /// All-in-one settings: the provider's contract contains the charter.
    pub fn all_in_one(name: impl Into<String>) -> NetworkSettings {
        NetworkSettings { name: name.into(), membership_structure: MembershipStructure::AllInOne }
    }
}

/// The state of a network: everything a replayed journal rebuilds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkState {
    /// Settings, once founded.
    pub settings: Option<NetworkSettings>,
    /// Founding date.
    pub founded_on: Option<NaiveDate>,
    /// The founding stewards, members without a contract.
    pub founders: Vec<ActorId>,
    /// Every actor known, by id.
    pub actors: BTreeMap<ActorId, Actor>,
    /// Every contract, by id.
    pub contracts: BTreeMap<ContractId, Contract>,
    /// Charter versions, oldest first.
    pub charter: Vec<CharterText>,
    /// Charter signatures per provider, oldest first.
    pub signatures: BTreeMap<ActorId, Vec<CharterSignature>>,
    /// Every mission, by id.
    pub missions: BTreeMap<MissionId, Mission>,
    /// Self-assessed declarations, by mission.
    #[serde(default)]
    pub declarations: BTreeMap<MissionId, Declaration>,
    /// Negotiations of contributions, by mission.
    #[serde(default)]
    pub negotiations: BTreeMap<MissionId, Negotiation>,
    /// Payments received, in journal order.
    #[serde(default)]
    pub payments: Vec<Payment>,
    /// Donations received, in journal order.
    #[serde(default)]
    pub donations: Vec<Donation>,
    /// In-kind deliveries, in journal order.
    #[serde(default)]
    pub deliveries: Vec<Delivery>,
    /// Leads the network received, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub leads: BTreeMap<LeadId, Lead>,
    /// Calls for partners, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub calls: BTreeMap<CallId, PartnerCall>,
    /// Events the network held, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<NetworkEventId, NetworkEvent>,
    /// The charter follow-up: event numbers, prior work, hearings, standing…
    #[serde(default)]
    pub follow_up: FollowUp,
    /// The fiscal year's first days set by stewards, by the fiscal year from
    /// which each is in force (none: 1 January, the calendar year).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fiscal_years: Vec<FiscalYearChange>,
    /// Sequence number of the last applied event.
    pub last_seq: u64,
}
