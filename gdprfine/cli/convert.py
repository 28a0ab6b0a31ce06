"""``gdprfine convert``: an amount into another currency at a stated ECB or explicit rate."""

from __future__ import annotations

from typing import Annotated

import typer

from gdprfine.cli._app import (
    LocaleOption,
    check_locale,
    command,
    emit_json,
    fail,
    parse_date,
    parse_money,
    user_errors,
)

__all__ = ["convert"]


@command("convert")
def convert(
    amount: Annotated[str, typer.Argument(help="The amount, e.g. '386064000000 USD'.")],
    to: Annotated[str, typer.Option("--to", help="The target currency, e.g. EUR.")],
    on: Annotated[
        str | None,
        typer.Option("--on", help="ECB fixing on this date (YYYY-MM-DD; else the last earlier one)."),
    ] = None,
    mean_over: Annotated[
        int | None,
        typer.Option("--mean-over", help="Mean of the ECB daily fixings of this calendar year."),
    ] = None,
    rate: Annotated[
        str | None,
        typer.Option("--rate", help="An explicit rate: units of --to per one unit of the amount's currency."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    locale: LocaleOption = None,
) -> None:
    """Convert an amount at a stated rule, and say which rate, dates and source were used."""
    from gdprfine import fx
    from gdprfine.cli.render import Display, render_conversion
    from gdprfine.dates import FinancialYear

    loc = check_locale(locale)

    if sum(x is not None for x in (on, mean_over, rate)) != 1:
        fail("give exactly one of --on DATE, --mean-over YEAR, --rate R")
    with user_errors():
        money = parse_money(amount, "AMOUNT", loc)
        day = parse_date(on, "--on")
        year = FinancialYear.calendar(mean_over) if mean_over is not None else None
        result = fx.convert(money, to, on=day, mean_over=year, rate=rate)
    if as_json:
        emit_json(result)
    else:
        typer.echo(render_conversion(result, Display(loc)))
