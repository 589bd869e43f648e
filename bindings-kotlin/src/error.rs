//! The one error type of the binding, [`CoopetitionError`]: a Kotlin exception
//! hierarchy by family, declared in the core (under its `uniffi` feature)
//! from its table of error families, so Kotlin's `CoopetitionException` is in
//! `org.coopetition.core`.
//!
//! Every core error keeps its stable code (`mission.transition.invalid`…) and
//! its message. The variant is the code's family (its first segment), so a
//! Kotlin app can catch `CoopetitionException.Mission` or match on `code`.
//! Values that Kotlin hands over and that cannot be lifted (a `BigDecimal`
//! beyond the decimal range, an impossible date, an invalid id) become the
//! same typed errors, never a panic or an `InternalException`, because every
//! fallible function returns this type.

pub use coopetition::CoopetitionError;
use coopetition::Error as CoreError;

/// Shorthand for results of the binding.
pub type Result<T, E = CoopetitionError> = std::result::Result<T, E>;

/// `journal.json.malformed`, for JSON the binding reads or writes with serde.
pub(crate) fn malformed(e: &serde_json::Error) -> CoopetitionError {
    CoreError::MalformedJson { line: None, message: e.to_string() }.into()
}

/// Every stable error code the core can return, for documentation and tests.
#[uniffi::export]
pub fn error_codes() -> Vec<String> {
    CoreError::CODES.iter().map(|c| (*c).to_owned()).collect()
}

/// The family of a code: its first segment (`mission` for `mission.id.unknown`).
#[uniffi::export]
pub fn error_family(code: String) -> String {
    coopetition::error::family_of(&code).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_has_a_family_variant() {
        for code in CoreError::CODES {
            let e = CoopetitionError::with_code(code, "x".into());
            assert!(!matches!(e, CoopetitionError::Other { .. }), "{code} falls into Other");
            assert_eq!(e.code(), *code);
        }
    }

    /// `Errors.kt`, the Kotlin accessors common to every family's exception,
    /// as the table of families gives it.
    fn errors_kt() -> String {
        let when = |property: &str| {
            let arms: String = CoopetitionError::FAMILY_VARIANTS
                .iter()
                .chain(["Other"].iter())
                .map(|class| format!("        is CoopetitionException.{class} -> {property}\n"))
                .collect();
            format!("    get() = when (this) {{\n{arms}    }}\n")
        };
        format!(
            "// Generated from the core's table of error families (coopetition::error_families!) by the\n\
             // test error::tests::errors_kt_is_generated_from_the_table of bindings-kotlin; do not edit:\n\
             // COOPETITION_WRITE_GENERATED=1 cargo test -p coopetition-kotlin errors_kt rewrites it.\n\
             package org.coopetition\n\
             \n\
             import org.coopetition.core.CoopetitionException\n\
             \n\
             /**\n \
             * The stable machine code of any coopetition error (`mission.transition.invalid`…),\n \
             * whatever its family subclass: apps match on it and translate messages with it.\n \
             */\n\
             val CoopetitionException.code: String\n{}\n\
             /** The message of any coopetition error: lowercase, user input in backticks. */\n\
             val CoopetitionException.reason: String\n{}\n\
             /** The family of the error: the first segment of its code (`mission`, `journal`…). */\n\
             val CoopetitionException.family: String\n    \
             get() = code.substringBefore('.')\n",
            when("code"),
            when("reason"),
        )
    }

    #[test]
    fn errors_kt_is_generated_from_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/main/kotlin/org/coopetition/Errors.kt");
        let expected = errors_kt();
        if std::env::var_os("COOPETITION_WRITE_GENERATED").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let found = std::fs::read_to_string(path).unwrap();
        assert!(
            found == expected,
            "Errors.kt is stale: COOPETITION_WRITE_GENERATED=1 cargo test -p coopetition-kotlin errors_kt rewrites it"
        );
    }

    #[test]
    fn every_family_has_a_kotlin_class_named_after_it() {
        let classes: Vec<String> =
            CoreError::FAMILIES.iter().map(|f| f.name[..1].to_uppercase() + &f.name[1..]).collect();
        assert_eq!(classes, CoopetitionError::FAMILY_VARIANTS);
    }

    #[test]
    fn core_errors_keep_code_and_message() {
        let e = CoopetitionError::from(CoreError::UnknownMission("m-9".into()));
        assert!(matches!(e, CoopetitionError::Mission { .. }));
        assert_eq!(e.code(), "mission.id.unknown");
        assert_eq!(e.reason(), "unknown mission `m-9`");
        assert_eq!(e.to_string(), "unknown mission `m-9`");
    }
}
