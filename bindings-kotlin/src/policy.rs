//! Contribution policies: built-in, combined, or implemented in Kotlin.
//!
//! A [`Policy`] wraps any core policy: one of the four built-ins by name, a
//! floor or cap around another policy, or a Kotlin class implementing the
//! foreign trait [`ContributionPolicy`], adapted to the core trait so that it
//! plugs in wherever a built-in one does. [`Parameters`] holds the
//! time-versioned parameters (shipped, or loaded from JSON once).

use crate::enums::{AssessmentStatus, Lang, LeadOrigin, Provenance};
use crate::error::{CoopetitionError, Result};
use chrono::NaiveDate;
use coopetition::ids::ActorId;
use coopetition::money::Money;
use coopetition::policy::facts::MissionFacts as CoreMissionFacts;
use coopetition::policy::{
    self as core_policy, Assessment as CoreAssessment, BehaviourModel as CoreBehaviourModel,
    ContributionPolicy as CorePolicy, Parameters as CoreParameters, Provenance as CoreProvenance, Step,
};
use coopetition::Error as CoreError;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

pub use coopetition::policy::facts::{MissionFacts, NegotiationState};
pub use coopetition::policy::guide::{CountRange, Criteria, RateRange, Situation};
pub use coopetition::policy::params::InKindValuation;
pub use coopetition::policy::BehaviourModel;

// ---- facts ------------------------------------------------------------------------

/// Facts of a won mission with no partner, no shared resource, no flag, no
/// declaration, no negotiation and no donation; set the rest with `copy(…)`.
///
/// # Errors
/// Typed errors for values that cannot be lifted.
#[uniffi::export]
pub fn mission_facts(
    provider: ActorId,
    revenue: Decimal,
    won_on: NaiveDate,
    lead_origin: LeadOrigin,
) -> Result<MissionFacts> {
    Ok(CoreMissionFacts::new(provider, Money::from_input(revenue)?, won_on, lead_origin))
}

/// Mission facts converted once into the core's form and kept on the Rust
/// side, to be evaluated many times without converting them again: what an
/// app holds for a mission it shows, or evaluates under several policies.
/// Immutable and safe to share between threads.
#[derive(Debug, uniffi::Object)]
pub struct PreparedMission {
    pub(crate) facts: CoreMissionFacts,
}

#[uniffi::export]
impl PreparedMission {
    /// Prepares mission facts (from [`mission_facts`], a network or JSON).
    ///
    /// # Errors
    /// Typed errors for values that cannot be lifted.
    #[uniffi::constructor]
    pub fn new(facts: MissionFacts) -> Result<Arc<PreparedMission>> {
        Ok(Arc::new(PreparedMission { facts }))
    }

    /// The facts, back as a record.
    pub fn facts(&self) -> MissionFacts {
        self.facts.clone()
    }
}

// ---- assessments --------------------------------------------------------------------
//
// The binding's own records: the core's `Assessment` keeps its explanation in a compact
// form (step codes and typed values, sentences written on demand) and its situation as
// a shared `Arc<str>`, neither of which uniffi carries. Kotlin gets it rendered once, in
// one language, with the core's JSON beside it; Python renders it on demand instead.

/// One step of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExplanationStep {
    /// The stable code of the step (`flat.rate`, `guide.match`, `rounding.cents`…).
    pub code: String,
    /// The values the step used, by name, as plain text (rates as fractions,
    /// amounts with their exact digits, ISO dates).
    pub params: HashMap<String, String>,
    /// The step as a sentence in the requested language.
    pub sentence: String,
    /// The code of the text the step applies (`report.radical`,
    /// `report.situation.3`, `charter.article.1`…); `null` when it applies none.
    pub source_code: Option<String>,
    /// The title of that text in the requested language.
    pub source_title: Option<String>,
}

impl ExplanationStep {
    fn new(step: &Step, lang: coopetition::text::Lang) -> ExplanationStep {
        let params = step
            .named_params()
            .filter(|(_, p)| !matches!(p, core_policy::Param::None))
            .map(|(name, p)| (name.to_owned(), p.to_plain()))
            .collect();
        ExplanationStep {
            code: coopetition::labels::Labelled::label(step.code).to_owned(),
            params,
            sentence: step.sentence(lang),
            source_code: step.source().map(|s| s.code.clone()),
            source_title: step.source().map(|s| s.title(lang).to_owned()),
        }
    }
}

