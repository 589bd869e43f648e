//! The error Kotlin receives, generated from the table of error families
//! ([`crate::error_families!`]): one variant per family, named as the family,
//! each carrying the stable code and the message of an [`Error`].
//!
//! Declared here, beside the conversions of `uniffi_types`, because uniffi
//! hands a failed conversion of a Kotlin argument to Kotlin as a typed
//! exception only when the conversion's error is the called function's own
//! error type: every fallible function of the Kotlin binding returns this one.

use crate::error::Error;

macro_rules! coopetition_error {
    ($($family:ident = $name:literal, $python:literal, $doc:literal;)*) => {
        /// An error of the coopetition API. In Kotlin: `CoopetitionException`, with
        /// one subclass per family, each carrying the stable `code` and the `reason`
        /// (the core's message, lowercase, user input in backticks).
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
        pub enum CoopetitionError {
            $(
                #[doc = $doc]
                #[error("{reason}")]
                $family {
                    /// The stable code, e.g. `mission.id.unknown`.
                    code: String,
                    /// The message.
                    reason: String,
                },
            )*
            /// A code of a family this version of the binding does not know.
            #[error("{reason}")]
            Other {
                /// The stable code.
                code: String,
                /// The message.
                reason: String,
            },
        }

        impl CoopetitionError {
            /// The Kotlin subclasses of `CoopetitionException` but `Other`, in the
            /// order of the table.
            pub const FAMILY_VARIANTS: &'static [&'static str] = &[$(stringify!($family)),*];

            /// An error of the family of `code`.
            pub fn with_code(code: &str, reason: String) -> CoopetitionError {
                let code_owned = code.to_owned();
                match crate::error::family_of(code) {
                    $($name => CoopetitionError::$family { code: code_owned, reason },)*
                    _ => CoopetitionError::Other { code: code_owned, reason },
                }
            }

            fn parts(&self) -> (&str, &str) {
                match self {
                    $(CoopetitionError::$family { code, reason } => (code, reason),)*
                    CoopetitionError::Other { code, reason } => (code, reason),
                }
            }
        }
    };
}

crate::error_families!(coopetition_error);

impl CoopetitionError {
    /// The stable code.
    pub fn code(&self) -> &str {
        self.parts().0
    }

    /// The message.
    pub fn reason(&self) -> &str {
        self.parts().1
    }
}

impl From<Error> for CoopetitionError {
    fn from(e: Error) -> CoopetitionError {
        CoopetitionError::with_code(e.code(), e.to_string())
    }
}
