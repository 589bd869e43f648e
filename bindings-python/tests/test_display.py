"""Notebook display and pictures: `_repr_html_` of assessments, comparisons,
sweeps, ledgers and networks, and the matplotlib pictures of comparisons and
sweeps. Every amount is written by the engine's formatters; every text from
people is escaped."""

from __future__ import annotations

import html
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import matplotlib
import pyarrow as pa
import pytest
from conftest import three_missions, win

import coopetition as c

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# The engine's French typography: U+202F between digit groups and before %,
# U+00A0 before €.
NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture(autouse=True)
def close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def missions() -> pa.Table:
    return three_missions()


def test_an_assessment_shows_its_amount_and_its_steps_in_french() -> None:
    # 5 % (the shipped flat rate) of 370,000.00 € is 18,500.00 €.
    a = c.Policy.flat().evaluate(c.MissionFacts("paul", Decimal("370000"), date(2021, 3, 1), "other"))
    shown = a._repr_html_()
    assert c.format_amount(Decimal("18500.00"), "fr") == f"18{NNBSP}500,00{NBSP}€"
    assert f"18{NNBSP}500,00{NBSP}€" in shown
    assert "<code>priced</code>" in shown and "<code>computed</code>" in shown
    assert [s.code for s in a.steps] == ["flat.rate", "flat.amount"]
    for step in a.steps:
        assert f"<code>{step.code}</code>" in shown
        assert html.escape(step.sentence("fr")) in shown
    assert html.escape(f"5{NNBSP}% du chiffre d'affaires de 370{NNBSP}000,00{NBSP}€ font 18{NNBSP}500,00{NBSP}€.") in shown
    # Each step cites the text it applies: the report's radical proposition, the contract's clause.
    assert "<code>report.radical</code>" in shown and "<code>contract.contribution</code>" in shown
    assert html.escape("Compte rendu de réunion, proposition radicale") in shown
    assert "<script" not in shown


def test_an_unpriced_assessment_shows_no_amount() -> None:
    facts = c.MissionFacts("paul", Decimal("1000"), date(2021, 3, 1), "other")
    shown = c.Policy.self_assessed().evaluate(facts)._repr_html_()
    assert "<code>undeclared</code>" in shown and "—" in shown and "self.missing" in shown


def test_a_comparison_and_its_summary_show_one_row_per_policy() -> None:
    comparison = c.compare(missions(), ["flat", "guide"])
    for shown in (comparison._repr_html_(), comparison.state()._repr_html_()):
        assert shown.count("<tr>") == 1 + 2
        assert "<code>flat</code>" in shown and "<code>guide</code>" in shown
        # 5 %: 500.00 + 100.00 + 25.03.
        assert c.format_amount(Decimal("625.03")) in shown
        assert f"625,03{NBSP}€" in shown
        assert f"5{NNBSP}%" in shown
        assert "3 missions" in shown


def test_a_sweep_shows_twenty_variants_and_how_many_more() -> None:
    s = c.sweep(missions(), "flat", {"flat_rate": [Decimal(i) / 100 for i in range(1, 26)]})
    shown = s._repr_html_()
    assert "<code>flat_rate=0.01</code>" in shown and "<code>flat_rate=0.2</code>" in shown
    assert "flat_rate=0.21" not in shown
    assert "… 5 de plus" in shown
    # 6 %: 600.00 + 120.00 + 30.03; the revenue, 12,500.50 €.
    assert c.format_amount(Decimal("750.03")) in shown and f"12{NNBSP}500,50{NBSP}€" in shown
    few = c.sweep(missions(), "flat", {"flat_rate": ["0.05", "0.06"]})._repr_html_()
    assert "de plus" not in few and f"625,03{NBSP}€" in few and f"750,03{NBSP}€" in few


def test_a_ledger_shows_its_missions_and_balance_with_titles_escaped(network: c.Network) -> None:
    network.report_solicitation("paul", date(2021, 3, 1), "m1", ("Mairie", "local_authority"), "other", "<b>Atelier</b>")
    network.report_proposal("paul", date(2021, 3, 5), "m1")
    network.report_won("paul", date(2021, 3, 10), "m1", Decimal("370000"))
    network.record_payment("alice", date(2021, 6, 1), "paul", Decimal("500"))
    ledger = network.ledger("paul", 2021)
    shown = ledger._repr_html_()
    assert "&lt;b&gt;Atelier&lt;/b&gt;" in shown and "<b>" not in shown
    assert f"18{NNBSP}500,00{NBSP}€" in shown  # due
    assert f">500,00{NBSP}€<" in shown  # paid
    assert f"18{NNBSP}000,00{NBSP}€" in shown  # balance
    assert c.format_date(date(2021, 3, 10), "fr") in shown and "10 mars 2021" in shown
    assert "<code>owed</code>" in shown and "Relevé annuel 2021" in shown


