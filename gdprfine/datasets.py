"""Records of whole enforcement datasets, streamed from the files trackers and teams publish.

Five formats are read, each by a generator that yields one :class:`DatasetRecord` per record:

- ``cms``: the CMS GDPR Enforcement Tracker export, a JSON object with one key whose value is
  a list of 13-field rows (``["", ETid, country (HTML), authority, date, fine EUR (text),
  controller, sector, quoted articles, type, summary, source (HTML), permalink (HTML)]``). The
  file is one JSON document, which the standard library cannot parse piece by piece, so this
  reader loads it whole (the export holds a few thousand rows); the records are still yielded
  one at a time.
- ``privacyaffairs``: the Privacy Affairs tracker as TSV (``id, picture, name, price, authority,
  date, controller, article_violated, type, source, summary``); ``price`` is in EUR and ``0``
  means "not final", ``date`` is MM/DD/YYYY and ``01/01/1970`` means unknown.
- ``gdprhub``: GDPRhub's CSV export (``Decision by``, ``Case number/name``, ``Jurisdiction``,
  ``Date of decision`` as DD.MM.YYYY, ``Relevant GDPR articles``, ``Fine`` such as
  ``10000 RON``, ``500000 £`` or a bare ``3000000``, ``Parties``, ...).
- ``csv`` and ``jsonl``: any CSV (or TSV) file or JSON Lines file, with a mapping from the
  record's fields (``fine``, ``articles``, ``date``, ...) to the file's columns or keys.

CSV, TSV and JSON Lines are read line by line: memory does not grow with the file. Nothing a
record holds stops the reading: a value that cannot be read is kept with the reason (an
amount of ``Unknown``, ``Only intention to issue fine``, a range, a date of ``xx.yy.2019``,
an article list of ``Unknown``), and a record that is broken as a whole (a JSON Lines line that
is not a JSON object, a CSV row with the wrong number of cells) is yielded with ``error`` set.

>>> import io
>>> tsv = io.StringIO(
...     "id\\tpicture\\tname\\tprice\\tauthority\\tdate\\tcontroller\\tarticle_violated\\t"
...     "type\\tsource\\tsummary\\n"
...     "1\\t\\tPoland\\t9380\\tUODO\\t10/18/2019\\tPolish Mayor\\tArt. 28 GDPR\\t\\t\\t\\n")
>>> (record,) = read_privacy_affairs(tsv)
>>> record.country, str(record.date), record.amount.money, [str(r) for r in record.articles]
('PL', '2019-10-18', Money('9380', 'EUR'), ['Art. 28 GDPR'])
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import IO, Literal

from gdprfine import countries
from gdprfine.amounts import FieldReading, read_amount_field
from gdprfine.articles import ArticleRef, read_articles
from gdprfine.dates import PartialDate
from gdprfine.errors import DatasetError, UnknownCurrency
from gdprfine.money import Money, is_currency

__all__ = [
    "COLUMN_FIELDS",
    "FORMATS",
    "DatasetError",
    "DatasetRecord",
    "DateReading",
    "Format",
    "country_code",
    "open_dataset",
    "read_amount",
    "read_cms",
    "read_csv",
    "read_dataset",
    "read_date",
    "read_gdprhub",
    "read_jsonl",
    "read_privacy_affairs",
]

Format = Literal["cms", "privacyaffairs", "gdprhub", "csv", "jsonl"]
FORMATS: tuple[Format, ...] = ("cms", "privacyaffairs", "gdprhub", "csv", "jsonl")
"""The dataset formats :func:`read_dataset` reads."""

COLUMN_FIELDS: tuple[str, ...] = (
    "fine", "currency", "articles", "date", "country", "authority", "controller", "sector",
    "type", "id", "undertaking",
)  # fmt: skip
"""The record fields a column mapping of a ``csv`` or ``jsonl`` dataset may name."""

_CACHE_SIZE = 65_536
_FIRST_YEAR = 1900
_LAST_YEAR = 2100


# ---------------------------------------------------------------------------------------------
# Dates at the precision given


@dataclass(frozen=True, slots=True)
class DateReading:
    """A date field read: the date at its precision, or the reason there is none."""

    date: PartialDate | None
    reason: str | None = None


_UNKNOWN_TEXT = frozenset({"", "unknown", "n/a", "na", "-", "–", "none", "?", "not known"})
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?")
_DOTTED_DATE = re.compile(r"(\d{1,2}|[xX]{1,2})\.(\d{1,2}|[xXyY]{1,2})\.(\d{4})")
_SLASHED_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")

DateOrder = Literal["iso", "dmy", "mdy"]


def _make_date(year: int, month: int | None, day: int | None, text: str) -> DateReading:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return DateReading(None, f"year {year} out of range")
    if month is not None and not 1 <= month <= 12:
        return DateReading(None, f"{text!r}: no month {month}")
    if day is not None:
        assert month is not None
        try:
            date(year, month, day)
        except ValueError:
            return DateReading(None, f"{text!r}: no such day")
    return DateReading(PartialDate(year, month, day))


@lru_cache(maxsize=_CACHE_SIZE)
def read_date(text: str, *, slashes: DateOrder = "iso") -> DateReading:
    """Read a date field at the precision it gives, or say why it cannot.

    Accepted: ``2019-05-17``, ``2019-05``, ``2019``, ``17.05.2019``, ``xx.05.2019`` (the day
    unknown), ``xx.yy.2019`` (the month unknown). Dates with slashes are ambiguous (DD/MM or
    MM/DD) unless *slashes* says which order the file uses (``mdy`` or ``dmy``).

    >>> read_date("2019-05").date
    PartialDate(year=2019, month=5, day=None)
    >>> str(read_date("xx.yy.2019").date), str(read_date("17.05.2019").date)
    ('2019', '2019-05-17')
    >>> str(read_date("10/18/2019", slashes="mdy").date)
    '2019-10-18'
    >>> read_date("10/11/2019").reason
    "'10/11/2019': DD/MM/YYYY or MM/DD/YYYY is ambiguous"
    >>> read_date("Unknown").reason
    'no date stated'
    """
    clean = text.strip()
    if clean.casefold() in _UNKNOWN_TEXT:
        return DateReading(None, "no date stated")
    if match := _ISO_DATE.fullmatch(clean):
        month = int(match[2]) if match[2] else None
        day = int(match[3]) if match[3] else None
        return _make_date(int(match[1]), month, day, clean)
    if match := _DOTTED_DATE.fullmatch(clean):
        month = int(match[2]) if match[2].isdigit() else None
        day = int(match[1]) if match[1].isdigit() and month is not None else None
        return _make_date(int(match[3]), month, day, clean)
    if match := _SLASHED_DATE.fullmatch(clean):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if slashes == "mdy":
            return _make_date(year, first, second, clean)
        if slashes == "dmy":
            return _make_date(year, second, first, clean)
        if first > 12 >= second:
            return _make_date(year, second, first, clean)
        if second > 12 >= first:
            return _make_date(year, first, second, clean)
        return DateReading(None, f"{clean!r}: DD/MM/YYYY or MM/DD/YYYY is ambiguous")
    return DateReading(None, f"{clean[:60]!r}: not a date")


# ---------------------------------------------------------------------------------------------
# Countries


_TAG = re.compile(r"<[^>]*>")


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name or code as trackers write it, or None.

    HTML is stripped (the CMS export writes a flag image before the name).

    >>> country_code("<img src='flag_spain.png' alt='SPAIN'><br />SPAIN"), country_code("Czech Republic")
    ('ES', 'CZ')
    >>> country_code("THE NETHERLANDS"), country_code("de"), country_code("Atlantis")
    ('NL', 'DE', None)
    """
    return countries.country_code(_TAG.sub(" ", text))


