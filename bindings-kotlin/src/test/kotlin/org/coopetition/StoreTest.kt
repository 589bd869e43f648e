package org.coopetition

import org.coopetition.Fx.ALICE
import org.coopetition.Fx.CONTRACT
import org.coopetition.Fx.PAUL
import org.coopetition.Fx.ZOE
import org.coopetition.Fx.d
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.nio.file.StandardCopyOption
import java.time.LocalDate
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.coopetition.core.*

/**
 * A `Network` backed by a store file, as Python's `test_store.py` checks it:
 * what a command returned survives a restart, a refused or failed write
 * changes nothing, and the file moves between machines and languages.
 */
class StoreTest {
    @TempDir
    lateinit var dir: Path

    private fun provider(id: String) = Actor(id, ActorKind.PROVIDER, id.uppercase(), InvolvementLevel.SUPPORTER, false)

    /** Founds the network with steward alice, then registers provider paul: events 1 and 2. */
    private fun found(n: Network) {
        n.found(ALICE, Fx.FOUNDED, "La Compagnie", listOf(Actor(ALICE, ActorKind.ASSOCIATION, "Alice", InvolvementLevel.STEWARD, true)))
        n.registerActor(PAUL, d(2020, 1, 10), Actor(PAUL, ActorKind.PROVIDER, "Paul Conseil", InvolvementLevel.SUPPORTER, false))
    }

    private fun open(path: Path) = Network.open(path.toString())

    @Test
    fun `a reopened store has the network its commands made`() {
        val path = dir.resolve("network.coop")
        val n = open(path)
        assertEquals(path.toString(), n.path())
        assertFalse(n.isClosed())
        found(n)
        assertEquals(3uL, n.registerActor(ALICE, d(2020, 2, 1), provider("rita")).seq)
        val journal = n.journalJsonl()
        n.closeStore()
        assertTrue(n.isClosed())
        // The last connection gone, SQLite folded its write-ahead log into the file.
        assertFalse(Files.exists(dir.resolve("network.coop-wal")))
        Network.open(path.toString(), synchronous = Synchronous.NORMAL).use { again ->
            assertEquals(3uL, again.lastSeq())
            assertEquals("La Compagnie", again.name())
            assertEquals(listOf(ALICE, PAUL, "rita"), again.actors().map { it.id })
            assertEquals(InvolvementLevel.STEWARD, again.actor(ALICE).level)
            assertEquals(journal, again.journalJsonl())
            assertTrue(again.sameState(Network.replay(journal)))
            assertEquals("sha256", again.verify().chain)
        }
        n.close()
    }

    @Test
    fun `use closes the file and lets exceptions through`() {
        val path = dir.resolve("n.coop")
        open(path).use { found(it) }
        // uniffi's close() frees the Rust object: its connection is closed when `use` returns.
        assertFalse(Files.exists(dir.resolve("n.coop-wal")))
        val e = assertThrows(IllegalStateException::class.java) {
            open(path).use {
                it.registerActor(ALICE, d(2020, 2, 1), provider("rita"))
                throw IllegalStateException("the app failed")
            }
        }
        assertEquals("the app failed", e.message)
        assertFalse(Files.exists(dir.resolve("n.coop-wal")))
        open(path).use { assertEquals(3uL, it.lastSeq()) }
    }

    @Test
    fun `a refused command writes nothing`() {
        val path = dir.resolve("n.coop")
        open(path).use { n ->
            found(n)
            expectCode("actor.id.duplicate") { n.registerActor(ALICE, d(2020, 2, 1), provider(PAUL)) }
            expectCode("auth.owner.required") {
                n.executeJson("""{"by":"paul","on":"2020-02-01","action":{"type":"set_public_listing","actor":"alice","public_listing":true}}""")
            }
            assertEquals(2uL, n.lastSeq())
        }
        open(path).use { assertEquals(2uL, it.lastSeq()) }
    }

    @Test
    fun `a second writer gets a conflict, then reloads and retries`() {
        val path = dir.resolve("n.coop")
        open(path).use { first ->
            found(first)
            open(path).use { second ->
                assertEquals(2uL, second.lastSeq())
                first.registerActor(ALICE, d(2020, 2, 1), provider("rita"))
                val e = expectCode("store.write.conflict") { second.registerActor(ALICE, d(2020, 2, 1), provider(ZOE)) }
                assertTrue(e is CoopetitionException.Store)
                assertEquals(2uL, second.lastSeq(), "the refused write changed nothing in memory")
                assertEquals(1uL, second.reload())
                assertEquals(4uL, second.registerActor(ALICE, d(2020, 2, 1), provider(ZOE)).seq)
                assertEquals(1uL, first.reload())
                assertTrue(first.sameState(second))
                assertEquals(0uL, first.reload())
            }
        }
    }

    @Test
    fun `a read-only store answers queries and refuses writes`() {
        val path = dir.resolve("n.coop")
        open(path).use { found(it) }
        Network.open(path.toString(), readOnly = true).use { ro ->
            assertEquals("Paul Conseil", ro.actor(PAUL).displayName)
            expectCode("store.file.read_only") { ro.registerActor(ALICE, d(2020, 2, 1), provider("rita")) }
            assertEquals(2uL, ro.lastSeq())
        }
        open(path).use { assertEquals(2uL, it.lastSeq()) }
    }

