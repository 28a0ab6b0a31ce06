"""Reading and writing amounts as the press of each language writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gdprfine.amounts import (
    SUPPORTED_LOCALES,
    AmountError,
    find_amounts,
    format_money,
    parse_amount,
    read_amount_field,
)
from gdprfine.errors import InvalidAmount, InvalidInput
from gdprfine.money import Money

# (locale, text as the press writes it, amount, currency)
READ: list[tuple[str, str, str, str]] = [
    # English
    ("en", "€746 million", "746000000", "EUR"),
    ("en", "€746m", "746000000", "EUR"),
    ("en", "€1.2bn", "1200000000", "EUR"),
    ("en", "£183.39 million", "183390000", "GBP"),
    ("en", "183.39 million pounds", "183390000", "GBP"),
    ("en", "PLN 2.8 million", "2800000", "PLN"),
    ("en", "EUR 35,258,707.95", "35258707.95", "EUR"),
    ("en", "746 million euros", "746000000", "EUR"),
    ("en", "$5bn", "5000000000", "USD"),
    ("en", "10000 RON", "10000", "RON"),
    ("en", "500000 £", "500000", "GBP"),
    ("en", "€20k", "20000", "EUR"),
    ("en", "1.2 billion euros", "1200000000", "EUR"),
    # Dutch
    ("nl", "746 miljoen euro", "746000000", "EUR"),
    ("nl", "€ 746 mln.", "746000000", "EUR"),
    ("nl", "1,2 miljard euro", "1200000000", "EUR"),
    ("nl", "€ 525.000", "525000", "EUR"),
    ("nl", "290 miljoen euro", "290000000", "EUR"),
    # German
    ("de", "35,3 Millionen Euro", "35300000", "EUR"),
    ("de", "746 Mio. €", "746000000", "EUR"),
    ("de", "7,46 Mrd. €", "7460000000", "EUR"),
    ("de", "35.258.707,95 Euro", "35258707.95", "EUR"),
    ("de", "1,2 Milliarden Euro", "1200000000", "EUR"),
    ("de", "9,55 Mio Euro", "9550000", "EUR"),
    ("de_DE", "€ 14,5 Millionen", "14500000", "EUR"),
    # French
    ("fr", "746 millions d'euros", "746000000", "EUR"),
    ("fr", "746 millions d’euros", "746000000", "EUR"),
    ("fr", "50 millions d'euros", "50000000", "EUR"),
    ("fr", "1,2 milliard d'euros", "1200000000", "EUR"),
    ("fr", "1,5 Md€", "1500000000", "EUR"),
    ("fr", "2 Mds €", "2000000000", "EUR"),
    ("fr", "150\u202f000 €", "150000", "EUR"),
    ("fr", "150\u00a0000 euros", "150000", "EUR"),
    ("fr", "150 000 €", "150000", "EUR"),
    # Italian
    ("it", "27,8 milioni di euro", "27800000", "EUR"),
    ("it", "1,2 miliardi di euro", "1200000000", "EUR"),
    ("it", "€ 26,5 mln", "26500000", "EUR"),
    ("it", "5.000.000 di euro", "5000000", "EUR"),
    # Spanish
    ("es", "6 millones de euros", "6000000", "EUR"),
    ("es", "1.200 millones de euros", "1200000000", "EUR"),
    ("es", "1,2 mil millones de euros", "1200000000", "EUR"),
    ("es", "8,15 millones de euros", "8150000", "EUR"),
    # Portuguese
    ("pt", "400 mil euros", "400000", "EUR"),
    ("pt_PT", "746 milhões de euros", "746000000", "EUR"),
    ("pt_PT", "4,2 milhões de euros", "4200000", "EUR"),
    # Polish
    ("pl", "2,8 mln zł", "2800000", "PLN"),
    ("pl", "40.000 PLN", "40000", "PLN"),
    ("pl", "660 tys. zł", "660000", "PLN"),
    ("pl", "1 440 000 zł", "1440000", "PLN"),
    ("pl", "746 milionów euro", "746000000", "EUR"),
    ("pl", "27 mln złotych", "27000000", "PLN"),
    # Czech, Slovak
    ("cs", "6 milionů Kč", "6000000", "CZK"),
    ("cs", "746 milionů eur", "746000000", "EUR"),
    ("sk", "50 000 eur", "50000", "EUR"),
    ("sk", "746 miliónov eur", "746000000", "EUR"),
    # Hungarian
    ("hu", "HUF 11.000.000", "11000000", "HUF"),
    ("hu", "11 millió forint", "11000000", "HUF"),
    ("hu", "100 millió Ft", "100000000", "HUF"),
    ("hu", "746 millió euró", "746000000", "EUR"),
    # Romanian
    ("ro", "10.000 lei", "10000", "RON"),
    ("ro", "746 de milioane de euro", "746000000", "EUR"),
    ("ro", "50.000 RON", "50000", "RON"),
    # Bulgarian
    ("bg", "746 милиона евро", "746000000", "EUR"),
    ("bg", "511 000 лв.", "511000", "BGN"),
    # Greek
    ("el", "746 εκατομμύρια ευρώ", "746000000", "EUR"),
    ("el", "€9,2 εκατ.", "9200000", "EUR"),
    # Croatian, Slovenian
    ("hr", "746 milijuna eura", "746000000", "EUR"),
    ("hr", "2,26 milijuna kuna", "2260000", "HRK"),
    ("sl", "746 milijonov evrov", "746000000", "EUR"),
    # Baltic
    ("lt", "746 milijonų eurų", "746000000", "EUR"),
    ("lv", "746 miljoni eiro", "746000000", "EUR"),
    ("et", "746 miljonit eurot", "746000000", "EUR"),
    # Nordic
    ("fi", "746 miljoonaa euroa", "746000000", "EUR"),
    ("sv", "746 miljoner euro", "746000000", "EUR"),
    ("sv", "75 miljoner kronor", "75000000", "SEK"),
    ("da", "1,2 mio. kr.", "1200000", "DKK"),
    ("da", "746 millioner euro", "746000000", "EUR"),
    ("nb", "65 millioner kroner", "65000000", "NOK"),
    ("nn", "746 millionar euro", "746000000", "EUR"),
    ("is", "746 milljónir evra", "746000000", "EUR"),
    # Irish, Maltese
    ("ga", "€746 milliún", "746000000", "EUR"),
    ("mt", "€746M", "746000000", "EUR"),
    # Chinese
    ("zh", "7.46亿欧元", "746000000", "EUR"),
    ("zh", "7460万欧元", "74600000", "EUR"),
    ("zh", "12亿欧元", "1200000000", "EUR"),
    ("zh", "5000万美元", "50000000", "USD"),
    ("zh_Hant", "7.46億歐元", "746000000", "EUR"),
    ("zh_Hant", "7460萬歐元", "74600000", "EUR"),
    # One thousand in words, as CLDR's words style writes it in some versions.
    ("it", "mille di euro", "1000", "EUR"),
    ("fr", "mille euros", "1000", "EUR"),
    ("fr", "mille d'euros", "1000", "EUR"),
    ("es", "mil euros", "1000", "EUR"),
    ("pt", "mil euros", "1000", "EUR"),
    ("de", "tausend Euro", "1000", "EUR"),
    ("en", "a thousand euros", "1000", "EUR"),
]


@pytest.mark.parametrize(("locale", "text", "amount", "currency"), READ)
def test_reads_press_amounts(locale: str, text: str, amount: str, currency: str) -> None:
    assert parse_amount(text, locale=locale) == Money(amount, currency)
    (mention,) = find_amounts(f"Die Rede ist von {text} heute.", locale=locale)
    assert mention.money == Money(amount, currency)
    assert mention.text == text


def test_every_supported_language_has_press_examples() -> None:
    covered = {locale.split("_")[0] for locale, *_ in READ} | {"zh_Hant"}
    assert set(SUPPORTED_LOCALES) <= covered | {loc.split("_")[0] for loc in SUPPORTED_LOCALES}
    missing = {loc for loc in SUPPORTED_LOCALES if loc.split("_")[0] not in covered}
    assert missing == set()


# (locale, text, the start of the expected error message)
REJECT: list[tuple[str, str, str]] = [
    ("en", "4,800", "no currency"),
    ("en", "Unknown", "no number"),
    ("en", "Only intention to issue fine", "no number"),
    ("en", "€1.500", "'1.500' is 1.500"),
    ("de", "1,500 Euro", "'1,500' is 1.500"),
    ("en", "€1,5 million", "',' groups digits in en"),
    ("nl", "7.46 miljoen euro", "'.' groups digits in nl"),
    ("de", "3 Billionen Euro", "'Billionen' is 10^12 in de (long scale)"),
    ("fr", "2 billions d'euros", "'billions' is 10^12 in fr (long scale)"),
    ("en", "-5 EUR", "an amount of money must not be negative"),
    ("en", "40.000 PLN (9400 EUR)", "2 numbers in the text"),
    ("en", "12 people", "no currency"),
    ("en", "EUR 5 USD", "not a readable amount"),
    ("en", "about €5 million, maybe", "unexpected text"),
    ("nl", "12.000 Europese burgers", "no currency"),
    ("en", "", "empty text"),
    ("en", "€1.234.5", "not a readable amount"),
]


@pytest.mark.parametrize(("locale", "text", "message"), REJECT)
def test_rejects_with_a_reason(locale: str, text: str, message: str) -> None:
    with pytest.raises(AmountError) as info:
        parse_amount(text, locale=locale)
    assert info.value.message.startswith(message), info.value.message
    assert isinstance(info.value, InvalidAmount)
    assert isinstance(info.value, InvalidInput)
    assert isinstance(info.value, ValueError)


def test_ambiguous_reading_suggests_both() -> None:
    with pytest.raises(AmountError) as info:
        parse_amount("€1.500", locale="en")
    assert info.value.suggestions == ("EUR 1.500", "EUR 1 500")
    (mention,) = find_amounts("a fine of €1.500", locale="en")
    assert not mention.sure
    assert mention.alternative == Money("1500", "EUR")


def test_lenient_parse_returns_the_stated_reading() -> None:
    assert parse_amount("7.46 miljoen euro", locale="nl", strict=False) == Money("7460000", "EUR")


def test_bare_number_takes_the_given_currency() -> None:
    assert parse_amount("660 000", locale="fr", currency="EUR") == Money("660000", "EUR")
    assert parse_amount("20000.0", locale="en", currency="EUR") == Money("20000", "EUR")


def test_unknown_and_unsupported_locales() -> None:
    with pytest.raises(AmountError, match="not a known locale"):
        parse_amount("€5", locale="xx_YY")
    with pytest.raises(AmountError, match="locale not supported"):
        parse_amount("€5", locale="ja")


def test_same_separator_twice_is_grouping_in_any_locale() -> None:
    assert parse_amount("HUF 11.000.000", locale="en") == Money("11000000", "HUF")
    assert parse_amount("2.500.000,00 €", locale="en") == Money("2500000", "EUR")
    assert parse_amount("€2,500,000.00", locale="de") == Money("2500000", "EUR")


def test_numbers_that_are_not_money() -> None:
    text = (
        "Die klachten werden mede namens 12.000 Europese burgers ingediend, in 2018, "
        "op grond van artikel 83, lid 5 AVG; 4 % van de omzet en 10 000 more people."
    )
    assert find_amounts(text, locale="nl") == []
    assert find_amounts("on 16 July 2021, 746 people", locale="en") == []


def test_currency_between_two_numbers_goes_to_the_right_one() -> None:
    found = find_amounts("In 2018 EUR 50 million was the record", locale="en")
    assert [m.money for m in found] == [Money("50000000", "EUR")]
    pln, eur = find_amounts("a fine of 40.000 PLN (9400 EUR)", locale="en")
    assert eur.money == Money("9400", "EUR")
    assert eur.sure
    assert (pln.money, pln.alternative) == (Money("40", "PLN"), Money("40000", "PLN"))
    assert not pln.sure
    assert pln.reason is not None
    assert "may mean 40000" in pln.reason
    found = find_amounts("746 Mio. € Bußgeld, 20 Mio. € Obergrenze", locale="de")
    assert [m.text for m in found] == ["746 Mio. €", "20 Mio. €"]


def test_spans_point_into_the_text() -> None:
    text = "Amazon a reçu une amende de 746 millions d'euros, contre 50 millions pour Google."
    found = find_amounts(text, locale="fr")
    assert [(text[m.start : m.end], m.money.amount) for m in found] == [
        ("746 millions d'euros", Decimal("746000000"))
    ]


def test_seeds_amounts() -> None:
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "examples" / "seeds"
    nl = (seeds / "002_5363ed10521fa334.txt").read_text("utf-8")
    assert {m.money for m in find_amounts(nl, locale="nl")} == {Money("746000000", "EUR")}
    mt = (seeds / "003_afdc003e6084bb5f.txt").read_text("utf-8")
    amounts = [m.money.amount for m in find_amounts(mt, locale="en")]
    assert sorted(set(amounts)) == [10**7, 2 * 10**7, 10**8, 746 * 10**6]
    assert amounts.count(Decimal(746 * 10**6)) == 3


# (locale, amount, currency, style, what the text must contain). Only the words of
# gdprfine's own data and the digits are stated: the layout around them is CLDR's, and may
# change with the CLDR version babel ships.
FORMAT: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("en", "746000000", "EUR", "full", ("€", "746,000,000.00")),
    ("en", "746000000", "EUR", "compact", ("€", "746")),
    ("en", "746000000", "EUR", "words", ("746", "million", "euros")),
    ("de", "746000000", "EUR", "words", ("746", "Millionen", "Euro")),
    ("de", "35258707.95", "EUR", "full", ("35.258.707,95", "€")),
    ("fr", "746000000", "EUR", "words", ("746", "millions", "euros")),
    ("fr", "1200000000", "EUR", "words", ("1,2", "milliard", "euros")),
    ("fr", "1000", "EUR", "words", ("euros",)),
    ("it", "1000", "EUR", "words", ("euro",)),
    ("nl", "746000000", "EUR", "words", ("746", "miljoen", "euro")),
    ("it", "27800000", "EUR", "words", ("27,8", "milioni", "euro")),
    ("es", "6000000", "EUR", "words", ("6", "millones", "euros")),
    ("pl", "2800000", "PLN", "compact", ("2,8", "mln", "zł")),
    ("zh", "746000000", "EUR", "words", ("7.46", "亿", "欧元")),
    ("zh_Hant", "746000000", "EUR", "words", ("7.46", "億", "歐元")),
    ("en", "5000", "XAF", "full", ("XAF", "5,000")),
]


@pytest.mark.parametrize(("locale", "amount", "currency", "style", "expected"), FORMAT)
def test_format_money(
    locale: str, amount: str, currency: str, style: str, expected: tuple[str, ...]
) -> None:
    money = Money(amount, currency)
    text = format_money(money, locale=locale, style=style)  # type: ignore[arg-type]
    for part in expected:
        assert part in text, (part, text)
    (mention,) = find_amounts(text, locale=locale)
    assert (mention.money, mention.sure, mention.text) == (money, True, text)


def test_format_full_never_writes_an_ambiguous_number() -> None:
    text = format_money(Money("1.500", "EUR"), locale="en")
    assert text == "€1.5000"
    assert parse_amount(text, locale="en") == Money("1.5", "EUR")


def test_unknown_style() -> None:
    with pytest.raises(AmountError, match="expected 'full'"):
        format_money(Money("1", "EUR"), locale="en", style="long")  # type: ignore[arg-type]


FIELDS: list[tuple[str, str | None, str | None]] = [
    ("4,800", "4800", None),
    ("20000.0", "20000", None),
    ("660 000", "660000", None),
    ("Unknown", None, "no amount stated"),
    ("Only intention to issue fine", None, "only an intention to issue a fine"),
    ("Only intention to issue fine (2.500.000,00 €)", None, "only an intention to issue a fine"),
    ("Fine in five-digit amount", None, "states only the number of digits (five-digit amount)"),
    ("Fine amount between EUR 50 and EUR 800", None, "a range, not one amount"),
    ("40.000 PLN (9400 EUR)", None, "2 numbers in the text; expected one amount"),
]


@pytest.mark.parametrize(("text", "amount", "reason"), FIELDS)
def test_read_amount_field(text: str, amount: str | None, reason: str | None) -> None:
    reading = read_amount_field(text, locale="en")
    if amount is None:
        assert reading.money is None
        assert reading.reason is not None
        assert reading.reason.startswith(reason or "")
    else:
        assert reading.money == Money(amount, "EUR")
        assert reading.reason is None


def test_field_ranges() -> None:
    digits = read_amount_field("Fine in five-digit amount", locale="en")
    assert (digits.low, digits.high) == (Money("10000", "EUR"), Money("99999", "EUR"))
    zero = read_amount_field("0", locale="en", zero_is_unknown=True)
    assert zero.money is None
    assert zero.reason == "0 marks an amount not known (not final)"
    assert read_amount_field("0", locale="en").money == Money("0", "EUR")


def test_mentions_serialise_amounts_as_strings() -> None:
    (mention,) = find_amounts("€746 million", locale="en")
    assert '"amount":"746000000"' in mention.model_dump_json()


def test_readings_do_not_depend_on_cldr(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every press example reads the same, and sure, with no CLDR word at all."""
    from gdprfine import amounts

    expected = [find_amounts(text, locale=locale) for locale, text, *_ in READ]
    amounts._locale.cache_clear()
    monkeypatch.setattr(amounts, "_cldr_words", lambda loc: ({}, []))
    try:
        for (locale, text, *_), before in zip(READ, expected, strict=True):
            assert find_amounts(text, locale=locale) == before, text
            assert all(m.sure for m in before), text
    finally:
        amounts._locale.cache_clear()