/// What a policy says a mission owes, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Assessment {
    /// The name of the policy that assessed it.
    pub policy: String,
    /// Whether the mission could be priced.
    pub status: AssessmentStatus,
    /// The money due in euros, rounded to the cent; `null` unless priced.
    pub amount: Option<Decimal>,
    /// Value recognised as given in kind for this mission, in euros.
    pub in_kind_credit: Decimal,
    /// Donations recorded for this mission, beside (never in) the amount due.
    pub donations: Decimal,
    /// Where the amount comes from.
    pub provenance: Provenance,
    /// The guide situation the mission matched, if the policy used the guide.
    pub situation: Option<String>,
    /// The ordered steps, with their sentences in the requested language.
    pub explanation: Vec<ExplanationStep>,
    /// The assessment as the core's JSON (typed values, exact digits), which
    /// [`assessment_from_json`] reads back to an equal assessment.
    pub json: String,
}

impl Assessment {
    fn new(policy: &str, a: &CoreAssessment, lang: Lang) -> Assessment {
        Assessment {
            policy: policy.to_owned(),
            status: a.status,
            amount: a.amount.map(|m| m.amount()),
            in_kind_credit: a.in_kind_credit.amount(),
            donations: a.donations.amount(),
            provenance: a.provenance,
            situation: a.situation.as_deref().map(str::to_owned),
            explanation: a.explanation.steps().map(|s| ExplanationStep::new(&s, lang)).collect(),
            json: a.to_json(),
        }
    }
}

/// An assessment from the core's JSON (an assessment's `json`), read
/// strictly, for the named policy, its sentences in `lang`.
///
/// # Errors
/// `journal.json.malformed` for a document the engine would not write so,
/// `policy.assessment.inconsistent` when its facts contradict one another.
#[uniffi::export]
pub fn assessment_from_json(json: String, policy: String, lang: Lang) -> Result<Assessment> {
    Ok(Assessment::new(&policy, &CoreAssessment::from_json(&json)?, lang))
}

/// What a policy says a mission owes, without the explanation: the compact
/// result of [`Policy::evaluate_prepared`]. [`Policy::explain`] gives the same
/// assessment with its explanation, rendered when it is asked for.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AssessmentSummary {
    /// Whether the mission could be priced.
    pub status: AssessmentStatus,
    /// The money due in euros, rounded to the cent; `null` unless priced.
    pub amount: Option<Decimal>,
    /// Value recognised as given in kind for this mission, in euros.
    pub in_kind_credit: Decimal,
    /// Donations recorded for this mission, beside (never in) the amount due.
    pub donations: Decimal,
    /// Where the amount comes from.
    pub provenance: Provenance,
    /// The guide situation the mission matched, if the policy used the guide.
    pub situation: Option<String>,
}

impl From<CoreAssessment> for AssessmentSummary {
    fn from(a: CoreAssessment) -> AssessmentSummary {
        AssessmentSummary {
            status: a.status,
            amount: a.amount.map(|m| m.amount()),
            in_kind_credit: a.in_kind_credit.amount(),
            donations: a.donations.amount(),
            provenance: a.provenance,
            situation: a.situation.as_deref().map(str::to_owned),
        }
    }
}

/// One result of [`Policy::evaluate_all`]: an assessment, or the error's code and message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Evaluation {
    /// The assessment, when the mission could be evaluated.
    pub assessment: Option<Assessment>,
    /// The stable error code otherwise.
    pub error_code: Option<String>,
    /// The error message otherwise.
    pub error_reason: Option<String>,
}

// ---- parameters ---------------------------------------------------------------------

/// The parameters of the policies, each with its validity periods. Load them
/// once and share them: they are immutable and safe to use from several threads.
#[derive(Debug, uniffi::Object)]
pub struct Parameters {
    pub(crate) inner: CoreParameters,
}

#[uniffi::export]
impl Parameters {
    /// The shipped parameters: 5% from 2020-01-01, the shipped guide, the default in-kind valuation.
    #[uniffi::constructor]
    pub fn shipped() -> Arc<Parameters> {
        Arc::new(Parameters { inner: CoreParameters::shipped().clone() })
    }

    /// Parameters from JSON; absent sections keep the shipped values.
    ///
    /// # Errors
    /// `journal.json.malformed`, `policy.parameters.overlap`, `policy.parameters.gap`,
    /// `policy.rate.invalid`, any guide error (`policy.guide.*`).
    #[uniffi::constructor]
    pub fn load(json: String) -> Result<Arc<Parameters>> {
        Ok(Arc::new(Parameters { inner: CoreParameters::load(&json)? }))
    }

