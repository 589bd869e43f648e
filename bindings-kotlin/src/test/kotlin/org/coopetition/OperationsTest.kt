package org.coopetition

import org.coopetition.Fx.ALICE
import org.coopetition.Fx.MISSION
import org.coopetition.Fx.PAUL
import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.coopetition.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The operations Kotlin shares with Python, with Python's names and arguments:
 * `found(by, on, name, founders, structure)`, one report per mission step with
 * an optional `occurredOn`, payments, donations and deliveries as arguments,
 * decisions as arguments, `missions(provider)`, `name`, `structure`, `sameState`.
 */
class OperationsTest {
    @Test
    fun `a network is founded with a name, two-tier unless said otherwise`() {
        val empty = Network()
        assertNull(empty.name())
        assertNull(empty.structure())
        val event = empty.found(ALICE, Fx.FOUNDED, "Réseau", listOf(Actor(ALICE, ActorKind.CITIZEN, "Alice", InvolvementLevel.STEWARD, true)))
        assertEquals(1uL, event.seq)
        assertEquals("found_network", event.action.label())
        assertEquals("Réseau", empty.name())
        assertEquals(MembershipStructure.TWO_TIER, empty.structure())
        assertEquals(MembershipStructure.ALL_IN_ONE, Fx.founded(MembershipStructure.ALL_IN_ONE).structure())
    }

    @Test
    fun `each mission step has its report, dated the day of the report unless said otherwise`() {
        val network = Fx.withProvider()
        val client = Client.Outside("Mairie", ActorKind.LOCAL_AUTHORITY)
        network.reportSolicitation(PAUL, d(2021, 3, 2), MISSION, client, LeadOrigin.OTHER, "Étude", occurredOn = d(2021, 2, 26))
        network.reportProposal(PAUL, d(2021, 3, 5), MISSION)
        val won = network.reportWon(PAUL, d(2021, 3, 10), MISSION, dec("8000.00"), occurredOn = d(2021, 3, 9))
        assertEquals("report_mission", won.action.label())
        assertEquals(d(2021, 3, 9), (won.action as Action.ReportMission).occurredOn)
        network.reportStart(PAUL, d(2021, 4, 1), MISSION, clientInformed = true)
        network.reportProgress(PAUL, d(2021, 5, 1), MISSION, "atelier", partners = listOf(ALICE), resourcesDeveloped = listOf(Resource("Trame")))
        network.reportCompletion(PAUL, d(2021, 6, 1), MISSION)
        val mission = network.mission(MISSION)
        assertEquals(MissionStatus.COMPLETED, mission.status)
        assertEquals(listOf("solicited", "proposed", "won", "started", "progress", "completed"), mission.history.map { it.step })
        assertEquals(
            listOf(d(2021, 2, 26), d(2021, 3, 5), d(2021, 3, 9), d(2021, 4, 1), d(2021, 5, 1), d(2021, 6, 1)),
            mission.history.map { it.occurredOn },
        )
        assertEquals(listOf(ALICE), mission.partners)
        assertEquals(listOf("Trame"), mission.resourcesDeveloped.map { it.name })
        assertTrue(mission.clientInformed)

        network.reportSolicitation(PAUL, d(2021, 7, 1), "m-2", client, LeadOrigin.OTHER, "Autre")
        network.reportLost(PAUL, d(2021, 7, 2), "m-2")
        assertEquals(MissionStatus.LOST, network.mission("m-2").status)
        assertEquals("", network.mission("m-2").history.last().note)
        network.reportSolicitation(PAUL, d(2021, 7, 3), "m-3", client, LeadOrigin.OTHER, "Encore")
        network.reportCancelled(PAUL, d(2021, 7, 4), "m-3", "budget retiré")
        assertEquals(MissionStatus.CANCELLED, network.mission("m-3").status)
        assertEquals("budget retiré", network.mission("m-3").history.last().note)
        assertEquals(listOf(MISSION, "m-2", "m-3"), network.missions().map { it.id })
        assertEquals(listOf<Mission>(), network.missions(ALICE))
    }

    @Test
    fun `money records take their date from the record unless given`() {
        val network = Fx.withWonMission()
        network.recordPayment(ALICE, d(2021, 6, 1), PAUL, dec("200.00"))
        network.recordDonation(ALICE, d(2021, 6, 2), PAUL, dec("50.00"))
        network.recordDelivery(PAUL, d(2021, 6, 3), PAUL, "workstream", DeliveryUnit.HOURS, dec("4"))
        assertEquals(listOf(Payment(PAUL, dec("200.00"), d(2021, 6, 1), "")), network.payments())
        assertEquals(listOf(Donation(PAUL, dec("50.00"), d(2021, 6, 2), null)), network.donations())
        assertEquals(listOf(Delivery(PAUL, "workstream", DeliveryUnit.HOURS, dec("4"), d(2021, 6, 3), "")), network.deliveries())
    }

    @Test
    fun `a decision is taken the day it is recorded unless said otherwise`() {
        val network = Fx.withProvider()
        val level = network.decideLevel(ALICE, d(2021, 1, 10), PAUL, InvolvementLevel.CONTRIBUTOR, "actif", DecisionVenue.COORDINATION_MEETING)
        assertEquals(d(2021, 1, 10), (level.action as Action.DecideLevel).decision.takenOn)
        assertEquals(InvolvementLevel.CONTRIBUTOR, network.actor(PAUL).level)
        val standing = network.decideStanding(
            ALICE, d(2021, 2, 10), PAUL, Standing.REMINDER, "rapports en retard", DecisionVenue.ONLINE_VOTE,
            takenOn = d(2021, 2, 8), reference = "vote-12",
        )
        val decision = (standing.action as Action.DecideStanding).decision
        assertEquals(Decision("rapports en retard", d(2021, 2, 8), DecisionVenue.ONLINE_VOTE, "vote-12"), decision)
    }

    @Test
    fun `mission facts are built from provider, revenue, date won and lead origin, as in Python`() {
        val facts = MissionFacts(PAUL, dec("1000.00"), d(2021, 3, 1), LeadOrigin.OTHER)
        assertEquals(PAUL, facts.provider)
        assertEquals(LeadOrigin.OTHER, facts.leadOrigin)
        assertEquals(0u, facts.partners)
        assertEquals(NegotiationState.NotOpened, facts.negotiation)
        assertNull(facts.declared)
        assertNull(facts.mission)
        assertAmount("0", facts.donations, "donations")
        // 5 % of 1 000.
        assertAmount("50.00", Policy.builtin("flat").evaluate(facts.copy(partners = 2u), Lang.EN).amount, "flat")
    }

    @Test
    fun `two networks with the same journal have the same state`() {
        val network = Fx.withWonMission()
        val copy = Network.replay(network.journalJsonl())
        assertTrue(copy.sameState(network))
        assertTrue(network.sameState(network))
        copy.recordPayment(ALICE, d(2021, 6, 1), PAUL, dec("1.00"))
        assertFalse(copy.sameState(network))
    }
}
