"""Check whole datasets of fines: each record asks the judge, and a summary streams.

:func:`check_record` takes one :class:`~gdprfine.datasets.DatasetRecord` to the same judge as
every other check (:func:`gdprfine.check.judge`), with the same rate policy
(:mod:`gdprfine.fx`), so a record and :func:`gdprfine.check.check_fine` given the same fine,
articles, turnover and date reach the same verdict, cap and implied minimum turnover. The
verdict is the judge's: ``within``, ``exceeds`` or ``undetermined`` (``needs`` says what is
missing: most often the undertaking's turnover, which trackers do not state; a tracker does
not say whether the addressee is an undertaking, so every addressee is taken to be a possible
one unless the record says otherwise).

What a record adds is a reason, not a second checker: a record the judge cannot be asked about
has no verdict, and its ``outcome`` says why:

- ``unreadable``: the record or its fine field cannot be read as one amount (``Unknown``, an
  intention to fine, a range, a broken row);
- ``not-judged``: read, but outside the regime (decided before it applied).

Flags say what else a reader should know (see :data:`FLAGS`). :class:`BatchSummary` counts
outcomes, flags, countries, tiers and years, sums the fines and keeps the largest ones, with
memory that does not grow with the number of records.

>>> from gdprfine.datasets import DatasetRecord, read_amount
>>> from gdprfine.dates import PartialDate
>>> from gdprfine.articles import parse_articles
>>> record = DatasetRecord(source="csv", row=1, amount=read_amount("25000000"),
...                        articles=tuple(parse_articles("Art. 32 GDPR")), date=PartialDate(2021),
...                        country="IE")
>>> v = check_record(record)
>>> v.verdict, v.tier, v.cap.amount, v.cap.lower_bound, v.implied_minimum_turnover
('undetermined', '83(4)', Money('10000000', 'EUR'), True, Money('1250000000.00', 'EUR'))
>>> v.flags
('articles-amount-inconsistent',)
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from gdprfine import fx
from gdprfine.articles import ArticleRef, Classification, classify
from gdprfine.caps import Cap
from gdprfine.check import Judgement, VerdictKind, judge
from gdprfine.datasets import DatasetRecord, Format, Source, read_dataset
from gdprfine.errors import FxError, GdprFineError
from gdprfine.fx import FxRule
from gdprfine.law import Regime, regime
from gdprfine.money import ExchangeRate, Money, decimal_context

__all__ = [
    "CONVERSION_RULE",
    "FLAGS",
    "OUTCOMES",
    "BatchSummary",
    "Outcome",
    "RecordVerdict",
    "check_dataset",
    "check_record",
    "check_records",
]

Outcome = Literal["within", "exceeds", "undetermined", "unreadable", "not-judged"]
OUTCOMES: tuple[Outcome, ...] = ("within", "exceeds", "undetermined", "unreadable", "not-judged")
"""A record's outcome: the judge's verdict, or why the record was not judged."""

FLAGS: dict[str, str] = {
    "bad-record": "the record as a whole cannot be read",
    "amount-unreadable": "the fine field states no single amount",
    "amount-range": "the fine field states a range",
    "currency-assumed": "a bare number, in a currency the dataset does not state",
    "not-converted": "the fine is in another currency and could not be converted (no date or no ECB rate)",
    "no-articles": "no article is cited",
    "articles-unreadable": "part of the article field is not an article reference",
    "articles-amount-inconsistent": "the fine is above the static cap of the gravest cited tier: lawful only with a turnover of at least the implied minimum",
    "no-date": "no decision date",
    "before-regime": "decided before the regime applied",
    "no-country": "no country, or a name that is not a country",
    "zero-amount": "a fine of 0",
}
"""Every flag a record may carry, with its meaning."""

CONVERSION_RULE = fx.FINE_RATE_RULE
"""How a record's fine is brought into the cap's currency (:func:`gdprfine.fx.fine_rate`)."""


@dataclass(frozen=True, slots=True)
class RecordVerdict:
    """What :func:`check_record` found for one record: the judge's judgement, or the reason
    the record could not be judged."""

    record: DatasetRecord
    verdict: VerdictKind | None
    """The judge's verdict; None when the record was not judged (see :attr:`outcome`)."""
    judgement: Judgement | None
    flags: tuple[str, ...]
    reason: str | None
    """Why the record was not judged, or why its fine was not converted."""
    classification: Classification | None = None
    """The cited articles under the regime, also for a record that was not judged."""

    @property
    def outcome(self) -> Outcome:
        """The verdict, or ``unreadable`` / ``not-judged`` for a record with none."""
        if self.verdict is not None:
            return self.verdict
        return "not-judged" if "before-regime" in self.flags else "unreadable"

    @property
    def fine(self) -> Money | None:
        """The fine as read, in its own currency."""
        return self.record.amount.money if self.record.error is None else None

    @property
    def tier(self) -> str | None:
        """The tier applied: the gravest tier of the cited articles (also for a record that was
        not judged)."""
        j = self.judgement
        if j is not None:
            return j.tier.id if j.tier is not None else None
        found = self.classification
        return found.tier.id if found is not None and found.tier is not None else None

    @property
    def cap(self) -> Cap | None:
        """The judge's cap (a lower bound when the turnover is unknown)."""
        return self.judgement.cap if self.judgement is not None else None

    @property
    def fine_converted(self) -> Money | None:
        """The fine in the cap's currency (the fine itself when already in it)."""
        return self.judgement.fine_in_cap_currency if self.judgement is not None else None

    @property
    def rate(self) -> ExchangeRate | None:
        """The rate that converted the fine, when it was in another currency."""
        return self.judgement.fine_rate if self.judgement is not None else None

    @property
    def implied_minimum_turnover(self) -> Money | None:
        """For a fine above the static cap: the least turnover under which it is lawful."""
        return self.judgement.implied_minimum_turnover if self.judgement is not None else None

    @property
    def needs(self) -> tuple[str, ...]:
        """What the judge needs to decide an undetermined verdict."""
        return self.judgement.needs if self.judgement is not None else ()

    @property
    def warnings(self) -> tuple[str, ...]:
        """The judge's warnings (articles that carry no fine, ...)."""
        return self.judgement.warnings if self.judgement is not None else ()

    def json_dict(self) -> dict[str, object]:
        """One JSON object per record: the judge's fields under the names a verdict uses, then
        the record as read. Amounts, caps and rates have the one JSON shape of gdprfine.

        >>> from gdprfine.datasets import read_amount
        >>> v = check_record(DatasetRecord(source="csv", row=7, amount=read_amount("Unknown")))
        >>> d = v.json_dict()
        >>> d["row"], d["outcome"], d["verdict"], d["reason"], d["flags"]
        (7, 'unreadable', None, 'no amount stated', ['amount-unreadable', 'no-articles', 'no-date', 'no-country'])
        """
        record = self.record
        amount = record.amount
        return {
            "source": record.source,
            "row": record.row,
            "id": record.id,
            "outcome": self.outcome,
            "verdict": self.verdict,
            "tier": self.tier,
            "cap": _json(self.cap),
            "fine": _json(self.fine),
            "fine_in_cap_currency": _json(self.fine_converted),
            "fine_exchange_rate": _json(self.rate),
            "implied_minimum_turnover": _json(self.implied_minimum_turnover),
            "turnover": _json(self.judgement.turnover_in_cap_currency if self.judgement else None),
            "needs": list(self.needs),
            "warnings": list(self.warnings),
            "flags": list(self.flags),
            "reason": self.reason,
            "amount_text": amount.text,
            "range": [_json(amount.low), _json(amount.high)]
            if amount.low is not None and amount.high is not None
            else None,
            "date": str(record.date) if record.date else None,
            "date_precision": record.date.precision if record.date else None,
            "date_reason": record.date_reason,
            "country": record.country,
            "authority": record.authority,
            "controller": record.controller,
            "articles": [str(ref) for ref in record.articles],
            "articles_unreadable": list(record.articles_unreadable),
            "error": record.error,
        }