    /// The parameters as the JSON [`Parameters::load`] reads back to equal parameters.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Whether two parameters are equal, period by period.
    pub fn same_as(&self, other: Arc<Parameters>) -> bool {
        self.inner == other.inner
    }

    /// The shipped parameters with a single flat rate (a fraction) from 2020-01-01.
    ///
    /// # Errors
    /// `policy.rate.invalid`.
    #[uniffi::constructor]
    pub fn with_flat_rate(rate: Decimal) -> Result<Arc<Parameters>> {
        Ok(Arc::new(Parameters { inner: CoreParameters::with_flat_rate(rate)? }))
    }

    /// These parameters with the flat rate `rate` in every period (a variant,
    /// to see what a rate would give).
    ///
    /// # Errors
    /// `policy.rate.invalid`.
    pub fn with_flat_rate_everywhere(&self, rate: Decimal) -> Result<Arc<Parameters>> {
        Ok(Arc::new(Parameters { inner: self.inner.with_flat_rate_everywhere(rate)? }))
    }

    /// These parameters with the guide situation `situation` at `rate` in
    /// every guide that has it (its range widened to hold the rate).
    ///
    /// # Errors
    /// `policy.rate.invalid`; `policy.situation.unknown` (the message lists
    /// the known situations); `policy.guide.invalid`.
    pub fn with_situation_rate(&self, situation: String, rate: Decimal) -> Result<Arc<Parameters>> {
        Ok(Arc::new(Parameters { inner: self.inner.with_situation_rate(&situation, rate)? }))
    }

    /// These parameters with the part of the guide situation `situation`
    /// recognised in kind at `rate`, in every guide that has it.
    ///
    /// # Errors
    /// `policy.rate.invalid`; `policy.situation.unknown`;
    /// `policy.guide.invalid` when the rate and the in-kind rate add up to more than 1.
    pub fn with_situation_in_kind_rate(&self, situation: String, rate: Decimal) -> Result<Arc<Parameters>> {
        Ok(Arc::new(Parameters { inner: self.inner.with_situation_in_kind_rate(&situation, rate)? }))
    }

    /// These parameters with every situation's rate multiplied by `factor`.
    ///
    /// # Errors
    /// `policy.rate.invalid` for a negative factor or one that takes a rate beyond 1.
    pub fn with_guide_scaled(&self, factor: Decimal) -> Result<Arc<Parameters>> {
        Ok(Arc::new(Parameters { inner: self.inner.with_guide_scaled(factor)? }))
    }

    /// The flat rate in force on a date, as a fraction.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force`.
    pub fn flat_rate_at(&self, on: NaiveDate) -> Result<Decimal> {
        Ok(self.inner.flat_rate_at(on)?.0)
    }

    /// The situations of the guide in force on a date, in file order.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force`.
    pub fn guide_at(&self, on: NaiveDate) -> Result<Vec<Situation>> {
        Ok(self.inner.guide_at(on)?.situations().to_vec())
    }

    /// The in-kind valuation in force on a date.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force`.
    pub fn in_kind_at(&self, on: NaiveDate) -> Result<InKindValuation> {
        Ok(self.inner.in_kind_at(on)?.clone())
    }
}

// ---- policies -----------------------------------------------------------------------

/// Follow-up rules from JSON, checked.
///
/// # Errors
/// `journal.json.malformed`, `compliance.deadline.invalid`, `standing.thresholds.invalid`.
#[uniffi::export]
pub fn parse_follow_up_rules(json: String) -> Result<crate::followup::FollowUpRules> {
    Ok(coopetition::compliance::parse_rules(&json)?)
}

/// The default behaviour model (assumptions to tune, not findings).
#[uniffi::export]
pub fn default_behaviour_model() -> BehaviourModel {
    CoreBehaviourModel::default()
}

/// A contribution policy implemented in Kotlin: it plugs in wherever a
/// built-in one does, through [`Policy::custom`].
///
/// Implementations must be deterministic and safe to call from several
/// threads. Any exception they throw becomes a `CoopetitionException.Policy`
/// with code `policy.custom.failed`, naming the policy and the mission.
#[uniffi::export(with_foreign)]
pub trait ContributionPolicy: Send + Sync {
    /// A short stable name; read once, when the policy is wrapped.
    ///
    /// # Errors
    /// Whatever the implementation throws.
    fn name(&self) -> Result<String, PolicyFailure>;

