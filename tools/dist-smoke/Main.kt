// A Kotlin program outside the repository, on the jar and JNA alone (`make dist-check`).
import org.coopetition.*
import org.coopetition.core.*
import java.math.BigDecimal
import java.time.LocalDate

fun main() {
    val facts = missionFacts("paul", BigDecimal("12000.00"), LocalDate.of(2021, 3, 1), LeadOrigin.NETWORK_EVENT)
    val assessment = Policy.builtin("flat").evaluate(facts, Lang.EN)
    check(assessment.amount?.compareTo(BigDecimal("600.00")) == 0) { assessment.toString() }
    println("coopetition-kotlin (jar): flat 5 % of 12 000.00 = ${assessment.amount}")
}
