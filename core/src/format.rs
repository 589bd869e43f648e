//! Amounts, numbers, shares, counts and dates written as a reader of each
//! language expects them: the one formatter that explanations, statements
//! and documents share, in every binding.
//!
//! French follows the usage of French typography (and Unicode's CLDR):
//! digits in groups of three separated by a narrow no-break space (U+202F),
//! a decimal comma, a no-break space (U+00A0) before `€`, a narrow no-break
//! space before `%`, and the minus sign U+2212: `18 500,00 €`,
//! `−700,00 €`, `5,5 %`. English: `€18,500.00`, `−€700.00`, `5.5%`.
//! Nothing is rounded: an amount keeps every decimal it has (at least two),
//! a share every digit of its percentage.
//!
//! ```
//! use coopetition::format::{amount, count, date, percent};
//! use coopetition::text::Lang;
//! use rust_decimal::Decimal;
//!
//! assert_eq!(amount(Decimal::new(1_850_000, 2), Lang::Fr), "18\u{202F}500,00\u{A0}€");
//! assert_eq!(amount(Decimal::new(-70_000, 2), Lang::En), "−€700.00");
//! assert_eq!(percent(Decimal::new(55, 3), Lang::Fr), "5,5\u{202F}%");
//! assert_eq!(count(1, Lang::En, "criterion", "criteria"), "1 criterion");
//! assert_eq!(count(0, Lang::Fr, "critère", "critères"), "0 critère");
//! let first = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
//! assert_eq!(date(first, Lang::Fr), "1er décembre 2026");
//! ```

