"""The typer application and what its commands share: one-line errors, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, TyperException

from gdprfine.errors import GdprFineError
from gdprfine.money import Money

__all__ = ["app", "emit_json", "fail", "parse_date", "parse_money", "user_errors"]


class _OneLineErrors(TyperGroup):
    """Report usage errors as one ``Error: ...`` line on stderr, exit code 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except TyperException as error:
            message = " ".join(error.format_message().split())
            typer.echo(f"Error: {message}", err=True)
            sys.exit(2)
        except Abort:
            typer.echo("Error: aborted", err=True)
            sys.exit(2)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name="gdprfine",
    cls=_OneLineErrors,
    help=(
        "Check GDPR fines against Article 83: legal maximums, case records and cited, traced "
        "verdicts. Exit codes: 0 every fine within its cap; 1 a fine exceeds its cap, a verdict "
        "is undetermined, or sources disagree; 2 bad input or usage."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from gdprfine import __version__

        typer.echo(f"gdprfine {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_print_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """The options that come before a command (the help text is the application's)."""


def fail(message: str) -> NoReturn:
    """Print one ``Error: ...`` line on stderr and exit with code 2."""
    typer.echo(f"Error: {' '.join(message.split())}", err=True)
    raise typer.Exit(2)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn gdprfine's errors (bad input, unknown law) into one line and exit code 2."""
    try:
        yield
    except GdprFineError as error:
        fail(str(error))


def emit_json(data: Any) -> None:
    """Print *data* as JSON on stdout (UTF-8, indented)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def parse_date(text: str | None, field: str) -> date | None:
    """Read an ISO date (YYYY-MM-DD) from an option; None stays None."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return fail(f"{field}: {text!r}: not a date (YYYY-MM-DD)")


def parse_money(text: str, field: str) -> Money:
    """Read ``746000000 EUR``, ``EUR 746000000`` or a bare number (EUR) from an option."""
    with user_errors():
        return Money.parse(text, field=field)
    raise AssertionError("unreachable")
