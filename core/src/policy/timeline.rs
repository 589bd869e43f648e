//! Time-versioned parameters: every value has a validity period.
//!
//! A [`Timeline`] is a list of periods `[from, until)` that follow each other
//! without overlap or gap, the last one possibly open-ended. A mission is
//! evaluated with the values in force on the day it was won.

use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A value and the period in which it is in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period<T> {
    /// First day in force.
    pub from: NaiveDate,
    /// First day no longer in force; `None` for open-ended.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// The value.
    pub value: T,
}

/// Values over time, without overlap or gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Timeline<T> {
    periods: Vec<Period<T>>,
}

impl<T> Timeline<T> {
    /// A single value in force from `from`, open-ended.
    pub fn from_date(from: NaiveDate, value: T) -> Timeline<T> {
        Timeline { periods: vec![Period { from, until: None, value }] }
    }

    /// Checks and builds a timeline; `what` names it in errors.
    ///
    /// Periods are sorted by start; each must end where the next starts.
    ///
    /// # Errors
    /// `policy.parameters.overlap`, `policy.parameters.gap`, or
    /// `policy.parameters.not_in_force` for an empty list.
    pub fn new(what: &'static str, mut periods: Vec<Period<T>>) -> Result<Timeline<T>> {
        periods.sort_by_key(|p| p.from);
        let first = periods.first().ok_or(Error::ParameterNotInForce { what, on: NaiveDate::MIN })?;
        let mut previous_until = first.until;
        if first.until.is_some_and(|u| u <= first.from) {
            return Err(Error::ParameterOverlap { what, from: first.from });
        }
        for p in periods.iter().skip(1) {
            if p.until.is_some_and(|u| u <= p.from) {
                return Err(Error::ParameterOverlap { what, from: p.from });
            }
            match previous_until {
                None => return Err(Error::ParameterOverlap { what, from: p.from }),
                Some(until) if p.from < until => return Err(Error::ParameterOverlap { what, from: p.from }),
                Some(until) if p.from > until => return Err(Error::ParameterGap { what, from: until, until: p.from }),
                Some(_) => {}
            }
            previous_until = p.until;
        }
        Ok(Timeline { periods })
    }

    /// The period in force on `on`.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force` if no period covers the date.
    pub fn period_at(&self, what: &'static str, on: NaiveDate) -> Result<&Period<T>> {
        // Periods are sorted and contiguous: the last one starting on or before `on`.
        let idx = self.periods.partition_point(|p| p.from <= on);
        idx.checked_sub(1)
            .and_then(|i| self.periods.get(i))
            .filter(|p| p.until.is_none_or(|u| on < u))
            .ok_or(Error::ParameterNotInForce { what, on })
    }

    /// The value in force on `on`.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force`.
    pub fn at(&self, what: &'static str, on: NaiveDate) -> Result<&T> {
        self.period_at(what, on).map(|p| &p.value)
    }

    /// The periods, in order.
    pub fn periods(&self) -> &[Period<T>] {
        &self.periods
    }

    /// Maps each value, keeping the periods.
    pub fn try_map<U>(&self, mut f: impl FnMut(&T) -> Result<U>) -> Result<Timeline<U>> {
        let periods = self
            .periods
            .iter()
            .map(|p| Ok(Period { from: p.from, until: p.until, value: f(&p.value)? }))
            .collect::<Result<Vec<_>>>()?;
        Ok(Timeline { periods })
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Timeline<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let periods = Vec::<Period<T>>::deserialize(d)?;
        Timeline::new("parameter", periods).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p(from: NaiveDate, until: Option<NaiveDate>, value: u32) -> Period<u32> {
        Period { from, until, value }
    }

    #[test]
    fn value_in_force_on_a_date() {
        let t =
            Timeline::new("rate", vec![p(d(2022, 1, 1), None, 2), p(d(2020, 1, 1), Some(d(2022, 1, 1)), 1)]).unwrap();
        assert_eq!(*t.at("rate", d(2020, 1, 1)).unwrap(), 1);
        assert_eq!(*t.at("rate", d(2021, 12, 31)).unwrap(), 1);
        assert_eq!(*t.at("rate", d(2022, 1, 1)).unwrap(), 2);
        assert_eq!(*t.at("rate", d(2040, 1, 1)).unwrap(), 2);
        assert_eq!(t.at("rate", d(2019, 12, 31)).unwrap_err().code(), "policy.parameters.not_in_force");
    }

    #[test]
    fn overlaps_and_gaps_are_refused() {
        let overlap = Timeline::new("rate", vec![p(d(2020, 1, 1), Some(d(2022, 6, 1)), 1), p(d(2022, 1, 1), None, 2)]);
        assert_eq!(overlap.unwrap_err().code(), "policy.parameters.overlap");
        let open_then_more = Timeline::new("rate", vec![p(d(2020, 1, 1), None, 1), p(d(2022, 1, 1), None, 2)]);
        assert_eq!(open_then_more.unwrap_err().code(), "policy.parameters.overlap");
        let gap = Timeline::new("rate", vec![p(d(2020, 1, 1), Some(d(2021, 1, 1)), 1), p(d(2022, 1, 1), None, 2)]);
        let err = gap.unwrap_err();
        assert_eq!(err.code(), "policy.parameters.gap");
        assert!(err.to_string().contains("2021-01-01"));
        let empty = Timeline::<u32>::new("rate", vec![]);
        assert_eq!(empty.unwrap_err().code(), "policy.parameters.not_in_force");
        let backwards = Timeline::new("rate", vec![p(d(2020, 1, 1), Some(d(2019, 1, 1)), 1)]);
        assert_eq!(backwards.unwrap_err().code(), "policy.parameters.overlap");
    }

    #[test]
    fn a_closed_last_period_ends() {
        let t = Timeline::new("rate", vec![p(d(2020, 1, 1), Some(d(2021, 1, 1)), 1)]).unwrap();
        assert_eq!(t.at("rate", d(2021, 1, 1)).unwrap_err().code(), "policy.parameters.not_in_force");
    }
}
