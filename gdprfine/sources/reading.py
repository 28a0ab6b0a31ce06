"""What one source says about a fine: the amount it attributes to the fine, and every other
amount it states, sorted by heuristics that are stated in each result.

A source (a news report, a regulator's release) is read in its language with
:func:`gdprfine.amounts.find_amounts`. The amount a source attributes to the fine is the one
it states in a sentence that speaks of a fine ("fine", "boete", "amende", "Bußgeld", "罚款"…),
and, among those, the one it repeats most. The other amounts are sorted:

- a **cap**: an amount followed by a percentage ("20 million euros or 4 %"), as when a text
  restates the tiers of Article 83;
- an **outlier**: another amount given to a fine in a passage that names the same parties as
  the fine sentences (or that a bare number next to it turns into the fine: "7.46 … 100
  million euros" is 7.46 × 100 million) — a misreading or a garbled translation;
- an amount of **another case**: given to a fine in a passage that names other parties;
- **other**: any other amount.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.amounts import AmountMention, Bound, find_amounts
from gdprfine.money import Money, decimal_context

__all__ = ["OtherAmount", "Outlier", "SourceReading", "read_source"]

# Word stems that speak of a fine, per language, matched at the start of a word, ignoring case.
_FINE_WORDS: dict[str, tuple[str, ...]] = {
    "bg": ("глоб", "санкци"),
    "cs": ("pokut",),
    "da": ("bøde",),
    "de": ("bußgeld", "bussgeld", "geldbuße", "geldbusse", "strafe"),
    "el": ("πρόστιμ",),
    "en": ("fine", "fined", "fines", "penalt", "sanction"),
    "es": ("multa", "sanción"),
    "et": ("trahv",),
    "fi": ("sakko", "sakon", "seuraamusmaksu"),
    "fr": ("amende", "sanction"),
    "ga": ("fíneáil",),
    "hr": ("kazn",),
    "hu": ("bírság",),
    "is": ("sekt", "stjórnvaldssekt"),
    "it": ("sanzion", "multa", "ammenda"),
    "lt": ("baud",),
    "lv": ("sod",),
    "mt": ("multa",),
    "nb": ("bot", "overtredelsesgebyr", "gebyr"),
    "nn": ("bot", "overtredingsgebyr", "gebyr"),
    "nl": ("boete",),
    "pl": ("kar", "grzywn"),
    "pt": ("coima", "multa"),
    "ro": ("amend", "sancțiun", "sancţiun"),
    "sk": ("pokut",),
    "sl": ("glob",),
    "sv": ("böter", "sanktionsavgift"),
    "zh": ("罚款", "罰款", "罚金", "罰金", "处罚", "處罰"),
}

# Capitalised words that name no party: the law and the Union. Ignored when comparing parties.
_NOT_PARTIES = frozenset(
    {
        "gdpr",
        "rgpd",
        "dsgvo",
        "avg",
        "rodo",
        "gdpr's",
        "eu",
        "ue",
        "eea",
        "european",
        "europe",
        "union",
        "europese",
        "européen",
        "europäische",
        "regulation",
        "article",
        "art",
    }
)

class Outlier(BaseModel):
    """An amount a source gives to the fine that differs from the fine it repeats."""

    model_config = ConfigDict(frozen=True)

    source: str | None = Field(default=None, description="The source that states it.")
    money: Money
    text: str = Field(description="The amount as written.")
    start: int = Field(ge=0, description="Offset in the source text.")
    context: str = Field(description="The sentence it stands in.")
    reason: str


class OtherAmount(BaseModel):
    """An amount a source states that is not the fine: a cap, another case, or anything else."""

    model_config = ConfigDict(frozen=True)

    source: str | None = None
    money: Money
    kind: Literal["cap", "other-case", "bound", "other"]
    percent: Decimal | None = Field(default=None, description="The percentage beside a cap.")
    bound: Bound = Field(
        default="exact",
        description="For a hedged amount ('more than', 'just under', 'about'): the bound it is.",
    )
    hedge: str | None = Field(default=None, description="The words that make it a bound.")
    text: str
    start: int = Field(ge=0)
    context: str


class SourceReading(BaseModel):
    """What one source says about amounts: its fine, and every other amount it states."""

    model_config = ConfigDict(frozen=True)

    name: str | None = Field(default=None, description="A name for the source (a file name).")
    locale: str = Field(description="The language the text was read in.")
    locale_guessed: bool = Field(
        default=False, description="True when the language was guessed by detect_language."
    )
    fine: Money | None = Field(description="The amount the source attributes to the fine.")
    fine_mentions: tuple[AmountMention, ...] = ()
    mentions: tuple[AmountMention, ...] = ()
    outliers: tuple[Outlier, ...] = ()
    others: tuple[OtherAmount, ...] = ()
    note: str | None = Field(default=None, description="How the fine was chosen when unusual.")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in re.finditer(r"(?<=[.!?。！？])\s+|\n+|(?<=[。！？])", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    i = bisect_right(spans, offset, key=lambda span: span[0]) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return i
    return len(spans) - 1


class _Covered:
    """Whether an offset lies inside one of the mentions (a binary search, not a scan)."""

    def __init__(self, mentions: Sequence[AmountMention]) -> None:
        spans = sorted((m.start, m.end) for m in mentions)
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1] if self.reach else end))

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.reach[i]


def _nearest(
    inside: list[int], mentions: Sequence[AmountMention], at: int, *, ordered: bool
) -> int:
    """Of the mentions *inside* a sentence, the first nearest to offset *at*.

    *ordered* says that they follow each other in the text without overlapping.
    """

    def distance(i: int) -> int:
        return max(mentions[i].start - at, at - mentions[i].end, 0)

    if not ordered:
        return min(inside, key=distance)
    # In text order, the distance falls and then rises: only the mention starting last at or
    # before *at*, and its neighbours, can be the nearest.
    k = bisect_right(inside, at, key=lambda i: mentions[i].start) - 1
    return min(inside[max(k - 1, 0) : k + 2], key=distance)


def _fine_re(locale: str) -> re.Pattern[str] | None:
    language = locale.split("_")[0]
    stems = _FINE_WORDS.get(language)
    if not stems:
        return None
    if language == "zh":
        return re.compile("|".join(map(re.escape, stems)))
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, stems)) + r")", re.IGNORECASE)


_PERCENT = re.compile(r"[^\d%.;]{0,16}?([0-9]+(?:[.,][0-9]+)?)\s?(?:%|per ?cent|procent)")


def _parties(text: str, spans: Sequence[tuple[int, int]], covered: _Covered) -> set[str]:
    """Capitalised words that do not open a sentence and are not part of an amount."""
    words = set()
    for start, end in spans:
        first = True
        for match in re.finditer(r"[^\W\d_][\w]*", text[start:end]):
            word = match.group()
            at = start + match.start()
            if first:
                first = False
                continue
            if not word[0].isupper() or word.casefold() in _NOT_PARTIES:
                continue
            if at in covered:
                continue
            words.add(word)
    return words


def _bare_numbers(context: str) -> dict[Decimal, Decimal]:
    """The bare numbers in *context*, each value as first written."""
    numbers: dict[Decimal, Decimal] = {}
    for match in re.finditer(r"(?<![0-9.,])[0-9]+(?:[.,][0-9]+)?(?![0-9])", context):
        try:
            value = Decimal(match.group().replace(",", "."))
        except InvalidOperation:
            continue
        numbers.setdefault(value, value)
    return numbers


def _split_factor(
    numbers: dict[Decimal, Decimal], amount: Decimal, fine: Decimal
) -> Decimal | None:
    """A bare number among *numbers* that times *amount* gives *fine* ("7.46 … 100 million")."""
    if amount == 0:
        return None
    with decimal_context(80):
        wanted = fine / amount
        if wanted * amount != fine:
            return None
    factor = numbers.get(wanted)
    return factor if factor is not None and factor not in (0, 1) else None


class _Passages:
    """A text cut into sentences, with the amounts found in it; what the sorting of amounts
    asks of a sentence is computed once."""

    def __init__(self, text: str, mentions: Sequence[AmountMention]) -> None:
        self.text = text
        self.mentions = mentions
        self.spans = _sentences(text)
        self.covered = _Covered(mentions)
        self._contexts: dict[int, str] = {}
        self._windows: dict[int, tuple[set[str], dict[Decimal, Decimal]]] = {}

    def index(self, mention: AmountMention) -> int:
        """The sentence a mention stands in."""
        return _sentence_index(self.spans, mention.start)

    def context(self, index: int) -> str:
        """The sentence *index*, as it stands in a result."""
        if index not in self._contexts:
            start, end = self.spans[index]
            self._contexts[index] = self.text[start:end].strip()
        return self._contexts[index]

    def parties(self, spans: Sequence[tuple[int, int]]) -> set[str]:
        return _parties(self.text, spans, self.covered)

    def window(self, index: int) -> tuple[set[str], dict[Decimal, Decimal]]:
        """The parties named and the bare numbers written in sentence *index* and the one
        before it."""
        if index not in self._windows:
            window = self.spans[max(0, index - 1) : index + 1]
            self._windows[index] = (
                self.parties(window),
                _bare_numbers(self.text[window[0][0] : self.spans[index][1]]),
            )
        return self._windows[index]


def _caps(text: str, mentions: Sequence[AmountMention]) -> dict[int, Decimal]:
    """The mentions followed by a percentage (``20 million euros or 4 %``), with it."""
    caps: dict[int, Decimal] = {}
    for i, m in enumerate(mentions):
        pct = _PERCENT.match(text, m.end)
        if pct and "%" not in text[m.start : m.end]:
            caps[i] = Decimal(pct[1].replace(",", "."))
    return caps


def _near_fine_words(passages: _Passages, caps: dict[int, Decimal], locale: str) -> set[int]:
    """The mentions given to a fine: each word for "fine" goes to the nearest amount in its
    sentence that is not a cap."""
    fine_re = _fine_re(locale)
    if fine_re is None:
        return set()
    mentions, spans = passages.mentions, passages.spans
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        index = passages.index(m)
        if i not in caps and spans[index][0] <= m.start < spans[index][1]:
            by_sentence.setdefault(index, []).append(i)
    near: set[int] = set()
    for index, inside in by_sentence.items():
        s_start, s_end = spans[index]
        ordered = all(mentions[a].end <= mentions[b].start for a, b in pairwise(inside))
        for word in fine_re.finditer(passages.text, s_start, s_end):
            near.add(_nearest(inside, mentions, word.start(), ordered=ordered))
    return near


def _choose_fine(
    mentions: Sequence[AmountMention], near: set[int], caps: dict[int, Decimal]
) -> tuple[Money | None, str | None]:
    """The amount a source attributes to the fine, and a note when it was chosen otherwise
    than among the amounts given to a fine.

    The fine is the amount given to a fine most often; on a tie, the one stated most often
    in all, then the one stated first. With no amount given to a fine, it is the amount
    stated most, if one is repeated or stands alone. A hedged amount ("more than EUR 2.8 m")
    is a bound, never the fine.
    """
    near_fine = [m for i, m in enumerate(mentions) if i in near and m.bound == "exact"]
    plain = [m for i, m in enumerate(mentions) if i not in caps and m.bound == "exact"]
    pool = near_fine or plain
    if not pool:
        return None, None
    note = None if near_fine else "no sentence speaks of a fine; the fine is the amount stated most"
    counts = Counter(m.money for m in pool)
    totals = Counter(m.money for m in plain)
    order = {m.money: -m.start for m in reversed(pool)}
    fine = max(counts, key=lambda money: (counts[money], totals[money], order[money]))
    if not near_fine and counts[fine] < 2 and len(counts) > 1:
        return None, "no sentence speaks of a fine and no amount is repeated"
    return fine, note


def _outlier_reason(
    passages: _Passages, index: int, money: Money, fine: Money, fine_parties: set[str]
) -> str | None:
    """Why an amount given to a fine in sentence *index* is a misreading of *fine*, or None
    when it is not (it is then the fine of another case)."""
    parties, numbers = passages.window(index)
    shared = parties & fine_parties
    factor = (
        _split_factor(numbers, money.amount, fine.amount) if money.currency == fine.currency else None
    )
    if not shared and factor is None:
        return None
    reasons = [f"given to a fine, but the source repeats {fine.format()}"]
    if shared:
        reasons.append("the passage names the same parties: " + ", ".join(sorted(shared)))
    if factor is not None:
        reasons.append(
            f"a bare {factor} stands nearby and {factor} × {money.format()} = "
            f"{fine.format()}: a number separated from its unit"
        )
    return "; ".join(reasons)


def _sort_amounts(
    passages: _Passages,
    caps: dict[int, Decimal],
    near: set[int],
    fine: Money | None,
    fine_mentions: Sequence[AmountMention],
    name: str | None,
) -> tuple[list[Outlier], list[OtherAmount]]:
    """The amounts other than the fine: outliers, and caps, other cases' fines and others."""
    fine_parties = passages.parties(sorted({passages.spans[passages.index(m)] for m in fine_mentions}))
    outliers: list[Outlier] = []
    others: list[OtherAmount] = []
    for i, m in enumerate(passages.mentions):
        index = passages.index(m)
        found = {"source": name, "money": m.money, "text": m.text, "start": m.start}
        context = passages.context(index)
        if i in caps:
            others.append(OtherAmount(**found, kind="cap", percent=caps[i], context=context))
            continue
        if m.bound != "exact":
            others.append(
                OtherAmount(**found, kind="bound", bound=m.bound, hedge=m.hedge, context=context)
            )
            continue
        if fine is not None and m.money == fine:
            continue
        kind: Literal["other-case", "other"] = "other"
        if i in near and fine is not None:
            reason = _outlier_reason(passages, index, m.money, fine, fine_parties)
            if reason is not None:
                outliers.append(Outlier(**found, context=context, reason=reason))
                continue
            kind = "other-case"
        others.append(OtherAmount(**found, kind=kind, context=context))
    return outliers, others


