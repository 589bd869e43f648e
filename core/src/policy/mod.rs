//! Contribution policies: what a provider owes the network for a won mission.
//!
//! A [`ContributionPolicy`] evaluates [`MissionFacts`] with the [`Parameters`]
//! in force on the day the mission was won into an [`Assessment`]: the amount
//! due (exact, rounded to the cent once by [`crate::money::round_cents`]), any
//! in-kind credit, a [`Provenance`] and an [`Explanation`] of ordered steps.
//! The seed's four policies are [`FlatRate`], [`GuideRate`], [`SelfAssessed`]
//! and [`Negotiated`]; anyone can implement the trait, and [`Floor`], [`Cap`]
//! and [`YearlyCap`] wrap any policy.
//!
//! ```
//! use coopetition::policy::{ContributionPolicy, FlatRate, MissionFacts, Parameters};
//! use coopetition::prelude::*;
//! # fn main() -> coopetition::Result<()> {
//! let facts = MissionFacts::new(ActorId::new("p1")?, Money::parse_eur("12345.50")?, date(2021, 3, 1)?, LeadOrigin::NetworkEvent);
//! let a = FlatRate.evaluate(&facts, Parameters::shipped())?;
//! assert_eq!(a.amount, Some(Money::parse_eur("617.28")?)); // 617.275 rounds half away from zero
//! assert_eq!(a.explanation.codes(), ["flat.rate", "flat.amount", "rounding.cents"]);
//! # Ok(()) }
//! ```

pub mod assessment_json;
pub mod batch;
pub mod batch_input;
pub mod compare;
pub mod diagnostics;
pub mod explanation;
pub mod facts;
pub mod guide;
pub mod params;
pub mod reads;
pub mod solve;
pub mod sources;
pub mod sweep;
pub mod timeline;

pub use explanation::{Explanation, Param, Step, StepCode};
pub use facts::{MissionFacts, NegotiationStage, NegotiationState};
pub use guide::{Guide, Matched, Situation};
pub use params::{InKindValuation, Parameters};

use crate::error::{Error, Result};
use crate::labels::labelled_enum;
use crate::money::{round_cents, round_cents_changed, Money};
use crate::origin::OriginRecord;
use explanation::FlatSteps;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

labelled_enum!(
    /// Where an amount comes from.
    Provenance, "provenance", {
        /// Computed by a rule (flat rate, guide).
        Computed => "computed",
        /// Declared by the provider.
        Declared => "declared",
        /// Agreed in a negotiation.
        Negotiated => "negotiated",
        /// Stood in for by a behaviour model, for want of real data.
        Modelled => "modelled",
    }
);

labelled_enum!(
    /// Whether a policy could price a mission.
    AssessmentStatus, "assessment status", {
        /// An amount is due.
        Priced => "priced",
        /// A negotiation is not concluded: the amount is pending, not zero.
        Pending => "pending",
        /// The provider has not declared its contribution.
        Undeclared => "undeclared",
        /// The negotiation ended without agreement.
        Stalemate => "stalemate",
    }
);

/// What a policy says a mission owes, and why.
///
/// Its JSON form is described in [`assessment_json`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "assessment_json::AssessmentRepr", into = "assessment_json::AssessmentRepr")]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq)
)]
pub struct Assessment {
    /// Whether the mission could be priced.
    pub status: AssessmentStatus,
    /// The money due, rounded to the cent; `None` unless priced.
    pub amount: Option<Money>,
    /// Value recognised as given in kind for this mission.
    pub in_kind_credit: Money,
    /// Donations recorded for this mission, beside (never in) the amount due.
    pub donations: Money,
    /// Where the amount comes from.
    pub provenance: Provenance,
    /// The guide situation the mission matched, if the policy used the guide.
    pub situation: Option<Arc<str>>,
    /// The ordered steps.
    pub explanation: Explanation,
}

impl Assessment {
    fn new(provenance: Provenance) -> Assessment {
        Assessment { explanation: Explanation::new(), ..Assessment::new_without_steps(provenance) }
    }

    /// A priced assessment with an empty explanation that holds no heap block yet.
    fn new_without_steps(provenance: Provenance) -> Assessment {
        Assessment {
            status: AssessmentStatus::Priced,
            amount: None,
            in_kind_credit: Money::ZERO,
            donations: Money::ZERO,
            provenance,
            situation: None,
            explanation: Explanation::default(),
        }
    }

