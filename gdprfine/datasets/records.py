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
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from gdprfine import countries
from gdprfine.amounts import FieldReading, read_amount_field
from gdprfine.articles import ArticleRef, read_articles
from gdprfine.datasets.parties import Parties, read_parties
from gdprfine.dates import PartialDate
from gdprfine.money import Money, is_currency

__all__ = [
    "CACHED_TEXT",
    "Conventions",
    "DatasetRecord",
    "DateOrder",
    "DateReading",
    "broken_record",
    "build_record",
    "country_code",
    "read_amount",
    "read_date",
    "text_of",
]

_CACHE_SIZE = 65_536
CACHED_TEXT = 256
"""The longest field text the readers' caches keep: trackers repeat short values a lot, and a
longer text is read afresh each time, so that a cache never holds long keys."""
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


_cached_date = lru_cache(maxsize=_CACHE_SIZE)(_read_date)


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
    if len(text) <= CACHED_TEXT and plain.fullmatch(text) and is_currency(currency):
        return _plain_amount(text, currency.upper(), zero_is_unknown)
    if len(text) > CACHED_TEXT:
        return read_amount_field(text, locale=locale, currency=currency, zero_is_unknown=zero_is_unknown)
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


def _articles(text: str) -> tuple[tuple[ArticleRef, ...], tuple[str, ...]]:
    reading = read_articles(text)
    return reading.refs, reading.unreadable


_cached_articles = lru_cache(maxsize=_CACHE_SIZE)(_articles)


def _article_refs(text: str) -> tuple[tuple[ArticleRef, ...], tuple[str, ...]]:
    return _articles(text) if len(text) > CACHED_TEXT else _cached_articles(text)


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


def _optional(value: str | None) -> str | None:
    text = text_of(value).strip()
    return text or None


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


_NO_PARTIES = Parties((), ())


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
    c = conventions
    amount = read_amount(
        fields.get("fine", "").strip(), locale=c.locale, currency=c.currency,
        zero_is_unknown=c.zero_is_unknown,
    )  # fmt: skip
    articles = fields.get("articles", "")
    refs, unreadable = _article_refs(articles) if articles.strip() else ((), ())
    date_text = fields.get("date", "").strip()
    if c.unknown_date is not None and date_text == c.unknown_date:
        when = DateReading(None, c.unknown_date_reason)
    else:
        when = read_date(date_text, slashes=c.slashes)
    country_text = _country_text(fields.get("country", "")) or None
    party_cell = fields.get("controller", "")
    parties = read_parties(party_cell) if party_cell else _NO_PARTIES
    return DatasetRecord(
        source=source,
        row=row,
        id=_optional(fields.get("id")),
        amount=amount,
        currency_assumed=(not c.currency_known and amount.money is not None and not amount.mentions),
        articles=refs,
        articles_unreadable=unreadable,
        date=when.date,
        date_reason=when.reason,
        country=country_code(country_text) if country_text and len(country_text) <= CACHED_TEXT else None,
        country_text=country_text,
        authority=_optional(fields.get("authority")),
        controller="; ".join(parties.addressees) or None,
        other_parties=parties.others,
        sector=_optional(fields.get("sector")),
        type=_optional(fields.get("type")),
        undertaking=_undertaking(fields.get("undertaking", "")),
        turnover=turnover,
        summary=_optional(fields.get("summary")),
        locale=c.locale,
        raw=raw,
    )


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
