package org.coopetition

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.fail
import java.math.BigDecimal
import java.nio.file.Path
import java.nio.file.Paths
import java.time.LocalDate
import org.coopetition.core.*

/** Shared builders: a founded network, an admitted provider, a won mission. */
object Fx {
    /** The repository root (set by the pom; the tests run from bindings-kotlin/ otherwise). */
    val repo: Path = Paths.get(System.getProperty("coopetition.repo") ?: "..").toAbsolutePath().normalize()

    fun d(year: Int, month: Int, day: Int): LocalDate = LocalDate.of(year, month, day)

    fun dec(text: String): BigDecimal = BigDecimal(text)

    const val ALICE = "alice"
    const val PAUL = "paul"
    const val ZOE = "zoe"
    const val MISSION = "m-1"
    const val CONTRACT = "contract-paul"

    val FOUNDED: LocalDate = d(2020, 1, 6)

    fun providerTerms(signatory: String, vararg contributions: String = arrayOf("revenue_share_5pct")) =
        ContractTerms(
            needs = listOf(Choice("network_work"), Choice("team_up")),
            extraEngagements = listOf(),
            contributions = contributions.map { Choice(it) },
            place = "Lille",
            signatory = signatory,
        )

    /** A two-tier network founded by alice, a steward. */
    fun founded(structure: MembershipStructure = MembershipStructure.TWO_TIER): Network {
        val network = Network()
        val alice = Actor(ALICE, ActorKind.ASSOCIATION, "Alice", InvolvementLevel.STEWARD, true)
        network.found(ALICE, FOUNDED, "La Compagnie des Tiers-Lieux", listOf(alice), structure)
        return network
    }

    /** Paul, a provider, registers, applies, is validated by alice and signs the charter. */
    fun withProvider(network: Network = founded(), contributions: Array<String> = arrayOf("revenue_share_5pct", "workstream")): Network {
        network.registerActor(PAUL, d(2020, 2, 3), Actor(PAUL, ActorKind.PROVIDER, "Paul Martin", InvolvementLevel.SUPPORTER, true))
        network.proposeContract(PAUL, d(2020, 2, 3), CONTRACT, providerTerms("Paul Martin", *contributions))
        network.validateContract(ALICE, d(2020, 2, 10), CONTRACT)
        network.signCharter(PAUL, d(2020, 2, 11), 1u)
        return network
    }

    /** Paul reports mission m-1: solicited, proposed, won for 12 000 €, started. */
    fun withWonMission(network: Network = withProvider()): Network {
        network.reportSolicitation(PAUL, d(2021, 3, 1), MISSION, Client.Outside("Mairie de Lys", ActorKind.LOCAL_AUTHORITY), LeadOrigin.NETWORK_EVENT, "Programmation d'un tiers-lieu")
        network.reportProposal(PAUL, d(2021, 3, 10), MISSION)
        network.reportWon(PAUL, d(2021, 3, 20), MISSION, dec("12000.00"))
        network.reportStart(PAUL, d(2021, 4, 1), MISSION, clientInformed = true)
        return network
    }

    fun facts(revenue: String = "12345.50", origin: LeadOrigin = LeadOrigin.NETWORK_EVENT) =
        missionFacts(PAUL, dec(revenue), d(2021, 3, 1), origin)
}

/** Asserts two decimals are numerically equal (`600.00` equals `600`). */
fun assertAmount(expected: String?, actual: BigDecimal?, what: String = "amount") {
    if (expected == null || actual == null) {
        assertEquals(expected, actual?.toPlainString(), what)
    } else if (BigDecimal(expected).compareTo(actual) != 0) {
        fail<Unit>("$what: expected $expected, got ${actual.toPlainString()}")
    }
}

/** Runs [block], which must throw a coopetition error with [code]; returns it. */
inline fun expectCode(code: String, block: () -> Unit): CoopetitionException {
    try {
        block()
    } catch (e: CoopetitionException) {
        assertEquals(code, e.code, "wrong code: ${e.reason}")
        return e
    } catch (e: Throwable) {
        fail<Unit>("expected a CoopetitionException with code `$code`, got $e")
    }
    fail<Unit>("expected a CoopetitionException with code `$code`, got no error")
    throw IllegalStateException("unreachable")
}
