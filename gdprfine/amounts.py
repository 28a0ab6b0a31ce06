"""Amounts of money as people write them: "€746 million", "746 miljoen euro", "7.46亿欧元".

Fines reach readers as text, in many languages. This module reads them exactly, as
:class:`~gdprfine.money.Money`, and says when it cannot or is unsure. What it reads is the
project's own data, one file per language in ``gdprfine/data/amounts/``: the decimal and
grouping symbols, the scale words in every case form the press uses ("Million", "Millionen",
"miljoonan", "εκατομμυρίων", "mln"), the currency names and symbols, the number words ("two
thousand", "mille") and the hedges that make an amount a bound ("more than", "knapp"). Those
files started from the Unicode CLDR data of babel 2.14 and 2.19 and are kept by hand. The words
only CLDR gives (its compact-number words and currency names) are recorded for every supported
locale in ``cldr.json``, written from babel 2.19's CLDR data by ``scripts/update_cldr_amounts.py``
(a regional locale such as ``de_AT`` takes the installed babel's): a reading that needs one of
them is still made, but it is not sure. So a reading never changes with the babel installed.

The traps it knows about: "billion" is 10^9 in English but "Billion" is 10^12 in German
(long scale); a dot is a decimal point in English and a group separator in Dutch; French and
Polish group digits with a space, a no-break space or a narrow no-break space; a number with no
currency next to it ("12.000 Europese burgers", "10 000 more people", "4 %", "2018") is never
money.

More information: https://cldr.unicode.org/translation/numbers-currency/number-patterns

>>> parse_amount("746 miljoen euro", locale="nl")
Money('746000000', 'EUR')
>>> parse_amount("35,3 Millionen Euro", locale="de")
Money('35300000', 'EUR')
>>> parse_amount("2,8 mln zł", locale="pl")
Money('2800000', 'PLN')
>>> parse_amount("7.46亿欧元", locale="zh")
Money('746000000', 'EUR')
>>> [m.money for m in find_amounts("Die 12.000 Bürger; 746 Mio. € Bußgeld.", locale="de")]
[Money('746000000', 'EUR')]
>>> parse_amount(format_money(Money("746000000", "EUR"), locale="fr", style="words"), locale="fr")
Money('746000000', 'EUR')
"""

from __future__ import annotations

import json
import operator
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import cache, cached_property
from importlib import resources
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.errors import AmountError, AmountOverLimit, InvalidAmount, UnknownCurrency
from gdprfine.money import (
    MAX_FRACTION_DIGITS,
    Money,
    decimal_context,
    is_currency,
    minor_unit_digits,
    to_decimal,
)
from gdprfine.trusted import trusted

__all__ = [
    "MAX_TEXT_LENGTH",
    "SUPPORTED_LOCALES",
    "UNUSUAL_CASE",
    "AmountError",
    "AmountMention",
    "Bound",
    "FieldReading",
    "Style",
    "find_amounts",
    "format_money",
    "parse_amount",
    "read_amount",
    "read_amount_field",
]

SUPPORTED_LOCALES: tuple[str, ...] = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
    "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    "nb", "nn", "is",
    "zh", "zh_Hant",
)  # fmt: skip
"""The 24 official languages of the EU, Norwegian (Bokmål, Nynorsk), Icelandic and Chinese."""

Style = Literal["full", "compact", "words"]

_DATA_PACKAGE = "gdprfine.data"
_DATA_FOLDER = "amounts"

MAX_TEXT_LENGTH = 1_000_000
"""The longest text, in characters, that :func:`find_amounts`, :func:`parse_amount` and
:func:`read_amount_field` read; a longer one is an :class:`AmountError`."""

# Currencies whose names and symbols are recognised in text: the euro, the other currencies of
# the EU and the EEA (with the withdrawn kuna), sterling, the US dollar, the Swiss franc, the
# yuan and the yen. Any other currency is recognised by its ISO 4217 code ("XAF 5000").
_NAMED_CURRENCIES: tuple[str, ...] = (
    "EUR", "USD", "GBP", "CHF", "PLN", "CZK", "HUF", "RON", "BGN", "SEK", "DKK", "NOK", "ISK",
    "HRK", "CNY", "JPY",
)  # fmt: skip

_SPACES = " \u00a0\u202f\u2009"
UNUSUAL_CASE = "\u0130\u0131\u017f\u212a"
"""The letters other than ASCII ones that an ASCII letter matches when case is ignored (U+0130
is also the one letter whose lower case is two characters long): a text without them is
searched for words of ASCII letters by the shortcuts of :func:`find_amounts`."""
# One space of _SPACES. Not the class [ \u00a0\u202f\u2009]: a class with characters past U+00FF
# in more than two runs costs the regex compiler a 64K-entry table, and the patterns hold dozens
# of spaces ("more than", "pound sterling"); "{1}" keeps the parser from merging the
# alternatives back into that class. It matches exactly what the class matches.
_SPACE = "(?:[ \u00a0]|\u2009{1}|\u202f{1})"
_LONG_SCALE_LANGUAGES = frozenset(
    {"bg", "cs", "da", "de", "es", "et", "fi", "fr", "hr", "hu", "it", "lt", "lv", "nb", "nl",
     "nn", "pl", "pt", "ro", "sk", "sl", "sv", "is", "el"}
)  # fmt: skip

# A number: digits in groups of three with one consistent separator, or plain digits, with an
# optional decimal part. Never starts or ends inside a longer run of digits.
_NUMBER = (
    # The first digit comes first, so that the regex engine can skip to it quickly.
    r"(?P<num>[0-9](?<![0-9][0-9])(?<![0-9][.,][0-9])"
    # The group separator: a class (tried at every number, it is worth its cost to compile).
    rf"(?:[0-9]{{0,2}}(?P<g>[.,'’{_SPACES}])[0-9]{{3}}(?:(?P=g)[0-9]{{3}})*(?:(?P<d1>[.,])[0-9]+)?"
    r"|[0-9]*(?:(?P<d2>[.,])[0-9]+)?)"
    r")(?![0-9])(?![.,][0-9])"
)
# Between a number and its scale word or currency: a space, or a hyphen ("a 2-million-euro fine").
# A class: it is tried after every number, where one class is quicker than _SPACE's alternatives.
_JOIN = f"[{_SPACES}-]"
_LETTER_AFTER = r"(?![^\W\d_])"
_LETTER_BEFORE = r"(?<![^\W\d_])"

Bound = Literal["exact", "at_least", "at_most", "about"]
_BOUND_WORDS = {"exact": "exactly", "at_least": "at least", "at_most": "at most", "about": "about"}


class AmountMention(BaseModel):
    """One amount of money found in a text: its value, where it is, and how sure the reading is.

    >>> m = find_amounts("a fine of €746 million.", locale="en")[0]
    >>> m.money, m.start, m.end, m.text, m.sure
    (Money('746000000', 'EUR'), 10, 22, '€746 million', True)
    """

    model_config = ConfigDict(frozen=True)

    money: Money = Field(description="The amount read.")
    start: int = Field(ge=0, description="Offset of the first character in the text.")
    end: int = Field(ge=0, description="Offset just after the last character.")
    text: str = Field(description="The characters read, text[start:end].")
    sure: bool = Field(description="False when the text allows another reading or is unusual.")
    reason: str | None = Field(default=None, description="Why the reading is not sure.")
    alternative: Money | None = Field(
        default=None, description="The other possible reading, when there is one."
    )
    bound: Bound = Field(
        default="exact",
        description=(
            "What the text says the amount is: exactly it, or (after a hedge such as "
            "'more than', 'up to', 'about') at least, at most or about it."
        ),
    )
    hedge: str | None = Field(default=None, description="The words that make it a bound.")


class FieldReading(BaseModel):
    """The reading of one "fine" field of a record: an amount, a range, or why there is none.

    >>> read_amount_field("Fine in five-digit amount", locale="en").reason
    'states only the number of digits (five-digit amount)'
    """

    model_config = ConfigDict(frozen=True)

    text: str
    money: Money | None = Field(default=None, description="The amount, when the field states one.")
    low: Money | None = Field(default=None, description="Lower bound, when only a range is known.")
    high: Money | None = Field(default=None, description="Upper bound, when only a range is known.")
    reason: str | None = Field(default=None, description="Why there is no single amount.")
    mentions: tuple[AmountMention, ...] = ()


# ---------------------------------------------------------------------------------------------
# Locale data


@dataclass(frozen=True)
class _Scale:
    exponent: int
    word: str
    cldr_only: bool = False


