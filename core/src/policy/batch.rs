//! Columnar batch evaluation: the four built-in policies over
//! columns of missions, such as an Arrow record batch, without allocating per
//! mission.
//!
//! # Inputs
//!
//! A [`MissionColumns`] borrows one slice per field of [`MissionFacts`]
//! (amounts in whole cents, dates as days since 1970-01-01 like Arrow
//! `date32`, lead origins as indexes into [`LeadOrigin::ALL`]); the optional
//! columns (declarations, negotiations, donations) may be absent. Every column
//! must have the length of `revenue_cents`, or the batch fails with
//! `batch.column.invalid`. [`MissionTable`] owns such columns and converts
//! [`MissionFacts`] to them.
//!
//! # Results
//!
//! A [`BatchOutput`] holds one value per row and column: the amount due in
//! cents, the [`AssessmentStatus`] and [`Provenance`] codes, the situation
//! code, the in-kind credit and an explanation *pattern*: the id of the
//! sequence of step codes ([`Explanation::codes`](super::Explanation::codes))
//! the per-mission assessment would have, listed in [`BatchOutput::patterns`].
//! Every value equals what the per-mission policy gives for the same mission
//! (see `core/tests/batch_equivalence.rs`). An evaluator built
//! [`with_outputs`](BatchEvaluator::with_outputs)`(`[`Outputs::Amounts`]`)`
//! fills only the amounts and statuses of the flat and guide policies (the
//! same values, validated the same way), for callers that want nothing else;
//! [`BatchEvaluator::append_amounts`] gives those amounts from money held as
//! 128-bit cents ([`WideColumns`], the layout of Arrow `decimal128`) in one
//! pass, without narrowing the money first.
//!
//! # Validation
//!
//! Nothing is returned unless every row is valid. A row must first describe
//! a mission, whatever the policy: a date chrono can represent, a lead-origin
//! index below 5, a negotiation status in 0..=3, an amount for an agreed
//! negotiation and a representable date for an agreed or stalled one. It must
//! then evaluate without error under the policy, exactly where the
//! per-mission policy would fail: a negative revenue, no parameter in force on
//! the day the mission was won (only for the parameters the policy reads on
//! that row), a declaration or an agreed amount outside `0..=revenue` (only for
//! the policy that reads it). The first offending row is named in a
//! `batch.row.invalid` error ([`Error::BatchRow`]) whose message starts with
//! the code of the per-mission error, if there is one
//! (`money.amount.negative: negative amount…`).
//!
//! # How it is fast
//!
//! [`BatchEvaluator::new`] prepares, once per policy and [`Parameters`]:
//! the days at which any parameter the policy reads changes (a row finds its
//! period with zero, one or two comparisons, or a binary search beyond); the
//! rates and behaviour factors as integer numerators over a common
//! `10^scale`; and, for the guide, a lookup table from (period, lead origin,
//! partners bucket, shared-resources bucket, steward workstream, client
//! informed) to the situation's rate, in-kind rate, situation code and
//! pattern bits, with count buckets at the guide's thresholds (a guide's
//! situations only change at those counts).
//!
//! The kernels then work in exact integer cents: `due = round_half_away(
//! revenue_cents × numerator / 10^scale)`, where the division is by a
//! compile-time constant (one instantiation per scale, so the compiler emits
//! a multiply and shifts) in 64 bits. A row whose revenue could make a
//! product overflow (above `i64::MAX / 10^scale` cents) takes the per-row
//! path, which evaluates the per-mission policy itself on reused
//! [`MissionFacts`], so its results are identical by construction; so does
//! every row when a rate or factor has more than [`MAX_FAST_SCALE`] decimals
//! or lies outside `0..=1`, or a guide threshold exceeds 4095. The guide
//! kernels go through the rows in chunks of 512: small loops compute each
//! row's table index (vectorised where the compiler can), then the amounts.
//! Validation is fused into the kernels as cheap flags; only a flagged batch
//! is scanned row by row, and only its suspicious rows are re-evaluated.
//! Nothing is allocated per row; [`BatchEvaluator::evaluate_into`] reuses the
//! caller's buffers.
//!
//! ```
//! use coopetition::policy::batch::{evaluate_columns, BuiltinPolicy, MissionColumns, PRICED};
//! use coopetition::policy::Parameters;
//! # fn main() -> coopetition::Result<()> {
//! let revenue = [1_234_550_i64, 100_000];
//! let won_on = [18_687_i32, 19_000]; // 2021-03-01, 2022-01-08
//! let cols = MissionColumns {
//!     revenue_cents: &revenue,
//!     won_on: &won_on,
//!     lead_origin: &[0, 4],
//!     lead_origin_basis: None,
//!     partners: &[0, 0],
//!     shared_resources: &[0, 0],
//!     steward_workstream: &[false, false],
//!     client_informed: &[false, false],
//!     declared_cents: None,
//!     negotiation: None,
//!     donations_cents: None,
//! };
//! let out = evaluate_columns(&BuiltinPolicy::Flat, Parameters::shipped(), &cols)?;
//! assert_eq!(out.due_cents, [61_728, 5_000]); // 617.275 € rounds half away from zero
//! assert_eq!(out.status, [PRICED, PRICED]);
//! assert_eq!(out.codes(0), Some(&["flat.rate", "flat.amount", "rounding.cents"][..]));
//! assert_eq!(out.codes(1), Some(&["flat.rate", "flat.amount"][..]));
//! # Ok(()) }
//! ```

