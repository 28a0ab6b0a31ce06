"""Cross-check the amount of a fine across the sources that report it.

Each source (a news report, a regulator's release) is read in its language with
:func:`gdprfine.amounts.find_amounts`. The amount a source attributes to the fine is the one
it states in a sentence that speaks of a fine ("fine", "boete", "amende", "Bußgeld", "罚款"…),
and, among those, the one it repeats most. The other amounts are sorted, by heuristics that
are stated in each result:

- a **cap**: an amount followed by a percentage ("20 million euros or 4 %"), as when a text
  restates the tiers of Article 83;
- an **outlier**: another amount given to a fine in a passage that names the same parties as
  the fine sentences (or that a bare number next to it turns into the fine: "7.46 … 100
  million euros" is 7.46 × 100 million) — a misreading or a garbled translation;
- an amount of **another case**: given to a fine in a passage that names other parties;
- **other**: any other amount.

Sources agree when each one's fine is the case's fine (or, with no case fine, the consensus).
Other amounts, caps and outliers are listed but are not disagreements.

>>> a = read_source("Amazon was fined €746 million. The fine of €746 million ...", locale="en",
...                 name="a")
>>> b = read_source("Amazon heeft een boete van 746 miljoen euro gekregen.", locale="nl", name="b")
>>> report = cross_check([a, b], Money("746000000", "EUR"))
>>> report.consensus, report.agreement, report.supported_by
(Money('746000000', 'EUR'), True, ['a', 'b'])

The language of a text with no declared language is guessed by :func:`detect_language`, a
heuristic that counts common words; it is stated as a guess in the reading.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation, localcontext
from itertools import pairwise
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.amounts import AmountMention, find_amounts
from gdprfine.cases import Source
from gdprfine.errors import InvalidInput
from gdprfine.law import Regime
from gdprfine.money import Money

__all__ = [
    "Disagreement",
    "OtherAmount",
    "Outlier",
    "SourceReading",
    "SourceSummary",
    "SourcesReport",
    "cross_check",
    "detect_language",
    "read_case_sources",
    "read_folder",
    "read_source",
    "tier_statement",
]

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

# Frequent short words per language for detect_language (a heuristic, not a classifier).
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "bg": "и на в за се от да е че с по са това като при",
        "cs": "a se na je že v s z do o jako pro by které také",
        "da": "og i at det er en til på af med for de ikke som har",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine",
        "el": "και το η της του να σε με για τα από την των ότι",
        "en": "the and of to in is that for it was on with as by this are be has have",
        "es": "de la que el en y los del se las por un para con una es",
        "et": "ja on ei et see oli ka kui mis ta aga nii",
        "fi": "ja on ei se että oli hän mutta kun myös ovat tai",
        "fr": "le la les de des et du en un une est que pour dans qui pas sur au",
        "ga": "agus an na ar is le go ag sa ní bhí",
        "hr": "i je u na se da za su od što kao ili",
        "hu": "a az és hogy nem is egy van meg ez de már",
        "is": "og að í á er sem til það um með var",
        "it": "il di che la e per un una del della è non sono con le gli",
        "lt": "ir į kad su yra iš bet tai buvo kaip",
        "lv": "un ir ar par uz no ka kas arī bet",
        "mt": "il u ta li fil għal minn dan huwa ma",
        "nb": "og i er det som en på til av for med ikke har jeg",
        "nl": "de het een en van in is dat op te zijn met voor niet die",
        "pl": "i w na z że się do nie jest to jak o dla",
        "pt": "de que o a do da em um para com não uma os se",
        "ro": "și în de la cu pe că nu o un este pentru",
        "sk": "a na je sa že v s z do o ako pre by",
        "sl": "in je v na da se za so z ki tudi",
        "sv": "och i att det som en på är av för med till den har inte",
    }.items()
}
_TRADITIONAL = set("萬億歐罰與這個們說為國會經時後對於關")
_SIMPLIFIED = set("万亿欧罚与这个们说为国会经时后对于关")


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
    kind: Literal["cap", "other-case", "other"]
    percent: Decimal | None = Field(default=None, description="The percentage beside a cap.")
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


class SourceSummary(BaseModel):
    """One source's reading in a report."""

    model_config = ConfigDict(frozen=True)

    name: str | None
    locale: str
    locale_guessed: bool = False
    fine: Money | None
    times_stated: int = Field(ge=0, description="How often the source states its fine.")
    agrees: bool | None = Field(description="Whether the fine is the expected one (None: no fine).")


