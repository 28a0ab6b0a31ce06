"""The arithmetic of amounts gives the same digits, exponent included, as the same operation
in a fresh ``localcontext`` of the library's decimal context: a product, a sum, a ratio, a
share, a conversion, an implied turnover, a cap, a rounded format; checked by hypothesis."""

from __future__ import annotations

import decimal
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal, localcontext

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gdprfine.caps import implied_minimum_turnover, legal_maximum
from gdprfine.check import _share
from gdprfine.errors import CurrencyMismatch
from gdprfine.law import Tier, regime
from gdprfine.money import DECIMAL_CONTEXT, ExchangeRate, Money, minor_unit_digits
from gdprfine.trace import percent


def _same_digits(got: Decimal, expected: Decimal) -> None:
    assert got.as_tuple() == expected.as_tuple()


amounts = st.builds(
    lambda digits, places: Decimal(digits).scaleb(-places),
    st.integers(0, 10**18 - 1),
    st.integers(0, 12),
)
"""Every amount a caller may give: up to 18 integer and 12 decimal digits, trailing zeros kept."""
positive = amounts.filter(lambda d: d > 0)
shares = st.one_of(
    st.sampled_from([Decimal("0.02"), Decimal("0.04"), Decimal("0.035")]),
    st.builds(lambda k, e: Decimal(k).scaleb(-e), st.integers(1, 10**6), st.integers(1, 9)),
)
currencies = st.sampled_from(["EUR", "USD", "JPY", "BHD", "HUF", "XAU"])


def _tier(share: Decimal, static: Decimal) -> Tier:
    base = regime().tier("83(5)")
    return Tier(
        base.regime, base.id, base.title, base.gravity, base.valid_from,
        Money(static, "EUR"), share, base.reference,
    )  # fmt: skip


@given(amounts, amounts, shares)
@example(Decimal("338000350201.37"), Decimal("746000000"), Decimal("0.04"))
def test_products_sums_and_differences(a: Decimal, b: Decimal, share: Decimal) -> None:
    x, y = Money(a, "EUR"), Money(b, "EUR")
    with localcontext(DECIMAL_CONTEXT):
        product, total, difference = a * share, a + b, a - b
    _same_digits((x * share).amount, product)
    _same_digits((x * 3).amount, (x + x + x).amount)
    _same_digits((x + y).amount, total)
    _same_digits((x - y).amount, difference)


@given(amounts, positive)
@example(Decimal("746000000"), Decimal("338000350201.37"))
@example(Decimal("0"), Decimal("1"))
@example(Decimal("123456789012345678.123456789012"), Decimal("0.000000000007"))
def test_ratios_and_shares(a: Decimal, b: Decimal) -> None:
    with localcontext(DECIMAL_CONTEXT, prec=28):
        ratio = (a / b).normalize()
    with localcontext(DECIMAL_CONTEXT):
        share = ratio.quantize(Decimal("1e-12"))
    _same_digits(Money(a, "EUR").ratio(Money(b, "EUR")), ratio)
    found = _share(Money(a, "EUR"), Money(b, "EUR"))
    assert found is not None
    _same_digits(found, share)


@given(amounts, shares, amounts)
@example(Decimal("746000000"), Decimal("0.04"), Decimal("20000000"))
def test_implied_turnover_and_cap(fine: Decimal, share: Decimal, static: Decimal) -> None:
    tier = _tier(share, static)
    with localcontext(DECIMAL_CONTEXT):
        least = (fine / share).quantize(Decimal(1).scaleb(-2), rounding=ROUND_CEILING)
        dynamic = fine * share
    found = implied_minimum_turnover(Money(fine, "EUR"), tier)
    if fine <= static:
        assert found is None
    else:
        assert found is not None
        _same_digits(found.amount, least)
    cap = legal_maximum(tier, Money(fine, "EUR"))
    assert cap.turnover_based is not None
    _same_digits(cap.turnover_based.amount, dynamic)
    _same_digits(cap.amount.amount, dynamic if dynamic > static else static)


@given(amounts, positive.filter(lambda r: r.adjusted() < 12), currencies)
@example(Decimal("386064000000"), Decimal("1.1422"), "USD")
def test_conversions(amount: Decimal, rate: Decimal, quote: str) -> None:
    if quote == "EUR":
        return
    pair = ExchangeRate(base="EUR", quote=quote, rate=rate)
    with localcontext(DECIMAL_CONTEXT):
        to_base = (amount / rate).quantize(Decimal(1).scaleb(-minor_unit_digits("EUR")), rounding=ROUND_HALF_EVEN)
        to_quote = (amount * rate).quantize(Decimal(1).scaleb(-minor_unit_digits(quote)), rounding=ROUND_HALF_EVEN)
    _same_digits(pair.convert(Money(amount, quote)).amount, to_base)
    _same_digits(pair.convert(Money(amount, "EUR")).amount, to_quote)


@given(amounts, st.integers(0, 12))
def test_rounded_formats(amount: Decimal, places: int) -> None:
    with localcontext(DECIMAL_CONTEXT):
        rounded = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    expected = Money.computed(rounded, "EUR").format()
    assert Money(amount, "EUR").format(places=places) == expected


@given(amounts, st.integers(0, 14))
def test_percentages(share: Decimal, places: int) -> None:
    with localcontext(DECIMAL_CONTEXT):
        value = (share * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
        expected = f"{value.normalize():f} %"
    assert percent(share, places) == expected


def test_a_share_of_nothing_is_none_and_of_another_currency_an_error() -> None:
    assert _share(Money("1", "EUR"), Money("0", "EUR")) is None
    with pytest.raises(CurrencyMismatch):
        _share(Money("1", "EUR"), Money("2", "USD"))


def test_the_callers_context_changes_nothing_and_keeps_its_flags() -> None:
    fine, turnover = Money("746000000.01", "EUR"), Money("338000350201.37", "EUR")
    expected = (fine * Decimal("0.04"), fine.ratio(turnover), _share(fine, turnover))
    with localcontext() as mine:
        mine.prec = 3
        mine.traps[decimal.Inexact] = True
        mine.clear_flags()
        assert (fine * Decimal("0.04"), fine.ratio(turnover), _share(fine, turnover)) == expected
        assert not any(mine.flags.values())
    assert not any(DECIMAL_CONTEXT.flags.values())
