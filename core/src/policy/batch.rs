//! Columnar batch evaluation (issue 3 §6): the four built-in policies over
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

use super::explanation::MAX_STEPS;
use super::facts::{MissionFacts, NegotiationState};
use super::guide::Guide;
use super::params::Parameters;
use super::timeline::Timeline;
use super::{
    Assessment, AssessmentStatus, BehaviourModel, ContributionPolicy, FlatRate, GuideRate, Negotiated, Provenance,
    SelfAssessed,
};
use crate::error::{Error, Result};
use crate::ids::ActorId;
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::money::Money;
use chrono::{NaiveDate, TimeDelta};
use rust_decimal::Decimal;
use std::sync::Arc;

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

// ---- dates -----------------------------------------------------------------------------

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The date `days` days after 1970-01-01 (Arrow `date32`), if chrono can represent it.
pub fn date_from_days(days: i32) -> Option<NaiveDate> {
    epoch().checked_add_signed(TimeDelta::try_days(i64::from(days))?)
}

/// The number of days from 1970-01-01 to `date` (Arrow `date32`).
pub fn days_from_date(date: NaiveDate) -> i32 {
    i32::try_from(date.signed_duration_since(epoch()).num_days()).unwrap_or(i32::MAX)
}

fn days64(date: NaiveDate) -> i64 {
    date.signed_duration_since(epoch()).num_days()
}

/// A half-open range of days `[lo, lo + len)`, tested with one comparison.
#[derive(Debug, Clone, Copy)]
struct Span {
    lo: i64,
    len: u64,
}

impl Span {
    fn new(lo: i64, hi: i64) -> Span {
        Span { lo, len: u64::try_from(hi.saturating_sub(lo)).unwrap_or(0) }
    }

    fn hi(self) -> i64 {
        self.lo.saturating_add(i64::try_from(self.len).unwrap_or(i64::MAX))
    }

    /// Every date chrono can represent.
    fn chrono() -> Span {
        Span::new(days64(NaiveDate::MIN), days64(NaiveDate::MAX).saturating_add(1))
    }

    fn of<T>(timeline: &Timeline<T>) -> Span {
        let lo = timeline.periods().first().map(|p| days64(p.from)).unwrap_or(0);
        let hi = match timeline.periods().last() {
            Some(p) => p.until.map(days64).unwrap_or(i64::MAX),
            None => 0,
        };
        Span::new(lo, hi)
    }

    fn intersect(self, other: Span) -> Span {
        Span::new(self.lo.max(other.lo), self.hi().min(other.hi()))
    }

    #[inline(always)]
    fn outside(self, day: i32) -> bool {
        // Below `lo` wraps to a huge unsigned value.
        (i64::from(day).wrapping_sub(self.lo) as u64) >= self.len
    }
}

// ---- inputs ----------------------------------------------------------------------------

/// The negotiation columns of a batch.
#[derive(Debug, Clone, Copy)]
pub struct NegotiationColumns<'a> {
    /// [`NegotiationColumns::NOT_OPENED`], [`OPEN`](NegotiationColumns::OPEN),
    /// [`AGREED`](NegotiationColumns::AGREED) or [`STALEMATE`](NegotiationColumns::STALEMATE).
    pub status: &'a [u8],
    /// The agreed amount (agreed) or the last offer (open), in cents; unused otherwise.
    pub amount_cents: &'a [i64],
    /// Whether `amount_cents` holds a value (an open negotiation may have no
    /// offer yet; an agreed one must have an amount). `None`: every value is valid.
    pub amount_valid: Option<&'a [bool]>,
    /// The number of offers made (open, agreed, stalemate).
    pub offers: &'a [u32],
    /// The day of the agreement or stalemate (days since 1970-01-01); unused otherwise.
    pub on: &'a [i32],
    /// Whether `on` holds a day (an agreed or stalled negotiation must have one).
    /// `None`: every value is valid.
    pub on_valid: Option<&'a [bool]>,
}

impl NegotiationColumns<'_> {
    /// [`NegotiationState::NotOpened`].
    pub const NOT_OPENED: u8 = 0;
    /// [`NegotiationState::Open`].
    pub const OPEN: u8 = 1;
    /// [`NegotiationState::Agreed`].
    pub const AGREED: u8 = 2;
    /// [`NegotiationState::Stalemate`].
    pub const STALEMATE: u8 = 3;
}

/// Columns of won missions: row `i` of every slice describes mission `i`.
///
/// Amounts are whole cents, dates are days since 1970-01-01 (Arrow `date32`).
#[derive(Debug, Clone, Copy)]
pub struct MissionColumns<'a> {
    /// Revenue in cents (must not be negative).
    pub revenue_cents: &'a [i64],
    /// The day the mission was won.
    pub won_on: &'a [i32],
    /// Index into [`LeadOrigin::ALL`] (0 network_event … 4 other).
    pub lead_origin: &'a [u8],
    /// Network partners mobilised.
    pub partners: &'a [u32],
    /// Shared resources used.
    pub shared_resources: &'a [u32],
    /// The provider is a steward developing resources for a workstream.
    pub steward_workstream: &'a [bool],
    /// The client was connected to the network.
    pub client_informed: &'a [bool],
    /// Declared contributions in cents and their validity (`false`: not
    /// declared); `None`: nothing declared.
    pub declared_cents: Option<(&'a [i64], &'a [bool])>,
    /// Negotiations; `None`: none opened.
    pub negotiation: Option<NegotiationColumns<'a>>,
    /// Donations in cents; `None`: no donation.
    pub donations_cents: Option<&'a [i64]>,
}

/// The columns the flat and guide policies read, with money as 128-bit cents:
/// the values of an Arrow `decimal128` column of scale 2, borrowed as they
/// are, for [`BatchEvaluator::append_amounts`].
///
/// The fields mean what those of [`MissionColumns`] mean, and are checked
/// the same way. The guide's five columns may be empty when the policy is
/// the flat rate, which does not read them (a lead origin given is checked).
#[derive(Debug, Clone, Copy)]
pub struct WideColumns<'a> {
    /// Revenue in cents.
    pub revenue_cents: &'a [i128],
    /// The day the mission was won.
    pub won_on: &'a [i32],
    /// Index into [`LeadOrigin::ALL`].
    pub lead_origin: &'a [u8],
    /// Network partners mobilised.
    pub partners: &'a [u32],
    /// Shared resources used.
    pub shared_resources: &'a [u32],
    /// The provider is a steward developing resources for a workstream.
    pub steward_workstream: &'a [bool],
    /// The client was connected to the network.
    pub client_informed: &'a [bool],
    /// Donations in cents; `None`: no donation.
    pub donations_cents: Option<&'a [i128]>,
}

impl<'a> WideColumns<'a> {
    /// The columns of `cols` with its money replaced by 128-bit cents
    /// (its own money columns, declarations and negotiations are not read).
    pub fn with_money(
        cols: &MissionColumns<'a>,
        revenue_cents: &'a [i128],
        donations_cents: Option<&'a [i128]>,
    ) -> Self {
        WideColumns {
            revenue_cents,
            won_on: cols.won_on,
            lead_origin: cols.lead_origin,
            partners: cols.partners,
            shared_resources: cols.shared_resources,
            steward_workstream: cols.steward_workstream,
            client_informed: cols.client_informed,
            donations_cents,
        }
    }

    /// Whether every column the policy reads has the revenue's length.
    fn lengths_fit(&self, guide: bool) -> bool {
        let n = self.revenue_cents.len();
        let guide_fits = [
            self.lead_origin.len(),
            self.partners.len(),
            self.shared_resources.len(),
            self.steward_workstream.len(),
            self.client_informed.len(),
        ]
        .iter()
        .all(|&len| len == n);
        let origin_fits = self.lead_origin.is_empty() || self.lead_origin.len() == n;
        self.won_on.len() == n
            && self.donations_cents.is_none_or(|d| d.len() == n)
            && (guide_fits || !guide && origin_fits)
    }
}

pub(super) fn row_error(column: &str, row: usize, message: String) -> Error {
    Error::BatchRow { column: column.to_owned(), row, message }
}

/// A per-mission error on `row`, as a batch error naming `column`.
fn wrap_row_error(column: &str, row: usize, e: &Error) -> Error {
    row_error(column, row, format!("{}: {e}", e.code()))
}