mod columns;
mod evaluator;
mod guide_table;
mod integer;
mod kernels;
mod output;
mod segments;
mod sweep_pass;
mod table;

pub use columns::{
    date_from_days, days_from_date, MissionColumns, NegotiationColumns, Ticks, WideColumns, WideMoney, WonOn,
};
pub use evaluator::{evaluate_columns, evaluate_columns_into, guide_situations, BatchEvaluator};
pub use output::{situation_dictionary, BatchOutput, BuiltinPolicy};
pub(crate) use sweep_pass::{Clamp, NoSink, RateSink, SweepRows};
pub use table::MissionTable;
// The table reads the row errors of the columns it fills.
use columns::row_error;

#[cfg(doc)]
use super::{facts::MissionFacts, Parameters};
use super::{AssessmentStatus, Provenance};
#[cfg(doc)]
use crate::{error::Error, labels::Labelled, mission::LeadOrigin};

// ---- codes -----------------------------------------------------------------------------

/// [`BatchOutput::status`]: an amount is due ([`AssessmentStatus::Priced`]).
pub const PRICED: u8 = 0;
/// [`BatchOutput::status`]: a negotiation is not concluded ([`AssessmentStatus::Pending`]).
pub const PENDING: u8 = 1;
/// [`BatchOutput::status`]: no declaration ([`AssessmentStatus::Undeclared`]).
pub const UNDECLARED: u8 = 2;
/// [`BatchOutput::status`]: the negotiation failed ([`AssessmentStatus::Stalemate`]).
pub const STALEMATE: u8 = 3;

/// [`BatchOutput::provenance`]: [`Provenance::Computed`].
pub const COMPUTED: u8 = 0;
/// [`BatchOutput::provenance`]: [`Provenance::Declared`].
pub const DECLARED: u8 = 1;
/// [`BatchOutput::provenance`]: [`Provenance::Negotiated`].
pub const NEGOTIATED: u8 = 2;
/// [`BatchOutput::provenance`]: [`Provenance::Modelled`].
pub const MODELLED: u8 = 3;

/// [`BatchOutput::situation`] of a row without a situation.
pub const NO_SITUATION: u16 = u16::MAX;

/// The most decimals a rate or factor may have for the integer kernels; rates
/// with more go through the per-row path (same results, slower).
pub const MAX_FAST_SCALE: u32 = 12;

/// Which columns of a [`BatchOutput`] an evaluation fills
/// ([`BatchEvaluator::with_outputs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Outputs {
    /// Every column.
    #[default]
    All,
    /// The amounts and statuses (`due_cents`, `status`) for the flat and
    /// guide policies, whose other columns are then left empty: less to
    /// compute and to write when only the amounts are wanted. The other
    /// policies still fill every column.
    Amounts,
}

