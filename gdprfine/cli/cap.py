"""``gdprfine cap``: the legal maximum for a tier (or articles) and a turnover, or every tier's
side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from gdprfine.cli._app import (
    ArticlesOption,
    CountryOption,
    DateOption,
    FxOption,
    FyOption,
    JsonOption,
    LocaleOption,
    PublicBodyOption,
    TierOption,
    TurnoverOfOption,
    TurnoverOption,
    UndertakingOption,
    check_locale,
    command,
    emit_json,
    fail,
    joined_articles,
    parse_date,
    parse_financial_year,
    parse_money,
    user_errors,
    whose_turnover,
)

__all__ = ["cap"]

_Regime = Annotated[
    str,
    typer.Option("--regime", help="The fining regime: eu-gdpr, uk-gdpr, or all (side by side)."),
]


@command("cap")
def cap(
    tier: TierOption = None,
    articles: ArticlesOption = None,
    turnover: TurnoverOption = None,
    turnover_of: TurnoverOfOption = None,
    undertaking: UndertakingOption = None,
    public_body: PublicBodyOption = False,
    country: CountryOption = None,
    regime_id: _Regime = "eu-gdpr",
    on: DateOption = None,
    fy: FyOption = None,
    fx: FxOption = None,
    as_json: JsonOption = False,
    locale: LocaleOption = None,
) -> None:
    """The legal maximum fine for a tier (or articles) and a turnover; with neither a tier nor
    articles, every tier of the regime side by side (--regime all: of both regimes).

    The turnover is the undertaking's, i.e. the whole group's worldwide annual turnover
    (CJEU C-807/21 Deutsche Wohnen).
    """
    from gdprfine.check import cap_report, cap_table
    from gdprfine.cli.render import Display, render_cap, render_cap_table

    loc = check_locale(locale)
    listed = joined_articles(articles)
    if tier and listed:
        fail("--tier and --articles: give one, not both")
    with user_errors():
        options = {
            "turnover": parse_money(turnover, "--turnover", loc) if turnover else None,
            "undertaking": undertaking,
            "on": parse_date(on, "--date"),
            "financial_year": parse_financial_year(fy),
            "fx_rule": fx,
            "turnover_of": turnover_of,
        }
        if not tier and not listed:
            if public_body or country:
                fail("--public-body: give --tier or --articles (a national maximum is by tier)")
            table = cap_table(regime_ids=regime_id, **options)  # type: ignore[arg-type]
            whose_turnover(turnover, turnover_of, undertaking)
            if as_json:
                emit_json(table)
            else:
                typer.echo(render_cap_table(table, Display(loc)))
            return
        if regime_id == "all":
            fail("--regime all: for every tier side by side; leave out --tier and --articles")
        report = cap_report(
            tier=tier, articles=listed, regime_id=regime_id, public_body=public_body,
            country=country, **options,  # type: ignore[arg-type]
        )  # fmt: skip
    whose_turnover(turnover, turnover_of, undertaking)
    if as_json:
        emit_json(report)
    else:
        typer.echo(render_cap(report, Display(loc)))
