package org.coopetition

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.math.BigDecimal
import java.nio.file.Files
import java.nio.file.Path
import org.coopetition.core.*

/**
 * Every case of `tests/vectors/` (format in tests/vectors/README.md), run
 * through the Kotlin API exactly as an app would: the policy with
 * `Policy.builtin`, the parameters with `Parameters.load`, the mission's
 * values with the `parse…` functions, its structure with
 * `missionFactsFromJson`, then `Policy.evaluate` (and `Policy.evaluatePrepared`, which must agree).
 */
class VectorsTest {
    private class Case(val file: String, val name: String, val body: JsonObject)

    private fun loadCases(): List<Case> {
        val dir = Fx.repo.resolve("tests").resolve("vectors")
        val files = Files.list(dir).use { s -> s.filter { it.toString().endsWith(".json") }.sorted().toList() }
        return files.flatMap { path: Path ->
            val top = JsonParser.parseString(Files.readString(path)).asJsonObject
            val bodies = if (top.has("cases")) top.getAsJsonArray("cases").map { it.asJsonObject } else listOf(top)
            bodies.map { Case(path.fileName.toString(), it.get("name").asString, it) }
        }
    }

    private fun JsonObject.opt(field: String): JsonElement? = get(field)?.takeUnless { it.isJsonNull }

    private fun checkMoney(value: JsonElement) {
        val o = value.asJsonObject
        parseMoney(o.get("amount").asString, o.get("currency").asString)
    }

    /** The policy, the parameters and the mission, in the order of the README; then the evaluation. */
    private fun run(case: Case): Assessment {
        val policyJson = case.body.getAsJsonObject("policy")
        val model = policyJson.opt("model")?.let { behaviourModelFromJson(it.toString()) }
        val policy = Policy.builtin(policyJson.get("name").asString, model)
        val parameters = case.body.opt("parameters")?.let { Parameters.load(it.toString()) }
        val mission = case.body.getAsJsonObject("mission")
        mission.opt("provider")?.let { parseActorId(it.asString) }
        mission.opt("mission")?.let { parseMissionId(it.asString) }
        for (field in listOf("revenue", "declared", "donations")) mission.opt(field)?.let(::checkMoney)
        mission.opt("won_on")?.let { parseDate(it.asString) }
        mission.opt("lead_origin")?.let { leadOriginFromLabel(it.asString) }
        mission.opt("negotiation")?.asJsonObject?.let { n ->
            for (field in listOf("amount", "last_offer")) n.opt(field)?.let(::checkMoney)
            n.opt("on")?.let { parseDate(it.asString) }
        }
        val facts = missionFactsFromJson(mission.toString())
        // The fast path (prepared facts, compact result) gives the same answer or the same error.
        val viaPrepared = runCatching { policy.evaluatePrepared(PreparedMission(facts), parameters ?: Parameters.shipped()) }
        val a = try {
            policy.evaluate(facts, Lang.EN, parameters)
        } catch (e: CoopetitionException) {
            assertEquals(e.code, (viaPrepared.exceptionOrNull() as? CoopetitionException)?.code, "prepared path")
            throw e
        }
        assertEquals(AssessmentSummary(a.status, a.amount, a.inKindCredit, a.donations, a.provenance, a.situation), viaPrepared.getOrThrow(), "prepared path")
        return a
    }

    private fun check(case: Case) {
        val expected = case.body.getAsJsonObject("expected")
        val outcome = try {
            Result.success(run(case))
        } catch (e: CoopetitionException) {
            Result.failure(e)
        }
        if (expected.has("error")) {
            val code = expected.get("error").asString
            outcome.fold(
                { fail<Unit>("expected error `$code`, got an assessment: $it") },
                { assertEquals(code, (it as CoopetitionException).code, it.message) },
            )
            return
        }
        val a = outcome.getOrElse { fail("expected an assessment, got ${(it as CoopetitionException).code}: ${it.message}") }
        assertEquals(expected.get("status").asString, a.status.label(), "status")
        assertEquals(expected.get("provenance").asString, a.provenance.label(), "provenance")
        assertEquals(expected.opt("situation")?.asString, a.situation, "situation")
        assertAmount(expected.opt("amount")?.asString, a.amount, "amount")
        assertAmount(expected.get("in_kind_credit").asString, a.inKindCredit, "in_kind_credit")
        assertAmount(expected.get("donations").asString, a.donations, "donations")
        assertEquals(expected.getAsJsonArray("codes").map { it.asString }, a.explanation.map { it.code }, "codes")
        // Every step renders in both languages, with its named parameters.
        for (step in a.explanation) assertTrue(step.sentence.isNotBlank(), step.code)
    }

    @TestFactory
    fun `every shared vector`(): List<DynamicTest> {
        val cases = loadCases()
        assertTrue(cases.size >= 40, "only ${cases.size} vectors")
        assertEquals(cases.size, cases.map { it.name }.toSet().size, "case names repeat")
        return cases.map { case -> DynamicTest.dynamicTest("${case.file} / ${case.name}") { check(case) } }
    }

    @TestFactory
    fun `explanations in French`(): List<DynamicTest> =
        loadCases().filter { !it.body.getAsJsonObject("expected").has("error") }.take(20).map { case ->
            DynamicTest.dynamicTest(case.name) {
                val en = run(case)
                // The same evaluation in French: the same codes, French sentences.
                val facts = missionFactsFromJson(case.body.getAsJsonObject("mission").toString())
                val parameters = case.body.opt("parameters")?.let { Parameters.load(it.toString()) }
                val model = case.body.getAsJsonObject("policy").opt("model")?.let { behaviourModelFromJson(it.toString()) }
                val fr = Policy.builtin(case.body.getAsJsonObject("policy").get("name").asString, model).evaluate(facts, Lang.FR, parameters)
                assertEquals(en.explanation.map { it.code }, fr.explanation.map { it.code })
                assertEquals(en.explanation.map { it.params }, fr.explanation.map { it.params })
                for ((e, f) in en.explanation.zip(fr.explanation)) {
                    assertTrue(e.sentence != f.sentence, "${e.code}: same sentence in both languages")
                }
                assertTrue(BigDecimal.ZERO <= (fr.amount ?: BigDecimal.ZERO))
            }
        }
}
