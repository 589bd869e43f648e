//! Checking values an app reads from a form or a file, with the core's own
//! constructors, and the JSON forms of mission facts and behaviour models.
//!
//! Each function gives the stable code of the first fault, so an app can
//! point at the field to fix before it builds a command.

use crate::error::{malformed, Result};
use crate::policy::{BehaviourModel, MissionFacts};
use chrono::NaiveDate;
use coopetition::ids::{ActorId, ContractId, MissionId};
use coopetition::money::Money;
use coopetition::policy::facts::MissionFacts as CoreMissionFacts;
use coopetition::policy::BehaviourModel as CoreBehaviourModel;
use rust_decimal::Decimal;

/// Checks an actor id: 1 to 64 characters from `[A-Za-z0-9._:-]`.
///
/// # Errors
/// `input.id.invalid`.
#[uniffi::export]
pub fn parse_actor_id(text: String) -> Result<ActorId> {
    Ok(ActorId::new(text)?)
}

/// Checks a contract id (same rules as an actor id).
///
/// # Errors
/// `input.id.invalid`.
#[uniffi::export]
pub fn parse_contract_id(text: String) -> Result<ContractId> {
    Ok(ContractId::new(text)?)
}

/// Checks a mission id (same rules as an actor id).
///
/// # Errors
/// `input.id.invalid`.
#[uniffi::export]
pub fn parse_mission_id(text: String) -> Result<MissionId> {
    Ok(MissionId::new(text)?)
}

/// An amount of money typed as text (`1250.50`) in a currency, as euros.
///
/// # Errors
/// `input.parse.invalid` for text that is not a plain decimal (`12,50`, `1e5`),
/// `money.amount.precision` for more than two decimals (`1.005`),
/// `money.amount.range` beyond ±792281625142643375935439503.35,
/// `money.currency.unsupported` for any currency but `EUR`.
#[uniffi::export]
pub fn parse_money(amount: String, currency: String) -> Result<Decimal> {
    let amount = Money::parse_eur(&amount)?;
    Ok(Money::new(amount.amount(), &currency)?.amount())
}

/// A calendar date typed as ISO text (`2021-03-01`).
///
/// # Errors
/// `input.parse.invalid` for text that is not a calendar date.
#[uniffi::export]
pub fn parse_date(text: String) -> Result<NaiveDate> {
    Ok(coopetition::network::parse_date(&text)?)
}

/// Mission facts from their JSON form, as Rust and Python write them
/// (`{"provider": …, "revenue": {"amount": "…", "currency": "EUR"}, …}`),
/// read by the core as Python reads them.
///
/// # Errors
/// Each faulty value its own code (`input.id.invalid`, `input.parse.invalid`,
/// `money.currency.unsupported`, `input.label.unknown`), in the core's order;
/// `journal.json.malformed` for any structural fault.
#[uniffi::export]
pub fn mission_facts_from_json(json: String) -> Result<MissionFacts> {
    Ok(CoreMissionFacts::from_json(&json)?)
}

/// The JSON form of mission facts.
///
/// # Errors
/// `journal.json.malformed` if they cannot be written (never for valid values).
#[uniffi::export]
pub fn mission_facts_to_json(facts: MissionFacts) -> Result<String> {
    serde_json::to_string(&facts).map_err(|e| malformed(&e))
}

/// A behaviour model from its JSON form (`{"declared_share_of_guide": "0.8",
/// "negotiated_toward_flat": "0.5"}`), not yet checked (see `Policy.builtin`).
///
/// # Errors
/// `journal.json.malformed`.
#[uniffi::export]
pub fn behaviour_model_from_json(json: String) -> Result<BehaviourModel> {
    let model: CoreBehaviourModel = serde_json::from_str(&json).map_err(|e| malformed(&e))?;
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_checked_like_the_core() {
        assert_eq!(parse_money("12.50".into(), "EUR".into()).unwrap(), Decimal::new(1250, 2));
        assert_eq!(parse_money("12,50".into(), "EUR".into()).unwrap_err().code(), "input.parse.invalid");
        assert_eq!(parse_money("12.50".into(), "USD".into()).unwrap_err().code(), "money.currency.unsupported");
    }

    #[test]
    fn facts_round_trip_through_json() {
        let json = r#"{"provider":"paul","revenue":{"amount":"12345.50","currency":"EUR"},"won_on":"2021-03-01","lead_origin":"network_event"}"#;
        let facts = mission_facts_from_json(json.into()).unwrap();
        assert_eq!(facts.revenue.amount(), Decimal::new(1234550, 2));
        let back = mission_facts_from_json(mission_facts_to_json(facts.clone()).unwrap()).unwrap();
        assert_eq!(back, facts);
        let err = mission_facts_from_json(r#"{"provider":"paul"}"#.into()).unwrap_err();
        assert_eq!(err.code(), "journal.json.malformed");
    }

    #[test]
    fn a_bad_value_in_facts_json_has_its_own_code_as_in_the_core() {
        let json = r#"{"provider":"paul","revenue":{"amount":"1e5","currency":"EUR"},"won_on":"2021-03-01","lead_origin":"network_event"}"#;
        assert_eq!(mission_facts_from_json(json.into()).unwrap_err().code(), "input.parse.invalid");
        let json = json.replace("1e5", "1.00").replace("paul", "pa ul");
        assert_eq!(mission_facts_from_json(json).unwrap_err().code(), "input.id.invalid");
    }
}