    @Test
    fun `a file that is not a store is refused and left as it was`() {
        val notes = dir.resolve("notes.txt")
        val text = "these are notes, not a database, and they are long enough to be read as one"
        Files.writeString(notes, text)
        val e = expectCode("store.file.not_store") { open(notes) }
        assertTrue(e is CoopetitionException.Store)
        assertEquals(text, Files.readString(notes))
    }

    @Test
    fun `a closed store refuses commands and still answers queries`() {
        val n = open(dir.resolve("n.coop"))
        found(n)
        n.closeStore()
        n.closeStore() // harmless
        expectCode("store.file.closed") { n.registerActor(ALICE, d(2020, 2, 1), provider("rita")) }
        expectCode("store.file.closed") { n.check(commandFromJson("""{"by":"alice","on":"2020-02-01","action":{"type":"set_public_listing","actor":"alice","public_listing":true}}""")) }
        expectCode("store.file.closed") { n.reload() }
        expectCode("store.file.closed") { n.exportJsonl() }
        expectCode("store.file.closed") { n.verify() }
        assertEquals("Paul Conseil", n.actor(PAUL).displayName)
        assertEquals(2uL, n.lastSeq())
        n.close()
    }

    private fun register(id: String) = Command(ALICE, d(2020, 2, 1), Action.RegisterActor(provider(id)))

    @Test
    fun `a batch is written whole or not at all`() {
        val path = dir.resolve("n.coop")
        open(path).use { n ->
            found(n)
            // The third command registers rita again: refused, so none of the three is written.
            expectCode("actor.id.duplicate") { n.executeBatch(listOf(register("rita"), register(ZOE), register("rita"))) }
            assertEquals(2uL, n.lastSeq())
            assertEquals(listOf(3uL, 4uL), n.executeBatch(listOf(register("rita"), register(ZOE))).map { it.seq })
            assertEquals(listOf<Event>(), n.executeBatch(listOf()))
        }
        open(path).use { assertEquals(listOf(ALICE, PAUL, "rita", ZOE), it.actors().map { a -> a.id }) }
    }

    @Test
    fun `a network in memory has no store`() {
        Fx.founded().use { n ->
            assertNull(n.path())
            expectCode("store.file.none") { n.reload() }
            expectCode("store.file.none") { n.exportJsonl() }
            expectCode("store.file.none") { n.verify() }
            n.closeStore()
            assertFalse(n.isClosed(), "closing a network held in memory does nothing")
            n.setPublicListing(ALICE, d(2021, 1, 1), ALICE, false)
        }
    }

    @Test
    fun `threads sharing one store all land once`() {
        val path = dir.resolve("n.coop")
        open(path).use { n ->
            found(n)
            val pool = Executors.newFixedThreadPool(8)
            val start = CountDownLatch(1)
            val futures = (0 until 8).map { t ->
                pool.submit { start.await(); for (i in 0 until 10) n.registerActor(ALICE, d(2020, 2, 1), provider("t$t-$i")) }
            }
            start.countDown()
            futures.forEach { it.get(120, TimeUnit.SECONDS) }
            pool.shutdown()
            assertEquals(82uL, n.lastSeq())
        }
        open(path).use { again ->
            assertEquals(82, again.actors().size)
            assertEquals((1uL..82uL).toList(), again.journal().map { it.seq })
        }
    }

    @Test
    fun `an export imports into a new store with the same network`() {
        open(dir.resolve("a.coop")).use { a ->
            found(a)
            val journal = a.exportJsonl()
            assertEquals(a.journalJsonl(), journal)
            Network.importJsonl(dir.resolve("b.coop").toString(), journal).use { b ->
                assertTrue(b.sameState(a))
                assertEquals(3uL, b.registerActor(ALICE, d(2020, 2, 1), provider("rita")).seq)
            }
            expectCode("store.file.not_empty") { Network.importJsonl(dir.resolve("b.coop").toString(), journal) }
            expectCode("journal.chain.broken") { Network.importJsonl(dir.resolve("c.coop").toString(), journal.replace("Paul Conseil", "Paul Conseils")) }
        }
    }

    @Test
    fun `a keyed store exports a journal only its key reads`() {
        val key = "the steward's key".toByteArray()
        val journal = Network.open(dir.resolve("k.coop").toString(), key = key).use { n ->
            found(n)
            assertEquals("keyed", n.verify().chain)
            n.exportJsonl()
        }
        val copy = dir.resolve("copy.coop").toString()
        expectCode("store.key.required") { Network.importJsonl(copy, journal) }
        expectCode("store.key.invalid") { Network.importJsonl(copy, journal, key = "another key".toByteArray()) }
        Network.importJsonl(copy, journal, key = key).use { assertEquals(journal, it.exportJsonl()) }
    }