def test_a_word_only_cldr_knows_is_not_sure(monkeypatch: pytest.MonkeyPatch) -> None:
    from gdprfine import amounts

    german = dict(amounts._language_file("de"))
    german["scales"] = {w: e for w, e in german["scales"].items() if w != "Millionen"}
    amounts._locale.cache_clear()
    monkeypatch.setattr(amounts, "_language_file", lambda language: german)
    try:
        (mention,) = find_amounts("35,3 Millionen Euro", locale="de")
        assert mention.money == Money("35300000", "EUR")
        assert not mention.sure
        assert mention.reason is not None
        assert "known only from the CLDR data of babel" in mention.reason
    finally:
        amounts._locale.cache_clear()


# (locale, text, bound, hedge, amount, currency)
HEDGED: list[tuple[str, str, str, str, str, str]] = [
    ("pl", "ponad 2,8 mln zł", "at_least", "ponad", "2800000", "PLN"),
    ("de", "knapp 10,4 Millionen Euro", "at_most", "knapp", "10400000", "EUR"),
    ("en", "more than 2.8 million złoty", "at_least", "more than", "2800000", "PLN"),
    ("en", "just under €10.4 million", "at_most", "just under", "10400000", "EUR"),
    ("en", "no less than €3m", "at_least", "no less than", "3000000", "EUR"),
    ("en", "about €5m", "about", "about", "5000000", "EUR"),
    ("fr", "pas moins de 3 millions d'euros", "at_least", "pas moins de", "3000000", "EUR"),
    ("fr", "moins de 3 millions d'euros", "at_most", "moins de", "3000000", "EUR"),
    ("en", "up to EUR 20 million", "at_most", "up to", "20000000", "EUR"),
]