class _Sources:
    """The regular expressions of a language's data, as text, each built when first asked for
    and compiled by :class:`_LocaleData` when first used: a text needs only some of them, and
    building and compiling them all costs more than reading most texts."""

    def __init__(
        self,
        own: dict[str, Any],
        scales: dict[str, _Scale],
        surfaces: frozenset[str],
        connectors: tuple[str, ...],
    ) -> None:
        self.own = own
        self.scales = scales
        self.surfaces = surfaces
        self.connectors = connectors
        self.has_spelled = bool(own.get("numbers"))
        self.has_range = bool(own.get("ranges"))
        self.has_hedge = any(_hedges_and_between(own)) and bool(own.get("hedges") or self.has_range)

    @cached_property
    def scale_words(self) -> str:
        """The scale words, as a trie of alternatives."""
        return _words_re((w.word for w in self.scales.values()), boundary_before=False)

    @cached_property
    def scale(self) -> str:
        """A scale word after a number, optional."""
        return rf"(?:{_JOIN}?(?P<scale>(?i:{self.scale_words})))?"

    @cached_property
    def fraction_joiners(self) -> frozenset[str]:
        """The words that join a number to a fraction after it ("two and a half"), as keys."""
        own = self.own
        return frozenset(_key(w) for w in [*own.get("ranges", {}).get("and", ()), *own.get("fraction_joiners", ())])

    @cached_property
    def number(self) -> str:
        """A number in digits, with its scale word."""
        return _NUMBER + self.scale

    @cached_property
    def fraction(self) -> str | None:
        """A fraction, or a number with a fraction, just before a scale word ("half a million",
        "anderthalb Millionen", "félmillió"); None when the language lists none."""
        fractions = self.own.get("fractions")
        if not fractions:
            return None
        scale_alts = self.scale_words
        return (
            rf"{_LETTER_BEFORE}(?P<frac>(?i:{_trie_re(fractions, boundary=False)}))"
            rf"(?:{_SPACE}+|-)?(?P<scale>(?i:{scale_alts}))"
        )

    @cached_property
    def fraction_stems(self) -> tuple[str, ...]:
        """The longest word of each fraction, lower-cased: a text that holds none of them, once
        lower-cased, holds no fraction."""
        words = {max(phrase.lower().split(), key=len) for phrase in self.own.get("fractions", ())}
        # A word that starts with another is found with it: "halben" with "halbe".
        return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))

    @cached_property
    def _spelled_words(self) -> tuple[str, str] | None:
        return _spelled_patterns(self.own) if self.has_spelled else None

    @cached_property
    def spelled(self) -> str | None:
        """A number in words, with its scale word."""
        return None if self._spelled_words is None else self._spelled_words[0] + self.scale

    @cached_property
    def starts(self) -> str | None:
        """Where a number in words can start, in lower-cased text."""
        return _spelled_starts(self.own) if self.has_spelled else None

    @cached_property
    def words(self) -> str | None:
        """One word of a number in words."""
        return None if self._spelled_words is None else self._spelled_words[1]

    @cached_property
    def names(self) -> str:
        """The currency names and symbols, case ignored."""
        return _words_re(self.surfaces, boundary_before=True)

    @cached_property
    def connector_parts(self) -> tuple[str, ...]:
        """Each connector with the space after it (none after an apostrophe), case ignored."""
        spaced = [(c, "" if c.endswith(("'", "’")) else _SPACE) for c in self.connectors]
        return tuple(rf"(?i:{re.escape(c)}{space})" for c, space in spaced)

    @cached_property
    def connector(self) -> str:
        """Between a scale word and the currency ("" when the language has none)."""
        if not self.connectors:
            return ""
        return rf"(?:{'|'.join(self.connector_parts)})?"

    @cached_property
    def _hedges(self) -> tuple[str | None, str | None]:
        return _hedge_patterns(self.own)

    @cached_property
    def hedge(self) -> str | None:
        """A hedge just before an amount."""
        return self._hedges[0]

    @cached_property
    def range(self) -> str | None:
        """A range's "between ... and" just before an amount."""
        return self._hedges[1]

    @cached_property
    def hedge_ends(self) -> tuple[str, ...] | None:
        """What :attr:`hedge` can end a text with (:func:`_may_end`)."""
        return _words_of(phrase for kind in _hedges_and_between(self.own) for phrase in kind)

    @cached_property
    def range_ends(self) -> tuple[str, ...] | None:
        """What :attr:`range` can end a text with (:func:`_may_end`): its word for "and"."""
        return _words_of(self.own.get("ranges", {}).get("and", ()))

    @cached_property
    def hedges_after(self) -> dict[str, str]:
        """The hedges after an amount ("or more"), by key, and the bound each makes."""
        kinds = self.own.get("hedges_after", {})
        return {_key(phrase): kind for kind, phrases in kinds.items() for phrase in phrases}

    @cached_property
    def hedge_after(self) -> str | None:
        """A hedge just after an amount ("€1m or more"), not one that starts a comparison with
        a number ("€20m or more than 4 %")."""
        phrases = [p for phrases in self.own.get("hedges_after", {}).values() for p in phrases]
        if not phrases:
            return None
        compared = rf"(?!{_SPACE}+[^\W\d_]+{_SPACE}*[0-9])"
        return rf"{_SPACE}+(?P<hedge>(?i:{_trie_re(phrases)})){compared}"

    @cached_property
    def after_currency(self) -> str | None:
        """Just after a currency name: a minor unit ("3 euro cents") or a word that makes the
        name a thing, not an amount ("the 2021 euro area", "19 Euro-Ländern")."""
        minor = self.own.get("minor_units", ())
        things = self.own.get("not_amounts", {}).get("after_currency", ())
        kinds = (("minor", minor), ("thing", things))
        alts = [rf"(?P<{group}>(?i:{_trie_re(words)}))" for group, words in kinds if words]
        return rf"{_JOIN}?(?:{'|'.join(alts)})" if alts else None

    @cached_property
    def year_before(self) -> str | None:
        """A word before a year and a currency that makes them the prices of that year ("in
        2021 euros"), not an amount."""
        words = self.own.get("not_amounts", {}).get("before_year", ())
        return rf"{_LETTER_BEFORE}(?P<word>(?i:{_trie_re(words)})){_SPACE}+\Z" if words else None


def _words_of(phrases: Iterable[str]) -> tuple[str, ...] | None:
    """*phrases* lower-cased, their words one space apart; None when one is not ASCII."""
    phrases = list(phrases)
    if not all(map(str.isascii, phrases)):
        return None
    return tuple(" ".join(filter(None, phrase.lower().split(" "))) for phrase in phrases)


def _may_end(text: str, start: int, end: int, phrases: tuple[str, ...] | None) -> bool:
    """Whether a pattern of *phrases* (as :func:`_words_of` gives them; a trie of
    :func:`_trie_re`, case ignored, then spaces) can match in ``text[start:end]`` up to its end:
    False only when it cannot. In ASCII text an ASCII letter matches, case ignored, its own two
    cases alone, and a run of spaces only " "s: lower-cased, its space runs made one space, a
    match is then a phrase, and the span made so ends with it."""
    if phrases is None:
        return True
    span = text[start:end]
    return not span.isascii() or " ".join(filter(None, span.lower().split(" "))).endswith(phrases)


# An ISO 4217 code as the currency patterns match it: any three capitals, the code checked
# after the match (a trie of every code would make each locale's patterns twice as long).
_ANY_CODE = r"(?P<iso>[A-Z]{3})"


@dataclass(frozen=True)
class _LocaleData:
    name: str
    language: str
    decimal: str
    group: str
    currency_before: bool
    scales: dict[str, _Scale]
    names: dict[str, str]
    cldr_only_names: frozenset[str]
    numbers: dict[str, int]
    fractions: dict[str, Decimal]
    fractions_after: dict[str, Decimal]
    articles: frozenset[str]
    joiners: frozenset[str]
    unit_joiners: frozenset[str]
    vigesimal: bool
    bare_scale_is_one: bool
    connectors: tuple[str, ...]
    hedges: dict[str, str]
    cldr_source: str  # where the words only CLDR knows come from ("babel 2.19.0")
    sources: _Sources
    pre_letters: int  # the most characters other than spaces a currency name holds
    hedge_letters: int  # the most characters other than spaces a hedge holds

    @cached_property
    def number_re(self) -> re.Pattern[str]:
        return re.compile(self.sources.number)

    @cached_property
    def range_word_re(self) -> re.Pattern[str] | None:
        """A word that joins two numbers of a range or an alternative, then the start of the
        second number (a currency of up to three characters may stand before it)."""
        own = self.sources.own
        words = [*own.get("range_words", ()), *own.get("alternative_words", ())]
        if not words:
            return None
        return re.compile(
            rf"{_SPACE}+(?P<word>(?i:{_trie_re(words)})){_SPACE}+"
            rf"(?:[^\s0-9]{{1,3}}{_SPACE}?)?(?=[0-9])"
        )

    @cached_property
    def range_word_before_re(self) -> re.Pattern[str] | None:
        """A number with no scale word and a word of a range, ending where a number starts
        (after a currency of up to three characters): "5 to " of "EUR 5 to 10 million"."""
        words = self.sources.own.get("range_words")
        if not words:
            return None
        return re.compile(
            rf"(?<![0-9.,])[0-9]+(?:[.,][0-9]+)?{_SPACE}+(?i:{_trie_re(words)}){_SPACE}+"
            rf"(?:[^\s0-9]{{1,3}}{_SPACE}?)?\Z"
        )

    @cached_property
    def fraction_after_re(self) -> re.Pattern[str] | None:
        """A fraction just after a scale word: " e mezzo" of "un milione e mezzo di euro"."""
        words = self.sources.own.get("fractions_after")
        return re.compile(rf"{_SPACE}+(?P<frac>(?i:{_trie_re(words)}))") if words else None

    @cached_property
    def fraction_re(self) -> re.Pattern[str] | None:
        return _compiled(self.sources.fraction)

    @cached_property
    def spelled_re(self) -> re.Pattern[str] | None:
        return _compiled(self.sources.spelled)

    @cached_property
    def spelled_starts(self) -> re.Pattern[str] | None:
        """Where spelled_re can match, in lower-cased text (None: anywhere)."""
        return _compiled(self.sources.starts)

    @cached_property
    def words_re(self) -> re.Pattern[str] | None:
        return _compiled(self.sources.words)

    @cached_property
    def hedge_re(self) -> re.Pattern[str] | None:
        return _compiled(self.sources.hedge)

    @cached_property
    def range_re(self) -> re.Pattern[str] | None:
        return _compiled(self.sources.range)

    @cached_property
    def hedge_after_re(self) -> re.Pattern[str] | None:
        return _compiled(self.sources.hedge_after)

    @cached_property
    def after_currency_re(self) -> re.Pattern[str] | None:
        return _compiled(self.sources.after_currency)

    @cached_property
    def year_before_re(self) -> re.Pattern[str] | None:
        return _compiled(self.sources.year_before)

    @cached_property
    def currency_re(self) -> re.Pattern[str]:
        """A currency, before a number (:func:`_currency_before`) or after it
        (:func:`_currency_after`); an ISO code as any three capitals (both check it)."""
        return re.compile(rf"(?P<cur>{self._currency(_ANY_CODE)})")

    @cached_property
    def currency_full_re(self) -> re.Pattern[str]:
        """:attr:`currency_re` with every ISO 4217 code spelled out."""
        return re.compile(rf"(?P<cur>{self._currency(_iso_codes_re())})")

    @cached_property
    def connector_res(self) -> tuple[re.Pattern[str], ...]:
        """Each connector between a scale word and the currency, in the order the language
        lists them."""
        return tuple(map(re.compile, self.sources.connector_parts))

    @cached_property
    def pre_full_re(self) -> re.Pattern[str]:
        """A currency that ends where the searched span ends (or one space before it): what
        :func:`_currency_before` finds."""
        return re.compile(rf"(?P<cur>{self._currency(_iso_codes_re())}){_SPACE}?\Z")

    @cached_property
    def post_full_re(self) -> re.Pattern[str]:
        """A currency right after a number: what :func:`_currency_after` finds."""
        currency = self._currency(_iso_codes_re())
        return re.compile(rf"{_JOIN}?{self.sources.connector}(?P<cur>{currency})")

    def _currency(self, code: str) -> str:
        return rf"(?:(?i:{self.sources.names})|(?<![A-Za-z]){code}(?![A-Za-z]))"


def _compiled(source: str | None) -> re.Pattern[str] | None:
    return None if source is None else re.compile(source)


def _is_cjk(word: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in word)


def _key(word: str) -> str:
    return (
        " ".join(word.replace("\u00a0", " ").replace("\u202f", " ").split()).casefold().rstrip(".")
    )


def _trie_re(words: Iterable[str], *, boundary: bool = True, lower: bool = True) -> str:
    """One regex for many words, factored by common prefixes so that it fails fast.

    Spaces inside a word match any run of spaces; with *boundary*, a word ends at a word
    boundary. The longest word that fits is preferred.

    >>> print(_trie_re(["ten", "twelve", "twenty"]))
    (?:t(?:en|we(?:lve|nty)))(?![^\\W\\d_])
    """
    trie = _trie(words, lower=lower)

    def build(node: dict[str, Any]) -> str:
        chain = ""  # the characters down to the first node that ends a word or branches
        while len(node) == 1 and "" not in node:
            ((ch, node),) = node.items()
            chain += _char_re(ch)
        keys = sorted(k for k in node if k)
        alts = [_char_re(ch) + build(node[ch]) for ch in keys]
        if not alts:
            return chain
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" not in node:
            return chain + body
        # An alternation, or one character that ends a word ("s" of "euros"), takes the "?" as
        # it is: the regex compiler's time grows with the length of the pattern.
        atom = len(alts) > 1 or (keys[0] != " " and body == re.escape(keys[0]))
        return chain + (f"{body}?" if atom else f"(?:{body})?")

    if not trie:
        return "(?!)"
    return f"(?:{build(trie)})" + (_LETTER_AFTER if boundary else "")


