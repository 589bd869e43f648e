# Entry points for people and CI (.ci/run runs `make test`).
#
# One shared target directory (the default `target/`) serves every target.
# `test` is the sum of one target per language: Python and Kotlin suites join
# it as prerequisites (`test: test-rust test-docs test-python test-kotlin test-interop`).

CARGO ?= cargo
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
WHEELS := target/wheels

.PHONY: all demo demo-rust demo-python demo-dask test test-rust test-docs test-python test-interop rust-tools \
	python-env python-wheel python-wheel-release python-stubs bench bench-python fixtures clean test-fuzz fuzz \
	dist dist-check version-check docs

all: test

include bindings-kotlin/kotlin.mk

## demo: the analyst's job: compare the four policies over 100,000 missions from Python
demo: demo-python

## demo-rust: build the sample network of examples/data through commands and print its summary
demo-rust:
	$(CARGO) run --example sample_network

## demo-dask: the four policies compared on a Dask LocalCluster of 2 workers over a Parquet dataset
## (COOPETITION_SCHEDULER=tcp://host:8786 for a running cluster)
demo-dask: python-wheel-release
	$(PY) examples/python/dask_cluster.py

## demo-python: generate a portfolio, compare the four policies, save a chart (release build)
demo-python: python-wheel-release
	$(PY) examples/python/compare_policies.py

## test: every suite, in every language
test: version-check test-rust test-docs test-fuzz test-python test-kotlin test-interop

## version-check: one version in Cargo, the Python package and the POM, a CHANGELOG section for it,
## every package's licence files the root's
version-check:
	$(PYTHON) tools/version_check.py

VERSION = $(shell $(PYTHON) tools/version_check.py)
DIST := dist
# The published crates (the others are `publish = false`).
CRATES := coopetition coopetition-arrow coopetition-store coopetition-cli