    /// The money due for a won mission, in euros, rounded to the cent by the
    /// core, half away from zero. The core refuses a negative amount, or one
    /// beyond the range of money, with `policy.custom.failed`.
    ///
    /// # Errors
    /// Whatever the implementation throws.
    fn evaluate(&self, facts: MissionFacts, parameters: Arc<Parameters>) -> Result<Decimal, PolicyFailure>;
}

/// What a Kotlin policy may throw to fail; any other exception fails it the
/// same way, and both become `policy.custom.failed` with the message.
///
/// Its own type, not [`CoopetitionError`]: uniffi 0.32's Kotlin for a
/// callback's error declared in another crate (the core) does not compile
/// (it lowers it to the other package's `RustBuffer`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PolicyFailure {
    /// The policy could not price the mission.
    #[error("{reason}")]
    Failed {
        /// Why, in the policy's words.
        reason: String,
    },
}

impl PolicyFailure {
    fn reason(&self) -> &str {
        match self {
            PolicyFailure::Failed { reason } => reason,
        }
    }
}

/// A Kotlin exception that is not a `PolicyFailureException`: its text.
impl From<uniffi::UnexpectedUniFFICallbackError> for PolicyFailure {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> PolicyFailure {
        PolicyFailure::Failed { reason: e.reason }
    }
}

/// Adapts a Kotlin policy to the core trait.
struct ForeignPolicy {
    name: String,
    policy: Arc<dyn ContributionPolicy>,
}

impl CorePolicy for ForeignPolicy {
    fn name(&self) -> &str {
        &self.name
    }

    fn evaluate(&self, m: &CoreMissionFacts, params: &CoreParameters) -> coopetition::Result<CoreAssessment> {
        let failed =
            |message: String| CoreError::PolicyFailed { policy: self.name.clone(), mission: m.describe(), message };
        let parameters = Arc::new(Parameters { inner: params.clone() });
        let amount = self.policy.evaluate(m.clone(), parameters).map_err(|e| failed(e.reason().to_owned()))?;
        CoreAssessment::custom(&self.name, m, Money::eur(amount), CoreProvenance::Computed)
    }
}

/// A contribution policy: built in, combined, or implemented in Kotlin.
/// Immutable and safe to use from several threads.
#[derive(uniffi::Object)]
pub struct Policy {
    inner: Arc<dyn CorePolicy>,
}

impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Policy").field("name", &self.inner.name()).finish()
    }
}

pub(crate) fn parameters_or_shipped(parameters: Option<&Arc<Parameters>>) -> &CoreParameters {
    match parameters {
        Some(p) => &p.inner,
        None => CoreParameters::shipped(),
    }
}

impl Policy {
    fn wrap(inner: Arc<dyn CorePolicy>) -> Arc<Policy> {
        Arc::new(Policy { inner })
    }

    /// The core policy, for the ledger and comparisons.
    pub(crate) fn core(&self) -> &dyn CorePolicy {
        &*self.inner
    }

    pub(crate) fn evaluate_core(
        &self,
        facts: &CoreMissionFacts,
        parameters: &Option<Arc<Parameters>>,
        lang: Lang,
    ) -> Result<Assessment> {
        let a = self.inner.evaluate(facts, parameters_or_shipped(parameters.as_ref()))?;
        Ok(Assessment::new(self.inner.name(), &a, lang))
    }
}

#[uniffi::export]
impl Policy {
    /// One of the four built-in policies by name: `flat`, `guide`,
    /// `self_assessed`, `negotiated`; the last two take an optional behaviour
    /// model standing in for missing declarations or agreements.
    ///
    /// # Errors
    /// `input.label.unknown` for another name, `policy.rate.invalid` for a bad model.
    #[uniffi::constructor(default(model = None))]
    pub fn builtin(name: String, model: Option<BehaviourModel>) -> Result<Arc<Policy>> {
        if let Some(m) = &model {
            m.check()?;
        }
        Ok(Policy::wrap(Arc::from(core_policy::builtin(&name, model)?)))
    }

    /// A policy implemented in Kotlin.
    ///
    /// # Errors
    /// `policy.custom.failed` if its `name()` throws.
    #[uniffi::constructor]
    pub fn custom(policy: Arc<dyn ContributionPolicy>) -> Result<Arc<Policy>> {
        let name = policy.name().map_err(|e| {
            CoopetitionError::with_code("policy.custom.failed", format!("the policy's name failed: {}", e.reason()))
        })?;
        Ok(Policy::wrap(Arc::new(ForeignPolicy { name, policy })))
    }

