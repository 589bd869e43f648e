//! Bilingual text and the language selector.

use crate::labels::labelled_enum;
use serde::{Deserialize, Serialize};

labelled_enum!(
    /// A language the network's texts and explanations are written in.
    Lang, "language", {
        /// French, the network's own language.
        Fr => "fr",
        /// English.
        En => "en",
    }
);

/// A text in French and in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(
    feature = "python",
    pyo3_stub_gen::derive::gen_stub_pyclass,
    pyo3::pyclass(module = "coopetition", frozen, eq, get_all)
)]
pub struct Text {
    /// The French text.
    pub fr: String,
    /// The English text.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }

    /// Whether either language is blank.
    pub fn is_blank(&self) -> bool {
        self.fr.trim().is_empty() || self.en.trim().is_empty()
    }
}

/// The format characters (Unicode general category Cf, Unicode 15.1): they
/// print nothing or reorder what follows, so a name or reason made of them
/// looks blank or says something else on screen. Sorted inclusive ranges.
const FORMAT_CHARACTERS: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),   // soft hyphen
    ('\u{0600}', '\u{0605}'),   // Arabic number signs
    ('\u{061C}', '\u{061C}'),   // Arabic letter mark
    ('\u{06DD}', '\u{06DD}'),   // Arabic end of ayah
    ('\u{070F}', '\u{070F}'),   // Syriac abbreviation mark
    ('\u{0890}', '\u{0891}'),   // Arabic pound and piastre marks above
    ('\u{08E2}', '\u{08E2}'),   // Arabic disputed end of ayah
    ('\u{180E}', '\u{180E}'),   // Mongolian vowel separator
    ('\u{200B}', '\u{200F}'),   // zero-width space, joiners, LRM, RLM
    ('\u{202A}', '\u{202E}'),   // bidirectional embeddings and overrides
    ('\u{2060}', '\u{2064}'),   // word joiner, invisible operators
    ('\u{2066}', '\u{206F}'),   // bidirectional isolates, deprecated formats
    ('\u{FEFF}', '\u{FEFF}'),   // byte order mark, zero-width no-break space
    ('\u{FFF9}', '\u{FFFB}'),   // interlinear annotations
    ('\u{110BD}', '\u{110BD}'), // Kaithi number sign
    ('\u{110CD}', '\u{110CD}'), // Kaithi number sign above
    ('\u{13430}', '\u{1343F}'), // Egyptian hieroglyph format controls
    ('\u{1BCA0}', '\u{1BCA3}'), // shorthand format controls
    ('\u{1D173}', '\u{1D17A}'), // musical symbol format controls
    ('\u{E0001}', '\u{E0001}'), // language tag
    ('\u{E0020}', '\u{E007F}'), // tag characters
];

/// Whether `c` is a control (category Cc) or format (category Cf) character.
pub fn is_control_or_format(c: char) -> bool {
    c.is_control()
        || FORMAT_CHARACTERS
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

/// The rule for text given as input (display names, reasons, notes, titles,
/// names of clients and resources…): not empty once white space is trimmed,
/// and free of control and format characters, which would let a name look
/// blank or read differently from what it holds.
///
/// # Errors
/// `input.text.empty` for blank text, `input.text.invalid` naming the first
/// control or format character (as `U+200B`).
///
/// ```
/// use coopetition::text::check_text;
/// assert!(check_text("Zoé 🌱", "display_name").is_ok());
/// assert_eq!(check_text("  ", "reason").unwrap_err().code(), "input.text.empty");
/// assert_eq!(check_text("a\u{200B}", "reason").unwrap_err().code(), "input.text.invalid");
/// ```
pub fn check_text(text: &str, field: &'static str) -> crate::error::Result<()> {
    if let Some(c) = text.chars().find(|&c| is_control_or_format(c)) {
        return Err(crate::error::Error::InvalidText { field, code_point: format!("U+{:04X}", u32::from(c)) });
    }
    if text.trim().is_empty() {
        return Err(crate::error::Error::EmptyText { field });
    }
    Ok(())
}

/// Checks that a text is visible (the rule of [`crate::text::check_text`]),
/// for the commands' checks and the follow-up's.
pub(crate) fn non_empty(text: &str, field: &'static str) -> crate::error::Result<()> {
    check_text(text, field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_table_is_sorted_and_disjoint() {
        for pair in FORMAT_CHARACTERS.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:?}");
        }
    }

    #[test]
    fn control_and_format_characters_are_refused() {
        for (text, point) in [
            ("\u{0}", "U+0000"),
            ("a\tb", "U+0009"),
            ("\u{200B}", "U+200B"),
            ("x\u{202E}y", "U+202E"),
            ("\u{FEFF}name", "U+FEFF"),
            ("soft\u{AD}hyphen", "U+00AD"),
            ("\u{E0041}", "U+E0041"),
            ("\u{7F}", "U+007F"),
            ("\u{85}", "U+0085"),
        ] {
            let err = check_text(text, "reason").unwrap_err();
            assert_eq!(err.code(), "input.text.invalid", "{text:?}");
            assert!(err.to_string().contains(point), "{err}");
        }
        for blank in ["", "   ", "\u{3000}", "\u{A0}"] {
            assert_eq!(check_text(blank, "reason").unwrap_err().code(), "input.text.empty", "{blank:?}");
        }
        // Neighbours of the ranges are ordinary characters.
        for ok in ["Zoé", "🌱 café", "\u{AC}", "\u{2010}", "\u{2065}", "\u{FEFE}", "\u{E0000}x", "\u{E0080}", "مرحبا"]
        {
            assert!(check_text(ok, "display_name").is_ok(), "{ok:?}");
        }
    }
}