_DUMPS: dict[int, tuple[object, object]] = {}


def _json(value: Money | Cap | ExchangeRate | None) -> object:
    """The one JSON shape of a value (its ``model_dump(mode="json")``). Caps and rates are
    shared between records (one per tier, one per currency and date), so their dumps are kept,
    by identity, for as long as the object is the same one; each caller gets its own copy."""
    if value is None:
        return None
    if isinstance(value, Money):
        return {"amount": f"{value.amount:f}", "currency": value.currency}
    found = _DUMPS.get(id(value))
    if found is not None and found[0] is value:
        return _copied(found[1])
    dumped = value.model_dump(mode="json")
    if len(_DUMPS) >= 1_024:
        _DUMPS.clear()
    _DUMPS[id(value)] = (value, dumped)
    return _copied(dumped)


def _copied(data: object) -> object:
    """A fresh copy of JSON data (dicts, lists and scalars), so no caller shares another's."""
    if isinstance(data, dict):
        return {key: _copied(item) for key, item in data.items()}
    if isinstance(data, list):
        return [_copied(item) for item in data]
    return data


# ---------------------------------------------------------------------------------------------
# The articles of a record, classified once per distinct list


_CACHED_REFS = 32

_CLASSIFIERS: dict[int, tuple[Regime, Callable[[tuple[ArticleRef, ...]], Classification | None]]] = {}


