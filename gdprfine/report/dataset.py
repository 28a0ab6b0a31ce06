"""The report of a dataset: the fines against the law, then counts and totals by country, year,
tier and cited article, the largest fines, the outcomes and flags, and every flagged record
with its reason."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from gdprfine.batch import FLAGS, OUTCOMES
from gdprfine.law import Regime
from gdprfine.report import charts, law_chart
from gdprfine.report.page import Page, Style, esc, table
from gdprfine.report.tally import Tally, Totals, amount_of, outcome_order

__all__ = ["dataset_page"]

_TOP_ARTICLES = 25


def dataset_page(
    tally: Tally, *, law: Regime, style: Style, title: str, lead: str, footer: str
) -> str:
    """The whole page for a dataset's *tally*."""
    page = Page(title, style)
    currency = law.currency
    largest = tally.largest()
    top = amount_of(largest[0].get("fine_in_cap_currency"), currency) if largest else None
    page.stats(
        [
            ("records", style.count(tally.records)),
            ("fines summed", style.count(tally.summed)),
            (f"total ({currency})", style.money(tally.total, currency)),
            ("largest fine", style.money(top, currency) if top is not None else "none"),
            ("countries", style.count(len(set(tally.by_country.records) - {"unknown"}))),
            ("flagged records", style.count(len(tally.flagged))),
        ]
    )
    groups = outcome_order(OUTCOMES, tally.outcomes)
    law_chart.section(page, tally.points, groups, law, dict(tally.unplotted))
    _by(page, "country", "By country", tally.by_country, "records", currency, label=_country(style))
    _by(page, "year", "By year", tally.by_year, "key", currency)
    _by(
        page,
        "tier",
        "By tier",
        tally.by_tier,
        "key",
        currency,
        label=lambda t: f"Art. {t}" if t[0].isdigit() else t,
    )
    _by(
        page,
        "article",
        "By cited article",
        tally.by_article,
        "records",
        currency,
        top=_TOP_ARTICLES,
    )
    page.add(
        '<p class="note">A record that cites several articles counts under each: the article '
        "totals overlap and add up to more than the total.</p>"
    )
    _largest(page, largest, currency)
    _outcomes(page, tally, groups)
    _flagged(page, tally.flagged, style, currency)
    _all_fines(page, tally, currency)
    return page.html(lead, footer)


def _country(style: Style) -> Callable[[str], str]:
    def label(code: str) -> str:
        return f"{style.country(code)} ({code})" if code != "unknown" else code

    return label


def _by(
    page: Page,
    anchor: str,
    heading: str,
    totals: Totals,
    order: str,
    currency: str,
    *,
    label: Callable[[str], str] | None = None,
    top: int | None = None,
) -> None:
    """A section of counts and totals by key: two bar charts and the table."""
    style = page.style
    name = label or str
    rows = totals.rows(order)
    shown = rows[:top] if top else rows
    what = heading.lower().removeprefix("by ")
    svg = charts.bars(
        anchor,
        [name(k) for k, _, _, _ in shown],
        [
            charts.Panel(
                "records",
                [Decimal(n) for _, n, _, _ in shown],
                [style.count(n) for _, n, _, _ in shown],
            ),
            charts.Panel(
                f"total fines ({currency})",
                [t for _, _, _, t in shown],
                [style.compact(t, currency) for _, _, _, t in shown],
            ),
        ],
        title=f"Records and total fines {heading.lower()}",
    )
    page.section(anchor, heading)
    cut = (
        f" (the {top} with most records; the table lists all {len(rows)})"
        if top and len(rows) > top
        else ""
    )
    caption = f"Records and total fines by {what}{cut}."
    body = [
        (name(k), style.count(n), style.count(f), style.money(t, currency)) for k, n, f, t in rows
    ]
    headers = (what, "records", "fines summed", f"total ({currency})")
    tables = [
        table(
            f"Records and fines by {what}",
            headers,
            body,
            numeric=[1, 2, 3],
            table_id=f"{anchor}-table",
        )
    ]
    page.pair(svg, caption, tables)


