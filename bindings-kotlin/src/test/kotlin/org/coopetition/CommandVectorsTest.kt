package org.coopetition

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import java.math.BigDecimal
import java.nio.file.Files
import org.coopetition.core.*

/**
 * Every command vector of `tests/vectors/commands/` (format in
 * tests/vectors/README.md, section "Command vectors"), run through
 * `Network.executeJson`: an issuer matrix runs each issuer on a fresh network
 * built from the case's setup; a sequence runs its commands in order on one
 * network, each accepted with its sequence number or refused with its code,
 * then reads its facts through the typed API (`standing`, `isMember`,
 * `charterStatus`, `ledger`) or the snapshot.
 */
class CommandVectorsTest {
    private class File(val name: String, val top: JsonObject) {
        fun setup(case: JsonObject): List<String> =
            case.get("setup")?.takeIf { !it.isJsonNull }?.let { name ->
                top.getAsJsonObject("setups").getAsJsonArray(name.asString).map { it.toString() }
            } ?: emptyList()

        val cases: List<JsonObject> get() = top.getAsJsonArray("cases").map { it.asJsonObject }
    }

    private class Run(val id: String, val setup: List<String>, val command: JsonObject, val want: String)

    private val files: List<File> by lazy {
        val dir = Fx.repo.resolve("tests").resolve("vectors").resolve("commands")
        Files.list(dir).use { s -> s.filter { it.toString().endsWith(".json") }.sorted().toList() }
            .map { File(it.fileName.toString(), JsonParser.parseString(Files.readString(it)).asJsonObject) }
    }

    private fun runs(): List<Run> = files.flatMap { file ->
        file.cases.filter { !it.has("commands") }.flatMap { case ->
            case.getAsJsonObject("expected").entrySet().map { (by, expected) ->
                val command = JsonObject()
                command.addProperty("by", by)
                command.add("on", case.get("on"))
                command.add("action", case.get("action"))
                val e = expected.asJsonObject
                val want = if (e.get("accepted")?.asBoolean == true) "accepted" else e.get("error").asString
                Run("${file.name} / ${case.get("name").asString} / $by", file.setup(case), command, want)
            }
        }
    }

    private fun build(setup: List<String>): Network {
        val network = Network()
        for (command in setup) network.executeJson(command)
        return network
    }

    /** `seq n`, or the code of the refusal, which must leave the network unchanged. */
    private fun outcome(network: Network, command: String): String {
        val before = network.snapshotJson() to network.journalJsonl()
        return try {
            "seq ${network.executeJson(command).seq}"
        } catch (e: CoopetitionException) {
            assertEquals(before, network.snapshotJson() to network.journalJsonl(), "a refused command changed the network")
            e.code
        }
    }

    private fun result(expected: JsonObject): String =
        if (expected.has("seq")) "seq ${expected.get("seq").asLong}" else expected.get("error").asString

    @TestFactory
    fun `every issuer matrix`(): List<DynamicTest> {
        val runs = runs()
        assertTrue(runs.size >= 150, "only ${runs.size} runs")
        return runs.map { run ->
            DynamicTest.dynamicTest(run.id) {
                val got = outcome(build(run.setup), run.command.toString()).let { if (it.startsWith("seq ")) "accepted" else it }
                assertEquals(run.want, got, run.id)
            }
        }
    }

    /** A JSON pointer (RFC 6901); a path that leads nowhere reads as null. */
    private fun pointer(document: JsonElement, path: String): JsonElement {
        var at: JsonElement = document
        for (raw in path.split("/").drop(1)) {
            val token = raw.replace("~1", "/").replace("~0", "~")
            at = when {
                at is JsonObject && at.has(token) -> at.get(token)
                at is JsonArray && token.toIntOrNull()?.let { it in 0 until at.size() } == true -> at.get(token.toInt())
                else -> return JsonNull.INSTANCE
            }
        }
        return at
    }

    private fun ledgerField(ledger: MemberLedger, field: String): JsonElement = when (field) {
        "due" -> JsonPrimitive(ledger.due)
        "paid" -> JsonPrimitive(ledger.paid)
        "in_kind_value" -> JsonPrimitive(ledger.inKindValue)
        "offset" -> JsonPrimitive(ledger.offset)
        "donated" -> JsonPrimitive(ledger.donated)
        "balance" -> JsonPrimitive(ledger.balance)
        "unpriced" -> JsonArray().also { a -> ledger.unpriced.forEach { a.add(it) } }
        else -> throw AssertionError("unknown ledger field `$field`")
    }