impl<'a> MissionColumns<'a> {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.revenue_cents.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.revenue_cents.is_empty()
    }

    /// Checks every column has the length of `revenue_cents`.
    ///
    /// # Errors
    /// `batch.column.invalid` naming the first column of another length.
    pub fn check_lengths(&self) -> Result<()> {
        let n = self.len();
        let mut columns: Vec<(&str, usize)> = vec![
            ("won_on", self.won_on.len()),
            ("lead_origin", self.lead_origin.len()),
            ("partners", self.partners.len()),
            ("shared_resources", self.shared_resources.len()),
            ("steward_workstream", self.steward_workstream.len()),
            ("client_informed", self.client_informed.len()),
        ];
        if let Some((values, valid)) = self.declared_cents {
            columns.push(("declared", values.len()));
            columns.push(("declared", valid.len()));
        }
        if let Some(neg) = &self.negotiation {
            columns.push(("negotiation_state", neg.status.len()));
            columns.push(("negotiation_amount", neg.amount_cents.len()));
            columns.extend(neg.amount_valid.map(|v| ("negotiation_amount", v.len())));
            columns.push(("negotiation_offers", neg.offers.len()));
            columns.push(("negotiation_on", neg.on.len()));
            columns.extend(neg.on_valid.map(|v| ("negotiation_on", v.len())));
        }
        if let Some(d) = self.donations_cents {
            columns.push(("donations", d.len()));
        }
        match columns.into_iter().find(|(_, len)| *len != n) {
            Some((column, len)) => Err(Error::BatchColumn {
                column: column.to_owned(),
                message: format!("has {len} rows where `revenue` has {n}"),
            }),
            None => Ok(()),
        }
    }

    /// The same columns restricted to the rows of `range` (a column too short
    /// for it is cut to the rows it has, so [`MissionColumns::check_lengths`]
    /// still reports it). Row `i` of the result is row `range.start + i`:
    /// evaluate it with [`BatchEvaluator::evaluate_rows_into`] so that errors
    /// name rows of the whole table.
    pub fn rows(&self, range: std::ops::Range<usize>) -> MissionColumns<'a> {
        fn cut<'a, T>(v: &'a [T], r: &std::ops::Range<usize>) -> &'a [T] {
            v.get(r.start.min(v.len())..r.end.min(v.len())).unwrap_or(&[])
        }
        let r = &range;
        MissionColumns {
            revenue_cents: cut(self.revenue_cents, r),
            won_on: cut(self.won_on, r),
            lead_origin: cut(self.lead_origin, r),
            partners: cut(self.partners, r),
            shared_resources: cut(self.shared_resources, r),
            steward_workstream: cut(self.steward_workstream, r),
            client_informed: cut(self.client_informed, r),
            declared_cents: self.declared_cents.map(|(v, ok)| (cut(v, r), cut(ok, r))),
            negotiation: self.negotiation.map(|n| NegotiationColumns {
                status: cut(n.status, r),
                amount_cents: cut(n.amount_cents, r),
                amount_valid: n.amount_valid.map(|v| cut(v, r)),
                offers: cut(n.offers, r),
                on: cut(n.on, r),
                on_valid: n.on_valid.map(|v| cut(v, r)),
            }),
            donations_cents: self.donations_cents.map(|v| cut(v, r)),
        }
    }

    /// The facts of row `row`, for `provider`.
    ///
    /// # Errors
    /// `batch.row.invalid` when the row does not describe a mission (a date
    /// chrono cannot represent, a lead-origin index or negotiation status out
    /// of range, an agreed negotiation without amount) or is out of bounds.
    pub fn facts(&self, row: usize, provider: ActorId) -> Result<MissionFacts> {
        let mut m = MissionFacts::new(provider, Money::ZERO, epoch(), LeadOrigin::Other);
        self.fill_facts(row, &mut m)?;
        Ok(m)
    }

    /// Overwrites every field of `m` but the provider and mission id with row `row`.
    fn fill_facts(&self, row: usize, m: &mut MissionFacts) -> Result<()> {
        let missing = |column: &str| row_error(column, row, "no such row".into());
        let revenue = *self.revenue_cents.get(row).ok_or_else(|| missing("revenue"))?;
        let day = *self.won_on.get(row).ok_or_else(|| missing("won_on"))?;
        let won_on = date_from_days(day).ok_or_else(|| bad_day("won_on", row, day))?;
        let origin = *self.lead_origin.get(row).ok_or_else(|| missing("lead_origin"))?;
        let lead_origin = LeadOrigin::ALL.get(usize::from(origin)).copied().ok_or_else(|| {
            row_error(
                "lead_origin",
                row,
                format!(
                    "{origin} is not a lead-origin index (0..=4: {})",
                    LeadOrigin::ALL.iter().map(|o| o.label()).collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        m.revenue = Money::from_cents(revenue);
        m.won_on = won_on;
        m.lead_origin = lead_origin;
        m.partners = *self.partners.get(row).ok_or_else(|| missing("partners"))?;
        m.shared_resources = *self.shared_resources.get(row).ok_or_else(|| missing("shared_resources"))?;
        m.steward_workstream = *self.steward_workstream.get(row).ok_or_else(|| missing("steward_workstream"))?;
        m.client_informed = *self.client_informed.get(row).ok_or_else(|| missing("client_informed"))?;
        m.declared = match self.declared_cents {
            Some((values, valid)) => {
                let ok = *valid.get(row).ok_or_else(|| missing("declared"))?;
                let v = *values.get(row).ok_or_else(|| missing("declared"))?;
                ok.then(|| Money::from_cents(v))
            }
            None => None,
        };
        m.negotiation = match &self.negotiation {
            Some(neg) => neg.state(row)?,
            None => NegotiationState::NotOpened,
        };
        m.donations = match self.donations_cents {
            Some(d) => Money::from_cents(*d.get(row).ok_or_else(|| missing("donations"))?),
            None => Money::ZERO,
        };
        Ok(())
    }
}

fn bad_day(column: &str, row: usize, day: i32) -> Error {
    row_error(column, row, format!("day {day} after 1970-01-01 is outside the supported dates"))
}

impl NegotiationColumns<'_> {
    fn state(&self, row: usize) -> Result<NegotiationState> {
        let missing = |column: &str| row_error(column, row, "no such row".into());
        let status = *self.status.get(row).ok_or_else(|| missing("negotiation_state"))?;
        let amount = *self.amount_cents.get(row).ok_or_else(|| missing("negotiation_amount"))?;
        let flag =
            |v: Option<&[bool]>, column| v.map_or(Some(true), |v| v.get(row).copied()).ok_or_else(|| missing(column));
        let valid = flag(self.amount_valid, "negotiation_amount")?;
        let offers = *self.offers.get(row).ok_or_else(|| missing("negotiation_offers"))?;
        let day = *self.on.get(row).ok_or_else(|| missing("negotiation_on"))?;
        let dated = flag(self.on_valid, "negotiation_on")?;
        let on = || match dated {
            true => date_from_days(day).ok_or_else(|| bad_day("negotiation_on", row, day)),
            false => Err(row_error("negotiation_on", row, "an agreed or stalled negotiation needs a date".into())),
        };
        Ok(match status {
            Self::NOT_OPENED => NegotiationState::NotOpened,
            Self::OPEN => NegotiationState::Open { offers, last_offer: valid.then(|| Money::from_cents(amount)) },
            Self::AGREED if !valid => {
                return Err(row_error("negotiation_amount", row, "an agreed negotiation needs an amount".into()))
            }
            Self::AGREED => NegotiationState::Agreed { amount: Money::from_cents(amount), on: on()?, offers },
            Self::STALEMATE => NegotiationState::Stalemate { on: on()?, offers },
            other => {
                return Err(row_error(
                    "negotiation_state",
                    row,
                    format!("{other} is not a negotiation status (0 not_opened, 1 open, 2 agreed, 3 stalemate)"),
                ))
            }
        })
    }

    /// Whether a row fails [`NegotiationColumns::state`] (cheap, fused in kernels).
    #[inline(always)]
    fn bad(status: u8, valid: bool, on: i32, chrono: Span) -> bool {
        status > Self::STALEMATE || (status == Self::AGREED && !valid) || (status >= Self::AGREED && chrono.outside(on))
    }
}

mod table;
pub use table::MissionTable;

// ---- policies and outputs --------------------------------------------------------------

/// One of the four built-in policies, for columnar evaluation.
///
/// It is also a [`ContributionPolicy`] (it evaluates like the policy it names),
/// so one list of policies serves both paths of [`super::compare`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltinPolicy {
    /// [`FlatRate`].
    Flat,
    /// [`GuideRate`].
    Guide,
    /// [`SelfAssessed`] with its optional behaviour model.
    SelfAssessed(Option<BehaviourModel>),
    /// [`Negotiated`] with its optional behaviour model.
    Negotiated(Option<BehaviourModel>),
}

impl BuiltinPolicy {
    /// The four policies without behaviour model.
    pub const ALL: [BuiltinPolicy; 4] =
        [BuiltinPolicy::Flat, BuiltinPolicy::Guide, BuiltinPolicy::SelfAssessed(None), BuiltinPolicy::Negotiated(None)];

    /// The name of the per-mission policy (`flat`, `guide`, `self_assessed`,
    /// `self_assessed_modelled`, `negotiated`, `negotiated_modelled`).
    pub fn name(&self) -> &'static str {
        match self {
            BuiltinPolicy::Flat => "flat",
            BuiltinPolicy::Guide => "guide",
            BuiltinPolicy::SelfAssessed(None) => "self_assessed",
            BuiltinPolicy::SelfAssessed(Some(_)) => "self_assessed_modelled",
            BuiltinPolicy::Negotiated(None) => "negotiated",
            BuiltinPolicy::Negotiated(Some(_)) => "negotiated_modelled",
        }
    }

    /// Every explanation pattern the policy can produce, in pattern-id order
    /// (the same list as [`BatchOutput::patterns`]).
    pub fn patterns(&self) -> Vec<Vec<&'static str>> {
        Patterns::new(self).codes
    }

    fn kind(&self) -> Kind {
        match self {
            BuiltinPolicy::Flat => Kind::Flat,
            BuiltinPolicy::Guide => Kind::Guide,
            BuiltinPolicy::SelfAssessed(m) => Kind::SelfAssessed(*m),
            BuiltinPolicy::Negotiated(m) => Kind::Negotiated(*m),
        }
    }
}

impl ContributionPolicy for BuiltinPolicy {
    fn name(&self) -> &str {
        BuiltinPolicy::name(self)
    }

    fn evaluate(&self, m: &MissionFacts, params: &Parameters) -> Result<Assessment> {
        match self {
            BuiltinPolicy::Flat => FlatRate.evaluate(m, params),
            BuiltinPolicy::Guide => GuideRate.evaluate(m, params),
            BuiltinPolicy::SelfAssessed(model) => SelfAssessed { model: *model }.evaluate(m, params),
            BuiltinPolicy::Negotiated(model) => Negotiated { model: *model }.evaluate(m, params),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Flat,
    Guide,
    SelfAssessed(Option<BehaviourModel>),
    Negotiated(Option<BehaviourModel>),
}

/// The results of a batch: one value per row in each column vector.
///
/// `due_cents` is 0 where the status is not [`PRICED`]; `situation` is a
/// code into `situation_ids` ([`NO_SITUATION`] when the policy used no
/// situation: always under the flat policy, and under the negotiated policy
/// unless the behaviour model priced the row); `explanation` is a pattern id
/// into `patterns`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchOutput {
    /// The amount due in cents (0 unless priced).
    pub due_cents: Vec<i64>,
    /// [`PRICED`], [`PENDING`], [`UNDECLARED`] or [`STALEMATE`].
    pub status: Vec<u8>,
    /// [`COMPUTED`], [`DECLARED`], [`NEGOTIATED`] or [`MODELLED`].
    pub provenance: Vec<u8>,
    /// The situation the policy used, as a code into `situation_ids`.
    pub situation: Vec<u16>,
    /// The in-kind credit in cents (only the guide policy grants one).
    pub in_kind_cents: Vec<i64>,
    /// The explanation pattern of each row, an index into `patterns`.
    pub explanation: Vec<u16>,
    /// The step codes of every pattern the policy can produce (some may not
    /// occur in this batch).
    pub patterns: Vec<Vec<&'static str>>,
    /// The situation dictionary: see [`situation_dictionary`].
    pub situation_ids: Vec<String>,
}

impl BatchOutput {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.due_cents.len()
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.due_cents.is_empty()
    }

