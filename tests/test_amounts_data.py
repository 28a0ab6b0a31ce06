"""Every word of gdprfine's amounts data is read: each case form of each scale word, each
currency name, each number word and each hedge, in every language (``gdprfine/data/amounts``).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

from gdprfine.amounts import SUPPORTED_LOCALES, AmountError, find_amounts, parse_amount
from gdprfine.money import Money

LANGUAGES = sorted({tag.split("_")[0] for tag in SUPPORTED_LOCALES})


def data(language: str) -> dict[str, Any]:
    folder = resources.files("gdprfine.data").joinpath("amounts")
    return tomllib.loads(folder.joinpath(f"{language}.toml").read_text("utf-8"))


def glue(word: str) -> str:
    """No space next to a Chinese word, one space next to any other."""
    return "" if "\u3400" <= word[0] <= "\u9fff" or "\u3400" <= word[-1] <= "\u9fff" else " "


def misread(text: str, language: str, expected: Money, bound: str = "exact") -> str | None:
    found = find_amounts(text, locale=language)
    got = [(m.money, m.bound, m.sure) for m in found]
    if got != [(expected, bound, True)]:
        return f"{text!r}: {got}"
    return None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_file_states_its_symbols(language: str) -> None:
    own = data(language)
    assert own["language"] == language
    assert own["decimal"] in ",."
    assert own["group"] in ". ,'’"
    assert own["currencies"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_scale_word_is_read(language: str) -> None:
    wrong = []
    for word, exponent in data(language)["scales"].items():
        text = f"7{glue(word)}{word} EUR"
        (mention,) = find_amounts(text, locale=language)
        if mention.money != Money(Decimal(7).scaleb(exponent), "EUR"):
            wrong.append(f"{text!r}: {mention.money}")
        elif mention.sure != (exponent < 12):  # 10^12 words are read as unsure (long scale)
            wrong.append(f"{text!r}: {mention.reason}")
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_currency_name_is_read(language: str) -> None:
    wrong = []
    for code, names in data(language)["currencies"].items():
        for name in names:
            text = f"7{glue(name)}{name}"
            try:
                money = parse_amount(text, locale=language)
            except AmountError as error:
                wrong.append(f"{text!r}: {error}")
                continue
            if money != Money("7", code):
                wrong.append(f"{text!r}: {money}")
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_number_word_is_read(language: str) -> None:
    numbers = data(language).get("numbers", {})
    wrong = [
        misread(f"{word} EUR", language, Money(value, "EUR")) for word, value in numbers.items()
    ]
    assert [w for w in wrong if w] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_hedge_is_read(language: str) -> None:
    wrong = []
    for kind, phrases in data(language).get("hedges", {}).items():
        for phrase in phrases:
            text = f"{phrase}{glue(phrase)}7 EUR"
            (mention,) = find_amounts(text, locale=language)
            if kind == "unsure":
                if (mention.bound, mention.sure) != ("exact", False):
                    wrong.append(text)
            elif (mention.money, mention.bound, mention.hedge, mention.sure) != (
                Money("7", "EUR"),
                kind,
                phrase,
                True,
            ):
                wrong.append(f"{text!r}: {mention}")
    assert wrong == []
