"""``gdprfine reconcile``: match the records of two tracker exports and report where they
differ. One library call (:func:`gdprfine.reconcile.reconcile`); this module reads the
options and prints what it returns."""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

import typer

from gdprfine.cli._app import JsonOption, ascii_only, command, emit_json, fail, parse_columns
from gdprfine.errors import GdprFineError
from gdprfine.output import dumps_line

__all__ = ["reconcile"]

_FORMAT_HELP = "auto (recognise a CMS, Privacy Affairs or GDPRhub export), cms, privacyaffairs, gdprhub, csv or jsonl."
_COLUMN_HELP = "FIELD=COLUMN for a csv or jsonl export, e.g. fine=Amount (repeat the option)."


@command("reconcile")
def reconcile(
    file_a: Annotated[Path, typer.Argument(help="Export A.", metavar="A", show_default=False)],
    file_b: Annotated[Path, typer.Argument(help="Export B.", metavar="B", show_default=False)],
    format_a: Annotated[
        str, typer.Option("--format-a", help=f"Format of A: {_FORMAT_HELP}")
    ] = "auto",
    format_b: Annotated[
        str, typer.Option("--format-b", help=f"Format of B: {_FORMAT_HELP}")
    ] = "auto",
    column_a: Annotated[
        list[str] | None, typer.Option("--column-a", help=f"A's {_COLUMN_HELP}")
    ] = None,
    column_b: Annotated[
        list[str] | None, typer.Option("--column-b", help=f"B's {_COLUMN_HELP}")
    ] = None,
    locale: Annotated[
        str, typer.Option("--locale", help="csv/jsonl: the language amounts are written in.")
    ] = "en",
    currency: Annotated[
        str, typer.Option("--currency", help="csv/jsonl: the currency of bare numbers.")
    ] = "EUR",
    delimiter: Annotated[
        str, typer.Option("--delimiter", help="csv: the cell separator (\\t for tabs).")
    ] = ",",
    encoding: Annotated[
        str, typer.Option("--encoding", help="The files' text encoding.")
    ] = "utf-8",
    tolerance: Annotated[
        int,
        typer.Option(
            "--date-tolerance", help="The most days apart two dates of one decision may lie."
        ),
    ] = 31,
    min_score: Annotated[
        str, typer.Option("--min-score", help="The lowest score of a match, 0 to 1.")
    ] = "0.6",
    weights: Annotated[
        str | None,
        typer.Option(
            "--weights",
            help="The score's weights, summing to 1: amount=0.30,date=0.25,party=0.25,authority=0.05,source=0.15.",
            show_default=False,
        ),
    ] = None,
    candidates: Annotated[
        int,
        typer.Option(
            "--candidates", help="How many best candidates each record of the smaller export keeps."
        ),
    ] = 8,
    show: Annotated[
        int, typer.Option("--show", help="How many disagreements the text report lists.")
    ] = 20,
    as_json: JsonOption = False,
    as_jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Print one JSON line per match and unmatched record.")
    ] = False,
) -> None:
    """Match the records of the same decision in two tracker exports, A and B, and report the
    matches that agree, those that disagree (amount, currency, date or articles, with both
    values), and the records found only in A or only in B.

    Candidates share a country and lie within --date-tolerance days; the score weighs the
    amount, the date, the party's and the authority's names and a shared source link (each
    match shows its components); matches are one-to-one, greedy by score, at or above
    --min-score, and one chosen among equally scored candidates is marked ambiguous. Exit 1
    when a match disagrees, 0 otherwise, 2 for bad input.
    """
    from gdprfine.reconcile import Export, ReconcileOptions

    if as_json and as_jsonl:
        fail("--json and --jsonl: give one, not both")
    if show < 0:
        fail(f"--show: {show}: must not be negative")
    delimiter = "\t" if delimiter in ("\\t", "tab") else delimiter
    if len(delimiter) != 1:
        fail(f"--delimiter: {delimiter!r}: one character (or \\t)")
    try:
        options = ReconcileOptions(
            date_tolerance_days=tolerance, min_score=_decimal(min_score, "--min-score"),
            candidates=candidates, weights=_weights(weights),
        )  # fmt: skip
    except GdprFineError as error:
        fail(f"{error}")
    shared: dict[str, Any] = {
        "locale": locale,
        "currency": currency,
        "delimiter": delimiter,
        "encoding": encoding,
    }
    a = Export(file_a, format_a, parse_columns(column_a, "--column-a"), **shared)
    b = Export(file_b, format_b, parse_columns(column_b, "--column-b"), **shared)
    raise typer.Exit(_run(a, b, options, as_json=as_json, as_jsonl=as_jsonl, show=show))


