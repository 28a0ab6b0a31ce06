"""The report's charts, drawn by Matplotlib as static SVG that the page inlines.

Matplotlib is an optional dependency (the ``report`` extra): :func:`require` says how to install
it when it is missing. The output is deterministic: a fixed hash salt for the SVG's ids, no date
in its metadata, the bundled DejaVu Sans for the layout and text kept as text (so a browser
finds it and a screen reader reads it). Each chart's ids are prefixed with its own name, so
several charts live in one page.

Coordinates are floats, because a drawing is made of floats; every figure the report prints
(labels, ticks, tables) is formatted from the :class:`~decimal.Decimal` amounts.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ParamSpec

from gdprfine.errors import GdprFineError

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

__all__ = [
    "PALETTE",
    "CaseScale",
    "Limb",
    "MissingExtra",
    "Panel",
    "Plotted",
    "bars",
    "case_scale",
    "fines_against_law",
    "require",
]

_P = ParamSpec("_P")

PALETTE = ("#1b9e77", "#d62728", "#e6a700", "#7f7f7f", "#7570b3", "#8c564b", "#e377c2", "#17becf")
"""Colours by position: the n-th outcome (in the order the report lists them) takes the n-th."""

_RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "gdprfine",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "path.simplify": False,
}


class MissingExtra(GdprFineError):
    """The report's charts need the optional ``report`` extra (Matplotlib)."""

    default_message = "the report needs Matplotlib: pip install 'gdprfine[report]'"


def require() -> None:
    """Raise :class:`MissingExtra` when Matplotlib cannot be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise MissingExtra("report") from None


def _styled(draw: Callable[_P, str]) -> Callable[_P, str]:
    """Run a chart function in the report's Matplotlib settings (read when artists are made,
    and when the SVG is written), leaving the global settings as they were."""

    @functools.wraps(draw)
    def styled(*args: _P.args, **kwargs: _P.kwargs) -> str:
        import matplotlib

        with matplotlib.rc_context(_RC):
            return draw(*args, **kwargs)

    return styled


def _figure(
    width: float,
    height: float,
    *,
    left: float,
    bottom: float,
    right: float = 0.45,
    top: float = 0.15,
) -> Figure:
    """A figure with fixed margins in inches (a layout engine would draw it twice)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    fig.subplots_adjust(
        left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height
    )
    return fig


