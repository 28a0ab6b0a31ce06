"""The record every dataset reader yields, and the readers of its fields.

A :class:`DatasetRecord` holds what a record says, each field read on its own: the fine
(:func:`read_amount`), the articles, the date at the precision given (:func:`read_date`), the
country (:func:`country_code`). A field that cannot be read is kept with the reason; only a
record broken as a whole (:func:`broken_record`) has ``error`` set.

The format readers name the fields of a record with the keys of a column mapping (``fine``,
``articles``, ``date``, ``country``, ``id``, ...) and say how the format writes them
(:class:`Conventions`); :func:`build_record` reads the fields.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal, TypeVar

from gdprfine import countries
from gdprfine.amounts import AmountMention, FieldReading, read_amount_field
from gdprfine.articles import ArticleRef, read_articles
from gdprfine.datasets.parties import read_parties
from gdprfine.dates import PartialDate
from gdprfine.memo import remember
from gdprfine.money import Money, is_currency
from gdprfine.trusted import assembler, trusted

__all__ = [
    "CACHED_TEXT",
    "RECORD_FIELDS",
    "Conventions",
    "DatasetRecord",
    "DateOrder",
    "DateReading",
    "RecordReader",
    "broken_record",
    "build_record",
    "country_code",
    "read_amount",
    "read_date",
    "reader_for",
    "text_of",
]

CACHED_TEXT = 256
"""The longest field text the readers' caches keep: trackers repeat short values a lot, and a
longer text is read afresh each time, so that a cache never holds long keys."""
_MEMO_SIZE = 4_096
"""The most readings one field's memo of a :class:`RecordReader` holds; a full memo is emptied
and filled again, so that memory stays flat however many records are read."""
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
    if len(text) > CACHED_TEXT:
        return _read_date(text, slashes)
    return _cached_date(text, slashes)


def _read_date(text: str, slashes: DateOrder) -> DateReading:
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


_cached_date = lru_cache(maxsize=_MEMO_SIZE)(_read_date)


# ---------------------------------------------------------------------------------------------
# Countries


_TAG = re.compile(r"<[^>]*>")


def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name or code as trackers write it, or None.

    HTML is stripped (the CMS export writes a flag image before the name).

    >>> country_code("<img src='flag_spain.png' alt='SPAIN'><br />SPAIN"), country_code("Czech Republic")
    ('ES', 'CZ')
    >>> country_code("THE NETHERLANDS"), country_code("de"), country_code("Atlantis")
    ('NL', 'DE', None)
    """
    if len(text) > CACHED_TEXT:
        return _country_code(text)
    return _cached_country(text)


def _country_code(text: str) -> str | None:
    return countries.country_code(_TAG.sub(" ", text))


_cached_country = lru_cache(maxsize=4_096)(_country_code)


def _country_text(text: str) -> str:
    # No country is named in more than a few words: a longer cell is not read, only shown cut.
    if len(text) > CACHED_TEXT:
        return " ".join(text[:CACHED_TEXT].split()) + "…"
    return " ".join(_TAG.sub(" ", text).split())


# ---------------------------------------------------------------------------------------------
# Amounts and articles, cached (trackers repeat them a lot)


_PLAIN = re.compile(r"0|[1-9]\d{0,14}")
_PLAIN_EN = re.compile(r"(?:0|[1-9]\d{0,14}|[1-9]\d{0,2}(?:,\d{3}){1,4})(?:\.\d{1,2})?")
_PLAIN_CODED = re.compile(r"(0|[1-9]\d{0,14}) ([A-Z]{3})")
_TRACKER_CODES = frozenset({
    "EUR", "BGN", "CZK", "DKK", "HUF", "PLN", "RON", "SEK", "HRK", "ISK", "NOK", "CHF", "GBP", "USD",
})  # fmt: skip
"""The currencies of the European trackers' fines, read directly when written after a number
in digits (``10000 RON``): read so in every language, as tests check."""