def test_a_network_shows_its_members_missions_and_journal_with_names_escaped(network: c.Network) -> None:
    network.register_actor("bob", date(2020, 1, 10), c.Actor("bob", "company", "<b>Bob</b> & Fils"))
    win(network, "m1", "12000.00")
    shown = network._repr_html_()
    assert "La Compagnie des Tiers-Lieux" in shown
    assert "Paul Conseil" in shown and "&lt;b&gt;Bob&lt;/b&gt; &amp; Fils" not in shown  # bob is no member
    assert "<code>m1</code>" in shown and "Programmation" in shown and f"12{NNBSP}000,00{NBSP}€" in shown
    assert f"{network.last_seq} événements" in shown
    assert "6 janvier 2020" in shown
    n = c.Network()
    n.found("alice", date(2020, 1, 6), "<i>Réseau</i>", [c.Actor("alice", "association", "<b>Alice</b>", level="steward")])
    founded = n._repr_html_()
    assert "&lt;i&gt;Réseau&lt;/i&gt;" in founded and "&lt;b&gt;Alice&lt;/b&gt;" in founded
    assert "<b>" not in founded and "<i>" not in founded
    assert "non fondé" in c.Network()._repr_html_()


def test_a_comparison_draws_grouped_bars_by_lead_origin() -> None:
    comparison = c.compare(missions(), ["flat", "guide"])
    ax = comparison.plot()
    # Two policies × three lead origins with missions.
    assert len(ax.patches) == 6
    assert [t.get_text() for t in ax.get_xticklabels()] == ["network_event", "network_referral", "other"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["flat", "guide"]
    flat = [p.get_height() for p in ax.patches[:3]]
    assert flat == pytest.approx([0.05, 0.05, 25.03 / 500.50])
    fig, mine = plt.subplots()
    drawn = comparison.state().plot(by="situation", y="due", ax=mine)
    assert drawn is mine
    assert f"{NNBSP}%" not in "".join(t.get_text() for t in mine.get_yticklabels())
    assert [t.get_text() for t in mine.get_xticklabels()] == ["event_solo", "network_referral", "default"]
    # Flat: 500.00, 100.00, 25.03; the guide: 4 % of 10,000, 8 % of 2,000, 5 % of 500.50.
    heights = [p.get_height() for p in mine.patches]
    assert heights == pytest.approx([500.0, 100.0, 25.03, 400.0, 160.0, 25.03])
    with pytest.raises(ValueError):
        comparison.plot(by="provider_kind")  # type: ignore[arg-type]


def test_a_sweep_draws_its_total_and_gini_against_the_swept_rate() -> None:
    s = c.sweep(missions(), "flat", {"flat_rate": ["0.06", "0.05", "0.07"]})
    ax = s.plot()
    assert ax.get_xlabel() == "flat_rate"
    assert len(ax.lines) == 1
    twins = [other for other in ax.figure.axes if other is not ax]
    assert len(twins) == 1 and len(twins[0].lines) == 1
    xs, total = ax.lines[0].get_data()
    assert list(xs) == pytest.approx([0.05, 0.06, 0.07])  # in the order of the rate
    # 7 %: 700.00 + 140.00 + 35.035 → 35.04.
    assert list(total) == pytest.approx([625.03, 750.03, 875.04])
    assert ax.get_ylabel() == "Montant dû total (€)" and twins[0].get_ylabel() == "Gini"
    assert f"5{NNBSP}%" in [t.get_text() for t in ax.get_xticklabels()]
    one = s.plot(y="rate_median", lang="en")
    assert len(one.figure.axes) == 1 and one.get_ylabel() == "Median rate"


def test_a_sweep_of_several_settings_is_drawn_against_the_variants() -> None:
    s = c.sweep(missions(), "guide", {"network_referral": ["0.06", "0.08"], "event_solo": ["0.03", "0.04"]})
    ax = s.plot(y=["total_due"])
    assert len(ax.lines) == 1 and len(ax.figure.axes) == 1
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == s.table.column("settings").to_pylist()
    assert s.plot(x="event_solo").get_xlabel() == "event_solo"
    with pytest.raises(ValueError):
        s.plot(x="flat_rate")
    with pytest.raises(ValueError):
        s.plot(y=("total_due", "no_such_column"))


def test_without_matplotlib_a_picture_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    comparison = c.compare(missions(), ["flat"])
    s = c.sweep(missions(), "flat", {"flat_rate": ["0.05"]})
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    for draw in (comparison.plot, comparison.state().plot, s.plot):
        with pytest.raises(ImportError, match=r"pip install 'coopetition\[plots\]'"):
            draw()
    # The HTML needs no matplotlib.
    assert "625,03" in comparison._repr_html_()
