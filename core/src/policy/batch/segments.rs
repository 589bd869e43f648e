//! What a policy reads of its parameters, period by period: the days at
//! which any of them changes (the bounds of the segments), the days on which
//! all are in force, each segment's flat rate and guide, and the common
//! scale of the integer kernels. Shared by the evaluator and the sweeps.

use super::columns::{date_from_days, days_from_date, Span};
use super::integer::{numerator, split};
use super::output::Kind;
use super::MAX_FAST_SCALE;
use crate::policy::guide::Guide;
use crate::policy::params::Parameters;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The parameters a policy reads, cut into segments of days.
pub(super) struct Segments<'p> {
    /// Days on which every parameter the policy reads is in force.
    pub(super) span: Span,
    /// Interior segment bounds (days at which a parameter the policy reads changes).
    pub(super) bounds: Vec<i32>,
    /// The flat rate of each segment, if the policy reads it and one is in force.
    pub(super) flat_rates: Vec<Option<Decimal>>,
    /// The guide of each segment, if the policy reads it and one is in force.
    pub(super) guides: Vec<Option<&'p Arc<Guide>>>,
    /// Whether the policy reads the guide.
    pub(super) reads_guide: bool,
    /// The behaviour model's factor.
    pub(super) model: Option<Decimal>,
    /// The common scale of every rate and factor the kernels use; `None`
    /// when one has more than [`MAX_FAST_SCALE`] decimals or lies outside `0..=1`.
    pub(super) scale: Option<u32>,
}

impl<'p> Segments<'p> {
    /// The segments of a policy of kind `kind` under `params`.
    pub(super) fn new(kind: Kind, params: &'p Parameters) -> Segments<'p> {
        let (needs_flat, needs_guide, model) = match kind {
            Kind::Flat => (true, false, None),
            Kind::Guide => (false, true, None),
            Kind::SelfAssessed(m) => (false, true, m.map(|m| m.declared_share_of_guide)),
            Kind::Negotiated(m) => (m.is_some(), m.is_some(), m.map(|m| m.negotiated_toward_flat)),
        };
        let mut span = Span::chrono();
        let mut bounds: Vec<i32> = Vec::new();
        if needs_flat {
            span = span.intersect(Span::of(&params.flat_rate));
            bounds.extend(params.flat_rate.periods().iter().skip(1).map(|p| days_from_date(p.from)));
        }
        if needs_guide {
            span = span.intersect(Span::of(&params.guide));
            bounds.extend(params.guide.periods().iter().skip(1).map(|p| days_from_date(p.from)));
        }
        bounds.sort_unstable();
        bounds.dedup();
        // The first day of each segment, where its parameters are looked up.
        let starts: Vec<Option<NaiveDate>> = std::iter::once(i32::try_from(span.lo).ok())
            .chain(bounds.iter().map(|&b| Some(b)))
            .map(|d| d.and_then(date_from_days))
            .collect();
        let flat_rates: Vec<Option<Decimal>> = starts
            .iter()
            .map(|d| d.filter(|_| needs_flat).and_then(|d| params.flat_rate_at(d).ok()).map(|(r, _)| r))
            .collect();
        let guides: Vec<Option<&Arc<Guide>>> =
            starts.iter().map(|d| d.filter(|_| needs_guide).and_then(|d| params.guide_at(d).ok())).collect();

        // The common scale of every rate and factor the kernels use.
        let mut decimals: Vec<Decimal> = flat_rates.iter().flatten().copied().collect();
        for g in guides.iter().flatten() {
            for s in g.situations() {
                decimals.push(s.rate);
                if matches!(kind, Kind::Guide) {
                    decimals.push(s.in_kind_rate);
                }
            }
        }
        decimals.extend(model);
        let scale = decimals
            .iter()
            .try_fold(0, |acc, d| split(*d).map(|(_, s)| acc.max(s)))
            .filter(|&s| s <= MAX_FAST_SCALE)
            .filter(|&s| decimals.iter().all(|d| numerator(*d, s).is_some()));
        Segments { span, bounds, flat_rates, guides, reads_guide: needs_guide, model, scale }
    }
}
