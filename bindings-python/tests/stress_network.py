"""Thread stress of one shared Network, run in a fresh interpreter by test_threads.py.

Eight threads share one network and, in a loop, issue accepted and refused
commands, read it, serialise it, and ask for ledgers under a Python policy
that reads the same network, issues a refused command from inside the
callback, and sleeps while the other threads go on. A deadlock shows as this
script never finishing; the test that runs it fails on its timeout.
"""

from __future__ import annotations

import sys
import threading
import time
from datetime import date
from decimal import Decimal

import coopetition as c

THREADS = 8
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 40


def founded() -> c.Network:
    n = c.Network()
    n.found("alice", date(2020, 1, 6), "La Compagnie", [c.Actor("alice", "association", "Alice", level="steward")])
    n.register_actor("paul", date(2020, 1, 10), c.Actor("paul", "provider", "Paul Conseil"))
    terms = c.ContractTerms(["network_work"], ["revenue_share_5pct"], "Lille", "Paul")
    n.propose_contract("paul", date(2020, 1, 20), "k-paul", terms)
    n.validate_contract("alice", date(2020, 2, 1), "k-paul")
    n.sign_charter("paul", date(2020, 2, 2), 1)
    for m in ("m1", "m2"):
        n.report_solicitation("paul", date(2021, 3, 1), m, ("Mairie", "local_authority"), "network_event", "Programme")
        n.report_proposal("paul", date(2021, 3, 5), m)
        n.report_won("paul", date(2021, 3, 10), m, Decimal("1000.00"))
    return n


def main() -> None:
    network = founded()
    refused: list[str] = []
    failures: list[BaseException] = []

    class CallsBack:
        """A Python policy that uses the network it is asked about."""

        name = "calls_back"

        def evaluate(self, mission: c.MissionFacts, parameters: c.Parameters) -> Decimal:
            assert network.is_member("paul")
            try:
                network.register_actor("nobody", date(2021, 1, 1), c.Actor("x", "provider", "X"))
            except c.CoopetitionError as e:
                refused.append(e.code)
            time.sleep(0.001)
            return mission.revenue / 10

    def work(t: int) -> None:
        try:
            for i in range(ROUNDS):
                actor = f"p{t}-{i}"
                network.register_actor("alice", date(2021, 1, 1), c.Actor(actor, "provider", f"P {t} {i}"))
                try:  # refused: the same id twice
                    network.register_actor("alice", date(2021, 1, 1), c.Actor(actor, "provider", "again"))
                except c.CoopetitionError as e:
                    refused.append(e.code)
                try:  # refused: nobody
                    network.actor("nobody")
                except c.CoopetitionError as e:
                    refused.append(e.code)
                assert network.is_member("paul")
                if i % 8 == t % 8:
                    assert network.ledger("paul", 2021, CallsBack()).due == Decimal("200.00")
                if i % 10 == 0:
                    c.Network.from_snapshot_json(network.snapshot_json())
                    network.journal_jsonl()
        except BaseException as e:  # reported by the main thread
            failures.append(e)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    assert len(network.actors()) == 2 + THREADS * ROUNDS, len(network.actors())
    assert refused.count("actor.id.duplicate") == THREADS * ROUNDS
    assert refused.count("actor.id.unknown") >= THREADS * ROUNDS
    assert c.Network.replay(network.journal_jsonl()).same_state(network)
    print("ok", len(refused))


if __name__ == "__main__":
    main()
