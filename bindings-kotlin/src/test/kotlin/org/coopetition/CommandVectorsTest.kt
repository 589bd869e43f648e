package org.coopetition

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.nio.file.Files

/**
 * Every command sequence of `tests/vectors/commands/` (format in
 * tests/vectors/README.md, section "Command sequences"), run through
 * `Network.executeJson`: each issuer of each case on a fresh network built
 * from the case's setup, with the result the file expects.
 */
class CommandVectorsTest {
    private class Run(val id: String, val setup: List<String>, val command: String, val expected: JsonObject)

    private fun loadRuns(): List<Run> {
        val dir = Fx.repo.resolve("tests").resolve("vectors").resolve("commands")
        val files = Files.list(dir).use { s -> s.filter { it.toString().endsWith(".json") }.sorted().toList() }
        return files.flatMap { path ->
            val top = JsonParser.parseString(Files.readString(path)).asJsonObject
            val setups = top.getAsJsonObject("setups")
            top.getAsJsonArray("cases").map { it.asJsonObject }.flatMap { case ->
                val setup = setups.getAsJsonArray(case.get("setup").asString).map { it.toString() }
                case.getAsJsonObject("expected").entrySet().map { (by, expected) ->
                    val command = JsonObject()
                    command.addProperty("by", by)
                    command.add("on", case.get("on"))
                    command.add("action", case.get("action"))
                    Run("${path.fileName} / ${case.get("name").asString} / $by", setup, command.toString(), expected.asJsonObject)
                }
            }
        }
    }

    private fun outcome(run: Run): String {
        val network = Network()
        for (command in run.setup) network.executeJson(command)
        val before = network.snapshotJson() to network.journalJsonl()
        return try {
            network.executeJson(run.command)
            "accepted"
        } catch (e: CoopetitionException) {
            assertEquals(before, network.snapshotJson() to network.journalJsonl(), "a refused command changed the network")
            e.code
        }
    }

    @TestFactory
    fun `every command sequence`(): List<DynamicTest> {
        val runs = loadRuns()
        assertTrue(runs.size >= 150, "only ${runs.size} runs")
        return runs.map { run ->
            DynamicTest.dynamicTest(run.id) {
                val want = if (run.expected.get("accepted")?.asBoolean == true) "accepted" else run.expected.get("error").asString
                assertEquals(want, outcome(run), run.id)
            }
        }
    }
}
