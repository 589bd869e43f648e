"""Types shared by the stubs and by users: money inputs and the policy protocol."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, Union

if TYPE_CHECKING:
    from coopetition._coopetition import MissionFacts, Parameters

#: What is accepted where money is expected: an exact Decimal, an int, or a
#: numeric string. A float is refused with a TypeError.
Money = Union[Decimal, int, str]


class PolicyProtocol(Protocol):
    """A contribution policy written in Python.

    Any object with a ``name`` and this ``evaluate`` method plugs in wherever a
    built-in :class:`coopetition.Policy` does, comparisons included. It returns
    the amount due for the mission (rounded to the cent by the library, half
    away from zero); an exception it raises surfaces as a
    :class:`coopetition.PolicyError` with code ``policy.custom.failed`` naming
    the policy and the mission.
    """

    name: str

    def evaluate(self, mission: MissionFacts, parameters: Parameters) -> Money: ...