class Disagreement(BaseModel):
    """A source whose fine differs from the case's fine (or from the consensus)."""

    model_config = ConfigDict(frozen=True)

    source: str | None
    stated: Money
    expected: Money
    message: str


class SourcesReport(BaseModel):
    """The cross-check of the sources of one case."""

    model_config = ConfigDict(frozen=True)

    consensus: Money | None = Field(description="The fine most sources attribute.")
    supported_by: list[str | None] = Field(description="The sources that state the consensus.")
    case_fine: Money | None = Field(default=None, description="The fine of the case, if given.")
    agreement: bool
    sources: list[SourceSummary]
    outliers: list[Outlier]
    others: list[OtherAmount]
    disagreements: list[Disagreement]


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
    with localcontext() as ctx:
        ctx.prec = 80
        wanted = fine / amount
        if wanted * amount != fine:
            return None
    factor = numbers.get(wanted)
    return factor if factor is not None and factor not in (0, 1) else None


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
    spans = _sentences(text)
    fine_re = _fine_re(locale)
    caps: dict[int, Decimal] = {}
    for i, m in enumerate(mentions):
        pct = _PERCENT.match(text, m.end)
        if pct and "%" not in text[m.start : m.end]:
            caps[i] = Decimal(pct[1].replace(",", "."))
    # Each word for "fine" goes to the nearest amount in its sentence that is not a cap.
    near: set[int] = set()
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        index = _sentence_index(spans, m.start)
        if i not in caps and spans[index][0] <= m.start < spans[index][1]:
            by_sentence.setdefault(index, []).append(i)
    for index, (s_start, s_end) in enumerate(spans if fine_re is not None else []):
        inside = by_sentence.get(index, [])
        if not inside or fine_re is None:
            continue
        ordered = all(mentions[a].end <= mentions[b].start for a, b in pairwise(inside))
        for word in fine_re.finditer(text, s_start, s_end):
            near.add(_nearest(inside, mentions, word.start(), ordered=ordered))
    near_fine = [m for i, m in enumerate(mentions) if i in near]
    plain = [m for i, m in enumerate(mentions) if i not in caps]
    note = None
    pool = near_fine
    if not pool:
        pool = plain
        if plain:
            note = "no sentence speaks of a fine; the fine is the amount stated most"
    fine: Money | None = None
    if pool:
        counts = Counter(m.money for m in pool)
        totals = Counter(m.money for m in plain)
        order = {m.money: -m.start for m in reversed(pool)}
        fine = max(counts, key=lambda money: (counts[money], totals[money], order[money]))
        if not near_fine and counts[fine] < 2 and len(counts) > 1:
            fine = None
            note = "no sentence speaks of a fine and no amount is repeated"
    fine_mentions = tuple(m for m in plain if fine is not None and m.money == fine)
    covered = _Covered(mentions)
    fine_parties = _parties(
        text,
        sorted({spans[_sentence_index(spans, m.start)] for m in fine_mentions}),
        covered,
    )
    windows: dict[int, tuple[set[str], dict[Decimal, Decimal]]] = {}
    contexts: dict[int, str] = {}
    outliers: list[Outlier] = []
    others: list[OtherAmount] = []
    for i, m in enumerate(mentions):
        index = _sentence_index(spans, m.start)
        s_start, s_end = spans[index]
        if index not in contexts:
            contexts[index] = text[s_start:s_end].strip()
        context = contexts[index]
        if i in caps:
            others.append(
                OtherAmount(
                    source=name,
                    money=m.money,
                    kind="cap",
                    percent=caps[i],
                    text=m.text,
                    start=m.start,
                    context=context,
                )
            )
            continue
        if fine is not None and m.money == fine:
            continue
        if i in near and fine is not None:
            if index not in windows:
                window = spans[max(0, index - 1) : index + 1]
                windows[index] = (
                    _parties(text, window, covered),
                    _bare_numbers(text[window[0][0] : s_end]),
                )
            parties, numbers = windows[index]
            shared = parties & fine_parties
            factor = (
                _split_factor(numbers, m.money.amount, fine.amount)
                if m.money.currency == fine.currency
                else None
            )
            if shared or factor is not None:
                reasons = [f"given to a fine, but the source repeats {fine.format()}"]
                if shared:
                    reasons.append(
                        "the passage names the same parties: " + ", ".join(sorted(shared))
                    )
                if factor is not None:
                    reasons.append(
                        f"a bare {factor} stands nearby and {factor} × {m.money.format()} = "
                        f"{fine.format()}: a number separated from its unit"
                    )
                outliers.append(
                    Outlier(
                        source=name,
                        money=m.money,
                        text=m.text,
                        start=m.start,
                        context=context,
                        reason="; ".join(reasons),
                    )
                )
                continue
            kind: Literal["other-case", "other"] = "other-case"
        else:
            kind = "other"
        others.append(
            OtherAmount(
                source=name,
                money=m.money,
                kind=kind,
                text=m.text,
                start=m.start,
                context=context,
            )
        )
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


