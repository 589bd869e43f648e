"""Pictures of comparisons and sweeps, drawn with matplotlib (an optional
extra: ``pip install 'coopetition[plots]'``).

Only presentation lives here: the figures read the tables the engine gives
(exact decimals, turned into floats only to be drawn), and the tick labels
are written by the engine's own formatters. matplotlib is imported when a
picture is drawn, never when the package is.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from coopetition._coopetition import format_number, format_percent

if TYPE_CHECKING:
    from coopetition._coopetition import Comparison, Diagnostics, Summary, Sweep

    #: The languages of the engine's formatters.
    _Lang = Literal["fr", "en"]

#: The breakdowns a comparison can be drawn by: each a table of the comparison.
BREAKDOWNS = ("lead_origin", "lead_origin_basis", "situation", "provider")

_LABELS: dict[str, tuple[str, str]] = {
    "rate": ("Taux effectif (dû / chiffre d'affaires)", "Effective rate (due / revenue)"),
    "due": ("Montant dû (€)", "Amount due (€)"),
    "lead_origin": ("Origine du contact", "Lead origin"),
    "lead_origin_basis": ("Fondement de l'origine", "Lead-origin basis"),
    "situation": ("Situation du guide", "Guide situation"),
    "provider": ("Prestataire", "Provider"),
    "policy": ("Politique", "Policy"),
    "variant": ("Variante", "Variant"),
    "total_due": ("Montant dû total (€)", "Total due (€)"),
    "priced": ("Missions chiffrées", "Priced missions"),
    "rate_mean": ("Taux moyen", "Mean rate"),
    "rate_p10": ("Taux P10", "Rate P10"),
    "rate_median": ("Taux médian", "Median rate"),
    "rate_p90": ("Taux P90", "Rate P90"),
    "gini": ("Gini", "Gini"),
    "revenue_share": ("Part du chiffre d'affaires", "Share of revenue"),
    "due_share": ("Part du montant dû", "Share of the amount due"),
    "equal": ("Parts égales", "Equal shares"),
    "concentration": ("indice", "index"),
}


def _label(key: str, lang: _Lang) -> str:
    fr, en = _LABELS.get(key, (key, key))
    return fr if lang == "fr" else en


def pyplot() -> ModuleType:
    """`matplotlib.pyplot`, or an ImportError that says how to install it."""
    try:
        importlib.import_module("matplotlib")
        return importlib.import_module("matplotlib.pyplot")
    except ImportError as e:
        raise ImportError("drawing needs matplotlib: pip install 'coopetition[plots]'") from e


def _axes(ax: Any) -> Any:
    """`ax`, or the Axes of a new figure."""
    if ax is not None:
        return ax
    _, new = pyplot().subplots()
    return new


def _float(value: Decimal | float | int | None) -> float:
    """A value as a float to draw (NaN when missing): only for drawing."""
    return math.nan if value is None else float(value)


def _tick(value: float) -> Decimal:
    """A tick's position as the short decimal it stands for."""
    return Decimal(repr(round(float(value), 9))).normalize()


def _formatter(kind: str, lang: _Lang) -> Any:
    """Tick labels written by the engine: a share as a percentage, any
    other value as a number (an axis of amounts says € in its label)."""
    ticker = importlib.import_module("matplotlib.ticker")
    write: Callable[[Decimal, _Lang], str] = format_percent if kind == "share" else format_number

    def label(value: float, _position: int | None = None) -> str:
        return write(_tick(value), lang) if math.isfinite(value) else ""

    return ticker.FuncFormatter(label)


def plot_comparison(
    summary: Summary | Comparison,
    by: str = "lead_origin",
    y: Literal["rate", "due"] = "rate",
    ax: Any = None,
    lang: _Lang = "fr",
) -> Any:
    """Grouped bars of each policy by lead origin (or by `"lead_origin_basis"`,
    `"situation"` or `"provider"`): `y="rate"` draws the share of the group's
    revenue that is due (no bar where the policy priced none of the group),
    `y="due"` the amount due. Groups without missions are left out. Draws on
    `ax` (a new figure's when None) and returns it."""
    if by not in BREAKDOWNS:
        raise ValueError(f"by must be one of {', '.join(BREAKDOWNS)}, not {by!r}")
    if y not in ("rate", "due"):
        raise ValueError(f"y must be 'rate' or 'due', not {y!r}")
    pyplot()
    rows = getattr(summary, f"by_{by}").to_pylist()
    policies = list(summary.policies)
    keys: list[str] = []
    for r in rows:
        if r["missions"] > 0 and r["key"] not in keys:
            keys.append(r["key"])
    cell = {(r["policy"], r["key"]): r for r in rows}
    ax = _axes(ax)
    width = 0.8 / max(len(policies), 1)
    for i, policy in enumerate(policies):
        heights = []
        for key in keys:
            r = cell.get((policy, key))
            if r is None:
                heights.append(math.nan)
            elif y == "due":
                heights.append(_float(r["due"]))
            elif r["priced"] == 0 or r["revenue"] == 0:
                heights.append(math.nan)
            else:
                heights.append(_float(r["due"]) / _float(r["revenue"]))
        positions = [k + (i - (len(policies) - 1) / 2) * width for k in range(len(keys))]
        ax.bar(positions, heights, width, label=policy)
    ax.set_xticks(range(len(keys)), labels=keys)
    ax.set_xlabel(_label(by, lang))
    ax.set_ylabel(_label(y, lang))
    ax.yaxis.set_major_formatter(_formatter("share" if y == "rate" else "number", lang))
    ax.legend(title=_label("policy", lang))
    return ax


