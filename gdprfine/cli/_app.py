"""The typer application and what its commands share: options, one-line errors, JSON output."""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from datetime import date
from functools import partial
from gettext import gettext
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn, TypeVar

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort, TyperException

from gdprfine.errors import GdprFineError, OutputError

if TYPE_CHECKING:
    from pydantic import BaseModel
    from typer._click import Command

    from gdprfine.dates import FinancialYear
    from gdprfine.money import Money

FxRuleChoice = Literal["mean", "year-end", "decision-date"]
"""The rules of ``--fx``: :data:`gdprfine.fx.FxRule`'s values, named here so that starting the
command line does not load the rates module (a test keeps the two equal)."""

__all__ = [
    "COMMANDS",
    "COMMAND_ORDER",
    "EXIT_CODES",
    "EXIT_IO",
    "PLUGINS_SETTING",
    "ArticlesOption",
    "BriefOption",
    "CountryOption",
    "DateOption",
    "FaultOption",
    "FxOption",
    "FxRuleChoice",
    "FyOption",
    "JsonOption",
    "LocaleOption",
    "PublicBodyOption",
    "RegimeOption",
    "TierOption",
    "TurnoverOfOption",
    "TurnoverOption",
    "UndertakingOption",
    "app",
    "ascii_only",
    "check_locale",
    "command",
    "emit_json",
    "fail",
    "joined_articles",
    "one_tier_or_articles",
    "output_failed",
    "parse_columns",
    "parse_date",
    "parse_financial_year",
    "parse_money",
    "refuse",
    "refuse_unused",
    "regime_given",
    "user_errors",
    "whose_turnover",
]


EXIT_IO = 4
"""The exit code of an output error: a full disk, a closed pipe, a stream that fails."""


def _utf8(stream: Any) -> bool:
    return "utf" in str(getattr(stream, "encoding", "") or "").lower().replace("-", "")


def _whole_writes() -> None:
    """Unbuffered standard output (``PYTHONUNBUFFERED``, ``python -u``) goes through a buffer
    again, flushed at every line: its text layer writes straight to the raw file, which may take
    a large write only in part (a reader that closes the pipe meanwhile), and drops the rest with
    no error. A buffer writes the rest, so a closed pipe raises."""
    stream = sys.stdout
    if not isinstance(getattr(stream, "buffer", None), io.RawIOBase):
        return
    try:
        raw = io.FileIO(stream.fileno(), "w", closefd=False)
    except (OSError, ValueError):
        return
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=stream.encoding, errors=stream.errors,
        line_buffering=True, write_through=True,
    )  # fmt: skip


def _safe_streams() -> None:
    """Text that the terminal's encoding cannot hold is written as escapes, never a crash."""
    _whole_writes()
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


COMMANDS: dict[str, str] = {
    "check": "Check fines against their Art. 83 caps: case files, news texts, --fine or a dataset.",
    "cap": "The legal maximum fine for a tier, articles, or every tier, and a turnover.",
    "estimate": "The likely range of a fine (EDPB 04/2022 and others), every step shown.",
    "cases": "The bundled reference cases, each checked against its Art. 83 cap.",
    "reconcile": "Match the records of two tracker exports; report agreements and disagreements.",
    "report": "Write an offline HTML report of fines against their caps (a dataset or case files).",
    "convert": "Convert an amount at a stated ECB or explicit rate, naming the rate and its source.",
    "schema": "Print the JSON Schema of a case file (TOML or JSON).",
}
"""Every command and its line in the help, in the order listed: the everyday ones first. The
command ``NAME`` is defined in the module ``gdprfine.cli.NAME``, which is imported (and the
command's options built) only when the command is run or its help is asked for: starting one
command costs only that command."""

COMMAND_ORDER = tuple(COMMANDS)
"""The order the commands are listed in."""

_F = TypeVar("_F", bound=Callable[..., Any])
_DEFINED = typer.Typer()
"""Where the command modules define their commands (not the app: the app builds a command
from its definition only when it is used)."""


def command(name: str) -> Callable[[_F], _F]:
    """Define the command *name* of :data:`COMMANDS` (with its short help from there)."""
    return _DEFINED.command(name, short_help=COMMANDS[name])