def read_amount(
    text: str, *, locale: str = "en", currency: str = "EUR", zero_is_unknown: bool = False
) -> FieldReading:
    """:func:`gdprfine.amounts.read_amount_field` with a fast path for plain numbers, and a
    bounded cache for the rest (trackers repeat their odd values a lot).

    A number written with digits only (and, in English, ``,`` groups of three and up to two
    decimals), alone or followed by the code of a currency European trackers fine in
    (``10000 RON``), is read directly; it gives the same reading as the full reader.

    >>> read_amount("4,800") == read_amount_field("4,800", locale="en")
    True
    >>> read_amount("10000 RON").money
    Money('10000', 'RON')
    >>> read_amount("0", zero_is_unknown=True).reason
    '0 marks an amount not known (not final)'
    """
    if len(text) > CACHED_TEXT:
        return read_amount_field(text, locale=locale, currency=currency, zero_is_unknown=zero_is_unknown)
    key = (text, locale, currency, zero_is_unknown)
    reading = _AMOUNTS.get(key)
    if reading is None:
        reading = remember(_AMOUNTS, key, _read_amount(text, locale, currency, zero_is_unknown), _MEMO_SIZE)
    return reading


_AMOUNTS: dict[tuple[str, str, str, bool], FieldReading] = {}


def _read_amount(text: str, locale: str, currency: str, zero_is_unknown: bool) -> FieldReading:
    plain = _PLAIN_EN if locale == "en" else _PLAIN
    if plain.fullmatch(text) and is_currency(currency):
        amount = Decimal(text.replace(",", ""))
        if zero_is_unknown and amount == 0:
            return trusted(FieldReading, text=text, reason=_NOT_FINAL)
        money = _money({"amount": amount, "currency": currency.upper()})
        return _reading({"text": text, "money": money, "low": None, "high": None, "reason": None, "mentions": ()})
    coded = _PLAIN_CODED.fullmatch(text)
    if coded and coded[2] in _TRACKER_CODES and not (zero_is_unknown and coded[1] == "0") and is_currency(currency):
        money = _money({"amount": Decimal(coded[1]), "currency": coded[2]})
        mention = _mention({
            "money": money, "start": 0, "end": len(text), "text": text, "sure": True, "reason": None,
            "alternative": None, "bound": "exact", "hedge": None,
        })  # fmt: skip
        return _reading({"text": text, "money": money, "low": None, "high": None, "reason": None, "mentions": (mention,)})
    return read_amount_field(text, locale=locale, currency=currency, zero_is_unknown=zero_is_unknown)


_money = assembler(Money)
_mention = assembler(AmountMention)
_reading = assembler(FieldReading)


_NOT_FINAL = "0 marks an amount not known (not final)"

def _articles(text: str) -> tuple[tuple[ArticleRef, ...], tuple[str, ...]]:
    if not text.strip():
        return (), ()
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
    """The addressee(s) of the decision on one line (joined with ``; ``), read from the party
    cell by :func:`~gdprfine.datasets.parties.read_parties`; never a complainant."""
    other_parties: tuple[str, ...] = ()
    """The parties of the cell that are not addressees (a complainant, the sides of a court
    case whose addressee the cell does not say)."""
    sector: str | None = None
    type: str | None = None
    undertaking: bool | None = None
    """Whether the addressee is an undertaking; None when the dataset does not say."""
    turnover: Money | None = None
    """The undertaking's worldwide annual turnover, when the dataset states one that can be
    read as one amount (only a mapped ``csv`` or ``jsonl`` dataset can); None otherwise."""
    summary: str | None = None
    """The record's free-text summary, when the format has one."""
    locale: str = "en"
    """The language the record's texts (its summary) are written in."""
    error: str | None = None
    """Why the record as a whole could not be read; None for a record that could."""
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)
    """The fields as found in the file."""


_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})


