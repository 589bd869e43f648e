package org.coopetition

import org.coopetition.Fx.ALICE
import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** Exported objects are safe to use from several threads. */
class ConcurrencyTest {
    private val threads = 8

    private fun <T> onThreads(work: (Int) -> T): List<T> {
        val pool = Executors.newFixedThreadPool(threads)
        try {
            val start = CountDownLatch(1)
            val futures = (0 until threads).map { i -> pool.submit<T> { start.await(); work(i) } }
            start.countDown()
            return futures.map { it.get(60, TimeUnit.SECONDS) }
        } finally {
            pool.shutdownNow()
        }
    }

    @Test
    fun `8 threads evaluating concurrently give identical results`() {
        val parameters = Parameters.shipped()
        val policies = listOf("flat", "guide", "self_assessed", "negotiated").map { Policy.builtin(it, defaultBehaviourModel()) } +
            Policy.custom(ThreePercent())
        val missions = (0 until 20).map { i ->
            Fx.facts(revenue = "${1000 + i * 37}.${i % 100}", origin = LeadOrigin.entries[i % LeadOrigin.entries.size])
                .copy(partners = (i % 3).toUInt(), sharedResources = (i % 2).toUInt(), clientInformed = i % 4 == 0)
        }
        fun all() = policies.flatMap { p -> missions.map { m -> p.evaluate(m, Lang.FR, parameters) } }
        val expected = all()
        val results = onThreads { repeat(2) { all() }; all() }
        for (r in results) assertEquals(expected, r)
    }

    @Test
    fun `8 threads sharing one network see consistent state`() {
        val network = Fx.founded()
        val perThread = 25
        onThreads { t ->
            repeat(perThread) { i ->
                val id = "actor-$t-$i"
                network.registerActor(ALICE, d(2020, 2, 1), Actor(id, ActorKind.CITIZEN, "Citizen $t $i", InvolvementLevel.SUPPORTER, true))
                // Readers run alongside writers.
                assertTrue(network.actors().size >= 2)
                network.journalJsonl()
            }
        }
        assertEquals(1 + threads * perThread, network.actors().size)
        assertEquals((1 + threads * perThread).toULong(), network.lastSeq())
        // Every event is numbered once, in order, and the journal replays.
        assertEquals((1..(1 + threads * perThread)).map { it.toULong() }, network.journal().map { it.seq })
        assertEquals(network.snapshotJson(), Network.replay(network.journalJsonl()).snapshotJson())
        // Concurrent refusals leave the state untouched.
        val refusals = onThreads { runCatching { network.registerActor(ALICE, d(2020, 2, 2), network.actor("actor-0-0")) } }
        assertTrue(refusals.all { (it.exceptionOrNull() as? CoopetitionException)?.code == "actor.id.duplicate" })
        assertEquals((1 + threads * perThread).toULong(), network.lastSeq())
        assertEquals(dec("0.05"), Parameters.shipped().flatRateAt(d(2021, 1, 1)))
    }
}