@pytest.mark.parametrize(("locale", "text", "bound", "hedge", "amount", "currency"), HEDGED)
def test_hedges_make_a_bound(
    locale: str, text: str, bound: str, hedge: str, amount: str, currency: str
) -> None:
    (mention,) = find_amounts(text, locale=locale)
    assert (mention.money, mention.bound, mention.hedge) == (Money(amount, currency), bound, hedge)
    assert mention.sure
    with pytest.raises(AmountError, match="makes it a bound"):
        parse_amount(text, locale=locale)
    reading = read_amount_field(text, locale=locale)
    assert reading.money is None
    assert reading.reason is not None
    assert reading.reason.startswith("a bound, not one amount")
    assert reading.low == (mention.money if bound == "at_least" else None)
    assert reading.high == (mention.money if bound == "at_most" else None)


def test_an_unknown_scale_word_is_never_dropped() -> None:
    # Maltese "miljun" is known in Maltese; elsewhere it only looks like a scale word.
    assert parse_amount("€5 miljun", locale="mt") == Money("5000000", "EUR")
    (mention,) = find_amounts("Il-multa hija ta' €5 miljun.", locale="en")
    assert not mention.sure
    assert mention.reason is not None
    assert "'miljun" in mention.reason
    for text in ("€5 milioni", "€5 Mrd.", "€5 zillion", "€5 tys."):
        (mention,) = find_amounts(text, locale="en")
        assert not mention.sure, text
    with pytest.raises(AmountError, match="looks like a scale word"):
        parse_amount("€5 miljun", locale="en")


