//! Comparing policies over many missions.
//!
//! A [`Comparison`] evaluates one set of missions under several policies and
//! summarises each one in a [`PolicySummary`]: what is due in total, per
//! provider, per lead origin and per guide situation; how the effective rate
//! (amount due ÷ revenue) is distributed; where amounts come from; and how
//! many missions the policy could **not** price, by status (a pending
//! negotiation, a missing declaration, a stalemate are counted, never taken
//! for zero).
//!
//! Two entry points feed one aggregator, so they give identical summaries for
//! the same missions:
//! - [`compare`] over [`MissionFacts`] and any [`ContributionPolicy`] (through
//!   [`ContributionPolicy::evaluate_all`], so combinators such as
//!   [`YearlyCap`](super::YearlyCap) apply);
//! - [`compare_columns`] over [`MissionColumns`] and [`BuiltinPolicy`]s,
//!   through the columnar batch path, which also returns each policy's
//!   [`BatchOutput`].
//!
//! Every money total is exact (summed in integer cents, or in
//! [`Decimal`] for amounts that are not whole cents) and serialises as a
//! decimal string in euros; rate statistics are `f64`.
//!
//! ```
//! use coopetition::policy::batch::BuiltinPolicy;
//! use coopetition::policy::compare::compare;
//! use coopetition::policy::{ContributionPolicy, MissionFacts, Parameters};
//! use coopetition::prelude::*;
//! # fn main() -> coopetition::Result<()> {
//! let m = |p: &str, eur: &str, o| -> coopetition::Result<MissionFacts> {
//!     Ok(MissionFacts::new(ActorId::new(p)?, Money::parse_eur(eur)?, date(2021, 3, 1)?, o))
//! };
//! let missions = [m("ana", "1000.00", LeadOrigin::NetworkEvent)?, m("ben", "2000.00", LeadOrigin::NetworkReferral)?];
//! let policies: [&dyn ContributionPolicy; 2] = [&BuiltinPolicy::Flat, &BuiltinPolicy::Guide];
//! let c = compare(&missions, &policies, Parameters::shipped())?;
//! assert_eq!(c.policies[0].total_due, Decimal::new(15000, 2)); // 5% of 3000 €
//! assert_eq!(c.policies[1].total_due, Decimal::new(20000, 2)); // 4% of 1000 € + 8% of 2000 €
//! println!("{c}"); // a side-by-side table
//! # Ok(()) }
//! ```

use super::batch::{
    self, provenance_code, status_code, BatchOutput, BuiltinPolicy, MissionColumns, COMPUTED, NO_SITUATION, PRICED,
};
use super::{batch_input, ContributionPolicy, MissionFacts, Parameters};
use crate::error::{Error, Result};
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::origin::LeadOriginBasis;
use crate::text::Lang;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

mod aggregate;
pub mod rates;
mod state;
use aggregate::{Amount, PolicyAcc, Row, Sum};
pub use state::{Summary, SUMMARY_FORMAT};

/// The key of the situation group of missions that match no guide situation
/// (no guide in force on the day they were won).
pub const NO_SITUATION_KEY: &str = "(none)";

/// Missions evaluated under several policies, summarised side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Comparison {
    /// The number of missions.
    pub missions: u64,
    /// Their total revenue, in euros.
    #[serde(with = "rust_decimal::serde::str")]
    pub revenue: Decimal,
    /// One summary per policy, in the order given.
    pub policies: Vec<PolicySummary>,
}

