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
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from gdprfine.amounts import SUPPORTED_LOCALES
from gdprfine.datasets.files import (
    DatasetFormat,
    ReadOptions,
    Source,
    open_dataset,
    pick_fields,
    refuse_constant,
    table_records,
)
from gdprfine.datasets.records import (
    Conventions,
    DatasetRecord,
    broken_record,
    build_record,
    read_amount,
)
from gdprfine.errors import DatasetError, InvalidAmount, UnknownCurrency
from gdprfine.money import Money, is_currency

__all__ = ["COLUMN_FIELDS", "CSV", "JSONL", "check_mapping", "read_csv", "read_jsonl", "read_turnover"]

COLUMN_FIELDS: tuple[str, ...] = (
    "fine", "currency", "articles", "date", "country", "authority", "controller", "sector",
    "type", "id", "undertaking", "turnover",
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


@dataclass(frozen=True, slots=True)
class _Mapping:
    """A checked column mapping with the dataset's locale and currency (upper case)."""

    columns: Mapping[str, str]
    locale: str
    currency: str

    def record(self, fmt: str, number: int, raw: Mapping[str, object]) -> DatasetRecord:
        """Read record *number* of a dataset in format *fmt* from its *raw* fields."""
        fields = pick_fields(raw, self.columns)
        stated = fields.pop("currency", "").strip().upper()
        if stated and not is_currency(stated):
            return broken_record(fmt, number, f"currency: {stated!r}: not an ISO 4217 code", raw)
        conventions = Conventions(
            locale=self.locale, currency=stated or self.currency, currency_known=bool(stated)
        )
        text = fields.pop("turnover", None)
        turnover = None if text is None else read_turnover(text, locale=self.locale, currency=self.currency)
        return build_record(fmt, number, raw, fields, conventions, turnover=turnover)


def read_csv(
    source: Source,
    columns: Mapping[str, str],
    *,
    locale: str = "en",
    currency: str = "EUR",
    delimiter: str = ",",
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
        make=partial(mapping.record, "csv"),
    )  # fmt: skip


def read_jsonl(
    source: Source,
    columns: Mapping[str, str],
    *,
    locale: str = "en",
    currency: str = "EUR",
) -> Iterator[DatasetRecord]:
    """Records of a JSON Lines file (streamed): one JSON object per non-blank line.

    *columns* maps record fields to keys, as for :func:`read_csv`. JSON numbers are read as
    exact decimals; a line that is not a JSON object is a record with ``error`` set.

    >>> import io
    >>> lines = io.StringIO('{"amt": 20000.0, "art": "Art. 6 GDPR"}\\n\\n[1]\\n')
    >>> a, b = read_jsonl(lines, {"fine": "amt", "articles": "art"})
    >>> a.amount.money, b.error
    (Money('20000.0', 'EUR'), 'not a JSON object')
    """
    check_mapping(columns, locale, currency)
    mapping = _Mapping(columns, locale, currency.upper())
    decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=refuse_constant)
    with open_dataset(source) as handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                value = decoder.decode(line)
            except (ValueError, RecursionError) as error:
                yield broken_record("jsonl", number, f"not JSON: {error}", {"line": line.rstrip("\r\n")})
                continue
            if not isinstance(value, dict):
                yield broken_record("jsonl", number, "not a JSON object", {"line": line.rstrip("\r\n")})
                continue
            yield mapping.record("jsonl", number, value)


def _read_csv(source: Source, options: ReadOptions) -> Iterator[DatasetRecord]:
    check_mapping(options.columns, options.locale, options.currency)
    return read_csv(
        source, options.columns, locale=options.locale, currency=options.currency,
        delimiter=options.delimiter,
    )  # fmt: skip


def _read_jsonl(source: Source, options: ReadOptions) -> Iterator[DatasetRecord]:
    check_mapping(options.columns, options.locale, options.currency)
    return read_jsonl(source, options.columns, locale=options.locale, currency=options.currency)


CSV = DatasetFormat(_read_csv, mapped=True)
JSONL = DatasetFormat(_read_jsonl, mapped=True)
