//! The parameters of the policies, each with its validity periods.

use super::guide::{Guide, RateRange, Situation};
use super::timeline::{Period, Timeline};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::negotiation::DeliveryUnit;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// How in-kind deliveries are valued, and how far they offset money due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InKindValuation {
    /// Value of one hour of work.
    pub per_hour: Money,
    /// Value of one event held.
    pub per_event: Money,
    /// Value of one project holder welcomed and guided.
    pub per_project_holder: Money,
    /// Share of the year's money due that in-kind value may offset (0..=1).
    #[serde(with = "rust_decimal::serde::str")]
    pub max_offset_share: Decimal,
}

impl InKindValuation {
    /// The value of one unit.
    pub fn unit_value(&self, unit: DeliveryUnit) -> Money {
        match unit {
            DeliveryUnit::Hours => self.per_hour,
            DeliveryUnit::Events => self.per_event,
            DeliveryUnit::ProjectHolders => self.per_project_holder,
        }
    }

    fn check(&self) -> Result<()> {
        for (field, m) in [
            ("per_hour", self.per_hour),
            ("per_event", self.per_event),
            ("per_project_holder", self.per_project_holder),
        ] {
            m.ensure_not_negative(field)?;
        }
        check_rate("in-kind max offset share", self.max_offset_share)
    }
}

impl Default for InKindValuation {
    /// The proposal shipped: 35 € an hour (a modest consulting day of 7 h is
    /// 245 €), 150 € per event held, 50 € per project holder welcomed, and
    /// in-kind value may offset all of the money due in the same year.
    fn default() -> InKindValuation {
        InKindValuation {
            per_hour: Money::from_cents(3500),
            per_event: Money::from_cents(15000),
            per_project_holder: Money::from_cents(5000),
            max_offset_share: Decimal::ONE,
        }
    }
}

/// Checks a rate is a fraction in 0..=1.
///
/// # Errors
/// `policy.rate.invalid`.
pub fn check_rate(what: &str, rate: Decimal) -> Result<()> {
    if rate < Decimal::ZERO || rate > Decimal::ONE {
        return Err(Error::InvalidRate { what: what.to_owned(), rate: rate.to_string() });
    }
    Ok(())
}

/// Every parameter of the policies, each a [`Timeline`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parameters {
    /// The flat rate (default 5% from 2020-01-01).
    pub flat_rate: Timeline<Decimal>,
    /// The guide of emblematic situations.
    pub guide: Timeline<Arc<Guide>>,
    /// The valuation of in-kind deliveries.
    pub in_kind: Timeline<InKindValuation>,
}

impl Parameters {
    /// The same parameters with the flat rate `rate` in every period of the
    /// flat rate (a variant of a sweep).
    ///
    /// # Errors
    /// `policy.rate.invalid` for a rate outside 0..=1.
    pub fn with_flat_rate_everywhere(&self, rate: Decimal) -> Result<Parameters> {
        check_rate("flat rate", rate)?;
        Ok(Parameters { flat_rate: self.flat_rate.try_map(|_| Ok(rate))?, ..self.clone() })
    }

    /// The same parameters with the situation `situation` at `rate` in every
    /// guide that has it (a variant of a sweep).
    ///
    /// # Errors
    /// `policy.rate.invalid` for a rate outside 0..=1;
    /// `policy.situation.unknown` when no guide has the situation (the
    /// message lists those they have).
    pub fn with_situation_rate(&self, situation: &str, rate: Decimal) -> Result<Parameters> {
        check_rate(&format!("rate of situation `{situation}`"), rate)?;
        self.with_situation(situation, |s| at_rate(s, rate))
    }

    /// The same parameters with the part of the situation `situation`
    /// recognised in kind at `rate`, in every guide that has it (a variant
    /// of a sweep).
    ///
    /// # Errors
    /// `policy.rate.invalid` for a rate outside 0..=1;
    /// `policy.situation.unknown` as [`Parameters::with_situation_rate`];
    /// `policy.guide.invalid` when the rate and the in-kind rate add up to
    /// more than 1.
    pub fn with_situation_in_kind_rate(&self, situation: &str, rate: Decimal) -> Result<Parameters> {
        check_rate(&format!("in-kind rate of situation `{situation}`"), rate)?;
        self.with_situation(situation, |s| Situation { in_kind_rate: rate, ..s.clone() })
    }

    /// The same parameters with `change` made to the situation `situation`
    /// of every guide that has it, each guide checked anew.
    fn with_situation(&self, situation: &str, change: impl Fn(&Situation) -> Situation) -> Result<Parameters> {
        let known = crate::policy::batch::situation_dictionary(self);
        if !known.iter().any(|s| s == situation) {
            return Err(Error::UnknownSituation { situation: situation.to_owned(), known: known.join(", ") });
        }
        let guide = self.guide.try_map(|g| {
            if !g.situations().iter().any(|s| s.id == situation) {
                return Ok(Arc::clone(g));
            }
            let situations =
                g.situations().iter().map(|s| if s.id == situation { change(s) } else { s.clone() }).collect();
            Guide::new(g.name.clone(), situations).map(Arc::new)
        })?;
        Ok(Parameters { guide, ..self.clone() })
    }

