"""Reconcile two tracker exports: the records of the same decision, and where they differ.

Two exports of enforcement trackers (any two of the :mod:`gdprfine.datasets` formats) list many
of the same decisions. :func:`reconcile` pairs the records that describe the same decision and
says, for each pair, whether the two trackers agree; a record with no counterpart is reported
as only in its export. Trackers correct each other: a fine written ten times too large in one
is often right in the other.

**Candidates.** Two records can be paired only when they name the same country (a country
that cannot be read is compared as written, and a record with none only with records that have
none), and, when both give a
date, the dates lie at most :attr:`ReconcileOptions.date_tolerance_days` apart. A partial date
(``2020-05``, ``2020``) is the period it designates: ``2020-05`` is 0 days from ``2020-05-17``.

**The score** of a candidate pair is the weighted sum of five components, each from 0 to 1
(weights :data:`DEFAULT_WEIGHTS`, summing to 1; every match shows each component, its weight,
its points and why):

- ``amount``: 1 for the same amount (in the same currency, or in EUR within
  :attr:`ReconcileOptions.fx_tolerance` when the currencies differ, converted by the project's
  fine-rate rule, :data:`gdprfine.fx.FINE_RATE_RULE`); 0.5 when one is the other times a power of
  ten (a slipped decimal point or lost thousands); otherwise the smaller divided by the larger.
  A fine of 0 (trackers write it for an annulled or not yet final fine) is no evidence either
  way.
- ``date``: 1 for the same day, falling linearly to 0 at the tolerance; a date known only to
  the month counts at most 0.8, only to the year at most 0.5 (a year is weak evidence).
- ``party``: the similarity of the controller names after normalising case, accents,
  punctuation and legal-form suffixes (GmbH, S.A., Ltd, S.r.l., B.V., ...): the larger of
  difflib's matching-characters ratio and 0.9 times the share of the shorter name's words that
  the other name contains ("Vodafone" in "Vodafone España S.A.U.").
- ``authority``: the same similarity for the authority names.
- ``source``: 1 when both records cite the same source link (the ``source`` field of a CMS or
  Privacy Affairs record, or a mapped column named ``source``); different links are no evidence
  either way (one tracker cites the press, the other the decision).

A component that one record does not state (no amount read, no date, no party) counts
:data:`UNKNOWN_VALUE`: neither for nor against. Pairs scoring below
:attr:`ReconcileOptions.min_score` are not matched.

**Assignment** is one-to-one and greedy: every candidate pair at or above the minimum score is
sorted by score (highest first; ties by A's row, then B's row) and taken unless one of its
records is already matched. A match whose record had another candidate of the same score is
``ambiguous``: the choice between them is arbitrary. To keep memory bounded, each record of the indexed export (the
smaller file) keeps only its :attr:`ReconcileOptions.candidates` best candidates; the other
export is streamed.

**A match's differences**: ``amount`` (both read and different, or read in only one),
``currency``, ``date`` (different days, or a date in only one; a month or year containing the
other's day is not a difference) and ``articles`` (the sets of cited article numbers differ;
paragraph and point are not compared, trackers cite at different depths). A match with no
difference is ``agreed``, with one ``disagreeing``.

>>> import io
>>> header = "id\\tpicture\\tname\\tprice\\tauthority\\tdate\\tcontroller\\tarticle_violated\\ttype\\tsource\\tsummary\\n"
>>> a = io.StringIO(header + "1\\t\\tPoland\\t9380\\tUODO\\t10/18/2019\\tPolish Mayor\\tArt. 28 GDPR\\t\\t\\t\\n")
>>> b = io.StringIO(header + "7\\t\\tPoland\\t938\\tUODO\\t10/18/2019\\tpolish mayor\\tArt. 28 GDPR\\t\\t\\t\\n")
>>> (entry,) = reconcile(Export(a, "privacyaffairs"), Export(b, "privacyaffairs"))
>>> entry.kind, str(entry.score), [d.field for d in entry.differences]
('disagreeing', '0.775', ['amount'])
>>> [(c.name, str(c.value)) for c in entry.components]
[('amount', '0.500'), ('date', '1.000'), ('party', '1.000'), ('authority', '1.000'), ('source', '0.500')]
"""

from __future__ import annotations

import heapq
import os
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from gdprfine import fx
from gdprfine.articles import ArticleRef
from gdprfine.datasets import (
    FORMATS,
    DatasetRecord,
    Format,
    Source,
    open_dataset,
    read_dataset,
    undecodable,
)
from gdprfine.dates import PartialDate
from gdprfine.errors import DatasetError, FxError, InvalidInput
from gdprfine.money import OPERATIONS, Money

__all__ = [
    "DEFAULT_WEIGHTS",
    "KINDS",
    "LEGAL_FORMS",
    "PLACEHOLDER_NAMES",
    "UNKNOWN_VALUE",
    "Component",
    "Difference",
    "Entry",
    "Export",
    "Kind",
    "ReconcileOptions",
    "ReconcileSummary",
    "detect_format",
    "name_similarity",
    "normalise_name",
    "options_json",
    "reconcile",
    "record_json",
    "score_pair",
]