    /// An assessment of a fixed amount by a policy implemented outside the
    /// crate (in any language), with a single `custom.amount` step, rounded to
    /// the cent by [`crate::money::round_cents`].
    ///
    /// The amount must be money the network can hold: not negative, and once
    /// rounded within the range of money ([`Money::ensure_input`]), so that a
    /// journal can read it back. The rule is the same whatever language the
    /// policy is written in.
    ///
    /// # Errors
    /// `policy.custom.failed`, naming the policy and the mission, for a
    /// negative amount or one beyond the range of money.
    pub fn custom(policy: &str, mission: &MissionFacts, amount: Money, provenance: Provenance) -> Result<Assessment> {
        let refused = |e: Error| Error::PolicyFailed {
            policy: policy.to_owned(),
            mission: mission.describe(),
            message: e.to_string(),
        };
        let amount = amount.ensure_not_negative("amount").map_err(refused)?;
        let rounded = amount.rounded().ensure_input().map_err(refused)?;
        let mut a = Assessment::new(provenance);
        a.explanation
            .push(Step::new(StepCode::Custom, [Param::Name(Arc::from(policy)), Param::Amount(amount.amount())]));
        if rounded != amount {
            a.explanation
                .push(Step::new(StepCode::Rounding, [Param::Amount(amount.amount()), Param::Amount(rounded.amount())]));
        }
        a.amount = Some(rounded);
        Ok(a)
    }

    /// The amount due in whole cents, when priced.
    pub fn cents(&self) -> Option<i64> {
        self.amount.and_then(|m| m.to_cents())
    }
}

/// A way to evaluate what a won mission owes the network.
///
/// Implementations must be deterministic: the same facts and parameters give
/// the same assessment. They must not panic; return an [`Error`] instead.
pub trait ContributionPolicy: Send + Sync {
    /// A short stable name (`flat`, `guide`, `self_assessed`, `negotiated`…).
    fn name(&self) -> &str;

    /// The name with the settings that change the policy's results (a
    /// behaviour model…), so that comparison summaries of differently set
    /// policies of one name are not merged together
    /// ([`compare::Summary`]). Default: the name.
    fn identity(&self) -> String {
        self.name().to_owned()
    }

    /// Evaluates one mission.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force`, `policy.declaration.out_of_range`,
    /// `money.amount.negative` (revenue), `money.amount.overflow`, or the
    /// implementation's own.
    fn evaluate(&self, mission: &MissionFacts, params: &Parameters) -> Result<Assessment>;

    /// Evaluates many missions; policies whose amounts depend on other
    /// missions (a yearly cap) override it. Results are in input order.
    fn evaluate_all(&self, missions: &[MissionFacts], params: &Parameters) -> Vec<Result<Assessment>> {
        missions.iter().map(|m| self.evaluate(m, params)).collect()
    }
}

impl<P: ContributionPolicy + ?Sized> ContributionPolicy for Box<P> {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn identity(&self) -> String {
        (**self).identity()
    }
    fn evaluate(&self, mission: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        (**self).evaluate(mission, params)
    }
    fn evaluate_all(&self, missions: &[MissionFacts], params: &Parameters) -> Vec<Result<Assessment>> {
        (**self).evaluate_all(missions, params)
    }
}

impl<P: ContributionPolicy + ?Sized> ContributionPolicy for Arc<P> {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn identity(&self) -> String {
        (**self).identity()
    }
    fn evaluate(&self, mission: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        (**self).evaluate(mission, params)
    }
    fn evaluate_all(&self, missions: &[MissionFacts], params: &Parameters) -> Vec<Result<Assessment>> {
        (**self).evaluate_all(missions, params)
    }
}

fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    crate::money::exact_mul(a, b)
}

#[inline]
fn checked_revenue(m: &MissionFacts) -> Result<Decimal> {
    Ok(m.revenue.ensure_not_negative("revenue")?.amount())
}

/// Pushes the rounding step when rounding changed the value, and returns the rounded amount.
fn round_step(e: &mut Explanation, exact: Decimal) -> Money {
    let (rounded, changed) = round_cents_changed(exact);
    if changed {
        e.push(Step::new(StepCode::Rounding, [Param::Amount(exact), Param::Amount(rounded)]));
    }
    Money::eur(rounded)
}