    /// The explanation step codes of row `row`.
    pub fn codes(&self, row: usize) -> Option<&[&'static str]> {
        let id = *self.explanation.get(row)?;
        self.patterns.get(usize::from(id)).map(Vec::as_slice)
    }

    /// The amount due of row `row`, if priced.
    pub fn due(&self, row: usize) -> Option<i64> {
        (*self.status.get(row)? == PRICED).then(|| self.due_cents.get(row).copied()).flatten()
    }

    /// The situation id of row `row`, if any.
    pub fn situation_id(&self, row: usize) -> Option<&str> {
        let code = *self.situation.get(row)?;
        self.situation_ids.get(usize::from(code)).map(String::as_str)
    }

    fn clear(&mut self) {
        self.due_cents.clear();
        self.status.clear();
        self.provenance.clear();
        self.situation.clear();
        self.in_kind_cents.clear();
        self.explanation.clear();
    }

    /// Gives the amounts and statuses `n` rows, and the other columns `n`
    /// rows if `all`, else none, without clearing (the kernels overwrite them).
    fn reserve_rows(&mut self, n: usize, all: bool) {
        self.due_cents.resize(n, 0);
        self.status.resize(n, 0);
        let m = if all { n } else { 0 };
        self.provenance.resize(m, 0);
        self.situation.resize(m, 0);
        self.in_kind_cents.resize(m, 0);
        self.explanation.resize(m, 0);
    }

    /// Whether the columns beyond the amounts and statuses are filled.
    fn has_details(&self) -> bool {
        self.explanation.len() == self.due_cents.len()
    }
}

/// The situation ids of every guide of `params`, in period then file order,
/// each once: the dictionary of [`BatchOutput::situation`] codes.
pub fn situation_dictionary(params: &Parameters) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for p in params.guide.periods() {
        for s in p.value.situations() {
            if !ids.contains(&s.id) {
                ids.push(s.id.clone());
            }
        }
    }
    ids
}

// ---- explanation patterns --------------------------------------------------------------

// Pattern bits. Flat: rounding, donations. Guide: default, rounding, in kind,
// donations (both dense: the bits are the id). Self-assessed: a case (0
// declared, 1 missing, 2 modelled), rounding, donations. Negotiated: a head (0
// agreed, 1 open with an offer, 2 open, 3 not opened, 4 stalemate), modelled,
// flat rounding, model rounding, donations.
const FLAT_ROUNDED: usize = 1;
const FLAT_DONATIONS: usize = 2;
const GUIDE_DEFAULT: usize = 1;
const GUIDE_ROUNDED: usize = 2;
const GUIDE_IN_KIND: usize = 4;
const GUIDE_DONATIONS: usize = 8;
const SELF_DECLARED: usize = 0;
const SELF_MISSING: usize = 1;
const SELF_MODELLED: usize = 2;
const SELF_ROUNDED: usize = 4;
const SELF_DONATIONS: usize = 8;
const NEG_AGREED: usize = 0;
const NEG_OPEN_OFFER: usize = 1;
const NEG_OPEN: usize = 2;
const NEG_NOT_OPENED: usize = 3;
const NEG_STALEMATE: usize = 4;
const NEG_MODELLED: usize = 8;
const NEG_FLAT_ROUNDED: usize = 16;
const NEG_MODEL_ROUNDED: usize = 32;
const NEG_DONATIONS: usize = 64;
const PATTERN_BITS: usize = 128;

/// The explanation patterns of a policy: the codes of each dense id, and the
/// dense id of each combination of pattern bits.
#[derive(Debug, Clone)]
struct Patterns {
    codes: Vec<Vec<&'static str>>,
    dense: [u16; PATTERN_BITS],
}

impl Patterns {
    fn new(policy: &BuiltinPolicy) -> Patterns {
        let kind = policy.kind();
        let mut codes = Vec::new();
        let mut dense = [u16::MAX; PATTERN_BITS];
        for (bits, slot) in dense.iter_mut().enumerate() {
            if let Some(mut c) = pattern_codes(kind, bits) {
                // Mirror `Explanation::push`, which drops steps past MAX_STEPS.
                c.truncate(MAX_STEPS);
                *slot = u16::try_from(codes.len()).unwrap_or(u16::MAX);
                codes.push(c);
            }
        }
        Patterns { codes, dense }
    }

    #[inline(always)]
    fn id(&self, bits: usize) -> u16 {
        self.dense.get(bits).copied().unwrap_or(u16::MAX)
    }

    /// The id of the pattern an assessment's explanation follows.
    fn find(&self, a: &Assessment) -> Option<u16> {
        let id = self.codes.iter().position(|p| p.iter().copied().eq(a.explanation.steps().map(|s| s.code.label())))?;
        u16::try_from(id).ok()
    }
}

/// The step codes of a combination of pattern bits, `None` if the policy cannot produce it.
fn pattern_codes(kind: Kind, bits: usize) -> Option<Vec<&'static str>> {
    let has = |b: usize| bits & b != 0;
    let mut c = Vec::new();
    match kind {
        Kind::Flat => {
            if bits >= 4 {
                return None;
            }
            c.extend(["flat.rate", "flat.amount"]);
            if has(FLAT_ROUNDED) {
                c.push("rounding.cents");
            }
            if has(FLAT_DONATIONS) {
                c.push("flat.donations_apart");
            }
        }
        Kind::Guide => {
            if bits >= 16 {
                return None;
            }
            c.push(if has(GUIDE_DEFAULT) { "guide.default" } else { "guide.match" });
            c.push("guide.amount");
            if has(GUIDE_ROUNDED) {
                c.push("rounding.cents");
            }
            if has(GUIDE_IN_KIND) {
                c.push("guide.in_kind");
            }
            if has(GUIDE_DONATIONS) {
                c.push("flat.donations_apart");
            }
        }
        Kind::SelfAssessed(model) => {
            if bits >= 16 {
                return None;
            }
            match (bits & 3, model.is_some(), has(SELF_ROUNDED)) {
                (SELF_DECLARED, _, false) => c.extend(["self.declared", "self.suggestion", "self.gap"]),
                (SELF_MISSING, false, false) => c.extend(["self.missing", "self.suggestion"]),
                (SELF_MODELLED, true, rounded) => {
                    c.extend(["self.missing", "self.suggestion", "model.applied"]);
                    if rounded {
                        c.push("rounding.cents");
                    }
                }
                _ => return None,
            }
            if has(SELF_DONATIONS) {
                c.push("flat.donations_apart");
            }
        }
        Kind::Negotiated(model) => {
            let head = bits & 7;
            let modelled = has(NEG_MODELLED);
            if modelled != (model.is_some() && head != NEG_AGREED)
                || (!modelled && (has(NEG_FLAT_ROUNDED) || has(NEG_MODEL_ROUNDED)))
            {
                return None;
            }
            match head {
                NEG_AGREED => c.extend(["negotiation.offers", "negotiation.agreed"]),
                NEG_OPEN_OFFER => c.extend(["negotiation.offers", "negotiation.pending"]),
                NEG_OPEN => c.push("negotiation.pending"),
                NEG_NOT_OPENED => c.push("negotiation.missing"),
                NEG_STALEMATE => c.push("negotiation.stalemate"),
                _ => return None,
            }
            if modelled {
                c.extend(["self.suggestion", "flat.rate", "flat.amount"]);
                if has(NEG_FLAT_ROUNDED) {
                    c.push("rounding.cents");
                }
                c.push("model.applied");
                if has(NEG_MODEL_ROUNDED) {
                    c.push("rounding.cents");
                }
            }
            if has(NEG_DONATIONS) {
                c.push("flat.donations_apart");
            }
        }
    }
    Some(c)
}

// ---- integer arithmetic ----------------------------------------------------------------

const fn pow10(scale: u32) -> i64 {
    10i64.pow(scale)
}

/// `p / 10^S` rounded half away from zero, and whether it was inexact, for
/// `p >= 0`. The divisor is a constant of each instantiation (no division
/// instruction), and unsigned (no sign fix-ups): a negative `p` only comes
/// from rows the kernels flag, whose values the per-row path replaces.
///
/// Rounding adds half the divisor before dividing (`10^S` is even for
/// `S >= 1`; for `S = 0` half is 0 and nothing is rounded): `p + d/2` cannot
/// wrap, as `p <= i64::MAX` for every row the kernels vouch for. Inexact is
/// `q·d != p`, which a caller that does not need it lets the compiler drop.
#[inline(always)]
fn div_round<const S: u32>(p: i64) -> (i64, bool) {
    let d: u64 = const { pow10(S) as u64 };
    let p = p as u64;
    let q = p.wrapping_add(d / 2) / d;
    (q as i64, q.wrapping_mul(d) != p)
}

/// A non-negative decimal as `(mantissa, scale)`, normalised.
fn split(d: Decimal) -> Option<(i128, u32)> {
    if d.is_sign_negative() && !d.is_zero() {
        return None;
    }
    let n = d.normalize();
    Some((n.mantissa(), n.scale()))
}

