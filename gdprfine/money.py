"""Money: an exact decimal amount in an ISO 4217 currency.

Amounts are :class:`decimal.Decimal` from input to output; a ``float`` is refused, because a
binary fraction cannot state a fine exactly. Currency codes are checked against the ISO 4217
list shipped in ``gdprfine/data/iso4217.json`` (current codes, plus the withdrawn codes of
currencies that GDPR fines were imposed in, such as HRK and BGN).

>>> fine = Money("746000000", "EUR")
>>> fine
Money('746000000', 'EUR')
>>> fine.format()
'EUR 746 000 000'
>>> Money.parse("EUR 746000000") == Money.parse("746000000 EUR") == Money.parse("746000000")
True
>>> fine + Money("1", "USD")
Traceback (most recent call last):
...
gdprfine.errors.CurrencyMismatch: currency: 'USD': cannot add USD to EUR without an explicit conversion

Limits that protect callers: an amount has at most 18 digits before the decimal point and at
most 12 after it.
"""

from __future__ import annotations

import json
import re
from contextlib import AbstractContextManager
from datetime import date
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from functools import cache
from importlib import resources
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, StrictInt

from gdprfine.errors import AmountOverLimit, CurrencyMismatch, InvalidAmount, UnknownCurrency
from gdprfine.trusted import assembler, trusted

__all__ = [
    "DECIMAL_CONTEXT",
    "MAX_FIXINGS",
    "MAX_FRACTION_DIGITS",
    "MAX_INTEGER_DIGITS",
    "OPERATIONS",
    "RATIO_OPERATIONS",
    "CurrencyCode",
    "DecimalText",
    "ExchangeRate",
    "Money",
    "currency_name",
    "decimal_context",
    "is_currency",
    "minor_unit",
    "minor_unit_digits",
    "positive_rate",
    "to_decimal",
]

MAX_INTEGER_DIGITS = 18
MAX_FRACTION_DIGITS = 12
MAX_FIXINGS = 100_000
"""Most daily fixings a stated mean rate may count (the ECB fixes about 255 days a year)."""

