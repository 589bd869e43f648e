package org.coopetition

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The cost of evaluations called from Kotlin, with a simple harness: objects
 * made once, a warm-up of at least a second per measurement, then nine timed
 * rounds of about 0.3 s each; it prints the median round (and the fastest and
 * slowest) in ns per evaluation.
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

    /** Median ns per evaluation over [rounds] rounds, after a warm-up. */
    private fun measure(label: String, evaluationsPerCall: Int, call: () -> Int): Double {
        var sink = 0L
        // Warm-up: at least a second and 2 000 calls; it also sizes the rounds.
        val warmUpStart = System.nanoTime()
        var warmUpCalls = 0
        while (warmUpCalls < 2_000 || System.nanoTime() - warmUpStart < 1_000_000_000L) {
            sink += call()
            warmUpCalls++
        }
        val perCall = (System.nanoTime() - warmUpStart).toDouble() / warmUpCalls
        val calls = (300_000_000.0 / perCall).toInt().coerceIn(20, 1_000_000)
        val perEvaluation = DoubleArray(rounds) {
            val start = System.nanoTime()
            repeat(calls) { sink += call() }
            (System.nanoTime() - start).toDouble() / (calls.toLong() * evaluationsPerCall)
        }.sorted()
        assertTrue(sink > 0)
        val median = perEvaluation[rounds / 2]
        println(
            "benchmark: %-24s %9.2f µs per evaluation (median of %d rounds of %d; fastest %.2f, slowest %.2f)"
                .format(label, median / 1000, rounds, calls * evaluationsPerCall, perEvaluation.first() / 1000, perEvaluation.last() / 1000),
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
        val noop = measure("no-op call", 1) { noop(); 1 }
        for (name in listOf("flat", "guide")) {
            val policy = Policy.builtin(name)
            val full = policy.evaluate(facts, Lang.FR, parameters)
            val summary = policy.evaluatePrepared(prepared, parameters)
            assertEquals(full.amount, summary.amount)
            assertEquals(full.situation, summary.situation)
            assertEquals(full, policy.explain(prepared, Lang.FR, parameters))
            val single = measure("$name, prepared", 1) { policy.evaluatePrepared(prepared, parameters).status.ordinal + 1 }
            measure("$name, record", 1) { policy.evaluate(facts, Lang.FR, parameters).explanation.size }
            val batched = measure("$name, batched", batch.size) { policy.evaluateAll(batch, Lang.FR, parameters).size }
            assertEquals(policy.evaluate(batch[7], Lang.FR, parameters), policy.evaluateAll(batch, Lang.FR, parameters)[7].assessment)
            assertTrue(single < 1_000_000.0 && batched < 1_000_000.0, "$name: $single, $batched ns per evaluation")
        }
        assertTrue(noop < 1_000_000.0, "no-op: $noop ns")
    }
}
