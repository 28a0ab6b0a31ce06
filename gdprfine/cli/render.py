"""Every human output of the command line, as text: verdicts, caps, sources, dataset summaries,
the reference-case table. Pure functions from the library's results to ``str``; the commands
print what they return."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gdprfine.batch import FLAGS, OUTCOMES, BatchSummary
from gdprfine.cases import CaseRecord
from gdprfine.check import CapReport, Verdict
from gdprfine.estimate import Comparison, Estimate
from gdprfine.estimate.common import money_text
from gdprfine.law import Regime
from gdprfine.money import Money
from gdprfine.sources import SourcesReport, tier_statement
from gdprfine.trace import TraceStep, percent

__all__ = [
    "render_cap",
    "render_cases",
    "render_comparison",
    "render_estimate",
    "render_folder",
    "render_sources",
    "render_summary",
    "render_trace",
    "render_verdict",
]


def render_trace(steps: Sequence[TraceStep]) -> list[str]:
    """The trace as numbered lines, each with its reference and, below it, its note."""
    lines = ["  trace"]
    for number, step in enumerate(steps, 1):
        ref = f"  [{step.reference}]" if step.reference else ""
        lines.append(f"    {number:>2}. {step.step}: {step.value}{ref}")
        if step.note:
            lines.append(f"        {step.note}")
    return lines


def render_verdict(
    verdict: Verdict, title: str, *, sources: SourcesReport | None = None, law: Regime | None = None
) -> str:
    """A verdict for people: the figures, then the sources' cross-check, then the trace."""
    lines = [title, f"  verdict   {verdict.verdict.upper()}", f"  fine      {verdict.fine.format()}"]
    if verdict.fine_in_cap_currency is not None:
        lines.append(f"            = {verdict.fine_in_cap_currency.format()}")
    if verdict.tier:
        lines.append(f"  tier      Art. {verdict.tier} ({verdict.regime})")
    if verdict.cap is not None:
        bound = "at least " if verdict.cap.lower_bound else ""
        lines.append(f"  cap       {bound}{verdict.cap.amount.format(places=2)} ({verdict.cap.limb} limb)")
    if verdict.turnover is not None:
        lines.append(f"  turnover  {verdict.turnover.format(places=2)}")
    if verdict.turnover_exchange_rate is not None:
        lines.append(f"  rate      {verdict.turnover_exchange_rate.describe()}")
    if verdict.fine_exchange_rate is not None:
        lines.append(f"  fine rate {verdict.fine_exchange_rate.describe()}")
    shares = []
    if verdict.fine_share_of_turnover is not None:
        shares.append(f"{percent(verdict.fine_share_of_turnover)} of turnover")
    if verdict.fine_share_of_cap is not None:
        shares.append(f"{percent(verdict.fine_share_of_cap, 2)} of the cap")
    if shares:
        lines.append(f"  fine is   {', '.join(shares)}")
    if verdict.implied_minimum_turnover is not None:
        lines.append(f"  implies   turnover >= {verdict.implied_minimum_turnover.format()}")
    lines += [f"  needs     {need}" for need in verdict.needs]
    lines += [f"  warning   {warning}" for warning in verdict.warnings]
    if sources is not None and law is not None:
        lines += render_sources(sources, law)
    lines += render_trace(verdict.trace)
    return "\n".join(lines)


def render_sources(report: SourcesReport, law: Regime) -> list[str]:
    """The cross-check of a case's sources: the consensus, each reading, outliers, others."""
    lines = []
    if report.consensus is not None:
        agree = "agree" if report.agreement else "DISAGREE"
        lines.append(
            f"  sources   {agree}: {report.consensus.format()} stated by "
            f"{len(report.supported_by)} of {len(report.sources)}"
        )
    else:
        lines.append(f"  sources   no fine amount found in {len(report.sources)} source(s)")
    for source in report.sources:
        fine = source.fine.format() if source.fine else "no fine amount"
        lines.append(f"            {source.name} [{source.locale}]: {fine} (x{source.times_stated})")
    for outlier in report.outliers:
        lines.append(f"  outlier   {outlier.source}: {outlier.money.format()} in {outlier.context!r}")
        lines.append(f"            {outlier.reason}")
    for other in report.others:
        tier = tier_statement(other, law)
        kind = f"tier statement consistent with Art. {tier}" if tier else other.kind
        if other.kind == "bound":
            kind = f"{other.bound.replace('_', ' ')} ({other.hedge!r}): a bound, not the fine"
        lines.append(f"  other     {other.source}: {other.money.format()} ({kind})")
    for disagreement in report.disagreements:
        where = disagreement.source or "the sources"
        lines.append(
            f"  disagrees {where}: {disagreement.stated.format()} stated, "
            f"{disagreement.expected.format()} expected ({disagreement.message})"
        )
    return lines