/// The numerator of `d` over `10^scale`, if exact, in `0..=10^scale`.
fn numerator(d: Decimal, scale: u32) -> Option<i64> {
    let (m, s) = split(d)?;
    let factor = 10i128.checked_pow(scale.checked_sub(s)?)?;
    let n = i64::try_from(m.checked_mul(factor)?).ok()?;
    (n <= pow10(scale)).then_some(n)
}

// ---- period selection ------------------------------------------------------------------

/// Maps a day to its segment: the number of segment bounds at or before it.
trait SegSel: Copy {
    fn seg(self, day: i32) -> usize;
}

#[derive(Clone, Copy)]
struct NoBound;
impl SegSel for NoBound {
    #[inline(always)]
    fn seg(self, _: i32) -> usize {
        0
    }
}

#[derive(Clone, Copy)]
struct OneBound(i32);
impl SegSel for OneBound {
    #[inline(always)]
    fn seg(self, day: i32) -> usize {
        usize::from(day >= self.0)
    }
}

#[derive(Clone, Copy)]
struct TwoBounds(i32, i32);
impl SegSel for TwoBounds {
    #[inline(always)]
    fn seg(self, day: i32) -> usize {
        usize::from(day >= self.0) + usize::from(day >= self.1)
    }
}

#[derive(Clone, Copy)]
struct Bounds<'a>(&'a [i32]);
impl SegSel for Bounds<'_> {
    #[inline(always)]
    fn seg(self, day: i32) -> usize {
        self.0.partition_point(|&b| b <= day)
    }
}

/// A kernel, instantiated per scale and segment selector. Returns whether a
/// row may be invalid or needs the per-row path.
trait Kernel {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool;
}

/// Runs `k` with the instantiation for `scale` and `bounds`; `None` if the scale has none.
fn dispatch<K: Kernel>(k: &mut K, scale: u32, bounds: &[i32]) -> Option<bool> {
    match *bounds {
        [] => by_scale(k, scale, NoBound),
        [a] => by_scale(k, scale, OneBound(a)),
        [a, b] => by_scale(k, scale, TwoBounds(a, b)),
        _ => by_scale(k, scale, Bounds(bounds)),
    }
}

fn by_scale<K: Kernel, Sel: SegSel>(k: &mut K, scale: u32, sel: Sel) -> Option<bool> {
    Some(match scale {
        0 => k.run::<0, Sel>(sel),
        1 => k.run::<1, Sel>(sel),
        2 => k.run::<2, Sel>(sel),
        3 => k.run::<3, Sel>(sel),
        4 => k.run::<4, Sel>(sel),
        5 => k.run::<5, Sel>(sel),
        6 => k.run::<6, Sel>(sel),
        7 => k.run::<7, Sel>(sel),
        8 => k.run::<8, Sel>(sel),
        9 => k.run::<9, Sel>(sel),
        10 => k.run::<10, Sel>(sel),
        11 => k.run::<11, Sel>(sel),
        12 => k.run::<12, Sel>(sel),
        _ => return None,
    })
}

// ---- the guide lookup table ------------------------------------------------------------

/// Rows per chunk of the two-pass kernels (the cell indexes stay in L1).
const CHUNK: usize = 512;

/// Count buckets: bucket `b` holds the counts from `thresholds[b]` to the next threshold.
#[derive(Debug, Clone)]
struct Buckets {
    thresholds: Vec<u32>,
    /// The bucket of each count up to the last threshold (at most 4096 of them).
    small: Vec<u32>,
    /// Whether `small` reaches the last threshold: larger counts are in the last bucket.
    complete: bool,
}

impl Buckets {
    const SMALL: u32 = 4096;

    fn new(thresholds: Vec<u32>) -> Buckets {
        let last = thresholds.last().copied().unwrap_or(0);
        let small = (0..=last.min(Self::SMALL - 1)).map(|n| Buckets::search(&thresholds, n)).collect();
        Buckets { thresholds, small, complete: last < Self::SMALL }
    }

    fn search(thresholds: &[u32], n: u32) -> u32 {
        u32::try_from(thresholds.partition_point(|&t| t <= n).saturating_sub(1)).unwrap_or(0)
    }

    #[inline(always)]
    fn of(&self, n: u32) -> usize {
        let i = n as usize;
        if self.complete {
            // Clamped into the table: no branch on the count.
            self.small.get(i.min(self.small.len().saturating_sub(1))).copied().unwrap_or(0) as usize
        } else {
            match self.small.get(i) {
                Some(&b) => b as usize,
                None => Buckets::search(&self.thresholds, n) as usize,
            }
        }
    }

    fn len(&self) -> usize {
        self.thresholds.len().max(1)
    }
}

/// What the guide says for one cell of the lookup table.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The situation's rate over `10^scale`.
    num: i64,
    /// Its in-kind rate over `10^scale`.
    in_kind: i64,
    /// Code into the situation dictionary.
    situation: u16,
    /// Guide pattern bits fixed by the situation (default, in kind).
    bits: u16,
    /// No guide in force, or the guide matches nothing.
    gap: bool,
}

const GAP: Entry = Entry { num: 0, in_kind: 0, situation: NO_SITUATION, bits: 0, gap: true };

/// The columns the guide reads, with revenue of either width.
struct GuideRows<'a, M> {
    revenue: &'a [M],
    won_on: &'a [i32],
    lead_origin: &'a [u8],
    partners: &'a [u32],
    shared: &'a [u32],
    steward: &'a [bool],
    informed: &'a [bool],
}

/// From (segment, lead origin, partners, shared resources, steward, informed) to the guide's entry.
#[derive(Debug, Clone)]
struct GuideTable {
    partners: Buckets,
    shared: Buckets,
    /// The offset of each partner count's bucket in an origin's cells (counts
    /// above the last threshold use the last one).
    partner_offsets: Vec<u32>,
    /// The same for shared resources.
    shared_offsets: Vec<u32>,
    /// The strides of partner and shared-resource counts when every count up
    /// to the last threshold is its own bucket (offsets are then linear).
    linear: Option<(u32, u32)>,
    per_origin: usize,
    per_segment: usize,
    entries: Vec<Entry>,
}

impl GuideTable {
    /// `guides`: the guide of each segment, if one is in force.
    fn new(guides: &[Option<&Arc<Guide>>], dictionary: &[String], scale: Option<u32>) -> Result<GuideTable> {
        let mut partners = vec![0];
        let mut shared = vec![0];
        for g in guides.iter().flatten() {
            let (p, s) = g.thresholds();
            partners.extend(p);
            shared.extend(s);
        }
        for v in [&mut partners, &mut shared] {
            v.sort_unstable();
            v.dedup();
        }
        let (partners, shared) = (Buckets::new(partners), Buckets::new(shared));
        let per_origin = partners.len() * shared.len() * 4;
        let per_segment = per_origin * LeadOrigin::ALL.len();
        let mut entries = Vec::with_capacity(per_segment * guides.len());
        for guide in guides {
            for origin in LeadOrigin::ALL {
                for &p in &partners.thresholds {
                    for &s in &shared.thresholds {
                        for sw in [false, true] {
                            for ci in [false, true] {
                                let matched = guide.and_then(|g| g.find_parts(*origin, p, s, sw, ci));
                                entries.push(match matched {
                                    None => GAP,
                                    Some(m) => {
                                        let id = &m.situation.id;
                                        let situation = dictionary
                                            .iter()
                                            .position(|d| d == id)
                                            .and_then(|i| u16::try_from(i).ok())
                                            .filter(|&c| c != NO_SITUATION)
                                            .ok_or_else(|| Error::BatchColumn {
                                                column: "situation".into(),
                                                message: "the guides have too many situations".into(),
                                            })?;
                                        let rate = |d: Decimal| scale.and_then(|s| numerator(d, s)).unwrap_or(0);
                                        let mut bits = 0;
                                        if m.specificity == 0 {
                                            bits |= GUIDE_DEFAULT;
                                        }
                                        if !m.situation.in_kind_rate.is_zero() {
                                            bits |= GUIDE_IN_KIND;
                                        }
                                        Entry {
                                            num: rate(m.situation.rate),
                                            in_kind: rate(m.situation.in_kind_rate),
                                            situation,
                                            bits: u16::try_from(bits).unwrap_or(0),
                                            gap: false,
                                        }
                                    }
                                });
                            }
                        }
                    }
                }
            }
        }
        let partner_offsets = partners.small.iter().map(|&b| b * shared.len() as u32 * 4).collect();
        let shared_offsets = shared.small.iter().map(|&b| b * 4).collect();
        let identity = |b: &Buckets| b.small.iter().enumerate().all(|(i, &v)| i == v as usize);
        let linear = (identity(&partners) && identity(&shared)).then(|| (shared.len() as u32 * 4, 4));
        Ok(GuideTable { partners, shared, partner_offsets, shared_offsets, linear, per_origin, per_segment, entries })
    }

    /// Whether the integer kernels can use the table: offsets cover every
    /// threshold and indexes fit 32 bits.
    fn is_fast(&self) -> bool {
        self.partners.complete && self.shared.complete && u32::try_from(self.entries.len()).is_ok()
    }