/// What one policy says of the missions.
///
/// A mission is *priced* when its status is [`PRICED`]; only
/// priced missions contribute to `total_due`, the `due` of the groups, the
/// effective rates and the provenance mix.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicySummary {
    /// The policy's name.
    pub policy: String,
    /// The number of missions priced.
    pub priced: u64,
    /// The missions the policy could not price, by status.
    pub unpriced: Unpriced,
    /// The revenue of the missions not priced, in euros.
    #[serde(with = "rust_decimal::serde::str")]
    pub unpriced_revenue: Decimal,
    /// The total due over priced missions, in euros.
    #[serde(with = "rust_decimal::serde::str")]
    pub total_due: Decimal,
    /// The total in-kind credit, in euros.
    #[serde(with = "rust_decimal::serde::str")]
    pub in_kind_credit: Decimal,
    /// The total donations recorded beside the amounts due, in euros.
    #[serde(with = "rust_decimal::serde::str")]
    pub donations: Decimal,
    /// The distribution of effective rates, if some priced mission has a revenue above zero.
    pub effective_rate: Option<RateStats>,
    /// Where the amounts of priced missions come from.
    pub provenance: ProvenanceMix,
    /// Totals per provider, by provider id.
    pub by_provider: Vec<Group>,
    /// Totals per lead origin, in [`LeadOrigin::ALL`] order (all five, even when empty).
    pub by_lead_origin: Vec<Group>,
    /// Totals per lead-origin basis, recorded then declared (both, even when
    /// empty): how much rests on the network's records and how much on
    /// providers' declarations.
    pub by_lead_origin_basis: Vec<Group>,
    /// Totals per guide situation the missions match (whatever the policy, so
    /// policies compare situation by situation), in the order of
    /// [`batch::situation_dictionary`], then [`NO_SITUATION_KEY`] if some
    /// mission matches none.
    pub by_situation: Vec<Group>,
}

/// Missions a policy could not price, by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Unpriced {
    /// A negotiation is open or not opened.
    pub pending: u64,
    /// No declaration was made.
    pub undeclared: u64,
    /// The negotiation ended without agreement.
    pub stalemate: u64,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Unpriced {
    /// All missions not priced.
    pub fn total(&self) -> u64 {
        self.pending + self.undeclared + self.stalemate
    }
}

/// Priced missions by [`Provenance`](super::Provenance) of their amount.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct ProvenanceMix {
    /// Computed by a rule (flat rate, guide).
    pub computed: u64,
    /// Declared by the provider.
    pub declared: u64,
    /// Agreed in a negotiation.
    pub negotiated: u64,
    /// Stood in for by a behaviour model.
    pub modelled: u64,
}

/// The distribution of the effective rate (amount due ÷ revenue) of priced
/// missions with a revenue above zero, each mission counting once (not
/// weighted by revenue).
///
/// Quantiles interpolate linearly between order statistics, like numpy's
/// default (`method="linear"`): with the `n` rates sorted `x[0] ≤ … ≤ x[n-1]`,
/// the `p` quantile is `x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])` with
/// `h = (n − 1)p`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RateStats {
    /// The number of rates.
    pub count: u64,
    /// Their arithmetic mean.
    pub mean: f64,
    /// The lowest rate.
    pub min: f64,
    /// The 10th percentile.
    pub p10: f64,
    /// The median.
    pub median: f64,
    /// The 90th percentile.
    pub p90: f64,
    /// The highest rate.
    pub max: f64,
    /// The Gini coefficient of the rates: how unequally the policy spreads
    /// its burden relative to revenue. It is the mean absolute difference
    /// between the rates of two missions drawn at random (with replacement),
    /// divided by twice the mean rate: `Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄)`, computed
    /// as `Σᵢ (2i − n − 1)(x₍ᵢ₎ − x₍₁₎) / (n Σ x)` over the sorted rates. It is
    /// 0 when every mission pays the same share of its revenue (the flat
    /// policy, up to cent rounding: exactly 0 when no amount was rounded) and
    /// at most `(n − 1)/n` when a single mission pays everything; 0 when
    /// every rate is 0.
    pub gini: f64,
}

/// Totals of a group of missions (a provider, a lead origin, a situation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Group {
    /// The provider id, lead-origin label or situation id.
    pub key: String,
    /// The number of missions.
    pub missions: u64,
    /// How many of them are priced.
    pub priced: u64,
    /// Their revenue, in euros.
    #[serde(with = "rust_decimal::serde::str")]
    pub revenue: Decimal,
    /// The total due over the priced ones, in euros.
    #[serde(with = "rust_decimal::serde::str")]
    pub due: Decimal,
}