def _country_text(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).split())


# ---------------------------------------------------------------------------------------------
# Amounts and articles, cached (trackers repeat them a lot)


_PLAIN = re.compile(r"0|[1-9]\d{0,14}")
_PLAIN_EN = re.compile(r"(?:0|[1-9]\d{0,14}|[1-9]\d{0,2}(?:,\d{3}){1,4})(?:\.\d{1,2})?")


def read_amount(
    text: str, *, locale: str = "en", currency: str = "EUR", zero_is_unknown: bool = False
) -> FieldReading:
    """:func:`gdprfine.amounts.read_amount_field` with a fast path for plain numbers, and a
    bounded cache for the rest (trackers repeat their odd values a lot).

    A number written with digits only (and, in English, ``,`` groups of three and up to two
    decimals) is read directly; it gives the same reading as the full reader.

    >>> read_amount("4,800") == read_amount_field("4,800", locale="en")
    True
    >>> read_amount("10000 RON").money
    Money('10000', 'RON')
    >>> read_amount("0", zero_is_unknown=True).reason
    '0 marks an amount not known (not final)'
    """
    plain = _PLAIN_EN if locale == "en" else _PLAIN
    if plain.fullmatch(text) and is_currency(currency):
        return _plain_amount(text, currency.upper(), zero_is_unknown)
    return _read_amount_field(text, locale, currency, zero_is_unknown)


