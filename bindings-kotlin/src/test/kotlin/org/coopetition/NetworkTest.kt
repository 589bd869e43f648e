package org.coopetition

import org.coopetition.Fx.ALICE
import org.coopetition.Fx.CONTRACT
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

/** The network aggregate from Kotlin: commands, queries, JSON, documents, ledger. */
class NetworkTest {
    @Test
    fun `a provider applies, is validated, signs and reports a mission`() {
        val network = Fx.withWonMission()
        assertEquals("La Compagnie des Tiers-Lieux", network.name())
        assertEquals(Fx.FOUNDED, network.foundedOn())
        assertEquals(ActorKind.PROVIDER, network.actor(PAUL).kind)
        assertTrue(network.isMember(PAUL))
        val contract = network.contract(CONTRACT)
        assertEquals(ContractStatus.ACTIVE, contract.status)
        assertEquals(1, contract.versions.size)
        assertEquals(ALICE, contract.versions[0].validatedBy)
        assertEquals(contract, network.liveContract(PAUL))
        assertEquals(contract.versions[0], network.contractVersion(CONTRACT, 1u))
        assertEquals(CharterStatus.SIGNED, network.charterStatus(PAUL))
        assertEquals(1u, network.charterSignatures(PAUL).single().version)
        val mission = network.mission(MISSION)
        assertEquals(MissionStatus.STARTED, mission.status)
        assertAmount("12000", mission.revenue, "revenue")
        assertTrue(mission.clientInformed)
        assertEquals(listOf("solicited", "proposed", "won", "started"), mission.history.map { it.step })
        assertEquals(listOf(mission), network.missions(PAUL))
        assertEquals(9uL, network.lastSeq())
        assertEquals((1..9).map { it.toULong() }, network.journal().map { it.seq })
        assertEquals("report_mission", network.journal().last().action.label())
    }

    @Test
    fun `contract amendments keep every version`() {
        val network = Fx.withProvider()
        network.proposeAmendment(PAUL, d(2020, 6, 1), CONTRACT, Fx.providerTerms("Paul Martin", "revenue_share_5pct", "recurring_event"))
        assertEquals(1, network.contract(CONTRACT).versions.size)
        network.validateContract(ALICE, d(2020, 6, 8), CONTRACT)
        val c = network.contract(CONTRACT)
        assertEquals(listOf(1u, 2u), c.versions.map { it.version })
        assertEquals(listOf("revenue_share_5pct", "recurring_event"), c.versions[1].terms.contributions.map { it.item })
        assertTrue(network.contractDocument(CONTRACT, 1u, Lang.FR).isNotBlank())
    }

