"""``gdprfine check``: case files, news reports (a text file, a folder of them, standard input),
one ``--fine``, or a whole dataset (``--format``). Each mode asks one library function and
prints what it returns; the dataset options are declared apart, with ``--format``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from gdprfine.cli._app import (
    ArticlesOption,
    BriefOption,
    DateOption,
    FaultOption,
    FxOption,
    FxRuleChoice,
    FyOption,
    JsonOption,
    LocaleOption,
    PublicBodyOption,
    RegimeOption,
    TierOption,
    TurnoverOfOption,
    TurnoverOption,
    UndertakingOption,
    ascii_only,
    check_locale,
    command,
    emit_json,
    fail,
    joined_articles,
    one_tier_or_articles,
    parse_columns,
    parse_date,
    parse_financial_year,
    parse_money,
    refuse_unused,
    regime_given,
    user_errors,
    whose_turnover,
)
from gdprfine.errors import GdprFineError

if TYPE_CHECKING:
    from gdprfine.check import TurnoverOf
    from gdprfine.cli.render import Display

__all__ = ["check"]

_EXIT = {"within": 0, "exceeds": 1, "undetermined": 3}
_SEVERITY = (0, 3, 1, 2)
_PROGRESS_EVERY = 4096
_PROGRESS_MIN_BYTES = 1_000_000
_CASE_SUFFIXES = (".toml", ".json")


def _worst(*codes: int) -> int:
    """The exit code of several results: 2 (bad input) over 1 (exceeds, sources disagree) over
    3 (undetermined) over 0 (within)."""
    return max(codes, key=_SEVERITY.index, default=0)


# The options of a dataset run (--format), declared once here so that each stays with --format.
_Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="Read FILE as a dataset: cms, privacyaffairs, gdprhub, csv or jsonl; "
        "one verdict per record and a summary.",
    ),
]
_Jsonl = Annotated[
    bool, typer.Option("--jsonl", help="With --format: print one JSON verdict per record.")
]
_Column = Annotated[
    list[str] | None,
    typer.Option(
        "--column",
        help="With --format csv|jsonl: FIELD=COLUMN, e.g. fine=Amount, articles=Articles, "
        "date=Date, country=Country, authority=DPA, currency=Cur, controller, sector, type, "
        "id, undertaking, turnover (repeat the option).",
    ),
]
_Currency = Annotated[
    str | None,
    typer.Option("--currency", help="With --format csv|jsonl: the currency of bare numbers (EUR)."),
]
_Delimiter = Annotated[
    str | None,
    typer.Option(
        "--delimiter", help="With --format csv: the cell separator (\\t for tabs; default ,)."
    ),
]
_Largest = Annotated[
    int | None,
    typer.Option("--largest", help="With --format: how many of the largest fines to list (10)."),
]
_Encoding = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="With --format: the file's text encoding (utf-8), e.g. cp1252, latin-1, utf-16.",
    ),
]
_SourcesRoot = Annotated[
    Path | None,
    typer.Option(
        "--sources-root",
        help="The folder a case's source files must lie in (default: the case file's folder).",
        show_default=False,
    ),
]
_Fine = Annotated[
    str | None,
    typer.Option(
        "--fine",
        help="A fine to check instead of files, as you would paste it: '746000000 EUR', "
        "'EUR 1.5m', '1,2 Mio. Euro' (with --locale, or when it can mean only one amount).",
    ),
]
_Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Case files (.toml or .json); news reports as plain text (a .txt file, a folder "
        "of them, or - for standard input); or, with --format, one dataset.",
        show_default=False,
    ),
]


@command("check")
def check(
    ctx: typer.Context,
    paths: _Paths = None,
    fine: _Fine = None,
    tier: TierOption = None,
    articles: ArticlesOption = None,
    turnover: TurnoverOption = None,
    turnover_of: TurnoverOfOption = None,
    undertaking: UndertakingOption = None,
    public_body: PublicBodyOption = False,
    country: CountryFilter = None,
    fault: FaultOption = None,
    regime_id: RegimeOption = "eu-gdpr",
    on: DateOption = None,
    fy: FyOption = None,
    fx: FxOption = None,
    as_json: JsonOption = False,
    brief: BriefOption = False,
    locale: LocaleOption = None,
    fmt: _Format = None,
    as_jsonl: _Jsonl = False,
    column: _Column = None,
    currency: _Currency = None,
    delimiter: _Delimiter = None,
    largest: _Largest = None,
    encoding: _Encoding = None,
    sources_root: _SourcesRoot = None,
    as_csv: CsvOption = False,
    sqlite: SqliteOption = None,
    year: YearFilter = None,
    outcome: OutcomeFilter = None,
    flag: FlagFilter = None,
    no_check: NoCheckOption = None,
) -> None:
    """Check fines against their Art. 83 cap: case files, news reports, one --fine, or a whole
    dataset (--format).

    A case's sources that carry a text or a file are read and cross-checked: a source whose
    fine differs from the case's is a disagreement (exit 1). News reports (a .txt file, a
    folder of them, or - for standard input, in any supported language) are read as the
    sources of one decision; with --tier or --articles (and --turnover) the fine they state is
    checked. An option that does not apply to what is checked is an error. With --format,
    --locale is also the language the dataset's amounts are written in (default en).
    """
    loc = check_locale(locale)
    judging = _Judging(
        tier, joined_articles(articles), turnover, turnover_of, undertaking, regime_id, on, fy, fx
    )
    outputs = _batch_outputs(fmt, as_csv, sqlite, country, year, tier, outcome, flag, no_check)
    outputs.regime_forced = regime_given(ctx)
    if fmt is None and country is not None and len(country) > 1:
        fail("--country: give one country (the deciding authority's), or use --format to filter a dataset")
    judging.public_body, judging.fault = public_body, fault
    judging.country = country[0] if country and fmt is None else None
    if fmt is not None:
        dataset = _dataset_options(
            fmt, paths, fine, judging, brief, sources_root,
            column=column, locale=loc, currency=currency, delimiter=delimiter, largest=largest, encoding=encoding,
        )  # fmt: skip
        dataset.outputs = outputs
        raise typer.Exit(
            dataset.run((paths or [])[0], as_json=as_json, as_jsonl=as_jsonl, locale=loc)
        )
    if as_jsonl or column:
        fail("--jsonl and --column need --format")
    if encoding is not None:
        fail("--encoding needs --format (case files and source texts are UTF-8)")
    refuse_unused("without --format", currency=currency, delimiter=delimiter, largest=largest)
    if as_json and brief:
        fail("--json and --brief: give one, not both")
    if sources_root is not None and (fine or not paths):
        fail("--sources-root is for case files")
    if paths and fine:
        fail("give case files or --fine, not both")
    if not paths and not fine:
        fail(
            "give case files, news reports (a .txt file, a folder, or -), or --fine with --tier or --articles"
        )
    from gdprfine.cli.render import Display

    display = Display(loc)
    if fine:
        raise typer.Exit(_check_fine(fine, judging, loc, as_json, brief, display))
    raise typer.Exit(_check_paths(paths or [], judging, as_json, brief, sources_root, display))


class _Judging:
    """The options that say how to judge a fine: a tier or articles, a turnover, a date, rates."""

    def __init__(
        self,
        tier: str | None,
        articles: str | None,
        turnover: str | None,
        turnover_of: TurnoverOf | None,
        undertaking: bool | None,
        regime_id: str,
        on: str | None,
        fy: str | None,
        fx: FxRuleChoice | None,
    ) -> None:
        self.tier, self.articles, self.turnover, self.turnover_of = (
            tier,
            articles,
            turnover,
            turnover_of,
        )
        self.undertaking, self.regime_id, self.on, self.fy, self.fx = (
            undertaking,
            regime_id,
            on,
            fy,
            fx,
        )
        self.public_body: bool = False
        self.country: str | None = None
        self.fault: str | None = None

    def given(self) -> dict[str, object]:
        """The options given, by name (their defaults left out), for refusing unused ones."""
        return {
            "tier": self.tier, "articles": self.articles, "turnover": self.turnover,
            "turnover_of": self.turnover_of, "undertaking": self.undertaking is True,
            "no_undertaking": self.undertaking is False,
            "date": self.on, "fy": self.fy, "public_body": self.public_body,
            "country": self.country, "fault": self.fault,
        }  # fmt: skip

    def arguments(self, locale: str | None) -> dict[str, Any]:
        """The keyword arguments of the library's checks, read from the options."""
        return {
            "tier": self.tier,
            "articles": self.articles,
            "turnover": parse_money(self.turnover, "--turnover", locale) if self.turnover else None,
            "undertaking": self.undertaking,
            "regime_id": self.regime_id,
            "on": parse_date(self.on, "--date"),
            "financial_year": parse_financial_year(self.fy),
            "fx_rule": self.fx,
            "turnover_of": self.turnover_of,
            "public_body": self.public_body,
            "country": self.country,
            "fault": self.fault,
        }


