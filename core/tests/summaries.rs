//! Comparison summaries merge: for random partitions of random portfolios,
//! the merged summaries of the parts are the summary of the whole, exactly
//! for counts and money, within the stated bound for rate quantiles and the
//! Gini coefficient once the rates are merged as a histogram.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::compare::rates::RATE_RELATIVE_ERROR;
use coopetition::policy::compare::{compare, compare_summary, Comparison, RateStats, Summary};
use coopetition::policy::{BehaviourModel, ContributionPolicy, MissionFacts, Parameters};
use coopetition::prelude::*;
use proptest::prelude::*;
use proptest::test_runner::Config;

#[path = "support/portfolio.rs"]
mod support;
use support::portfolio;

fn policies() -> Vec<BuiltinPolicy> {
    vec![
        BuiltinPolicy::Flat,
        BuiltinPolicy::Guide,
        BuiltinPolicy::SelfAssessed(None),
        BuiltinPolicy::Negotiated(Some(BehaviourModel::default())),
    ]
}

fn summary(missions: &[MissionFacts]) -> Summary {
    let p = policies();
    let refs: Vec<&dyn ContributionPolicy> = p.iter().map(|p| p as &dyn ContributionPolicy).collect();
    compare_summary(missions, &refs, Parameters::shipped()).unwrap()
}

/// `whole` and `merged` agree: exactly but for the rates' mean (summed in
/// another order) and, with `bound`, the quantiles and Gini coefficient.
fn agree(whole: &Comparison, merged: &Comparison, bound: Option<f64>) -> Result<(), TestCaseError> {
    prop_assert_eq!(whole.missions, merged.missions);
    prop_assert_eq!(whole.revenue, merged.revenue);
    for (w, m) in whole.policies.iter().zip(&merged.policies) {
        let (mut w, mut m) = (w.clone(), m.clone());
        let (wr, mr) = (w.effective_rate.take(), m.effective_rate.take());
        prop_assert_eq!(&w, &m);
        match (wr, mr) {
            (None, None) => {}
            (Some(a), Some(b)) => rates_agree(&a, &b, bound)?,
            (a, b) => prop_assert!(false, "rates {a:?} against {b:?}"),
        }
    }
    Ok(())
}

fn rates_agree(exact: &RateStats, got: &RateStats, bound: Option<f64>) -> Result<(), TestCaseError> {
    prop_assert_eq!((exact.count, exact.min, exact.max), (got.count, got.min, got.max));
    prop_assert!((exact.mean - got.mean).abs() <= 1e-12 * exact.mean.abs().max(1e-300));
    let quantiles = [(exact.p10, got.p10), (exact.median, got.median), (exact.p90, got.p90)];
    match bound {
        None => {
            prop_assert_eq!(quantiles.map(|q| q.0), quantiles.map(|q| q.1));
            prop_assert_eq!(exact.gini, got.gini);
        }
        Some(alpha) => {
            for (a, b) in quantiles {
                prop_assert!((a - b).abs() <= alpha * a.abs() + 1e-18, "quantile {a} against {b}");
            }
            prop_assert!((exact.gini - got.gini).abs() <= alpha + 1e-12, "gini {} against {}", exact.gini, got.gini);
        }
    }
    Ok(())
}

/// The parts of `missions` cut at `cuts` (any order, any value).
fn parts<'a>(missions: &'a [MissionFacts], cuts: &[usize]) -> Vec<&'a [MissionFacts]> {
    let mut at: Vec<usize> = cuts.iter().map(|c| c % (missions.len() + 1)).collect();
    at.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for c in at.into_iter().chain([missions.len()]) {
        out.push(&missions[start..c]);
        start = c;
    }
    out
}