// ---- entry points ----------------------------------------------------------------------

/// Compares `policies` over `missions` under `params`, mission by mission.
///
/// Each policy evaluates the whole set with
/// [`ContributionPolicy::evaluate_all`], so policies whose amounts depend on
/// other missions (a yearly cap) give their real amounts.
///
/// # Errors
/// The first error of the first policy that fails (policies in order, then
/// missions in order); `policy.failed` if a policy returns a result count
/// other than the mission count; `money.amount.overflow` if a total leaves
/// the decimal range.
pub fn compare(
    missions: &[MissionFacts],
    policies: &[&dyn ContributionPolicy],
    params: &Parameters,
) -> Result<Comparison> {
    compare_summary(missions, policies, params)?.comparison()
}

/// [`compare`], as the mergeable [`Summary`] of the missions.
///
/// # Errors
/// As [`compare`].
pub fn compare_summary(
    missions: &[MissionFacts],
    policies: &[&dyn ContributionPolicy],
    params: &Parameters,
) -> Result<Summary> {
    let dictionary = batch::situation_dictionary(params);
    let mut names: Vec<String> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut revenue = Sum::default();
    let base: Vec<Row> = missions
        .iter()
        .map(|m| {
            let provider = *index.entry(m.provider.as_str()).or_insert_with(|| {
                names.push(m.provider.as_str().to_owned());
                names.len() - 1
            });
            let situation = params
                .guide_at(m.won_on)
                .ok()
                .and_then(|g| g.find(m))
                .and_then(|matched| dictionary.iter().position(|id| *id == matched.situation.id))
                .and_then(|i| u16::try_from(i).ok())
                .unwrap_or(NO_SITUATION);
            revenue.add(Amount::of(m.revenue));
            Row {
                provider,
                origin: LeadOrigin::ALL.iter().position(|o| *o == m.lead_origin).unwrap_or(0),
                basis: LeadOriginBasis::ALL.iter().position(|b| *b == m.lead_origin_basis).unwrap_or(0),
                situation,
                revenue: Amount::of(m.revenue),
                status: PRICED,
                provenance: COMPUTED,
                due: Amount::Cents(0),
                in_kind: Amount::Cents(0),
                donations: Amount::Cents(0),
            }
        })
        .collect();
    let mut summaries = Vec::with_capacity(policies.len());
    for policy in policies {
        let results = policy.evaluate_all(missions, params);
        if results.len() != missions.len() {
            return Err(Error::PolicyFailed {
                policy: policy.name().to_owned(),
                mission: String::new(),
                message: format!("{} results for {} missions", results.len(), missions.len()),
            });
        }
        let mut acc = PolicyAcc::new(policy.name(), names.len(), dictionary.len(), missions.len());
        for (result, row) in results.into_iter().zip(&base) {
            let a = result?;
            acc.add(&Row {
                status: status_code(a.status),
                provenance: provenance_code(a.provenance),
                due: a.amount.map(Amount::of).unwrap_or(Amount::Cents(0)),
                in_kind: Amount::of(a.in_kind_credit),
                donations: Amount::of(a.donations),
                ..*row
            });
        }
        summaries.push(state::PolicyState::of(acc, &names)?);
    }
    let identities = state::identities(policies.iter().copied());
    Ok(Summary::new(params, identities, dictionary, missions.len() as u64, revenue, summaries))
}

/// Compares built-in `policies` over columns of missions under `params`,
/// through the columnar batch path; also returns each policy's results.
///
/// `provider` gives each row's provider as an index into `provider_names`
/// (an Arrow dictionary column). For the same missions the [`Comparison`]
/// equals the one [`compare`] gives.
///
/// # Errors
/// `batch.column.invalid` for columns of different lengths (`provider`
/// included); `batch.row.invalid` for a provider index out of
/// `provider_names`, or the first invalid row of the first policy that fails
/// (see [`batch`]); `money.amount.overflow` if a total leaves the decimal range.
pub fn compare_columns(
    cols: &MissionColumns,
    provider: &[u32],
    provider_names: &[String],
    policies: &[BuiltinPolicy],
    params: &Parameters,
) -> Result<(Comparison, Vec<BatchOutput>)> {
    let (summary, outputs) = compare_columns_summary(cols, provider, provider_names, policies, params)?;
    Ok((summary.comparison()?, outputs))
}

