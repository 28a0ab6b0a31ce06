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

- ``no-fine``: the record states no fine (``0``, an intention to fine, a reprimand; see
  :func:`gdprfine.datasets.statement.fine_statement`);
- ``unreadable``: a fine is stated but cannot be read as one amount (``Unknown``, a range, two
  amounts, a broken row);
- ``not-judged``: read, but outside the regime (decided before it applied);
- ``outside-art-83``: a fine under another law than Art. 83.

Each record is judged under its own regime (:func:`record_regime`: the UK GDPR for a UK
authority's decision from 2021-01-01) unless the caller gives one. Flags say what else a reader
should know (see :data:`FLAGS`), among them the plausibility checks of
:mod:`gdprfine.datasets.plausibility`, each with its reason. :class:`BatchSummary` counts
outcomes, flags, countries, tiers and years, sums the fines (under Art. 83, with and without
the flagged records, and the rest; counting those it could not convert) and keeps the largest
ones, with memory that does not grow with the number of records.

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
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any, Literal, TypeVar

from gdprfine import fx
from gdprfine.articles import ArticleRef, Classification, classify
from gdprfine.caps import Cap
from gdprfine.check import Judgement, VerdictKind, judge, judge_plain
from gdprfine.datasets import DatasetRecord, Format, Source, read_dataset
from gdprfine.datasets.plausibility import (
    PlausibilityConfig,
    check_names,
    plausibility_config,
    plausibility_flags,
)
from gdprfine.datasets.statement import fine_statement
from gdprfine.dates import PartialDate
from gdprfine.errors import FxError, GdprFineError
from gdprfine.fx import FxRule
from gdprfine.law import Regime, claiming_regime, regime
from gdprfine.memo import remember
from gdprfine.money import OPERATIONS, ExchangeRate, Money

__all__ = [
    "CONVERSION_RULE",
    "FLAGS",
    "OUTCOMES",
    "PLAUSIBILITY",
    "BatchSummary",
    "Outcome",
    "RecordVerdict",
    "check_dataset",
    "check_record",
    "check_records",
    "record_regime",
]

Outcome = Literal[
    "within", "exceeds", "undetermined", "no-fine", "unreadable", "not-judged", "outside-art-83"
]  # fmt: skip
OUTCOMES: tuple[Outcome, ...] = (
    "within", "exceeds", "undetermined", "no-fine", "unreadable", "not-judged", "outside-art-83",
)  # fmt: skip
"""A record's outcome: the judge's verdict, or why the record was not judged: it states no
fine (``no-fine``), it states a fine that cannot be read (``unreadable``), it was decided
before the regime applied (``not-judged``), or its fine falls under another law than Art. 83
(``outside-art-83``)."""

Status = Literal["no-fine", "unreadable", "not-judged", "outside-art-83"]

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
    "rate-bounded": "a fine in another currency with no date, within its cap even at the ECB rate of the bundled history that makes it largest: judged at that rate (not summed)",
    "uk-gdpr": "a UK authority's decision from 2021-01-01: judged under the UK GDPR, in GBP",
    "regime-uncertain": "a UK authority's decision whose date does not say whether the EU or the UK GDPR applies: judged under the EU GDPR",
    **check_names(),
}
"""Every flag a record may carry, with its meaning (the plausibility checks'
from ``gdprfine/data/plausibility.toml``)."""

