package org.coopetition

import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.coopetition.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Sweeps of many variants of the parameters, and solving a setting for a target, as data. */
class SweepTest {
    /** 10 000.00 € from a network event, 2 000.00 € from a referral, 500.50 € from elsewhere. */
    private val missions = listOf(
        missionFacts("paul", dec("10000.00"), d(2021, 3, 1), LeadOrigin.NETWORK_EVENT),
        missionFacts("paul", dec("2000.00"), d(2021, 3, 1), LeadOrigin.NETWORK_REFERRAL),
        missionFacts("lea", dec("500.50"), d(2021, 3, 1), LeadOrigin.OTHER),
    )

    @Test
    fun `flat rates, floors and caps worked out by hand`() {
        val variants = listOf(
            listOf(Setting.FlatRate(dec("0.05"))),
            listOf(Setting.FlatRate(dec("0.06"))),
            listOf(Setting.Floor(dec("200")), Setting.Cap(dec("300"))),
            listOf(),
        )
        val s = sweepPolicy(missions, "flat", variants)
        assertEquals("flat", s.policy)
        assertEquals(3uL, s.missions)
        assertAmount("12500.50", s.revenue, "revenue")
        // 5 %: 500.00 + 100.00 + 25.025 → 25.03; 6 %: 600.00 + 120.00 + 30.03;
        // 5 % with a floor of 200 € and a cap of 300 €: 300 + 200 + 200.
        val totals = s.rows.map { it.totalDue.toPlainString() }
        assertEquals(listOf("625.03", "750.03", "700.00", "625.03"), totals)
        assertEquals(variants[2], s.rows[2].settings)
        assertEquals(0.06, s.rows[1].rates!!.min, 1e-15)
        assertTrue(s.rows[1].ratesExact)
    }

    @Test
    fun `a situation's rate moves only its missions`() {
        val s = sweepPolicy(missions, "guide", listOf(listOf(), listOf(Setting.SituationRate("network_referral", dec("0.10")))))
        val referral = s.situations.indexOf("network_referral")
        assertAmount("160.00", s.rows[0].bySituation[referral], "8 % of 2 000 €")
        assertAmount("200.00", s.rows[1].bySituation[referral], "10 % of 2 000 €")
        assertAmount("40.00", s.rows[1].totalDue - s.rows[0].totalDue, "the difference")
    }

    @Test
    fun `solving worked out by hand`() {
        // The guide: 400 + 160 + 25.03 = 585.03; 4.68 % gives 585.02, 4.69 % gives 586.27.
        val flat = solveForPolicyTotal(missions, Knob.FLAT_RATE, "guide", dec("0.0001"))
        assertEquals(Setting.FlatRate(dec("0.0468")), flat.setting)
        assertAmount("585.02", flat.totalDue, "total")
        assertAmount("-0.01", flat.residual, "residual")
        // 700 €: × 1.1965 gives 478.60 + 191.44 + 29.94 = 699.98.
        val scaled = solveForAmount(missions, Knob.GUIDE_SCALE, dec("700"), dec("0.0001"))
        assertEquals(Setting.GuideScale(dec("1.1965")), scaled.setting)
        assertAmount("699.98", scaled.totalDue, "total")
    }

    @Test
    fun `bad settings and targets out of reach are typed errors`() {
        expectCode("policy.situation.unknown") {
            sweepPolicy(missions, "guide", listOf(listOf(Setting.SituationRate("word_of_mouth", dec("0.02")))))
        }
        expectCode("money.amount.precision") {
            sweepPolicy(missions, "flat", listOf(listOf(Setting.Floor(dec("10.005")))))
        }
        val e = expectCode("policy.target.unreachable") {
            solveForAmount(missions, Knob.FLAT_RATE, dec("20000"), dec("0.0001"))
        }
        assertTrue(e.message!!.contains("the closest is 12500.50 €, at flat_rate 1"), e.message)
        expectCode("input.label.unknown") { sweepPolicy(missions, "gide", listOf(listOf())) }
    }

    @Test
    fun `fairness diagnostics worked out by hand`() {
        val three = listOf(
            missionFacts("ana", dec("10000.00"), d(2021, 3, 1), LeadOrigin.NETWORK_EVENT),
            missionFacts("ben", dec("2000.00"), d(2021, 3, 1), LeadOrigin.NETWORK_REFERRAL),
            missionFacts("lea", dec("500.50"), d(2021, 3, 1), LeadOrigin.OTHER),
        )
        val (flat, guide) = diagnoseComparison(comparePolicies(three, listOf(Policy.builtin("flat"), Policy.builtin("guide"))))
        assertEquals(0.04, guide.byLeadOrigin.first { it.key == "network_event" }.rate!!, 0.0)
        // lea (rank 0) in band 1, ben in band 4, ana in band 7.
        assertEquals(listOf(1u, 4u, 7u), guide.bySize.map { it.band })
        // The guide's curve from the lowest rate: ana 4 %, lea about 5.001 %, ben 8 %.
        assertEquals(10_000.0 / 12_500.5, guide.lorenz[1].revenueShare, 1e-15)
        assertEquals(0.1203473048025757, guide.concentration!!, 1e-12)
        // Under the flat rate ana pays 100 € more than the guide suggests, ben 60 € less.
        assertEquals(listOf("ana", "lea", "ben"), flat.gaps.map { it.provider })
        assertAmount("100.00", flat.gaps[0].gap, "ana's gap")
        assertAmount("-60.00", flat.gaps[2].gap, "ben's gap")
    }

    @Test
    fun `in-kind rates beside the money due`() {
        // event_solo's in kind at 1 %: 10 000.00 × 1 % = 100.00, the money due unchanged (585.03).
        val variants = listOf(listOf(), listOf(Setting.InKindRate("event_solo", dec("0.01"))), listOf(settingNamed("in_kind:default", dec("0.005"))))
        val s = sweepPolicy(missions, "guide", variants)
        assertEquals(listOf("585.03", "585.03", "585.03"), s.rows.map { it.totalDue.toPlainString() })
        // 500.50 × 0.5 % = 2.5025 → 2.50.
        assertEquals(listOf("0.00", "100.00", "2.50"), s.rows.map { it.inKindCredit.setScale(2).toPlainString() })
        val raised = Parameters.shipped().withSituationInKindRate("event_solo", dec("0.01"))
        val guide = comparePolicies(missions, listOf(Policy.builtin("guide")), raised)
        assertAmount("100.00", guide.policies.single().inKindCredit, "in-kind credit")
        expectCode("policy.guide.invalid") {
            Parameters.shipped().withSituationRate("event_solo", dec("0.5")).withSituationInKindRate("event_solo", dec("0.6"))
        }
    }
}
