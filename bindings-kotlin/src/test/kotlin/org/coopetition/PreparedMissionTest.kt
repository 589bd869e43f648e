package org.coopetition

import org.coopetition.Fx.MISSION
import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.coopetition.core.*

/**
 * The fast path: facts prepared once (`PreparedMission`), evaluated into a
 * compact `AssessmentSummary`, explained on demand (`Policy.explain`); and
 * the patched call glue under it (pooled call statuses: errors, nested calls
 * from a Kotlin policy, threads).
 */
class PreparedMissionTest {
    private val parameters = Parameters.shipped()

    private fun summary(a: Assessment) =
        AssessmentSummary(a.status, a.amount, a.inKindCredit, a.donations, a.provenance, a.situation)

    @Test
    fun `a prepared mission evaluates like its facts`() {
        val facts = Fx.facts("12345.50").copy(partners = 2u, sharedResources = 1u, clientInformed = true)
        val prepared = PreparedMission(facts)
        assertEquals(facts, prepared.facts())
        for (name in listOf("flat", "guide", "self_assessed", "negotiated")) {
            val policy = Policy.builtin(name, defaultBehaviourModel())
            val full = policy.evaluate(facts, Lang.FR, parameters)
            assertEquals(summary(full), policy.evaluatePrepared(prepared, parameters), name)
            // The explanation, rendered on demand, is the full assessment's.
            assertEquals(full, policy.explain(prepared, Lang.FR, parameters), name)
            assertEquals(policy.evaluate(facts, Lang.EN, parameters), policy.explain(prepared, Lang.EN, parameters), name)
        }
        val flat = Policy.builtin("flat").evaluatePrepared(prepared, parameters)
        assertAmount("617.28", flat.amount)
        assertEquals(AssessmentStatus.PRICED, flat.status)
        assertNull(flat.situation)
        // Other parameters, the same prepared mission.
        assertAmount("246.91", Policy.builtin("flat").evaluatePrepared(prepared, Parameters.withFlatRate(dec("0.02"))).amount)
        // Unpriced: no amount, not zero.
        val undeclared = Policy.builtin("self_assessed").evaluatePrepared(prepared, parameters)
        assertEquals(AssessmentStatus.UNDECLARED, undeclared.status)
        assertNull(undeclared.amount)
    }

    @Test
    fun `a network prepares its reported missions`() {
        val network = Fx.withWonMission()
        val prepared = network.prepareMission(MISSION)
        assertEquals(network.missionFacts(MISSION), prepared.facts())
        val policy = Policy.builtin("flat")
        assertEquals(summary(network.assess(MISSION, policy, Lang.FR)), policy.evaluatePrepared(prepared, parameters))
        assertEquals(network.assess(MISSION, policy, Lang.FR), policy.explain(prepared, Lang.FR, parameters))
        expectCode("mission.id.unknown") { network.prepareMission("nope") }
        expectCode("input.id.invalid") { network.prepareMission("not an id") }
    }

    @Test
    fun `errors come through the prepared path, and calls after them succeed`() {
        val prepared = PreparedMission(Fx.facts().copy(wonOn = d(2019, 6, 1)))
        val policy = Policy.builtin("flat")
        repeat(3) {
            val e = expectCode("policy.parameters.not_in_force") { policy.evaluatePrepared(prepared, parameters) }
            assertTrue(e is CoopetitionException.Policy)
            // The same thread's next calls start from a clean status.
            assertAmount("617.28", policy.evaluatePrepared(PreparedMission(Fx.facts("12345.50")), parameters).amount)
            noop()
        }
        expectCode("money.amount.precision") { PreparedMission(Fx.facts().copy(revenue = dec("0.00000000000000000000000000001"))) }
        expectCode("input.id.invalid") { PreparedMission(Fx.facts().copy(provider = "not an id")) }
    }

    @Test
    fun `a Kotlin policy calling back into Rust nests calls on the same thread`() {
        val kotlinPolicy = ThreePercent()
        val policy = Policy.custom(kotlinPolicy)
        val prepared = PreparedMission(Fx.facts("12345.50"))
        // Inside the call, the Kotlin policy reads the parameters (a call into Rust).
        assertAmount("370.37", policy.evaluatePrepared(prepared, parameters).amount)
        assertAmount("246.91", policy.evaluatePrepared(prepared, Parameters.withFlatRate(dec("0.02"))).amount)
        assertEquals(listOf("custom.amount", "rounding.cents"), policy.explain(prepared, Lang.EN, parameters).explanation.map { it.code })
        assertEquals(3, kotlinPolicy.calls)
        // An error inside the nested call, then a failing outer call, then a good one.
        val failing = object : ContributionPolicy {
            override fun name() = "failing"
            override fun evaluate(facts: MissionFacts, parameters: Parameters): java.math.BigDecimal {
                expectCode("policy.parameters.not_in_force") { parameters.flatRateAt(d(2019, 1, 1)) }
                throw IllegalStateException("no rate")
            }
        }
        val e = expectCode("policy.custom.failed") { Policy.custom(failing).evaluatePrepared(prepared, parameters) }
        assertTrue(e.reason.contains("no rate"), e.reason)
        assertAmount("370.37", policy.evaluatePrepared(prepared, parameters).amount)
    }

    @Test
    fun `8 threads share prepared missions and policies`() {
        val missions = (0 until 20).map { i ->
            PreparedMission(Fx.facts(revenue = "${1000 + i * 37}.${i % 100}", origin = LeadOrigin.entries[i % LeadOrigin.entries.size]))
        }
        val policies = listOf("flat", "guide").map { Policy.builtin(it) } + Policy.custom(ThreePercent())
        fun all() = policies.flatMap { p -> missions.map { m -> p.evaluatePrepared(m, parameters) } }
        val expected = all()
        val pool = Executors.newFixedThreadPool(8)
        try {
            val results = (0 until 8).map { pool.submit<List<AssessmentSummary>> { repeat(50) { all() }; all() } }
            for (r in results) assertEquals(expected, r.get(120, TimeUnit.SECONDS))
        } finally {
            pool.shutdownNow()
        }
    }
}
