package org.coopetition

import org.coopetition.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The cost of evaluations called from Kotlin, with a simple harness: objects
 * made once; a warm-up running every case three times for a second, before
 * any measurement; then, per case, nine timed rounds of about 0.3 s each. It
 * prints the median round (and the fastest and slowest) in µs per evaluation.
 *
 * - `no-op call`: `noop()`, an exported function doing nothing: the floor
 *   under every call (one JNA call and its status);
 * - `prepared`: `policy.evaluatePrepared(prepared, parameters)`, one mission
 *   prepared once (`PreparedMission`), the compact `AssessmentSummary` lifted
 *   (status, amount, credit, donations, provenance, situation), no sentence:
 *   what the issue's target is about;
 * - `record`: `policy.evaluate(facts, Lang.FR, parameters)`: the facts record
 *   lowered on every call, the assessment lifted with its steps, their
 *   parameters and French sentences;
 * - `batched`: `policy.evaluateAll` over 1 000 facts records per call, as
 *   `record` but one call per thousand missions.
 *
 * Not part of `mvn verify` (the class name does not end in `Test`); run it
 * against the release library as bindings-kotlin/README.md shows. The
 * assertions are loose so that a busy machine does not fail it; the figures
 * are the output.
 */
class EvaluationBenchmark {
    private val rounds = 9

    private class Case(val label: String, val evaluationsPerCall: Int, val call: () -> Int)

    private var sink = 0L

    /** Runs [case] for at least [nanos] ns and 1 000 calls; the ns per call. */
    private fun runFor(case: Case, nanos: Long): Double {
        val start = System.nanoTime()
        var calls = 0
        while (calls < 1_000 || System.nanoTime() - start < nanos) {
            sink += case.call()
            calls++
        }
        return (System.nanoTime() - start).toDouble() / calls
    }

    /** Median ns per evaluation over [rounds] rounds of about 0.3 s. */
    private fun measure(case: Case): Double {
        val calls = (300_000_000.0 / runFor(case, 300_000_000L)).toInt().coerceIn(20, 1_000_000)
        val perEvaluation = DoubleArray(rounds) {
            val start = System.nanoTime()
            repeat(calls) { sink += case.call() }
            (System.nanoTime() - start).toDouble() / (calls.toLong() * case.evaluationsPerCall)
        }.sorted()
        val median = perEvaluation[rounds / 2]
        println(
            "benchmark: %-24s %9.2f µs per evaluation (median of %d rounds of %d; fastest %.2f, slowest %.2f)"
                .format(case.label, median / 1000, rounds, calls * case.evaluationsPerCall, perEvaluation.first() / 1000, perEvaluation.last() / 1000),
        )
        return median
    }

    @Test
    fun `evaluations from Kotlin`() {
        val library = System.getProperty("uniffi.component.coopetition.libraryOverride")
        println("benchmark: library ${library ?: "from the class path (the debug build of `mvn verify`: not representative)"}")
        println("benchmark: ${Runtime.getRuntime().availableProcessors()} processors, JVM ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}")
        val parameters = Parameters.shipped()
        val facts = Fx.facts("12345.50")
        val prepared = PreparedMission(facts)
        val batch = List(1000) { i -> facts.copy(revenue = facts.revenue.add(java.math.BigDecimal(i))) }
        val cases = mutableListOf(Case("no-op call", 1) { noop(); 1 })
        for (name in listOf("flat", "guide")) {
            val policy = Policy.builtin(name)
            // The three paths agree.
            val full = policy.evaluate(facts, Lang.FR, parameters)
            val summary = policy.evaluatePrepared(prepared, parameters)
            assertEquals(full.amount, summary.amount)
            assertEquals(full.situation, summary.situation)
            assertEquals(full, policy.explain(prepared, Lang.FR, parameters))
            assertEquals(policy.evaluate(batch[7], Lang.FR, parameters), policy.evaluateAll(batch, Lang.FR, parameters)[7].assessment)
            cases += Case("$name, prepared", 1) { policy.evaluatePrepared(prepared, parameters).status.ordinal + 1 }
            cases += Case("$name, record", 1) { policy.evaluate(facts, Lang.FR, parameters).explanation.size }
            cases += Case("$name, batched", batch.size) { policy.evaluateAll(batch, Lang.FR, parameters).size }
        }
        // Warm-up: every case, three times a second, before any measurement, so that
        // the JIT has compiled the shared paths whatever the order.
        repeat(3) { for (case in cases) runFor(case, 1_000_000_000L) }
        val medians = cases.associate { it.label to measure(it) }
        assertTrue(sink > 0)
        for ((label, median) in medians) assertTrue(median < 1_000_000.0, "$label: $median ns per evaluation")
    }
}
