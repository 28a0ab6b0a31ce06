"""``gdprfine cases``: the bundled reference cases, each checked against its Art. 83 cap."""

from __future__ import annotations

from typing import Annotated

import typer

from gdprfine.cli._app import (
    JsonOption,
    LocaleOption,
    check_locale,
    command,
    emit_json,
    user_errors,
)

__all__ = ["cases"]


@command("cases")
def cases(
    as_json: JsonOption = False,
    full: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Also print each case's full check (needs, warnings, trace), and exit 1 if a "
            "reference fine exceeds its cap.",
        ),
    ] = False,
    locale: LocaleOption = None,
) -> None:
    """List the bundled reference cases, each checked against its Art. 83 cap.

    Most reference cases record no turnover: their verdict is 'undetermined' and the check
    gives the least worldwide turnover under which the fine is within the cap. The listing
    exits 0; with --check it exits 1 if a fine exceeds its cap.
    """
    from gdprfine.cli.render import Display, render_cases, render_verdict

    display = Display(check_locale(locale))
    from gdprfine.reference import checked_reference_cases

    with user_errors():
        checked = checked_reference_cases()
    if as_json:
        emit_json({"cases": [{**case.model_dump(mode="json"), "check": verdict} for case, verdict in checked]})
    else:
        typer.echo(render_cases(checked, display))
        if full:
            for case, verdict in checked:
                title = (
                    f"\n{case.id}: {case.addressee} ({case.authority.name}, "
                    f"{case.authority.country}), decided {display.day(case.decision_date)}"
                )
                typer.echo(render_verdict(verdict, title, display=display))
    exceeds = any(verdict.verdict == "exceeds" for _, verdict in checked)
    raise typer.Exit(1 if full and exceeds else 0)