def render_folder(folder: str, count: int, report: SourcesReport, law: Regime) -> str:
    """A folder of source texts read as the reports of one decision."""
    return "\n".join([f"{folder}: {count} source texts", *render_sources(report, law)])


def render_cap(report: CapReport) -> str:
    """A legal maximum for people: the cap, its limbs, the turnover and the law in force."""
    cap = report.cap
    bound = "at least " if cap.lower_bound else ""
    lines = [
        f"Art. {cap.tier} ({cap.regime}): {bound}{cap.amount.format()} ({cap.limb} limb)",
        f"  static amount   {cap.static.format()}",
        f"  turnover share  {percent(cap.turnover_share)}",
    ]
    rate = report.turnover_exchange_rate
    if rate is not None and report.turnover is not None:
        lines.append(f"  turnover        {report.turnover.format()} at {rate.describe()}")
    if cap.turnover_based is not None:
        lines.append(f"  share x turnover {cap.turnover_based.format()}")
    elif cap.lower_bound:
        lines.append("  turnover unknown: for an undertaking the cap is at least the static amount")
    if not cap.undertaking:
        lines.append("  not an undertaking: static amount only")
    lines.append(f"  in force from   {report.valid_from.isoformat()}  [{cap.reference}]")
    if report.note:
        lines.append(f"  note            {report.note}")
    lines += [f"  warning         {warning}" for warning in report.warnings]
    return "\n".join(lines)


def _counts(counts: Mapping[str, int], limit: int = 12) -> str:
    items = list(counts.items())
    text = ", ".join(f"{key} {value}" for key, value in items[:limit])
    if len(items) > limit:
        text += f", ... ({len(items) - limit} more)"
    return text or "none"


def _money(data: object) -> str:
    if not isinstance(data, dict):
        return "-"
    return Money(data["amount"], data["currency"]).format()


def render_summary(summary: BatchSummary, title: str) -> str:
    """A dataset's summary for people: outcomes, flags, reasons, counts, totals, largest fines."""
    data: dict[str, Any] = summary.json_dict()
    lines = [f"{title}: {summary.records} records"]
    for kind in OUTCOMES:
        lines.append(f"  {kind:<20} {data['outcomes'][kind]:>8}")
    if data["flags"]:
        lines.append("  flags")
        for flag, count in data["flags"].items():
            lines.append(f"    {flag:<29} {count:>8}  {FLAGS.get(flag, '')}")
    reasons: dict[str, int] = data["reasons"]
    if reasons:
        lines.append("  not judged")
        for reason, count in list(reasons.items())[:12]:
            lines.append(f"    {count:>8}  {reason}")
        if len(reasons) > 12:
            lines.append(f"    ... {len(reasons) - 12} more reasons (see --json)")
    lines.append(f"  countries  {_counts(data['by_country'])}")
    lines.append(f"  tiers      {_counts(data['by_tier'])}")
    lines.append(f"  years      {_counts(data['by_year'], 40)}")
    lines.append(f"  currencies {_counts(data['currencies'])}")
    total = data["total"]
    lines.append(f"  total      {_money(total['amount'])} ({total['fines']} fines)")
    totals = data["totals"]
    for key, label in (("art83", "under Art. 83"), ("art83_without_flagged", "  without flagged"), ("other", "the rest")):
        part = totals[key]
        amounts = " + ".join(_money(amount) for amount in part["amounts"]) or "0"
        lines.append(f"    {label:<18} {amounts} ({part['fines']} fines)")
    missing = totals["not_converted"]
    if missing["fines"]:
        lines.append(f"    {'not converted':<18} {missing['fines']} fines ({_counts(missing['currencies'])})")
    if data["largest"]:
        lines.append("  largest")
        for rank, item in enumerate(data["largest"], 1):
            where = ", ".join(str(x) for x in (item["country"], item["date"]) if x)
            ident = item["id"] or f"row {item['row']}"
            original = ""
            if item["fine"] != item["fine_in_cap_currency"]:
                original = f" (= {_money(item['fine'])})"
            tier = f" {item['tier']}" if item["tier"] else ""
            lines.append(
                f"    {rank:>2}. {_money(item['fine_in_cap_currency'])}{original}  "
                f"{item['controller'] or '?'} ({where}) [{ident}]: {item['outcome']}{tier}"
            )
    lines.append(f"  conversion {data['conversion_rule']}")
    return "\n".join(lines)


