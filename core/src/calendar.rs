//! The calendar rules every module shares: a date that must not precede
//! another, and days added to a date without leaving the calendar.

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate, TimeDelta};

/// Checks that `later_date` (of `later`) does not precede `earlier_date` (of `earlier`).
pub(crate) fn not_before(
    later_date: NaiveDate,
    earlier_date: NaiveDate,
    earlier: &'static str,
    later: &'static str,
) -> Result<()> {
    if later_date < earlier_date {
        Err(Error::DateOrder { earlier, earlier_date, later, later_date })
    } else {
        Ok(())
    }
}

/// Adds `days` to a date, saturating at the calendar's ends (rules read from
/// a snapshot may hold any number of days: the sum is checked, never assumed).
pub(crate) fn plus_days(on: NaiveDate, days: i64) -> NaiveDate {
    let end = if days < 0 { NaiveDate::MIN } else { NaiveDate::MAX };
    TimeDelta::try_days(days).and_then(|d| on.checked_add_signed(d)).unwrap_or(end)
}

/// Whether `on` falls in the calendar year `year`: how ledgers, the referral
/// report and the benefits statement count a fact in the year of its own date.
pub(crate) fn in_year(on: NaiveDate, year: i32) -> bool {
    on.year() == year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sum_of_days_saturates_at_the_calendars_ends() {
        let on = NaiveDate::from_ymd_opt(2021, 3, 20).unwrap();
        assert_eq!(plus_days(on, 11), NaiveDate::from_ymd_opt(2021, 3, 31).unwrap());
        assert_eq!(plus_days(on, i64::MAX), NaiveDate::MAX);
        assert_eq!(plus_days(on, i64::MIN), NaiveDate::MIN);
        assert_eq!(plus_days(on, 106_751_991_167_300), NaiveDate::MAX);
    }
}
