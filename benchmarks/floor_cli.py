"""The floor of ``gdprfine cap``'s start-up: a typer app with the same options that does nothing.

``benchmarks/bench_speed.py`` times ``gdprfine cap --tier 83(5)`` against
``python benchmarks/floor_cli.py cap --tier 83(5)``: what typer costs to parse these options
is what no work in gdprfine can remove. ``python benchmarks/floor_cli.py --help`` is the floor
of ``gdprfine --help``: the app is set up as gdprfine's is (plain help text, not rich's, and
typer's own traceback printing off), so neither floor counts what gdprfine does not load.
"""

from __future__ import annotations

from typing import Annotated, Literal

import typer

app = typer.Typer(
    add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None
)


@app.command()
def cap(
    tier: Annotated[str | None, typer.Option("--tier")] = None,
    articles: Annotated[list[str] | None, typer.Option("--articles")] = None,
    turnover: Annotated[str | None, typer.Option("--turnover")] = None,
    turnover_of: Annotated[Literal["group", "entity"] | None, typer.Option("--turnover-of")] = None,
    undertaking: Annotated[bool | None, typer.Option("--undertaking/--no-undertaking")] = None,
    public_body: Annotated[bool, typer.Option("--public-body")] = False,
    country: Annotated[str | None, typer.Option("--country")] = None,
    regime_id: Annotated[str, typer.Option("--regime")] = "eu-gdpr",
    on: Annotated[str | None, typer.Option("--date")] = None,
    fy: Annotated[str | None, typer.Option("--fy")] = None,
    fx: Annotated[str | None, typer.Option("--fx")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    locale: Annotated[str | None, typer.Option("--locale")] = None,
) -> None:
    """Parse the options and do nothing."""


@app.command()
def other() -> None:
    """A second command, so that the app has subcommands as gdprfine has."""


if __name__ == "__main__":
    app()
