//! The JSON form of an [`Assessment`]: what [`Assessment::to_json`] writes
//! and [`Assessment::from_json`] reads back to an equal assessment.
//!
//! Amounts are the engine's money objects (`{"amount": "617.28", "currency":
//! "EUR"}`); each step is its stable code and its values, each tagged with its
//! kind (`{"rate": "0.05"}`, `{"amount": "617.275"}`, `{"date": "2021-03-01"}`,
//! `{"count": 2}`, `{"origin": "network_event"}`, `{"basis": "recorded"}`, `{"flag": true}`, `{"name":
//! "…"}`) so that a rate is never read back as an amount; decimals keep their
//! exact digits. An empty slot between values is `null`; empty slots at the
//! end are not written. Reading is strict: a document is refused unless this
//! build would write it the same way (`journal.json.malformed`), and unless
//! its facts agree (`policy.assessment.inconsistent`).

use super::explanation::{Explanation, Param, Step, StepCode, MAX_PARAMS, MAX_STEPS};
use super::{Assessment, AssessmentStatus, Provenance};
use crate::error::{Error, Result};
use crate::mission::LeadOrigin;
use crate::money::Money;
use crate::origin::LeadOriginBasis;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// An assessment as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AssessmentRepr {
    status: AssessmentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<Money>,
    in_kind_credit: Money,
    donations: Money,
    provenance: Provenance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    situation: Option<String>,
    steps: Vec<StepRepr>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepRepr {
    code: StepCode,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    params: Vec<Option<ParamRepr>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum ParamRepr {
    Rate(#[serde(with = "rust_decimal::serde::str")] Decimal),
    Amount(#[serde(with = "rust_decimal::serde::str")] Decimal),
    Date(NaiveDate),
    Count(u32),
    Origin(LeadOrigin),
    Basis(LeadOriginBasis),
    Flag(bool),
    Name(String),
}

fn param_repr(p: &Param) -> Option<ParamRepr> {
    Some(match p {
        Param::None => return None,
        Param::Rate(r) => ParamRepr::Rate(*r),
        Param::Amount(a) => ParamRepr::Amount(*a),
        Param::Date(d) => ParamRepr::Date(*d),
        Param::Count(c) => ParamRepr::Count(*c),
        Param::Origin(o) => ParamRepr::Origin(*o),
        Param::Basis(b) => ParamRepr::Basis(*b),
        Param::Flag(b) => ParamRepr::Flag(*b),
        Param::Name(n) => ParamRepr::Name(n.to_string()),
    })
}

fn param(p: Option<ParamRepr>) -> Param {
    match p {
        None => Param::None,
        Some(ParamRepr::Rate(r)) => Param::Rate(r),
        Some(ParamRepr::Amount(a)) => Param::Amount(a),
        Some(ParamRepr::Date(d)) => Param::Date(d),
        Some(ParamRepr::Count(c)) => Param::Count(c),
        Some(ParamRepr::Origin(o)) => Param::Origin(o),
        Some(ParamRepr::Basis(b)) => Param::Basis(b),
        Some(ParamRepr::Flag(b)) => Param::Flag(b),
        Some(ParamRepr::Name(n)) => Param::Name(Arc::from(n)),
    }
}

impl From<Assessment> for AssessmentRepr {
    fn from(a: Assessment) -> AssessmentRepr {
        let steps = a
            .explanation
            .steps()
            .map(|s| {
                let mut params: Vec<Option<ParamRepr>> = s.params.iter().map(param_repr).collect();
                // Empty slots at the end are left out: one spelling per step.
                while params.last().is_some_and(Option::is_none) {
                    params.pop();
                }
                StepRepr { code: s.code, params }
            })
            .collect();
        AssessmentRepr {
            status: a.status,
            amount: a.amount,
            in_kind_credit: a.in_kind_credit,
            donations: a.donations,
            provenance: a.provenance,
            situation: a.situation.map(|s| s.to_string()),
            steps,
        }
    }
}

fn ensure(holds: bool, rule: &'static str) -> Result<()> {
    if holds {
        Ok(())
    } else {
        Err(Error::AssessmentInconsistent(rule))
    }
}

fn not_negative(m: Money) -> bool {
    !m.is_negative()
}

impl TryFrom<AssessmentRepr> for Assessment {
    type Error = Error;

    fn try_from(r: AssessmentRepr) -> Result<Assessment> {
        ensure(
            r.amount.is_some() == (r.status == AssessmentStatus::Priced),
            "an amount is given exactly when the status is `priced`",
        )?;
        if let Some(amount) = r.amount {
            ensure(not_negative(amount), "the amount is not negative")?;
            ensure(amount.rounded() == amount, "the amount is rounded to the cent")?;
        }
        ensure(not_negative(r.in_kind_credit), "the in-kind credit is not negative")?;
        ensure(not_negative(r.donations), "the donations are not negative")?;
        ensure(r.steps.len() <= MAX_STEPS, "an explanation holds at most 12 steps")?;
        let mut explanation = Explanation::new();
        for s in r.steps {
            ensure(s.params.len() <= MAX_PARAMS, "a step holds at most 3 values")?;
            // The writer leaves empty slots at the end out: one spelling per step.
            ensure(s.params.last().is_none_or(Option::is_some), "a step's last value is not empty")?;
            explanation.push(Step::new(s.code, s.params.into_iter().map(param)));
        }
        Ok(Assessment {
            status: r.status,
            amount: r.amount,
            in_kind_credit: r.in_kind_credit,
            donations: r.donations,
            provenance: r.provenance,
            situation: r.situation.map(Arc::from),
            explanation,
        })
    }
}

impl Assessment {
    /// The assessment as JSON (see [`crate::policy::assessment_json`]), which
    /// [`Assessment::from_json`] reads back to an equal assessment.
    pub fn to_json(&self) -> String {
        // Serialising plain data cannot fail.
        serde_json::to_string(&AssessmentRepr::from(self.clone())).unwrap_or_default()
    }

    /// Reads an assessment written by [`Assessment::to_json`].
    ///
    /// # Errors
    /// `journal.json.malformed` for a document this build would not write so
    /// (an unknown field, a value spelt otherwise, a rate given as an amount),
    /// `policy.assessment.inconsistent` when its facts contradict one another.
    pub fn from_json(text: &str) -> Result<Assessment> {
        let repr: AssessmentRepr = crate::canonical::from_str(text, None)?;
        Assessment::try_from(repr)
    }
}