def _classifier(law: Regime) -> Callable[[tuple[ArticleRef, ...]], Classification | None]:
    entry = _CLASSIFIERS.get(id(law))
    if entry is not None and entry[0] is law:
        return entry[1]

    @lru_cache(maxsize=65_536)
    def cached(refs: tuple[ArticleRef, ...]) -> Classification | None:
        return classify(refs, law) if refs else None

    def classified(refs: tuple[ArticleRef, ...]) -> Classification | None:
        # A long list is classified afresh: the cache keeps only short keys.
        return cached(refs) if len(refs) <= _CACHED_REFS else classify(refs, law)

    if len(_CLASSIFIERS) >= 8:
        _CLASSIFIERS.clear()
    _CLASSIFIERS[id(law)] = (law, classified)
    return classified


# ---------------------------------------------------------------------------------------------
# One record


def _record_flags(record: DatasetRecord) -> list[str]:
    flags: list[str] = []
    amount = record.amount
    if amount.money is None:
        flags.append("amount-unreadable")
        if amount.low is not None:
            flags.append("amount-range")
    elif record.currency_assumed:
        flags.append("currency-assumed")
    if not record.articles:
        flags.append("no-articles")
    if record.articles_unreadable:
        flags.append("articles-unreadable")
    return flags


def _trailing_flags(record: DatasetRecord, law: Regime) -> list[str]:
    flags: list[str] = []
    if record.date is None:
        flags.append("no-date")
    elif record.date.period()[1] < law.valid_from:
        flags.append("before-regime")
    if record.country is None:
        flags.append("no-country")
    return flags


