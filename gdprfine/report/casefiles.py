"""The report of case files: each fine, its cap and both limbs on one scale, the fines against
the law with the reference cases, then for each case its figures, its sources' readings and the
trace of the check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from gdprfine.cases import CaseRecord
from gdprfine.check import Verdict
from gdprfine.law import Regime
from gdprfine.money import decimal_context
from gdprfine.report import charts, law_chart
from gdprfine.report.page import Page, Style, esc, table
from gdprfine.report.tally import Point
from gdprfine.sources import SourcesReport

__all__ = ["CaseResult", "cases_page"]


@dataclass(frozen=True, slots=True)
class CaseResult:
    """One checked case file: where it was read, the case, its verdict and its sources."""

    path: str
    case: CaseRecord
    verdict: Verdict
    sources: SourcesReport | None


def _name(result: CaseResult) -> str:
    return result.case.id or result.path


def _scale(result: CaseResult) -> charts.CaseScale | None:
    verdict = result.verdict
    fine = verdict.fine_in_cap_currency or verdict.fine
    cap = verdict.cap
    if cap is None or fine.currency != cap.amount.currency or cap.amount.amount <= 0:
        return None  # a cap of 0 (no fine possible) has no place on a log scale: the table has it
    limb = cap.turnover_based.amount if cap.turnover_based is not None else None
    return charts.CaseScale(
        _name(result), fine.amount, cap.amount.amount, cap.static.amount, limb, cap.lower_bound
    )


def _point(result: CaseResult) -> Point | None:
    verdict = result.verdict
    fine = verdict.fine_in_cap_currency or verdict.fine
    cap = verdict.cap
    if (
        cap is None
        or not cap.undertaking
        or fine.amount <= 0
        or fine.currency != cap.amount.currency
    ):
        return None
    stated = verdict.turnover.amount if verdict.turnover is not None else None
    with decimal_context():
        turnover = stated if stated is not None else fine.amount / cap.turnover_share
    return Point(
        _name(result),
        _name(result),
        fine.amount,
        turnover,
        stated is not None,
        verdict.verdict,
        cap.tier,
    )


def cases_page(
    results: Sequence[CaseResult], *, law: Regime, style: Style, title: str, lead: str, footer: str
) -> str:
    """The whole page for checked case files (of one regime: *law*)."""
    page = Page(title, style)
    currency = law.currency
    page.section("cases", "Fines, caps and limbs")
    same = [r for r in results if r.verdict.regime == law.id]
    scales = [s for s in (_scale(r) for r in same) if s is not None]
    svg = (
        charts.case_scale(
            scales,
            money=lambda amount: style.compact(amount, currency),
            currency=currency,
            title="Each case's fine, cap, static amount and turnover limb on one scale",
        )
        if scales
        else "<p>No case has a cap to draw on this scale (one in the regime's currency, above zero).</p>"
    )
    caption = (
        "One row per case, one log scale: the fine (circle), the tier's static amount and its "
        "share of the turnover (ticks), and the cap, the higher of the two (a diamond; an arrow "
        "when the turnover is unknown and the cap is at least the static amount)."
    )
    page.pair(svg, caption, [_summary_table(results, style, currency)], wide=True)
    others = [_name(r) for r in results if r.verdict.regime != law.id]
    if others:
        page.add(
            f'<p class="note">Not drawn (another regime than the {esc(law.short)}): {esc(", ".join(others))}.</p>'
        )
    points = [p for p in (_point(r) for r in same) if p is not None]
    groups = list(dict.fromkeys(p.outcome for p in points))
    law_chart.section(page, points, groups, law, {})
    for number, result in enumerate(results, 1):
        _case_section(page, number, result)
    return page.html(lead, footer)


def _money(style: Style, value: object) -> str:
    amount = getattr(value, "amount", None)
    currency = getattr(value, "currency", None)
    if isinstance(amount, Decimal) and isinstance(currency, str):
        return style.money(amount, currency)
    return ""


def _summary_table(results: Sequence[CaseResult], style: Style, currency: str) -> str:
    rows = []
    for result in results:
        verdict, case = result.verdict, result.case
        cap = verdict.cap
        share = verdict.fine_share_of_cap
        rows.append(
            (
                esc(_name(result)),
                esc(case.addressee),
                esc(case.decision_date.isoformat()),
                esc(_money(style, verdict.fine)),
                esc(f"Art. {verdict.tier}" if verdict.tier else "none"),
                esc(_money(style, cap.static) if cap else ""),
                esc(_money(style, cap.turnover_based) if cap and cap.turnover_based else "unknown"),
                esc(
                    ("at least " if cap and cap.lower_bound else "")
                    + (_money(style, cap.amount) if cap else "")
                ),
                esc(style.share(share) if share is not None else ""),
                f'<span class="verdict-{esc(verdict.verdict)}">{esc(verdict.verdict)}</span>',
            )
        )
    headers = ("case", "addressee", "decided", "fine", "tier", "static amount", "turnover limb",
               "cap", "fine / cap", "verdict")  # fmt: skip
    return table(
        "Cases", headers, rows, numeric=[3, 5, 6, 7, 8], raw=range(10), table_id="cases-table"
    )


def _case_section(page: Page, number: int, result: CaseResult) -> None:
    style, verdict, case = page.style, result.verdict, result.case
    page.section(f"case-{number}", f"{_name(result)}: {case.addressee}")
    facts = [
        ("file", result.path),
        ("authority", f"{case.authority.name} ({case.authority.country})"),
        ("verdict", verdict.verdict),
        ("fine", _money(style, verdict.fine)),
    ]
    if verdict.fine_in_cap_currency is not None:
        facts.append(("fine in the cap's currency", _money(style, verdict.fine_in_cap_currency)))
    if verdict.turnover is not None:
        facts.append(("turnover", _money(style, verdict.turnover)))
    if verdict.implied_minimum_turnover is not None:
        facts.append(
            ("implies a turnover of at least", _money(style, verdict.implied_minimum_turnover))
        )
    facts += [("needs", need) for need in verdict.needs]
    facts += [("warning", warning) for warning in verdict.warnings]
    page.add(table("The check", ("", ""), facts, table_id=f"check-{number}"))
    if result.sources is not None:
        page.add(_sources_table(result.sources, style, f"sources-{number}"))
    trace = [(n, s.step, s.value, s.reference, s.note) for n, s in enumerate(verdict.trace, 1)]
    page.add(
        table(
            "Trace",
            ("#", "step", "value", "reference", "note"),
            trace,
            numeric=[0],
            table_id=f"trace-{number}",
        )
    )


def _sources_table(report: SourcesReport, style: Style, table_id: str) -> str:
    rows: list[tuple[object, ...]] = []
    for source in report.sources:
        agrees = {True: "agrees", False: "DISAGREES", None: ""}[source.agrees]
        fine = _money(style, source.fine) or "no fine amount"
        rows.append((source.name, source.locale, fine, source.times_stated, agrees))
    for outlier in report.outliers:
        rows.append(
            (outlier.source, "", _money(style, outlier.money), "", f"outlier: {outlier.reason}")
        )
    for other in report.others:
        rows.append(
            (
                other.source,
                "",
                _money(style, other.money),
                "",
                f"not the fine ({other.kind}): {other.context}",
            )
        )
    for disagreement in report.disagreements:
        rows.append(
            (disagreement.source, "", _money(style, disagreement.stated), "", disagreement.message)
        )
    consensus = _money(style, report.consensus) if report.consensus is not None else "none"
    agreement = "agree" if report.agreement else "DISAGREE"
    caption = f"Sources ({agreement}; consensus {consensus})"
    headers = ("source", "locale", "fine read", "times stated", "agrees / note")
    return table(caption, headers, rows, numeric=[2, 3], table_id=table_id)