def _build(name: str) -> Command:
    """The click command *name*, built from its definition in ``gdprfine.cli.NAME``."""
    import_module(f"gdprfine.cli.{name}")
    info = next(info for info in _DEFINED.registered_commands if info.name == name)
    built = typer.main.get_command_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )
    _refuse_empty_values(built)
    return built


def _refuse_empty_values(built: Command) -> None:
    """An option or argument given as empty text (``--fine ''``, ``--tier ''``, a file ``''``) is
    an error naming it, checked before the value is converted: taken as absent, it would
    silently change what is done (every tier listed), and as a path it would be the current
    folder."""
    for param in built.params:
        name = param.opts[0] if param.opts and param.opts[0].startswith("-") else str(param.name).upper()
        param.process_value = partial(_not_empty, param.process_value, name)  # type: ignore[method-assign]


def _not_empty(process: Callable[[Any, Any], Any], name: str, ctx: Any, value: Any) -> Any:
    for item in value if isinstance(value, list | tuple) else (value,):
        if isinstance(item, str) and not item.strip():
            fail(f"{name}: {item!r}: empty")
    return process(ctx, value)


class _Commands(MutableMapping[str, "Command"]):
    """The app's commands by name: every name of :data:`COMMANDS` is listed, and a command is
    built the first time it is looked up."""

    def __init__(self, given: Mapping[str, Command]) -> None:
        self._built: dict[str, Command] = dict(given)
        self._names = list(dict.fromkeys([*COMMANDS, *given]))

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, value: Command) -> None:
        self._built[name] = value
        if name not in self._names:
            self._names.append(name)

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def listed(self, name: str) -> Command:
        """The command *name* as the help lists it: the command when built, else its name and
        short help alone."""
        if name in self._built or name not in COMMANDS:
            return self[name]
        return TyperCommand(name=name, short_help=COMMANDS[name], callback=None)


EXIT_CODES = (
    "Exit codes: 0 within the cap; 1 a fine exceeds its cap, or sources disagree; 3 "
    "undetermined (data missing, see 'needs'); 2 bad input or usage; 4 the output could not be "
    "written. Several fines (files, a folder, a dataset): 1 if any exceeds, else 3 if any is "
    "undetermined, else 0."
)


PLUGINS_SETTING = "PYDANTIC_DISABLE_PLUGINS"
"""The environment variable by which pydantic turns its plugins off (``__all__``: all)."""


@contextmanager
def _pydantic_plugins_off() -> Iterator[None]:
    """Run a command with pydantic's plugins off, as typer builds its own option adapters,
    unless the caller's environment sets :data:`PLUGINS_SETTING` (to anything, the empty text
    included, which turns none off): pydantic's first model otherwise scans the entry points of
    every installed distribution, about 20 M instructions of the start-up. The setting is
    restored afterwards; models a command builds meanwhile (gdprfine's modules are loaded when
    a command first needs them) keep validating without plugins in that process."""
    if PLUGINS_SETTING in os.environ:
        yield
        return
    os.environ[PLUGINS_SETTING] = "__all__"
    try:
        yield
    finally:
        os.environ.pop(PLUGINS_SETTING, None)


class _OneLineErrors(TyperGroup):
    """Report usage errors as one ``Error: ...`` line on stderr, exit code 2; an output error
    (full disk, closed pipe) as one line and exit code 4. A bare ``gdprfine`` prints the help.
    Its commands are built when used (:data:`COMMANDS`)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(
            self.commands,
            key=lambda n: (COMMAND_ORDER.index(n) if n in COMMAND_ORDER else 99, n),
        )

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands with their short help, as typer does, building none of them."""
        listed = self.commands.listed if isinstance(self.commands, _Commands) else self.commands.get
        commands = [(name, listed(name)) for name in self.list_commands(ctx)]
        shown = [(name, cmd) for name, cmd in commands if cmd is not None and not cmd.hidden]
        if shown:
            limit = formatter.width - 6 - max(len(name) for name, _ in shown)
            rows = [(name, cmd.get_short_help_str(limit)) for name, cmd in shown]
            with formatter.section(gettext("Commands")):
                formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as error:
            raise _OutputFailed(error) from error

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Long: the one place where click's exceptions become one line and an exit code."""
        kwargs["standalone_mode"] = False
        _safe_streams()
        try:
            with _pydantic_plugins_off():
                result = super().main(*args, **kwargs)
            sys.stdout.flush()
        except TyperException as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # a bare command: its help, in full
                context = getattr(error, "ctx", None)
                typer.echo(context.get_help() if context is not None else error.format_message())
                sys.exit(0)
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
        "Check GDPR fines against Article 83: legal maximums, case records, news reports and "
        f"cited, traced verdicts.\n\n{EXIT_CODES}"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
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