def _check_fine(
    fine: str, judging: _Judging, locale: str | None, as_json: bool, brief: bool, display: Display
) -> int:
    from gdprfine.check import check_fine
    from gdprfine.cli.render import render_brief, render_verdict

    one_tier_or_articles(judging.tier, judging.articles)
    amount = parse_money(fine, "--fine", locale)
    with user_errors():
        verdict = check_fine(amount, **judging.arguments(locale))
    whose_turnover(judging.turnover, judging.turnover_of, judging.undertaking)
    if as_json:
        emit_json(verdict)
    elif brief:
        typer.echo(render_brief(verdict, "--fine", display))
    else:
        typer.echo(render_verdict(verdict, f"fine {display.money(verdict.fine)}", display=display))
    return _EXIT[verdict.verdict]


def _is_case_file(path: Path) -> bool:
    return path.suffix.lower() in _CASE_SUFFIXES


def _check_paths(
    paths: list[Path],
    judging: _Judging,
    as_json: bool,
    brief: bool,
    sources_root: Path | None,
    display: Display,
) -> int:
    """Check each case file, or each set of news reports; a bad one is reported and the others
    still run."""
    cases = [path for path in paths if _is_case_file(path)]
    if cases:
        refuse_unused("with a case file (the case file gives them)", **judging.given())
    if len(cases) < len(paths) and sources_root is not None:
        fail("--sources-root is for case files")
    if [str(path) for path in paths].count("-") > 1:
        fail("-: standard input can be read once")
    arguments = judging.arguments(display.locale) if len(cases) < len(paths) else {}
    codes: list[int] = []
    results: list[dict[str, Any]] = []
    for path in paths:
        try:
            if _is_case_file(path):
                code, result = _case_file(path, judging.fx, as_json, brief, sources_root, display)
            else:
                code, result = _reports(path, arguments, as_json, brief, display)
        except GdprFineError as error:
            typer.echo(f"Error: {' '.join(str(error).split())}", err=True)
            results.append({"file": str(path), "error": str(error)})
            codes.append(2)
            continue
        codes.append(code)
        results.append(result)
    if as_json:
        emit_json(
            results[0] if len(results) == 1 and "error" not in results[0] else {"results": results}
        )
    if arguments and 2 not in codes:
        whose_turnover(judging.turnover, judging.turnover_of, judging.undertaking)
    return _worst(*codes)


