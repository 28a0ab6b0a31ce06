"""Any CSV (or TSV) file or JSON Lines file, with a column mapping (formats ``csv`` and
``jsonl``).

The mapping names, for each record field of :data:`COLUMN_FIELDS`, the file's column (or a
JSON object's key) that holds it; ``fine`` is required. Amounts are read in the conventions
of the dataset's locale; a bare number is in the row's ``currency`` column when mapped, else
in the dataset's currency (and the record says it was assumed).

A ``turnover`` column gives the undertaking's worldwide annual turnover
(:attr:`DatasetRecord.turnover`), read like the fine in the dataset's locale, a bare number
being in the dataset's currency (not the row's ``currency`` column, which is the fine's). A
turnover that is not one amount (empty, ``Unknown``, a range, two amounts) leaves
``turnover`` None and changes nothing else in the record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import partial

from gdprfine.amounts import SUPPORTED_LOCALES
from gdprfine.datasets.files import (
    MAX_LINE_CHARS,
    UNREADABLE,
    DatasetFormat,
    ReadOptions,
    Source,
    open_dataset,
    read_lines,
    refuse_constant,
    source_name,
    table_records,
    unreadable,
)
from gdprfine.datasets.records import (
    RECORD_FIELDS,
    Conventions,
    DatasetRecord,
    broken_record,
    read_amount,
    reader_for,
    text_of,
)
from gdprfine.errors import DatasetError, InvalidAmount, UnknownCurrency
from gdprfine.inputs import exact_json_decoder
from gdprfine.money import Money, is_currency

__all__ = ["COLUMN_FIELDS", "CSV", "JSONL", "check_mapping", "read_csv", "read_jsonl", "read_turnover"]

COLUMN_FIELDS: tuple[str, ...] = (
    "fine", "currency", "articles", "date", "country", "authority", "controller", "sector",
    "type", "id", "undertaking", "turnover", "summary",
)  # fmt: skip
"""The record fields a column mapping of a ``csv`` or ``jsonl`` dataset may name."""


def check_mapping(columns: Mapping[str, str], locale: str, currency: str) -> None:
    """Raise a :class:`DatasetError` for a column mapping or options that cannot be read with.

    >>> check_mapping({"fine": "Amount", "amount": "x"}, "en", "EUR")
    Traceback (most recent call last):
    ...
    gdprfine.errors.DatasetError: column: 'amount': a column mapping names one of fine, ...
    """
    unknown = [key for key in columns if key not in COLUMN_FIELDS]
    if unknown:
        raise DatasetError(
            "column", unknown[0], f"a column mapping names one of {', '.join(COLUMN_FIELDS)}"
        )
    if "fine" not in columns:
        raise DatasetError("column", None, "map the fine column, e.g. fine=Amount")
    if locale not in SUPPORTED_LOCALES:
        raise DatasetError("locale", locale, f"one of {', '.join(SUPPORTED_LOCALES)}")
    if not is_currency(currency.upper()):
        raise UnknownCurrency("currency", currency)


def read_turnover(text: str, *, locale: str, currency: str) -> Money | None:
    """The turnover a ``turnover`` field states, or None when it is not one amount.

    >>> read_turnover("1.200.000.000", locale="de", currency="EUR")
    Money('1200000000', 'EUR')
    >>> read_turnover("USD 3 billion", locale="en", currency="EUR")
    Money('3000000000', 'USD')
    >>> read_turnover("between 1 and 2 million", locale="en", currency="EUR") is None
    True
    """
    try:
        return read_amount(text.strip(), locale=locale, currency=currency).money
    except InvalidAmount:
        return None


class _Mapping:
    """A checked column mapping with the dataset's locale and currency (upper case), and the
    readers of its records: one for a fine in the dataset's currency, and one for each currency
    a row's ``currency`` column states."""

    __slots__ = ("currency", "currency_column", "keys", "locale", "reader", "turnover_column")

    def __init__(self, columns: Mapping[str, str], locale: str, currency: str) -> None:
        self.locale, self.currency = locale, currency
        self.keys = tuple(columns.get(name) for name in RECORD_FIELDS)
        self.currency_column = columns.get("currency")
        self.turnover_column = columns.get("turnover")
        self.reader = reader_for(Conventions(locale=locale, currency=currency, currency_known=False))

    def record(self, fmt: str, number: int, raw: Mapping[str, object]) -> DatasetRecord:
        """Read record *number* of a dataset in format *fmt* from its *raw* fields."""
        reader = self.reader
        if self.currency_column is not None:
            stated = text_of(raw.get(self.currency_column)).strip().upper()
            if stated:
                if not is_currency(stated):
                    return broken_record(fmt, number, f"currency: {stated!r}: not an ISO 4217 code", raw)
                reader = reader_for(Conventions(locale=self.locale, currency=stated))
        turnover = None
        if self.turnover_column is not None:
            text = text_of(raw.get(self.turnover_column))
            turnover = read_turnover(text, locale=self.locale, currency=self.currency)
        # A field not mapped has the key None, which no row has: its text is empty.
        get = raw.get
        return reader.read(fmt, number, raw, [get(key, "") for key in self.keys], turnover)  # type: ignore[arg-type]