    /// Raises a priced amount to at least `floor` euros (never above the revenue).
    ///
    /// # Errors
    /// Typed errors for values that cannot be lifted.
    #[uniffi::constructor]
    pub fn floor(inner: Arc<Policy>, floor: Decimal) -> Result<Arc<Policy>> {
        Ok(Policy::wrap(Arc::new(core_policy::Floor { inner: inner.inner.clone(), floor: Money::from_input(floor)? })))
    }

    /// Lowers a priced amount to at most `cap` euros per mission.
    ///
    /// # Errors
    /// Typed errors for values that cannot be lifted.
    #[uniffi::constructor]
    pub fn cap(inner: Arc<Policy>, cap: Decimal) -> Result<Arc<Policy>> {
        Ok(Policy::wrap(Arc::new(core_policy::Cap { inner: inner.inner.clone(), cap: Money::from_input(cap)? })))
    }

    /// Caps what each provider owes per calendar year (see [`Policy::evaluate_all`]);
    /// evaluated alone, a mission is capped at `cap` euros.
    ///
    /// # Errors
    /// Typed errors for values that cannot be lifted.
    #[uniffi::constructor]
    pub fn yearly_cap(inner: Arc<Policy>, cap: Decimal) -> Result<Arc<Policy>> {
        Ok(Policy::wrap(Arc::new(core_policy::YearlyCap { inner: inner.inner.clone(), cap: Money::from_input(cap)? })))
    }

    /// The policy's stable name.
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// What a won mission owes, with the explanation in `lang`; parameters
    /// default to the shipped ones.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force`, `policy.declaration.out_of_range`,
    /// `money.amount.negative`, `money.amount.overflow`, `policy.guide.gap`,
    /// `policy.custom.failed`.
    #[uniffi::method(default(parameters = None))]
    pub fn evaluate(&self, facts: MissionFacts, lang: Lang, parameters: Option<Arc<Parameters>>) -> Result<Assessment> {
        self.evaluate_core(&facts, &parameters, lang)
    }

    /// What a prepared mission owes, without the explanation: the fast path
    /// for an app showing amounts (one call, nothing converted but the result).
    ///
    /// # Errors
    /// As [`Policy::evaluate`].
    pub fn evaluate_prepared(
        &self,
        mission: Arc<PreparedMission>,
        parameters: Arc<Parameters>,
    ) -> Result<AssessmentSummary> {
        Ok(self.inner.evaluate(&mission.facts, &parameters.inner)?.into())
    }

    /// What a prepared mission owes, with the explanation in `lang`: the same
    /// assessment as [`Policy::evaluate_prepared`], explained.
    ///
    /// # Errors
    /// As [`Policy::evaluate`].
    pub fn explain(
        &self,
        mission: Arc<PreparedMission>,
        lang: Lang,
        parameters: Arc<Parameters>,
    ) -> Result<Assessment> {
        self.evaluate_core(&mission.facts, &Some(parameters), lang)
    }

    /// Evaluates many missions in order; policies whose amounts depend on
    /// other missions (a yearly cap) take them together.
    ///
    /// # Errors
    /// Typed errors for values that cannot be lifted; per-mission errors are in the results.
    #[uniffi::method(default(parameters = None))]
    pub fn evaluate_all(
        &self,
        facts: Vec<MissionFacts>,
        lang: Lang,
        parameters: Option<Arc<Parameters>>,
    ) -> Result<Vec<Evaluation>> {
        let results = self.inner.evaluate_all(&facts, parameters_or_shipped(parameters.as_ref()));
        Ok(results
            .into_iter()
            .map(|r| match r {
                Ok(a) => Evaluation {
                    assessment: Some(Assessment::new(self.inner.name(), &a, lang)),
                    error_code: None,
                    error_reason: None,
                },
                Err(e) => Evaluation {
                    assessment: None,
                    error_code: Some(e.code().to_owned()),
                    error_reason: Some(e.to_string()),
                },
            })
            .collect())
    }
}

/// What a won mission owes under a built-in policy named `policy` (`flat`,
/// `guide`, `self_assessed`, `negotiated`), with an optional behaviour model
/// and parameters (shipped by default), explained in `lang`.
///
/// # Errors
/// As [`Policy::builtin`] and [`Policy::evaluate`].
#[uniffi::export(default(model = None, parameters = None))]
pub fn evaluate(
    policy: String,
    facts: MissionFacts,
    lang: Lang,
    model: Option<BehaviourModel>,
    parameters: Option<Arc<Parameters>>,
) -> Result<Assessment> {
    Policy::builtin(policy, model)?.evaluate(facts, lang, parameters)
}
