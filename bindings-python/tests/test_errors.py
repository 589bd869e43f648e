"""Errors: one base class, a stable code, families, ValueError for bad input."""

from __future__ import annotations

import importlib.util
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import win

import coopetition as c
from coopetition._coopetition import error_classes


def test_every_core_code_is_listed_and_dotted() -> None:
    codes = c.error_codes()
    assert len(codes) == len(set(codes))
    assert all(code.count(".") in (1, 2) and code == code.lower() for code in codes)


@pytest.mark.parametrize(
    ("call", "cls", "code"),
    [
        (lambda n: n.actor("nobody"), c.ActorError, "actor.id.unknown"),
        (lambda n: n.register_actor("alice", date(2021, 1, 1), c.Actor("paul", "provider", "P")), c.ActorError, "actor.id.duplicate"),
        (lambda n: c.Actor("a b", "provider", "x"), c.InputError, "input.id.invalid"),
        (lambda n: c.Actor("x", "wizard", "x"), c.InputError, "input.label.unknown"),
        (lambda n: c.Actor("x", "citizen", " "), c.InputError, "input.text.empty"),
        (lambda n: n.found("alice", date(2021, 1, 1), "again", []), c.NetworkError, "network.founding.invalid"),
        (lambda n: n.validate_contract("paul", date(2021, 1, 1), "k-paul"), c.AuthorizationError, "auth.steward.required"),
        (lambda n: n.propose_amendment("rita", date(2021, 1, 1), "k-paul", c.ContractTerms([], ["workstream"], "L", "R")), c.AuthorizationError, "auth.owner.required"),
        (lambda n: n.propose_contract("rita", date(2021, 1, 1), "k-rita", c.ContractTerms([], ["fee_of_doom"], "L", "R")), c.ContractInputError, "contract.item.unknown"),
        (lambda n: n.propose_contract("rita", date(2021, 1, 1), "k-rita", c.ContractTerms(["other"], ["workstream"], "L", "R")), c.ContractInputError, "contract.item.detail_missing"),
        (lambda n: n.propose_contract("rita", date(2021, 1, 1), "k-rita", c.ContractTerms([], [], "L", "R")), c.ContractInputError, "contract.contribution.missing"),
        (lambda n: n.propose_contract("paul", date(2021, 1, 1), "k-2", c.ContractTerms([], ["workstream"], "L", "P")), c.ContractError, "contract.member.already_live"),
        (lambda n: n.validate_contract("alice", date(2021, 1, 1), "k-paul"), c.ContractError, "contract.transition.invalid"),
        (lambda n: n.contract("nope"), c.ContractError, "contract.id.unknown"),
        (lambda n: n.sign_charter("paul", date(2021, 1, 1), 7), c.CharterError, "charter.version.unknown"),
        (lambda n: n.sign_charter("paul", date(2021, 1, 1), 1), c.CharterError, "charter.signature.duplicate"),
        (lambda n: n.sign_charter("alice", date(2021, 1, 1), 1), c.CharterError, "charter.signatory.not_provider"),
        (lambda n: n.sign_charter("rita", date(2021, 1, 1), 1), c.MembershipError, "membership.required"),
        (lambda n: n.report_proposal("paul", date(2021, 1, 1), "nope"), c.MissionError, "mission.id.unknown"),
        (lambda n: n.report_solicitation("alice", date(2021, 1, 1), "m", ("C", "company"), "other", "t"), c.MissionError, "mission.provider.not_provider"),
        (lambda n: n.report_solicitation("paul", date(2019, 1, 1), "m", ("C", "company"), "other", "t"), c.DateError, "date.order.invalid"),
        (lambda n: n.report_won("paul", date(2021, 3, 20), "m1", Decimal("-1")), c.MissionError, "mission.transition.invalid"),
        (lambda n: c.Network.replay("{"), c.JournalError, "journal.line.truncated"),
        (lambda n: c.Network.replay('{"format":"coopetition-journal","schema_version":99}\n'), c.JournalError, "journal.schema.unknown"),
        (lambda n: c.Network.replay("nonsense\n"), c.JournalError, "journal.json.malformed"),
        (lambda n: c.Parameters.with_flat_rate(Decimal("1.5")), c.PolicyInputError, "policy.rate.invalid"),
        (lambda n: c.Policy.builtin("lottery"), c.InputError, "input.label.unknown"),
        (lambda n: n.mission_facts("m1"), c.PolicyError, "policy.mission.not_won"),
    ],
)
def test_error_codes_and_classes(network: c.Network, call, cls, code) -> None:  # type: ignore[no-untyped-def]
    network.report_solicitation("paul", date(2021, 3, 1), "m1", ("Mairie", "local_authority"), "other", "t")
    with pytest.raises(cls) as e:
        call(network)
    assert e.value.code == code
    assert isinstance(e.value, c.CoopetitionError)
    assert code in c.error_codes()


