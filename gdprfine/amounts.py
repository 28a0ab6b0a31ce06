"""Amounts of money as people write them: "€746 million", "746 miljoen euro", "7.46亿欧元".

Fines reach readers as text, in many languages. This module reads them exactly, as
:class:`~gdprfine.money.Money`, and says when it cannot or is unsure. It is built on the
Unicode CLDR data shipped with babel: the decimal and grouping symbols of each locale, its
compact-number words in every plural form ("Million", "Millionen", "mln", "亿"), and its
currency names and symbols. What CLDR lacks (newsroom abbreviations such as "bn" or "Mds",
the connectors of "millions d'euros", the Chinese 百万 and 十亿) is a small table below.

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
>>> format_money(Money("746000000", "EUR"), locale="fr", style="words")
"746 millions d'euros"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.errors import InvalidAmount, UnknownCurrency
from gdprfine.money import MAX_FRACTION_DIGITS, Money, is_currency, minor_unit_digits

__all__ = [
    "MAX_TEXT_LENGTH",
    "SUPPORTED_LOCALES",
    "AmountError",
    "AmountMention",
    "FieldReading",
    "Style",
    "find_amounts",
    "format_money",
    "parse_amount",
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

# What CLDR lacks. Keys are babel language codes; values are exponents of ten.
_EXTRA_SCALES: dict[str, dict[str, int]] = {
    # English newsrooms: "€1.2bn", "€746m", "£183mn", "PLN 2.8 mln".
    "en": {"bn": 9, "bln": 9, "mn": 6, "mln": 6, "m": 6, "k": 3},
    # German: "Mio"/"Mrd" without the dot, "Mill.", "Tsd." (CLDR gives "Mio." and "Mrd.").
    "de": {"mio": 6, "mrd": 9, "mill": 6, "tsd": 3},
    # French: "Mds"/"Mds €" (milliards), "Mio" (Swiss usage), "millier(s)".
    "fr": {"mds": 9, "md": 9, "mrd": 9, "mio": 6, "milliers": 3},
    # Dutch: "mln"/"mld"/"mrd" with or without the dot.
    "nl": {"mln": 6, "mld": 9, "mrd": 9},
    # Italian: "mln"/"mld"/"mrd" as the press writes them.
    "it": {"mln": 6, "mld": 9, "mrd": 9},
    # Spanish and Portuguese press abbreviations.
    "es": {"mill": 6, "mm": 6},
    "pt": {"mi": 6, "mil milhões": 9, "mM": 9},
    # Greek press abbreviations: "εκατ." (εκατομμύρια), "δισ." (δισεκατομμύρια).
    "el": {"εκατ.": 6, "δισ.": 9},
    # Nordic abbreviations.
    "sv": {"milj": 6, "mdr": 9, "mn": 6},
    "da": {"mio": 6, "mia": 9},
    "nb": {"mill": 6, "mrd": 9},
    "nn": {"mill": 6, "mrd": 9},
    # Chinese: 千 (10^3), 百万 (10^6), 千万 (10^7), 十亿 (10^9), in simplified and traditional
    # script; CLDR gives 万/萬 (10^4), 亿/億 (10^8) and 万亿/兆 (10^12).
    "zh": {
        "千": 3, "百万": 6, "百萬": 6, "千万": 7, "千萬": 7, "十亿": 9, "十億": 9,
        "万": 4, "萬": 4, "亿": 8, "億": 8,
    },
}  # fmt: skip

# Words that join a number and a currency name: "millions d'euros", "milioni di euro".
_CONNECTORS: dict[str, tuple[str, ...]] = {
    "fr": ("d'", "d’", "de"),
    "es": ("de",),
    "pt": ("de",),
    "it": ("di", "d'", "d’"),
    "ro": ("de",),
}

# Currency names the press uses that CLDR gives only in a longer form ("Polish zlotys").
_EXTRA_CURRENCY_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
        "dollar": "USD", "dollars": "USD", "zloty": "PLN", "zlotys": "PLN", "złoty": "PLN",
        "forint": "HUF", "lei": "RON", "leu": "RON", "yuan": "CNY",
    },
    "de": {"Pfund": "GBP", "Dollar": "USD", "Zloty": "PLN", "Forint": "HUF", "Franken": "CHF"},
    "fr": {"livres": "GBP", "livre sterling": "GBP", "dollars": "USD", "francs suisses": "CHF"},
    "nl": {"pond": "GBP", "dollar": "USD"},
    "pl": {"złotych": "PLN", "złote": "PLN", "złoty": "PLN", "zł.": "PLN"},
    "cs": {"korun": "CZK", "korun českých": "CZK"},
    "sk": {"korún": "CZK"},
    "hu": {"forint": "HUF", "forintos": "HUF"},
    "ro": {"lei": "RON", "leu": "RON"},
    "bg": {"лева": "BGN", "лв": "BGN"},
    "sv": {"kronor": "SEK", "kr": "SEK"},
    "da": {"kroner": "DKK", "kr": "DKK"},
    "nb": {"kroner": "NOK", "kr": "NOK"},
    "nn": {"kroner": "NOK", "kr": "NOK"},
    "is": {"krónur": "ISK", "kr": "ISK"},
    "hr": {"kuna": "HRK", "kn": "HRK"},
    "zh": {"欧元": "EUR", "歐元": "EUR", "美元": "USD", "英镑": "GBP", "英鎊": "GBP"},
}  # fmt: skip

_SPACES = " \u00a0\u202f\u2009"
_SPACE = f"[{_SPACES}]"
_LONG_SCALE_LANGUAGES = frozenset(
    {"bg", "cs", "da", "de", "es", "et", "fi", "fr", "hr", "hu", "it", "lt", "lv", "nb", "nl",
     "nn", "pl", "pt", "ro", "sk", "sl", "sv", "is", "el"}
)  # fmt: skip

# A number: digits in groups of three with one consistent separator, or plain digits, with an
# optional decimal part. Never starts or ends inside a longer run of digits.
_NUMBER = (
    r"(?<![0-9])(?<![0-9][.,])"
    r"(?P<num>"
    rf"[0-9]{{1,3}}(?P<g>[.,'’{_SPACES}])[0-9]{{3}}(?:(?P=g)[0-9]{{3}})*(?:(?P<d1>[.,])[0-9]+)?"
    r"|[0-9]+(?:(?P<d2>[.,])[0-9]+)?"
    r")(?![0-9])(?![.,][0-9])"
)


class AmountError(InvalidAmount):
    """Text that cannot be read as exactly one amount of money.

    ``suggestions`` holds readings or spellings that would have been accepted, where known.

    >>> parse_amount("about twelve euros", locale="en")
    Traceback (most recent call last):
    ...
    gdprfine.amounts.AmountError: amount: 'about twelve euros': no number in the text
    >>> isinstance(AmountError("amount", "x"), ValueError)
    True
    """

    default_message = "not an amount of money"

    def __init__(
        self,
        field: str,
        value: object,
        message: str | None = None,
        suggestions: tuple[str, ...] = (),
    ) -> None:
        self.suggestions = suggestions
        text = message or self.default_message
        if suggestions:
            text += "; would accept " + " or ".join(repr(s) for s in suggestions)
        super().__init__(field, value, text)


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


@dataclass(frozen=True)
class _LocaleData:
    name: str
    language: str
    decimal: str
    group: str
    prefix_currency: bool
    currency_space: bool
    scales: dict[str, _Scale]
    names: dict[str, str]
    connectors: tuple[str, ...]
    number_re: re.Pattern[str]
    pre_re: re.Pattern[str]
    post_re: re.Pattern[str]


def _is_cjk(word: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in word)


def _key(word: str) -> str:
    return (
        " ".join(word.replace("\u00a0", " ").replace("\u202f", " ").split()).casefold().rstrip(".")
    )


def _word_re(word: str, *, boundary_before: bool = False) -> str:
    """A regex for *word*: flexible spaces, an optional final dot, word boundaries."""
    core = word.strip().rstrip(".")
    text = (_SPACE + "+").join(re.escape(p) for p in core.split())
    if boundary_before and not _is_cjk(core[0]) and core[0].isalpha():
        text = r"(?<![^\W\d_])" + text
    if not _is_cjk(core[-1]):
        text += r"\.?" if word.strip().endswith(".") else ""
        text += r"(?![^\W\d_])"
    return text


def _unquote(literal: str) -> str:
    return literal.replace("''", "\x00").replace("'", "").replace("\x00", "'")


@cache
def _locale(name: str) -> _LocaleData:
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
    from babel.numbers import get_decimal_symbol, get_group_symbol

    decimal = get_decimal_symbol(loc)
    group = get_group_symbol(loc)
    if group in _SPACES:
        group = " "

    scales: dict[str, _Scale] = {}
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
                if not word:
                    continue
                exponent = len(magnitude) - 1 - (zeros - 1)
                scales.setdefault(_key(word), _Scale(exponent, word))
    for extra_lang in {language, tag}:
        for word, exponent in _EXTRA_SCALES.get(extra_lang, {}).items():
            scales.setdefault(_key(word), _Scale(exponent, word))
    if language == "zh":
        for word, exponent in _EXTRA_SCALES["zh"].items():
            scales.setdefault(_key(word), _Scale(exponent, word))

    names: dict[str, str] = {}
    surfaces: set[str] = set()
    plural = loc._data["currency_names_plural"]
    extra: list[tuple[str, str]] = []
    for code in _NAMED_CURRENCIES:
        candidates = [loc.currencies.get(code)]
        if code in plural:
            candidates.extend(plural[code].values())
        symbol = loc.currency_symbols.get(code)
        if symbol and symbol != code:
            candidates.append(symbol)
        extra.extend((cand, code) for cand in candidates if cand)
    extra.extend(_EXTRA_CURRENCY_NAMES.get(language, {}).items())
    if language == "zh":
        extra.extend(_EXTRA_CURRENCY_NAMES["zh"].items())
    extra.extend((("€", "EUR"), ("£", "GBP"), ("US$", "USD")))
    for word, code in extra:
        key = _key(word)
        if key in scales or names.setdefault(key, code) != code:
            continue
        surfaces.add(word.strip())

    pattern = loc.currency_formats["standard"].pattern.split(";")[0]
    prefix_currency = pattern.strip().startswith("¤")
    currency_space = (
        "¤ " in pattern or "¤\u00a0" in pattern or " ¤" in pattern or "\u00a0¤" in pattern
    )

    connectors = _CONNECTORS.get(language, ())

    scale_alts = "|".join(
        _word_re(w.word) for w in sorted(scales.values(), key=lambda s: -len(s.word))
    )
    name_alts = "|".join(
        _word_re(n, boundary_before=True) for n in sorted(surfaces, key=len, reverse=True)
    )
    codes = _iso_codes_re()
    currency = rf"(?:(?i:{name_alts})|(?<![A-Za-z])(?:{codes})(?![A-Za-z]))"
    number_re = re.compile(
        _NUMBER + rf"(?:{_SPACE}?(?P<scale>(?i:{scale_alts})))?" if scale_alts else _NUMBER
    )
    conn = ""
    if connectors:
        parts = [re.escape(c) + ("" if c.endswith(("'", "’")) else _SPACE) for c in connectors]
        conn = rf"(?:(?i:{'|'.join(parts)}))?"
    post_re = re.compile(rf"{_SPACE}?{conn}(?P<cur>{currency})")
    pre_re = re.compile(rf"(?P<cur>{currency}){_SPACE}?\Z")
    return _LocaleData(
        name=str(loc),
        language=language,
        decimal=decimal,
        group=group,
        prefix_currency=prefix_currency,
        currency_space=currency_space,
        scales=scales,
        names=names,
        connectors=connectors,
        number_re=number_re,
        pre_re=pre_re,
        post_re=post_re,
    )


@cache
def _iso_codes_re() -> str:
    from gdprfine.money import _iso4217

    return "|".join(sorted(_iso4217(), key=len, reverse=True))


def _currency_code(token: str, data: _LocaleData) -> str | None:
    clean = token.strip(_SPACES)
    if len(clean) == 3 and clean.isupper() and is_currency(clean):
        return clean
    key = _key(clean)
    return data.names.get(key)


# ---------------------------------------------------------------------------------------------
# Reading numbers


@dataclass(frozen=True)
class _Number:
    value: Decimal
    reason: str | None = None
    alternative: Decimal | None = None


class _NotANumber(Exception):
    pass


def _read_number(
    match: re.Match[str], data: _LocaleData, *, scaled: bool, currency: str | None
) -> _Number:
    """Interpret the digits and separators of a matched number in the locale's conventions."""
    text = match["num"]
    group = match["g"]
    dec = match["d1"] or match["d2"]
    group_norm = " " if group and group in _SPACES else group
    loc = data.name

    def plain(s: str) -> Decimal:
        return Decimal(re.sub(r"[^0-9.]", "", s))

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
    minor = minor_unit_digits(currency) if currency else 2
    if group == data.decimal:
        if scaled or minor >= 3:
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