def _case_file(
    path: Path,
    fx: FxRuleChoice | None,
    as_json: bool,
    brief: bool,
    sources_root: Path | None,
    display: Display,
) -> tuple[int, dict[str, Any]]:
    from gdprfine.cli.render import render_brief, render_verdict
    from gdprfine.files import check_case_file
    from gdprfine.law import regime

    case, verdict, sources = check_case_file(path, fx_rule=fx, sources_root=sources_root)
    agree = sources is None or sources.agreement
    code = _worst(_EXIT[verdict.verdict], 0 if agree else 1)
    if brief:
        typer.echo(render_brief(verdict, str(path), display) + ("" if agree else ", sources disagree (see it without --brief)"))
    elif not as_json:
        title = (
            f"{path}: {case.addressee} ({case.authority.name}, {case.authority.country}), "
            f"decided {display.day(case.decision_date)}"
        )
        typer.echo(
            render_verdict(
                verdict, title, sources=sources, law=regime(case.regime), display=display
            )
        )
    return code, {"file": str(path), **verdict.json_dict(), "sources": sources}


def _reports(
    path: Path, arguments: dict[str, Any], as_json: bool, brief: bool, display: Display
) -> tuple[int, dict[str, Any]]:
    from gdprfine.cli.render import render_brief, render_reports
    from gdprfine.files import check_reports
    from gdprfine.law import regime

    if str(path) == "-":
        result = check_reports(text=_stdin_text(), **arguments)
    else:
        result = check_reports(path, **arguments)
    stated = any(source.fine is not None for source in result.sources.sources)
    code = 0 if result.sources.agreement else (1 if stated else 3)
    if result.verdict is not None:
        code = _worst(code, _EXIT[result.verdict.verdict])
    elif result.needs:
        code = _worst(code, 3)
    if brief and result.verdict is not None:
        typer.echo(render_brief(result.verdict, result.name, display))
    elif brief:
        consensus = result.sources.consensus
        typer.echo(
            f"{result.name}: {display.money(consensus) if consensus else 'no fine agreed on'}"
        )
    elif not as_json:
        typer.echo(render_reports(result, regime(arguments.get("regime_id", "eu-gdpr")), display))
    key = "folder" if path.is_dir() else "file"
    return code, {key: str(path), **result.json_dict()}


