"""Opening dataset files, and what every reader of a format shares: the options it is called
with, bounded lines, rows of a table under its header, the fields a column mapping picks, JSON
numbers as exact decimals.

A dataset file is read only when it is a regular file (a FIFO, a device or a folder is refused
before anything is read), as strict text in its encoding (UTF-8 unless told otherwise): a byte
that does not decode or a NUL character stops the reading with a :class:`DatasetError` naming the
line and the encoding to give. Lines are split on ``\\n`` only, and a line (a CSV row, a JSON
Lines record) longer than :data:`MAX_LINE_CHARS` is a broken record, never held in memory whole.

A CSV or TSV file is read line by line: memory does not grow with the file. A row that breaks
the CSV rules or has the wrong number of cells is a record with ``error`` set; a quote that runs
across lines and does not end a well-formed row is reported at the line it opens on, and the
lines after it are read as rows of their own. Only what concerns the whole file (it cannot be
opened, it is not text in its encoding, it has no header, a column is missing from the header)
raises a :class:`~gdprfine.errors.DatasetError`.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Protocol

from gdprfine.datasets.records import DatasetRecord, broken_record, text_of
from gdprfine.errors import DatasetError, GdprFineError, InvalidInput
from gdprfine.inputs import open_regular

__all__ = [
    "MAX_DOCUMENT_CHARS",
    "MAX_LINE_CHARS",
    "UNREADABLE",
    "DatasetFormat",
    "ReadOptions",
    "Source",
    "open_dataset",
    "pick_fields",
    "read_document",
    "read_lines",
    "refuse_constant",
    "source_name",
    "table_records",
    "undecodable",
    "unreadable",
]

MAX_LINE_CHARS = 10_000_000
"""The longest line of a dataset (a CSV row, however many lines its quoted cells span, and so
its longest cell; a JSON Lines record), in characters. A longer one is a broken record."""

MAX_DOCUMENT_CHARS = 50_000_000
"""The largest dataset read whole (the ``cms`` export, one JSON document), in characters."""

_CHUNK = 1 << 20
_NUL_RUN = "\x00" * 64
"""NUL characters in a row: never text (a sparse file, binary data). A file is refused as binary
for such a run, or for a first chunk more than a tenth NUL (UTF-16 read as UTF-8); a lone NUL
in a cell is data."""

if csv.field_size_limit() < MAX_LINE_CHARS:
    # Set once, when the package is imported, never per read: the limit is process-wide, and
    # a reader that changed it and set it back would break another thread reading at once. Rows
    # are bounded by MAX_LINE_CHARS before the csv module sees them, so no cell reaches it.
    csv.field_size_limit(MAX_LINE_CHARS + 1)

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
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class DatasetFormat:
    """A format in the registry of :mod:`gdprfine.datasets`: how to read it."""

    read: Callable[[Source, ReadOptions], Iterator[DatasetRecord]]
    """The records of a dataset; errors that concern the whole file or the options are
    raised when called or before the first record."""
    mapped: bool = False
    """True when the format is read with a column mapping (``ReadOptions.columns``)."""


@contextmanager
def open_dataset(source: Source, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a dataset file as the readers do: a regular file only, strict text in *encoding*
    (UTF-8 by default, a BOM skipped), lines not translated; an open text stream is used as it
    is.

    >>> with open_dataset("/dev/zero") as handle:
    ...     pass
    Traceback (most recent call last):
    ...
    gdprfine.errors.DatasetError: file: '/dev/zero': a character device, not a regular file
    """
    if not isinstance(source, str | os.PathLike):
        yield source
        return
    name = os.fspath(source)
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise DatasetError("encoding", encoding, "not a known encoding (utf-8, cp1252, latin-1, utf-16, ...)") from None
    try:
        binary = open_regular(name)
    except InvalidInput as error:
        raise DatasetError("file", name, error.message) from None
    text_encoding = "utf-8-sig" if codec == "utf-8" else codec
    with io.TextIOWrapper(binary, encoding=text_encoding, errors="strict", newline="") as handle:
        yield handle


class _Readable(Protocol):
    def read(self, size: int, /) -> str: ...


def _encoding_of(handle: _Readable) -> str:
    """The encoding *handle* reads, as messages name it."""
    encoding = getattr(handle, "encoding", None) or "utf-8"
    return "UTF-8" if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig") else encoding


