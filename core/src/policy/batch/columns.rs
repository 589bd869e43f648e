//! The input columns of a batch and their dates (days since 1970-01-01,
//! like Arrow `date32`): their lengths, the rows they cut, and the facts of
//! a row for the per-row path.

#[cfg(doc)]
use super::BatchEvaluator;
use crate::error::{Error, Result};
use crate::ids::ActorId;
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::money::Money;
use crate::origin::LeadOriginBasis;
use crate::policy::facts::{MissionFacts, NegotiationState};
use crate::policy::timeline::Timeline;
use chrono::{NaiveDate, TimeDelta};

// ---- dates -----------------------------------------------------------------------------

pub(super) fn epoch() -> NaiveDate {
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

pub(super) fn days64(date: NaiveDate) -> i64 {
    date.signed_duration_since(epoch()).num_days()
}

/// A half-open range of days `[lo, lo + len)`, tested with one comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    pub(super) lo: i64,
    pub(super) len: u64,
}

impl Span {
    pub(super) fn new(lo: i64, hi: i64) -> Span {
        Span { lo, len: u64::try_from(hi.saturating_sub(lo)).unwrap_or(0) }
    }

    pub(super) fn hi(self) -> i64 {
        self.lo.saturating_add(i64::try_from(self.len).unwrap_or(i64::MAX))
    }

    /// Every date chrono can represent.
    pub(super) fn chrono() -> Span {
        Span::new(days64(NaiveDate::MIN), days64(NaiveDate::MAX).saturating_add(1))
    }

    pub(super) fn of<T>(timeline: &Timeline<T>) -> Span {
        let lo = timeline.periods().first().map(|p| days64(p.from)).unwrap_or(0);
        let hi = match timeline.periods().last() {
            Some(p) => p.until.map(days64).unwrap_or(i64::MAX),
            None => 0,
        };
        Span::new(lo, hi)
    }

    pub(super) fn intersect(self, other: Span) -> Span {
        Span::new(self.lo.max(other.lo), self.hi().min(other.hi()))
    }

    #[inline(always)]
    pub(super) fn outside(self, day: impl Into<i64>) -> bool {
        // Below `lo` wraps to a huge unsigned value.
        (day.into().wrapping_sub(self.lo) as u64) >= self.len
    }

    /// The same days as a range of ticks ([`Ticks`]): the ticks whose day
    /// is in the span. The ticks `i64::MIN` and `i64::MAX` are left out (a
    /// bound beyond 64 bits is clamped to them), so a row on them is
    /// flagged, never taken on the wrong day.
    pub(super) fn in_ticks(self, per_day: i64, offset: i64) -> Span {
        let (lo, hi) = (tick_of_day(self.lo, per_day, offset), tick_of_day(self.hi(), per_day, offset));
        // Up to 2^64 - 2 ticks: counted in 128 bits.
        Span { lo, len: u64::try_from(i128::from(hi) - i128::from(lo)).unwrap_or(0) }
    }
}

/// The first tick of `day` (a tick `t` is on day `floor((t + offset) /
/// per_day)`), clamped to `i64::MIN + 1..=i64::MAX`: a tick is on `day` or
/// later if and only if it is at least this (for ticks inside that range).
pub(super) fn tick_of_day(day: i64, per_day: i64, offset: i64) -> i64 {
    let t = i128::from(day).saturating_mul(i128::from(per_day)).saturating_sub(i128::from(offset));
    i64::try_from(t.clamp(i128::from(i64::MIN) + 1, i128::from(i64::MAX))).unwrap_or(i64::MAX)
}

/// Money of [`WideColumns`]: 128-bit integers (the values of an Arrow
/// `decimal128` column, in place) or 64-bit ones (integer cents).
#[derive(Debug, Clone, Copy)]
pub enum WideMoney<'a> {
    /// 128-bit values.
    I128(&'a [i128]),
    /// 64-bit values.
    I64(&'a [i64]),
}

impl WideMoney<'_> {
    /// The number of values.
    pub fn len(&self) -> usize {
        match self {
            WideMoney::I128(v) => v.len(),
            WideMoney::I64(v) => v.len(),
        }
    }

    /// Whether there is no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Timestamps read as the day they fall on, in their zone: tick `t` is on
/// day `floor((t + offset) / per_day)` since 1970-01-01 (Arrow `date64`:
/// milliseconds, `per_day` 86,400,000; a timestamp in seconds to
/// nanoseconds, `offset` its zone's offset in the same unit).
#[derive(Debug, Clone, Copy)]
pub struct Ticks<'a> {
    /// The ticks.
    pub ticks: &'a [i64],
    /// Ticks in a day: 86,400 (seconds) to 86,400,000,000,000 (nanoseconds).
    pub per_day: i64,
    /// Added to each tick before its day is taken: the zone's offset.
    pub offset: i64,
    /// Each tick must be a midnight (`date64`): only with milliseconds
    /// (`per_day` 86,400,000) and no offset.
    pub midnight: bool,
}

