package org.coopetition

import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.coopetition.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The comparison summary of policies over many missions. */
class ComparisonTest {
    private fun mission(provider: String, revenue: String, origin: LeadOrigin) =
        missionFacts(provider, dec(revenue), d(2021, 3, 1), origin)

    @Test
    fun `built-in and Kotlin policies side by side`() {
        val missions = listOf(mission("ana", "1000.00", LeadOrigin.NETWORK_EVENT), mission("ben", "2000.00", LeadOrigin.NETWORK_REFERRAL))
        val policies = listOf("flat", "guide", "negotiated").map { Policy.builtin(it) } + Policy.custom(ThreePercent())
        val c = comparePolicies(missions, policies)
        assertEquals(2uL, c.missions)
        assertAmount("3000.00", c.revenue, "revenue")
        assertEquals(listOf("flat", "guide", "negotiated", "three_percent"), c.policies.map { it.policy })
        val (flat, guide, negotiated, kotlin) = c.policies
        assertAmount("150.00", flat.totalDue, "flat")            // 5% of 3 000 €
        assertAmount("200.00", guide.totalDue, "guide")          // 4% of 1 000 € + 8% of 2 000 €
        assertAmount("90.00", kotlin.totalDue, "three_percent")  // 3% of 3 000 €
        assertEquals(listOf("ana", "ben"), guide.byProvider.map { it.key })
        assertAmount("160.00", guide.byProvider[1].due, "ben under the guide")
        assertEquals(0.0, flat.effectiveRate!!.gini, 1e-12)
        assertEquals(2uL, flat.provenance.computed)
        // Negotiated without agreements: pending, counted apart, never zero.
        assertEquals(0uL, negotiated.priced)
        assertEquals(2uL, negotiated.unpriced.pending)
        assertEquals(2uL, negotiated.unpriced.total())
        assertAmount("3000.00", negotiated.unpricedRevenue, "unpriced revenue")
        assertNull(negotiated.effectiveRate)
        val table = c.toTable(Lang.FR)
        assertTrue(table.contains("three_percent") && table.contains("chiffrées"), table)
    }

    @Test
    fun `variants of the parameters, as a sweep makes them`() {
        val missions = listOf(mission("ana", "1000.00", LeadOrigin.NETWORK_EVENT), mission("ben", "2000.00", LeadOrigin.NETWORK_REFERRAL))
        val shipped = Parameters.shipped()
        val guide = listOf(Policy.builtin("guide"))
        // The referral's situation at 10 % instead of 8 %: 4% of 1 000 € + 10% of 2 000 € = 240.
        val raised = comparePolicies(missions, guide, shipped.withSituationRate("network_referral", dec("0.10")))
        assertAmount("240.00", raised.policies[0].totalDue, "network_referral at 10 %")
        // The whole guide × 1.5: 6% of 1 000 € + 12% of 2 000 € = 300.
        val scaled = comparePolicies(missions, guide, shipped.withGuideScaled(dec("1.5")))
        assertAmount("300.00", scaled.policies[0].totalDue, "guide × 1.5")
        // A flat rate of 6 % in every period: 180.
        val flat = comparePolicies(missions, listOf(Policy.builtin("flat")), shipped.withFlatRateEverywhere(dec("0.06")))
        assertAmount("180.00", flat.policies[0].totalDue, "flat 6 %")
        // The shipped parameters are left as they were.
        assertEquals(dec("0.05"), shipped.flatRateAt(d(2021, 3, 1)))
    }

    @Test
    fun `over the won missions of a network`() {
        val network = Fx.withWonMission()
        val facts = network.wonMissionFacts()
        assertEquals(listOf(Fx.MISSION), facts.map { it.mission })
        val c = comparePolicies(facts, listOf(Policy.builtin("flat"), Policy.builtin("self_assessed", defaultBehaviourModel())))
        assertAmount("600.00", c.policies[0].totalDue)
        assertEquals(1uL, c.policies[1].provenance.modelled)
        expectCode("money.amount.negative") { comparePolicies(listOf(Fx.facts("-1")), listOf(Policy.builtin("flat"))) }
    }
}
