"""Money: exact decimal amounts, ISO 4217 currencies, parsing, arithmetic and exchange rates."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from gdprfine.errors import CurrencyMismatch, InvalidAmount, InvalidInput, UnknownCurrency
from gdprfine.money import ExchangeRate, Money, is_currency, minor_unit_digits, to_decimal


def test_amount_is_exact_decimal() -> None:
    fine = Money("35258707.95", "EUR")
    assert fine.amount == Decimal("35258707.95")
    assert isinstance(fine.amount, Decimal)
    assert fine.currency == "EUR"


def test_int_and_decimal_inputs() -> None:
    assert Money(746000000, "EUR") == Money("746000000", "EUR")
    assert Money(Decimal("0.10"), "EUR").amount == Decimal("0.10")


def test_currency_code_is_upper_cased() -> None:
    assert Money("1", "usd").currency == "USD"


def test_withdrawn_currency_known() -> None:
    assert is_currency("HRK")
    assert is_currency("BGN")
    assert not is_currency("EURO")


@pytest.mark.parametrize(("code", "digits"), [("EUR", 2), ("GBP", 2), ("JPY", 0), ("PLN", 2)])
def test_minor_unit_digits(code: str, digits: int) -> None:
    assert minor_unit_digits(code) == digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("746000000 EUR", Money("746000000", "EUR")),
        ("EUR 746000000", Money("746000000", "EUR")),
        ("746000000", Money("746000000", "EUR")),
        ("746_000_000 eur", Money("746000000", "EUR")),
        ("746 000 000 EUR", Money("746000000", "EUR")),
        ("35258707.95 EUR", Money("35258707.95", "EUR")),
        ("GBP 20000000", Money("20000000", "GBP")),
        ("  10000 RON  ", Money("10000", "RON")),
    ],
)
def test_parse_accepted_shapes(text: str, expected: Money) -> None:
    assert Money.parse(text) == expected


def test_parse_default_currency() -> None:
    assert Money.parse("8700000", default_currency="GBP") == Money("8700000", "GBP")


def test_format_groups_digits() -> None:
    assert Money("746000000", "EUR").format() == "EUR 746 000 000"
    assert Money("13520014008.0548", "EUR").format() == "EUR 13 520 014 008.0548"
    assert Money("13520014008.0548", "EUR").format(places=2) == "EUR 13 520 014 008.05"
    assert str(Money("0.5", "EUR")) == "EUR 0.5"


def test_repr() -> None:
    assert repr(Money("746000000", "EUR")) == "Money('746000000', 'EUR')"


def test_arithmetic_is_exact() -> None:
    assert Money("0.1", "EUR") + Money("0.2", "EUR") == Money("0.3", "EUR")
    assert Money("1", "EUR") - Money("0.01", "EUR") == Money("0.99", "EUR")
    assert Money("386064000000", "USD") * Decimal("0.04") == Money("15442560000.00", "USD")
    assert 3 * Money("0.04", "EUR") == Money("0.12", "EUR")


def test_comparisons() -> None:
    assert Money("10000000", "EUR") < Money("20000000", "EUR")
    assert Money("20000000", "EUR") >= Money("20000000.00", "EUR")
    assert Money("20000000", "EUR") == Money("20000000.00", "EUR")


def test_ratio() -> None:
    assert Money("746000000", "EUR").ratio(Money("20000000", "EUR")) == Decimal("37.3")


def test_ratio_by_zero_refused() -> None:
    with pytest.raises(InvalidAmount, match=r"^amount: '0': cannot divide by a zero amount$"):
        Money("1", "EUR").ratio(Money("0", "EUR"))


def test_negative_zero_is_zero() -> None:
    assert str(Money("-0", "EUR").amount) == "0"


def test_json_is_string_amount() -> None:
    money = Money("746000000.50", "EUR")
    assert money.model_dump(mode="json") == {"amount": "746000000.50", "currency": "EUR"}
    assert Money.model_validate_json(money.model_dump_json()) == money


def test_of_mapping() -> None:
    assert Money.of({"amount": "5", "currency": "PLN"}) == Money("5", "PLN")
    same = Money("5", "PLN")
    assert Money.of(same) is same


def test_money_is_immutable() -> None:
    money = Money("1", "EUR")
    with pytest.raises(ValueError, match="frozen"):
        money.amount = Decimal(2)  # type: ignore[misc]


# Bad input: the exception type, and a one-line message naming the field and the value.


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "amount: 'abc': not a decimal number"),
        ("12,5", "amount: '12,5': not a decimal number"),
        ("", "amount: '': not a decimal number"),
        ("NaN", "amount: 'NaN': not a decimal number"),
        ("Infinity", "amount: 'Infinity': not a decimal number"),
        ("-Infinity", "amount: '-Infinity': not a decimal number"),
        ("1e400", "amount: '1e400': not a decimal number"),
        (Decimal("NaN"), "amount: Decimal('NaN'): an amount must be finite"),
        (Decimal("Infinity"), "amount: Decimal('Infinity'): an amount must be finite"),
        (Decimal("sNaN"), "amount: Decimal('sNaN'): an amount must be finite"),
        (
            0.1,
            "amount: 0.1: a float cannot state money exactly; give a decimal string such as '0.1'",
        ),
        (float("nan"), "amount: nan: a float cannot state money exactly"),
        (True, "amount: True: a boolean is not an amount"),
        (None, "amount: None"),
        (["1"], "amount: ['1']: not a decimal number"),
        ("1" * 19, f"amount: '{'1' * 19}': more than 18 integer digits"),
        (10**18, f"amount: {10**18}: more than 18 integer digits"),
        (Decimal("1E+18"), "amount: Decimal('1E+18'): more than 18 integer digits"),
        ("0.0000000000001", "amount: '0.0000000000001': more than 12 decimal places"),
    ],
)
def test_to_decimal_refuses(value: object, message: str) -> None:
    with pytest.raises(InvalidAmount) as info:
        to_decimal(value)
    text = str(info.value)
    assert "\n" not in text
    if value is None:
        assert text == "amount: not a decimal number"
    else:
        assert text.startswith(message)


def test_to_decimal_limits_accepted() -> None:
    assert to_decimal("9" * 18) == Decimal("9" * 18)
    assert to_decimal("0.000000000001") == Decimal("1E-12")


def test_to_decimal_names_the_field() -> None:
    with pytest.raises(InvalidAmount, match=r"^rate: 'x': not a decimal number$"):
        to_decimal("x", "rate")


def test_money_refuses_float() -> None:
    with pytest.raises(InvalidAmount, match=r"^amount: 746000000\.0: a float cannot state money"):
        Money(746000000.0, "EUR")  # type: ignore[arg-type]


def test_invalid_amount_is_value_error() -> None:
    with pytest.raises(ValueError, match="amount"):
        Money("x", "EUR")
    assert issubclass(InvalidAmount, InvalidInput)


@pytest.mark.parametrize("code", ["XEU", "EURO", "E", "123", ""])
def test_unknown_currency(code: str) -> None:
    with pytest.raises(UnknownCurrency) as info:
        Money("10", code)
    assert str(info.value) == f"currency: {code!r}: not an ISO 4217 currency code"


def test_currency_must_be_text() -> None:
    with pytest.raises(UnknownCurrency, match=r"^currency: 978: a currency is a three-letter"):
        Money("10", 978)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5 EUR", "amount: '-5 EUR': an amount must not be negative"),
        ("746,000,000 EUR", "amount: '746,000,000 EUR': commas are ambiguous"),
        ("746,5", "amount: '746,5': commas are ambiguous"),
        ("abc", "amount: 'abc': expected an amount such as"),
        ("NaN EUR", "amount: 'NaN EUR': expected an amount such as"),
        ("inf", "amount: 'inf': expected an amount such as"),
        ("EUR 5 USD", "amount: 'EUR 5 USD': expected an amount such as"),
        ("7460_00000 EUR", "amount: '7460_00000 EUR': digit groups must have three digits"),
        ("1e9 EUR", "amount: '1e9 EUR': expected an amount such as"),
        ("5 XEU", "amount: 'XEU': not an ISO 4217 currency code"),
        ("1" * 19 + " EUR", "amount: '" + "1" * 19 + "': more than 18 integer digits"),
    ],
)
def test_parse_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as info:
        Money.parse(text)
    assert str(info.value).startswith(message)


def test_parse_names_the_field() -> None:
    with pytest.raises(InvalidAmount, match=r"^--fine: 'x': expected an amount"):
        Money.parse("x", field="--fine")


def test_currency_mismatch_add() -> None:
    with pytest.raises(CurrencyMismatch) as info:
        Money("1", "EUR") + Money("1", "USD")
    assert str(info.value) == (
        "currency: 'USD': cannot add USD to EUR without an explicit conversion"
    )


def test_currency_mismatch_compare() -> None:
    with pytest.raises(CurrencyMismatch, match=r"^currency: 'GBP': cannot compare GBP and EUR"):
        _ = Money("1", "EUR") < Money("1", "GBP")


def test_multiply_by_float_refused() -> None:
    with pytest.raises(TypeError, match="Decimal or an int"):
        _ = Money("1", "EUR") * 1.5  # type: ignore[operator]


# Exchange rates


USD_2020 = ExchangeRate(
    base="EUR",
    quote="USD",
    rate=Decimal("1.1422"),
    rule="ecb-mean",
    source="ECB euro reference rate, mean of 2020",
)


def test_amazon_turnover_conversion() -> None:
    assert USD_2020.convert(Money("386064000000", "USD")) == Money("338000350201.37", "EUR")


def test_convert_base_to_quote_rounds_half_even() -> None:
    assert USD_2020.convert(Money("1", "EUR")) == Money("1.14", "USD")
    rate = ExchangeRate(base="EUR", quote="USD", rate=Decimal("1.125"))
    assert rate.convert(Money("1", "EUR")) == Money("1.12", "USD")


def test_convert_to_zero_decimal_currency() -> None:
    rate = ExchangeRate(base="EUR", quote="JPY", rate=Decimal("121.85"))
    assert rate.convert(Money("1", "EUR")) == Money("122", "JPY")


def test_convert_wrong_currency() -> None:
    with pytest.raises(CurrencyMismatch, match=r"^currency: 'GBP': this rate converts between"):
        USD_2020.convert(Money("1", "GBP"))


@pytest.mark.parametrize("rate", ["0", "-1.1422"])
def test_rate_must_be_positive(rate: str) -> None:
    with pytest.raises(
        ValueError, match=f"rate: '{re.escape(rate)}': an exchange rate must be positive"
    ):
        ExchangeRate(base="EUR", quote="USD", rate=rate)


def test_rate_refuses_float() -> None:
    with pytest.raises(ValueError, match=r"rate: 1\.1422: a float cannot state money"):
        ExchangeRate(base="EUR", quote="USD", rate=1.1422)


def test_rate_describe() -> None:
    from datetime import date

    rate = ExchangeRate(
        base="EUR",
        quote="USD",
        rate=Decimal("1.1422"),
        rule="ecb-mean",
        start=date(2020, 1, 1),
        end=date(2020, 12, 31),
        fixings=257,
        source="ECB",
    )
    assert (
        rate.describe()
        == "USD/EUR 1.1422 [ecb-mean over 2020-01-01..2020-12-31, 257 fixings] (ECB)"
    )