def undecodable(error: UnicodeError, handle: _Readable) -> str:
    """Why the text *handle* was reading when it raised *error* is not text in its encoding, and
    which encoding to give.

    >>> handle = io.TextIOWrapper(io.BytesIO(b"a,b\\n"), encoding="utf-16")
    >>> try:
    ...     handle.read()
    ... except UnicodeError as error:
    ...     print(undecodable(error, handle))
    not utf-16 text: no byte-order mark at its start; give the file's encoding, e.g. --encoding utf-16-le or utf-16-be (utf-16 without a mark), utf-8 or cp1252
    """
    encoding = _encoding_of(handle)
    if not isinstance(error, UnicodeDecodeError):
        # The codecs that read the byte order from a mark (utf-16, utf-32) raise a plain
        # UnicodeError for text that does not start with one.
        codec = codecs.lookup(encoding).name
        return (
            f"not {encoding} text: no byte-order mark at its start; give the file's encoding, e.g. "
            f"--encoding {codec}-le or {codec}-be ({codec} without a mark), utf-8 or cp1252"
        )
    data = bytes(error.object)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and _position(handle, data) == 0:
        return f"UTF-16 text, not {encoding}: give its encoding (--encoding utf-16)"
    start = _position(handle, data)
    where = ""
    if start is not None:
        offset = start + error.start
        where = f" on line {_line_at(handle, offset)} (byte {offset})"
    return (
        f"not {encoding} text: the byte 0x{data[error.start : error.start + 1].hex()}{where} does "
        "not decode; give the file's encoding, e.g. --encoding cp1252 (Windows) or latin-1"
    )


def _position(handle: _Readable, data: bytes) -> int | None:
    """Where in the file the bytes *data* just read by *handle* start, when it can say."""
    try:
        return int(handle.buffer.tell()) - len(data)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None


def _line_at(handle: _Readable, offset: int) -> int:
    """The number of the line holding byte *offset* of the file (read again up to it)."""
    try:
        fd = handle.fileno()  # type: ignore[attr-defined]
        lines, position = 1, 0
        while position < offset:
            data = os.pread(fd, min(_CHUNK, offset - position), position)
            if not data:
                break
            lines += data.count(b"\n")
            position += len(data)
        return lines
    except (AttributeError, OSError, ValueError):
        return 0


def _chunks(handle: _Readable, name: str, counted: list[int]) -> Iterator[str]:
    """The text of *handle* in chunks; text that does not decode or holds a NUL character (binary
    data, or UTF-16 read as UTF-8) is a :class:`DatasetError`. *counted* holds the number of
    lines read so far, for the message."""
    encoding = _encoding_of(handle)
    first = True
    while True:
        try:
            chunk = handle.read(_CHUNK)
        except UnicodeError as error:
            raise DatasetError("file", name, undecodable(error, handle)) from None
        except OSError as error:
            raise DatasetError("file", name, error.strerror or str(error)) from None
        if not chunk:
            return
        binary = chunk.find(_NUL_RUN)
        if binary < 0 and first and len(chunk) >= 512 and chunk.count("\x00") * 10 > len(chunk):
            binary = chunk.find("\x00")
        first = False
        if binary >= 0:
            line = counted[0] + chunk.count("\n", 0, binary) + 1
            raise DatasetError(
                "file", name,
                f"NUL characters from line {line}: binary data, not {encoding} text (a UTF-16 file "
                "needs --encoding utf-16)",
            )  # fmt: skip
        yield chunk


