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
