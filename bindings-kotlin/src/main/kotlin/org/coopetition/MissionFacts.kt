package org.coopetition

import org.coopetition.core.*

/**
 * The facts of a won mission with no partner, no shared resource, no flag, no
 * declaration, no negotiation and no donation, built as Python builds them:
 * `MissionFacts(provider, revenue, wonOn, leadOrigin)`, the rest set with `copy(…)`.
 * A uniffi record has no constructor of its own with defaults for its other
 * fields, so this factory (the core's `MissionFacts::new`) stands in for one.
 */
@Throws(CoopetitionException::class)
fun MissionFacts(provider: ActorId, revenue: Decimal, wonOn: NaiveDate, leadOrigin: LeadOrigin): MissionFacts =
    missionFacts(provider, revenue, wonOn, leadOrigin)