_COLUMNS = ("id", "authority", "country", "decided", "fine", "tier", "verdict", "implied min. turnover")
_RIGHT = frozenset({"fine", "implied min. turnover"})


def _row(case: CaseRecord, verdict: Verdict) -> tuple[str, ...]:
    minimum = verdict.implied_minimum_turnover
    return (
        case.id,
        case.authority.name.partition(" (")[0],
        case.authority.country,
        case.decision_date.isoformat(),
        case.fine.format(),
        f"Art. {verdict.tier}" if verdict.tier else "-",
        verdict.verdict,
        minimum.format() if minimum is not None else "-",
    )


def render_cases(checked: Sequence[tuple[CaseRecord, Verdict]]) -> str:
    """The reference cases as a table, with a line on what an undetermined verdict means."""
    rows = [_row(case, verdict) for case, verdict in checked]
    widths = [max(len(cell) for cell in column) for column in zip(_COLUMNS, *rows, strict=True)]
    lines = []
    for cells in (_COLUMNS, *rows):
        padded = [
            cell.rjust(width) if name in _RIGHT else cell.ljust(width)
            for name, cell, width in zip(_COLUMNS, cells, widths, strict=True)
        ]
        lines.append("  ".join(padded).rstrip())
    undetermined = sum(verdict.verdict == "undetermined" for _, verdict in checked)
    lines.append(
        f"\n{len(checked)} reference cases, {undetermined} undetermined: a fine is within its "
        "cap if the undertaking's worldwide annual turnover is at least the implied minimum "
        "(most reference cases record no turnover)."
    )
    return "\n".join(lines)


_POSITION_WORDS = {
    "below": "below the range",
    "inside": "inside the range",
    "above": "above the range",
}


def render_estimate(result: Estimate, caveat: str) -> str:
    """One method's estimate as text: each conduct's range and trace, the total, the notes.

    *caveat* is the comparison's: the estimate's own caveat is shown only when it differs.
    """
    lines = [f"{result.method}{' (historical)' if result.historical else ''}"]
    for conduct in result.conducts:
        lines.append(
            f"  {conduct.name}: {', '.join(conduct.articles)} -> Art. {conduct.tier}, "
            f"{conduct.seriousness} seriousness: {money_text(conduct.low)} - "
            f"{money_text(conduct.high)}"
        )
        for step in conduct.steps:
            lines.append(f"    {step.step}: {step.value}")
            if step.reference:
                lines.append(f"       [{step.reference}]")
            if step.note:
                lines.append(f"       note: {step.note}")
    lines.append(f"  total: {money_text(result.low)} - {money_text(result.high)}")
    if result.fine is not None and result.position is not None:
        lines.append(f"  fine {money_text(result.fine)}: {_POSITION_WORDS[result.position]}")
    lines.extend(f"  note: {note}" for note in result.notes)
    if result.caveat != caveat:
        lines.append(f"  caveat: {result.caveat}")
    return "\n".join(lines)


def render_comparison(comparison: Comparison) -> str:
    """The ranges side by side (when more than one method was asked), then each estimate."""
    lines: list[str] = []
    if len(comparison.estimates) + len(comparison.skipped) > 1:
        lines.append("Estimated range by method")
        width = max(len(e.model) for e in comparison.estimates)
        for e in comparison.estimates:
            fine = f"  fine {e.position}" if e.position else ""
            lines.append(
                f"  {e.model:<{width}}  {money_text(e.low)} - {money_text(e.high)}{fine}"
            )
        for s in comparison.skipped:
            lines.append(f"  {s.model:<{width}}  not applicable: {s.reason}")
        lines.append("")
    for e in comparison.estimates:
        lines.append(render_estimate(e, comparison.caveat))
        lines.append("")
    lines.append(f"Caveat: {comparison.caveat}")
    return "\n".join(lines)
