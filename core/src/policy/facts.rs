//! What a policy sees of a mission.

use crate::error::{Error, Result};
use crate::ids::{ActorId, MissionId};
use crate::labels::Labelled;
use crate::mission::{LeadOrigin, Mission};
use crate::money::Money;
pub use crate::negotiation::{NegotiationStage, NegotiationState};
use crate::network::Network;
use crate::origin::{LeadOriginBasis, OriginRecord};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The facts of a won mission that policies evaluate.
///
/// Built from a reported [`Mission`] with [`MissionFacts::from_network`], or
/// directly from historical data (a table row) by an analyst.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all, from_py_object)
)]
pub struct MissionFacts {
    /// The mission, if it has an id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<MissionId>,
    /// The provider.
    pub provider: ActorId,
    /// Revenue of the mission (not negative).
    pub revenue: Money,
    /// The day it was won: selects the parameters in force.
    pub won_on: NaiveDate,
    /// How the lead came.
    pub lead_origin: LeadOrigin,
    /// Whether the lead origin follows from the network's records or from
    /// the provider's declaration (declared unless given).
    #[serde(default, skip_serializing_if = "LeadOriginBasis::is_declared")]
    pub lead_origin_basis: LeadOriginBasis,
    /// The record the lead origin follows from, for a mission of a network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub origin_record: Option<OriginRecord>,
    /// Network partners mobilised.
    #[serde(default)]
    pub partners: u32,
    /// Shared resources used.
    #[serde(default)]
    pub shared_resources: u32,
    /// The provider is a steward developing resources for a network workstream.
    #[serde(default)]
    pub steward_workstream: bool,
    /// The client was connected to the network.
    #[serde(default)]
    pub client_informed: bool,
    /// The provider's self-assessed contribution, if declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<Money>,
    /// The negotiation of the contribution.
    #[serde(default)]
    pub negotiation: NegotiationState,
    /// Donations recorded for this mission (never part of the amount due).
    #[serde(default)]
    pub donations: Money,
}

impl MissionFacts {
    /// Facts of a won mission with default counts and flags.
    pub fn new(provider: ActorId, revenue: Money, won_on: NaiveDate, lead_origin: LeadOrigin) -> MissionFacts {
        MissionFacts {
            mission: None,
            provider,
            revenue,
            won_on,
            lead_origin,
            lead_origin_basis: LeadOriginBasis::Declared,
            origin_record: None,
            partners: 0,
            shared_resources: 0,
            steward_workstream: false,
            client_informed: false,
            declared: None,
            negotiation: NegotiationState::NotOpened {},
            donations: Money::ZERO,
        }
    }

    /// A label naming the mission in errors: its id, or its provider and date.
    pub fn describe(&self) -> String {
        match &self.mission {
            Some(id) => id.to_string(),
            None => format!("{} won on {}", self.provider, self.won_on),
        }
    }