    private fun factMismatch(network: Network, fact: JsonObject): String? {
        val want = fact.get("equals")
        val got: JsonElement = when {
            fact.has("state") -> pointer(JsonParser.parseString(network.snapshotJson()).asJsonObject.get("state"), fact.get("state").asString)
            fact.has("standing") -> JsonPrimitive(network.standing(fact.get("standing").asString).label())
            fact.has("member") -> JsonPrimitive(network.isMember(fact.get("member").asString))
            fact.has("charter_status") -> JsonPrimitive(network.charterStatus(fact.get("charter_status").asString).name.lowercase())
            fact.has("ledger") -> {
                val q = fact.getAsJsonObject("ledger")
                val ledger = network.ledger(q.get("member").asString, q.get("year").asInt, Policy.builtin(q.get("policy").asString))
                val wrong = want.asJsonObject.entrySet().mapNotNull { (field, value) ->
                    val actual = ledgerField(ledger, field)
                    val same = if (value.isJsonPrimitive && value.asJsonPrimitive.isString) {
                        BigDecimal(value.asString).compareTo(actual.asBigDecimal) == 0
                    } else {
                        value == actual
                    }
                    if (same) null else "$field $actual"
                }
                return if (wrong.isEmpty()) null else "$fact: got ${wrong.joinToString()}"
            }
            fact.has("fiscal_year") -> {
                val year = network.fiscalYear(fact.get("fiscal_year").asInt)
                JsonArray().also { it.add(year.firstDay.toString()); it.add(year.lastDay.toString()) }
            }
            fact.has("ledger_entries") -> {
                val q = fact.getAsJsonObject("ledger_entries")
                val entries = network.ledgerEntries(
                    java.time.LocalDate.parse(q.get("start").asString),
                    java.time.LocalDate.parse(q.get("end").asString),
                    Policy.builtin(q.get("policy").asString),
                )
                fun text(s: String?): JsonElement = if (s == null) JsonNull.INSTANCE else JsonPrimitive(s)
                JsonArray().also { rows ->
                    entries.forEach { e ->
                        rows.add(JsonArray().also { r ->
                            r.add(e.on.toString())
                            r.add(e.member)
                            r.add(e.kind.label())
                            r.add(text(e.mission))
                            r.add(text(e.amount?.toPlainString()))
                            r.add(text(e.status?.label()))
                            r.add(e.detail)
                        })
                    }
                }
            }
            fact.has("referral_report") -> {
                val report = network.referralReport(fact.getAsJsonObject("referral_report").get("year").asInt)
                val providers = JsonArray().also { list ->
                    report.providers.forEach { p ->
                        list.add(JsonObject().also { o ->
                            o.addProperty("provider", p.provider)
                            o.addProperty("offered", p.offered.toLong())
                            o.addProperty("answered", p.answered.toLong())
                            o.addProperty("interested", p.interested.toLong())
                            o.addProperty("won", p.won.toLong())
                            o.addProperty("lost", p.lost.toLong())
                            o.addProperty("share_of_won", p.shareOfWon)
                        })
                    }
                }
                val got = JsonObject().also { o ->
                    o.addProperty("leads_received", report.leadsReceived.toLong())
                    o.addProperty("leads_offered", report.leadsOffered.toLong())
                    o.addProperty("leads_taken", report.leadsTaken.toLong())
                    o.addProperty("leads_not_taken", report.leadsNotTaken.toLong())
                    o.add("hhi_won", report.hhiWon?.let { JsonPrimitive(it) } ?: JsonNull.INSTANCE)
                    o.add("providers", providers)
                }
                return if (alike(want, got)) null else "$fact: got $got"
            }
            fact.has("benefits_statement") -> {
                val q = fact.getAsJsonObject("benefits_statement")
                val s = network.benefitsStatement(q.get("member").asString, q.get("year").asInt, Lang.EN)
                fun obj(vararg pairs: Pair<String, String?>) = JsonObject().also { o ->
                    pairs.forEach { (k, v) -> o.add(k, v?.let { JsonPrimitive(it) } ?: JsonNull.INSTANCE) }
                }
                fun found(f: FoundThroughCall) = obj("call" to f.call, "mission" to f.mission, "what" to f.what,
                    "partner" to f.partner, "resource" to f.resource, "joined_on" to f.joinedOn.toString())
                fun list(items: List<JsonElement>) = JsonArray().also { a -> items.forEach { a.add(it) } }
                val got = JsonObject().also { o ->
                    o.add("leads_offered", list(s.leadsOffered.map {
                        obj("lead" to it.lead, "need" to it.need, "offered_on" to it.offeredOn.toString(),
                            "mode" to it.mode.label(), "result" to it.result.label())
                    }))
                    o.add("leads_won", list(s.leadsWon.map {
                        obj("lead" to it.lead, "mission" to it.mission, "chosen_by" to it.chosenBy.label(), "won_on" to it.wonOn.toString())
                    }))
                    o.add("partners_found", list(s.partnersFound.map { found(it) }))
                    o.add("resources_through_calls", list(s.resourcesThroughCalls.map { found(it) }))
                    o.add("shared_resources_used", list(s.sharedResourcesUsed.map {
                        obj("mission" to it.mission, "name" to it.name, "first_used_on" to it.firstUsedOn.toString())
                    }))
                    o.add("events_attended", list(s.eventsAttended.map {
                        obj("event" to it.event, "title" to it.title, "held_on" to it.heldOn.toString())
                    }))
                    o.add("missions_from_events", list(s.missionsFromEvents.map { JsonPrimitive(it) }))
                }
                return if (alike(want, got)) null else "$fact: got $got"
            }
            else -> throw AssertionError("unknown fact $fact")
        }
        return if (got == want) null else "$fact: got $got"
    }