PLAUSIBILITY: frozenset[str] = frozenset(check_names())
"""The flags that are plausibility checks: a summary gives totals with and without them."""

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
    status: Status | None = None
    """Why a record has no verdict (None: read from its flags, as for a broken record)."""
    flag_reasons: tuple[tuple[str, str], ...] = ()
    """The reason of each plausibility flag, by flag."""
    law: Regime | None = None
    """The regime the record was judged under."""

    @property
    def outcome(self) -> Outcome:
        """The verdict, or why the record has none (``no-fine``, ``unreadable``,
        ``not-judged``, ``outside-art-83``)."""
        if self.verdict is not None:
            return self.verdict
        if self.status is not None:
            return self.status
        return "not-judged" if "before-regime" in self.flags else "unreadable"

    @property
    def bounded(self) -> bool:
        """Whether the fine was judged at a bound of the ECB rates (no date to convert it)."""
        return "rate-bounded" in self.flags

    @property
    def plausibility_flags(self) -> tuple[str, ...]:
        """The plausibility flags the record carries."""
        return tuple(flag for flag in self.flags if flag in PLAUSIBILITY)

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
        (7, 'unreadable', None, 'a fine whose amount the record does not state', ['amount-unreadable', 'no-articles', 'no-date', 'no-country'])
        """
        record = self.record
        amount = record.amount
        return {
            "source": record.source,
            "row": record.row,
            "id": record.id,
            "outcome": self.outcome,
            "verdict": self.verdict,
            "regime": self.law.id if self.law is not None else None,
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
            "flag_reasons": dict(self.flag_reasons),
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
            "other_parties": list(record.other_parties),
            "articles": [str(ref) for ref in record.articles],
            "articles_unreadable": list(record.articles_unreadable),
            "error": record.error,
        }


    def json_line(self, *, ascii_only: bool = False) -> str:
        """:meth:`json_dict` as one line of JSON, the same text as
        ``gdprfine.output.dumps_line(self.json_dict(), ascii_only=ascii_only)``, written
        without building the dict: a batch writes one per record. Strings from the data are
        escaped as :mod:`json` escapes them (every non-ASCII character with *ascii_only*).

        Long: one f-string with a line per field, in the order of :meth:`json_dict`, after the
        texts it needs.

        >>> from gdprfine.datasets import read_amount
        >>> v = check_record(DatasetRecord(source="csv", row=7, amount=read_amount("Unknown")))
        >>> from gdprfine.output import dumps_line
        >>> v.json_line() == dumps_line(v.json_dict(), ready=True)
        True
        """
        record = self.record
        amount = record.amount
        j = self.judgement
        text = encode_basestring_ascii if ascii_only else encode_basestring
        verdict = self.verdict
        law = self.law
        flags = self.flags
        reasons = self.flag_reasons
        money_texts = _MONEY_TEXTS
        fine = amount.money if record.error is None else None
        if fine is None:
            fine_text = "null"
        else:
            found = money_texts.get(id(fine))
            fine_text = found[1] if found is not None and found[0] is fine else _money_text(fine)
        if j is None:
            cap = rate = converted = minimum = turnover = "null"
            needs = warnings = "[]"
        else:
            cap = "null" if j.cap is None else _fragment(j.cap, ascii_only)
            rate = "null" if j.fine_rate is None else _fragment(j.fine_rate, ascii_only)
            money = j.fine_in_cap_currency
            converted = fine_text if money is fine else _money_text(money)
            money = j.implied_minimum_turnover
            minimum = "null" if money is None else _money_text(money)
            money = j.turnover_in_cap_currency
            turnover = "null" if money is None else _money_text(money)
            needs = _texts(j.needs, text) if j.needs else "[]"
            warnings = _texts(j.warnings, text) if j.warnings else "[]"
        when = record.date
        if when is None:
            day = _NO_DATE
        else:
            found = _DATE_TEXTS.get(id(when))
            day = found[1] if found is not None and found[0] is when else _date_text(when)
        refs = record.articles
        if refs:
            found = _ARTICLE_TEXTS.get((id(refs), ascii_only))
            articles = found[1] if found is not None and found[0] is refs else _article_texts(refs, text)
        else:
            articles = "[]"
        low, high, tier = amount.low, amount.high, self.tier
        row, reason, other_parties, unreadable = record.row, self.reason, record.other_parties, record.articles_unreadable
        return (
            f'{{"source": {text(record.source)}'
            f', "row": {row}'
            f', "id": {"null" if record.id is None else text(record.id)}'
            f', "outcome": {text(self.outcome)}'
            f', "verdict": {"null" if verdict is None else text(verdict)}'
            f', "regime": {"null" if law is None else text(law.id)}'
            f', "tier": {"null" if tier is None else text(tier)}'
            f', "cap": {cap}'
            f', "fine": {fine_text}'
            f', "fine_in_cap_currency": {converted}'
            f', "fine_exchange_rate": {rate}'
            f', "implied_minimum_turnover": {minimum}'
            f', "turnover": {turnover}'
            f', "needs": {needs}'
            f', "warnings": {warnings}'
            f', "flags": {_flag_texts(flags, text) if flags else "[]"}'
            f', "flag_reasons": {_reasons(reasons, text) if reasons else "{}"}'
            f', "reason": {"null" if reason is None else text(reason)}'
            f', "amount_text": {text(amount.text)}'
            f', "range": {"null" if low is None or high is None else f"[{_money_text(low)}, {_money_text(high)}]"}'
            f', "date": {day}'
            f', "date_reason": {"null" if record.date_reason is None else text(record.date_reason)}'
            f', "country": {"null" if record.country is None else text(record.country)}'
            f', "authority": {"null" if record.authority is None else text(record.authority)}'
            f', "controller": {"null" if record.controller is None else text(record.controller)}'
            f', "other_parties": {_texts(other_parties, text) if other_parties else "[]"}'
            f', "articles": {articles}'
            f', "articles_unreadable": {_texts(unreadable, text) if unreadable else "[]"}'
            f', "error": {"null" if record.error is None else text(record.error)}'
            "}"
        )


class _OpenVerdict:
    """A :class:`RecordVerdict`'s slots without its frozen ``__setattr__``, filled in and then
    made a RecordVerdict by setting its class, as a record is read
    (:class:`gdprfine.datasets.records.DatasetRecord`): the frozen dataclass's ``__init__``
    sets each of the 9 fields through ``object.__setattr__``, once per record."""

    __slots__ = RecordVerdict.__slots__
    record: DatasetRecord
    verdict: VerdictKind | None
    judgement: Judgement | None
    flags: tuple[str, ...]
    reason: str | None
    classification: Classification | None
    status: Status | None
    flag_reasons: tuple[tuple[str, str], ...]
    law: Regime | None


def _record_verdict(
    record: DatasetRecord,
    verdict: VerdictKind | None,
    judgement: Judgement | None,
    flags: tuple[str, ...],
    reason: str | None,
    classification: Classification | None,
    status: Status | None,
    law: Regime | None,
) -> RecordVerdict:
    """``RecordVerdict(record, verdict, judgement, flags, reason, classification, status,
    law=law)``, with no flag reasons."""
    made = _OpenVerdict()
    made.record = record
    made.verdict = verdict
    made.judgement = judgement
    made.flags = flags
    made.reason = reason
    made.classification = classification
    made.status = status
    made.flag_reasons = ()
    made.law = law
    made.__class__ = RecordVerdict  # type: ignore[assignment]
    return made  # type: ignore[return-value]


def _money_text(money: Money | None) -> str:
    """The JSON text of *money*, kept by identity: a fine read once per distinct text is one
    object for every record that states it, and is also the fine in the cap's currency."""
    if money is None:
        return "null"
    return _kept(_MONEY_TEXTS, 4_096, id(money), money, _money_json, money)


