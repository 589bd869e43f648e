"""coopetition.sweep: many variants of the parameters over one set of
missions, each row equal to the comparison under that variant."""

from __future__ import annotations

import sys
from decimal import Decimal

import pyarrow as pa
import pytest
from conftest import ROOT, three_missions

import coopetition as c

sys.path.insert(0, str(ROOT / "examples" / "python"))
import portfolio  # noqa: E402


def missions() -> pa.Table:
    return three_missions()


def test_a_flat_rate_grid_worked_out_by_hand() -> None:
    t = c.sweep(missions(), "flat", {"flat_rate": ["0.05", Decimal("0.06"), 0]}).table
    assert t.column("settings").to_pylist() == ["flat_rate=0.05", "flat_rate=0.06", "flat_rate=0"]
    # 5 %: 500.00 + 100.00 + 25.025 → 25.03 = 625.03; 6 %: 600 + 120 + 30.03 = 750.03.
    assert t.column("total_due").to_pylist() == [Decimal("625.03"), Decimal("750.03"), Decimal("0.00")]
    assert t.column("due_origin_network_event").to_pylist()[1] == Decimal("600.00")
    assert t.column("rate_median").to_pylist()[0] == pytest.approx(0.05)


def test_a_situation_moves_only_its_missions_and_a_grid_makes_every_combination() -> None:
    t = c.sweep(missions(), "guide", {"network_referral": ["0.08", "0.10"], "event_solo": ["0.04", "0.05"]}).table
    assert t.num_rows == 4
    assert t.column("settings").to_pylist()[1] == "network_referral=0.08, event_solo=0.05"
    referral = t.column("due_situation_network_referral").to_pylist()
    assert referral == [Decimal("160.00"), Decimal("160.00"), Decimal("200.00"), Decimal("200.00")]
    assert t.column("due_situation_event_solo").to_pylist() == [Decimal("400.00"), Decimal("500.00")] * 2
    explicit = c.sweep(missions(), "guide", [{"network_referral": "0.10"}, {}]).table
    assert explicit.column("total_due").to_pylist()[0] - explicit.column("total_due").to_pylist()[1] == Decimal("40.00")


def test_every_row_equals_the_comparison_under_its_parameters() -> None:
    table = portfolio.generate(20_000, providers=40, seed=5)
    t = c.sweep(table, "guide", [{"guide_scale": "1.2"}, {}], threads=2).table
    base = c.compare(table, ["guide"]).summary
    assert t.column("total_due").to_pylist()[1] == base.column("total_due").to_pylist()[0]
    assert t.column("priced").to_pylist()[1] == base.column("priced").to_pylist()[0]
    assert t.column("gini").to_pylist()[1] == pytest.approx(base.column("gini").to_pylist()[0], abs=2**-13)
    # Every rate × 1.2: each amount is 1.2 times the base one before rounding to the cent.
    ratio = t.column("total_due").to_pylist()[0] / t.column("total_due").to_pylist()[1]
    assert abs(ratio - Decimal("1.2")) < Decimal("0.0001")


def test_bad_settings_are_refused_before_anything_is_evaluated() -> None:
    with pytest.raises(c.CoopetitionError) as e:
        c.sweep(missions(), "guide", {"flat_rate": ["0.05", "-0.01"]}).table
    assert e.value.code == "policy.rate.invalid"
    with pytest.raises(c.CoopetitionError) as e:
        c.sweep(missions(), "guide", {"word_of_mouth": ["0.02"]}).table
    assert e.value.code == "policy.situation.unknown"
    assert "word_of_mouth" in str(e.value) and "event_solo" in str(e.value)
    with pytest.raises(TypeError):
        c.sweep(missions(), "flat", {"flat_rate": [0.05]}).table
    with pytest.raises(c.CoopetitionError) as e:
        c.sweep(missions(), "flat", {"flat_rate": []}).table
    assert e.value.code == "input.parse.invalid"


def test_floors_and_caps_worked_out_by_hand() -> None:
    # 5 %: 500.00, 100.00, 25.03. A floor of 200 € and a cap of 300 €: 300 + 200 + 200;
    # a floor of 600 €: 600 + 600 + 500.50 (never above the revenue).
    t = c.sweep(missions(), "flat", [{"floor": "200", "cap": Decimal("300")}, {"floor": 600}, {"cap": "0"}]).table
    assert t.column("settings").to_pylist() == ["floor=200, cap=300", "floor=600", "cap=0"]
    assert t.column("total_due").to_pylist() == [Decimal("700.00"), Decimal("1700.50"), Decimal("0.00")]
    assert t.column("due_origin_other").to_pylist()[:2] == [Decimal("200.00"), Decimal("500.50")]
    with pytest.raises(c.CoopetitionError) as e:
        c.sweep(missions(), "flat", {"floor": ["10.005"]}).table
    assert e.value.code == "money.amount.precision"
    with pytest.raises(c.CoopetitionError) as e:
        c.sweep(missions(), "flat", {"cap": ["-1"]}).table
    assert e.value.code == "money.amount.negative"
