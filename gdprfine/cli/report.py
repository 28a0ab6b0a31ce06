"""``gdprfine report``: one self-contained HTML page of fines against their caps, for a dataset
(``--format``) or case files, written to ``-o FILE``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from gdprfine.cli._app import (
    FxOption,
    RegimeOption,
    command,
    fail,
    output_failed,
    parse_columns,
    regime_given,
    user_errors,
)

if TYPE_CHECKING:
    from gdprfine.datasets import Format

__all__ = ["report"]


@command("report")
def report(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(help="A dataset FILE (with --format), or case files.", show_default=False),
    ],
    output: Annotated[
        str,
        typer.Option(
            "-o",
            "--output",
            help="The HTML file to write ('-' for standard output).",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help="Read FILE as a dataset: cms, privacyaffairs, gdprhub, csv or jsonl."
        ),
    ] = None,
    locale: Annotated[
        str,
        typer.Option(
            "--locale",
            help="The language amounts are shown in (and, with --format csv|jsonl, read in).",
        ),
    ] = "en",
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column", help="With --format csv|jsonl: FIELD=COLUMN, as for `gdprfine check`."
        ),
    ] = None,
    currency: Annotated[
        str,
        typer.Option("--currency", help="With --format csv|jsonl: the currency of bare numbers."),
    ] = "EUR",
    delimiter: Annotated[
        str,
        typer.Option("--delimiter", help="With --format csv: the cell separator (\\t for tabs)."),
    ] = ",",
    encoding: Annotated[
        str, typer.Option("--encoding", help="With --format: the file's text encoding.")
    ] = "utf-8",
    largest: Annotated[
        int, typer.Option("--largest", help="With --format: how many of the largest fines to show.")
    ] = 20,
    regime_id: RegimeOption = "eu-gdpr",
    fx: FxOption = None,
    sources_root: Annotated[
        Path | None,
        typer.Option(
            "--sources-root",
            help="For case files: the folder their source files must lie in.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write one self-contained HTML report (no network, no script) of fines against their
    Art. 83 caps: for a dataset (--format), each fine against the turnover it implies, totals
    and counts by country, year, tier and cited article, the largest fines, outcomes and flags;
    for case files, each fine, cap and limb on one scale, the sources and the trace.

    Needs the optional extra: pip install 'gdprfine[report]'. Exit codes: 0 written; 2 bad
    input or the extra missing; 4 the file cannot be written.
    """
    from gdprfine import report as reports
    from gdprfine.law import regime

    if largest < 0:
        fail(f"--largest: {largest}: must not be negative")
    with user_errors():
        reports.require()
        if fmt is not None:
            if len(files) != 1:
                fail("--format: give exactly one dataset FILE")
            if sources_root is not None:
                fail("--sources-root is for case files")
            page = reports.dataset_report(
                files[0], cast("Format", fmt), locale=locale, columns=parse_columns(column), currency=currency,
                delimiter="\t" if delimiter in ("\\t", "tab") else delimiter, encoding=encoding,
                law=regime(regime_id) if regime_given(ctx) else None, fx_rule=fx, largest=largest,
            )  # fmt: skip
        else:
            if column or encoding != "utf-8":
                fail("--column and --encoding need --format")
            page = reports.case_files_report(
                files, locale=locale, fx_rule=fx, sources_root=sources_root
            )
    _write(page, output)


def _write(page: str, output: str) -> None:
    """Write the page; a file that cannot be written is an output error (exit code 4)."""
    if output == "-":
        sys.stdout.write(page)
        return
    data = page.encode("utf-8")
    target = Path(output)
    opened = False
    try:
        with target.open("wb") as stream:
            opened = True
            stream.write(data)
    except OSError as error:
        if opened and target.is_file() and not target.is_symlink():  # the partial page, never a device
            target.unlink(missing_ok=True)
        output_failed(f"-o: {output!r}: {error.strerror or error}")
    typer.echo(f"{output}: {len(data):,} bytes")
