"""Every human output of the command line, as text: verdicts, caps, sources, dataset summaries,
the reference-case table. Pure functions from the library's results to ``str``; the commands
print what they return."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

from gdprfine.money import Money, decimal_context, minor_unit_digits
from gdprfine.trace import TraceStep, percent

if TYPE_CHECKING:
    # Only for the annotations: each renderer imports what it uses when it runs, so a command
    # loads only the library it needs.
    from gdprfine.batch import BatchSummary
    from gdprfine.cases import CaseRecord
    from gdprfine.check import CapReport, CapTable, Verdict
    from gdprfine.estimate import Comparison, Estimate
    from gdprfine.files import ReportsCheck
    from gdprfine.fx import Conversion
    from gdprfine.law import Regime
    from gdprfine.sources import SourcesReport

__all__ = [
    "GROUP_TURNOVER",
    "Display",
    "render_brief",
    "render_cap",
    "render_cap_table",
    "render_cases",
    "render_comparison",
    "render_conversion",
    "render_estimate",
    "render_folder",
    "render_reports",
    "render_sources",
    "render_summary",
    "render_trace",
    "render_verdict",
]


GROUP_TURNOVER = "the group's worldwide turnover counts (CJEU C-807/21 Deutsche Wohnen)"


class Display:
    """How human output writes amounts, percentages and dates.

    One rounding rule for every amount shown: an amount with more decimals than its currency's
    minor unit (ISO 4217, the project's data) is rounded half to even to the minor unit
    (``EUR 73 911 195.6984`` shows as ``EUR 73 911 195.70``); an amount with fewer is shown as
    it is (``EUR 746 000 000``). JSON keeps the exact values. With a *locale*, amounts,
    percentages and dates are written by babel in that locale's conventions; without one,
    as ``EUR 1 234.50``, ``4.1234 %`` and ``2021-07-15``.

    (A plain class: a dataclass would build its methods from source on every start.)
    """

    __slots__ = ("locale",)

    def __init__(self, locale: str | None = None) -> None:
        self.locale = locale

    def money(self, money: Money) -> str:
        """*money* to its currency's minor unit at most, in the locale's conventions."""
        places = minor_unit_digits(money.currency)
        amount = money.amount
        if amount.as_tuple().exponent < -places:  # type: ignore[operator]
            with decimal_context():
                amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
        if self.locale is None:
            return Money.computed(amount, money.currency).format()
        from babel.numbers import format_currency

        return format_currency(
            amount, money.currency, locale=self.locale, currency_digits=False,
            decimal_quantization=False, format_type="standard",
        )  # fmt: skip

    def percent(self, share: Decimal, places: int = 4) -> str:
        """A fraction as a percentage with *places* decimals."""
        if self.locale is None:
            return percent(share, places)
        from babel.numbers import format_percent

        return format_percent(share, f"#,##0.{'0' * places}%", locale=self.locale)

    def day(self, day: date) -> str:
        """A date: ISO, or the locale's medium form."""
        if self.locale is None:
            return day.isoformat()
        from babel.dates import format_date

        return format_date(day, "medium", locale=self.locale)


_PLAIN = Display()


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
    verdict: Verdict,
    title: str,
    *,
    sources: SourcesReport | None = None,
    law: Regime | None = None,
    display: Display = _PLAIN,
) -> str:
    """A verdict for people: the figures, then the sources' cross-check, then the trace."""
    d = display
    lines = [title, f"  verdict   {verdict.verdict.upper()}", f"  fine      {d.money(verdict.fine)}"]
    if verdict.fine_in_cap_currency is not None:
        lines.append(f"            = {d.money(verdict.fine_in_cap_currency)}")
    if verdict.tier:
        lines.append(f"  tier      Art. {verdict.tier} ({verdict.regime})")
    if verdict.cap is not None:
        bound = "at least " if verdict.cap.lower_bound else ""
        lines.append(f"  cap       {bound}{d.money(verdict.cap.amount)} ({verdict.cap.limb} limb)")
    if verdict.turnover is not None:
        lines.append(f"  turnover  {d.money(verdict.turnover)}: {GROUP_TURNOVER}")
    elif verdict.cap is not None and verdict.cap.undertaking:
        lines.append(f"  turnover  unknown: {GROUP_TURNOVER}")
    if verdict.turnover_exchange_rate is not None:
        lines.append(f"  rate      {verdict.turnover_exchange_rate.describe()}")
    if verdict.fine_exchange_rate is not None:
        lines.append(f"  fine rate {verdict.fine_exchange_rate.describe()}")
    shares = _shares(verdict, d)
    if shares:
        lines.append(f"  fine is   {shares}")
    if verdict.implied_minimum_turnover is not None:
        lines.append(f"  implies   turnover >= {d.money(verdict.implied_minimum_turnover)}")
    lines += [f"  needs     {_option_named(need)}" for need in verdict.needs]
    lines += [f"  warning   {warning}" for warning in verdict.warnings]
    if sources is not None and law is not None:
        lines += render_sources(sources, law, d)
    lines += render_trace(verdict.trace)
    return "\n".join(lines)