@lru_cache(maxsize=4_096)
def _plain_amount(text: str, currency: str, zero_is_unknown: bool) -> FieldReading:
    amount = Decimal(text.replace(",", ""))
    if zero_is_unknown and amount == 0:
        return FieldReading.model_construct(text=text, reason=_NOT_FINAL)
    money = Money.model_construct(amount=amount, currency=currency)
    return FieldReading.model_construct(text=text, money=money)


_NOT_FINAL = "0 marks an amount not known (not final)"


@lru_cache(maxsize=8_192)
def _read_amount_field(text: str, locale: str, currency: str, zero_is_unknown: bool) -> FieldReading:
    return read_amount_field(text, locale=locale, currency=currency, zero_is_unknown=zero_is_unknown)


@lru_cache(maxsize=_CACHE_SIZE)
def _articles(text: str) -> tuple[tuple[ArticleRef, ...], tuple[str, ...]]:
    reading = read_articles(text)
    return reading.refs, reading.unreadable


# ---------------------------------------------------------------------------------------------
# The record


@dataclass(frozen=True, slots=True)
class DatasetRecord:
    """One record of a dataset, as read: what could be read, and why the rest could not.

    Unlike a :class:`~gdprfine.cases.CaseRecord`, nothing is required: a tracker row with an
    unknown country, a date known only to the year or a fine of ``Unknown`` is still a record.
    """

    source: str
    """The format read (``cms``, ``privacyaffairs``, ``gdprhub``, ``csv``, ``jsonl``)."""
    row: int
    """The record's number in the file, from 1 (header lines not counted)."""
    id: str | None = None
    """The record's own identifier (CMS ``ETid-1``, Privacy Affairs ``id``), if any."""
    amount: FieldReading = field(default_factory=lambda: FieldReading(text="", reason="no amount stated"))
    """The fine as read: a Money in the currency written, a range, or the reason for none."""
    currency_assumed: bool = False
    """True when the fine is a bare number and the format does not say its currency."""
    articles: tuple[ArticleRef, ...] = ()
    """The article references read."""
    articles_unreadable: tuple[str, ...] = ()
    """The parts of the article field that are not references (``Unknown``)."""
    date: PartialDate | None = None
    """The decision date at the precision given, or None."""
    date_reason: str | None = None
    """Why there is no date, when there is none."""
    country: str | None = None
    """The authority's country as ISO 3166-1 alpha-2, when the name could be mapped."""
    country_text: str | None = None
    """The country as written (HTML stripped)."""
    authority: str | None = None
    controller: str | None = None
    sector: str | None = None
    type: str | None = None
    undertaking: bool | None = None
    """Whether the addressee is an undertaking; None when the dataset does not say."""
    error: str | None = None
    """Why the record as a whole could not be read; None for a record that could."""
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)
    """The fields as found in the file."""


_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _optional(value: object) -> str | None:
    text = _text(value).strip()
    return text or None