    /// The entry index of each row of a chunk (at most [`CHUNK`] rows), and
    /// whether a row is outside `span` or has a lead origin out of range.
    /// Not inlined: its slices keep their no-alias guarantee, so the
    /// compiler holds every pointer and constant in registers.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn cells<Sel: SegSel>(
        &self,
        sel: Sel,
        span: Span,
        won_on: &[i32],
        origin: &[u8],
        partners: &[u32],
        shared: &[u32],
        steward: &[bool],
        informed: &[bool],
        cells: &mut [u32; CHUNK],
    ) -> bool {
        // Everything the loop reads, in locals: the compiler keeps them in registers.
        let (p_offsets, s_offsets) = (self.partner_offsets.as_slice(), self.shared_offsets.as_slice());
        let (p_last, s_last) = (p_offsets.len().saturating_sub(1), s_offsets.len().saturating_sub(1));
        let (per_segment, per_origin) = (self.per_segment as u32, self.per_origin as u32);
        let last_origin = (LeadOrigin::ALL.len() - 1) as u8;
        let mut flag = false;
        // Small loops with few live values each: no register spills, and the
        // first and last can be vectorised.
        for (cell, ((&o, &sw), &ci)) in cells.iter_mut().zip(origin.iter().zip(steward).zip(informed)) {
            flag |= o > last_origin;
            *cell = u32::from(o.min(last_origin)) * per_origin + u32::from(sw) * 2 + u32::from(ci);
        }
        if let Some((p_stride, s_stride)) = self.linear {
            // Buckets 0, 1, …, last: arithmetic instead of lookups (vectorises).
            let (p_last, s_last) = (p_last as u32, s_last as u32);
            for (cell, (&p, &s)) in cells.iter_mut().zip(partners.iter().zip(shared)) {
                *cell += p.min(p_last) * p_stride + s.min(s_last) * s_stride;
            }
        } else {
            for (cell, (&p, &s)) in cells.iter_mut().zip(partners.iter().zip(shared)) {
                let p_offset = p_offsets.get((p as usize).min(p_last)).copied().unwrap_or(0);
                let s_offset = s_offsets.get((s as usize).min(s_last)).copied().unwrap_or(0);
                *cell += p_offset + s_offset;
            }
        }
        for (cell, &d) in cells.iter_mut().zip(won_on) {
            flag |= span.outside(d);
            *cell += (sel.seg(d) as u32) * per_segment;
        }
        flag
    }

    /// Goes through `rows` [`CHUNK`] rows at a time: computes the chunk's
    /// cells, then calls `f` with the chunk's first row, revenue and cells;
    /// whether a row is flagged, by the cells or by `f`. Serves both money
    /// widths.
    #[inline(always)]
    fn by_chunk<M, Sel: SegSel>(
        &self,
        sel: Sel,
        span: Span,
        rows: GuideRows<'_, M>,
        mut f: impl FnMut(usize, &[M], &[u32; CHUNK]) -> bool,
    ) -> bool {
        let mut flag = false;
        let mut cells = [0u32; CHUNK];
        let inputs = rows
            .revenue
            .chunks(CHUNK)
            .zip(rows.won_on.chunks(CHUNK))
            .zip(rows.lead_origin.chunks(CHUNK))
            .zip(rows.partners.chunks(CHUNK))
            .zip(rows.shared.chunks(CHUNK))
            .zip(rows.steward.chunks(CHUNK))
            .zip(rows.informed.chunks(CHUNK));
        for (i, ((((((r, d), o), p), s), sw), ci)) in inputs.enumerate() {
            flag |= self.cells(sel, span, d, o, p, s, sw, ci, &mut cells);
            flag |= f(i * CHUNK, r, &cells);
        }
        flag
    }

    #[inline(always)]
    fn entry(&self, seg: usize, origin: u8, partners: u32, shared: u32, sw: bool, ci: bool) -> Entry {
        if usize::from(origin) >= LeadOrigin::ALL.len() {
            return GAP;
        }
        let cell = ((self.partners.of(partners) * self.shared.len() + self.shared.of(shared)) * 2 + usize::from(sw))
            * 2
            + usize::from(ci);
        let idx = seg * self.per_segment + usize::from(origin) * self.per_origin + cell;
        self.entries.get(idx).copied().unwrap_or(GAP)
    }
}

// ---- the evaluator ---------------------------------------------------------------------

/// A built-in policy prepared for columnar evaluation under given parameters:
/// build it once and evaluate many batches (record batches of a stream).
#[derive(Debug, Clone)]
pub struct BatchEvaluator<'p> {
    policy: BuiltinPolicy,
    params: &'p Parameters,
    patterns: Patterns,
    situations: Vec<String>,
    /// Interior segment bounds (days at which a parameter the policy reads changes).
    bounds: Vec<i32>,
    /// Days on which every parameter the policy reads is in force.
    span: Span,
    /// Days chrono can represent.
    chrono: Span,
    /// The common scale of the integer kernels; `None`: per-row path for every row.
    scale: Option<u32>,
    /// Rows with a revenue above this take the per-row path (products would overflow).
    limit: i64,
    /// The flat rate of each segment, over `10^scale`.
    flat: Vec<i64>,
    /// The behaviour model's factor over `10^scale`.
    model: Option<i64>,
    guide: Option<GuideTable>,
    provider: ActorId,
    outputs: Outputs,
}

impl<'p> BatchEvaluator<'p> {
    /// Prepares `policy` under `params`.
    ///
    /// # Errors
    /// `batch.column.invalid` if the guides hold more than 65,534 situations.
    pub fn new(policy: &BuiltinPolicy, params: &'p Parameters) -> Result<BatchEvaluator<'p>> {
        let kind = policy.kind();
        let (needs_flat, needs_guide, model) = match kind {
            Kind::Flat => (true, false, None),
            Kind::Guide => (false, true, None),
            Kind::SelfAssessed(m) => (false, true, m.map(|m| m.declared_share_of_guide)),
            Kind::Negotiated(m) => (m.is_some(), m.is_some(), m.map(|m| m.negotiated_toward_flat)),
        };
        let chrono = Span::chrono();
        let mut span = chrono;
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
        let limit = scale.map(|s| i64::MAX / pow10(s)).unwrap_or(0);
        let at_scale = |d: Decimal| scale.and_then(|s| numerator(d, s)).unwrap_or(0);
        let situations = situation_dictionary(params);
        let guide = if needs_guide { Some(GuideTable::new(&guides, &situations, scale)?) } else { None };
        let scale = scale.filter(|_| guide.as_ref().is_none_or(GuideTable::is_fast));
        Ok(BatchEvaluator {
            policy: *policy,
            params,
            patterns: Patterns::new(policy),
            situations,
            bounds,
            span,
            chrono,
            scale,
            limit,
            flat: flat_rates.iter().map(|r| r.map(at_scale).unwrap_or(0)).collect(),
            model: model.map(at_scale),
            guide,
            provider: ActorId::new("batch")?,
            outputs: Outputs::All,
        })
    }

    /// The same evaluator, filling the columns `outputs` says.
    #[must_use]
    pub fn with_outputs(mut self, outputs: Outputs) -> BatchEvaluator<'p> {
        self.outputs = outputs;
        self
    }

    /// The columns this evaluator fills.
    pub fn outputs(&self) -> Outputs {
        self.outputs
    }

    /// Whether every column of the output is filled (see [`Outputs::Amounts`]).
    fn fills_all(&self) -> bool {
        self.outputs == Outputs::All || !matches!(self.policy.kind(), Kind::Flat | Kind::Guide)
    }

    /// The policy.
    pub fn policy(&self) -> &BuiltinPolicy {
        &self.policy
    }

    /// The explanation patterns (see [`BatchOutput::patterns`]).
    pub fn patterns(&self) -> &[Vec<&'static str>] {
        &self.patterns.codes
    }

    /// The situation dictionary (see [`situation_dictionary`]).
    pub fn situation_ids(&self) -> &[String] {
        &self.situations
    }

    /// Whether the integer kernels serve this policy and parameters (if not,
    /// every row takes the per-row Decimal path: a rate with more than
    /// [`MAX_FAST_SCALE`] decimals, or outside `0..=1`).
    pub fn is_fast(&self) -> bool {
        self.scale.is_some()
    }

    /// Evaluates a batch.
    ///
    /// # Errors
    /// `batch.column.invalid` for columns of different lengths;
    /// `batch.row.invalid` naming the first invalid row (see the module docs).
    pub fn evaluate(&self, cols: &MissionColumns) -> Result<BatchOutput> {
        let mut out = BatchOutput::default();
        self.evaluate_into(cols, &mut out)?;
        Ok(out)
    }

    /// Evaluates a batch into `out`, reusing its buffers (no allocation once
    /// they are large enough). On error `out` is left empty.
    ///
    /// # Errors
    /// As [`BatchEvaluator::evaluate`].
    pub fn evaluate_into(&self, cols: &MissionColumns, out: &mut BatchOutput) -> Result<()> {
        let result = self.run(cols, out);
        if result.is_err() {
            out.clear();
        }
        result
    }

    /// Evaluates rows `first_row..first_row + cols.len()` of a larger table
    /// (a chunk cut with [`MissionColumns::rows`], a record batch of a stream)
    /// into `out`, like [`BatchEvaluator::evaluate_into`], except that a
    /// `batch.row.invalid` error names the row of the whole table. Chunks
    /// evaluated apart (on several threads) give, put end to end, the output
    /// of the whole table.
    ///
    /// # Errors
    /// As [`BatchEvaluator::evaluate`], rows counted from the table's first.
    pub fn evaluate_rows_into(&self, cols: &MissionColumns, first_row: usize, out: &mut BatchOutput) -> Result<()> {
        self.evaluate_into(cols, out).map_err(|e| match e {
            Error::BatchRow { column, row, message } => {
                Error::BatchRow { column, row: row.saturating_add(first_row), message }
            }
            other => other,
        })
    }

    /// Appends to `due` the amount due of every row of `cols`, in 128-bit
    /// cents, under the flat or guide policy, in one pass that reads the
    /// money where it lies: the amounts [`BatchEvaluator::evaluate`] gives
    /// with [`Outputs::Amounts`], every row being priced.
    ///
    /// Returns `false`, with `due` as it was, when a row needs more than the
    /// integer kernels (a revenue beyond their range, a date outside the
    /// parameters' periods, a negative amount, an unknown lead origin…), when
    /// a column the policy reads is not as long as the revenue, or for another
    /// policy: evaluate those columns as [`MissionColumns`] then, which prices
    /// such rows one by one or names the first invalid one.
    pub fn append_amounts(&self, cols: &WideColumns, due: &mut Vec<i128>) -> bool {
        let kind = self.policy.kind();
        let (Some(scale), true) = (self.scale, matches!(kind, Kind::Flat | Kind::Guide)) else {
            return false;
        };
        if !cols.lengths_fit(matches!(kind, Kind::Guide)) {
            return false;
        }
        let start = due.len();
        due.reserve(cols.revenue_cents.len());
        let flagged = match (kind, &self.guide) {
            (Kind::Flat, _) => {
                let mut k = WideFlat { nums: &self.flat, span: self.span, limit: self.limit, cols, due: &mut *due };
                let origin_bad =
                    cols.lead_origin.iter().fold(false, |acc, &o| acc | (o as usize >= LeadOrigin::ALL.len()));
                dispatch(&mut k, scale, &self.bounds).map(|flag| flag | origin_bad)
            }
            (_, Some(table)) => {
                let mut k = WideGuide { table, span: self.span, limit: self.limit, cols, due: &mut *due };
                dispatch(&mut k, scale, &self.bounds)
            }
            _ => None,
        };
        if flagged != Some(false) {
            due.truncate(start);
            return false;
        }
        true
    }