def _money_json(money: Money) -> str:
    return f'{{"amount": "{money.amount:f}", "currency": "{money.currency}"}}'


_MONEY_TEXTS: dict[int, tuple[object, str]] = {}

_NO_DATE = 'null, "date_precision": null'
_DATE_TEXTS: dict[int, tuple[object, str]] = {}


def _date_text(when: PartialDate) -> str:
    """The JSON text of a date and of its precision (``"2021-07", "date_precision": "month"``),
    kept by identity like :func:`_money_text` (a date read once per distinct text): digits and
    words, written alike in either escaping."""
    return _kept(_DATE_TEXTS, 4_096, id(when), when, _date_json, when)


def _date_json(when: PartialDate) -> str:
    return f'"{when}", "date_precision": "{when.precision}"'


def _texts(values: Iterable[str], text: Callable[[str], str]) -> str:
    return f"[{', '.join(map(text, values))}]"


_FLAG_TEXTS: dict[tuple[tuple[str, ...], bool], str] = {}


def _flag_texts(flags: tuple[str, ...], text: Callable[[str], str]) -> str:
    """The JSON list of *flags* as text, kept by value: records share a few sets of flags."""
    key = (flags, text is encode_basestring_ascii)
    found = _FLAG_TEXTS.get(key)
    return found if found is not None else remember(_FLAG_TEXTS, key, _texts(flags, text), 1_024)