def output_failed(message: str) -> NoReturn:
    """Print one ``Error: output: ...`` line on stderr and exit with code 4: a file output (``-o``,
    ``--sqlite``) that cannot be written."""
    typer.echo(f"Error: output: {' '.join(message.split())}", err=True)
    raise typer.Exit(EXIT_IO)


def refuse(error: GdprFineError) -> NoReturn:
    """End on one of gdprfine's errors: an output that cannot be written with exit code 4,
    anything else (bad input, unknown law) with exit code 2."""
    if isinstance(error, OutputError):
        output_failed(str(error))
    fail(str(error))


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn gdprfine's errors into one line and an exit code (:func:`refuse`)."""
    try:
        yield
    except GdprFineError as error:
        refuse(error)


def ascii_only() -> bool:
    """Whether JSON must escape non-ASCII text: when standard output cannot encode UTF-8."""
    return not _utf8(sys.stdout)


def emit_json(data: BaseModel | Mapping[str, Any]) -> None:
    """Print a JSON document on stdout: ``schema_version`` first, then *data*, indented; UTF-8,
    or ASCII with ``\\u`` escapes when standard output cannot encode UTF-8."""
    from gdprfine.output import document, dumps

    typer.echo(dumps(document(data), ascii_only=ascii_only()))


def one_tier_or_articles(tier: str | None, articles: Sequence[str] | str | None) -> None:
    """Refuse ``--tier`` with ``--articles``, or neither (one line, exit code 2)."""
    if tier and articles:
        fail("--tier and --articles: give one, not both")
    if not tier and not articles:
        fail("give --tier (83(4), 83(5), 83(6)) or --articles")


def joined_articles(articles: Sequence[str] | None) -> str | None:
    """Several ``--articles`` options read as one list (all of them count, none is dropped)."""
    texts = [text.strip() for text in articles or [] if text.strip()]
    if articles and not texts:
        fail("--articles: empty")
    return ", ".join(texts) if texts else None


def refuse_unused(mode: str, **given: object) -> None:
    """Refuse options that do not apply to *mode*: an option that would be ignored is an error."""
    unused = [
        f"--{name.replace('_', '-')}"
        for name, value in given.items()
        if value not in (None, False, [], ())
    ]
    if unused:
        fail(f"{', '.join(unused)}: not used {mode}")


