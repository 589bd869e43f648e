#!/usr/bin/env bash
# Installs each artifact of dist/ in a clean place and runs a smoke test
# against it, as a user of each ecosystem would (run by `make dist-check`):
#   1. the wheel in a fresh venv (no pyarrow): evaluate a mission; a pyarrow
#      feature says which extra to install;
#   2. the sdist in a fresh venv: pip builds it from source with maturin;
#      and the source tree itself (`pip install ./bindings-python`);
#   3. a Maven project outside the repository, depending only on the jar and
#      JNA (installed from dist/ with its POM): evaluate a mission in Kotlin;
#   4. a Rust project outside the workspace, depending on the packaged crate
#      (unpacked from dist/*.crate) by path.
# Builds share the workspace's target directory (CARGO_TARGET_DIR).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/dist"
PYTHON="${PYTHON:-python3}"
MVN="${MVN:-mvn}"
VERSION="$("$PYTHON" "$ROOT/tools/version_check.py")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
step() { printf '\n== dist-check: %s\n' "$*"; }

SMOKE_PY='
from datetime import date
from decimal import Decimal
import coopetition as c
facts = c.MissionFacts("paul", Decimal("12000.00"), date(2021, 3, 1), "network_event")
a = c.Policy.builtin("flat").evaluate(facts)
assert a.amount == Decimal("600.00"), a
print("coopetition", c.__version__, "flat 5 % of 12 000.00 =", a.amount)
'

# A fresh venv named $1 with $2 installed by pip (no cache: a source is
# really built), where the smoke test runs.
python_smoke() {
    "$PYTHON" -m venv "$WORK/$1"
    "$WORK/$1/bin/pip" install --quiet --no-cache-dir "$2"
    (cd "$WORK" && "$WORK/$1/bin/python" -c "$SMOKE_PY")
}

step "the wheel in a fresh venv"
wheels=("$DIST"/coopetition-"$VERSION"-*.whl)
python_smoke wheel "${wheels[0]}"
(cd "$WORK" && "$WORK/wheel/bin/python" -c '
from datetime import date
import coopetition as c
n = c.Network()
n.found("alice", date(2020, 1, 6), "La Compagnie des Tiers-Lieux", [c.Actor("alice", "association", "Alice", level="steward")])
try:
    n.ledger_entries(date(2021, 1, 1), date(2022, 1, 1))
except ImportError as e:
    assert "coopetition[arrow]" in str(e), e
    print("without pyarrow:", e)
else:
    raise SystemExit("a pyarrow table was made without pyarrow")
')

step "the sdist in a fresh venv, built from source"
python_smoke sdist "$DIST/coopetition-$VERSION.tar.gz"

step "the source tree in a fresh venv, with pip alone"
python_smoke tree "$ROOT/bindings-python"

step "the jar in a Maven project outside the repository"
"$MVN" -B -q install:install-file -Dfile="$DIST/coopetition-kotlin-$VERSION.jar" \
    -DpomFile="$DIST/coopetition-kotlin-$VERSION.pom"
mkdir -p "$WORK/kotlin/src/main/kotlin"
sed "s/@VERSION@/$VERSION/" "$ROOT/tools/dist-smoke/pom.xml" > "$WORK/kotlin/pom.xml"
cp "$ROOT/tools/dist-smoke/Main.kt" "$WORK/kotlin/src/main/kotlin/"
"$MVN" -B -q -f "$WORK/kotlin/pom.xml" compile exec:java

step "the crate in a Rust project outside the workspace"
mkdir -p "$WORK/rust/src" "$WORK/crates"
tar -xzf "$DIST/coopetition-$VERSION.crate" -C "$WORK/crates"
cat > "$WORK/rust/Cargo.toml" <<TOML
[package]
name = "smoke"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
coopetition = { path = "$WORK/crates/coopetition-$VERSION" }
TOML
cp "$ROOT/tools/dist-smoke/main.rs" "$WORK/rust/src/main.rs"
cargo run -q --manifest-path "$WORK/rust/Cargo.toml"

step "every artifact installed and run"