def read_lines(source: IO[str], name: str, limit: int = MAX_LINE_CHARS) -> Iterator[tuple[int, str | None]]:
    """The lines of *source* with their numbers (from 1), each with its ``\\n``; split on
    ``\\n`` only (a ``\\r`` is part of a line). A line longer than *limit* characters (its
    ``\\n`` not counted) is None: its text is skipped as it is read, never held whole.

    >>> list(read_lines(io.StringIO('a\\r b\\nccccc\\nd'), "x", limit=4))
    [(1, 'a\\r b\\n'), (2, None), (3, 'd')]
    """
    counted = [0]
    pending: list[str] = []
    size = 0
    skipping = False
    for chunk in _chunks(source, name, counted):
        pieces = chunk.split("\n")
        last = pieces.pop()
        number = counted[0]
        counted[0] += len(pieces)
        for piece in pieces:
            number += 1
            if not size and not skipping:
                # The common case: a line that lies within one chunk.
                yield number, (None if len(piece) > limit else piece + "\n")
                continue
            if skipping or size + len(piece) > limit:
                yield number, None
            else:
                pending.append(piece)
                pending.append("\n")
                yield number, "".join(pending)
            pending, size, skipping = [], 0, False
        if not skipping and last:
            if size + len(last) > limit:
                pending, size, skipping = [], 0, True
            else:
                pending.append(last)
                size += len(last)
    if skipping or pending:
        counted[0] += 1
        yield counted[0], None if skipping else "".join(pending)


def read_document(source: Source, encoding: str = "utf-8", limit: int = MAX_DOCUMENT_CHARS) -> str:
    """The whole text of a dataset read as one document, at most *limit* characters (a longer
    one is a :class:`DatasetError`, and at most *limit* + 1 characters are read)."""
    name = source_name(source)
    with open_dataset(source, encoding) as handle:
        parts: list[str] = []
        size = 0
        for chunk in _chunks(_Limited(handle, limit + 1), name, [0]):
            parts.append(chunk)
            size += len(chunk)
        if size > limit:
            raise DatasetError("file", name, f"larger than {limit} characters, the most read whole")
        return "".join(parts)


class _Limited:
    """A text stream that ends after *left* characters."""

    def __init__(self, handle: IO[str], left: int) -> None:
        self.handle, self.left = handle, left
        self.encoding = getattr(handle, "encoding", None)

    def read(self, size: int) -> str:
        text = self.handle.read(min(size, self.left)) if self.left > 0 else ""
        self.left -= len(text)
        return text


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


class _Broken(Exception):
    """The lines of a row end before the row does (a line over the limit, a row over it)."""


class _CsvRows:
    """The rows of a CSV file, each with the number of the line it starts on; a row that breaks
    the CSV rules (or, spanning lines, does not have *width* cells) is a string: the reason.

    The csv module reads quoted cells across lines, strictly (a quote must end its cell). When a
    quote runs across lines and the row it gives breaks these rules (an unbalanced quote
    swallowing the rows after it), the row is reported at its first line and the lines after it
    are read again as rows of their own, so that no row is lost.
    """

    def __init__(self, lines: Iterator[tuple[int, str | None]], delimiter: str) -> None:
        self.lines = lines
        self.delimiter = delimiter
        self.again: deque[tuple[int, str | None]] = deque()
        self.consumed: list[tuple[int, str | None]] = []
        self.size = 0
        self.reader = self._reader()

    def _reader(self) -> Iterator[list[str]]:
        return csv.reader(self._feed(), delimiter=self.delimiter, strict=True)

    def _feed(self) -> Iterator[str]:
        while True:
            if self.again:
                number, text = self.again.popleft()
            else:
                item = next(self.lines, None)
                if item is None:
                    return
                number, text = item
            self.consumed.append((number, text))
            if text is None:
                raise _Broken(f"line {number}: longer than {MAX_LINE_CHARS} characters")
            self.size += len(text)
            if self.size > MAX_LINE_CHARS:
                raise _Broken(f"a row longer than {MAX_LINE_CHARS} characters")
            yield text

    def next_row(self, width: int | None) -> tuple[int, list[str] | str] | None:
        """The next row that is not blank, or None at the end of the file."""
        while True:
            self.consumed, self.size = [], 0
            try:
                row: list[str] | str = next(self.reader)
            except StopIteration:
                return None
            except csv.Error as error:
                row = str(error)
            except _Broken as error:
                row = str(error)
                self.reader = self._reader()
            if not self.consumed:
                return None
            first = self.consumed[0][0]
            spanned = len(self.consumed) > 1
            if spanned and isinstance(row, str):
                last = self.consumed[-1][0]
                self.again.extendleft(reversed(self.consumed[1:]))
                # A quote that runs to the end of the file has ended the feed: a new reader
                # reads the lines put back.
                self.reader = self._reader()
                return first, (
                    f"line {first}: a quote opened on this line runs to line {last}, where the row "
                    f"breaks ({row}); the lines after it are read as rows of their own"
                )
            if spanned and width is not None and len(row) != width:
                last = self.consumed[-1][0]
                return first, (
                    f"lines {first}-{last}: a quoted cell runs across these lines, and the row has "
                    f"{len(row)} cells where the header has {width}"
                )
            if isinstance(row, str):
                return first, row if row.startswith("line ") else f"line {first}: {row}"
            if row:
                return first, row


