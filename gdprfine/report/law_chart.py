"""Fines against the law: the scatter every report opens with, and its tables.

A fine whose undertaking's turnover is stated is placed at that turnover. A fine with none is
placed at the turnover it implies: the fine divided by its tier's share of turnover, the
turnover at which it would be exactly the percentage limb. Such a fine sits on its tier's
percentage line; below the static amount it is lawful whatever the turnover, above it only for
an undertaking at least that large. The limbs come from the regime's tiers (the law data).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gdprfine.law import Regime
from gdprfine.money import decimal_context
from gdprfine.reference import checked_reference_cases
from gdprfine.report import charts
from gdprfine.report.page import Page, Style, table
from gdprfine.report.tally import Point

__all__ = ["limbs", "point_cells", "reference_points", "section"]


def limbs(law: Regime, style: Style) -> list[charts.Limb]:
    """The lines of the law: each tier's share of turnover and static amount, once per value.

    >>> from gdprfine.law import regime
    >>> [limb.label for limb in limbs(regime(), Style("en"))]
    ['2% of turnover (Art. 83(4))', '€10M static amount (Art. 83(4))', '4% of turnover (Art. 83(5), 83(6))', '€20M static amount (Art. 83(5), 83(6))']
    """
    pairs: dict[tuple[Decimal, Decimal], list[str]] = {}
    for tier in law.tiers:
        pairs.setdefault((tier.turnover_share, tier.static_cap.amount), []).append(tier.id)
    lines = []
    for (share, static), ids in pairs.items():
        lines.append(charts.Limb(f"{style.share(share)} of turnover ({_arts(ids)})", share=share))
        amount = style.compact(static, law.currency)
        lines.append(charts.Limb(f"{amount} static amount ({_arts(ids)})", static=static))
    return lines


def _arts(ids: list[str]) -> str:
    return "Art. " + ", ".join(dict.fromkeys(ids))


def reference_points(law: Regime) -> list[Point]:
    """The bundled reference cases of *law* that have a fine in its currency and a tier."""
    points = []
    for case, verdict in checked_reference_cases():
        fine = verdict.fine_in_cap_currency or verdict.fine
        if verdict.regime != law.id or verdict.cap is None or fine.currency != law.currency:
            continue
        if fine.amount <= 0 or not verdict.cap.undertaking:
            continue
        stated = verdict.turnover.amount if verdict.turnover is not None else None
        with decimal_context():
            turnover = stated if stated is not None else fine.amount / verdict.cap.turnover_share
        points.append(
            Point(
                case.id,
                case.id,
                fine.amount,
                turnover,
                stated is not None,
                verdict.verdict,
                verdict.cap.tier,
            )
        )
    return points


def section(
    page: Page,
    points: Sequence[Point],
    groups: Sequence[str],
    law: Regime,
    unplotted: dict[str, int],
) -> None:
    """The scatter of *points* (with the reference cases) and the tables beside it."""
    style, currency = page.style, law.currency
    references = reference_points(law)
    svg = charts.fines_against_law(
        [charts.Plotted(p.fine, p.turnover, p.outcome, p.label) for p in points],
        [charts.Plotted(p.fine, p.turnover, "reference", p.label) for p in references],
        limbs(law, style),
        groups,
        money=lambda amount: style.compact(amount, currency),
        currency=currency,
        title="Each fine against the turnover it implies, with the limbs of Art. 83",
    )
    caption = (
        "Each fine (log scale) against its undertaking's turnover where it is stated, else the "
        "turnover it implies: the fine divided by its tier's share (a fine on the dashed line is "
        "exactly that share). Below the dotted static amount a fine is lawful whatever the "
        "turnover; above it, only for an undertaking at least as large as the turnover shown. "
        "Diamonds: gdprfine's reference cases."
    )
    page.section("law", "Fines against the law")
    tables = [_position_table(points, law, style)]
    if unplotted:
        rows = [(reason, style.count(n)) for reason, n in sorted(unplotted.items())]
        tables.append(
            table(
                "Fines not placed on the chart",
                ("why", "fines"),
                rows,
                numeric=[1],
                table_id="unplaced-table",
            )
        )
    tables.append(_reference_table(references, style, currency))
    page.pair(svg, caption, tables, wide=True)


def _position_table(points: Sequence[Point], law: Regime, style: Style) -> str:
    rows = []
    for tier in dict.fromkeys(p.tier for p in points):
        chosen = [p for p in points if p.tier == tier]
        static = law.tier(tier).static_cap.amount
        above = [p for p in chosen if p.fine > static]
        largest = max((p.turnover for p in above if not p.stated), default=None)
        rows.append(
            (
                f"Art. {tier}",
                style.count(len(chosen)),
                style.count(len(chosen) - len(above)),
                style.count(len(above)),
                style.money(largest.quantize(Decimal(1)), law.currency)
                if largest is not None
                else "",
            )
        )
    headers = ("tier", "fines", "at most the static amount", "above it", "largest implied turnover")
    return table(
        "Where the fines sit", headers, rows, numeric=[1, 2, 3, 4], table_id="position-table"
    )


def point_cells(point: Point, style: Style, currency: str) -> tuple[str, ...]:
    """A point's cells in a table of fines: its label, tier, fine, turnover (to the unit),
    whether the turnover is stated or implied, and its outcome."""
    return (
        point.label,
        f"Art. {point.tier}",
        style.money(point.fine, currency),
        style.money(point.turnover.quantize(Decimal(1)), currency),
        "stated" if point.stated else "implied",
        point.outcome,
    )


def _reference_table(references: Sequence[Point], style: Style, currency: str) -> str:
    rows = [point_cells(p, style, currency) for p in references]
    headers = ("reference case", "tier", "fine", "turnover", "turnover is", "verdict")
    return table("Reference cases", headers, rows, numeric=[2, 3], table_id="references-table")