/// Records the mission's donations beside the amount.
///
/// # Errors
/// `money.amount.negative` for negative donations.
fn donations_step(a: &mut Assessment, m: &MissionFacts) -> Result<()> {
    a.donations = m.donations.ensure_not_negative("donations")?;
    if !m.donations.amount().is_zero() {
        a.explanation.push(Step::new(StepCode::DonationsApart, [Param::Amount(m.donations.amount())]));
    }
    Ok(())
}

/// **Flat rate** ("proposition radicale"): the rate in force (5% by default)
/// of the revenue, every time. Donations are recorded beside it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FlatRate;

impl FlatRate {
    /// The flat amount, rounded, pushing its steps.
    fn amount(e: &mut Explanation, m: &MissionFacts, params: &Parameters) -> Result<Money> {
        let revenue = checked_revenue(m)?;
        let (rate, since) = params.flat_rate_at(m.won_on)?;
        let exact = mul(revenue, rate)?;
        e.push(Step::new(StepCode::FlatRate, [Param::Rate(rate), Param::Date(since)]));
        e.push(Step::new(StepCode::FlatAmount, [Param::Amount(revenue), Param::Rate(rate), Param::Amount(exact)]));
        Ok(round_step(e, exact))
    }
}

impl ContributionPolicy for FlatRate {
    fn name(&self) -> &str {
        "flat"
    }

    fn evaluate(&self, m: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        // The steps of `FlatRate::amount` and `donations_step`, kept as values.
        let revenue = checked_revenue(m)?;
        let (rate, since) = params.flat_rate_at(m.won_on)?;
        let exact = mul(revenue, rate)?;
        let (rounded, changed) = round_cents_changed(exact);
        let donations = m.donations.ensure_not_negative("donations")?.amount();
        let steps = FlatSteps { rate, since, revenue, exact, rounded, changed, donations };
        Ok(Assessment {
            amount: Some(Money::eur(rounded)),
            donations: m.donations,
            explanation: Explanation::flat(steps),
            ..Assessment::new_without_steps(Provenance::Computed)
        })
    }
}

/// The guide's suggestion for a mission: situation, rate and rounded amount.
struct Suggestion {
    situation: Arc<str>,
    rate: Decimal,
    amount: Money,
}

/// **Guide of emblematic situations** ("proposition optimiste"): the rate of
/// the most specific situation the mission matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GuideRate;

impl GuideRate {
    fn matched<'p>(m: &MissionFacts, params: &'p Parameters) -> Result<Matched<'p>> {
        let guide = params.guide_at(m.won_on)?;
        guide.find(m).ok_or_else(|| Error::GuideGap(m.describe()))
    }

    /// The guide's suggestion without explanation steps (for comparison in other policies).
    fn suggestion(m: &MissionFacts, params: &Parameters) -> Result<Suggestion> {
        let matched = GuideRate::matched(m, params)?;
        let rate = matched.situation.rate;
        let amount = Money::eur(round_cents(mul(checked_revenue(m)?, rate)?));
        Ok(Suggestion { situation: matched.id.clone(), rate, amount })
    }

    fn suggestion_step(s: &Suggestion) -> Step {
        Step::new(
            StepCode::SelfSuggestion,
            [Param::Name(s.situation.clone()), Param::Rate(s.rate), Param::Amount(s.amount.amount())],
        )
    }
}

impl ContributionPolicy for GuideRate {
    fn name(&self) -> &str {
        "guide"
    }

    fn evaluate(&self, m: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        let revenue = checked_revenue(m)?;
        let matched = GuideRate::matched(m, params)?;
        let mut a = Assessment::new(Provenance::Computed);
        let e = &mut a.explanation;
        let record = match &m.origin_record {
            Some(OriginRecord::Lead { lead }) => Param::Name(Arc::from(lead.as_str())),
            Some(OriginRecord::NetworkEvent { event }) => Param::Name(Arc::from(event.as_str())),
            None => Param::None,
        };
        e.push(Step::new(
            StepCode::GuideOrigin,
            [Param::Origin(m.lead_origin), Param::Basis(m.lead_origin_basis), record],
        ));
        if matched.specificity == 0 {
            e.push(Step::new(StepCode::GuideDefault, [Param::Name(matched.id.clone())]));
        } else {
            e.push(Step::new(
                StepCode::GuideMatch,
                [
                    Param::Name(matched.id.clone()),
                    Param::Name(matched.criteria.clone()),
                    Param::Count(matched.specificity),
                ],
            ));
        }
        let rate = matched.situation.rate;
        let exact = mul(revenue, rate)?;
        e.push(Step::new(StepCode::GuideAmount, [Param::Amount(revenue), Param::Rate(rate), Param::Amount(exact)]));
        a.amount = Some(round_step(e, exact));
        let in_kind_rate = matched.situation.in_kind_rate;
        if !in_kind_rate.is_zero() {
            let credit = round_cents(mul(revenue, in_kind_rate)?);
            e.push(Step::new(StepCode::GuideInKind, [Param::Rate(in_kind_rate), Param::Amount(credit)]));
            a.in_kind_credit = Money::eur(credit);
        }
        a.situation = Some(matched.id.clone());
        donations_step(&mut a, m)?;
        Ok(a)
    }
}