def _build(
    source: str,
    row: int,
    raw: Mapping[str, object],
    *,
    fine: str,
    articles: str,
    date_text: str,
    country: str,
    slashes: DateOrder = "iso",
    locale: str = "en",
    currency: str = "EUR",
    currency_known: bool = True,
    zero_is_unknown: bool = False,
    unknown_date: str | None = None,
    unknown_date_reason: str = "",
    **others: object,
) -> DatasetRecord:
    amount = read_amount(fine.strip(), locale=locale, currency=currency, zero_is_unknown=zero_is_unknown)
    refs, unreadable = _articles(articles) if articles.strip() else ((), ())
    date_text = date_text.strip()
    if unknown_date is not None and date_text == unknown_date:
        when = DateReading(None, unknown_date_reason)
    else:
        when = read_date(date_text, slashes=slashes)
    country_text = _country_text(country) or None
    undertaking_text = _text(others.pop("undertaking", None)).strip().casefold()
    return DatasetRecord(
        source=source,
        row=row,
        id=_optional(others.get("id")),
        amount=amount,
        currency_assumed=(not currency_known and amount.money is not None and not amount.mentions),
        articles=refs,
        articles_unreadable=unreadable,
        date=when.date,
        date_reason=when.reason,
        country=country_code(country_text) if country_text else None,
        country_text=country_text,
        authority=_optional(others.get("authority")),
        controller=_optional(others.get("controller")),
        sector=_optional(others.get("sector")),
        type=_optional(others.get("type")),
        undertaking=True if undertaking_text in _TRUE else False if undertaking_text in _FALSE else None,
        raw=raw,
    )


def _broken(source: str, row: int, reason: str, raw: Mapping[str, object] | None = None) -> DatasetRecord:
    return DatasetRecord(
        source=source,
        row=row,
        amount=FieldReading(text="", reason="the record cannot be read"),
        date_reason="the record cannot be read",
        error=reason,
        raw=raw or {},
    )


# ---------------------------------------------------------------------------------------------
# Opening files


Source = str | os.PathLike[str] | IO[str]


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


def _name(source: Source) -> str:
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "input"


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


def _table_records(
    source: Source,
    fmt: str,
    *,
    delimiter: str,
    required: Iterable[str],
    make: Callable[[int, dict[str, str]], DatasetRecord],
) -> Iterator[DatasetRecord]:
    with open_dataset(source) as handle, _field_limit():
        header, rows = _header(handle, _name(source), delimiter=delimiter, required=required)
        width = len(header)
        for number, (_, row) in enumerate(rows, 1):
            if isinstance(row, str):
                yield _broken(fmt, number, row)
                continue
            raw = dict(zip(header, row, strict=False))
            if len(row) != width:
                yield _broken(fmt, number, f"{len(row)} cells where the header has {width}", raw)
                continue
            yield make(number, raw)


# ---------------------------------------------------------------------------------------------
# The formats


CMS_FIELDS: tuple[str, ...] = (
    "", "id", "country", "authority", "date", "fine", "controller", "sector", "articles", "type",
    "summary", "source", "permalink",
)  # fmt: skip