/// [`compare_columns`], as the mergeable [`Summary`] of the missions.
///
/// # Errors
/// As [`compare_columns`].
pub fn compare_columns_summary(
    cols: &MissionColumns,
    provider: &[u32],
    provider_names: &[String],
    policies: &[BuiltinPolicy],
    params: &Parameters,
) -> Result<(Summary, Vec<BatchOutput>)> {
    cols.check_lengths()?;
    if provider.len() != cols.len() {
        return Err(Error::BatchColumn {
            column: "provider".into(),
            message: format!("has {} rows where `revenue_cents` has {}", provider.len(), cols.len()),
        });
    }
    if let Some(row) = provider.iter().position(|&p| p as usize >= provider_names.len()) {
        return Err(Error::BatchRow {
            column: "provider".into(),
            row,
            message: format!(
                "index {} is not below the {} provider names",
                provider.get(row).copied().unwrap_or(0),
                provider_names.len()
            ),
        });
    }
    // The per-mission path refuses a provider id its rule refuses: so does this one.
    batch_input::actor_ids("provider", provider, provider_names)?;
    cols.check_bases()?;
    let bases =
        cols.lead_origin_basis.unwrap_or(&[]).iter().copied().chain(std::iter::repeat(MissionColumns::DECLARED_BASIS));
    let outputs = policies.iter().map(|p| batch::evaluate_columns(p, params, cols)).collect::<Result<Vec<_>>>()?;
    let situations = batch::guide_situations(params, cols)?;
    let dictionary = batch::situation_dictionary(params);
    let mut revenue = Sum::default();
    for &r in cols.revenue_cents {
        revenue.add(Amount::Cents(r));
    }
    let donations = cols.donations_cents.unwrap_or(&[]).iter().copied().chain(std::iter::repeat(0));
    let mut summaries = Vec::with_capacity(policies.len());
    for (policy, out) in policies.iter().zip(&outputs) {
        let mut acc = PolicyAcc::new(policy.name(), provider_names.len(), dictionary.len(), cols.len());
        let inputs = cols
            .revenue_cents
            .iter()
            .zip(cols.lead_origin)
            .zip(provider)
            .zip(&situations)
            .zip(donations.clone())
            .zip(bases.clone());
        let results = out.due_cents.iter().zip(&out.status).zip(&out.provenance).zip(&out.in_kind_cents);
        for ((((((&r, &o), &p), &s), d), b), (((&due, &status), &provenance), &in_kind)) in inputs.zip(results) {
            acc.add(&Row {
                provider: p as usize,
                origin: usize::from(o),
                basis: usize::from(b),
                situation: s,
                revenue: Amount::Cents(r),
                status,
                provenance,
                due: Amount::Cents(due),
                in_kind: Amount::Cents(in_kind),
                donations: Amount::Cents(d),
            });
        }
        summaries.push(state::PolicyState::of(acc, provider_names)?);
    }
    let identities = state::identities(policies.iter().map(|p| p as &dyn ContributionPolicy));
    let summary = Summary::new(params, identities, dictionary, cols.len() as u64, revenue, summaries);
    Ok((summary, outputs))
}

// ---- the table -------------------------------------------------------------------------

/// A total, to the cent, as [`crate::format::amount`] writes it.
fn euros(d: Decimal, lang: Lang) -> String {
    crate::format::amount(crate::money::round_cents(d), lang)
}

/// An effective rate (a statistic of floats) to a thousandth of a percent,
/// with the language's decimal separator and percent sign.
fn percent(x: f64, lang: Lang) -> String {
    let s = format!("{:.3}", x * 100.0);
    match lang {
        Lang::En => format!("{s}%"),
        Lang::Fr => format!("{}{}%", s.replace('.', ","), crate::format::FR_BEFORE_PERCENT),
    }
}