def check_record(
    record: DatasetRecord, *, law: Regime | None = None, fx_rule: FxRule | None = None
) -> RecordVerdict:
    """Judge one dataset record against Art. 83 of *law* (default: the EU GDPR).

    A record's turnover in another currency is converted by :func:`gdprfine.fx.resolve_rates`
    with *fx_rule*; a record states no financial year, so only the ``decision-date`` rule (with
    a decision day) can convert it, and otherwise the verdict says it needs a rate.

    >>> from gdprfine.datasets import read_amount
    >>> from gdprfine.dates import PartialDate
    >>> from gdprfine.articles import parse_articles
    >>> arts = tuple(parse_articles("Art. 6 GDPR"))
    >>> check_record(DatasetRecord(source="csv", row=1, amount=read_amount("4,800"), articles=arts,
    ...                            date=PartialDate(2019), country="AT")).verdict
    'within'
    >>> v = check_record(DatasetRecord(source="csv", row=2, amount=read_amount("10000 RON"),
    ...                                articles=arts, date=PartialDate(2020, 3, 17), country="RO"))
    >>> v.fine_converted, v.rate.rate, v.rate.rule
    (Money('2065.35', 'EUR'), Decimal('4.8418'), 'ecb-on-date')
    >>> v = check_record(DatasetRecord(source="csv", row=3, amount=read_amount("30000000"),
    ...                                articles=arts, undertaking=False, country="FR"))
    >>> v.verdict, v.flags
    ('exceeds', ('articles-amount-inconsistent', 'no-date'))
    """
    law = law or regime()
    if record.error is not None:
        return RecordVerdict(record, None, None, ("bad-record",), record.error)
    flags = _record_flags(record)
    trailing = _trailing_flags(record, law)
    classification = _classifier(law)(record.articles)
    fine = record.amount.money
    reason: str | None = None
    if fine is None:
        reason = record.amount.reason
        return RecordVerdict(record, None, None, (*flags, *trailing), reason, classification)
    if "before-regime" in trailing:
        reason = f"decided before the {law.short} applies ({law.valid_from.isoformat()})"
        return RecordVerdict(record, None, None, (*flags, *trailing), reason, classification)
    rate: ExchangeRate | None = None
    if fine.currency != law.currency:
        rate, reason = _fine_rate(fine, law, record)
        if rate is None:
            flags.append("not-converted")
    day = record.date
    on = date(day.year, day.month, day.day) if day and day.month and day.day else None
    turnover_rate = None
    if record.turnover is not None and record.turnover.currency != law.currency:
        try:
            _, turnover_rate = fx.resolve_rates(
                law.currency, fine=None, turnover=record.turnover, rule=fx_rule, on=on
            )
        except FxError as error:
            reason = f"{record.turnover.currency} turnover not converted: {error.message}"
    j = judge(
        law,
        fine,
        classification=classification,
        turnover=record.turnover,
        undertaking=record.undertaking is not False,
        on=on,
        fine_rate=rate,
        turnover_rate=turnover_rate,
    )
    converted = j.fine_in_cap_currency
    if converted is not None and converted.amount == 0:
        flags.append("zero-amount")
    if converted is not None and j.cap is not None and converted > j.cap.static:
        flags.append("articles-amount-inconsistent")
    return RecordVerdict(record, j.verdict, j, (*flags, *trailing), reason, classification)


def _fine_rate(fine: Money, law: Regime, record: DatasetRecord) -> tuple[ExchangeRate | None, str | None]:
    if record.date is None:
        return None, f"{fine.currency} amount with no date: not converted to {law.currency}"
    try:
        return fx.fine_rate(fine.currency, law.currency, record.date), None
    except FxError as error:
        return None, f"{fine.currency} amount not converted to {law.currency}: {error.message}"


def check_records(
    records: Iterable[DatasetRecord], *, law: Regime | None = None, fx_rule: FxRule | None = None
) -> Iterator[RecordVerdict]:
    """Judge records one at a time; a record that cannot be judged is ``unreadable`` with its
    reason, never an error that stops the run.
    """
    law = law or regime()
    for record in records:
        try:
            yield check_record(record, law=law, fx_rule=fx_rule)
        except (GdprFineError, ArithmeticError) as error:
            yield RecordVerdict(record, None, None, ("bad-record",), f"cannot be checked: {error}")


def check_dataset(
    source: Source,
    fmt: Format,
    *,
    columns: Mapping[str, str] | None = None,
    locale: str = "en",
    currency: str = "EUR",
    delimiter: str = ",",
    encoding: str = "utf-8",
    law: Regime | None = None,
    fx_rule: FxRule | None = None,
) -> Iterator[RecordVerdict]:
    """Judge every record of a dataset (a path or an open text stream) in format *fmt*, one at
    a time; see :func:`gdprfine.datasets.read_dataset` for the options. An error that concerns
    the whole file is raised before the first verdict.
    """
    records = read_dataset(
        source, fmt, columns=columns, locale=locale, currency=currency, delimiter=delimiter,
        encoding=encoding,
    )  # fmt: skip
    return check_records(records, law=law, fx_rule=fx_rule)


# ---------------------------------------------------------------------------------------------
# The summary


_MAX_KEYS = 1_000
_OTHER = "(other)"


_MAX_KEY = 300


def _count(counter: Counter[str], key: str) -> None:
    if len(key) > _MAX_KEY:
        key = key[: _MAX_KEY - 1] + "…"
    if key in counter or len(counter) < _MAX_KEYS:
        counter[key] += 1
    else:
        counter[_OTHER] += 1


