"""The shared vectors of sweeps and solving (tests/vectors/design/sweeps.json),
worked out by hand; Rust and Kotlin run the same file."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
from conftest import ROOT

import coopetition as c

VECTORS = json.loads((ROOT / "tests" / "vectors" / "design" / "sweeps.json").read_text(encoding="utf-8"))


def missions() -> pa.Table:
    rows = VECTORS["missions"]
    return pa.table({
        "provider": [m["provider"] for m in rows],
        "revenue": pa.array([Decimal(m["revenue"]["amount"]) for m in rows], pa.decimal128(18, 2)),
        "won_on": pa.array([datetime.date.fromisoformat(m["won_on"]) for m in rows], pa.date32()),
        "lead_origin": [m["lead_origin"] for m in rows],
        "partners": pa.array([m["partners"] for m in rows], pa.uint32()),
        "shared_resources": pa.array([m["shared_resources"] for m in rows], pa.uint32()),
        "steward_workstream": [m["steward_workstream"] for m in rows],
        "client_informed": [m["client_informed"] for m in rows],
    })


@pytest.mark.parametrize("case", VECTORS["sweeps"], ids=lambda case: case["name"])
def test_sweep(case: dict[str, Any]) -> None:
    variants = [{s["setting"]: s["value"] for s in variant} for variant in case["variants"]]
    expected = case["expected"]
    if "error" in expected:
        with pytest.raises(c.CoopetitionError) as e:
            c.sweep(missions(), case["policy"], variants)
        assert e.value.code == expected["error"]
        return
    s = c.sweep(missions(), case["policy"], variants)
    assert s.totals == [Decimal(t) for t in expected["totals"]]
    assert s.table.column("priced").to_pylist() == expected["priced"]
    if "in_kind" in expected:
        assert s.table.column("in_kind_credit").to_pylist() == [Decimal(t) for t in expected["in_kind"]]
    assert s.settings == [[(x["setting"], Decimal(x["value"])) for x in variant] for variant in case["variants"]]


@pytest.mark.parametrize("case", VECTORS["solves"], ids=lambda case: case["name"])
def test_solve(case: dict[str, Any]) -> None:
    target = case["target"].get("amount", case["target"].get("policy"))
    expected = case["expected"]
    if "error" in expected:
        with pytest.raises(c.CoopetitionError) as e:
            c.solve(missions(), case["setting"], target, precision=case["precision"])
        assert e.value.code == expected["error"]
        assert expected.get("message_contains", "") in str(e.value)
        return
    s = c.solve(missions(), case["setting"], target, precision=case["precision"])
    assert (s.setting, s.value, s.total_due, s.target, s.residual) == (
        case["setting"], Decimal(expected["value"]), Decimal(expected["total_due"]),
        Decimal(expected["target"]), Decimal(expected["residual"]))