fn ratio(x: f64, lang: Lang) -> String {
    let s = format!("{x:.4}");
    match lang {
        Lang::En => s,
        Lang::Fr => s.replace('.', ","),
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Comparison {
    /// The policies side by side, one column each, in `lang`: counts, money
    /// totals (written by [`crate::format`]), rate statistics, then the amount due by lead origin,
    /// by situation and by provider.
    pub fn to_table(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let t = |en: &'static str, fr_text: &'static str| if fr { fr_text } else { en };
        let mut rows: Vec<(String, Vec<String>)> = Vec::new();
        let mut row = |label: String, f: &dyn Fn(&PolicySummary) -> String| {
            rows.push((label, self.policies.iter().map(f).collect()));
        };
        let header = t("policy", "politique").to_owned();
        row(header, &|p| p.policy.clone());
        row(t("missions", "missions").into(), &|_| self.missions.to_string());
        row(t("priced", "chiffrées").into(), &|p| p.priced.to_string());
        row(t("  pending", "  en attente").into(), &|p| p.unpriced.pending.to_string());
        row(t("  undeclared", "  non déclarées").into(), &|p| p.unpriced.undeclared.to_string());
        row(t("  stalemate", "  sans accord").into(), &|p| p.unpriced.stalemate.to_string());
        row(t("total due", "total dû").into(), &|p| euros(p.total_due, lang));
        row(t("unpriced revenue", "CA non chiffré").into(), &|p| euros(p.unpriced_revenue, lang));
        row(t("in-kind credit", "crédit en nature").into(), &|p| euros(p.in_kind_credit, lang));
        row(t("donations", "dons").into(), &|p| euros(p.donations, lang));
        type Stat = fn(&RateStats) -> f64;
        let stats: [(&str, &str, Stat); 5] = [
            ("effective rate: mean", "taux effectif : moyenne", |s| s.mean),
            ("  p10", "  p10", |s| s.p10),
            ("  median", "  médiane", |s| s.median),
            ("  p90", "  p90", |s| s.p90),
            ("  Gini", "  Gini", |s| s.gini),
        ];
        for (i, (en, fr_label, stat)) in stats.into_iter().enumerate() {
            row(t(en, fr_label).into(), &|p| match &p.effective_rate {
                Some(s) if i == 4 => ratio(stat(s), lang),
                Some(s) => percent(stat(s), lang),
                None => "-".into(),
            });
        }
        row(t("provenance: computed", "provenance : calculée").into(), &|p| p.provenance.computed.to_string());
        row(t("  declared", "  déclarée").into(), &|p| p.provenance.declared.to_string());
        row(t("  negotiated", "  négociée").into(), &|p| p.provenance.negotiated.to_string());
        row(t("  modelled", "  modélisée").into(), &|p| p.provenance.modelled.to_string());
        type Groups = fn(&PolicySummary) -> &Vec<Group>;
        let sections: [(&str, &str, Groups); 3] = [
            ("due by lead origin", "dû par origine du contact", |p| &p.by_lead_origin),
            ("due by situation", "dû par situation", |p| &p.by_situation),
            ("due by provider", "dû par prestataire", |p| &p.by_provider),
        ];
        for (en, fr_label, groups) in sections {
            row(t(en, fr_label).into(), &|_| String::new());
            let mut keys: Vec<&str> = Vec::new();
            for p in &self.policies {
                for g in groups(p) {
                    if !keys.contains(&g.key.as_str()) {
                        keys.push(&g.key);
                    }
                }
            }
            for key in keys {
                row(format!("  {key}"), &|p| {
                    groups(p).iter().find(|g| g.key == key).map(|g| euros(g.due, lang)).unwrap_or_else(|| "-".into())
                });
            }
        }
        let label_width = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
        let widths: Vec<usize> = (0..self.policies.len())
            .map(|i| rows.iter().filter_map(|(_, c)| c.get(i)).map(|c| c.chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for (label, cells) in &rows {
            let pad = label_width - label.chars().count();
            out.push_str(label);
            out.push_str(&" ".repeat(pad));
            for (cell, w) in cells.iter().zip(&widths) {
                out.push_str("  ");
                out.push_str(&" ".repeat(w.saturating_sub(cell.chars().count())));
                out.push_str(cell);
            }
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Comparison {
    /// The English table of [`Comparison::to_table`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_table(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::rates::{quantile, rate_stats, sort_rates};
    use super::*;
    use crate::ids::ActorId;
    use crate::money::Money;
    use crate::policy::batch::MissionTable;
    use crate::policy::{BehaviourModel, FlatRate, NegotiationState, YearlyCap};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn eur(s: &str) -> Money {
        Money::parse_eur(s).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// Three missions: ana's from a network event (guide: event_solo, 4%),
    /// ben's referred by the network (network_referral, 8%), ana's from
    /// elsewhere (default, 5%).
    fn missions() -> Vec<MissionFacts> {
        let m = |p: &str, revenue: &str, origin| {
            MissionFacts::new(ActorId::new(p).unwrap(), eur(revenue), d(2021, 3, 1), origin)
        };
        let mut a = m("ana", "1000.00", LeadOrigin::NetworkEvent);
        a.declared = Some(eur("30.00"));
        a.negotiation = NegotiationState::Agreed { amount: eur("45.00"), on: d(2021, 4, 1), offers: 2 };
        a.donations = eur("10.00");
        let mut b = m("ben", "2000.00", LeadOrigin::NetworkReferral);
        b.negotiation = NegotiationState::Open { offers: 1, last_offer: Some(eur("120.00")) };
        let mut c = m("ana", "500.00", LeadOrigin::Other);
        c.declared = Some(Money::ZERO);
        c.negotiation = NegotiationState::Stalemate { on: d(2021, 5, 1), offers: 3 };
        vec![a, b, c]
    }

    fn builtins() -> Vec<BuiltinPolicy> {
        let model = Some(BehaviourModel::default());
        vec![
            BuiltinPolicy::Flat,
            BuiltinPolicy::Guide,
            BuiltinPolicy::SelfAssessed(None),
            BuiltinPolicy::SelfAssessed(model),
            BuiltinPolicy::Negotiated(None),
            BuiltinPolicy::Negotiated(model),
        ]
    }

    fn by_key<'a>(groups: &'a [Group], key: &str) -> &'a Group {
        groups.iter().find(|g| g.key == key).unwrap()
    }

    #[test]
    fn hand_computed_totals_and_rates() {
        let policies = builtins();
        let refs: Vec<&dyn ContributionPolicy> = policies.iter().map(|p| p as &dyn ContributionPolicy).collect();
        let c = compare(&missions(), &refs, Parameters::shipped()).unwrap();
        assert_eq!((c.missions, c.revenue), (3, dec("3500.00")));

        let flat = &c.policies[0];
        assert_eq!(flat.policy, "flat");
        assert_eq!((flat.priced, flat.unpriced.total()), (3, 0));
        assert_eq!(flat.total_due, dec("175.00"));
        assert_eq!(flat.donations, dec("10.00"));
        let r = flat.effective_rate.unwrap();
        assert_eq!((r.count, r.median, r.gini), (3, 0.05, 0.0));
        assert!((r.mean - 0.05).abs() < 1e-15);
        assert_eq!(flat.provenance, ProvenanceMix { computed: 3, ..ProvenanceMix::default() });

        let guide = &c.policies[1];
        assert_eq!(guide.total_due, dec("225.00")); // 40 + 160 + 25
        let r = guide.effective_rate.unwrap();
        // Rates 0.04, 0.05, 0.08: median 0.05; p10 = 0.04 + 0.2 × 0.01; p90 = 0.05 + 0.8 × 0.03.
        assert_eq!(r.median, 0.05);
        assert!((r.mean - 0.17 / 3.0).abs() < 1e-12);
        assert!((r.p10 - 0.042).abs() < 1e-12, "{}", r.p10);
        assert!((r.p90 - 0.074).abs() < 1e-12, "{}", r.p90);
        // Σ|xi − xj| over ordered pairs = 2 × (0.01 + 0.04 + 0.03) = 0.16; / (2 × 9 × 0.17/3) = 0.156862…
        assert!((r.gini - 0.16 / (2.0 * 9.0 * (0.17 / 3.0))).abs() < 1e-12, "{}", r.gini);
        assert_eq!(by_key(&guide.by_provider, "ana").due, dec("65.00"));
        assert_eq!(by_key(&guide.by_provider, "ben").due, dec("160.00"));
        assert_eq!(by_key(&guide.by_provider, "ana").revenue, dec("1500.00"));
        assert_eq!(by_key(&guide.by_situation, "network_referral").due, dec("160.00"));
        assert_eq!(by_key(&guide.by_lead_origin, "other").due, dec("25.00"));
        assert_eq!(guide.by_lead_origin.len(), 5);

        // Self-assessed: 30 declared, 0 declared, ben undeclared — counted, not zero.
        let naive = &c.policies[2];
        assert_eq!((naive.priced, naive.unpriced.undeclared), (2, 1));
        assert_eq!(naive.total_due, dec("30.00"));
        assert_eq!(naive.unpriced_revenue, dec("2000.00"));
        assert_eq!(naive.effective_rate.unwrap().median, 0.015); // rates 0, 0.03
                                                                 // With the model ben declares 80% of the guide's 160.
        let modelled = &c.policies[3];
        assert_eq!((modelled.priced, modelled.total_due), (3, dec("158.00")));
        assert_eq!(modelled.provenance, ProvenanceMix { declared: 2, modelled: 1, ..ProvenanceMix::default() });

        // Negotiated: 45 agreed, ben pending, the stalemate counted apart.
        let negotiated = &c.policies[4];
        assert_eq!(negotiated.unpriced, Unpriced { pending: 1, undeclared: 0, stalemate: 1 });
        assert_eq!(negotiated.total_due, dec("45.00"));
        // With the model: ben halfway from 160 to 100 (130), the stalemate from 25 to 25.
        let modelled = &c.policies[5];
        assert_eq!(modelled.total_due, dec("200.00"));
        assert_eq!(modelled.unpriced.total(), 0);

        // Situations follow the guide for every policy, even flat.
        assert_eq!(by_key(&flat.by_situation, "event_solo").due, dec("50.00"));
        assert_eq!(flat.by_situation.len(), Parameters::shipped().guide.periods()[0].value.situations().len());
    }

    #[test]
    fn both_entry_points_agree() {
        let missions = missions();
        let policies = builtins();
        let refs: Vec<&dyn ContributionPolicy> = policies.iter().map(|p| p as &dyn ContributionPolicy).collect();
        let expected = compare(&missions, &refs, Parameters::shipped()).unwrap();
        let t = MissionTable::from_facts(&missions).unwrap();
        let (got, outputs) =
            compare_columns(&t.columns(), &t.provider, &t.provider_names, &policies, Parameters::shipped()).unwrap();
        assert_eq!(got, expected);
        assert_eq!(outputs.len(), policies.len());
        assert_eq!(outputs[1].due_cents, [4000, 16000, 2500]);
        assert_eq!(got.to_string(), expected.to_string());
    }

    #[test]
    fn combinators_apply_through_evaluate_all() {
        // ana owes 50 + 25 under flat; a yearly cap of 60 leaves 10 for her
        // second mission; ben's 100 is capped at 60.
        let capped = YearlyCap { inner: FlatRate, cap: eur("60.00") };
        let c = compare(&missions(), &[&capped], Parameters::shipped()).unwrap();
        assert_eq!(by_key(&c.policies[0].by_provider, "ana").due, dec("60.00"));
        assert_eq!(by_key(&c.policies[0].by_provider, "ben").due, dec("60.00"));
        assert_eq!(c.policies[0].total_due, dec("120.00"));
    }

    #[test]
    fn missions_without_guide_and_zero_revenue() {
        let mut ms = missions();
        ms[0].won_on = d(2019, 6, 1); // no parameter in force: flat fails, negotiated (no model) does not
        assert_eq!(
            compare(&ms, &[&BuiltinPolicy::Flat], Parameters::shipped()).unwrap_err().code(),
            "policy.parameters.not_in_force"
        );
        let c = compare(&ms, &[&BuiltinPolicy::Negotiated(None)], Parameters::shipped()).unwrap();
        let p = &c.policies[0];
        assert_eq!(by_key(&p.by_situation, NO_SITUATION_KEY).missions, 1);
        // Zero revenue: priced, but no effective rate.
        let mut ms = missions();
        ms[1].revenue = Money::ZERO;
        let c = compare(&ms, &[&BuiltinPolicy::Flat], Parameters::shipped()).unwrap();
        assert_eq!(c.policies[0].effective_rate.unwrap().count, 2);
        let c = compare(&[], &[&BuiltinPolicy::Flat], Parameters::shipped()).unwrap();
        assert_eq!(c.policies[0].effective_rate, None);
    }

    #[test]
    fn json_money_is_decimal_strings_and_tables_render() {
        let c = compare(&missions(), &[&BuiltinPolicy::Flat, &BuiltinPolicy::Guide], Parameters::shipped()).unwrap();
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["revenue"], "3500.00");
        assert_eq!(json["policies"][1]["total_due"], "225.00");
        assert_eq!(json["policies"][1]["by_provider"][0]["due"], "65.00");
        assert_eq!(json["policies"][1]["in_kind_credit"], "0.00");
        let en = c.to_table(Lang::En);
        let header: Vec<&str> = en.lines().next().unwrap().split_whitespace().collect();
        assert_eq!(header, ["policy", "flat", "guide"], "{en}");
        assert!(en.contains("total due") && en.contains("€175.00") && en.contains("€225.00"), "{en}");
        let fr = c.to_table(Lang::Fr);
        assert!(fr.contains("total dû") && fr.contains("225,00\u{A0}€") && fr.contains("5,000\u{202F}%"), "{fr}");
    }

    #[test]
    fn the_radix_sort_orders_like_total_cmp() {
        let mut x: u64 = 7;
        let mut rates: Vec<f64> = (0..20_000)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                match i % 5 {
                    0 => 0.05,
                    1 => -((x % 1000) as f64) / 7.0,
                    2 => 0.0,
                    _ => (x % 100_000) as f64 / 1e6,
                }
            })
            .collect();
        rates.push(-0.0);
        let mut expected = rates.clone();
        expected.sort_unstable_by(f64::total_cmp);
        sort_rates(&mut rates);
        assert!(rates.iter().zip(&expected).all(|(a, b)| a.to_bits() == b.to_bits()));
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5), 2.5);
        assert!((quantile(&v, 0.1) - 1.3).abs() < 1e-12);
        assert!((quantile(&v, 0.9) - 3.7).abs() < 1e-12);
        assert_eq!(quantile(&[7.0], 0.9), 7.0);
        let mut one_pays = [0.0, 0.0, 0.0, 1.0];
        assert_eq!(rate_stats(&mut one_pays).unwrap().gini, 0.75); // (n − 1)/n
    }

    #[test]
    fn provider_columns_are_checked() {
        let t = MissionTable::from_facts(&missions()).unwrap();
        let cols = t.columns();
        let err = compare_columns(&cols, &[0, 1], &t.provider_names, &[BuiltinPolicy::Flat], Parameters::shipped())
            .unwrap_err();
        assert_eq!(err.code(), "batch.column.invalid");
        let err = compare_columns(&cols, &[0, 1, 2], &t.provider_names, &[BuiltinPolicy::Flat], Parameters::shipped())
            .unwrap_err();
        assert!(matches!(err, Error::BatchRow { row: 2, .. }), "{err}");
    }
}
