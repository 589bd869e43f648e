package org.coopetition

import org.coopetition.Fx.ALICE
import org.coopetition.Fx.PAUL
import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.coopetition.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Leads the network receives and refers, and calls for partners, from Kotlin: the core's rules, records and errors. */
class LeadsTest {
    private val lys = Client.Outside("Mairie de Lys", ActorKind.LOCAL_AUTHORITY)

    @Test
    fun `a referred lead becomes the chosen member's mission`() {
        val network = Fx.withProvider()
        network.recordLead(ALICE, d(2021, 3, 2), "l-lys", lys, "Programmation d'un tiers-lieu", receivedOn = d(2021, 3, 1))
        assertEquals(listOf(PAUL), network.leadRecipients("l-lys"))
        network.offerLead(ALICE, d(2021, 3, 3), "l-lys", OfferMode.DIRECT_REFERRAL, d(2021, 3, 15), members = listOf(PAUL))
        network.answerLead(PAUL, d(2021, 3, 10), "l-lys", true, proposal = "Deux ateliers")
        val closed = network.closeLead(ALICE, d(2021, 3, 20), "l-lys", LeadClosing.Taken(PAUL, ChosenBy.CLIENT, "m-lys", "Programmation"))
        assertEquals("close_lead", closed.action.label())
        val lead = network.lead("l-lys")
        assertEquals(LeadVisibility.OFFERED, lead.visibility)
        assertEquals(Recorded(d(2021, 3, 2), 6uL), lead.recorded)
        assertEquals(listOf(PAUL), lead.offer!!.members)
        assertEquals(LeadOutcome.Taken(PAUL, ChosenBy.CLIENT, "m-lys", ALICE, Recorded(d(2021, 3, 20), 9uL)), lead.outcome)
        val mission = network.mission("m-lys")
        assertEquals("l-lys", mission.lead)
        assertEquals(LeadOrigin.NETWORK_REFERRAL, mission.leadOrigin)
        assertEquals(MissionStatus.PROPOSED, mission.status)
        network.reportWon(PAUL, d(2021, 4, 1), "m-lys", dec("8000.00"))
        assertEquals(MissionStatus.WON, network.mission("m-lys").status)
        // Stewards see every lead; a lead offered to no one else stays theirs and paul's.
        assertEquals(listOf("l-lys"), network.leadsFor(ALICE).map { it.id })
        assertEquals(listOf("l-lys"), network.leadsFor(PAUL).map { it.id })
        assertEquals(OfferMode.OPEN_CALL, offerModeFromLabel("open_call"))
    }

    @Test
    fun `a lead nobody takes is closed with its reason`() {
        val network = Fx.withProvider()
        network.recordLead(ALICE, d(2021, 3, 2), "l-1", lys, "Un diagnostic", visibility = LeadVisibility.MEMBERS)
        network.offerLead(ALICE, d(2021, 3, 3), "l-1", OfferMode.OPEN_CALL, d(2021, 3, 15))
        network.answerLead(PAUL, d(2021, 3, 4), "l-1", false)
        network.closeLead(ALICE, d(2021, 3, 20), "l-1", LeadClosing.NotTaken("Personne de disponible"))
        val outcome = network.lead("l-1").outcome
        assertTrue(outcome is LeadOutcome.NotTaken)
        assertEquals("Personne de disponible", (outcome as LeadOutcome.NotTaken).reason)
    }

    @Test
    fun `a call for partners finds a partner`() {
        val network = Fx.withWonMission()
        network.callForPartners(PAUL, d(2021, 4, 2), "c-1", Fx.MISSION, CallNeed.SKILL, "Aménagement de l'espace")
        network.answerCall(ALICE, d(2021, 4, 3), "c-1", note = "Je connais une architecte")
        network.recordCallPartner(PAUL, d(2021, 4, 4), "c-1", ALICE)
        val call = network.call("c-1")
        assertEquals(CallNeed.SKILL, call.need)
        assertEquals(listOf(ALICE), call.joined.map { it.member })
        assertEquals(listOf("c-1"), network.calls(mission = Fx.MISSION).map { it.id })
        assertEquals(listOf(ALICE), network.mission(Fx.MISSION).partners)
    }
}
