package org.coopetition

import org.coopetition.Fx.MISSION
import org.coopetition.Fx.PAUL
import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.math.BigDecimal
import java.math.RoundingMode
import org.coopetition.core.*

/**
 * A contribution policy written in Kotlin: 3% of the revenue, with the flat
 * rate in force as a ceiling. It plugs in wherever a built-in policy does.
 */
class ThreePercent : ContributionPolicy {
    var calls = 0

    override fun name() = "three_percent"

    override fun evaluate(facts: MissionFacts, parameters: Parameters): BigDecimal {
        calls++
        val rate = minOf(BigDecimal("0.03"), parameters.flatRateAt(facts.wonOn))
        return facts.revenue.multiply(rate)
    }
}

class CustomPolicyTest {
    @Test
    fun `a Kotlin policy evaluates a mission like a built-in one`() {
        val kotlinPolicy = ThreePercent()
        val policy = Policy.custom(kotlinPolicy)
        assertEquals("three_percent", policy.name())
        val a = policy.evaluate(Fx.facts("12345.50"), Lang.FR)
        // 3% × 12 345.50 = 370.365 → 370.37, rounded once by the core, half away from zero.
        assertAmount("370.37", a.amount)
        assertEquals("three_percent", a.policy)
        assertEquals(AssessmentStatus.PRICED, a.status)
        assertEquals(Provenance.COMPUTED, a.provenance)
        assertEquals(listOf("custom.amount", "rounding.cents"), a.explanation.map { it.code })
        assertEquals("La politique « three_percent » donne 370,365\u00A0€.", a.explanation[0].sentence)
        assertEquals(1, kotlinPolicy.calls)
        // Its parameters are the ones passed in: a flat rate of 2% caps it.
        val low = policy.evaluate(Fx.facts("1000"), Lang.EN, Parameters.withFlatRate(dec("0.02")))
        assertAmount("20.00", low.amount)
    }

    @Test
    fun `it plugs into combinators, batches, assessments and the ledger`() {
        val policy = Policy.custom(ThreePercent())
        assertAmount("100", Policy.cap(policy, dec("100")).evaluate(Fx.facts("12345.50"), Lang.EN).amount)
        assertAmount("500", Policy.floor(policy, dec("500")).evaluate(Fx.facts("12345.50"), Lang.EN).amount)
        val results = Policy.yearlyCap(policy, dec("500")).evaluateAll(listOf(Fx.facts("10000"), Fx.facts("10000")), Lang.EN)
        assertEquals(listOf("300.00", "200.00"), results.map { it.assessment!!.amount!!.setScale(2).toPlainString() })
        val network = Fx.withWonMission()
        assertAmount("360.00", network.assess(MISSION, policy, Lang.EN).amount)
        val ledger = network.ledger(PAUL, 2021, policy)
        assertAmount("360.00", ledger.due)
        assertEquals("three_percent", ledger.policy)
    }

    @Test
    fun `an exception inside becomes policy custom failed, naming policy and mission`() {
        val broken = object : ContributionPolicy {
            override fun name() = "broken"
            override fun evaluate(facts: MissionFacts, parameters: Parameters): BigDecimal =
                throw IllegalStateException("spreadsheet not found")
        }
        val network = Fx.withWonMission()
        val e = expectCode("policy.custom.failed") { network.assess(MISSION, Policy.custom(broken), Lang.EN) }
        assertTrue(e is CoopetitionException.Policy)
        assertTrue(e.reason.contains("`broken`") && e.reason.contains("`$MISSION`") && e.reason.contains("spreadsheet not found"), e.reason)
        // Without a mission id, the mission is named by its provider and date.
        val anonymous = expectCode("policy.custom.failed") { Policy.custom(broken).evaluate(Fx.facts(), Lang.EN) }
        assertTrue(anonymous.reason.contains("paul won on 2021-03-01"), anonymous.reason)
        // In a batch the failure is per mission.
        val results = Policy.custom(broken).evaluateAll(listOf(Fx.facts()), Lang.EN)
        assertNull(results.single().assessment)
        assertEquals("policy.custom.failed", results.single().errorCode)
    }

    @Test
    fun `a CoopetitionException or a bad amount from Kotlin is reported the same way`() {
        val refusing = object : ContributionPolicy {
            override fun name() = "refusing"
            override fun evaluate(facts: MissionFacts, parameters: Parameters): BigDecimal =
                throw CoopetitionException.Policy("policy.custom.refused", "no rule for ${facts.leadOrigin.label()}")
        }
        val e = expectCode("policy.custom.failed") { Policy.custom(refusing).evaluate(Fx.facts(), Lang.EN) }
        assertTrue(e.reason.contains("no rule for network_event"), e.reason)
        val negative = object : ContributionPolicy {
            override fun name() = "negative"
            override fun evaluate(facts: MissionFacts, parameters: Parameters): BigDecimal = BigDecimal("-1")
        }
        val refused = expectCode("policy.custom.failed") { Policy.custom(negative).evaluate(Fx.facts(), Lang.EN) }
        // The core's rule, the same code and message as a Python policy returning -1.
        assertEquals("policy `negative` failed on mission `paul won on 2021-03-01`: negative amount `-1` for `amount`", refused.reason)
        // A BigDecimal the core cannot hold, returned by Kotlin: refused, not a crash.
        val tooPrecise = object : ContributionPolicy {
            override fun name() = "too_precise"
            override fun evaluate(facts: MissionFacts, parameters: Parameters): BigDecimal =
                BigDecimal.ONE.divide(BigDecimal(3), 40, RoundingMode.HALF_UP)
        }
        expectCode("policy.custom.failed") { Policy.custom(tooPrecise).evaluate(Fx.facts(), Lang.EN) }
        // A name that throws fails when the policy is wrapped.
        val nameless = object : ContributionPolicy {
            override fun name(): String = throw UnsupportedOperationException("anonymous")
            override fun evaluate(facts: MissionFacts, parameters: Parameters): BigDecimal = BigDecimal.ZERO
        }
        expectCode("policy.custom.failed") { Policy.custom(nameless) }
    }

    @Test
    fun `the Kotlin policy can read the network it is assessed for without deadlock`() {
        val network = Fx.withWonMission()
        val reentrant = object : ContributionPolicy {
            override fun name() = "reentrant"
            override fun evaluate(facts: MissionFacts, parameters: Parameters): BigDecimal {
                // Reading the same network from inside the policy: the ledger and
                // assessments run without holding the network's lock.
                val title = network.mission(facts.mission!!).title
                return if (title.isNotEmpty()) BigDecimal("42") else BigDecimal.ZERO
            }
        }
        assertAmount("42", network.assess(MISSION, Policy.custom(reentrant), Lang.EN).amount)
        assertAmount("42", network.ledger(PAUL, 2021, Policy.custom(reentrant)).due)
        assertEquals(d(2021, 3, 20), network.missionFacts(MISSION).wonOn)
    }
}
