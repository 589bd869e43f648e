package org.coopetition

import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.coopetition.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Assessments round trip through the core's JSON from Kotlin: every policy,
 * priced or not, with or without a behaviour model; a malformed or
 * self-contradicting document is refused with a typed code.
 */
class AssessmentJsonTest {
    private val on = d(2021, 3, 1)

    private fun missions(): List<MissionFacts> = listOf(
        Fx.facts("12345.50").copy(donations = dec("50.00")),
        Fx.facts("8000.00", LeadOrigin.NETWORK_REFERRAL).copy(partners = 2u, declared = dec("320.00")),
        Fx.facts("5000.00", LeadOrigin.OWN_NETWORK).copy(negotiation = NegotiationState.Open(2u, dec("150.00"))),
        Fx.facts("20000.00", LeadOrigin.NETWORK_ACTION).copy(negotiation = NegotiationState.Agreed(dec("700.00"), on, 3u)),
        Fx.facts("3000.00", LeadOrigin.OTHER).copy(negotiation = NegotiationState.Stalemate(on, 4u)),
    )

    private fun policies(): List<Policy> =
        listOf("flat", "guide", "self_assessed", "negotiated").flatMap {
            listOf(Policy.builtin(it), Policy.builtin(it, defaultBehaviourModel()))
        }

    @Test
    fun `every policy's assessments round trip`() {
        val all = policies().flatMap { p -> missions().map { p.evaluate(it, Lang.FR) } }
        val statuses = all.map { it.status }.toSet()
        assertTrue(statuses.containsAll(AssessmentStatus.values().toList()), "$statuses")
        assertTrue(all.any { a -> a.explanation.any { it.code == "model.applied" } })
        for (a in all) {
            val loaded = assessmentFromJson(a.json, a.policy, Lang.FR)
            assertEquals(a, loaded, a.json)
            assertEquals(a.json, loaded.json)
        }
    }

    @Test
    fun `a flat assessment keeps its exact values`() {
        val a = Policy.builtin("flat").evaluate(missions()[0], Lang.EN)
        // 5% of 12345.50 is 617.2750 exactly, rounded half away from zero to 617.28.
        assertTrue(a.json.contains(""""amount":{"amount":"617.28","currency":"EUR"}"""), a.json)
        assertTrue(a.json.contains("""[{"amount":"12345.50"},{"rate":"0.05"},{"amount":"617.2750"}]"""), a.json)
        assertAmount("617.28", assessmentFromJson(a.json, "flat", Lang.EN).amount)
    }

    @Test
    fun `a malformed or self-contradicting assessment is refused`() {
        val json = Policy.builtin("flat").evaluate(missions()[0], Lang.EN).json
        for (bad in listOf(
            json.replace(""""status":"priced"""", """"status":"priced","x":1"""),
            json.replace("""{"rate":"0.05"}""", """{"percent":"0.05"}"""),
            json.replace("""{"amount":"12345.50"}""", """{"amount":"1.2345e4"}"""),
            "[]",
        )) {
            assertTrue(bad != json || bad == "[]")
            expectCode("journal.json.malformed") { assessmentFromJson(bad, "flat", Lang.EN) }
        }
        expectCode("policy.assessment.inconsistent") {
            assessmentFromJson(json.replace(""""status":"priced"""", """"status":"pending""""), "flat", Lang.EN)
        }
        // An amount below the cent is not money at all: refused as it is read.
        expectCode("journal.json.malformed") {
            assessmentFromJson(json.replace(""""amount":"617.28"""", """"amount":"617.275""""), "flat", Lang.EN)
        }
    }
}