def cross_check(readings: Sequence[SourceReading], fine: Money | None = None) -> SourcesReport:
    """Compare the fine each source states with the case's *fine* and with each other.

    >>> a = read_source("Amazon a reçu une amende de 746 millions d'euros.", locale="fr", name="a")
    >>> b = read_source("Amazon fined €700 million.", locale="en", name="b")
    >>> report = cross_check([a, b], Money("746000000", "EUR"))
    >>> report.agreement, [d.source for d in report.disagreements]
    (False, ['b'])
    """
    stated = [r.fine for r in readings if r.fine is not None]
    counts = Counter(stated)
    consensus: Money | None = None
    if counts:
        best = max(counts.values())
        leaders = [m for m in counts if counts[m] == best]
        if len(leaders) == 1:
            consensus = leaders[0]
        elif fine is not None and fine in leaders:
            consensus = fine
    expected = fine if fine is not None else consensus
    summaries: list[SourceSummary] = []
    disagreements: list[Disagreement] = []
    for r in readings:
        agrees = None if r.fine is None or expected is None else r.fine == expected
        summaries.append(
            SourceSummary(
                name=r.name,
                locale=r.locale,
                locale_guessed=r.locale_guessed,
                fine=r.fine,
                times_stated=len(r.fine_mentions),
                agrees=agrees,
            )
        )
        if r.fine is not None and expected is not None and r.fine != expected:
            whose = "the case's fine" if fine is not None else "the consensus"
            disagreements.append(
                Disagreement(
                    source=r.name,
                    stated=r.fine,
                    expected=expected,
                    message=f"states {r.fine.format()}, {whose} is {expected.format()}",
                )
            )
    if fine is None and counts and consensus is None:
        for r in readings:
            if r.fine is not None:
                disagreements.append(
                    Disagreement(
                        source=r.name,
                        stated=r.fine,
                        expected=r.fine,
                        message="sources state different fines and none is in the majority",
                    )
                )
    return SourcesReport(
        consensus=consensus,
        supported_by=[r.name for r in readings if r.fine is not None and r.fine == consensus],
        case_fine=fine,
        agreement=consensus is not None and not disagreements,
        sources=summaries,
        outliers=[o for r in readings for o in r.outliers],
        others=[o for r in readings for o in r.others],
        disagreements=disagreements,
    )


