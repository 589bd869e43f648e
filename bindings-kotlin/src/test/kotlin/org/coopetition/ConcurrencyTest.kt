package org.coopetition

import org.coopetition.Fx.ALICE
import org.coopetition.Fx.PAUL
import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTimeoutPreemptively
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.math.BigDecimal
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.coopetition.core.*

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

    /** A Kotlin policy that reads the network it is asked about, meets a refusal and sleeps. */
    private class CallsBack(val network: Network, val refused: AtomicInteger) : ContributionPolicy {
        override fun name() = "calls_back"

        override fun evaluate(facts: MissionFacts, parameters: Parameters): BigDecimal {
            assertTrue(network.isMember(PAUL))
            try {
                network.registerActor("nobody", d(2021, 1, 1), Actor("x", ActorKind.CITIZEN, "X", InvolvementLevel.SUPPORTER, false))
            } catch (e: CoopetitionException) {
                if (e.code == "actor.id.unknown") refused.incrementAndGet()
            }
            Thread.sleep(1)
            return facts.revenue.divide(BigDecimal.TEN)
        }
    }

    @Test
    fun `8 threads with commands, refusals and ledgers whose policy calls back never deadlock`() {
        val network = Fx.withWonMission()
        val refused = AtomicInteger()
        val rounds = 30
        assertTimeoutPreemptively(Duration.ofSeconds(120)) {
            onThreads { t ->
                repeat(rounds) { i ->
                    val id = "stress-$t-$i"
                    network.registerActor(ALICE, d(2021, 1, 1), Actor(id, ActorKind.CITIZEN, "C $t $i", InvolvementLevel.SUPPORTER, false))
                    val again = runCatching {
                        network.registerActor(ALICE, d(2021, 1, 1), Actor(id, ActorKind.CITIZEN, "again", InvolvementLevel.SUPPORTER, false))
                    }
                    if ((again.exceptionOrNull() as? CoopetitionException)?.code == "actor.id.duplicate") refused.incrementAndGet()
                    if (i % 5 == t % 5) {
                        // 10% of the one mission won in 2021 (12,000.00).
                        assertAmount("1200.00", network.ledger(PAUL, 2021, Policy.custom(CallsBack(network, refused))).due)
                    }
                    if (i % 10 == 0) Network.fromSnapshotJson(network.snapshotJson())
                }
            }
        }
        // Every duplicate and every callback's command was refused; every registration applied once.
        val ledgers = (0 until threads).sumOf { t -> (0 until rounds).count { i -> i % 5 == t % 5 } }
        assertEquals(threads * rounds + ledgers, refused.get())
        assertEquals(network.snapshotJson(), Network.replay(network.journalJsonl()).snapshotJson())
    }
}