def _trie(words: Iterable[str], *, lower: bool) -> dict[str, Any]:
    """*words* (lower-cased with *lower*) as a tree of their characters, by common prefixes;
    the key "" marks where a word ends."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word.lower() if lower else word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


@cache
def _char_re(ch: str) -> str:
    """One character of a word of :func:`_trie_re`: a space matches any run of spaces."""
    return f"{_SPACE}+" if ch == " " else re.escape(ch)


def _words_re(words: Iterable[str], *, boundary_before: bool) -> str:
    """A regex for *words* with flexible spaces, an optional final dot and word boundaries, as one trie per kind of word."""
    kinds: dict[tuple[bool, bool], set[str]] = {}
    for word in words:
        core = " ".join(word.split())
        bare = core.rstrip(".")
        if not bare:
            continue
        before = boundary_before and not _is_cjk(bare[0]) and bare[0].isalpha()
        after = not _is_cjk(bare[-1])
        forms = kinds.setdefault((before, after), set())
        forms.add(bare)
        if after and core.endswith("."):
            forms.add(bare + ".")
    alts = [
        (_LETTER_BEFORE if before else "") + _trie_re(forms, boundary=after)
        for (before, after), forms in sorted(kinds.items())
    ]
    return "|".join(alts) or "(?!)"


def _unquote(literal: str) -> str:
    return literal.replace("''", "\x00").replace("'", "").replace("\x00", "'")


@cache
def _data_folder() -> Any:
    return resources.files(_DATA_PACKAGE).joinpath(_DATA_FOLDER)


@cache
def _language_text(language: str) -> str:
    text: str = _data_folder().joinpath(f"{language}.toml").read_text("utf-8")
    return text


@cache
def _language_file(language: str) -> dict[str, Any]:
    """The project's own words for *language* (``gdprfine/data/amounts/<language>.toml``)."""
    data: dict[str, Any] = tomllib.loads(_language_text(language))
    return data


# The [scales] table of a language file: its header line and the lines up to the next table.
_SCALES_TABLE = re.compile(r"^\[scales\].*(?:\n(?!\[).*)*", re.MULTILINE)


# A line of the [scales] table as the files write it: "word" = power of ten, a comment, or
# nothing. A table with any other line is read by tomllib.
_SCALE_LINE = re.compile(r'"([^"\\]*)" = ([0-9]+)[ \t]*(?:#.*)?|[ \t]*(?:#.*)?')


@cache
def _scale_table(language: str) -> dict[str, int]:
    """The scale words of *language*, from its file's [scales] table read alone: a text may
    need the scale words of every language, but not the rest of their files."""
    text = _language_text(language)
    # The search's first match, matched where the first line that starts the table starts.
    table = _SCALES_TABLE.match(text, text.find("\n[scales]") + 1 if text[:8] != "[scales]" else 0)
    if table is None:
        scales: dict[str, int] = _language_file(language)["scales"]
        return scales
    found: dict[str, int] = {}
    for line in table.group().split("\n")[1:]:
        entry = _SCALE_LINE.fullmatch(line)
        if entry is None:
            found = tomllib.loads(table.group())["scales"]
            break
        if entry[1] is not None:
            found[entry[1]] = int(entry[2])
    return found


@cache
def _currencies_file() -> dict[str, Any]:
    """The data of every language's currencies (``gdprfine/data/amounts/currencies.toml``)."""
    data: dict[str, Any] = tomllib.loads(_data_folder().joinpath("currencies.toml").read_text("utf-8"))
    return data


@cache
def _fine_currencies() -> frozenset[str]:
    """Currencies written with three or four decimals ("1.500 KWD" is 1.5), by ISO 4217."""
    return frozenset(_currencies_file()["three_or_more_decimals"])


@cache
def _all_scale_keys() -> frozenset[str]:
    """Every scale word of every supported language, as a key: what a scale word looks like."""
    keys: set[str] = set()
    for tag in SUPPORTED_LOCALES:
        for word in _scale_table(tag.split("_")[0]):
            key = _key(word)
            if len(key) >= 2 and " " not in key:
                keys.add(key)
    return frozenset(keys)


# The stems of scale words in the languages of Europe, for a word no table lists ("miljun").
_SCALE_SHAPE = re.compile(
    r"(?:^(?:mil|bil|tril|mld|mrd|mln|mlrd|mljrd|bn|mio|mia|мил|млн|млрд|хил|εκατ|δισ|χιλ)"
    r"|illion|ilion|iljon|ilijon|iljun|lliún|llón|lhão|lhõ|iljoon|iljard|iliard|illiard"
    r"|iliárd|illiárd|ilijard|iljárd|illió|illiárd)"
)


def _looks_like_scale(word: str) -> bool:
    key = _key(word)
    return key in _all_scale_keys() or bool(_SCALE_SHAPE.search(key))


def _babel_words(loc: Any) -> tuple[dict[str, tuple[int, str]], list[tuple[str, str]]]:
    """The compact-number words and currency names the installed babel's CLDR data gives for the
    babel locale *loc* (what ``cldr.json`` holds for the supported locales)."""
    scales: dict[str, tuple[int, str]] = {}
    compact = loc._data["compact_decimal_formats"]
    for kind in ("long", "short"):
        if kind not in compact:
            continue
        for forms in compact[kind].values():
            for magnitude, pattern in forms.items():
                raw = pattern.pattern
                zeros = raw.count("0")
                if zeros == 0:
                    continue
                word = _unquote(raw.replace("0", "")).strip(_SPACES)
                if word:
                    exponent = len(magnitude) - 1 - (zeros - 1)
                    scales.setdefault(_key(word), (exponent, word))
    names: list[tuple[str, str]] = []
    plural = loc._data["currency_names_plural"]
    for code in _NAMED_CURRENCIES:
        candidates = [loc.currencies.get(code)]
        if code in plural:
            candidates.extend(plural[code].values())
        symbol = loc.currency_symbols.get(code)
        if symbol and symbol != code:
            candidates.append(symbol)
        names.extend((cand, code) for cand in candidates if cand)
    return scales, names


@cache
def _cldr_text() -> str:
    text: str = _data_folder().joinpath("cldr.json").read_text("utf-8")
    return text


@cache
def _cldr_snapshot() -> dict[str, Any]:
    """The CLDR words of every supported locale, as ``cldr.json`` records them (written by
    ``scripts/update_cldr_amounts.py`` from babel's CLDR data)."""
    data: dict[str, Any] = json.loads(_cldr_text())
    return data


@cache
def _cldr_entry(key: str, *, locale: bool) -> Any:
    """``_cldr_snapshot()["locales"].get(key)`` with *locale*, else ``_cldr_snapshot()[key]``:
    where ``cldr.json`` is laid out as the script writes it (each key of the record on a line
    of its own, indented two spaces, each locale's four), the value alone is read, starting
    after its key (a JSON text holds a line end only between its values)."""
    text = _cldr_text()
    head = f"\n{'    ' if locale else '  '}{json.dumps(key)}: "
    at = text.find(head)
    if at >= 0:
        return json.JSONDecoder().raw_decode(text, at + len(head))[0]
    return _cldr_snapshot()["locales"].get(key) if locale else _cldr_snapshot()[key]


def _cldr_words(identifier: str) -> tuple[dict[str, tuple[int, str]], list[tuple[str, str]]]:
    """The compact-number words (by key: power of ten, word) and currency names (name, code)
    CLDR gives for the babel locale *identifier*: those of ``cldr.json`` for a supported
    locale, those of the installed babel for any other (a regional one, "de_AT")."""
    entry = _cldr_entry(identifier, locale=True)
    if entry is None:
        from babel import Locale

        return _babel_words(Locale.parse(identifier))
    scales = {_key(word): (exponent, word) for word, exponent in entry["scales"]}
    return scales, [(word, code) for word, code in entry["names"]]


def _cldr_source(identifier: str) -> str:
    """Where the CLDR words of *identifier* come from: the babel release of ``cldr.json``, or
    the installed one."""
    if _cldr_entry(identifier, locale=True) is not None:
        return f"babel {_cldr_entry('babel', locale=False)}"
    from babel import __version__

    return f"babel {__version__}"


def _identify(name: str) -> tuple[str, str]:
    """The babel identifier and the project's language code of a locale name, or an
    AmountError; a supported locale's are in ``cldr.json``, any other name is parsed by babel."""
    if isinstance(name, str):
        entry = _cldr_entry(name.replace("-", "_"), locale=True)
        if entry is not None:
            return entry["identifier"], entry["language"]
    loc, language = _parse_locale(name)
    return str(loc), language


def _parse_locale(name: str) -> tuple[Any, str]:
    """The babel locale and the project's language code of a locale name, or an AmountError."""
    from babel import Locale, UnknownLocaleError

    if not isinstance(name, str):
        raise AmountError("locale", name, "a locale is a babel identifier such as 'en' or 'de'")
    try:
        loc = Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise AmountError(
            "locale", name, "not a known locale", suggestions=SUPPORTED_LOCALES[:6]
        ) from exc
    language = loc.language
    if language == "no":
        language = "nb"
    tag = language if not (language == "zh" and loc.script == "Hant") else "zh_Hant"
    if tag not in SUPPORTED_LOCALES and language not in SUPPORTED_LOCALES:
        raise AmountError("locale", name, "locale not supported", suggestions=SUPPORTED_LOCALES)
    return loc, language


_Names = list[tuple[str, str]]


def _scale_words(own: dict[str, Any], identifier: str) -> tuple[dict[str, _Scale], _Names, _Names]:
    """The scale words of a language (the project's first; CLDR only adds words the project does
    not list, and a reading that needs one of those is not sure, since it would change with the
    CLDR version), and the currency names: the project's, then CLDR's."""
    scales: dict[str, _Scale] = {}
    for word, exponent in own["scales"].items():
        known = scales.get(_key(word))
        if known is None or (word.endswith(".") and not known.word.endswith(".")):
            scales[_key(word)] = _Scale(exponent, word)  # "mln." reads "mln" and "mln."
    for word, value in own.get("numbers", {}).items():
        # A number word for a power of ten is a scale word after digits ("1 milijardo").
        exponent = len(str(value)) - 1
        if value >= 1000 and value == 10**exponent:
            scales.setdefault(_key(word), _Scale(exponent, word))
    own_names = [(word, code) for code, words in own["currencies"].items() for word in words]
    symbols = _currencies_file()["symbols"]
    own_names.extend((symbol, code) for code, listed in symbols.items() for symbol in listed)
    own_keys = {_key(word) for word, _ in own_names}
    cldr_scales, cldr_names = _cldr_words(identifier)
    for key, (exponent, word) in cldr_scales.items():
        if key not in own_keys:
            scales.setdefault(key, _Scale(exponent, word, cldr_only=True))
    return scales, own_names, cldr_names


