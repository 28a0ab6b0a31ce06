"""``gdprfine check``: case files, folders of source texts, one ``--fine``, or a whole dataset
(``--format``). Each mode asks one library function and prints what it returns."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

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
    ascii_only,
    emit_json,
    fail,
    one_tier_or_articles,
    parse_date,
    parse_financial_year,
    parse_money,
    user_errors,
)
from gdprfine.errors import GdprFineError
from gdprfine.fx import FxRule

__all__ = ["check"]

_EXIT = {"within": 0, "exceeds": 1, "undetermined": 1}
_PROGRESS_EVERY = 4096
_PROGRESS_MIN_BYTES = 1_000_000


@app.command(short_help='Check fines against their Art. 83 caps: case files, texts, --fine or a dataset.')
def check(
    ctx: typer.Context,
    casefiles: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Case files (.toml or .json), or folders of plain-text reports.",
            show_default=False,
        ),
    ] = None,
    fine: Annotated[
        str | None,
        typer.Option("--fine", help="A fine to check instead of case files, e.g. '746000000 EUR'."),
    ] = None,
    tier: TierOption = None,
    articles: ArticlesOption = None,
    turnover: TurnoverOption = None,
    undertaking: UndertakingOption = True,
    regime_id: RegimeOption = "eu-gdpr",
    on: DateOption = None,
    fy: FyOption = None,
    fx: FxOption = None,
    as_json: JsonOption = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Read FILE as a dataset: cms, privacyaffairs, gdprhub, csv or jsonl; "
            "one verdict per record and a summary.",
        ),
    ] = None,
    as_jsonl: Annotated[
        bool, typer.Option("--jsonl", help="With --format: print one JSON verdict per record.")
    ] = False,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            help="With --format csv|jsonl: FIELD=COLUMN, e.g. fine=Amount, articles=Articles, "
            "date=Date, country=Country, authority=DPA, currency=Cur, controller, sector, type, "
            "id, undertaking (repeat the option).",
        ),
    ] = None,
    locale: Annotated[
        str, typer.Option("--locale", help="With --format csv|jsonl: the language amounts are written in.")
    ] = "en",
    currency: Annotated[
        str, typer.Option("--currency", help="With --format csv|jsonl: the currency of bare numbers.")
    ] = "EUR",
    delimiter: Annotated[
        str, typer.Option("--delimiter", help="With --format csv: the cell separator (\\t for tabs).")
    ] = ",",
    largest: Annotated[
        int, typer.Option("--largest", help="With --format: how many of the largest fines to list.")
    ] = 10,
    encoding: Annotated[
        str,
        typer.Option("--encoding", help="With --format: the file's text encoding, e.g. cp1252, latin-1, utf-16."),
    ] = "utf-8",
    sources_root: Annotated[
        Path | None,
        typer.Option(
            "--sources-root",
            help="The folder a case's source files must lie in (default: the case file's folder).",
            show_default=False,
        ),
    ] = None,
    as_csv: CsvOption = False,
    sqlite: SqliteOption = None,
    country: CountryFilter = None,
    year: YearFilter = None,
    outcome: OutcomeFilter = None,
    flag: FlagFilter = None,
    no_check: NoCheckOption = None,
) -> None:
    """Check fines against their Art. 83 cap: case files, folders of source texts, one --fine,
    or a whole dataset (--format).

    A case's sources that carry a text or a file are read and cross-checked: a source whose
    fine differs from the case's is a disagreement (exit 1). A folder of plain-text reports is
    read as the sources of one decision and reported with their consensus. With --format, FILE
    is a dataset: exit 1 when a record's fine exceeds its cap or its verdict is undetermined;
    unreadable records are reported, not fatal, but a dataset of which no record could be read
    exits 2.
    """
    outputs = _batch_outputs(fmt, as_csv, sqlite, country, year, tier, outcome, flag, no_check)
    outputs.regime_forced = _regime_forced(ctx)
    if fmt is not None:
        if fine or len(casefiles or []) != 1:
            fail("--format: give exactly one dataset FILE")
        dataset = _Dataset(fmt, _columns(column), locale, currency, delimiter, regime_id, largest, encoding)
        dataset.outputs = outputs
        raise typer.Exit(dataset.run((casefiles or [])[0], as_json=as_json, as_jsonl=as_jsonl))
    if as_jsonl or column:
        fail("--jsonl and --column need --format")
    if encoding != "utf-8":
        fail("--encoding needs --format (case files and source texts are UTF-8)")
    if sources_root is not None and (fine or not casefiles):
        fail("--sources-root is for case files")
    if casefiles and fine:
        fail("give case files or --fine, not both")
    if not casefiles and not fine:
        fail("give case files, or --fine with --tier or --articles")
    if fine:
        raise typer.Exit(
            _check_fine(fine, tier, articles, turnover, undertaking, regime_id, on, fy, fx, as_json)
        )
    raise typer.Exit(_check_files(casefiles or [], fx, as_json, sources_root))


def _check_fine(
    fine: str,
    tier: str | None,
    articles: str | None,
    turnover: str | None,
    undertaking: bool,
    regime_id: str,
    on: str | None,
    fy: str | None,
    fx: FxRule | None,
    as_json: bool,
) -> int:
    from gdprfine.check import check_fine
    from gdprfine.cli.render import render_verdict

    one_tier_or_articles(tier, articles)
    with user_errors():
        verdict = check_fine(
            parse_money(fine, "--fine"),
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
        emit_json(verdict)
    else:
        typer.echo(render_verdict(verdict, f"fine {verdict.fine.format()}"))
    return _EXIT[verdict.verdict]


def _check_files(paths: list[Path], fx: FxRule | None, as_json: bool, sources_root: Path | None) -> int:
    """Check each case file or folder; a bad one is reported and the others still run."""
    from gdprfine.cli.render import render_folder, render_verdict
    from gdprfine.files import check_case_file, check_folder
    from gdprfine.law import regime

    code = 0
    results: list[dict[str, Any]] = []
    for path in paths:
        try:
            if path.is_dir():
                count, report = check_folder(path)
                if not as_json:
                    typer.echo(render_folder(str(path), count, report, regime()))
                results.append({"folder": str(path), "sources": report.model_dump(mode="json")})
                code = code if code == 2 else max(code, 0 if report.agreement else 1)
                continue
            case, verdict, sources = check_case_file(path, fx_rule=fx, sources_root=sources_root)
        except GdprFineError as error:
            typer.echo(f"Error: {' '.join(str(error).split())}", err=True)
            results.append({"file": str(path), "error": str(error)})
            code = 2
            continue
        if code != 2:
            code = max(code, _EXIT[verdict.verdict], 0 if sources is None or sources.agreement else 1)
        if as_json:
            results.append({"file": str(path), **verdict.json_dict(), "sources": sources})
        else:
            title = (
                f"{path}: {case.addressee} ({case.authority.name}, {case.authority.country}), "
                f"decided {case.decision_date.isoformat()}"
            )
            typer.echo(render_verdict(verdict, title, sources=sources, law=regime(case.regime)))
    if as_json:
        emit_json(results[0] if len(results) == 1 and "error" not in results[0] else {"results": results})
    return code


def _columns(items: list[str] | None) -> dict[str, str]:
    """Read ``--column FIELD=COLUMN`` options into a mapping."""
    columns: dict[str, str] = {}
    for item in items or []:
        key, sep, column = item.partition("=")
        if not sep or not key.strip() or not column.strip():
            fail(f"--column: {item!r}: expected FIELD=COLUMN, e.g. fine=Amount")
        columns[key.strip()] = column.strip()
    return columns


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
            fail(f"--encoding: {encoding!r}: not a known encoding (utf-8, cp1252, latin-1, utf-16, ...)")
        self.fmt, self.columns, self.locale = fmt, columns, locale
        self.currency, self.delimiter, self.regime_id, self.largest = currency, delimiter, regime_id, largest
        self.encoding = encoding
        self.outputs = _BatchOutputs()

    def run(self, path: Path, *, as_json: bool, as_jsonl: bool) -> int:
        """Check every record of the dataset at *path*; print the result; return the exit code."""
        from gdprfine.batch import BatchSummary, check_dataset
        from gdprfine.cli.render import render_summary
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
        try:
            with open_dataset(path, self.encoding) as handle, _progress(handle, path) as progress, outputs.open(out) as emit:
                verdicts = check_dataset(
                    handle, self.fmt, columns=self.columns, locale=self.locale,
                    currency=self.currency, delimiter=self.delimiter,
                    law=law if outputs.regime_forced else None, checks=outputs.checks,
                )  # fmt: skip
                for verdict in verdicts:
                    data = verdict.json_dict() if outputs.per_record or as_jsonl else None
                    if data is not None and not outputs.keep(data):
                        continue
                    summary.add(verdict)
                    if as_jsonl and data is not None:
                        out.write(dumps_line(data, ascii_only=escape))
                        out.write("\n")
                    if data is not None:
                        emit(data)
                    if progress is not None and summary.records % _PROGRESS_EVERY == 0:
                        progress(summary.records)
        except GdprFineError as error:
            fail(str(error))
        code = 1 if summary.outcomes["exceeds"] or summary.outcomes["undetermined"] else 0
        if summary.records and summary.outcomes["unreadable"] == summary.records:
            code = 2
        if as_jsonl or outputs.csv:
            out.flush()
        elif as_json:
            emit_json(
                {"file": str(path), "format": self.fmt, "regime": self.regime_id, **summary.json_dict()}
            )
        else:
            typer.echo(render_summary(summary, f"{path} ({self.fmt}, {self.regime_id})"))
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
    from gdprfine.batch import FLAGS, OUTCOMES
    from gdprfine.datasets.export import RecordFilter
    from gdprfine.datasets.plausibility import plausibility_config

    if fmt is None:
        if as_csv or sqlite or countries or years or outcomes or flags or no_check:
            fail("--csv, --sqlite, --country, --year, --outcome, --flag and --no-check need --format")
        return _BatchOutputs()
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
    keep = RecordFilter(
        countries=frozenset(c.strip().upper() for c in countries or []), years=frozenset(years or []),
        tiers=frozenset([tier] if tier else []), outcomes=frozenset(outcomes or []), flags=frozenset(flags or []),
    )  # fmt: skip
    return _BatchOutputs(as_csv, sqlite, keep if keep else None, checks)


def _regime_forced(ctx: typer.Context) -> bool:
    """Whether --regime was given on the command line (else each record's regime is chosen:
    the UK GDPR for a UK authority's decision from 2021-01-01, the EU GDPR otherwise)."""
    source = ctx.get_parameter_source("regime_id")
    return source is not None and source.name != "DEFAULT"


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
