//! Every serialised type loads back: written, read, equal, written again identically.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::journal::{read_journal, write_journal};
use coopetition::policy::guide::Guide;
use coopetition::policy::params::Parameters;
use coopetition::prelude::*;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_shipped_parameters_load_back() {
    let json = Parameters::shipped().to_json();
    let loaded = Parameters::load(&json).unwrap();
    assert_eq!(&loaded, Parameters::shipped());
    assert_eq!(loaded.to_json(), json);
}

#[test]
fn parameters_with_several_periods_load_back() {
    let json = r#"{"flat_rate": [{"from": "2020-01-01", "until": "2023-01-01", "value": "0.05"},
                                 {"from": "2023-01-01", "value": "0.04"}]}"#;
    let params = Parameters::load(json).unwrap();
    let loaded = Parameters::load(&params.to_json()).unwrap();
    assert_eq!(loaded, params);
    assert_eq!(loaded.to_json(), params.to_json());
    assert_eq!(loaded.flat_rate_at(date(2024, 1, 1).unwrap()).unwrap().0, Decimal::new(4, 2));
}

#[test]
fn parameters_are_an_object() {
    for json in ["[]", "[null, null, null]", "1", "\"x\"", "null"] {
        let err = Parameters::load(json).unwrap_err();
        assert_eq!(err.code(), "journal.json.malformed", "{json}: {err}");
    }
}

#[test]
fn the_shipped_guide_loads_back() {
    let json = Guide::shipped().to_json();
    let loaded = Guide::load(&json).unwrap();
    assert_eq!(&loaded, &**Guide::shipped());
    assert_eq!(loaded.to_json(), json);
}

#[test]
fn a_guide_is_an_object() {
    let shipped: serde_json::Value = serde_json::from_str(&Guide::shipped().to_json()).unwrap();
    let as_array = serde_json::json!([shipped["schema"], shipped["name"], shipped["situations"]]).to_string();
    assert_eq!(Guide::load(&as_array).unwrap_err().code(), "journal.json.malformed");
}

#[test]
fn a_snapshot_loads_back() {
    let json = fixture("sample_snapshot.json");
    let network = Network::from_snapshot_json(&json).unwrap();
    assert_eq!(network.snapshot_json().trim_end(), json.trim_end());
    let again = Network::from_snapshot_json(&network.snapshot_json()).unwrap();
    assert_eq!(again.state(), network.state());
}

#[test]
fn a_journal_and_its_events_load_back() {
    let journal = fixture("sample_journal.jsonl");
    let events = read_journal(&journal).unwrap();
    assert_eq!(write_journal(&events), journal);
    for event in &events {
        let json = serde_json::to_string(event).unwrap();
        let back = Event::from_json(&json).unwrap();
        assert_eq!(&back, event);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        let command = Command::new(&event.by, event.on, event.action.clone());
        let json = serde_json::to_string(&command).unwrap();
        assert_eq!(Command::from_json(&json).unwrap(), command);
    }
}

#[test]
fn a_command_is_read_as_strictly_as_a_journal_line() {
    let json = r#"{"by":"a","on":"2020- 1-06","action":{"type":"sign_charter","version":1}}"#;
    assert_eq!(Command::from_json(json).unwrap_err().code(), "journal.json.malformed");
    let json = r#"{"type":"sign_charter","version":1,"x":1}"#;
    assert_eq!(Action::from_json(json).unwrap_err().code(), "journal.json.malformed");
}

// ---- assessments ----------------------------------------------------------------

mod assessments {
    use super::*;
    use coopetition::policy::{
        Assessment, AssessmentStatus, BehaviourModel, ContributionPolicy, FlatRate, GuideRate, MissionFacts,
        Negotiated, NegotiationState, SelfAssessed,
    };

    fn eur(text: &str) -> Money {
        Money::parse_eur(text).unwrap()
    }

    /// A few missions: odd cents, donations, a declaration, an open
    /// negotiation with offers, an agreement, a stalemate.
    fn missions() -> Vec<MissionFacts> {
        let p = ActorId::new("p1").unwrap();
        let on = date(2021, 3, 1).unwrap();
        let mut plain = MissionFacts::new(p.clone(), eur("12345.50"), on, LeadOrigin::NetworkEvent);
        plain.donations = eur("50.00");
        let mut declared = MissionFacts::new(p.clone(), eur("8000.00"), on, LeadOrigin::NetworkReferral);
        declared.declared = Some(eur("320.00"));
        declared.partners = 2;
        declared.client_informed = true;
        let mut open = MissionFacts::new(p.clone(), eur("5000.00"), on, LeadOrigin::OwnNetwork);
        open.negotiation = NegotiationState::Open { offers: 2, last_offer: Some(eur("150.00")) };
        let mut agreed = MissionFacts::new(p.clone(), eur("20000.00"), on, LeadOrigin::NetworkAction);
        agreed.negotiation = NegotiationState::Agreed { amount: eur("700.00"), on, offers: 3 };
        let mut stalemate = MissionFacts::new(p, eur("3000.00"), on, LeadOrigin::Other);
        stalemate.negotiation = NegotiationState::Stalemate { on, offers: 4 };
        vec![plain, declared, open, agreed, stalemate]
    }

