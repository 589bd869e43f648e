//! The day of a timestamp: taken in the column's time zone (UTC when it has
//! none), by the core's rule ([`batch_input::day_from_ticks`]).

use arrow_array::timezone::Tz;
use arrow_schema::TimeUnit;
use chrono::{DateTime, FixedOffset, Offset, TimeZone};
use coopetition::policy::batch_input;
use coopetition::Error;
use std::str::FromStr;

/// Seconds in a day.
const SECONDS_PER_DAY: i64 = 86_400;

/// Ticks of `unit` per second.
pub(crate) fn per_second(unit: TimeUnit) -> i64 {
    match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    }
}

/// The offset of a time zone that has one for ever, in seconds east of UTC:
/// `Some(0)` for none or UTC, the offset of `+02:00`; `None` for a named zone
/// (its offset changes with the date).
pub(crate) fn fixed_offset(tz: Option<&str>) -> Option<i64> {
    let Some(tz) = tz else { return Some(0) };
    if matches!(tz, "UTC" | "utc" | "Z" | "z" | "Etc/UTC" | "Etc/GMT" | "GMT" | "Etc/Universal" | "Universal") {
        return Some(0);
    }
    FixedOffset::from_str(tz).ok().map(|o| i64::from(o.local_minus_utc()))
}

/// The days of timestamps in a zone: a fixed offset, or a named zone.
#[derive(Debug)]
pub(crate) enum Zone {
    /// Seconds east of UTC.
    Fixed(i64),
    /// A zone of the tz database.
    Named(Tz),
}

impl Zone {
    /// The zone of column `column`'s timestamps.
    ///
    /// # Errors
    /// `batch.column.invalid` for a zone that is neither an offset nor a name
    /// of the tz database, with the fix.
    pub(crate) fn of(column: &str, tz: Option<&str>) -> Result<Zone, Error> {
        if let Some(offset) = fixed_offset(tz) {
            return Ok(Zone::Fixed(offset));
        }
        let name = tz.unwrap_or_default();
        Tz::from_str(name).map(Zone::Named).map_err(|_| Error::BatchColumn {
            column: column.to_owned(),
            message: format!(
                "has timestamps in the time zone {name:?}, which is neither an offset (+02:00) nor a name of the \
                     tz database (Europe/Paris): convert the column to dates first (pandas `.dt.date`, polars \
                     `.dt.date()`, pyarrow `pc.cast(column, pa.date32())`)"
            ),
        })
    }

    /// The day (since 1970-01-01) on which `ticks` of `unit` fall in this zone.
    ///
    /// # Errors
    /// `input.parse.invalid` for a day beyond 32-bit days.
    pub(crate) fn day(&self, ticks: i64, unit: TimeUnit) -> Result<i32, Error> {
        let per_second = per_second(unit);
        let per_day = per_second * SECONDS_PER_DAY;
        let offset = match self {
            Zone::Fixed(offset) => *offset,
            Zone::Named(tz) => {
                let seconds = ticks.div_euclid(per_second);
                let utc = DateTime::from_timestamp(seconds, 0).ok_or_else(|| out_of_range(ticks))?;
                i64::from(tz.offset_from_utc_datetime(&utc.naive_utc()).fix().local_minus_utc())
            }
        };
        let shifted =
            offset.checked_mul(per_second).and_then(|o| ticks.checked_add(o)).ok_or_else(|| out_of_range(ticks))?;
        batch_input::day_from_ticks(shifted, per_day)
    }
}

fn out_of_range(ticks: i64) -> Error {
    Error::Parse { value: ticks.to_string(), expected: "a timestamp within the dates chrono can hold" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_gives_the_day_of_its_zone() {
        let paris = Zone::of("won_on", Some("Europe/Paris")).unwrap();
        // 2021-02-28 23:30 UTC is 2021-03-01 00:30 in Paris (UTC+1 in winter).
        let ticks = (18_686 * 86_400 + 23 * 3_600 + 1_800) * 1_000;
        assert_eq!(Zone::Fixed(0).day(ticks, TimeUnit::Millisecond).unwrap(), 18_686);
        assert_eq!(paris.day(ticks, TimeUnit::Millisecond).unwrap(), 18_687);
        assert_eq!(Zone::of("won_on", Some("+01:00")).unwrap().day(ticks, TimeUnit::Millisecond).unwrap(), 18_687);
        assert_eq!(Zone::of("won_on", Some("-05:00")).unwrap().day(ticks, TimeUnit::Millisecond).unwrap(), 18_686);
        // Before 1970, the day counts backwards: one second before is day -1.
        assert_eq!(Zone::Fixed(0).day(-1, TimeUnit::Second).unwrap(), -1);
        assert_eq!(Zone::of("won_on", Some("Mars/Olympus")).unwrap_err().code(), "batch.column.invalid");
        assert_eq!(Zone::Fixed(0).day(i64::MAX, TimeUnit::Second).unwrap_err().code(), "input.parse.invalid");
    }
}