Kind = Literal["agreed", "disagreeing", "only-a", "only-b"]
KINDS: tuple[Kind, ...] = ("agreed", "disagreeing", "only-a", "only-b")
"""What an entry of a reconciliation is: a match (agreed or disagreeing) or an unmatched record."""

DEFAULT_WEIGHTS: Mapping[str, Decimal] = {
    "amount": Decimal("0.30"),
    "date": Decimal("0.25"),
    "party": Decimal("0.25"),
    "authority": Decimal("0.05"),
    "source": Decimal("0.15"),
}
"""The weight of each score component (they sum to 1)."""

UNKNOWN_VALUE = Decimal("0.5")
"""The value of a component that one of the two records does not state."""

_PLACES = Decimal("0.001")
_WORDS_FACTOR = Decimal("0.9")
_ONE = Decimal(1)
_ZERO = Decimal(0)
_PRECISION_CAP = {"day": Decimal(1), "month": Decimal("0.8"), "year": Decimal("0.5")}
_PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}


def _q(value: Decimal) -> Decimal:
    return value.quantize(_PLACES, rounding=ROUND_HALF_EVEN, context=OPERATIONS)


# ---------------------------------------------------------------------------------------------
# Options and inputs


@dataclass(frozen=True, slots=True)
class ReconcileOptions:
    """How records are matched.

    >>> ReconcileOptions(min_score=Decimal("1.5"))
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidInput: min_score: Decimal('1.5'): a score from 0 to 1
    """

    date_tolerance_days: int = 31
    """The most days two dates of the same decision may lie apart."""
    min_score: Decimal = Decimal("0.6")
    """The lowest score of a match."""
    fx_tolerance: Decimal = Decimal("0.05")
    """How far apart (a share of the larger) two amounts in different currencies may be, once
    both are in EUR, and still count as the same amount (trackers convert at their own rates)."""
    candidates: int = 8
    """How many best candidates each record of the indexed export keeps."""
    weights: Mapping[str, Decimal] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    def __post_init__(self) -> None:
        if not 0 <= self.date_tolerance_days <= 3660:
            raise InvalidInput(
                "date_tolerance_days", self.date_tolerance_days, "from 0 to 3660 days"
            )
        if not _decimal_in(self.min_score, _ONE):
            raise InvalidInput("min_score", self.min_score, "a score from 0 to 1")
        if not _decimal_in(self.fx_tolerance, _ONE) or self.fx_tolerance == 1:
            raise InvalidInput("fx_tolerance", self.fx_tolerance, "a share from 0 to below 1")
        if self.candidates < 1:
            raise InvalidInput("candidates", self.candidates, "at least 1")
        if set(self.weights) != set(DEFAULT_WEIGHTS):
            raise InvalidInput(
                "weights",
                ",".join(self.weights),
                f"one weight each for {', '.join(DEFAULT_WEIGHTS)}",
            )
        weights = list(self.weights.values())
        if not all(_decimal_in(weight, _ONE) for weight in weights) or _total(weights) != 1:
            raise InvalidInput(
                "weights", _weights_text(self.weights), "non-negative weights that sum to 1"
            )


def _total(values: list[Decimal]) -> Decimal:
    total = _ZERO
    for value in values:
        total = OPERATIONS.add(total, value)
    return total


def _decimal_in(value: object, high: Decimal) -> bool:
    """Whether *value* is a finite Decimal from 0 to *high* (a float is refused)."""
    return isinstance(value, Decimal) and value.is_finite() and _ZERO <= value <= high


def _weights_text(weights: Mapping[str, Decimal]) -> str:
    return ",".join(f"{name}={value}" for name, value in weights.items())


@dataclass(frozen=True, slots=True)
class Export:
    """One export to reconcile: a file (or an open text stream) and how to read it.

    *fmt* is one of :data:`gdprfine.datasets.FORMATS`, or ``auto`` (a file only) to recognise
    a CMS export, a Privacy Affairs TSV or a GDPRhub CSV by its content (:func:`detect_format`).
    *columns*, *locale*, *currency* and *delimiter* are for ``csv`` and ``jsonl``.
    """

    source: Source
    fmt: str = "auto"
    columns: Mapping[str, str] = field(default_factory=dict)
    locale: str = "en"
    currency: str = "EUR"
    delimiter: str = ","
    encoding: str = "utf-8"

    @property
    def name(self) -> str:
        """The export's name in reports: its path, or ``input``."""
        if isinstance(self.source, str | os.PathLike):
            return os.fspath(self.source)
        named = getattr(self.source, "name", None)
        return named if isinstance(named, str) else "input"

    def format(self) -> Format:
        """The format to read the export in (recognised when ``auto``)."""
        if self.fmt == "auto":
            if not isinstance(self.source, str | os.PathLike):
                raise DatasetError(
                    "format", "auto", "a stream's format cannot be recognised; name it"
                )
            return detect_format(self.source, self.encoding)
        for known in FORMATS:
            if self.fmt == known:
                return known
        raise DatasetError("format", self.fmt, f"one of auto, {', '.join(FORMATS)}")

    def records(self) -> Iterator[DatasetRecord]:
        """The export's records (errors about the whole file are raised here, not later)."""
        fmt = self.format()
        records = read_dataset(
            self.source, fmt, columns=self.columns or None, locale=self.locale,
            currency=self.currency, delimiter=self.delimiter, encoding=self.encoding,
        )  # fmt: skip
        first = next(records, None)
        return _chain(first, records)


