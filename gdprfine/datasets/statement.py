"""Whether a record states a fine: one that can be read, one that cannot, or none at all.

A tracker's fine field says more than an amount. ``Only intention to issue fine`` is no fine
(a notice of intent is not a fine); ``0`` next to "the court overturned the fine" is no fine;
an empty field or ``none`` next to a decision type "Reprimand" is no fine. ``Unknown`` on a
record whose summary says a fine was imposed is a fine whose amount is not stated: unreadable,
not "no fine". :func:`fine_statement` decides, from the fine field read and the record's type
and summary columns, conservatively: a record is ``no-fine`` only when its own words say so.

>>> from gdprfine.datasets.records import DatasetRecord, read_amount
>>> def record(fine, **fields):
...     return DatasetRecord(source="csv", row=1, amount=read_amount(fine), **fields)
>>> fine_statement(record("4,800"))
Statement(kind='fine', reason=None)
>>> fine_statement(record("Only intention to issue fine"))
Statement(kind='no-fine', reason='only an intention to issue a fine: no fine was imposed')
>>> fine_statement(record("0", summary="The court of appeal overturned the fine of EUR 5,000."))
Statement(kind='no-fine', reason="the fine field states 0, and the record says 'overturned the fine': no fine")
>>> fine_statement(record("0")).reason
'the fine field states 0: no fine'
>>> fine_statement(record("none", type="Reprimand")).kind
'no-fine'
>>> fine_statement(record("Unknown", summary="The DPA imposed a fine on a bank.")).reason
'a fine whose amount the record does not state'
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from gdprfine.datasets.records import DatasetRecord

__all__ = ["Statement", "StatementKind", "fine_statement"]

StatementKind = Literal["fine", "no-fine", "unreadable"]

_INTENTION = "only an intention to issue a fine"
_NOT_FINAL = "0 marks an amount not known (not final)"
_EMPTY = frozenset({"", "none", "no", "nil", "-", "–", "—", "n/a", "na", "0", "0.00", "0,00", "/"})
_NO_FINE_FIELD = re.compile(
    r"^\s*(?:no\s+fine|none\s*\(.*\)|reprimand|warning|admonition|no\s+sanction|not\s+fined|"
    r"fine\s+(?:overturned|annulled|revoked|withdrawn|cancelled))\b",
    re.IGNORECASE,
)
_NO_FINE_WORDS = re.compile(
    r"\b(?:reprimand(?:ed)?|warning|admonish(?:ed|ment)?|no\s+fine|without\s+(?:a\s+)?fine|"
    r"did\s+not\s+(?:impose|issue)\s+a\s+fine|(?:fine|decision)\s+(?:was\s+)?(?:overturned|annulled|"
    r"quashed|revoked|set\s+aside|withdrawn|cancelled)|overturned\s+the\s+fine|annulled\s+the\s+fine|"
    r"court\s+(?:ruling|judgment|decision)|judgment\s+of\s+the\s+court|dismissed|rejected|"
    r"intends?\s+to\s+(?:issue\s+a\s+)?fine|intention\s+to\s+(?:issue|impose)\s+a\s+fine|notice\s+of\s+intent|"
    r"verwarnung|rappel\s+à\s+l'ordre|amonestación|apercibimiento|ammonimento|berisping)\b",
    re.IGNORECASE,
)
_IMPOSED_SINCE = re.compile(
    r"\b(?:has|have)\s+(?:since\s+|meanwhile\s+|now\s+)?been\s+imposed|imposed\s+in\s+the\s+meantime|"
    r"(?:was|has\s+been)\s+(?:later|subsequently)\s+imposed",
    re.IGNORECASE,
)
_SEARCHED = 2_000
"""How much of a summary is searched for the words that say there is no fine."""


class Statement(NamedTuple):
    """What a record states about a fine: ``fine`` (an amount or a range was read),
    ``no-fine`` or ``unreadable``, with the reason for the last two."""

    kind: StatementKind
    reason: str | None


_FINE = Statement("fine", None)


def _words(record: DatasetRecord) -> str | None:
    """The words of the type and summary columns that say no fine was imposed, if any."""
    for text in (record.type, record.summary):
        if text:
            found = _NO_FINE_WORDS.search(text, 0, _SEARCHED)
            if found:
                return " ".join(found[0].split())
    return None


def fine_statement(record: DatasetRecord) -> Statement:
    """Whether *record* states a fine, states none, or states one that cannot be read (see
    the module); a record broken as a whole is ``unreadable``."""
    amount = record.amount
    money = amount.money
    if money is not None and money.amount:
        return _FINE
    if record.error is not None:
        return Statement("unreadable", record.error)
    if money is not None:
        words = _words(record)
        if words is None:
            return Statement("no-fine", "the fine field states 0: no fine")
        return Statement(
            "no-fine", f"the fine field states 0, and the record says {words!r}: no fine"
        )
    if amount.low is not None or amount.high is not None:
        return Statement("unreadable", amount.reason)
    reason = amount.reason or "no amount stated"
    text = amount.text.strip()
    summary = record.summary or ""
    if reason == _INTENTION:
        if _IMPOSED_SINCE.search(summary, 0, _SEARCHED):
            return Statement(
                "unreadable",
                "the fine field states only an intention to fine, the summary says the fine was "
                "imposed since: its amount is not stated",
            )
        return Statement("no-fine", f"{reason}: no fine was imposed")
    if _NO_FINE_FIELD.match(text):
        return Statement(
            "no-fine", f"the fine field states no fine ({' '.join(text.split())[:60]!r})"
        )
    if text.casefold() in _EMPTY or reason == _NOT_FINAL:
        words = _words(record)
        if words is not None:
            return Statement("no-fine", f"no amount, and the record says {words!r}: no fine")
    if reason == _NOT_FINAL:
        return Statement("unreadable", "0 marks a fine whose amount is not known (not final)")
    if reason == "no amount stated":
        return Statement("unreadable", "a fine whose amount the record does not state")
    return Statement("unreadable", reason)
