"""``gdprfine cases``: the bundled reference cases, each checked against its Art. 83 cap."""

from __future__ import annotations

from typing import Annotated

import typer

from gdprfine.cases import CaseRecord
from gdprfine.check import Verdict, check_case
from gdprfine.cli._app import app, emit_json, user_errors

__all__ = ["cases"]

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


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(_COLUMNS, *rows, strict=True)]
    lines = []
    for cells in (_COLUMNS, *rows):
        padded = [
            cell.rjust(width) if name in _RIGHT else cell.ljust(width)
            for name, cell, width in zip(_COLUMNS, cells, widths, strict=True)
        ]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


@app.command()
def cases(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Also print each case's full check (needs, warnings, trace), and exit 1 if a "
            "reference fine exceeds its cap.",
        ),
    ] = False,
) -> None:
    """List the bundled reference cases, each checked against its Art. 83 cap.

    Most reference cases record no turnover: their verdict is 'undetermined' and the check
    gives the least worldwide turnover under which the fine is within the cap. The listing
    exits 0; with --check it exits 1 if a fine exceeds its cap.
    """
    from gdprfine.reference import reference_cases

    with user_errors():
        checked = [(case, check_case(case)) for case in reference_cases()]
    exceeds = any(verdict.verdict == "exceeds" for _, verdict in checked)
    if as_json:
        emit_json(
            [{**case.model_dump(mode="json"), "check": verdict.json_dict()} for case, verdict in checked]
        )
    else:
        typer.echo(_table([_row(case, verdict) for case, verdict in checked]))
        undetermined = sum(verdict.verdict == "undetermined" for _, verdict in checked)
        typer.echo(
            f"\n{len(checked)} reference cases, {undetermined} undetermined: a fine is within its "
            "cap if the undertaking's worldwide annual turnover is at least the implied minimum "
            "(most reference cases record no turnover)."
        )
        if full:
            from gdprfine.cli.core import _human

            for case, verdict in checked:
                title = (
                    f"\n{case.id}: {case.addressee} ({case.authority.name}, "
                    f"{case.authority.country}), decided {case.decision_date.isoformat()}"
                )
                typer.echo(_human(verdict, title))
    raise typer.Exit(1 if full and exceeds else 0)