def read_source(text: str, *, locale: str, name: str | None = None) -> SourceReading:
    """Read the amounts one source states and the amount it attributes to the fine.

    >>> r = read_source(
    ...     "The CNIL fined Google €50 million in 2019. Amazon was fined €746 million, "
    ...     "and the fine of €746 million is a record. Fines reach €20 million or 4 % of "
    ...     "turnover.", locale="en")
    >>> r.fine
    Money('746000000', 'EUR')
    >>> [(o.money.amount, o.kind) for o in r.others]
    [(Decimal('50000000'), 'other-case'), (Decimal('20000000'), 'cap')]
    """
    mentions = find_amounts(text, locale=locale)
    passages = _Passages(text, mentions)
    caps = _caps(text, mentions)
    near = _near_fine_words(passages, caps, locale)
    fine, note = _choose_fine(mentions, near, caps)
    fine_mentions = tuple(
        m
        for i, m in enumerate(mentions)
        if i not in caps and fine is not None and m.money == fine and m.bound == "exact"
    )
    outliers, others = _sort_amounts(passages, caps, near, fine, fine_mentions, name)
    return SourceReading(
        name=name,
        locale=locale,
        fine=fine,
        fine_mentions=fine_mentions,
        mentions=tuple(mentions),
        outliers=tuple(outliers),
        others=tuple(others),
        note=note,
    )