/// An explicit model of behaviour that stands in for missing declarations and
/// agreements over historical data. Rows it prices are marked
/// [`Provenance::Modelled`].
///
/// - self-assessed: the provider declares `declared_share_of_guide` of the
///   guide's suggestion (default 0.8: declarations tend to sit below the guide);
/// - negotiated: the parties settle `negotiated_toward_flat` of the way from
///   the guide's suggestion to the flat amount (default 0.5: halfway).
///
/// Both defaults are assumptions to tune, not findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct BehaviourModel {
    /// Share of the guide's suggestion a provider declares.
    #[serde(with = "rust_decimal::serde::str")]
    pub declared_share_of_guide: Decimal,
    /// How far from the guide's suggestion toward the flat amount a negotiation settles.
    #[serde(with = "rust_decimal::serde::str")]
    pub negotiated_toward_flat: Decimal,
}

impl Default for BehaviourModel {
    fn default() -> BehaviourModel {
        BehaviourModel { declared_share_of_guide: Decimal::new(8, 1), negotiated_toward_flat: Decimal::new(5, 1) }
    }
}

impl BehaviourModel {
    /// Checks both factors are in 0..=1.
    ///
    /// # Errors
    /// `policy.rate.invalid`.
    pub fn check(&self) -> Result<()> {
        params::check_rate("declared share of guide", self.declared_share_of_guide)?;
        params::check_rate("negotiated share toward flat", self.negotiated_toward_flat)
    }
}

/// A policy's name with its behaviour model, if any.
fn model_identity(name: &str, model: Option<BehaviourModel>) -> String {
    match model {
        Some(m) => format!("{name}({}, {})", m.declared_share_of_guide, m.negotiated_toward_flat),
        None => name.to_owned(),
    }
}

/// **Self-assessed** ("proposition naïve"): the provider declares its fair
/// contribution, between 0 and the revenue; the explanation shows the guide's
/// suggestion and the gap. Without a declaration the mission is
/// [`AssessmentStatus::Undeclared`], unless a [`BehaviourModel`] stands in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SelfAssessed {
    /// The model standing in for missing declarations, if any.
    pub model: Option<BehaviourModel>,
}

impl ContributionPolicy for SelfAssessed {
    fn identity(&self) -> String {
        model_identity(self.name(), self.model)
    }

    fn name(&self) -> &str {
        if self.model.is_some() {
            "self_assessed_modelled"
        } else {
            "self_assessed"
        }
    }

    fn evaluate(&self, m: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        let revenue = checked_revenue(m)?;
        let suggestion = GuideRate::suggestion(m, params)?;
        let mut a = Assessment::new(Provenance::Declared);
        a.situation = Some(suggestion.situation.clone());
        match (m.declared, self.model) {
            (Some(declared), _) => {
                let d = declared.ensure_within(Money::eur(revenue))?.amount();
                let e = &mut a.explanation;
                e.push(Step::new(StepCode::SelfDeclared, [Param::Amount(d), Param::Amount(revenue)]));
                e.push(GuideRate::suggestion_step(&suggestion));
                let rounded = round_step(e, d);
                let gap = rounded.amount() - suggestion.amount.amount();
                e.push(Step::new(StepCode::SelfGap, [Param::Amount(gap)]));
                a.amount = Some(rounded);
            }
            (None, Some(model)) => {
                a.provenance = Provenance::Modelled;
                let e = &mut a.explanation;
                e.push(Step::new(StepCode::SelfMissing, []));
                e.push(GuideRate::suggestion_step(&suggestion));
                let factor = model.declared_share_of_guide;
                e.push(Step::new(
                    StepCode::Modelled,
                    [
                        Param::Name(Arc::from("declared_share_of_guide")),
                        Param::Amount(suggestion.amount.amount()),
                        Param::Rate(factor),
                    ],
                ));
                let exact = mul(suggestion.amount.amount(), factor)?;
                a.amount = Some(round_step(e, exact));
            }
            (None, None) => {
                a.status = AssessmentStatus::Undeclared;
                a.explanation.push(Step::new(StepCode::SelfMissing, []));
                a.explanation.push(GuideRate::suggestion_step(&suggestion));
            }
        }
        donations_step(&mut a, m)?;
        Ok(a)
    }
}