def read_csv(
    source: Source,
    columns: Mapping[str, str],
    *,
    locale: str = "en",
    currency: str = "EUR",
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Iterator[DatasetRecord]:
    """Records of any CSV file (streamed), with *columns* mapping record fields to columns.

    *columns* maps a field of :data:`COLUMN_FIELDS` to a column of the header; ``fine`` is
    required. Amounts are read in the conventions of *locale*; a bare number is in the row's
    ``currency`` column when mapped, else in *currency* (and the record says it was assumed).

    >>> import io
    >>> text = "Amount;Articles;When;Where\\n12.500 EUR;Art. 32 DSGVO;2021-03;Germany\\n"
    >>> (r,) = read_csv(io.StringIO(text), {"fine": "Amount", "articles": "Articles",
    ...     "date": "When", "country": "Where"}, locale="de", delimiter=";")
    >>> r.amount.money, str(r.date), r.country
    (Money('12500', 'EUR'), '2021-03', 'DE')
    """
    check_mapping(columns, locale, currency)
    mapping = _Mapping(columns, locale, currency.upper())
    yield from table_records(
        source, "csv", delimiter=delimiter, required=tuple(columns.values()),
        make=partial(mapping.record, "csv"), encoding=encoding,
    )  # fmt: skip


def read_jsonl(
    source: Source,
    columns: Mapping[str, str],
    *,
    locale: str = "en",
    currency: str = "EUR",
    encoding: str = "utf-8",
) -> Iterator[DatasetRecord]:
    """Records of a JSON Lines file (streamed): one JSON object per non-blank line, lines split
    on ``\\n`` only.

    *columns* maps record fields to keys, as for :func:`read_csv`. JSON numbers are read as
    exact decimals; a line that is not a JSON object (or gives a key twice, or is longer than
    :data:`~gdprfine.datasets.files.MAX_LINE_CHARS`) is a record with ``error`` set.

    >>> import io
    >>> lines = io.StringIO('{"amt": 20000.0, "art": "Art. 6 GDPR"}\\n\\n[1]\\n')
    >>> a, b = read_jsonl(lines, {"fine": "amt", "articles": "art"})
    >>> a.amount.money, b.error
    (Money('20000.0', 'EUR'), 'line 3: not a JSON object')
    """
    check_mapping(columns, locale, currency)
    record = _Mapping(columns, locale, currency.upper()).record
    decoder = exact_json_decoder()
    with open_dataset(source, encoding) as handle:
        number = 0
        for line_number, line in read_lines(handle, source_name(source)):
            value = _plain_object(line)
            if value is None and line is not None and (not line or line.isspace()):
                continue
            number += 1
            if value is None:
                if line is None:
                    reason = f"line {line_number}: longer than {MAX_LINE_CHARS} characters"
                    yield broken_record("jsonl", number, reason)
                    continue
                try:
                    value = decoder.decode(line)
                except (ValueError, RecursionError) as error:
                    reason = f"line {line_number}: not JSON: {error}"
                    yield broken_record("jsonl", number, reason, {"line": line.rstrip("\r\n")})
                    continue
                if not isinstance(value, dict):
                    reason = f"line {line_number}: not a JSON object"
                    yield broken_record("jsonl", number, reason, {"line": line.rstrip("\r\n")})
                    continue
            try:
                read = record("jsonl", number, value)
            except UNREADABLE as error:
                read = unreadable("jsonl", number, line_number, error, value)
            yield read


def _plain_object(line: str | None) -> dict[str, object] | None:
    """The common line read fast: one object from its first character to its end, scanned
    without the exact decoder's checks for surrounding whitespace, into plain dicts, and kept
    when its keys are distinct (:func:`_distinct_keys`); None for any other line, which is
    decoded in full, for the same value or error."""
    if line is None or line[:1] != "{":
        return None
    try:
        value, end = _scan(line, 0)
    except (StopIteration, ValueError, RecursionError):
        return None
    whole = end == len(line) or (end == len(line) - 1 and line[end] == "\n")
    return value if whole and _distinct_keys(line, len(value)) else None


_PLAIN_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=refuse_constant)
"""The exact decoder's reading of numbers, into plain dicts: a key given twice is not seen."""
_scan = _PLAIN_DECODER.scan_once  # type: ignore[attr-defined]


def _distinct_keys(line: str, keys: int) -> bool:
    """Whether the JSON object that a line of JSON Lines is, scanned into a dict of *keys* keys,
    gives each key once, and holds no other object that has a key: a shortcut's proof, which
    may fail to prove it (the line is then decoded in full, which checks it).

    Every pair of every object has its colon outside strings, so when the line has only *keys*
    colons, the pairs are the outer object's keys, each given once. JSON allows only whitespace
    between a key and its colon, so when no colon follows whitespace, every pair ends its key
    with ``'":'``, and when the line has only *keys* of those, the same holds.

    >>> _distinct_keys('{"a": "b:c", "d": 1}', 2), _distinct_keys('{"a": 1, "a" : 2}', 1)
    (True, False)
    """
    if line.count(":") == keys:
        return True
    return line.count('":') == keys and not (" :" in line or "\t:" in line or "\r:" in line or "\n:" in line)


def _read_csv(source: Source, options: ReadOptions) -> Iterator[DatasetRecord]:
    check_mapping(options.columns, options.locale, options.currency)
    return read_csv(
        source, options.columns, locale=options.locale, currency=options.currency,
        delimiter=options.delimiter, encoding=options.encoding,
    )  # fmt: skip


def _read_jsonl(source: Source, options: ReadOptions) -> Iterator[DatasetRecord]:
    check_mapping(options.columns, options.locale, options.currency)
    return read_jsonl(
        source, options.columns, locale=options.locale, currency=options.currency,
        encoding=options.encoding,
    )  # fmt: skip


CSV = DatasetFormat(_read_csv, mapped=True)
JSONL = DatasetFormat(_read_jsonl, mapped=True)
