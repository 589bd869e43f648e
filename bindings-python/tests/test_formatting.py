"""The shared text vectors (tests/vectors/text/formatting.json) through the
Python API: the formatter's functions, and the sentences of explanations."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from conftest import ROOT

import coopetition as c

VECTORS: dict[str, Any] = json.loads((ROOT / "tests" / "vectors" / "text" / "formatting.json").read_text())
LANGS = ["fr", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_values_are_written_as_each_language_writes_them(lang: str) -> None:
    for case in VECTORS["amounts"]:
        assert c.format_amount(Decimal(case["value"]), lang) == case[lang], case
        assert c.format_amount(case["value"], lang) == case[lang], case
    for case in VECTORS["numbers"]:
        assert c.format_number(Decimal(case["value"]), lang) == case[lang], case
    for case in VECTORS["percents"]:
        assert c.format_percent(Decimal(case["share"]), lang) == case[lang], case
    for case in VECTORS["counts"]:
        got = c.format_count(case["n"], case["singular"][lang], case["plural"][lang], lang)
        assert got == case[lang], case
    for case in VECTORS["dates"]:
        assert c.format_date(date.fromisoformat(case["on"]), lang) == case[lang], case


@pytest.mark.parametrize("case", VECTORS["explanations"], ids=lambda case: case["name"])
def test_explanations_use_them(case: dict[str, Any]) -> None:
    mission = c.MissionFacts.from_json(json.dumps(case["mission"]))
    assessment = c.evaluate(c.Policy.builtin(case["policy"]), mission)
    for lang in LANGS:
        assert [step.sentence(lang) for step in assessment.steps] == case[lang]
    # Each step's source, cited as data (None: the step applies no text of the network).
    assert [step.source_code for step in assessment.steps] == case["sources"]
    titles = [step.source_title("fr") for step in assessment.steps]
    assert all((t is None) == (code is None) for t, code in zip(titles, case["sources"], strict=True))


def test_the_formatter_refuses_floats_and_unknown_languages() -> None:
    with pytest.raises(TypeError):
        c.format_amount(0.1, "fr")  # type: ignore[arg-type]
    with pytest.raises(c.CoopetitionError) as e:
        c.format_amount(Decimal("1"), "de")  # type: ignore[arg-type]
    assert "de" in str(e.value)
    assert c.format_amount(Decimal("1")) == "1,00\u00a0€", "French unless asked"