    @Test
    fun `a store reopens from its snapshot, and an edited snapshot is refused`() {
        val path = dir.resolve("s.coop").toString()
        val key = "k".toByteArray()
        val journal = Network.open(path, key = key).use { n ->
            found(n)
            assertEquals(2uL, n.snapshot())
            n.registerActor(ALICE, d(2020, 2, 1), provider("rita"))
            n.journalJsonl(key)
        }
        Network.open(path, key = key).use { again ->
            assertEquals(3uL, again.lastSeq())
            assertTrue(again.sameState(Network.replay(journal, key)))
        }
        expectCode("store.file.none") { Network().snapshot() }
        val snapshot = Network.replay(journal, key).snapshotJson(key)
        assertTrue(Network.fromSnapshotJson(snapshot, key).sameState(Network.replay(journal, key)))
        expectCode("store.key.required") { Network.fromSnapshotJson(snapshot) }
        expectCode("journal.snapshot.digest") { Network.fromSnapshotJson(snapshot.replace("Paul Conseil", "Paul Conseils"), key) }
        assertEquals(3uL, Network.resume(snapshot, journal, key).lastSeq())
    }

    @Test
    fun `the README's Kotlin store example is this test, and runs`() {
        // README store example: begin
        // An Android app keeps it in its files directory: File(context.filesDir, "network.coop").path
        val path = Files.createTempDirectory("app").resolve("network.coop").toString()
        // The app's first run creates the file; `use` closes it on exit.
        Network.open(path).use { network ->  // synchronous = Synchronous.FULL, key = null, readOnly = false
            network.found("alice", LocalDate.of(2020, 1, 6), "La Compagnie des Tiers-Lieux",
                listOf(Actor("alice", ActorKind.ASSOCIATION, "Alice", InvolvementLevel.STEWARD, true)))
            val event = network.registerActor("paul", LocalDate.of(2020, 1, 10),
                Actor("paul", ActorKind.PROVIDER, "Paul Conseil", InvolvementLevel.SUPPORTER, false))
            check(event.seq == 2uL)  // on disk
        }
        // After a restart (or a crash): the stored events are replayed, every check run again.
        Network.open(path).use { network ->
            check(network.lastSeq() == 2uL)
            check(network.actor("paul").displayName == "Paul Conseil")
        }
        // README store example: end
        val readme = Files.readString(Fx.repo.resolve("README.md")).substringAfter("### A store from Python and Kotlin")
        val block = readme.substringAfter("```kotlin\n").substringBefore("\n```")
        val source = Files.readString(Fx.repo.resolve("bindings-kotlin/src/test/kotlin/org/coopetition/StoreTest.kt"))
        val region = source.substringAfter("// README store example: begin\n").substringBefore("// README store example: end")
        assertEquals(block.trimIndent(), region.trimIndent(), "README.md's Kotlin store example differs from this test")
        Files.deleteIfExists(Paths.get(path))
    }

    // ---- interop: a store file written here opens in Python (and Python's here) ----

    private val interop: Path = Paths.get(System.getProperty("coopetition.target") ?: "../target").resolve("interop")

    @Test
    fun `Kotlin writes a store for Python`() {
        Files.createDirectories(interop)
        val path = interop.resolve("kotlin_store.coop")
        for (suffix in listOf("", "-wal", "-shm")) Files.deleteIfExists(interop.resolve("kotlin_store.coop$suffix"))
        open(path).use { n ->
            found(n)
            n.registerActor(ZOE, d(2020, 2, 1), Actor(ZOE, ActorKind.CITIZEN, "Zoé", InvolvementLevel.SUPPORTER, true))
            n.proposeContract(PAUL, d(2020, 2, 3), CONTRACT, Fx.providerTerms("Paul Conseil"))
            n.validateContract(ALICE, d(2020, 2, 10), CONTRACT)
            Files.writeString(interop.resolve("kotlin_store_export.jsonl"), n.exportJsonl())
            Files.writeString(interop.resolve("kotlin_store_snapshot.json"), n.snapshotJson())
        }
    }

    @Test
    fun `a store written by Python opens in Kotlin`() {
        val written = interop.resolve("python_store.coop")
        assumeTrue(Files.exists(written), "no store file written by Python yet (make test-python)")
        val snapshot = Files.readString(interop.resolve("python_store_snapshot.json"))
        val export = Files.readString(interop.resolve("python_store_export.jsonl"))
        // Kotlin adds an event to a copy, which `make test-interop` has Python open in turn.
        val copy = interop.resolve("python_store_via_kotlin.coop")
        Files.copy(written, copy, StandardCopyOption.REPLACE_EXISTING)
        open(copy).use { n ->
            assertTrue(n.sameState(Network.fromSnapshotJson(snapshot)))
            assertEquals(export, n.exportJsonl())
            assertEquals("sha256", n.verify().chain)
            assertEquals(ContractStatus.ACTIVE, n.liveContract(PAUL)?.status)
            n.registerActor(ALICE, d(2021, 1, 1), provider("from-kotlin"))
        }
        Network.importJsonl(dir.resolve("imported.coop").toString(), export).use {
            assertTrue(it.sameState(Network.fromSnapshotJson(snapshot)))
        }
    }
}
