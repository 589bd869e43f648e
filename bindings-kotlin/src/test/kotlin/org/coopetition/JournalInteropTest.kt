package org.coopetition

import org.coopetition.Fx.ALICE
import org.coopetition.Fx.MISSION
import org.coopetition.Fx.PAUL
import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.file.Files
import java.nio.file.Paths
import org.coopetition.core.*

/**
 * Journals and snapshots cross between Kotlin and Rust in the same formats.
 *
 * - Rust → Kotlin: `tests/fixtures/sample_journal.jsonl` was written by
 *   the Rust example `sample_network` (`cargo run --example sample_network`,
 *   then copied from target/sample_journal.jsonl). Kotlin replays it, checks
 *   the state, and writes it back byte for byte.
 * - Kotlin → Rust: this test writes the journal of a Kotlin scenario; it must
 *   equal `tests/fixtures/kotlin_journal.jsonl`, which the Rust test
 *   `bindings-kotlin/tests/journal_interop.rs` replays with the core (run
 *   `mvn test -Dcoopetition.updateFixtures=true` to rewrite it after a
 *   deliberate change). It also writes the journal and snapshot of this run
 *   to `target/interop/`, which Maven's integration-test phase hands to the
 *   Rust program `bindings-kotlin/examples/replay_journal.rs`.
 */
class JournalInteropTest {
    private val fixtures = Fx.repo.resolve("tests").resolve("fixtures")

    /** A Kotlin app's session: admission, a mission, its contribution, a payment, the follow-up. */
    private fun kotlinScenario(): Network {
        val network = Fx.withWonMission()
        network.offerContribution(PAUL, d(2021, 4, 2), MISSION, dec("450.00"))
        network.offerContribution(ALICE, d(2021, 4, 5), MISSION, dec("520.00"))
        network.acceptOffer(PAUL, d(2021, 4, 6), MISSION)
        network.declareContribution(PAUL, d(2021, 4, 6), MISSION, dec("500.00"))
        network.recordPayment(ALICE, d(2021, 5, 3), PAUL, dec("520.00"), paidOn = d(2021, 5, 2), reference = "virement")
        network.recordDelivery(PAUL, d(2021, 6, 12), PAUL, "workstream", DeliveryUnit.HOURS, dec("6.5"), deliveredOn = d(2021, 6, 12), note = "chantier observatoire")
        network.recordDonation(ALICE, d(2021, 7, 1), PAUL, dec("30.00"), givenOn = d(2021, 7, 1), mission = MISSION)
        network.reportProgress(PAUL, d(2021, 7, 15), MISSION, "deux ateliers tenus", resourcesDeveloped = listOf(Resource("Trame d'atelier", "CC-BY-SA-4.0", null)))
        network.reportCompletion(PAUL, d(2021, 9, 30), MISSION)
        network.shareResource(PAUL, d(2021, 10, 4), MISSION, "Trame d'atelier", "CC-BY-SA-4.0", "https://example.org/trame")
        network.recordAttendance(ALICE, d(2021, 11, 20), PAUL, 2021, "rencontre qualité 2021")
        network.executeJson("""{"by":"alice","on":"2021-12-01","action":{"type":"set_public_listing","actor":"alice","public_listing":false}}""")
        return network
    }

    @Test
    fun `Kotlin replays a journal written by Rust`() {
        val text = Files.readString(fixtures.resolve("sample_journal.jsonl"))
        val network = Network.replay(text)
        assertEquals(45uL, network.lastSeq())
        assertEquals(9, network.actors().size)
        for (founder in listOf("camille-lefort", "la-grange")) assertEquals(InvolvementLevel.STEWARD, network.actor(founder).level)
        val provider = "atelier-des-communs"
        assertEquals(ActorKind.PROVIDER, network.actor(provider).kind)
        assertEquals(CharterStatus.SIGNED, network.charterStatus(provider))
        assertEquals(ContractStatus.ACTIVE, network.liveContract(provider)?.status)
        val missions = network.missions(provider)
        assertEquals(5, missions.size)
        assertAmount("47800.00", missions.mapNotNull { it.revenue }.fold(java.math.BigDecimal.ZERO, java.math.BigDecimal::add), "revenue")
        assertEquals(MissionStatus.COMPLETED, network.mission("s5-forge-evaluation").status)
        // The same journal, written back by Kotlin, byte for byte.
        assertEquals(text, network.journalJsonl())
        // And every mission can be assessed from Kotlin.
        val flat = Policy.builtin("flat")
        val due = missions.map { network.assess(it.id, flat, Lang.FR).amount!! }.fold(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)
        assertAmount("2390.00", due, "5% of 47 800")
    }

    @Test
    fun `Rust reads a journal written by Kotlin`() {
        val network = kotlinScenario()
        val journal = network.journalJsonl()
        val snapshot = network.snapshotJson()
        // For Maven's integration-test phase (examples/replay_journal.rs).
        val out = Paths.get(System.getProperty("coopetition.target") ?: "../target").resolve("interop")
        Files.createDirectories(out)
        Files.writeString(out.resolve("kotlin_journal.jsonl"), journal)
        Files.writeString(out.resolve("kotlin_snapshot.json"), snapshot)
        // The committed fixture that the Rust test suite replays.
        val fixture = fixtures.resolve("kotlin_journal.jsonl")
        if (System.getProperty("coopetition.updateFixtures") == "true") Files.writeString(fixture, journal)
        assertEquals(Files.readString(fixture), journal, "the Kotlin journal changed: rerun with -Dcoopetition.updateFixtures=true")
        // Kotlin reads its own output back too.
        assertEquals(snapshot, Network.replay(journal).snapshotJson())
        assertTrue(journal.lines().first().contains("\"schema_version\":2,\"chain\":\"sha256\""))
    }
}
