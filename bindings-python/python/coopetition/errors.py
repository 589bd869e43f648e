"""The exception hierarchy of coopetition.

Every error raised by the library is a :class:`CoopetitionError` whose ``code``
is the stable machine code of the Rust core (for example
``"mission.transition.invalid"``). Subclasses follow the code's family (its
first segment); errors caused by bad input also subclass :class:`ValueError`.

Generated from the core's table of error families by
``bindings-python/tools/generate_errors.py``: do not edit.
"""

from __future__ import annotations


class CoopetitionError(Exception):
    """Base class of every error of the library; ``code`` is stable."""

    code: str

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}, code={self.code!r})"

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (str(self), self.code))


class InputError(CoopetitionError, ValueError):
    """Bad input: identifiers, empty texts, unparsable numbers or dates, unknown labels (``input.*``).

    Codes: ``input.id.invalid``, ``input.text.empty``, ``input.text.invalid``,
    ``input.parse.invalid``, ``input.label.unknown``.
    """


class MoneyError(InputError):
    """Amounts of money: negative, overflowing, beyond range or not in euros (``money.*``).

    Codes: ``money.currency.unsupported``, ``money.amount.negative``, ``money.amount.overflow``,
    ``money.amount.precision``, ``money.amount.range``.
    """


class DateError(InputError):
    """Dates in the wrong order (``date.*``).

    Codes: ``date.order.invalid``.
    """


class ActorError(CoopetitionError):
    """Actors: unknown or duplicated, or a level that cannot change (``actor.*``).

    Codes: ``actor.id.unknown``, ``actor.id.duplicate``, ``actor.level.last_steward``.
    """


class NetworkError(CoopetitionError):
    """Founding the network: not founded yet, or founded already (``network.*``).

    Codes: ``network.founding.invalid``.
    """


class AuthorizationError(CoopetitionError):
    """Authorisation: a steward or the owner is required (``auth.*``).

    Codes: ``auth.steward.required``, ``auth.owner.required``, ``auth.steward.suspended``,
    ``auth.own_case.refused``.
    """


class ContractError(CoopetitionError):
    """Membership contracts (``contract.*``).

    Codes: ``contract.id.unknown``, ``contract.id.duplicate``, ``contract.member.already_live``,
    ``contract.transition.invalid``, ``contract.version.unknown``, ``contract.charter.unsigned``.
    """


class ContractInputError(ContractError, InputError):
    """Membership contracts (``contract.*``): the errors caused by bad input.

    Codes: ``contract.item.unknown``, ``contract.item.duplicate``, ``contract.item.detail_missing``,
    ``contract.contribution.missing``.
    """


class CatalogueError(InputError):
    """Catalogue and charter data (``catalogue.*``).

    Codes: ``catalogue.invalid``.
    """


class CharterError(CoopetitionError):
    """The cooperation charter and its signatures (``charter.*``).

    Codes: ``charter.version.unknown``, ``charter.version.outdated``,
    ``charter.signatory.not_provider``, ``charter.signature.duplicate``.
    """


class MembershipError(CoopetitionError):
    """Acting as a member without a live contract (``membership.*``).

    Codes: ``membership.required``.
    """


class MissionError(CoopetitionError):
    """Missions (``mission.*``).

    Codes: ``mission.id.unknown``, ``mission.id.duplicate``, ``mission.transition.invalid``,
    ``mission.provider.not_provider``, ``mission.origin.contradicted``,
    ``mission.origin.lead_open``.
    """


class MissionInputError(MissionError, InputError):
    """Missions (``mission.*``): the errors caused by bad input.

    Codes: ``mission.partner.invalid``.
    """


class LeadError(CoopetitionError):
    """Leads the network receives and refers: offers, answers and outcomes (``lead.*``).

    Codes: ``lead.id.unknown``, ``lead.id.duplicate``, ``lead.recipient.invalid``,
    ``lead.state.invalid``, ``lead.answer.not_offered``, ``lead.answer.late``,
    ``lead.answer.duplicate``, ``lead.choice.invalid``.
    """


class CallError(CoopetitionError):
    """Calls for partners: answers and the members who joined (``call.*``).

    Codes: ``call.id.unknown``, ``call.id.duplicate``, ``call.answer.invalid``,
    ``call.answer.duplicate``, ``call.partner.invalid``.
    """


class EventError(CoopetitionError):
    """Events the network held and who attended them (``event.*``).

    Codes: ``event.id.unknown``, ``event.id.duplicate``.
    """