def _currency_names(
    own_names: _Names, cldr_names: _Names, scales: dict[str, _Scale]
) -> tuple[dict[str, str], set[str], set[str]]:
    """Currency names by key (the project's first), their surface forms, and the keys only
    CLDR knows; a word that is a scale word is never a currency name."""
    names: dict[str, str] = {}
    surfaces: set[str] = set()
    cldr_only: set[str] = set()
    for entries, from_cldr in ((own_names, False), (cldr_names, True)):
        for word, code in entries:
            key = _key(word)
            if key in scales or key in names:
                continue
            names[key] = code
            surfaces.add(word.strip())
            if from_cldr:
                cldr_only.add(key)
    return names, surfaces, cldr_only


def _hedges(own: dict[str, Any]) -> dict[str, str]:
    hedges = {
        _key(phrase): kind
        for kind in ("at_least", "at_most", "about", "unsure")
        for phrase in own.get("hedges", {}).get(kind, ())
    }
    hedges.update({_key(word): "at_least" for word in own.get("ranges", {}).get("between", ())})
    return hedges


def _hedge_patterns(own: dict[str, Any]) -> tuple[str | None, str | None]:
    """The patterns of a hedge before an amount and of a range's "between ... and"."""
    ranges = own.get("ranges", {})
    hedge_re = range_re = None
    if ranges:
        # "between 5 and 10 million euros": the amount after "and" is an upper bound.
        range_re = (
            rf"{_LETTER_BEFORE}(?i:{_trie_re(ranges['between'])}){_SPACE}+"
            rf"[^\n]{{0,30}}?[0-9][^\n]{{0,30}}?{_SPACE}(?i:{_trie_re(ranges['and'])}){_SPACE}*\Z"
        )
    if own.get("hedges") or ranges:
        phrases = [phrase for kind in _hedges_and_between(own) for phrase in kind]
        if phrases:
            hedge_re = rf"{_LETTER_BEFORE}(?P<hedge>(?i:{_trie_re(phrases)})){_SPACE}*\Z"
    return hedge_re, range_re


def _hedges_and_between(own: dict[str, Any]) -> list[list[str]]:
    """The hedges of a language's data, by kind, and its words for "between"."""
    return [*own.get("hedges", {}).values(), own.get("ranges", {}).get("between", [])]


def _letters(words: Iterable[str]) -> int:
    """The most characters other than spaces a match of one of *words* (in a trie of
    :func:`_trie_re`, where a space matches a run of spaces) holds."""
    return max((len(word) - word.count(" ") for word in (w.lower() for w in words)), default=0)


def _nearest(text: str, start: int, end: int, letters: int) -> int:
    """The first offset in *text* from *start* on where a match that ends by *end* and holds
    at most *letters* characters other than spaces can begin: searching from there finds what
    searching from *start* finds, in fewer steps."""
    if end - start <= letters:
        return start
    window = text[start:end]
    spaces = window.count(" ")
    if not window.isascii():
        spaces += sum(window.count(space) for space in _SPACES[1:])
    return max(start, end - letters - spaces)


@cache
def _locale(name: str) -> _LocaleData:
    identifier, language = _identify(name)
    own = _language_file(language)
    scales, own_names, cldr_names = _scale_words(own, identifier)
    names, surfaces, cldr_only = _currency_names(own_names, cldr_names, scales)
    numbers = {_key(word): value for word, value in own.get("numbers", {}).items()}
    connectors = tuple(own.get("connectors", ()))
    return _LocaleData(
        name=identifier,
        language=language,
        decimal=own["decimal"],
        group=own["group"],
        currency_before=bool(own["currency_before"]),
        scales=scales,
        names=names,
        cldr_only_names=frozenset(cldr_only),
        numbers=numbers,
        fractions=_decimals(own.get("fractions", {})),
        fractions_after=_decimals(own.get("fractions_after", {})),
        articles=frozenset(_key(word) for word in own.get("articles", ())),
        joiners=frozenset(_key(word) for word in own.get("joiners", ())),
        unit_joiners=frozenset(_key(word) for word in own.get("unit_joiners", ())),
        vigesimal=bool(own.get("vigesimal", False)),
        bare_scale_is_one=bool(own.get("bare_scale_is_one", False)),
        connectors=connectors,
        hedges=_hedges(own),
        cldr_source=_cldr_source(identifier),
        sources=_Sources(own, scales, frozenset(surfaces), connectors),
        pre_letters=max(_letters(" ".join(word.split()) for word in surfaces), 3),
        hedge_letters=_letters(phrase for kind in _hedges_and_between(own) for phrase in kind),
    )


def _decimals(table: dict[str, str]) -> dict[str, Decimal]:
    """A table of words and their values written as decimal text, by key."""
    return {_key(word): Decimal(value) for word, value in table.items()}


def _spelled_patterns(own: dict[str, Any]) -> tuple[str, str]:
    """The regex of numbers in words for a language's data, and the regex of one word.

    A number in words starts with a number word, then number or scale words ("fünf
    Millionen", "dos mil millones"), with the language's joiners ("one hundred and twenty");
    an article counts as one before hundred, thousand, million ("a million").
    """
    # Scale words written out in full ("Millionen", "mil"), not abbreviations ("Mio", "Mio.").
    dotted = {w.rstrip(".").casefold() for w in own["scales"] if w.endswith(".")}
    spelled = [
        w for w in own["scales"] if w.replace("-", "").isalpha() and w.casefold() not in dotted
    ]
    big = [w for w, v in own["numbers"].items() if v >= 100] + spelled
    follow = list(own["numbers"]) + spelled
    # Languages that write numbers as one word ("zweihundertfünfzigtausend") need no space
    # between number words, and a word ends only where the whole number ends.
    compounds = bool(own.get("compounds", False))
    units = list(own.get("unit_joiners", ()))
    sep = rf"(?:{_SPACE}+|-)"
    joiner = rf"(?:{_trie_re(own['joiners'])}{_SPACE}+)?" if own.get("joiners") else ""
    article = ""
    if own.get("articles"):
        article = rf"(?:{_trie_re(own['articles'])}{_SPACE}+(?={_trie_re(big)}))?"
    first = _trie_re(own["numbers"], boundary=not compounds)
    then = _trie_re(follow, boundary=not compounds)
    if compounds:
        # One word of several number words, "zweihundertfünfzig", "fünf|und|zwanzig".
        inner = rf"(?:{_trie_re(units, boundary=False)})?" if units else ""
        first = rf"{first}(?:{inner}{then})*+{_LETTER_AFTER}"
        then = rf"{then}(?:{inner}{then})*+{_LETTER_AFTER}"
    # Possessive: one way to split "achttienachttien..." is enough; trying every other way
    # would take exponential time.
    words = rf"{_LETTER_BEFORE}(?P<words>(?i:{article}{first}(?:{sep}{joiner}{then})*+))"
    lexicon = [*own["numbers"], *spelled, *own.get("articles", ()), *own.get("joiners", ()), *units]
    return words, rf"(?i:{_trie_re(lexicon, boundary=not compounds)})"


def _spelled_starts(own: dict[str, Any]) -> str | None:
    """Where a number in words can start in lower-cased text, as a pattern that matches the
    character before it; None when a number word or article is not written in ASCII.

    A number in words starts with a number word, or with an article, spaces and a word for a
    hundred or more ("a million"). Such a word matches, case ignored, only ASCII letters and
    the few letters of :data:`UNUSUAL_CASE`; in a text without those, it matches where the
    lower-cased text holds it. The regular expression engine skips quickly to each character
    that is not a letter, where this pattern is tried.
    """
    scales = [w for w in own["scales"] if w.replace("-", "").isalpha()]
    numbers = [w.lower() for w in own["numbers"]]
    articles = [w.lower() for w in own.get("articles", ())]
    big = [w.lower() for w, v in own["numbers"].items() if v >= 100] + scales
    if not all(word.isascii() for word in [*numbers, *articles, *big]):
        return None
    starts = [_trie_re(numbers, boundary=False)]
    if articles:
        starts.append(rf"{_trie_re(articles)}{_SPACE}+{_trie_re(big, boundary=False)}")
    # The first letters of those words, tried first: most characters after a space start none.
    firsts = "".join(sorted({word[0] for word in [*numbers, *articles] if word}))
    return rf"[^a-z](?=[{re.escape(firsts)}])(?=(?:{'|'.join(starts)}))"


@cache
def _iso_codes_re() -> str:
    from gdprfine.money import _iso4217

    return _trie_re(_iso4217(), boundary=False, lower=False)


def _currency_code(token: str, data: _LocaleData, *, own: bool = False) -> str | None:
    """The ISO code *token* stands for; with *own*, only by the project's own data."""
    clean = token.strip(_SPACES)
    if len(clean) == 3 and clean.isupper() and is_currency(clean):
        return clean
    key = _key(clean)
    if own and key in data.cldr_only_names:
        return None
    return data.names.get(key)


# ---------------------------------------------------------------------------------------------
# Reading numbers


class _Number(NamedTuple):
    value: Decimal
    reason: str | None = None
    alternative: Decimal | None = None


class _NotANumber(Exception):
    pass


def _read_number(
    match: re.Match[str], data: _LocaleData, *, scaled: bool, currency: str | None
) -> _Number:
    """Interpret the digits and separators of a matched number in the locale's conventions.

    Long: one decision table over the separators (none, one, two kinds; the locale's, the
    other's), read top to bottom; split up, its cases would no longer be seen side by side.
    """
    if "words" in match.re.groupindex:
        return _read_words(match["words"], data)
    if "frac" in match.re.groupindex:
        return _Number(data.fractions[_key(match["frac"])])
    text = match["num"]
    group = match["g"]
    dec = match["d1"] or match["d2"]
    group_norm = " " if group and group in _SPACES else group
    loc = data.name

    if group is None:
        if dec is None:
            return _Number(Decimal(text))
        integer, fraction = text.split(dec)
        value = Decimal(f"{integer}.{fraction}")
        if dec == data.decimal:
            return _Number(value)
        what = "groups digits" if dec == data.group else "is not the decimal separator"
        return _Number(
            value,
            reason=f"{dec!r} {what} in {loc}; read {text!r} with {dec!r} as the decimal point",
        )
    # Grouped digits.
    if dec is not None:
        if dec == group:
            raise _NotANumber(text)
        integer_text, fraction = text.rsplit(dec, 1)
        value = Decimal(integer_text.replace(group, "") + "." + fraction)
        # Two different separators: the last one marks decimals, whatever the locale.
        return _Number(value)
    groups = text.split(group)
    as_grouped = Decimal("".join(groups))
    if group_norm == " " or group in "'’":
        return _Number(as_grouped)
    if len(groups) > 2:
        # The same separator twice or more can only group digits.
        return _Number(as_grouped)
    # One separator followed by exactly three digits: grouping or decimals.
    as_decimal = Decimal(groups[0] + "." + groups[1])
    if groups[0] == "0":
        if group == data.decimal:
            return _Number(as_decimal)
        return _Number(
            as_decimal, reason=f"{group!r} groups digits in {loc}; read {text!r} as a decimal"
        )
    if group == data.group:
        return _Number(as_grouped)
    if group == data.decimal:
        if scaled or currency in _fine_currencies():
            return _Number(as_decimal)
        return _Number(
            as_decimal,
            reason=(
                f"{text!r} is {as_decimal} with the {loc} decimal point {group!r}, "
                f"but three decimals are unusual: it may mean {as_grouped}"
            ),
            alternative=as_grouped,
        )
    if not scaled:
        # Neither of the locale's separators: with three digits after it, it groups digits.
        return _Number(as_grouped)
    return _Number(
        as_decimal,
        reason=f"{group!r} is not the decimal separator in {loc}; read {text!r} as {as_decimal}",
        alternative=as_grouped,
    )


