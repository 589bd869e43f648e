package org.coopetition

import com.google.gson.GsonBuilder
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.nio.file.Files
import java.nio.file.Paths
import org.coopetition.core.*

/**
 * The public operations of Kotlin's `Network`, read by reflection on the
 * generated classes (the `NetworkInterface` every instance method is declared
 * in, and the companion holding the other constructors), written with their
 * parameter names to `target/interop/kotlin_surface.json`. The Python suite's
 * `test_surface.py` compares them with Python's `Network`, read by
 * introspection (`make test-interop` requires the file).
 */
class SurfaceTest {
    private fun operations(methods: Array<Method>): Map<String, List<String>> =
        methods.filter { !it.isSynthetic && !it.isBridge && Modifier.isPublic(it.modifiers) }
            // An unsigned (inline) type in a signature makes Kotlin add a hash to the JVM name
            // (`lastSeq-s-VKNKU`): the operation's name is what precedes it.
            .associate { m -> m.name.substringBefore('-') to m.parameters.map { it.name } }

    @Test
    fun `Network's operations are written for the parity check`() {
        val instance = operations(NetworkInterface::class.java.declaredMethods)
        val constructors = operations(Network.Companion::class.java.declaredMethods)
        val all = (instance + constructors).toSortedMap()
        // The names come from the class files (compiled with -java-parameters), never from a list.
        assertTrue(all.values.flatten().none { Regex("arg\\d+").matches(it) }, "parameter names missing: $all")
        assertTrue("found" in all && "replay" in all, "reflection found no Network operation: ${all.keys}")
        val out = Paths.get(System.getProperty("coopetition.target") ?: "../target").resolve("interop")
        Files.createDirectories(out)
        val json = GsonBuilder().setPrettyPrinting().create().toJson(mapOf("Network" to all))
        Files.writeString(out.resolve("kotlin_surface.json"), json + "\n")
    }
}
