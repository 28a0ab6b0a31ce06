"""What a report shows of a dataset, gathered from the verdicts in one pass: counts and totals
by country, year, tier and cited article, the largest fines, outcomes and flags, the flagged
records, and each fine placed against the law.

Everything is read from the records' JSON form (:meth:`gdprfine.batch.RecordVerdict.json_dict`),
so outcomes and flags are whatever the records carry: a new outcome or flag shows up without a
change here. Amounts stay :class:`~decimal.Decimal`.

>>> from gdprfine.batch import check_dataset
>>> from gdprfine.law import regime
>>> tally = Tally("EUR")
>>> for verdict in check_dataset("tests/fixtures/datasets/cms.json", "cms"):
...     tally.add(verdict.json_dict(), article_keys(verdict.record.articles, regime()))
>>> tally.records, tally.summed, tally.total
(11, 4, Decimal('1025504800'))
>>> [(f"{p.fine:f}", f"{p.turnover:f}", p.stated, p.outcome) for p in tally.points][:2]
[('4800', '120000', False, 'within'), ('14500000', '362500000', False, 'within')]
>>> tally.by_year.rows()[0], dict(tally.unplotted)
(('2018', 1, 1, Decimal('4800')), {'no tier': 1, 'outside-art-83': 1, 'no-fine': 1})
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from gdprfine.articles import ArticleRef
from gdprfine.law import Regime
from gdprfine.money import decimal_context

__all__ = ["Point", "Tally", "Totals", "amount_of", "article_keys", "outcome_order"]


def amount_of(value: object, currency: str | None = None) -> Decimal | None:
    """The amount of a JSON money object (``{"amount": "...", "currency": "..."}``), or None
    when there is none or, with *currency*, when it is in another currency."""
    if not isinstance(value, Mapping):
        return None
    amount = value.get("amount")
    if not isinstance(amount, str) or (currency is not None and value.get("currency") != currency):
        return None
    return Decimal(amount)


def article_keys(refs: Iterable[ArticleRef], law: Regime) -> list[str]:
    """The articles a record cites, each once, without paragraph or point; an article of
    *law* (named as such, or with no law named) as ``Art. 5``, another law's with its name.

    >>> from gdprfine.articles import parse_articles
    >>> from gdprfine.law import regime
    >>> article_keys(parse_articles("Art. 5(1)(a), Art. 5(1)(c) DSGVO, Art. 32 GDPR, § 26 BDSG"), regime())
    ['Art. 5', 'Art. 32', '§ 26 BDSG']
    """
    keys = (
        str(
            ArticleRef(
                ref.article,
                suffix=ref.suffix,
                law=None if ref.law is None or law.is_law_name(ref.law) else ref.law,
                section_sign=ref.section_sign,
            )
        )
        for ref in refs
    )
    return list(dict.fromkeys(keys))


def outcome_order(known: Sequence[str], seen: Iterable[str]) -> list[str]:
    """The outcomes to show: the *known* ones in their order, then any other *seen*, sorted.

    >>> outcome_order(("within", "exceeds"), ["no-fine", "within"])
    ['within', 'exceeds', 'no-fine']
    """
    return [*known, *sorted(set(seen) - set(known))]


@dataclass
class Totals:
    """Records and fines by key: how many records, how many fines were summed, their total."""

    records: Counter[str] = field(default_factory=Counter)
    fines: Counter[str] = field(default_factory=Counter)
    total: dict[str, Decimal] = field(default_factory=dict)

    def add(self, key: str, fine: Decimal | None) -> None:
        """Count one record under *key*, with its fine in the report's currency (or None)."""
        self.records[key] += 1
        if fine is not None:
            self.fines[key] += 1
            with decimal_context():
                self.total[key] = self.total.get(key, Decimal(0)) + fine

    def rows(self, order: str = "key") -> list[tuple[str, int, int, Decimal]]:
        """(key, records, fines summed, total) by key, or by most records (``order="records"``)
        or largest total (``order="total"``), ties by key."""
        keys = sorted(self.records)
        if order == "records":
            keys.sort(key=lambda key: -self.records[key])
        elif order == "total":
            keys.sort(key=lambda key: -self.total.get(key, Decimal(0)))
        return [(k, self.records[k], self.fines[k], self.total.get(k, Decimal(0))) for k in keys]