def _option_named(need: str) -> str:
    """A need the command line can meet with an option says which."""
    if need.startswith("the decision date"):
        return f"--date YYYY-MM-DD: {need}"
    return need


def _shares(verdict: Verdict, d: Display) -> str:
    shares = []
    if verdict.fine_share_of_turnover is not None:
        shares.append(f"{d.percent(verdict.fine_share_of_turnover)} of turnover")
    if verdict.fine_share_of_cap is not None:
        shares.append(f"{d.percent(verdict.fine_share_of_cap, 2)} of the cap")
    return ", ".join(shares)


def render_brief(verdict: Verdict, title: str, display: Display = _PLAIN) -> str:
    """One line for a verdict: title, verdict, fine, cap and shares, without the trace.

    >>> from gdprfine.check import check_fine
    >>> render_brief(check_fine(Money("25000000", "EUR"), tier="83(4)", undertaking=False), "x")
    'x: EXCEEDS fine EUR 25 000 000, cap EUR 10 000 000 (static limb), 250 % of the cap'
    """
    d = display
    parts = [f"{title}: {verdict.verdict.upper()} fine {d.money(verdict.fine)}"]
    if verdict.cap is not None:
        bound = "at least " if verdict.cap.lower_bound else ""
        parts.append(f"cap {bound}{d.money(verdict.cap.amount)} ({verdict.cap.limb} limb)")
    else:
        parts.append("cap unknown")
    shares = _shares(verdict, d)
    if shares:
        parts.append(shares)
    if verdict.verdict == "undetermined" and verdict.needs:
        parts.append(f"needs {verdict.needs[0]}")
    return ", ".join(parts)


def render_sources(report: SourcesReport, law: Regime, display: Display = _PLAIN) -> list[str]:
    """The cross-check of a case's sources: the consensus, each reading, outliers, others."""
    from gdprfine.sources import tier_statement

    d = display
    lines = []
    stating = [source for source in report.sources if source.fine is not None]
    if report.consensus is not None:
        agree = "agree" if report.agreement else "DISAGREE"
        lines.append(
            f"  sources   {agree}: {d.money(report.consensus)} stated by "
            f"{len(report.supported_by)} of {len(report.sources)}"
        )
    elif stating:
        lines.append(
            f"  sources   DISAGREE: {len(stating)} of {len(report.sources)} state a fine, "
            "no amount in the majority"
        )
    else:
        lines.append(f"  sources   no fine amount found in {len(report.sources)} source(s)")
    for source in report.sources:
        fine = d.money(source.fine) if source.fine else "no fine amount"
        guessed = ", guessed" if source.locale_guessed else ""
        lines.append(f"            {source.name} [{source.locale}{guessed}]: {fine} (x{source.times_stated})")
    for outlier in report.outliers:
        lines.append(f"  outlier   {outlier.source}: {d.money(outlier.money)} in {outlier.context!r}")
        lines.append(f"            {outlier.reason}")
    for other in report.others:
        tier = tier_statement(other, law)
        kind = f"tier statement consistent with Art. {tier}" if tier else other.kind
        if other.kind == "bound":
            kind = f"{other.bound.replace('_', ' ')} ({other.hedge!r}): a bound, not the fine"
        lines.append(f"  other     {other.source}: {d.money(other.money)} ({kind})")
    if report.consensus is not None or report.case_fine is not None:
        for disagreement in report.disagreements:
            where = disagreement.source or "the sources"
            lines.append(
                f"  disagrees {where}: {d.money(disagreement.stated)} stated, "
                f"{d.money(disagreement.expected)} expected"
            )
    return lines


def render_folder(
    folder: str, count: int, report: SourcesReport, law: Regime, display: Display = _PLAIN
) -> str:
    """A folder of source texts read as the reports of one decision."""
    return "\n".join([f"{folder}: {count} source texts", *render_sources(report, law, display)])


def render_reports(result: ReportsCheck, law: Regime, display: Display = _PLAIN) -> str:
    """News reports of one decision: the fine they state, and its verdict when one was asked."""
    from gdprfine.files import NEEDS_ONE_FINE

    texts = "1 source text" if result.texts == 1 else f"{result.texts} source texts"
    lines = [f"{result.name}: {texts}", *render_sources(result.sources, law, display)]
    if result.verdict is not None:
        lines.append(render_verdict(result.verdict, "the fine the reports state", display=display))
    for need in result.needs:
        lines.append(f"  needs     {need}" if need != NEEDS_ONE_FINE else f"  verdict   none: needs {need}")
    return "\n".join(lines)


