"""The engine's results as HTML, for notebooks (`_repr_html_`).

Pure functions: each reads the public properties of an object and returns a
self-contained HTML fragment (tables with a small inline style, no script).
Only presentation lives here: every amount, percentage, number and date is
written by the engine's own formatters (`format_amount`, `format_percent`,
`format_number`, `format_date`), and every text that comes from people (names,
titles, settings) is escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from coopetition._coopetition import format_amount, format_date, format_number, format_percent

if TYPE_CHECKING:
    from coopetition._coopetition import (
        Assessment,
        Comparison,
        Diagnostics,
        MemberLedger,
        Network,
        Solution,
        Summary,
        Sweep,
    )

    #: The languages of the engine's formatters.
    _Lang = Literal["fr", "en"]

#: The most rows a table shows; a line says how many more there are.
MAX_ROWS = 20

_TABLE = "border-collapse:collapse;margin:0.25em 0 0.75em 0"
_CELL = "border:1px solid #d0d0d0;padding:0.15em 0.6em;text-align:left;vertical-align:top"
_NUMBER = "border:1px solid #d0d0d0;padding:0.15em 0.6em;text-align:right;white-space:nowrap"
_HEAD = "border:1px solid #d0d0d0;padding:0.15em 0.6em;text-align:left;background:#f3f3f3"

#: The words of the tables, in French and in English.
_WORDS: dict[str, tuple[str, str]] = {
    "assessment": ("Évaluation", "Assessment"),
    "status": ("Statut", "Status"),
    "amount": ("Montant dû", "Amount due"),
    "provenance": ("Provenance", "Provenance"),
    "situation": ("Situation", "Situation"),
    "in_kind_credit": ("Crédit en nature", "In-kind credit"),
    "donations": ("Dons", "Donations"),
    "explanation": ("Explication", "Explanation"),
    "code": ("Code", "Code"),
    "sentence": ("Phrase", "Sentence"),
    "source": ("Source", "Source"),
    "comparison": ("Comparaison", "Comparison"),
    "policy": ("Politique", "Policy"),
    "missions": ("Missions", "Missions"),
    "priced": ("Chiffrées", "Priced"),
    "total_due": ("Montant dû total", "Total due"),
    "unpriced_revenue": ("CA non chiffré", "Unpriced revenue"),
    "rate_mean": ("Taux moyen", "Mean rate"),
    "rate_p10": ("Taux P10", "Rate P10"),
    "rate_median": ("Taux médian", "Median rate"),
    "rate_p90": ("Taux P90", "Rate P90"),
    "gini": ("Gini", "Gini"),
    "rates_approximate": (
        "Taux et Gini tirés d'un histogramme des taux (à 2⁻¹³ près).",
        "Rates and Gini from a histogram of the rates (within 2⁻¹³).",
    ),
    "sweep": ("Balayage", "Sweep"),
    "solution": ("Solution", "Solution"),
    "value": ("Valeur", "Value"),
    "target": ("Cible", "Target"),
    "residual": ("Écart", "Residual"),
    "precision": ("Pas", "Precision"),
    "evaluations": ("Totaux calculés", "Totals computed"),
    "diagnostics": ("Diagnostics d'équité", "Fairness diagnostics"),
    "concentration": ("Indice de concentration", "Concentration index"),
    "band": ("Tranche", "Band"),
    "rate": ("Taux effectif", "Effective rate"),
    "above_guide": ("Paie le plus au-delà du guide", "Pays most above the guide"),
    "gap": ("Écart au guide", "Gap to the guide"),
    "revenue": ("Chiffre d'affaires", "Revenue"),
    "variants": ("Variantes", "Variants"),
    "settings": ("Réglages", "Settings"),
    "more": ("de plus", "more"),
    "ledger": ("Relevé annuel", "Annual statement"),
    "member": ("Membre", "Member"),
    "year": ("Année", "Year"),
    "mission": ("Mission", "Mission"),
    "title": ("Intitulé", "Title"),
    "won_on": ("Remportée le", "Won on"),
    "due": ("Dû", "Due"),
    "paid": ("Payé", "Paid"),
    "in_kind_value": ("Valeur livrée en nature", "Value delivered in kind"),
    "offset": ("Compensé en nature", "Offset in kind"),
    "donated": ("Dons", "Donated"),
    "balance": ("Solde", "Balance"),
    "settlement": ("Situation du solde", "Settlement"),
    "network": ("Réseau", "Network"),
    "not_founded": ("Réseau non fondé", "Network not founded"),
    "structure": ("Structure", "Structure"),
    "founded_on": ("Fondé le", "Founded on"),
    "journal": ("Journal", "Journal"),
    "events": ("événements", "events"),
    "in_memory": ("en mémoire", "held in memory"),
    "store": ("Fichier", "Store file"),
    "members": ("Membres", "Members"),
    "other_actors": ("Autres acteurs", "Other actors"),
    "id": ("Identifiant", "Id"),
    "name": ("Nom", "Name"),
    "kind": ("Type", "Kind"),
    "level": ("Niveau", "Level"),
    "provider": ("Prestataire", "Provider"),
    "lead_origin": ("Origine", "Lead origin"),
    "none": ("Aucune", "None"),
}


def _w(key: str, lang: _Lang) -> str:
    """A word of the tables in `lang`, escaped."""
    fr, en = _WORDS[key]
    return html.escape(fr if lang == "fr" else en)


def _e(text: object) -> str:
    """Text from people (or any text), escaped."""
    return html.escape(str(text))


def _code(text: object) -> str:
    return f"<code>{_e(text)}</code>"


def _amount(value: Decimal | None, lang: _Lang) -> str:
    return "—" if value is None else _e(format_amount(value, lang))


def _count(value: int | None, lang: _Lang) -> str:
    return "—" if value is None else _e(format_number(value, lang))


def _finite(value: float | None) -> Decimal | None:
    """A float statistic as the Decimal it reads as, or None when missing."""
    if value is None or not math.isfinite(value):
        return None
    return Decimal(repr(float(value)))


def _share(value: float | None, lang: _Lang) -> str:
    """A rate (a float statistic) as a percentage to two decimals."""
    d = _finite(value)
    return "—" if d is None else _e(format_percent(d.quantize(Decimal("0.0001")), lang))


def _coefficient(value: float | None, lang: _Lang) -> str:
    """A coefficient (Gini) to three decimals."""
    d = _finite(value)
    return "—" if d is None else _e(format_number(d.quantize(Decimal("0.001")), lang))


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table of cells already in HTML; the columns in `numeric` align right."""
    out = [f'<table style="{_TABLE}">', "<thead><tr>"]
    out += [f'<th style="{_HEAD}">{h}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = [f'<td style="{_NUMBER if i in numeric else _CELL}">{cell}</td>' for i, cell in enumerate(row)]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _fields(pairs: Sequence[tuple[str, str]]) -> str:
    """A two-column table of labels and values, both already in HTML."""
    rows = "".join(f'<tr><th style="{_HEAD}">{k}</th><td style="{_CELL}">{v}</td></tr>' for k, v in pairs)
    return f'<table style="{_TABLE}"><tbody>{rows}</tbody></table>'


def _more(hidden: int, lang: _Lang) -> str:
    """The line under a table cut at `MAX_ROWS`."""
    return f"<p>… {_count(hidden, lang)} {_w('more', lang)}</p>" if hidden > 0 else ""


def _block(title: str, body: str) -> str:
    return f'<div class="coopetition"><p><strong>{title}</strong></p>{body}</div>'


def assessment_html(assessment: Assessment, lang: _Lang = "fr") -> str:
    """An assessment: its status, amount and provenance, then its
    explanation as a table of steps (code, sentence in `lang`, and the text each
    step applies: its source's code and title)."""
    fields = [
        (_w("status", lang), _code(assessment.status)),
        (_w("amount", lang), _amount(assessment.amount, lang)),
        (_w("provenance", lang), _code(assessment.provenance)),
    ]
    if assessment.situation is not None:
        fields.append((_w("situation", lang), _code(assessment.situation)))
    if assessment.in_kind_credit:
        fields.append((_w("in_kind_credit", lang), _amount(assessment.in_kind_credit, lang)))
    if assessment.donations:
        fields.append((_w("donations", lang), _amount(assessment.donations, lang)))
    steps = [
        (
            _count(i, lang),
            _code(step.code),
            _e(step.sentence(lang)),
            "—" if step.source_code is None else f"{_code(step.source_code)} {_e(step.source_title(lang))}",
        )
        for i, step in enumerate(assessment.steps, start=1)
    ]
    explanation = _table(["#", _w("code", lang), _w("sentence", lang), _w("source", lang)], steps, numeric=[0])
    return _block(_w("assessment", lang), _fields(fields) + f"<p>{_w('explanation', lang)}</p>" + explanation)


def summary_html(summary: Summary | Comparison, lang: _Lang = "fr") -> str:
    """A comparison (or its `Summary`): the summary table, one row per policy."""
    table = summary.summary
    columns = ["policy", "missions", "priced", "total_due", "unpriced_revenue", "rate_mean", "rate_p10",
               "rate_median", "rate_p90", "gini"]
    rows = []
    missions: int | None = None
    for r in table.select(columns).to_pylist():
        missions = r["missions"]
        rows.append([
            _code(r["policy"]),
            _count(r["missions"], lang),
            _count(r["priced"], lang),
            _amount(r["total_due"], lang),
            _amount(r["unpriced_revenue"], lang),
            _share(r["rate_mean"], lang),
            _share(r["rate_p10"], lang),
            _share(r["rate_median"], lang),
            _share(r["rate_p90"], lang),
            _coefficient(r["gini"], lang),
        ])
    body = _table([_w(c, lang) for c in columns], rows, numeric=range(1, len(columns)))
    if getattr(summary, "rates_exact", True) is False:
        body += f"<p>{_w('rates_approximate', lang)}</p>"
    title = _w("comparison", lang)
    if missions is not None:
        title += f" — {_count(missions, lang)} {_w('missions', lang).lower()}"
    return _block(title, body)


def sweep_html(sweep: Sweep, lang: _Lang = "fr") -> str:
    """A sweep: its policy, missions and revenue, then one row per variant
    (the first `MAX_ROWS`, and how many more)."""
    table = sweep.table
    columns = ["settings", "priced", "total_due", "in_kind_credit", "rate_mean", "rate_median", "gini"]
    rows = [
        [
            _count(i, lang),
            _code(r["settings"]),
            _count(r["priced"], lang),
            _amount(r["total_due"], lang),
            _amount(r["in_kind_credit"], lang),
            _share(r["rate_mean"], lang),
            _share(r["rate_median"], lang),
            _coefficient(r["gini"], lang),
        ]
        for i, r in enumerate(table.slice(0, MAX_ROWS).select(columns).to_pylist(), start=1)
    ]
    fields = [
        (_w("policy", lang), _code(sweep.policy)),
        (_w("missions", lang), _count(sweep.missions, lang)),
        (_w("revenue", lang), _amount(sweep.revenue, lang)),
        (_w("variants", lang), _count(len(sweep), lang)),
    ]
    head = ["#"] + [_w(c, lang) for c in columns]
    body = _fields(fields) + _table(head, rows, numeric=[0, 2, 3, 4, 5, 6, 7]) + _more(table.num_rows - len(rows), lang)
    return _block(_w("sweep", lang), body)


def ledger_html(ledger: MemberLedger, lang: _Lang = "fr") -> str:
    """A member's annual statement: the missions won in the year as the
    policy priced them, then what is due, paid, offset and the balance."""
    lines = ledger.missions
    rows = [
        [
            _code(line.mission),
            _e(line.title),
            _e(format_date(line.won_on, lang)),
            _amount(line.revenue, lang),
            _code(line.status),
            _amount(line.amount, lang),
            _code(line.provenance),
        ]
        for line in lines[:MAX_ROWS]
    ]
    head = [_w(c, lang) for c in ("mission", "title", "won_on", "revenue", "status", "amount", "provenance")]
    fields = [
        (_w("member", lang), _code(ledger.member)),
        (_w("year", lang), _e(ledger.year)),
        (_w("policy", lang), _code(ledger.policy)),
    ]
    totals = [
        (_w("due", lang), _amount(ledger.due, lang)),
        (_w("paid", lang), _amount(ledger.paid, lang)),
        (_w("in_kind_value", lang), _amount(ledger.in_kind_value, lang)),
        (_w("offset", lang), _amount(ledger.offset, lang)),
        (_w("donated", lang), _amount(ledger.donated, lang)),
        (_w("balance", lang), _amount(ledger.balance, lang)),
        (_w("settlement", lang), _code(ledger.settlement)),
    ]
    missions = _table(head, rows, numeric=[3, 5]) + _more(len(lines) - len(rows), lang) if lines else ""
    title = f"{_w('ledger', lang)} {_e(ledger.year)}"
    return _block(title, _fields(fields) + missions + _fields(totals))


def network_html(network: Network, lang: _Lang = "fr") -> str:
    """A network: its name, founding and journal length, its members, and
    its missions (the first `MAX_ROWS` of each, and how many more)."""
    if network.name is None:
        return _block(_w("not_founded", lang), _fields([(_w("journal", lang), _journal(network, lang))]))
    fields = [(_w("structure", lang), _code(network.structure))]
    if network.founded_on is not None:
        fields.append((_w("founded_on", lang), _e(format_date(network.founded_on, lang))))
    fields.append((_w("journal", lang), _journal(network, lang)))
    if network.path is not None:
        fields.append((_w("store", lang), _code(network.path)))
    actors = network.actors()
    members = [a for a in actors if network.is_member(a.id)]
    fields.append((_w("members", lang), _count(len(members), lang)))
    fields.append((_w("other_actors", lang), _count(len(actors) - len(members), lang)))
    member_rows = [
        [_code(a.id), _e(a.display_name), _code(a.kind), _code(a.level)] for a in members[:MAX_ROWS]
    ]
    member_table = _table([_w(c, lang) for c in ("id", "name", "kind", "level")], member_rows)
    missions = network.missions()
    fields.append((_w("missions", lang), _count(len(missions), lang)))
    mission_rows = [
        [_code(m.id), _code(m.provider), _e(m.title), _code(m.lead_origin), _code(m.status), _amount(m.revenue, lang)]
        for m in missions[:MAX_ROWS]
    ]
    head = [_w(c, lang) for c in ("mission", "provider", "title", "lead_origin", "status", "revenue")]
    body = _fields(fields)
    body += f"<p>{_w('members', lang)}</p>" + member_table + _more(len(members) - len(member_rows), lang)
    if missions:
        body += f"<p>{_w('missions', lang)}</p>" + _table(head, mission_rows, numeric=[5])
        body += _more(len(missions) - len(mission_rows), lang)
    return _block(f"{_w('network', lang)} {_e(network.name)}", body)


def _journal(network: Network, lang: _Lang) -> str:
    """The journal's length: every event, and those held in memory when fewer."""
    text = f"{_count(network.last_seq, lang)} {_w('events', lang)}"
    held = len(network)
    if held != network.last_seq:
        text += f" ({_count(held, lang)} {_w('in_memory', lang)})"
    return text


__all__: list[str] = ["MAX_ROWS", "assessment_html", "ledger_html", "network_html", "summary_html", "sweep_html"]


def solution_html(solution: Solution, lang: _Lang = "fr") -> str:
    """A solution: the setting and value found, the total it gives, the
    target and the residual, exact to the cent."""
    value = solution.value
    shown = format_percent(value, lang) if solution.setting == "flat_rate" else format_number(value, lang)
    fields = [
        (_w("settings", lang), _code(solution.setting)),
        (_w("value", lang), _e(shown)),
        (_w("total_due", lang), _amount(solution.total_due, lang)),
        (_w("target", lang), _amount(solution.target, lang)),
        (_w("residual", lang), _amount(solution.residual, lang)),
        (_w("precision", lang), _e(format_number(solution.precision, lang))),
        (_w("evaluations", lang), _count(solution.evaluations, lang)),
    ]
    return _block(_w("solution", lang), _fields(fields))


def diagnostics_html(diagnostics: Diagnostics, lang: _Lang = "fr") -> str:
    """Diagnostics: each policy's concentration index, its effective rate
    by provider-size band, and the provider paying most above the guide."""
    index = {r["policy"]: r["concentration"] for r in diagnostics.concentration.to_pylist()}
    bands: dict[str, dict[int, float | None]] = {}
    for r in diagnostics.by_size.to_pylist():
        bands.setdefault(r["policy"], {})[r["band"]] = r["rate"]
    top: dict[str, tuple[str, Decimal]] = {}
    for r in diagnostics.gaps.to_pylist():
        top.setdefault(r["policy"], (r["provider"], r["gap"]))
    numbers = sorted({b for policy in bands.values() for b in policy})
    head = [_w("policy", lang), _w("concentration", lang)]
    head += [f"{_w('band', lang)} {_count(b, lang)}" for b in numbers] + [_w("above_guide", lang)]
    rows = []
    for policy in diagnostics.policies:
        above = top.get(policy)
        rows.append(
            [_code(policy), _coefficient(index.get(policy), lang)]
            + [_share(bands.get(policy, {}).get(b), lang) for b in numbers]
            + ["—" if above is None else f"{_e(above[0])} ({_amount(above[1], lang)})"]
        )
    return _block(_w("diagnostics", lang), _table(head, rows, numeric=range(1, len(head) - 1)))