    @Test
    fun `commands as JSON interoperate with Rust and Python`() {
        val network = Fx.founded()
        val json = """{"by":"zoe","on":"2020-02-01","action":{"type":"register_actor","actor":{"id":"zoe","kind":"citizen","display_name":"Zoé","level":"supporter","public_listing":false}}}"""
        val event = network.executeJson(json)
        assertEquals(2uL, event.seq)
        val action = event.action as Action.RegisterActor
        assertEquals("Zoé", action.actor.displayName)
        // The typed command writes the same JSON the core reads.
        val command = commandFromJson(json)
        assertEquals(command, commandFromJson(commandToJson(command)))
        assertEquals("register_actor", event.action.label())
        val line = eventToJson(event)
        assertTrue(line.startsWith("""{"seq":2,"by":"zoe","on":"2020-02-01","action":{"type":"register_actor""""), line)
        // A dry run checks without applying.
        val again = Command("zoe", d(2020, 2, 2), Action.RegisterActor(action.actor))
        expectCode("actor.id.duplicate") { network.check(again) }
        network.check(Command(ALICE, d(2020, 2, 2), Action.SetPublicListing(ALICE, false)))
        assertEquals(2uL, network.lastSeq())
    }

    @Test
    fun `journal and snapshot round trip`() {
        val network = Fx.withWonMission()
        val replayed = Network.replay(network.journalJsonl())
        assertEquals(network.snapshotJson(), replayed.snapshotJson())
        val restored = Network.fromSnapshotJson(network.snapshotJson())
        assertEquals(network.mission(MISSION), restored.mission(MISSION))
        assertTrue(restored.journal().isEmpty())
        // Resume: the snapshot, then the journal written since.
        restored.reportProgress(PAUL, d(2021, 5, 1), MISSION, "atelier de programmation")
        val resumed = Network.resume(network.snapshotJson(), restored.journalJsonl())
        assertEquals(restored.snapshotJson(), resumed.snapshotJson())
        assertEquals(network.journal(), readJournal(network.journalJsonl()))
        assertEquals(network.journalJsonl(), writeJournal(network.journal()))
    }

    @Test
    fun `catalogues and the charter text`() {
        val provider = catalogue(ActorKind.PROVIDER)
        assertEquals(6, provider.needs.size)
        assertTrue(provider.contributions.any { it.id == "revenue_share_5pct" && it.form == ContributionForm.REVENUE_SHARE })
        assertTrue(provider.contributions.any { it.form.label() == "workstream" })
        assertEquals(ActorKind.entries.toSet(), catalogues().keys)
        assertEquals(provider, catalogues()[ActorKind.PROVIDER])
        val charter = shippedCharter().single()
        assertEquals(5, charter.engagements.size)
        assertTrue(charter.engagements[0].fr.startsWith("Je m'engage à informer le réseau"))
        val network = Fx.withProvider()
        assertEquals(charter, network.charter())
        assertTrue(network.charterDocument(lang = Lang.FR).startsWith("# Charte de coopération"))
        assertTrue(network.signedCharterDocument(PAUL, Lang.EN).contains("Paul Martin"))
    }

    @Test
    fun `labels of enums from an app's storage`() {
        assertEquals(ActorKind.THIRD_PLACE, actorKindFromLabel("third_place"))
        assertEquals("third_place", ActorKind.THIRD_PLACE.label())
        for (origin in LeadOrigin.entries) assertEquals(origin, leadOriginFromLabel(origin.label()))
        assertEquals(Lang.FR, langFromLabel("fr"))
        assertEquals(Standing.GOOD_STANDING, standingFromLabel("good_standing"))
    }

    @Test
    fun `public directory lists consenting members`() {
        val network = Fx.withProvider()
        network.registerActor("zoe", d(2020, 3, 1), Actor("zoe", ActorKind.CITIZEN, "Zoé", InvolvementLevel.SUPPORTER, false))
        val ids = network.publicDirectory().map { it.id }
        assertEquals(listOf(ALICE, PAUL), ids)
        assertEquals(CharterStatus.SIGNED, network.publicDirectory().single { it.id == PAUL }.charter)
        assertTrue(network.directoryMarkdown(Lang.FR).contains("Paul Martin"))
        assertFalse(network.directoryMarkdown(Lang.EN).contains("Zoé"))
    }

    @Test
    fun `assessment of a reported mission, explained in French`() {
        val network = Fx.withWonMission()
        val facts = network.missionFacts(MISSION)
        assertEquals(MISSION, facts.mission)
        assertTrue(facts.clientInformed)
        val flat = network.assess(MISSION, Policy.builtin("flat"), Lang.FR)
        assertAmount("600.00", flat.amount)
        assertEquals(Provenance.COMPUTED, flat.provenance)
        assertEquals(listOf("flat.rate", "flat.amount"), flat.explanation.map { it.code })
        assertEquals("Le taux forfaitaire en vigueur depuis le 1er janvier 2020 est de 5\u202F%.", flat.explanation[0].sentence)
        assertEquals(mapOf("rate" to "0.05", "since" to "2020-01-01"), flat.explanation[0].params)
        // Negotiated: pending until the provider and a steward agree.
        val pending = network.assess(MISSION, Policy.builtin("negotiated"), Lang.EN)
        assertEquals(AssessmentStatus.PENDING, pending.status)
        assertNull(pending.amount)
        network.offerContribution(PAUL, d(2021, 4, 2), MISSION, dec("400"))
        network.offerContribution(ALICE, d(2021, 4, 3), MISSION, dec("500"))
        network.acceptOffer(PAUL, d(2021, 4, 4), MISSION)
        val negotiation = network.negotiation(MISSION)!!
        assertEquals(NegotiationStatus.AGREED, negotiation.status)
        // The provider accepted the network's last offer, 500 €, on 4 April.
        assertAmount("500", negotiation.agreed?.amount)
        assertEquals(d(2021, 4, 4), negotiation.agreed?.on)
        val agreed = network.assess(MISSION, Policy.builtin("negotiated"), Lang.EN)
        assertAmount("500", agreed.amount)
        assertEquals(Provenance.NEGOTIATED, agreed.provenance)
        // Self-assessed: the declaration, with the guide's suggestion beside it.
        network.declareContribution(PAUL, d(2021, 4, 5), MISSION, dec("450"))
        assertAmount("450", network.declaration(MISSION)?.amount)
        val declared = network.assess(MISSION, Policy.builtin("self_assessed"), Lang.FR)
        assertEquals(listOf("self.declared", "self.suggestion", "self.gap"), declared.explanation.map { it.code })
    }

    @Test
    fun `ledger and annual statement of a member`() {
        val network = Fx.withWonMission()
        network.recordPayment(ALICE, d(2021, 6, 1), PAUL, dec("200.00"), paidOn = d(2021, 5, 30), reference = "virement 42")
        network.recordDelivery(PAUL, d(2021, 6, 2), PAUL, "workstream", DeliveryUnit.HOURS, dec("4"), deliveredOn = d(2021, 6, 2))
        network.recordDonation(ALICE, d(2021, 6, 3), PAUL, dec("50.00"), givenOn = d(2021, 6, 3), mission = MISSION)
        val ledger = network.ledger(PAUL, 2021, Policy.builtin("flat"))
        // 5% of 12 000 = 600 due; 4 h × 35 € = 140 in kind offset; 200 paid: 260 owed.
        assertAmount("600.00", ledger.due)
        assertAmount("200.00", ledger.paid)
        assertAmount("140.00", ledger.inKindValue)
        assertAmount("140.00", ledger.offset)
        assertAmount("50.00", ledger.donated)
        assertAmount("260.00", ledger.balance)
        assertEquals(Settlement.OWED, ledger.settlement())
        assertEquals(listOf(MISSION), ledger.missions.map { it.mission })
        val all = network.networkLedger(2021, Policy.builtin("flat"))
        assertAmount("260.00", all.balance)
        assertEquals(listOf(PAUL), all.members.map { it.member })
        val statement = network.annualStatement(PAUL, 2021, Lang.FR, Policy.builtin("flat"))
        assertTrue(statement.contains("Paul Martin") && statement.contains("260,00"), statement)
    }

    @Test
    fun `charter follow-up - compliance, hearing and standing`() {
        val network = Fx.withWonMission()
        val report = network.complianceReport(d(2021, 12, 31))
        val paul = report.members.single { it.member == PAUL }
        assertTrue(paul.engagements.any { it.rule == ComplianceRule.SOLICITATION_REPORTED && it.status == ComplianceStatus.MET }, paul.toString())
        assertEquals(paul, network.memberCompliance(PAUL, d(2021, 12, 31)))
        assertEquals(defaultFollowUpRules(), network.followUpRules(d(2021, 1, 1)))
        network.recordAttendance(ALICE, d(2021, 11, 20), PAUL, 2021, "rencontre qualité")
        assertEquals(Standing.GOOD_STANDING, network.standing(PAUL))
        network.decideStanding(ALICE, d(2021, 12, 2), PAUL, Standing.REMINDER, "rappel des engagements", DecisionVenue.COORDINATION_MEETING, takenOn = d(2021, 12, 1))
        assertEquals(Standing.REMINDER, network.standing(PAUL))
        network.notifyHearing(ALICE, d(2021, 12, 3), PAUL, "rapports manquants")
        network.answerHearing(PAUL, d(2021, 12, 4), PAUL, "je rattrape")
        val proposal = network.standingProposal(PAUL, d(2021, 12, 31))
        assertEquals(Standing.REMINDER, proposal.current)
        assertEquals(PAUL, network.levelSuggestion(PAUL, d(2021, 12, 31)).actor)
        assertTrue(network.standingProposals(d(2021, 12, 31)).any { it.member == PAUL })
        assertTrue(network.levelSuggestions(d(2021, 12, 31)).all { it.suggested != null })
        val rules = defaultFollowUpRules().copy(deadlines = defaultFollowUpRules().deadlines.copy(startReportDays = 20))
        network.configureFollowUp(ALICE, d(2022, 1, 1), d(2022, 1, 1), rules)
        assertEquals(20L, network.followUpRules(d(2022, 2, 1)).deadlines.startReportDays)
    }

    @Test
    fun `a fiscal year from 1 July, set by a steward`() {
        val network = Fx.withWonMission() // m-1 won 2021-03-20 for 12 000.00: 600.00 due under the flat rate
        assertEquals(FiscalYear(2021, d(2021, 1, 1), d(2021, 12, 31)), network.fiscalYear(2021))
        expectCode("auth.steward.required") { network.setFiscalYear(PAUL, d(2021, 4, 2), 7u, 1u) }
        expectCode("input.parse.invalid") { network.setFiscalYear(ALICE, d(2021, 4, 2), 2u, 29u) }
        expectCode("input.parse.invalid") { network.setFiscalYear(ALICE, d(2021, 4, 2), 13u, 1u) }
        // Set in 2021, 1 July applies from fiscal year 2022: 2021 runs eighteen months.
        network.setFiscalYear(ALICE, d(2021, 4, 2), 7u, 1u)
        assertEquals(FiscalYear(2021, d(2021, 1, 1), d(2022, 6, 30)), network.fiscalYear(2021))
        assertEquals(2022, network.fiscalYearContaining(d(2022, 7, 1)).year)
        // On 2022-03-01, 1 February would end fiscal year 2021 on 2022-01-31, a day past.
        expectCode("date.order.invalid") { network.setFiscalYear(ALICE, d(2022, 3, 1), 2u, 1u) }
        network.recordPayment(ALICE, d(2022, 6, 30), PAUL, dec("100.00"))
        val ledger = network.ledger(PAUL, 2021, Policy.builtin("flat"))
        assertEquals(d(2022, 6, 30), ledger.lastDay)
        assertAmount("600.00", ledger.due)
        assertAmount("100.00", ledger.paid)
        assertAmount("500.00", ledger.balance)
        val statement = network.annualStatement(PAUL, 2021, Lang.EN, Policy.builtin("flat"))
        assertTrue(statement.contains("- Fiscal year: 2021 (1 January 2021 to 30 June 2022)"), statement)
        assertTrue(Network.replay(network.journalJsonl()).sameState(network))
    }
}