def _stdin_text() -> str:
    """Standard input as text, at most one character past the limit (the library refuses it)."""
    from gdprfine.amounts import MAX_TEXT_LENGTH

    try:
        return sys.stdin.read(MAX_TEXT_LENGTH + 1)
    except UnicodeDecodeError as error:
        fail(f"-: standard input is not UTF-8 text ({error.reason} at byte {error.start})")


def _dataset_options(
    fmt: str,
    paths: list[Path] | None,
    fine: str | None,
    judging: _Judging,
    brief: bool,
    sources_root: Path | None,
    *,
    column: list[str] | None,
    locale: str | None,
    currency: str | None,
    delimiter: str | None,
    largest: int | None,
    encoding: str | None,
) -> _Dataset:
    """The options of a dataset run; the options that judge one fine do not apply to it."""
    if fine or len(paths or []) != 1:
        fail("--format: give exactly one dataset FILE")
    given = {
        **judging.given(),
        "tier": None,  # with --format, --tier filters the records
        "regime": None,
        "brief": brief,
        "sources_root": sources_root,
        "fx": judging.fx,
    }
    refuse_unused("with --format (each record gives its own)", **given)
    return _Dataset(
        fmt, parse_columns(column), locale or "en", currency or "EUR", delimiter or ",",
        judging.regime_id, 10 if largest is None else largest, encoding or "utf-8",
    )  # fmt: skip