def _read_words(text: str, data: _LocaleData) -> _Number:
    """The value of number words ("two thousand", "dos mil millones", "quatre-vingt-dix").

    Long: one left-to-right pass over the words, with a branch per kind of word (unit, ten,
    hundred, scale, joiner, the vigesimal tens of French and Danish) sharing its running total.
    """
    assert data.words_re is not None
    values: list[int] = []
    unit_first = False  # "fünf|und|zwanzig", "vijf|en|twintig": the unit before its ten
    odd = False
    for token in data.words_re.finditer(text):
        key = _key(token.group())
        if key in data.unit_joiners:
            unit_first = bool(values) and values[-1] < 10
            odd = odd or not unit_first
            continue
        if unit_first:
            unit_first = False
            ten = data.numbers.get(key, 0)
            if 20 <= ten < 100 and ten % 10 == 0:
                values[-1] += ten
            else:
                odd = True
                values.append(ten)
            continue
        if key in data.joiners:
            continue
        if not values and key in data.articles and key not in data.numbers:
            values.append(1)
        elif key in data.numbers:
            values.append(data.numbers[key])
        elif key in data.scales:
            values.append(10 ** data.scales[key].exponent)
        elif key in data.articles:
            values.append(1)
    total = current = top = 0  # top: the largest scale applied to the total so far
    for value in values:
        if value >= 1000:
            if current:
                odd = odd or (total > 0 and value >= top)
                total += current * value
                top = max(top, value)
            elif total and value > top:
                total *= value  # "mil millones", "one thousand million"
                top *= value
            elif total:
                odd = True
                total += value
            else:
                total = top = value
            current = 0
        elif value == 100:
            odd = odd or current >= 100
            current = (current or 1) * 100
        elif (
            current % 100 == 0
            or (value < 10 and current % 10 == 0 and current % 100 >= 20)
            or (data.vigesimal and current % 100 in (60, 80) and value < 20)
        ):
            current += value
        else:
            odd = True
            current += value
    number = Decimal(total + current)
    if odd:
        return _Number(
            number, reason=f"the number words {text!r} are in an unusual order; read {number}"
        )
    return _Number(number)


def _scaled(value: Decimal, exponent: int) -> Decimal:
    with decimal_context(60):
        result = value.scaleb(exponent)
        if result == result.to_integral_value():
            return Decimal(int(result))
        return Decimal(format(result.normalize(), "f"))


class _Candidate(NamedTuple):
    number: re.Match[str]
    pre: re.Match[str] | None
    post: re.Match[str] | None
    head: re.Match[str] | None = None  # the larger part of "1 million 200 000 euros"
    tail: re.Match[str] | None = None  # a fraction after the scale word: "e mezzo"


_START = operator.methodcaller("start")


def _candidates(text: str, data: _LocaleData) -> Iterator[_Candidate]:
    # No currency name or code contains a digit, so a currency before a number starts after
    # the digits of the number before it: the search never looks back past them, which keeps
    # a text of many numbers linear.
    digits_end = 0
    numbers: Iterable[re.Match[str]] = data.number_re.finditer(text)
    lowered = text.lower()
    spelled = _spelled(text, data, lowered) if data.sources.has_spelled else None
    fractions = _fractions(text, data, lowered)
    if spelled or fractions:
        # At one offset a fraction comes before a number in words: "en halv" before "en".
        numbers = sorted([*numbers, *fractions, *(spelled or ())], key=_START)
    last_end = 0
    for number in numbers:
        start, end = number.span()
        if start < last_end:
            continue  # number words inside a scale word already read ("746 million")
        near = max(0, start - 40, digits_end)
        pre = _currency_before(text, _nearest(text, near, start, data.pre_letters), start, data)
        post = _currency_after(text, end, data)
        tail = None
        if post is None and data.fraction_after_re is not None:
            tail = data.fraction_after_re.match(text, end)
            if tail is not None and _last_scale(number, data):
                post = _currency_after(text, tail.end(), data)
            tail = tail if post is not None else None
        digits_end = number.end(1)
        last_end = end if tail is None else tail.end()
        yield _Candidate(number, pre, post, tail=tail)


def _compounds(text: str, cands: list[_Candidate], data: _LocaleData) -> list[_Candidate]:
    """Join a number with a scale word and no currency after it to the number that follows
    it after spaces, when that one has a scale word or a currency of its own: "1 million
    200 000 euros", "€1 million 200 thousand" are one amount (:func:`_build` adds them)."""
    out: list[_Candidate] = []
    head = None
    for cand in cands:
        if (
            head is not None
            and head.post is None
            and cand.pre is None
            and head.head is None
            and head.number.end() < cand.number.start()
            and (cand.post is not None or cand.number["scale"])
            and not text[head.number.end() : cand.number.start()].strip(_SPACES)
            and _last_scale(head.number, data)
        ):
            head = out[-1] = _Candidate(cand.number, head.pre, cand.post, head.number)
            continue
        out.append(cand)
        head = cand
    return out


def _last_scale(number: re.Match[str], data: _LocaleData) -> _Scale | None:
    """The scale word a number ends with ("1 million", "un million"), if any."""
    if number["scale"]:
        return data.scales.get(_key(number["scale"]))
    if "words" in number.re.groupindex:
        return data.scales.get(_key(number["words"].split()[-1]))
    return None


def _currency_before(text: str, pos: int, end: int, data: _LocaleData) -> re.Match[str] | None:
    """``data.pre_full_re.search(text, pos, end)``, its "cur" group: the first offset from
    *pos* on where a currency (:attr:`_LocaleData.currency_re`) runs to *end*, or to one space
    before it (no currency ends with a space), skipping three capitals that are no ISO code.
    Only an offset where the currency matches at all can be one: the search skips to each."""
    stop = end - 1 if pos < end and text[end - 1] in _SPACES else end
    currency = data.currency_re
    found = currency.search(text, pos, stop)
    while found is not None:
        at = found.start()
        whole = currency.fullmatch(text, at, stop)
        if whole is not None and ((code := whole["iso"]) is None or is_currency(code)):
            return whole
        found = currency.search(text, at + 1, stop)
    return None


_JOINS = frozenset(_SPACES + "-")
"""The characters of :data:`_JOIN`."""


def _currency_after(text: str, end: int, data: _LocaleData) -> re.Match[str] | None:
    """``data.post_full_re.match(text, end)``, its "cur" group and its end: with the pattern
    that takes any three capitals for an ISO code, or, when the capitals it matched are not
    one, with the full pattern."""
    found = _joined_currency(text, end, data, data.currency_re)
    if found is not None and (code := found["iso"]) is not None and not is_currency(code):
        return _joined_currency(text, end, data, data.currency_full_re)
    return found


def _joined_currency(
    text: str, end: int, data: _LocaleData, currency: re.Pattern[str]
) -> re.Match[str] | None:
    """``{_JOIN}?{connector}(?P<cur>{currency})`` matched at *end*: the ways that pattern
    can start (a joining character or none, then each connector in turn or none) tried in the
    order the regex engine tries them, the currency's match of the first that leads to one."""
    starts = (end + 1, end) if end < len(text) and text[end] in _JOINS else (end,)
    for at in starts:
        for connector in data.connector_res:
            joined = connector.match(text, at)
            if joined is not None and (found := currency.match(text, joined.end())) is not None:
                return found
        if (found := currency.match(text, at)) is not None:
            return found
    return None


def _spelled(text: str, data: _LocaleData, lowered: str | None = None) -> list[re.Match[str]]:
    """The numbers in words in *text* (none in a text without letters that change case):
    ``data.spelled_re.finditer(text)``, tried only where ``data.spelled_starts`` says one can
    start (the engine would try every character). *lowered* is ``text.lower()``, if known."""
    starts = data.spelled_starts
    lowered = text.lower() if lowered is None else lowered
    if starts is None or not (text.isascii() or all(c not in text for c in UNUSUAL_CASE)):
        if lowered == text.upper():
            return []
        spelled_re = data.spelled_re
        assert spelled_re is not None
        return list(spelled_re.finditer(text))
    # A number word has ASCII letters, which change case: it needs no test for letters. The
    # pattern itself is compiled only once a number word can start.
    found = []
    end = 0
    for start in starts.finditer(" " + lowered):
        at = start.end() - 1  # the offset in text of the character after the one matched
        spelled_re = data.spelled_re
        assert spelled_re is not None
        if at >= end and (match := spelled_re.match(text, at)) is not None:
            found.append(match)
            end = match.end()
    return found


def _fractions(text: str, data: _LocaleData, lowered: str) -> list[re.Match[str]]:
    """The fractions before a scale word in *text* ("half a million"):
    ``data.fraction_re.finditer(text)``, run only when *lowered* (``text.lower()``) holds the
    start of a word of one at the start of a word ("half", not the "half" of "behalf"), or a
    letter of :data:`UNUSUAL_CASE` is in the text."""
    stems = data.sources.fraction_stems
    if not stems:
        return []
    plain = text.isascii() or all(c not in text for c in UNUSUAL_CASE)
    if plain and not any(_word_start(lowered, stem) for stem in stems):
        return []
    fraction_re = data.fraction_re
    assert fraction_re is not None
    return list(fraction_re.finditer(text))


def _word_start(text: str, word: str) -> bool:
    """Whether *word* stands in *text* where no letter is before it."""
    at = text.find(word)
    while at > 0 and text[at - 1].isalpha():
        at = text.find(word, at + 1)
    return at >= 0