def read_cms(source: Source) -> Iterator[DatasetRecord]:
    """Records of a CMS Enforcement Tracker export (JSON; read whole, yielded one by one).

    >>> import io
    >>> row = ["", "ETid-2", "<img alt='AUSTRIA'><br />AUSTRIA", "DSB", "2018", "1,800",
    ...        "Kebab restaurant", "Accomodation and Hospitalty", "Art. 5 GDPR, Art. 13 GDPR",
    ...        "Insufficient legal basis", "CCTV", "", ""]
    >>> (r,) = read_cms(io.StringIO(json.dumps({"data": [row]})))
    >>> r.id, r.country, str(r.date), r.date.precision, r.amount.money, len(r.articles)
    ('ETid-2', 'AT', '2018', 'year', Money('1800', 'EUR'), 2)
    """
    name = _name(source)
    with open_dataset(source) as handle:
        try:
            data = json.load(handle, parse_float=Decimal, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as error:
            raise DatasetError("file", name, f"not a JSON document: {error}") from error
    if isinstance(data, dict) and len(data) == 1:
        (data,) = data.values()
    if not isinstance(data, list):
        raise DatasetError("file", name, "a CMS export is a JSON object holding one list of rows")
    for number, row in enumerate(data, 1):
        if not isinstance(row, list) or len(row) < 10:
            yield _broken("cms", number, "not a row of the CMS export (a list of 13 fields)", {"row": row})
            continue
        raw = dict(zip(CMS_FIELDS, (_text(cell) for cell in row), strict=False))
        yield _build(
            "cms",
            number,
            raw,
            fine=raw["fine"],
            articles=raw["articles"],
            date_text=raw["date"],
            country=raw["country"],
            id=raw["id"],
            authority=raw["authority"],
            controller=raw["controller"],
            sector=raw["sector"],
            type=raw["type"],
        )


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")


PRIVACY_AFFAIRS_UNKNOWN_DATE = "01/01/1970"


def read_privacy_affairs(source: Source) -> Iterator[DatasetRecord]:
    """Records of the Privacy Affairs tracker (TSV, streamed).

    ``price`` is in EUR, ``0`` marks a fine not yet final; ``date`` is MM/DD/YYYY and
    ``01/01/1970`` marks an unknown date.
    """

    def make(number: int, raw: dict[str, str]) -> DatasetRecord:
        return _build(
            "privacyaffairs",
            number,
            raw,
            fine=raw["price"],
            articles=raw.get("article_violated", ""),
            date_text=raw.get("date", ""),
            country=raw.get("name", ""),
            slashes="mdy",
            zero_is_unknown=True,
            unknown_date=PRIVACY_AFFAIRS_UNKNOWN_DATE,
            unknown_date_reason="01/01/1970 marks an unknown date in Privacy Affairs",
            id=raw.get("id"),
            authority=raw.get("authority"),
            controller=raw.get("controller"),
            type=raw.get("type"),
        )

    yield from _table_records(
        source, "privacyaffairs", delimiter="\t", required=("price", "name", "date"), make=make
    )


def read_gdprhub(source: Source) -> Iterator[DatasetRecord]:
    """Records of GDPRhub's CSV export (streamed).

    A fine written as a bare number (``3000000``) has no stated currency: it is read as EUR and
    the record says the currency was assumed.

    >>> import io
    >>> text = ("Decision by,Case number/name,Jurisdiction,Date of decision,Relevant GDPR articles,"
    ...         "Relevant EU laws,Relevant national/other laws,Type of decision & outcome,Fine,"
    ...         "Parties,Contributor,Summary\\n"
    ...         "ANSPDCP,1/2020,Romania,17.03.2020,\\"5(1)(f), 32\\",,,Fine,10000 RON,Bank,,\\n")
    >>> (r,) = read_gdprhub(io.StringIO(text))
    >>> r.country, str(r.date), r.amount.money, [str(a) for a in r.articles]
    ('RO', '2020-03-17', Money('10000', 'RON'), ['Art. 5(1)(f)', 'Art. 32'])
    """

    def make(number: int, raw: dict[str, str]) -> DatasetRecord:
        return _build(
            "gdprhub",
            number,
            raw,
            fine=raw["Fine"],
            articles=raw.get("Relevant GDPR articles", ""),
            date_text=raw.get("Date of decision", ""),
            country=raw.get("Jurisdiction", ""),
            slashes="dmy",
            currency_known=False,
            id=raw.get("Case number/name"),
            authority=raw.get("Decision by"),
            controller=raw.get("Parties"),
            type=raw.get("Type of decision & outcome"),
        )

    yield from _table_records(
        source, "gdprhub", delimiter=",", required=("Fine", "Jurisdiction", "Date of decision"), make=make
    )


def _check_columns(columns: Mapping[str, str]) -> None:
    unknown = [key for key in columns if key not in COLUMN_FIELDS]
    if unknown:
        raise DatasetError(
            "column", unknown[0], f"a column mapping names one of {', '.join(COLUMN_FIELDS)}"
        )
    if "fine" not in columns:
        raise DatasetError("column", None, "map the fine column, e.g. fine=Amount")


def _mapped(
    fmt: str,
    number: int,
    raw: Mapping[str, object],
    columns: Mapping[str, str],
    *,
    locale: str,
    currency: str,
) -> DatasetRecord:
    values = {key: _text(raw.get(column)) for key, column in columns.items()}
    fine = values.pop("fine")
    stated_currency = values.pop("currency", "").strip().upper()
    if stated_currency and not is_currency(stated_currency):
        return _broken(fmt, number, f"currency: {stated_currency!r}: not an ISO 4217 code", raw)
    return _build(
        fmt,
        number,
        raw,
        fine=fine,
        articles=values.pop("articles", ""),
        date_text=values.pop("date", ""),
        country=values.pop("country", ""),
        locale=locale,
        currency=stated_currency or currency,
        currency_known=bool(stated_currency),
        id=values.get("id"),
        authority=values.get("authority"),
        controller=values.get("controller"),
        sector=values.get("sector"),
        type=values.get("type"),
        undertaking=values.get("undertaking"),
    )


def _check_options(locale: str, currency: str) -> None:
    from gdprfine.amounts import SUPPORTED_LOCALES

    if locale not in SUPPORTED_LOCALES:
        raise DatasetError("locale", locale, f"one of {', '.join(SUPPORTED_LOCALES)}")
    if not is_currency(currency.upper()):
        raise UnknownCurrency("currency", currency)


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
    _check_columns(columns)
    _check_options(locale, currency)
    wanted = tuple(columns.values())
    upper = currency.upper()

    def make(number: int, raw: dict[str, str]) -> DatasetRecord:
        return _mapped("csv", number, raw, columns, locale=locale, currency=upper)

    yield from _table_records(source, "csv", delimiter=delimiter, required=wanted, make=make)


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
    _check_columns(columns)
    _check_options(locale, currency)
    upper = currency.upper()
    decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=_refuse_constant)
    with open_dataset(source) as handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                value = decoder.decode(line)
            except (ValueError, RecursionError) as error:
                yield _broken("jsonl", number, f"not JSON: {error}", {"line": line.rstrip("\r\n")})
                continue
            if not isinstance(value, dict):
                yield _broken("jsonl", number, "not a JSON object", {"line": line.rstrip("\r\n")})
                continue
            yield _mapped("jsonl", number, value, columns, locale=locale, currency=upper)