/// The code of a status in [`BatchOutput::status`].
pub fn status_code(status: AssessmentStatus) -> u8 {
    match status {
        AssessmentStatus::Priced => PRICED,
        AssessmentStatus::Pending => PENDING,
        AssessmentStatus::Undeclared => UNDECLARED,
        AssessmentStatus::Stalemate => STALEMATE,
    }
}

/// The code of a provenance in [`BatchOutput::provenance`].
pub fn provenance_code(provenance: Provenance) -> u8 {
    match provenance {
        Provenance::Computed => COMPUTED,
        Provenance::Declared => DECLARED,
        Provenance::Negotiated => NEGOTIATED,
        Provenance::Modelled => MODELLED,
    }
}

#[cfg(test)]
mod tests {
    use super::columns::{date_from_days, days_from_date};
    use super::guide_table::Buckets;
    use super::integer::{div_round, numerator};
    use super::output::Patterns;
    use super::*;
    use crate::error::Error;
    use crate::policy::{BehaviourModel, Parameters};
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    #[test]
    fn the_declared_basis_is_its_index() {
        use crate::labels::Labelled;
        let declared = crate::origin::LeadOriginBasis::Declared.index();
        assert_eq!(usize::from(MissionColumns::DECLARED_BASIS), declared);
    }

    #[test]
    fn flat_and_guide_pattern_bits_are_their_ids() {
        // The flat and guide kernels write the bits as the id.
        let flat = Patterns::new(&BuiltinPolicy::Flat);
        assert_eq!(flat.codes.len(), 4);
        assert!((0..4).all(|b| usize::from(flat.id(b)) == b));
        let guide = Patterns::new(&BuiltinPolicy::Guide);
        assert_eq!(guide.codes.len(), 16);
        assert!((0..16).all(|b| usize::from(guide.id(b)) == b));
        assert_eq!(flat.codes[3], ["flat.rate", "flat.amount", "rounding.cents", "flat.donations_apart"]);
        assert_eq!(guide.codes[0b0101], ["guide.origin", "guide.default", "guide.amount", "guide.in_kind"]);
    }

    #[test]
    fn pattern_counts() {
        let model = Some(BehaviourModel::default());
        assert_eq!(BuiltinPolicy::SelfAssessed(None).patterns().len(), 4);
        assert_eq!(BuiltinPolicy::SelfAssessed(model).patterns().len(), 6);
        assert_eq!(BuiltinPolicy::Negotiated(None).patterns().len(), 10);
        assert_eq!(BuiltinPolicy::Negotiated(model).patterns().len(), 2 + 4 * 8);
    }

    #[test]
    fn integer_rounding_is_half_away_from_zero() {
        assert_eq!(div_round::<2>(617_275), (6_173, true)); // 6172.75 -> 6173
        assert_eq!(div_round::<2>(617_250), (6_173, true)); // half -> away from zero
        assert_eq!(div_round::<3>(12_345), (12, true));
        assert_eq!(div_round::<3>(12_500), (13, true));
        assert_eq!(div_round::<3>(12_499), (12, true));
        assert_eq!(div_round::<3>(12_000), (12, false));
        assert_eq!(div_round::<0>(7), (7, false));
    }

    #[test]
    fn the_per_mission_rounding_fast_path_equals_round_cents() {
        use crate::money::round_cents;
        let cases = [
            Decimal::new(6_172_750, 4),
            Decimal::new(6_172_749, 4),
            Decimal::new(-6_172_750, 4),
            Decimal::new(5, 3),
            Decimal::new(4, 3),
            Decimal::new(0, 4),
            Decimal::new(-0, 4),
            Decimal::new(600, 0),
            Decimal::new(12, 1),
            Decimal::new(1_234, 2),
            Decimal::new(i64::MAX, 2),
            Decimal::new(i64::MAX, 5),
            Decimal::from_i128_with_scale(u64::MAX as i128 * 10, 21),
            Decimal::from_i128_with_scale(333_333_333_333_333_333_333_333_333, 28),
        ];
        for exact in cases {
            let rounded = round_cents(exact);
            let (fast, changed) = super::super::round_cents_changed(exact);
            assert_eq!((fast.to_string(), changed), (rounded.to_string(), rounded != exact), "{exact}");
        }
    }