    /// The same parameters with every situation's rate of every guide
    /// multiplied by `factor` (a guide scaled as a whole).
    ///
    /// # Errors
    /// `policy.rate.invalid` for a negative factor, or one that takes a rate
    /// beyond 1.
    pub fn with_guide_scaled(&self, factor: Decimal) -> Result<Parameters> {
        if factor < Decimal::ZERO {
            return Err(Error::InvalidRate { what: "guide scale".into(), rate: factor.to_string() });
        }
        let guide = self.guide.try_map(|g| {
            let situations = g
                .situations()
                .iter()
                .map(|s| {
                    let too_large = || Error::InvalidRate { what: "guide scale".into(), rate: factor.to_string() };
                    let rate = s.rate.checked_mul(factor).ok_or_else(too_large)?;
                    check_rate(&format!("rate of situation `{}`", s.id), rate)?;
                    Ok(at_rate(s, rate))
                })
                .collect::<Result<Vec<_>>>()?;
            Guide::new(g.name.clone(), situations).map(Arc::new)
        })?;
        Ok(Parameters { guide, ..self.clone() })
    }
}

/// `s` at `rate`, its range (the proposal's bounds) widened to hold it.
fn at_rate(s: &Situation, rate: Decimal) -> Situation {
    let range = s.range.map(|r| RateRange { min: r.min.min(rate), max: r.max.max(rate) });
    Situation { rate, range, ..s.clone() }
}

/// The first day of the default parameters.
pub fn default_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN)
}

impl Default for Parameters {
    fn default() -> Parameters {
        Parameters::shipped().clone()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParametersFile {
    #[serde(default)]
    flat_rate: Option<Vec<Period<RateRepr>>>,
    #[serde(default)]
    guide: Option<Vec<Period<serde_json::Value>>>,
    #[serde(default)]
    in_kind: Option<Vec<Period<InKindValuation>>>,
}

#[derive(Deserialize)]
#[serde(transparent)]
struct RateRepr(#[serde(with = "rust_decimal::serde::str")] Decimal);

impl Parameters {
    /// The shipped parameters: 5% from 2020-01-01, the shipped guide, the default valuation.
    pub fn shipped() -> &'static Parameters {
        static CELL: OnceLock<Parameters> = OnceLock::new();
        CELL.get_or_init(|| Parameters {
            flat_rate: Timeline::from_date(default_start(), Decimal::new(5, 2)),
            guide: Timeline::from_date(default_start(), Guide::shipped().clone()),
            in_kind: Timeline::from_date(default_start(), InKindValuation::default()),
        })
    }

    /// Parameters with a single flat rate from 2020-01-01, the rest shipped.
    ///
    /// # Errors
    /// `policy.rate.invalid`.
    pub fn with_flat_rate(rate: Decimal) -> Result<Parameters> {
        check_rate("flat rate", rate)?;
        Ok(Parameters { flat_rate: Timeline::from_date(default_start(), rate), ..Parameters::default() })
    }

    /// Loads parameters from JSON; absent sections keep the shipped values.
    ///
    /// ```json
    /// {"flat_rate": [{"from": "2020-01-01", "until": "2023-01-01", "value": "0.05"},
    ///                {"from": "2023-01-01", "value": "0.04"}],
    ///  "guide": [{"from": "2020-01-01", "value": { …a guide… }}],
    ///  "in_kind": [{"from": "2020-01-01", "value": {"per_hour": {"amount": "35.00", "currency": "EUR"}, …}}]}
    /// ```
    ///
    /// # Errors
    /// `journal.json.malformed`; `policy.parameters.overlap` or `.gap`;
    /// `policy.rate.invalid`; any guide error.
    pub fn load(json: &str) -> Result<Parameters> {
        let malformed = |message: String| Error::MalformedJson { line: None, message };
        let value: serde_json::Value = serde_json::from_str(json).map_err(|e| malformed(e.to_string()))?;
        // serde would read a struct from an array too (`[]`: every section absent).
        if !value.is_object() {
            return Err(malformed("parameters are a JSON object".into()));
        }
        let file = ParametersFile::deserialize(&value).map_err(|e| malformed(e.to_string()))?;
        let mut params = Parameters::default();
        if let Some(periods) = file.flat_rate {
            let periods =
                periods.into_iter().map(|p| Period { from: p.from, until: p.until, value: p.value.0 }).collect();
            let t = Timeline::new("flat rate", periods)?;
            for p in t.periods() {
                check_rate("flat rate", p.value)?;
            }
            params.flat_rate = t;
        }
        if let Some(periods) = file.guide {
            let t = Timeline::new("guide", periods)?;
            params.guide = t.try_map(|v| Guide::load(&v.to_string()).map(Arc::new))?;
        }
        if let Some(periods) = file.in_kind {
            let t = Timeline::new("in-kind valuation", periods)?;
            for p in t.periods() {
                p.value.check()?;
            }
            params.in_kind = t;
        }
        Ok(params)
    }

    /// The parameters as the JSON [`Parameters::load`] reads back to equal parameters.
    pub fn to_json(&self) -> String {
        // Serialising plain data cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The flat rate in force on a date, with the start of its period.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force`.
    pub fn flat_rate_at(&self, on: NaiveDate) -> Result<(Decimal, NaiveDate)> {
        self.flat_rate.period_at("flat rate", on).map(|p| (p.value, p.from))
    }

    /// The guide in force on a date.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force`.
    pub fn guide_at(&self, on: NaiveDate) -> Result<&Arc<Guide>> {
        self.guide.at("guide", on)
    }

    /// The in-kind valuation in force on a date.
    ///
    /// # Errors
    /// `policy.parameters.not_in_force`.
    pub fn in_kind_at(&self, on: NaiveDate) -> Result<&InKindValuation> {
        self.in_kind.at("in-kind valuation", on)
    }
}
