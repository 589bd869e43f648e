package org.coopetition

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.math.BigDecimal
import java.nio.file.Files
import java.time.LocalDate
import org.coopetition.core.*

/**
 * The shared text vectors (`tests/vectors/text/formatting.json`) through the
 * Kotlin API: the formatter's functions, and the sentences of explanations,
 * in French and English.
 */
class FormattingTest {
    private val vectors: JsonObject = JsonParser.parseString(
        Files.readString(Fx.repo.resolve("tests").resolve("vectors").resolve("text").resolve("formatting.json"))
    ).asJsonObject

    private val langs = listOf(Lang.FR to "fr", Lang.EN to "en")

    private fun cases(key: String) = vectors.getAsJsonArray(key).map { it.asJsonObject }.also { assert(it.isNotEmpty()) }

    @Test
    fun `values are written as each language writes them`() {
        for ((lang, key) in langs) {
            for (case in cases("amounts")) {
                assertEquals(case.get(key).asString, formatAmount(BigDecimal(case.get("value").asString), lang), case.toString())
            }
            for (case in cases("numbers")) {
                assertEquals(case.get(key).asString, formatNumber(BigDecimal(case.get("value").asString), lang), case.toString())
            }
            for (case in cases("percents")) {
                assertEquals(case.get(key).asString, formatPercent(BigDecimal(case.get("share").asString), lang), case.toString())
            }
            for (case in cases("counts")) {
                val one = case.getAsJsonObject("singular").get(key).asString
                val many = case.getAsJsonObject("plural").get(key).asString
                assertEquals(case.get(key).asString, formatCount(case.get("n").asLong.toULong(), one, many, lang))
            }
            for (case in cases("dates")) {
                assertEquals(case.get(key).asString, formatDate(LocalDate.parse(case.get("on").asString), lang))
            }
        }
    }

    @Test
    fun `explanations use them`() {
        for (case in cases("explanations")) {
            val facts = missionFactsFromJson(case.getAsJsonObject("mission").toString())
            for ((lang, key) in langs) {
                val assessment = Policy.builtin(case.get("policy").asString, null).evaluate(facts, lang, null)
                val expected = case.getAsJsonArray(key).map { it.asString }
                assertEquals(expected, assessment.explanation.map { it.sentence }, "${case.get("name").asString} in $key")
                // Each step's source, cited as data (null: the step applies no text of the network).
                val sources = case.getAsJsonArray("sources").map { if (it.isJsonNull) null else it.asString }
                assertEquals(sources, assessment.explanation.map { it.sourceCode }, "${case.get("name").asString} sources")
                assertEquals(sources.map { it == null }, assessment.explanation.map { it.sourceTitle == null })
            }
        }
    }
}
