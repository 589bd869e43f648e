package org.coopetition

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The cost of evaluations called from Kotlin, with a simple harness: a policy
 * object and parameters made once, warm-up, then the best of several timed
 * rounds, printed in ns per evaluation.
 *
 * - `single`: one `Policy.evaluate` per mission, the explanation rendered in
 *   French: the whole round trip (lowering the facts, the core's evaluation,
 *   lifting the assessment with its steps and sentences);
 * - `batched`: `Policy.evaluateAll` over 1 000 missions per call, which pays
 *   the JNA call overhead once per batch.
 *
 * Not part of `mvn verify` (the class name does not end in `Test`); run it
 * against the release library as bindings-kotlin/README.md shows. The
 * assertion is loose so that a busy machine does not fail it; the figures
 * are the output.
 */
class EvaluationBenchmark {
    private fun measure(label: String, evaluationsPerCall: Int, calls: Int, rounds: Int, call: () -> Int): Double {
        var sink = 0
        repeat(calls) { sink += call() }
        var best = Double.MAX_VALUE
        repeat(rounds) {
            val start = System.nanoTime()
            repeat(calls) { sink += call() }
            best = minOf(best, (System.nanoTime() - start).toDouble() / (calls.toLong() * evaluationsPerCall))
        }
        assertTrue(sink > 0)
        println("benchmark: $label: %.0f ns/evaluation (best of $rounds rounds of ${calls * evaluationsPerCall} evaluations)".format(best))
        return best
    }

    @Test
    fun `evaluations from Kotlin`() {
        val parameters = Parameters.shipped()
        val facts = Fx.facts("12345.50")
        val batch = List(1000) { i -> facts.copy(revenue = facts.revenue.add(java.math.BigDecimal(i))) }
        for (name in listOf("flat", "guide")) {
            val policy = Policy.builtin(name)
            val single = measure("$name, single", 1, 20_000, 5) { policy.evaluate(facts, Lang.FR, parameters).explanation.size }
            val batched = measure("$name, batched", batch.size, 20, 5) { policy.evaluateAll(batch, Lang.FR, parameters).size }
            assertEquals(policy.evaluate(batch[7], Lang.FR, parameters), policy.evaluateAll(batch, Lang.FR, parameters)[7].assessment)
            assertTrue(single < 1_000_000.0 && batched < 1_000_000.0, "$name: $single, $batched ns per evaluation")
        }
    }
}