    #[test]
    fn numerators_over_a_common_scale() {
        assert_eq!(numerator(Decimal::new(5, 2), 4), Some(500));
        assert_eq!(numerator(Decimal::new(500, 4), 2), Some(5));
        assert_eq!(numerator(Decimal::new(333_333, 7), 6), None);
        assert_eq!(numerator(Decimal::new(-5, 2), 2), None);
        assert_eq!(numerator(Decimal::new(15, 1), 2), None); // above 1
    }

    #[test]
    fn dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2021, 3, 1).unwrap();
        assert_eq!(days_from_date(d), 18_687);
        assert_eq!(date_from_days(18_687), Some(d));
        assert_eq!(date_from_days(i32::MAX), None);
    }

    #[test]
    fn buckets() {
        let b = Buckets::new(vec![0, 1, 3]);
        assert_eq!([0, 1, 2, 3, 4, 1000].map(|n| b.of(n)), [0, 1, 1, 2, 2, 2]);
        let big = Buckets::new(vec![0, 10_000]);
        assert_eq!([0, 4095, 9_999, 10_000, u32::MAX].map(|n| big.of(n)), [0, 0, 0, 1, 1]);
    }

    #[test]
    fn chunks_evaluated_apart_equal_the_whole_and_name_rows_of_the_whole() {
        let n = 1_500;
        let revenue: Vec<i64> = (0..n).map(|i| 100_000 + i64::from(i) * 37).collect();
        let won_on: Vec<i32> = (0..n).map(|i| 18_300 + i * 3).collect();
        let origin: Vec<u8> = (0..n).map(|i| (i % 5) as u8).collect();
        let partners: Vec<u32> = (0..n).map(|i| (i % 4) as u32).collect();
        let shared: Vec<u32> = (0..n).map(|i| (i % 3) as u32).collect();
        let steward: Vec<bool> = (0..n).map(|i| i % 11 == 0).collect();
        let informed: Vec<bool> = (0..n).map(|i| i % 3 == 0).collect();
        let donations: Vec<i64> = (0..n).map(|i| if i % 7 == 0 { 5_000 } else { 0 }).collect();
        let mut cols = MissionColumns {
            revenue_cents: &revenue,
            won_on: &won_on,
            lead_origin: &origin,
            lead_origin_basis: None,
            partners: &partners,
            shared_resources: &shared,
            steward_workstream: &steward,
            client_informed: &informed,
            declared_cents: None,
            negotiation: None,
            donations_cents: Some(&donations),
        };
        let params = Parameters::shipped();
        for policy in [BuiltinPolicy::Flat, BuiltinPolicy::Guide] {
            let e = BatchEvaluator::new(&policy, params).unwrap();
            let whole = e.evaluate(&cols).unwrap();
            let mut joined = BatchOutput::default();
            let mut part = BatchOutput::default();
            for start in (0..n as usize).step_by(512) {
                let range = start..(start + 512).min(n as usize);
                e.evaluate_rows_into(&cols.rows(range.clone()), range.start, &mut part).unwrap();
                joined.due_cents.extend(&part.due_cents);
                joined.explanation.extend(&part.explanation);
                joined.situation.extend(&part.situation);
                joined.in_kind_cents.extend(&part.in_kind_cents);
            }
            assert_eq!(joined.due_cents, whole.due_cents);
            assert_eq!(joined.explanation, whole.explanation);
            assert_eq!(joined.situation, whole.situation);
            assert_eq!(joined.in_kind_cents, whole.in_kind_cents);
        }
        // A negative revenue on row 1,200: the chunk starting at 1,024 names row 1,200.
        let mut bad = revenue.clone();
        bad[1_200] = -1;
        cols.revenue_cents = &bad;
        let e = BatchEvaluator::new(&BuiltinPolicy::Flat, params).unwrap();
        let mut out = BatchOutput::default();
        let err = e.evaluate_rows_into(&cols.rows(1_024..1_500), 1_024, &mut out).unwrap_err();
        assert!(matches!(err, Error::BatchRow { row: 1_200, .. }), "{err}");
        assert!(out.is_empty());
        // A range past the end gives empty columns.
        assert!(cols.rows(1_400..2_000).revenue_cents.len() == 100 && cols.rows(2_000..2_100).is_empty());
    }
}
