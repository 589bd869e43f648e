//! The fiscal year: the twelve months (or, once, fewer or more) the ledger,
//! its accounting export and the annual statement cover.
//!
//! A network's fiscal year starts on 1 January until a steward sets another
//! first day with [`crate::network::Action::SetFiscalYear`]. Any day that
//! exists every year can start it (29 February cannot).
//!
//! # Which days a fiscal year covers
//! Fiscal year `Y` is named after the calendar year it **starts** in: it runs
//! from its first day in `Y` to the day before the first day of fiscal year
//! `Y + 1`. Under a start of 1 July, fiscal year 2021 runs from 1 July 2021 to
//! 30 June 2022; under 1 January it is the calendar year.
//!
//! # Changing the first day
//! A change never moves a day already past from one fiscal year to another:
//! it takes effect from the **next** fiscal year. The fiscal year in force on
//! the command's date keeps its first day and ends the day before the new
//! first day in the following calendar year: it is longer or shorter than
//! twelve months, once. A change that would end the fiscal year in force
//! before the command's date is refused (`date.order.invalid`); the steward
//! sets it once the next fiscal year has begun. A later change before the
//! next fiscal year begins replaces an earlier one.
//!
//! ```
//! use coopetition::fiscal_year::{FiscalYearChange, FiscalYearStart, fiscal_year};
//! # fn main() -> coopetition::Result<()> {
//! let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // Set during 2021 (a calendar year), 1 July applies from fiscal year 2022:
//! let changes = [FiscalYearChange { from_year: 2022, start: FiscalYearStart::new(7, 1)? }];
//! let y2021 = fiscal_year(&changes, 2021)?;
//! assert_eq!((y2021.first_day, y2021.last_day), (day(2021, 1, 1), day(2022, 6, 30)));
//! let y2022 = fiscal_year(&changes, 2022)?;
//! assert_eq!((y2022.first_day, y2022.last_day), (day(2022, 7, 1), day(2023, 6, 30)));
//! # Ok(()) }
//! ```

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The first day of a fiscal year: a month and a day that exist every year
/// (checked by [`FiscalYearStart::new`], by the command that sets it and by
/// the snapshot checks, so that every language meets the same error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FiscalYearStart {
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to its last day (28 for February).
    pub day: u32,
}

/// The days of each month in a year that is not a leap year.
const MONTH_DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

impl FiscalYearStart {
    /// 1 January: the calendar year, every network's fiscal year until a
    /// steward sets another.
    pub const JANUARY_1: FiscalYearStart = FiscalYearStart { month: 1, day: 1 };

    /// The start on `day` of `month`.
    ///
    /// # Errors
    /// `input.parse.invalid` for a month outside 1 to 12 or a day the month
    /// does not have every year (29 February included).
    pub fn new(month: u32, day: u32) -> Result<FiscalYearStart> {
        let start = FiscalYearStart { month, day };
        start.check()?;
        Ok(start)
    }

    /// Checks the month and day exist every year.
    ///
    /// # Errors
    /// As [`FiscalYearStart::new`].
    pub fn check(&self) -> Result<()> {
        let last = usize::try_from(self.month).ok().and_then(|m| m.checked_sub(1)).and_then(|m| MONTH_DAYS.get(m));
        match last {
            Some(&last) if (1..=last).contains(&self.day) => Ok(()),
            _ => Err(Error::Parse {
                value: format!("month {} day {}", self.month, self.day),
                expected: "a month (1 to 12) and a day it has every year (29 February is not one)",
            }),
        }
    }

    /// This start's day in the calendar year `year`.
    ///
    /// # Errors
    /// `input.parse.invalid` for a start that does not exist every year, or a
    /// year outside the calendar's range.
    pub fn in_year(&self, year: i32) -> Result<NaiveDate> {
        self.check()?;
        NaiveDate::from_ymd_opt(year, self.month, self.day).ok_or_else(|| not_a_year(year))
    }
}

impl Default for FiscalYearStart {
    fn default() -> FiscalYearStart {
        FiscalYearStart::JANUARY_1
    }
}

impl std::fmt::Display for FiscalYearStart {
    /// `--MM-DD`, the ISO 8601 form of a day in every year.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "--{:02}-{:02}", self.month, self.day)
    }
}