def test_hyphenated_compounds() -> None:
    assert [m.money for m in find_amounts("a 2-million-euro fine", locale="en")] == [
        Money("2000000", "EUR")
    ]
    (mention,) = find_amounts("a €1.2bn-fine", locale="en")
    assert (mention.money, mention.text) == (Money("1200000000", "EUR"), "€1.2bn")
    assert find_amounts("Die Behörde verhängte eine Millionenstrafe.", locale="de") == []
    assert find_amounts("eine Millionen-Strafe", locale="de") == []


def test_number_words() -> None:
    cases = [
        ("en", "five million euros", "5000000"),
        ("de", "fünf Millionen Euro", "5000000"),
        ("fr", "cinq millions d'euros", "5000000"),
        ("en", "two thousand euros", "2000"),
        ("es", "dos mil millones de euros", "2000000000"),
        ("fr", "quatre-vingt-dix mille euros", "90000"),
        ("en", "one hundred and twenty thousand euros", "120000"),
        ("it", "un milione di euro", "1000000"),
    ]
    for locale, text, amount in cases:
        assert parse_amount(text, locale=locale) == Money(amount, "EUR"), text
    (mention,) = find_amounts("five twenty euros", locale="en")
    assert not mention.sure
    assert mention.reason is not None
    assert "unusual order" in mention.reason


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("nl", "achttien" * 20_000 + "x euro"),  # two ways to split every "achttien"
        ("de", "zweiund" * 20_000 + "zwanzig Euro"),
        ("en", "one " * 20_000 + "euros"),
        ("en", "more than " * 20_000 + "€5"),
        ("fi", "2 " + "miljoonan " * 20_000 + "euron"),
    ],
    ids=["nl-compound", "de-units-first", "en-words", "en-hedges", "fi-scales"],
)
def test_number_words_and_hedges_are_read_in_linear_time(locale: str, text: str) -> None:
    import time

    find_amounts("€1", locale=locale)
    start = time.process_time()
    for mention in find_amounts(text, locale=locale):
        assert text[mention.start : mention.end] == mention.text
    assert time.process_time() - start < 1.0