def _scaled(value: Decimal, exponent: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 60
        result = value.scaleb(exponent)
        if result == result.to_integral_value():
            return Decimal(int(result))
        return Decimal(format(result.normalize(), "f"))


@dataclass(frozen=True)
class _Candidate:
    number: re.Match[str]
    pre: re.Match[str] | None
    post: re.Match[str] | None


def _candidates(text: str, data: _LocaleData) -> Iterator[_Candidate]:
    # No currency name or code contains a digit, so a currency before a number starts after
    # the digits of the number before it: the search never looks back past them, which keeps
    # a text of many numbers linear.
    digits_end = 0
    for number in data.number_re.finditer(text):
        start, end = number.span()
        pre = data.pre_re.search(text, max(0, start - 40, digits_end), start)
        post = data.post_re.match(text, end)
        digits_end = number.end("num")
        yield _Candidate(number, pre, post)


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
            to_left = not data.prefix_currency and not cur_text.isupper()
        if to_left:
            out[i + 1] = _Candidate(right.number, None, right.post)
        else:
            out[i] = _Candidate(left.number, left.pre, None)
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
        if scale.exponent >= 12:
            long = " (long scale)" if data.language in _LONG_SCALE_LANGUAGES else ""
            reasons.append(
                f"{scale_text.strip()!r} is 10^{scale.exponent} in {data.name}{long}; "
                "make sure the source did not mean 10^9"
            )
    start = cand.pre.start("cur") if cand.pre else number.start()
    end = cand.post.end() if cand.post else number.end()
    try:
        money = Money(value, code)
        alt_money = Money(alternative, code) if alternative is not None else None
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
    )