    /// Reads facts from JSON (the shape of `tests/vectors`), giving each faulty
    /// value its own code: the ids, money (`revenue`, `declared`, `donations`),
    /// `won_on`, `lead_origin`, then the negotiation's money and date are
    /// checked in that order with the crate's constructors; any remaining
    /// fault is structural.
    ///
    /// # Errors
    /// `input.id.invalid`, `input.parse.invalid`, `money.currency.unsupported`,
    /// `input.label.unknown`, or `journal.json.malformed`.
    pub fn from_json(json: &str) -> Result<MissionFacts> {
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| malformed(&e))?;
        let obj = value.as_object().ok_or_else(|| malformed(&"the mission is not an object"))?;
        let text = |field: &str, v: &serde_json::Value| -> Result<String> {
            v.as_str().map(str::to_owned).ok_or_else(|| malformed(&format!("`{field}` is not a string")))
        };
        if let Some(v) = obj.get("provider") {
            ActorId::new(text("provider", v)?)?;
        }
        if let Some(v) = obj.get("mission").filter(|v| !v.is_null()) {
            MissionId::new(text("mission", v)?)?;
        }
        for field in ["revenue", "declared", "donations"] {
            if let Some(v) = obj.get(field).filter(|v| !v.is_null()) {
                check_money(field, v)?;
            }
        }
        if let Some(v) = obj.get("won_on") {
            crate::network::parse_date(&text("won_on", v)?)?;
        }
        if let Some(v) = obj.get("lead_origin") {
            LeadOrigin::from_label(&text("lead_origin", v)?)?;
        }
        if let Some(n) = obj.get("negotiation").and_then(|n| n.as_object()) {
            for field in ["amount", "last_offer"] {
                if let Some(v) = n.get(field).filter(|v| !v.is_null()) {
                    check_money(field, v)?;
                }
            }
            if let Some(v) = n.get("on") {
                crate::network::parse_date(&text("on", v)?)?;
            }
        }
        serde_json::from_value(value).map_err(|e| malformed(&e))
    }

    /// Facts of a mission reported in a network.
    ///
    /// The steward-workstream flag holds when the provider is a steward and
    /// the mission developed at least one resource tied to a workstream.
    ///
    /// # Errors
    /// `policy.mission.not_won` if the mission is not won, started or completed.
    pub fn from_mission(mission: &Mission, provider_is_steward: bool) -> Result<MissionFacts> {
        let not_won = || Error::MissionNotWon(mission.id.to_string());
        if !mission.status.is_won() {
            return Err(not_won());
        }
        let won_on = mission.won_on().ok_or_else(not_won)?;
        let revenue = mission.revenue.ok_or_else(not_won)?;
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(MissionFacts {
            mission: Some(mission.id.clone()),
            provider: mission.provider.clone(),
            revenue,
            won_on,
            lead_origin: mission.lead_origin,
            lead_origin_basis: mission.lead_origin_basis,
            origin_record: mission.origin_record.clone(),
            partners: count(mission.partners.len()),
            shared_resources: count(mission.shared_resources_used.len()),
            steward_workstream: provider_is_steward
                && mission.resources_developed.iter().any(|r| r.workstream.is_some()),
            client_informed: mission.client_informed,
            declared: None,
            negotiation: NegotiationState::NotOpened {},
            donations: Money::ZERO,
        })
    }

    /// Facts of a mission of `network`, with its declaration and negotiation.
    ///
    /// # Errors
    /// `mission.id.unknown`, `policy.mission.not_won`.
    pub fn from_network(network: &Network, mission: &MissionId) -> Result<MissionFacts> {
        let m = network.mission(mission)?;
        let steward = network.actor(&m.provider).map(|a| a.is_steward()).unwrap_or(false);
        let mut facts = MissionFacts::from_mission(m, steward)?;
        facts.declared = network.state().declarations.get(mission).map(|d| d.amount);
        facts.negotiation = network.state().negotiations.get(mission).map(|n| n.state()).unwrap_or_default();
        for d in network.state().donations.iter().filter(|d| d.mission.as_ref() == Some(mission)) {
            facts.donations = facts.donations.checked_add(d.amount)?;
        }
        Ok(facts)
    }
}

fn malformed(e: &dyn std::fmt::Display) -> Error {
    Error::MalformedJson { line: None, message: format!("mission: {e}") }
}

/// A money object `{"amount": "…", "currency": "EUR"}` read with the crate's constructors.
fn check_money(field: &str, v: &serde_json::Value) -> Result<Money> {
    let obj = v.as_object().ok_or_else(|| malformed(&format!("`{field}` is not a money object")))?;
    let part = |name: &str| {
        obj.get(name).and_then(|x| x.as_str()).ok_or_else(|| malformed(&format!("`{field}.{name}` is not a string")))
    };
    let amount = Money::parse_eur(part("amount")?)?.amount();
    Money::new(amount, part("currency")?)
}

#[cfg(test)]
mod stage_tests {
    use super::*;
    use crate::policy::batch::NegotiationColumns;

    #[test]
    fn a_stage_is_labelled_as_its_state_in_json_and_coded_as_in_batches() {
        let on = NaiveDate::from_ymd_opt(2021, 4, 1).unwrap_or_default();
        let states = [
            (NegotiationState::NotOpened {}, "not_opened", NegotiationColumns::NOT_OPENED),
            (NegotiationState::Open { offers: 1, last_offer: None }, "open", NegotiationColumns::OPEN),
            (NegotiationState::Agreed { amount: Money::ZERO, on, offers: 2 }, "agreed", NegotiationColumns::AGREED),
            (NegotiationState::Stalemate { on, offers: 3 }, "stalemate", NegotiationColumns::STALEMATE),
        ];
        for (state, label, code) in states {
            assert_eq!(state.stage().label(), label);
            assert_eq!(serde_json::to_value(state).unwrap()["state"], label);
            assert_eq!(state.stage().index(), usize::from(code), "{label}");
            assert_eq!(NegotiationStage::from_label(label).unwrap(), state.stage());
        }
        let e = NegotiationStage::from_label("closed").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown negotiation state `closed`; expected one of: not_opened, open, agreed, stalemate"
        );
    }
}
