//! The core's formatter (`coopetition::format`): amounts, numbers, shares,
//! counts and dates as explanations and statements write them.

use crate::convert::{rate, MoneyArg, Str};
use coopetition::format;
use coopetition::text::Lang;
use pyo3::prelude::*;
use pyo3::types::PyModule;

/// An amount in euros as a reader of `lang` expects it, exact, with at least
/// two decimals: `18 500,00 €` (fr: U+202F between digit groups, U+00A0
/// before €, U+2212 for a minus), `€18,500.00` (en). A `Decimal`, an int or
/// a numeric string; floats are refused.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(signature = (amount, lang = Lang::Fr))]
fn format_amount(amount: MoneyArg<'_>, lang: Lang) -> PyResult<String> {
    Ok(format::amount(rate("amount", &amount)?, lang))
}

/// A number with every decimal it has: `18 500,5` (fr), `18,500.5` (en).
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(signature = (value, lang = Lang::Fr))]
fn format_number(value: MoneyArg<'_>, lang: Lang) -> PyResult<String> {
    Ok(format::number(rate("value", &value)?, lang))
}

/// A share (`Decimal("0.055")`) as a percentage: `5,5 %` (fr, U+202F before
/// %), `5.5%` (en).
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(signature = (share, lang = Lang::Fr))]
fn format_percent(share: MoneyArg<'_>, lang: Lang) -> PyResult<String> {
    Ok(format::percent(rate("share", &share)?, lang))
}

/// `n` and the noun in the number `n` takes in `lang`: `1 criterion`,
/// `0 critère`, `2 critères` (French takes the singular for 0 and 1).
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(signature = (n, singular, plural, lang = Lang::Fr))]
fn format_count(n: u64, singular: Str<'_>, plural: Str<'_>, lang: Lang) -> String {
    format::count(n, lang, &singular, &plural)
}

/// A date in words: `1er décembre 2026` (fr), `1 December 2026` (en).
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(signature = (on, lang = Lang::Fr))]
fn format_date(on: chrono::NaiveDate, lang: Lang) -> String {
    format::date(on, lang)
}

/// Adds the formatter's functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(format_amount, m)?)?;
    m.add_function(wrap_pyfunction!(format_number, m)?)?;
    m.add_function(wrap_pyfunction!(format_percent, m)?)?;
    m.add_function(wrap_pyfunction!(format_count, m)?)?;
    m.add_function(wrap_pyfunction!(format_date, m)?)
}
