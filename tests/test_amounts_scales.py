"""How numbers combine with scale words: fractions ("half a million"), amounts in two parts
("1 million 200 000 euros") and ranges that share one scale word ("EUR 5 to 10 million")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdprfine import amounts
from gdprfine.amounts import find_amounts, parse_amount

FRACTIONS = [
    ("en", "half a million euros", "500000", "EUR"),
    ("en", "a quarter of a million pounds", "250000", "GBP"),
    ("en", "one and a half million euros", "1500000", "EUR"),
    ("de", "eine halbe Million Euro Bußgeld", "500000", "EUR"),
    ("de", "ein Bußgeld von anderthalb Millionen Euro", "1500000", "EUR"),
    ("de", "eineinhalb Millionen Euro", "1500000", "EUR"),
    ("de", "zweieinhalb Millionen Euro", "2500000", "EUR"),
    ("fr", "une amende d'un demi-million d'euros", "500000", "EUR"),
    ("fr", "un million et demi d'euros", "1500000", "EUR"),
    ("it", "mezzo milione di euro", "500000", "EUR"),
    ("it", "un milione e mezzo di euro", "1500000", "EUR"),
    ("it", "due milioni e mezzo di euro", "2500000", "EUR"),
    ("es", "medio millón de euros", "500000", "EUR"),
    ("es", "un millón y medio de euros", "1500000", "EUR"),
    ("nl", "een half miljoen euro", "500000", "EUR"),
    ("nl", "anderhalf miljoen euro", "1500000", "EUR"),
    ("sv", "en halv miljon kronor", "500000", "SEK"),
    ("sv", "en och en halv miljon kronor", "1500000", "SEK"),
    ("da", "halvanden million kroner", "1500000", "DKK"),
    ("el", "μισό εκατομμύριο ευρώ", "500000", "EUR"),
    ("pt", "meio milhão de euros", "500000", "EUR"),
    ("pt", "um milhão e meio de euros", "1500000", "EUR"),
    ("ro", "jumătate de milion de euro", "500000", "EUR"),
    ("pl", "półtora miliona złotych", "1500000", "PLN"),
    ("pl", "pół miliona złotych", "500000", "PLN"),
    ("cs", "půl milionu korun", "500000", "CZK"),
    ("hu", "félmillió forint", "500000", "HUF"),
    ("hu", "másfél milliárd forint", "1500000000", "HUF"),
    ("fi", "puoli miljoonaa euroa", "500000", "EUR"),
]

COMPOUNDS = [
    ("fr", "une amende d'un million 200 000 euros", "1200000", "EUR"),
    ("it", "una sanzione di 1 milione 200 mila euro", "1200000", "EUR"),
    ("pl", "kara 1 mln 200 tys. zł", "1200000", "PLN"),
    ("cs", "pokuta 1 milion 200 tisíc korun", "1200000", "CZK"),
    ("hu", "1 millió 200 ezer forint", "1200000", "HUF"),
    ("de", "Bußgeld von 1 Million 200.000 Euro", "1200000", "EUR"),
    ("en", "a fine of €1 million 200 thousand", "1200000", "EUR"),
]

# A number with no scale word joined by a word to one with a scale word: it may share it.
SHARED_SCALE = [
    ("de", "EUR 5 bis 10 Mio.", "5"),
    ("en", "fines of EUR 5 to 10 million", "5"),
    ("en", "€5 to €10 million", "5"),
    ("en", "€2 or €3 million", "2"),
    ("fr", "entre EUR 5 ou 10 millions", "5"),
    ("pl", "PLN 5 lub 10 mln", "5"),
]


def readings(text: str, locale: str) -> list[tuple[str, str, bool, str]]:
    return [
        (format(m.money.amount, "f"), m.money.currency, m.sure, m.bound)
        for m in find_amounts(text, locale=locale)
    ]


@pytest.mark.parametrize(("locale", "text", "amount", "currency"), FRACTIONS)
def test_a_fraction_before_or_after_a_scale_word_is_read(
    locale: str, text: str, amount: str, currency: str
) -> None:
    assert readings(text, locale) == [(amount, currency, True, "exact")]


@pytest.mark.parametrize(("locale", "text", "amount", "currency"), COMPOUNDS)
def test_an_amount_in_two_parts_is_read_whole(
    locale: str, text: str, amount: str, currency: str
) -> None:
    assert readings(text, locale) == [(amount, currency, True, "exact")]


def test_an_amount_in_two_parts_is_one_amount_to_parse_amount() -> None:
    assert parse_amount("1 million 200 000 euros", locale="fr").amount == Decimal(1200000)


@pytest.mark.parametrize(("locale", "text", "first"), SHARED_SCALE)
def test_a_number_that_may_share_the_scale_word_after_it_is_not_sure(
    locale: str, text: str, first: str
) -> None:
    found = readings(text, locale)
    assert found, text
    assert all(not sure for amount, _, sure, _ in found if amount == first)


def test_the_upper_end_of_a_range_in_words_is_an_upper_bound() -> None:
    assert readings("€5 to €10 million", "en")[1] == ("10000000", "EUR", True, "at_most")
    assert readings("EUR 5 bis 10 Mio. Euro", "de")[-1] == ("10000000", "EUR", True, "at_most")
    # An alternative is no range: its second amount stays exact.
    assert readings("€2 or €3 million", "en")[1] == ("3000000", "EUR", True, "exact")


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "two and a half million euros"),
        ("sv", "två och en halv miljon kronor"),
        ("en", "2 and a half million euros"),
    ],
)
def test_a_fraction_after_a_number_is_not_sure(locale: str, text: str) -> None:
    found = find_amounts(text, locale=locale)
    assert found
    assert not any(m.sure for m in found)


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("en", "€5,000 to €10,000", [("5000", "EUR", True, "exact"), ("10000", "EUR", True, "exact")]),
        ("en", "a €5 million 2021 fine", [("5000000", "EUR", True, "exact")]),
        ("hu", "Egy 20 millió forintos bírságot szabtak ki.", [("20000000", "HUF", True, "exact")]),
        ("en", "EUR 20 000 000 or 4 %", [("20000000", "EUR", True, "exact")]),
        ("en", "over half a million euros", [("500000", "EUR", True, "at_least")]),
        ("en", "a million euros", [("1000000", "EUR", True, "exact")]),
    ],
)
def test_readings_next_to_these_forms_stay_as_they_were(
    locale: str, text: str, expected: list[tuple[str, str, bool, str]]
) -> None:
    assert readings(text, locale) == expected


def test_two_parts_whose_second_is_not_smaller_are_not_sure() -> None:
    (found,) = find_amounts("€1 million 2 million euros", locale="en")
    assert not found.sure


def _million_word(locale: str) -> str:
    data = amounts._locale(locale)
    return next(
        s.word for s in data.scales.values() if s.exponent == 6 and s.word.isalpha() and not s.cldr_only
    )


FRACTION_PHRASES = [
    (language, phrase, value)
    for language in amounts.SUPPORTED_LOCALES
    if "_" not in language
    for phrase, value in amounts._language_file(language).get("fractions", {}).items()
]


@pytest.mark.parametrize(("locale", "phrase", "value"), FRACTION_PHRASES)
def test_every_listed_fraction_multiplies_the_scale_word_after_it(
    locale: str, phrase: str, value: str
) -> None:
    text = f"{phrase} {_million_word(locale)} EUR"
    (found,) = find_amounts(text, locale=locale)
    assert (found.money.amount, found.text) == (Decimal(value) * 10**6, text)


RANGE_WORDS = [
    (language, word)
    for language in amounts.SUPPORTED_LOCALES
    if "_" not in language
    for kind in ("range_words", "alternative_words")
    for word in amounts._language_file(language).get(kind, ())
]


@pytest.mark.parametrize(("locale", "word"), RANGE_WORDS)
def test_every_listed_range_word_makes_a_number_before_a_scaled_one_unsure(
    locale: str, word: str
) -> None:
    found = find_amounts(f"EUR 5 {word} 10 {_million_word(locale)}", locale=locale)
    assert [m.sure for m in found] == [False]


TWO_PARTS = [
    ("en", "€{n} million {m} thousand"),
    ("fr", "{n} millions {m} 000 euros"),
    ("it", "{n} milioni {m} mila euro"),
    ("pl", "{n} mln {m} tys. zł"),
    ("hu", "{n} millió {m} ezer forint"),
    ("de", "{n} Millionen {m}.000 Euro"),
]


@given(
    st.sampled_from(TWO_PARTS),
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=999),
)
def test_a_sure_reading_of_two_parts_is_their_sum(
    form: tuple[str, str], n: int, m: int
) -> None:
    locale, pattern = form
    text = pattern.format(n=n, m=m)
    for found in find_amounts(text, locale=locale):
        if found.sure:
            assert found.money.amount == n * 10**6 + m * 1000, text


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "several million euros"),
        ("en", "a few million euros"),
        ("en", "a multi-million euro fine"),
        ("hu", "több millió forint"),
        ("de", "mehrere Million Euro"),
    ],
)
def test_a_scale_word_after_a_word_that_may_say_how_many_is_not_sure(
    locale: str, text: str
) -> None:
    assert [m.sure for m in find_amounts(text, locale=locale)] == [False]


@pytest.mark.parametrize(
    ("locale", "text", "amount"),
    [
        ("en", "a million euros", "1000000"),
        ("de", "eine Million Euro", "1000000"),
        ("pl", "kara milion złotych", "1000000"),
        ("fi", "sakko miljoona euroa", "1000000"),
        ("en", "million EUR", "1000000"),
        ("de", "Bußgeld von tausend Euro", "1000"),
    ],
)
def test_a_scale_word_that_counts_one_stays_sure(locale: str, text: str, amount: str) -> None:
    (found,) = find_amounts(text, locale=locale)
    assert (format(found.money.amount, "f"), found.sure) == (amount, True)