def _chain(first: DatasetRecord | None, rest: Iterator[DatasetRecord]) -> Iterator[DatasetRecord]:
    if first is None:
        return
    yield first
    yield from rest


_SNIFF_CHARS = 65_536
_CMS_START = re.compile(r'\{\s*"[^"\n]{0,200}"\s*:\s*\[')


def detect_format(path: str | os.PathLike[str], encoding: str = "utf-8") -> Format:
    """The tracker format of the file at *path*, from its first characters: a JSON object whose
    first key holds a list is a CMS export, a tab-separated header with ``price`` and ``name`` is Privacy Affairs, a CSV
    header with ``Fine`` and ``Jurisdiction`` is GDPRhub. Anything else is a
    :class:`~gdprfine.errors.DatasetError` asking for the format.

    >>> detect_format("no-such-file.tsv")
    Traceback (most recent call last):
    ...
    gdprfine.errors.DatasetError: file: 'no-such-file.tsv': No such file or directory
    """
    with open_dataset(path, encoding) as handle:
        try:
            head = handle.read(_SNIFF_CHARS)
        except UnicodeError as error:
            raise DatasetError("file", os.fspath(path), undecodable(error, handle)) from None
    text = head.lstrip()
    if _CMS_START.match(text):
        return "cms"
    first = text.split("\n", 1)[0].rstrip("\r")
    cells = {cell.strip().strip('"') for cell in first.split("\t")}
    if {"price", "name", "date"} <= cells:
        return "privacyaffairs"
    cells = {cell.strip().strip('"') for cell in first.split(",")}
    if {"Fine", "Jurisdiction", "Date of decision"} <= cells:
        return "gdprhub"
    raise DatasetError(
        "format", os.fspath(path),
        f"not recognised as a tracker export; name its format ({', '.join(FORMATS)})",
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Names


LEGAL_FORMS: frozenset[str] = frozenset(
    [
        "ab",
        "ad",
        "ae",
        "ag",
        "aps",
        "as",
        "asa",
        "asbl",
        "bt",
        "bv",
        "bvba",
        "co",
        "corp",
        "corporation",
        "cv",
        "cvba",
        "dd",
        "doo",
        "ead",
        "eood",
        "ehf",
        "epe",
        "ev",
        "gmbh",
        "hf",
        "ike",
        "inc",
        "incorporated",
        "kft",
        "kg",
        "kgaa",
        "kkt",
        "lda",
        "limited",
        "llc",
        "llp",
        "lp",
        "ltd",
        "mbh",
        "nv",
        "nyrt",
        "oe",
        "ohf",
        "ohg",
        "ood",
        "oy",
        "oyj",
        "plc",
        "rl",
        "sa",
        "sae",
        "sarl",
        "sas",
        "sau",
        "scrl",
        "se",
        "sia",
        "sl",
        "sll",
        "slu",
        "snc",
        "spa",
        "spzoo",
        "sprl",
        "srl",
        "srls",
        "sro",
        "uab",
        "ug",
        "vof",
        "vzw",
        "zrt",
    ]
)
"""Legal-form abbreviations dropped from party names before they are compared, as they read
once case, accents and punctuation are gone (``S.à r.l.`` is ``sa rl``, ``Sp. z o.o.`` is
``spzoo``): a selection of the forms trackers write, from the ISO 20275 list of entity legal
forms. They say nothing about which company is meant."""

PLACEHOLDER_NAMES: frozenset[str] = frozenset(
    {
        "unknown",
        "unknwon",
        "unknown company",
        "not disclosed",
        "undisclosed",
        "not available",
        "n a",
        "na",
        "anonymous",
        "none",
    }
)
"""Party names (as normalised) that trackers write for a party they do not name: compared as no
name at all, never as a match of two parties."""

_PUNCTUATION = re.compile(r"[^\w]+")
_SP_Z_OO = re.compile(r"\bsp\s*z\s*o\s*o\b")


@lru_cache(maxsize=16_384)
def normalise_name(text: str | None) -> str:
    """A party or authority name as compared: accents, case, punctuation and legal forms gone,
    runs of single letters joined (``S. A.`` is ``sa``).

    >>> normalise_name("Vodafone España, S.A.U."), normalise_name("Amazon Europe Core S.à r.l.")
    ('vodafone espana', 'amazon europe core')
    >>> normalise_name("Fastweb S.p.A."), normalise_name("ING Bank Śląski Sp. z o.o.")
    ('fastweb', 'ing bank slaski')
    >>> normalise_name("GmbH")
    'gmbh'
    """
    if not text:
        return ""
    folded = unicodedata.normalize(
        "NFKD", text[:500].replace("ß", "ss").replace("ł", "l").replace("Ł", "L")
    )
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = _SP_Z_OO.sub(" spzoo ", folded.replace(".", ""))
    tokens: list[str] = []
    for token in _PUNCTUATION.sub(" ", folded.replace("_", " ")).split():
        if len(token) == 1 and tokens and len(tokens[-1]) == 1 + tokens[-1].count("\0"):
            tokens[-1] += "\0" + token
        else:
            tokens.append(token)
    joined = [token.replace("\0", "") for token in tokens]
    kept = [token for token in joined if token not in LEGAL_FORMS]
    return " ".join(kept or joined)


@lru_cache(maxsize=65_536)
def _similarity(x: str, y: str) -> Decimal:
    if x == y:
        return _ONE
    matched = sum(
        block.size for block in SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
    )
    ratio = OPERATIONS.divide(Decimal(2 * matched), Decimal(len(x) + len(y)))
    words_x, words_y = set(x.split()), set(y.split())
    shared = OPERATIONS.divide(
        Decimal(len(words_x & words_y)), Decimal(min(len(words_x), len(words_y)))
    )
    return _q(max(ratio, OPERATIONS.multiply(shared, _WORDS_FACTOR)))


def name_similarity(a: str | None, b: str | None) -> Decimal | None:
    """How alike two names are, from 0 to 1 (three places), after :func:`normalise_name`; None
    when either is empty. Symmetric.

    >>> name_similarity("Google LLC", "GOOGLE"), name_similarity("Vodafone Espana SAU", "Vodafone")
    (Decimal('1.000'), Decimal('0.900'))
    >>> name_similarity("Bank A", "Hotel B") < Decimal("0.5"), name_similarity("", "x")
    (True, None)
    """
    x, y = normalise_name(a), normalise_name(b)
    if not x or not y:
        return None
    low, high = sorted((x, y))
    return _q(_similarity(low, high))


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass(frozen=True, slots=True)
class Component:
    """One part of a match's score: its value (0 to 1), its weight, the points it gives."""

    name: str
    value: Decimal
    weight: Decimal
    note: str

    @property
    def points(self) -> Decimal:
        """The value times the weight."""
        return _q(OPERATIONS.multiply(self.value, self.weight))

    def json_dict(self) -> dict[str, str]:
        """The component as JSON-ready strings."""
        return {
            "name": self.name, "value": str(self.value), "weight": str(self.weight),
            "points": str(self.points), "note": self.note,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A record with what matching reads of it, computed once."""

    record: DatasetRecord
    key: str | None
    party: str
    authority: str
    articles: frozenset[str]
    links: frozenset[str]

    @classmethod
    def of(cls, record: DatasetRecord) -> _Prepared:
        key = record.country or (" ".join((record.country_text or "").casefold().split()) or None)
        return cls(
            record, key, _party(record.controller), normalise_name(record.authority),
            _article_numbers(record.articles), _links(record),
        )  # fmt: skip


_URL = re.compile(r"https?://([^\s'\"<>]+)", re.IGNORECASE)


def _links(record: DatasetRecord) -> frozenset[str]:
    """The source links a record cites (its raw ``source`` field: a URL, or HTML with links),
    without scheme, ``www.`` and trailing slash, in lower case."""
    text = record.raw.get("source")
    if not isinstance(text, str) or not text:
        return frozenset()
    found = set()
    for match in _URL.finditer(text[:4_000]):
        link = match[1].casefold().rstrip("/")
        found.add(link.removeprefix("www."))
    return frozenset(found)


def _party(text: str | None) -> str:
    name = normalise_name(text)
    return "" if name in PLACEHOLDER_NAMES else name


def _article_numbers(refs: tuple[ArticleRef, ...]) -> frozenset[str]:
    return frozenset(
        f"{'§' if ref.section_sign else 'Art.'} {ref.article}{'-' + ref.suffix if ref.suffix else ''}"
        for ref in refs
    )


def _gap_days(a: PartialDate, b: PartialDate) -> int:
    a_start, a_end = a.period()
    b_start, b_end = b.period()
    return max(0, (b_start - a_end).days, (a_start - b_end).days)


def _date_component(
    a: PartialDate | None, b: PartialDate | None, tolerance: int
) -> tuple[Decimal, str] | None:
    """The date value and its note, or None when the dates are too far apart to match."""
    if a is None or b is None:
        return UNKNOWN_VALUE, "no date in " + (
            "A and B" if a is None and b is None else "A" if a is None else "B"
        )
    gap = _gap_days(a, b)
    if gap > tolerance:
        return None
    coarser = min(a.precision, b.precision, key=_PRECISION_ORDER.__getitem__)
    share = OPERATIONS.divide(Decimal(gap), Decimal(tolerance + 1))
    value = OPERATIONS.multiply(_PRECISION_CAP[coarser], OPERATIONS.subtract(_ONE, share))
    note = (
        "same day"
        if gap == 0 and coarser == "day"
        else f"{gap} days apart"
        if gap
        else f"within the same {coarser}"
    )
    return _q(value), note


def _in_euro(money: Money, when: PartialDate | None) -> Money | None:
    if money.currency == "EUR":
        return money
    try:
        rate = fx.fine_rate(money.currency, "EUR", when)
    except FxError:
        return None
    return None if rate is None else rate.convert(money)


def _power_of_ten(low: Decimal, high: Decimal) -> int | None:
    if low <= 0:
        return None
    ratio = OPERATIONS.divide(high, low)
    if ratio == ratio.to_integral_value() and ratio > 1:
        digits = str(ratio.normalize())
        if re.fullmatch(r"1E\+\d+|10*", digits):
            return len(str(int(ratio))) - 1
    return None


def _amount_component(
    a: DatasetRecord, b: DatasetRecord, fx_tolerance: Decimal
) -> tuple[Decimal, str]:
    x, y = a.amount.money, b.amount.money
    if x is None or y is None:
        return UNKNOWN_VALUE, "no amount read in " + (
            "A and B" if x is None and y is None else "A" if x is None else "B"
        )
    converted = x.currency != y.currency
    if converted:
        x_eur, y_eur = _in_euro(x, a.date or b.date), _in_euro(y, b.date or a.date)
        if x_eur is None or y_eur is None:
            return UNKNOWN_VALUE, f"{x.currency} and {y.currency}: not both converted to EUR"
        x, y = x_eur, y_eur
    note = " (in EUR at the ECB rate)" if converted else ""
    low, high = sorted((x.amount, y.amount))
    if low == high:
        return _ONE, "same amount" + note
    if low == 0:
        return (
            UNKNOWN_VALUE,
            "one tracker gives 0 (no fine, not final or annulled): no evidence either way",
        )
    share = OPERATIONS.divide(low, high) if high > 0 else _ZERO
    if converted and OPERATIONS.subtract(_ONE, share) <= fx_tolerance:
        return (
            _ONE,
            f"within {OPERATIONS.multiply(fx_tolerance, Decimal(100)).normalize(OPERATIONS):f} %{note}",
        )
    power = _power_of_ten(low, high)
    if power is not None:
        return Decimal("0.5"), f"one is 10^{power} times the other{note}"
    if _q(share) == 1:
        return Decimal("0.999"), f"they differ by {high - low} (less than 0.1 %){note}"
    return _q(share), f"the smaller is {_q(share)} of the larger{note}"


def _named_component(x: str, y: str, what: str) -> tuple[Decimal, str]:
    if not x or not y:
        return UNKNOWN_VALUE, f"no {what} in " + (
            "A and B" if not x and not y else "A" if not x else "B"
        )
    low, high = sorted((x, y))
    value = _similarity(low, high)
    return value, "same name" if value == 1 else f"names {low!r} and {high!r}"


def _source_component(x: frozenset[str], y: frozenset[str]) -> tuple[Decimal, str]:
    shared = x & y
    if shared:
        return _ONE, f"both cite {min(shared)[:80]}"
    if not x or not y:
        return UNKNOWN_VALUE, "no source link in " + (
            "A and B" if not x and not y else "A" if not x else "B"
        )
    return UNKNOWN_VALUE, "different source links (no evidence either way)"


def _score(
    a: _Prepared, b: _Prepared, options: ReconcileOptions
) -> tuple[Decimal, tuple[Component, ...]] | None:
    if a.key != b.key:
        return None
    when = _date_component(a.record.date, b.record.date, options.date_tolerance_days)
    if when is None:
        return None
    found = {
        "amount": _amount_component(a.record, b.record, options.fx_tolerance),
        "date": when,
        "party": _named_component(a.party, b.party, "party"),
        "authority": _named_component(a.authority, b.authority, "authority"),
        "source": _source_component(a.links, b.links),
    }
    parts = tuple(
        Component(name, _q(value), options.weights[name], note)
        for name, (value, note) in found.items()
    )
    return _q(_total([OPERATIONS.multiply(part.value, part.weight) for part in parts])), parts


def score_pair(
    a: DatasetRecord, b: DatasetRecord, options: ReconcileOptions | None = None
) -> tuple[Decimal, tuple[Component, ...]] | None:
    """The score of a pair of records and its components, or None when they cannot be the same
    decision (another country, dates further apart than the tolerance). Broken records are
    never scored.

    >>> from gdprfine.datasets import read_amount
    >>> a = DatasetRecord(source="csv", row=1, country="IE", amount=read_amount("225000000"),
    ...                   date=PartialDate(2021, 9, 2), controller="WhatsApp Ireland Ltd.")
    >>> b = DatasetRecord(source="csv", row=1, country="IE", amount=read_amount("225000000"),
    ...                   date=PartialDate(2021, 9), controller="WhatsApp Ireland Limited")
    >>> score, parts = score_pair(a, b)
    >>> str(score), [(p.name, str(p.value), str(p.weight), str(p.points)) for p in parts][:2]
    ('0.850', [('amount', '1.000', '0.30', '0.300'), ('date', '0.800', '0.25', '0.200')])
    >>> score_pair(a, DatasetRecord(source="csv", row=2, country="FR")) is None
    True
    """
    if a.error is not None or b.error is not None:
        return None
    return _score(_Prepared.of(a), _Prepared.of(b), options or ReconcileOptions())


# ---------------------------------------------------------------------------------------------
# Differences and entries


@dataclass(frozen=True, slots=True)
class Difference:
    """A field on which two matched records differ, with both values (None: not stated)."""

    field: str
    a: Money | str | tuple[str, ...] | None
    b: Money | str | tuple[str, ...] | None
    note: str = ""

    def json_dict(self) -> dict[str, object]:
        """The difference as JSON-ready data (amounts as decimal strings)."""
        return {
            "field": self.field,
            "a": _json_value(self.a),
            "b": _json_value(self.b),
            "note": self.note,
        }


def _json_value(value: Money | str | tuple[str, ...] | None) -> object:
    if isinstance(value, Money):
        return value.model_dump(mode="json")
    return list(value) if isinstance(value, tuple) else value


def _unread(record: DatasetRecord) -> str:
    return (
        f"{record.amount.text!r}: {record.amount.reason}"
        if record.amount.text
        else str(record.amount.reason)
    )


def _amount_differences(
    a: DatasetRecord, b: DatasetRecord, fx_tolerance: Decimal
) -> list[Difference]:
    x, y = a.amount.money, b.amount.money
    if x is None and y is None:
        return []
    if x is None or y is None:
        note = f"no amount read in {'A' if x is None else 'B'} ({_unread(a if x is None else b)})"
        return [Difference("amount", x, y, note)]
    if x.currency == y.currency:
        if x.amount == y.amount:
            return []
        power = _power_of_ten(*sorted((x.amount, y.amount)))
        return [Difference("amount", x, y, f"one is 10^{power} times the other" if power else "")]
    found = [Difference("currency", x.currency, y.currency)]
    value, note = _amount_component(a, b, fx_tolerance)
    if value != 1:
        found.append(Difference("amount", x, y, note))
    return found


def _differences(a: _Prepared, b: _Prepared, options: ReconcileOptions) -> tuple[Difference, ...]:
    found = _amount_differences(a.record, b.record, options.fx_tolerance)
    x, y = a.record.date, b.record.date
    if (x is None) != (y is None):
        found.append(
            Difference(
                "date", str(x) if x else None, str(y) if y else None, "a date in one tracker only"
            )
        )
    elif x is not None and y is not None and (gap := _gap_days(x, y)):
        found.append(Difference("date", str(x), str(y), f"{gap} days apart"))
    if a.articles != b.articles:
        only_a, only_b = (
            sorted(a.articles - b.articles, key=_article_order),
            sorted(b.articles - a.articles, key=_article_order),
        )
        note = "; ".join(
            part
            for part in (
                f"only in A: {', '.join(only_a)}" if only_a else "",
                f"only in B: {', '.join(only_b)}" if only_b else "",
            )
            if part
        )
        found.append(
            Difference("articles", _sorted_articles(a.articles), _sorted_articles(b.articles), note)
        )
    return tuple(found)


def _article_order(text: str) -> tuple[bool, int, str]:
    number = re.search(r"\d+", text)
    return (text.startswith("§"), int(number[0]) if number else 0, text)


def _sorted_articles(articles: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(articles, key=_article_order))


def record_json(record: DatasetRecord) -> dict[str, object]:
    """What a report shows of a record: where it is, and the fields matching reads."""
    return {
        "source": record.source, "row": record.row, "id": record.id, "country": record.country,
        "authority": record.authority, "controller": record.controller,
        "date": str(record.date) if record.date else None,
        "amount": record.amount.money.model_dump(mode="json") if record.amount.money else None,
        "amount_text": record.amount.text, "amount_reason": record.amount.reason,
        "articles": [str(ref) for ref in record.articles], "error": record.error,
    }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a reconciliation: a match of a record of A with one of B (``agreed`` or
    ``disagreeing``), or a record found in only one export (``only-a``, ``only-b``, with the
    reason)."""

    kind: Kind
    a: DatasetRecord | None
    b: DatasetRecord | None
    score: Decimal | None = None
    components: tuple[Component, ...] = ()
    differences: tuple[Difference, ...] = ()
    reason: str | None = None
    ambiguous: bool = False
    """For a match: another candidate of one of its records scored the same."""

    def json_dict(self) -> dict[str, object]:
        """The entry as JSON-ready data; the score and amounts are decimal strings."""
        data: dict[str, object] = {
            "kind": self.kind,
            "a": record_json(self.a) if self.a is not None else None,
            "b": record_json(self.b) if self.b is not None else None,
        }
        if self.score is not None:
            data["score"] = str(self.score)
            data["components"] = [component.json_dict() for component in self.components]
            data["differences"] = [difference.json_dict() for difference in self.differences]
            data["ambiguous"] = self.ambiguous
        if self.reason is not None:
            data["reason"] = self.reason
        return data


def _match_entry(a: _Prepared, b: _Prepared, options: ReconcileOptions, ambiguous: bool) -> Entry:
    found = _score(a, b, options)
    assert found is not None, "a kept pair is a candidate"
    differences = _differences(a, b, options)
    kind: Kind = "disagreeing" if differences else "agreed"
    return Entry(kind, a.record, b.record, found[0], found[1], differences, ambiguous=ambiguous)


def _only_entry(side: Literal["a", "b"], record: DatasetRecord, reason: str) -> Entry:
    if side == "a":
        return Entry("only-a", record, None, reason=reason)
    return Entry("only-b", None, record, reason=reason)


# ---------------------------------------------------------------------------------------------
# Matching


_NO_CANDIDATE = (
    "no record of {other} in the same country, within {days} days, scores {score} or more"
)
_OUTSCORED = "each of its candidates in {other} was matched to a record that scored higher"


_LONGEST_PERIOD = 366
"""The most days a partial date designates (a leap year)."""


class _Block:
    """The records of the indexed export in one country: those with a date in the order of
    the first day they may designate, and those without."""

    def __init__(self) -> None:
        self.dated: list[tuple[int, int, int]] = []
        self.starts: list[int] = []
        self.undated: list[int] = []

    def add(self, position: int, when: PartialDate | None) -> None:
        """Add the record at *position* of the index, dated *when*."""
        if when is None:
            self.undated.append(position)
            return
        first, last = when.period()
        self.dated.append((first.toordinal(), last.toordinal(), position))

    def sort(self) -> None:
        """Order the dated records (once, after the last :meth:`add`)."""
        self.dated.sort()
        self.starts = [first for first, _, _ in self.dated]

    def near(self, when: PartialDate | None, tolerance: int) -> list[int]:
        """The positions of the records that can lie within *tolerance* days of *when*: all
        when *when* is None, else those without a date and those whose period comes that close."""
        if when is None:
            return self.undated + [position for _, _, position in self.dated]
        first, last = (day.toordinal() for day in when.period())
        low = bisect_left(self.starts, first - tolerance - _LONGEST_PERIOD)
        high = bisect_right(self.starts, last + tolerance)
        found = [position for _, end, position in self.dated[low:high] if end >= first - tolerance]
        return self.undated + found


class _Matcher:
    """The indexed export, and for each of its records the best candidates of the streamed one."""

    def __init__(self, index: list[_Prepared], index_is_a: bool, options: ReconcileOptions) -> None:
        self.index, self.index_is_a, self.options = index, index_is_a, options
        self.blocks: dict[str | None, _Block] = {}
        for position, prepared in enumerate(index):
            if prepared.record.error is None:
                self.blocks.setdefault(prepared.key, _Block()).add(position, prepared.record.date)
        for block in self.blocks.values():
            block.sort()
        self.kept: list[list[tuple[Decimal, int, int]]] = [[] for _ in index]
        self.pending: dict[int, tuple[_Prepared, list[int]]] = {}
        self.outscored: set[int] = set()

    def offer(self, number: int, prepared: _Prepared) -> list[int]:
        """Score streamed record *number* against its block; return the streamed records that
        no candidate list keeps any more (they are unmatched)."""
        dropped: list[int] = []
        refs = [0]
        self.pending[number] = (prepared, refs)
        offered = 0
        if prepared.record.error is None:
            block = self.blocks.get(prepared.key)
            for position in (
                block.near(prepared.record.date, self.options.date_tolerance_days) if block else ()
            ):
                found = _score(self.index[position], prepared, self.options)
                if found is None or found[0] < self.options.min_score:
                    continue
                refs[0] += 1
                offered += 1
                item = (found[0], -number, number)
                heap = self.kept[position]
                if len(heap) < self.options.candidates:
                    heapq.heappush(heap, item)
                else:
                    self._release(heapq.heappushpop(heap, item)[2], number, dropped)
        if refs[0] == 0:
            if offered:
                self.outscored.add(number)
            dropped.append(number)
        return dropped

    def _release(self, number: int, current: int, dropped: list[int]) -> None:
        refs = self.pending[number][1]
        refs[0] -= 1
        if refs[0] == 0 and number != current:
            self.outscored.add(number)
            dropped.append(number)

    def assign(self) -> tuple[list[tuple[int, int]], set[int], set[tuple[int, int]]]:
        """The one-to-one pairs (index position, streamed number), greedy by score; the index
        positions that had candidates; the pairs chosen among equally scored candidates."""
        pairs = [
            (score, position, number)
            for position, heap in enumerate(self.kept)
            for score, _, number in heap
        ]

        def order(pair: tuple[Decimal, int, int]) -> tuple[Decimal, int, int]:
            rows = (self.index[pair[1]].record.row, self.pending[pair[2]][0].record.row)
            a_row, b_row = rows if self.index_is_a else rows[::-1]
            return (-pair[0], a_row, b_row)

        taken_index: set[int] = set()
        taken_stream: set[int] = set()
        chosen: list[tuple[int, int]] = []
        for _, position, number in sorted(pairs, key=order):
            if position not in taken_index and number not in taken_stream:
                taken_index.add(position)
                taken_stream.add(number)
                chosen.append((position, number))
        ties = Counter(("i", position, score) for score, position, _ in pairs)
        ties.update(("s", number, score) for score, _, number in pairs)
        scores = {(position, number): score for score, position, number in pairs}
        ambiguous = {
            pair for pair in chosen
            if ties["i", pair[0], scores[pair]] > 1 or ties["s", pair[1], scores[pair]] > 1
        }  # fmt: skip
        return chosen, {position for position, heap in enumerate(self.kept) if heap}, ambiguous


def _index_first(a: Export, b: Export) -> bool:
    """Whether A is the export to index (held in memory): the smaller file, A on a tie or
    when a size is unknown."""
    try:
        if isinstance(a.source, str | os.PathLike) and isinstance(b.source, str | os.PathLike):
            return os.stat(a.source).st_size <= os.stat(b.source).st_size
    except OSError:
        pass
    return True


def reconcile(a: Export, b: Export, options: ReconcileOptions | None = None) -> Iterator[Entry]:
    """Match the records of exports *a* and *b*: one :class:`Entry` per match and per
    unmatched record, so that every record of each export appears exactly once.

    The smaller export (by file size; *a* for streams) is read into memory, the other is
    streamed: a record with no candidate is reported as soon as it is read. Errors that concern
    a whole file (it cannot be opened, it is not the format) are raised before the first entry.
    """
    options = options or ReconcileOptions()
    index_is_a = _index_first(a, b)
    indexed, streamed = (a, b) if index_is_a else (b, a)
    stream_side: Literal["a", "b"] = "b" if index_is_a else "a"
    index_side: Literal["a", "b"] = "a" if index_is_a else "b"
    stream = streamed.records()
    matcher = _Matcher([_Prepared.of(record) for record in indexed.records()], index_is_a, options)
    for number, record in enumerate(stream):
        for gone in matcher.offer(number, _Prepared.of(record)):
            prepared, _ = matcher.pending.pop(gone)
            yield _only_entry(
                stream_side,
                prepared.record,
                _unmatched_reason(prepared, gone in matcher.outscored, index_side, options),
            )
    chosen, candidates, ambiguous = matcher.assign()
    matched_index = {position for position, _ in chosen}
    for position, number in sorted(chosen, key=lambda pair: matcher.index[pair[0]].record.row):
        ours, theirs = matcher.index[position], matcher.pending.pop(number)[0]
        tied = (position, number) in ambiguous
        a_side, b_side = (ours, theirs) if index_is_a else (theirs, ours)
        yield _match_entry(a_side, b_side, options, tied)
    for _number, (prepared, _) in sorted(matcher.pending.items()):
        yield _only_entry(stream_side, prepared.record, _OUTSCORED.format(other=index_side.upper()))
    for position, prepared in enumerate(matcher.index):
        if position not in matched_index:
            reason = _unmatched_reason(prepared, position in candidates, stream_side, options)
            yield _only_entry(index_side, prepared.record, reason)


def _unmatched_reason(
    prepared: _Prepared, outscored: bool, other: str, options: ReconcileOptions
) -> str:
    if prepared.record.error is not None:
        return f"the record cannot be read: {prepared.record.error}"
    if outscored:
        return _OUTSCORED.format(other=other.upper())
    return _NO_CANDIDATE.format(
        other=other.upper(), days=options.date_tolerance_days, score=options.min_score
    )


# ---------------------------------------------------------------------------------------------
# The summary


class ReconcileSummary:
    """Counts of a reconciliation, added entry by entry (memory does not grow with them).

    >>> summary = ReconcileSummary()
    >>> summary.add(Entry("only-a", DatasetRecord(source="csv", row=1), None, reason="x"))
    >>> summary.json_dict()["counts"], summary.records
    ({'agreed': 0, 'disagreeing': 0, 'only-a': 1, 'only-b': 0}, {'a': 1, 'b': 0})
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter(dict.fromkeys(KINDS, 0))
        self.fields: Counter[str] = Counter()
        self.records = {"a": 0, "b": 0}
        self.unreadable = {"a": 0, "b": 0}
        self.ambiguous = 0

    def add(self, entry: Entry) -> None:
        """Count one entry."""
        self.counts[entry.kind] += 1
        for side, record in (("a", entry.a), ("b", entry.b)):
            if record is not None:
                self.records[side] += 1
                self.unreadable[side] += record.error is not None
        for difference in entry.differences:
            self.fields[difference.field] += 1
        self.ambiguous += entry.ambiguous

    @property
    def disagreeing(self) -> int:
        """How many matches disagree."""
        return self.counts["disagreeing"]

    def json_dict(self) -> dict[str, object]:
        """The counts as JSON-ready data."""
        return {
            "records": dict(self.records),
            "unreadable_records": dict(self.unreadable),
            "counts": {kind: self.counts[kind] for kind in KINDS},
            "ambiguous_matches": self.ambiguous,
            "differences_by_field": dict(
                sorted(self.fields.items(), key=lambda item: (-item[1], item[0]))
            ),
        }


def options_json(options: ReconcileOptions) -> dict[str, object]:
    """The options of a run as JSON-ready data (decimals as strings)."""
    return {
        "date_tolerance_days": options.date_tolerance_days,
        "min_score": str(options.min_score),
        "fx_tolerance": str(options.fx_tolerance),
        "candidates": options.candidates,
        "weights": {name: str(weight) for name, weight in options.weights.items()},
        "unknown_value": str(UNKNOWN_VALUE),
        "assignment": "one-to-one, greedy by score (ties: A's row, then B's row)",
        "fx_rule": fx.FINE_RATE_RULE,
    }
