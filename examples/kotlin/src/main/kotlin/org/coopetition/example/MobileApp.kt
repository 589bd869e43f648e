// What a mobile app does with the Kotlin bindings: a provider applies, is
// validated, signs the charter, reports a mission's solicitation, win and
// start, and sees the contribution it owes, explained in French.
//
// Run (from the repository root; see bindings-kotlin/README.md):
//   mvn -B -q -f bindings-kotlin/pom.xml install -DskipTests
//   mvn -B -q -f examples/kotlin/pom.xml compile exec:java
package org.coopetition.example

import org.coopetition.core.Actor
import org.coopetition.core.ActorKind
import org.coopetition.core.Choice
import org.coopetition.core.Client
import org.coopetition.core.ContractTerms
import org.coopetition.core.CoopetitionException
import org.coopetition.core.InvolvementLevel
import org.coopetition.core.Lang
import org.coopetition.core.LeadOrigin
import org.coopetition.Network
import org.coopetition.Policy
import org.coopetition.catalogue
import org.coopetition.code
import org.coopetition.commandToJson
import org.coopetition.core.Command
import org.coopetition.core.Action
import java.math.BigDecimal
import java.time.LocalDate

private fun euros(amount: BigDecimal?): String =
    amount?.let { "%,.2f €".format(java.util.Locale.FRANCE, it) } ?: "en attente"

fun main() {
    val steward = "camille"
    val provider = "atelier-des-communs"
    val contract = "contrat-atelier"
    val mission = "halle-de-la-gare"

    // The network, as the server would have it (here, in memory).
    val network = Network()
    network.found(
        steward, LocalDate.of(2020, 1, 6), "La Compagnie des Tiers-Lieux",
        listOf(Actor(steward, ActorKind.CITIZEN, "Camille Lefort", InvolvementLevel.STEWARD, true)),
    )

    // 1. The provider applies: it registers and proposes its membership contract,
    //    choosing from the catalogue of its kind.
    val options = catalogue(ActorKind.PROVIDER)
    println("Catalogue du prestataire : ${options.contributions.size} façons de contribuer, dont « ${options.contributions.first { it.id == "revenue_share_5pct" }.fr} »")
    network.registerActor(provider, LocalDate.of(2020, 1, 20), Actor(provider, ActorKind.PROVIDER, "L'Atelier des Communs", InvolvementLevel.SUPPORTER, true))
    val terms = ContractTerms(
        needs = listOf(Choice("network_work"), Choice("team_up")),
        extraEngagements = listOf(),
        contributions = listOf(Choice("revenue_share_5pct")),
        place = "Lille",
        signatory = "Sam Durand",
    )
    network.proposeContract(provider, LocalDate.of(2020, 1, 20), contract, terms)
    println("Candidature : contrat « $contract » ${network.contract(contract).status.label()}")

    // 2. A steward validates it (the provider could not: the error has a stable code).
    try {
        network.validateContract(provider, LocalDate.of(2020, 1, 21), contract)
    } catch (e: CoopetitionException) {
        println("Refusé : ${e.code}")
    }
    network.validateContract(steward, LocalDate.of(2020, 2, 4), contract)
    println("Validation : contrat ${network.contract(contract).status.label()}, version ${network.contract(contract).versions.last().version}")

    // 3. The provider signs the charter in force.
    val charter = network.charter()!!
    network.signCharter(provider, LocalDate.of(2020, 2, 5), charter.version)
    println("Charte « ${charter.title.fr} » v${charter.version} : ${network.charterStatus(provider).name.lowercase()}")
    println("  Article 1 : ${charter.engagements[0].fr}")

    // 4. Charter article 1: it reports the solicitation, then the win and the start.
    network.reportSolicitation(provider, LocalDate.of(2021, 3, 1), mission, Client.Outside("Ville de Lys", ActorKind.LOCAL_AUTHORITY),
        LeadOrigin.NETWORK_REFERRAL, "Programmation de la halle de la gare")
    network.reportProposal(provider, LocalDate.of(2021, 3, 15), mission)
    network.reportWon(provider, LocalDate.of(2021, 3, 29), mission, BigDecimal("18500.00"))
    network.reportStart(provider, LocalDate.of(2021, 4, 6), mission, clientInformed = true)
    val m = network.mission(mission)
    println("Mission « ${m.title} » : ${m.status.label()}, chiffre d'affaires ${euros(m.revenue)}")

    // An app offline queues commands as JSON, the same JSON Rust and Python read.
    println("Commande en file d'attente : " + commandToJson(Command(provider, LocalDate.of(2021, 5, 1), Action.DeclareContribution(mission, BigDecimal("900.00")))))

    // 5. What it owes, explained in French, under the flat rate and under the guide.
    for (name in listOf("flat", "guide")) {
        val a = network.assess(mission, Policy.builtin(name), Lang.FR)
        println("Contribution due (politique « $name ») : ${euros(a.amount)}")
        a.explanation.forEachIndexed { i, step -> println("  ${i + 1}. ${step.sentence}") }
    }
    println("Journal : ${network.journal().size} événements")
}