/// A first day set by a steward, in force from a fiscal year on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FiscalYearChange {
    /// The first fiscal year that starts on [`FiscalYearChange::start`].
    pub from_year: i32,
    /// Its first day, and that of every later fiscal year up to the next change.
    pub start: FiscalYearStart,
}

/// One fiscal year and the days it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct FiscalYear {
    /// Its name: the calendar year it starts in.
    pub year: i32,
    /// Its first day.
    pub first_day: NaiveDate,
    /// Its last day.
    pub last_day: NaiveDate,
}

impl FiscalYear {
    /// Whether `on` falls in this fiscal year.
    pub fn contains(&self, on: NaiveDate) -> bool {
        (self.first_day..=self.last_day).contains(&on)
    }

    /// Whether it is the calendar year.
    pub fn is_calendar_year(&self) -> bool {
        self.first_day.ordinal() == 1 && self.last_day.year() == self.year
    }
}

/// The error for a year at the calendar's ends.
fn not_a_year(year: i32) -> Error {
    Error::Parse { value: year.to_string(), expected: "a calendar year" }
}

/// The first day in force for fiscal year `year`: that of the last change
/// from that year or before, else 1 January.
fn start_for(changes: &[FiscalYearChange], year: i32) -> FiscalYearStart {
    changes.iter().rev().find(|c| c.from_year <= year).map_or(FiscalYearStart::JANUARY_1, |c| c.start)
}

fn first_day(changes: &[FiscalYearChange], year: i32) -> Result<NaiveDate> {
    start_for(changes, year).in_year(year)
}

/// Fiscal year `year` under `changes` (sorted by year, as a network keeps them).
///
/// # Errors
/// `input.parse.invalid` for a year at the calendar's ends.
pub fn fiscal_year(changes: &[FiscalYearChange], year: i32) -> Result<FiscalYear> {
    let next = year.checked_add(1).ok_or_else(|| not_a_year(year))?;
    let last_day = first_day(changes, next)?.pred_opt().ok_or_else(|| not_a_year(year))?;
    Ok(FiscalYear { year, first_day: first_day(changes, year)?, last_day })
}

/// The fiscal year `on` falls in.
///
/// # Errors
/// As [`fiscal_year`].
pub fn fiscal_year_containing(changes: &[FiscalYearChange], on: NaiveDate) -> Result<FiscalYear> {
    // Fiscal year Y starts in calendar year Y, so `on` is in Y or Y - 1.
    let year = on.year();
    if on < first_day(changes, year)? {
        fiscal_year(changes, year - 1)
    } else {
        fiscal_year(changes, year)
    }
}

/// The change a steward's command on `on` makes: `start` from the fiscal year
/// after the one in force on `on`.
///
/// # Errors
/// `input.parse.invalid` for a start that does not exist every year;
/// `date.order.invalid` when the fiscal year in force would end before `on`.
pub fn change_on(changes: &[FiscalYearChange], on: NaiveDate, start: FiscalYearStart) -> Result<FiscalYearChange> {
    start.check()?;
    let current = fiscal_year_containing(changes, on)?;
    let change = FiscalYearChange { from_year: current.year + 1, start };
    let new_last_day = fiscal_year(&with_change(changes, change), current.year)?.last_day;
    crate::calendar::not_before(
        new_last_day,
        on,
        "the fiscal year change",
        "the new last day of the fiscal year in force",
    )?;
    Ok(change)
}

/// `changes` with `change`, which replaces any change from the same year or
/// later (a change takes effect only from the next fiscal year, so those are
/// pending ones).
pub fn with_change(changes: &[FiscalYearChange], change: FiscalYearChange) -> Vec<FiscalYearChange> {
    let mut out: Vec<FiscalYearChange> = changes.iter().copied().filter(|c| c.from_year < change.from_year).collect();
    out.push(change);
    out
}