def detect_language(text: str) -> str | None:
    """Guess the language of *text* by counting common short words (a heuristic).

    Returns a locale identifier among the supported ones, or None when there is no evidence.

    >>> detect_language("Amazon heeft een boete van 746 miljoen euro gekregen van de CNPD.")
    'nl'
    >>> detect_language("亚马逊被罚款7.46亿欧元"), detect_language("亞馬遜被罰款7.46億歐元")
    ('zh', 'zh_Hant')
    >>> detect_language("746 000 000") is None
    True
    """
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in text if ch.isalpha())
    if han and han * 2 >= letters:
        traditional = sum(1 for ch in text if ch in _TRADITIONAL)
        simplified = sum(1 for ch in text if ch in _SIMPLIFIED)
        return "zh_Hant" if traditional > simplified else "zh"
    words = Counter(w.casefold() for w in re.findall(r"[^\W\d_]+", text))
    scores = {
        lang: sum(n for w, n in words.items() if w in stop) for lang, stop in _STOPWORDS.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else None


def _readme_languages(folder: Path) -> dict[str, str]:
    """The ``file | language`` columns of the markdown table in the folder's README.md."""
    readme = folder / "README.md"
    if not readme.is_file():
        return {}
    table: dict[str, str] = {}
    header: list[str] | None = None
    for line in _read_text(readme).splitlines():
        line = line.strip()
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip().strip("`") for c in line.strip("|").split("|")]
        if header is None:
            lowered = [c.casefold() for c in cells]
            if "file" in lowered and "language" in lowered:
                header = lowered
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        row = dict(zip(header, cells, strict=False))
        if row.get("file") and row.get("language"):
            table[row["file"]] = row["language"]
    return table


def _read_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput("file", str(path), f"cannot be read: {error}") from None


def read_folder(folder: str | Path) -> list[SourceReading]:
    """Read every ``*.txt`` in *folder*, in the language its README.md table gives, or guessed.

    The README's markdown table needs a ``file`` and a ``language`` column (a babel locale id).
    """
    path = Path(folder)
    languages = _readme_languages(path)
    readings = []
    for file in sorted(path.glob("*.txt")):
        text = _read_text(file)
        locale = languages.get(file.name)
        guessed = False
        if locale is None:
            locale = detect_language(text) or "en"
            guessed = True
        reading = read_source(text, locale=locale, name=file.name)
        readings.append(reading.model_copy(update={"locale_guessed": guessed}))
    return readings


def tier_statement(other: OtherAmount, law: Regime) -> str | None:
    """The tier whose figures a stated cap matches (``10 million euros or 2%`` -> 83(4)).

    >>> from gdprfine.law import regime
    >>> cap = OtherAmount(source="s", money=Money("20000000", "EUR"), kind="cap",
    ...                   percent=Decimal("4"), text="20 million euros", start=0, context="")
    >>> tier_statement(cap, regime())
    '83(5)'
    """
    if other.kind != "cap":
        return None
    for tier_id in law.tier_ids():
        tier = law.tier(tier_id)
        if other.money == tier.static_cap and (
            other.percent is None or other.percent == tier.turnover_share * 100
        ):
            return tier.id
    return None


def read_case_sources(
    sources: Sequence[Source], base: Path, *, default_locale: str = "en"
) -> list[SourceReading]:
    """Read the sources of a case that carry their text or a file (relative to *base*)."""
    readings = []
    for source in sources:
        if source.text is not None:
            text = source.text
        elif source.file is not None:
            path = (base / source.file).resolve()
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise InvalidInput(
                    "sources.file", source.file, f"cannot be read: {error}"
                ) from None
        else:
            continue
        locale = source.language or detect_language(text) or default_locale
        readings.append(read_source(text, locale=locale, name=source.title))
    return readings