@dataclass(frozen=True, slots=True)
class Point:
    """One fine placed against the law: at its stated turnover, or at the turnover it implies
    (the fine divided by its tier's share of turnover: where it meets the percentage limb)."""

    row: object
    label: str
    fine: Decimal
    turnover: Decimal
    stated: bool
    outcome: str
    tier: str


class Tally:
    """Counts, totals, largest fines, flags and points of a dataset's records, in one pass."""

    def __init__(self, currency: str, *, largest: int = 20) -> None:
        self.currency = currency
        self.largest_size = largest
        self.records = 0
        self.summed = 0
        self.total = Decimal(0)
        self.outcomes: Counter[str] = Counter()
        self.flags: Counter[str] = Counter()
        self.by_country = Totals()
        self.by_year = Totals()
        self.by_tier = Totals()
        self.by_article = Totals()
        self.flagged: list[dict[str, object]] = []
        self.points: list[Point] = []
        self.unplotted: Counter[str] = Counter()
        self._heap: list[tuple[Decimal, int, dict[str, object]]] = []

    def add(self, record: Mapping[str, object], articles: Sequence[str]) -> None:
        """Count one record (its JSON form) and the article keys it cites."""
        self.records += 1
        outcome = str(record.get("outcome"))
        self.outcomes[outcome] += 1
        flags = _flag_names(record.get("flags"))
        self.flags.update(flags)
        if flags:
            self.flagged.append(dict(record))
        fine = amount_of(record.get("fine_in_cap_currency"), self.currency)
        date = record.get("date")
        self.by_country.add(str(record.get("country") or "unknown"), fine)
        self.by_year.add(str(date)[:4] if date else "unknown", fine)
        self.by_tier.add(str(record.get("tier") or "none"), fine)
        for key in articles or ["none cited"]:
            self.by_article.add(key, fine)
        if fine is None:
            if record.get("fine") is not None:
                judged = record.get("verdict") is not None
                self.unplotted["no fine in " + self.currency if judged else f"{outcome}"] += 1
            return
        with decimal_context():
            self.total += fine
        self.summed += 1
        self._keep_largest(fine, record)
        self._place(record, fine, outcome)

    def _keep_largest(self, fine: Decimal, record: Mapping[str, object]) -> None:
        entry = (fine, -self.records, dict(record))
        if len(self._heap) < self.largest_size:
            heapq.heappush(self._heap, entry)
        elif self.largest_size and fine > self._heap[0][0]:
            heapq.heapreplace(self._heap, entry)

    def _place(self, record: Mapping[str, object], fine: Decimal, outcome: str) -> None:
        cap = record.get("cap")
        if not isinstance(cap, Mapping) or not record.get("tier"):
            self.unplotted["no tier"] += 1
            return
        if cap.get("undertaking") is False:
            self.unplotted["not an undertaking (static amount only)"] += 1
            return
        if fine <= 0:
            self.unplotted["a fine of 0"] += 1
            return
        stated = amount_of(record.get("turnover"), self.currency)
        if stated is not None and stated <= 0:
            stated = None
        with decimal_context():
            turnover = stated if stated is not None else fine / Decimal(str(cap["turnover_share"]))
        label = " · ".join(str(record[k]) for k in ("id", "controller") if record.get(k))
        self.points.append(
            Point(
                record.get("row"),
                label,
                fine,
                turnover,
                stated is not None,
                outcome,
                str(record["tier"]),
            )
        )

    def largest(self) -> list[dict[str, object]]:
        """The records with the largest fines, the largest first (the earlier first among equals)."""
        return [entry for _, _, entry in sorted(self._heap, key=lambda item: (-item[0], -item[1]))]


def _flag_names(flags: object) -> list[str]:
    """The names of a record's flags (plain names, or objects with a ``flag`` or ``name``)."""
    if not isinstance(flags, list):
        return []
    names = []
    for flag in flags:
        if isinstance(flag, Mapping):
            flag = flag.get("flag", flag.get("name"))
        if flag:
            names.append(str(flag))
    return names