def test_a_range_gives_two_bounds() -> None:
    low, high = find_amounts("fines of between €6,000 and €17,000", locale="en")
    assert (low.money, low.bound) == (Money("6000", "EUR"), "at_least")
    assert (high.money, high.bound, high.hedge) == (
        Money("17000", "EUR"),
        "at_most",
        "between €6,000 and",
    )
    # The lower end has no currency of its own: it is not read, the upper end is a bound.
    (high,) = find_amounts("zwischen 5 und 10 Millionen Euro", locale="de")
    assert (high.money, high.bound) == (Money("10000000", "EUR"), "at_most")
    assert find_amounts("between 2018 and 2020, €5m", locale="en")[0].bound == "exact"


def test_a_range_with_a_dash() -> None:
    low, high = find_amounts("fines of €5m-€10m", locale="en")
    assert (low.money, low.bound, low.sure) == (Money("5000000", "EUR"), "at_least", True)
    assert (high.money, high.bound, high.sure) == (Money("10000000", "EUR"), "at_most", True)
    # "5-10 million": 5 may be 5 million; the lower end is unsure, the upper end a bound.
    (low,) = find_amounts("EUR 5-10 million", locale="en")
    assert (low.money, low.sure) == (Money("5", "EUR"), False)
    (high,) = find_amounts("5–10 Mio. €", locale="de")
    assert (high.money, high.bound) == (Money("10000000", "EUR"), "at_most")
    # A year before a dash is no range.
    (fine,) = find_amounts("Google (2019) – €50m; in 2018 - €5m", locale="en")[:1]
    assert fine.bound == "exact"
    assert all(m.bound == "exact" for m in find_amounts("in 2018 - €5m", locale="en"))


def test_three_decimals_only_where_iso_4217_has_them() -> None:
    # The choice reads the project's data, not the installed CLDR's minor units.
    assert parse_amount("1.500 KWD", locale="en") == Money("1.5", "KWD")
    (mention,) = find_amounts("1.500 HUF", locale="en")
    assert (mention.money, mention.alternative, mention.sure) == (
        Money("1.5", "HUF"),
        Money("1500", "HUF"),
        False,
    )