/// Checks changes read from a snapshot: valid starts, years strictly increasing.
///
/// # Errors
/// `input.parse.invalid` for a start that does not exist every year;
/// `journal.snapshot.inconsistent` for years out of order.
pub fn check_changes(changes: &[FiscalYearChange]) -> Result<()> {
    for c in changes {
        c.start.check()?;
    }
    if changes.windows(2).any(|w| w[0].from_year >= w[1].from_year) {
        return Err(Error::SnapshotInconsistent {
            rule: "fiscal year changes are in strictly increasing years",
            id: changes.iter().map(|c| c.from_year.to_string()).collect::<Vec<_>>().join(", "),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn start(m: u32, d: u32) -> FiscalYearStart {
        FiscalYearStart::new(m, d).unwrap()
    }

    #[test]
    fn a_start_exists_every_year() {
        for (m, d) in [(0, 1), (13, 1), (1, 0), (1, 32), (2, 29), (4, 31), (u32::MAX, u32::MAX)] {
            assert_eq!(FiscalYearStart::new(m, d).unwrap_err().code(), "input.parse.invalid", "{m}-{d}");
        }
        assert_eq!(start(2, 28).to_string(), "--02-28");
        assert_eq!(start(12, 31).in_year(2024).unwrap(), day(2024, 12, 31));
    }

    #[test]
    fn without_a_change_the_fiscal_year_is_the_calendar_year() {
        let y = fiscal_year(&[], 2021).unwrap();
        assert_eq!((y.first_day, y.last_day), (day(2021, 1, 1), day(2021, 12, 31)));
        assert!(y.is_calendar_year());
        assert_eq!(fiscal_year_containing(&[], day(2021, 12, 31)).unwrap().year, 2021);
        assert_eq!(fiscal_year(&[], i32::MAX).unwrap_err().code(), "input.parse.invalid");
    }

    #[test]
    fn a_change_lengthens_or_shortens_the_year_in_force_once() {
        // Set on 2021-03-15 (calendar years): 1 July from fiscal year 2022,
        // so fiscal year 2021 runs eighteen months.
        let c = change_on(&[], day(2021, 3, 15), start(7, 1)).unwrap();
        assert_eq!(c, FiscalYearChange { from_year: 2022, start: start(7, 1) });
        let changes = with_change(&[], c);
        assert_eq!(fiscal_year(&changes, 2021).unwrap().last_day, day(2022, 6, 30));
        assert!(!fiscal_year(&changes, 2022).unwrap().is_calendar_year());
        assert_eq!(fiscal_year_containing(&changes, day(2022, 6, 30)).unwrap().year, 2021);
        assert_eq!(fiscal_year_containing(&changes, day(2022, 7, 1)).unwrap().year, 2022);
        assert_eq!(fiscal_year_containing(&changes, day(2023, 6, 30)).unwrap().year, 2022);
        // Back to 1 January, set on 2022-09-01 (in fiscal year 2022, from
        // 2022-07-01): fiscal year 2022 ends on 2022-12-31, six months.
        let back = change_on(&changes, day(2022, 9, 1), start(1, 1)).unwrap();
        let changes = with_change(&changes, back);
        let y2022 = fiscal_year(&changes, 2022).unwrap();
        assert_eq!((y2022.first_day, y2022.last_day), (day(2022, 7, 1), day(2022, 12, 31)));
        assert!(fiscal_year(&changes, 2023).unwrap().is_calendar_year());
        check_changes(&changes).unwrap();
    }

    #[test]
    fn a_change_never_moves_a_past_day_to_another_year() {
        // Under 1 July, on 2023-05-01 (fiscal year 2022, from 2022-07-01),
        // 1 January would end fiscal year 2022 on 2022-12-31: past, refused.
        let changes = [FiscalYearChange { from_year: 2022, start: start(7, 1) }];
        let err = change_on(&changes, day(2023, 5, 1), start(1, 1)).unwrap_err();
        assert_eq!(err.code(), "date.order.invalid", "{err}");
        // 1 June ends it on 2023-05-31: still ahead.
        assert_eq!(change_on(&changes, day(2023, 5, 1), start(6, 1)).unwrap().from_year, 2023);
        // A pending change is replaced by a later one.
        let pending = with_change(&changes, FiscalYearChange { from_year: 2023, start: start(6, 1) });
        let again = with_change(&pending, FiscalYearChange { from_year: 2023, start: start(9, 1) });
        assert_eq!(again, [changes[0], FiscalYearChange { from_year: 2023, start: start(9, 1) }]);
    }

    #[test]
    fn changes_out_of_order_are_refused() {
        let a = FiscalYearChange { from_year: 2022, start: start(7, 1) };
        assert_eq!(check_changes(&[a, a]).unwrap_err().code(), "journal.snapshot.inconsistent");
    }
}