class _Dataset:
    """``check --format``: the options of a dataset run, and the run."""

    def __init__(
        self,
        fmt: str,
        columns: dict[str, str],
        locale: str,
        currency: str,
        delimiter: str,
        regime_id: str,
        largest: int,
        encoding: str,
    ) -> None:
        import codecs

        from gdprfine.datasets import FORMATS

        if fmt not in FORMATS:
            fail(f"--format: {fmt!r}: one of {', '.join(FORMATS)}")
        if delimiter in ("\\t", "tab"):
            delimiter = "\t"
        if len(delimiter) != 1:
            fail(f"--delimiter: {delimiter!r}: one character (or \\t)")
        if largest < 0:
            fail(f"--largest: {largest}: must not be negative")
        try:
            codecs.lookup(encoding)
        except LookupError:
            fail(
                f"--encoding: {encoding!r}: not a known encoding (utf-8, cp1252, latin-1, utf-16, ...)"
            )
        self.fmt, self.columns, self.locale = fmt, columns, locale
        self.currency, self.delimiter, self.regime_id, self.largest = (
            currency,
            delimiter,
            regime_id,
            largest,
        )
        self.encoding = encoding
        self.outputs = _BatchOutputs()

    def run(self, path: Path, *, as_json: bool, as_jsonl: bool, locale: str | None = None) -> int:
        """Check every record of the dataset at *path*; print the result; return the exit code.

        Long: one pass streams every output (JSON Lines, CSV, SQLite, the summary) as the
        records are read; split, the parts would pass the same open outputs around.
        """
        from gdprfine.batch import BatchSummary, check_dataset
        from gdprfine.cli.render import Display, render_summary
        from gdprfine.datasets import open_dataset
        from gdprfine.law import regime
        from gdprfine.output import dumps_line

        outputs = self.outputs
        if as_json and as_jsonl:
            fail("--json and --jsonl: give one, not both")
        if outputs.csv and (as_json or as_jsonl):
            fail("--csv with --json or --jsonl: give one, not both")
        with user_errors():
            law = regime(self.regime_id)
        summary = BatchSummary(currency=law.currency, largest=self.largest)
        out, escape = sys.stdout, ascii_only()
        with user_errors(), open_dataset(path, self.encoding) as handle, _progress(handle, path) as progress, outputs.open(out) as emit:
            verdicts = check_dataset(
                handle, self.fmt, columns=self.columns, locale=self.locale,
                currency=self.currency, delimiter=self.delimiter,
                law=law if outputs.regime_forced else None, checks=outputs.checks,
            )  # fmt: skip
            for verdict in verdicts:
                data = verdict.json_dict() if outputs.per_record else None
                if data is not None and not outputs.keep(data):
                    continue
                summary.add(verdict)
                if as_jsonl:
                    line = (
                        verdict.json_line(ascii_only=escape)
                        if data is None
                        else dumps_line(data, ascii_only=escape, ready=True)
                    )
                    out.write(line + "\n")
                if data is not None:
                    emit(data)
                if progress is not None and summary.records % _PROGRESS_EVERY == 0:
                    progress(summary.records)
        code = _worst(
            1 if summary.outcomes["exceeds"] else 0, 3 if summary.outcomes["undetermined"] else 0
        )
        if summary.records and summary.outcomes["unreadable"] == summary.records:
            code = 2
        if as_jsonl or outputs.csv:
            out.flush()
        elif as_json:
            emit_json(
                {
                    "file": str(path),
                    "format": self.fmt,
                    "regime": self.regime_id,
                    **summary.json_dict(),
                }
            )
        else:
            typer.echo(
                render_summary(summary, f"{path} ({self.fmt}, {self.regime_id})", Display(locale))
            )
        if code == 2:
            reason = next(iter(_ordered_reasons(summary)), "")
            typer.echo(
                f"Error: file: {str(path)!r}: no record could be read ({summary.records} records, "
                f"all unreadable{'; ' + reason if reason else ''})",
                err=True,
            )
        return code


# ---------------------------------------------------------------------------------------------
# Dataset outputs and filters (--csv, --sqlite, --country, --year, --tier, --outcome, --flag,
# --no-check)

CsvOption = Annotated[
    bool, typer.Option("--csv", help="With --format: print one CSV row per record (the --jsonl fields, flattened).")
]
SqliteOption = Annotated[
    Path | None,
    typer.Option(
        "--sqlite", help="With --format: write the records and their flags into a new SQLite FILE (opens in Datasette).",
        show_default=False,
    ),
]
CountryFilter = Annotated[
    list[str] | None, typer.Option("--country", help="With --format: only records of this country (ISO code; repeat).")
]
YearFilter = Annotated[
    list[str] | None, typer.Option("--year", help="With --format: only records decided in this year (repeat).")
]
OutcomeFilter = Annotated[
    list[str] | None,
    typer.Option("--outcome", help="With --format: only records with this outcome, e.g. exceeds, no-fine (repeat)."),
]
FlagFilter = Annotated[
    list[str] | None, typer.Option("--flag", help="With --format: only records carrying this flag (repeat).")
]
NoCheckOption = Annotated[
    list[str] | None,
    typer.Option(
        "--no-check",
        help="With --format: switch a plausibility check off, e.g. summary-disagrees, or 'all' (repeat).",
    ),
]


