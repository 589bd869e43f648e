"""coopetition.solve: the flat rate or the guide's factor whose total comes
closest to a target, worked out by hand on three missions."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from conftest import three_missions

import coopetition as c


def missions() -> pa.Table:
    return three_missions()


def test_the_flat_rate_equal_to_the_guide_worked_out_by_hand() -> None:
    # The guide: 4 % of 10,000 + 8 % of 2,000 + 5 % of 500.50 = 400 + 160 + 25.03 = 585.03.
    # 4.68 % gives 468.00 + 93.60 + 23.42 = 585.02; 4.69 % gives 586.27: 4.68 % is closer.
    s = c.solve(missions(), "flat_rate", "guide")
    assert (s.setting, s.value, s.total_due, s.target, s.residual) == (
        "flat_rate", Decimal("0.0468"), Decimal("585.02"), Decimal("585.03"), Decimal("-0.01"))
    assert s.precision == Decimal("0.0001") and s.evaluations <= 20
    # 700 €: 5.60 % gives 560.00 + 112.00 + 28.03 = 700.03.
    s = c.solve(missions(), "flat_rate", Decimal("700"))
    assert (s.value, s.total_due, s.residual) == (Decimal("0.056"), Decimal("700.03"), Decimal("0.03"))
    # A coarser grid: whole percents. 5 % gives 625.03, 6 % gives 750.03.
    s = c.solve(missions(), "flat_rate", "700", precision="0.01")
    assert (s.value, s.total_due) == (Decimal("0.06"), Decimal("750.03"))


def test_the_guide_scaled_worked_out_by_hand() -> None:
    # × 1.1965 gives 478.60 + 191.44 + 29.94 = 699.98; × 1.1966 gives 700.04.
    s = c.solve(missions(), "guide_scale", 700)
    assert (s.setting, s.value, s.total_due, s.residual) == (
        "guide_scale", Decimal("1.1965"), Decimal("699.98"), Decimal("-0.02"))
    assert "guide_scale=1.1965" in repr(s)


def test_bad_targets_and_settings() -> None:
    with pytest.raises(c.CoopetitionError) as e:
        c.solve(missions(), "flat_rate", "20000")
    assert e.value.code == "policy.target.unreachable"
    assert "the closest is 12500.50 €, at flat_rate 1" in str(e.value)
    with pytest.raises(c.CoopetitionError) as e:
        c.solve(missions(), "network_referral", "100")
    assert e.value.code == "input.label.unknown"
    with pytest.raises(c.CoopetitionError) as e:
        c.solve(missions(), "flat_rate", "gide")
    assert e.value.code == "input.label.unknown"
    with pytest.raises(c.CoopetitionError) as e:
        c.solve(missions(), "flat_rate", "100", precision="0")
    assert e.value.code == "input.parse.invalid"
    with pytest.raises(TypeError):
        c.solve(missions(), "flat_rate", 100.0)