def _reasons(reasons: tuple[tuple[str, str], ...], text: Callable[[str], str]) -> str:
    return "{" + ", ".join(f"{text(flag)}: {text(reason)}" for flag, reason in dict(reasons).items()) + "}"


_T = TypeVar("_T")


def _kept(
    cache: dict[Any, tuple[object, _T]], most: int, key: Any, owner: object, make: Callable[..., _T], *args: Any
) -> _T:
    """What ``make(*args)`` gives for *owner*, kept in *cache* under *key* (which holds
    ``id(owner)``) for as long as that id is the same object; the cache is emptied when it
    holds *most*."""
    found = cache.get(key)
    if found is not None and found[0] is owner:
        return found[1]
    return remember(cache, key, (owner, make(*args)), most)[1]


_ARTICLE_TEXTS: dict[tuple[int, bool], tuple[object, str]] = {}


def _article_texts(refs: tuple[ArticleRef, ...], text: Callable[[str], str]) -> str:
    """The JSON list of *refs* as text; a tuple read once per distinct article cell is kept
    while it is the same object."""
    key = (id(refs), text is encode_basestring_ascii)
    return _kept(_ARTICLE_TEXTS, 4_096, key, refs, _texts, map(str, refs), text)


_FRAGMENTS: dict[tuple[int, bool], tuple[object, str]] = {}


def _fragment(value: Cap | ExchangeRate, ascii_only: bool) -> str:
    """The JSON text of a cap or a rate, kept like :func:`_json`'s dumps."""
    return _kept(_FRAGMENTS, 1_024, (id(value), ascii_only), value, _dumped_text, value, ascii_only)


def _dumped_text(value: Cap | ExchangeRate, ascii_only: bool) -> str:
    return json.dumps(_json_form(value), ensure_ascii=ascii_only)


def _json_form(value: Cap | ExchangeRate) -> dict[str, Any]:
    return value.model_dump(mode="json")


_DUMPS: dict[int, tuple[object, object]] = {}


def _json(value: Money | Cap | ExchangeRate | None) -> object:
    """The one JSON shape of a value (its ``model_dump(mode="json")``). Caps and rates are
    shared between records (one per tier, one per currency and date), so their dumps are kept,
    by identity, for as long as the object is the same one; each caller gets its own copy."""
    if value is None:
        return None
    if isinstance(value, Money):
        return {"amount": f"{value.amount:f}", "currency": value.currency}
    return _copied(_kept(_DUMPS, 1_024, id(value), value, _json_form, value))


def _copied(data: object) -> object:
    """A fresh copy of JSON data (dicts, lists and scalars), so no caller shares another's."""
    if type(data) is dict:
        return {key: _copied(item) if type(item) in _CONTAINERS else item for key, item in data.items()}
    if type(data) is list:
        return [_copied(item) if type(item) in _CONTAINERS else item for item in data]
    return data


_CONTAINERS = (dict, list)


# ---------------------------------------------------------------------------------------------
# The articles of a record, classified once per distinct list


_CACHED_REFS = 32

_CLASSIFIERS: dict[int, tuple[Regime, Callable[[tuple[ArticleRef, ...]], Classification | None]]] = {}