def _resolve(cands: list[_Candidate], data: _LocaleData) -> list[_Candidate]:
    """Give a currency between two numbers to one of them ("2018 EUR 50 million")."""
    out = list(cands)
    for i in range(len(out) - 1):
        left, right = out[i], out[i + 1]
        if left.post is None or right.pre is None:
            continue
        if left.post.start("cur") != right.pre.start("cur"):
            continue
        cur_text = left.post["cur"]
        glued_left = left.post.start("cur") == left.number.end()
        glued_right = right.pre.end("cur") == right.number.start()
        if glued_left != glued_right:
            to_left = glued_left
        elif (left.number["scale"] is None) != (right.number["scale"] is None):
            to_left = left.number["scale"] is not None
        elif right.post is not None:
            to_left = True
        else:
            to_left = not data.currency_before and not cur_text.isupper()
        if to_left:
            out[i + 1] = right._replace(pre=None)
        else:
            out[i] = left._replace(post=None)
    return out


def _mention(text: str, cand: _Candidate, data: _LocaleData) -> AmountMention | None:
    if cand.pre is None and cand.post is None:
        return None
    pre_code = _currency_code(cand.pre["cur"], data) if cand.pre else None
    post_code = _currency_code(cand.post["cur"], data) if cand.post else None
    if pre_code and post_code and pre_code != post_code:
        return None
    code = pre_code or post_code
    if code is None:
        return None
    return _build(text, cand, data, code)


_AFTER_NUMBER = re.compile(rf"{_JOIN}?(?P<word>[^\W\d_][\w'’]*\.?)")
_RANGE_AFTER = re.compile(rf"{_SPACE}?[-–—]{_SPACE}?[^\s0-9]{{0,3}}[0-9]")
# The end of a range written with a dash: "€5-€10 million", "5–10 Mio. €"; not after a year
# ("2019 – €50m").
_RANGE_BEFORE = re.compile(
    rf"(?<![0-9.,])(?!(?:19|20)[0-9]{{2}}(?![0-9]))[0-9]+(?:[.,][0-9]+)?[^\W\d_]{{0,3}}"
    rf"{_SPACE}?[-–—]{_SPACE}?\Z"
)


def _after_the_number(
    text: str, number: re.Match[str], scaled: bool, data: _LocaleData
) -> tuple[list[str], bool]:
    """Why a number with no currency after it is unsure, and whether it starts a range."""
    # Nothing may stand between the number and its currency but a scale word; a word that
    # looks like one and is not known ("€5 miljun") must not be dropped.
    after = _AFTER_NUMBER.match(text, number.end())
    if after is not None and _looks_like_scale(after["word"]):
        return [
            f"{after['word']!r} after the number looks like a scale word that is not known "
            f"in {data.name}: the amount may be larger"
        ], False
    if _RANGE_AFTER.match(text, number.end()):
        upper = data.number_re.search(text, number.end(), number.end() + 60)
        if not scaled and upper is not None and upper["scale"]:
            # "EUR 5-10 million": 5 may be 5 million.
            return ["the number starts a range; the amount is not one number"], False
        return [], True
    if not scaled and data.range_word_re is not None:
        # "EUR 5 to 10 million", "€2 or €3 million": 5 may be 5 million, and 2, 2 million.
        joined = data.range_word_re.match(text, number.end())
        if joined is not None and (upper := data.number_re.match(text, joined.end())) and upper["scale"]:
            return [
                f"the number is joined by {joined['word']!r} to a number with a scale word, "
                "which may be its scale word too"
            ], False
    return [], False


_BOUNDS: dict[str, Bound] = {"at_least": "at_least", "at_most": "at_most", "about": "about"}


def _before_the_amount(
    text: str, start: int, data: _LocaleData, *, range_start: bool, scaled: bool = False
) -> tuple[Bound, str | None, list[str]]:
    """The bound the words before an amount make of it, those words, and any doubt."""
    bound: Bound = "at_least" if range_start else "exact"
    # Hedges end with a letter, a dot or an apostrophe: look for one only after those.
    before = text[max(0, start - 8) : start].rstrip(_SPACES)[-1:]
    if not range_start:
        dash = _RANGE_BEFORE.search(text, max(0, start - 16), start)
        if dash is not None:
            return "at_most", dash.group(), []
        if scaled and before.isalpha() and data.range_word_before_re is not None:
            # "EUR 5 to 10 million": 10 million is the upper end of a range, as after a dash.
            joined = data.range_word_before_re.search(text, max(0, start - 24), start)
            if joined is not None:
                return "at_most", joined.group().strip(_SPACES), []
        sources, reach = data.sources, max(0, start - 80)
        if sources.has_range and before.isalpha() and _may_end(text, reach, start, sources.range_ends):
            assert data.range_re is not None
            span = data.range_re.search(text, reach, start)
            if span is not None:
                return "at_most", span.group().strip(_SPACES), []
    if not data.sources.has_hedge or not (before.isalpha() or before in ".'’"):
        return bound, None, []
    near = _nearest(text, max(0, start - 40), start, data.hedge_letters)
    if not _may_end(text, near, start, data.sources.hedge_ends):
        return bound, None, []
    assert data.hedge_re is not None
    hedge = data.hedge_re.search(text, near, start)
    if hedge is None:
        return bound, None, []
    kind = data.hedges.get(_key(hedge["hedge"]))
    if kind in _BOUNDS:
        return _BOUNDS[kind], hedge["hedge"], []
    return bound, hedge["hedge"], [f"{hedge['hedge']!r} before the amount may make it a bound"]


# A number that may be a year: four digits from 1900 to 2099, no separator.
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# The letters just before a currency symbol ("R" of "R$").
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+\Z")


def _around_the_currency(
    text: str, cand: _Candidate, data: _LocaleData, code: str, *, scaled: bool
) -> tuple[list[str], re.Match[str] | None]:
    """Why the currency next to the number may not make it an amount of that currency, and a
    minor unit after the currency ("3 euro cents")."""
    reasons = []
    number, pre, post = cand.number, cand.pre, cand.post
    if pre is not None and not any(map(str.isalpha, pre["cur"])):
        glued = _LETTERS_BEFORE.search(text, max(0, pre.start("cur") - 8), pre.start("cur"))
        if glued is not None and not _is_cjk(glued.group()[-1]):
            reasons.append(
                f"{glued.group() + pre['cur']!r} is not a symbol gdprfine knows; "
                f"{pre['cur']!r} alone is {code}"
            )
    digits = number["num"] if "num" in number.re.groupindex else None
    year = not scaled and digits is not None and _YEAR.fullmatch(digits) is not None
    if year and pre is not None and post is None:
        name = pre["cur"]
        if name[:1].isupper() and not name.isupper():
            named = text[pre.start("cur") : number.end()]
            reasons.append(f"{named!r} may name an event of {digits}, not an amount")
    if post is None:
        return reasons, None
    if year and pre is None and data.year_before_re is not None:
        word = data.year_before_re.search(text, max(0, number.start() - 12), number.start())
        if word is not None:
            priced = text[word.start() : post.end()]
            reasons.append(f"{priced!r} may be money at the prices of {digits}, not an amount")
    after = data.after_currency_re.match(text, post.end()) if data.after_currency_re else None
    if after is not None and after["thing"] is not None:
        phrase = text[post.start("cur") : after.end()]
        reasons.append(f"{phrase!r} probably names a thing, not an amount of money")
    return reasons, after if after is not None and after["minor"] is not None else None


def _bound(
    text: str, start: int, end: int, data: _LocaleData, *, range_start: bool, scaled: bool
) -> tuple[Bound, str | None, list[str]]:
    """The bound the words before the amount (:func:`_before_the_amount`) or, when those make
    none, the words after it ("€1m or more") make of it, those words, and any doubt."""
    bound, hedge, unsure = _before_the_amount(
        text, start, data, range_start=range_start, scaled=scaled
    )
    if bound == "exact" and hedge is None and data.hedge_after_re is not None:
        after = data.hedge_after_re.match(text, end)
        if after is not None:
            return _BOUNDS[data.sources.hedges_after[_key(after["hedge"])]], after["hedge"], unsure
    return bound, hedge, unsure


def _build(text: str, cand: _Candidate, data: _LocaleData, code: str) -> AmountMention | None:
    number = cand.number
    scale_text = number["scale"]
    scale = None
    if scale_text:
        key = _key(scale_text)
        scale = data.scales.get(key)
    try:
        read = _read_number(number, data, scaled=scale is not None, currency=code)
    except (_NotANumber, InvalidOperation):
        return None
    reasons = [read.reason] if read.reason else []
    value = read.value
    alternative = read.alternative
    if scale is not None:
        value = _scaled(value, scale.exponent)
        alternative = _scaled(alternative, scale.exponent) if alternative is not None else None
        reasons.extend(_scale_reasons(scale, scale_text, data))
    for found in (cand.pre, cand.post):
        if found is not None and _key(found["cur"]) in data.cldr_only_names:
            reasons.append(_cldr_reason(found["cur"], data))
    around, minor = _around_the_currency(text, cand, data, code, scaled=scale is not None)
    reasons.extend(around)
    if minor is not None:
        # "3 euro cents": hundredths of the currency.
        value = _scaled(value, -2)
        alternative = _scaled(alternative, -2) if alternative is not None else None
    try:
        value, alternative, first = _parts(text, cand, (value, alternative), data, code, reasons)
    except (_NotANumber, InvalidOperation):
        return None
    start = cand.pre.start("cur") if cand.pre else first.start()
    end = minor.end() if minor is not None else cand.post.end() if cand.post else number.end()
    range_start = False
    if cand.post is not None:
        range_start = bool(_RANGE_AFTER.match(text, end))
    else:
        unsure, range_start = _after_the_number(text, number, scale is not None, data)
        reasons.extend(unsure)
    bound, hedge_text, unsure = _bound(
        text, start, end, data, range_start=range_start, scaled=scale is not None
    )
    reasons.extend(unsure)
    try:
        money = _money(value, code)
        alt_money = _money(alternative, code) if alternative is not None else None
    except InvalidAmount:
        return None
    return AmountMention(
        money=money,
        start=start,
        end=end,
        text=text[start:end],
        sure=not reasons,
        reason="; ".join(reasons) or None,
        alternative=alt_money,
        bound=bound,
        hedge=hedge_text,
    )


def _scale_reasons(scale: _Scale, scale_text: str, data: _LocaleData) -> list[str]:
    """Why a scale word makes an amount unsure: 10^12 and more, or a word only CLDR knows."""
    reasons = []
    if scale.exponent >= 12:
        long = " (long scale)" if data.language in _LONG_SCALE_LANGUAGES else ""
        reasons.append(
            f"{scale_text.strip()!r} is 10^{scale.exponent} in {data.name}{long}; "
            "make sure the source did not mean 10^9"
        )
    if scale.cldr_only:
        reasons.append(_cldr_reason(scale_text, data))
    return reasons