    /** Whether [got] has every field [want] names, equal; decimals written as strings compared as numbers. */
    private fun alike(want: JsonElement, got: JsonElement?): Boolean = when {
        got == null -> false
        want.isJsonObject -> got.isJsonObject && want.asJsonObject.entrySet().all { (k, v) -> alike(v, got.asJsonObject.get(k)) }
        want.isJsonArray -> got.isJsonArray && want.asJsonArray.size() == got.asJsonArray.size() &&
            want.asJsonArray.zip(got.asJsonArray).all { (a, b) -> alike(a, b) }
        want.isJsonPrimitive && want.asJsonPrimitive.isString && got.isJsonPrimitive && got.asJsonPrimitive.isNumber ->
            BigDecimal(want.asString).compareTo(got.asBigDecimal) == 0
        want.isJsonPrimitive && want.asJsonPrimitive.isNumber && got.isJsonPrimitive ->
            want.asBigDecimal.compareTo(got.asBigDecimal) == 0
        else -> want == got
    }

    @TestFactory
    fun `every sequence`(): List<DynamicTest> = files.flatMap { file ->
        file.cases.filter { it.has("commands") }.map { case ->
            val id = "${file.name} / ${case.get("name").asString}"
            DynamicTest.dynamicTest(id) {
                val network = build(file.setup(case))
                val commands = case.getAsJsonArray("commands")
                val results = case.getAsJsonObject("expected").getAsJsonArray("results")
                assertEquals(commands.size(), results.size(), "$id: one result per command")
                val failures = mutableListOf<String>()
                commands.zip(results).forEachIndexed { i, (command, expected) ->
                    val got = outcome(network, command.toString())
                    val want = result(expected.asJsonObject)
                    if (got != want) failures += "command ${i + 1}: expected $want, got $got"
                }
                for (fact in case.getAsJsonObject("expected").getAsJsonArray("facts")) {
                    factMismatch(network, fact.asJsonObject)?.let { failures += it }
                }
                assertTrue(failures.isEmpty(), "$id:\n" + failures.joinToString("\n"))
            }
        }
    }

    /** The action labels, read from the core: its journal reader names them all for a type it does not know. */
    private fun coreLabels(): Set<String> {
        val probe = """{"by": "a", "on": "2020-01-01", "action": {"type": "no such action"}}"""
        val message = try {
            Network().executeJson(probe)
            throw AssertionError("an unknown action type was accepted")
        } catch (e: CoopetitionException) {
            e.message ?: ""
        }
        assertTrue(message.contains("expected one of"), message)
        return Regex("`([a-z_]+)`").findAll(message.substringAfter("expected one of")).map { it.groupValues[1] }.toSet()
    }

    @Test
    fun `every action label is accepted and refused`() {
        val names = files.flatMap { f -> f.cases.map { it.get("name").asString } }
        assertEquals(names.size, names.toSet().size, "a case name is used twice")
        assertTrue(names.size >= 85, "only ${names.size} cases")
        val seen = mutableMapOf<String, MutableSet<Boolean>>()
        fun note(command: JsonElement, accepted: Boolean) {
            seen.getOrPut(command.asJsonObject.getAsJsonObject("action").get("type").asString) { mutableSetOf() } += accepted
        }
        for (file in files) {
            file.top.getAsJsonObject("setups")?.entrySet()?.forEach { (_, setup) -> setup.asJsonArray.forEach { note(it, true) } }
        }
        for (run in runs()) note(run.command, run.want == "accepted")
        for (file in files) {
            for (case in file.cases.filter { it.has("commands") }) {
                case.getAsJsonArray("commands").zip(case.getAsJsonObject("expected").getAsJsonArray("results")).forEach { (command, r) ->
                    val result = r.asJsonObject
                    // A command the journal's reader refuses is refused before any rule: it covers no label.
                    if (result.get("error")?.asString != "journal.json.malformed") note(command, result.has("seq"))
                }
            }
        }
        val missing = coreLabels().sorted().flatMap { label ->
            listOf(true, false).filter { it !in seen[label].orEmpty() }
                .map { "`$label` is in no ${if (it) "accepted" else "refused"} command" }
        }
        assertTrue(missing.isEmpty(), missing.joinToString("\n"))
    }
}