use crate::money::Money;
use crate::text::Lang;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The minus sign (U+2212), not the hyphen.
pub const MINUS: char = '\u{2212}';
/// French digit groups: a narrow no-break space (U+202F).
pub const FR_GROUP: char = '\u{202F}';
/// French space before `€`: a no-break space (U+00A0).
pub const FR_BEFORE_EURO: char = '\u{A0}';
/// French space before `%`: a narrow no-break space (U+202F).
pub const FR_BEFORE_PERCENT: char = '\u{202F}';

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The integer part's digits in groups of three, then the decimal separator
/// and the fraction's digits when there are any.
fn digits(unsigned: &str, lang: Lang) -> String {
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let (group, point) = match lang {
        Lang::Fr => (FR_GROUP, ','),
        Lang::En => (',', '.'),
    };
    // A group separator takes up to 3 bytes (U+202F).
    let mut out = String::with_capacity(unsigned.len() + whole.len() / 3 * 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// `value` as its sign (the minus sign, never before zero) and its digits.
fn signed(value: Decimal) -> (&'static str, String) {
    let sign = if value.is_sign_negative() && !value.is_zero() { "\u{2212}" } else { "" };
    (sign, value.abs().to_string())
}

/// A number with every decimal it has: `18 500,5` (fr), `18,500.5` (en).
pub fn number(value: Decimal, lang: Lang) -> String {
    let (sign, unsigned) = signed(value.normalize());
    format!("{sign}{}", digits(&unsigned, lang))
}

/// An amount in euros, exact, with at least two decimals: `18 500,00 €`,
/// `−700,00 €` (fr); `€18,500.00`, `−€700.00` (en). An amount of more
/// decimals (before rounding to the cent) keeps those that are not
/// trailing zeros: `€925.125`, and `€925.00` for 925.0000.
pub fn amount(value: Decimal, lang: Lang) -> String {
    let mut value = value.normalize();
    if value.scale() < 2 {
        value.rescale(2);
    }
    let (sign, unsigned) = signed(value);
    let shown = digits(&unsigned, lang);
    match lang {
        Lang::Fr => format!("{sign}{shown}{FR_BEFORE_EURO}€"),
        Lang::En => format!("{sign}€{shown}"),
    }
}

/// [`amount`] of a [`Money`].
pub fn money(value: Money, lang: Lang) -> String {
    amount(value.amount(), lang)
}

/// A share (0.055 for 5.5 %) as a percentage with every digit it has:
/// `5,5 %` (fr), `5.5%` (en). A share too large to multiply by 100 is
/// written as the share itself rather than a wrong percentage.
pub fn percent(share: Decimal, lang: Lang) -> String {
    let Some(pct) = share.checked_mul(Decimal::ONE_HUNDRED) else {
        return number(share, lang);
    };
    let shown = number(pct, lang);
    match lang {
        Lang::Fr => format!("{shown}{FR_BEFORE_PERCENT}%"),
        Lang::En => format!("{shown}%"),
    }
}

/// Whether `n` of a thing takes the singular: 1 in English; 0 and 1 in
/// French ("0 critère", "1 critère", "2 critères").
pub fn is_singular(n: u64, lang: Lang) -> bool {
    match lang {
        Lang::Fr => n <= 1,
        Lang::En => n == 1,
    }
}

/// `n` and the noun in the number `n` takes: `count(1, En, "criterion",
/// "criteria")` is `1 criterion`; digits grouped as in [`number`].
pub fn count(n: u64, lang: Lang, singular: &str, plural: &str) -> String {
    let noun = if is_singular(n, lang) { singular } else { plural };
    format!("{} {noun}", digits(&n.to_string(), lang))
}

/// A date in words: `1er décembre 2026`, `6 décembre 2026` (fr);
/// `1 December 2026` (en).
pub fn date(on: NaiveDate, lang: Lang) -> String {
    let months = match lang {
        Lang::Fr => &MONTHS_FR,
        Lang::En => &MONTHS_EN,
    };
    let month = months.get(on.month0() as usize).copied().unwrap_or_default();
    match (lang, on.day()) {
        (Lang::Fr, 1) => format!("1er {month} {}", on.year()),
        (_, day) => format!("{day} {month} {}", on.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn amounts_in_each_language() {
        let nb = '\u{A0}';
        let g = '\u{202F}';
        for (value, fr, en) in [
            ("18500", format!("18{g}500,00{nb}€"), "€18,500.00".to_owned()),
            ("-700", format!("−700,00{nb}€"), "−€700.00".to_owned()),
            ("0", format!("0,00{nb}€"), "€0.00".to_owned()),
            ("-0.00", format!("0,00{nb}€"), "€0.00".to_owned()),
            ("999.5", format!("999,50{nb}€"), "€999.50".to_owned()),
            ("1000", format!("1{g}000,00{nb}€"), "€1,000.00".to_owned()),
            ("925.125", format!("925,125{nb}€"), "€925.125".to_owned()),
            ("925.0000", format!("925,00{nb}€"), "€925.00".to_owned()),
            ("370.3650", format!("370,365{nb}€"), "€370.365".to_owned()),
            ("1234567.89", format!("1{g}234{g}567,89{nb}€"), "€1,234,567.89".to_owned()),
            (
                "-92233720368547758.07",
                format!("−92{g}233{g}720{g}368{g}547{g}758,07{nb}€"),
                "−€92,233,720,368,547,758.07".to_owned(),
            ),
        ] {
            assert_eq!(amount(d(value), Lang::Fr), fr, "{value}");
            assert_eq!(amount(d(value), Lang::En), en, "{value}");
        }
    }

    #[test]
    fn shares_counts_and_dates() {
        let g = '\u{202F}';
        assert_eq!(percent(d("0.05"), Lang::Fr), format!("5{g}%"));
        assert_eq!(percent(d("0.0125"), Lang::En), "1.25%");
        assert_eq!(percent(d("0.05000"), Lang::En), "5%");
        assert_eq!(percent(d("12.5"), Lang::Fr), format!("1{g}250{g}%"));
        assert_eq!(percent(Decimal::MAX, Lang::En), "79,228,162,514,264,337,593,543,950,335");
        assert_eq!(number(d("-1234.50"), Lang::Fr), format!("−1{g}234,5"));
        assert_eq!(count(0, Lang::En, "offer", "offers"), "0 offers");
        assert_eq!(count(0, Lang::Fr, "offre", "offres"), "0 offre");
        assert_eq!(count(1, Lang::Fr, "critère", "critères"), "1 critère");
        assert_eq!(count(2, Lang::Fr, "critère", "critères"), "2 critères");
        assert_eq!(count(12_000, Lang::En, "mission", "missions"), "12,000 missions");
        assert_eq!(count(12_000, Lang::Fr, "mission", "missions"), format!("12{g}000 missions"));
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date(on(2020, 1, 1), Lang::Fr), "1er janvier 2020");
        assert_eq!(date(on(2020, 1, 1), Lang::En), "1 January 2020");
        assert_eq!(date(on(2019, 12, 10), Lang::Fr), "10 décembre 2019");
        assert_eq!(date(on(2024, 8, 31), Lang::Fr), "31 août 2024");
        assert_eq!(date(on(2024, 2, 29), Lang::En), "29 February 2024");
    }
}