proptest! {
    #![proptest_config(Config { cases: 48, failure_persistence: None, ..Config::default() })]

    #[test]
    fn merged_parts_are_the_whole(seed in any::<u64>(), n in 0usize..600, cuts in prop::collection::vec(any::<usize>(), 0..8)) {
        let missions = portfolio(n, 9, seed);
        let whole = summary(&missions).comparison().unwrap();
        let pieces: Vec<Summary> = parts(&missions, &cuts).into_iter().map(summary).collect();
        // Every rate kept: the very figures of the whole.
        let merged = Summary::merge(&pieces).unwrap();
        prop_assert!(merged.rates_exact());
        agree(&whole, &merged.comparison().unwrap(), None)?;
        // The rates merged as a histogram: within the bound.
        let sketched = Summary::merge_within(&pieces.iter().collect::<Vec<_>>(), 0).unwrap();
        prop_assert!(n == 0 || !sketched.rates_exact() || pieces.len() == 1);
        agree(&whole, &sketched.comparison().unwrap(), Some(RATE_RELATIVE_ERROR))?;
        // Merging in another grouping gives the same.
        let halves: Vec<Summary> = pieces.chunks(2).map(|c| Summary::merge(c).unwrap()).collect();
        agree(&whole, &Summary::merge(&halves).unwrap().comparison().unwrap(), None)?;
        // What is written is read back, and merges the same.
        let read: Vec<Summary> = pieces.iter().map(|p| Summary::from_json(&p.to_json()).unwrap()).collect();
        prop_assert_eq!(&read, &pieces);
    }
}

#[test]
fn one_summary_gives_the_comparison_it_summarises() {
    let missions = portfolio(2_000, 9, 7);
    let p = policies();
    let refs: Vec<&dyn ContributionPolicy> = p.iter().map(|p| p as &dyn ContributionPolicy).collect();
    let direct = compare(&missions, &refs, Parameters::shipped()).unwrap();
    assert_eq!(summary(&missions).comparison().unwrap(), direct);
}

#[test]
fn summaries_of_other_policies_or_parameters_are_refused() {
    let missions = portfolio(50, 9, 3);
    let base = summary(&missions);
    let flat_only = compare_summary(&missions, &[&BuiltinPolicy::Flat], Parameters::shipped()).unwrap();
    let e = Summary::merge(&[base.clone(), flat_only]).unwrap_err();
    assert_eq!(e.code(), "batch.summary.mismatch");
    assert!(e.to_string().contains("summary 1 compares"), "{e}");
    let other_rate = Parameters::with_flat_rate(Decimal::new(6, 2)).unwrap();
    let p = policies();
    let refs: Vec<&dyn ContributionPolicy> = p.iter().map(|p| p as &dyn ContributionPolicy).collect();
    let e = Summary::merge(&[base.clone(), compare_summary(&missions, &refs, &other_rate).unwrap()]).unwrap_err();
    assert_eq!(e.code(), "batch.summary.mismatch");
    assert!(e.to_string().contains("other parameters"), "{e}");
    // One behaviour model against another: the same names, other results.
    let odd = BehaviourModel { declared_share_of_guide: Decimal::new(5, 1), ..BehaviourModel::default() };
    let other = [BuiltinPolicy::Negotiated(Some(odd))];
    let same = [BuiltinPolicy::Negotiated(Some(BehaviourModel::default()))];
    let a = compare_summary(&missions, &[&same[0]], Parameters::shipped()).unwrap();
    let b = compare_summary(&missions, &[&other[0]], Parameters::shipped()).unwrap();
    assert_eq!(Summary::merge(&[a, b]).unwrap_err().code(), "batch.summary.mismatch");
    assert_eq!(Summary::merge(&[]).unwrap_err().code(), "batch.summary.invalid");
}

#[test]
fn text_that_is_not_a_summary_is_refused_with_its_reason() {
    let good = summary(&portfolio(20, 9, 1)).to_json();
    let cases = [
        ("{}".to_owned(), "not a summary"),
        (good.replacen("\"format\":1", "\"format\":2", 1), "format 2"),
        (good.replacen("\"missions\":20", "\"missions\":21", 1), "does not count"),
        (good.replacen("\"cents\":\"", "\"cents\":\"x", 1), "not a whole number of cents"),
        (good.replacen("\"priced\":", "\"priced\":1", 1), "do not add up"),
    ];
    for (text, reason) in cases {
        let e = Summary::from_json(&text).unwrap_err();
        assert_eq!(e.code(), "batch.summary.invalid", "{text}");
        assert!(e.to_string().contains(reason), "{e}");
    }
}