def _decimal(text: str, option: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        fail(f"{option}: {text!r}: not a number")
    if not value.is_finite():
        fail(f"{option}: {text!r}: not a number")
    return value


def _weights(text: str | None) -> dict[str, Decimal]:
    from gdprfine.reconcile import DEFAULT_WEIGHTS

    if text is None:
        return dict(DEFAULT_WEIGHTS)
    found: dict[str, Decimal] = {}
    for item in text.split(","):
        name, sep, value = item.partition("=")
        if not sep or name.strip() not in DEFAULT_WEIGHTS:
            fail(
                f"--weights: {item!r}: expected NAME=WEIGHT, NAME one of {', '.join(DEFAULT_WEIGHTS)}"
            )
        found[name.strip()] = _decimal(value, "--weights")
    return found


def _run(a: Any, b: Any, options: Any, *, as_json: bool, as_jsonl: bool, show: int) -> int:
    """Reconcile, print the entries (JSONL) or the report (text, JSON); return the exit code."""
    from gdprfine.reconcile import ReconcileSummary, options_json, reconcile

    summary = ReconcileSummary()
    kept: list[dict[str, object]] = []
    shown: list[Any] = []
    out, escape = sys.stdout, ascii_only()
    try:
        for entry in reconcile(a, b, options):
            summary.add(entry)
            if as_jsonl:
                out.write(dumps_line(entry.json_dict(), ascii_only=escape) + "\n")
            elif as_json:
                kept.append(entry.json_dict())
            elif entry.kind == "disagreeing" and len(shown) < show:
                shown.append(entry)
    except GdprFineError as error:
        fail(str(error))
    formats = {
        "a": {"file": a.name, "format": a.format()},
        "b": {"file": b.name, "format": b.format()},
    }
    if as_json:
        emit_json(
            {**formats, "options": options_json(options), **summary.json_dict(), "entries": kept}
        )
    elif not as_jsonl:
        typer.echo(_render(summary, formats, options_json(options), shown))
    for side in ("a", "b"):
        if summary.records[side] and summary.unreadable[side] == summary.records[side]:
            typer.echo(
                f"Error: file: {formats[side]['file']!r}: no record could be read "
                f"({summary.records[side]} records, all unreadable)",
                err=True,
            )
            return 2
    return 1 if summary.disagreeing else 0


def _render(
    summary: Any, formats: dict[str, dict[str, str]], options: dict[str, Any], shown: list[Any]
) -> str:
    """The report for people: counts, the rule, and the first disagreements."""
    data = summary.json_dict()
    counts, records = data["counts"], data["records"]
    lines = [
        f"A: {formats['a']['file']} ({formats['a']['format']}, {records['a']} records)",
        f"B: {formats['b']['file']} ({formats['b']['format']}, {records['b']} records)",
        f"  agreed       {counts['agreed']:>7}",
        f"  disagreeing  {counts['disagreeing']:>7}",
        f"  only in A    {counts['only-a']:>7}",
        f"  only in B    {counts['only-b']:>7}",
    ]
    if data["ambiguous_matches"]:
        lines.append(
            f"  ambiguous    {data['ambiguous_matches']:>7}  (matches chosen among equally scored candidates)"
        )
    if data["differences_by_field"]:
        fields = ", ".join(
            f"{name} {count}" for name, count in data["differences_by_field"].items()
        )
        lines.append(f"  differences  {fields}")
    weights = ", ".join(f"{name} {weight}" for name, weight in options["weights"].items())
    lines.append(
        f"  rule         same country, dates within {options['date_tolerance_days']} days, score >= "
        f"{options['min_score']} (weights: {weights}); one-to-one, greedy by score"
    )
    if shown:
        more = counts["disagreeing"] - len(shown)
        lines.append(
            f"Disagreements{f' (first {len(shown)}; --json or --jsonl for all)' if more else ''}:"
        )
        lines.extend(_render_match(entry) for entry in shown)
    return "\n".join(lines)


def _render_match(entry: Any) -> str:
    a, b = entry.a, entry.b
    parts = ", ".join(f"{c.name} {c.value}x{c.weight}" for c in entry.components)
    tied = " ambiguous" if entry.ambiguous else ""
    head = (
        f"  {a.id or 'row ' + str(a.row)} ~ {b.id or 'row ' + str(b.row)}  score {entry.score}{tied} ({parts})\n"
        f"    {a.country or '?'}: {_cut(a.controller)} | {_cut(b.controller)}"
    )
    rows = []
    for difference in entry.differences:
        note = f"  ({difference.note})" if difference.note else ""
        rows.append(
            f"    {difference.field}: A {_value(difference.a)} | B {_value(difference.b)}{note}"
        )
    return "\n".join([head, *rows])


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    return value.format() if hasattr(value, "format") and not isinstance(value, str) else str(value)


def _cut(text: str | None, width: int = 50) -> str:
    flat = " ".join((text or "?").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