def _svg(fig: Figure, name: str, title: str) -> str:
    """The figure as an inline ``<svg>``: no prolog, ids prefixed with *name*, scalable."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#{name}-\2"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", text)
    text = re.sub(
        r'<svg ([^>]*?)width="[^"]+" height="[^"]+"',
        rf'<svg \1width="100%" role="img" aria-labelledby="{name}-title"',
        text,
        count=1,
    )
    return text.replace(">", f'><title id="{name}-title">{_escape(title)}</title>', 1)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _mpl_text(text: str) -> str:
    """Text that Matplotlib draws as written (no mathtext)."""
    return text.replace("$", r"\$")


def _decades(low: float, high: float) -> tuple[float, float]:
    """The powers of ten just below *low* and just above *high*."""
    return 10.0 ** math.floor(math.log10(low)), 10.0 ** math.ceil(math.log10(high))


def _log_axis(axis: Any, money: Callable[[Decimal], str]) -> None:
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

    def label(value: float, _: int) -> str:
        return money(Decimal(10) ** round(math.log10(value))) if value > 0 else ""

    axis.set_major_locator(LogLocator(base=10, numticks=30))
    axis.set_major_formatter(FuncFormatter(label))
    axis.set_minor_locator(NullLocator())


@dataclass(frozen=True, slots=True)
class Limb:
    """A line of the law: a static amount (horizontal) or a share of turnover (diagonal)."""

    label: str
    static: Decimal | None = None
    share: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Plotted:
    """A mark of the scatter: a fine against a turnover, in one group (an outcome)."""

    fine: Decimal
    turnover: Decimal
    group: str
    label: str = ""


@_styled
def fines_against_law(
    points: Sequence[Plotted],
    references: Sequence[Plotted],
    limbs: Sequence[Limb],
    groups: Sequence[str],
    *,
    money: Callable[[Decimal], str],
    currency: str,
    title: str,
) -> str:
    """Long: one figure with its axes, lines, groups and labels.

    Each fine against its turnover, log-log, with the limbs of the law as lines and the
    reference cases labelled. Points are drawn in *groups* order, each group as one element
    ``<g id="scatter-points-N">`` of one ``<use>`` per point; the reference cases are
    ``scatter-references``."""
    every = [*points, *references]
    xs = [float(p.turnover) for p in every] or [1e6]
    ys = [float(p.fine) for p in every] or [1e4]
    x_low, x_high = _decades(min(xs) / 2, max(xs) * 2)
    y_low, y_high = _decades(min(ys) / 2, max(ys) * 4)
    low, high = min(x_low, y_low), x_high
    fig = _figure(10.5, 6.5, left=0.95, bottom=0.6, right=1.3)
    ax = fig.add_subplot()
    ax.set_xscale("log")
    ax.set_yscale("log")
    for number, limb in enumerate(limbs):
        style: dict[str, Any] = {"color": "#444444", "linewidth": 1.1, "gid": f"limb-{number}"}
        if limb.share is not None:
            share = float(limb.share)
            ax.plot(
                [low, high],
                [low * share, high * share],
                linestyle="--",
                label=_mpl_text(limb.label),
                **style,
            )
        elif limb.static is not None:
            ax.axhline(float(limb.static), linestyle=":", label=_mpl_text(limb.label), **style)
    for number, group in enumerate(groups):
        chosen = [p for p in points if p.group == group]
        if not chosen:
            continue
        ax.scatter(
            [float(p.turnover) for p in chosen],
            [float(p.fine) for p in chosen],
            s=9,
            alpha=0.6,
            linewidths=0,
            color=PALETTE[number % len(PALETTE)],
            label=_mpl_text(f"{group} ({len(chosen)})"),
            gid=f"points-{number}",
        )
    if references:
        ax.scatter(
            [float(p.turnover) for p in references],
            [float(p.fine) for p in references],
            s=36,
            marker="D",
            facecolor="none",
            edgecolor="black",
            linewidths=1.2,
            label=f"reference cases ({len(references)})",
            gid="references",
        )
        spans = (math.log10(x_high / x_low), math.log10(y_high / y_low))
        for ref, (x, y) in zip(references, _label_places(references, spans), strict=True):
            ax.annotate(
                _mpl_text(ref.label),
                (float(ref.turnover), float(ref.fine)),
                xytext=(x, y),
                textcoords="data",
                fontsize=7,
                va="center",
                arrowprops={
                    "arrowstyle": "-",
                    "color": "#888888",
                    "linewidth": 0.5,
                    "shrinkA": 1,
                    "shrinkB": 3,
                },
            )
    ax.set_xlim(x_low, x_high)
    ax.set_ylim(y_low, y_high)
    _log_axis(ax.xaxis, money)
    _log_axis(ax.yaxis, money)
    ax.set_xlabel(f"Worldwide annual turnover ({currency}, log scale)")
    ax.set_ylabel(f"Fine ({currency}, log scale)")
    ax.grid(True, which="major", color="#dddddd", linewidth=0.6)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return _svg(fig, "scatter", title)


def _label_places(
    references: Sequence[Plotted], spans: tuple[float, float]
) -> list[tuple[float, float]]:
    """Where each reference case's label goes: to the right of its mark, moved down until it
    overlaps no label already placed (the largest fine first). *spans* are the decades the
    axes show; a label is about 10 pt high and 3.9 pt per character wide on a ~600 x 400 pt plot."""
    line = spans[1] / 400 * 10
    placed: list[tuple[float, float, float]] = []
    places: dict[int, tuple[float, float]] = {}
    order = sorted(range(len(references)), key=lambda i: -references[i].fine)
    for index in order:
        ref = references[index]
        x = math.log10(float(ref.turnover)) + spans[0] / 600 * 8
        y = math.log10(float(ref.fine))
        width = spans[0] / 600 * 3.9 * len(ref.label)
        while any(abs(y - py) < line and x < px + pw and px < x + width for px, py, pw in placed):
            y -= line / 2
        placed.append((x, y, width))
        places[index] = (10**x, 10**y)
    return [places[i] for i in range(len(references))]


@dataclass(frozen=True, slots=True)
class Panel:
    """One panel of bars: its axis title, each bar's length and the text printed at its end."""

    axis: str
    values: Sequence[Decimal]
    texts: Sequence[str]


_CHAR = 0.068
"""The width of an average character of the bar labels, in inches (DejaVu Sans at 8.5 pt)."""