    fn policies() -> Vec<Box<dyn ContributionPolicy>> {
        let model = Some(BehaviourModel::default());
        vec![
            Box::new(FlatRate),
            Box::new(GuideRate),
            Box::new(SelfAssessed { model: None }),
            Box::new(SelfAssessed { model }),
            Box::new(Negotiated { model: None }),
            Box::new(Negotiated { model }),
        ]
    }

    fn assessments() -> Vec<Assessment> {
        let mut out = Vec::new();
        for policy in policies() {
            for mission in missions() {
                out.push(policy.evaluate(&mission, Parameters::shipped()).unwrap());
            }
        }
        out
    }

    #[test]
    fn every_policy_s_assessments_load_back() {
        let all = assessments();
        // The cases the form must carry: unpriced ones, modelled ones, rates beside amounts.
        assert!(all.iter().any(|a| a.status == AssessmentStatus::Pending && a.amount.is_none()));
        assert!(all.iter().any(|a| a.status == AssessmentStatus::Undeclared));
        assert!(all.iter().any(|a| a.status == AssessmentStatus::Stalemate));
        assert!(all.iter().any(|a| a.explanation.codes().contains(&"model.applied")));
        assert!(all.iter().any(|a| a.situation.is_some()));
        for a in all {
            let json = a.to_json();
            let loaded = Assessment::from_json(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(loaded, a, "{json}");
            assert_eq!(loaded.to_json(), json);
            assert_eq!(loaded.explanation.render(Lang::Fr), a.explanation.render(Lang::Fr));
        }
    }

    #[test]
    fn a_flat_assessment_is_written_with_typed_values() {
        let a = FlatRate.evaluate(&missions()[0], Parameters::shipped()).unwrap();
        // 5% of 12345.50 is 617.2750 exactly (two places times two), rounded
        // half away from zero to 617.28.
        let json: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
        assert_eq!(json["amount"], serde_json::json!({"amount": "617.28", "currency": "EUR"}));
        assert_eq!(json["steps"][1]["code"], "flat.amount");
        assert_eq!(
            json["steps"][1]["params"],
            serde_json::json!([{"amount": "12345.50"}, {"rate": "0.05"}, {"amount": "617.2750"}])
        );
        assert_eq!(json["steps"][2]["params"], serde_json::json!([{"amount": "617.2750"}, {"amount": "617.28"}]));
        // Donations are recorded beside the amount due.
        assert_eq!(json["donations"]["amount"], "50.00");
    }

    fn flat_json() -> serde_json::Value {
        serde_json::from_str(&FlatRate.evaluate(&missions()[0], Parameters::shipped()).unwrap().to_json()).unwrap()
    }

    fn refused(json: serde_json::Value, code: &str) -> Error {
        let err = Assessment::from_json(&json.to_string()).unwrap_err();
        assert_eq!(err.code(), code, "{json}: {err}");
        err
    }

    #[test]
    fn a_malformed_assessment_is_refused() {
        let mut j = flat_json();
        j["x"] = serde_json::json!(1);
        refused(j, "journal.json.malformed");
        // A rate written as an amount is another assessment: refused, not converted.
        let mut j = flat_json();
        j["steps"][0]["params"][0] = serde_json::json!({"percent": "0.05"});
        refused(j, "journal.json.malformed");
        let mut j = flat_json();
        j["steps"][1]["params"][0] = serde_json::json!({"amount": "1.2345e4"});
        refused(j, "journal.json.malformed");
        let mut j = flat_json();
        j["steps"][0]["code"] = serde_json::json!("flat.unknown");
        refused(j, "journal.json.malformed");
        refused(serde_json::json!([]), "journal.json.malformed");
    }

    #[test]
    fn an_edited_assessment_that_contradicts_itself_is_refused() {
        let mut j = flat_json();
        j["status"] = serde_json::json!("pending");
        let err = refused(j, "policy.assessment.inconsistent");
        assert!(err.to_string().contains("`priced`"), "{err}");
        // An amount below the cent is not money at all: refused as it is read.
        let mut j = flat_json();
        j["amount"]["amount"] = serde_json::json!("617.275");
        refused(j, "journal.json.malformed");
        let mut j = flat_json();
        j["in_kind_credit"]["amount"] = serde_json::json!("-1.00");
        refused(j, "policy.assessment.inconsistent");
        let mut j = flat_json();
        j["steps"][1]["params"].as_array_mut().unwrap().push(serde_json::json!({"count": 1}));
        refused(j, "policy.assessment.inconsistent");
        // An empty slot at the end is never written, so it is not read either.
        let mut j = flat_json();
        j["steps"][2]["params"].as_array_mut().unwrap().push(serde_json::Value::Null);
        refused(j, "policy.assessment.inconsistent");
        let mut j = flat_json();
        let step = j["steps"][0].clone();
        j["steps"] = serde_json::json!(vec![step; 13]);
        refused(j, "policy.assessment.inconsistent");
    }
}
