// Generated from the core's table of error families (coopetition::error_families!) by the
// test error::tests::errors_kt_is_generated_from_the_table of bindings-kotlin; do not edit:
// COOPETITION_WRITE_GENERATED=1 cargo test -p coopetition-kotlin errors_kt rewrites it.
package org.coopetition

import org.coopetition.core.CoopetitionException

/**
 * The stable machine code of any coopetition error (`mission.transition.invalid`…),
 * whatever its family subclass: apps match on it and translate messages with it.
 */
val CoopetitionException.code: String
    get() = when (this) {
        is CoopetitionException.Input -> code
        is CoopetitionException.Money -> code
        is CoopetitionException.Date -> code
        is CoopetitionException.Actor -> code
        is CoopetitionException.Network -> code
        is CoopetitionException.Auth -> code
        is CoopetitionException.Contract -> code
        is CoopetitionException.Catalogue -> code
        is CoopetitionException.Charter -> code
        is CoopetitionException.Membership -> code
        is CoopetitionException.Mission -> code
        is CoopetitionException.Lead -> code
        is CoopetitionException.Call -> code
        is CoopetitionException.Event -> code
        is CoopetitionException.Policy -> code
        is CoopetitionException.Batch -> code
        is CoopetitionException.Negotiation -> code
        is CoopetitionException.Ledger -> code
        is CoopetitionException.Compliance -> code
        is CoopetitionException.Standing -> code
        is CoopetitionException.Journal -> code
        is CoopetitionException.Store -> code
        is CoopetitionException.Other -> code
    }

/** The message of any coopetition error: lowercase, user input in backticks. */
val CoopetitionException.reason: String
    get() = when (this) {
        is CoopetitionException.Input -> reason
        is CoopetitionException.Money -> reason
        is CoopetitionException.Date -> reason
        is CoopetitionException.Actor -> reason
        is CoopetitionException.Network -> reason
        is CoopetitionException.Auth -> reason
        is CoopetitionException.Contract -> reason
        is CoopetitionException.Catalogue -> reason
        is CoopetitionException.Charter -> reason
        is CoopetitionException.Membership -> reason
        is CoopetitionException.Mission -> reason
        is CoopetitionException.Lead -> reason
        is CoopetitionException.Call -> reason
        is CoopetitionException.Event -> reason
        is CoopetitionException.Policy -> reason
        is CoopetitionException.Batch -> reason
        is CoopetitionException.Negotiation -> reason
        is CoopetitionException.Ledger -> reason
        is CoopetitionException.Compliance -> reason
        is CoopetitionException.Standing -> reason
        is CoopetitionException.Journal -> reason
        is CoopetitionException.Store -> reason
        is CoopetitionException.Other -> reason
    }

/** The family of the error: the first segment of its code (`mission`, `journal`…). */
val CoopetitionException.family: String
    get() = code.substringBefore('.')