def render_cap(report: CapReport, display: Display = _PLAIN) -> str:
    """A legal maximum for people: the cap, its limbs, the turnover and the law in force."""
    d = display
    cap = report.cap
    bound = "at least " if cap.lower_bound else ""
    lines = [
        f"Art. {cap.tier} ({cap.regime}): {bound}{d.money(cap.amount)} ({cap.limb} limb)",
        f"  static amount   {d.money(cap.static)}",
        f"  turnover share  {d.percent(cap.turnover_share)}",
    ]
    rate = report.turnover_exchange_rate
    if rate is not None and report.turnover is not None:
        lines.append(f"  turnover        {d.money(report.turnover)} at {rate.describe()}")
    elif report.turnover is not None:
        lines.append(f"  turnover        {d.money(report.turnover)}")
    if cap.turnover_based is not None:
        lines.append(f"  share x turnover {d.money(cap.turnover_based)}")
    elif cap.lower_bound:
        lines.append("  turnover unknown: for an undertaking the cap is at least the static amount")
    if cap.undertaking:
        lines.append(f"  whose turnover  {GROUP_TURNOVER}")
    else:
        lines.append("  not an undertaking: static amount only")
    lines.append(f"  in force from   {d.day(report.valid_from)}  [{cap.reference}]")
    if report.note:
        lines.append(f"  note            {report.note}")
    lines += [f"  warning         {warning}" for warning in report.warnings]
    return "\n".join(lines)


def render_cap_table(table: CapTable, display: Display = _PLAIN) -> str:
    """Every tier's cap for one turnover, side by side, then what they share.

    >>> from gdprfine.check import cap_table
    >>> print(render_cap_table(cap_table(turnover="1000000000 EUR")))
    regime   tier   static amount   share  cap
    eu-gdpr  83(4)  EUR 10 000 000  2 %    EUR 20 000 000.00 (turnover limb)
    eu-gdpr  83(5)  EUR 20 000 000  4 %    EUR 40 000 000.00 (turnover limb)
    eu-gdpr  83(6)  EUR 20 000 000  4 %    EUR 40 000 000.00 (turnover limb)
      turnover  EUR 1 000 000 000: the group's worldwide turnover counts (CJEU C-807/21 Deutsche Wohnen)
    """
    d = display
    rows = [("regime", "tier", "static amount", "share", "cap")]
    for report in table.caps:
        cap = report.cap
        bound = "at least " if cap.lower_bound else ""
        rows.append((
            cap.regime, cap.tier, d.money(cap.static), d.percent(cap.turnover_share, 0),
            f"{bound}{d.money(cap.amount)} ({cap.limb} limb)",
        ))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join([*(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)), row[4]]) for row in rows]
    seen: set[str] = set()
    for report in table.caps:
        if report.turnover is not None and report.regime not in seen:
            seen.add(report.regime)
            rate = f" at {report.turnover_exchange_rate.describe()}" if report.turnover_exchange_rate else ""
            lines.append(f"  turnover  {d.money(report.turnover)}{rate}: {GROUP_TURNOVER}")
    if table.caps and not table.caps[0].cap.undertaking:
        lines.append("  not an undertaking: static amounts only")
    elif all(report.turnover is None for report in table.caps):
        lines.append(f"  turnover unknown: each cap is at least its static amount; {GROUP_TURNOVER}")
    warnings = dict.fromkeys(w for report in table.caps for w in report.warnings)
    lines += [f"  warning   {warning}" for warning in warnings]
    return "\n".join(lines)


def _counts(counts: Mapping[str, int], limit: int = 12) -> str:
    items = list(counts.items())
    text = ", ".join(f"{key} {value}" for key, value in items[:limit])
    if len(items) > limit:
        text += f", ... ({len(items) - limit} more)"
    return text or "none"


def _money(data: object, display: Display = _PLAIN) -> str:
    if not isinstance(data, dict):
        return "-"
    return display.money(Money.computed(Decimal(data["amount"]), data["currency"]))


def render_summary(summary: BatchSummary, title: str, display: Display = _PLAIN) -> str:
    """A dataset's summary for people: outcomes, flags, reasons, counts, totals, largest fines."""
    from gdprfine.batch import FLAGS, OUTCOMES

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
    lines.append(f"  total      {_money(total['amount'], display)} ({total['fines']} fines)")
    totals = data["totals"]
    for key, label in (("art83", "under Art. 83"), ("art83_without_flagged", "  without flagged"), ("other", "the rest")):
        part = totals[key]
        amounts = " + ".join(_money(amount, display) for amount in part["amounts"]) or "0"
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
                original = f" (= {_money(item['fine'], display)})"
            tier = f" {item['tier']}" if item["tier"] else ""
            lines.append(
                f"    {rank:>2}. {_money(item['fine_in_cap_currency'], display)}{original}  "
                f"{item['controller'] or '?'} ({where}) [{ident}]: {item['outcome']}{tier}"
            )
    lines.append(f"  conversion {data['conversion_rule']}")
    return "\n".join(lines)