def _classifier(law: Regime) -> Callable[[tuple[ArticleRef, ...]], Classification | None]:
    entry = _CLASSIFIERS.get(id(law))
    if entry is not None and entry[0] is law:
        return entry[1]

    @lru_cache(maxsize=65_536)
    def cached(refs: tuple[ArticleRef, ...], signs: tuple[bool, ...]) -> Classification | None:
        # Keyed also by how each reference is written: ``§ 6 GDPR`` equals ``Art. 6 GDPR``
        # as a reference, but only the article is a provision of the Regulation.
        return classify(refs, law) if refs else None

    seen: dict[int, tuple[object, Classification | None]] = {}

    def classified(refs: tuple[ArticleRef, ...]) -> Classification | None:
        # The tuple a reader shares between records with the same article cell is known by
        # identity (no hash of its references); a long list is classified afresh: the cache
        # keeps only short keys.
        found = seen.get(id(refs))
        if found is not None and found[0] is refs:
            return found[1]
        made = cached(refs, tuple(ref.section_sign for ref in refs)) if len(refs) <= _CACHED_REFS else classify(refs, law)
        return remember(seen, id(refs), (refs, made), 4_096)[1]

    return remember(_CLASSIFIERS, id(law), (law, classified), 8)[1]


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
    when, start = record.date, law.valid_from
    if when is None:
        flags.append("no-date")
    elif when.year <= start.year and when.period()[1] < start:
        flags.append("before-regime")
    if record.country is None:
        flags.append("no-country")
    return flags


def record_regime(record: DatasetRecord, default: Regime) -> tuple[Regime, str | None]:
    """The regime a record is judged under, and the flag that says why when it is not
    *default*: an authority's decision from the day a regime that claims its country applies
    (the UK GDPR from 2021-01-01 for GB, :attr:`gdprfine.law.Regime.countries`) is judged
    under that regime, flagged with its id; one whose date does not say which applies keeps
    *default*, flagged ``regime-uncertain``.

    >>> from gdprfine.dates import PartialDate
    >>> law = regime()
    >>> [record_regime(DatasetRecord(source="csv", row=1, country="GB", date=d), law)[0].id
    ...  for d in (PartialDate(2020, 7), PartialDate(2021))]
    ['eu-gdpr', 'uk-gdpr']
    >>> record_regime(DatasetRecord(source="csv", row=1, country="GB"), law)[1]
    'regime-uncertain'
    """
    other = claiming_regime(record.country or "")
    if other is None or other.id == default.id:
        return default, None
    if record.date is None:
        return default, "regime-uncertain"
    first, last = record.date.period()
    if first >= other.valid_from:
        return other, other.id
    if last < other.valid_from:
        return default, None
    return default, "regime-uncertain"


def check_record(
    record: DatasetRecord,
    *,
    law: Regime | None = None,
    fx_rule: FxRule | None = None,
    checks: PlausibilityConfig | None = None,
) -> RecordVerdict:
    """Judge one dataset record against Art. 83 of *law*; without *law*, the EU GDPR, or the
    UK GDPR for a UK authority's decision from 2021-01-01 (:func:`record_regime`).

    A record's turnover in another currency is converted by :func:`gdprfine.fx.resolve_rates`
    with *fx_rule*; a record states no financial year, so only the ``decision-date`` rule (with
    a decision day) can convert it, and otherwise the verdict says it needs a rate. A fine in
    another currency with no date is judged at the ECB rate of the bundled history that makes it
    largest (:func:`gdprfine.fx.rate_bounds`) when it is within its cap even so (flag
    ``rate-bounded``); otherwise it is not converted. *checks* chooses the plausibility checks
    (default: all those enabled in the data file).

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
    >>> v = check_record(DatasetRecord(source="csv", row=4, amount=read_amount("10000 RON"),
    ...                                articles=arts, country="RO"))
    >>> v.verdict, v.flags, v.rate.rule
    ('within', ('rate-bounded', 'no-date'), 'ecb-lowest-fixing')
    """
    return _check(record, law, fx_rule, checks or _default_checks())