def _ordered(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


class BatchSummary:
    """Counts, totals and the largest fines of a stream of verdicts, in constant memory.

    Counters keyed by text from the data (reasons) keep at most 1 000 keys of at most 300
    characters (a longer one is cut, ending in ``…``); further keys are counted under
    ``(other)``.

    >>> from gdprfine.datasets import read_amount
    >>> summary = BatchSummary(currency="EUR", largest=2)
    >>> for row, text in enumerate(["1000", "Unknown", "5000"], 1):
    ...     summary.add(check_record(DatasetRecord(source="csv", row=row, amount=read_amount(text))))
    >>> summary.records, dict(summary.outcomes), summary.total
    (3, {'undetermined': 2, 'unreadable': 1}, Decimal('6000'))
    >>> [item["row"] for item in summary.json_dict()["largest"]]
    [3, 1]
    """

    def __init__(self, *, currency: str = "EUR", largest: int = 10) -> None:
        self.currency = currency
        self.largest_size = largest
        self.records = 0
        self.outcomes: Counter[str] = Counter()
        self.flags: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()
        self.tiers: Counter[str] = Counter()
        self.years: Counter[str] = Counter()
        self.currencies: Counter[str] = Counter()
        self.total = Decimal(0)
        self.summed = 0
        self.total_by_year: dict[str, Decimal] = {}
        self._heap: list[tuple[Decimal, int, dict[str, object]]] = []

    def add(self, verdict: RecordVerdict) -> None:
        """Count one verdict."""
        record = verdict.record
        self.records += 1
        self.outcomes[verdict.outcome] += 1
        for flag in verdict.flags:
            self.flags[flag] += 1
        if verdict.verdict is None and verdict.reason is not None:
            _count(self.reasons, verdict.reason)
        self.countries[record.country or "unknown"] += 1
        self.tiers[verdict.tier or "none"] += 1
        year = str(record.date.year) if record.date is not None else "unknown"
        self.years[year] += 1
        fine = verdict.fine
        if fine is not None:
            self.currencies[fine.currency] += 1
        converted = verdict.fine_converted
        if converted is None:
            return
        amount = converted.amount
        with decimal_context():
            self.total += amount
            self.total_by_year[year] = self.total_by_year.get(year, Decimal(0)) + amount
        self.summed += 1
        heap = self._heap
        if len(heap) < self.largest_size:
            heapq.heappush(heap, (amount, -self.records, _largest_entry(verdict)))
        elif self.largest_size and amount > heap[0][0]:
            heapq.heapreplace(heap, (amount, -self.records, _largest_entry(verdict)))

    def largest(self) -> list[dict[str, object]]:
        """The largest fines, the largest first (the earlier record first among equals)."""
        return [entry for _, _, entry in sorted(self._heap, key=lambda item: (-item[0], -item[1]))]

    def json_dict(self) -> dict[str, object]:
        """The summary as JSON-ready data; amounts are money objects with decimal strings."""
        return {
            "records": self.records,
            "outcomes": {kind: self.outcomes.get(kind, 0) for kind in OUTCOMES},
            "flags": _ordered(self.flags),
            "reasons": _ordered(self.reasons),
            "by_country": _ordered(self.countries),
            "by_tier": dict(sorted(self.tiers.items())),
            "by_year": dict(sorted(self.years.items())),
            "currencies": _ordered(self.currencies),
            "total": {
                "amount": {"amount": f"{self.total:f}", "currency": self.currency},
                "fines": self.summed,
            },
            "total_by_year": {
                year: {"amount": f"{value:f}", "currency": self.currency}
                for year, value in sorted(self.total_by_year.items())
            },
            "largest": self.largest(),
            "conversion_rule": CONVERSION_RULE,
        }


def _largest_entry(verdict: RecordVerdict) -> dict[str, object]:
    record = verdict.record
    return {
        "row": record.row,
        "id": record.id,
        "controller": record.controller,
        "country": record.country,
        "date": str(record.date) if record.date else None,
        "fine": _json(verdict.fine),
        "fine_in_cap_currency": _json(verdict.fine_converted),
        "outcome": verdict.outcome,
        "tier": verdict.tier,
    }