/// **Negotiated** ("proposition pragmatique"): the network and the provider
/// agree on the amount for each won mission. Before agreement the assessment
/// is [`AssessmentStatus::Pending`] (after a stalemate,
/// [`AssessmentStatus::Stalemate`]), never zero, unless a [`BehaviourModel`]
/// stands in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Negotiated {
    /// The model standing in for missing agreements, if any.
    pub model: Option<BehaviourModel>,
}

impl ContributionPolicy for Negotiated {
    fn identity(&self) -> String {
        model_identity(self.name(), self.model)
    }

    fn name(&self) -> &str {
        if self.model.is_some() {
            "negotiated_modelled"
        } else {
            "negotiated"
        }
    }

    fn evaluate(&self, m: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        let revenue = checked_revenue(m)?;
        let mut a = Assessment::new(Provenance::Negotiated);
        let e = &mut a.explanation;
        let unpriced_status = match m.negotiation {
            NegotiationState::Agreed { amount, on, offers } => {
                let d = amount.ensure_within(Money::eur(revenue))?.amount();
                e.push(Step::new(StepCode::NegotiationOffers, [Param::Count(offers), Param::Amount(d)]));
                e.push(Step::new(StepCode::NegotiationAgreed, [Param::Amount(d), Param::Date(on)]));
                a.amount = Some(round_step(e, d));
                None
            }
            NegotiationState::Open { offers, last_offer } => {
                if let Some(last) = last_offer {
                    let d = last.ensure_within(Money::eur(revenue))?.amount();
                    e.push(Step::new(StepCode::NegotiationOffers, [Param::Count(offers), Param::Amount(d)]));
                }
                e.push(Step::new(StepCode::NegotiationPending, [Param::Count(offers)]));
                Some(AssessmentStatus::Pending)
            }
            NegotiationState::NotOpened {} => {
                e.push(Step::new(StepCode::NegotiationMissing, []));
                Some(AssessmentStatus::Pending)
            }
            NegotiationState::Stalemate { on, .. } => {
                e.push(Step::new(StepCode::NegotiationStalemate, [Param::Date(on)]));
                Some(AssessmentStatus::Stalemate)
            }
        };
        match (unpriced_status, self.model) {
            (None, _) => {}
            (Some(_), Some(model)) => {
                let suggestion = GuideRate::suggestion(m, params)?;
                a.situation = Some(suggestion.situation.clone());
                a.explanation.push(GuideRate::suggestion_step(&suggestion));
                let flat = FlatRate::amount(&mut a.explanation, m, params)?;
                let w = model.negotiated_toward_flat;
                let exact = suggestion.amount.amount() + mul(flat.amount() - suggestion.amount.amount(), w)?;
                a.explanation.push(Step::new(
                    StepCode::Modelled,
                    [
                        Param::Name(Arc::from("negotiated_toward_flat")),
                        Param::Amount(suggestion.amount.amount()),
                        Param::Rate(w),
                    ],
                ));
                a.provenance = Provenance::Modelled;
                a.amount = Some(round_step(&mut a.explanation, exact));
            }
            (Some(status), None) => a.status = status,
        }
        donations_step(&mut a, m)?;
        Ok(a)
    }
}

/// Raises a priced amount to at least `floor` (never above the revenue).
#[derive(Debug, Clone)]
pub struct Floor<P> {
    /// The wrapped policy.
    pub inner: P,
    /// The floor.
    pub floor: Money,
}

impl<P: ContributionPolicy> ContributionPolicy for Floor<P> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn evaluate(&self, m: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        let mut a = self.inner.evaluate(m, params)?;
        if let Some(before) = a.amount {
            let limit = self.floor.min(m.revenue);
            if before < limit {
                a.explanation.push(Step::new(
                    StepCode::Floor,
                    [Param::Amount(self.floor.amount()), Param::Amount(before.amount()), Param::Amount(limit.amount())],
                ));
                a.amount = Some(limit);
            }
        }
        Ok(a)
    }
}

