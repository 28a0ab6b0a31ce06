"""Currency symbols with a country prefix ("C$", "HK$") in gdprfine.amounts and its data
(``gdprfine/data/amounts/currencies.toml``).
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdprfine.amounts import find_amounts
from gdprfine.money import Money


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
]


@pytest.mark.parametrize(("locale", "text", "amount", "code", "bound"), READ)
def test_read(locale: str, text: str, amount: str, code: str, bound: str) -> None:
    assert readings(text, locale) == [(Money(amount, code), bound, True)]


# Real amounts, read as before: sure and exact.
AMOUNTS = [
    ("en", "a $5 million settlement", "5000000", "USD"),
    ("en", "$5bn", "5000000000", "USD"),
]


@pytest.mark.parametrize(("locale", "text", "amount", "code"), AMOUNTS)
def test_amounts_are_still_read(locale: str, text: str, amount: str, code: str) -> None:
    assert readings(text, locale) == [(Money(amount, code), "exact", True)]


@given(st.sampled_from(SYMBOLS), st.integers(1, 10**9))
def test_every_symbol_is_its_currency(symbol: tuple[str, str], n: int) -> None:
    text, code = symbol
    assert readings(f"a fine of {text}{n:,}", "en") == [(Money(n, code), "exact", True)]