def _parts(
    text: str,
    cand: _Candidate,
    values: tuple[Decimal, Decimal | None],
    data: _LocaleData,
    code: str,
    reasons: list[str],
) -> tuple[Decimal, Decimal | None, re.Match[str]]:
    """The value of an amount and its alternative reading, from those of its number
    (*values*) and its other parts: a fraction after its scale word ("e mezzo"), a larger
    part before it ("1 million" of "1 million 200 000 euros"); and the part the amount
    starts with. Why the parts make it unsure goes to *reasons*."""
    value, alternative = values
    if cand.tail is None and cand.head is None and cand.number.re is data.number_re:
        return value, alternative, cand.number  # digits alone: the common case
    extra = Decimal(0)
    if cand.tail is not None and (last := _last_scale(cand.number, data)) is not None:
        extra = _scaled(data.fractions_after[_key(cand.tail["frac"])], last.exponent)
    first = cand.number
    if cand.head is not None:
        first = cand.head
        head, head_reasons = _head(text, cand.head, value + extra, data, code)
        reasons.extend(head_reasons)
        extra += head
    if "frac" in first.re.groupindex:
        reasons.extend(_before_the_fraction(text, first, data))
    elif "words" in first.re.groupindex and not data.bare_scale_is_one:
        reasons.extend(_before_a_bare_scale(text, first, data))
    return value + extra, None if alternative is None else alternative + extra, first


def _head(
    text: str, head: re.Match[str], rest: Decimal, data: _LocaleData, code: str
) -> tuple[Decimal, list[str]]:
    """The value of the larger part of an amount in two parts ("1 million" of "1 million
    200 000 euros"), and why the whole is unsure: the larger part's reading, or a smaller part
    (*rest*) that is not smaller than the larger part's scale word."""
    read = _read_number(head, data, scaled=True, currency=code)
    reasons = [read.reason] if read.reason else []
    value = read.value
    if head["scale"] and (scale := data.scales.get(_key(head["scale"]))) is not None:
        value = _scaled(value, scale.exponent)
    last = _last_scale(head, data)
    if last is None or rest >= 10**last.exponent:
        reasons.append(
            f"{head.group()!r} is followed by a number that is not smaller than its scale word: "
            "the two may be separate amounts"
        )
    return value, reasons


# The word before an offset, and the spaces or hyphen after it.
_WORD_BEFORE = re.compile(rf"(?P<word>[^\W_]+){_JOIN}*\Z")


def _before_the_fraction(text: str, fraction: re.Match[str], data: _LocaleData) -> list[str]:
    """Why a fraction before a scale word is unsure: a number or a joiner before it, as in
    "two and a half million", where the fraction is only part of the number."""
    start = fraction.start()
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return []
    word = before["word"]
    key = _key(word)
    words = (data.numbers, data.joiners, data.unit_joiners, data.articles, data.sources.fraction_joiners)
    if any(ch.isdigit() for ch in word) or any(key in kind for kind in words):
        return [f"{word!r} before {fraction.group()!r}: the fraction may be part of a larger number"]
    return []


def _before_a_bare_scale(text: str, words: re.Match[str], data: _LocaleData) -> list[str]:
    """Why a scale word of a million or more with no number before it is unsure: a word
    before it, which may say how many ("several million", "multi-million", "több millió")."""
    key = _key(words["words"].split()[0])
    if data.numbers.get(key, 0) < 10**6 or key in data.articles:
        return []
    before = _WORD_BEFORE.search(text, max(0, words.start() - 30), words.start())
    if before is None:
        return []
    return [f"no number before {words['words'].split()[0]!r}, but {before['word']!r}: it may say how many"]


def _money(value: Decimal, code: str) -> Money:
    """``Money(value, code)`` (an InvalidAmount for an amount out of range), without checking
    twice what the reader has checked: a Decimal, and a code of ISO 4217."""
    if not is_currency(code):
        return Money(value, code)
    return trusted(Money, amount=to_decimal(value), currency=code)


def _cldr_reason(word: str, data: _LocaleData) -> str:
    return (
        f"{word.strip()!r} is known only from the CLDR data of {data.cldr_source}, "
        f"not from gdprfine's own {data.language} data"
    )


def _check_length(text: str) -> None:
    if len(text) > MAX_TEXT_LENGTH:
        raise AmountError(
            "text",
            None,
            f"{len(text)} characters; the limit is {MAX_TEXT_LENGTH} characters",
        )


def _amounts_in(text: str, data: _LocaleData) -> list[_Candidate]:
    """The amounts of *text*: its candidates, amounts in two parts joined, overlaps resolved."""
    return _resolve(_compounds(text, list(_candidates(text, data)), data), data)


def find_amounts(text: str, *, locale: str) -> list[AmountMention]:
    """Every amount of money in *text*, in order, each with its span and how sure it is.

    A number is money only when a currency (symbol, ISO code or name) stands next to it.

    >>> text = "Die klachten werden namens 12.000 burgers ingediend; boete: 746 miljoen euro."
    >>> [(m.money, m.text) for m in find_amounts(text, locale="nl")]
    [(Money('746000000', 'EUR'), '746 miljoen euro')]
    >>> m = find_amounts("een boete van 7.46 miljoen euro", locale="nl")[0]
    >>> m.money, m.sure
    (Money('7460000', 'EUR'), False)
    >>> m.reason
    "'.' groups digits in nl; read '7.46' with '.' as the decimal point"
    >>> find_amounts("40.000 PLN (9400 EUR)", locale="en")[1].money
    Money('9400', 'EUR')
    >>> find_amounts("10 000 more people, 4 % of turnover, in 2018", locale="en")
    []

    A hedge before the amount makes it a bound; number words and case forms are read; a word
    after the number that looks like a scale word the reader does not know makes it unsure:

    >>> m = find_amounts("Bußgeld von knapp 10,4 Millionen Euro", locale="de")[0]
    >>> m.money, m.bound, m.hedge
    (Money('10400000', 'EUR'), 'at_most', 'knapp')
    >>> [m.money for m in find_amounts("cinq millions d'euros; 2,5 miljoonan euron", locale="fi")]
    [Money('2500000', 'EUR')]
    >>> find_amounts("five million euros", locale="en")[0].money
    Money('5000000', 'EUR')
    >>> m = find_amounts("a fine of €5 miljun", locale="en")[0]
    >>> m.money, m.sure
    (Money('5', 'EUR'), False)
    >>> m.reason
    "'miljun' after the number looks like a scale word that is not known in en: the amount may be larger"
    """
    data = _locale(locale)
    if not isinstance(text, str):
        raise AmountError("text", text, "expected a string")
    _check_length(text)
    cands = _amounts_in(text, data)
    found = []
    for cand in cands:
        mention = _mention(text, cand, data)
        if mention is not None:
            found.append(mention)
    return found


def parse_amount(
    text: str, *, locale: str, currency: str | None = None, strict: bool = True
) -> Money:
    """Read *text* as exactly one amount of money, in the conventions of *locale*.

    A bare number takes *currency* when given. With *strict* (the default) a reading that is
    not sure (another reading is possible, or the separators are not the locale's) is refused,
    and the error suggests what was read.

    >>> parse_amount("€746m", locale="en")
    Money('746000000', 'EUR')
    >>> parse_amount("746 millions d'euros", locale="fr")
    Money('746000000', 'EUR')
    >>> parse_amount("4,800", locale="en", currency="EUR")
    Money('4800', 'EUR')
    >>> parse_amount("4,800", locale="en")
    Traceback (most recent call last):
    ...
    gdprfine.errors.AmountError: amount: '4,800': no currency; would accept '4,800 EUR'
    >>> parse_amount("€1.500", locale="en")
    Traceback (most recent call last):
    ...
    gdprfine.errors.AmountError: amount: '€1.500': '1.500' is 1.500 with the en decimal point \
'.', but three decimals are unusual: it may mean 1500; would accept 'EUR 1.500' or 'EUR 1 500'
    >>> parse_amount("€1.500", locale="en", strict=False)
    Money('1.500', 'EUR')
    """
    if not isinstance(text, str):
        raise AmountError("amount", text, "expected a string")
    _check_length(text)
    data = _locale(locale)
    stripped = text.strip(_SPACES + "\t\n\r")
    if not stripped:
        raise AmountError("amount", text, "empty text")
    if stripped.startswith(("-", "−")):
        raise AmountError("amount", text, "an amount of money must not be negative")
    cands = _amounts_in(stripped, data)
    if not cands:
        raise AmountError("amount", text, "no number in the text")
    if len(cands) > 1:
        mentions = [m for c in cands if (m := _mention(stripped, c, data)) is not None]
        raise AmountError(
            "amount",
            text,
            f"{len(cands)} numbers in the text; expected one amount",
            suggestions=tuple(m.money.format() for m in mentions),
        )
    mention = _mention(stripped, cands[0], data) or _bare(text, stripped, cands[0], data, currency)
    left = stripped[: mention.start].strip(_SPACES)
    right = stripped[mention.end :].strip(_SPACES + ".")
    words = left if not right else right if not left else None
    if words and mention.bound != "exact" and _key(words) == _key(mention.hedge or ""):
        raise AmountError(
            "amount",
            text,
            f"{words!r} makes it a bound ({_BOUND_WORDS[mention.bound]} "
            f"{mention.money.format()}), not one amount",
            suggestions=(mention.text,),
        )
    if right and not mention.sure:
        # The words after it are why it is unsure ("€5 miljun"): never suggest dropping them.
        raise AmountError("amount", text, mention.reason)
    if left or right:
        extra = left or right
        raise AmountError(
            "amount",
            text,
            f"unexpected text {extra!r} around the amount",
            suggestions=(mention.text,),
        )
    if strict and not mention.sure:
        options = [mention.money.format()]
        if mention.alternative is not None:
            options.append(mention.alternative.format())
        raise AmountError("amount", text, mention.reason, suggestions=tuple(options))
    return mention.money


_GROUPED_BY_DOT = re.compile(r"(?<![\d.,])\d{1,3}\.\d{3}(?![\d.,])")
"""A number with one dot before three digits (``1.000``, ``20.000``): a decimal point in
:meth:`Money.parse`'s plain form, but a thousands separator in German, Danish, Italian and
other languages, so it is read in the language's conventions, or refused as ambiguous without
one, never taken as the plain form."""


