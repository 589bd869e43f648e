package org.coopetition

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.math.BigDecimal
import java.nio.file.Files
import org.coopetition.core.*

/**
 * The shared vectors of sweeps and solving (`tests/vectors/design/sweeps.json`),
 * worked out by hand, through the Kotlin API: `sweepPolicy` with settings
 * made by `settingNamed`, `solveForAmount` and `solveForPolicyTotal`.
 */
class DesignVectorsTest {
    private val vectors: JsonObject = JsonParser.parseString(
        Files.readString(Fx.repo.resolve("tests").resolve("vectors").resolve("design").resolve("sweeps.json"))
    ).asJsonObject

    private val missions = vectors.getAsJsonArray("missions").map { missionFactsFromJson(it.toString()) }

    private fun cases(key: String) = vectors.getAsJsonArray(key).map { it.asJsonObject }

    private fun same(expected: String, actual: BigDecimal, what: String) =
        assertEquals(0, BigDecimal(expected).compareTo(actual), "$what: expected $expected, got ${actual.toPlainString()}")

    @Test
    fun sweeps() {
        val cases = cases("sweeps")
        assertTrue(cases.size >= 7)
        for (case in cases) {
            val name = case.get("name").asString
            val variants = case.getAsJsonArray("variants").map { variant ->
                variant.asJsonArray.map { s ->
                    val o = s.asJsonObject
                    settingNamed(o.get("setting").asString, BigDecimal(o.get("value").asString))
                }
            }
            val expected = case.getAsJsonObject("expected")
            if (expected.has("error")) {
                expectCode(expected.get("error").asString) { sweepPolicy(missions, case.get("policy").asString, variants) }
                continue
            }
            val s = sweepPolicy(missions, case.get("policy").asString, variants)
            val totals = expected.getAsJsonArray("totals").map { it.asString }
            assertEquals(totals.size, s.rows.size, name)
            s.rows.zip(totals).forEach { (row, total) -> same(total, row.totalDue, name) }
            assertEquals(expected.getAsJsonArray("priced").map { it.asLong.toULong() }, s.rows.map { it.priced }, name)
            expected.getAsJsonArray("in_kind")?.let { inKind ->
                assertEquals(inKind.size(), s.rows.size, name)
                s.rows.zip(inKind.map { it.asString }).forEach { (row, credit) -> same(credit, row.inKindCredit, name) }
            }
            assertEquals(variants, s.rows.map { it.settings }, name)
        }
    }

    @Test
    fun solves() {
        val cases = cases("solves")
        assertTrue(cases.size >= 8)
        for (case in cases) {
            val name = case.get("name").asString
            val knob = when (case.get("setting").asString) {
                "flat_rate" -> Knob.FLAT_RATE
                "guide_scale" -> Knob.GUIDE_SCALE
                else -> error("$name: unknown setting")
            }
            val target = case.getAsJsonObject("target")
            val precision = BigDecimal(case.get("precision").asString)
            val solve = {
                if (target.has("amount")) solveForAmount(missions, knob, BigDecimal(target.get("amount").asString), precision)
                else solveForPolicyTotal(missions, knob, target.get("policy").asString, precision)
            }
            val expected = case.getAsJsonObject("expected")
            if (expected.has("error")) {
                val e = expectCode(expected.get("error").asString) { solve() }
                expected.get("message_contains")?.let { assertTrue(e.message!!.contains(it.asString), "$name: ${e.message}") }
                continue
            }
            val s = solve()
            val value = when (val setting = s.setting) {
                is Setting.FlatRate -> setting.v1
                is Setting.GuideScale -> setting.v1
                else -> error("$name: solved $setting")
            }
            same(expected.get("value").asString, value, "$name value")
            same(expected.get("total_due").asString, s.totalDue, "$name total")
            same(expected.get("target").asString, s.target, "$name target")
            same(expected.get("residual").asString, s.residual, "$name residual")
        }
    }
}