/// Lowers a priced amount to at most `cap` per mission.
#[derive(Debug, Clone)]
pub struct Cap<P> {
    /// The wrapped policy.
    pub inner: P,
    /// The cap.
    pub cap: Money,
}

impl<P: ContributionPolicy> ContributionPolicy for Cap<P> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn evaluate(&self, m: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        let mut a = self.inner.evaluate(m, params)?;
        if let Some(before) = a.amount.filter(|b| *b > self.cap) {
            a.explanation.push(Step::new(
                StepCode::Cap,
                [Param::Amount(self.cap.amount()), Param::Amount(before.amount()), Param::Amount(self.cap.amount())],
            ));
            a.amount = Some(self.cap);
        }
        Ok(a)
    }
}

/// Caps what each provider owes per calendar year: missions are taken in
/// the order they were won (ties in input order); once a provider's total for
/// the year reaches `cap`, further missions that year owe what is left.
/// Evaluated alone, a mission is capped at `cap`.
#[derive(Debug, Clone)]
pub struct YearlyCap<P> {
    /// The wrapped policy.
    pub inner: P,
    /// The cap per provider and year.
    pub cap: Money,
}

impl<P: ContributionPolicy> YearlyCap<P> {
    fn limit(&self, mut a: Assessment, used: Money) -> Assessment {
        if let Some(before) = a.amount {
            let left = if self.cap > used { Money::eur(self.cap.amount() - used.amount()) } else { Money::ZERO };
            if before > left {
                a.explanation.push(Step::new(
                    StepCode::YearlyCap,
                    [Param::Amount(self.cap.amount()), Param::Amount(before.amount()), Param::Amount(left.amount())],
                ));
                a.amount = Some(left);
            }
        }
        a
    }
}

impl<P: ContributionPolicy> ContributionPolicy for YearlyCap<P> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn evaluate(&self, m: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        Ok(self.limit(self.inner.evaluate(m, params)?, Money::ZERO))
    }

    fn evaluate_all(&self, missions: &[MissionFacts], params: &Parameters) -> Vec<Result<Assessment>> {
        use chrono::Datelike;
        let mut results = self.inner.evaluate_all(missions, params);
        let mut order: Vec<usize> = (0..missions.len()).collect();
        order.sort_by_key(|&i| missions.get(i).map(|m| m.won_on));
        let mut used: BTreeMap<(&str, i32), Money> = BTreeMap::new();
        for i in order {
            let (Some(m), Some(slot)) = (missions.get(i), results.get_mut(i)) else { continue };
            if let Ok(a) = slot {
                let key = (m.provider.as_str(), m.won_on.year());
                let so_far = used.get(&key).copied().unwrap_or(Money::ZERO);
                let capped = self.limit(a.clone(), so_far);
                if let Some(amount) = capped.amount {
                    used.insert(key, Money::eur(so_far.amount() + amount.amount()));
                }
                *a = capped;
            }
        }
        results
    }
}

