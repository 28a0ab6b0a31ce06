"""Thread safety: checks, caps, conversions and amount readings from many threads at once give
what one thread gives."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from gdprfine import fx
from gdprfine.amounts import parse_amount, read_amount
from gdprfine.check import cap_report, check_fine
from gdprfine.errors import FxError, InvalidInput, LawLookupError
from gdprfine.money import Money


def _work(i: int) -> tuple[object, ...]:
    fine = Money(str(1_000_000 + i), "EUR")
    return (
        check_fine(fine, tier="83(4)", turnover=Money("5000000000", "EUR")).cap,
        check_fine(Money("2500000", "PLN"), articles="Art. 32").verdict,
        cap_report(tier="83(5)", turnover="386064000000 USD", financial_year=2020).cap.amount,
        fx.convert(Money("100", "USD"), "EUR", mean_over=2019 + i % 3).converted,
        parse_amount("746 miljoen euro", locale="nl"),
        read_amount("1,2 Mio. Euro"),
    )


def test_many_threads_agree_with_one() -> None:
    expected = [_work(i) for i in range(24)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(_work, range(24)))
    assert got == expected


def test_wrong_argument_types_raise_the_packages_errors() -> None:
    assert check_fine("1000 EUR", tier="83(4)").verdict == "within"
    assert fx.convert(Money("1", "USD"), "EUR", mean_over=2024).rate.fixings
    with pytest.raises(InvalidInput):
        check_fine(Money("1", "EUR"), tier="83(4)", on=20200101)  # type: ignore[arg-type]
    with pytest.raises(LawLookupError):
        check_fine(Money("1", "EUR"), tier=834)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        check_fine(Money("1", "EUR"), tier="83(4)", turnover=5)  # type: ignore[arg-type]
    with pytest.raises(FxError):
        fx.convert(Money("1", "USD"), "EUR", on=3.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        cap_report(tier="83(4)", turnover=Money("1", "USD"), financial_year=[2020])  # type: ignore[arg-type]
