"""Currency symbols with a country prefix ("C$", "HK$"), numbers next to a currency that are no
amount ("Euro 2024", "euro area", "in 2021 euros"), minor units ("3 euro cents") and hedges
after an amount ("€1m or more"), in gdprfine.amounts and its data (``gdprfine/data/amounts``).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdprfine.amounts import (
    SUPPORTED_LOCALES,
    AmountError,
    find_amounts,
    parse_amount,
    read_amount_field,
)
from gdprfine.money import Money

LANGUAGES = sorted({tag.split("_")[0] for tag in SUPPORTED_LOCALES})


def data(name: str) -> dict[str, Any]:
    folder = resources.files("gdprfine.data").joinpath("amounts")
    return tomllib.loads(folder.joinpath(f"{name}.toml").read_text("utf-8"))


SYMBOLS = [(symbol, code) for code, listed in data("currencies")["symbols"].items() for symbol in listed]


def readings(text: str, locale: str) -> list[tuple[Money, str, bool]]:
    return [(m.money, m.bound, m.sure) for m in find_amounts(text, locale=locale)]


# Read right, sure, with the bound the text gives.
READ = [
    ("en", "a C$5 million fine", "5000000", "CAD", "exact"),
    ("en", "A$1.5m penalty", "1500000", "AUD", "exact"),
    ("en", "HK$2 million", "2000000", "HKD", "exact"),
    ("en", "US$5m", "5000000", "USD", "exact"),
    ("en", "an NZ$3m fine", "3000000", "NZD", "exact"),
    ("en", "S$2m", "2000000", "SGD", "exact"),
    ("en", "Can$ 4 million", "4000000", "CAD", "exact"),
    ("pt", "multa de R$ 50 milhões", "50000000", "BRL", "exact"),
    ("en", "a fee of 3 euro cents per message", "0.03", "EUR", "exact"),
    ("de", "3 Euro-Cent pro Nachricht", "0.03", "EUR", "exact"),
    ("de", "Bußgeldrahmen bis 20 Mio. Euro", "20000000", "EUR", "at_most"),
    ("de", "rd. 5 Mio. Euro", "5000000", "EUR", "about"),
    ("en", "a fine of €1m or more", "1000000", "EUR", "at_least"),
    ("en", "fines of £500,000 or less", "500000", "GBP", "at_most"),
    ("en", "a fine of €2m or so", "2000000", "EUR", "about"),
    ("de", "ein Bußgeld von 1 Mio. Euro oder mehr", "1000000", "EUR", "at_least"),
    ("fr", "une amende de 100 000 € ou plus", "100000", "EUR", "at_least"),
    ("es", "una multa de 300.000 euros o más", "300000", "EUR", "at_least"),
    ("it", "una sanzione di 20 milioni di euro o più", "20000000", "EUR", "at_least"),
    ("nl", "een boete van 5 miljoen euro of meer", "5000000", "EUR", "at_least"),
]


@pytest.mark.parametrize(("locale", "text", "amount", "code", "bound"), READ)
def test_read(locale: str, text: str, amount: str, code: str, bound: str) -> None:
    assert readings(text, locale) == [(Money(amount, code), bound, True)]


# A number next to a currency that is no amount: never a sure reading.
NOT_AMOUNTS = [
    ("de", "Während der Euro 2024 gingen 500 Beschwerden ein."),
    ("en", "during the Euro 2020 tournament"),
    ("en", "the 2021 euro area report"),
    ("de", "in 19 Euro-Ländern"),
    ("de", "die 20 Euro-Staaten"),
    ("en", "19 euro-area countries"),
    ("en", "in 19 euro countries"),
    ("en", "the 2010 euro crisis"),
    ("en", "fined in 2021 euros"),
]


@pytest.mark.parametrize(("locale", "text"), NOT_AMOUNTS)
def test_no_amount_is_sure(locale: str, text: str) -> None:
    found = find_amounts(text, locale=locale)
    assert found
    assert [m.sure for m in found] == [False] * len(found)
    assert all(m.reason for m in found)


def test_an_amount_and_the_prices_of_a_year() -> None:
    found = find_amounts("fined €1.2m in 2021 euros", locale="en")
    assert [(m.money, m.sure) for m in found] == [
        (Money("1200000", "EUR"), True),
        (Money("2021", "EUR"), False),
    ]
    assert found[1].reason == "'in 2021 euros' may be money at the prices of 2021, not an amount"


@pytest.mark.parametrize("text", ["ABC$5", "a MX$ 5 million fine", "MOP$ 10,000"])
def test_a_dollar_after_unknown_letters_is_not_sure(text: str) -> None:
    (mention,) = find_amounts(text, locale="en")
    assert mention.money.currency == "USD"
    assert not mention.sure
    assert "is not a symbol gdprfine knows" in (mention.reason or "")


# Real amounts, read as before: sure and exact.
AMOUNTS = [
    ("en", "EUR 2,024", "2024", "EUR"),
    ("en", "EUR 2024", "2024", "EUR"),
    ("en", "a fine of 2,021 euros", "2021", "EUR"),
    ("en", "fined 2021 euros", "2021", "EUR"),
    ("en", "€2020", "2020", "EUR"),
    ("en", "a $5 million settlement", "5000000", "USD"),
    ("en", "$5bn", "5000000000", "USD"),
    ("en", "a 2-million-euro fine", "2000000", "EUR"),
    ("en", "5 euros per area", "5", "EUR"),
    ("en", "€20 million or 4% of turnover", "20000000", "EUR"),
    ("de", "2024 Euro Bußgeld", "2024", "EUR"),
    ("de", "ein Bußgeld von 2000 Euro", "2000", "EUR"),
    ("de", "Euro 2.024", "2024", "EUR"),
    ("de", "Euro 1500", "1500", "EUR"),
    ("de", "ein Bußgeld von 500 Euro in 2021", "500", "EUR"),
    ("de", "20 000 000 EUR oder 4 % des Umsatzes", "20000000", "EUR"),
    ("fr", "20 000 000 EUR ou 4 % du chiffre d'affaires", "20000000", "EUR"),
]


@pytest.mark.parametrize(("locale", "text", "amount", "code"), AMOUNTS)
def test_amounts_are_still_read(locale: str, text: str, amount: str, code: str) -> None:
    assert readings(text, locale) == [(Money(amount, code), "exact", True)]


def test_a_hedge_after_the_amount_makes_a_field_a_bound() -> None:
    field = read_amount_field("€1m or more", locale="en")
    assert (field.money, field.low) == (None, Money("1000000", "EUR"))
    with pytest.raises(AmountError, match="'or more' makes it a bound"):
        parse_amount("€1m or more", locale="en")


@given(st.sampled_from(SYMBOLS), st.integers(1, 10**9))
def test_every_symbol_is_its_currency(symbol: tuple[str, str], n: int) -> None:
    text, code = symbol
    assert readings(f"a fine of {text}{n:,}", "en") == [(Money(n, code), "exact", True)]


@given(st.integers(1900, 2099), st.sampled_from(["en", "de", "fr", "it", "nl"]))
def test_a_year_after_a_capitalised_currency_name_is_not_sure(year: int, locale: str) -> None:
    (named,) = find_amounts(f"Euro {year}", locale=locale)
    assert not named.sure
    (coded,) = find_amounts(f"EUR {year}", locale=locale)
    assert (coded.money, coded.sure) == (Money(year, "EUR"), True)


def euro_name(language: str) -> str:
    """The language's first name of the euro that is a word."""
    names: list[str] = data(language)["currencies"]["EUR"]
    return next(name for name in names if name[:1].isalpha())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_hedge_after_is_read(language: str) -> None:
    wrong = []
    for kind, phrases in data(language).get("hedges_after", {}).items():
        for phrase in phrases:
            text = f"7 EUR {phrase}"
            (m,) = find_amounts(text, locale=language)
            if (m.money, m.bound, m.hedge, m.sure) != (Money("7", "EUR"), kind, phrase, True):
                wrong.append(f"{text!r}: {m}")
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_after_a_currency_is_read(language: str) -> None:
    own = data(language)
    name = euro_name(language)
    wrong = []
    for word in own.get("not_amounts", {}).get("after_currency", ()):
        for glue in (" ", "-"):
            (m,) = find_amounts(f"7 {name}{glue}{word}", locale=language)
            if m.sure:
                wrong.append(f"{name}{glue}{word}")
    for word in own.get("minor_units", ()):
        (m,) = find_amounts(f"7 {name} {word}", locale=language)
        if (m.money, m.sure, m.text) != (Money("0.07", "EUR"), True, f"7 {name} {word}"):
            wrong.append(f"{m}")
    for word in own.get("not_amounts", {}).get("before_year", ()):
        (m,) = find_amounts(f"{word} 2021 {name}", locale=language)
        if m.sure:
            wrong.append(f"{word} 2021 {name}")
    assert wrong == []


def test_decimal_minor_units() -> None:
    (m,) = find_amounts("12.5 euro cents", locale="en")
    assert (m.money.amount, m.sure) == (Decimal("0.125"), True)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "a fine of €20m or more than 4 % of turnover"),
        ("fr", "20 millions d'euros ou plus de 4 % du chiffre d'affaires"),
        ("de", "20 Mio. Euro oder mehr als 4 % des Umsatzes"),
    ],
)
def test_a_comparison_after_the_amount_is_no_hedge(locale: str, text: str) -> None:
    assert [(m.bound, m.hedge, m.sure) for m in find_amounts(text, locale=locale)] == [
        ("exact", None, True)
    ]
