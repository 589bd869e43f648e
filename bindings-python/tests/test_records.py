"""The core's records as Python sees them: fields, shapes and the shared repr."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import coopetition as c


def test_pending_terms_and_discussion_notes_are_records(network: c.Network) -> None:
    network.register_actor("zoe", date(2021, 1, 2), c.Actor("zoe", "provider", "Zoé"))
    terms = c.ContractTerms(["team_up"], ["workstream"], "Lille", "Zoé")
    network.propose_contract("zoe", date(2021, 1, 3), "k-zoe", terms)
    network.discuss_contract("alice", date(2021, 1, 4), "k-zoe", "which workstream?")
    k = network.contract("k-zoe")
    assert k.status == "in_discussion"
    assert k.current is None
    assert k.pending is not None
    assert isinstance(k.pending, c.PendingTerms)
    assert k.pending.terms == terms
    assert k.pending.proposed_on == date(2021, 1, 3)
    [note] = k.discussion
    assert (note.by, note.on, note.note) == ("alice", date(2021, 1, 4), "which workstream?")
    assert isinstance(note, c.DiscussionNote)
    network.validate_contract("alice", date(2021, 1, 9), "k-zoe")
    assert network.contract("k-zoe").pending is None


def test_a_record_shows_its_fields_in_the_order_it_declares_them() -> None:
    assert repr(c.Actor("zoe", "citizen", "Zoé", level="contributor")) == (
        "Actor(id='zoe', kind='citizen', display_name='Zoé', level='contributor', public_listing=False)"
    )
    assert repr(c.Resource("guide", licence="CC-BY-4.0")) == "Resource(name='guide', licence='CC-BY-4.0', workstream=None)"
    assert repr(c.Choice("other", "peer group")) == "Choice(item='other', detail='peer group')"
    assert repr(c.Client.Member(id="rita")) == "Client.Member(id='rita')"


def test_every_record_of_a_network_has_a_repr(network: c.Network) -> None:
    network.record_payment("alice", date(2021, 1, 5), "paul", Decimal("10.00"))
    [payment] = network.payments()
    assert repr(payment).startswith("Payment(member='paul', amount=Decimal('10.00'), on=datetime.date(2021, 1, 5)")
    assert repr(network.contract("k-paul")).startswith("Contract(id='k-paul', member='paul', kind='provider', status='active'")
    assert repr(c.shipped_charter_versions()[0]) == "Charter(version=1, published_on=datetime.date(2020, 1, 1))"


def test_catalogue_entries_come_section_by_section() -> None:
    items = c.catalogue("provider")
    sections = [i.section for i in items]
    order = ["needs", "network_engagements", "member_engagements", "contributions"]
    assert sections == sorted(sections, key=order.index)
    assert set(sections) == set(order)
    assert all((i.form is None) == (i.section != "contributions") for i in items)
    share = next(i for i in items if i.id == "revenue_share_5pct")
    assert share.form == "revenue_share"
    assert share.text("fr") == share.fr and share.text() == share.en