DECIMAL_CONTEXT = Context(
    prec=80,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""gdprfine's own decimal context. Every computation on money runs in a copy of it, never in
the caller's context: a caller who sets ``decimal.getcontext().prec = 6`` or traps ``Inexact``
changes nothing. A ``with`` block (:func:`decimal_context`) works in a fresh copy; the hot
paths pass :data:`OPERATIONS` to each operation, which gives the same digits without entering a
block: its traps raise as usual, and its flags are never read, so threads may share it. 80 digits
hold every product and quotient of two amounts exactly before the one rounding a result states
(half to even, or up for an implied turnover)."""

OPERATIONS = DECIMAL_CONTEXT.copy()
"""The copy of :data:`DECIMAL_CONTEXT` that the library's hot paths pass to each operation
(``OPERATIONS.multiply(a, b)``, ``x.quantize(unit, rounding, OPERATIONS)``); never entered,
never changed."""

RATIO_OPERATIONS = DECIMAL_CONTEXT.copy()
RATIO_OPERATIONS.prec = 28
"""The same with the 28 significant digits of :meth:`Money.ratio`."""


def decimal_context(prec: int | None = None) -> AbstractContextManager[Context]:
    """A fresh copy of :data:`DECIMAL_CONTEXT` (with *prec* significant digits, if given) for a
    ``with`` block; the caller's context is restored after it."""
    if prec is None:
        return localcontext(DECIMAL_CONTEXT)
    return localcontext(DECIMAL_CONTEXT, prec=prec)


@cache
def _iso4217() -> dict[str, dict[str, Any]]:
    text = resources.files("gdprfine.data").joinpath("iso4217.json").read_text("utf-8")
    data = json.loads(text)
    table: dict[str, dict[str, Any]] = {}
    for section in ("active", "historic"):
        for code, entry in data[section].items():
            table[code] = dict(entry, status=section)
    return table


def is_currency(code: str) -> bool:
    """Tell whether *code* is an ISO 4217 currency code (current or withdrawn).

    >>> is_currency("EUR"), is_currency("HRK"), is_currency("EURO")
    (True, True, False)
    """
    return code in _iso4217()


def currency_name(code: str) -> str:
    """The ISO 4217 name of a currency.

    >>> currency_name("PLN")
    'Zloty'
    """
    return str(_iso4217()[_check_currency(code)]["name"])


def _check_currency(code: object, field: str = "currency") -> str:
    if not isinstance(code, str):
        raise UnknownCurrency(field, code, "a currency is a three-letter ISO 4217 code")
    clean = code.strip().upper()
    if clean not in _iso4217():
        raise UnknownCurrency(field, code)
    return clean


def _currency_validator(value: object) -> str:
    return _check_currency(value)


CurrencyCode = Annotated[str, BeforeValidator(_currency_validator)]
"""A currency code, validated against ISO 4217 and upper-cased."""


_DECIMAL_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def to_decimal(value: object, field: str = "amount") -> Decimal:
    """Read an exact, finite decimal from a ``Decimal``, an ``int`` or a decimal string.

    Floats are refused: they cannot hold most decimal fractions exactly.

    >>> to_decimal("12.50")
    Decimal('12.50')
    >>> to_decimal(0.1)
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidAmount: amount: 0.1: a float cannot state money exactly; \
give a decimal string such as '0.1'
    >>> to_decimal("NaN")
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidAmount: amount: 'NaN': not a decimal number
    """
    if isinstance(value, bool):
        raise InvalidAmount(field, value, "a boolean is not an amount")
    if isinstance(value, float):
        raise InvalidAmount(
            field, value, f"a float cannot state money exactly; give a decimal string such as '{value!r}'"
        )
    if isinstance(value, int):
        if value >= 10**MAX_INTEGER_DIGITS or value <= -(10**MAX_INTEGER_DIGITS):
            raise AmountOverLimit(field, value, f"more than {MAX_INTEGER_DIGITS} integer digits")
        result = Decimal(value)
    elif isinstance(value, Decimal):
        result = value
    elif isinstance(value, str):
        text = value.strip()
        if not _DECIMAL_TEXT.fullmatch(text):
            raise InvalidAmount(field, value, "not a decimal number")
        if len(text) > MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 2:
            raise AmountOverLimit(field, value, _over_the_limit(text))
        result = Decimal(text)
    else:
        raise InvalidAmount(field, value, "not a decimal number")
    if not result.is_finite():
        raise InvalidAmount(field, value, "an amount must be finite")
    if result.is_zero():
        result = result.copy_abs()
    _, digits, exponent = result.as_tuple()
    assert isinstance(exponent, int)
    if exponent < -MAX_FRACTION_DIGITS:
        raise AmountOverLimit(field, value, f"more than {MAX_FRACTION_DIGITS} decimal places")
    if len(digits) + exponent > MAX_INTEGER_DIGITS:
        raise AmountOverLimit(field, value, f"more than {MAX_INTEGER_DIGITS} integer digits")
    return result


def _over_the_limit(text: str) -> str:
    """Why a decimal text too long to read is refused: the limit it goes over.

    >>> _over_the_limit("9" * 40), _over_the_limit("1." + "5" * 40)
    ('more than 18 integer digits', 'more than 12 decimal places')
    """
    integer, _, fraction = text.lstrip("+-").partition(".")
    if len(integer.lstrip("0")) > MAX_INTEGER_DIGITS:
        return f"more than {MAX_INTEGER_DIGITS} integer digits"
    if len(fraction.rstrip("0")) > MAX_FRACTION_DIGITS:
        return f"more than {MAX_FRACTION_DIGITS} decimal places"
    return f"more than {MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 2} characters"


def _amount_validator(value: object) -> Decimal:
    return to_decimal(value)


def _plain(value: Decimal) -> str:
    return f"{value:f}"


DecimalText = Annotated[Decimal, PlainSerializer(_plain, return_type=str, when_used="json")]
"""A Decimal written in JSON as a plain decimal string ("0.000000000000", never "0E-12")."""


@cache
def minor_unit_digits(code: str) -> int:
    """Decimal places of a currency's minor unit: converted amounts are rounded to it.

    The figure is ISO 4217's (List One, or List Three for a withdrawn code), shipped with the
    package in ``gdprfine/data/iso4217.json``, not a display convention: CLDR, for example,
    shows the forint without decimals, but ISO 4217 gives it two. A code for which ISO 4217
    defines no minor unit (gold, the SDR, test codes) keeps the most decimal places an amount
    may have, :data:`MAX_FRACTION_DIGITS`.

    >>> minor_unit_digits("EUR"), minor_unit_digits("HUF"), minor_unit_digits("JPY")
    (2, 2, 0)
    >>> minor_unit_digits("BHD"), minor_unit_digits("HRK"), minor_unit_digits("XAU")
    (3, 2, 12)
    """
    minor = _iso4217()[_check_currency(code)].get("minor")
    return minor if isinstance(minor, int) else MAX_FRACTION_DIGITS


@cache
def minor_unit(code: str) -> Decimal:
    """A currency's minor unit as a Decimal, the exponent a converted amount is quantized to.

    >>> minor_unit("EUR"), minor_unit("JPY"), minor_unit("BHD")
    (Decimal('0.01'), Decimal('1'), Decimal('0.001'))
    """
    return Decimal(1).scaleb(-minor_unit_digits(code), OPERATIONS)


_REQUIRED: Any = object()


class Money(BaseModel):
    """An exact amount of money in one ISO 4217 currency. Immutable.

    >>> Money("10000000", "EUR") < Money("20000000", "EUR")
    True
    >>> Money("0.04", "EUR") * 3
    Money('0.12', 'EUR')
    >>> Money("1", "EURO")
    Traceback (most recent call last):
    ...
    gdprfine.errors.UnknownCurrency: currency: 'EURO': not an ISO 4217 currency code
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Annotated[DecimalText, BeforeValidator(_amount_validator)] = Field(
        description="Exact decimal amount; in JSON a string such as \"746000000\"."
    )
    currency: CurrencyCode = Field(description="ISO 4217 currency code, such as \"EUR\".")

    def __init__(
        self,
        amount: Decimal | int | str = _REQUIRED,
        currency: str = _REQUIRED,
        **unexpected: object,
    ) -> None:
        # Validation calls this with the keys of a mapping as keywords, so a mapping with a
        # key missing or one too many ends here too.
        if unexpected:
            raise InvalidAmount(
                "amount", sorted(unexpected), "unexpected keys; an amount has 'amount' and 'currency'"
            )
        if amount is _REQUIRED:
            raise InvalidAmount("amount", None, "the amount is missing")
        if currency is _REQUIRED:
            raise UnknownCurrency("currency", None, "the currency is missing")
        super().__init__(amount=to_decimal(amount), currency=_check_currency(currency))

    @classmethod
    def of(cls, data: Any) -> Self:
        """Validate a mapping ``{"amount": ..., "currency": ...}`` (or a Money) into a Money."""
        if isinstance(data, cls):
            return data
        return cls.model_validate(data)

    @classmethod
    def parse(cls, text: str, *, default_currency: str = "EUR", field: str = "amount") -> Self:
        """Read a plain amount as typed on a command line.

        Accepted: ``746000000 EUR``, ``EUR 746000000``, ``746000000`` (in *default_currency*),
        with an optional ``.`` decimal part and groups of three digits separated by ``_`` or a
        space. Commas are refused because they mean a decimal point in some languages and a
        group separator in others.

        >>> Money.parse("386064000000 USD")
        Money('386064000000', 'USD')
        >>> Money.parse("1_200_000_000 eur")
        Money('1200000000', 'EUR')
        >>> Money.parse("746,000,000 EUR")
        Traceback (most recent call last):
        ...
        gdprfine.errors.InvalidAmount: amount: '746,000,000 EUR': commas are ambiguous; write \
746000000 (with '.' for decimals)
        """
        raw = text
        if not isinstance(text, str):
            raise InvalidAmount(field, text, "expected text such as '746000000 EUR'")
        text = text.strip()
        match = re.fullmatch(
            r"(?:(?P<pre>[A-Za-z]{3})\s+)?(?P<num>[+-]?[\d_ ]*\d(?:\.\d+)?)(?:\s+(?P<post>[A-Za-z]{3}))?",
            text,
        )
        if not match or (match["pre"] and match["post"]):
            if "," in text:
                raise InvalidAmount(
                    field, raw, "commas are ambiguous; write 746000000 (with '.' for decimals)"
                )
            raise InvalidAmount(
                field, raw, "expected an amount such as '746000000 EUR', 'EUR 746000000' or '746000000'"
            )
        number = match["num"]
        integer = number.split(".")[0].lstrip("+-")
        if ("_" in integer or " " in integer) and not re.fullmatch(
            r"\d{1,3}(?:[_ ]\d{3})*", integer
        ):
            raise InvalidAmount(field, raw, "digit groups must have three digits")
        number = number.replace("_", "").replace(" ", "")
        if number.startswith("-"):
            raise InvalidAmount(field, raw, "an amount must not be negative")
        code = match["pre"] or match["post"] or default_currency
        return cls(to_decimal(number, field), _check_currency(code, field))

    def __repr__(self) -> str:
        return f"Money({str(self.amount)!r}, {self.currency!r})"

    def __str__(self) -> str:
        return self.format()

    def format(self, *, places: int | None = None) -> str:
        """Format as ``CODE amount`` with thin groups of three digits, locale-neutral.

        >>> Money("13520014008.0488", "EUR").format(places=0)
        'EUR 13 520 014 008'
        """
        amount = self.amount
        if places is not None:
            unit = Decimal(1).scaleb(-places, OPERATIONS)
            amount = amount.quantize(unit, ROUND_HALF_EVEN, OPERATIONS)
        sign = "-" if amount < 0 else ""
        text = f"{amount.copy_abs():f}"
        integer, _, fraction = text.partition(".")
        groups = f"{int(integer):,}".replace(",", " ")
        return f"{self.currency} {sign}{groups}{'.' + fraction if fraction else ''}"

    def _same(self, other: Money, verb: str) -> None:
        if other.__class__ is Money and other.currency == self.currency:
            return
        if not isinstance(other, Money):
            raise TypeError(f"cannot {verb} Money and {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                "currency",
                other.currency,
                f"cannot {verb} {other.currency} to {self.currency} without an explicit conversion"
                if verb == "add"
                else f"cannot {verb} {other.currency} and {self.currency} without an explicit conversion",
            )

    @classmethod
    def computed(cls, amount: Decimal, currency: str) -> Money:
        """A Money that gdprfine computed (a sum, a product, a conversion, an implied
        turnover): exact and finite, in a currency already checked, but free of the input limits
        on digits, which bound what a caller may give, not what an exact result may need.

        >>> Money.computed(Decimal("50000000000000000000.00"), "EUR").format()
        'EUR 50 000 000 000 000 000 000.00'
        """
        if not isinstance(amount, Decimal) or not amount.is_finite():
            raise InvalidAmount("amount", amount, "a computed amount must be a finite Decimal")
        if cls is Money:
            return _money({"amount": amount, "currency": _check_currency(currency)})
        return trusted(cls, amount=amount, currency=_check_currency(currency))

    def __add__(self, other: Money) -> Money:
        self._same(other, "add")
        return _money({"amount": OPERATIONS.add(self.amount, other.amount), "currency": self.currency})

    def __sub__(self, other: Money) -> Money:
        self._same(other, "subtract")
        return _money({"amount": OPERATIONS.subtract(self.amount, other.amount), "currency": self.currency})

    def __mul__(self, factor: Decimal | int) -> Money:
        if factor.__class__ is not Decimal and (
            isinstance(factor, float | bool) or not isinstance(factor, Decimal | int)
        ):
            raise TypeError("Money can only be multiplied by a Decimal or an int")
        return _money({"amount": OPERATIONS.multiply(self.amount, factor), "currency": self.currency})

    __rmul__ = __mul__

    def ratio(self, other: Money) -> Decimal:
        """This amount as a fraction of *other* (same currency), to 28 significant digits.

        >>> Money("746000000", "EUR").ratio(Money("20000000", "EUR"))
        Decimal('37.3')
        """
        self._same(other, "compare")
        if other.amount == 0:
            raise InvalidAmount("amount", "0", "cannot divide by a zero amount")
        return RATIO_OPERATIONS.divide(self.amount, other.amount).normalize(RATIO_OPERATIONS)

    def __lt__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other, "compare")
        return self.amount >= other.amount


_money = assembler(Money)
"""A Money from ``{"amount": exact finite Decimal, "currency": checked code}``, unchecked."""


def positive_rate(value: object) -> Decimal:
    """Read an exchange rate: an exact decimal greater than zero."""
    rate = to_decimal(value, "rate")
    if rate <= 0:
        raise InvalidAmount("rate", value, "an exchange rate must be positive")
    return rate


class ExchangeRate(BaseModel):
    """A stated exchange rate: *rate* units of *quote* per one unit of *base*, with its origin.

    Conversions round to the target currency's minor unit (half to even).

    >>> usd = ExchangeRate(base="EUR", quote="USD", rate=Decimal("1.1422"),
    ...                    source="ECB euro reference rate, mean of 2020")
    >>> usd.convert(Money("386064000000", "USD"))
    Money('338000350201.37', 'EUR')
    >>> usd.convert(Money("1", "EUR"))
    Money('1.14', 'USD')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    base: CurrencyCode = Field(description="The currency one unit of which the rate prices.")
    quote: CurrencyCode = Field(description="The currency the rate is expressed in.")
    rate: Annotated[DecimalText, BeforeValidator(positive_rate)] = Field(
        description="Units of quote per one unit of base, as a decimal string."
    )
    rule: str = Field(
        default="explicit",
        description="How the rate was chosen: explicit, ecb-mean, ecb-on-date, ecb-year-end.",
    )
    start: date | None = Field(default=None, description="First day the rate covers.")
    end: date | None = Field(default=None, description="Last day the rate covers.")
    fixings: StrictInt | None = Field(
        default=None, ge=1, le=MAX_FIXINGS, description="Number of daily fixings averaged."
    )
    source: str = Field(default="", description="Where the rate comes from.")

    def convert(self, money: Money) -> Money:
        """Convert *money* from either side of the pair to the other."""
        if money.currency == self.quote:
            target = self.base
        elif money.currency == self.base:
            target = self.quote
        else:
            raise CurrencyMismatch(
                "currency",
                money.currency,
                f"this rate converts between {self.base} and {self.quote} only",
            )
        # Amounts and rates have at most 30 digits, so a product is exact at 80 digits and a
        # quotient is rounded once, to the minor unit, from 80 digits.
        if target == self.base:
            value = OPERATIONS.divide(money.amount, self.rate)
        else:
            value = OPERATIONS.multiply(money.amount, self.rate)
        converted = value.quantize(minor_unit(target), ROUND_HALF_EVEN, OPERATIONS)
        return _money({"amount": converted, "currency": target})

    def describe(self) -> str:
        """One line: the rate, the dates it covers and its source."""
        when = ""
        if self.start and self.end and self.start != self.end:
            when = f" over {self.start.isoformat()}..{self.end.isoformat()}"
        elif self.end or self.start:
            when = f" on {(self.end or self.start).isoformat()}"  # type: ignore[union-attr]
        count = f", {self.fixings} fixings" if self.fixings else ""
        src = f" ({self.source})" if self.source else ""
        return f"{self.quote}/{self.base} {self.rate} [{self.rule}{when}{count}]{src}"