def _largest(page: Page, largest: Sequence[Mapping[str, object]], currency: str) -> None:
    style = page.style
    page.section("largest", "Largest fines")
    labels, fines, texts = [], [], []
    rows = []
    for record in largest:
        fine = amount_of(record.get("fine_in_cap_currency"), currency) or Decimal(0)
        name = str(record.get("controller") or record.get("id") or record.get("row"))
        labels.append(f"{name} ({record.get('country') or '?'})")
        fines.append(fine)
        texts.append(style.compact(fine, currency))
        rows.append(
            (
                record.get("id") or record.get("row"),
                record.get("controller"),
                record.get("country"),
                record.get("date"),
                f"Art. {record['tier']}" if record.get("tier") else "",
                style.money(fine, currency),
                record.get("outcome"),
            )
        )
    svg = charts.bars(
        "largest",
        labels,
        [charts.Panel(f"fine ({currency})", fines, texts)],
        title="The largest fines",
    )
    headers = ("record", "controller", "country", "date", "tier", f"fine ({currency})", "outcome")
    page.pair(
        svg,
        f"The {len(largest)} largest fines.",
        [table("Largest fines", headers, rows, numeric=[5])],
    )


def _outcomes(page: Page, tally: Tally, groups: Sequence[str]) -> None:
    style = page.style
    page.section("outcomes", "Outcomes and flags")
    shown = [g for g in groups if tally.outcomes.get(g)]
    counts = [tally.outcomes[g] for g in shown]
    svg = charts.bars(
        "outcomes",
        shown,
        [charts.Panel("records", [Decimal(n) for n in counts], [style.count(n) for n in counts])],
        title="Records by outcome",
    )
    flags = sorted(tally.flags.items(), key=lambda item: (-item[1], item[0]))
    if flags:
        svg += charts.bars(
            "flags",
            [f for f, _ in flags],
            [
                charts.Panel(
                    "records", [Decimal(n) for _, n in flags], [style.count(n) for _, n in flags]
                )
            ],
            title="Records by flag",
        )
    outcome_rows = [(g, style.count(tally.outcomes.get(g, 0))) for g in groups]
    flag_rows = [(f, FLAGS.get(f, ""), style.count(n)) for f, n in flags]
    tables = [
        table(
            "Records by outcome",
            ("outcome", "records"),
            outcome_rows,
            numeric=[1],
            table_id="outcomes-table",
        ),
        table(
            "Records by flag",
            ("flag", "meaning", "records"),
            flag_rows,
            numeric=[2],
            table_id="flags-table",
        ),
    ]
    caption = (
        "An outcome is the judge's verdict, or why a record was not judged; a flag is what else "
        "a reader should know about a record. A record may carry several flags."
    )
    page.pair(svg, caption, tables)


def _flagged(
    page: Page, flagged: Sequence[Mapping[str, object]], style: Style, currency: str
) -> None:
    page.section("flagged", "Flagged records")
    rows = []
    for record in flagged:
        flags = [_flag_text(flag) for flag in record.get("flags") or []]  # type: ignore[attr-defined]
        reasons = [str(record["reason"])] if record.get("reason") else []
        reasons += [f"needs {need}" for need in record.get("needs") or []]  # type: ignore[attr-defined]
        fine = amount_of(record.get("fine"))
        money = record.get("fine")
        shown = (
            style.money(fine, str(money["currency"]))
            if fine is not None and isinstance(money, Mapping)
            else record.get("amount_text")
        )
        rows.append(
            (
                record.get("id") or record.get("row"),
                record.get("controller"),
                record.get("country"),
                shown,
                record.get("outcome"),
                "<br>".join(esc(f) for f in flags),
                "<br>".join(esc(r) for r in reasons),
            )
        )
    headers = ("record", "controller", "country", "fine as read", "outcome", "flags", "reason")
    page.add(
        table(
            f"{style.count(len(rows))} flagged records",
            headers,
            rows,
            raw=[5, 6],
            table_id="flagged-table",
        )
    )


def _flag_text(flag: object) -> str:
    """A flag with what it means (its own reason when the record gives one)."""
    if isinstance(flag, Mapping):
        name = str(flag.get("flag", flag.get("name", "")))
        reason = flag.get("reason") or FLAGS.get(name, "")
    else:
        name, reason = str(flag), FLAGS.get(str(flag), "")
    return f"{name}: {reason}" if reason else name


def _all_fines(page: Page, tally: Tally, currency: str) -> None:
    style = page.style
    page.section("fines", "Every fine placed on the chart")
    rows = [(p.row, *law_chart.point_cells(p, style, currency)) for p in tally.points]
    headers = (
        "row",
        "record",
        "tier",
        f"fine ({currency})",
        f"turnover ({currency})",
        "turnover is",
        "outcome",
    )
    page.add(
        table(
            f"{style.count(len(rows))} fines against the law",
            headers,
            rows,
            numeric=[3, 4],
            table_id="fines-table",
        )
    )
