"""Values given as input: money in whole cents, never rounded; exact rates;
visible text. Every refusal is a CoopetitionError with the core's code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import coopetition as c


def facts(revenue: Any) -> c.MissionFacts:
    return c.MissionFacts("paul", revenue, date(2021, 3, 1), "other")


@pytest.mark.parametrize(
    ("value", "cls", "code"),
    [
        # More digits than a decimal holds: never rounded to ...790.
        (Decimal("12345678901234567890123456789.5"), c.MoneyError, "money.amount.range"),
        # More decimals than cents: never truncated.
        (Decimal("1.2345678901234567890123456789012"), c.MoneyError, "money.amount.precision"),
        (Decimal("1.005"), c.MoneyError, "money.amount.precision"),
        (Decimal("1E-30"), c.MoneyError, "money.amount.precision"),
        (Decimal("1e-29"), c.MoneyError, "money.amount.precision"),
        # 7.9e28 euros is 7.9e30 cents: beyond (2^96 - 1) cents.
        (Decimal("7.9E+28"), c.MoneyError, "money.amount.range"),
        (Decimal("7.9E+29"), c.MoneyError, "money.amount.range"),
        (Decimal("792281625142643375935439503.36"), c.MoneyError, "money.amount.range"),
        (Decimal("NaN"), c.InputError, "input.parse.invalid"),
        (Decimal("sNaN"), c.InputError, "input.parse.invalid"),
        (Decimal("Infinity"), c.InputError, "input.parse.invalid"),
        (Decimal("-Infinity"), c.InputError, "input.parse.invalid"),
        (True, c.InputError, "input.parse.invalid"),
        (False, c.InputError, "input.parse.invalid"),
        (10**30, c.MoneyError, "money.amount.range"),
        (-(10**40), c.MoneyError, "money.amount.range"),
        (2**200, c.MoneyError, "money.amount.range"),
        ("1e5", c.InputError, "input.parse.invalid"),
        ("1.005", c.MoneyError, "money.amount.precision"),
        ("\ud800", c.InputError, "input.parse.invalid"),
    ],
)
def test_bad_money_is_refused_with_a_code(value: Any, cls: type[c.CoopetitionError], code: str) -> None:
    with pytest.raises(cls) as e:
        facts(value)
    assert e.value.code == code
    assert isinstance(e.value, c.CoopetitionError)
    assert code in c.error_codes()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.230"), Decimal("1.23")),
        (Decimal("12345.5"), Decimal("12345.5")),
        (Decimal("1E+3"), Decimal("1000")),
        (Decimal("792281625142643375935439503.35"), Decimal("792281625142643375935439503.35")),
        (10**26, Decimal(10**26)),
        ("0.10", Decimal("0.10")),
    ],
)
def test_whole_cents_are_kept_exactly(value: Any, expected: Decimal) -> None:
    revenue = facts(value).revenue
    assert revenue == expected
    assert str(revenue) == str(expected)


def test_a_huge_revenue_is_refused_not_priced_without_cents() -> None:
    with pytest.raises(c.MoneyError) as e:
        facts(Decimal("7.9e28"))
    assert e.value.code == "money.amount.range"


def test_a_payment_below_a_cent_is_refused_and_the_journal_replays(network: c.Network) -> None:
    before = network.journal_jsonl()
    with pytest.raises(c.MoneyError) as e:
        network.record_payment("alice", date(2021, 1, 1), "paul", Decimal("1e-29"))
    assert e.value.code == "money.amount.precision"
    assert network.journal_jsonl() == before
    network.record_payment("alice", date(2021, 1, 1), "paul", Decimal("0.01"))
    assert c.Network.replay(network.journal_jsonl()).journal_jsonl() == network.journal_jsonl()


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (Decimal("NaN"), "input.parse.invalid"),
        (Decimal("Infinity"), "input.parse.invalid"),
        (True, "input.parse.invalid"),
        (Decimal("1E-29"), "input.parse.invalid"),
        (10**40, "input.parse.invalid"),
        ("1e-2", "input.parse.invalid"),
    ],
)
def test_bad_rates_are_refused_with_a_code(value: Any, code: str) -> None:
    with pytest.raises(c.InputError) as e:
        c.Parameters.with_flat_rate(value)
    assert e.value.code == code


def test_rates_keep_their_decimals() -> None:
    params = c.Parameters.with_flat_rate(Decimal("0.0525"))
    assert params.flat_rate_at(date(2021, 1, 1)) == Decimal("0.0525")
    assert c.Parameters.with_flat_rate(Decimal("5E-2")).flat_rate_at(date(2021, 1, 1)) == Decimal("0.05")


INVISIBLE = [
    ("\x00", "input.text.invalid"),
    ("\u200b", "input.text.invalid"),
    ("Alice\u202eecilA", "input.text.invalid"),
    ("\ufeff", "input.text.invalid"),
    ("   ", "input.text.empty"),
    ("\ud800", "input.text.invalid"),
]


@pytest.mark.parametrize(("text", "code"), INVISIBLE)
def test_invisible_display_names_are_refused(network: c.Network, text: str, code: str) -> None:
    with pytest.raises(c.InputError) as e:
        c.Actor("ghost", "citizen", text)
    assert e.value.code == code
    assert code in c.error_codes()


@pytest.mark.parametrize(("text", "code"), INVISIBLE)
def test_invisible_reasons_are_refused_and_change_nothing(network: c.Network, text: str, code: str) -> None:
    before = network.journal_jsonl()
    with pytest.raises(c.InputError) as e:
        network.change_level("alice", date(2021, 1, 1), "paul", "contributor", text)
    assert e.value.code == code
    assert network.journal_jsonl() == before


def test_names_with_accents_and_emoji_are_fine(network: c.Network) -> None:
    network.register_actor("zoe", date(2021, 1, 1), c.Actor("zoe", "citizen", "Zoé 🌱"))
    assert network.actor("zoe").display_name == "Zoé 🌱"
    network.change_level("alice", date(2021, 1, 1), "paul", "contributor", "élu ✔")


# A lone surrogate has no UTF-8 form, so no Rust text: every `str` argument
# refuses it with the same stable code, whatever it names (an id, a label, a
# language, a policy, a document), rather than Python's UnicodeEncodeError.
SURROGATE = "\ud800"
SURROGATE_CALLS = {
    "command author id": lambda n: n.record_payment(SURROGATE, date(2021, 1, 1), "paul", Decimal("1.00")),
    "member id": lambda n: n.record_payment("alice", date(2021, 1, 1), SURROGATE, Decimal("1.00")),
    "actor id query": lambda n: n.actor(SURROGATE),
    "optional provider id": lambda n: n.missions(provider=SURROGATE),
    "partner ids": lambda n: n.report_start("paul", date(2021, 3, 1), "m-1", partners=[SURROGATE]),
    "lead origin label": lambda n: n.report_solicitation(
        "paul", date(2021, 3, 1), "m-1", ("Mairie", "local_authority"), SURROGATE, "Programmation"
    ),
    "client id": lambda n: n.report_solicitation("paul", date(2021, 3, 1), "m-1", SURROGATE, "network_event", "T"),
    "client kind label": lambda n: n.report_solicitation(
        "paul", date(2021, 3, 1), "m-1", ("Mairie", SURROGATE), "network_event", "Programmation"
    ),
    "actor kind label": lambda n: c.Actor("ghost", SURROGATE, "Ghost"),
    "level label with a default": lambda n: c.Actor("ghost", "citizen", "Ghost", level=SURROGATE),
    "structure label with a default": lambda n: c.Network().found(
        "alice", date(2020, 1, 6), "Réseau", [c.Actor("alice", "association", "Alice", level="steward")], SURROGATE
    ),
    "language": lambda n: n.directory_markdown(SURROGATE),
    "language of a document": lambda n: n.charter_document(lang=SURROGATE),
    "catalogue kind": lambda n: c.catalogue(SURROGATE),
    "choice item": lambda n: c.ContractTerms([SURROGATE], ["workstream"], "Lille", "Paul"),
    "policy name": lambda n: c.Policy.builtin(SURROGATE),
    "policy name to compare": lambda n: c.compare([], [SURROGATE]),
    "journal": lambda n: c.Network.replay(SURROGATE),
    "journal prefix": lambda n: c.Network.replay_prefix(SURROGATE),
    "snapshot": lambda n: c.Network.from_snapshot_json(SURROGATE),
    "snapshot to resume": lambda n: c.Network.resume(SURROGATE, ""),
    "journal to resume": lambda n: c.Network.resume_prefix(n.snapshot_json(), SURROGATE),
    "parameters json": lambda n: c.Parameters.load(SURROGATE),
    "command json": lambda n: n.execute_json(SURROGATE),
    "assessment json": lambda n: c.Assessment.from_json(SURROGATE),
    "mission facts json": lambda n: c.MissionFacts.from_json(SURROGATE),
}


@pytest.mark.parametrize("call", SURROGATE_CALLS.values(), ids=SURROGATE_CALLS.keys())
def test_a_lone_surrogate_in_any_string_argument_is_refused_with_a_code(network: c.Network, call: Any) -> None:
    before = network.journal_jsonl()
    with pytest.raises(c.CoopetitionError) as e:
        call(network)
    assert not isinstance(e.value, UnicodeError)
    assert isinstance(e.value, c.InputError)
    assert e.value.code == "input.text.invalid"
    assert network.journal_jsonl() == before


def test_the_refusal_names_the_lone_surrogate_and_the_argument(network: c.Network) -> None:
    with pytest.raises(c.InputError) as e:
        network.actor("paul\udc80")
    assert "U+DC80" in str(e.value)
    assert "while processing 'id'" in getattr(e.value, "__notes__", [])
