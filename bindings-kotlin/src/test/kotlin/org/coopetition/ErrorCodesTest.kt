package org.coopetition

import org.coopetition.Fx.ALICE
import org.coopetition.Fx.CONTRACT
import org.coopetition.Fx.MISSION
import org.coopetition.Fx.PAUL
import org.coopetition.Fx.ZOE
import org.coopetition.Fx.d
import org.coopetition.Fx.dec
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.MethodOrderer
import org.junit.jupiter.api.Order
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.TestMethodOrder
import java.math.BigDecimal
import java.nio.file.Files
import java.time.LocalDate
import org.coopetition.core.*

/**
 * Every error code reachable from Kotlin, at least one test per family, each
 * asserting the exception's family subclass and its stable `code`. The last
 * test checks that every code of `errorCodes()` was met here, except the
 * ones listed in [UNREACHABLE] with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation::class)
class ErrorCodesTest {
    private val seen = sortedSetOf<String>()

    private inline fun <reified F : CoopetitionException> code(code: String, block: () -> Unit) {
        val e = expectCode(code, block)
        assertTrue(e is F, "`$code` should be a ${F::class.simpleName}, is ${e::class.simpleName}")
        assertEquals(code.substringBefore('.'), e.family)
        assertTrue(e.reason.isNotBlank())
        seen += code
    }

    private fun provider(network: Network, id: String, on: LocalDate) =
        network.registerActor(id, on, Actor(id, ActorKind.PROVIDER, id.uppercase(), InvolvementLevel.SUPPORTER, true))

    @Test
    fun input() {
        val network = Fx.founded()
        code<CoopetitionException.Input>("input.id.invalid") { parseActorId("a b") }
        // The same check when the id is lifted from a Kotlin argument, a record field or a list.
        code<CoopetitionException.Input>("input.id.invalid") { network.actor("é") }
        code<CoopetitionException.Input>("input.id.invalid") {
            network.registerActor(ALICE, d(2020, 2, 1), Actor("x".repeat(65), ActorKind.CITIZEN, "X", InvolvementLevel.SUPPORTER, true))
        }
        code<CoopetitionException.Input>("input.id.invalid") {
            network.reportStart(PAUL, d(2021, 1, 1), MISSION, partners = listOf("ok", "not ok"))
        }
        code<CoopetitionException.Input>("input.text.empty") {
            network.registerActor(ZOE, d(2020, 2, 1), Actor(ZOE, ActorKind.CITIZEN, "  ", InvolvementLevel.SUPPORTER, true))
        }
        code<CoopetitionException.Input>("input.parse.invalid") { parseDate("2021-02-30") }
        code<CoopetitionException.Input>("input.parse.invalid") { parseMoney("12,50", "EUR") }
        code<CoopetitionException.Input>("input.label.unknown") { leadOriginFromLabel("carrier_pigeon") }
        code<CoopetitionException.Input>("input.label.unknown") { Policy.builtin("generous") }
    }

    @Test
    fun `bad values from Kotlin are typed errors, never a crash`() {
        val network = Fx.withWonMission()
        // A BigDecimal a Rust decimal cannot hold exactly: too many decimals, too large.
        val tooPrecise = BigDecimal("0.00000000000000000000000000001")
        val tooLarge = BigDecimal("79228162514264337593543950336")
        for (bad in listOf(tooPrecise, tooLarge, BigDecimal("1E+40"), tooLarge.negate())) {
            code<CoopetitionException.Input>("input.parse.invalid") { network.declareContribution(PAUL, d(2021, 4, 2), MISSION, bad) }
            // An amount of money in a record is money given as input (the core's rule, as
            // in Python): whole cents, within (2^96 - 1) cents.
            val money = if (bad == tooPrecise) "money.amount.precision" else "money.amount.range"
            code<CoopetitionException.Money>(money) { evaluate("flat", Fx.facts().copy(revenue = bad), Lang.EN) }
            code<CoopetitionException.Input>("input.parse.invalid") { Parameters.withFlatRate(bad) }
        }
        // Trailing zeros beyond 28 decimals are not a loss: accepted.
        val a = evaluate("flat", Fx.facts().copy(revenue = BigDecimal("100.000000000000000000000000000000")), Lang.EN)
        assertAmount("5.00", a.amount)
        // The largest amount of money, (2^96 - 1) cents, is accepted.
        assertAmount("792281625142643375935439503.35", parseMoney("792281625142643375935439503.35", "EUR"))
        // Dates beyond chrono's range (±262142 years).
        for (bad in listOf(LocalDate.MAX, LocalDate.MIN, LocalDate.of(300000, 1, 1))) {
            code<CoopetitionException.Input>("input.parse.invalid") { network.reportStart(PAUL, bad, MISSION) }
            code<CoopetitionException.Input>("input.parse.invalid") { evaluate("flat", Fx.facts().copy(wonOn = bad), Lang.EN) }
        }
        // Far but representable dates cross both ways.
        val far = LocalDate.of(12000, 6, 1)
        assertEquals(far, parseDate(far.toString()))
        // An unknown action type or label in JSON queued by an older or newer app.
        code<CoopetitionException.Journal>("journal.json.malformed") {
            network.executeJson("""{"by":"paul","on":"2021-05-01","action":{"type":"teleport"}}""")
        }
        code<CoopetitionException.Journal>("journal.json.malformed") {
            commandFromJson("""{"by":"zoe","on":"2021-05-01","action":{"type":"register_actor","actor":{"id":"zoe","kind":"wizard","display_name":"Z","level":"supporter","public_listing":true}}}""")
        }
        // Read as strictly as a journal line: a value spelt otherwise than the engine writes it (a padded date).
        code<CoopetitionException.Journal>("journal.json.malformed") {
            network.executeJson("""{"by":"paul","on":"2021- 5-01","action":{"type":"set_public_listing","actor":"paul","public_listing":true}}""")
        }
        // Facts read by the core: a bad value inside has its own code.
        code<CoopetitionException.Input>("input.id.invalid") {
            missionFactsFromJson("""{"provider":"pa ul","revenue":{"amount":"1.00","currency":"EUR"},"won_on":"2021-03-01","lead_origin":"network_event"}""")
        }
        // The network is untouched by every refusal.
        assertEquals(9uL, network.lastSeq())
    }

    @Test
    fun money() {
        val network = Fx.withWonMission()
        code<CoopetitionException.Money>("money.currency.unsupported") { parseMoney("10.00", "USD") }
        network.reportSolicitation(PAUL, d(2021, 5, 1), "m-2", Client.Outside("Fablab", ActorKind.THIRD_PLACE), LeadOrigin.OTHER, "Étude")
        network.reportProposal(PAUL, d(2021, 5, 2), "m-2")
        code<CoopetitionException.Money>("money.amount.negative") { network.reportWon(PAUL, d(2021, 5, 3), "m-2", dec("-1.00")) }
        code<CoopetitionException.Money>("money.amount.negative") {
            network.recordPayment(ALICE, d(2021, 6, 1), PAUL, dec("-5"), paidOn = d(2021, 6, 1))
        }
        // 5% of the largest revenue is exactly …975.1675: 30 digits, beyond a decimal.
        code<CoopetitionException.Money>("money.amount.overflow") {
            evaluate("flat", Fx.facts(revenue = "792281625142643375935439503.35"), Lang.EN)
        }
    }

    @Test
    fun `money is given in whole cents, never rounded on the way in`() {
        val network = Fx.withWonMission()
        val tooManyDigits = "12345678901234567890123456789.5"
        code<CoopetitionException.Money>("money.amount.range") { parseMoney(tooManyDigits, "EUR") }
        code<CoopetitionException.Money>("money.amount.precision") { parseMoney("1.2345678901234567890123456789012", "EUR") }
        code<CoopetitionException.Money>("money.amount.precision") { parseMoney("1.005", "EUR") }
        code<CoopetitionException.Input>("input.parse.invalid") { parseMoney("1e5", "EUR") }
        // 7.9e28 euros is 7.9e30 cents, beyond 2^96 - 1: refused, not priced without its cents.
        // (…503.36 is 2^96 cents: as a decimal it has no room, so it is refused as input.parse.invalid first.)
        for (bad in listOf("7.9E+28", "-7.9E+28", "1E+27")) {
            code<CoopetitionException.Money>("money.amount.range") { Fx.facts().copy(revenue = BigDecimal(bad)).let { evaluate("flat", it, Lang.EN) } }
            code<CoopetitionException.Money>("money.amount.range") { missionFacts(PAUL, BigDecimal(bad), d(2021, 3, 1), LeadOrigin.OTHER) }
        }
        for (bad in listOf("1.005", "1E-28", "0.001")) {
            code<CoopetitionException.Money>("money.amount.precision") { missionFacts(PAUL, BigDecimal(bad), d(2021, 3, 1), LeadOrigin.OTHER) }
            code<CoopetitionException.Money>("money.amount.precision") { evaluate("flat", Fx.facts().copy(donations = BigDecimal(bad)), Lang.EN) }
            code<CoopetitionException.Money>("money.amount.precision") { network.declareContribution(PAUL, d(2021, 4, 2), MISSION, BigDecimal(bad)) }
            code<CoopetitionException.Money>("money.amount.precision") {
                network.recordPayment(ALICE, d(2021, 6, 1), PAUL, BigDecimal(bad), paidOn = d(2021, 6, 1))
            }
            code<CoopetitionException.Money>("money.amount.precision") { Policy.cap(Policy.builtin("flat"), BigDecimal(bad)) }
        }
        // Zeros beyond the cents are no decimals: 1.230 is 1.23.
        assertAmount("1.23", missionFacts(PAUL, dec("1.230"), d(2021, 3, 1), LeadOrigin.OTHER).revenue)
        // The network is untouched by every refusal, and its journal replays.
        assertEquals(9uL, network.lastSeq())
        assertEquals(network.journalJsonl(), Network.replay(network.journalJsonl()).journalJsonl())
    }

    @Test
    fun `names and reasons are visible text`() {
        val network = Fx.withProvider()
        val before = network.lastSeq()
        for ((text, expected) in listOf("\u0000" to "input.text.invalid", "\u200B" to "input.text.invalid", "A\u202Eb" to "input.text.invalid", "\uFEFF" to "input.text.invalid", "   " to "input.text.empty")) {
            code<CoopetitionException.Input>(expected) {
                network.registerActor(ZOE, d(2020, 2, 1), Actor(ZOE, ActorKind.CITIZEN, text, InvolvementLevel.SUPPORTER, true))
            }
            code<CoopetitionException.Input>(expected) { network.changeLevel(ALICE, d(2021, 1, 1), PAUL, InvolvementLevel.CONTRIBUTOR, text) }
        }
        assertEquals(before, network.lastSeq())
        network.registerActor(ZOE, d(2020, 2, 1), Actor(ZOE, ActorKind.CITIZEN, "Zoé 🌱", InvolvementLevel.SUPPORTER, true))
    }

    @Test
    fun date() {
        val network = Fx.founded()
        code<CoopetitionException.Date>("date.order.invalid") {
            network.registerActor(ZOE, d(2019, 12, 31), Actor(ZOE, ActorKind.CITIZEN, "Zoé", InvolvementLevel.SUPPORTER, true))
        }
    }

    @Test
    fun `actor and network`() {
        val network = Fx.withProvider()
        code<CoopetitionException.Actor>("actor.id.unknown") { network.actor("nobody") }
        code<CoopetitionException.Actor>("actor.id.duplicate") { provider(network, PAUL, d(2020, 3, 1)) }
        code<CoopetitionException.Actor>("actor.level.last_steward") {
            network.changeLevel(ALICE, d(2020, 3, 1), ALICE, InvolvementLevel.CONTRIBUTOR, "step back")
        }
        code<CoopetitionException.Network>("network.founding.invalid") {
            network.found(ALICE, d(2020, 3, 1), "Again", listOf())
        }
        code<CoopetitionException.Network>("network.founding.invalid") {
            Network().registerActor(ZOE, d(2020, 1, 1), Actor(ZOE, ActorKind.CITIZEN, "Zoé", InvolvementLevel.SUPPORTER, true))
        }
    }

    @Test
    fun auth() {
        val network = Fx.withProvider()
        code<CoopetitionException.Auth>("auth.steward.required") {
            network.changeLevel(PAUL, d(2020, 3, 1), PAUL, InvolvementLevel.STEWARD, "promote myself")
        }
        code<CoopetitionException.Auth>("auth.owner.required") { network.setPublicListing(PAUL, d(2020, 3, 1), ALICE, false) }
        code<CoopetitionException.Auth>("auth.own_case.refused") { network.recordAttendance(ALICE, d(2021, 1, 5), ALICE, 2020, "") }
        network.changeLevel(ALICE, d(2020, 3, 1), PAUL, InvolvementLevel.STEWARD, "elected")
        network.decideStanding(ALICE, d(2020, 3, 2), PAUL, Standing.SUSPENDED, "no reports", DecisionVenue.ONLINE_VOTE)
        code<CoopetitionException.Auth>("auth.steward.suspended") {
            network.changeLevel(PAUL, d(2020, 3, 3), ALICE, InvolvementLevel.CONTRIBUTOR, "the one who suspended me")
        }
    }

    @Test
    fun contract() {
        val network = Fx.founded()
        provider(network, PAUL, d(2020, 2, 1))
        val terms = Fx.providerTerms("Paul")
        code<CoopetitionException.Contract>("contract.item.unknown") {
            network.proposeContract(PAUL, d(2020, 2, 1), CONTRACT, terms.copy(needs = listOf(Choice("a_yacht"))))
        }
        code<CoopetitionException.Contract>("contract.item.duplicate") {
            network.proposeContract(PAUL, d(2020, 2, 1), CONTRACT, terms.copy(needs = listOf(Choice("team_up"), Choice("team_up"))))
        }
        code<CoopetitionException.Contract>("contract.item.detail_missing") {
            network.proposeContract(PAUL, d(2020, 2, 1), CONTRACT, terms.copy(needs = listOf(Choice("other"))))
        }
        code<CoopetitionException.Contract>("contract.contribution.missing") {
            network.proposeContract(PAUL, d(2020, 2, 1), CONTRACT, terms.copy(contributions = listOf()))
        }
        code<CoopetitionException.Contract>("contract.id.unknown") { network.contract("nope") }
        network.proposeContract(PAUL, d(2020, 2, 1), CONTRACT, terms)
        code<CoopetitionException.Contract>("contract.member.already_live") {
            network.proposeContract(PAUL, d(2020, 2, 2), "contract-2", terms)
        }
        provider(network, ZOE, d(2020, 2, 2))
        code<CoopetitionException.Contract>("contract.id.duplicate") { network.proposeContract(ZOE, d(2020, 2, 2), CONTRACT, terms) }
        network.validateContract(ALICE, d(2020, 2, 10), CONTRACT)
        code<CoopetitionException.Contract>("contract.transition.invalid") { network.validateContract(ALICE, d(2020, 2, 11), CONTRACT) }
        code<CoopetitionException.Contract>("contract.version.unknown") { network.contractVersion(CONTRACT, 9u) }
        // All in one: the provider's contract includes the charter, signed first.
        val allInOne = Fx.founded(MembershipStructure.ALL_IN_ONE)
        provider(allInOne, PAUL, d(2020, 2, 1))
        allInOne.proposeContract(PAUL, d(2020, 2, 1), CONTRACT, terms)
        code<CoopetitionException.Contract>("contract.charter.unsigned") { allInOne.validateContract(ALICE, d(2020, 2, 10), CONTRACT) }
    }

    @Test
    fun `catalogue and charter`() {
        val network = Fx.withProvider()
        val v1 = network.charter()!!
        code<CoopetitionException.Catalogue>("catalogue.invalid") {
            network.publishCharter(ALICE, d(2021, 1, 1), v1.copy(version = 2u, publishedOn = d(2021, 1, 1), engagements = v1.engagements.drop(1)))
        }
        code<CoopetitionException.Charter>("charter.version.unknown") { network.signCharter(PAUL, d(2020, 3, 1), 7u) }
        code<CoopetitionException.Charter>("charter.signature.duplicate") { network.signCharter(PAUL, d(2020, 3, 1), 1u) }
        code<CoopetitionException.Charter>("charter.signatory.not_provider") { network.signCharter(ALICE, d(2020, 3, 1), 1u) }
        provider(network, ZOE, d(2020, 3, 1))
        code<CoopetitionException.Membership>("membership.required") { network.signCharter(ZOE, d(2020, 3, 2), 1u) }
        network.publishCharter(ALICE, d(2021, 1, 1), v1.copy(version = 2u, publishedOn = d(2021, 1, 1)))
        assertEquals(CharterStatus.OUTDATED, network.charterStatus(PAUL))
        code<CoopetitionException.Charter>("charter.version.outdated") { network.signCharter(PAUL, d(2021, 1, 2), 1u) }
    }

    @Test
    fun mission() {
        val network = Fx.withProvider()
        val client = Client.Outside("Mairie", ActorKind.LOCAL_AUTHORITY)
        code<CoopetitionException.Mission>("mission.provider.not_provider") {
            network.reportSolicitation(ALICE, d(2021, 1, 1), MISSION, client, LeadOrigin.OTHER, "t")
        }
        network.reportSolicitation(PAUL, d(2021, 1, 1), MISSION, client, LeadOrigin.OTHER, "t")
        code<CoopetitionException.Mission>("mission.id.duplicate") {
            network.reportSolicitation(PAUL, d(2021, 1, 2), MISSION, client, LeadOrigin.OTHER, "t")
        }
        code<CoopetitionException.Mission>("mission.id.unknown") { network.mission("m-404") }
        code<CoopetitionException.Mission>("mission.transition.invalid") { network.reportStart(PAUL, d(2021, 1, 2), MISSION) }
        code<CoopetitionException.Mission>("mission.partner.invalid") {
            network.execute(Command(PAUL, d(2021, 1, 2), Action.ReportMission(MISSION, d(2021, 1, 2), MissionStep.Proposed, MissionUpdate(partners = listOf(PAUL)))))
        }
    }

    @Test
    fun policy() {
        val network = Fx.withProvider()
        network.reportSolicitation(PAUL, d(2021, 1, 1), MISSION, Client.Member(ALICE), LeadOrigin.OTHER, "t")
        code<CoopetitionException.Policy>("policy.mission.not_won") { network.missionFacts(MISSION) }
        code<CoopetitionException.Policy>("policy.declaration.out_of_range") {
            evaluate("self_assessed", Fx.facts(revenue = "100").copy(declared = dec("100.01")), Lang.EN)
        }
        code<CoopetitionException.Policy>("policy.rate.invalid") { Parameters.withFlatRate(dec("1.5")) }
        code<CoopetitionException.Policy>("policy.situation.unknown") {
            Parameters.shipped().withSituationRate("word_of_mouth", dec("0.02"))
        }
        code<CoopetitionException.Policy>("policy.rate.invalid") { Parameters.shipped().withGuideScaled(dec("13")) }
        code<CoopetitionException.Policy>("policy.target.unreachable") {
            val mission = missionFacts("ana", dec("100.00"), Fx.d(2021, 3, 1), LeadOrigin.OTHER)
            solveForAmount(listOf(mission), Knob.FLAT_RATE, dec("101"), dec("0.0001"))
        }
        code<CoopetitionException.Policy>("policy.rate.invalid") {
            Policy.builtin("self_assessed", BehaviourModel(dec("1.2"), dec("0.5")))
        }
        code<CoopetitionException.Policy>("policy.parameters.overlap") {
            Parameters.load("""{"flat_rate":[{"from":"2020-01-01","value":"0.05"},{"from":"2022-01-01","value":"0.04"}]}""")
        }
        code<CoopetitionException.Policy>("policy.parameters.gap") {
            Parameters.load("""{"flat_rate":[{"from":"2020-01-01","until":"2021-01-01","value":"0.05"},{"from":"2022-01-01","value":"0.04"}]}""")
        }
        code<CoopetitionException.Policy>("policy.parameters.not_in_force") {
            evaluate("flat", Fx.facts().copy(wonOn = d(2019, 6, 1)), Lang.EN)
        }
        fun guide(situations: String) = """{"guide":[{"from":"2020-01-01","value":{"schema":1,"name":"g","situations":[$situations]}}]}"""
        val t = """"title":{"fr":"t","en":"t"}"""
        code<CoopetitionException.Policy>("policy.guide.invalid") { Parameters.load(guide("""{"id":"a",$t,"rate":"1.5"}""")) }
        code<CoopetitionException.Policy>("policy.guide.overlap") {
            Parameters.load(guide("""{"id":"a",$t,"rate":"0.05"},{"id":"b",$t,"rate":"0.04"}"""))
        }
        code<CoopetitionException.Policy>("policy.guide.gap") {
            Parameters.load(guide("""{"id":"a",$t,"criteria":{"lead_origin":["other"]},"rate":"0.05"}"""))
        }
        code<CoopetitionException.Policy>("policy.guide.too_large") {
            Parameters.load(guide((0..1000).joinToString(",") { """{"id":"s$it",$t,"rate":"0.05"}""" }))
        }
        val failing = object : ContributionPolicy {
            override fun name() = "always_fails"
            override fun evaluate(facts: MissionFacts, parameters: Parameters): BigDecimal = error("no data")
        }
        code<CoopetitionException.Policy>("policy.custom.failed") { Policy.custom(failing).evaluate(Fx.facts(), Lang.EN) }
        val priced = evaluate("flat", Fx.facts(), Lang.EN)
        code<CoopetitionException.Policy>("policy.assessment.inconsistent") {
            assessmentFromJson(priced.json.replace("\"status\":\"priced\"", "\"status\":\"pending\""), "flat", Lang.EN)
        }
    }

    @Test
    fun negotiation() {
        val network = Fx.withWonMission()
        provider(network, ZOE, d(2021, 3, 1))
        code<CoopetitionException.Negotiation>("negotiation.state.invalid") { network.acceptOffer(PAUL, d(2021, 4, 2), MISSION) }
        code<CoopetitionException.Negotiation>("negotiation.party.invalid") { network.offerContribution(ZOE, d(2021, 4, 2), MISSION, dec("100")) }
    }

    @Test
    fun ledger() {
        val network = Fx.withProvider(contributions = arrayOf("revenue_share_5pct"))
        code<CoopetitionException.Ledger>("ledger.delivery.not_chosen") {
            network.recordDelivery(PAUL, d(2020, 5, 1), PAUL, "workstream", DeliveryUnit.HOURS, dec("3"), deliveredOn = d(2020, 5, 1))
        }
    }

    @Test
    fun journal() {
        val header = """{"format":"coopetition-journal","schema_version":1}"""
        code<CoopetitionException.Journal>("journal.json.malformed") { Network.replay("not json") }
        code<CoopetitionException.Journal>("journal.json.malformed") { Network.fromSnapshotJson("{}") }
        code<CoopetitionException.Journal>("journal.line.truncated") { Network.replay("$header\n{\"seq\":1,\"by\":") }
        code<CoopetitionException.Journal>("journal.schema.unknown") { Network.replay("""{"format":"coopetition-journal","schema_version":99}""") }
        // The lines as schema 1 wrote them (no hash): an edit meets the rule it breaks, not the chain.
        val hash = Regex(""","hash":"[0-9a-f]{64}"}$""")
        val events = Fx.withProvider().journalJsonl().lines().filter { it.isNotBlank() }.map { hash.replace(it, "}") }
        code<CoopetitionException.Journal>("journal.sequence.invalid") { Network.replay((listOf(header) + events.drop(2)).joinToString("\n")) }
        // A line cut short with good lines after it was damaged, not cut off by a crash.
        code<CoopetitionException.Journal>("journal.line.corrupt") { Network.replay("$header\n{\"seq\":1,\"by\":\n${events[1]}\n") }
        val snapshot = Fx.withProvider().snapshotJson()
        val lastSeqZero = { text: String -> Regex("\"last_seq\": \\d+").replace(text, "\"last_seq\": 0") }
        // An edited snapshot fails its digest first…
        code<CoopetitionException.Journal>("journal.snapshot.digest") { Network.fromSnapshotJson(lastSeqZero(snapshot)) }
        // …and a schema-1 one (no digest) the invariants.
        val topLevelChain = Regex("^  \"(chain|seq|hash|digest)\": ")
        val v1 = snapshot.replace("\"schema_version\": 2", "\"schema_version\": 1").lines()
            .filterNot { topLevelChain.containsMatchIn(it) }.joinToString("\n")
        code<CoopetitionException.Journal>("journal.snapshot.inconsistent") { Network.fromSnapshotJson(lastSeqZero(v1)) }
        // The journal that continues a snapshot is replayed on it, not alone.
        val continuation = Network.fromSnapshotJson(snapshot).journalJsonl()
        code<CoopetitionException.Journal>("journal.snapshot.continuation") { Network.replay(continuation) }
        // A tampered journal fails with the code the live command would have met.
        val edit = { text: String -> text.replace("\"by\":\"alice\",\"on\":\"2020-02-10\"", "\"by\":\"paul\",\"on\":\"2020-02-10\"") }
        code<CoopetitionException.Auth>("auth.steward.required") { Network.replay(edit((listOf(header) + events.drop(1)).joinToString("\n"))) }
        // In a chained journal the same edit breaks the chain first.
        code<CoopetitionException.Journal>("journal.chain.broken") { Network.replay(edit(Fx.withProvider().journalJsonl())) }
        val keyed = Fx.withProvider().journalJsonl("k".toByteArray())
        code<CoopetitionException.Store>("store.key.required") { Network.replay(keyed) }
        code<CoopetitionException.Store>("store.key.invalid") { Network.replay(keyed, "K".toByteArray()) }
    }

    @Test
    fun store() {
        val dir = Files.createTempDirectory("coopetition-store-codes")
        fun file(name: String) = dir.resolve(name).toString()
        fun stored(name: String) = Network.open(file(name)).also { Fx.withProvider(Fx.founded()).journal().forEach { e -> it.execute(Command(e.by, e.on, e.action)) } }
        code<CoopetitionException.Store>("store.file.none") { Fx.founded().reload() }
        stored("a.coop").use { first ->
            Network.open(file("a.coop")).use { second ->
                first.registerActor(ALICE, d(2020, 3, 1), Actor(ZOE, ActorKind.CITIZEN, "Zoé", InvolvementLevel.SUPPORTER, true))
                code<CoopetitionException.Store>("store.write.conflict") {
                    second.registerActor(ALICE, d(2020, 3, 1), Actor("rita", ActorKind.PROVIDER, "Rita", InvolvementLevel.SUPPORTER, false))
                }
            }
            code<CoopetitionException.Store>("store.file.not_empty") { Network.importJsonl(file("a.coop"), first.exportJsonl()) }
            first.closeStore()
            code<CoopetitionException.Store>("store.file.closed") { first.setPublicListing(ALICE, d(2020, 3, 1), ALICE, false) }
        }
        Network.open(file("a.coop"), readOnly = true).use {
            code<CoopetitionException.Store>("store.file.read_only") { it.setPublicListing(ALICE, d(2020, 3, 1), ALICE, false) }
        }
        Files.writeString(dir.resolve("notes.txt"), "these are notes, not a database, and they are long enough to be read as one")
        code<CoopetitionException.Store>("store.file.not_store") { Network.open(file("notes.txt")) }
        code<CoopetitionException.Store>("store.io.failed") { Network.open(file("no-such-dir/n.coop")) }
        // The store's bytes edited behind its back: the schema version it records (a newer one), a damaged page.
        val bytes = Files.readAllBytes(dir.resolve("a.coop"))
        val text = String(bytes, Charsets.ISO_8859_1)
        val version = Regex("schema_version(\\d)").find(text)!!.groups[1]!!.range.first
        Files.write(dir.resolve("newer.coop"), bytes.copyOf().also { it[version] = '9'.code.toByte() })
        code<CoopetitionException.Store>("store.schema.unknown") { Network.open(file("newer.coop")) }
        // A snapshot's binary state of another encoding version (the byte after its magic).
        Network.open(file("snap.coop")).use { n ->
            Fx.founded().journal().forEach { e -> n.execute(Command(e.by, e.on, e.action)) }
            n.snapshot()
        }
        val snap = Files.readAllBytes(dir.resolve("snap.coop"))
        val magic = String(snap, Charsets.ISO_8859_1).indexOf("coop-state")
        assertTrue(magic > 0)
        Files.write(dir.resolve("snap.coop"), snap.also { it[magic + "coop-state".length] = 9 })
        code<CoopetitionException.Journal>("journal.snapshot.encoding") { Network.open(file("snap.coop")) }
        Files.write(dir.resolve("damaged.coop"), bytes.copyOf().also { it.fill(0xFF.toByte(), 4096, it.size) })
        code<CoopetitionException.Store>("store.file.corrupt") { Network.open(file("damaged.coop")) }
        // A file capped below what the commands need: a full disk, the network left as it was.
        Network.open(file("small.coop"), maxBytes = 64uL * 1024uL).use { small ->
            Fx.founded().journal().forEach { e -> small.execute(Command(e.by, e.on, e.action)) }
            val long = "x".repeat(3000)
            code<CoopetitionException.Store>("store.disk.full") {
                for (i in 0 until 100) small.registerActor(ALICE, d(2020, 3, 1), Actor("p$i", ActorKind.PROVIDER, long, InvolvementLevel.SUPPORTER, false))
            }
        }
        // Two writers, neither waiting for the other's lock (a zero busy timeout): one finds the file busy.
        code<CoopetitionException.Store>("store.file.busy") { busyWriters(file("busy.coop")) }
    }

    /** Runs two writers on one file until one of them meets another's write lock; throws that error. */
    private fun busyWriters(path: String) {
        Network.open(path).use { n -> Fx.founded().journal().forEach { e -> n.execute(Command(e.by, e.on, e.action)) } }
        val stop = java.util.concurrent.atomic.AtomicBoolean(false)
        val failure = java.util.concurrent.atomic.AtomicReference<CoopetitionException?>(null)
        fun record(e: CoopetitionException) {
            failure.compareAndSet(null, e)
            stop.set(true)
        }
        val writers = (0 until 2).map { w ->
            Thread {
                try {
                    Network.open(path, busyTimeout = java.time.Duration.ZERO).use { n ->
                        var i = 0
                        while (!stop.get() && i < 2000) {
                            try {
                                n.registerActor(ALICE, d(2020, 3, 1), Actor("w$w-${i++}", ActorKind.PROVIDER, "W", InvolvementLevel.SUPPORTER, false))
                            } catch (e: CoopetitionException) {
                                if (e.code == "store.write.conflict") n.reload() else record(e)
                            }
                        }
                    }
                } catch (e: CoopetitionException) {
                    record(e)
                }
            }.also { it.start() }
        }
        writers.forEach { it.join() }
        failure.get()?.let { throw it }
    }

    @Test
    fun compliance() {
        val rules = defaultFollowUpRules()
        code<CoopetitionException.Compliance>("compliance.deadline.invalid") {
            parseFollowUpRules("""{"deadlines":{"start_report_days":-1}}""")
        }
        val network = Fx.withWonMission()
        code<CoopetitionException.Compliance>("compliance.deadline.invalid") {
            network.configureFollowUp(ALICE, d(2022, 1, 1), d(2022, 1, 1), rules.copy(deadlines = rules.deadlines.copy(progressIntervalDays = 0)))
        }
        code<CoopetitionException.Compliance>("compliance.attendance.future_year") { network.recordAttendance(ALICE, d(2021, 6, 1), PAUL, 2022) }
        network.recordAttendance(ALICE, d(2021, 6, 1), PAUL, 2021)
        code<CoopetitionException.Compliance>("compliance.attendance.duplicate") { network.recordAttendance(ALICE, d(2021, 6, 2), PAUL, 2021) }
        code<CoopetitionException.Compliance>("compliance.resource.not_developed") {
            network.shareResource(PAUL, d(2021, 6, 1), MISSION, "Guide", "CC-BY-SA-4.0", "https://example.org/guide")
        }
        network.reportProgress(PAUL, d(2021, 6, 1), MISSION, "guide written", resourcesDeveloped = listOf(Resource("Guide")))
        network.shareResource(PAUL, d(2021, 6, 2), MISSION, "Guide", "CC-BY-SA-4.0", "https://example.org/guide")
        code<CoopetitionException.Compliance>("compliance.resource.already_shared") {
            network.shareResource(PAUL, d(2021, 6, 3), MISSION, "Guide", "CC-BY-SA-4.0", "https://example.org/guide")
        }
        code<CoopetitionException.Compliance>("compliance.obligation.not_open") { network.recordMemberInformed(PAUL, d(2021, 6, 3), MISSION, ALICE) }
    }

    @Test
    fun standing() {
        code<CoopetitionException.Standing>("standing.thresholds.invalid") {
            parseFollowUpRules("""{"levels":{"window_months":12,"promote_months":4,"demote_months":4}}""")
        }
        val network = Fx.withWonMission()
        code<CoopetitionException.Standing>("standing.decision.unchanged") {
            network.decideStanding(ALICE, d(2021, 6, 1), PAUL, Standing.GOOD_STANDING, "engagements not met", DecisionVenue.ONLINE_VOTE)
        }
        code<CoopetitionException.Standing>("standing.decision.self") { network.notifyHearing(ALICE, d(2021, 6, 1), ALICE, "grounds") }
        code<CoopetitionException.Standing>("standing.hearing.required") {
            network.decideStanding(ALICE, d(2021, 6, 1), PAUL, Standing.EXCLUDED, "engagements not met", DecisionVenue.ONLINE_VOTE)
        }
        code<CoopetitionException.Standing>("standing.hearing.not_open") { network.answerHearing(PAUL, d(2021, 6, 1), PAUL, "why?") }
        network.notifyHearing(ALICE, d(2021, 6, 1), PAUL, "no report since March")
        code<CoopetitionException.Standing>("standing.hearing.already_open") { network.notifyHearing(ALICE, d(2021, 6, 2), PAUL, "again") }
        code<CoopetitionException.Standing>("standing.hearing.pending") {
            network.decideStanding(ALICE, d(2021, 6, 2), PAUL, Standing.EXCLUDED, "engagements not met", DecisionVenue.ONLINE_VOTE)
        }
        network.answerHearing(PAUL, d(2021, 6, 3), PAUL, "I was ill")
        code<CoopetitionException.Standing>("standing.hearing.answered") { network.answerHearing(PAUL, d(2021, 6, 4), PAUL, "and busy") }
        network.decideStanding(ALICE, d(2021, 6, 5), PAUL, Standing.EXCLUDED, "engagements not met", DecisionVenue.ONLINE_VOTE)
        assertEquals(ContractStatus.EXCLUDED, network.contract(CONTRACT).status)
        code<CoopetitionException.Standing>("standing.transition.invalid") {
            network.decideStanding(ALICE, d(2021, 6, 6), PAUL, Standing.WARNING, "engagements not met", DecisionVenue.ONLINE_VOTE)
        }
        code<CoopetitionException.Standing>("standing.member.excluded") { network.notifyHearing(ALICE, d(2021, 6, 6), PAUL, "more") }
    }

    @Test
    fun leads() {
        val network = Fx.withProvider()
        val lys = Client.Outside("Mairie de Lys", ActorKind.LOCAL_AUTHORITY)
        code<CoopetitionException.Lead>("lead.id.unknown") { network.lead("l-9") }
        network.recordLead(ALICE, d(2021, 3, 2), "l-1", lys, "Un diagnostic")
        code<CoopetitionException.Lead>("lead.id.duplicate") { network.recordLead(ALICE, d(2021, 3, 2), "l-1", lys, "Encore") }
        network.offerLead(ALICE, d(2021, 3, 3), "l-1", OfferMode.DIRECT_REFERRAL, d(2021, 3, 15), members = listOf(PAUL))
        code<CoopetitionException.Lead>("lead.state.invalid") {
            network.offerLead(ALICE, d(2021, 3, 4), "l-1", OfferMode.OPEN_CALL, d(2021, 3, 15))
        }
        code<CoopetitionException.Lead>("lead.answer.not_offered") { network.answerLead(ALICE, d(2021, 3, 4), "l-1", true) }
        code<CoopetitionException.Lead>("lead.answer.late") { network.answerLead(PAUL, d(2021, 3, 16), "l-1", true) }
        network.answerLead(PAUL, d(2021, 3, 5), "l-1", false, proposal = "Pas disponible")
        code<CoopetitionException.Lead>("lead.answer.duplicate") { network.answerLead(PAUL, d(2021, 3, 6), "l-1", true) }
        code<CoopetitionException.Lead>("lead.choice.invalid") {
            network.closeLead(ALICE, d(2021, 3, 20), "l-1", LeadClosing.Taken(PAUL, ChosenBy.NETWORK, "m-9", "Diagnostic"))
        }
        network.recordLead(ALICE, d(2021, 3, 2), "l-2", lys, "Un atelier")
        // alice is no provider: a lead does not go to her.
        code<CoopetitionException.Lead>("lead.recipient.invalid") {
            network.offerLead(ALICE, d(2021, 3, 3), "l-2", OfferMode.DIRECT_REFERRAL, d(2021, 3, 15), members = listOf(ALICE))
        }
    }

    @Test
    fun origins() {
        val network = Fx.withProvider()
        val lys = Client.Outside("Mairie de Lys", ActorKind.LOCAL_AUTHORITY)
        code<CoopetitionException.Event>("event.id.unknown") { network.networkEvent("e-9") }
        network.recordNetworkEvent(ALICE, d(2021, 2, 10), "e-1", "Forum", d(2021, 2, 9), attendees = listOf(Client.Member(PAUL), lys))
        code<CoopetitionException.Event>("event.id.duplicate") { network.recordNetworkEvent(ALICE, d(2021, 2, 10), "e-1", "Forum", d(2021, 2, 9)) }
        code<CoopetitionException.Event>("event.attendee.invalid") {
            network.recordNetworkEvent(ALICE, d(2021, 2, 10), "e-2", "Forum", d(2021, 2, 9), attendees = listOf(lys, lys))
        }
        code<CoopetitionException.Mission>("mission.origin.contradicted") {
            network.reportSolicitation(PAUL, d(2021, 3, 1), "m-9", lys, LeadOrigin.OWN_NETWORK, "Animation")
        }
        val ville = Client.Outside("Ville de Roubaix", ActorKind.LOCAL_AUTHORITY)
        network.recordLead(ALICE, d(2021, 3, 2), "l-1", ville, "Un diagnostic")
        network.offerLead(ALICE, d(2021, 3, 3), "l-1", OfferMode.DIRECT_REFERRAL, d(2021, 3, 15), members = listOf(PAUL))
        code<CoopetitionException.Mission>("mission.origin.lead_open") {
            network.reportSolicitation(PAUL, d(2021, 3, 4), "m-9", ville, LeadOrigin.NETWORK_REFERRAL, "Diagnostic")
        }
    }

    @Test
    fun calls() {
        val network = Fx.withWonMission()
        code<CoopetitionException.Call>("call.id.unknown") { network.call("c-9") }
        network.callForPartners(PAUL, d(2021, 4, 2), "c-1", MISSION, CallNeed.SKILL, "Aménagement")
        code<CoopetitionException.Call>("call.id.duplicate") {
            network.callForPartners(PAUL, d(2021, 4, 2), "c-1", MISSION, CallNeed.SKILL, "Encore")
        }
        code<CoopetitionException.Call>("call.answer.invalid") { network.answerCall(PAUL, d(2021, 4, 3), "c-1") }
        code<CoopetitionException.Call>("call.partner.invalid") { network.recordCallPartner(PAUL, d(2021, 4, 3), "c-1", ALICE) }
        network.answerCall(ALICE, d(2021, 4, 3), "c-1")
        code<CoopetitionException.Call>("call.answer.duplicate") { network.answerCall(ALICE, d(2021, 4, 4), "c-1") }
    }

    @Test
    fun `every core code has the exception subclass of its family, generated from the core's table`() {
        for (code in errorCodes()) {
            // The binding names each subclass after its family (`policy` -> CoopetitionException.Policy).
            val name = errorFamily(code).replaceFirstChar { it.uppercase() }
            val subclass = Class.forName("org.coopetition.core.CoopetitionException\$$name")
            assertTrue(CoopetitionException::class.java.isAssignableFrom(subclass), code)
        }
    }

    @Test
    @Order(Int.MAX_VALUE)
    fun `every code is reachable or listed`() {
        val all = errorCodes().toSortedSet()
        for (code in all) {
            assertEquals(code.substringBefore('.'), errorFamily(code))
        }
        val missing = all - seen - UNREACHABLE.keys
        assertTrue(missing.isEmpty(), "codes not exercised from Kotlin: $missing")
        assertTrue((UNREACHABLE.keys - all).isEmpty(), "stale entries in UNREACHABLE: ${UNREACHABLE.keys - all}")
    }

    @AfterAll
    fun report() {
        println("error codes exercised from Kotlin: ${seen.size} of ${errorCodes().size}")
    }

    companion object {
        /** Codes no Kotlin call can produce, and why. */
        val UNREACHABLE = mapOf(
            "batch.row.invalid" to "the columnar batch evaluation is not bound (Kotlin uses Policy.evaluateAll)",
            "batch.column.invalid" to "the columnar batch evaluation is not bound (Kotlin uses Policy.evaluateAll)",
            "batch.summary.mismatch" to "comparison summaries are the analysts' (Rust, Python), not bound in Kotlin",
            "batch.summary.invalid" to "comparison summaries are the analysts' (Rust, Python), not bound in Kotlin",
            "batch.results.streamed" to "streamed comparisons are the analysts' (Python), not bound in Kotlin",
        )
    }
}