    fn run(&self, cols: &MissionColumns, out: &mut BatchOutput) -> Result<()> {
        cols.check_lengths()?;
        let n = cols.len();
        out.reserve_rows(n, self.fills_all());
        out.patterns.clone_from(&self.patterns.codes);
        out.situation_ids.clone_from(&self.situations);
        let suspicious = match self.scale {
            Some(scale) => self.kernels(scale, cols, out),
            None => None,
        };
        match suspicious {
            // Every row per row.
            None => {
                let mut scratch = self.scratch();
                for row in 0..n {
                    self.row(cols, row, &mut scratch, out)?;
                }
            }
            // Only the rows the kernels could not vouch for.
            Some(true) => {
                let mut scratch = self.scratch();
                for row in 0..n {
                    if self.suspicious(cols, row) {
                        self.row(cols, row, &mut scratch, out)?;
                    }
                }
            }
            Some(false) => {}
        }
        Ok(())
    }

    fn scratch(&self) -> MissionFacts {
        MissionFacts::new(self.provider.clone(), Money::ZERO, epoch(), LeadOrigin::Other)
    }

    /// Runs the integer kernel of the policy; `Some(true)` if some row needs the per-row path.
    fn kernels(&self, scale: u32, cols: &MissionColumns, out: &mut BatchOutput) -> Option<bool> {
        // Structure of the columns the kernel does not read.
        let origin_bad = || cols.lead_origin.iter().fold(false, |acc, &o| acc | (o as usize >= LeadOrigin::ALL.len()));
        let negotiation_bad = || {
            let chrono = self.chrono;
            cols.negotiation.is_some()
                && negotiations(cols)
                    .take(cols.len())
                    .fold(false, |acc, (s, _, v, on)| acc | NegotiationColumns::bad(s, v, on, chrono))
        };
        let BatchOutput { due_cents, status, provenance, situation, in_kind_cents, explanation, .. } = out;
        let flagged = match self.policy.kind() {
            Kind::Flat => {
                status.fill(PRICED);
                provenance.fill(COMPUTED);
                situation.fill(NO_SITUATION);
                in_kind_cents.fill(0);
                // Empty with `Outputs::Amounts`: the kernel then writes the amounts only.
                let mut k = FlatKernel {
                    nums: &self.flat,
                    span: self.span,
                    limit: self.limit,
                    cols,
                    due: due_cents,
                    pattern: explanation,
                };
                dispatch(&mut k, scale, &self.bounds)? | origin_bad()
            }
            Kind::Guide => {
                status.fill(PRICED);
                provenance.fill(COMPUTED);
                // `in_kind`, `situation` and `explanation` are empty with `Outputs::Amounts`.
                let mut k = GuideKernel {
                    table: self.guide.as_ref()?,
                    span: self.span,
                    limit: self.limit,
                    cols,
                    due: due_cents,
                    in_kind: in_kind_cents,
                    situation,
                    pattern: explanation,
                };
                dispatch(&mut k, scale, &self.bounds)?
            }
            Kind::SelfAssessed(_) => {
                in_kind_cents.fill(0);
                let mut k = SelfKernel {
                    table: self.guide.as_ref()?,
                    model: self.model,
                    patterns: &self.patterns,
                    span: self.span,
                    limit: self.limit,
                    cols,
                    out: RowOutputs { due: due_cents, status, provenance, situation, pattern: explanation },
                };
                dispatch(&mut k, scale, &self.bounds)?
            }
            Kind::Negotiated(_) => {
                in_kind_cents.fill(0);
                let mut k = NegotiatedKernel {
                    table: self.guide.as_ref(),
                    flat: &self.flat,
                    model: self.model,
                    patterns: &self.patterns,
                    span: self.span,
                    chrono: self.chrono,
                    limit: self.limit,
                    cols,
                    out: RowOutputs { due: due_cents, status, provenance, situation, pattern: explanation },
                };
                return dispatch(&mut k, scale, &self.bounds);
            }
        };
        Some(flagged | negotiation_bad())
    }

    /// Whether row `row` may be invalid or beyond the kernels (a superset of
    /// the rows where the per-mission policy fails).
    fn suspicious(&self, cols: &MissionColumns, row: usize) -> bool {
        let get = |s: &[i64]| s.get(row).copied();
        let (Some(revenue), Some(&day), Some(&origin)) =
            (get(cols.revenue_cents), cols.won_on.get(row), cols.lead_origin.get(row))
        else {
            return true;
        };
        let mut bad = revenue < 0
            || revenue > self.limit
            || usize::from(origin) >= LeadOrigin::ALL.len()
            || self.chrono.outside(day)
            || self.span.outside(day);
        if let Some(table) = &self.guide {
            let (p, s) = (cols.partners.get(row), cols.shared_resources.get(row));
            let (sw, ci) = (cols.steward_workstream.get(row), cols.client_informed.get(row));
            bad |= match (p, s, sw, ci) {
                (Some(&p), Some(&s), Some(&sw), Some(&ci)) => {
                    table.entry(Bounds(&self.bounds).seg(day), origin, p, s, sw, ci).gap
                }
                _ => true,
            };
        }
        if let Some((values, valid)) = cols.declared_cents {
            let d = values.get(row).copied().unwrap_or(-1);
            bad |= valid.get(row).copied().unwrap_or(true) && (d < 0 || d > revenue);
        }
        if let Some(donations) = cols.donations_cents {
            bad |= donations.get(row).is_none_or(|&d| d < 0);
        }
        if let Some(neg) = &cols.negotiation {
            let valid = neg.amount_valid.map(|v| v.get(row).copied().unwrap_or(false)).unwrap_or(true);
            let dated = neg.on_valid.is_none_or(|v| v.get(row).copied().unwrap_or(false));
            match (neg.status.get(row), neg.amount_cents.get(row), neg.on.get(row)) {
                (Some(&s), Some(&a), Some(&day)) => {
                    let on = if dated { day } else { i32::MIN };
                    // An agreed amount, or an open negotiation's last offer, within the revenue.
                    let amount = s == NegotiationColumns::AGREED || (s == NegotiationColumns::OPEN && valid);
                    bad |= NegotiationColumns::bad(s, valid, on, self.chrono) || (amount && (a < 0 || a > revenue));
                }
                _ => bad = true,
            }
        }
        bad
    }

    /// Evaluates row `row` with the per-mission policy into `out`.
    fn row(&self, cols: &MissionColumns, row: usize, m: &mut MissionFacts, out: &mut BatchOutput) -> Result<()> {
        cols.fill_facts(row, m)?;
        let column = |e: &Error| match e {
            Error::NegativeAmount { .. } | Error::AmountOverflow(_) => "revenue",
            Error::DeclarationOutOfRange { .. } if matches!(self.policy, BuiltinPolicy::Negotiated(_)) => {
                "negotiation_amount"
            }
            Error::DeclarationOutOfRange { .. } => "declared",
            Error::GuideGap(_) => "lead_origin",
            _ => "won_on",
        };
        let a = self.policy.evaluate(m, self.params).map_err(|e| wrap_row_error(column(&e), row, &e))?;
        let internal = |what: &str| row_error("revenue", row, format!("{what} does not fit the batch output"));
        let cents = |money: Money, what: &str| money.to_cents().ok_or_else(|| internal(what));
        let due = match a.amount {
            Some(amount) => cents(amount, "the amount due")?,
            None => 0,
        };
        let in_kind = cents(a.in_kind_credit, "the in-kind credit")?;
        let situation = match &a.situation {
            Some(id) => self
                .situations
                .iter()
                .position(|s| s.as_str() == &**id)
                .and_then(|i| u16::try_from(i).ok())
                .ok_or_else(|| internal("the situation"))?,
            None => NO_SITUATION,
        };
        let pattern = self.patterns.find(&a).ok_or_else(|| internal("the explanation"))?;
        let slot = |ok: bool| if ok { Ok(()) } else { Err(internal("the row")) };
        let details = out.has_details();
        slot(set(&mut out.due_cents, row, due))?;
        slot(set(&mut out.status, row, status_code(a.status)))?;
        if !details {
            return Ok(());
        }
        slot(set(&mut out.provenance, row, provenance_code(a.provenance)))?;
        slot(set(&mut out.situation, row, situation))?;
        slot(set(&mut out.in_kind_cents, row, in_kind))?;
        slot(set(&mut out.explanation, row, pattern))
    }
}