class _BatchOutputs:
    """What a dataset run writes besides its summary, and which records it keeps."""

    def __init__(
        self, csv: bool = False, sqlite: Path | None = None, keep: Any = None, checks: Any = None
    ) -> None:
        self.csv, self.sqlite, self.checks = csv, sqlite, checks
        self._filter = keep
        self.per_record = bool(csv or sqlite or keep)
        self.regime_forced = True

    def keep(self, data: dict[str, object]) -> bool:
        return self._filter is None or bool(self._filter.matches(data))

    @contextmanager
    def open(self, out: IO[str]) -> Iterator[Any]:
        """A function that writes one record's JSON object to every chosen output."""
        from gdprfine.batch import FLAGS
        from gdprfine.datasets.export import CsvWriter, SqliteWriter

        writers: list[Any] = [CsvWriter(out)] if self.csv else []
        if self.sqlite is None:
            yield lambda data: [writer.write(data) for writer in writers]
            return
        with SqliteWriter(self.sqlite, FLAGS) as database:
            writers.append(database)
            yield lambda data: [writer.write(data) for writer in writers]


def _batch_outputs(
    fmt: str | None,
    as_csv: bool,
    sqlite: Path | None,
    countries: list[str] | None,
    years: list[str] | None,
    tier: str | None,
    outcomes: list[str] | None,
    flags: list[str] | None,
    no_check: list[str] | None,
) -> _BatchOutputs:
    """Check the dataset output and filter options, and gather them."""
    if fmt is None:
        if as_csv or sqlite or years or outcomes or flags or no_check:
            fail("--csv, --sqlite, --year, --outcome, --flag and --no-check need --format")
        return _BatchOutputs()
    from gdprfine.batch import FLAGS, OUTCOMES
    from gdprfine.countries import read_code
    from gdprfine.datasets.export import RecordFilter
    from gdprfine.datasets.plausibility import plausibility_config
    from gdprfine.law import normalize_tier_id

    for name, values, known in (("--outcome", outcomes, OUTCOMES), ("--flag", flags, tuple(FLAGS))):
        for value in values or []:
            if value not in known:
                fail(f"{name}: {value!r}: one of {', '.join(known)}")
    for value in years or []:
        if not (len(value) == 4 and value.isdigit()):
            fail(f"--year: {value!r}: a year such as 2021")
    if sqlite is not None and sqlite.exists():
        fail(f"--sqlite: {str(sqlite)!r}: the file exists: give a new file")
    with user_errors():
        checks = plausibility_config(no_check or ())
        # Read as the judge reads a tier and a country, so that a filter never matches nothing
        # for a value the judge would refuse.
        codes = frozenset(read_code(value) for value in countries or [])
        tiers = frozenset([normalize_tier_id(tier)] if tier is not None else [])
    keep = RecordFilter(
        countries=codes, years=frozenset(years or []), tiers=tiers, outcomes=frozenset(outcomes or []),
        flags=frozenset(flags or []),
    )  # fmt: skip
    return _BatchOutputs(as_csv, sqlite, keep if keep else None, checks)


def _ordered_reasons(summary: Any) -> list[str]:
    """The reasons records were not judged, the most frequent first, each on one line."""
    reasons = summary.json_dict()["reasons"]
    return [" ".join(str(reason).split())[:200] for reason in reasons]


@contextmanager
def _progress(handle: IO[str], path: Path) -> Iterator[Any]:
    """A progress bar on stderr for a long file when stderr is a terminal; else nothing."""
    size = path.stat().st_size if path.is_file() else 0
    if not sys.stderr.isatty() or size < _PROGRESS_MIN_BYTES:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[records]} records"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(path.name, total=size, records=0)
        buffer = getattr(handle, "buffer", None)

        def update(records: int) -> None:
            position = buffer.tell() if buffer is not None else 0
            progress.update(task, completed=position, records=f"{records:,}")

        yield update
