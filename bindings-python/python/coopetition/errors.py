"""The exception hierarchy of coopetition.

Every error raised by the library is a :class:`CoopetitionError` whose ``code``
is the stable machine code of the Rust core (for example
``"mission.transition.invalid"``). Subclasses follow the code's family (its
first segment); errors caused by bad input also subclass :class:`ValueError`.
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
    """A value given is malformed (an id, a label, a text, a number)."""


class MoneyError(InputError):
    """An amount is negative, overflows, or is not in euros."""


class DateError(InputError):
    """Dates are out of order."""


class JournalError(InputError):
    """A journal or snapshot is malformed, truncated or of an unknown schema."""


class CatalogueError(InputError):
    """A catalogue or charter file is invalid."""


class BatchError(InputError):
    """A column of a batch is missing, mistyped or holds an invalid row."""


class NetworkError(CoopetitionError):
    """The network is not founded, or is founded already."""


class ActorError(CoopetitionError):
    """An actor is unknown or duplicated, or its level cannot change."""


class AuthorizationError(CoopetitionError):
    """The issuer may not do this (not a steward, not the owner)."""


class MembershipError(CoopetitionError):
    """The actor has no live membership contract."""


class ContractError(CoopetitionError):
    """A membership contract step is not allowed."""


class ContractInputError(ContractError, InputError):
    """A contract proposal holds an invalid item."""


class CharterError(CoopetitionError):
    """A charter signature is not allowed."""


class MissionError(CoopetitionError):
    """A mission step is not allowed."""


class MissionInputError(MissionError, InputError):
    """A mission report holds an invalid value."""


class PolicyError(CoopetitionError):
    """A contribution policy cannot evaluate a mission."""


class PolicyInputError(PolicyError, InputError):
    """A declaration, rate, parameter table or guide is invalid."""


class NegotiationError(CoopetitionError):
    """A negotiation step is not allowed."""


class LedgerError(CoopetitionError):
    """A ledger record is not allowed."""


class ComplianceError(CoopetitionError):
    """A follow-up record or decision is not allowed."""


class ComplianceInputError(ComplianceError, InputError):
    """A follow-up record or configuration holds an invalid value."""


__all__ = [
    "ActorError",
    "AuthorizationError",
    "BatchError",
    "CatalogueError",
    "CharterError",
    "ComplianceError",
    "ComplianceInputError",
    "ContractError",
    "ContractInputError",
    "CoopetitionError",
    "DateError",
    "InputError",
    "JournalError",
    "LedgerError",
    "MembershipError",
    "MissionError",
    "MissionInputError",
    "MoneyError",
    "NegotiationError",
    "NetworkError",
    "PolicyError",
    "PolicyInputError",
]
