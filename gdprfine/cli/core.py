"""``gdprfine check``, ``gdprfine cap`` and ``gdprfine schema``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError

from gdprfine.articles import classify, parse_articles
from gdprfine.cases import case_schema, load_case
from gdprfine.check import Verdict, cap_report, check_case, check_fine
from gdprfine.cli._app import app, emit_json, fail, parse_date, parse_money, user_errors
from gdprfine.dates import FinancialYear
from gdprfine.errors import GdprFineError, InvalidInput
from gdprfine.fx import FxRule
from gdprfine.law import Regime, Tier, regime
from gdprfine.trace import percent

if TYPE_CHECKING:
    from gdprfine.sources import SourcesReport

__all__ = ["cap", "check", "schema"]

_EXIT = {"within": 0, "exceeds": 1, "undetermined": 1}

TierOption = Annotated[
    str | None, typer.Option("--tier", help="The tier: 83(4), 83(5) or 83(6).")
]
ArticlesOption = Annotated[
    str | None,
    typer.Option("--articles", help='Infringed articles instead of a tier, e.g. "Art. 6(1), Art. 13".'),
]
TurnoverOption = Annotated[
    str | None,
    typer.Option(
        "--turnover",
        help="Worldwide annual turnover of the undertaking, e.g. '500000000 EUR' (in the cap's currency).",
    ),
]
UndertakingOption = Annotated[
    bool,
    typer.Option(
        "--undertaking/--no-undertaking",
        help="--no-undertaking: a natural person or body with no turnover (static cap only).",
    ),
]
RegimeOption = Annotated[
    str, typer.Option("--regime", help="The fining regime: eu-gdpr or uk-gdpr.")
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Decision date (YYYY-MM-DD): the law in force on that day."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
FyOption = Annotated[
    str | None,
    typer.Option(
        "--fy",
        help="Financial year of --turnover: a calendar year (2020) or START..END "
        "(2019-07-01..2020-06-30).",
    ),
]
FxOption = Annotated[
    FxRule | None,
    typer.Option(
        "--fx",
        help="Convert a turnover in another currency with the bundled ECB rates: mean "
        "(of the financial year, the default), year-end, or decision-date (needs --date).",
    ),
]


def _fy(text: str | None) -> FinancialYear | None:
    if text is None:
        return None
    start, sep, end = text.partition("..")
    data: object = {"start": start.strip(), "end": end.strip()} if sep else text.strip()
    try:
        return FinancialYear.model_validate(data)
    except ValidationError as error:
        cause = error.errors()[0].get("ctx", {}).get("error")
        reason = cause.message if isinstance(cause, GdprFineError) else error.errors()[0]["msg"]
        return fail(f"--fy: {text!r}: {reason}")


def _one_of(tier: str | None, articles: str | None) -> None:
    if tier and articles:
        fail("--tier and --articles: give one, not both")
    if not tier and not articles:
        fail("give --tier (83(4), 83(5), 83(6)) or --articles")


def _tier_for(tier: str | None, articles: str | None, regime_id: str, on: date | None) -> Tier:
    _one_of(tier, articles)
    law = regime(regime_id)
    if tier:
        return law.tier(tier, on=on)
    if articles:
        found = classify(parse_articles(articles), law, on=on).tier
        if found is None:
            raise InvalidInput(
                "articles", articles, "none of these articles is listed in Art. 83(4)-(6)"
            )
        return found
    raise AssertionError("unreachable")


def _sources_human(report: SourcesReport, law: Regime) -> list[str]:
    from gdprfine.sources import tier_statement

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
        lines.append(f"  other     {other.source}: {other.money.format()} ({kind})")
    for disagreement in report.disagreements:
        lines.append(f"  disagrees {disagreement.model_dump_json()}")
    return lines


def _check_folder(folder: Path, as_json: bool) -> tuple[int, dict[str, object]]:
    from gdprfine.sources import cross_check, read_folder

    readings = read_folder(folder)
    report = cross_check(readings)
    if not as_json:
        lines = [f"{folder}: {len(readings)} source texts"]
        lines += _sources_human(report, regime())
        typer.echo("\n".join(lines))
    return (0 if report.agreement else 1), {"folder": str(folder), "sources": report.model_dump(mode="json")}


def _human(verdict: Verdict, title: str) -> str:
    lines = [title]
    lines.append(f"  verdict   {verdict.verdict.upper()}")
    lines.append(f"  fine      {verdict.fine.format()}")
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
    for need in verdict.needs:
        lines.append(f"  needs     {need}")
    for warning in verdict.warnings:
        lines.append(f"  warning   {warning}")
    lines.append("  trace")
    for number, step in enumerate(verdict.trace, 1):
        ref = f"  [{step.reference}]" if step.reference else ""
        lines.append(f"    {number:>2}. {step.step}: {step.value}{ref}")
        if step.note:
            lines.append(f"        {step.note}")
    return "\n".join(lines)


@app.command()
def check(
    casefiles: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Case files (.toml or .json), or folders of plain-text reports.",
            show_default=False,
        ),
    ] = None,
    fine: Annotated[
        str | None,
        typer.Option("--fine", help="A fine to check instead of case files, e.g. '746000000 EUR'."),
    ] = None,
    tier: TierOption = None,
    articles: ArticlesOption = None,
    turnover: TurnoverOption = None,
    undertaking: UndertakingOption = True,
    regime_id: RegimeOption = "eu-gdpr",
    on: DateOption = None,
    fy: FyOption = None,
    fx: FxOption = None,
    as_json: JsonOption = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Read FILE as a dataset: cms, privacyaffairs, gdprhub, csv or jsonl; "
            "one verdict per record and a summary.",
        ),
    ] = None,
    as_jsonl: Annotated[
        bool, typer.Option("--jsonl", help="With --format: print one JSON verdict per record.")
    ] = False,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            help="With --format csv|jsonl: FIELD=COLUMN, e.g. fine=Amount, articles=Articles, "
            "date=Date, country=Country, authority=DPA, currency=Cur, controller, sector, type, "
            "id, undertaking (repeat the option).",
        ),
    ] = None,
    locale: Annotated[
        str, typer.Option("--locale", help="With --format csv|jsonl: the language amounts are written in.")
    ] = "en",
    currency: Annotated[
        str, typer.Option("--currency", help="With --format csv|jsonl: the currency of bare numbers.")
    ] = "EUR",
    delimiter: Annotated[
        str, typer.Option("--delimiter", help="With --format csv: the cell separator (\\t for tabs).")
    ] = ",",
    largest: Annotated[
        int, typer.Option("--largest", help="With --format: how many of the largest fines to list.")
    ] = 10,
) -> None:
    """Check fines against their Art. 83 cap: case files, folders of source texts, one --fine, or
    a whole dataset (--format).

    A case's sources that carry a text or a file are read and cross-checked: a source whose
    fine differs from the case's is a disagreement (exit 1). A folder of plain-text reports is
    read as the sources of one decision and reported with their consensus. With --format, FILE
    is a dataset: exit 1 when a record's fine is above its static cap (needs a turnover, or
    exceeds); unreadable records are reported, not fatal.
    """
    if fmt is not None:
        from gdprfine.cli.batch import check_dataset, parse_columns

        if fine or len(casefiles or []) != 1:
            fail("--format: give exactly one dataset FILE")
        raise typer.Exit(
            check_dataset(
                (casefiles or [])[0],
                fmt,
                columns=parse_columns(column),
                locale=locale,
                currency=currency,
                delimiter=delimiter,
                regime_id=regime_id,
                as_json=as_json,
                as_jsonl=as_jsonl,
                largest=largest,
            )
        )
    if as_jsonl or column:
        fail("--jsonl and --column need --format")
    if casefiles and fine:
        fail("give case files or --fine, not both")
    if not casefiles and not fine:
        fail("give case files, or --fine with --tier or --articles")
    if fine:
        with user_errors():
            _one_of(tier, articles)
            verdict = check_fine(
                parse_money(fine, "--fine"),
                tier=tier,
                articles=articles,
                turnover=parse_money(turnover, "--turnover") if turnover else None,
                undertaking=undertaking,
                regime_id=regime_id,
                on=parse_date(on, "--date"),
                financial_year=_fy(fy),
                fx_rule=fx,
            )
        if as_json:
            emit_json(verdict.json_dict())
        else:
            typer.echo(_human(verdict, f"fine {verdict.fine.format()}"))
        raise typer.Exit(_EXIT[verdict.verdict])

    code = 0
    results: list[dict[str, object]] = []
    for path in casefiles or []:
        try:
            if path.is_dir():
                folder_code, folder_result = _check_folder(path, as_json)
                results.append(folder_result)
                code = code if code == 2 else max(code, folder_code)
                continue
            case = load_case(path)
            verdict = check_case(case, fx_rule=fx)
            from gdprfine.sources import cross_check, read_case_sources

            report = (
                cross_check(read_case_sources(case.sources, path.parent), case.fine)
                if any(s.text is not None or s.file is not None for s in case.sources)
                else None
            )
        except GdprFineError as error:
            typer.echo(f"Error: {' '.join(str(error).split())}", err=True)
            results.append({"file": str(path), "error": str(error)})
            code = 2
            continue
        if code != 2:
            code = max(code, _EXIT[verdict.verdict])
            if report is not None and not report.agreement:
                code = 1
        if as_json:
            results.append(
                {
                    "file": str(path),
                    **verdict.json_dict(),
                    "sources": report.model_dump(mode="json") if report is not None else None,
                }
            )
        else:
            title = (
                f"{path}: {case.addressee} ({case.authority.name}, {case.authority.country}), "
                f"decided {case.decision_date.isoformat()}"
            )
            text = _human(verdict, title)
            if report is not None:
                head, _, trace = text.partition("\n  trace\n")
                text = "\n".join([head, *_sources_human(report, regime(case.regime)), "  trace", trace])
            typer.echo(text)
    if as_json:
        emit_json(results[0] if len(results) == 1 and "error" not in results[0] else results)
    raise typer.Exit(code)


@app.command()
def cap(
    tier: TierOption = None,
    articles: ArticlesOption = None,
    turnover: TurnoverOption = None,
    undertaking: UndertakingOption = True,
    regime_id: RegimeOption = "eu-gdpr",
    on: DateOption = None,
    fy: FyOption = None,
    fx: FxOption = None,
    as_json: JsonOption = False,
) -> None:
    """The legal maximum fine for a tier (or articles) and a turnover."""
    _one_of(tier, articles)
    with user_errors():
        report = cap_report(
            tier=tier,
            articles=articles,
            turnover=parse_money(turnover, "--turnover") if turnover else None,
            undertaking=undertaking,
            regime_id=regime_id,
            on=parse_date(on, "--date"),
            financial_year=_fy(fy),
            fx_rule=fx,
        )
    if as_json:
        emit_json(report.json_dict())
        return
    result = report.cap
    rate = report.turnover_exchange_rate
    bound = "at least " if result.lower_bound else ""
    typer.echo(f"Art. {result.tier} ({result.regime}): {bound}{result.amount.format()} ({result.limb} limb)")
    typer.echo(f"  static amount   {result.static.format()}")
    typer.echo(f"  turnover share  {percent(result.turnover_share)}")
    if rate is not None and report.turnover is not None:
        typer.echo(f"  turnover        {report.turnover.format()} at {rate.describe()}")
    if result.turnover_based is not None:
        typer.echo(f"  share x turnover {result.turnover_based.format()}")
    elif result.lower_bound:
        typer.echo("  turnover unknown: for an undertaking the cap is at least the static amount")
    if not result.undertaking:
        typer.echo("  not an undertaking: static amount only")
    typer.echo(f"  in force from   {report.valid_from.isoformat()}  [{result.reference}]")
    if report.note:
        typer.echo(f"  note            {report.note}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of a case file."""
    emit_json(case_schema())