fn set<T>(v: &mut [T], row: usize, value: T) -> bool {
    match v.get_mut(row) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

/// Evaluates `policy` over `cols` under `params`.
///
/// Builds a [`BatchEvaluator`]; to evaluate many batches, build it once.
///
/// # Errors
/// `batch.column.invalid` for columns of different lengths;
/// `batch.row.invalid` naming the first invalid row (see the module docs).
pub fn evaluate_columns(policy: &BuiltinPolicy, params: &Parameters, cols: &MissionColumns) -> Result<BatchOutput> {
    BatchEvaluator::new(policy, params)?.evaluate(cols)
}

/// Evaluates `policy` over `cols` under `params` into `out`, reusing its
/// buffers. On error `out` is left empty.
///
/// # Errors
/// As [`evaluate_columns`].
pub fn evaluate_columns_into(
    policy: &BuiltinPolicy,
    params: &Parameters,
    cols: &MissionColumns,
    out: &mut BatchOutput,
) -> Result<()> {
    BatchEvaluator::new(policy, params)?.evaluate_into(cols, out)
}

/// The guide situation each row matches, whatever the policy, as codes into
/// [`situation_dictionary`]: [`NO_SITUATION`] where no guide is in force or
/// the lead origin is out of range. Used to break comparisons down by situation.
///
/// # Errors
/// `batch.column.invalid` for columns of different lengths.
pub fn guide_situations(params: &Parameters, cols: &MissionColumns) -> Result<Vec<u16>> {
    cols.check_lengths()?;
    let e = BatchEvaluator::new(&BuiltinPolicy::Guide, params)?;
    let mut out = Vec::with_capacity(cols.len());
    let Some(table) = e.guide.as_ref() else { return Ok(vec![NO_SITUATION; cols.len()]) };
    let rows = cols
        .won_on
        .iter()
        .zip(cols.lead_origin)
        .zip(cols.partners)
        .zip(cols.shared_resources)
        .zip(cols.steward_workstream)
        .zip(cols.client_informed);
    for (((((&day, &o), &p), &s), &sw), &ci) in rows {
        let code = if e.span.outside(day) {
            NO_SITUATION
        } else {
            let seg = Bounds(&e.bounds).seg(day);
            table.entry(seg, o, p, s, sw, ci).situation
        };
        out.push(code);
    }
    Ok(out)
}

// ---- kernels ---------------------------------------------------------------------------

// Optional columns are read as the column (or an empty slice) chained with
// the default value: one iterator type either way, no dynamic dispatch.

/// Donations in cents (zero without the column).
fn donations<'a>(cols: &MissionColumns<'a>) -> impl Iterator<Item = i64> + 'a {
    cols.donations_cents.unwrap_or(&[]).iter().copied().chain(std::iter::repeat(0))
}

/// Declarations, as (cents, declared).
fn declarations<'a>(cols: &MissionColumns<'a>) -> impl Iterator<Item = (i64, bool)> + 'a {
    let (values, valid): (&[i64], &[bool]) = cols.declared_cents.unwrap_or((&[], &[]));
    values.iter().copied().zip(valid.iter().copied()).chain(std::iter::repeat((0, false)))
}

/// Negotiations, as (status, amount, amount valid, day); a missing day is
/// `i32::MIN`, outside every date, so that the row is flagged and its error
/// comes from the per-row path.
fn negotiations<'a>(cols: &MissionColumns<'a>) -> impl Iterator<Item = (u8, i64, bool, i32)> + 'a {
    let none =
        NegotiationColumns { status: &[], amount_cents: &[], amount_valid: None, offers: &[], on: &[], on_valid: None };
    let n = cols.negotiation.unwrap_or(none);
    let dated = n.on_valid.unwrap_or(&[]).iter().copied().chain(std::iter::repeat(true));
    let on = n.on.iter().copied().zip(dated).map(|(d, ok)| if ok { d } else { i32::MIN });
    let status = n.status.iter().copied().chain(std::iter::repeat(NegotiationColumns::NOT_OPENED));
    let amount = n.amount_cents.iter().copied().chain(std::iter::repeat(0));
    let valid = n.amount_valid.unwrap_or(&[]).iter().copied().chain(std::iter::repeat(true));
    let on = on.chain(std::iter::repeat(0));
    status.zip(amount).zip(valid).zip(on).map(|(((s, a), v), d)| (s, a, v, d))
}

/// What the guide reads of one row, as the per-row kernels see it.
#[derive(Clone, Copy)]
struct RowFacts {
    revenue: i64,
    day: i32,
    origin: u8,
    partners: u32,
    shared: u32,
    steward: bool,
    informed: bool,
}

/// The rows' facts, in order.
fn row_facts<'a>(c: &MissionColumns<'a>) -> impl Iterator<Item = RowFacts> + 'a {
    let columns = c.revenue_cents.iter().zip(c.won_on).zip(c.lead_origin).zip(c.partners);
    let flags = c.shared_resources.iter().zip(c.steward_workstream).zip(c.client_informed);
    columns.zip(flags).map(|((((&revenue, &day), &origin), &partners), ((&shared, &steward), &informed))| RowFacts {
        revenue,
        day,
        origin,
        partners,
        shared,
        steward,
        informed,
    })
}

/// The output columns a per-row kernel writes (amount, status, provenance,
/// situation, explanation pattern).
struct RowOutputs<'k> {
    due: &'k mut [i64],
    status: &'k mut [u8],
    provenance: &'k mut [u8],
    situation: &'k mut [u16],
    pattern: &'k mut [u16],
}

/// One row's output slots.
struct RowSlots<'o> {
    due: &'o mut i64,
    status: &'o mut u8,
    provenance: &'o mut u8,
    situation: &'o mut u16,
    pattern: &'o mut u16,
}

impl RowOutputs<'_> {
    /// Each row's slots, in order.
    fn rows(&mut self) -> impl Iterator<Item = RowSlots<'_>> {
        let columns = self.due.iter_mut().zip(self.status.iter_mut()).zip(self.provenance.iter_mut());
        columns.zip(self.situation.iter_mut().zip(self.pattern.iter_mut())).map(
            |(((due, status), provenance), (situation, pattern))| RowSlots {
                due,
                status,
                provenance,
                situation,
                pattern,
            },
        )
    }
}

impl GuideTable {
    /// The entry of a row in segment `seg`.
    #[inline(always)]
    fn entry_of(&self, seg: usize, f: RowFacts) -> Entry {
        self.entry(seg, f.origin, f.partners, f.shared, f.steward, f.informed)
    }
}

struct FlatKernel<'k, 'c> {
    nums: &'k [i64],
    span: Span,
    limit: i64,
    cols: &'k MissionColumns<'c>,
    due: &'k mut [i64],
    pattern: &'k mut [u16],
}

/// The flat amount of a row of revenue `r` (`beyond`: outside the kernels'
/// range) won on day `d`, whether it was rounded, and whether the kernels
/// cannot vouch for the row; shared by both money widths.
#[inline(always)]
fn flat_row<const S: u32, Sel: SegSel>(
    nums: &[i64],
    span: Span,
    sel: Sel,
    r: i64,
    beyond: bool,
    d: i32,
    negative_donation: bool,
) -> (i64, bool, bool) {
    let num = nums.get(sel.seg(d)).copied().unwrap_or(0);
    let bad = beyond | span.outside(d) | negative_donation;
    let (v, rounded) = div_round::<S>(r.wrapping_mul(num));
    (v, rounded, bad)
}

impl FlatKernel<'_, '_> {
    #[inline(always)]
    fn go<const S: u32, Sel: SegSel>(&mut self, sel: Sel, donations: impl Iterator<Item = i64>) -> bool {
        let (span, limit, nums) = (self.span, self.limit as u64, self.nums);
        let mut flag = false;
        // A negative revenue is huge as u64.
        let row = |r: i64, d: i32, dn: i64| flat_row::<S, Sel>(nums, span, sel, r, r as u64 > limit, d, dn < 0);
        let rows = self.cols.revenue_cents.iter().zip(self.cols.won_on).zip(donations);
        if self.pattern.len() == self.due.len() {
            for (((&r, &d), dn), (due, pattern)) in rows.zip(self.due.iter_mut().zip(self.pattern.iter_mut())) {
                let (v, rounded, bad) = row(r, d, dn);
                flag |= bad;
                *due = v;
                *pattern = u16::from(rounded) | (u16::from(dn != 0) << 1);
            }
        } else {
            for (((&r, &d), dn), due) in rows.zip(self.due.iter_mut()) {
                let (v, _, bad) = row(r, d, dn);
                flag |= bad;
                *due = v;
            }
        }
        flag
    }
}

impl Kernel for FlatKernel<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        match self.cols.donations_cents {
            Some(d) => self.go::<S, Sel>(sel, d.iter().copied()),
            None => self.go::<S, Sel>(sel, std::iter::repeat(0)),
        }
    }
}

struct GuideKernel<'k, 'c> {
    table: &'k GuideTable,
    span: Span,
    limit: i64,
    cols: &'k MissionColumns<'c>,
    due: &'k mut [i64],
    in_kind: &'k mut [i64],
    situation: &'k mut [u16],
    pattern: &'k mut [u16],
}

impl GuideKernel<'_, '_> {
    /// The money passes over one chunk: amounts and patterns, in-kind credit
    /// and situations, then the cheap checks and the donations bit (those two
    /// vectorise); only the amounts and checks without `details`
    /// ([`Outputs::Amounts`]). Not inlined, for the reason given at
    /// [`GuideTable::cells`].
    #[inline(never)]
    fn amounts<const S: u32>(
        entries: &[Entry],
        limit: u64,
        cells: &[u32; CHUNK],
        revenue: &[i64],
        donations: Option<&[i64]>,
        due: &mut [i64],
        details: Option<Details<'_>>,
    ) -> bool {
        let mut flag = false;
        let Some(Details { in_kind, situation, pattern }) = details else {
            for ((&cell, &r), due) in cells.iter().zip(revenue).zip(due.iter_mut()) {
                let e = entries.get(cell as usize).copied().unwrap_or(GAP);
                flag |= e.gap;
                *due = div_round::<S>(r.wrapping_mul(e.num)).0;
            }
            flag |= revenue.iter().fold(false, |acc, &r| acc | (r as u64 > limit));
            return flag | donations.is_some_and(|d| d.iter().fold(false, |acc, &d| acc | (d < 0)));
        };
        for ((&cell, &r), (due, pattern)) in cells.iter().zip(revenue).zip(due.iter_mut().zip(pattern.iter_mut())) {
            let e = entries.get(cell as usize).copied().unwrap_or(GAP);
            let (v, rounded) = div_round::<S>(r.wrapping_mul(e.num));
            *due = v;
            *pattern = e.bits | (u16::from(rounded) << 1);
        }
        for ((&cell, &r), (in_kind, situation)) in cells.iter().zip(revenue).zip(in_kind.iter_mut().zip(situation)) {
            let e = entries.get(cell as usize).copied().unwrap_or(GAP);
            flag |= e.gap;
            *in_kind = div_round::<S>(r.wrapping_mul(e.in_kind)).0;
            *situation = e.situation;
        }
        // A negative revenue is huge as u64.
        flag |= revenue.iter().fold(false, |acc, &r| acc | (r as u64 > limit));
        if let Some(donations) = donations {
            for (pattern, &d) in pattern.iter_mut().zip(donations) {
                *pattern |= u16::from(d != 0) << 3;
                flag |= d < 0;
            }
        }
        flag
    }
}

