"""Adversarial inputs through the Python entry points: whatever the text, the
engine answers with a result or a CoopetitionError carrying a stable code,
never another exception, a panic or a hang; and what it accepts it reads back.

Hypothesis runs derandomized with a bounded number of examples, so the suite
stays reproducible and short; `make fuzz` runs the long Rust campaigns.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopetition as c

ROOT = Path(__file__).resolve().parents[2]
JOURNAL = (ROOT / "tests" / "fixtures" / "sample_journal.jsonl").read_text()
# Without the hash chain (schema 1): edits there reach the strict reader and the rules.
JOURNAL_V1 = (ROOT / "tests" / "fixtures" / "sample_journal_v1.jsonl").read_text()
SNAPSHOT = (ROOT / "tests" / "fixtures" / "sample_snapshot.json").read_text()
PARAMETERS = c.Parameters.shipped().to_json()
CODES = set(c.error_codes())

EDGES = [
    "", " ", "\x00", "\u200b", "\u202e", "\ufeff", "\ud800", "1e5", "1E-30", "-0.00", "NaN", "Infinity",
    "18446744073709551615", "79228162514264337593543950335", "2021- 3-20", "2021-02-30", "9999-12-31",
    '"x":1,', "null", "[]", "{}", "true", "-1", "\n", '"', "\\",
]

BUDGET = settings(
    max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow],
    database=None,
)


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    """The text with a few edits: a slice replaced by an edge value or random text, or cut."""
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        what = draw(st.one_of(st.sampled_from(EDGES), st.text(max_size=8)))
        text = text[:start] + what + text[end:]
    if draw(st.booleans()) and len(text) > 1:
        text = text[: draw(st.integers(1, len(text)))]
    return text


def refused_properly(call) -> object | None:
    try:
        return call()
    except c.CoopetitionError as e:
        assert e.code in CODES, e.code
        return None


@BUDGET
@given(st.sampled_from([JOURNAL, JOURNAL_V1]).flatmap(edited))
def test_a_journal_replays_or_is_refused_with_a_code(text: str) -> None:
    network = refused_properly(lambda: c.Network.replay(text))
    if network is not None:
        again = c.Network.replay(network.journal_jsonl())
        assert again.same_state(network)
        assert c.Network.from_snapshot_json(network.snapshot_json()).same_state(network)


@BUDGET
@given(edited(SNAPSHOT))
def test_a_snapshot_loads_or_is_refused_with_a_code(text: str) -> None:
    network = refused_properly(lambda: c.Network.from_snapshot_json(text))
    if network is not None:
        assert c.Network.from_snapshot_json(network.snapshot_json()).same_state(network)


@BUDGET
@given(edited(PARAMETERS))
def test_parameters_load_or_are_refused_with_a_code(text: str) -> None:
    params = refused_properly(lambda: c.Parameters.load(text))
    if params is not None:
        assert c.Parameters.load(params.to_json()) == params


def command_of(line: str) -> str:
    event = json.loads(line)
    del event["seq"], event["hash"]
    return json.dumps(event, separators=(",", ":"), ensure_ascii=False)


COMMANDS = [command_of(line) for line in JOURNAL.splitlines()[1:] if line.strip()]


@BUDGET
@given(st.sampled_from(COMMANDS).flatmap(edited))
def test_a_command_is_applied_or_refused_with_a_code(command: str) -> None:
    network = c.Network.replay(JOURNAL)
    before = network.snapshot_json()
    event = refused_properly(lambda: network.execute_json(command))
    if event is None:
        assert network.snapshot_json() == before
    else:
        assert c.Network.replay(network.journal_jsonl()).same_state(network)


@BUDGET
@given(st.one_of(st.sampled_from(EDGES), st.text(max_size=12), st.decimals(allow_nan=True), st.integers(), st.booleans()))
def test_money_is_taken_exactly_or_refused_with_a_code(value: object) -> None:
    facts = refused_properly(lambda: c.MissionFacts("paul", value, date(2021, 3, 1), "other"))
    if facts is None:
        return
    # Accepted: a whole number of cents, read without rounding, never a bool
    # (worked out with enough digits for the largest amounts accepted).
    assert not isinstance(value, bool)
    with localcontext() as ctx:
        ctx.prec = 80
        exact = Decimal(value.strip() if isinstance(value, str) else value)
        assert exact == exact.quantize(Decimal("0.01"))
        assert facts.revenue == exact
        expected = (exact * Decimal("0.05")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assessment = refused_properly(lambda: c.Policy.flat().evaluate(facts))
    if assessment is not None:
        assert assessment.amount == expected