def _check(
    record: DatasetRecord, law: Regime | None, fx_rule: FxRule | None, checks: PlausibilityConfig
) -> RecordVerdict:
    """:func:`check_record`, its arguments given in order (a batch calls it once a record)."""
    regime_flag = None
    if law is None:
        law = _default_regime()
        if record.country is not None and claiming_regime(record.country) is not None:
            law, regime_flag = record_regime(record, law)
    if record.error is not None:
        return RecordVerdict(record, None, None, ("bad-record",), record.error, law=law)
    flags = _record_flags(record)
    trailing = _trailing_flags(record, law)
    if regime_flag is not None:
        trailing.insert(0, regime_flag)
    classification = _classifier(law)(record.articles)
    fine = record.amount.money
    if fine is None or not fine.amount:
        if fine is not None:
            flags.append("zero-amount")
        statement = fine_statement(record)
        status: Status = "no-fine" if statement.kind == "no-fine" else "unreadable"
        return _record_verdict(
            record, None, None, (*flags, *trailing), statement.reason, classification, status, law
        )
    if "before-regime" in trailing:
        reason = f"decided before the {law.short} applies ({law.valid_from.isoformat()})"
        if classification is not None and classification.fineable:
            reason += f", yet it cites provisions whose infringement the {law.short} fines: the date may be wrong"
        return _plausible(
            _record_verdict(
                record, None, None, (*flags, *trailing), reason, classification, "not-judged", law
            ),
            checks,
        )
    if classification is not None and classification.tier is None and classification.outside:
        laws = ", ".join(f"{other.short} ({other.reference.cite()})" for other in classification.outside)
        reason = f"a fine under {laws}, which Art. 83 does not cap"
        return _plausible(
            _record_verdict(
                record, None, None, (*flags, *trailing), reason, classification, "outside-art-83", law
            ),
            checks,
        )
    return _plausible(_judged(record, law, fx_rule, classification, flags, trailing), checks)


def _judged(
    record: DatasetRecord,
    law: Regime,
    fx_rule: FxRule | None,
    classification: Classification | None,
    flags: list[str],
    trailing: list[str],
) -> RecordVerdict:
    fine = record.amount.money
    assert fine is not None
    rate: ExchangeRate | None = None
    reason: str | None = None
    if fine.currency != law.currency:
        rate, reason = _fine_rate(fine, law, record)
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
    undertaking = record.undertaking is not False
    country = record.country
    if record.turnover is None and fine.currency == law.currency:
        j = judge_plain(law, fine, classification, undertaking, on, country)
    else:
        j = judge(
            law, fine, classification=classification, turnover=record.turnover,
            undertaking=undertaking, on=on, fine_rate=rate, turnover_rate=turnover_rate,
            country=country,
        )  # fmt: skip
    if rate is None and fine.currency != law.currency and record.date is None:
        bounded = _at_bound(
            fine, law, classification, record.turnover, undertaking, on, turnover_rate, country
        )
        if bounded is not None:
            j, reason = bounded
            flags.append("rate-bounded")
    if j.fine_rate is None and fine.currency != law.currency:
        flags.append("not-converted")
    converted = j.fine_in_cap_currency
    if converted is not None and j.cap is not None and converted > j.cap.static:
        flags.append("articles-amount-inconsistent")
    return _record_verdict(
        record, j.verdict, j, (*flags, *trailing), reason, classification, None, law
    )


def _at_bound(
    fine: Money,
    law: Regime,
    classification: Classification | None,
    turnover: Money | None,
    undertaking: bool,
    on: date | None,
    turnover_rate: ExchangeRate | None,
    country: str | None,
) -> tuple[Judgement, str] | None:
    """The judgement of an undated fine in another currency at the ECB rate that makes it
    largest in the cap's currency, when it is within its cap even so; else None."""
    try:
        if law.currency == "EUR":
            rate = fx.rate_bounds(fine.currency).rates()[0]
        elif fine.currency == "EUR":
            rate = fx.rate_bounds(law.currency).rates()[1]
        else:
            return None
    except FxError:
        return None
    j = judge(
        law, fine, classification=classification, turnover=turnover, undertaking=undertaking,
        on=on, fine_rate=rate, turnover_rate=turnover_rate, country=country,
    )  # fmt: skip
    if j.verdict != "within":
        return None
    reason = (
        f"{fine.currency} amount with no date: within the cap even at {rate.describe()}, the "
        f"rate of the bundled history that makes it largest in {law.currency}"
    )
    return j, reason


def _fine_eur(verdict: RecordVerdict) -> Money | None:
    """The fine in euro, when it is in euro or converted into it at a dated rate."""
    fine = verdict.fine
    if fine is None:
        return None
    if fine.currency == "EUR":
        return fine
    converted = verdict.fine_converted
    if converted is not None and converted.currency == "EUR" and not verdict.bounded:
        return converted
    date_known = verdict.record.date
    try:
        rate = fx.fine_rate(fine.currency, "EUR", date_known)
    except GdprFineError:
        return None
    return rate.convert(fine) if rate is not None else None


