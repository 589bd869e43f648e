//! The core's formatter (`coopetition::format`): amounts, numbers, shares,
//! counts and dates as explanations and statements write them.

use chrono::NaiveDate;
use coopetition::format;
use coopetition::text::Lang;
use rust_decimal::Decimal;

/// An amount in euros as a reader of `lang` expects it, exact, with at least
/// two decimals: `18 500,00 €` (fr: U+202F between digit groups, U+00A0
/// before €, U+2212 for a minus), `€18,500.00` (en).
#[uniffi::export]
pub fn format_amount(amount: Decimal, lang: Lang) -> String {
    format::amount(amount, lang)
}

/// A number with every decimal it has: `18 500,5` (fr), `18,500.5` (en).
#[uniffi::export]
pub fn format_number(value: Decimal, lang: Lang) -> String {
    format::number(value, lang)
}

/// A share (0.055) as a percentage: `5,5 %` (fr, U+202F before %), `5.5%` (en).
#[uniffi::export]
pub fn format_percent(share: Decimal, lang: Lang) -> String {
    format::percent(share, lang)
}

/// `n` and the noun in the number `n` takes in `lang`: `1 criterion`,
/// `0 critère`, `2 critères` (French takes the singular for 0 and 1).
#[uniffi::export]
pub fn format_count(n: u64, singular: String, plural: String, lang: Lang) -> String {
    format::count(n, lang, &singular, &plural)
}

/// A date in words: `1er décembre 2026` (fr), `1 December 2026` (en).
#[uniffi::export]
pub fn format_date(on: NaiveDate, lang: Lang) -> String {
    format::date(on, lang)
}