/// One of the four built-in policies, by name, for bindings and comparisons.
///
/// # Errors
/// `input.label.unknown` for any other name; `policy.rate.invalid` for a
/// behaviour model whose factors are outside 0..=1.
pub fn builtin(name: &str, model: Option<BehaviourModel>) -> Result<Box<dyn ContributionPolicy>> {
    Ok(match batch::BuiltinPolicy::from_name(name, model)? {
        batch::BuiltinPolicy::Flat => Box::new(FlatRate),
        batch::BuiltinPolicy::Guide => Box::new(GuideRate),
        batch::BuiltinPolicy::SelfAssessed(model) => Box::new(SelfAssessed { model }),
        batch::BuiltinPolicy::Negotiated(model) => Box::new(Negotiated { model }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::ActorId;
    use crate::mission::LeadOrigin;
    use proptest::prelude::*;

    fn rate() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            Just(Decimal::new(5, 2)),
            Just(Decimal::new(75, 3)),
            Just(Decimal::ZERO),
            Just(Decimal::ONE),
            // Any rate in 0..=1 with up to 18 decimals.
            (0u32..=18).prop_flat_map(|s| (0i64..=10i64.pow(s)).prop_map(move |m| Decimal::new(m, s))),
        ]
    }

    fn money() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (0i64..=10_000_000_000).prop_map(|c| Decimal::new(c, 2)),
            (0u64..=u64::MAX).prop_map(|m| Decimal::from_i128_with_scale(i128::from(m) * 1_000, 2)),
            Just(Decimal::ZERO),
        ]
    }

    fn facts() -> MissionFacts {
        let won_on = chrono::NaiveDate::from_ymd_opt(2023, 5, 17).unwrap();
        MissionFacts::new(ActorId::new("p").unwrap(), Money::from_cents(100_000), won_on, LeadOrigin::Other)
    }

    #[test]
    fn a_custom_amount_is_rounded_to_the_cent() {
        let a =
            Assessment::custom("mine", &facts(), Money::eur(Decimal::new(12_345, 3)), Provenance::Computed).unwrap();
        // 12.345 is half a cent above 12.34: half away from zero gives 12.35.
        assert_eq!(a.amount, Some(Money::from_cents(1235)));
        assert_eq!(a.explanation.codes(), ["custom.amount", "rounding.cents"]);
    }

    #[test]
    fn a_custom_policy_cannot_owe_a_negative_amount() {
        for amount in [Decimal::new(-5, 0), Decimal::new(-1, 3)] {
            let e = Assessment::custom("mine", &facts(), Money::eur(amount), Provenance::Computed).unwrap_err();
            assert_eq!(e.code(), "policy.custom.failed");
            assert_eq!(
                e.to_string(),
                format!(
                    "policy `mine` failed on mission `p won on 2023-05-17`: negative amount `{amount}` for `amount`"
                )
            );
        }
    }

    #[test]
    fn a_custom_amount_beyond_the_range_of_money_is_refused() {
        // Decimal::MAX holds no cents: the range of money ends at (2^96 - 1) cents.
        let e = Assessment::custom("mine", &facts(), Money::eur(Decimal::MAX), Provenance::Computed).unwrap_err();
        assert_eq!(e.code(), "policy.custom.failed");
        assert!(e.to_string().contains("beyond the range of money"), "{e}");
        let most = Assessment::custom("mine", &facts(), Money::eur(Money::MAX_INPUT), Provenance::Computed).unwrap();
        assert_eq!(most.amount, Some(Money::eur(Money::MAX_INPUT)));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// The flat rate's compact explanation reads back as the steps the
        /// general path pushes, and the amount is the same.
        #[test]
        fn flat_compact_explanation_equals_pushed_steps(revenue in money(), donations in money(), rate in rate()) {
            let params = Parameters::with_flat_rate(rate).unwrap();
            let won_on = chrono::NaiveDate::from_ymd_opt(2023, 5, 17).unwrap();
            let mut m = MissionFacts::new(ActorId::new("p").unwrap(), Money::eur(revenue), won_on, LeadOrigin::Other);
            m.donations = Money::eur(donations);
            let compact = FlatRate.evaluate(&m, &params);
            let pushed = (|| {
                let mut a = Assessment::new(Provenance::Computed);
                a.amount = Some(FlatRate::amount(&mut a.explanation, &m, &params)?);
                donations_step(&mut a, &m)?;
                Ok::<_, Error>(a)
            })();
            match (compact, pushed) {
                (Ok(c), Ok(p)) => {
                    prop_assert_eq!(c.explanation.len(), p.explanation.len());
                    prop_assert_eq!(c.explanation.steps().collect::<Vec<_>>(), p.explanation.steps().collect::<Vec<_>>());
                    prop_assert_eq!(c.explanation.render(crate::text::Lang::Fr), p.explanation.render(crate::text::Lang::Fr));
                    prop_assert_eq!(c.amount.map(|a| a.to_string()), p.amount.map(|a| a.to_string()));
                    prop_assert_eq!(&c, &p);
                    // A step pushed after the compact ones lands after them.
                    let (mut c2, mut p2) = (c.clone(), p.clone());
                    c2.explanation.push(Step::new(StepCode::Cap, []));
                    p2.explanation.push(Step::new(StepCode::Cap, []));
                    prop_assert_eq!(c2.explanation.codes(), p2.explanation.codes());
                    prop_assert_eq!(c2, p2);
                }
                (Err(c), Err(p)) => prop_assert_eq!(c.code(), p.code()),
                (c, p) => prop_assert!(false, "{c:?} vs {p:?}"),
            }
        }
    }
}