def test_input_errors_are_value_errors() -> None:
    with pytest.raises(ValueError):
        c.Actor("a b", "provider", "x")
    assert issubclass(c.ContractInputError, ValueError)
    assert not issubclass(c.AuthorizationError, ValueError)


def test_float_money_is_refused_with_advice(network: c.Network) -> None:
    win(network, "m1")
    with pytest.raises(TypeError, match=r"decimal\.Decimal"):
        network.declare_contribution("paul", date(2021, 4, 1), "m1", 12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="float"):
        c.MissionFacts("paul", 100.0, date(2021, 1, 1), "other")  # type: ignore[arg-type]


def test_negative_revenue_and_negotiation_errors(network: c.Network) -> None:
    with pytest.raises(c.MoneyError) as e:
        network.report_solicitation("paul", date(2021, 3, 1), "m2", ("M", "company"), "other", "t")
        network.report_proposal("paul", date(2021, 3, 2), "m2")
        network.report_won("paul", date(2021, 3, 3), "m2", Decimal("-5"))
    assert e.value.code == "money.amount.negative"
    win(network, "m1")
    with pytest.raises(c.PolicyInputError) as e2:
        network.declare_contribution("paul", date(2021, 4, 1), "m1", Decimal("12000.01"))
    assert e2.value.code == "policy.declaration.out_of_range"
    with pytest.raises(c.NegotiationError) as e3:
        network.accept_offer("alice", date(2021, 4, 1), "m1")
    assert e3.value.code == "negotiation.state.invalid"
    with pytest.raises(c.NegotiationError) as e4:
        network.offer_contribution("rita", date(2021, 4, 1), "m1", Decimal("10"))
    assert e4.value.code == "negotiation.party.invalid"
    with pytest.raises(c.LedgerError) as e5:
        network.record_delivery("paul", date(2021, 4, 1), "paul", "revenue_share_5pct", "hours", Decimal("3"))
    assert e5.value.code == "ledger.delivery.not_chosen"


def test_errors_pickle_and_repr() -> None:
    import pickle

    err = c.MissionError("boom", "mission.transition.invalid")
    back = pickle.loads(pickle.dumps(err))
    assert back.code == err.code and str(back) == "boom"
    assert "mission.transition.invalid" in repr(err)


def test_a_python_policy_owing_a_negative_amount_is_refused_by_the_core() -> None:
    class Refund:
        name = "refund"

        def evaluate(self, mission: c.MissionFacts, parameters: c.Parameters) -> Decimal:
            return Decimal("-1")

    facts = c.MissionFacts("paul", Decimal("1000.00"), date(2021, 3, 1), "other")
    with pytest.raises(c.PolicyError) as e:
        c.Policy.custom(Refund()).evaluate(facts)
    # The same code and message as a Kotlin policy returning -1.
    assert e.value.code == "policy.custom.failed"
    assert str(e.value) == "policy `refund` failed on mission `paul won on 2021-03-01`: negative amount `-1` for `amount`"


def test_errors_module_is_generated_from_the_core_table() -> None:
    # errors.py is written by tools/generate_errors.py from the native module's
    # table; a new code or family must be followed by running it.
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("generate_errors", root / "tools" / "generate_errors.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    classes = error_classes()
    package = root / "python" / "coopetition"
    assert (package / "errors.py").read_text() == generator.render(classes), "stale: run tools/generate_errors.py"
    init = (package / "__init__.py").read_text()
    assert init == generator.render_init(init, classes), "stale: run tools/generate_errors.py"


def test_every_core_code_maps_to_one_class_of_its_family() -> None:
    seen: list[str] = []
    for name, _bases, doc, codes in error_classes():
        cls = getattr(c.errors, name)
        assert issubclass(cls, c.CoopetitionError) and name in c.__all__
        for code in codes:
            assert f"``{code.split('.')[0]}.*``" in doc, f"{code} is not in the family of {name}"
        seen += codes
    assert sorted(seen) == sorted(c.error_codes())
    # Classes of bad input are ValueErrors; refusals of state or authority are not.
    assert issubclass(c.PolicyInputError, c.PolicyError) and issubclass(c.PolicyInputError, ValueError)
    assert issubclass(c.MoneyError, c.InputError) and not issubclass(c.NegotiationError, ValueError)
