"""Opening dataset files, and what every reader of a format shares: the options it is called
with, rows of a table under its header, the fields a column mapping picks, JSON numbers as
exact decimals.

A CSV or TSV file is read line by line: memory does not grow with the file. A row that breaks
the CSV rules or has the wrong number of cells is a record with ``error`` set; only what
concerns the whole file (it cannot be opened, it has no header, a column is missing from the
header) raises a :class:`~gdprfine.errors.DatasetError`.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO

from gdprfine.datasets.records import DatasetRecord, broken_record, text_of
from gdprfine.errors import DatasetError

__all__ = [
    "DatasetFormat",
    "ReadOptions",
    "Source",
    "open_dataset",
    "pick_fields",
    "refuse_constant",
    "source_name",
    "table_records",
]

Source = str | os.PathLike[str] | IO[str]
"""A dataset: a path, or a text stream already open."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """The options of :func:`~gdprfine.datasets.read_dataset`; the tracker formats fix their
    own and ignore them."""

    columns: Mapping[str, str] = field(default_factory=dict)
    locale: str = "en"
    currency: str = "EUR"
    delimiter: str = ","


@dataclass(frozen=True, slots=True)
class DatasetFormat:
    """A format in the registry of :mod:`gdprfine.datasets`: how to read it."""

    read: Callable[[Source, ReadOptions], Iterator[DatasetRecord]]
    """The records of a dataset; errors that concern the whole file or the options are
    raised when called or before the first record."""
    mapped: bool = False
    """True when the format is read with a column mapping (``ReadOptions.columns``)."""


@contextmanager
def open_dataset(source: Source) -> Iterator[IO[str]]:
    """Open a dataset file as the readers do (UTF-8, a BOM skipped, bad bytes replaced); an open
    text stream is used as it is.
    """
    if isinstance(source, str | os.PathLike):
        try:
            handle = open(source, encoding="utf-8-sig", errors="replace", newline="")  # noqa: SIM115
        except OSError as error:
            raise DatasetError("file", os.fspath(source), error.strerror or str(error)) from error
        with handle:
            yield handle
    else:
        yield source


def source_name(source: Source) -> str:
    """The name of a dataset in messages: its path, the stream's name, or ``input``."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "input"


def refuse_constant(name: str) -> object:
    """``parse_constant`` for :mod:`json`: ``NaN`` and ``Infinity`` are not amounts."""
    raise ValueError(f"{name} is not a number")


def pick_fields(raw: Mapping[str, object], columns: Mapping[str, str]) -> dict[str, str]:
    """The text of each record field in *raw*, by its column in *columns* (field -> column);
    a column absent from *raw* gives an empty text.

    >>> pick_fields({"Amount": 12, "When": "2020"}, {"fine": "Amount", "date": "When", "id": "Ref"})
    {'fine': '12', 'date': '2020', 'id': ''}
    """
    return {key: text_of(raw.get(column)) for key, column in columns.items()}


@contextmanager
def _field_limit() -> Iterator[None]:
    # A cell may hold a whole decision's summary: allow cells as large as the platform allows.
    old = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _csv_rows(handle: IO[str], *, delimiter: str) -> Iterator[tuple[int, list[str] | str]]:
    """Rows of a CSV file with their line numbers; a row that breaks the CSV rules is a string."""
    reader = csv.reader(handle, delimiter=delimiter, strict=False)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield reader.line_num, f"line {reader.line_num}: {error}"
            continue
        if row:
            yield reader.line_num, row


def _header(
    handle: IO[str], name: str, *, delimiter: str, required: Iterable[str]
) -> tuple[list[str], Iterator[tuple[int, list[str] | str]]]:
    rows = _csv_rows(handle, delimiter=delimiter)
    first = next(rows, None)
    if first is None or isinstance(first[1], str):
        raise DatasetError("file", name, "no header row")
    header = [cell.strip() for cell in first[1]]
    missing = [column for column in required if column not in header]
    if missing:
        raise DatasetError(
            "file", name, f"no column {', '.join(repr(m) for m in missing)} in the header"
        )
    return header, rows


def table_records(
    source: Source,
    fmt: str,
    *,
    delimiter: str,
    required: Iterable[str],
    make: Callable[[int, dict[str, str]], DatasetRecord],
) -> Iterator[DatasetRecord]:
    """The records of a CSV or TSV file with a header naming the *required* columns (and
    maybe more): *make* reads each row, given as its number and a column -> cell mapping.

    >>> import io
    >>> from gdprfine.datasets.records import build_record, Conventions
    >>> def make(number, raw):
    ...     return build_record("csv", number, raw, {"fine": raw["Fine"]}, Conventions())
    >>> a, b = table_records(io.StringIO("Fine,Note\\n4800,x\\n1,2,3\\n"), "csv", delimiter=",",
    ...                      required=["Fine"], make=make)
    >>> a.amount.money, b.error
    (Money('4800', 'EUR'), '3 cells where the header has 2')
    """
    with open_dataset(source) as handle, _field_limit():
        header, rows = _header(handle, source_name(source), delimiter=delimiter, required=required)
        width = len(header)
        for number, (_, row) in enumerate(rows, 1):
            if isinstance(row, str):
                yield broken_record(fmt, number, row)
                continue
            raw = dict(zip(header, row, strict=False))
            if len(row) != width:
                yield broken_record(fmt, number, f"{len(row)} cells where the header has {width}", raw)
                continue
            yield make(number, raw)
