package org.coopetition

import org.coopetition.Fx.d
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.nio.file.Files
import org.coopetition.core.*

/**
 * Journals and snapshots from Kotlin: one spelling of each value, a cut-off
 * last line told from a corrupt one, prefixes, sequence numbers that never
 * wrap, consistent snapshots, and round trips of every serialised type.
 */
class JournalStrictnessTest {
    private val fixtures = Fx.repo.resolve("tests").resolve("fixtures")
    private val journal = Files.readString(fixtures.resolve("sample_journal.jsonl"))
    /** The same journal as schema 1 wrote it, without the hash chain: an edit meets the rule it breaks. */
    private val journalV1 = Files.readString(fixtures.resolve("sample_journal_v1.jsonl"))
    private val snapshot = Files.readString(fixtures.resolve("sample_snapshot.json"))
    /** The same state as a schema-1 snapshot (no digest): an edit meets the rule it breaks, not the digest. */
    private val snapshotV1 = Files.readString(fixtures.resolve("sample_snapshot_v1.json"))

    /** The sample journal ([source]) with the line of event [seq] (0: the header) edited. */
    private fun edited(seq: Int, old: String, new: String, source: String = journalV1): String {
        val lines = source.lines().filter { it.isNotEmpty() }.toMutableList()
        assertTrue(old in lines[seq], "`$old` is not in line $seq")
        lines[seq] = lines[seq].replaceFirst(old, new)
        return lines.joinToString("\n") + "\n"
    }