class EventInputError(EventError, InputError):
    """Events the network held and who attended them (``event.*``): the errors caused by bad input.

    Codes: ``event.attendee.invalid``.
    """


class PolicyError(CoopetitionError):
    """Contribution policies and their parameters (``policy.*``).

    Codes: ``policy.mission.not_won``, ``policy.parameters.not_in_force``, ``policy.custom.failed``.
    """


class PolicyInputError(PolicyError, InputError):
    """Contribution policies and their parameters (``policy.*``): the errors caused by bad input.

    Codes: ``policy.declaration.out_of_range``, ``policy.rate.invalid``,
    ``policy.parameters.overlap``, ``policy.parameters.gap``, ``policy.guide.invalid``,
    ``policy.guide.overlap``, ``policy.guide.gap``, ``policy.situation.unknown``,
    ``policy.target.unreachable``, ``policy.guide.too_large``, ``policy.assessment.inconsistent``.
    """


class BatchError(InputError):
    """Columnar batches: a missing or mistyped column, an invalid row (``batch.*``).

    Codes: ``batch.row.invalid``, ``batch.column.invalid``, ``batch.summary.mismatch``,
    ``batch.results.streamed``, ``batch.summary.invalid``.
    """


class NegotiationError(CoopetitionError):
    """Negotiations of contributions (``negotiation.*``).

    Codes: ``negotiation.party.invalid``, ``negotiation.state.invalid``.
    """


class LedgerError(CoopetitionError):
    """The ledger: payments, donations, in-kind deliveries (``ledger.*``).

    Codes: ``ledger.delivery.not_chosen``.
    """


class ComplianceError(CoopetitionError):
    """Follow-up of the charter's engagements: deadlines, attendance, shared resources (``compliance.*``).

    A member's standing: hearings and decisions (``standing.*``).

    Codes: ``compliance.attendance.duplicate``, ``compliance.resource.already_shared``,
    ``compliance.obligation.not_open``, ``standing.hearing.required``, ``standing.hearing.pending``,
    ``standing.hearing.already_open``, ``standing.hearing.not_open``, ``standing.hearing.answered``,
    ``standing.decision.unchanged``, ``standing.transition.invalid``, ``standing.decision.self``,
    ``standing.member.excluded``.
    """


class ComplianceInputError(ComplianceError, InputError):
    """Follow-up of the charter's engagements: deadlines, attendance, shared resources (``compliance.*``): the errors caused by bad input.

    A member's standing: hearings and decisions (``standing.*``): the errors caused by bad input.

    Codes: ``compliance.deadline.invalid``, ``standing.thresholds.invalid``,
    ``compliance.attendance.future_year``, ``compliance.resource.not_developed``.
    """


class JournalError(InputError):
    """Journals and snapshots: malformed, truncated, of an unknown schema or with a broken hash chain (``journal.*``).

    Codes: ``journal.json.malformed``, ``journal.line.truncated``, ``journal.schema.unknown``,
    ``journal.sequence.invalid``, ``journal.line.corrupt``, ``journal.snapshot.inconsistent``,
    ``journal.chain.broken``, ``journal.snapshot.digest``, ``journal.snapshot.encoding``,
    ``journal.snapshot.continuation``.
    """


class StoreError(CoopetitionError):
    """Durable stores and journal keys: a file that is not a store, a second writer, a failed write, a key missing or not matching (``store.*``).

    Codes: ``store.write.conflict``, ``store.file.read_only``, ``store.disk.full``,
    ``store.file.busy``, ``store.file.corrupt``, ``store.io.failed``, ``store.file.closed``,
    ``store.file.none``.
    """


class StoreInputError(StoreError, InputError):
    """Durable stores and journal keys: a file that is not a store, a second writer, a failed write, a key missing or not matching (``store.*``): the errors caused by bad input.

    Codes: ``store.key.required``, ``store.key.invalid``, ``store.file.not_store``,
    ``store.schema.unknown``, ``store.file.not_empty``.
    """


__all__ = [
    "ActorError",
    "AuthorizationError",
    "BatchError",
    "CallError",
    "CatalogueError",
    "CharterError",
    "ComplianceError",
    "ComplianceInputError",
    "ContractError",
    "ContractInputError",
    "CoopetitionError",
    "DateError",
    "EventError",
    "EventInputError",
    "InputError",
    "JournalError",
    "LeadError",
    "LedgerError",
    "MembershipError",
    "MissionError",
    "MissionInputError",
    "MoneyError",
    "NegotiationError",
    "NetworkError",
    "PolicyError",
    "PolicyInputError",
    "StoreError",
    "StoreInputError",
]
