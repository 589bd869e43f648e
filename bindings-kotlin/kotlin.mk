# Kotlin bindings, included by the root Makefile:
#
#     include bindings-kotlin/kotlin.mk
#
# and `test: … test-kotlin` so that `make test` runs them. Needs a JDK (17+)
# and Maven; Maven Central is used once, then the local repository (~/.m2),
# so `MVN="mvn -o"` works offline afterwards. Every Rust build goes to the
# workspace's target/ (debug profile), shared with the other targets.

MVN ?= mvn
CARGO ?= cargo
KOTLIN_POM := bindings-kotlin/pom.xml
KOTLIN_EXAMPLE_POM := examples/kotlin/pom.xml

.PHONY: test-kotlin demo-kotlin bench-kotlin

## test-kotlin: build the library, generate the Kotlin sources, run the JUnit tests, let Rust replay Kotlin's journal, package the jar
test-kotlin:
	$(MVN) -B -ntp -f $(KOTLIN_POM) verify

## demo-kotlin: install the bindings jar in ~/.m2, then run examples/kotlin (a mobile app's session, in French)
demo-kotlin:
	$(MVN) -B -q -f $(KOTLIN_POM) install -DskipTests
	$(MVN) -B -q -f $(KOTLIN_EXAMPLE_POM) compile exec:java

## bench-kotlin: the cost of one evaluation called from Kotlin, against the release library
bench-kotlin:
	$(CARGO) build --release -p coopetition-kotlin
	$(MVN) -B -ntp -f $(KOTLIN_POM) test -Dtest=EvaluationBenchmark \
		-Duniffi.component.coopetition.libraryOverride=$(CURDIR)/target/release/libcoopetition_uniffi.so \
		-Duniffi.component.coopetition_core.libraryOverride=$(CURDIR)/target/release/libcoopetition_uniffi.so