def text_of(value: object) -> str:
    """A cell or JSON value as the text a field reader reads (``None`` is empty, a list is
    joined with commas, an object is written as JSON).

    >>> text_of(None), text_of(True), text_of(12), text_of(["Art. 5", "Art. 6"])
    ('', 'true', '12', 'Art. 5, Art. 6')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, list):
        return ", ".join(text_of(v) for v in value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _undertaking(text: str) -> bool | None:
    folded = text.strip().casefold()
    return True if folded in _TRUE else False if folded in _FALSE else None


@dataclass(frozen=True, slots=True)
class Conventions:
    """How a format writes its fields: the language and currency of amounts, the order of
    slashed dates, and the values that mark an unknown."""

    locale: str = "en"
    currency: str = "EUR"
    """The currency of a bare number."""
    currency_known: bool = True
    """False when the format does not say the currency of a bare number (it is assumed)."""
    slashes: DateOrder = "iso"
    zero_is_unknown: bool = False
    """Whether a fine of ``0`` marks an amount not known."""
    unknown_date: str | None = None
    """A date the format writes for "unknown" (Privacy Affairs' ``01/01/1970``)."""
    unknown_date_reason: str = ""


RECORD_FIELDS: tuple[str, ...] = (
    "fine", "articles", "date", "country", "id", "authority", "controller", "sector", "type",
    "undertaking", "summary",
)  # fmt: skip
"""The fields :func:`build_record` reads, in the order :meth:`RecordReader.read` takes their texts."""


def build_record(
    source: str,
    row: int,
    raw: Mapping[str, object],
    fields: Mapping[str, str],
    conventions: Conventions,
    *,
    turnover: Money | None = None,
) -> DatasetRecord:
    """Read a record from its *fields*: the texts of a record's fields (``fine``, ``articles``,
    ``date``, ``country``, ``id``, ``authority``, ``controller`` (the party cell), ``sector``, ``type``,
    ``undertaking``, ``summary``), a missing one being empty.

    >>> r = build_record("csv", 1, {}, {"fine": "4,800", "date": "2019", "country": "Malta"},
    ...                  Conventions())
    >>> r.amount.money, str(r.date), r.country, r.articles, r.undertaking
    (Money('4800', 'EUR'), '2019', 'MT', (), None)
    """
    texts = [fields.get(name, "") for name in RECORD_FIELDS]
    return reader_for(conventions).read(source, row, raw, texts, turnover)


class RecordReader:
    """Reads records whose fields are written in one format's :class:`Conventions`.

    Trackers repeat their values a lot (the same fine, article list, date and country on many
    records), so each field's reading is kept in a memo keyed by the text as found, and a text
    seen before is not read again. A reading is an immutable value and depends on its text (and
    the conventions) alone; what concerns a record as a whole is built afresh for each record.
    Each memo holds at most a few thousand readings of texts up to :data:`CACHED_TEXT`
    characters (a longer text is read afresh each time), so memory does not grow with the number
    of records.

    >>> reader = RecordReader(Conventions(zero_is_unknown=True))
    >>> r = reader.read("csv", 1, {}, ["0", "Art. 32 GDPR", "2021-03", "Malta"] + [""] * 7)
    >>> r.amount.reason, [str(a) for a in r.articles], str(r.date), r.country
    ('0 marks an amount not known (not final)', ['Art. 32 GDPR'], '2021-03', 'MT')
    """

    __slots__ = ("_amounts", "_dates", "conventions", "locale")

    def __init__(self, conventions: Conventions) -> None:
        self.conventions = conventions
        self.locale = conventions.locale
        self._amounts: dict[str, tuple[FieldReading, bool]] = {}
        self._dates: dict[str, DateReading] = {}

    def read(
        self,
        source: str,
        row: int,
        raw: Mapping[str, object],
        texts: Sequence[object],
        turnover: Money | None = None,
    ) -> DatasetRecord:
        """Record *row* of a dataset in format *source*: *texts* are the fields of
        :data:`RECORD_FIELDS` in that order (a cell or JSON value, ``None`` when absent, read
        as :func:`text_of` writes it); *raw* is kept as the record's ``raw``."""
        fine, articles, when, country, id_, authority, party, sector, kind, undertaking, summary = [
            text if type(text) is str else text_of(text) for text in texts
        ]  # fmt: skip
        record = _OpenRecord()
        record.source = source
        record.row = row
        record.id = id_.strip() or None
        record.amount, record.currency_assumed = self._amounts.get(fine) or self._amount(fine)
        record.articles, record.articles_unreadable = (
            _ARTICLES.get(articles) or _memo_read(_ARTICLES, _articles, articles)
        )  # fmt: skip
        date_reading = self._dates.get(when) or self._date(when)
        record.date = date_reading.date
        record.date_reason = date_reading.reason
        record.country, record.country_text = (
            _COUNTRIES.get(country) or _memo_read(_COUNTRIES, _country, country)
        )  # fmt: skip
        record.authority = authority.strip() or None
        record.controller, record.other_parties = (
            _PARTIES.get(party) or _memo_read(_PARTIES, _parties, party)
        )  # fmt: skip
        record.sector = sector.strip() or None
        record.type = kind.strip() or None
        record.undertaking = _undertaking(undertaking) if undertaking else None
        record.turnover = turnover
        record.summary = summary.strip() or None
        record.locale = self.locale
        record.error = None
        record.raw = raw
        record.__class__ = DatasetRecord  # type: ignore[assignment]
        return record  # type: ignore[return-value]

    def _amount(self, text: str) -> tuple[FieldReading, bool]:
        # The reading is kept in this memo alone, not also in read_amount's.
        c = self.conventions
        amount = _read_amount(text.strip(), c.locale, c.currency, c.zero_is_unknown)
        reading = (amount, not c.currency_known and amount.money is not None and not amount.mentions)
        return reading if len(text) > CACHED_TEXT else remember(self._amounts, text, reading, _MEMO_SIZE)

    def _date(self, text: str) -> DateReading:
        c = self.conventions
        clean = text.strip()
        if c.unknown_date is not None and clean == c.unknown_date:
            reading = DateReading(None, c.unknown_date_reason)
        else:
            reading = _read_date(clean, c.slashes)
        return reading if len(text) > CACHED_TEXT else remember(self._dates, text, reading, _MEMO_SIZE)


_R = TypeVar("_R")


def _memo_read(memo: dict[str, _R], read: Callable[[str], _R], text: str) -> _R:
    reading = read(text)
    return reading if len(text) > CACHED_TEXT else remember(memo, text, reading, _MEMO_SIZE)


def _country(text: str) -> tuple[str | None, str | None]:
    shown = _country_text(text) or None
    return (_country_code(shown) if shown and len(shown) <= CACHED_TEXT else None), shown


def _parties(cell: str) -> tuple[str | None, tuple[str, ...]]:
    if not cell:
        return None, ()
    parties = read_parties(cell)
    return "; ".join(parties.addressees) or None, parties.others


_ARTICLES: dict[str, tuple[tuple[ArticleRef, ...], tuple[str, ...]]] = {}
_COUNTRIES: dict[str, tuple[str | None, str | None]] = {}
_PARTIES: dict[str, tuple[str | None, tuple[str, ...]]] = {}
_READERS: dict[Conventions, RecordReader] = {}


def reader_for(conventions: Conventions) -> RecordReader:
    """The :class:`RecordReader` of *conventions*, one for each Conventions value (its memos are
    shared by every reading in these conventions).

    >>> reader_for(Conventions(locale="de")) is reader_for(Conventions(locale="de"))
    True
    """
    reader = _READERS.get(conventions)
    if reader is None:
        reader = remember(_READERS, conventions, RecordReader(conventions), 64)
    return reader


class _OpenRecord:
    """A :class:`DatasetRecord`'s slots without its frozen ``__setattr__``: a record is filled
    in as one of these, then made a DatasetRecord by setting its class (Python allows it
    between classes with the same slots). The frozen dataclass's ``__init__`` sets each of the
    22 fields through ``object.__setattr__``, at several times the cost per record."""

    __slots__ = DatasetRecord.__slots__
    source: str
    row: int
    id: str | None
    amount: FieldReading
    currency_assumed: bool
    articles: tuple[ArticleRef, ...]
    articles_unreadable: tuple[str, ...]
    date: PartialDate | None
    date_reason: str | None
    country: str | None
    country_text: str | None
    authority: str | None
    controller: str | None
    other_parties: tuple[str, ...]
    sector: str | None
    type: str | None
    undertaking: bool | None
    turnover: Money | None
    summary: str | None
    locale: str
    error: str | None
    raw: Mapping[str, object]


def broken_record(
    source: str, row: int, reason: str, raw: Mapping[str, object] | None = None
) -> DatasetRecord:
    """A record that cannot be read as a whole, with the *reason* in ``error``."""
    return DatasetRecord(
        source=source,
        row=row,
        amount=FieldReading(text="", reason="the record cannot be read"),
        date_reason="the record cannot be read",
        error=reason,
        raw=raw or {},
    )