@_styled
def bars(name: str, labels: Sequence[str], panels: Sequence[Panel], *, title: str) -> str:
    """Horizontal bars, one panel beside the other sharing the labels, the first row on top.
    Each bar is ``<g id="NAME-pP-bar-N">`` (panel P, row N)."""
    from matplotlib.figure import Figure

    shown = [_mpl_text(_short(label)) for label in labels]
    left = 0.25 + _CHAR * max((len(label) for label in shown), default=4)
    width = left + 3.6 * len(panels)
    height = max(1.3, 0.2 * len(labels) + 0.75)
    fig = Figure(figsize=(width, height))
    fig.subplots_adjust(left=left / width, right=0.97, top=1 - 0.15 / height, bottom=0.5 / height,
                        wspace=0.12)  # fmt: skip
    positions = list(range(len(labels)))
    for number, panel in enumerate(panels):
        ax = fig.add_subplot(1, len(panels), number + 1)
        values = [float(v) for v in panel.values]
        drawn = ax.barh(positions, values, color="#4c72b0", height=0.7)
        for row, patch in enumerate(drawn.patches):
            patch.set_gid(f"p{number}-bar-{row}")
        ax.set_yticks(positions, shown if number == 0 else [""] * len(shown), fontsize=8.5)
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(max(len(labels), 1) - 0.5, -0.5)
        ax.set_xlim(0, (max(values, default=0) or 1) * 1.32)
        for position, value, text in zip(positions, panel.values, panel.texts, strict=True):
            if value > 0:
                ax.annotate(_mpl_text(text), (float(value), position), xytext=(3, 0),
                            textcoords="offset points", va="center", fontsize=7.5)  # fmt: skip
        ax.set_xlabel(panel.axis)
        ax.xaxis.set_ticks([])
        ax.spines["bottom"].set_visible(False)
    return _svg(fig, name, title)


def _short(label: str, size: int = 38) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


@dataclass(frozen=True, slots=True)
class CaseScale:
    """One case on the one-scale chart: its fine, the cap and the two limbs."""

    label: str
    fine: Decimal
    cap: Decimal
    static: Decimal
    turnover_limb: Decimal | None
    lower_bound: bool


@_styled
def case_scale(
    cases: Sequence[CaseScale], *, money: Callable[[Decimal], str], currency: str, title: str
) -> str:
    """Each case's fine, cap, static amount and turnover limb on one log scale, one row per
    case; the marks of a row are ``<g id="cases-fine">``, ``cases-cap``, ``cases-static`` and
    ``cases-turnover-limb`` (one ``<use>`` per case that has it)."""
    left = 0.3 + _CHAR * max((len(_short(c.label, 46)) for c in cases), default=4)
    fig = _figure(10, max(1.8, 0.55 * len(cases) + 1.3), left=left, bottom=0.9)
    ax = fig.add_subplot()
    ax.set_xscale("log")
    rows = list(range(len(cases)))
    limbs = [
        (row, case.turnover_limb)
        for row, case in zip(rows, cases, strict=True)
        if case.turnover_limb
    ]
    for row, case in zip(rows, cases, strict=True):
        start = case.fine if case.fine > 0 else case.static
        ax.plot([float(start), float(case.cap)], [row, row], color="#bbbbbb", linewidth=2, zorder=1)
    marks: list[tuple[str, list[int], list[float], dict[str, Any]]] = [
        ("static", rows, [float(c.static) for c in cases], {"marker": "|", "s": 260, "color": "#444444"}),
        ("turnover-limb", [r for r, _ in limbs], [float(v) for _, v in limbs if v is not None],
         {"marker": "|", "s": 260, "color": "#7570b3"}),
        ("cap", [r for r in rows if not cases[r].lower_bound],
         [float(c.cap) for c in cases if not c.lower_bound], {"marker": "D", "s": 50, "color": "#d62728"}),
        ("cap-at-least", [r for r in rows if cases[r].lower_bound],
         [float(c.cap) for c in cases if c.lower_bound], {"marker": ">", "s": 70, "color": "#d62728"}),
        ("fine", [r for r in rows if cases[r].fine > 0],
         [float(c.fine) for c in cases if c.fine > 0], {"marker": "o", "s": 60, "color": "#1b9e77"}),
    ]  # fmt: skip
    names = {"static": "static amount", "turnover-limb": "share of turnover", "cap": "cap",
             "cap-at-least": "cap, at least (turnover unknown)", "fine": "fine"}  # fmt: skip
    for key, ys, xs, style in marks:
        if xs:
            ax.scatter(xs, ys, label=names[key], gid=key, zorder=3, **style)
    ax.set_yticks(rows, [_mpl_text(_short(c.label, 46)) for c in cases], fontsize=8)
    ax.set_ylim(len(cases) - 0.4, -0.6)
    every = [float(v) for c in cases for v in (c.fine, c.cap, c.static, c.turnover_limb) if v]
    ax.set_xlim(
        10 ** math.floor(math.log10(min(every) / 2)), 10 ** math.ceil(math.log10(max(every) * 2))
    )
    _log_axis(ax.xaxis, money)
    ax.set_xlabel(f"Amount ({currency}, log scale)")
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    fig.legend(loc="lower center", fontsize=8, frameon=False, ncols=5, bbox_to_anchor=(0.5, 0.0))
    return _svg(fig, "cases", title)