_COLUMNS = (
    "id", "authority", "country", "decided", "fine", "tier", "verdict", "group turnover",
    "implied min. turnover",
)  # fmt: skip
_RIGHT = frozenset({"fine", "group turnover", "implied min. turnover"})


def _turnover_cell(case: CaseRecord, d: Display = _PLAIN) -> str:
    if case.turnover is None:
        return "not recorded"
    return f"{d.money(case.turnover.amount)} ({case.turnover.financial_year.label})"


def _row(case: CaseRecord, verdict: Verdict, d: Display) -> tuple[str, ...]:
    minimum = verdict.implied_minimum_turnover
    return (
        case.id,
        case.authority.name.partition(" (")[0],
        case.authority.country,
        d.day(case.decision_date),
        d.money(case.fine),
        f"Art. {verdict.tier}" if verdict.tier else "-",
        verdict.verdict,
        _turnover_cell(case, d),
        d.money(minimum) if minimum is not None else "-",
    )


def render_cases(checked: Sequence[tuple[CaseRecord, Verdict]], display: Display = _PLAIN) -> str:
    """The reference cases as a table, with a line on what an undetermined verdict means."""
    rows = [_row(case, verdict, display) for case, verdict in checked]
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
        "cap if the undertaking's worldwide annual turnover is at least the implied minimum; "
        "the turnover is the group's, for the financial year preceding the decision."
    )
    cited = [(case.id, case.turnover.source) for case, _ in checked if case.turnover is not None]
    if cited:
        lines.append("\nturnovers:")
        lines.extend(f"  {ident}: {source}" for ident, source in cited)
    return "\n".join(lines)


def _mt(display: Display, money: Money) -> str:
    """An estimate's amount: whole units when it has no cents, or in the reader's locale."""
    from gdprfine.estimate.common import money_text

    return money_text(money) if display.locale is None else display.money(money)


def render_conversion(conversion: Conversion, display: Display = _PLAIN) -> str:
    """A conversion: both amounts and the rate with its rule, dates and source."""
    if display.locale is None:
        return conversion.describe()
    original, converted = display.money(conversion.original), display.money(conversion.converted)
    return f"{original} = {converted} at {conversion.rate.describe()}"


_POSITION_WORDS = {
    "below": "below the range",
    "inside": "inside the range",
    "above": "above the range",
}


def render_estimate(result: Estimate, caveat: str, display: Display = _PLAIN) -> str:
    """One method's estimate as text: each conduct's range and trace, the total, the notes.

    *caveat* is the comparison's: the estimate's own caveat is shown only when it differs.
    """
    lines = [f"{result.method}{' (historical)' if result.historical else ''}"]
    for conduct in result.conducts:
        lines.append(
            f"  {conduct.name}: {', '.join(conduct.articles)} -> Art. {conduct.tier}, "
            f"{conduct.seriousness} seriousness: {_mt(display, conduct.low)} - "
            f"{_mt(display, conduct.high)}"
        )
        for step in conduct.steps:
            lines.append(f"    {step.step}: {step.value}")
            if step.reference:
                lines.append(f"       [{step.reference}]")
            if step.note:
                lines.append(f"       note: {step.note}")
    lines.append(f"  total: {_mt(display, result.low)} - {_mt(display, result.high)}")
    if result.fine is not None and result.position is not None:
        lines.append(f"  fine {_mt(display, result.fine)}: {_POSITION_WORDS[result.position]}")
    lines.extend(f"  note: {note}" for note in result.notes)
    if result.caveat != caveat:
        lines.append(f"  caveat: {result.caveat}")
    return "\n".join(lines)


def render_comparison(comparison: Comparison, display: Display = _PLAIN) -> str:
    """The ranges side by side (when more than one method was asked), then each estimate."""
    lines: list[str] = []
    if len(comparison.estimates) + len(comparison.skipped) > 1:
        lines.append("Estimated range by method")
        width = max(len(e.model) for e in comparison.estimates)
        for e in comparison.estimates:
            fine = f"  fine {e.position}" if e.position else ""
            lines.append(
                f"  {e.model:<{width}}  {_mt(display, e.low)} - {_mt(display, e.high)}{fine}"
            )
        for s in comparison.skipped:
            lines.append(f"  {s.model:<{width}}  not applicable: {s.reason}")
        lines.append("")
    for e in comparison.estimates:
        lines.append(render_estimate(e, comparison.caveat, display))
        lines.append("")
    lines.append(f"Caveat: {comparison.caveat}")
    return "\n".join(lines)