def parse_date(text: str | None, field: str) -> date | None:
    """Read an ISO date (YYYY-MM-DD) from an option; None stays None."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return fail(f"{field}: {text!r}: not a date (YYYY-MM-DD)")


def parse_money(text: str, field: str, locale: str | None = None) -> Money:
    """Read an amount as people type or paste it (``746000000 EUR``, ``EUR 1.5m``,
    ``"1,2 Mio. Euro"``, a bare number in EUR), in *locale* when given; an ambiguous one is
    refused, saying how to write it."""
    from gdprfine.amounts import read_amount

    with user_errors():
        return read_amount(text, locale=locale, field=field)
    raise AssertionError("unreachable")


def parse_financial_year(text: str | None, field: str = "--fy") -> FinancialYear | None:
    """Read a calendar year (``2020``) or ``START..END`` from an option; None stays None."""
    from gdprfine.dates import FinancialYear

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


def parse_columns(items: list[str] | None, option: str = "--column") -> dict[str, str]:
    """Read repeated ``FIELD=COLUMN`` options (a dataset's column mapping) into a mapping; a
    field given twice is an error."""
    columns: dict[str, str] = {}
    for item in items or []:
        key, sep, column = item.partition("=")
        if not sep or not key.strip() or not column.strip():
            fail(f"{option}: {item!r}: expected FIELD=COLUMN, e.g. fine=Amount")
        key, column = key.strip(), column.strip()
        if key in columns:
            fail(f"{option}: {item!r}: the field {key!r} is mapped twice ({columns[key]!r} and {column!r}); give it once")
        columns[key] = column
    return columns


def regime_given(ctx: typer.Context) -> bool:
    """Whether --regime was given on the command line; if not, a dataset's records are each
    judged under the regime of their authority and date (the UK GDPR for a UK authority's
    decision from 2021-01-01, the EU GDPR otherwise)."""
    source = ctx.get_parameter_source("regime_id")
    return source is not None and source.name != "DEFAULT"


def check_locale(locale: str | None) -> str | None:
    """A ``--locale`` that babel knows (``de``, ``fr``, ``nl``, ``pt_BR``), or None."""
    if locale is None:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        fail(f"--locale: {locale!r}: not a known locale (de, fr, nl, pl, en, ...)")
    return locale.replace("-", "_")


def whose_turnover(turnover: str | None, turnover_of: str | None, undertaking: bool | None) -> None:
    """Warn on stderr when a turnover is given without saying whose: the cap uses the group's."""
    if turnover and undertaking is not False and turnover_of is None:
        typer.echo(
            "Warning: --turnover: whose turnover is it? The cap of an undertaking uses the "
            "worldwide turnover of the whole group (CJEU C-807/21 Deutsche Wohnen); say "
            "--turnover-of group, or --turnover-of entity.",
            err=True,
        )


TierOption = Annotated[str | None, typer.Option("--tier", help="The tier: 83(4), 83(5) or 83(6).")]
ArticlesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--articles",
        help='Infringed articles instead of a tier, e.g. "Art. 6(1), Art. 13" (repeat the '
        "option to add more; all count, the gravest tier applies).",
    ),
]
TurnoverOption = Annotated[
    str | None,
    typer.Option(
        "--turnover",
        help="Worldwide annual turnover of the undertaking: the whole group's, not the "
        "addressee's alone (CJEU C-807/21 Deutsche Wohnen, 5 Dec 2023), e.g. '500000000 EUR'; "
        "in another currency, give --fy or --fx decision-date. Say whose with --turnover-of.",
    ),
]
TurnoverOfOption = Annotated[
    Literal["group", "entity"] | None,
    typer.Option(
        "--turnover-of",
        help="Whose --turnover it is: group (the undertaking, as Art. 83 means it) or entity "
        "(the addressee alone: a warning, the cap may be higher). Without it, a warning asks.",
    ),
]
UndertakingOption = Annotated[
    bool | None,
    typer.Option(
        "--undertaking/--no-undertaking",
        help="--no-undertaking: a natural person or body with no turnover (static cap only). "
        "Default: an undertaking, except a --public-body.",
        show_default=False,
    ),
]
PublicBodyOption = Annotated[
    bool,
    typer.Option(
        "--public-body",
        help="The addressee is a public authority or body: the Art. 83(7) rule of --country "
        "applies (no fines, a national maximum, or none recorded).",
    ),
]
CountryOption = Annotated[
    str | None,
    typer.Option(
        "--country",
        metavar="CC",
        help="The deciding authority's country (ISO 3166-1, such as DE), for --public-body.",
    ),
]
FaultOption = Annotated[
    str | None,
    typer.Option(
        "--fault",
        metavar="FAULT",
        help="What the decision found: intentional, negligent, or none (then no fine may be "
        "imposed, CJEU C-807/21).",
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
BriefOption = Annotated[
    bool, typer.Option("--brief", help="One line per fine: verdict, fine, cap, shares.")
]
LocaleOption = Annotated[
    str | None,
    typer.Option(
        "--locale",
        help="Your language (de, fr, nl, pl, ...): amounts you type are read in it, and "
        "amounts, percentages and dates are printed as it writes them (JSON is not affected).",
    ),
]
FyOption = Annotated[
    str | None,
    typer.Option(
        "--fy",
        help="Financial year of --turnover: a calendar year (2020) or START..END "
        "(2019-07-01..2020-06-30).",
    ),
]
FxOption = Annotated[
    FxRuleChoice | None,
    typer.Option(
        "--fx",
        help="Convert a turnover in another currency with the bundled ECB rates: mean "
        "(of the financial year, the default), year-end, or decision-date (needs --date).",
    ),
]
