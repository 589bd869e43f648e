"""One surface in Python and Kotlin: the same operations on `Network`, with the
same parameter names in the same order (snake_case here, camelCase there).

Python's operations are read from the module itself (`dir` and
`inspect.signature`); Kotlin's from its classes by reflection, which the
Kotlin suite's `SurfaceTest` writes to `target/interop/kotlin_surface.json`.
Neither side is listed by hand: only the deliberate differences below are.
Without the file (the Kotlin suite has not run), or with a file older than
the Python module under test (written by an earlier Kotlin run, before the
surfaces last changed), the comparison is skipped, unless
`COOPETITION_REQUIRE_KOTLIN_SURFACE=1` (as `make test-interop` sets, after
both suites ran).
"""

from __future__ import annotations

import inspect
import json
import os
import re
from pathlib import Path

import pytest

import coopetition as c
from conftest import ROOT

KOTLIN_SURFACE = ROOT / "target" / "interop" / "kotlin_surface.json"

# Operations one language has and the other, by design, has not.
PYTHON_ONLY = {
    # uniffi's constructors return the object only: Kotlin has these two as
    # top-level functions (`replayPrefix`, `resumePrefix`) returning a record.
    "replay_prefix": "a top-level function in Kotlin",
    "resume_prefix": "a top-level function in Kotlin",
    # Kotlin's `close()` is uniffi's own (AutoCloseable): it frees the object,
    # which closes its store file; `closeStore` closes the file and keeps it.
    "close": "Kotlin's close() frees the object (uniffi's AutoCloseable): see close_store",
    # Writing CSV or Parquet goes through pyarrow; Kotlin gets the entries as records (ledgerEntries).
    "export_ledger": "a file written with pyarrow; Kotlin has ledgerEntries as records",
}
KOTLIN_ONLY = {
    # A Kotlin `MissionFacts` is a record copied at each call; a prepared
    # mission keeps the core's facts behind a handle. Python's `mission_facts`
    # already returns such a handle (a native object).
    "prepare_mission": "Python's mission_facts is already native",
    "close_store": "Python's close() closes the file and keeps the object, as this does",
}
# Parameters one language takes and the other, by design, does not.
EXTRA_PARAMETERS = {
    # A Kotlin `Assessment` is a record: its explanation is rendered when it
    # is made. Python's renders on demand, with `Assessment.explain(lang)`.
    ("kotlin", "assess"): {"lang"},
}


def snake(name: str) -> str:
    """`reportWon` → `report_won` (Kotlin's names as Python spells them)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def python_surface() -> dict[str, list[str]]:
    """Every public operation of `coopetition.Network` and its parameters, from the module."""
    surface = {}
    for name in dir(c.Network):
        if name.startswith("_"):
            continue
        member = inspect.getattr_static(c.Network, name)
        if inspect.isdatadescriptor(member):  # a property: no parameter
            surface[name] = []
            continue
        parameters = inspect.signature(getattr(c.Network, name)).parameters
        surface[name] = [p for p in parameters if p not in ("self", "cls")]
    return surface


def kotlin_surface() -> dict[str, list[str]]:
    """Kotlin's operations, as reflection found them, in Python's spelling."""
    required = os.environ.get("COOPETITION_REQUIRE_KOTLIN_SURFACE") == "1"
    if not KOTLIN_SURFACE.exists():
        if required:
            pytest.fail(f"{KOTLIN_SURFACE} is missing: run `make test-kotlin` first")
        pytest.skip(f"{KOTLIN_SURFACE} is missing: run `make test-kotlin` first")
    module = Path(c._coopetition.__file__)
    if not required and KOTLIN_SURFACE.stat().st_mtime < module.stat().st_mtime:
        pytest.skip(f"{KOTLIN_SURFACE} predates this build of the Python module: `make test` compares them after both suites ran")
    operations = json.loads(KOTLIN_SURFACE.read_text())["Network"]
    return {snake(name): [snake(p) for p in params] for name, params in operations.items()}


def differences(python: dict[str, list[str]], kotlin: dict[str, list[str]]) -> list[str]:
    """What differs, one sentence each; empty when the surfaces agree."""
    found = []
    for name in sorted(set(python) - set(kotlin) - set(PYTHON_ONLY)):
        found.append(f"`{name}` is in Python only")
    for name in sorted(set(kotlin) - set(python) - set(KOTLIN_ONLY)):
        found.append(f"`{name}` is in Kotlin only")
    for name in sorted(set(python) & set(kotlin)):
        p = [x for x in python[name] if x not in EXTRA_PARAMETERS.get(("python", name), set())]
        k = [x for x in kotlin[name] if x not in EXTRA_PARAMETERS.get(("kotlin", name), set())]
        if p != k:
            found.append(f"`{name}` takes ({', '.join(p)}) in Python but ({', '.join(k)}) in Kotlin")
    for name in sorted(set(PYTHON_ONLY) & set(kotlin)) + sorted(set(KOTLIN_ONLY) & set(python)):
        found.append(f"`{name}` is listed as one language's own but both have it: drop it from the list")
    return found


def test_python_and_kotlin_have_the_same_network_operations() -> None:
    problems = differences(python_surface(), kotlin_surface())
    assert not problems, "\n".join(problems)


def test_the_comparison_names_what_differs() -> None:
    """The check itself fails on a missing operation, a renamed one and a reordered parameter."""
    python = {"found": ["by", "on", "name"], "report_won": ["by", "on", "mission"], "actors": []}
    kotlin = {"found": ["by", "on", "settings"], "report_win": ["by", "on", "mission"]}
    assert differences(python, kotlin) == [
        "`actors` is in Python only",
        "`report_won` is in Python only",
        "`report_win` is in Kotlin only",
        "`found` takes (by, on, name) in Python but (by, on, settings) in Kotlin",
    ]
    assert differences({"ledger": ["member", "year"]}, {"ledger": ["year", "member"]}) == [
        "`ledger` takes (member, year) in Python but (year, member) in Kotlin"
    ]
    assert snake("fromSnapshotJson") == "from_snapshot_json"


def test_python_introspection_sees_every_kind_of_operation() -> None:
    surface = python_surface()
    # A command, a property, a static constructor: each read with its parameters.
    assert surface["found"] == ["by", "on", "name", "founders", "structure"]
    assert surface["name"] == []
    assert surface["replay"] == ["journal", "key"]
    assert not any(name.startswith("_") for name in surface)
