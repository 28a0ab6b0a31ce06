"""``gdprfine cap``: the legal maximum for a tier (or articles) and a turnover."""

from __future__ import annotations

import typer

from gdprfine.cli._app import (
    ArticlesOption,
    DateOption,
    FxOption,
    FyOption,
    JsonOption,
    RegimeOption,
    TierOption,
    TurnoverOption,
    UndertakingOption,
    app,
    emit_json,
    one_tier_or_articles,
    parse_date,
    parse_financial_year,
    parse_money,
    user_errors,
)

__all__ = ["cap"]


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
    from gdprfine.check import cap_report
    from gdprfine.cli.render import render_cap

    one_tier_or_articles(tier, articles)
    with user_errors():
        report = cap_report(
            tier=tier,
            articles=articles,
            turnover=parse_money(turnover, "--turnover") if turnover else None,
            undertaking=undertaking,
            regime_id=regime_id,
            on=parse_date(on, "--date"),
            financial_year=parse_financial_year(fy),
            fx_rule=fx,
        )
    if as_json:
        emit_json(report)
    else:
        typer.echo(render_cap(report))
