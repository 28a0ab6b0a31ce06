"""``gdprfine check --format FORMAT FILE``: check a whole dataset, streaming.

Used by :func:`gdprfine.cli.core.check`; imported only when a dataset is checked, so that
``gdprfine --help`` does not load the dataset readers or rich.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import typer

from gdprfine.batch import FLAGS, VERDICTS, BatchSummary, RecordVerdict, check_records
from gdprfine.cli._app import emit_json, fail
from gdprfine.datasets import FORMATS, DatasetRecord, open_dataset, read_dataset
from gdprfine.errors import GdprFineError
from gdprfine.law import regime
from gdprfine.money import Money

__all__ = ["check_dataset", "parse_columns"]

_PROGRESS_EVERY = 4096
_PROGRESS_MIN_BYTES = 1_000_000


def parse_columns(items: list[str] | None) -> dict[str, str]:
    """Read ``--column FIELD=COLUMN`` options into a mapping."""
    columns: dict[str, str] = {}
    for item in items or []:
        key, sep, column = item.partition("=")
        if not sep or not key.strip() or not column.strip():
            fail(f"--column: {item!r}: expected FIELD=COLUMN, e.g. fine=Amount")
        columns[key.strip()] = column.strip()
    return columns


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


def _verdicts(records: Iterator[DatasetRecord], regime_id: str) -> Iterator[RecordVerdict]:
    return check_records(records, law=regime(regime_id))


def check_dataset(
    path: Path,
    fmt: str,
    *,
    columns: dict[str, str],
    locale: str,
    currency: str,
    delimiter: str,
    regime_id: str,
    as_json: bool,
    as_jsonl: bool,
    largest: int,
) -> int:
    """Check every record of the dataset at *path*; print the result; return the exit code."""
    if fmt not in FORMATS:
        fail(f"--format: {fmt!r}: one of {', '.join(FORMATS)}")
    if as_json and as_jsonl:
        fail("--json and --jsonl: give one, not both")
    if delimiter in ("\\t", "tab"):
        delimiter = "\t"
    if len(delimiter) != 1:
        fail(f"--delimiter: {delimiter!r}: one character (or \\t)")
    if largest < 0:
        fail(f"--largest: {largest}: must not be negative")
    law = regime(regime_id)
    summary = BatchSummary(currency=law.currency, largest=largest)
    out = sys.stdout
    try:
        with open_dataset(path) as handle, _progress(handle, path) as progress:
            records = read_dataset(
                handle, fmt, columns=columns, locale=locale, currency=currency, delimiter=delimiter
            )
            for verdict in _verdicts(records, regime_id):
                summary.add(verdict)
                if as_jsonl:
                    out.write(json.dumps(verdict.json_dict(), ensure_ascii=False))
                    out.write("\n")
                if progress is not None and summary.records % _PROGRESS_EVERY == 0:
                    progress(summary.records)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except GdprFineError as error:
        fail(str(error))
    except OSError as error:
        fail(f"file: {str(path)!r}: {error.strerror or error}")
    code = 1 if summary.verdicts["needs-turnover"] or summary.verdicts["exceeds"] else 0
    if as_jsonl:
        out.flush()
    elif as_json:
        emit_json({"file": str(path), "format": fmt, "regime": regime_id, **summary.json_dict()})
    else:
        typer.echo(human_summary(summary, f"{path} ({fmt}, {regime_id})"))
    return code


def _counts(counts: dict[str, int], limit: int = 12) -> str:
    items = list(counts.items())
    text = ", ".join(f"{key} {value}" for key, value in items[:limit])
    if len(items) > limit:
        text += f", ... ({len(items) - limit} more)"
    return text or "none"


def _money(data: object) -> str:
    if not isinstance(data, dict):
        return "-"
    return Money(data["amount"], data["currency"]).format()


def human_summary(summary: BatchSummary, title: str) -> str:
    """The summary as text for people."""
    data = summary.json_dict()
    lines = [f"{title}: {summary.records} records"]
    verdicts: dict[str, int] = data["verdicts"]  # type: ignore[assignment]
    for kind in VERDICTS:
        lines.append(f"  {kind:<20} {verdicts[kind]:>8}")
    flags: dict[str, int] = data["flags"]  # type: ignore[assignment]
    if flags:
        lines.append("  flags")
        for flag, count in flags.items():
            lines.append(f"    {flag:<29} {count:>8}  {FLAGS.get(flag, '')}")
    reasons: dict[str, int] = data["unreadable_reasons"]  # type: ignore[assignment]
    if reasons:
        lines.append("  unreadable")
        for reason, count in list(reasons.items())[:12]:
            lines.append(f"    {count:>8}  {reason}")
        if len(reasons) > 12:
            lines.append(f"    ... {len(reasons) - 12} more reasons (see --json)")
    lines.append(f"  countries  {_counts(data['by_country'])}")  # type: ignore[arg-type]
    lines.append(f"  tiers      {_counts(data['by_tier'])}")  # type: ignore[arg-type]
    lines.append(f"  years      {_counts(data['by_year'], 40)}")  # type: ignore[arg-type]
    lines.append(f"  currencies {_counts(data['currencies'])}")  # type: ignore[arg-type]
    total: dict[str, Any] = data["total"]  # type: ignore[assignment]
    lines.append(f"  total      {_money(total)} ({total['fines']} fines)")
    largest: list[dict[str, Any]] = data["largest"]  # type: ignore[assignment]
    if largest:
        lines.append("  largest")
        for rank, item in enumerate(largest, 1):
            where = ", ".join(str(x) for x in (item["country"], item["date"]) if x)
            ident = item["id"] or f"row {item['row']}"
            original = ""
            if item["fine"] != item["fine_converted"]:
                original = f" (= {_money(item['fine'])})"
            tier = f" {item['tier']}" if item["tier"] else ""
            lines.append(
                f"    {rank:>2}. {_money(item['fine_converted'])}{original}  "
                f"{item['controller'] or '?'} ({where}) [{ident}]: {item['verdict']}{tier}"
            )
    lines.append(f"  conversion {data['conversion_rule']}")
    return "\n".join(lines)