def _kind(column: str) -> str:
    return "share" if column.startswith("rate_") else "number"


def _x_values(sweep: Sweep, x: str | None) -> tuple[str | None, list[float] | None]:
    """The setting the variants are drawn against and its value in each
    variant; (None, None) when no single setting tells them apart."""
    settings = [dict(variant) for variant in sweep.settings]
    names: list[str] = []
    for variant in sweep.settings:
        names += [name for name, _ in variant if name not in names]
    if x is None:
        varying = [n for n in names if len({s.get(n) for s in settings}) > 1]
        if len(varying) != 1 or any(varying[0] not in s for s in settings):
            return None, None
        x = varying[0]
    if any(x not in s for s in settings):
        raise ValueError(f"x must be a setting of every variant ({', '.join(names) or 'none'}), not {x!r}")
    return x, [float(s[x]) for s in settings]


def plot_sweep(
    sweep: Sweep,
    x: str | None = None,
    y: str | Sequence[str] | None = ("total_due", "gini"),
    ax: Any = None,
    lang: _Lang = "fr",
) -> Any:
    """A sweep's columns against the swept value: the first column of `y`
    (default ``("total_due", "gini")``) on the left axis, the second, if any,
    on a right axis. `x` is a setting's name; by default the one setting
    that varies across the variants, or, when several do, the variant's
    number with the settings as tick labels. Draws on `ax` (a new figure's
    when None) and returns it; the right axis is its twin."""
    columns = [y] if isinstance(y, str) else list(y if y is not None else ("total_due", "gini"))
    if not 1 <= len(columns) <= 2:
        raise ValueError(f"y names one or two columns, not {len(columns)}")
    table = sweep.table
    for column in columns:
        if column not in table.column_names or column == "settings":
            known = ", ".join(table.column_names[1:])
            raise ValueError(f"y must name columns of the sweep's table ({known}), not {column!r}")
    pyplot()
    name, values = _x_values(sweep, x)
    order = list(range(table.num_rows))
    if values is not None:
        order.sort(key=lambda i: values[i])
        xs = [values[i] for i in order]
    else:
        xs = [float(i) for i in order]
    ax = _axes(ax)
    lines = []
    for side, column in enumerate(columns):
        on = ax if side == 0 else ax.twinx()
        data = table.column(column).to_pylist()
        color = f"C{side}"
        # Variants that one setting's values do not order (several vary) are
        # joined by a dotted line only.
        style = "-" if values is not None and len(set(values)) == len(values) else ":"
        ys = [_float(data[i]) for i in order]
        lines += on.plot(xs, ys, marker="o", linestyle=style, color=color, label=_label(column, lang))
        on.set_ylabel(_label(column, lang), color=color)
        on.yaxis.set_major_formatter(_formatter(_kind(column), lang))
    if name is not None:
        ax.set_xlabel(name)
        # A rate (the flat rate, a situation's) reads as a percentage; a
        # scale, a floor or a cap as a number.
        rate = name == "flat_rate" or name in sweep.situations
        ax.xaxis.set_major_formatter(_formatter("share" if rate else "number", lang))
    else:
        ax.set_xlabel(_label("variant", lang))
        texts = table.column("settings").to_pylist()
        ax.set_xticks(xs, labels=[texts[i] for i in order], rotation=30, ha="right")
    if len(lines) > 1:
        ax.legend(lines, [line.get_label() for line in lines])
    return ax


def plot_lorenz(diagnostics: Diagnostics, ax: Any = None, lang: _Lang = "fr") -> Any:
    """The concentration curve of each policy (the providers from the lowest
    effective rate to the highest: the share of the revenue against the share
    of the amount due), its index in the legend, and the line of equal shares.
    Draws on `ax` (a new figure's when None) and returns it."""
    pyplot()
    ax = _axes(ax)
    rows = diagnostics.lorenz.to_pylist()
    index = {r["policy"]: r["concentration"] for r in diagnostics.concentration.to_pylist()}
    for policy in diagnostics.policies:
        points = [r for r in rows if r["policy"] == policy]
        if not points:
            continue
        value = index.get(policy)
        label = policy
        if value is not None:
            label = f"{policy} ({_label('concentration', lang)} {format_number(Decimal(f'{value:.3f}'), lang)})"
        ax.plot([_float(p["revenue_share"]) for p in points], [_float(p["due_share"]) for p in points], label=label)
    ax.plot([0.0, 1.0], [0.0, 1.0], linestyle=":", color="grey", label=_label("equal", lang))
    ax.set_xlabel(_label("revenue_share", lang))
    ax.set_ylabel(_label("due_share", lang))
    ax.xaxis.set_major_formatter(_formatter("share", lang))
    ax.yaxis.set_major_formatter(_formatter("share", lang))
    ax.legend()
    return ax
