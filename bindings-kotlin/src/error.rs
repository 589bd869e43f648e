//! The one error type of the binding: a Kotlin exception hierarchy by family.
//!
//! Every core error keeps its stable code (`mission.transition.invalid`…) and
//! its message. The variant is the code's family (its first segment), so a
//! Kotlin app can catch `CoopetitionException.Mission` or match on `code`.
//! Values that Kotlin hands over and that cannot be lifted (a `BigDecimal`
//! beyond the decimal range, an impossible date, an invalid id) become the
//! same typed errors, never a panic or an `InternalException`.

use coopetition::Error as CoreError;

/// An error of the coopetition API. In Kotlin: `CoopetitionException`, with
/// one subclass per family, each carrying the stable `code` and the `reason`
/// (the core's message, lowercase, user input in backticks).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum CoopetitionError {
    /// Bad input: identifiers, empty texts, unparsable numbers or dates, unknown labels (`input.*`).
    #[error("{reason}")]
    Input {
        /// The stable code, e.g. `input.id.invalid`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Amounts of money (`money.*`).
    #[error("{reason}")]
    Money {
        /// The stable code, e.g. `money.amount.negative`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Dates in the wrong order (`date.*`).
    #[error("{reason}")]
    Date {
        /// The stable code, e.g. `date.order.invalid`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Actors (`actor.*`).
    #[error("{reason}")]
    Actor {
        /// The stable code, e.g. `actor.id.unknown`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Founding the network (`network.*`).
    #[error("{reason}")]
    Network {
        /// The stable code, e.g. `network.founding.invalid`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Authorisation: a steward or the owner is required (`auth.*`).
    #[error("{reason}")]
    Auth {
        /// The stable code, e.g. `auth.steward.required`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Membership contracts (`contract.*`).
    #[error("{reason}")]
    Contract {
        /// The stable code, e.g. `contract.transition.invalid`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Catalogue and charter data (`catalogue.*`).
    #[error("{reason}")]
    Catalogue {
        /// The stable code, `catalogue.invalid`.
        code: String,
        /// The message.
        reason: String,
    },
    /// The cooperation charter (`charter.*`).
    #[error("{reason}")]
    Charter {
        /// The stable code, e.g. `charter.signature.duplicate`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Acting as a member without a live contract (`membership.*`).
    #[error("{reason}")]
    Membership {
        /// The stable code, `membership.required`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Missions (`mission.*`).
    #[error("{reason}")]
    Mission {
        /// The stable code, e.g. `mission.transition.invalid`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Contribution policies and their parameters (`policy.*`).
    #[error("{reason}")]
    Policy {
        /// The stable code, e.g. `policy.custom.failed`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Columnar batches (`batch.*`).
    #[error("{reason}")]
    Batch {
        /// The stable code, e.g. `batch.row.invalid`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Negotiations of contributions (`negotiation.*`).
    #[error("{reason}")]
    Negotiation {
        /// The stable code, e.g. `negotiation.state.invalid`.
        code: String,
        /// The message.
        reason: String,
    },
    /// The ledger: payments, donations, in-kind deliveries (`ledger.*`).
    #[error("{reason}")]
    Ledger {
        /// The stable code, e.g. `ledger.delivery.not_chosen`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Follow-up of the charter's engagements: deadlines, attendance, shared resources (`compliance.*`).
    #[error("{reason}")]
    Compliance {
        /// The stable code, e.g. `compliance.obligation.not_open`.
        code: String,
        /// The message.
        reason: String,
    },
    /// A member's standing: hearings and decisions (`standing.*`).
    #[error("{reason}")]
    Standing {
        /// The stable code, e.g. `standing.hearing.required`.
        code: String,
        /// The message.
        reason: String,
    },
    /// Journals and snapshots (`journal.*`).
    #[error("{reason}")]
    Journal {
        /// The stable code, e.g. `journal.json.malformed`.
        code: String,
        /// The message.
        reason: String,
    },
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
    /// An error of the family of `code`.
    pub fn with_code(code: &str, reason: String) -> CoopetitionError {
        let code_owned = code.to_owned();
        let family = code.split('.').next().unwrap_or(code);
        match family {
            "input" => CoopetitionError::Input { code: code_owned, reason },
            "money" => CoopetitionError::Money { code: code_owned, reason },
            "date" => CoopetitionError::Date { code: code_owned, reason },
            "actor" => CoopetitionError::Actor { code: code_owned, reason },
            "network" => CoopetitionError::Network { code: code_owned, reason },
            "auth" => CoopetitionError::Auth { code: code_owned, reason },
            "contract" => CoopetitionError::Contract { code: code_owned, reason },
            "catalogue" => CoopetitionError::Catalogue { code: code_owned, reason },
            "charter" => CoopetitionError::Charter { code: code_owned, reason },
            "membership" => CoopetitionError::Membership { code: code_owned, reason },
            "mission" => CoopetitionError::Mission { code: code_owned, reason },
            "policy" => CoopetitionError::Policy { code: code_owned, reason },
            "batch" => CoopetitionError::Batch { code: code_owned, reason },
            "negotiation" => CoopetitionError::Negotiation { code: code_owned, reason },
            "ledger" => CoopetitionError::Ledger { code: code_owned, reason },
            "compliance" => CoopetitionError::Compliance { code: code_owned, reason },
            "standing" => CoopetitionError::Standing { code: code_owned, reason },
            "journal" => CoopetitionError::Journal { code: code_owned, reason },
            _ => CoopetitionError::Other { code: code_owned, reason },
        }
    }

    /// The stable code.
    pub fn code(&self) -> &str {
        self.parts().0
    }

    /// The message.
    pub fn reason(&self) -> &str {
        self.parts().1
    }

    fn parts(&self) -> (&str, &str) {
        match self {
            CoopetitionError::Input { code, reason }
            | CoopetitionError::Money { code, reason }
            | CoopetitionError::Date { code, reason }
            | CoopetitionError::Actor { code, reason }
            | CoopetitionError::Network { code, reason }
            | CoopetitionError::Auth { code, reason }
            | CoopetitionError::Contract { code, reason }
            | CoopetitionError::Catalogue { code, reason }
            | CoopetitionError::Charter { code, reason }
            | CoopetitionError::Membership { code, reason }
            | CoopetitionError::Mission { code, reason }
            | CoopetitionError::Policy { code, reason }
            | CoopetitionError::Batch { code, reason }
            | CoopetitionError::Negotiation { code, reason }
            | CoopetitionError::Ledger { code, reason }
            | CoopetitionError::Compliance { code, reason }
            | CoopetitionError::Standing { code, reason }
            | CoopetitionError::Journal { code, reason }
            | CoopetitionError::Other { code, reason } => (code, reason),
        }
    }
}

impl From<CoreError> for CoopetitionError {
    fn from(e: CoreError) -> CoopetitionError {
        CoopetitionError::with_code(e.code(), e.to_string())
    }
}

/// A Kotlin exception that is not a `CoopetitionException`, thrown by a
/// Kotlin-implemented policy. The policy adapter turns it into the core's
/// `policy.custom.failed`, naming the policy and the mission.
impl From<uniffi::UnexpectedUniFFICallbackError> for CoopetitionError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> CoopetitionError {
        CoopetitionError::with_code("policy.custom.failed", e.reason)
    }
}

/// Shorthand for results of the binding.
pub type Result<T, E = CoopetitionError> = std::result::Result<T, E>;

/// The error a failed lift of a value from Kotlin carries. uniffi downcasts it
/// to [`CoopetitionError`] because every exported fallible function returns
/// that type, so Kotlin receives a typed exception.
pub(crate) fn lift_error(e: CoreError) -> uniffi::deps::anyhow::Error {
    uniffi::deps::anyhow::Error::new(CoopetitionError::from(e))
}

/// Every stable error code the core can return, for documentation and tests.
#[uniffi::export]
pub fn error_codes() -> Vec<String> {
    CoreError::CODES.iter().map(|c| (*c).to_owned()).collect()
}

/// The family of a code: its first segment (`mission` for `mission.id.unknown`).
#[uniffi::export]
pub fn error_family(code: String) -> String {
    code.split('.').next().unwrap_or_default().to_owned()
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

    #[test]
    fn core_errors_keep_code_and_message() {
        let e = CoopetitionError::from(CoreError::UnknownMission("m-9".into()));
        assert!(matches!(e, CoopetitionError::Mission { .. }));
        assert_eq!(e.code(), "mission.id.unknown");
        assert_eq!(e.reason(), "unknown mission `m-9`");
        assert_eq!(e.to_string(), "unknown mission `m-9`");
    }
}
