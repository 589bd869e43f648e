package org.coopetition

import org.coopetition.Fx.ALICE
import org.coopetition.Fx.PAUL
import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.coopetition.core.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Network events and the lead origins that follow from the network's records, from Kotlin. */
class OriginsTest {
    private val lys = Client.Outside("Mairie de Lys", ActorKind.LOCAL_AUTHORITY)

    private fun metAtTheForum(): Network {
        val network = Fx.withProvider()
        network.recordNetworkEvent(ALICE, d(2021, 2, 10), "e-forum", "Forum des tiers-lieux", d(2021, 2, 9),
            attendees = listOf(Client.Member(PAUL), lys))
        network.reportSolicitation(PAUL, d(2021, 3, 1), "m-lys", lys, LeadOrigin.NETWORK_EVENT, "Programmation")
        network.reportProposal(PAUL, d(2021, 3, 2), "m-lys")
        network.reportWon(PAUL, d(2021, 3, 3), "m-lys", dec("10000.00"))
        return network
    }

    @Test
    fun `an event attended by the provider and the client gives the recorded origin, cited by the guide`() {
        val network = metAtTheForum()
        val forum = network.networkEvent("e-forum")
        assertEquals(listOf(Client.Member(PAUL), lys), forum.attendees)
        assertEquals(Recorded(d(2021, 2, 10), 6uL), forum.recorded)
        assertEquals(listOf(forum), network.networkEvents())
        val mission = network.mission("m-lys")
        assertEquals(LeadOriginBasis.RECORDED, mission.leadOriginBasis)
        assertEquals(OriginRecord.NetworkEvent("e-forum"), mission.originRecord)
        val guide = network.assess("m-lys", Policy.builtin("guide"), Lang.EN)
        assertEquals("guide.origin", guide.explanation[0].code)
        assertEquals(mapOf("origin" to "network_event", "basis" to "recorded", "record" to "e-forum"), guide.explanation[0].params)
        assertEquals("The lead origin, met at a network event, is recorded by the network: network event e-forum.",
            guide.explanation[0].sentence)
        assertEquals(LeadOriginBasis.DECLARED, leadOriginBasisFromLabel("declared"))
        // A mission without records stays declared.
        val facts = missionFacts(PAUL, dec("100.00"), d(2021, 3, 1), LeadOrigin.OTHER)
        assertEquals(LeadOriginBasis.DECLARED, facts.leadOriginBasis)
        assertNull(facts.originRecord)
    }

    @Test
    fun `a declaration the records contradict is refused with a code naming the record`() {
        val network = metAtTheForum()
        val e = expectCode("mission.origin.contradicted") {
            network.reportSolicitation(PAUL, d(2021, 4, 1), "m-2", lys, LeadOrigin.OWN_NETWORK, "Animation")
        }
        assertTrue(e is CoopetitionException.Mission)
        assertTrue(e.reason.contains("network event e-forum"), e.reason)
        assertEquals(1, network.missions(null).size)
    }

    @Test
    fun `the benefits statement lists what the network brought, as data and as a document`() {
        val network = metAtTheForum()
        val s = network.benefitsStatement(PAUL, 2021, Lang.FR)
        assertEquals(listOf("e-forum"), s.eventsAttended.map { it.event })
        assertEquals(listOf("m-lys"), s.missionsFromEvents)
        assertTrue(s.leadsOffered.isEmpty())
        assertTrue(s.document.startsWith("# Ce que le réseau m'a apporté en 2021"), s.document)
        assertEquals(LeadResult.WON, leadResultFromLabel("won"))
        val e = expectCode("actor.id.unknown") { network.benefitsStatement("ghost", 2021, Lang.EN) }
        assertTrue(e is CoopetitionException.Actor)
    }
}