def read_dataset(
    source: Source,
    fmt: Format,
    *,
    columns: Mapping[str, str] | None = None,
    locale: str = "en",
    currency: str = "EUR",
    delimiter: str = ",",
) -> Iterator[DatasetRecord]:
    """Records of a dataset in format *fmt* (one of :data:`FORMATS`).

    *columns*, *locale*, *currency* and *delimiter* apply to ``csv`` and ``jsonl``; the tracker
    formats fix their own. Errors that concern the whole file (it cannot be opened, a column is
    missing from the header, a bad option) are raised as :class:`DatasetError` before the first
    record.

    >>> next(read_dataset("no-such-file.csv", "csv", columns={"fine": "x"}))
    Traceback (most recent call last):
    ...
    gdprfine.errors.DatasetError: file: 'no-such-file.csv': No such file or directory
    """
    if fmt in ("csv", "jsonl"):
        if not columns:
            raise DatasetError("column", None, f"the {fmt} format needs a column mapping, e.g. fine=Amount")
        _check_columns(columns)
        _check_options(locale, currency)
        if fmt == "csv":
            return read_csv(source, columns, locale=locale, currency=currency, delimiter=delimiter)
        return read_jsonl(source, columns, locale=locale, currency=currency)
    if columns:
        raise DatasetError("column", None, f"the {fmt} format has fixed columns; a mapping is for csv and jsonl")
    readers: dict[str, Callable[[Source], Iterator[DatasetRecord]]] = {
        "cms": read_cms,
        "privacyaffairs": read_privacy_affairs,
        "gdprhub": read_gdprhub,
    }
    if fmt not in readers:
        raise DatasetError("format", fmt, f"one of {', '.join(FORMATS)}")
    return readers[fmt](source)