def read_amount(
    text: str, *, locale: str | None = None, currency: str = "EUR", field: str = "amount"
) -> Money:
    """Read an amount as people type or paste it: ``746000000 EUR`` (:meth:`Money.parse`), or
    as the press writes it (``"1,2 Mio. Euro"``, ``"EUR 1.5m"``, ``"1,500,000"``).

    With *locale*, the text is read in its conventions (:func:`parse_amount`, strict). Without
    it, the text is read in every supported language, and taken when all the languages that can
    read it read the same amount; a text that means different amounts in different languages
    (``"1,500 EUR"`` is 1500 in English and 1.5 in German) is refused, naming the readings and
    how to write it. A bare number is in *currency*.

    >>> read_amount("1,2 Mio. Euro"), read_amount("EUR 1.5m"), read_amount("1,500,000")
    (Money('1200000', 'EUR'), Money('1500000', 'EUR'), Money('1500000', 'EUR'))
    >>> read_amount("1,5 Mio. EUR", locale="de"), read_amount("1.000 EUR", locale="de")
    (Money('1500000', 'EUR'), Money('1000', 'EUR'))
    >>> read_amount("1,500 EUR", field="--fine")
    Traceback (most recent call last):
    ...
    gdprfine.errors.AmountError: --fine: '1,500 EUR': ambiguous: EUR 1.500 (bg, cs, ...) or \
EUR 1 500 (en, ga, ...); give its language (locale), or write it as '1.5 EUR' or '1500 EUR' \
(digits, '.' for decimals)
    """
    if not isinstance(text, str):
        raise AmountError(field, text, "expected text such as '746000000 EUR'")
    if _GROUPED_BY_DOT.search(text) is None:
        try:
            return Money.parse(text, default_currency=currency, field=field)
        except AmountOverLimit as error:
            raise AmountError(field, text, error.message) from None
        except InvalidAmount:
            pass
    if locale is not None:
        try:
            return parse_amount(text, locale=locale, currency=currency)
        except AmountError as error:
            raise AmountError(field, text, error.message) from None
    readings: dict[Money, list[str]] = {}
    for name in SUPPORTED_LOCALES:
        try:
            readings.setdefault(parse_amount(text, locale=name, currency=currency, strict=False), []).append(name)
        except (AmountError, UnknownCurrency):
            continue
    if len(readings) == 1:
        return next(iter(readings))
    if not readings:
        try:
            parse_amount(text, locale="en", currency=currency)
        except AmountError as error:
            raise AmountError(field, text, error.message) from None
        raise AmountError(field, text)
    shown = " or ".join(f"{m.format()} ({', '.join(names[:2])}, ...)" for m, names in readings.items())
    plain = " or ".join(f"'{m.amount.normalize():f} {m.currency}'" for m in readings)
    raise AmountError(
        field,
        text,
        f"ambiguous: {shown}; give its language (locale), or write it as {plain} (digits, '.' "
        "for decimals)",
    )


def _bare(
    text: str, stripped: str, cand: _Candidate, data: _LocaleData, currency: str | None
) -> AmountMention:
    """The reading of a number with no currency of its own, in *currency*, or why there is none."""
    if cand.pre is not None or cand.post is not None:
        raise AmountError("amount", text, "not a readable amount of money")
    if currency is None:
        raise AmountError("amount", text, "no currency", suggestions=(f"{cand.number.group()} EUR",))
    if not isinstance(currency, str) or not is_currency(currency.strip().upper()):
        raise UnknownCurrency("currency", currency)
    mention = _build(stripped, cand, data, currency.strip().upper())
    if mention is None:
        raise AmountError("amount", text, "not a readable amount of money")
    return mention


# ---------------------------------------------------------------------------------------------
# Fields of records

_DIGIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_BETWEEN = re.compile(r"between\s+(.+?)\s+and\s+(.+)$", re.IGNORECASE)
_UNKNOWN = frozenset({"", "unknown", "n/a", "na", "-", "–", "none", "not disclosed", "?"})


def read_amount_field(
    text: str, *, locale: str, currency: str = "EUR", zero_is_unknown: bool = False
) -> FieldReading:
    """Read the "fine" field of a tracker record: one amount, a range, or the reason for none.

    A bare number is in *currency*. With *zero_is_unknown*, "0" means the fine is not known.

    >>> read_amount_field("4,800", locale="en").money
    Money('4800', 'EUR')
    >>> r = read_amount_field("Fine amount between EUR 50 and EUR 800", locale="en")
    >>> r.money, r.low, r.high, r.reason
    (None, Money('50', 'EUR'), Money('800', 'EUR'), 'a range, not one amount')
    >>> read_amount_field("Only intention to issue fine (2.500.000,00 €)", locale="en").reason
    'only an intention to issue a fine'
    >>> read_amount_field("Unknown", locale="en").reason
    'no amount stated'
    >>> r = read_amount_field("ponad 2,8 mln zł", locale="pl")
    >>> r.money, r.low, r.reason
    (None, Money('2800000', 'PLN'), 'a bound, not one amount: at least PLN 2 800 000')
    """
    if not isinstance(text, str):
        raise AmountError("amount", text, "expected a string")
    _check_length(text)
    clean = text.strip()
    if clean.casefold() in _UNKNOWN:
        return FieldReading(text=text, reason="no amount stated")
    mentions = tuple(find_amounts(clean, locale=locale))
    folded = clean.casefold()
    if "intention" in folded or "intend" in folded:
        return FieldReading(
            text=text, reason="only an intention to issue a fine", mentions=mentions
        )
    if len(mentions) == 1 and mentions[0].bound != "exact":
        bounded = mentions[0]
        rest = clean[: bounded.start] + clean[bounded.end :]
        if _key(rest) == _key(bounded.hedge or ""):
            return FieldReading(
                text=text,
                low=bounded.money if bounded.bound == "at_least" else None,
                high=bounded.money if bounded.bound == "at_most" else None,
                reason=(
                    f"a bound, not one amount: {_BOUND_WORDS[bounded.bound]} "
                    f"{bounded.money.format()}"
                ),
                mentions=mentions,
            )
    digits = re.fullmatch(r"fine in (\w+)-digit amount", folded)
    if digits:
        word = digits[1]
        reading = FieldReading(
            text=text, reason=f"states only the number of digits ({word}-digit amount)"
        )
        n = _DIGIT_WORDS.get(word)
        if n is not None:
            return reading.model_copy(
                update={"low": Money(10 ** (n - 1), currency), "high": Money(10**n - 1, currency)}
            )
        return reading
    # The range opens at the first "between": trying every later one too is quadratic.
    opening = re.search("between", clean, re.IGNORECASE)
    between = _BETWEEN.match(clean, opening.start()) if opening else None
    if between:
        try:
            low = parse_amount(between[1], locale=locale, currency=currency)
            high = parse_amount(between[2], locale=locale, currency=currency)
        except AmountError as exc:
            return FieldReading(text=text, reason=f"a range that cannot be read: {exc.message}")
        return FieldReading(
            text=text, low=low, high=high, reason="a range, not one amount", mentions=mentions
        )
    try:
        money = parse_amount(clean, locale=locale, currency=currency)
    except AmountError as exc:
        return FieldReading(text=text, reason=exc.message, mentions=mentions)
    if zero_is_unknown and money.amount == 0:
        return FieldReading(text=text, reason="0 marks an amount not known (not final)")
    return FieldReading(text=text, money=money, mentions=mentions)


# ---------------------------------------------------------------------------------------------
# Formatting


@cache
def _cldr_placement(name: str) -> tuple[bool, bool]:
    """Whether the locale writes the currency before the number, and with a space."""
    from babel import Locale

    pattern = Locale.parse(name).currency_formats["standard"].pattern.split(";")[0]
    before = pattern.strip().startswith("¤")
    space = any(p in pattern for p in ("¤ ", "¤\u00a0", " ¤", "\u00a0¤"))
    return before, space


def _marker(code: str, data: _LocaleData) -> str:
    """The symbol the locale uses for *code* when it reads back to *code*, else the code."""
    from babel.numbers import get_currency_symbol

    symbol = get_currency_symbol(code, locale=data.name)
    if symbol != code and _currency_code(symbol, data, own=True) == code:
        return symbol
    return code


def _place(number: str, code: str, data: _LocaleData) -> str:
    marker = _marker(code, data)
    before, spaced = _cldr_placement(data.name)
    space = "\u00a0" if spaced or marker == code else ""
    if before:
        return f"{marker}{space}{number}"
    return f"{number}{space or chr(0xA0)}{marker}"


def _own_words(number: str, data: _LocaleData) -> bool:
    """Whether every word in a formatted *number* is in the project's own data."""
    word = re.sub(rf"[0-9.,'’{_SPACES}]", " ", number).strip()
    if not word:
        return True
    key = _key(word)
    known = data.scales.get(key)
    return (known is not None and not known.cldr_only) or key in data.numbers


def format_money(money: Money, *, locale: str, style: Style = "full") -> str:
    """Write *money* as the locale writes amounts; :func:`parse_amount` reads it back.

    ``full`` shows every digit (exact); ``compact`` uses the locale's short scale words
    ("746 Mio. €"); ``words`` spells the scale and the currency ("746 Millionen Euro").
    ``compact`` and ``words`` round to two decimals of the scale word. The layout comes from
    the CLDR data babel ships, but only words gdprfine's own data knows are written (a word
    CLDR alone gives is replaced by digits or the ISO code), so every result reads back the
    same whatever the CLDR version.

    >>> fine = Money("746000000", "EUR")
    >>> format_money(fine, locale="en")
    '€746,000,000.00'
    >>> text = format_money(fine, locale="it", style="words")
    >>> "746" in text and "milioni" in text and parse_amount(text, locale="it") == fine
    True
    >>> parse_amount(format_money(Money("1000", "EUR"), locale="it", style="words"), locale="it")
    Money('1000', 'EUR')
    """
    with decimal_context():
        return _format_money(money, locale, style)


def _format_money(money: Money, locale: str, style: Style) -> str:
    from babel.numbers import format_compact_decimal, format_decimal, get_currency_name

    data = _locale(locale)
    amount = money.amount
    code = money.currency
    if style == "full":
        minor = minor_unit_digits(code)
        _, _, exponent = amount.as_tuple()
        places = max(minor, -exponent if isinstance(exponent, int) else 0)
        if places == 3 and amount.copy_abs() < 1000:
            places = 4
        places = min(places, MAX_FRACTION_DIGITS)
        pattern = "#,##0" + ("." + "0" * places if places else "")
        number = format_decimal(
            amount, format=pattern, locale=data.name, decimal_quantization=False
        )
        return _place(number, code, data)
    if style not in ("compact", "words"):
        raise AmountError("style", style, "expected 'full', 'compact' or 'words'")
    from babel import Locale

    loc = Locale.parse(data.name)
    kinds = loc._data["compact_decimal_formats"]
    kind: Literal["short", "long"] = "long" if style == "words" and "long" in kinds else "short"
    try:
        number = format_compact_decimal(
            amount, format_type=kind, locale=data.name, fraction_digits=2
        )
    except LookupError:
        # Some CLDR versions lack a plural form babel asks for (French "many" in babel 2.14).
        number = ""
    if not re.search(r"[^\W\d_]", number) or not _own_words(number, data):
        rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
        number = format_decimal(rounded, format="#,##0.##", locale=data.name)
    if style == "compact":
        return _place(number, code, data)
    name = get_currency_name(code, count=amount, locale=data.name)
    if _currency_code(name, data, own=True) != code:
        name = code
    has_word = bool(re.search(r"[^\W\d_]", number))
    sep = "" if _is_cjk(name) else " "
    if has_word and data.connectors and name != code:
        conn = data.connectors[0]
        if data.language == "fr" and name[:1].casefold() in "aeiouyhéè":
            conn = "d'"
        elif conn.endswith("'"):
            conn = data.connectors[-1]
        joiner = conn if conn.endswith("'") else f"{conn} "
        return f"{number} {joiner}{name}"
    return f"{number}{sep}{name}"