/// A chunk's outputs beside the amounts.
struct Details<'a> {
    in_kind: &'a mut [i64],
    situation: &'a mut [u16],
    pattern: &'a mut [u16],
}

impl Kernel for GuideKernel<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        let (span, limit, table, c) = (self.span, self.limit as u64, self.table, self.cols);
        let entries = table.entries.as_slice();
        let rows = GuideRows {
            revenue: c.revenue_cents,
            won_on: c.won_on,
            lead_origin: c.lead_origin,
            partners: c.partners,
            shared: c.shared_resources,
            steward: c.steward_workstream,
            informed: c.client_informed,
        };
        table.by_chunk(sel, span, rows, |start, r, cells| {
            let rows = start..start + r.len();
            let dn = c.donations_cents.and_then(|d| d.get(rows.clone()));
            let Some(due) = self.due.get_mut(rows.clone()) else { return true };
            // The other outputs of these rows; empty with `Outputs::Amounts`.
            let details =
                (self.in_kind.get_mut(rows.clone()), self.situation.get_mut(rows.clone()), self.pattern.get_mut(rows));
            let details = match details {
                (Some(in_kind), Some(situation), Some(pattern)) => Some(Details { in_kind, situation, pattern }),
                _ => None,
            };
            Self::amounts::<S>(entries, limit, cells, r, dn, due, details)
        })
    }
}

/// Whether a 128-bit amount is beyond `limit` (a negative one is huge as u128).
#[inline(always)]
fn wide_beyond(cents: i128, limit: u64) -> bool {
    cents as u128 > u128::from(limit)
}

/// The flat rate over [`WideColumns`] ([`BatchEvaluator::append_amounts`]).
struct WideFlat<'k, 'c> {
    nums: &'k [i64],
    span: Span,
    limit: i64,
    cols: &'k WideColumns<'c>,
    due: &'k mut Vec<i128>,
}

impl WideFlat<'_, '_> {
    #[inline(always)]
    fn go<const S: u32, Sel: SegSel>(&mut self, sel: Sel, donations: impl Iterator<Item = i128>) -> bool {
        let (span, limit, nums) = (self.span, self.limit as u64, self.nums);
        let mut flag = false;
        let rows = self.cols.revenue_cents.iter().zip(self.cols.won_on).zip(donations);
        self.due.extend(rows.map(|((&r, &d), dn)| {
            // Below 2^63 unless flagged.
            let (v, _, bad) = flat_row::<S, Sel>(nums, span, sel, r as i64, wide_beyond(r, limit), d, dn < 0);
            flag |= bad;
            i128::from(v)
        }));
        flag
    }
}

impl Kernel for WideFlat<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        match self.cols.donations_cents {
            Some(d) => self.go::<S, Sel>(sel, d.iter().copied()),
            None => self.go::<S, Sel>(sel, std::iter::repeat(0)),
        }
    }
}

/// The guide over [`WideColumns`] ([`BatchEvaluator::append_amounts`]).
struct WideGuide<'k, 'c> {
    table: &'k GuideTable,
    span: Span,
    limit: i64,
    cols: &'k WideColumns<'c>,
    due: &'k mut Vec<i128>,
}

impl Kernel for WideGuide<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        let (span, limit, table, c) = (self.span, self.limit as u64, self.table, self.cols);
        let entries = table.entries.as_slice();
        let rows = GuideRows {
            revenue: c.revenue_cents,
            won_on: c.won_on,
            lead_origin: c.lead_origin,
            partners: c.partners,
            shared: c.shared_resources,
            steward: c.steward_workstream,
            informed: c.client_informed,
        };
        table.by_chunk(sel, span, rows, |start, r, cells| {
            let mut flag = c
                .donations_cents
                .and_then(|d| d.get(start..start + r.len()))
                .is_some_and(|d| d.iter().fold(false, |acc, &d| acc | (d < 0)));
            // Zeroed, then written, in L1: a loop over slices the compiler keeps tight.
            let base = self.due.len();
            self.due.resize(base + r.len(), 0);
            let out = self.due.get_mut(base..).unwrap_or_default();
            for ((&cell, &r), due) in cells.iter().zip(r).zip(out) {
                let e = entries.get(cell as usize).copied().unwrap_or(GAP);
                flag |= e.gap | wide_beyond(r, limit);
                *due = i128::from(div_round::<S>((r as i64).wrapping_mul(e.num)).0);
            }
            flag
        })
    }
}

struct SelfKernel<'k, 'c> {
    table: &'k GuideTable,
    model: Option<i64>,
    patterns: &'k Patterns,
    span: Span,
    limit: i64,
    cols: &'k MissionColumns<'c>,
    out: RowOutputs<'k>,
}

impl Kernel for SelfKernel<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        let (span, limit, table, c) = (self.span, self.limit as u64, self.table, self.cols);
        let mut flag = false;
        let rows = row_facts(c).zip(declarations(c).zip(donations(c)));
        for ((f, ((dv, has), dn)), out) in rows.zip(self.out.rows()) {
            let r = f.revenue;
            let e = table.entry_of(sel.seg(f.day), f);
            flag |= (r as u64 > limit) | span.outside(f.day) | e.gap;
            *out.situation = e.situation;
            let bits = if has {
                flag |= dv < 0 || dv > r;
                *out.due = dv;
                *out.status = PRICED;
                *out.provenance = DECLARED;
                SELF_DECLARED
            } else if let Some(factor) = self.model {
                let suggestion = div_round::<S>(r.wrapping_mul(e.num)).0;
                let (v, rounded) = div_round::<S>(suggestion.wrapping_mul(factor));
                *out.due = v;
                *out.status = PRICED;
                *out.provenance = MODELLED;
                SELF_MODELLED | if rounded { SELF_ROUNDED } else { 0 }
            } else {
                *out.due = 0;
                *out.status = UNDECLARED;
                *out.provenance = DECLARED;
                SELF_MISSING
            };
            flag |= dn < 0;
            *out.pattern = self.patterns.id(bits | if dn != 0 { SELF_DONATIONS } else { 0 });
        }
        flag
    }
}

struct NegotiatedKernel<'k, 'c> {
    table: Option<&'k GuideTable>,
    flat: &'k [i64],
    model: Option<i64>,
    patterns: &'k Patterns,
    span: Span,
    chrono: Span,
    limit: i64,
    cols: &'k MissionColumns<'c>,
    out: RowOutputs<'k>,
}

impl Kernel for NegotiatedKernel<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        let (span, chrono, limit, c) = (self.span, self.chrono, self.limit as u64, self.cols);
        let one: i64 = const { pow10(S) };
        let mut flag = false;
        let rows = row_facts(c).zip(negotiations(c).zip(donations(c)));
        for ((f, ((ns, amount, valid, on), dn)), out) in rows.zip(self.out.rows()) {
            let (r, d) = (f.revenue, f.day);
            flag |= (r < 0) | chrono.outside(d) | (usize::from(f.origin) >= LeadOrigin::ALL.len());
            flag |= NegotiationColumns::bad(ns, valid, on, chrono);
            let (head, unpriced) = match ns {
                NegotiationColumns::AGREED => (NEG_AGREED, PRICED),
                NegotiationColumns::OPEN if valid => (NEG_OPEN_OFFER, PENDING),
                NegotiationColumns::OPEN => (NEG_OPEN, PENDING),
                NegotiationColumns::STALEMATE => (NEG_STALEMATE, STALEMATE),
                _ => (NEG_NOT_OPENED, PENDING),
            };
            *out.situation = NO_SITUATION;
            *out.provenance = NEGOTIATED;
            let mut bits = head;
            // An agreed amount, or the last offer, within the revenue.
            flag |= (head == NEG_AGREED || head == NEG_OPEN_OFFER) && (amount < 0 || amount > r);
            if head == NEG_AGREED {
                *out.due = amount;
                *out.status = PRICED;
            } else if let (Some(w), Some(table)) = (self.model, self.table) {
                let seg = sel.seg(d);
                let e = table.entry_of(seg, f);
                flag |= (r as u64 > limit) | span.outside(d) | e.gap;
                let suggestion = div_round::<S>(r.wrapping_mul(e.num)).0;
                let (flat, flat_rounded) = div_round::<S>(r.wrapping_mul(self.flat.get(seg).copied().unwrap_or(0)));
                let exact = suggestion.wrapping_mul(one).wrapping_add(flat.wrapping_sub(suggestion).wrapping_mul(w));
                let (v, rounded) = div_round::<S>(exact);
                *out.due = v;
                *out.status = PRICED;
                *out.provenance = MODELLED;
                *out.situation = e.situation;
                bits |= NEG_MODELLED;
                if flat_rounded {
                    bits |= NEG_FLAT_ROUNDED;
                }
                if rounded {
                    bits |= NEG_MODEL_ROUNDED;
                }
            } else {
                *out.due = 0;
                *out.status = unpriced;
            }
            flag |= dn < 0;
            if dn != 0 {
                bits |= NEG_DONATIONS;
            }
            *out.pattern = self.patterns.id(bits);
        }
        flag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(guide.codes[0b0101], ["guide.default", "guide.amount", "guide.in_kind"]);
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