def _plausible(verdict: RecordVerdict, checks: PlausibilityConfig) -> RecordVerdict:
    if checks.is_quiet(verdict.record):
        return verdict
    found = plausibility_flags(verdict.record, _fine_eur(verdict), checks)
    if not found:
        return verdict
    return replace(verdict, flags=(*verdict.flags, *(name for name, _ in found)), flag_reasons=found)


@lru_cache(maxsize=1)
def _default_regime() -> Regime:
    return regime()


@lru_cache(maxsize=1)
def _default_checks() -> PlausibilityConfig:
    return plausibility_config()


def _fine_rate(fine: Money, law: Regime, record: DatasetRecord) -> tuple[ExchangeRate | None, str | None]:
    if record.date is None:
        return None, f"{fine.currency} amount with no date: not converted to {law.currency}"
    try:
        return fx.fine_rate(fine.currency, law.currency, record.date), None
    except FxError as error:
        return None, f"{fine.currency} amount not converted to {law.currency}: {error.message}"


def check_records(
    records: Iterable[DatasetRecord],
    *,
    law: Regime | None = None,
    fx_rule: FxRule | None = None,
    checks: PlausibilityConfig | None = None,
) -> Iterator[RecordVerdict]:
    """Judge records one at a time (see :func:`check_record`; without *law*, each record's
    regime is chosen by :func:`record_regime`); a record that cannot be judged is
    ``unreadable`` with its reason, never an error that stops the run.
    """
    checks = checks or _default_checks()
    for record in records:
        try:
            yield _check(record, law, fx_rule, checks)
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
    checks: PlausibilityConfig | None = None,
) -> Iterator[RecordVerdict]:
    """Judge every record of a dataset (a path or an open text stream) in format *fmt*, one at
    a time; see :func:`gdprfine.datasets.read_dataset` for the options. An error that concerns
    the whole file is raised before the first verdict.
    """
    records = read_dataset(
        source, fmt, columns=columns, locale=locale, currency=currency, delimiter=delimiter,
        encoding=encoding,
    )  # fmt: skip
    return check_records(records, law=law, fx_rule=fx_rule, checks=checks)


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
        self._outcomes: Counter[str] = Counter()
        self._flags: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self._countries: Counter[str] = Counter()
        self._tiers: Counter[str] = Counter()
        self._years: Counter[str] = Counter()
        self._currencies: Counter[str] = Counter()
        self._tally: dict[_TallyKey, int] = {}
        self.total = Decimal(0)
        self.summed = 0
        self.total_by_year: dict[str, Decimal] = {}
        self.art83 = _Total()
        self.art83_unflagged = _Total()
        self.other = _Total()
        self.not_converted: Counter[str] = Counter()
        self._heap: list[tuple[Decimal, int, dict[str, object]]] = []

    @property
    def outcomes(self) -> Counter[str]:
        """Records by outcome."""
        self._fold()
        return self._outcomes

    @property
    def flags(self) -> Counter[str]:
        """Records by flag."""
        self._fold()
        return self._flags

    @property
    def countries(self) -> Counter[str]:
        """Records by country (``unknown`` without one)."""
        self._fold()
        return self._countries

    @property
    def tiers(self) -> Counter[str]:
        """Records by the tier applied (``none`` without one)."""
        self._fold()
        return self._tiers

    @property
    def years(self) -> Counter[str]:
        """Records by the year of their decision (``unknown`` without a date)."""
        self._fold()
        return self._years

    @property
    def currencies(self) -> Counter[str]:
        """Fines read, by their currency."""
        self._fold()
        return self._currencies

    def _fold(self) -> None:
        """Count the tallied records in each counter. A record is tallied by what the
        counters count of it, all at once: records alike in all of it are one key."""
        for (outcome, flags, country, tier, year, currency), count in self._tally.items():
            self._outcomes[outcome] += count
            for flag in flags:
                self._flags[flag] += count
            self._countries[country or "unknown"] += count
            self._tiers[tier or "none"] += count
            self._years[year] += count
            if currency is not None:
                self._currencies[currency] += count
        self._tally.clear()

    def add(self, verdict: RecordVerdict) -> None:
        """Count one verdict."""
        record = verdict.record
        judgement = verdict.judgement
        flags = verdict.flags
        outcome = verdict.outcome
        tier = verdict.tier
        if verdict.verdict is None and verdict.reason is not None:
            _count(self.reasons, verdict.reason)
        self.records += 1
        when = record.date
        year = "unknown" if when is None else str(when.year)
        fine = record.amount.money if record.error is None else None
        key = (outcome, flags, record.country, tier, year, fine.currency if fine is not None else None)
        tally = self._tally
        tally[key] = tally.get(key, 0) + 1
        if len(tally) >= _TALLY_KEYS:
            self._fold()
        if fine is None:
            return
        converted = judgement.fine_in_cap_currency if judgement is not None else None
        bounded = "rate-bounded" in flags
        if outcome != "no-fine" and outcome != "unreadable" and fine.amount:
            self._add_totals(verdict, fine, converted, outcome, tier, bounded)
        if converted is None or bounded or converted.currency != self.currency:
            return
        amount = converted.amount
        add = OPERATIONS.add
        self.total = add(self.total, amount)
        by_year = self.total_by_year
        by_year[year] = add(by_year.get(year, _ZERO), amount)
        self.summed += 1
        heap = self._heap
        if len(heap) < self.largest_size:
            heapq.heappush(heap, (amount, -self.records, _largest_entry(verdict)))
        elif self.largest_size and amount > heap[0][0]:
            heapq.heapreplace(heap, (amount, -self.records, _largest_entry(verdict)))

    def _add_totals(
        self,
        verdict: RecordVerdict,
        fine: Money,
        converted: Money | None,
        outcome: str,
        tier: str | None,
        bounded: bool,
    ) -> None:
        """Sum a fine under Art. 83 (judged with a tier), or with the rest (no fineable article,
        decided before the regime, outside Art. 83); count one that could not be converted."""
        judged = verdict.judgement is not None
        add = OPERATIONS.add
        if judged and (converted is None or bounded):
            self.not_converted[fine.currency] += 1
        elif judged and tier is not None and outcome != "outside-art-83":
            assert converted is not None
            currency, amount = converted.currency, converted.amount
            art83 = self.art83
            art83.amounts[currency] = add(art83.amounts.get(currency, _ZERO), amount)
            art83.fines += 1
            if not verdict.flag_reasons:
                clean = self.art83_unflagged
                clean.amounts[currency] = add(clean.amounts.get(currency, _ZERO), amount)
                clean.fines += 1
        else:
            self.other.add(converted if converted is not None else fine)

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
            "totals": {
                "art83": self.art83.json_dict(),
                "art83_without_flagged": self.art83_unflagged.json_dict(),
                "other": self.other.json_dict(),
                "not_converted": {
                    "fines": sum(self.not_converted.values()),
                    "currencies": _ordered(self.not_converted),
                },
            },
            "largest": self.largest(),
            "conversion_rule": CONVERSION_RULE,
        }


_ZERO = Decimal(0)
_TallyKey = tuple[str, tuple[str, ...], str | None, str | None, str, str | None]
"""What a summary counts of a record: outcome, flags, country, tier, year and currency."""
_TALLY_KEYS = 4_096


class _Total:
    """A sum of fines per currency, with how many were summed."""

    def __init__(self) -> None:
        self.amounts: dict[str, Decimal] = {}
        self.fines = 0

    def add(self, money: Money) -> None:
        """Add *money*."""
        amounts = self.amounts
        amounts[money.currency] = OPERATIONS.add(amounts.get(money.currency, _ZERO), money.amount)
        self.fines += 1

    def json_dict(self) -> dict[str, object]:
        return {
            "fines": self.fines,
            "amounts": [
                {"amount": f"{value:f}", "currency": currency} for currency, value in sorted(self.amounts.items())
            ],
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