## dist: every artifact in dist/: the crates (cargo publish --dry-run), the abi3 wheel and the sdist
## (twine check), the Kotlin jar on the release library with its sources and javadoc jars and its POM
dist: version-check python-env
	rm -rf $(DIST) && mkdir -p $(DIST)
	$(CARGO) publish --dry-run --workspace --allow-dirty
	$(CARGO) package --allow-dirty --no-verify --quiet $(foreach c,$(CRATES),-p $(c))
	cp $(foreach c,$(CRATES),target/package/$(c)-$(VERSION).crate) $(DIST)/
	cd bindings-python && ../$(VENV)/bin/maturin build --quiet --release --out ../$(DIST)
	cd bindings-python && ../$(VENV)/bin/maturin sdist --out ../$(DIST)
	$(PY) -m twine check --strict $(DIST)/*.whl $(DIST)/*.tar.gz
	$(MVN) -B -ntp -q -f $(KOTLIN_POM) -Pdist package
	cp bindings-kotlin/target/coopetition-kotlin-$(VERSION).jar bindings-kotlin/target/coopetition-kotlin-$(VERSION)-sources.jar \
		bindings-kotlin/target/coopetition-kotlin-$(VERSION)-javadoc.jar $(DIST)/
	cp $(KOTLIN_POM) $(DIST)/coopetition-kotlin-$(VERSION).pom
	ls -l $(DIST)

## dist-check: build dist/, then install each artifact in a clean place and run a smoke test (tools/dist_check.sh)
dist-check: dist
	PYTHON=$(PYTHON) MVN="$(MVN)" tools/dist_check.sh

## docs: the API references: cargo doc (target/doc), the Python package's HTML (target/pydoc, pdoc)
docs: python-wheel
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps -p coopetition -p coopetition-store -p coopetition-arrow
	$(PY) -m pdoc --docformat markdown -o target/pydoc coopetition

## test-rust: formatting, lints (examples included) and tests of the workspace
test-rust: rust-tools
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) test --workspace

## test-fuzz: every fuzz target (journal, snapshot, command, parameters, guide, batch, state, referral) for a bounded
## run: a fixed seed, at most FUZZ_TEST_EXECS executions or 20 s each, in the debug build
FUZZ_TEST_EXECS ?= 20000
test-fuzz:
	$(CARGO) run -q -p coopetition-fuzz -- --seconds 20 --max-execs $(FUZZ_TEST_EXECS) --seed 1

## fuzz: the long campaign, in release: every target for FUZZ_SECONDS seconds, executions per target printed;
## then the store's crash test with CRASH_KILLS kills (200 in `make test`)
FUZZ_SECONDS ?= 120
FUZZ_SEED ?= $(shell date +%s)
CRASH_KILLS ?= 2000
fuzz:
	$(CARGO) run -q --release -p coopetition-fuzz -- --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED)
	COOPETITION_CRASH_KILLS=$(CRASH_KILLS) $(CARGO) test -q -p coopetition-store --test crash

## test-docs: the README's Rust example is examples/rust/quickstart.rs, which cargo compiles; the crates'
## API documentation builds without a broken link
test-docs:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --quiet --no-deps -p coopetition -p coopetition-store -p coopetition-arrow
	@awk '/^```rust$$/ { inside = 1; next } /^```$$/ && inside { exit } inside' README.md \
		| diff -u examples/rust/quickstart.rs - \
		|| { echo "README.md: the Rust example differs from examples/rust/quickstart.rs" >&2; exit 1; }

## python-env: a virtual environment with maturin, pytest and the analyst libraries
python-env: $(VENV)/.ready
$(VENV)/.ready: bindings-python/requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r bindings-python/requirements-dev.txt
	touch $@

## python-wheel: build the abi3 wheel (debug, for tests) and install it in the venv
python-wheel: python-env
	rm -rf $(WHEELS)
	cd bindings-python && ../$(VENV)/bin/maturin build --quiet --out ../$(WHEELS)
	$(PY) -m pip install --quiet --force-reinstall --no-deps $(WHEELS)/*.whl

## python-wheel-release: the same in release mode (demo, benchmarks)
python-wheel-release: python-env
	rm -rf $(WHEELS)
	cd bindings-python && ../$(VENV)/bin/maturin build --quiet --release --out ../$(WHEELS)
	$(PY) -m pip install --quiet --force-reinstall --no-deps $(WHEELS)/*.whl

## python-stubs: regenerate the type stubs of the native module
## (bindings-python/python/coopetition/_coopetition.pyi) from the Rust declarations
python-stubs: python-wheel
	$(STUB_GEN)

# stub_gen is built with the environment maturin gave the wheel's build (maturin
# writes the config file), so it reuses that build's objects: only the binding
# crate is compiled again, and linked with libpython (bindings-python/build.rs).
PYO3_MATURIN_CONFIG = $(or $(firstword $(wildcard $(CURDIR)/target/maturin/pyo3-config-*.txt)),\
	$(error no target/maturin/pyo3-config-*.txt: build the wheel first (make python-wheel)))
STUB_GEN = PYO3_BUILD_EXTENSION_MODULE=1 PYO3_CONFIG_FILE=$(PYO3_MATURIN_CONFIG) \
	$(CARGO) run --quiet -p coopetition-python --bin stub_gen --

## test-python: the checked-in stubs are the generated ones and match the module (stubtest), then pytest
test-python: python-wheel
	$(STUB_GEN) --check
	cd target && ../$(PY) -m mypy.stubtest coopetition
	cd bindings-python/tests && ../../$(PY) -m pytest -q

## test-interop: journals written by Python (and Kotlin), and the exports of their store files, replay in
## Rust to the snapshots they wrote; Kotlin's store file opens in Python, and Python's store file, which
## Kotlin opened and added to (test-kotlin's StoreTest), opens in Python again; Python's Network and
## Kotlin's (as test-kotlin's SurfaceTest found it) have the same operations
test-interop:
	$(CARGO) run --quiet --example replay_check -- \
		target/interop/python_journal.jsonl target/interop/python_snapshot.json \
		target/interop/python_store_export.jsonl target/interop/python_store_snapshot.json \
		$(if $(wildcard target/interop/kotlin_journal.jsonl),target/interop/kotlin_journal.jsonl target/interop/kotlin_snapshot.json) \
		$(if $(wildcard target/interop/kotlin_store_export.jsonl),target/interop/kotlin_store_export.jsonl target/interop/kotlin_store_snapshot.json)
	cd bindings-python/tests && COOPETITION_REQUIRE_KOTLIN_SURFACE=1 COOPETITION_REQUIRE_KOTLIN_STORE=1 ../../$(PY) -m pytest -q \
		test_surface.py test_store.py::test_kotlin_store_opens_in_python test_store.py::test_python_store_came_back_from_kotlin

## fixtures: regenerate tests/fixtures from the Rust sample network
fixtures:
	$(CARGO) run --quiet --example sample_network > /dev/null
	cp target/sample_journal.jsonl tests/fixtures/sample_journal.jsonl
	cp target/sample_snapshot.json tests/fixtures/sample_snapshot.json

## rust-tools: add clippy and rustfmt when they are missing (needs rustup; never fails)
rust-tools:
	@if ! $(CARGO) clippy --version >/dev/null 2>&1 || ! $(CARGO) fmt --version >/dev/null 2>&1; then \
		if command -v rustup >/dev/null 2>&1; then \
			rustup component add clippy rustfmt || echo "warning: rustup could not add clippy and rustfmt" >&2; \
		else \
			echo "warning: clippy or rustfmt is missing and rustup is not installed" >&2; \
		fi; \
	fi

## bench: run the Rust benchmarks (criterion: the core's, the store's appends) and the Python ones
bench: bench-python
	$(CARGO) bench -p coopetition
	$(CARGO) bench -p coopetition-store

## bench-python: the Python benchmarks over 1,000,000 missions (release build):
## the policies against baselines, then every layout analysts hold, streams, and policy design (sweeps, solving)
bench-python: python-wheel-release
	$(PY) benches/python/bench_policies.py
	$(PY) benches/python/bench_layouts.py
	$(PY) benches/python/bench_stream.py
	$(PY) benches/python/bench_design.py

## clean: remove build outputs (target/, including target/sample_journal.jsonl)
clean:
	$(CARGO) clean
