"""Fairness diagnostics of a comparison, worked out by hand on three providers."""

from __future__ import annotations

from decimal import Decimal

import matplotlib
import pyarrow as pa
import pytest

from conftest import three_missions

import coopetition as c

matplotlib.use("Agg")


def missions() -> pa.Table:
    return three_missions(("ana", "ben", "lea"))


def test_three_providers_worked_out_by_hand() -> None:
    d = c.compare(missions(), ["flat", "guide"]).diagnostics()
    assert d.policies == ["flat", "guide"]
    origins = {(r["policy"], r["key"]): r for r in d.by_lead_origin.to_pylist()}
    assert origins[("guide", "network_event")]["rate"] == 0.04
    assert origins[("guide", "network_referral")]["rate"] == 0.08
    assert origins[("guide", "own_network")]["rate"] is None
    # lea (rank 0) in band 1, ben in band ⌊10/3⌋ + 1 = 4, ana in band 7.
    bands = [(r["band"], r["due"]) for r in d.by_size.to_pylist() if r["policy"] == "guide"]
    assert bands == [(1, Decimal("25.03")), (4, Decimal("160.00")), (7, Decimal("400.00"))]
    # The guide's curve from the lowest rate: ana 4 %, lea ≈ 5.001 %, ben 8 %.
    curve = [(r["revenue_share"], r["due_share"]) for r in d.lorenz.to_pylist() if r["policy"] == "guide"]
    assert curve[1] == pytest.approx((10_000 / 12_500.5, 400 / 585.03), abs=1e-15)
    index = {r["policy"]: r["concentration"] for r in d.concentration.to_pylist()}
    assert index["guide"] == pytest.approx(0.1203473048025757, abs=1e-12)
    # Who pays more than the guide suggests under the flat rate: ana 500 − 400; ben pays 60 less.
    gaps = [(r["provider"], r["gap"]) for r in d.gaps.to_pylist() if r["policy"] == "flat"]
    assert gaps == [("ana", Decimal("100.00")), ("lea", Decimal("0.00")), ("ben", Decimal("-60.00"))]
    assert "guide: 0.1203" in repr(d)


def test_a_merged_summary_gives_the_same_diagnostics() -> None:
    whole = c.compare(missions(), ["flat", "guide"])
    parts = [c.compare(missions().slice(i, 1), ["flat", "guide"]).state() for i in range(3)]
    merged = c.Summary.merge(parts).diagnostics()
    assert merged.gaps.equals(whole.diagnostics().gaps)
    assert merged.by_size.equals(whole.diagnostics().by_size)


def test_the_lorenz_curves_are_drawn() -> None:
    d = c.compare(missions(), ["flat", "guide"]).diagnostics()
    ax = d.plot_lorenz(lang="en")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[0].startswith("flat (index 0") and labels[1] == "guide (index 0.12)" and labels[2] == "Equal shares"
    assert list(ax.get_lines()[1].get_xdata()) == pytest.approx([0, 10_000 / 12_500.5, 10_500.5 / 12_500.5, 1])


def test_solutions_and_diagnostics_show_in_notebooks() -> None:
    nnbsp, nbsp = "\u202f", "\u00a0"
    solution = c.solve(missions(), "flat_rate", "guide")
    shown = solution._repr_html_()
    # 4.68 %, 585.02 € for a target of 585.03 €: −0.01 € (U+2212).
    assert f"4,68{nnbsp}%" in shown and f"585,02{nbsp}€" in shown and f"\u22120,01{nbsp}€" in shown
    d = c.compare(missions(), ["flat", "guide"]).diagnostics()
    shown = d._repr_html_()
    # The guide's index 0.120; under the flat rate ana pays 100.00 € above the guide.
    assert "0,12" in shown and f"ana (100,00{nbsp}€)" in shown
