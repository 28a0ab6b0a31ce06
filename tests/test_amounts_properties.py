"""Laws of gdprfine.amounts that hold for every input: round trips and robustness."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gdprfine.amounts import (
    SUPPORTED_LOCALES,
    AmountError,
    find_amounts,
    format_money,
    parse_amount,
    read_amount,
)
from gdprfine.money import Money

CURRENCIES = (
    "EUR", "USD", "GBP", "CHF", "PLN", "CZK", "HUF", "RON", "BGN", "SEK", "DKK", "NOK", "ISK",
    "HRK", "CNY", "JPY", "KWD", "XAF", "BRL", "INR",
)  # fmt: skip

locales = st.sampled_from(SUPPORTED_LOCALES)
currencies = st.sampled_from(CURRENCIES)
# Fines stay below 10^12: above it scale words are long-scale ("Billionen") and read as unsure.
amounts = st.builds(
    lambda units, places: Decimal(units).scaleb(-places),
    st.integers(min_value=0, max_value=9 * 10**11),
    st.integers(min_value=0, max_value=4),
)


@settings(max_examples=300)
@given(locale=locales, amount=amounts, currency=currencies)
@example(locale="en", amount=Decimal("1.500"), currency="EUR")
@example(locale="de", amount=Decimal("35.333"), currency="CZK")
@example(locale="fr", amount=Decimal("746000000"), currency="EUR")
@example(locale="zh_Hant", amount=Decimal("74600"), currency="EUR")
def test_full_format_reads_back_exactly(locale: str, amount: Decimal, currency: str) -> None:
    money = Money(amount, currency)
    assert parse_amount(format_money(money, locale=locale), locale=locale) == money


@settings(max_examples=300)
@given(
    locale=locales,
    amount=amounts,
    currency=currencies,
    style=st.sampled_from(["compact", "words"]),
)
@example(locale="bg", amount=Decimal("35.333"), currency="CZK", style="compact")
@example(locale="ro", amount=Decimal("746000000"), currency="RON", style="words")
@example(locale="pl", amount=Decimal("2800000"), currency="PLN", style="words")
@example(locale="it", amount=Decimal("1000"), currency="EUR", style="words")
@example(locale="fr", amount=Decimal("1000"), currency="EUR", style="words")
@example(locale="fr", amount=Decimal("1000000"), currency="EUR", style="words")
@example(locale="es", amount=Decimal("1000"), currency="EUR", style="words")
@example(locale="de", amount=Decimal("1000"), currency="EUR", style="words")
@example(locale="nb", amount=Decimal("1000"), currency="NOK", style="compact")
def test_compact_and_words_read_back_to_the_precision_shown(
    locale: str, amount: Decimal, currency: str, style: str
) -> None:
    money = Money(amount, currency)
    text = format_money(money, locale=locale, style=style)  # type: ignore[arg-type]
    back = parse_amount(text, locale=locale)
    assert back.currency == currency
    # Two decimals of the scale word (10^3 apart at most, 10^4 in Chinese): within 0.5 %.
    assert abs(back.amount - amount) <= amount * Decimal("0.005") + Decimal("0.005"), text


@settings(max_examples=300)
@given(locale=locales, amount=amounts, currency=currencies)
def test_amounts_are_found_inside_prose(locale: str, amount: Decimal, currency: str) -> None:
    money = Money(amount, currency)
    written = format_money(money, locale=locale)
    text = f"Die 12.000 Bürger — {written} — 2018, 4 %."
    (mention,) = find_amounts(text, locale=locale)
    assert mention.money == money
    assert text[mention.start : mention.end] == mention.text == written


PIECES = st.sampled_from(
    [
        "€", "$", "£", "EUR", "PLN", "zł", "euro", "euros", "d'euros", "di", "million", "Mio.",
        "mln", "bn", "亿", "欧元", "万", " ", "\u00a0", "\u202f", ".", ",", "'", "-", "−", "%",
        "0", "1", "9", "000", "12", "746", "7.46", "1,5", "Billionen", "NaN", "Infinity", "e9",
    ]
)  # fmt: skip
texty = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=12).map("".join),
)


@settings(max_examples=400)
@given(text=texty, locale=locales)
@example(text="€1.234.5", locale="en")
@example(text="€" + "9" * 40, locale="en")
@example(text="€0." + "0" * 20 + "1", locale="en")
@example(text="EUR 5 USD", locale="en")
@example(text="-5 EUR", locale="en")
def test_arbitrary_text_never_breaks(text: str, locale: str) -> None:
    for mention in find_amounts(text, locale=locale):
        assert mention.money.amount.is_finite()
        assert mention.money.amount >= 0
        assert text[mention.start : mention.end] == mention.text
        assert mention.sure == (mention.reason is None)
    try:
        money = parse_amount(text, locale=locale, currency="EUR", strict=False)
    except AmountError:
        return
    assert money.amount.is_finite()
    assert money.amount >= 0


@settings(max_examples=100)
@given(amount=amounts, currency=currencies, locale=locales)
def test_mentions_do_not_overlap(amount: Decimal, currency: str, locale: str) -> None:
    written = format_money(Money(amount, currency), locale=locale, style="compact")
    # Separated by semicolons: a bare space between two amounts can let a symbol written after
    # one (CLDR 47+: "0 €") or before the next (older CLDR: "€ 0") belong to either.
    text = f"{written}; {written}; {written}"
    found = find_amounts(text, locale=locale)
    assert len(found) == 3
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@settings(max_examples=300)
@given(locale=locales, amount=amounts, currency=currencies, bare=st.booleans())
@example(locale="de", amount=Decimal("1000"), currency="EUR", bare=False)
@example(locale="da", amount=Decimal("20000"), currency="DKK", bare=True)
@example(locale="it", amount=Decimal("2500"), currency="EUR", bare=False)
def test_read_amount_with_a_language_reads_as_that_language(
    locale: str, amount: Decimal, currency: str, bare: bool
) -> None:
    """A text as a language writes it is read in that language, never as the plain form of
    Money.parse first (``1.000 EUR`` is 1 000 in German, not 1)."""
    text = format_money(Money(amount, currency), locale=locale)
    if bare:
        text = "".join(char for char in text if char.isdigit() or char in ".,")
    try:
        expected = parse_amount(text, locale=locale, currency=currency)
    except AmountError:
        return
    assert read_amount(text, locale=locale, currency=currency) == expected


@given(units=st.integers(1, 999), thousands=st.integers(0, 999), currency=st.sampled_from(["", " EUR", " €"]))
def test_read_amount_refuses_a_dot_before_three_digits_without_a_language(units: int, thousands: int, currency: str) -> None:
    """``5.000`` is 5 with a decimal point and 5 000 with a thousands dot: without a language
    it is refused as ambiguous, never read as either."""
    with pytest.raises(AmountError, match="ambiguous"):
        read_amount(f"{units}.{thousands:03d}{currency}")