/// The day of each mission in [`WideColumns`]: days since 1970-01-01, or
/// timestamps whose day is taken.
#[derive(Debug, Clone, Copy)]
pub enum WonOn<'a> {
    /// Days since 1970-01-01 (Arrow `date32`).
    Days(&'a [i32]),
    /// Timestamps (Arrow `date64` and `timestamp`), read as they are: the
    /// bounds of the parameters' periods are expressed in ticks instead.
    Ticks(Ticks<'a>),
}

impl WonOn<'_> {
    /// The number of days.
    pub fn len(&self) -> usize {
        match self {
            WonOn::Days(d) => d.len(),
            WonOn::Ticks(t) => t.ticks.len(),
        }
    }

    /// Whether there is no day.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
    /// Index into [`LeadOriginBasis::ALL`] (0 recorded, 1 declared), read
    /// by comparisons to break totals down by basis; `None`: every origin declared.
    pub lead_origin_basis: Option<&'a [u8]>,
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

/// The columns the flat and guide policies read, borrowed as Arrow lays
/// them out, for [`BatchEvaluator::append_amounts`]: the revenue as 128-bit
/// integers (`decimal128` of scale 0 to 2) or 64-bit cents, the day as
/// days or timestamps.
///
/// The fields mean what those of [`MissionColumns`] mean, and are checked
/// the same way, except that money is counted in units of
/// [`cents_per_unit`](WideColumns::cents_per_unit) cents. The guide's five columns may be empty when the policy is
/// the flat rate, which does not read them (a lead origin given is checked).
#[derive(Debug, Clone, Copy)]
pub struct WideColumns<'a> {
    /// Revenue, in units of `cents_per_unit` cents.
    pub revenue_cents: WideMoney<'a>,
    /// How many cents a unit of the money columns is: 1 (cents, a decimal
    /// of scale 2), 10 (scale 1) or 100 (whole euros, scale 0). Each amount
    /// is scaled inside the kernel, exactly, with no pass of its own; any
    /// other value makes [`BatchEvaluator::append_amounts`] decline.
    pub cents_per_unit: i64,
    /// The day the mission was won.
    pub won_on: WonOn<'a>,
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
    /// Donations, in units of `cents_per_unit` cents; `None`: no donation.
    pub donations_cents: Option<&'a [i128]>,
}

impl<'a> WideColumns<'a> {
    /// The columns of `cols` with its money replaced by 128-bit cents
    /// (its own money columns, declarations and negotiations are not read);
    /// [`WideColumns::in_units_of`] counts it in larger units.
    pub fn with_money(
        cols: &MissionColumns<'a>,
        revenue_cents: &'a [i128],
        donations_cents: Option<&'a [i128]>,
    ) -> Self {
        WideColumns {
            revenue_cents: WideMoney::I128(revenue_cents),
            cents_per_unit: 1,
            won_on: WonOn::Days(cols.won_on),
            lead_origin: cols.lead_origin,
            partners: cols.partners,
            shared_resources: cols.shared_resources,
            steward_workstream: cols.steward_workstream,
            client_informed: cols.client_informed,
            donations_cents,
        }
    }

    /// The same columns with money counted in units of `cents` cents (10
    /// for a decimal of scale 1, 100 for whole euros).
    #[must_use]
    pub fn in_units_of(self, cents: i64) -> Self {
        WideColumns { cents_per_unit: cents, ..self }
    }

    /// Whether every column the policy reads has the revenue's length.
    pub(super) fn lengths_fit(&self, guide: bool) -> bool {
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
pub(super) fn wrap_row_error(column: &str, row: usize, e: &Error) -> Error {
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
        if let Some(basis) = self.lead_origin_basis {
            columns.push(("lead_origin_basis", basis.len()));
        }
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
            lead_origin_basis: self.lead_origin_basis.map(|v| cut(v, r)),
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

    /// The index of [`LeadOriginBasis::Declared`] in [`LeadOriginBasis::ALL`]:
    /// the basis of every row of columns that give none.
    pub const DECLARED_BASIS: u8 = 1;

    /// The first row whose lead-origin basis is not an index of
    /// [`LeadOriginBasis::ALL`], as an error.
    ///
    /// # Errors
    /// `batch.row.invalid` naming that row.
    pub fn check_bases(&self) -> Result<()> {
        match self.lead_origin_basis.and_then(|b| b.iter().position(|&v| basis_at(v).is_none()).map(|r| (r, b))) {
            Some((row, b)) => Err(basis_error(row, b.get(row).copied().unwrap_or(0))),
            None => Ok(()),
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
    pub(super) fn fill_facts(&self, row: usize, m: &mut MissionFacts) -> Result<()> {
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
        m.lead_origin_basis = match self.lead_origin_basis {
            None => LeadOriginBasis::Declared,
            Some(basis) => {
                let b = *basis.get(row).ok_or_else(|| missing("lead_origin_basis"))?;
                basis_at(b).ok_or_else(|| basis_error(row, b))?
            }
        };
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
            None => NegotiationState::NotOpened {},
        };
        m.donations = match self.donations_cents {
            Some(d) => Money::from_cents(*d.get(row).ok_or_else(|| missing("donations"))?),
            None => Money::ZERO,
        };
        Ok(())
    }
}

pub(super) fn bad_day(column: &str, row: usize, day: i32) -> Error {
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
            Self::NOT_OPENED => NegotiationState::NotOpened {},
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
    pub(super) fn bad(status: u8, valid: bool, on: i32, chrono: Span) -> bool {
        status > Self::STALEMATE || (status == Self::AGREED && !valid) || (status >= Self::AGREED && chrono.outside(on))
    }
}

fn basis_at(index: u8) -> Option<LeadOriginBasis> {
    LeadOriginBasis::ALL.get(usize::from(index)).copied()
}

fn basis_error(row: usize, index: u8) -> Error {
    row_error("lead_origin_basis", row, format!("{index} is not a lead-origin basis index (0 recorded, 1 declared)"))
}