def _check_length(text: str) -> None:
    if len(text) > MAX_TEXT_LENGTH:
        raise AmountError(
            "text",
            None,
            f"{len(text)} characters; the limit is {MAX_TEXT_LENGTH} characters",
        )


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
    """
    data = _locale(locale)
    if not isinstance(text, str):
        raise AmountError("text", text, "expected a string")
    _check_length(text)
    cands = _resolve(list(_candidates(text, data)), data)
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
    gdprfine.amounts.AmountError: amount: '4,800': no currency; would accept '4,800 EUR'
    >>> parse_amount("€1.500", locale="en")
    Traceback (most recent call last):
    ...
    gdprfine.amounts.AmountError: amount: '€1.500': '1.500' is 1.500 with the en decimal point \
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
    cands = _resolve(list(_candidates(stripped, data)), data)
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
    cand = cands[0]
    mention = _mention(stripped, cand, data)
    if mention is None:
        has_currency = cand.pre is not None or cand.post is not None
        if has_currency:
            raise AmountError("amount", text, "not a readable amount of money")
        if currency is None:
            raise AmountError(
                "amount", text, "no currency", suggestions=(f"{cand.number.group()} EUR",)
            )
        if not isinstance(currency, str) or not is_currency(currency.strip().upper()):
            raise UnknownCurrency("currency", currency)
        mention = _build(stripped, cand, data, currency.strip().upper())
        if mention is None:
            raise AmountError("amount", text, "not a readable amount of money")
    left = stripped[: mention.start].strip(_SPACES)
    right = stripped[mention.end :].strip(_SPACES + ".")
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


def _marker(code: str, data: _LocaleData) -> str:
    """The symbol the locale uses for *code* when it reads back to *code*, else the code."""
    from babel.numbers import get_currency_symbol

    symbol = get_currency_symbol(code, locale=data.name)
    if symbol != code and _currency_code(symbol, data) == code:
        return symbol
    return code


def _place(number: str, code: str, data: _LocaleData) -> str:
    marker = _marker(code, data)
    space = "\u00a0" if data.currency_space or marker == code else ""
    if data.prefix_currency:
        return f"{marker}{space}{number}"
    return f"{number}{space or chr(0xA0)}{marker}"


def format_money(money: Money, *, locale: str, style: Style = "full") -> str:
    """Write *money* as the locale writes amounts; :func:`parse_amount` reads it back.

    ``full`` shows every digit (exact); ``compact`` uses the locale's short scale words
    ("746 Mio. €"); ``words`` spells the scale and the currency ("746 Millionen Euro").
    ``compact`` and ``words`` round to two decimals of the scale word.

    >>> fine = Money("746000000", "EUR")
    >>> format_money(fine, locale="en")
    '€746,000,000.00'
    >>> format_money(fine, locale="de", style="compact")
    '746\\xa0Mio.\\xa0€'
    >>> format_money(fine, locale="it", style="words")
    '746 milioni di euro'
    >>> format_money(fine, locale="zh", style="words")
    '7.46亿欧元'
    """
    from babel.numbers import format_compact_decimal, format_decimal, get_currency_name

    data = _locale(locale)
    amount = money.amount
    code = money.currency
    if style == "full":
        minor = minor_unit_digits(code)
        _, _, exponent = amount.as_tuple()
        places = max(minor, -exponent if isinstance(exponent, int) else 0)
        if places == 3 and abs(amount) < 1000:
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
    number = format_compact_decimal(amount, format_type=kind, locale=data.name, fraction_digits=2)
    if not re.search(r"[^\W\d_]", number):
        rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
        number = format_decimal(rounded, format="#,##0.##", locale=data.name)
    if style == "compact":
        return _place(number, code, data)
    name = get_currency_name(code, count=amount, locale=data.name)
    if _currency_code(name, data) != code:
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