def _header(
    handle: IO[str], name: str, *, delimiter: str, required: Iterable[str], optional: Iterable[str]
) -> tuple[list[str], _CsvRows]:
    rows = _CsvRows(read_lines(handle, name), delimiter)
    first = rows.next_row(None)
    if first is None or isinstance(first[1], str):
        reason = "" if first is None else f" ({first[1]})"
        raise DatasetError("file", name, f"no header row{reason}")
    header = [cell.strip() for cell in first[1]]
    required = tuple(required)
    missing = [column for column in required if column not in header]
    if missing:
        raise DatasetError(
            "file", name, f"no column {', '.join(repr(m) for m in missing)} in the header"
        )
    for column in (*required, *optional):
        places = [str(place) for place, cell in enumerate(header, 1) if cell == column]
        if len(places) > 1:
            # A row would give one of its cells, which no one can say: refused, not guessed.
            raise DatasetError(
                "file", name,
                f"the header holds the column {column!r} {_times(len(places))} (columns "
                f"{', '.join(places[:-1])} and {places[-1]}); rename all but one",
            )  # fmt: skip
    return header, rows


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count} times"


def table_records(
    source: Source,
    fmt: str,
    *,
    delimiter: str,
    required: Iterable[str],
    make: Callable[[int, dict[str, str]], DatasetRecord],
    encoding: str = "utf-8",
    optional: Iterable[str] = (),
) -> Iterator[DatasetRecord]:
    """The records of a CSV or TSV file with a header naming the *required* columns (and
    maybe more): *make* reads each row, given as its number and a column -> cell mapping. A row
    that cannot be read, or that *make* refuses with an error, is a record with ``error`` set.
    A required column, or one of the *optional* columns *make* reads when the header has them,
    that the header holds more than once is a :class:`DatasetError`.

    >>> from gdprfine.datasets.records import build_record, Conventions
    >>> def make(number, raw):
    ...     return build_record("csv", number, raw, {"fine": raw["Fine"]}, Conventions())
    >>> a, b = table_records(io.StringIO("Fine,Note\\n4800,x\\n1,2,3\\n"), "csv", delimiter=",",
    ...                      required=["Fine"], make=make)
    >>> a.amount.money, b.error
    (Money('4800', 'EUR'), 'line 3: 3 cells where the header has 2')
    """
    with open_dataset(source, encoding) as handle:
        header, rows = _header(
            handle, source_name(source), delimiter=delimiter, required=required, optional=optional
        )
        width = len(header)
        number = 0
        while (item := rows.next_row(width)) is not None:
            number += 1
            line, row = item
            if isinstance(row, str):
                yield broken_record(fmt, number, row)
                continue
            raw = dict(zip(header, row, strict=False))
            if len(row) != width:
                yield broken_record(fmt, number, f"line {line}: {len(row)} cells where the header has {width}", raw)
                continue
            yield made(make, fmt, number, line, raw)


UNREADABLE = (GdprFineError, ArithmeticError, RecursionError)
"""The errors reading a record's fields may raise: the record is then :func:`unreadable`."""


def made(
    make: Callable[[int, dict[str, str]], DatasetRecord], fmt: str, number: int, line: int, raw: dict[str, str]
) -> DatasetRecord:
    """``make(number, raw)``, or a broken record naming the line when it raises an error."""
    try:
        return make(number, raw)
    except UNREADABLE as error:
        return unreadable(fmt, number, line, error, raw)


def unreadable(fmt: str, number: int, line: int, error: BaseException, raw: Mapping[str, object]) -> DatasetRecord:
    """The broken record of a record whose fields raised *error* (one of :data:`UNREADABLE`)."""
    return broken_record(fmt, number, f"line {line}: {' '.join(str(error).split())[:500]}", raw)
