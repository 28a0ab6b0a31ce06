"""The typer application and what its commands share: options, one-line errors, JSON output."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, NoReturn

import typer
from pydantic import BaseModel
from typer.core import TyperGroup
from typer.exceptions import Abort, TyperException

from gdprfine.dates import FinancialYear
from gdprfine.errors import GdprFineError
from gdprfine.fx import FxRule
from gdprfine.money import Money
from gdprfine.output import document, dumps

__all__ = [
    "EXIT_IO",
    "ArticlesOption",
    "DateOption",
    "FxOption",
    "FyOption",
    "JsonOption",
    "RegimeOption",
    "TierOption",
    "TurnoverOption",
    "UndertakingOption",
    "app",
    "ascii_only",
    "emit_json",
    "fail",
    "one_tier_or_articles",
    "parse_date",
    "parse_financial_year",
    "parse_money",
    "user_errors",
]


EXIT_IO = 4
"""The exit code of an output error: a full disk, a closed pipe, a stream that fails."""


def _utf8(stream: Any) -> bool:
    return "utf" in str(getattr(stream, "encoding", "") or "").lower().replace("-", "")


def _safe_streams() -> None:
    """Text that the terminal's encoding cannot hold is written as escapes, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        if not _utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


_OUTPUT_ERRNOS = frozenset(
    {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF}
)


def _io_failure(error: OSError) -> NoReturn:
    if error.errno not in _OUTPUT_ERRNOS and error.filename is not None:
        typer.echo(f"Error: {error.filename}: {error.strerror or error}", err=True)
        sys.exit(2)
    if isinstance(error, BrokenPipeError):
        reason = "the reader closed the pipe"
    else:
        reason = error.strerror or str(error)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    try:
        sys.stderr.write(f"Error: output: {reason}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(EXIT_IO)


class _OutputFailed(Exception):
    """An OSError raised while a command ran, carried past click (which would turn a closed
    pipe into a silent exit code 1)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _OneLineErrors(TyperGroup):
    """Report usage errors as one ``Error: ...`` line on stderr, exit code 2; an output error
    (full disk, closed pipe) as one line and exit code 4."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as error:
            raise _OutputFailed(error) from error

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        _safe_streams()
        try:
            result = super().main(*args, **kwargs)
            sys.stdout.flush()
        except TyperException as error:
            message = " ".join(error.format_message().split())
            typer.echo(f"Error: {message}", err=True)
            sys.exit(2)
        except Abort:
            typer.echo("Error: aborted", err=True)
            sys.exit(2)
        except _OutputFailed as failed:
            _io_failure(failed.error)
        except OSError as error:
            _io_failure(error)
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


def ascii_only() -> bool:
    """Whether JSON must escape non-ASCII text: when standard output cannot encode UTF-8."""
    return not _utf8(sys.stdout)


def emit_json(data: BaseModel | Mapping[str, Any]) -> None:
    """Print a JSON document on stdout: ``schema_version`` first, then *data*, indented; UTF-8,
    or ASCII with ``\\u`` escapes when standard output cannot encode UTF-8."""
    typer.echo(dumps(document(data), ascii_only=ascii_only()))


def one_tier_or_articles(tier: str | None, articles: str | None) -> None:
    """Refuse ``--tier`` with ``--articles``, or neither (one line, exit code 2)."""
    if tier and articles:
        fail("--tier and --articles: give one, not both")
    if not tier and not articles:
        fail("give --tier (83(4), 83(5), 83(6)) or --articles")


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


def parse_financial_year(text: str | None, field: str = "--fy") -> FinancialYear | None:
    """Read a calendar year (``2020``) or ``START..END`` from an option; None stays None."""
    if text is None:
        return None
    start, sep, end = text.partition("..")
    data: object = {"start": start.strip(), "end": end.strip()} if sep else text.strip()
    with user_errors():
        try:
            return FinancialYear.read(data)
        except GdprFineError as error:
            fail(f"{field}: {text!r}: {error.message}")
    raise AssertionError("unreachable")


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
        help="Worldwide annual turnover of the undertaking (the group: C-807/21), e.g. "
        "'500000000 EUR'; in another currency, give --fy or --fx decision-date.",
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