    @Test
    fun `a lenient spelling is refused`() {
        val edits = listOf(
            Triple(15, """{"step":"proposed"}""", """{"step":"proposed","x":1}"""),
            Triple(14, """{"type":"outside"""", """{"type":1"""),
            Triple(2, """"on":"2020-01-13"""", """"on":"2020- 1-13""""),
            Triple(17, """{"amount":"4500.00","currency":"EUR"}""", """["4500.00","EUR"]"""),
        )
        for ((seq, old, new) in edits) {
            expectCode("journal.json.malformed") { Network.replay(edited(seq, old, new)) }
        }
        expectCode("journal.json.malformed") {
            commandFromJson("""{"by":"alice","on":"2020-1-06","action":{"type":"sign_charter","version":1}}""")
        }
    }

    @Test
    fun `an edit that breaks no rule breaks the hash chain`() {
        // Line 18 is event 17: its revenue, one digit changed.
        val revenue = """"amount":"4500.00""""
        val e = expectCode("journal.chain.broken") { Network.replay(edited(17, revenue, """"amount":"4501.00"""", journal)) }
        assertTrue(e is CoopetitionException.Journal)
        assertTrue("line 18 (event 17)" in e.message!!, e.message)
        // Without the chain (schema 1) the same edit replays.
        Network.replay(edited(17, revenue, """"amount":"4501.00""""))
        assertTrue(Network.replay(journalV1).journalJsonl() == journal)
    }

    @Test
    fun `a keyed journal needs its key`() {
        val key = "the steward's secret".toByteArray()
        val keyed = Network.replay(journal).journalJsonl(key)
        assertTrue(keyed.lines().first().contains(""""chain":"hmac-sha256""""))
        assertEquals(Network.replay(journal).snapshotJson(), Network.replay(keyed, key).snapshotJson())
        assertTrue(expectCode("store.key.required") { Network.replay(keyed) } is CoopetitionException.Store)
        expectCode("store.key.invalid") { Network.replay(keyed, "another secret".toByteArray()) }
        expectCode("store.key.invalid") { Network.replay(journal, key) }
    }

    @Test
    fun `a corrupt middle line is not a truncation`() {
        val lines = journal.lines().filter { it.isNotEmpty() }.toMutableList()
        lines[10] = lines[10].substring(0, lines[10].length / 2)
        val corrupt = lines.joinToString("\n") + "\n"
        expectCode("journal.line.corrupt") { Network.replay(corrupt) }
        expectCode("journal.line.corrupt") { replayPrefix(corrupt) }
    }

    @Test
    fun `the prefix of a cut-off journal says what it dropped`() {
        val cut = journal.substring(0, journal.length - 30)
        expectCode("journal.line.truncated") { Network.replay(cut) }
        val lines = journal.lines().filter { it.isNotEmpty() }
        val prefix = replayPrefix(cut)
        assertEquals((lines.size - 2).toULong(), prefix.network.lastSeq())
        val lastBytes = lines.last().toByteArray(Charsets.UTF_8).size + 1
        assertEquals(Dropped(lines.size.toULong(), (lastBytes - 30).toULong(), 1uL), prefix.dropped)
        val whole = replayPrefix(journal)
        assertNull(whole.dropped)
        val resumed = resumePrefix(snapshot, lines.first() + "\n")
        assertNull(resumed.dropped)
        assertEquals(whole.network.snapshotJson(), resumed.network.snapshotJson())
    }

    @Test
    fun `no event follows the largest sequence number`() {
        val largest = snapshotV1.replace("\"last_seq\": 45", "\"last_seq\": 18446744073709551615")
        val network = Network.fromSnapshotJson(largest)
        expectCode("journal.sequence.invalid") { network.setPublicListing("jeanne-roux", d(2021, 3, 1), "jeanne-roux", true) }
        assertEquals(ULong.MAX_VALUE, network.lastSeq())
        val header = journalV1.lines().first()
        val line = { seq: String -> """{"seq":$seq,"by":"a","on":"2020-01-06","action":{"type":"sign_charter","version":1}}""" }
        expectCode("journal.sequence.invalid") { Network.replay("$header\n${line("18446744073709551615")}\n${line("0")}\n") }
    }

    @Test
    fun `a huge deadline is refused and the network still works`() {
        val network = Network.replay(journal)
        val rules = defaultFollowUpRules()
        val huge = rules.copy(deadlines = rules.deadlines.copy(hearingAnswerDays = 1_000_000_000_000_000L))
        expectCode("compliance.deadline.invalid") { network.configureFollowUp("camille-lefort", d(2021, 2, 1), d(2021, 2, 1), huge) }
        network.notifyHearing("camille-lefort", d(2021, 3, 1), "atelier-des-communs", "late reports")
        assertEquals(46uL, network.lastSeq())
    }

    @Test
    fun `a contradictory snapshot is refused`() {
        val edits = listOf(
            "\"last_seq\": 45" to "\"last_seq\": 40",
            "\"provider\": \"atelier-des-communs\"" to "\"provider\": \"ghost\"",
        )
        for ((old, new) in edits) {
            assertTrue(old in snapshotV1, "`$old` is not in the snapshot")
            val e = expectCode("journal.snapshot.inconsistent") { Network.fromSnapshotJson(snapshotV1.replaceFirst(old, new)) }
            assertTrue(e is CoopetitionException.Journal)
        }
    }

    @Test
    fun `parameters snapshots and journals round trip`() {
        val shipped = Parameters.shipped()
        val loaded = Parameters.load(shipped.toJson())
        assertTrue(loaded.sameAs(shipped))
        assertEquals(shipped.toJson(), loaded.toJson())
        // The shipped guide (core/data/guide.json): a network referral suggests 8%, within 6% to 10%;
        // a steward's workstream 1%, 4% recognised in kind.
        val guide = shipped.guideAt(d(2021, 1, 1)).associateBy { it.id }
        val referral = guide.getValue("network_referral")
        assertAmount("0.08", referral.rate, "rate")
        assertAmount("0.06", referral.range?.min, "lowest rate")
        assertAmount("0.10", referral.range?.max, "highest rate")
        assertAmount("0.04", guide.getValue("steward_workstream").inKindRate, "in-kind rate")
        for (bad in listOf("[]", "1", "null")) expectCode("journal.json.malformed") { Parameters.load(bad) }
        val network = Network.fromSnapshotJson(snapshot)
        assertEquals(snapshot.trim(), network.snapshotJson().trim())
        val replayed = Network.replay(journal)
        assertEquals(journal, replayed.journalJsonl())
        assertEquals(journal, writeJournal(readJournal(journal)))
    }
}
